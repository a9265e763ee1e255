// ONNX import latency (issue 17), ascent vs onnxruntime-web (wasm backend, 1 thread, SIMD) in the same Node process
// on the same .onnx files: the PyTorch fixtures of test/fixtures/onnx17 (tiny widths: overhead-dominated) at batch 1
// and 64. Run: npx tsx bench/onnx.ts [file-substring]. Not yet part of bench/index.ts (first numbers for the note).
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-web';
import * as tf from '../src/index.js';
import { loadOnnxModel } from '../src/onnx/index.js';

const DIR = new URL('../test/fixtures/onnx17/', import.meta.url);
const filter = process.argv[2] ?? '';
const files = readdirSync(DIR).filter((f) => /^(mlp|lenet|mobile|encoder|resnet|mbv2|tlayer|unet)-(ts17|dynamo18)\.onnx$/.test(f) && f.includes(filter)).sort();
const shapes: Record<string, number[]> = { mlp: [8], lenet: [1, 15, 15], mobile: [3, 12, 12], encoder: [6], resnet: [3, 16, 16], mbv2: [3, 16, 16], tlayer: [5, 16], unet: [3, 8, 8] };

async function timeIt(fn: () => Promise<void> | void, budgetMs = 400): Promise<number> {
  for (let t = performance.now(); performance.now() - t < 1000;) await fn(); // wasm tiers up lazily: seconds for the first model
  const s: number[] = [];
  for (let t = performance.now(); performance.now() - t < budgetMs || s.length < 5;) {
    const a = performance.now();
    await fn();
    s.push(performance.now() - a);
  }
  s.sort((a, b) => a - b);
  return s[s.length >> 1];
}

ort.env.wasm.numThreads = 1;
await tf.ready();
console.log('model                 batch   ascent ms   ort-web ms   ascent/ort');
for (const file of files) {
  const bytes = new Uint8Array(readFileSync(new URL(file, DIR)));
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const m = await loadOnnxModel(bytes);
  const kind = file.split('-')[0], ints = kind === 'encoder';
  for (const batch of [1, 64]) {
    const shape = [batch, ...shapes[kind]], n = shape.reduce((a, b) => a * b, 1);
    const vals = Float32Array.from({ length: n }, (_, i) => (ints ? (i * 7) % 20 : Math.sin(i)));
    const x = ints ? tf.tensor(Int32Array.from(vals), shape, 'int32') : tf.tensor(vals, shape);
    const feeds = { [session.inputNames[0]]: ints ? new ort.Tensor('int64', BigInt64Array.from(vals, (v) => BigInt(v)), shape) : new ort.Tensor('float32', vals, shape) };
    const a = await timeIt(() => { const y = m.predict(x); for (const t of ([] as tf.Tensor[]).concat(y)) { t.dataSync(); t.dispose(); } });
    const b = await timeIt(async () => { await session.run(feeds); });
    console.log(`${file.padEnd(22)}${String(batch).padStart(5)}${a.toFixed(3).padStart(12)}${b.toFixed(3).padStart(13)}${(a / b).toFixed(2).padStart(13)}`);
    x.dispose();
  }
  m.dispose();
  await session.release();
}
