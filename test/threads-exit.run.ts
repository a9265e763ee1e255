// Run by threads.node.test.ts in a child process: turns threads on, splits a product, prints its first value and
// the thread count, and ends without calling setThreads(1): the process must exit by itself (workers unref'd).
// With the argument 'missing-build', the kernels are loaded from a folder without ascent-mt.wasm first: threads
// must then be reported off with the reason, and the work done on one thread; with 'relaxed-simd', that build is
// chosen first, which has no threaded variant. With 'default', setThreads is never called: tf.ready() starts the
// threads (or, with ASCENT_THREADS=1 in the environment or without the threaded build, does not); the output
// is printed once they are up (or after 5 s). 'default-then-1' calls setThreads(1) right after ready().
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '../src/index.js';
import { liveWorkers } from '../src/backend/pool.js';

const mode = process.argv[2] ?? '';
if (mode.includes('missing-build')) {
  const dir = mkdtempSync(join(tmpdir(), 'ascent-no-mt-'));
  cpSync(new URL('../build/ascent.wasm', import.meta.url), join(dir, 'ascent.wasm'));
  tf.setWasmPath(join(dir, 'ascent.wasm'));
}
if (mode === 'relaxed-simd') {
  tf.setWasmBuild('relaxed-simd'); // (Node 20 cannot run it without a flag: nothing is computed in this case)
  const n = await tf.setThreads(2);
  console.log(JSON.stringify({ n, threads: tf.getThreads(), v: 0, reason: tf.env().threadsUnavailableReason }));
  process.exit(0);
}
let n: number;
if (mode === 'default-then-1') {
  // setThreads(1) right after ready(), while the start by default is under way: the user's choice must win
  await tf.ready();
  n = await tf.setThreads(1);
  await new Promise((r) => setTimeout(r, 500));
} else if (mode.startsWith('default')) {
  await tf.ready();
  for (let i = 0; i < 500 && tf.getThreads() === 1 && !/ASCENT_THREADS|ascent-mt/.test(tf.env().threadsUnavailableReason ?? ''); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  n = tf.getThreads();
} else {
  n = await tf.setThreads(2);
}
const a = tf.ones([512, 512]), b = tf.ones([512, 512]);
const v = tf.matMul(a, b).dataSync()[0];
console.log(JSON.stringify({ n, threads: tf.getThreads(), v, reason: tf.env().threadsUnavailableReason, workers: liveWorkers() }));
