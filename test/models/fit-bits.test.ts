// Training keeps its bits (issue 18, the per-step cost of fit): the weights and the logged values after fit are
// compared to SHA-256 digests recorded on the code before the training step was made cheaper (fewer tape nodes,
// gradients that skip inputs nobody needs, a Dense node for product + bias + activation). Any change to the
// float32 operations a step runs, or to their order, changes a digest. The cases cover the layers, losses,
// metrics and optimizers those changes touch; they run at the default thread count (the results do not depend
// on it: threads.test.ts), in Node and Chromium (bit-identical).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

const rnd = (n: number, seed: number) => {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1);
};

async function digest(values: Float32Array[]): Promise<string> {
  const all = new Uint8Array(values.reduce((n, v) => n + v.byteLength, 0));
  let o = 0;
  for (const v of values) { all.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), o); o += v.byteLength; }
  const h = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  return Array.from(h.subarray(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
}

interface Case {
  name: string;
  layers: () => tf.layers.Layer[];
  compile: () => Parameters<tf.LayersModel['compile']>[0];
  /** x's shape per sample, and the targets: class indices, one-hot rows or values */
  inShape: number[];
  y: (n: number) => tf.Tensor;
  fit?: Partial<tf.ModelFitArgs>;
}

const N = 96;
const classes = (n: number, k: number) => tf.tensor(Int32Array.from({ length: n }, (_, i) => (i * 7 + (i >> 3)) % k), [n], 'int32');
const CASES: Case[] = [
  { name: 'relu → softmax, sparse cross-entropy + accuracy, Adam, shuffled', inShape: [20],
    layers: () => [tf.layers.dense({ units: 16, activation: 'relu', inputShape: [20] }), tf.layers.dense({ units: 5, activation: 'softmax' })],
    compile: () => ({ optimizer: tf.train.adam(1e-2), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] }),
    y: (n) => classes(n, 5), fit: { shuffle: true, seed: 3 } },
  { name: 'relu → relu → softmax, sparse cross-entropy, Adam, in order (the MNIST epoch)', inShape: [24],
    layers: () => [tf.layers.dense({ units: 12, activation: 'relu', inputShape: [24] }), tf.layers.dense({ units: 8, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' })],
    compile: () => ({ optimizer: tf.train.adam(1e-2), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] }),
    y: (n) => classes(n, 10), fit: { shuffle: false } },
  { name: 'linear → softmax, categorical cross-entropy on one-hot labels, SGD', inShape: [10],
    layers: () => [tf.layers.dense({ units: 8, inputShape: [10] }), tf.layers.dense({ units: 4, activation: 'softmax' })],
    compile: () => ({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy', metrics: ['accuracy'] }),
    y: (n) => tf.tidy(() => tf.oneHot(classes(n, 4), 4, 1, 0, 'float32')) },
  { name: 'logits, sparse cross-entropy from logits, RMSprop', inShape: [12],
    layers: () => [tf.layers.dense({ units: 9, activation: 'relu', inputShape: [12] }), tf.layers.dense({ units: 6 })],
    compile: () => ({ optimizer: tf.train.rmsprop(1e-2), loss: new tf.losses.SparseCategoricalCrossentropy({ fromLogits: true }) }),
    y: (n) => classes(n, 6) },
  { name: 'tanh → sigmoid, binary cross-entropy, momentum, no bias', inShape: [8],
    layers: () => [tf.layers.dense({ units: 6, activation: 'tanh', useBias: false, inputShape: [8] }), tf.layers.dense({ units: 1, activation: 'sigmoid' })],
    compile: () => ({ optimizer: tf.train.momentum(0.05, 0.9), loss: 'binaryCrossentropy', metrics: ['accuracy'] }),
    y: (n) => tf.tensor(Float32Array.from({ length: n }, (_, i) => (i * 5) % 3 === 0 ? 1 : 0), [n, 1]) },
  { name: 'relu6 on rank-3 input, L2 kernel regularizer, mean squared error, Adam', inShape: [3, 7],
    layers: () => [tf.layers.dense({ units: 5, activation: 'relu6', kernelRegularizer: tf.regularizers.l2({ l2: 0.01 }), inputShape: [3, 7] }),
      tf.layers.flatten(), tf.layers.dense({ units: 2 })],
    compile: () => ({ optimizer: tf.train.adam(1e-2), loss: 'meanSquaredError', metrics: ['mae'] }),
    y: (n) => tf.tensor(rnd(n * 2, 77), [n, 2]) },
];

// Recorded on the code before the change (main at 1c7325a): weights, then the history's values, per case. The
// tanh → sigmoid case was recorded again when tanh and sigmoid became one vector implementation (branch act): on
// that branch alone (the training step as at 1c7325a) and after merging both, the same digest. The four softmax
// cases were recorded again when exp became util/vmath.ts's vexp (branch fit: tf.exp, softmax and the softmax
// cross-entropy kernel; ≤ 1 ulp against float64 where musl's expf was ≤ 0.5): the only change on that commit; the
// three with a softmax output again with the fused loss head (losses.ts FUSED: the loss from the logits, unclipped,
// gradient softmax − labels in one kernel; the logits case, which does not take it, kept its digest).
const EXPECTED: Record<string, string> = {
  'relu → softmax, sparse cross-entropy + accuracy, Adam, shuffled': 'ba220dfaaddca7a5363b11c5',
  'relu → relu → softmax, sparse cross-entropy, Adam, in order (the MNIST epoch)': '03046d09ee6b524a7bc45c43',
  'linear → softmax, categorical cross-entropy on one-hot labels, SGD': '10b6901bd89a679af73de907',
  'logits, sparse cross-entropy from logits, RMSprop': '0defbec443db3d9abbfea49e',
  'tanh → sigmoid, binary cross-entropy, momentum, no bias': 'f3f942bf25d3695c9da5120e',
  'relu6 on rank-3 input, L2 kernel regularizer, mean squared error, Adam': 'f29750003f1ec99120a4bc32',
};

describe('fit keeps its bits', () => {
  for (const [i, c] of CASES.entries()) {
    it(c.name, async () => {
      tf.setSeed(40 + i);
      const model = tf.sequential({ layers: c.layers() });
      model.compile(c.compile());
      const size = c.inShape.reduce((a, b) => a * b, 1);
      const x = tf.tensor(rnd(N * size, 10 + i), [N, ...c.inShape]), y = c.y(N);
      const h = await model.fit(x, y, { epochs: 3, batchSize: 32, verbose: 0, ...c.fit });
      const values = [...model.getWeights().map((w) => w.dataSync() as Float32Array),
        ...Object.keys(h.history).sort().map((k) => Float32Array.from(h.history[k] as number[]))];
      const d = await digest(values);
      tf.dispose([x, y]);
      model.dispose();
      expect(d).toBe(EXPECTED[c.name]);
    });
  }
});
