// Issue 12's case at full size: after freeing 3.5 GB of tensors, a 1 GB tensor fits in the freed space
// (the wasm memory cannot grow past 4 GB, so without coalescing it failed). Node only: Chromium's
// renderer may refuse a 4 GB wasm memory outright.
import { expect, it } from 'vitest';
import { tf } from './helpers.js';

it('after freeing 3.5 GB of 100 MB tensors, a 1 GB tensor is allocated in the freed space', () => {
  const parts = Array.from({ length: 35 }, () => new tf.Tensor([25 * 1024 * 1024], 'float32')); // 100 MiB each, unfilled
  const pages = tf.memory().wasmPages;
  tf.dispose(parts);
  const big = new tf.Tensor([256 * 1024 * 1024], 'float32'); // 1 GiB
  expect(big.size * 4).toBe(2 ** 30);
  expect(tf.memory().wasmPages).toBe(pages);
  big.dispose();
}, 60_000);
