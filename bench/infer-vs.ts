// model.predict before/after in one process: this checkout's ascent against another checkout's (ASCENT_BASE, e.g. an
// extracted `git archive main` with node_modules linked and build/*.wasm copied), and onnxruntime-web (1 thread) on
// the same weights (toOnnx). Both ascents load their own wasm instance; runs alternate, best of N medians.
// Run: ASCENT_BASE=/path/to/base npx tsx bench/infer-vs.ts [model-substring] [N]
import * as os from 'node:os';
import * as ort from 'onnxruntime-web';
import * as A from '../src/index.js';
const baseDir = process.env.ASCENT_BASE;
if (!baseDir) throw new Error('set ASCENT_BASE to the checkout to compare with (its src/index.js is imported)');
const B = (await import(new URL(`file://${baseDir.replace(/\/$/, '')}/src/index.js`).href)) as typeof A;
import { toOnnx } from '../src/onnx/export.js';
import { measure, randomData, fmt, printTable } from './util.js';

type TF = typeof A;
const defs: [string, number[], (tf: TF) => A.Sequential][] = [
  ['mlp 8-16-16-4', [8], (tf) => tf.sequential({ layers: [tf.layers.dense({ units: 16, activation: 'relu', inputShape: [8] }), tf.layers.dense({ units: 16, activation: 'tanh' }), tf.layers.dense({ units: 4 })] })],
  ['mlp 784-128-64-10', [784], (tf) => tf.sequential({ layers: [tf.layers.dense({ units: 128, activation: 'relu', inputShape: [784] }), tf.layers.dense({ units: 64, activation: 'relu' }), tf.layers.dense({ units: 10, activation: 'softmax' })] })],
  ['mlp 64-256-64 gelu', [64], (tf) => tf.sequential({ layers: [tf.layers.dense({ units: 256, activation: 'gelu', inputShape: [64] }), tf.layers.dense({ units: 64 })] })],
  ['8 × dense 16 relu', [16], (tf) => tf.sequential({ layers: Array.from({ length: 8 }, (_, i) => tf.layers.dense({ units: 16, activation: 'relu', ...(i === 0 ? { inputShape: [16] } : {}) })) })],
  ['lenet-bn 15×15', [15, 15, 1], (tf) => { const L = tf.layers; return tf.sequential({ layers: [
    L.conv2d({ filters: 4, kernelSize: 5, padding: 'same', inputShape: [15, 15, 1] }), L.batchNormalization(), L.activation({ activation: 'relu' }),
    L.maxPooling2d({ poolSize: 2, padding: 'same' }), L.conv2d({ filters: 6, kernelSize: 3 }), L.batchNormalization(), L.activation({ activation: 'relu' }),
    L.averagePooling2d({ poolSize: 2 }), L.flatten(), L.dense({ units: 16, activation: 'sigmoid' }), L.dense({ units: 5, activation: 'softmax' })] }); }],
  ['lenet-bn 28×28', [28, 28, 1], (tf) => { const L = tf.layers; return tf.sequential({ layers: [
    L.conv2d({ filters: 6, kernelSize: 5, padding: 'same', inputShape: [28, 28, 1], useBias: false }), L.batchNormalization(), L.activation({ activation: 'relu' }),
    L.maxPooling2d({ poolSize: 2 }), L.conv2d({ filters: 16, kernelSize: 5 }), L.batchNormalization(), L.activation({ activation: 'relu' }),
    L.maxPooling2d({ poolSize: 2 }), L.flatten(), L.dense({ units: 120 }), L.batchNormalization(), L.activation({ activation: 'relu' }),
    L.dense({ units: 84, activation: 'relu' }), L.dense({ units: 10, activation: 'softmax' })] }); }],
];
await A.ready(); await B.ready();
ort.env.wasm.numThreads = 1;
const filter = process.argv[2] ?? '';
const reps = +(process.argv[3] ?? 3);
const rows: string[][] = [];
for (const [name, inShape, make] of defs) {
  if (!name.includes(filter)) continue;
  const ma = make(A), mb = make(B);
  let seed = 10;
  for (const l of ma.layers) if (l.getClassName() === 'BatchNormalization') {
    const n = l.weights[0].shape[0];
    const u = (lo: number, hi: number) => A.tensor(Array.from(randomData(n, seed++), (v) => lo + ((v + 1) / 2) * (hi - lo)));
    l.setWeights([u(0.5, 1.5), u(-0.2, 0.2), u(-0.3, 0.3), u(0.5, 2)]);
  }
  mb.setWeights(ma.getWeights().map((w) => B.tensor(w.dataSync(), w.shape)));
  const session = await ort.InferenceSession.create(toOnnx(ma), { executionProviders: ['wasm'] });
  for (const batch of [1, 64]) {
    const shape = [batch, ...inShape], vals = randomData(shape.reduce((a, b) => a * b, 1), 3);
    const xa = A.tensor(vals, shape), xb = B.tensor(vals, shape);
    const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', vals, shape) };
    const pa = () => { const y = ma.predict(xa, { batchSize: batch }) as A.Tensor; y.dataSync(); y.dispose(); };
    const pb = () => { const y = mb.predict(xb, { batchSize: batch }) as A.Tensor; y.dataSync(); y.dispose(); };
    const ta: number[] = [], tb: number[] = [], to: number[] = [];
    for (let r = 0; r < reps; r++) {
      tb.push(measure(pb, { budgetMs: 300, warmupMs: 100 }));
      ta.push(measure(pa, { budgetMs: 300, warmupMs: 100 }));
      for (let t = performance.now(); performance.now() - t < 100;) await session.run(feeds);
      const s: number[] = [];
      for (let t = performance.now(); performance.now() - t < 300 || s.length < 5;) { const a = performance.now(); await session.run(feeds); s.push(performance.now() - a); }
      s.sort((p, q) => p - q); to.push(s[s.length >> 1]);
    }
    const ya = ma.predict(xa) as A.Tensor, yb = mb.predict(xb) as A.Tensor, vb = yb.dataSync();
    const d = Math.max(...Array.from(ya.dataSync(), (v, i) => Math.abs(v - vb[i])));
    ya.dispose(); yb.dispose();
    const a = Math.min(...ta) * 1000, b = Math.min(...tb) * 1000, o = Math.min(...to) * 1000;
    rows.push([name, String(batch), fmt(b), fmt(a), fmt(o), `${fmt(b / o)}×`, `${fmt(a / o)}×`, `${fmt(b / a)}×`, d.toExponential(1)]);
    xa.dispose(); xb.dispose();
  }
  await session.release(); ma.dispose(); mb.dispose();
}
printTable(`model.predict µs, best of ${reps} medians, one process: before (ASCENT_BASE ${baseDir}) and after (this checkout) vs onnxruntime-web 1 thread, same weights; load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`,
  ['model', 'batch', 'before µs', 'after µs', 'ort µs', 'before/ort', 'after/ort', 'speed-up', 'max |Δ|'], rows);
