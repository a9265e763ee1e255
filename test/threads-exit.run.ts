// Run by threads.node.test.ts in a child process: turns threads on, splits a product, prints its first value and
// the thread count, and ends without calling setThreads(1): the process must exit by itself (workers unref'd).
// With the argument 'missing-build', the kernels are loaded from a folder without ascent-mt.wasm first: threads
// must then be reported off with the reason, and the work done on one thread; with 'relaxed-simd', that build is
// chosen first, which has no threaded variant.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '../src/index.js';

if (process.argv[2] === 'missing-build') {
  const dir = mkdtempSync(join(tmpdir(), 'ascent-no-mt-'));
  cpSync(new URL('../build/ascent.wasm', import.meta.url), join(dir, 'ascent.wasm'));
  tf.setWasmPath(join(dir, 'ascent.wasm'));
}
if (process.argv[2] === 'relaxed-simd') {
  tf.setWasmBuild('relaxed-simd'); // (Node 20 cannot run it without a flag: nothing is computed in this case)
  const n = await tf.setThreads(2);
  console.log(JSON.stringify({ n, threads: tf.getThreads(), v: 0, reason: tf.env().threadsUnavailableReason }));
  process.exit(0);
}
const n = await tf.setThreads(2);
const a = tf.ones([512, 512]), b = tf.ones([512, 512]);
const v = tf.matMul(a, b).dataSync()[0];
console.log(JSON.stringify({ n, threads: tf.getThreads(), v, reason: tf.env().threadsUnavailableReason }));
