// Robust A/B of the ONNX executor on a loaded machine: two checkouts in ONE process plus onnxruntime-web (1 thread),
// short samples (~1 ms of calls) strictly alternated A, B, ORT for SECONDS per case, each side's figure the 10th
// percentile of its samples' CPU µs per call (the least-disturbed windows; medians swing 2× at load 6).
// Run: ASCENT_THREADS=1 A=/work/main B=<checkout> npx tsx bench/tmp/attn-ab.mts [file-substring] [batches] [seconds]
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as ort from 'onnxruntime-web';
const SHAPES: Record<string, number[]> = { mlp: [8], lenet: [1, 15, 15], resnet: [3, 16, 16], mbv2: [3, 16, 16], tlayer: [5, 16] };
const FILES = ['mlp-ts17', 'lenet-ts17', 'resnet-ts17', 'mbv2-ts17', 'tlayer-ts17'];
const roots = [process.env.A ?? '/work/main', process.env.B ?? new URL('../..', import.meta.url).pathname];
const libs = await Promise.all(roots.map(async (r) => ({ tf: await import(r + '/src/index.ts'), onnx: await import(r + '/src/onnx/index.ts') })));
for (const l of libs) await l.tf.ready();
ort.env.wasm.numThreads = 1; ort.env.logLevel = 'error';
const filter = process.argv[2] ?? '', batches = (process.argv[3] ?? '1,64').split(',').map(Number), seconds = Number(process.argv[4] ?? 8);
console.log(`A ${roots[0]}, B ${roots[1]}; load ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`);
console.log('model        batch      A µs      B µs    ORT µs   A÷ORT   B÷ORT   A÷B');
const p10 = (s: number[]) => { s.sort((a, b) => a - b); return s[Math.floor(s.length / 10)]; };
for (const file of FILES.filter((f) => f.includes(filter))) {
  const bytes = new Uint8Array(readFileSync(new URL(`../../test/fixtures/onnx17/${file}.onnx`, import.meta.url)));
  const ms = await Promise.all(libs.map((l) => l.onnx.loadOnnxModel(bytes)));
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  for (const batch of batches) {
    const shape = [batch, ...SHAPES[file.split('-')[0]]], n = shape.reduce((a, b) => a * b, 1);
    const vals = Float32Array.from({ length: n }, (_, i) => Math.sin(i));
    const xs = libs.map((l) => l.tf.tensor(vals, shape));
    const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', vals, shape) };
    const fns: (() => unknown)[] = [...libs.map((_, k) => () => { const y = ms[k].predict(xs[k]); y.dataSync(); y.dispose(); }), () => session.run(feeds)];
    // calls per sample: ~1 ms each
    const reps = await Promise.all(fns.map(async (f) => { const t0 = performance.now(); for (let i = 0; i < 50; i++) await f(); return Math.max(1, Math.round(50 / (performance.now() - t0))); }));
    const samples: number[][] = fns.map(() => []);
    for (const t0 = performance.now(); performance.now() - t0 < 1000;) for (let k = 0; k < 3; k++) for (let i = 0; i < reps[k]; i++) await fns[k]();
    for (const t0 = performance.now(); performance.now() - t0 < seconds * 1000;) {
      for (let k = 0; k < 3; k++) {
        const c0 = process.cpuUsage();
        for (let i = 0; i < reps[k]; i++) await fns[k]();
        const d = process.cpuUsage(c0);
        samples[k].push((d.user + d.system) / reps[k]);
      }
    }
    const [a, b, o] = samples.map(p10);
    console.log(`${file.padEnd(12)} ${String(batch).padStart(5)} ${a.toFixed(1).padStart(9)} ${b.toFixed(1).padStart(9)} ${o.toFixed(1).padStart(9)}  ${(a / o).toFixed(3)}  ${(b / o).toFixed(3)}  ${(a / b).toFixed(2)}×`);
    for (const x of xs) x.dispose();
  }
  for (const m of ms) m.dispose();
  await session.release();
}
console.log(`load ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`);
