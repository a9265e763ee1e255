// conv2d's input gradient: Winograd (winogradInput) against dY·Wᵀ + col2im, same build, same tensors, paths
// alternated in each round; then the filter gradient (dW): Winograd against the other rules' path, likewise.
//   ASCENT_THREADS=1 npx tsx bench/tmp/wgrad-ab.mts [rounds] [edge|cnn]   (edge: cases near the rule's boundary; cnn: the first two; CASE=name: the cases whose name has it)
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
const root = process.env.ROOT ?? process.cwd();
const tf = await import(root + '/src/index.ts');
const { convForce } = await import(root + '/src/ops/conv.ts');
const { geometry } = await import(root + '/src/ops/conv_geometry.ts');
await tf.ready();
if (process.env.THREADS) await tf.setThreads(Number(process.env.THREADS)); // (THREADS=2: the threaded build)
console.log(`threads ${tf.getThreads()}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
function time(fn: () => void, budgetMs: number): number {
  let reps = 1;
  for (;;) { const t = performance.now(); for (let i = 0; i < reps; i++) fn(); if (performance.now() - t > 2) break; reps *= 2; }
  const s: number[] = [];
  const end = performance.now() + budgetMs;
  while (s.length < 5 || performance.now() < end) { const t = performance.now(); for (let i = 0; i < reps; i++) fn(); s.push((performance.now() - t) * 1000 / reps); }
  s.sort((a, b) => a - b);
  return s[s.length >> 1];
}
const rounds = Number(process.argv[2] ?? 3);
const edge: [string, number[], number, 'same' | 'valid'][] = [
  ['valid dx 8×8', [64, 8, 8, 32], 64, 'valid'],
  ['valid dx 6×6', [64, 6, 6, 32], 64, 'valid'],
  ['valid dx 6×6 b16', [16, 6, 6, 32], 32, 'valid'],
  ['48 tiles', [1, 16, 12, 32], 32, 'same'],
  ['7×7 b3', [3, 7, 7, 64], 64, 'same'],
  ['C16 OC32', [1, 14, 14, 16], 32, 'same'],
  ['C32 OC16', [1, 14, 14, 32], 16, 'same'],
  ['valid 28 b8 16/32', [8, 28, 28, 16], 32, 'valid'],
  ['valid 13 b64 32/32', [64, 13, 13, 32], 32, 'valid'],
  ['valid dx 14×14 (2.94)', [64, 14, 14, 32], 64, 'valid'],
  ['valid dx 16×16 (3.06)', [32, 16, 16, 32], 64, 'valid'],
  ['valid dx 20×20 (3.24)', [16, 20, 20, 32], 64, 'valid'],
  ['valid dx 13×13 (2.47) b16 64/64', [16, 13, 13, 64], 64, 'valid'],
];
const main: [string, number[], number, 'same' | 'valid'][] = [
  ['CNN conv2', [64, 13, 13, 32], 64, 'valid'],
  ['brief 14×14', [64, 14, 14, 32], 64, 'same'],
  ['resnet 56 b1', [1, 56, 56, 64], 64, 'same'],
  ['resnet 28 b1', [1, 28, 28, 128], 128, 'same'],
  ['resnet 14 b1', [1, 14, 14, 256], 256, 'same'],
  ['resnet 56 b8', [8, 56, 56, 64], 64, 'same'],
  ['resnet 28 b8', [8, 28, 28, 128], 128, 'same'],
  ['resnet 7 b64', [64, 7, 7, 128], 128, 'same'],
  ['small 16/32', [16, 16, 16, 16], 32, 'same'],
];
const cases = process.env.CASE ? [...main, ...edge].filter(([n]) => n.includes(process.env.CASE!)) : process.argv[3] === 'edge' ? edge : process.argv[3] === 'valid' ? edge.slice(-5) : process.argv[3] === 'cnn' ? main.slice(0, 2) : main;
console.log('case | x | OC | dx col2im µs | dx winograd µs | ratio | dW other µs | dW winograd µs | ratio');
for (const [name, xs, oc, p] of cases) {
  const g = geometry('conv2d', xs, 3, 3, 1, p);
  const w = tf.randomUniform([3, 3, xs[3], oc], -1, 1, 'float32', 2), dy = tf.randomUniform([g.N, g.OH, g.OW, oc], -1, 1, 'float32', 3);
  const x = tf.randomUniform(xs, -1, 1, 'float32', 4);
  const run = () => tf.conv2dTranspose(dy, w, xs, 1, p).dispose();
  const best: Record<string, number> = { col2im: Infinity, winograd: Infinity };
  const budget = 100;
  for (let r = 0; r < rounds; r++) for (const path of (r % 2 ? ['winograd', 'col2im'] : ['col2im', 'winograd'])) {
    convForce.input = path; run(); best[path] = Math.min(best[path], time(run, budget));
  }
  convForce.input = null;
  // the filter gradient: Winograd against the path the other rules choose
  const runW = () => tf.conv2dBackpropFilter(x, dy, [3, 3, xs[3], oc], 1, p).dispose();
  const bw: Record<string, number> = { other: Infinity, winograd: Infinity };
  for (let r = 0; r < rounds; r++) for (const path of (r % 2 ? ['winograd', 'other'] : ['other', 'winograd'])) {
    convForce.filter = path === 'winograd' ? 'winograd' : null; convForce.winograd = path === 'winograd'; // other: the rules without Winograd
    runW(); bw[path] = Math.min(bw[path], time(runW, budget));
  }
  convForce.filter = null; convForce.winograd = true;
  console.log(`${name} | ${xs} | ${oc} ${p} | ${best.col2im.toFixed(0)} | ${best.winograd.toFixed(0)} | ${(best.col2im / best.winograd).toFixed(2)}× | ${bw.other.toFixed(0)} | ${bw.winograd.toFixed(0)} | ${(bw.other / bw.winograd).toFixed(2)}×`);
  tf.dispose([w, dy, x]);
}
