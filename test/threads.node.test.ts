// Threads in Node: workers stop with setThreads(1); a process that uses threads and never stops them exits by
// itself; a threaded build that cannot be loaded leaves ascent on one thread, saying why. (The digests at 1, 2
// and 3 threads are in threads.test.ts, which runs in Node and Chromium.)
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { liveWorkers } from '../src/backend/pool.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function child(arg?: string, env: Record<string, string> = {}): { n: number; threads: number; v: number; reason: string | null; workers: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/threads-exit.run.ts', ...(arg ? [arg] : [])],
    { cwd: root, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ASCENT_THREADS: '', ...env } });
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe('threads in Node', () => {
  it('start lazily, are reused, and setThreads(1) leaves no worker running', async () => {
    expect(liveWorkers()).toBe(0);
    expect(await tf.setThreads(3)).toBe(3);
    expect(liveWorkers()).toBe(2);
    expect(await tf.setThreads(3)).toBe(3); // the same pool
    expect(liveWorkers()).toBe(2);
    expect(await tf.setThreads(2)).toBe(2);
    expect(tf.matMul(tf.ones([256, 256]), tf.ones([256, 256])).dataSync()[0]).toBe(256);
    expect(await tf.setThreads(1)).toBe(1);
    for (let i = 0; i < 100 && liveWorkers() > 0; i++) await sleep(20);
    expect(liveWorkers()).toBe(0);
    expect(tf.getThreads()).toBe(1);
    expect(tf.matMul(tf.ones([256, 256]), tf.ones([256, 256])).dataSync()[0]).toBe(256);
  });

  it('setThreads() without an argument uses the available cores', async () => {
    const os = await import('node:os');
    expect(await tf.setThreads()).toBe(Math.min(64, os.availableParallelism()));
    await tf.setThreads(1);
  });

  it('a process that uses threads and never calls setThreads(1) exits by itself', () => {
    expect(child()).toEqual({ n: 2, threads: 2, v: 512, reason: null, workers: 1 });
  }, 60_000);

  it('without the threaded build next to the kernels, threads are off with the reason and the work runs on one thread', () => {
    const r = child('missing-build');
    expect(r).toMatchObject({ n: 1, threads: 1, v: 512 });
    expect(r.reason).toMatch(/cannot load the kernels from .*ascent-mt\.wasm/);
  }, 60_000);

  it('by default, tf.ready() starts one thread per core; the process still exits by itself', async () => {
    const cores = Math.min(64, (await import('node:os')).availableParallelism());
    expect(child('default')).toEqual({ n: cores, threads: cores, v: 512, reason: cores > 1 ? null : 'this machine has one core', workers: cores - 1 });
  }, 60_000);

  it('tf.setThreads(1) right after tf.ready() wins over the start by default under way', () => {
    expect(child('default-then-1')).toEqual({ n: 1, threads: 1, v: 512, reason: 'tf.setThreads(1) was called', workers: 0 });
  }, 60_000);

  it('ASCENT_THREADS=n sets the count by default; ASCENT_THREADS=1 keeps ascent on one thread and says why', () => {
    expect(child('default', { ASCENT_THREADS: '3' })).toMatchObject({ n: 3, threads: 3, v: 512, reason: null, workers: 2 });
    expect(child('default', { ASCENT_THREADS: '1' })).toEqual({ n: 1, threads: 1, v: 512, reason: 'ASCENT_THREADS=1 is set in the environment', workers: 0 });
  }, 60_000);

  it('by default, without the threaded build next to the kernels, ready() loads the default one and says why', () => {
    const r = child('default-missing-build');
    expect(r).toMatchObject({ n: 1, threads: 1, v: 512, workers: 0 });
    expect(r.reason).toMatch(/cannot load the kernels from .*ascent-mt\.wasm/);
  }, 60_000);

  it("with the 'relaxed-simd' build chosen, threads are off with the reason", () => {
    const r = child('relaxed-simd');
    expect(r).toMatchObject({ n: 1, threads: 1 });
    expect(r.reason).toMatch(/'relaxed-simd' build has no threaded variant/);
  }, 60_000);
});
