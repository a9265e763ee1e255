// Inference latency of Keras-style models (issue 19): ascent's model.predict against onnxruntime-web (wasm, 1 thread,
// SIMD) running the same model exported by ascent's toOnnx (same weights; onnxruntime applies its own graph
// optimisations, BatchNorm folding and Conv+activation fusion included), at batch 1 and 64, in one process.
// Models: the MLP of the ONNX fixtures (8-16-16-4), an MNIST MLP (784-128-64-10), LeNet-5 with BatchNorm after
// each conv and the first dense (28×28×1), and a small fixture-sized LeNet with BatchNorm (15×15×1).
// Run: npx tsx bench/infer.ts [model-substring]   (or `npm run bench -- infer`)
import * as os from 'node:os';
import * as ort from 'onnxruntime-web';
import * as tf from '../src/index.js';
import { toOnnx } from '../src/onnx/export.js';
import { lean } from '../src/models/infer.js';
import { fmt, measure, printTable, randomData, type TargetResult } from './util.js';

type Make = () => tf.Sequential;
const direct = import.meta.url === `file://${process.argv[1]}`;
const L = tf.layers;

const MODELS: [string, number[], Make][] = [
  ['mlp 8-16-16-4', [8], () => tf.sequential({ layers: [
    L.dense({ units: 16, activation: 'relu', inputShape: [8] }), L.dense({ units: 16, activation: 'tanh' }), L.dense({ units: 4 })] })],
  ['mlp 784-128-64-10', [784], () => tf.sequential({ layers: [
    L.dense({ units: 128, activation: 'relu', inputShape: [784] }), L.dense({ units: 64, activation: 'relu' }),
    L.dense({ units: 10, activation: 'softmax' })] })],
  // per-layer overhead: 8 tiny layers (the kernels take well under 0.1 µs each), µs per predict ÷ 8 is the cost of a layer
  ['8 × dense 16 relu (overhead)', [16], () => tf.sequential({ layers: Array.from({ length: 8 }, (_, i) =>
    L.dense({ units: 16, activation: 'relu', ...(i === 0 ? { inputShape: [16] } : {}) })) })],
  ['lenet-bn 15×15', [15, 15, 1], () => tf.sequential({ layers: [
    L.conv2d({ filters: 4, kernelSize: 5, padding: 'same', inputShape: [15, 15, 1] }), L.batchNormalization(), L.activation({ activation: 'relu' }),
    L.maxPooling2d({ poolSize: 2, padding: 'same' }),
    L.conv2d({ filters: 6, kernelSize: 3 }), L.batchNormalization(), L.activation({ activation: 'relu' }),
    L.averagePooling2d({ poolSize: 2 }), L.flatten(), L.dense({ units: 16, activation: 'sigmoid' }), L.dense({ units: 5, activation: 'softmax' })] })],
  ['lenet-bn 28×28', [28, 28, 1], () => tf.sequential({ layers: [
    L.conv2d({ filters: 6, kernelSize: 5, padding: 'same', inputShape: [28, 28, 1], useBias: false }), L.batchNormalization(), L.activation({ activation: 'relu' }),
    L.maxPooling2d({ poolSize: 2 }),
    L.conv2d({ filters: 16, kernelSize: 5 }), L.batchNormalization(), L.activation({ activation: 'relu' }),
    L.maxPooling2d({ poolSize: 2 }), L.flatten(),
    L.dense({ units: 120 }), L.batchNormalization(), L.activation({ activation: 'relu' }),
    L.dense({ units: 84, activation: 'relu' }), L.dense({ units: 10, activation: 'softmax' })] })],
];

/** Gives every BatchNorm non-trivial statistics (as after training), so folding has something to fold. */
function randomizeBatchNorm(m: tf.Sequential): void {
  let seed = 10;
  for (const l of m.layers) {
    if (l.getClassName() !== 'BatchNormalization') continue;
    const n = l.weights[0].shape[0];
    const u = (lo: number, hi: number) => tf.tensor(Array.from(randomData(n, seed++), (v) => lo + ((v + 1) / 2) * (hi - lo)));
    l.setWeights([u(0.5, 1.5), u(-0.2, 0.2), u(-0.3, 0.3), u(0.5, 2)]);
  }
}

export async function run(): Promise<TargetResult[]> {
  await tf.ready();
  ort.env.wasm.numThreads = 1;
  const filter = direct ? process.argv[2] ?? '' : ''; // (run from bench/index.ts, its arguments name benchmarks)
  const rows: string[][] = [], results: TargetResult[] = [];
  for (const [name, inShape, make] of MODELS) {
    if (!name.includes(filter)) continue;
    const m = make();
    randomizeBatchNorm(m);
    const session = await ort.InferenceSession.create(toOnnx(m), { executionProviders: ['wasm'] });
    for (const batch of [1, 64]) {
      const shape = [batch, ...inShape], vals = randomData(shape.reduce((a, b) => a * b, 1), 3);
      const x = tf.tensor(vals, shape);
      const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', vals, shape) };
      const predict = () => { const y = m.predict(x, { batchSize: batch }) as tf.Tensor; y.dataSync(); y.dispose(); };
      // the layers' own path (as before issue 19's lean inference) and the lean one, alternated, best of 3 medians
      const ours: number[] = [], layers: number[] = [];
      for (let r = 0; r < 3; r++) {
        lean.enabled = false;
        layers.push(measure(predict, { budgetMs: 300, warmupMs: 100 }));
        lean.enabled = true;
        ours.push(measure(predict, { budgetMs: 300, warmupMs: 100 }));
      }
      const best = (a: number[]) => Math.min(...a);
      // ort's run is async (a resolved promise per call); measured the same way, over a loop of awaited runs
      const ort3: number[] = [];
      for (let r = 0; r < 3; r++) ort3.push(await timeAsync(async () => { const r = await session.run(feeds); void r; }, 300));
      const o = best(ort3) * 1000, a = best(ours) * 1000, u = best(layers) * 1000;
      rows.push([name, String(batch), fmt(u), fmt(a), fmt(o), `${fmt(u / o)}×`, `${fmt(a / o)}×`, `${fmt(u / a)}×`]);
      // issue 19's goals as speed ratios (ort time ÷ ascent time): ≥ 1 at batch 1 (latency ≤ 1.0×), ≥ 1.25 at 64 (≤ 0.8×)
      if (!name.includes('overhead')) {
        const goal = batch === 1 ? 1 : 1.25;
        results.push({ bench: 'infer', name: `${name} batch ${batch} vs ort-web`, ratio: o / a, goal, met: o / a >= goal });
      }
      x.dispose();
    }
    await session.release();
    m.dispose();
  }
  printTable(`model.predict latency, µs (best of 3 medians): ascent's layers path ('layers', lean inference off) and lean path vs onnxruntime-web 1 thread on the same weights; ratio = ascent time ÷ ort time (goal ≤ 1.0 at batch 1, ≤ 0.8 at 64); load average ${os.loadavg()[0].toFixed(2)}`,
    ['model', 'batch', 'layers µs', 'lean µs', 'ort µs', 'layers/ort', 'lean/ort', 'lean speed-up'], rows);
  return results;
}

async function timeAsync(fn: () => Promise<void>, budgetMs = 500): Promise<number> {
  for (let t = performance.now(); performance.now() - t < 300;) await fn();
  const s: number[] = [];
  for (let t = performance.now(); performance.now() - t < budgetMs || s.length < 5;) {
    const a = performance.now();
    await fn();
    s.push(performance.now() - a);
  }
  s.sort((a, b) => a - b);
  return s[s.length >> 1];
}

if (direct) await run();
