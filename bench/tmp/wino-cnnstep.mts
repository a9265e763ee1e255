// The CNN step of bench/cnn.ts (conv 3×3·32 → pool → conv 3×3·64 → pool → dense, Adam, batch 64) with the conv rules
// with and without Winograd (conv2's forward: F(2×2, 3×3) vs im2col + GEMM), alternated in one process (F(4×4) was
// measured with --f4 at commit 6b510f1). Min and median ms per step over `runs` steps per round, best of `rounds`:
//   ASCENT_THREADS=1 npx tsx bench/tmp/wino-cnnstep.mts [runs 20] [rounds 4]
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import * as tf from '../../src/index.js';
import { convForce, convPaths } from '../../src/ops/conv.js';
const rnd = (n: number, seed: number) => { let s = seed; return Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1); };
await tf.ready();
const x = tf.tensor(rnd(64 * 28 * 28, 1), [64, 28, 28, 1]) as tf.Tensor4D;
const labels = tf.oneHot(tf.tensor(Int32Array.from({ length: 64 }, (_, i) => i % 10), [64], 'int32'), 10, 1, 0, 'float32');
const vars = [tf.variable(tf.mul(tf.tensor(rnd(9 * 32, 2), [3, 3, 1, 32]), 0.3)), tf.variable(tf.zeros([32])),
  tf.variable(tf.mul(tf.tensor(rnd(9 * 32 * 64, 3), [3, 3, 32, 64]), 0.08)), tf.variable(tf.zeros([64])),
  tf.variable(tf.mul(tf.tensor(rnd(1600 * 10, 4), [1600, 10]), 0.03)), tf.variable(tf.zeros([10]))];
const opt = tf.train.adam(1e-3);
const step = () => tf.tidy(() => {
  const tape = new tf.GradientTape();
  let h = tf.maxPool(tf.relu(tf.add(tf.conv2d(x, vars[0] as tf.Tensor4D, 1, 'valid'), vars[1])), 2, 2, 'valid');
  h = tf.maxPool(tf.relu(tf.add(tf.conv2d(h, vars[2] as tf.Tensor4D, 1, 'valid'), vars[3])), 2, 2, 'valid');
  const logits = tf.add(tf.matMul(tf.reshape(h, [64, -1]), vars[4]), vars[5]);
  const loss = tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(logits)), -1)));
  const grads = tape.gradient(loss, vars) as tf.Tensor[];
  opt.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: grads[i] })));
  loss.dataSync();
});
const runs = Number(process.argv[2] ?? 20), rounds = Number(process.argv[3] ?? 4);
const modes: [string, () => void][] = [['rules without Winograd', () => { convForce.winograd = false; }], ['rules (Winograd F(2×2))', () => { convForce.winograd = true; }]];
const best = modes.map(() => ({ min: Infinity, med: Infinity }));
console.log(`threads ${tf.getThreads()}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (let r = 0; r < rounds; r++) {
  modes.forEach(([, set], i) => {
    set();
    const w0 = convPaths.winograd;
    for (let k = 0; k < 3; k++) step();
    const ts: number[] = [];
    for (let k = 0; k < runs; k++) { const t = performance.now(); step(); ts.push(performance.now() - t); }
    ts.sort((a, b) => a - b);
    best[i].min = Math.min(best[i].min, ts[0]); best[i].med = Math.min(best[i].med, ts[ts.length >> 1]);
    if (r === 0) console.log(`${modes[i][0]}: ${convPaths.winograd - w0} Winograd convolutions in ${runs + 3} steps`);
    convForce.winograd = true;
  });
}
modes.forEach(([name], i) => console.log(`${name.padEnd(26)} min ${best[i].min.toFixed(2)} ms  median ${best[i].med.toFixed(2)} ms  (× ${(best[0].med / best[i].med).toFixed(3)} of the first, medians)`));
console.log(`load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
