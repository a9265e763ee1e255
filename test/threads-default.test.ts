// Threads by default (issue 18): where shared memory is possible — Node, and the Chromium test page, which is
// cross-origin isolated (vitest.config.ts) — tf.ready() (test/setup.ts) loads the threaded build and starts one
// worker per core in the background; large work is then split without any call to tf.setThreads. Elsewhere the
// reason is reported. (Opting out: threads.node.test.ts, in child processes.)
import { describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { isNode, nodeImport } from '../src/backend/node.js';
import { splitCounts } from '../src/backend/pool.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function cores(): Promise<number> {
  if (isNode()) return (await nodeImport<typeof import('node:os')>('node:os')).availableParallelism();
  return navigator.hardwareConcurrency;
}

const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;

describe('threads by default', () => {
  it.runIf(isolated)('start with tf.ready(), one per core, and split large work', async () => {
    const n = Math.min(64, await cores());
    for (let i = 0; i < 500 && tf.getThreads() !== n; i++) await sleep(10);
    expect(tf.getThreads()).toBe(n);
    if (n === 1) { expect(tf.env().threadsUnavailableReason).toBe('this machine has one core'); return; }
    expect(tf.env().threadsUnavailableReason).toBeNull();
    const before = splitCounts.gemm, unary = splitCounts.kernels.f32_unary__wasmsimd ?? 0;
    const y = tf.tidy(() => tf.exp(tf.matMul(tf.ones([256, 256]), tf.fill([256, 256], 0.001))));
    expect(y.dataSync()[y.size - 1]).toBeCloseTo(Math.exp(0.256), 5);
    y.dispose();
    expect(splitCounts.gemm).toBe(before + 1);
    expect(splitCounts.kernels.f32_unary__wasmsimd).toBe(unary + 1);
  });

  it.runIf(!isolated)('are off where the page is not cross-origin isolated, with the reason', () => {
    expect(tf.getThreads()).toBe(1);
    expect(tf.env().threadsUnavailableReason).toMatch(/cross-origin isolated/);
  });
});
