// A/B of the ONNX executor between two checkouts in ONE process (two module graphs, two wasm instances), alternated,
// with onnxruntime-web (1 thread) in the same rounds: CPU µs per predict + read, best of ROUNDS medians.
// Run: ASCENT_THREADS=1 A=/work/main B=/work/wt/onnx npx tsx bench/tmp/onnx-ab.mts [substring] [batches] [p10 seconds]
// With p10 seconds: instead, ~1 ms samples of A, B and ORT strictly alternated for that long, each side's figure the
// 10th percentile of its samples (the least-disturbed windows: at load 6 the best-of-medians swung up to 2×).
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as ort from 'onnxruntime-web';
import { median } from '../onnx.js';
const SHAPES: Record<string, number[]> = { mlp: [8], lenet: [1, 15, 15], resnet: [3, 16, 16], mbv2: [3, 16, 16], tlayer: [5, 16] };
const FILES = ['mlp-ts17', 'lenet-ts17', 'resnet-ts17', 'mbv2-ts17', 'tlayer-ts17'];
const roots = [process.env.A ?? '/work/main', process.env.B ?? new URL('../..', import.meta.url).pathname];
const libs = await Promise.all(roots.map(async (r) => ({ tf: await import(r + '/src/index.ts'), onnx: await import(r + '/src/onnx/index.ts') })));
for (const l of libs) await l.tf.ready();
ort.env.wasm.numThreads = 1; ort.env.logLevel = 'error';
const filter = process.argv[2] ?? '', batches = (process.argv[3] ?? '1,64').split(',').map(Number), P10 = Number(process.argv[4] ?? 0);
const us = async (f: () => unknown, ms: number) => 1000 * await median(f, ms);
console.log(`A ${roots[0]}, B ${roots[1]}; load ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`);
console.log('model        batch      A µs      B µs    ORT µs   A÷ORT   B÷ORT   A÷B');
for (const file of FILES.filter((f) => f.includes(filter))) {
  const bytes = new Uint8Array(readFileSync(new URL(`../../test/fixtures/onnx17/${file}.onnx`, import.meta.url)));
  const ms = await Promise.all(libs.map((l) => l.onnx.loadOnnxModel(bytes)));
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  for (const batch of batches) {
    const shape = [batch, ...SHAPES[file.split('-')[0]]], n = shape.reduce((a, b) => a * b, 1);
    const vals = Float32Array.from({ length: n }, (_, i) => Math.sin(i));
    const xs = libs.map((l) => l.tf.tensor(vals, shape));
    const runs = libs.map((_, k) => () => { const y = ms[k].predict(xs[k]); y.dataSync(); y.dispose(); });
    const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', vals, shape) };
    const o = () => session.run(feeds);
    for (const t0 = performance.now(); performance.now() - t0 < 1500;) { for (const r of runs) await us(r, 30); await us(o, 30); }
    const best = [Infinity, Infinity, Infinity];
    if (P10 > 0) {
      // short samples (~1 ms of calls) strictly alternated for P10 seconds; each side's 10th percentile
      const fns = [...runs, o], samples: number[][] = [[], [], []];
      const reps = await Promise.all(fns.map(async (fn) => { const t0 = performance.now(); for (let i = 0; i < 50; i++) await fn(); return Math.max(1, Math.round(50 / (performance.now() - t0))); }));
      for (const t0 = performance.now(); performance.now() - t0 < P10 * 1000;) {
        for (let k = 0; k < 3; k++) {
          const c0 = process.cpuUsage();
          for (let i = 0; i < reps[k]; i++) await fns[k]();
          const d = process.cpuUsage(c0);
          samples[k].push((d.user + d.system) / reps[k]);
        }
      }
      samples.forEach((v, k) => { v.sort((a, b) => a - b); best[k] = v[Math.floor(v.length / 10)]; });
    } else {
      for (let r = 0; r < 5; r++) { best[0] = Math.min(best[0], await us(runs[0], 150)); best[1] = Math.min(best[1], await us(runs[1], 150)); best[2] = Math.min(best[2], await us(o, 150)); }
    }
    const f = (v: number) => v.toPrecision(3).padStart(9);
    console.log(`${file.padEnd(12)} ${String(batch).padStart(5)} ${f(best[0])} ${f(best[1])} ${f(best[2])}  ${(best[0] / best[2]).toFixed(3)}  ${(best[1] / best[2]).toFixed(3)}  ${(best[0] / best[1]).toFixed(2)}×`);
    xs.forEach((x) => x.dispose());
  }
  ms.forEach((m) => m.dispose());
  await session.release();
}
console.log(`load ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`);
