// The training loss head of the MNIST fit step, alone, at 1 thread: the gradient of mean(sparse cross-entropy) of
// softmax([128, 10] logits) w.r.t. the logits, through the fused head (the layers' softmax, which records its logits)
// and through the probabilities (tf.softmax: log(clip(p)) and the unfused ops), interleaved in one process.
// 10th percentile µs over REPS calls, best of ROUNDS. `npx tsx bench/tmp/head.mts`.
import * as tf from '../../src/index.js';
import { softmaxRecordingLogits } from '../../src/ops/softmax.js';
await tf.setThreads(1);
await tf.ready();
const REPS = Number(process.env.REPS ?? 2000), ROUNDS = Number(process.env.ROUNDS ?? 5);
const x = tf.randomNormal([128, 10], 0, 3, 'float32', 1), y = tf.tensor(Array.from({ length: 128 }, (_, i) => (i * 7) % 10), [128], 'int32');
const step = (soft: (t: tf.Tensor) => tf.Tensor) => tf.tidy(() => {
  const g = tf.grad((a: tf.Tensor) => tf.mean(tf.losses.sparseCategoricalCrossentropy(y, soft(a))))(x);
  return g.dataSync()[0];
});
const paths: [string, (t: tf.Tensor) => tf.Tensor][] = [['fused', softmaxRecordingLogits], ['probabilities', (t) => tf.softmax(t)]];
const best = new Map<string, number>();
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, f] of paths) {
    const ts: number[] = [];
    for (let i = 0; i < REPS; i++) { const t = performance.now(); step(f); ts.push(performance.now() - t); }
    ts.sort((a, b) => a - b);
    const q = ts[Math.floor(ts.length * 0.1)] * 1000;
    best.set(name, Math.min(best.get(name) ?? Infinity, q));
  }
}
for (const [k, v] of best) console.log(`${k}: ${v.toFixed(1)} µs (10th percentile, best of ${ROUNDS}); load ${(await import('node:os')).loadavg()[0].toFixed(2)}`);
