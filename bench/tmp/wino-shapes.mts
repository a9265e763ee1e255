// Winograd vs the other rule paths on named model shapes, one process, best of R medians:
//   ASCENT_THREADS=1 npx tsx bench/tmp/wino-shapes.mts [rounds]   (ONLY=substring: those cases; F2: Winograd F(2×2,3×3); F(4×4) was measured at commit 6b510f1)
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import * as tf from '../../src/index.js';
import { convForce, useWinograd } from '../../src/ops/conv.js';
import { geometry } from '../../src/ops/conv_geometry.js';
const R = +(process.argv[2] ?? 5);
await tf.ready();
function time(fn: () => void, budgetMs: number): number {
  let reps = 1;
  for (;;) { const t = performance.now(); for (let i = 0; i < reps; i++) fn(); if (performance.now() - t > 2) break; reps *= 2; }
  const s: number[] = []; const end = performance.now() + budgetMs;
  while (s.length < 5 || performance.now() < end) { const t = performance.now(); for (let i = 0; i < reps; i++) fn(); s.push((performance.now() - t) * 1000 / reps); }
  s.sort((a, b) => a - b); return s[s.length >> 1];
}
const CASES: [string, number[], number, 'same' | 'valid'][] = [
  ['cnn conv2 fwd', [64, 13, 13, 32], 64, 'valid'],
  ['b1 7x7 64', [1, 7, 7, 64], 64, 'same'], ['b1 7x7 128', [1, 7, 7, 128], 128, 'same'], ['b1 7x7 256', [1, 7, 7, 256], 256, 'same'],
  ['b1 14x14 32', [1, 14, 14, 32], 32, 'same'], ['b1 14x14 64', [1, 14, 14, 64], 64, 'same'], ['b1 14x14 256', [1, 14, 14, 256], 256, 'same'],
  ['b1 28x28 16', [1, 28, 28, 16], 16, 'same'], ['b1 28x28 32', [1, 28, 28, 32], 32, 'same'], ['b1 56x56 64', [1, 56, 56, 64], 64, 'same'],
  ['b64 7x7 16', [64, 7, 7, 16], 16, 'same'], ['b64 7x7 32', [64, 7, 7, 32], 32, 'same'], ['b64 7x7 64', [64, 7, 7, 64], 64, 'same'],
  ['b64 14x14 32', [64, 14, 14, 32], 32, 'same'], ['b64 28x28 16', [64, 28, 28, 16], 16, 'same'], ['b64 28x28 32', [64, 28, 28, 32], 32, 'same'],
  ['b8 4x4 64', [8, 4, 4, 64], 64, 'same'], ['b1 2x2 64', [1, 2, 2, 64], 64, 'same'],
];
const only = process.env.ONLY;
console.log(`threads ${tf.getThreads()}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const [name, xs, OC, pad] of CASES) {
  if (only && !name.includes(only)) continue;
  const x = tf.randomUniform(xs, -1, 1, 'float32', 1) as tf.Tensor4D, w = tf.randomUniform([3, 3, xs[3], OC], -1, 1, 'float32', 2) as tf.Tensor4D;
  const fn = () => tf.conv2d(x, w, 1, pad).dispose();
  const best = { other: Infinity, w2: Infinity };
  for (let r = 0; r < R; r++) for (const p of ['other', 'w2'] as const) {
    convForce.path = p !== 'other' ? 'winograd' : xs[3] <= 16 ? 'direct' : 'im2col'; fn();
    best[p] = Math.min(best[p], time(fn, xs[0] === 1 ? 50 : 120)); convForce.path = null;
  }
  tf.dispose([x, w]);
  const f = (v: number) => v.toFixed(1).padStart(9);
  const g = geometry('conv2d', xs, 3, 3, 1, pad);
  console.log(`${name.padEnd(16)} other ${f(best.other)} µs  F2 ${f(best.w2)} µs  other/F2 ${(best.other / best.w2).toFixed(2)}×  rule: ${useWinograd(g, OC) ? 'winograd' : 'other'}`);
}
console.log(`load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
