// raggedRange and raggedGather against TensorFlow.js (cpu), and their errors.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfcore from '@tensorflow/tfjs-core';
import { expectClose, expectSame, oracle, tf } from '../helpers.js';

let tfc: typeof tfcore;
beforeAll(async () => { tfc = await oracle(); });
const same = expectSame;

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

describe('raggedTensorToTensor', () => {
  type Case = [number[] | number, number[], number[], number | number[], number[][] | number[], string[]];
  const cases: Case[] = [
    [[4, 4], [9], [.1, .2, .3, .4, .5, .6, .7, .8, .9], 1.5, [4, [0, 0, 0, 2, 2, 2, 2, 3, 3]], ['FIRST_DIM_SIZE', 'VALUE_ROWIDS']],
    [[4, 4], [9], [.1, .2, .3, .4, .5, .6, .7, .8, .9], 1.5, [[0, 3, 3, 7, 9]], ['ROW_SPLITS']],
    [[5, 2, 3], [9], [.1, .2, .3, .4, .5, .6, .7, .8, .9], 1.5, [5, [0, 1, 1, 3, 3, 4], [1, 1, 2, 3, 3, 4, 4, 4, 5]], ['FIRST_DIM_SIZE', 'VALUE_ROWIDS', 'VALUE_ROWIDS']],
    [[5, 2, 3], [9], [.1, .2, .3, .4, .5, .6, .7, .8, .9], 1.5, [[0, 1, 3, 3, 5, 6], [0, 0, 2, 3, 5, 8, 9]], ['ROW_SPLITS', 'ROW_SPLITS']],
    [[4, 2, 3, 2], [8], [1, 2, 3, 4, 5, 6, 7, 8], 15, [5, [0, 1, 1], [1, 1, 1, 2], [0, 0, 1, 1, 2, 2, 3, 3]], ['FIRST_DIM_SIZE', 'VALUE_ROWIDS', 'VALUE_ROWIDS', 'VALUE_ROWIDS']],
    [[-1, -1], [9], [.1, .2, .3, .4, .5, .6, .7, .8, .9], 0, [[0, 3, 3, 7, 9]], ['ROW_SPLITS']],
    [[3, 2, 2], [4, 2], [1, 2, 3, 4, 5, 6, 7, 8], 7, [[0, 1, 1, 4]], ['ROW_SPLITS']],
    [[2, 2], [4], [1, 2, 3, 4], 0, [[0, 3, 3, 4]], ['ROW_SPLITS']],
  ];
  it('agrees with tfjs (row splits, value row ids, truncation, inner axes)', () => {
    for (const [shape, vshape, vals, dflt, parts, types] of cases) {
      const mk = (p: number[] | number) => (typeof p === 'number' ? tf.scalar(p, 'int32') : tf.tensor1d(p, 'int32'));
      const mkc = (p: number[] | number) => (typeof p === 'number' ? tfc.scalar(p, 'int32') : tfc.tensor1d(p, 'int32'));
      const a = tf.raggedTensorToTensor(shape, tf.tensor(vals, vshape), typeof dflt === 'number' ? dflt : tf.tensor1d(dflt), (parts as (number | number[])[]).map(mk), types as never);
      const b = tfc.raggedTensorToTensor(shape, tfc.tensor(vals, vshape), typeof dflt === 'number' ? dflt : tfc.tensor1d(dflt), (parts as (number | number[])[]).map(mkc), types);
      same(a, b);
    }
  });
  it('broadcasts a non-scalar defaultValue over the inner axes (TensorFlow; tfjs fills zeros)', () => {
    const y = tf.raggedTensorToTensor([3, 2, 2], tf.tensor([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]), tf.tensor1d([9, 8]), [[0, 1, 1, 4]], ['ROW_SPLITS']);
    expectClose(y, [1, 2, 9, 8, 9, 8, 9, 8, 3, 4, 5, 6]);
  });
  it('checks its arguments', () => {
    const v = [1, 2, 3];
    expect(() => tf.raggedTensorToTensor([2, 2], v, 0, [[0, 2, 3]], ['ROWSPLITS' as never])).toThrow(/^raggedTensorToTensor: rowPartitionTypes must name/);
    expect(() => tf.raggedTensorToTensor([2, 2], v, 0, [[0, 2, 1]], ['ROW_SPLITS'])).toThrow(/sorted in ascending order/);
    expect(() => tf.raggedTensorToTensor([2, 2], v, 0, [[0, 2, 4]], ['ROW_SPLITS'])).toThrow(/values \[3\] must have 4 rows/);
    expect(() => tf.raggedTensorToTensor([2], v, 0, [[0, 2, 3]], ['ROW_SPLITS'])).toThrow(/shape \[2\] must have 2 entries/);
  });
});
