// Reductions: sum, mean, max, min, prod, argMax, argMin, logSumExp. Values against a float64 JS
// reference and TensorFlow.js (cpu); gradients against finite differences and tfjs; TensorFlow's
// semantics where tfjs differs (ties in max/min share the gradient, int32 mean truncates, logSumExp of
// an all -inf row is -inf, prod's gradient at zeros).
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfcore from '@tensorflow/tfjs-core';
import { checkGrad, expectClose, oracle, rand, tf } from '../helpers.js';

let tfc: typeof tfcore;
beforeAll(async () => { tfc = await oracle(); });

type Axis = number | number[] | null | undefined;
const toTfc = (t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype);

/** ours and tfjs agree in shape, dtype and values. */
function matches(ours: tf.Tensor, theirs: tfcore.Tensor, rtol = 1e-5, atol = 1e-6): void {
  expect(ours.shape).toEqual(theirs.shape);
  expect(ours.dtype).toBe(theirs.dtype);
  expectClose(ours, Array.from(theirs.dataSync()), rtol, atol);
}

/** float64 reference reduction of a row-major array over `axes` (sorted, unique). */
function naive(vals: ArrayLike<number>, shape: number[], axes: number[], f: (acc: number, v: number) => number,
               init: number): { shape: number[]; values: number[] } {
  const outShape = shape.filter((_, i) => !axes.includes(i));
  const outSize = outShape.reduce((a, b) => a * b, 1);
  const out = new Array<number>(outSize).fill(init);
  const idx = new Array<number>(shape.length).fill(0);
  for (let n = 0; n < vals.length; n++) {
    let o = 0;
    for (let d = 0; d < shape.length; d++) if (!axes.includes(d)) o = o * shape[d] + idx[d];
    out[o] = f(out[o], vals[n]);
    for (let d = shape.length - 1; d >= 0; d--) { if (++idx[d] < shape[d]) break; idx[d] = 0; }
  }
  return { shape: outShape, values: out };
}
const norm = (axis: Axis, rank: number): number[] => {
  if (axis === undefined || axis === null) return [...Array(rank).keys()];
  const list = Array.isArray(axis) ? axis : [axis];
  return [...new Set(list.map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
};

const AXES: Axis[] = [undefined, null, 0, 1, 2, -1, -3, [0, 1], [1, 2], [-2, -1], [0, 2], [2, 0], [-1, 0], [0, 1, 2]];

describe('reduce values', () => {
  const x = rand([3, 4, 5], 11);
  const xp = rand([3, 4, 5], 12, 0.5, 1.5); // prod: no tiny products
  const refs = {
    sum: [(a: number, v: number) => a + v, 0],
    max: [(a: number, v: number) => Math.max(a, v), -Infinity],
    min: [(a: number, v: number) => Math.min(a, v), Infinity],
    prod: [(a: number, v: number) => a * v, 1],
  } as const;

  it('2-D example values', () => {
    const m = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
    expect(tf.sum(m).arraySync()).toBe(21);
    expect(tf.sum(m, 0).arraySync()).toEqual([5, 7, 9]);
    expect(tf.sum(m, 1).arraySync()).toEqual([6, 15]);
    expect(tf.sum(m, -1, true).arraySync()).toEqual([[6], [15]]);
    expect(tf.sum(m, null, true).arraySync()).toEqual([[21]]);
    expect(tf.mean(m).arraySync()).toBe(3.5);
    expect(tf.mean(m, 0).arraySync()).toEqual([2.5, 3.5, 4.5]);
    expect(tf.max(m).arraySync()).toBe(6);
    expect(tf.max(m, 1).arraySync()).toEqual([3, 6]);
    expect(tf.min(m, 0).arraySync()).toEqual([1, 2, 3]);
    expect(tf.min(m, [0, 1], true).arraySync()).toEqual([[1]]);
    expect(tf.prod(m).arraySync()).toBe(720);
    expect(tf.prod(m, 1).arraySync()).toEqual([6, 120]);
    expect(tf.argMax(m, 1).arraySync()).toEqual([2, 2]);
    expect(tf.argMin(m, 0).arraySync()).toEqual([0, 0, 0]);
    expect(tf.argMax(m).arraySync()).toEqual([1, 1, 1]); // default axis 0, as tfjs
    expect(tf.argMax(m, null as any).arraySync()).toEqual([1, 1, 1]); // null: the default, as TensorFlow's axis=None
    expect(() => tf.argMax(m, [0, 1] as any)).toThrow(/argMax: axis \[0,1\] is out of range/);
    expectClose(tf.logSumExp(m, 1), [Math.log(Math.E + Math.E ** 2 + Math.E ** 3), Math.log(Math.E ** 4 + Math.E ** 5 + Math.E ** 6)]);
    // the chaining API forwards
    expect(m.sum(1).arraySync()).toEqual([6, 15]);
    expect(m.max().arraySync()).toBe(6);
    expect(m.argMin(1).arraySync()).toEqual([0, 0]);
  });

  for (const name of ['sum', 'max', 'min', 'prod'] as const) {
    it(`${name}: every axis form (none, single, negative, contiguous, non-contiguous, unsorted) with and without keepDims matches float64 and tfjs`, () => {
      const input = name === 'prod' ? xp : x;
      const vals = input.dataSync();
      const [f, init] = refs[name];
      for (const axis of AXES) {
        for (const keepDims of [false, true]) {
          const y = tf[name](input, axis, keepDims);
          const axes = norm(axis, 3);
          const ref = naive(vals, [3, 4, 5], axes, f, init);
          const shape = keepDims ? [3, 4, 5].map((d, i) => (axes.includes(i) ? 1 : d)) : ref.shape;
          expect(y.shape, `${name} axis ${JSON.stringify(axis)} keepDims ${keepDims}`).toEqual(shape);
          expect(y.dtype).toBe('float32');
          expectClose(y, ref.values, 2e-6, 1e-6);
          matches(y, tfc[name](toTfc(input), axis as number[], keepDims), 2e-6, 1e-6);
        }
      }
    });
  }

  it('mean and logSumExp: every axis form matches float64 and tfjs', () => {
    const vals = x.dataSync();
    for (const axis of AXES) {
      for (const keepDims of [false, true]) {
        const axes = norm(axis, 3);
        const n = axes.reduce((a, d) => a * [3, 4, 5][d], 1);
        const s = naive(vals, [3, 4, 5], axes, (a, v) => a + v, 0);
        const mean = tf.mean(x, axis, keepDims);
        expectClose(mean, s.values.map((v) => v / n), 1e-5, 1e-6);
        matches(mean, tfc.mean(toTfc(x), axis as number[], keepDims));
        const e = naive(vals, [3, 4, 5], axes, (a, v) => a + Math.exp(v), 0);
        const lse = tf.logSumExp(x, axis, keepDims);
        expectClose(lse, e.values.map(Math.log), 1e-5, 1e-6);
        matches(lse, tfc.logSumExp(toTfc(x), axis as number[], keepDims));
      }
    }
  });

  it('argMax/argMin along each axis (positive and negative) match tfjs, float32 and int32', () => {
    const xi = tf.tensor(Array.from(x.dataSync(), (v) => Math.round(v * 1000)), [3, 4, 5], 'int32');
    for (const t of [x, xi]) {
      for (const axis of [0, 1, 2, -1, -2, -3]) {
        const a = tf.argMax(t, axis), b = tf.argMin(t, axis);
        expect(a.dtype).toBe('int32');
        matches(a, tfc.argMax(toTfc(t), axis));
        matches(b, tfc.argMin(toTfc(t), axis));
      }
    }
  });

  it('argMax/argMin: ties go to the first index; 1-D gives a scalar', () => {
    const t = tf.tensor2d([[3, 1, 3], [2, 2, 0], [5, 5, 5]]);
    expect(tf.argMax(t, 1).arraySync()).toEqual([0, 0, 0]);
    expect(tf.argMin(t, 1).arraySync()).toEqual([1, 2, 0]);
    expect(tf.argMax(t, 0).arraySync()).toEqual([2, 2, 2]);
    const v = tf.argMax(tf.tensor1d([1, 9, 9, 2]));
    expect(v.shape).toEqual([]);
    expect(v.arraySync()).toBe(1);
    expect(tf.argMin(tf.tensor1d([4, -2, -2], 'int32')).arraySync()).toBe(1);
    expect(tf.argMax(tf.tensor1d([-Infinity, -Infinity, -5])).arraySync()).toBe(2);
  });

  it('SIMD kernels: long rows (4 accumulators + tail) and narrow columns (4 lanes + tail)', () => {
    for (const shape of [[5, 37], [2, 16], [3, 19], [37, 7], [3, 37, 6], [4, 33, 9], [1, 200], [200, 3]]) {
      const t = rand(shape, shape[0] * 100 + shape[1], 0.5, 1.5);
      const vals = t.dataSync();
      for (const axis of [...shape.keys()]) {
        for (const name of ['sum', 'max', 'min', 'prod'] as const) {
          const [f, init] = refs[name];
          const y = tf[name](t, axis);
          expectClose(y, naive(vals, shape, [axis], f, init).values, name === 'prod' ? 3e-5 : 2e-6, 1e-6);
        }
      }
    }
  });

  it('size-1 axes: reducing them, or around them (the transposing path), keeps values and shapes', () => {
    const t = rand([3, 1, 4, 1, 2], 5);
    const vals = t.dataSync();
    for (const axes of [[1], [1, 3], [0, 2], [0, 4], [1, 2], [0, 1, 2, 3, 4], [0, 3]]) {
      const y = tf.sum(t, axes);
      const ref = naive(vals, [3, 1, 4, 1, 2], axes, (a, v) => a + v, 0);
      expect(y.shape).toEqual(ref.shape);
      expectClose(y, ref.values);
      expect(tf.max(t, axes, true).shape).toEqual([3, 1, 4, 1, 2].map((d, i) => (axes.includes(i) ? 1 : d)));
    }
  });

  it('non-contiguous axes [0, 2] of a rank-3 tensor: exact small example, and no leaked temporaries', () => {
    const t = tf.reshape(tf.range(0, 24), [2, 3, 4]);
    // sum over i and k of 12i + 4j + k = 8·(4j) + 4·12 + 2·6
    expect(tf.sum(t, [0, 2]).arraySync()).toEqual([60, 92, 124]);
    expect(tf.max(t, [0, 2]).arraySync()).toEqual([15, 19, 23]);
    expect(tf.min(t, [2, 0], true).arraySync()).toEqual([[[0], [4], [8]]]);
    expect(tf.mean(t, [0, 2]).arraySync()).toEqual([7.5, 11.5, 15.5]);
    const n0 = tf.memory().numTensors;
    const y = tf.sum(t, [0, 2]);
    expect(tf.memory().numTensors).toBe(n0 + 1);
    y.dispose();
  });

  it('empty axes [] reduce nothing (TensorFlow: identity)', () => {
    for (const name of ['sum', 'mean', 'max', 'min', 'prod', 'logSumExp'] as const) {
      const y = tf[name](x, []);
      expect(y.shape, name).toEqual([3, 4, 5]);
      expectClose(y, x, 1e-6, 1e-6);
      expect(tf[name](x, [], true).shape).toEqual([3, 4, 5]);
    }
  });

  it('scalars reduce to themselves (axis none, 0 or -1)', () => {
    const s = tf.scalar(2.5);
    for (const name of ['sum', 'mean', 'max', 'min', 'prod'] as const) {
      expect(tf[name](s).arraySync()).toBe(2.5);
      expect(tf[name](s, 0).shape).toEqual([]);
      expect(tf[name](s, 0, true).shape).toEqual([]);
    }
    expectClose(tf.logSumExp(s), 2.5);
  });

  it('logSumExp is stable for large and infinite inputs (TensorFlow semantics)', () => {
    expectClose(tf.logSumExp(tf.tensor1d([1000, 1000])), 1000 + Math.LN2, 1e-6);
    expectClose(tf.logSumExp(tf.tensor1d([-1000, -1000])), -1000 + Math.LN2, 1e-6);
    expectClose(tf.logSumExp(tf.tensor1d([100, -100, 0])), 100, 1e-6);
    expectClose(tf.logSumExp(tf.tensor1d([-Infinity, 0])), 0);
    // TF replaces a non-finite max by 0 before subtracting it: an all -inf row is -inf, +inf gives +inf
    expectClose(tf.logSumExp(tf.tensor2d([[-Infinity, -Infinity], [1, 2]]), 1), [-Infinity, 2 + Math.log(1 + Math.exp(-1))]);
    expect(tf.logSumExp(tf.tensor1d([Infinity, 1])).arraySync()).toBe(Infinity);
  });

  it('int32 inputs keep int32 (sum wraps around as TensorFlow); int32 mean truncates toward zero', () => {
    const t = tf.tensor2d([[1, 2, 3], [4, 5, -6]], undefined, 'int32');
    const s = tf.sum(t, 0);
    expect(s.dtype).toBe('int32');
    expect(s.arraySync()).toEqual([5, 7, -3]);
    expect(tf.sum(t).arraySync()).toBe(9);
    expect(tf.max(t, 1).arraySync()).toEqual([3, 5]);
    expect(tf.min(t, 1).arraySync()).toEqual([1, -6]);
    expect(tf.prod(t, 1).arraySync()).toEqual([6, -120]);
    expect(tf.max(t).dtype).toBe('int32');
    expect(tf.sum(tf.tensor1d([2 ** 31 - 1, 1], 'int32')).arraySync()).toBe(-(2 ** 31));
    const m = tf.mean(t, 0);
    expect(m.dtype).toBe('int32');
    expect(m.arraySync()).toEqual([2, 3, -1]); // -3 / 2 → -1 (C++ integer division), not -2
    expect(tf.mean(tf.tensor1d([-1, -2], 'int32')).arraySync()).toBe(-1);
    expect(tf.mean(tf.tensor1d([-1, -2, 4], 'int32')).arraySync()).toBe(0);
    expect(tf.mean(tf.tensor1d([7, 8], 'int32')).arraySync()).toBe(7);
  });

  it('bool inputs: sum counts the true values as int32 (tfjs)', () => {
    const b = tf.tensor2d([[true, false, true], [true, true, true]]);
    const s = tf.sum(b);
    expect(s.dtype).toBe('int32');
    expect(s.arraySync()).toBe(5);
    expect(tf.sum(b, 1).arraySync()).toEqual([2, 3]);
    expect(tf.sum(b, 0, true).arraySync()).toEqual([[2, 1, 2]]);
    matches(tf.sum(b, 1), tfc.sum(tfc.tensor2d([[true, false, true], [true, true, true]]), 1));
    expect(b.dtype).toBe('bool'); // the input is untouched
  });

  it('empty tensors: sum 0, prod 1, max -inf, min +inf (the identities), mean NaN', () => {
    const e = tf.zeros([0]);
    expect(tf.sum(e).arraySync()).toBe(0);
    expect(tf.prod(e).arraySync()).toBe(1);
    expect(tf.max(e).arraySync()).toBe(-Infinity);
    expect(tf.min(e).arraySync()).toBe(Infinity);
    expect(tf.mean(e).arraySync()).toBeNaN();
    const e2 = tf.zeros([2, 0]);
    expect(tf.sum(e2, 1).arraySync()).toEqual([0, 0]);
    expect(tf.sum(e2, 0).shape).toEqual([0]);
    expect(tf.sum(tf.zeros([0, 3]), 0).arraySync()).toEqual([0, 0, 0]);
    expect(tf.max(tf.zeros([2, 0], 'int32'), 1).arraySync()).toEqual([-(2 ** 31), -(2 ** 31)]);
    expect(tf.min(tf.zeros([2, 0], 'int32'), 1).arraySync()).toEqual([2 ** 31 - 1, 2 ** 31 - 1]);
    expect(() => tf.argMax(tf.zeros([2, 0]), 1)).toThrow(/argMax/);
  });
});

describe('reduce gradients', () => {
  // Distinct values at least 0.05 apart, so finite differences do not cross a kink of max/min.
  const spread = (shape: number[], seed: number) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const order = Array.from(rand([n], seed).dataSync(), (v, i) => [v, i]).sort((a, b) => a[0] - b[0]).map((p) => p[1]);
    const vals = new Array<number>(n);
    order.forEach((pos, k) => { vals[pos] = (k - n / 2) * 0.05; });
    return tf.tensor(vals, shape);
  };
  const x = spread([2, 3, 4], 3);
  const xp = rand([2, 3, 4], 4, 0.5, 1.5);

  const ours = {
    sum: tf.sum, mean: tf.mean, max: tf.max, min: tf.min, prod: tf.prod, logSumExp: tf.logSumExp,
  };
  const axisCases: Axis[] = [undefined, 0, -1, [0, 1], [0, 2], [1, 2]];

  for (const name of Object.keys(ours) as (keyof typeof ours)[]) {
    it(`${name}: gradient matches finite differences for every axis form and keepDims`, () => {
      const input = name === 'prod' ? xp : x;
      for (const axis of axisCases) {
        for (const keepDims of [false, true]) {
          checkGrad((t) => ours[name](t, axis, keepDims), [input], { eps: 1e-2 });
        }
      }
    });
  }

  for (const name of ['sum', 'mean', 'max', 'min', 'logSumExp'] as const) {
    it(`${name}: gradient matches tfjs (no ties)`, () => {
      for (const axis of axisCases) {
        const dy = tf.randomUniform(tf[name](x, axis).shape, 0.5, 1.5, 'float32', 9);
        const g = tf.grads((t: tf.Tensor) => ours[name](t, axis))([x], dy)[0];
        const gt = tfc.grads((t: tfcore.Tensor) => tfc[name](t, axis as number[]))([toTfc(x)], toTfc(dy))[0];
        matches(g, gt, 1e-5, 1e-6);
      }
    });
  }

  it('max/min ties share the gradient equally (TensorFlow Python; tfjs does not)', () => {
    const t = tf.tensor2d([[1, 3, 3], [2, 2, 2]]);
    const third = Math.fround(1 / 3);
    expect(tf.grad((v) => tf.max(v, 1))(t).arraySync()).toEqual([[0, 0.5, 0.5], [third, third, third]]);
    expect(tf.grad((v) => tf.min(v, 1))(t).arraySync()).toEqual([[1, 0, 0], [third, third, third]]);
    expect(tf.grad((v) => tf.max(v))(tf.tensor1d([3, 1, 3, 2])).arraySync()).toEqual([0.5, 0, 0.5, 0]);
    expect(tf.grad((v) => tf.min(v, 0, true))(tf.tensor2d([[0, 5], [0, 4]])).arraySync()).toEqual([[0.5, 0], [0.5, 1]]);
    // over several axes at once: the two 7s share
    expect(tf.grad((v) => tf.max(v, [0, 2]))(tf.tensor3d([[[7, 1]], [[2, 7]]])).arraySync()).toEqual([[[0.5, 0]], [[0, 0.5]]]);
    // weighted upstream gradient is split, not copied
    const [g] = tf.grads((v: tf.Tensor) => tf.max(v, 1))([t], tf.tensor1d([2, 6]));
    expect(g.arraySync()).toEqual([[0, 1, 1], [2, 2, 2]]);
  });

  it('prod: the gradient is the product of the other elements, also at zeros (TensorFlow)', () => {
    expect(tf.grad((v) => tf.prod(v))(tf.tensor1d([2, 3, 4])).arraySync()).toEqual([12, 8, 6]);
    expect(tf.grad((v) => tf.prod(v))(tf.tensor1d([0, 2, 3])).arraySync()).toEqual([6, 0, 0]);
    expect(tf.grad((v) => tf.prod(v))(tf.tensor1d([0, 0, 3])).arraySync()).toEqual([0, 0, 0]);
    expect(tf.grad((v) => tf.prod(v, 1))(tf.tensor2d([[0, 2], [3, 4]])).arraySync()).toEqual([[2, 0], [4, 3]]);
    expect(tf.grad((v) => tf.prod(v, 0, true))(tf.tensor2d([[0, 2], [0, 4]])).arraySync()).toEqual([[0, 4], [0, 2]]);
    // prod is linear in each element, so central differences are exact even at zeros
    checkGrad((v) => tf.prod(v, [0, 2]), [tf.tensor3d([[[0, 2], [1.5, -1]], [[0.5, 3], [0, 0]]])]);
    checkGrad((v) => tf.prod(v, 1), [tf.tensor2d([[0, 2, 3], [1, 0, 0], [1, 2, 3]])]);
    // tfjs's own Prod gradient needs its chaining API, which this bundle does not register; its formula
    // (exclusive cumulative products from both ends) built from tfjs ops is the oracle
    const z = tf.tensor2d([[0, 2, 3, 0.5], [1.5, 0, 0, 2], [1, -2, 3, 0.25]]);
    for (const axis of [0, 1]) {
      const dy = tf.randomUniform(tf.prod(z, axis).shape, 0.5, 1.5, 'float32', 21);
      const g = tf.grads((v: tf.Tensor) => tf.prod(v, axis))([z], dy)[0];
      const zt = toTfc(z);
      const others = tfc.mul(tfc.cumprod(zt, axis, true, false), tfc.cumprod(zt, axis, true, true));
      matches(g, tfc.mul(tfc.expandDims(toTfc(dy), axis), others));
    }
    // the gradient is differentiable again: d/dx Σ ∂prod/∂xᵢ = [b + c, a + c, a + b]
    const x0 = tf.tensor1d([2, 3, 4]);
    const outer = new tf.GradientTape();
    outer.watch(x0);
    const g = tf.grad((v) => tf.prod(v))(x0);
    expect(outer.gradient(tf.sum(g), x0)!.arraySync()).toEqual([7, 6, 5]);
  });

  it('logSumExp: the gradient is softmax, also for large and -inf inputs', () => {
    const g = tf.grad((v) => tf.logSumExp(v))(tf.tensor1d([1000, 1000, -Infinity]));
    expect(g.arraySync()).toEqual([0.5, 0.5, 0]);
    const h = tf.grad((v) => tf.logSumExp(v, 1))(tf.tensor2d([[0, Math.log(3)], [-100, 100]]));
    expectClose(h, [[0.25, 0.75], [0, 1]], 1e-6, 1e-7);
  });

  it('second order: d²/dx² of sum(x³) via nested tapes', () => {
    const x0 = tf.tensor1d([1, 2, -3]);
    const outer = new tf.GradientTape();
    outer.watch(x0);
    const inner = new tf.GradientTape();
    inner.watch(x0);
    const y = tf.sum(tf.mul(tf.mul(x0, x0), x0));
    const dy = inner.gradient(y, x0)!;
    const d2 = outer.gradient(tf.sum(dy), x0)!;
    expect(d2.arraySync()).toEqual([6, 12, -18]);
  });

  it('int32 and bool reductions are not differentiable (no gradient recorded)', () => {
    const t = tf.tensor1d([1, 2], 'int32');
    const tape = new tf.GradientTape();
    tape.watch(t);
    const y = tf.sum(t);
    expect(tape.gradient(y, t)).toBeNull();
  });
});

describe('reduce errors', () => {
  const x = rand([2, 3, 4], 1);

  it('out-of-range, non-integer and duplicate-free axis checks name the op, the axis and the rank', () => {
    for (const name of ['sum', 'mean', 'max', 'min', 'prod', 'logSumExp'] as const) {
      expect(() => tf[name](x, 3)).toThrow(new RegExp(`^${name}: .*axis 3.*rank 3`));
      expect(() => tf[name](x, -4)).toThrow(new RegExp(`^${name}: .*axis -4.*rank 3`));
      expect(() => tf[name](x, [0, 5])).toThrow(new RegExp(`${name}: .*axis 5`));
      expect(() => tf[name](x, 1.5)).toThrow(new RegExp(`${name}: .*axis 1.5`));
    }
    expect(() => tf.argMax(x, 3)).toThrow(/^argMax: .*axis 3.*rank 3/);
    expect(() => tf.argMin(x, -4)).toThrow(/^argMin: .*axis -4/);
    expect(() => tf.sum(tf.scalar(1), 1)).toThrow(/sum: .*axis 1.*rank 0/);
  });

  it('argMax of a scalar, mean of bool, disposed input: clear errors', () => {
    expect(() => tf.argMax(tf.scalar(1))).toThrow(/argMax: .*scalar/);
    expect(() => tf.mean(tf.tensor1d([true, false]))).toThrow(/mean: .*'x'.*bool/);
    expect(() => tf.argMax(tf.tensor1d([true]))).toThrow(/argMax: .*bool/);
    const d = tf.tensor1d([1, 2]);
    d.dispose();
    expect(() => tf.sum(d)).toThrow(/sum: .*disposed/);
  });

  it('the library keeps working after errors, and failed calls leak nothing', () => {
    const n0 = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      expect(() => tf.sum(x, 7)).toThrow();
      expect(() => tf.max(x, [1, -9], true)).toThrow();
      expect(() => tf.argMin(x, 9)).toThrow();
    }
    expect(tf.memory().numTensors).toBe(n0);
    expectClose(tf.sum(tf.tensor1d([1, 2, 3])), 6);
    expect(tf.max(x, [0, 2]).shape).toEqual([3]);
  });
});
