// ops/dense.ts: a Dense layer's product, bias and relu as one op. It must give the bits of the three ops it
// replaces (matMul, add, relu), forward and every gradient, with and without a bias, at shapes around the GEMM's
// 4×8 tile; compute only the gradients asked for; record one tape node; be differentiable again; and name
// itself in errors.
import { describe, expect, it } from 'vitest';
import { dense } from '../../src/ops/dense.js';
import { checkGrad, rand, tf } from '../helpers.js';

const bits = (t: tf.Tensor) => Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));

describe('dense', () => {
  for (const [m, k, n] of [[1, 1, 1], [5, 7, 3], [32, 20, 16], [33, 9, 10], [128, 64, 10]] as const) {
    for (const act of ['relu', 'linear'] as const) {
      for (const withBias of [true, false]) {
        it(`${m}×${k} · ${k}×${n}, ${act}${withBias ? ', bias' : ''}: the bits of matMul, add and ${act}, forward and gradients`, () => {
          const x = rand([m, k], m + k), w = rand([k, n], 7 * n), b = withBias ? rand([n], n) : null;
          const dy = rand([m, n], 99);
          const viaOps = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor | null) => {
            const z = bb === null ? tf.matMul(xx, ww) : tf.add(tf.matMul(xx, ww), bb);
            return act === 'relu' ? tf.relu(z) : z;
          };
          const sources = withBias ? [x, w, b!] : [x, w];
          const gradsOf = (f: (...a: tf.Tensor[]) => tf.Tensor) => tf.grads((...a: tf.Tensor[]) => f(...a))(sources, dy);
          const want = [viaOps(x, w, b), ...gradsOf((xx, ww, bb) => viaOps(xx, ww, bb ?? null))];
          const got = [dense(x, w, b, act), ...gradsOf((xx, ww, bb) => dense(xx, ww, bb ?? null, act))];
          expect(got.map((t) => t.shape)).toEqual(want.map((t) => t.shape));
          got.forEach((g, i) => expect(bits(g)).toEqual(bits(want[i])));
          tf.dispose([x, w, b, dy, ...want, ...got]);
        });
      }
    }
  }

  it('gives the gradient of the sources asked for, and leaves no tensor behind', () => {
    const x = rand([6, 5], 1), w = tf.variable(rand([5, 4], 2)), b = tf.variable(rand([4], 3));
    const before = tf.memory().numTensors;
    const tape = new tf.GradientTape();
    const y = dense(x, w, b, 'relu'), loss = tf.sum(y);
    const [gw] = tape.gradient(loss, [w]) as tf.Tensor[];
    expect(gw.shape).toEqual([5, 4]);
    // only W's gradient: its value is what tf.grads gives for W
    const [gx, ref] = tf.grads((xx: tf.Tensor, ww: tf.Tensor) => tf.sum(tf.relu(tf.add(tf.matMul(xx, ww), b))))([x, w]);
    expect(bits(gw)).toEqual(bits(ref));
    tf.dispose([y, loss, gw, gx, ref]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, w, b]);
  });

  it('is differentiable again (its gradient is made of ops)', () => {
    const x = rand([3, 4], 5), w = rand([4, 2], 6), b = rand([2], 7);
    checkGrad((xx, ww, bb) => {
      const [gx] = tf.grads((u: tf.Tensor) => tf.sum(tf.square(dense(u, ww, bb, 'linear'))))([xx]);
      return tf.sum(tf.mul(gx, gx));
    }, [x, w, b]);
    tf.dispose([x, w, b]);
  });

  it('names itself and the shapes in errors', () => {
    const x = tf.zeros([2, 3]), w = tf.zeros([4, 5]), b = tf.zeros([5]);
    expect(() => dense(x, w, b, 'relu')).toThrow(/^dense: x \[2,3\], kernel \[4,5\] and bias \[5\] do not fit/);
    expect(() => dense(tf.zeros([2, 4]), w, tf.zeros([4]), 'relu')).toThrow(/^dense: .*bias \[4\] do not fit/);
    expect(() => dense(tf.zeros([2, 4], 'int32'), w, b, 'relu')).toThrow(/^dense: .*'x'.*float32/);
    tf.dispose([x, w, b]);
  });

  it('a Dense layer runs as one dense op under a tape', () => {
    const layer = tf.layers.dense({ units: 3, activation: 'relu', inputShape: [4] });
    const x = rand([2, 4], 8);
    const tape = new tf.GradientTape();
    const y = layer.apply(x) as tf.Tensor;
    const entries = (tape as unknown as { entries: unknown[] }).entries;
    expect(entries.length).toBe(1);
    tape.dispose();
    tf.dispose([x, y]);
    layer.dispose();
  });
});
