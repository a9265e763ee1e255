// toOnnx (ascent/onnx export) read back by ascent's own importer, in Node and headless Chromium: every model of
// export_models.ts predicts the same through loadOnnxModel(toOnnx(m)); layers and settings with no ONNX form are
// refused by layer name and class; exporting allocates no tensor. (export.node.test.ts checks the same files against
// onnxruntime-node.)
import { describe, expect, test } from 'vitest';
import * as tf from '../../src/index.js';
import { loadOnnxModel, onnxOps, toOnnx } from '../../src/onnx/index.js';
import { cases, inputsOf, randomize } from './export_models.js';

const L = tf.layers;

function maxErr(a: tf.Tensor, b: tf.Tensor): { err: number; tol: number } {
  expect(a.shape).toEqual(b.shape);
  const x = a.dataSync(), y = b.dataSync();
  let err = 0, top = 0;
  for (let i = 0; i < x.length; i++) { err = Math.max(err, Math.abs(x[i] - y[i])); top = Math.max(top, Math.abs(y[i])); }
  return { err, tol: 1e-4 + 1e-3 * top };
}

describe('loadOnnxModel(toOnnx(model)) predicts what the model predicts', () => {
  // the importer has no LSTM / GRU / RNN ops (yet): those models are checked against onnxruntime only
  const rnnOps = ['LSTM', 'GRU', 'RNN'].every((op) => onnxOps().includes(op));
  for (const c of cases()) {
    const rnn = ['lstm', 'gru', 'simple_rnn', 'rnn_states'].includes(c.name);
    test.skipIf(rnn && !rnnOps)(c.name, async () => {
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
    refuses(tf.sequential({ layers: [L.inputLayer({ inputShape: [4, 3] }), L.conv1d({ filters: 2, kernelSize: 2 }), L.timeDistributed({ layer: L.dense({ units: 2 }) })] }),
      /toOnnx: layer 'time_distributed\w*' \(TimeDistributed\) has no ONNX export/);
    refuses(tf.sequential({ layers: [L.dense({ inputShape: [3], units: 2, activation: ((x: tf.Tensor) => x) as never })] }),
      /toOnnx: layer 'dense\w*' \(Dense\) has a custom activation function/);
    refuses(tf.sequential({ layers: [L.inputLayer({ inputShape: [4, 4, 2] }), L.upSampling2d({ size: 2, interpolation: 'bilinear' })] }),
      /toOnnx: layer 'up_sampling2d\w*' \(UpSampling2D\) has interpolation 'bilinear'/);
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
  test("model.save('…/m.onnx') in a browser needs downloads://; an unknown scheme is refused", async () => {
    const m = tf.sequential({ layers: [L.dense({ inputShape: [3], units: 2 })] });
    await expect(m.save('indexeddb://m.onnx')).rejects.toThrow(/an \.onnx file is saved to 'file:\/\/…\/model\.onnx' \(Node\) or 'downloads:\/\/model\.onnx'/);
    m.dispose();
  });
});
