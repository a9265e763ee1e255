// Per-op-type time of an ONNX predict at a given batch (OPS entries wrapped with performance.now).
// Run: ASCENT_THREADS=1 [ROOT=<a checkout>] npx tsx bench/tmp/onnx-b.mts mlp-ts17 64 (ROOT: this checkout by default)
import { readFileSync } from 'node:fs';
const ROOT = process.env.ROOT ?? new URL('../..', import.meta.url).pathname.replace(/\/$/, ''); const tf = await import(ROOT + '/src/index.ts');
const { loadOnnxModel } = await import(ROOT + '/src/onnx/index.ts');
const { OPS } = await import(ROOT + '/src/onnx/ops.ts');
const SHAPES: Record<string, number[]> = { mlp: [8], lenet: [1, 15, 15], mobile: [3, 12, 12], encoder: [6], resnet: [3, 16, 16], mbv2: [3, 16, 16], tlayer: [5, 16], unet: [3, 8, 8] };
const file = process.argv[2] ?? 'tlayer-ts17', batch = Number(process.argv[3] ?? 1);
await tf.ready();
const m = await loadOnnxModel(new Uint8Array(readFileSync(ROOT + '/test/fixtures/onnx17/' + file + '.onnx')));
const shape = [batch, ...SHAPES[file.split('-')[0]]], n = shape.reduce((a, b) => a * b, 1);
const x = tf.tensor(Float32Array.from({ length: n }, (_, i) => Math.sin(i)), shape);
const run = () => { const y = m.predict(x) as tf.Tensor; y.dataSync(); y.dispose(); };
const N = 3000;
const time = () => { let best = Infinity; for (let r = 0; r < 5; r++) { const t0 = performance.now(); for (let i = 0; i < N; i++) run(); best = Math.min(best, (performance.now() - t0) * 1000 / N); } return best; };
for (let i = 0; i < 20000; i++) run();
const total = time();
const acc = new Map<string, [number, number]>();
for (const k of Object.keys(OPS)) {
  const f = OPS[k];
  OPS[k] = (c, ins) => { const t = performance.now(); try { return f(c, ins); } finally { const a = acc.get(k + (c.lean ? '*' + (c.lean.act ?? '') : '')) ?? [0, 0]; a[0] += performance.now() - t; a[1]++; acc.set(k + (c.lean ? '*' + (c.lean.act ?? '') : ''), a); } };
}
for (let i = 0; i < 5000; i++) run();
acc.clear();
const t0 = performance.now();
for (let i = 0; i < N; i++) run();
const wrapped = (performance.now() - t0) * 1000 / N;
let inOps = 0;
const rows = [...acc].sort((a, b) => b[1][0] - a[1][0]).map(([k, [t, c]]) => { inOps += t; return `${k.padEnd(24)} ${(t * 1000 / N).toFixed(2).padStart(7)} µs/run  ${(c / N).toFixed(0).padStart(3)} calls  ${(t * 1000 / c).toFixed(2)} µs/call`; });
console.log(`${file} b${batch}: ${total.toFixed(2)} µs/predict (${wrapped.toFixed(1)} wrapped), in ops ${(inOps * 1000 / N).toFixed(1)} µs, executor+rest ${(wrapped - inOps * 1000 / N).toFixed(1)} µs`);
console.log(rows.join('\n'));
