// Creating tensors: tensor/scalar/tensor1d-4d, fill/zeros/ones(-Like), range, linspace, oneHot, eye.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfcore from '@tensorflow/tfjs-core';
import { expectClose, oracle, tf } from '../helpers.js';

let tfc: typeof tfcore;
beforeAll(async () => { tfc = await oracle(); });

function matches(ours: tf.Tensor, theirs: tfcore.Tensor): void {
  expect(ours.shape).toEqual(theirs.shape);
  expect(ours.dtype).toBe(theirs.dtype);
  expect(Array.from(ours.dataSync())).toEqual(Array.from(theirs.dataSync()));
}
const errorOf = (f: () => unknown): string => {
  try { f(); } catch (e) { return (e as Error).message; }
  throw new Error('expected an error');
};

describe('tensor', () => {
  it('infers shape and dtype from nested arrays, booleans and TypedArrays', () => {
    const cases: [unknown, number[], string][] = [
      [5, [], 'float32'],
      [true, [], 'bool'],
      [[1, 2, 3], [3], 'float32'],
      [[[1, 2], [3, 4], [5, 6]], [3, 2], 'float32'],
      [[[[1], [2]]], [1, 2, 1], 'float32'],
      [[true, false], [2], 'bool'],
      [[], [0], 'float32'],
      [[[]], [1, 0], 'float32'],
      [new Float32Array([1, 2]), [2], 'float32'],
      [new Int32Array([1, 2, 3]), [3], 'int32'],
      [new Uint8Array([1, 2]), [2], 'int32'],
    ];
    for (const [v, shape, dtype] of cases) {
      const t = tf.tensor(v as tf.TensorLike);
      expect(t.shape, JSON.stringify(v)).toEqual(shape);
      expect(t.dtype).toBe(dtype);
      const o = tfc.tensor(v as number[]);
      expect(o.shape).toEqual(shape);
      expect(t.dtype).toBe(o.dtype);
    }
    expect(tf.tensor([[1, 2], [3, 4]]).arraySync()).toEqual([[1, 2], [3, 4]]);
    expect(tf.tensor([[true], [false]]).arraySync()).toEqual([[true], [false]]);
  });

  it('explicit shape and dtype: flat values reshaped, int32 truncates, bool is != 0, a number fills', () => {
    expect(tf.tensor([1, 2, 3, 4, 5, 6], [2, 3]).arraySync()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(tf.tensor([[1, 2], [3, 4]], [4]).arraySync()).toEqual([1, 2, 3, 4]);
    const i = tf.tensor([1.7, -1.7, 2.5], [3], 'int32');
    expect(i.dtype).toBe('int32');
    expect(i.arraySync()).toEqual([1, -1, 2]);
    expect(tf.tensor([0, 2, -1], [3], 'bool').arraySync()).toEqual([false, true, true]);
    expect(tf.tensor([true, false], [2], 'float32').arraySync()).toEqual([1, 0]);
    expect(tf.tensor(3, [2, 2]).arraySync()).toEqual([[3, 3], [3, 3]]);
    expect(tf.tensor(new Float32Array([1, 2, 3, 4]), [2, 2]).shape).toEqual([2, 2]);
    expect(tf.tensor([0.1]).dataSync()[0]).toBe(Math.fround(0.1));
    expect(tf.tensor([], [0, 5]).shape).toEqual([0, 5]);
  });

  it('ragged nested arrays are errors that say where', () => {
    expect(errorOf(() => tf.tensor([[1, 2], [3]]))).toMatch(/^tensor: ragged .*\[1\].*length 1.*expected 2/);
    expect(errorOf(() => tf.tensor([[1, 2], 3]))).toMatch(/^tensor: ragged .*\[1\]/);
    expect(errorOf(() => tf.tensor([[[1], [2]], [[3], [4, 5]]]))).toMatch(/^tensor: ragged .*\[1\]\[1\]/);
    expect(errorOf(() => tf.tensor2d([[1, 2], [3]]))).toMatch(/^tensor2d: ragged/);
  });

  it('ragged: an array where the first element fixed a number is an error too (not silently dropped)', () => {
    // tfjs: "Element arr[1] should be a primitive, but is an array of 2 elements"
    expect(errorOf(() => tf.tensor([1, [2, 3]]))).toMatch(/^tensor: ragged .*\[1\]/);
    expect(errorOf(() => tf.tensor([[1, 2], [3, [4, 5]]]))).toMatch(/^tensor: ragged .*\[1\]\[1\]/);
  });

  it('shape and size mismatch: error names the shape and both counts', () => {
    expect(errorOf(() => tf.tensor([1, 2, 3], [2, 2]))).toMatch(/^tensor: shape \[2,2\] needs 4 values, got 3/);
    expect(errorOf(() => tf.tensor2d([1, 2, 3, 4, 5], [2, 2]))).toMatch(/^tensor2d: shape \[2,2\] needs 4 values, got 5/);
    expect(errorOf(() => tf.tensor([1, 2], [-2]))).toMatch(/^tensor: shape \[-2\]/);
    expect(errorOf(() => tf.tensor([1, 2], [2], 'float64' as tf.DType))).toMatch(/^tensor: dtype 'float64' is not supported/);
    expect(tf.tensor(['a']).dtype).toBe('string'); // string values make a string tensor
    expect(errorOf(() => tf.tensor(['a', 1] as unknown as number[]))).toMatch(/^tensor: .*'values'.*not a string/);
    expect(errorOf(() => tf.tensor({} as unknown as number[]))).toMatch(/^tensor: argument 'values'/);
    expect(tf.tensor([1, 2, 3, 4], [2, 2]).shape).toEqual([2, 2]); // still fine
  });

  it('scalar and tensor1d … tensor4d check the rank', () => {
    const s = tf.scalar(3.5);
    expect(s.shape).toEqual([]);
    expect(s.arraySync()).toBe(3.5);
    expect(tf.scalar(3, 'int32').dtype).toBe('int32');
    expect(tf.scalar(true).dtype).toBe('bool');
    expect(errorOf(() => tf.scalar([1] as unknown as number))).toMatch(/^scalar: /);
    expect(tf.tensor1d([1, 2, 3]).shape).toEqual([3]);
    expect(tf.tensor1d([1, 2], 'int32').dtype).toBe('int32');
    expect(tf.tensor2d([[1, 2], [3, 4]]).shape).toEqual([2, 2]);
    expect(tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]).arraySync()).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(tf.tensor3d([[[1], [2]], [[3], [4]]]).shape).toEqual([2, 2, 1]);
    expect(tf.tensor3d([1, 2, 3, 4], [1, 2, 2]).arraySync()).toEqual([[[1, 2], [3, 4]]]);
    expect(tf.tensor4d([[[[1]]]]).shape).toEqual([1, 1, 1, 1]);
    expect(tf.tensor4d([1, 2, 3, 4], [1, 2, 1, 2], 'int32').dtype).toBe('int32');
    expect(errorOf(() => tf.tensor1d([[1, 2]]))).toMatch(/^tensor1d: expected rank 1, got .*\[1,2\]/);
    expect(errorOf(() => tf.tensor2d([1, 2]))).toMatch(/^tensor2d: expected rank 2/);
    expect(errorOf(() => tf.tensor3d([[1]]))).toMatch(/^tensor3d: expected rank 3/);
    expect(errorOf(() => tf.tensor4d([1]))).toMatch(/^tensor4d: expected rank 4/);
  });
});

describe('fill, zeros, ones and the -Like forms', () => {
  it('values, shapes and dtypes', () => {
    expect(tf.fill([2, 3], 7).arraySync()).toEqual([[7, 7, 7], [7, 7, 7]]);
    expect(tf.fill([2, 3], 7).dtype).toBe('float32');
    expect(tf.fill([2], 3, 'int32').arraySync()).toEqual([3, 3]);
    expect(tf.fill([2], -2.5).arraySync()).toEqual([-2.5, -2.5]);
    expect(tf.fill([2], true).dtype).toBe('bool');
    expect(tf.fill([2], true).arraySync()).toEqual([true, true]);
    expect(tf.fill([], 4).arraySync()).toBe(4);
    expect(tf.fill([5], NaN).arraySync()).toEqual([NaN, NaN, NaN, NaN, NaN]);
    expect(tf.fill([0, 2], 1).shape).toEqual([0, 2]);
    expect(tf.zeros([2, 2]).arraySync()).toEqual([[0, 0], [0, 0]]);
    expect(tf.zeros([3], 'int32').dtype).toBe('int32');
    expect(tf.zeros([2], 'bool').arraySync()).toEqual([false, false]);
    expect(tf.ones([7]).arraySync()).toEqual([1, 1, 1, 1, 1, 1, 1]); // SIMD body + tail
    expect(tf.ones([2], 'bool').arraySync()).toEqual([true, true]);
    expect(tf.ones([1, 2], 'int32').arraySync()).toEqual([[1, 2].map(() => 1)]);
    const i = tf.tensor2d([[1, 2, 3]], undefined, 'int32');
    const zl = tf.zerosLike(i), ol = tf.onesLike(tf.tensor([true, false]));
    expect(zl.shape).toEqual([1, 3]);
    expect(zl.dtype).toBe('int32');
    expect(zl.arraySync()).toEqual([[0, 0, 0]]);
    expect(ol.dtype).toBe('bool');
    expect(ol.arraySync()).toEqual([true, true]);
    expect(tf.onesLike(tf.zeros([2, 2])).arraySync()).toEqual([[1, 1], [1, 1]]);
    matches(tf.fill([2, 3], 4, 'int32'), tfc.fill([2, 3], 4, 'int32'));
    matches(tf.zerosLike([[1, 2]]), tfc.zerosLike(tfc.tensor([[1, 2]])));
  });

  it('bad shapes are errors naming the op', () => {
    expect(errorOf(() => tf.fill([2, -1], 0))).toMatch(/^fill: shape \[2,-1\]/);
    expect(errorOf(() => tf.zeros([1.5]))).toMatch(/^zeros: shape \[1.5\]/);
    expect(errorOf(() => tf.ones(3 as unknown as number[]))).toMatch(/^ones: shape must be an array/);
  });
});

describe('range', () => {
  it('tfjs signature range(start, stop, step = 1, dtype = float32), and range(n)', () => {
    const cases: [number, number, number, 'float32' | 'int32'][] = [
      [0, 5, 1, 'float32'], [1, 10, 3, 'float32'], [5, 0, -1, 'float32'], [0, -3, -0.5, 'float32'],
      [0, 1, 0.25, 'float32'], [5, 0, -1.5, 'float32'], [0, 5, -1, 'float32'], [3, 3, 1, 'float32'],
      [0, 7, 2, 'int32'], [10, -2, -4, 'int32'], [-3, 3, 1, 'int32'],
    ];
    for (const [a, b, s, dt] of cases) matches(tf.range(a, b, s, dt), tfc.range(a, b, s, dt));
    expect(tf.range(0, 5).arraySync()).toEqual([0, 1, 2, 3, 4]);
    expect(tf.range(4).arraySync()).toEqual([0, 1, 2, 3]);
    expect(tf.range(5, 0, -1).arraySync()).toEqual([5, 4, 3, 2, 1]);
    expect(tf.range(0, -3, -0.5).arraySync()).toEqual([0, -0.5, -1, -1.5, -2, -2.5]);
    expect(tf.range(0, 5, -1).shape).toEqual([0]);
    expect(tf.range(5, 1, 1).shape).toEqual([0]); // (tfjs 4.22 returns [5, 6, 7, 8] here)
    expect(tf.range(0, 7, 2, 'int32').dtype).toBe('int32');
  });

  it('step 0 and non-finite bounds are errors naming range', () => {
    expect(errorOf(() => tf.range(0, 5, 0))).toMatch(/^range: step must not be 0/);
    expect(errorOf(() => tf.range(0, Infinity))).toMatch(/^range: .*finite/);
  });
});

describe('linspace', () => {
  /** TensorFlow: delta = (stop - start) / (num - 1) and start + i·delta in float32, the last value is stop. */
  function tfLinspace(start: number, stop: number, num: number): number[] {
    const f = Math.fround;
    const delta = f(f(f(stop) - f(start)) / (num - 1));
    return Array.from({ length: num }, (_, i) => (i === 0 ? f(start) : i === num - 1 ? f(stop) : f(f(start) + f(delta * i))));
  }

  it('tf.linspace(-6., 6., 10) as TensorFlow prints it', () => {
    const y = tf.linspace(-6, 6, 10);
    expect(y.shape).toEqual([10]);
    expect(y.dtype).toBe('float32');
    // TF: [-6. -4.6666665 -3.3333333 -2. -0.6666665 0.666667 2. 3.333334 4.666667 6.]
    expect(Array.from(y.dataSync())).toEqual([-6, -4.6666665, -3.3333333, -2, -0.6666665, 0.666667, 2, 3.333334, 4.666667, 6].map(Math.fround));
  });

  it('start + i·step in float32 for several ranges; endpoints exact', () => {
    for (const [a, b, n] of [[0, 1, 5], [10, 12, 3], [1, 10, 10], [10, -10, 7], [0.1, 1.1, 11], [-1, 1, 4], [0, 1, 7], [3, 5, 2]]) {
      const y = Array.from(tf.linspace(a, b, n).dataSync());
      expect(y, `linspace(${a}, ${b}, ${n})`).toEqual(tfLinspace(a, b, n));
      expect(y[0]).toBe(Math.fround(a));
      expect(y[n - 1]).toBe(Math.fround(b));
    }
    expect(tf.linspace(0, 1, 5).arraySync()).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('num = 1 gives [start], num = 0 gives []; bad num is an error', () => {
    expect(tf.linspace(3, 7, 1).arraySync()).toEqual([3]);
    expect(tf.linspace(3, 7, 0).shape).toEqual([0]);
    expect(errorOf(() => tf.linspace(0, 1, -1))).toMatch(/^linspace: num .*-1/);
    expect(errorOf(() => tf.linspace(0, 1, 2.5))).toMatch(/^linspace: num .*2.5/);
  });
});

describe('oneHot', () => {
  it('defaults to int32 (tfjs), custom on/off values and float32', () => {
    const idx = tf.tensor1d([0, 2, 1], 'int32');
    const y = tf.oneHot(idx, 3);
    expect(y.dtype).toBe('int32');
    expect(y.arraySync()).toEqual([[1, 0, 0], [0, 0, 1], [0, 1, 0]]);
    matches(y, tfc.oneHot(tfc.tensor1d([0, 2, 1], 'int32'), 3));
    const f = tf.oneHot(idx, 4, 5, -1, 'float32');
    expect(f.dtype).toBe('float32');
    expect(f.arraySync()).toEqual([[5, -1, -1, -1], [-1, -1, 5, -1], [-1, 5, -1, -1]]);
    matches(f, tfc.oneHot(tfc.tensor1d([0, 2, 1], 'int32'), 4, 5, -1, 'float32'));
    expect(tf.oneHot([1, 0], 2).arraySync()).toEqual([[0, 1], [1, 0]]);
    expect(idx.oneHot(3).shape).toEqual([3, 3]);
  });

  it('out-of-range and negative indices give all-off rows; rank-2 indices add a last axis', () => {
    const y = tf.oneHot(tf.tensor1d([-1, 3, 1], 'int32'), 3);
    expect(y.arraySync()).toEqual([[0, 0, 0], [0, 0, 0], [0, 1, 0]]);
    matches(y, tfc.oneHot(tfc.tensor1d([-1, 3, 1], 'int32'), 3));
    const z = tf.oneHot(tf.tensor2d([[0, 1], [1, 0]], undefined, 'int32'), 2);
    expect(z.shape).toEqual([2, 2, 2]);
    expect(z.arraySync()).toEqual([[[1, 0], [0, 1]], [[0, 1], [1, 0]]]);
    expect(tf.oneHot(tf.scalar(1, 'int32'), 3).arraySync()).toEqual([0, 1, 0]);
  });

  it('float indices and bad depth are errors naming oneHot', () => {
    expect(errorOf(() => tf.oneHot(tf.tensor1d([0.5]), 2))).toMatch(/^oneHot: argument 'indices' must be int32, got float32/);
    expect(errorOf(() => tf.oneHot(tf.tensor1d([0], 'int32'), 0))).toMatch(/^oneHot: depth .*0/);
    expect(errorOf(() => tf.oneHot(tf.tensor1d([0], 'int32'), 1.5))).toMatch(/^oneHot: depth .*1.5/);
  });
});

describe('eye', () => {
  it('square, rectangular, batched and int32 identities match tfjs', () => {
    expect(tf.eye(3).arraySync()).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(tf.eye(2, 3).arraySync()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(tf.eye(3, 2).arraySync()).toEqual([[1, 0], [0, 1], [0, 0]]);
    const b = tf.eye(2, 2, [3]);
    expect(b.shape).toEqual([3, 2, 2]);
    expect(tf.eye(2, 2, [2], 'int32').dtype).toBe('int32');
    matches(tf.eye(4), tfc.eye(4));
    matches(tf.eye(2, 3, [2]), tfc.eye(2, 3, [2]));
    matches(tf.eye(3, 2, [2, 1], 'int32'), tfc.eye(3, 2, [2, 1], 'int32'));
    expectClose(tf.matMul(tf.eye(3), tf.tensor2d([[1, 2], [3, 4], [5, 6]])), [[1, 2], [3, 4], [5, 6]]);
  });

  it('JS numbers become bools as TensorFlow casts them: nonzero (NaN included) is true', () => {
    expect(Array.from(tf.tensor([NaN, 0, -0, 0.25], [4], 'bool').dataSync())).toEqual([1, 0, 0, 1]);
    expect(Array.from(tf.fill([2], NaN, 'bool').dataSync())).toEqual([1, 1]);
    expect(Array.from(tf.logicalOr(tf.tensor1d([false, false], 'bool'), NaN).dataSync())).toEqual([1, 1]);
  });

  it('an int32 range needs integer arguments (TensorFlow converts them to int32)', () => {
    expect(Array.from(tf.range(-2, 5, 3, 'int32').dataSync())).toEqual([-2, 1, 4]);
    expect(() => tf.range(-2.5, 5, 0.3, 'int32')).toThrow(/range: an int32 range needs integer start, stop and step/);
  });
});

describe('dtype inference from nested typed arrays (tfjs)', () => {
  it('[Int32Array, …, number[]] is int32', () => {
    const a = tf.tensor([new Int32Array([1, 2]), new Int32Array([3, 4]), [5, 6]]);
    expect([a.dtype, a.shape]).toEqual(['int32', [3, 2]]);
    expect(tf.tensor([new Float32Array([1.5])]).dtype).toBe('float32');
  });
});
