// ascent/keras (issue 16): models written by Keras 3.15 itself (test/fixtures/keras16/, made by
// scripts/fixtures/keras16.py) load from .keras and legacy .h5 and predict what Keras predicted; bad files are
// refused with an error naming what is wrong, and leave no tensor behind.
import { describe, expect, test } from 'vitest';
import { unzipSync, zipSync, strToU8, strFromU8 } from 'fflate';
import * as tf from '../../src/index.js';
import { fromKeras } from '../../src/keras/index.js';
import { expectPredicts, fixture, flat, keras2Ref, refs, mlp } from './fixtures.js';

describe('fromKeras: Keras 3 fixtures predict what Keras predicted', () => {
  for (const name of Object.keys(refs)) {
    for (const ext of ['keras', 'h5']) {
      test(`${name}.${ext}`, async () => {
        const bytes = await fixture(`${name}.${ext}`);
        const before = tf.memory().numTensors;
        const m = fromKeras(bytes);
        expect(m).toBeInstanceOf(tf.LayersModel);
        expectPredicts(m, refs[name]);
        m.dispose();
        expect(tf.memory().numTensors).toBe(before);
      });
    }
  }

  test("keras2.h5: Keras 2's layout (':0' weight names, cell paths, list-form nodes) and Keras 2's hard_sigmoid", async () => {
    const m = fromKeras(await fixture('keras2.h5'));
    expect(m.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'GRU', 'Flatten', 'Dense', 'Concatenate', 'Dense'].filter((c) => c !== 'InputLayer'));
    expectPredicts(m, keras2Ref);
    m.dispose();
  });

  test('the same model from .keras and .h5 has the same weights, named as Keras names them', async () => {
    const a = fromKeras(await fixture('transformer.keras')), b = fromKeras((await fixture('transformer.h5')).buffer as ArrayBuffer);
    expect(a.layers.map((l) => l.name)).toEqual(b.layers.map((l) => l.name));
    expect(a.layers.map((l) => l.getClassName())).toEqual(['MultiHeadAttention', 'Add', 'LayerNormalization', 'Dense', 'Dense', 'Add', 'LayerNormalization']);
    const wa = a.getWeights(), wb = b.getWeights();
    expect(wa.length).toBe(16);
    for (let i = 0; i < wa.length; i++) expect(Array.from(wa[i].dataSync())).toEqual(Array.from(wb[i].dataSync()));
    a.dispose(); b.dispose();
  });
});

/** A .keras file with its config.json edited. */
async function editedKeras(name: string, edit: (config: any) => void): Promise<Uint8Array> {
  const files = unzipSync(await fixture(name));
  const config = JSON.parse(strFromU8(files['config.json']));
  edit(config);
  files['config.json'] = strToU8(JSON.stringify(config));
  return zipSync(files);
}

function expectRefused(bytes: Uint8Array, message: RegExp): void {
  const before = tf.memory();
  expect(() => fromKeras(bytes)).toThrow(message);
  const after = tf.memory();
  expect(after.numTensors).toBe(before.numTensors);
  expect(after.numBytes).toBe(before.numBytes);
}

describe('fromKeras: what ascent cannot load is refused by name, leaving nothing behind', () => {
  test('a layer ascent lacks', async () => {
    const bytes = await editedKeras('functional.keras', (c) => { c.config.layers[4].class_name = 'FancyMerge'; });
    expectRefused(bytes, /^fromKeras: unknown layer class 'FancyMerge'/);
  });
  test('a custom registered class', async () => {
    const bytes = await editedKeras('mlp.keras', (c) => { c.config.layers[1].registered_name = 'my_pkg>MyDense'; c.config.layers[1].module = 'my_pkg'; });
    expectRefused(bytes, /fromKeras: layer 'd1' \(Dense\) is the custom class 'my_pkg>MyDense'/);
  });
  test('a quantized layer', async () => {
    const bytes = await editedKeras('mlp.keras', (c) => { c.config.layers[1].config.quantization_config = { mode: 'int8' }; });
    expectRefused(bytes, /fromKeras: layer 'd1' \(Dense\) sets quantization_config = \{"mode":"int8"\}, which ascent does not support/);
  });
  test('a float16 dtype policy', async () => {
    const bytes = await editedKeras('mlp.keras', (c) => { c.config.layers[1].config.dtype.config.name = 'mixed_float16'; });
    expectRefused(bytes, /fromKeras: layer 'd1' \(Dense\) has the dtype policy "mixed_float16"; ascent computes in float32/);
  });
  test('what Keras 3 computes differently from ascent (hard_sigmoid, bilinear upsampling)', async () => {
    const bytes = await editedKeras('lstm.keras', (c) => { c.config.layers[1].config.recurrent_activation = 'hard_sigmoid'; });
    expectRefused(bytes, /^fromKeras: layer '\w+' \(LSTM\) uses recurrent_activation 'hard_sigmoid', which is relu6\(x \+ 3\) \/ 6 in Keras 3/);
  });
  test('a config whose layer sizes do not match the weights', async () => {
    const bytes = await editedKeras('mlp.keras', (c) => { c.config.layers[1].config.units = 9; });
    expectRefused(bytes, /fromKeras: weight layers\/dense\/vars\/0 has shape \[4,8\], but 'd1\/kernel' of the model is \[4,9\]/);
  });
  test('truncated and corrupt files', async () => {
    for (const name of ['mlp.keras', 'lstm.h5', 'transformer.keras', 'cnn.h5']) {
      const bytes = await fixture(name);
      for (const cut of [0.3, 0.6, 0.95]) expectRefused(bytes.slice(0, Math.floor(bytes.length * cut)), /^fromKeras: /);
      // a .keras file's entries carry CRCs; an HDF5 file checks only its metadata (not the weights' bytes):
      // corrupt the zip's middle, and the HDF5 file's first object headers
      const corrupt = bytes.slice();
      const [from, to] = name.endsWith('.keras') ? [corrupt.length >> 1, corrupt.length] : [96, 2048];
      for (let i = from; i < to; i += 7) corrupt[i] ^= 0x5a;
      expectRefused(corrupt, /^fromKeras: /);
    }
  });
  test('bytes that are no Keras file', () => {
    expectRefused(strToU8('{"modelTopology": {}}'), /^fromKeras: the bytes are neither a Keras 3 \.keras file \(a zip, 'PK'\) nor a Keras 2 \.h5 file/);
    expect(() => fromKeras('model.keras' as unknown as Uint8Array)).toThrow(/^fromKeras: expected the file's bytes/);
  });
  test('a zip without model.weights.h5', async () => {
    const files = unzipSync(await fixture('mlp.keras'));
    delete files['model.weights.h5'];
    expectRefused(zipSync(files), /^fromKeras: the \.keras file has no model\.weights\.h5/);
  });
});

describe('fromKeras: compiled with the saved optimizer and its state, training resumes where Keras stopped', () => {
  for (const ext of ['keras', 'h5']) {
    test(`mlp.${ext}: one more Adam step matches Keras's`, async () => {
      const m = fromKeras(await fixture(`mlp.${ext}`));
      const ref = mlp as unknown as { trainX: number[][]; trainY: number[][]; stepLoss: number; weightsAfterStep: unknown[]; weightShapesAfterStep: number[][] };
      expect(m.trainer?.optimizer.getClassName()).toBe('Adam');
      expect(m.trainer!.optimizer.iterations).toBe(2);
      const x = tf.tensor(flat(ref.trainX), [6, 4]), y = tf.tensor(flat(ref.trainY), [6, 3]);
      const loss = await m.trainOnBatch(x, y) as number;
      expect(Math.abs(loss - ref.stepLoss)).toBeLessThanOrEqual(1e-5 + 1e-4 * Math.abs(ref.stepLoss));
      const ws = m.getWeights();
      expect(ws.map((w) => w.shape)).toEqual(ref.weightShapesAfterStep);
      ws.forEach((w, i) => {
        const want = flat(ref.weightsAfterStep[i]), got = w.dataSync();
        const tol = 1e-4 + 1e-3 * Math.max(...want.map(Math.abs));
        for (let j = 0; j < want.length; j++) expect(Math.abs(got[j] - want[j])).toBeLessThanOrEqual(tol);
      });
      // and the state mattered: a fresh Adam from the same weights takes a different step
      const fresh = fromKeras(await fixture(`mlp.${ext}`), { compile: false });
      fresh.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
      await fresh.trainOnBatch(x, y);
      const diff = Math.max(...fresh.getWeights()[0].dataSync().map((v, j) => Math.abs(v - ws[0].dataSync()[j])));
      expect(diff).toBeGreaterThan(1e-4);
      tf.dispose([x, y]); m.dispose(); fresh.dispose();
    });
  }
  test('{compile: false} loads the weights only', async () => {
    const m = fromKeras(await fixture('mlp.keras'), { compile: false });
    expect(m.trainer ?? null).toBe(null);
    m.dispose();
  });
  test('optimizer state ascent cannot map is refused by name, leaving nothing behind', async () => {
    // Keras 3 keeps amsgrad's velocity_hat slots in an order not mapped yet
    const bytes = await editedKeras('mlp.keras', (c) => { c.compile_config.optimizer.config.amsgrad = true; });
    expectRefused(bytes, /^fromKeras: ascent cannot restore the state of the Adam optimizer with amsgrad yet; load with \{compile: false\}/);
  });
});

describe('tf.loadLayersModel (once ascent/keras is imported) and loadKerasModel read Keras files from a path or URL', () => {
  const source = (name: string) => {
    const url = new URL(`../fixtures/keras16/${name}`, import.meta.url);
    return url.protocol === 'file:' ? url.href : url.pathname; // Node: 'file:///…'; the browser: a URL on the test server
  };
  for (const name of ['functional.keras', 'cnn.h5']) {
    test(`tf.loadLayersModel('…/${name}')`, async () => {
      const m = await tf.loadLayersModel(source(name));
      expectPredicts(m, refs[name.split('.')[0]]);
      m.dispose();
    });
  }
  test('errors name the function that was called', async () => {
    // (Vite rewrites new URL(`…${name}`, import.meta.url) for files that exist only: derive the missing one's URL)
    const missing = source('lstm.keras').replace('lstm.keras', 'missing.keras');
    await expect(tf.loadLayersModel(missing)).rejects.toThrow(/^loadLayersModel: cannot (read|fetch) .*missing\.keras/);
    const { loadKerasModel } = await import('../../src/keras/index.js');
    const m = await loadKerasModel(source('lstm.keras'));
    expectPredicts(m, refs.lstm);
    m.dispose();
  });
});
