// The tfjs-core math ops of issue 14: hyperbolic functions, logSigmoid, isFinite/isInf, divNoNan,
// bitwiseAnd, addN, all/any, euclideanNorm, cumprod — values against TensorFlow.js (cpu), gradients
// against tfjs and finite differences, errors.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfcore from '@tensorflow/tfjs-core';
import { checkGrad, expectClose, oracle, rand, tf } from '../helpers.js';

let tfc: typeof tfcore;
beforeAll(async () => { tfc = await oracle(); });

/** tfjs's gradient of sum(f(x)·w) at x, for comparing with ascent's. */
function tfjsGrad(f: (x: tfcore.Tensor) => tfcore.Tensor, x: number[], shape: number[]): number[] {
  return Array.from(tfc.tidy(() => tfc.grad((t: tfcore.Tensor) => f(t))(tfc.tensor(x, shape), tfc.onesLike(f(tfc.tensor(x, shape))))).dataSync());
}

describe('hyperbolic functions', () => {
  const cases: [string, number[]][] = [
    ['cosh', [-3, -1, -0.5, 0, 0.5, 1, 4, 10, NaN, Infinity, -Infinity]],
    ['sinh', [-3, -1, -0.5, 0, 0.5, 1, 4, 10, NaN, Infinity, -Infinity]],
    ['acosh', [1, 1.5, 2, 10, 1e6, 0.5, -1, NaN, Infinity]],
    ['asinh', [-3, -1, -0.5, 0, 0.5, 1, 4, 1e6, NaN, Infinity, -Infinity]],
    ['atanh', [-0.99, -0.5, 0, 0.25, 0.5, 0.99, 1, -1, 2, NaN]],
  ];
  it.each(cases)('%s agrees with tfjs (NaN, ±∞, edges)', (name, xs) => {
    const f = (tf as unknown as Record<string, (x: tf.Tensor) => tf.Tensor>)[name];
    const g = (tfc as unknown as Record<string, (x: tfcore.Tensor) => tfcore.Tensor>)[name];
    expectClose(f(tf.tensor(xs)), Array.from(g(tfc.tensor(xs)).dataSync()), 2e-6, 1e-7);
    expect(f(tf.tensor([1, 2], [2], 'int32')).dtype).toBe('float32');
  });
  it.each([
    ['cosh', [-2, -0.5, 0.3, 1.7]], ['sinh', [-2, -0.5, 0.3, 1.7]], ['acosh', [1.2, 2, 3.5]],
    ['asinh', [-2, -0.5, 0.3, 1.7]], ['atanh', [-0.7, -0.2, 0.3, 0.8]],
  ] as [string, number[]][])('%s: gradient as tfjs and finite differences, second order', (name, xs) => {
    const f = (tf as unknown as Record<string, (x: tf.Tensor) => tf.Tensor>)[name];
    const g = (tfc as unknown as Record<string, (x: tfcore.Tensor) => tfcore.Tensor>)[name];
    const dx = tf.grad((x) => f(x))(tf.tensor(xs));
    expectClose(dx, tfjsGrad(g, xs, [xs.length]), 1e-5, 1e-6);
    checkGrad((x) => f(x), [tf.tensor(xs)], { eps: 1e-3 });
    checkGrad((x) => tf.grad((t) => f(t))(x), [tf.tensor(xs)], { eps: 1e-3 });
  });
  it('are chained', () => {
    const x = tf.tensor([0.5]);
    expectClose(x.cosh(), [Math.cosh(0.5)]);
    expectClose(x.sinh(), [Math.sinh(0.5)]);
    expectClose(x.asinh(), [Math.asinh(0.5)]);
    expectClose(x.atanh(), [Math.atanh(0.5)]);
    expectClose(tf.tensor([2]).acosh(), [Math.acosh(2)]);
  });
});

describe('logSigmoid', () => {
  it('agrees with tfjs and is stable at ±100', () => {
    const xs = [-100, -20, -1, -0.5, 0, 0.5, 1, 20, 100, NaN];
    expectClose(tf.logSigmoid(xs), Array.from(tfc.logSigmoid(xs).dataSync()), 1e-6, 1e-7);
    expect(tf.logSigmoid([-100]).dataSync()[0]).toBeCloseTo(-100, 5);
    expect(tf.tensor([0]).logSigmoid().dataSync()[0]).toBeCloseTo(-Math.LN2, 6);
  });
  it('gradient: sigmoid(-x), as tfjs and finite differences', () => {
    const xs = [-3, -0.5, 0, 0.7, 4];
    expectClose(tf.grad((x) => tf.logSigmoid(x))(tf.tensor(xs)), tfjsGrad((x) => tfc.logSigmoid(x), xs, [5]), 1e-5, 1e-6);
    checkGrad((x) => tf.logSigmoid(x), [rand([2, 3], 3, -4, 4)]);
  });
});

describe('isFinite, isInf', () => {
  const xs = [NaN, Infinity, -Infinity, 0, -0, 1, -3.5, 3.4e38, 1e-40];
  it('agree with tfjs; bool results; int32 and bool inputs', () => {
    for (const name of ['isFinite', 'isInf'] as const) {
      const y = tf[name](xs);
      expect(y.dtype).toBe('bool');
      expect(Array.from(y.dataSync())).toEqual(Array.from(tfc[name](xs).dataSync()));
      expect(tf[name](tf.tensor([1, -2147483648], [2], 'int32')).arraySync()).toEqual(name === 'isFinite' ? [true, true] : [false, false]);
      expect(tf[name](tf.zeros([0, 3])).shape).toEqual([0, 3]);
    }
    expect(tf.tensor(xs).isFinite().arraySync()).toEqual(xs.map(Number.isFinite));
    expect(tf.tensor(xs).isInf().arraySync()).toEqual(xs.map((v) => Math.abs(v) === Infinity));
  });
  it('have no gradient', () => {
    const x = tf.tensor([1, Infinity]);
    const tape = new tf.GradientTape();
    tape.watch(x);
    const y = tf.isFinite(x);
    expect(tape.gradient(tf.sum(tf.cast(y, 'float32')), x)).toBe(null);
  });
});

describe('divNoNan', () => {
  it('agrees with tfjs, 0 where b is 0, broadcasting, int32', () => {
    const a = [[1, -2, 0, 3], [NaN, 5, -0, Infinity]], b = [[2, 0, 0, -4], [1, 0, 3, 2]];
    expectClose(tf.divNoNan(a, b), Array.from(tfc.divNoNan(a, b).dataSync()));
    expectClose(tf.divNoNan(tf.tensor2d(a), tf.tensor1d([0, 2, 0, 4])), Array.from(tfc.divNoNan(tfc.tensor2d(a), tfc.tensor1d([0, 2, 0, 4])).dataSync()));
    const ia = tf.tensor([7, -7, 5], [3], 'int32'), ib = tf.tensor([2, 2, 0], [3], 'int32');
    const y = tf.divNoNan(ia, ib);
    expect(y.dtype).toBe('int32');
    expect(Array.from(y.dataSync())).toEqual(Array.from(tfc.divNoNan(tfc.tensor([7, -7, 5], [3], 'int32'), tfc.tensor([2, 2, 0], [3], 'int32')).dataSync()));
    expectClose(tf.tensor([1, 2]).divNoNan(0), [0, 0]);
  });
  it('gradients: 1/b and -a/b² where b ≠ 0, 0 where b is 0 (TensorFlow; tfjs cannot differentiate it); finite differences', () => {
    const a = tf.tensor([1.5, -2, 3]), b = tf.tensor([2, 0, -0.5]);
    const [da, db] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.divNoNan(x, y))([a, b]);
    expectClose(da, [0.5, 0, -2]);
    expectClose(db, [-1.5 / 4, 0, -3 / 0.25]);
    expect(() => tfc.grads((x: tfcore.Tensor, y: tfcore.Tensor) => tfc.divNoNan(x, y))([tfc.tensor([1]), tfc.tensor([2])])).toThrow(/gradient function not found for Equal/);
    checkGrad((x, y) => tf.divNoNan(x, y), [rand([2, 3], 1), rand([3], 2, 0.5, 2)]);
  });
});

describe('bitwiseAnd', () => {
  it('agrees with tfjs (int32, negatives), broadcasts as TensorFlow', () => {
    const a = [0, 5, 3, 14, -1, -2147483648, 2147483647], b = [5, 0, 7, 11, 12345, -1, -2];
    const y = tf.bitwiseAnd(tf.tensor(a, [7], 'int32'), tf.tensor(b, [7], 'int32'));
    expect(y.dtype).toBe('int32');
    expect(Array.from(y.dataSync())).toEqual(Array.from(tfc.bitwiseAnd(tfc.tensor(a, [7], 'int32'), tfc.tensor(b, [7], 'int32')).dataSync()));
    expect(tf.bitwiseAnd(tf.tensor([[1, 2], [3, 4]], [2, 2], 'int32'), tf.tensor([3], [1], 'int32')).arraySync()).toEqual([[1, 2], [3, 0]]);
  });
  it('rejects float32 and bool, and shapes that do not broadcast', () => {
    expect(() => tf.bitwiseAnd(tf.tensor([1]), tf.tensor([1], [1], 'int32'))).toThrow(/^bitwiseAnd: argument 'x' must be int32, got float32/);
    expect(() => tf.bitwiseAnd(tf.tensor([1, 2, 3], [3], 'int32'), tf.tensor([1, 2], [2], 'int32'))).toThrow(/^bitwiseAnd: /);
  });
});

describe('addN', () => {
  it('agrees with tfjs: one, two, many tensors; int32; numbers as scalars', () => {
    const xs = [[1, 2, 3], [4, -5, 6], [0.5, NaN, 1e30]];
    expectClose(tf.addN(xs.map((v) => tf.tensor(v))), Array.from(tfc.addN(xs.map((v) => tfc.tensor(v))).dataSync()));
    expectClose(tf.addN([tf.tensor([1, 2])]), [1, 2]);
    const i = tf.addN([tf.tensor([1, 2], [2], 'int32'), tf.tensor([5, 3], [2], 'int32')]);
    expect(i.dtype).toBe('int32');
    expect(Array.from(i.dataSync())).toEqual([6, 5]);
    const s = tf.addN([1, 2, 3, 4]);
    expect(s.shape).toEqual([]);
    expect(s.dtype).toBe('float32');
    expect(s.dataSync()[0]).toBe(10);
  });
  it('errors name addN and the argument', () => {
    expect(() => tf.addN([])).toThrow(/^addN: tensors must hold at least one tensor/);
    expect(() => (tf.addN as (x: unknown) => tf.Tensor)(tf.scalar(3))).toThrow(/^addN: argument 'tensors' must be an array/);
    expect(() => tf.addN([tf.scalar(1, 'int32'), tf.scalar(2)])).toThrow(/^addN: all tensors must have one dtype/);
    expect(() => tf.addN([tf.scalar(1), tf.tensor1d([2])])).toThrow(/^addN: all tensors must have one shape: tensors\[0\] is \[\], tensors\[1\] is \[1\]/);
  });
  it('gradient: dy for every input (finite differences)', () => {
    checkGrad((a, b, c) => tf.addN([a, b, c]), [rand([2, 3], 1), rand([2, 3], 2), rand([2, 3], 3)]);
    const a = tf.tensor([1, 2]);
    const [g1] = tf.grads((x: tf.Tensor) => tf.addN([x, x, x]))([a]);
    expectClose(g1, [3, 3]);
  });
});

describe('all, any', () => {
  const x = [[true, true, false], [false, false, false], [true, true, true]];
  it('agree with tfjs over every axis form, keepDims; empty axes', () => {
    for (const name of ['all', 'any'] as const) {
      for (const [axis, keep] of [[undefined, false], [0, false], [1, true], [-1, false], [[0, 1], false], [[1], true]] as const) {
        const y = tf[name](tf.tensor(x), axis as number, keep);
        const e = tfc[name](tfc.tensor(x), axis as number, keep);
        expect(y.dtype).toBe('bool');
        expect(y.shape).toEqual(e.shape);
        expect(Array.from(y.dataSync())).toEqual(Array.from(e.dataSync()));
      }
    }
    expect(tf.all(tf.zeros([0], 'bool')).arraySync()).toBe(true);
    expect(tf.any(tf.zeros([0], 'bool')).arraySync()).toBe(false);
    expect(tf.all(tf.zeros([2, 0], 'bool'), 1).arraySync()).toEqual([true, true]);
    expect(tf.all([0, 0, 0]).arraySync()).toBe(false);
    expect(tf.any([0, 1, 0]).arraySync()).toBe(true);
    expect(tf.tensor(x).all(0, true).shape).toEqual([1, 3]);
    expect(tf.tensor(x).any(1).arraySync()).toEqual([true, false, true]);
  });
  it('reject non-bool tensors (as tfjs) and bad axes', () => {
    expect(() => tf.all(tf.tensor([1, 0]))).toThrow(/^all: argument 'x' must be bool, got float32/);
    expect(() => tf.any(tf.tensor([1, 0], [2], 'int32'))).toThrow(/^any: argument 'x' must be bool, got int32/);
    expect(() => tf.any(tf.tensor([true]), 2)).toThrow(/^any: /);
  });
});

describe('euclideanNorm', () => {
  it('agrees with tfjs: all axes, one, two, keepDims', () => {
    const v = rand([2, 3, 4], 5);
    const tv = tfc.tensor(Array.from(v.dataSync()), [2, 3, 4]);
    for (const [axis, keep] of [[null, false], [1, false], [[0, 2], true], [-1, true]] as const) {
      const y = tf.euclideanNorm(v, axis as number, keep);
      expectClose(y, Array.from(tfc.euclideanNorm(tv, axis as number, keep).dataSync()));
      expect(y.shape).toEqual(tfc.euclideanNorm(tv, axis as number, keep).shape);
    }
    expectClose(tf.euclideanNorm([3, 4]), [5]);
    expectClose(tf.tensor([[3, 4], [6, 8]]).euclideanNorm(1), [5, 10]);
  });
  it('gradient: x / norm (finite differences)', () => {
    checkGrad((x) => tf.euclideanNorm(x, 1), [rand([2, 3], 6)]);
  });
});

describe('cumprod', () => {
  it('agrees with tfjs: axes, exclusive, reverse, int32', () => {
    const x = rand([3, 4, 5], 8, 0.5, 1.5);
    const tx = tfc.tensor(Array.from(x.dataSync()), [3, 4, 5]);
    for (const axis of [0, 1, 2]) {
      for (const exclusive of [false, true]) {
        for (const reverse of [false, true]) {
          expectClose(tf.cumprod(x, axis, exclusive, reverse), Array.from(tfc.cumprod(tx, axis, exclusive, reverse).dataSync()));
        }
      }
    }
    const i = tf.cumprod(tf.tensor([1, 2, 3, 4], [4], 'int32'), 0, true);
    expect(i.dtype).toBe('int32');
    expect(Array.from(i.dataSync())).toEqual([1, 1, 2, 6]);
    expectClose(tf.tensor2d([[1, 2], [3, 4]]).cumprod(1), [1, 2, 3, 12]);
    expectClose(tf.cumprod(tf.tensor1d([1, 2, 3]), 0, false, true), [6, 6, 3]);
  });
  it('gradient (TensorFlow\'s): finite differences for every flag', () => {
    for (const exclusive of [false, true]) {
      for (const reverse of [false, true]) {
        checkGrad((x) => tf.cumprod(x, 1, exclusive, reverse), [rand([2, 4], 9, 0.5, 1.5)]);
      }
    }
    expectClose(tf.grad((x) => tf.cumprod(x))(tf.tensor1d([1, 2, 3])), [1 + 2 + 6, 0.5 * (2 + 6), 6 / 3]);
  });
  it('rejects scalars and bad axes', () => {
    expect(() => tf.cumprod(3)).toThrow(/^cumprod: x must have rank ≥ 1/);
    expect(() => tf.cumprod([1, 2], 1)).toThrow(/^cumprod: /);
  });
});
