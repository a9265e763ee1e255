// The CNN step of bench/cnn-step.ts with conv2's input gradient by Winograd and by dY·Wᵀ + col2im (convForce.input),
// or with `filter` its filter gradient by Winograd and by im2col + GEMM (convForce.filter; 'col2im' then names
// im2col), alternated in one process: ASCENT_THREADS=1 npx tsx bench/tmp/wgrad-step.mts [rounds] [steps] [filter]
import { cnnStep } from '../cnn-step.js';
const root = process.env.ROOT ?? process.cwd();
const tf = await import(root + '/src/index.ts');
const { convForce, convPaths } = await import(root + '/src/ops/conv.ts');
const os = await import('node:os');
await tf.ready();
if (process.env.THREADS) await tf.setThreads(Number(process.env.THREADS)); // (THREADS=2: the threaded build)
const cnn = cnnStep(tf);
const step = () => { cnn.step(); };
const rounds = Number(process.argv[2] ?? 10), steps = Number(process.argv[3] ?? 10), filter = process.argv[4] === 'filter';
console.log(`threads ${tf.getThreads()}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (let i = 0; i < 5; i++) step();
const ts: Record<string, number[]> = { col2im: [], winograd: [] };
for (let r = 0; r < rounds; r++) for (const path of (r % 2 ? ['winograd', 'col2im'] : ['col2im', 'winograd'])) {
  if (filter) convForce.filter = path === 'col2im' ? 'im2col' : 'winograd';
  else convForce.input = path === 'col2im' ? 'col2im' : 'winograd';
  const key = filter ? 'winogradFilter' : 'winogradInput', before = convPaths[key];
  step();
  if ((convPaths[key] > before) !== (path === 'winograd')) throw new Error('path not taken');
  for (let i = 0; i < steps; i++) { const t0 = performance.now(); step(); ts[path].push(performance.now() - t0); }
}
const med = (a: number[]) => { const s = a.slice().sort((x, y) => x - y); return s[s.length >> 1]; };
const q = (a: number[], f: number) => { const s = a.slice().sort((x, y) => x - y); return s[Math.floor(f * (s.length - 1))]; };
for (const k of ['col2im', 'winograd']) console.log(`${k}: median ${med(ts[k]).toFixed(2)} ms, q10 ${q(ts[k], 0.1).toFixed(2)}, q90 ${q(ts[k], 0.9).toFixed(2)}`);
console.log(`col2im ÷ winograd (medians) ${(med(ts.col2im) / med(ts.winograd)).toFixed(3)}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
