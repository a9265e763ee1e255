// softmax and logSoftmax: values along every axis against a float64 reference (tfjs only supports the
// last axis, so it is the oracle there), stability for large logits, gradients, errors.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfcore from '@tensorflow/tfjs-core';
import { checkGrad, expectClose, oracle, rand, tf } from '../helpers.js';

let tfc: typeof tfcore;
beforeAll(async () => { tfc = await oracle(); });

const toTfc = (t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype);
function matches(ours: tf.Tensor, theirs: tfcore.Tensor, rtol = 1e-5, atol = 1e-6): void {
  expect(ours.shape).toEqual(theirs.shape);
  expect(ours.dtype).toBe(theirs.dtype);
  expectClose(ours, Array.from(theirs.dataSync()), rtol, atol);
}

/** float64 (log-)softmax of row-major values along `axis`. */
function ref(vals: ArrayLike<number>, shape: number[], axis: number, log: boolean): number[] {
  const n = shape[axis];
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const outer = vals.length / (n * inner);
  const out = new Array<number>(vals.length);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const at = (k: number) => o * n * inner + k * inner + j;
      let m = -Infinity;
      for (let k = 0; k < n; k++) m = Math.max(m, vals[at(k)]);
      let s = 0;
      for (let k = 0; k < n; k++) s += Math.exp(vals[at(k)] - m);
      for (let k = 0; k < n; k++) out[at(k)] = log ? vals[at(k)] - m - Math.log(s) : Math.exp(vals[at(k)] - m) / s;
    }
  }
  return out;
}

describe('softmax', () => {
  it('1-D example; rows sum to 1', () => {
    expectClose(tf.softmax(tf.tensor1d([1, 2, 3])), [0.09003057, 0.24472847, 0.66524096], 1e-6);
    const y = tf.softmax(rand([4, 7], 1, -3, 3));
    expectClose(tf.sum(y, 1), [1, 1, 1, 1], 1e-6);
    expect(tf.tensor1d([0, 0]).softmax().arraySync()).toEqual([0.5, 0.5]);
  });

  it('every axis (positive and negative) of rank-1 to rank-3 inputs matches float64; the last axis matches tfjs', () => {
    for (const shape of [[5], [3, 4], [2, 3, 4], [4, 1, 3]]) {
      const x = rand(shape, shape.length * 10, -4, 4);
      for (let axis = -shape.length; axis < shape.length; axis++) {
        const a = axis < 0 ? axis + shape.length : axis;
        const s = tf.softmax(x, axis), l = tf.logSoftmax(x, axis);
        expect(s.shape).toEqual(shape);
        expectClose(s, ref(x.dataSync(), shape, a, false), 1e-5, 1e-7);
        expectClose(l, ref(x.dataSync(), shape, a, true), 1e-5, 1e-6);
      }
      matches(tf.softmax(x), tfc.softmax(toTfc(x)));
      matches(tf.logSoftmax(x), tfc.logSoftmax(toTfc(x)));
    }
  });

  it('large logits (±100, ±1000) are stable: no NaN, no overflow', () => {
    expectClose(tf.softmax(tf.tensor1d([1000, 1000, -1000])), [0.5, 0.5, 0], 1e-6, 0);
    expectClose(tf.logSoftmax(tf.tensor1d([100, -100])), [0, -200], 1e-6, 1e-6);
    expectClose(tf.logSoftmax(tf.tensor1d([1000, 1000])), [-Math.LN2, -Math.LN2], 1e-6);
    // exact to float32 precision even next to large logits (no cancellation against log Σ)
    const l1 = Math.log(1 + Math.exp(-1));
    expectClose(tf.logSoftmax(tf.tensor1d([1000, 999])), [-l1, -1 - l1], 1e-6);
    expectClose(tf.logSoftmax(tf.tensor1d([-100, -101])), [-l1, -1 - l1], 1e-6);
    const x = tf.tensor2d([[100, -100, 0], [-100, -100, -100]]);
    expectClose(tf.softmax(x, 1), [[1, 0, Math.exp(-100)], [1 / 3, 1 / 3, 1 / 3]], 1e-6, 1e-30);
    expectClose(tf.softmax(x, 0), [[1, Math.fround(0.5), 1 / (1 + Math.exp(-100))], [0, 0.5, Math.exp(-100)]], 1e-6, 1e-30);
    expectClose(tf.logSoftmax(x, 1), ref(x.dataSync(), [2, 3], 1, true), 1e-6, 1e-5);
    expectClose(tf.logSoftmax(x, 0), ref(x.dataSync(), [2, 3], 0, true), 1e-6, 1e-5);
    expect(Array.from(tf.softmax(tf.tensor1d([-Infinity, 0, -Infinity])).dataSync())).toEqual([0, 1, 0]);
  });

  // Over the last axis (below the threads' split size) softmax runs as one kernel (f32_softmax): it must give the
  // bits of its ops one by one — exp(x − max), then × 1/Σ — for row lengths around the reduce kernel's SIMD
  // threshold (16), not multiples of 4, with ±Infinity, NaN and large logits in some rows.
  it('the one-kernel form over the last axis gives the exact bits of the ops one by one', () => {
    const bits = (t: tf.Tensor) => Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));
    for (const shape of [[1], [3], [4], [15], [16], [17], [37], [64], [100], [5, 7], [3, 4, 33], [2, 0, 3], [6, 20]]) {
      const n = shape.reduce((a, b) => a * b, 1), v = Array.from({ length: n }, (_, i) => Math.sin(i * 1.3 + n) * 8);
      if (n >= 40 && shape.length > 1) { v[0] = Infinity; v[25] = -Infinity; v[30] = NaN; v[22] = 1000; }
      const x = tf.tensor(v, shape);
      const want = tf.tidy(() => {
        const e = tf.exp(tf.sub(x, tf.max(x, -1, true)));
        return tf.mul(e, tf.reciprocal(tf.sum(e, -1, true)));
      });
      const got = tf.softmax(x);
      expect(bits(got), `[${shape}]`).toEqual(bits(want));
      tf.dispose([x, want, got]);
    }
  });
  it('size-1 axis gives 1 (softmax) and 0 (logSoftmax)', () => {
    expect(tf.softmax(tf.tensor2d([[3], [-7]])).arraySync()).toEqual([[1], [1]]);
    expect(tf.logSoftmax(tf.tensor2d([[3], [-7]])).arraySync()).toEqual([[0], [0]]);
  });
});

describe('softmax gradients', () => {
  it('finite differences along every axis', () => {
    const x = rand([2, 3, 4], 7, -2, 2);
    for (const axis of [0, 1, 2, -1]) {
      checkGrad((t) => tf.softmax(t, axis), [x], { eps: 1e-2, rtol: 2e-2, atol: 1e-3 });
      checkGrad((t) => tf.logSoftmax(t, axis), [x], { eps: 1e-2, rtol: 2e-2, atol: 1e-3 });
    }
  });

  it('tfjs gradients along the last axis', () => {
    const x = rand([3, 5], 8, -3, 3), dy = rand([3, 5], 9);
    const g = tf.grads((t: tf.Tensor) => tf.softmax(t))([x], dy)[0];
    matches(g, tfc.grads((t: tfcore.Tensor) => tfc.softmax(t))([toTfc(x)], toTfc(dy))[0], 1e-4, 1e-6);
    const gl = tf.grads((t: tf.Tensor) => tf.logSoftmax(t))([x], dy)[0];
    matches(gl, tfc.grads((t: tfcore.Tensor) => tfc.logSoftmax(t))([toTfc(x)], toTfc(dy))[0], 1e-4, 1e-6);
  });

  it('gradients with large logits stay finite; sum of softmax has zero gradient', () => {
    const x = tf.tensor1d([1000, -1000, 0]);
    const g = tf.grad((t) => tf.sum(tf.mul(tf.logSoftmax(t), tf.tensor1d([1, 0, 0]))))(x);
    expectClose(g, [0, 0, 0], 0, 1e-6);
    const g2 = tf.grad((t) => tf.sum(tf.mul(tf.logSoftmax(t), tf.tensor1d([0, 1, 0]))))(x);
    expectClose(g2, [-1, 1, 0], 0, 1e-6);
    const gs = tf.grad((t) => tf.sum(tf.softmax(t)))(tf.tensor1d([1, 2, 3]));
    expectClose(gs, [0, 0, 0], 0, 1e-7);
  });

  it('second order: the Hessian-vector product of logSumExp-like losses via nested tapes is finite and matches', () => {
    // d/dx Σ softmax(x)ᵢ·wᵢ, then d/dx of Σ of that gradient: compare against finite differences of the first
    const x = tf.tensor1d([0.5, -1, 2]);
    const w = tf.tensor1d([1, 2, 3]);
    const first = (t: tf.Tensor) => tf.grad((u) => tf.sum(tf.mul(tf.softmax(u), w)))(t);
    const outer = new tf.GradientTape();
    outer.watch(x);
    const g = first(x);
    const h = outer.gradient(tf.sum(g), x)!;
    const eps = 1e-2, base = Array.from(x.dataSync());
    const numeric = base.map((_, i) => {
      const f = (d: number) => { const v = base.slice(); v[i] += d; return tf.sum(first(tf.tensor1d(v))).item(); };
      return (f(eps) - f(-eps)) / (2 * eps);
    });
    expectClose(h, numeric, 2e-2, 2e-3);
  });
});

describe('softmax errors', () => {
  it('dim out of range, scalar and int32 logits name the op', () => {
    const x = tf.zeros([2, 3]);
    expect(() => tf.softmax(x, 2)).toThrow(/^softmax: dim 2 .*rank 2/);
    expect(() => tf.softmax(x, -3)).toThrow(/^softmax: dim -3 .*rank 2/);
    expect(() => tf.logSoftmax(x, 5)).toThrow(/^logSoftmax: dim 5 .*rank 2/);
    expect(() => tf.softmax(tf.scalar(1))).toThrow(/^softmax: .*scalar/);
    expect(() => tf.softmax(tf.tensor1d([1, 2], 'int32'))).toThrow(/^softmax: .*'logits'.*int32/);
    expect(() => tf.logSoftmax(tf.tensor1d([true]))).toThrow(/^logSoftmax: .*'logits'.*bool/);
    expect(tf.softmax(x).arraySync()).toEqual([[1 / 3, 1 / 3, 1 / 3].map(Math.fround), [1 / 3, 1 / 3, 1 / 3].map(Math.fround)]);
  });
});
