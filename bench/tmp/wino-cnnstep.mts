// The CNN step of bench/cnn-step.ts (conv 3×3·32 → pool → conv 3×3·64 → pool → dense, Adam, batch 64) with the conv rules
// with and without Winograd (conv2's forward: F(2×2, 3×3) vs im2col + GEMM), alternated in one process (F(4×4) was
// measured with --f4 at commit 6b510f1). Min and median ms per step over `runs` steps per round, best of `rounds`:
//   ASCENT_THREADS=1 npx tsx bench/tmp/wino-cnnstep.mts [runs 20] [rounds 4]
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import * as tf from '../../src/index.js';
import { convForce, convPaths } from '../../src/ops/conv.js';
import { cnnStep } from '../cnn-step.js';
await tf.ready();
const cnn = cnnStep(tf);
const step = () => { cnn.step(); };
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
