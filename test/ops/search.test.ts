// unique, searchSorted / lowerBound / upperBound, bincount, denseBincount, setdiff1dAsync, inTopKAsync
// against TensorFlow.js (cpu), and their errors.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfcore from '@tensorflow/tfjs-core';
import { checkGrad, expectClose, expectSame, oracle, rand, tf } from '../helpers.js';

let tfc: typeof tfcore;
beforeAll(async () => { tfc = await oracle(); });
const toTfc = (t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype);
const same = expectSame;

describe('unique', () => {
  it('agrees with tfjs on vectors and slices, NaN and -0 included', () => {
    const cases: [tf.Tensor, number][] = [
      [tf.tensor1d([1, 1, 2, 4, 4, 4, 7, 8, 8]), 0], [tf.tensor1d([NaN, 0, -0, NaN, Infinity]), 0],
      [tf.tensor1d([3, 1, 3, 3], 'int32'), 0], [tf.tensor1d([true, false, true], 'bool'), 0],
      [tf.tensor2d([[1, 0, 0], [1, 0, 0], [2, 0, 0]]), 0], [tf.tensor2d([[1, 0, 1], [1, 0, 1]]), 1],
      [tf.tensor3d([1, 0, 1, 0, 1, 0, 1, 0], [2, 2, 2]), 1], [tf.tensor2d([[1, 0], [1, 0]], [2, 2], 'int32'), -1],
    ];
    for (const [x, axis] of cases) {
      const a = tf.unique(x, axis), b = tfc.unique(toTfc(x), axis);
      same(a.values, b.values);
      same(a.indices, b.indices);
    }
    expect(() => tf.unique(tf.scalar(1))).toThrow(/^unique: x must have rank ≥ 1/);
    expect(() => tf.unique([1, 2], 1)).toThrow(/^unique: axis 1 /);
  });
});

describe('searchSorted', () => {
  it('agrees with tfjs (left, right, rows, int32, NaN)', () => {
    const seq = tf.tensor2d([[0, 3, 9, 10, 10], [1, 2, 3, 4, 5]]), vals = tf.tensor2d([[0, 4, 10, 12], [2, 2.5, -1, 5]]);
    for (const side of ['left', 'right'] as const) {
      same(tf.searchSorted(seq, vals, side), tfc.searchSorted(toTfc(seq), toTfc(vals), side));
      // the result has the shape of values (TensorFlow, tfjs's docs); tfjs's kernel returns values as 2-D
      same(tf.searchSorted([1, NaN, 3], [NaN, 2, 3], side).reshape([1, 3]), tfc.searchSorted([1, NaN, 3], [NaN, 2, 3], side));
    }
    expect(tf.searchSorted([[[1, 2]]], [[[1, 2, 3]]]).shape).toEqual([1, 1, 3]);
    same(tf.lowerBound(tf.tensor1d([1, 2, 2, 3], 'int32'), [2, 2.5]).reshape([1, 2]), tfc.lowerBound(tfc.tensor1d([1, 2, 2, 3], 'int32'), [2, 2.5]));
    same(tf.upperBound(tf.tensor1d([1, 2, 2, 3], 'int32'), [2, 2.5]).reshape([1, 2]), tfc.upperBound(tfc.tensor1d([1, 2, 2, 3], 'int32'), [2, 2.5]));
    expect(() => tf.searchSorted(seq, [1, 2])).toThrow(/^searchSorted: the leading axes/);
    expect(() => tf.upperBound(seq, [[1], [2], [3]])).toThrow(/^upperBound: /);
  });
});

describe('bincount / denseBincount', () => {
  it('agree with tfjs', () => {
    const x = tf.tensor1d([1, 1, 5, 2, 0, 2], 'int32'), w = rand([6], 1), wi = tf.tensor1d([1, 2, 3, 4, 5, 6], 'int32');
    same(tf.bincount(x, [], 4), tfc.bincount(toTfc(x) as tfcore.Tensor1D, [], 4));
    same(tf.bincount(x, w, 3), tfc.bincount(toTfc(x) as tfcore.Tensor1D, toTfc(w) as tfcore.Tensor1D, 3));
    same(tf.bincount(x, wi, 6), tfc.bincount(toTfc(x) as tfcore.Tensor1D, toTfc(wi) as tfcore.Tensor1D, 6));
    const x2 = tf.tensor2d([[1, 1, 3], [2, 0, 7]], [2, 3], 'int32'), w2 = rand([2, 3], 2);
    for (const bin of [false, true]) {
      same(tf.denseBincount(x2, [], 4, bin), tfc.denseBincount(toTfc(x2) as tfcore.Tensor2D, [], 4, bin));
      same(tf.denseBincount(x2, w2, 5, bin), tfc.denseBincount(toTfc(x2) as tfcore.Tensor2D, toTfc(w2) as tfcore.Tensor2D, 5, bin));
      // tfjs ignores binaryOutput for a vector with weights (its 2-D path and TensorFlow do not): 0/1 here
      if (!bin) same(tf.denseBincount(x, w, 3, bin), tfc.denseBincount(toTfc(x) as tfcore.Tensor1D, toTfc(w) as tfcore.Tensor1D, 3, bin));
      else expectClose(tf.denseBincount(x, w, 3, bin), [1, 1, 1]);
    }
    checkGrad((ww) => tf.bincount(x, ww, 4), [w]);
    expect(() => tf.bincount([1, -1], [], 3)).toThrow(/^bincount: x must be non-negative, got x\[1\] = -1/);
    expect(() => tf.bincount(x, [1, 2], 3)).toThrow(/^bincount: weights \[2\] must have the shape of x/);
    expect(() => tf.denseBincount(tf.zeros([1, 1, 1], 'int32'), [], 3)).toThrow(/^denseBincount: x must be rank 1 or 2/);
  });
});

describe('setdiff1dAsync / inTopKAsync', () => {
  it('agree with tfjs', async () => {
    const [v, i] = await tf.setdiff1dAsync([1, 2, 3, NaN, 4, 5, 6], [1, 3, 5, NaN]);
    const [tv, ti] = await tfc.setdiff1dAsync([1, 2, 3, NaN, 4, 5, 6], [1, 3, 5, NaN]);
    same(v, tv); same(i, ti);
    const [v2, i2] = await tf.setdiff1dAsync(tf.tensor1d([4, 4, 1], 'int32'), tf.tensor1d([1], 'int32'));
    const [tv2, ti2] = await tfc.setdiff1dAsync(tfc.tensor1d([4, 4, 1], 'int32'), tfc.tensor1d([1], 'int32'));
    same(v2, tv2); same(i2, ti2);
    await expect(tf.setdiff1dAsync([1, 2], tf.tensor1d([1], 'int32'))).rejects.toThrow(/^setdiff1dAsync: x \(float32\) and y \(int32\)/);
    const p = rand([3, 4, 5], 3), t = tf.tensor2d([[0, 1, 2, 3], [4, 0, 1, 2], [3, 4, 0, 1]], [3, 4], 'int32');
    for (const k of [1, 2, 5]) same(await tf.inTopKAsync(p, t, k), await tfc.inTopKAsync(toTfc(p), toTfc(t), k));
    same(await tf.inTopKAsync([[20, 10, 40, 30], [2, 2, 2, 2]], [2, 1], 1), await tfc.inTopKAsync([[20, 10, 40, 30], [2, 2, 2, 2]], [2, 1], 1));
    await expect(tf.inTopKAsync([[1, 2]], [0], 3)).rejects.toThrow(/^inTopKAsync: k must be an integer in \[1, 2\]/);
  });
});
