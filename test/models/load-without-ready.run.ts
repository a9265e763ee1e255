// Child of load-without-ready.node.test.ts: a fresh process that loads models without calling tf.ready() first —
// the loaders start the kernels' compile themselves, overlapped with reading the files (cold start, issue 19).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '../../src/index.js';
import { loadOnnxModel } from '../../src/onnx/index.js';

const kind = process.argv[2];
let values: number[];
if (kind === 'onnx') {
  const m = await loadOnnxModel(new Uint8Array(readFileSync(new URL('../fixtures/onnx17/mlp-ts17.onnx', import.meta.url))));
  values = Array.from((m.predict(tf.ones([1, 8])) as tf.Tensor).dataSync());
} else {
  // a model.json + weights.bin written without ascent (the file format itself): one Dense 2 → 1, kernel [[1], [2]], bias [0.5]
  const dir = mkdtempSync(join(tmpdir(), 'ascent-noready-'));
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(dir, 'weights.bin'), new Uint8Array(Float32Array.of(1, 2, 0.5).buffer));
  writeFileSync(join(dir, 'model.json'), JSON.stringify({
    format: 'layers-model', generatedBy: 'test', convertedBy: null,
    modelTopology: { class_name: 'Sequential', config: { name: 's', layers: [
      { class_name: 'Dense', config: { name: 'd', units: 1, use_bias: true, activation: 'linear', batch_input_shape: [null, 2], dtype: 'float32' } }] } },
    weightsManifest: [{ paths: ['weights.bin'], weights: [{ name: 'd/kernel', shape: [2, 1], dtype: 'float32' }, { name: 'd/bias', shape: [1], dtype: 'float32' }] }],
  }));
  const m = await tf.loadLayersModel(`file://${join(dir, 'model.json')}`);
  values = Array.from((m.predict(tf.tensor([[3, 4]])) as tf.Tensor).dataSync());
}
console.log(JSON.stringify({ values }));
