// A/B of conv inference between two checkouts (the same machine state, runs interleaved by the caller):
// ROOT=/work/main ASCENT_THREADS=1 npx tsx bench/tmp/infer-ab.mts; ROOT=/work/wt/cnn …  (µs per predict + read)
import { readFileSync } from 'node:fs';
const root = process.env.ROOT ?? new URL('../..', import.meta.url).pathname;
const tf = await import(root + '/src/index.ts');
const { loadOnnxModel } = await import(root + '/src/onnx/index.ts');
await tf.ready();
const time = (f: () => void, n: number) => {
  for (let i = 0; i < n; i++) f();
  const meds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const ts: number[] = [];
    for (let i = 0; i < n; i++) { const t0 = performance.now(); f(); ts.push(performance.now() - t0); }
    ts.sort((a, b) => a - b); meds.push(ts[n >> 1] * 1000);
  }
  return Math.min(...meds); // best of 5 medians
};
const onnx = await loadOnnxModel(new Uint8Array(readFileSync(root + '/test/fixtures/onnx17/lenet-ts17.onnx')));
const L = tf.layers;
const lenet = tf.sequential({ layers: [
  L.conv2d({ filters: 8, kernelSize: 5, padding: 'same', inputShape: [28, 28, 1] }), L.batchNormalization(), L.activation({ activation: 'relu' }),
  L.maxPooling2d({ poolSize: 2 }),
  L.conv2d({ filters: 16, kernelSize: 5, activation: 'relu' }), L.maxPooling2d({ poolSize: 2 }), L.flatten(),
  L.dense({ units: 64, activation: 'relu' }), L.dense({ units: 10 })] });
for (const b of [1, 64]) {
  const xo = tf.randomNormal([b, 1, 15, 15], 0, 1, 'float32', 1);
  const xl = tf.randomNormal([b, 28, 28, 1], 0, 1, 'float32', 2);
  const n = b === 1 ? 400 : 40;
  const o = time(() => { const y = onnx.predict(xo) as any; y.dataSync(); y.dispose(); }, n);
  const l = time(() => { const y = lenet.predict(xl) as any; y.dataSync(); y.dispose(); }, n);
  console.log(`b${b}: onnx lenet-ts17 ${o.toFixed(1)} µs, layers lenet 28×28 (conv5·8 BN relu, conv5·16 relu) ${l.toFixed(1)} µs`);
}
