// The heap: freed blocks serve later requests of any size (coalescing), a failed allocation changes
// nothing and its error names the op, the shape and the bytes.
import { describe, expect, it } from 'vitest';
import { tf } from './helpers.js';

describe('heap', () => {
  it('freed space is reused across sizes: 40 freed 1 MB tensors hold a 36 MB one with no growth', () => {
    const pagesBefore = tf.memory().wasmPages;
    const small = Array.from({ length: 40 }, () => tf.zeros([256 * 1024])); // 1 MiB each, contiguous
    const grown = tf.memory().wasmPages;
    tf.dispose(small);
    const big = tf.zeros([36 * 256 * 1024]);
    expect(tf.memory().wasmPages).toBe(grown); // served from the coalesced free blocks
    expect(big.dataSync()[36 * 256 * 1024 - 1]).toBe(0);
    big.dispose();
    // and the split remainder is still usable
    const again = Array.from({ length: 40 }, () => tf.ones([256 * 1024]));
    expect(tf.memory().wasmPages).toBe(grown);
    tf.dispose(again);
    expect(grown).toBeGreaterThanOrEqual(pagesBefore);
  });

  it('an allocation that cannot fit is an error naming the op, shape and bytes; nothing changes', () => {
    const m0 = tf.memory();
    const err = (() => { try { tf.zeros([2 ** 30, 2]); } catch (e) { return e as Error; } return null; })();
    expect(err).toBeInstanceOf(Error);
    expect(err!.message).toMatch(/^zeros: out of memory: a float32 tensor of shape \[1073741824,2\] needs 8589934592 bytes, and the wasm memory cannot grow/);
    const m1 = tf.memory();
    expect([m1.numTensors, m1.numBytes, m1.numDataBuffers]).toEqual([m0.numTensors, m0.numBytes, m0.numDataBuffers]);
    expect(tf.add(tf.ones([2]), 1).arraySync()).toEqual([2, 2]);
  });
});
