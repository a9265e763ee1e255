// Keras-level benchmarks (issue 4), ascent vs TensorFlow.js (tfjs-layers on the wasm backend) in one
// process: one Adam training step of the MLP 784-256-128-64-32-10 (batch 64 and 256) via
// model.trainOnBatch, and one MNIST epoch of 784-128-10 with model.fit at batch 128 (+ test accuracy).
import * as tfl from '@tensorflow/tfjs-layers';
import * as tf from '../src/index.js';
import { fmt, measure, mnist, printTable, randomData, setupTfjs, tfc, useTfjs, type TargetResult } from './util.js';

const SIZES = [784, 256, 128, 64, 32, 10];

function ascentMlp(sizes: number[]): tf.Sequential {
  const m = tf.sequential({ layers: sizes.slice(1).map((u, i) => tf.layers.dense({ units: u, activation: i === sizes.length - 2 ? 'softmax' : 'relu', ...(i === 0 ? { inputShape: [sizes[0]] } : {}) })) });
  m.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}
function tfjsMlp(sizes: number[]): tfl.Sequential {
  const m = tfl.sequential({ layers: sizes.slice(1).map((u, i) => tfl.layers.dense({ units: u, activation: i === sizes.length - 2 ? 'softmax' : 'relu', ...(i === 0 ? { inputShape: [sizes[0]] } : {}) })) });
  m.compile({ optimizer: tfc.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

export async function run(): Promise<TargetResult[]> {
  await tf.ready();
  await setupTfjs();
  await useTfjs('wasm');
  const results: TargetResult[] = [];
  const rows: string[][] = [];
  for (const batch of [64, 256]) {
    const xv = randomData(batch * 784, 1), yv = Int32Array.from({ length: batch }, (_, i) => i % 10);
    const a = ascentMlp(SIZES), xa = tf.tensor(xv, [batch, 784]), ya = tf.tensor(yv, [batch], 'int32');
    const ms = measure(() => { void a.trainOnBatch(xa, ya); }, { budgetMs: 1000 });
    const t = tfjsMlp(SIZES), xt = tfc.tensor2d(xv, [batch, 784]), yt = tfc.tensor1d(yv, 'float32');
    // tfjs-layers' trainOnBatch is async: time each awaited step.
    for (let i = 0; i < 3; i++) await t.trainOnBatch(xt, yt);
    const times: number[] = [];
    for (let i = 0; i < 10; i++) { const t0 = performance.now(); await t.trainOnBatch(xt, yt); times.push(performance.now() - t0); }
    times.sort((p, q) => p - q);
    const msT = times[5];
    rows.push([`MLP ${SIZES.join('-')} Adam step, batch ${batch}`, fmt(ms), fmt(msT), `${fmt(msT / ms)}×`]);
    results.push({ bench: 'mlp', name: `MLP step batch ${batch}`, ratio: msT / ms, goal: 6, met: msT / ms >= 6 });
    tf.dispose([xa, ya]); tfc.dispose([xt, yt]);
  }
  // One MNIST epoch with fit (784-128-10, Adam 1e-3, batch 128), then test accuracy.
  const d = mnist();
  const epoch = async (lib: 'ascent' | 'tfjs'): Promise<[number, number]> => {
    if (lib === 'ascent') {
      const m = ascentMlp([784, 128, 10]);
      const x = tf.tensor(d.x, [60000, 784]), y = tf.tensor(d.y, [60000], 'int32');
      const t0 = performance.now();
      await m.fit(x, y, { epochs: 1, batchSize: 128, verbose: 0 });
      const s = (performance.now() - t0) / 1000;
      const acc = (m.evaluate(tf.tensor(d.tx, [10000, 784]), tf.tensor(d.ty, [10000], 'int32')) as tf.Tensor[])[1].item();
      return [s, acc];
    }
    const m = tfjsMlp([784, 128, 10]);
    const x = tfc.tensor2d(d.x, [60000, 784]), y = tfc.tensor1d(d.y, 'float32');
    const t0 = performance.now();
    await m.fit(x, y, { epochs: 1, batchSize: 128, verbose: 0 });
    const s = (performance.now() - t0) / 1000;
    const ev = m.evaluate(tfc.tensor2d(d.tx, [10000, 784]), tfc.tensor1d(d.ty, 'float32')) as tfc.Scalar[];
    return [s, (await ev[1].data())[0]];
  };
  const [sa, acca] = await epoch('ascent');
  const [st, acct] = await epoch('tfjs');
  rows.push(['MNIST epoch 784-128-10, fit, batch 128 (s)', `${fmt(sa)} (acc ${fmt(acca)})`, `${fmt(st)} (acc ${fmt(acct)})`, `${fmt(st / sa)}×`]);
  results.push({ bench: 'mlp', name: 'MNIST epoch with fit', ratio: st / sa, goal: 6, met: st / sa >= 6 && acca >= 0.94 });
  printTable('Keras-level training, ms per step / s per epoch (median); ratio = tfjs-wasm time ÷ ascent time',
    ['case', 'ascent', 'tfjs-wasm', 'ratio'], rows);
  return results;
}
