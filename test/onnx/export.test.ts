// toOnnx (ascent/onnx export) read back by ascent's own importer, in Node and headless Chromium: every model of
// export_models.ts predicts the same through loadOnnxModel(toOnnx(m)); layers and settings with no ONNX form are
// refused by layer name and class; exporting allocates no tensor. (export.node.test.ts checks the same files against
// onnxruntime-node.)
import { describe, expect, test } from 'vitest';
import * as tf from '../../src/index.js';
import { loadOnnxModel, onnxWithWeights, toOnnx } from '../../src/onnx/index.js';
import { cases, inputsOf, randomize } from './export_models.js';
import { readFixture } from '../fixture_bytes.js';

const L = tf.layers;

/** A fixture's bytes (Node: the file; browsers: the test server). */
const fixture = (name: string): Promise<Uint8Array> => readFixture(new URL(`../fixtures/onnx17/${name}`, import.meta.url));

function maxErr(a: tf.Tensor, b: tf.Tensor): { err: number; tol: number } {
  expect(a.shape).toEqual(b.shape);
  const x = a.dataSync(), y = b.dataSync();
  let err = 0, top = 0;
  for (let i = 0; i < x.length; i++) { err = Math.max(err, Math.abs(x[i] - y[i])); top = Math.max(top, Math.abs(y[i])); }
  return { err, tol: 1e-4 + 1e-3 * top };
}

describe('loadOnnxModel(toOnnx(model)) predicts what the model predicts', () => {
  for (const c of cases()) {
    test(c.name, async () => {
      randomize(c.model, 5);
      const before = tf.memory().numTensors;
      const bytes = toOnnx(c.model);
      expect(tf.memory().numTensors).toBe(before);
      const m = await loadOnnxModel(bytes);
      expect(m.producer).toBe('ascent');
      expect(m.opset).toBe(17);
      expect(m.inputs.map((i) => i.shape[0])).toEqual(c.inputs.map(() => 'batch'));
      for (const batch of [1, 3]) {
        const xs = inputsOf(c, batch, 3);
        const want = ([] as tf.Tensor[]).concat(c.model.predict(xs.length === 1 ? xs[0] : xs) as tf.Tensor | tf.Tensor[]);
        const got = ([] as tf.Tensor[]).concat(m.predict(xs));
        expect(got.length).toBe(want.length);
        got.forEach((g, i) => { const { err, tol } = maxErr(g, want[i]); expect(err, `${c.name} batch ${batch} output ${i}`).toBeLessThanOrEqual(tol); });
        tf.dispose([...xs, ...want, ...got]);
      }
      m.dispose();
      expect(tf.memory().numTensors).toBe(before);
      c.model.dispose();
    });
  }
});

describe('toOnnx refuses what it cannot export, by layer name and class', () => {
  const refuses = (m: tf.LayersModel, re: RegExp) => {
    const before = tf.memory().numTensors;
    expect(() => toOnnx(m)).toThrow(re);
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  };
  test('layers and settings with no ONNX form', () => {
    refuses(tf.sequential({ layers: [L.inputLayer({ inputShape: [4, 3] }), L.conv1d({ filters: 2, kernelSize: 2 }), L.layerNormalization({ axis: 1 })] }),
      /toOnnx: layer 'layer_normalization\w*' \(LayerNormalization\) has axis 1; only trailing axes are exported/);
    refuses(tf.sequential({ layers: [L.inputLayer({ inputShape: [4, 3, 3, 1] }), L.timeDistributed({ layer: L.conv2d({ filters: 1, kernelSize: 1 }) })] }),
      /toOnnx: layer 'time_distributed\w*' \(TimeDistributed\) wraps a Conv2D/);
    refuses(tf.sequential({ layers: [L.inputLayer({ inputShape: [4, 3, 3, 2] }), L.conv3d({ filters: 1, kernelSize: 1 })] }),
      /toOnnx: layer 'conv3d\w*' \(Conv3D\) has no ONNX export/);
    refuses(tf.sequential({ layers: [L.dense({ inputShape: [3], units: 2, activation: ((x: tf.Tensor) => x) as never })] }),
      /toOnnx: layer 'dense\w*' \(Dense\) has a custom activation function/);
    refuses(tf.sequential({ layers: [L.embedding({ inputShape: [3], inputDim: 4, outputDim: 2, maskZero: true })] }),
      /toOnnx: layer 'embedding\w*' \(Embedding\) has maskZero/);
    refuses(tf.sequential({ layers: [L.inputLayer({ inputShape: [4, 3] }), L.simpleRNN({ units: 2, activation: 'selu' })] }),
      /toOnnx: layer 'simple_rnn\w*' \(SimpleRNN\) has activation 'selu', which ONNX's recurrent ops do not have/);
    refuses(tf.sequential({ layers: [L.inputLayer({ inputShape: [4, 3] }), L.lstm({ units: 2, goBackwards: true, returnSequences: true })] }),
      /toOnnx: layer 'lstm\w*' \(LSTM\) has goBackwards with returnSequences/);
    refuses(tf.sequential({ layers: [L.inputLayer({ inputShape: [4] }), L.reLU({ threshold: 0.5 })] }),
      /toOnnx: layer 're_lu\w*' \(ReLU\) has threshold 0.5/);
  });
  test('a subclassed model and an unbuilt one', () => {
    class Sub extends tf.LayersModel {
      d = L.dense({ units: 2 });
      override call(x: tf.Tensor | tf.Tensor[]): tf.Tensor { return this.d.apply(x) as tf.Tensor; }
    }
    const s = new Sub();
    s.build([null, 3]);
    expect(() => toOnnx(s)).toThrow(/toOnnx: .*subclassed/);
    expect(() => toOnnx(tf.sequential({ layers: [L.dense({ units: 2 })] }))).toThrow(/toOnnx: model '\w+' is not built/);
  });
  test.skipIf(typeof document === 'undefined')("model.save('downloads://m.onnx') downloads toOnnx's bytes as m.onnx (browser)", async () => {
    const m = tf.sequential({ layers: [L.dense({ inputShape: [3], units: 2, activation: 'tanh' })] });
    const clicked: { name: string; bytes: Uint8Array }[] = [];
    const dispatch = HTMLAnchorElement.prototype.dispatchEvent;
    const pending: Promise<void>[] = [];
    HTMLAnchorElement.prototype.dispatchEvent = function (this: HTMLAnchorElement) {
      const name = this.download;
      pending.push(fetch(this.href).then((r) => r.arrayBuffer()).then((b) => { clicked.push({ name, bytes: new Uint8Array(b) }); }));
      return true;
    };
    try {
      await m.save('downloads://m.onnx');
      await Promise.all(pending);
    } finally {
      HTMLAnchorElement.prototype.dispatchEvent = dispatch;
    }
    expect(clicked.map((c) => c.name)).toEqual(['m.onnx']);
    expect(clicked[0].bytes).toEqual(toOnnx(m));
    m.dispose();
  });
  test("model.save('…/m.onnx') in a browser needs downloads://; an unknown scheme is refused", async () => {
    const m = tf.sequential({ layers: [L.dense({ inputShape: [3], units: 2 })] });
    await expect(m.save('indexeddb://m.onnx')).rejects.toThrow(/a \.onnx file is saved to 'file:\/\/…\/model\.onnx' \(Node\) or 'downloads:\/\/model\.onnx'/);
    m.dispose();
  });
});

describe('onnxWithWeights: an imported model, fine-tuned one SGD step, written back and re-imported keeps its weights', () => {
  const sources: [string, () => Promise<Uint8Array>][] = [
    ['mlp-ts17.onnx (PyTorch)', () => fixture('mlp-ts17.onnx')],
    ['lenet-ts17.onnx (PyTorch)', () => fixture('lenet-ts17.onnx')],
    ['cnntrain-dynamo18.onnx (PyTorch)', () => fixture('cnntrain-dynamo18.onnx')],
    ['cnn2d (ascent toOnnx)', async () => {
      const c = cases().find((k) => k.name === 'cnn2d')!;
      randomize(c.model, 3);
      const b = toOnnx(c.model);
      c.model.dispose();
      return b;
    }],
  ];
  for (const [name, get] of sources) {
    test(name, async () => {
      const bytes = await get();
      // counted before the load: a model keeps tensors derived from its weights (transposed filters) until disposed
      const before = tf.memory().numTensors;
      const m = await loadOnnxModel(bytes);
      const shape = m.inputs[0].shape.map((d) => (typeof d === 'number' ? d : 2));
      const x = tf.randomNormal(shape, 0, 1, 'float32', 4);
      const y0 = m.predict(x) as tf.Tensor;
      const y = tf.randomNormal(y0.shape, 0, 1, 'float32', 5);
      const original = m.trainableWeights.map((w) => w.dataSync().slice());
      const opt = tf.train.sgd(0.1);
      tf.dispose(opt.minimize(() => tf.losses.meanSquaredError(y, m.predict(x) as tf.Tensor), true, m.trainableWeights));
      opt.dispose();
      expect(m.trainableWeights.some((w, i) => w.dataSync().some((v, k) => v !== original[i][k]))).toBe(true);
      const n = tf.memory().numTensors;
      const tuned = onnxWithWeights(bytes, m);
      expect(tf.memory().numTensors).toBe(n);
      const m2 = await loadOnnxModel(tuned);
      const all = [...m.trainableWeights, ...m.nonTrainableWeights];
      const all2 = new Map([...m2.trainableWeights, ...m2.nonTrainableWeights].map((w) => [w.name, w]));
      expect(all2.size).toBe(all.length);
      for (const w of all) expect(Array.from(all2.get(w.name)!.dataSync()), w.name).toEqual(Array.from(w.dataSync()));
      const [p1, p2] = [m.predict(x) as tf.Tensor, m2.predict(x) as tf.Tensor];
      expect(Array.from(p2.dataSync())).toEqual(Array.from(p1.dataSync()));
      tf.dispose([x, y0, y, p1, p2]);
      m2.dispose();
      m.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
  test('a weight the file does not have, or of other dims, is refused', async () => {
    const bytes = await fixture('mlp-ts17.onnx');
    const m = await loadOnnxModel(bytes);
    const v = tf.variable(tf.zeros([2]), true, 'nope');
    expect(() => onnxWithWeights(bytes, [v])).toThrow(/onnxWithWeights: the file has no initializer named 'nope'/);
    const w = m.trainableWeights[0];
    const bad = tf.variable(tf.zeros([w.shape[0] + 1, ...w.shape.slice(1)]), true, w.name);
    expect(() => onnxWithWeights(bytes, [bad])).toThrow(/onnxWithWeights: initializer '.*' is \[.*\] in the file but the weight is/);
    tf.dispose([v, bad]);
    m.dispose();
  });
});
