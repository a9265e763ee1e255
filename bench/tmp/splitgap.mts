// The epoch's two split products at 2 threads, each call after a busy gap of GAP µs on the calling thread (0.5 ms:
// longer than the worker's spin, so it sleeps and starts late, as between two fit steps), against 1 thread:
// per-call µs, min and 10th percentile of CALLS calls. `npx tsx bench/tmp/splitgap.mts` (GAP=500 CALLS=600).
import * as os from 'node:os';
import * as tf from '../../src/index.js';
await tf.setThreads(1); await tf.ready();
const GAP = Number(process.env.GAP ?? 500), CALLS = Number(process.env.CALLS ?? 600);
const x = tf.randomUniform([128, 784]), w = tf.randomUniform([784, 128]), dz = tf.randomUniform([128, 128]);
let sink = 0;
const gap = () => { const end = performance.now() + GAP / 1000; while (performance.now() < end) sink++; };
const run = (f: () => tf.Tensor) => {
  const t: number[] = [];
  for (let i = 0; i < CALLS; i++) { gap(); const t0 = performance.now(); f().dispose(); t.push((performance.now() - t0) * 1000); }
  t.sort((a, b) => a - b);
  return [t[0], t[Math.floor(t.length / 10)], t[t.length >> 1]];
};
const fmt = (v: number[]) => v.map((u) => u.toFixed(0).padStart(4)).join(' / ');
for (const n of [1, 2, 1, 2]) {
  await tf.setThreads(n);
  const fw = run(() => tf.matMul(x, w)), dw = run(() => tf.matMul(x, dz, true, false));
  console.log(`${n} thread${n > 1 ? 's' : ' '}: forward ${fmt(fw)} µs, dW ${fmt(dw)} µs (min / p10 / median), gap ${GAP} µs, load ${os.loadavg()[0].toFixed(2)}`);
}
await tf.setThreads(1);
if (sink < 0) console.log(sink);
