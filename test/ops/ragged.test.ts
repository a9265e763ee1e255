// raggedRange and raggedGather against TensorFlow.js (cpu), and their errors.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfcore from '@tensorflow/tfjs-core';
import { expectClose, oracle, tf } from '../helpers.js';

let tfc: typeof tfcore;
beforeAll(async () => { tfc = await oracle(); });
function same(ours: tf.Tensor, theirs: tfcore.Tensor): void {
  expect(ours.shape).toEqual(theirs.shape);
  expect(ours.dtype).toBe(theirs.dtype);
  expectClose(ours, Array.from(theirs.dataSync()), 0, 0);
}

describe('raggedRange', () => {
  it('agrees with tfjs (vectors, broadcast scalars, int32 and float32, empty and negative ranges)', () => {
    const cases: [number[] | number, number[] | number, number[] | number, 'int32' | 'float32'][] = [
      [[0, 5, 8, 5], [8, 7, 8, 1], [2, 1, 1, -1], 'int32'], [[0, 5, 8, 5], [8, 7, 8, 1], [2, 1, 1, -1], 'float32'],
      [[0, 5, 8], [8, 7, 8], 1, 'int32'], [0, [3, 0, 2], 1, 'int32'], [0, 12, [3, 4, 5], 'int32'], [0, 5, 1, 'int32'],
      [[1.1, 0.5], [2.3, -1], [0.3, -0.25], 'float32'], [[], [], [], 'float32'],
    ];
    const mk = (v: number[] | number, dt: 'int32' | 'float32') => (typeof v === 'number' ? tf.scalar(v, dt) : tf.tensor1d(v, dt));
    const mkc = (v: number[] | number, dt: 'int32' | 'float32') => (typeof v === 'number' ? tfc.scalar(v, dt) : tfc.tensor1d(v, dt));
    for (const [s, l, d, dt] of cases) {
      const a = tf.raggedRange(mk(s, dt), mk(l, dt), mk(d, dt)), b = tfc.raggedRange(mkc(s, dt), mkc(l, dt), mkc(d, dt));
      same(a.rtNestedSplits, b.rtNestedSplits);
      same(a.rtDenseValues, b.rtDenseValues);
    }
    expect(tf.raggedRange([0, 1], 3, 1).rtDenseValues.dtype).toBe('float32');
    expect(tf.raggedRange(tf.tensor1d([0, 1], 'int32'), 3, 1).rtDenseValues.dtype).toBe('int32');
  });
  it('checks its arguments', () => {
    expect(() => tf.raggedRange([[0]], [1], [1])).toThrow(/^raggedRange: starts must be a scalar or a vector/);
    expect(() => tf.raggedRange([0, 1], [1, 2, 3], 1)).toThrow(/^raggedRange: .* must have the same shape/);
    expect(() => tf.raggedRange([0, 1], [1, 2], [1, 0])).toThrow(/^raggedRange: deltas must be non-zero \(row 1\)/);
    expect(() => tf.raggedRange([1.1, 0.1], [10, 1e10], [1, 1e-10])).toThrow(/^raggedRange: row 1 has \(limit - start\) \/ delta = .* more than 2147483647/);
  });
});

describe('raggedGather', () => {
  const cases: [number[], number[], number[][], number[], number[]][] = [
    [[4], [2, 1, 0, 3], [[0, 3, 3, 7, 9]], [9], [.1, .2, .3, .4, .5, .6, .7, .8, .9]],
    [[5], [2, 1, 0, 2, 3], [[0, 1, 3, 3, 5, 6], [0, 0, 2, 3, 5, 8, 9]], [9], [.1, .2, .3, .4, .5, .6, .7, .8, .9]],
    [[4], [2, 1, 0, 2], [[0, 1, 3, 3], [0, 0, 3, 4]], [4, 2], [1, 2, 3, 4, 5, 6, 7, 8]],
    [[2, 2], [2, 1, 0, 3], [[0, 3, 3, 7, 9]], [9], [.1, .2, .3, .4, .5, .6, .7, .8, .9]],
    [[], [2], [[0, 3, 3, 7, 9]], [9], [.1, .2, .3, .4, .5, .6, .7, .8, .9]],
    [[2, 1, 2], [1, 0, 0, 0], [[0, 2, 3], [0, 1, 1, 4]], [4, 1], [5, 6, 7, 8]],
  ];
  it('agrees with tfjs (2-D to 4-D params, 0-D to 3-D indices)', () => {
    for (const [ishape, ind, splits, vshape, vals] of cases) {
      const rank = ishape.length + splits.length - 1;
      const a = tf.raggedGather(splits.map((s) => tf.tensor1d(s, 'int32')), tf.tensor(vals, vshape), tf.tensor(ind, ishape, 'int32'), rank);
      const b = tfc.raggedGather(splits.map((s) => tfc.tensor1d(s, 'int32')), tfc.tensor(vals, vshape), tfc.tensor(ind, ishape, 'int32'), rank);
      expect(a.outputNestedSplits.length).toBe(b.outputNestedSplits.length);
      a.outputNestedSplits.forEach((s, i) => same(s, b.outputNestedSplits[i]));
      same(a.outputDenseValues, b.outputDenseValues);
    }
  });
  it('checks its arguments (TensorFlow\'s messages)', () => {
    const v = [.1, .2, .3, .4, .5, .6, .7, .8, .9];
    expect(() => tf.raggedGather([[0, 3, 3, 7, 9]], v, [2, 10], 1)).toThrow(/^raggedGather: indices\[1\] = 10 is not in \[0, 4\)/);
    expect(() => tf.raggedGather([[0, 3, 5, 2, 9]], v, [0, 2], 1)).toThrow(/sorted in ascending order/);
    expect(() => tf.raggedGather([[-1, 3, 2, 7, 9]], v, [0, 2], 1)).toThrow(/must be non-negative/);
    expect(() => tf.raggedGather([[]], [], [], 1)).toThrow(/may not be empty/);
    expect(() => tf.raggedGather([[0, 20, 40, 80, 100]], v, [0, 2], 1)).toThrow(/must not point past values/);
    expect(() => tf.raggedGather([[0]], .1, [], 1)).toThrow(/params.rank must be nonzero/);
    expect(() => tf.raggedGather([[0, 3, 3, 7, 9]], v, [0, 2], 2)).toThrow(/^raggedGather: outputRaggedRank must be/);
  });
});
