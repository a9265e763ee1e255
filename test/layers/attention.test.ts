// MultiHeadAttention against Keras 3 (test/fixtures/keras/mha.json, made by scripts/fixtures/mha.py): outputs,
// attention scores and the gradients of sum(y · dy) with respect to every input and weight, for no mask, an
// attention mask, the causal mask, a key different from the value, valueDim ≠ keyDim, outputShape, no biases,
// rank-4 inputs (attention over both position axes, with a mask); finite differences; the mask as a 4th
// input; masks of the inputs; functional models; dropout; config; bad arguments.
import { describe, expect, it } from 'vitest';
import fixture from '../fixtures/keras/mha.json';
import { expectClose, rand, tf } from '../helpers.js';
import { checkMultiInputLayerGrad, vals } from './oracle.js';

const L = tf.layers;
type Case = (typeof fixture.cases)[number] & { key?: number[]; keyShape?: number[]; attentionMask?: number[]; maskShape?: number[] };
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function fromCase(c: Case) {
  const config = Object.fromEntries(Object.entries(c.config).map(([k, v]) => [camel(k), v]));
  const layer = L.multiHeadAttention(config as any);
  const q = tf.tensor(c.query, c.queryShape), v = tf.tensor(c.value, c.valueShape);
  const inputs = c.key ? [q, v, tf.tensor(c.key, c.keyShape!)] : [q, v];
  const args: any = { useCausalMask: c.useCausalMask };
  if (c.attentionMask) args.attentionMask = tf.tensor(c.attentionMask, c.maskShape!, 'bool');
  layer.apply(inputs, args);
  expect(layer.weights.map((w) => [w.name.split('/').slice(1).join('/'), w.shape]))
    .toEqual(c.weights.map((w) => [w.name.split('/').slice(1).join('/'), w.shape]));
  layer.setWeights(c.weights.map((w) => tf.tensor(w.values, w.shape)));
  return { layer, inputs, args };
}

describe('MultiHeadAttention', () => {
  it(`fixture made by Keras ${fixture.keras}`, () => expect(fixture.cases.length).toBe(10));

  it.each(fixture.cases.map((c) => [c.name, c] as const))('matches Keras 3: %s (output, scores, input and weight gradients)', (_n, c0) => {
    const c = c0 as Case;
    const { layer, inputs, args } = fromCase(c);
    const [y, scores] = layer.apply(inputs, { ...args, returnAttentionScores: true }) as tf.Tensor[];
    expect(y.shape).toEqual(c.outputShape);
    expect(scores.shape).toEqual(c.scoresShape);
    expectClose(y, c.output, 1e-4, 1e-5);
    expectClose(scores, c.scores, 1e-4, 1e-6);
    const dy = tf.tensor(c.dy, c.outputShape);
    const tape = new tf.GradientTape();
    inputs.forEach((x) => tape.watch(x));
    const loss = tf.sum(tf.mul(layer.apply(inputs, args) as tf.Tensor, dy));
    const grads = tape.gradient(loss, [...inputs, ...layer.trainableWeights], null, 'zero') as tf.Tensor[];
    c.inputGrads.forEach((g, i) => expectClose(grads[i], g, 1e-4, 1e-5));
    c.weightGrads.forEach((g, i) => expectClose(grads[inputs.length + i], g, 1e-4, 1e-5));
  });

  it('finite differences (attention mask, causal, key ≠ value)', () => {
    const q = rand([2, 3, 4], 1), v = rand([2, 2, 3], 2), k = rand([2, 2, 5], 3);
    const mha = L.multiHeadAttention({ numHeads: 2, keyDim: 2, valueDim: 3, biasInitializer: 'randomNormal' });
    const mask = tf.tensor([1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 0, 1], [2, 3, 2], 'bool');
    checkMultiInputLayerGrad(mha, [q, v, k], { args: { attentionMask: mask }, rtol: 3e-2, atol: 3e-3 });
    const self = L.multiHeadAttention({ numHeads: 1, keyDim: 3 });
    const x = rand([1, 3, 4], 4);
    // (two tensors: the gradient of each use separately)
    checkMultiInputLayerGrad(self, [x, tf.clone(x)], { args: { useCausalMask: true }, rtol: 3e-2, atol: 3e-3 });
  });

  it('the mask as a 4th input equals attentionMask; 0/1 masks; the inputs\' masks (query [B,T], value [B,S])', () => {
    const c = fixture.cases[1] as Case;
    const { layer, inputs, args } = fromCase(c);
    const want = layer.apply(inputs, args) as tf.Tensor;
    const m01 = tf.tensor(c.attentionMask!, c.maskShape!);
    expectClose(layer.apply([inputs[0], inputs[1], inputs[1], args.attentionMask]) as tf.Tensor, want, 0, 0);
    expectClose(layer.apply(inputs, { attentionMask: m01 } as any) as tf.Tensor, want, 0, 0);
    // a value mask [B, S] is the attention mask broadcast over T
    const vm = tf.tensor([[1, 1, 0, 1], [0, 1, 1, 1]], [2, 4], 'bool');
    const full = tf.tile(tf.expandDims(vm, 1), [1, 3, 1]);
    expectClose(layer.apply(inputs, { mask: [null, vm] } as any) as tf.Tensor, layer.apply(inputs, { attentionMask: full } as any) as tf.Tensor, 0, 0);
    const qm = tf.tensor([[1, 0, 1], [1, 1, 0]], [2, 3], 'bool');
    expect(vals(layer.computeMask(inputs, [qm, vm])!)).toEqual(vals(qm));
    // a fully masked query row gives zero scores (Keras' Softmax zeroes masked positions)
    const [, scores] = layer.apply(inputs, { mask: [qm, null], returnAttentionScores: true } as any) as tf.Tensor[];
    expect(vals(tf.sum(tf.abs(tf.slice(scores, [0, 0, 1, 0], [1, 2, 1, 4]))))).toEqual([0]);
  });

  it('in a functional model: two outputs with returnAttentionScores, the mask as a 4th input, input masks from embedding', async () => {
    const c = fixture.cases[1] as Case;
    const { layer, inputs, args } = fromCase(c);
    const q = tf.input({ shape: [3, 8] }), v = tf.input({ shape: [4, 8] }), m = tf.input({ shape: [3, 4] });
    const outs = layer.apply([q, v, v, m], { returnAttentionScores: true }) as unknown as tf.SymbolicTensor[];
    expect(outs.map((o) => o.shape)).toEqual([[null, 3, 8], [null, 2, 3, 4]]);
    const model = tf.model({ inputs: [q, v, m], outputs: outs });
    const mask01 = tf.tensor(c.attentionMask!, c.maskShape!);
    const [y, s] = model.predict([inputs[0], inputs[1], mask01]) as tf.Tensor[];
    expectClose(y, c.output, 1e-4, 1e-5);
    expectClose(s, c.scores, 1e-4, 1e-6);
    void args;
    // embedding({maskZero}) masks flow in: padding keys get no attention
    const tok = tf.input({ shape: [4] });
    const e = L.embedding({ inputDim: 5, outputDim: 6, maskZero: true }).apply(tok) as tf.SymbolicTensor;
    const att = L.multiHeadAttention({ numHeads: 2, keyDim: 3 });
    const [, sc] = att.apply([e, e], { returnAttentionScores: true }) as unknown as tf.SymbolicTensor[];
    const probe = tf.model({ inputs: tok, outputs: sc });
    const scores = probe.predict(tf.tensor([[1, 2, 0, 0]])) as tf.Tensor;
    const sv = vals(scores);
    for (let h = 0; h < 2; h++) for (let t = 0; t < 2; t++) {
      const row = sv.slice((h * 4 + t) * 4, (h * 4 + t) * 4 + 4);
      expect(row[2]).toBe(0); expect(row[3]).toBe(0);
      expectClose(tf.tensor(row[0] + row[1]), [1], 1e-5);
    }
  });

  it('calls leave no tensors behind but their outputs (masks, causal mask, scores, rank 4)', () => {
    const x = rand([2, 3, 4], 1), x4 = rand([2, 2, 3, 4], 2), m = tf.ones([2, 3, 3]), qm = tf.ones([2, 3], 'bool');
    const a = L.multiHeadAttention({ numHeads: 2, keyDim: 2, dropout: 0.3 }), b = L.multiHeadAttention({ numHeads: 2, keyDim: 2 });
    a.apply([x, x]); b.apply([x4, x4]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      tf.dispose(a.apply([x, x], { attentionMask: m, useCausalMask: true, returnAttentionScores: true, training: true, mask: [qm, null] } as any));
      tf.dispose(b.apply([x4, x4, x4], { returnAttentionScores: true } as any));
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('dropout applies to the scores in training only; seeded runs repeat', () => {
    const x = rand([2, 3, 4], 5);
    const mk = () => { const l = L.multiHeadAttention({ numHeads: 2, keyDim: 2, dropout: 0.5, seed: 3 }); l.apply([x, x]); return l; };
    const a = mk(), b = mk();
    b.setWeights(a.getWeights());
    const plain = L.multiHeadAttention({ numHeads: 2, keyDim: 2 });
    plain.apply([x, x]);
    plain.setWeights(a.getWeights());
    expectClose(a.apply([x, x]) as tf.Tensor, plain.apply([x, x]) as tf.Tensor, 0, 0);
    const ta = a.apply([x, x], { training: true }) as tf.Tensor;
    expectClose(ta, b.apply([x, x], { training: true }) as tf.Tensor, 0, 0);
    expect(vals(tf.max(tf.abs(tf.sub(ta, plain.apply([x, x]) as tf.Tensor))))[0]).toBeGreaterThan(1e-3);
  });

  it('config (Keras 3 keys, camelCase) round-trips through the constructor', () => {
    const mha = L.multiHeadAttention({ numHeads: 2, keyDim: 4, valueDim: 3, outputShape: 6, dropout: 0.1, useBias: false, name: 'att' });
    const c = mha.getConfig();
    expect(c).toMatchObject({ name: 'att', numHeads: 2, keyDim: 4, valueDim: 3, outputShape: 6, dropout: 0.1, useBias: false, attentionAxes: null });
    expect(Object.keys(c)).toEqual(expect.arrayContaining(['kernelInitializer', 'biasInitializer', 'kernelRegularizer', 'biasRegularizer',
      'kernelConstraint', 'biasConstraint', 'seed']));
    const again = L.multiHeadAttention(c as any);
    expect(again.getConfig()).toEqual(c);
    expect(L.multiHeadAttention({ numHeads: 1, keyDim: 2 }).getConfig().valueDim).toBe(2);
  });

  it('bad arguments', () => {
    const x = rand([2, 3, 4], 1);
    expect(() => L.multiHeadAttention({ numHeads: 0, keyDim: 2 })).toThrow(/numHeads must be a positive integer, got 0/);
    expect(() => L.multiHeadAttention({ numHeads: 2 } as any)).toThrow(/keyDim must be a positive integer/);
    expect(() => L.multiHeadAttention({ numHeads: 2, keyDim: 2, dropout: 1 })).toThrow(/dropout must be a number in \[0, 1\)/);
    expect(() => L.multiHeadAttention({ numHeads: 2, keyDim: 2, useGate: true } as any)).toThrow(/useGate .* is not supported/);
    expect(() => L.multiHeadAttention({ numHeads: 2, keyDim: 2, slidingWindow: 2 } as any)).toThrow(/slidingWindow is not supported/);
    expect(() => L.multiHeadAttention({ numHeads: 2, keyDim: 2, outputShape: [2, 3] as any })).toThrow(/outputShape with several axes .* is not supported/);
    expect(() => L.multiHeadAttention({ numHeads: 2, keyDim: 2, name: 'm1' }).apply(x)).toThrow(/m1: expects a list of inputs \[query, value\]/);
    expect(() => L.multiHeadAttention({ numHeads: 2, keyDim: 2, attentionAxes: [2], name: 'm2' }).apply([x, x])).toThrow(/m2: attentionAxes \[2\] is not supported/);
    expect(L.multiHeadAttention({ numHeads: 2, keyDim: 2, attentionAxes: [1] }).apply([x, x]) as tf.Tensor).toBeTruthy();
    expect(() => L.multiHeadAttention({ numHeads: 2, keyDim: 2, name: 'm3' }).apply([rand([2, 3, 2, 4], 1), x])).toThrow(/m3: query, value and key must have the same rank/);
    expect(() => L.multiHeadAttention({ numHeads: 2, keyDim: 2, name: 'm6' }).apply([rand([2, 4], 1), rand([2, 4], 1)])).toThrow(/m6: query must have rank ≥ 3/);
    const x4 = rand([2, 2, 3, 4], 1);
    expect(() => L.multiHeadAttention({ numHeads: 2, keyDim: 2, attentionAxes: [2], name: 'm7' }).apply([x4, x4])).toThrow(/m7: attentionAxes \[2\] is not supported for rank-4 inputs; only the default .*\[1,2\]/);
    expect(() => L.multiHeadAttention({ numHeads: 2, keyDim: 2, name: 'm8' }).apply([x4, x4], { useCausalMask: true } as any)).toThrow(/m8: useCausalMask is not supported for inputs of rank 4/);
    expect(() => L.multiHeadAttention({ numHeads: 2, keyDim: 2, name: 'm4' }).apply([x, x], { attentionMask: tf.ones([2, 3, 4]) } as any))
      .toThrow(/m4: the attention mask must have shape \[2, 3, 3\]/);
    expect(() => L.multiHeadAttention({ numHeads: 2, keyDim: 2, name: 'm5' }).apply([x, rand([2, 4, 4], 2), rand([2, 5, 4], 3)]))
      .toThrow(/m5: key and value must have the same positions/);
  });
});
