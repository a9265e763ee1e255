// The measured table behind conv2d's choice of forward path (src/ops/conv.ts useDirect): the direct kernel
// (assembly/f32-conv/direct.ts) against im2col + GEMM, both in this process on the same tensors, over input
// channels × output channels × kernel size × batch. Both paths give the same bits, so only time is compared.
//   ASCENT_THREADS=1 npx tsx bench/conv-table.ts [--rounds 3] [--size 28] [--pad same|valid] [--quick] [--filter]
// (--filter: the filter gradient's paths, useDirectFilter, instead of the forward's)
//   ASCENT_THREADS=1 npx tsx bench/conv-table.ts --winograd [--rounds 3] [--quick] [--tiles 16,32,…]
// (--winograd: 3×3 stride-1 'same' forward, Winograd F(2×2,3×3) against the path the other rules choose, over
// C × OC 16–256, images 7–56, batch 1 and 64 — the table behind useWinograd; --tiles: blocks of tiles to try)
// Prints µs per call (best of `rounds` medians, paths alternated within each round) and im2col ÷ direct
// (> 1: direct is faster), and what the current rule chooses; then cases around the rule's boundary.
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import * as tf from '../src/index.js';
import { convForce, useDirect, useDirectFilter, useWinograd } from '../src/ops/conv.js';
import { geometry } from '../src/ops/conv_geometry.js';
import { fmt, printTable, randomData } from './util.js';

const arg = (name: string, dflt: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
const ROUNDS = +arg('rounds', '3'), SIZE = +arg('size', '28'), PAD = arg('pad', 'same') as 'same' | 'valid';
const quick = process.argv.includes('--quick'), filter = process.argv.includes('--filter');
const what = filter ? 'conv2dBackpropFilter' : 'conv2d forward';

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

/** One case: both paths alternated `ROUNDS` times; [direct µs, im2col µs, what the rule chooses]. */
function compare(xs: number[], k: [number, number], OC: number, stride: number, pad: 'same' | 'valid', rounds = ROUNDS): [number, number, string] {
  const x = tf.tensor(randomData(xs.reduce((a, b) => a * b), 1), xs) as tf.Tensor4D;
  const w = tf.tensor(randomData(k[0] * k[1] * xs[3] * OC, 2), [k[0], k[1], xs[3], OC]) as tf.Tensor4D;
  const g = geometry('conv2d', xs, k[0], k[1], stride, pad);
  const dy = tf.randomUniform([xs[0], g.OH, g.OW, OC], -1, 1, 'float32', 3) as tf.Tensor4D;
  const run = filter ? () => tf.conv2dBackpropFilter(x, dy, w.shape, stride, pad).dispose() : () => tf.conv2d(x, w, stride, pad).dispose();
  const best = { direct: Infinity, im2col: Infinity };
  const budget = xs[0] === 1 ? 60 : 150;
  for (let r = 0; r < rounds; r++) {
    for (const path of ['direct', 'im2col'] as const) {
      if (filter) convForce.filter = path; else convForce.path = path;
      run();
      best[path] = Math.min(best[path], time(run, budget));
    }
  }
  convForce.path = null; convForce.filter = null;
  const rule = (filter ? useDirectFilter(g, OC) : useDirect(g, OC)) ? 'direct' : 'im2col';
  tf.dispose([x, w, dy]);
  return [best.direct, best.im2col, rule];
}
const row = (cells: string[], [d, i, rule]: [number, number, string]) =>
  [...cells, fmt(d), fmt(i), `${fmt(i / d)}×`, rule, (i / d > 1) === (rule === 'direct') ? '' : '  ← rule disagrees'];

if (process.argv.includes('--winograd')) {
  await winogradTable();
  process.exit(0);
}

/**
 * Winograd against the rest: per shape, µs of the path useDirect chooses (direct or im2col) and of Winograd (with
 * each block size in --tiles; 0: the default), alternated in each round, best of `ROUNDS` medians.
 */
async function winogradTable(): Promise<void> {
  const tilesList = arg('tiles', '0').split(',').map(Number);
  const one = (xs: number[], OC: number, path: 'winograd' | null, tiles: number, x: tf.Tensor4D, w: tf.Tensor4D) => {
    convForce.path = path; convForce.tiles = tiles;
    const fn = () => tf.conv2d(x, w, 1, 'same').dispose();
    fn();
    const t = time(fn, xs[0] === 1 ? 60 : 150);
    convForce.path = null; convForce.tiles = 0;
    return t;
  };
  { // warm-up
    const x = tf.randomUniform([4, 14, 14, 32], -1, 1, 'float32', 1) as tf.Tensor4D, w = tf.randomUniform([3, 3, 32, 32], -1, 1, 'float32', 2) as tf.Tensor4D;
    const end = performance.now() + 800;
    while (performance.now() < end) { one([4], 32, null, 0, x, w); one([4], 32, 'winograd', 0, x, w); }
    tf.dispose([x, w]);
  }
  const CS = quick ? [16, 64, 256] : [16, 32, 64, 128, 256];
  const rows: string[][] = [];
  for (const batch of [1, 64]) for (const size of [7, 14, 28, 56]) for (const C of CS) for (const OC of [C, 2 * C]) {
    if (OC > 256) continue;
    const macs = batch * size * size * 9 * C * OC;
    if (macs > 4e9) continue; // > ~100 ms a call
    const xs = [batch, size, size, C];
    const x = tf.randomUniform(xs, -1, 1, 'float32', 1) as tf.Tensor4D, w = tf.randomUniform([3, 3, C, OC], -1, 1, 'float32', 2) as tf.Tensor4D;
    const g = geometry('conv2d', xs, 3, 3, 1, 'same');
    const base = useDirect(g, OC) ? 'direct' : 'im2col';
    let b = Infinity;
    const wb = tilesList.map(() => Infinity);
    for (let r = 0; r < ROUNDS; r++) {
      b = Math.min(b, one(xs, OC, null, 0, x, w));
      tilesList.forEach((t, i) => { wb[i] = Math.min(wb[i], one(xs, OC, 'winograd', t, x, w)); });
    }
    tf.dispose([x, w]);
    const best = Math.min(...wb), rule = useWinograd(g, OC) ? 'winograd' : base;
    rows.push([`${batch}`, `${size}`, `${C}`, `${OC}`, base, fmt(b), ...wb.map(fmt), `${fmt(b / best)}×`, rule,
      (b / best > 1) === (rule === 'winograd') ? '' : '  ← rule disagrees', fmt(macs / b / 1e3)]);
  }
  printTable(`conv2d 3×3 stride 1 'same' [batch, size, size, C], µs per call (best of ${ROUNDS} medians); ratio = other ÷ winograd (best block)`,
    ['batch', 'size', 'C', 'OC', 'other', 'other µs', ...tilesList.map((t) => `wino${t || ''} µs`), 'ratio', 'rule', '', 'other GF/s'], rows);
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

// warm-up: wasm starts in its baseline tier and is optimised in the background; run both paths for a while first
{ const end = performance.now() + 500; while (performance.now() < end) compare([1, SIZE, SIZE, 3], [3, 3], 16, 1, PAD, 1); }
const rows: string[][] = [];
const IN = quick ? [1, 3, 8, 16] : [1, 2, 3, 4, 6, 8, 16];
const OUT = quick ? [8, 32] : [8, 16, 32, 64];
for (const batch of [1, 64]) for (const k of [3, 5]) for (const C of IN) for (const OC of OUT) {
  if (k * k * C > 256) continue; // beyond the direct kernel's limit: im2col only
  rows.push(row([`${batch}`, `${k}×${k}`, `${C}`, `${OC}`], compare([batch, SIZE, SIZE, C], [k, k], OC, 1, PAD)));
}
printTable(`${what} [batch, ${SIZE}, ${SIZE}, C] ${PAD}, µs per call (best of ${ROUNDS} medians); ratio = im2col ÷ direct`,
  ['batch', 'kernel', 'C', 'OC', 'direct µs', 'im2col µs', 'ratio', 'rule', ''], rows);

// Around the rule's boundary: larger C, small images (a few output pixels per row), large OC, strided 1×1.
const EDGE: [number[], [number, number], number, number, 'same' | 'valid'][] = [
  [[16, 28, 28, 16], [3, 3], 128, 1, 'same'], [[16, 14, 14, 16], [3, 3], 256, 1, 'same'], [[64, 2, 2, 16], [3, 3], 64, 1, 'same'],
  [[64, 3, 3, 16], [3, 3], 32, 1, 'valid'], [[16, 28, 28, 24], [3, 3], 64, 1, 'same'], [[16, 28, 28, 28], [3, 3], 64, 1, 'same'],
  [[16, 14, 14, 28], [3, 3], 256, 1, 'same'], [[64, 2, 2, 28], [3, 3], 64, 1, 'same'], [[64, 5, 5, 10], [5, 5], 64, 1, 'valid'],
  [[16, 16, 16, 64], [2, 2], 64, 1, 'same'], [[64, 14, 14, 128], [1, 1], 64, 2, 'same'], [[1, 224, 224, 3], [7, 7], 64, 2, 'same'],
];
if (!quick) {
  printTable(`${what} around the boundary, µs per call (best of ${ROUNDS} medians); ratio = im2col ÷ direct`,
    ['x', 'kernel', 'OC', 'stride', 'pad', 'direct µs', 'im2col µs', 'ratio', 'rule', ''],
    EDGE.map(([xs, k, OC, s, p]) => row([`[${xs}]`, `${k[0]}×${k[1]}`, `${OC}`, `${s}`, p], compare(xs, k, OC, s, p))));
}
console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
