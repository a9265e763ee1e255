// raggedRange against TensorFlow.js (cpu), and its errors.
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
