// onnxruntime-node 1.31 as the oracle: the same .onnx files, on the same inputs, in ascent and in ONNX Runtime,
// at batch sizes 1, 3 and 7 (the symbolic batch dim), within 1e-4 + 1e-3·max|ref|. Node only (a native addon).
import { describe, expect, test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import * as tf from '../../src/index.js';
import { loadOnnxModel } from '../../src/onnx/index.js';

const DIR = new URL('../fixtures/onnx17/', import.meta.url);
const models = readdirSync(DIR).filter((f) => /^(mlp|lenet|mobile|encoder|resnet|mbv2|tlayer|cnntrain|unet|rnn)-(ts13|ts17|dynamo18)\.onnx$/.test(f)).sort();

/** A seeded input of the model's shape with the batch dim set: normal floats, or token ids in [0, 20). */
function inputFor(file: string, batch: number): { data: Float32Array | BigInt64Array; ints: Int32Array | null; shape: number[] } {
  const shapes: Record<string, number[]> = { mlp: [8], lenet: [1, 15, 15], mobile: [3, 12, 12], encoder: [6], resnet: [3, 16, 16], mbv2: [3, 16, 16], tlayer: [5, 16], cnntrain: [2, 9, 9], unet: [3, 8, 8], rnn: [7, 6] };
  const shape = [batch, ...shapes[file.split('-')[0]]];
  const n = shape.reduce((a, b) => a * b, 1);
  let s = 12345 + batch;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  if (file.startsWith('encoder')) {
    const ints = Int32Array.from({ length: n }, () => Math.floor(rnd() * 20));
    return { data: BigInt64Array.from(ints, (v) => BigInt(v)), ints, shape };
  }
  return { data: Float32Array.from({ length: n }, () => (rnd() - 0.5) * 4), ints: null, shape };
}

describe('ascent vs onnxruntime-node on the same files and inputs', () => {
  for (const file of models) {
    test(`${file}: batch 1, 3 and 7`, async () => {
      const bytes = new Uint8Array(readFileSync(new URL(file, DIR)));
      const session = await ort.InferenceSession.create(bytes);
      const m = await loadOnnxModel(bytes);
      const before = tf.memory().numTensors;
      for (const batch of [1, 3, 7]) {
        const inp = inputFor(file, batch);
        const feeds = { [session.inputNames[0]]: new ort.Tensor(inp.ints ? 'int64' : 'float32', inp.data, inp.shape) };
        const ref = await session.run(feeds);
        const x = inp.ints ? tf.tensor(inp.ints, inp.shape, 'int32') : tf.tensor(inp.data as Float32Array, inp.shape);
        const ys = ([] as tf.Tensor[]).concat(m.predict(x));
        expect(ys.length).toBe(session.outputNames.length);
        session.outputNames.forEach((name, i) => {
          const want = ref[name].data as Float32Array, got = ys[i].dataSync();
          expect(ys[i].shape).toEqual(ref[name].dims.map(Number));
          const tol = 1e-4 + 1e-3 * want.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
          let worst = 0;
          for (let k = 0; k < want.length; k++) worst = Math.max(worst, Math.abs(got[k] - want[k]));
          expect(worst, `${file} batch ${batch} output ${name}`).toBeLessThanOrEqual(tol);
        });
        tf.dispose([x, ...ys]);
      }
      await session.release();
      m.dispose();
      expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
    });
  }
});
