// Tensors above 2 GiB of wasm memory: wasm32 addresses go up to 4 GiB, and a full-batch program (seed 004's
// 60000-image loop) passes 2 GiB. JS's `ptr >> 2` is negative there (a RangeError in set(), silently wrong
// data from slice()), so typed-array offsets use `ptr >>> 2`. The 2 GiB below the test's tensors are
// reserved but never touched: grown wasm pages are zero pages, so the test needs little real memory.
// Node only: a browser tab may not grant a 2 GiB memory.
import { describe, expect, it } from 'vitest';
import { H } from '../src/backend/wasm.js';
import { tf } from './helpers.js';

describe('tensors above 2 GiB', () => {
  it('write, read, compute and gather with addresses ≥ 2³¹', () => {
    const h = H();
    const gap = 2 ** 31 - 2 ** 20;
    const hole = h.alloc(gap);
    try {
      const a = tf.tensor([1, 2, 3, 4], [2, 2]);
      expect(a.block!.ptr).toBeGreaterThanOrEqual(2 ** 31);
      expect(Array.from(a.dataSync())).toEqual([1, 2, 3, 4]);
      expect(tf.add(a, 1).arraySync()).toEqual([[2, 3], [4, 5]]);
      expect(tf.tensor([5, 6], undefined, 'int32').arraySync()).toEqual([5, 6]);
      expect(tf.gather(a, [1]).arraySync()).toEqual([[3, 4]]);
      const v = tf.variable(tf.zeros([2], 'int32'));
      v.assign(tf.tensor([7, 8]).cast('int32'));
      expect(v.arraySync()).toEqual([7, 8]);
    } finally {
      h.free(hole, gap);
    }
  });
});
