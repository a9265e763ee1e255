// toOnnx (ascent/onnx export) against onnxruntime-node 1.31 as the oracle: each model of test/onnx/export_models.ts
// (one per layer family, seeded random weights) is exported, run by ONNX Runtime on the same inputs as ascent's
// predict, at batch sizes 1 and 5 on one file (the symbolic batch dim), within 1e-4 + 1e-3·max|ascent|. Every
// file also passes onnx.checker.check_model with full_check (shape inference) when python3 has onnx.
// model.save('file://…/m.onnx') writes the same bytes. Node only (a native addon).
import { afterAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import * as tf from '../../src/index.js';
import { loadOnnxModel, onnxWithWeights, toOnnx } from '../../src/onnx/index.js';
import { cases, inputsOf, randomize } from './export_models.js';

const DIR = mkdtempSync(join(tmpdir(), 'ascent-onnx-export-'));
const written: string[] = [];
const worst: Record<string, number> = {};
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe('toOnnx: onnxruntime-node runs the exported file as ascent runs the model', () => {
  for (const c of cases()) {
    test(`${c.name}: batch 1 and 5`, async () => {
      randomize(c.model, 11);
      const before = tf.memory().numTensors;
      const bytes = toOnnx(c.model);
      expect(tf.memory().numTensors).toBe(before);
      const file = join(DIR, `${c.name}.onnx`);
      writeFileSync(file, bytes);
      written.push(file);
      const session = await ort.InferenceSession.create(bytes);
      expect(session.inputNames.length).toBe(c.inputs.length);
      for (const batch of [1, 5]) {
        const xs = inputsOf(c, batch);
        const feeds = Object.fromEntries(session.inputNames.map((n, i) => [n, new ort.Tensor('float32', xs[i].dataSync() as Float32Array, xs[i].shape)]));
        const ref = await session.run(feeds);
        const ys = ([] as tf.Tensor[]).concat(c.model.predict(xs.length === 1 ? xs[0] : xs) as tf.Tensor | tf.Tensor[]);
        expect(ys.length).toBe(session.outputNames.length);
        session.outputNames.forEach((name, i) => {
          const want = ys[i].dataSync(), got = ref[name].data as Float32Array;
          expect(ref[name].dims.map(Number), `${c.name} output ${name}`).toEqual(ys[i].shape);
          const tol = 1e-4 + 1e-3 * want.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
          let err = 0;
          for (let k = 0; k < want.length; k++) err = Math.max(err, Math.abs(got[k] - want[k]));
          worst[c.name] = Math.max(worst[c.name] ?? 0, err);
          expect(err, `${c.name} batch ${batch} output ${name}`).toBeLessThanOrEqual(tol);
        });
        tf.dispose([...xs, ...ys]);
      }
      await session.release();
      c.model.dispose();
    });
  }

  test('onnxWithWeights: a fine-tuned PyTorch file runs in onnxruntime as in ascent', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../fixtures/onnx17/lenet-ts17.onnx', import.meta.url)));
    const m = await loadOnnxModel(bytes);
    const x = tf.randomNormal([3, 1, 15, 15], 0, 1, 'float32', 8);
    for (const w of m.trainableWeights) w.assign(tf.tidy(() => tf.mul(w, 1.1)));
    const tuned = onnxWithWeights(bytes, m);
    const file = join(DIR, 'lenet-tuned.onnx');
    writeFileSync(file, tuned);
    written.push(file);
    const session = await ort.InferenceSession.create(tuned);
    const ref = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', x.dataSync() as Float32Array, x.shape) });
    const y = m.predict(x) as tf.Tensor;
    const want = y.dataSync(), got = ref[session.outputNames[0]].data as Float32Array;
    const tol = 1e-4 + 1e-3 * want.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
    let err = 0;
    for (let k = 0; k < want.length; k++) err = Math.max(err, Math.abs(got[k] - want[k]));
    expect(err).toBeLessThanOrEqual(tol);
    await session.release();
    tf.dispose([x, y]);
    m.dispose();
  });

  test('every exported file passes onnx.checker.check_model(full_check=True)', (ctx) => {
    let hasOnnx = true;
    try { execFileSync('python3', ['-c', 'import onnx'], { stdio: 'ignore' }); } catch { hasOnnx = false; }
    if (!hasOnnx) ctx.skip('python3 with the onnx package is not available');
    expect(written.length).toBeGreaterThan(0);
    const script = 'import onnx,sys\nfor f in sys.argv[1:]:\n  m=onnx.load(f); onnx.checker.check_model(m, full_check=True)\n  assert "tuned" in f or (m.opset_import[0].version==17 and m.ir_version==8 and m.producer_name=="ascent"), f\nprint(len(sys.argv)-1)';
    expect(execFileSync('python3', ['-c', script, ...written], { encoding: 'utf8' }).trim()).toBe(String(written.length));
    console.log('toOnnx vs onnxruntime, max |error| per model:', JSON.stringify(worst));
  });

  test("model.save('file://…/m.onnx') writes toOnnx's bytes, atomically", async () => {
    const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2, activation: 'relu' })] });
    const file = join(DIR, 'saved.onnx');
    const res = await m.save(`file://${file}`);
    expect(res.modelArtifactsInfo.weightDataBytes).toBeGreaterThan(0);
    expect(new Uint8Array(readFileSync(file))).toEqual(toOnnx(m));
    const session = await ort.InferenceSession.create(file);
    const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', new Float32Array([1, -2, 3]), [1, 3]) });
    const want = (m.predict(tf.tensor([[1, -2, 3]])) as tf.Tensor).dataSync();
    expect(Array.from(out[session.outputNames[0]].data as Float32Array)).toEqual(Array.from(want).map((v) => expect.closeTo(v, 5)));
    await session.release();
    await expect(m.save(`file://${join(DIR, 'no-such-dir', 'x.onnx')}`)).rejects.toThrow(/cannot write/);
    m.dispose();
  });
});
