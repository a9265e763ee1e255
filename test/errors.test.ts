// Bad input: a clear Error naming the op, the argument and the shapes; no wasm trap; the library stays
// usable and no tensor is lost.
import { describe, expect, it } from 'vitest';
import { tf } from './helpers.js';

describe('errors', () => {
  it('shape mismatches name the op and both shapes', () => {
    expect(() => tf.add(tf.zeros([2, 3]), tf.zeros([4]))).toThrow(/add: .*\[2,3\].*\[4\]/);
    expect(() => tf.matMul(tf.zeros([2, 3]), tf.zeros([4, 5]))).toThrow(/matMul: inner dimensions differ: a is \[2,3\], b is \[4,5\]/);
    expect(() => tf.matMul(tf.zeros([3]), tf.zeros([3, 1]))).toThrow(/matMul: .*rank/);
    expect(() => tf.reshape(tf.zeros([2, 3]), [4, 2])).toThrow(/reshape: .*\[2,3\].*\[4,2\]/);
    expect(() => tf.transpose(tf.zeros([2, 3]), [0, 0])).toThrow(/transpose: perm/);
    expect(() => tf.sum(tf.zeros([2, 3]), 2)).toThrow(/sum: axis 2 is out of range/);
  });

  it('wrong dtypes name the op, the argument and the dtype', () => {
    expect(() => tf.logicalAnd(tf.zeros([2]), tf.tensor([true, false]))).toThrow(/logicalAnd: argument 'a' must be bool, got float32/);
    expect(() => tf.oneHot(tf.tensor([0.5, 1]), 3)).toThrow(/oneHot: argument 'indices' must be int32/);
    expect(() => tf.tensor([1, 2], [2], 'string' as any)).toThrow(/tensor: argument 'values': value 1 is not a string/);
  });

  it('disposed tensors are rejected by name', () => {
    const x = tf.tensor([1, 2]);
    x.dispose();
    expect(() => tf.exp(x)).toThrow(/exp: argument 'x' is disposed/);
    expect(() => tf.add(tf.ones([2]), x)).toThrow(/add: argument 'b' is disposed/);
    expect(() => x.dataSync()).toThrow(/disposed/);
    expect(() => tf.tensor2d(x as any)).toThrow(/tensor2d: argument 'values' is disposed/);
    expect(() => tf.stack(x as any)).toThrow(/stack: argument 'tensors' must be an array of tensors/);
    expect(x.toString()).toContain('disposed');
  });

  it('non-finite or negative shapes and ragged arrays are rejected', () => {
    expect(() => tf.zeros([2, NaN])).toThrow(/zeros: shape \[2,NaN\]/);
    expect(() => tf.zeros([-1])).toThrow(/non-negative integers/);
    expect(() => tf.ones([Infinity])).toThrow(/non-negative integers/);
    expect(() => tf.tensor([[1, 2], [3]])).toThrow(/tensor: ragged nested array/);
    expect(() => tf.tensor([1, 2, 3], [2, 2])).toThrow(/tensor: shape \[2,2\] needs 4 values, got 3/);
    expect(() => tf.tensor({} as any)).toThrow(/tensor: argument 'values'/);
  });

  it('variables reject assignments of another shape or dtype', () => {
    const v = tf.variable([1, 2]);
    expect(() => v.assign(tf.tensor([1, 2, 3]))).toThrow(/assign: variable 'Variable.*' is \[2\] float32, the value is \[3\] float32/);
    expect(v.arraySync()).toEqual([1, 2]);
  });

  it('the library keeps working after errors and loses no tensor', () => {
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      try { tf.tidy(() => tf.matMul(tf.zeros([2, 3]), tf.zeros([4, 5]))); } catch { /* expected */ }
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.add(tf.tensor([1]), 1).arraySync()).toEqual([2]);
  });

  it('using tensors before ready() or non-function arguments give clear errors', () => {
    expect(() => tf.grad(5 as any)).toThrow(/grad: the argument must be a function/);
    expect(() => tf.tidy(async () => tf.scalar(1)) as any).toThrow(/tidy: the function must be synchronous/);
  });
});
