// The measured table behind conv2d's choice of forward path (src/ops/conv.ts useDirect): the direct kernel
// (assembly/f32-conv/direct.ts) against im2col + GEMM, both in this process on the same tensors, over input
// channels × output channels × kernel size × batch. Both paths give the same bits, so only time is compared.
//   ASCENT_THREADS=1 npx tsx bench/conv-table.ts [--rounds 3] [--size 28] [--pad same|valid] [--quick]
// Prints µs per call (best of `rounds` medians, paths alternated within each round) and im2col ÷ direct
// (> 1: direct is faster), and what the current rule chooses.
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import * as tf from '../src/index.js';
import { convForce, useDirect } from '../src/ops/conv.js';
import { geometry } from '../src/ops/conv_geometry.js';
import { fmt, printTable, randomData } from './util.js';

const arg = (name: string, dflt: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
const ROUNDS = +arg('rounds', '3'), SIZE = +arg('size', '28'), PAD = arg('pad', 'same') as 'same' | 'valid';
const quick = process.argv.includes('--quick');

/** Median µs per call of fn, timed in batches long enough (≥ 2 ms) for the clock. */
function time(fn: () => void, budgetMs: number): number {
  let reps = 1;
  for (;;) { const t = performance.now(); for (let i = 0; i < reps; i++) fn(); if (performance.now() - t > 2) break; reps *= 2; }
  const s: number[] = [];
  const end = performance.now() + budgetMs;
  while (s.length < 5 || performance.now() < end) {
    const t = performance.now();
    for (let i = 0; i < reps; i++) fn();
    s.push((performance.now() - t) * 1000 / reps);
  }
  s.sort((a, b) => a - b);
  return s[s.length >> 1];
}

await tf.ready();
console.log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model}, threads ${tf.getThreads()}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const rows: string[][] = [];
const IN = quick ? [1, 3, 8, 16] : [1, 2, 3, 4, 6, 8, 16];
const OUT = quick ? [8, 32] : [8, 16, 32, 64];
for (const batch of [1, 64]) for (const k of [3, 5]) for (const C of IN) for (const OC of OUT) {
  const x = tf.tensor(randomData(batch * SIZE * SIZE * C, 1), [batch, SIZE, SIZE, C]) as tf.Tensor4D;
  const w = tf.tensor(randomData(k * k * C * OC, 2), [k, k, C, OC]) as tf.Tensor4D;
  const run = () => tf.conv2d(x, w, 1, PAD).dispose();
  const best = { direct: Infinity, im2col: Infinity };
  const budget = batch === 1 ? 60 : 150;
  for (let r = 0; r < ROUNDS; r++) {
    for (const path of ['direct', 'im2col'] as const) {
      convForce.path = path;
      run();
      best[path] = Math.min(best[path], time(run, budget));
    }
  }
  convForce.path = null;
  const g = geometry('conv2d', x.shape, k, k, 1, PAD);
  const ratio = best.im2col / best.direct;
  rows.push([`${batch}`, `${k}×${k}`, `${C}`, `${OC}`, fmt(best.direct), fmt(best.im2col), `${fmt(ratio)}×`, useDirect(g, OC) ? 'direct' : 'im2col',
    (ratio > 1) === useDirect(g, OC) ? '' : '  ← rule disagrees']);
  tf.dispose([x, w]);
}
printTable(`conv2d forward [batch, ${SIZE}, ${SIZE}, C] ${PAD}, µs per call (best of ${ROUNDS} medians); ratio = im2col ÷ direct`,
  ['batch', 'kernel', 'C', 'OC', 'direct µs', 'im2col µs', 'ratio', 'rule', ''], rows);
console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
