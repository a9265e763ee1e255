// The executor's constant-weight caches (issue 19): while no tape records, a BatchNormalization that alone reads a
// Conv's or Gemm's product is folded into its weight and bias (equal within rounding, not bit-identical: a silent
// fallback to the plain nodes fails the bit comparison below), a BatchNormalization after the activation of a Conv /
// Gemm runs in the same step (bit-identical), and the weights of Gemm / MatMul / Conv are packed for the GEMM once per
// weight version (bit-identical). Every cache follows assign() and optimizer updates of the weights.
import { describe, expect, test } from 'vitest';
import * as tf from '../../src/index.js';
import { loadOnnxModel, type OnnxModel } from '../../src/onnx/index.js';
import { FUSE } from '../../src/onnx/ops.js';
import { graph } from './fold_graph.js';

const values = (r: tf.Tensor | tf.Tensor[]) => ([] as tf.Tensor[]).concat(r).map((t) => { const v = Array.from(t.dataSync() as Float32Array); t.dispose(); return v; });
const run = (m: OnnxModel, x: tf.Tensor, fused: boolean) => {
  FUSE.on = fused;
  try { return values(m.predict(x)); } finally { FUSE.on = true; }
};
type Steps = { steps: { ctx: { lean?: { bn?: { fold: boolean } } } }[] };
const plan = (m: OnnxModel) => (m as unknown as { plans: Map<string, { plain: Steps; lean: Steps }> }).plans.values().next().value!;
const derivedKeys = (m: OnnxModel) => [...(m as unknown as { derived: Map<unknown, Map<string, unknown>> }).derived.values()].flatMap((d) => [...d.keys()]);

/**
 * fused ≈ plain (1e-4 of the output's largest magnitude: six folded layers in a row, weights scaled up to 3× by the
 * test; the first model's worst is below 1e-5), and not the same bits (something was folded).
 */
function expectFoldedClose(fused: number[][], plain: number[][]) {
  let same = true;
  fused.forEach((v, o) => {
    const scale = Math.max(1, ...plain[o].map(Math.abs));
    v.forEach((a, i) => {
      expect(Math.abs(a - plain[o][i]), `output ${o} element ${i}`).toBeLessThanOrEqual(1e-4 * scale);
      if (!Object.is(a, plain[o][i])) same = false;
    });
  });
  expect(same).toBe(false);
}

describe('BatchNormalization folded into Conv / Gemm, weights packed once', () => {
  test('folded where it alone reads the product, applied in the step after an activation, not where the product is read twice or wanted', async () => {
    const before = tf.memory().numTensors;
    const m = await loadOnnxModel(graph());
    const x = tf.randomNormal([2, 3, 8, 7], 0, 1.5, 'float32', 7);
    const fused = run(m, x, true), plain = run(m, x, false);
    expectFoldedClose(fused, plain);
    expect(run(m, x, true)).toEqual(fused); // the second run (cached folds, packed weights) gives the same bits
    const { plain: p, lean: l } = plan(m);
    // folded: n1 (+ Relu), n2, n4, n5 (+ Sigmoid), n6; after the activation: n3; not n7 (c7 read twice), n8 (c8 wanted)
    expect(l.steps.filter((s) => s.ctx.lean?.bn?.fold === true).length).toBe(5);
    expect(l.steps.filter((s) => s.ctx.lean?.bn?.fold === false).length).toBe(1);
    expect(p.steps.length - l.steps.length).toBe(2 + 1 + 2 + 1 + 2 + 1);
    // the packed weights: the Convs (not the depthwise one) and Gemms of the lean steps
    expect(derivedKeys(m).filter((k) => k === 'packed').length).toBe(7);
    x.dispose();
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('batch 1 and a batch of 5: each row as computed alone', async () => {
    const m = await loadOnnxModel(graph());
    const x = tf.randomNormal([5, 3, 8, 7], 0, 1, 'float32', 3);
    const all = run(m, x, true);
    const x1 = tf.slice(x, [2, 0, 0, 0], [1, 3, 8, 7]);
    const one = run(m, x1, true);
    expect(one[0]).toEqual(all[0].slice(2 * 3, 3 * 3));
    tf.dispose([x, x1]);
    m.dispose();
  });

  test('the caches follow the weights: assign and an optimizer step on a Conv weight, a Gemm weight and BN statistics', async () => {
    const m = await loadOnnxModel(graph());
    const x = tf.randomNormal([2, 3, 8, 7], 0, 1, 'float32', 9);
    const first = run(m, x, true);
    const w = (n: string) => [...m.trainableWeights, ...m.nonTrainableWeights].find((v) => v.name === n)!;
    for (const [name, f] of [['W1', 0.5], ['G6', -1], ['n5v', 3], ['n3s', 2], ['W4', 0.25]] as const) {
      const v = w(name);
      v.assign(tf.tidy(() => tf.mul(v, f)));
      const fused = run(m, x, true), plain = run(m, x, false);
      expectFoldedClose(fused, plain);
      expect(fused[0], name).not.toEqual(first[0]);
    }
    const opt = tf.train.sgd(0.1);
    opt.minimize(() => tf.tidy(() => tf.sum((m.predict(x) as tf.Tensor[])[0]) as tf.Scalar), false, m.trainableWeights);
    expectFoldedClose(run(m, x, true), run(m, x, false));
    opt.dispose();
    x.dispose();
    m.dispose();
  });

  test('under a tape the nodes run one by one: gradients reach the BatchNormalization scales', async () => {
    const m = await loadOnnxModel(graph());
    const x = tf.randomNormal([2, 3, 8, 7], 0, 1, 'float32', 4);
    const plain = run(m, x, false);
    let taped: number[] = [];
    const { grads, value } = tf.variableGrads(() => tf.tidy(() => {
      const [y, c8] = m.predict(x) as tf.Tensor[];
      c8.dispose();
      taped = Array.from(y.dataSync() as Float32Array);
      return tf.sum(y) as tf.Scalar;
    }), m.trainableWeights);
    expect(taped).toEqual(plain[0]); // (the plain nodes' bits)
    for (const n of ['W1', 'n1s', 'n2s', 'n3s', 'n5s', 'n6b', 'G5', 'G6']) expect(grads[n], n).toBeDefined();
    tf.dispose([value, ...Object.values(grads)]);
    x.dispose();
    m.dispose();
  });
});
