// Profiling driver (issue 19): batch-1 predicts of an ONNX fixture in a loop, for node --cpu-prof.
// Run: ASCENT_THREADS=1 node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/tmp/prof-onnx.mts mbv2-ts17 [seconds]
import { readFileSync } from 'node:fs';
import * as tf from '../../src/index.js';
import { loadOnnxModel } from '../../src/onnx/index.js';
const SHAPES: Record<string, number[]> = { mlp: [8], lenet: [1, 15, 15], mobile: [3, 12, 12], encoder: [6], resnet: [3, 16, 16], mbv2: [3, 16, 16], tlayer: [5, 16], unet: [3, 8, 8] };
const file = process.argv[2] ?? 'mbv2-ts17', secs = Number(process.argv[3] ?? 4);
await tf.ready();
const m = await loadOnnxModel(new Uint8Array(readFileSync(new URL(`../../test/fixtures/onnx17/${file}.onnx`, import.meta.url))));
const shape = [1, ...SHAPES[file.split('-')[0]]], n = shape.reduce((a, b) => a * b, 1);
const x = tf.tensor(Float32Array.from({ length: n }, (_, i) => Math.sin(i)), shape);
let calls = 0;
const t0 = performance.now();
while (performance.now() - t0 < secs * 1000) {
  for (let i = 0; i < 50; i++) { const y = m.predict(x) as tf.Tensor; y.dataSync(); y.dispose(); calls++; }
}
console.log(file, ((performance.now() - t0) * 1000 / calls).toFixed(1), 'µs/call', calls, 'calls', tf.memory().numTensors);
