// tf.sparse: sparseFillEmptyRows, sparseReshape, sparseSegmentSum, sparseSegmentMean against TensorFlow.js
// (cpu), the segment reductions' gradients by finite differences, and TensorFlow's error messages.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfcore from '@tensorflow/tfjs-core';
import { checkGrad, expectClose, expectSame, oracle, rand, tf } from '../helpers.js';

let tfc: typeof tfcore;
beforeAll(async () => { tfc = await oracle(); });
const toTfc = (t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype);
const same = expectSame;

describe('tf.sparse', () => {
  it('sparseFillEmptyRows agrees with tfjs', () => {
    const cases: [number[][], number[], number[], number][] = [
      [[[0, 0], [1, 0], [1, 3], [1, 4], [3, 2], [3, 3]], [0, 10, 13, 14, 32, 33], [5, 6], -1],
      [[[1, 2], [1, 3], [0, 1], [0, 3]], [1, 3, 2, 4], [2, 5], -1],
      [[[2, 0, 1]], [7.5], [4, 1, 2], 0.5],
    ];
    for (const [ind, val, shape, d] of cases) {
      const i = tf.tensor2d(ind, undefined, 'int32');
      const a = tf.sparse.sparseFillEmptyRows(i, val, shape, d), b = tfc.sparse.sparseFillEmptyRows(toTfc(i) as tfcore.Tensor2D, val, shape, d);
      same(a.outputIndices, b.outputIndices); same(a.outputValues, b.outputValues);
      same(a.emptyRowIndicator, b.emptyRowIndicator); same(a.reverseIndexMap, b.reverseIndexMap);
    }
    const e = tf.sparse.sparseFillEmptyRows(tf.zeros([0, 2], 'int32'), [], [0, 5], -1);
    expect([e.outputIndices.shape, e.outputValues.shape, e.emptyRowIndicator.shape]).toEqual([[0, 2], [0], [0]]);
    expect(() => tf.sparse.sparseFillEmptyRows([[5, 0]], [1], [5, 5], -1)).toThrow(/^sparse.sparseFillEmptyRows: indices\(0, 0\) is invalid: 5 >= 5/);
    expect(() => tf.sparse.sparseFillEmptyRows([[-1, 0]], [1], [5, 5], -1)).toThrow(/indices\(0, 0\) is invalid: -1 < 0/);
    expect(() => tf.sparse.sparseFillEmptyRows([[0, 0]], [1], [0, 5], -1)).toThrow(/indices\.shape\[0\] = 1/);
  });
  it('sparseReshape agrees with tfjs', () => {
    const ind = tf.tensor2d([[0, 0, 1], [0, 1, 0], [0, 1, 2], [1, 0, 3], [1, 1, 1], [1, 1, 3], [1, 2, 2]], [7, 3], 'int32');
    for (const ns of [[6, 4], [6, -1], [2, 12], [24], [2, 3, 2, 2], [-1, 3, 4]]) {
      const a = tf.sparse.sparseReshape(ind, [2, 3, 4], ns), b = tfc.sparse.sparseReshape(toTfc(ind) as tfcore.Tensor2D, [2, 3, 4], ns);
      same(a.outputIndices, b.outputIndices); same(a.outputShape, b.outputShape);
    }
    expect(() => tf.sparse.sparseReshape(ind, [2, 3, 4], [-1, 2, -1])).toThrow(/only one output dimension may be -1/);
    expect(() => tf.sparse.sparseReshape(ind, [2, 3, 4], [-1, 7])).toThrow(/multiple of 7/);
    expect(() => tf.sparse.sparseReshape(ind, [2, 3, 4], [1, -7])).toThrow(/size 1 must be non-negative, not -7/);
    expect(() => tf.sparse.sparseReshape(ind, [2, 3, 4], [-1, 0])).toThrow(/unless all specified input sizes are non-zero/);
    expect(() => tf.sparse.sparseReshape(ind, [2, 3, 4], [4, 7])).toThrow(/^sparse.sparseReshape: Input to reshape is a tensor with 24 dense values/);
  });
  it('sparseSegmentSum / sparseSegmentMean agree with tfjs and have gradients', () => {
    const data = rand([10, 4], 1), di = tf.tensor2d([[1, 2, 3, 4], [-1, -2, -3, -4], [6, 7, 8, 9]], [3, 4], 'int32');
    const cases: [tf.Tensor, number[], number[]][] = [
      [data, [8, 3, 0, 9], [0, 1, 2, 2]], [data, [8, 3, 0, 9], [0, 3, 3, 3]], [data, [8, 3, 0, 9], [2, 3, 3, 3]],
      [di, [0, 1, 2], [0, 1, 1]], [di, [0, 1], [0, 0]], [rand([10], 2), [8, 3, 0, 9], [0, 1, 2, 2]], [rand([10, 2, 4], 3), [8, 3, 0, 9], [0, 1, 2, 2]],
    ];
    for (const [x, i, s] of cases) {
      same(tf.sparse.sparseSegmentSum(x, i, s), tfc.sparse.sparseSegmentSum(toTfc(x), i, s));
      const m = tf.sparse.sparseSegmentMean(x, i, s), tm = tfc.sparse.sparseSegmentMean(toTfc(x), i, s);
      expect(m.dtype).toBe(tm.dtype);
      expectClose(m, tm.dataSync() as Float32Array, 1e-6, 1e-6);
    }
    checkGrad((x) => tf.sparse.sparseSegmentMean(x, [2, 0, 2, 1], [0, 0, 1, 3]), [rand([3, 2], 4)]);
    checkGrad((x) => tf.sparse.sparseSegmentSum(x, [2, 0, 2], [0, 1, 1]), [rand([3, 2], 5)]);
    const op = tf.sparse.sparseSegmentMean;
    expect(() => op(data, [8, 3, 0, 9], [0, 1, 0, 1])).toThrow(/segment ids are not increasing/);
    expect(() => op(data, [8, 3, 0, 9], [0, 1, 2, 0])).toThrow(/Segment id 1 out of range \[0, 1\), possibly because segmentIds input is not sorted/);
    expect(() => op(data, [8, 3, 0, 9], [0, 0, 0, -1])).toThrow(/segment ids must be >= 0/);
    expect(() => op(data, [8, -1, 0, 9], [0, 1, 2, 2])).toThrow(/^sparse.sparseSegmentMean: indices\[1\] == -1 out of range \[0, 10\)/);
    expect(() => tf.sparse.sparseSegmentSum(tf.scalar(1), [], [])).toThrow(/^sparse.sparseSegmentSum: data must be at least 1-dimensional/);
  });
});
