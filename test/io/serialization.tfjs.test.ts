// Interop with TensorFlow.js (tfjs-layers 4.22 on the cpu backend): models saved by tfjs load in ascent and
// predict the same numbers; models saved by ascent load in tfjs; optimizer state moves both ways.
import { describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import { expectClose, oracle, rand, tf } from '../helpers.js';
import type { ModelArtifacts } from '../../src/io/types.js';

type O = Awaited<ReturnType<typeof oracle>>;
const L = tf.layers;
const info = { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' as const } };
const toO = (tfc: O, t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype as 'float32');
const outs = (y: unknown) => (Array.isArray(y) ? y : [y]) as { dataSync(): ArrayLike<number> }[];

/** tfjs model.save → artifacts (as its withSaveHandler gives them). */
async function tfjsSaved(tfc: O, m: tfl.LayersModel, includeOptimizer = false): Promise<ModelArtifacts> {
  let art: ModelArtifacts | undefined;
  await m.save(tfc.io.withSaveHandler(async (a) => { art = a as ModelArtifacts; return info; }), { includeOptimizer });
  return { ...art!, modelTopology: JSON.parse(JSON.stringify(art!.modelTopology)) };
}

async function ascentSaved(m: tf.Model, includeOptimizer = false): Promise<ModelArtifacts> {
  let art: ModelArtifacts | undefined;
  await m.save(tf.io.withSaveHandler(async (a) => { art = a; return info; }), { includeOptimizer });
  return { ...art!, modelTopology: JSON.parse(JSON.stringify(art!.modelTopology)) };
}

/** tfjs weights set to seeded values in [0.5, 1.5). */
function randomizeTfjs(tfc: O, m: tfl.LayersModel): void {
  m.setWeights(m.getWeights().map((w, i) => tfc.randomUniform(w.shape, 0.5, 1.5, 'float32', 100 + i)));
}

/** Predictions of the ascent and tfjs models on the same inputs agree to 1e-5. */
function expectSamePredictions(tfc: O, ours: tf.Model, theirs: tfl.LayersModel, xs: tf.Tensor[]): void {
  const a = outs(ours.predict(xs.length === 1 ? xs[0] : xs));
  const b = outs(theirs.predict(xs.length === 1 ? toO(tfc, xs[0]) : xs.map((x) => toO(tfc, x))));
  expect(a.length).toBe(b.length);
  a.forEach((y, i) => expectClose(Array.from(y.dataSync()), Array.from(b[i].dataSync()), 1e-5, 1e-5));
}

const tfjsImageModel = () => tfl.sequential({ layers: [
  tfl.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [8, 8, 2], kernelRegularizer: tfl.regularizers.l2({ l2: 0.01 }) }),
  tfl.layers.batchNormalization({}),
  tfl.layers.maxPooling2d({ poolSize: 2 }),
  tfl.layers.averagePooling2d({ poolSize: 2, strides: 1, padding: 'same' }),
  tfl.layers.leakyReLU({ alpha: 0.1 }),
  tfl.layers.flatten(),
  tfl.layers.dense({ units: 6, activation: 'tanh', kernelInitializer: 'heNormal' }),
  tfl.layers.dropout({ rate: 0.3 }),
  tfl.layers.reshape({ targetShape: [2, 3] }),
  tfl.layers.softmax({ axis: -1 }),
  tfl.layers.flatten(),
  tfl.layers.elu({}),
  tfl.layers.reLU({ maxValue: 6 }),
  tfl.layers.activation({ activation: 'sigmoid' }),
  tfl.layers.dense({ units: 2, useBias: false }),
] });

function tfjsFunctional(): tfl.LayersModel {
  const img = tfl.input({ shape: [6, 6, 1] }), vec = tfl.input({ shape: [3] });
  const g = tfl.layers.globalAveragePooling2d({}).apply(tfl.layers.conv2d({ filters: 2, kernelSize: 3 }).apply(img)) as tfl.SymbolicTensor;
  const d1 = tfl.layers.dense({ units: 4, activation: 'relu' }).apply(g) as tfl.SymbolicTensor;
  const shared = tfl.layers.dense({ units: 4, activation: 'tanh' });
  const a1 = shared.apply(d1) as tfl.SymbolicTensor;
  const a2 = shared.apply(a1) as tfl.SymbolicTensor;
  const out1 = tfl.layers.dense({ units: 2 }).apply(a2) as tfl.SymbolicTensor;
  const out2 = tfl.layers.activation({ activation: 'softmax' }).apply(a1) as tfl.SymbolicTensor;
  const out3 = tfl.layers.dense({ units: 1 }).apply(vec) as tfl.SymbolicTensor;
  return tfl.model({ inputs: [img, vec], outputs: [out1, out2, out3] });
}

describe('TensorFlow.js → ascent', () => {
  it('a Sequential model with every layer type', async () => {
    const tfc = await oracle();
    const m = tfjsImageModel();
    randomizeTfjs(tfc, m);
    const ours = await tf.loadLayersModel(tf.io.fromMemory(await tfjsSaved(tfc, m)));
    expect(ours.layers.map((l) => l.getClassName())).toEqual(m.layers.map((l) => l.getClassName()));
    expect(ours.weights.map((w) => w.name).sort()).toEqual(m.weights.map((w) => w.originalName).sort());
    expectSamePredictions(tfc, ours, m, [rand([3, 8, 8, 2], 4)]);
  });

  it('embedding, and a functional model with two inputs, three outputs and a shared layer', async () => {
    const tfc = await oracle();
    const e = tfl.sequential({ layers: [tfl.layers.embedding({ inputDim: 10, outputDim: 4, inputLength: 3 }), tfl.layers.flatten(), tfl.layers.dense({ units: 2 })] });
    randomizeTfjs(tfc, e);
    const ids = tf.tensor2d([[1, 2, 9], [0, 0, 3]], [2, 3], 'int32');
    expectSamePredictions(tfc, await tf.loadLayersModel(tf.io.fromMemory(await tfjsSaved(tfc, e))), e, [ids]);

    const f = tfjsFunctional();
    randomizeTfjs(tfc, f);
    const ours = await tf.loadLayersModel(tf.io.fromMemory(await tfjsSaved(tfc, f)));
    expectSamePredictions(tfc, ours, f, [rand([2, 6, 6, 1], 1), rand([2, 3], 2)]);
  });
});

describe('ascent → TensorFlow.js', () => {
  it('Sequential (every layer type), embedding and functional models load in tfjs and predict the same', async () => {
    const tfc = await oracle();
    const seq = tf.sequential({ layers: [
      L.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [8, 8, 2], kernelRegularizer: tf.regularizers.l2({ l2: 0.01 }) }),
      L.batchNormalization(), L.maxPooling2d({ poolSize: 2 }), L.averagePooling2d({ poolSize: 2, strides: 1, padding: 'same' }),
      L.leakyReLU({ alpha: 0.1 }), L.flatten(), L.dense({ units: 6, activation: 'tanh' }), L.dropout({ rate: 0.3 }),
      L.reshape({ targetShape: [2, 3] }), L.softmax({ axis: -1 }), L.flatten(), L.elu(), L.reLU({ maxValue: 6 }),
      L.activation({ activation: 'sigmoid' }), L.dense({ units: 2 }),
    ] });
    const emb = tf.sequential({ layers: [L.embedding({ inputDim: 10, outputDim: 4, inputLength: 3 }), L.flatten(), L.dense({ units: 2 })] });
    const img = tf.input({ shape: [6, 6, 1] }), vec = tf.input({ shape: [3] });
    const d1 = L.dense({ units: 4, activation: 'relu' }).apply(L.globalAveragePooling2d().apply(L.conv2d({ filters: 2, kernelSize: 3 }).apply(img)));
    const shared = L.dense({ units: 4, activation: 'tanh' });
    const a1 = shared.apply(d1);
    const fn = tf.model({ inputs: [img, vec], outputs: [L.dense({ units: 2 }).apply(shared.apply(a1)), L.activation({ activation: 'softmax' }).apply(a1),
      L.dense({ units: 1 }).apply(vec)] });
    const cases: [tf.Model, tf.Tensor[]][] = [[seq, [rand([3, 8, 8, 2], 4)]], [emb, [tf.tensor2d([[1, 2, 9], [0, 0, 3]], [2, 3], 'int32')]],
      [fn, [rand([2, 6, 6, 1], 1), rand([2, 3], 2)]]];
    for (const [m, xs] of cases) {
      let s = 7;
      for (const w of m.weights) tf.tidy(() => w.assign(tf.randomUniform(w.shape, 0.5, 1.5, 'float32', s++)));
      const theirs = await tfl.loadLayersModel(tfc.io.fromMemory(await ascentSaved(m) as never));
      expect(theirs.weights.map((w) => w.originalName).sort()).toEqual(m.weights.map((w) => w.name).sort());
      expectSamePredictions(tfc, m, theirs, xs);
    }
  });
});

describe('optimizer state (includeOptimizer) between ascent and TensorFlow.js', () => {
  const x = () => rand([8, 4], 11), y = () => rand([8, 1], 12);
  const ascentModel = () => tf.sequential({ layers: [
    L.dense({ units: 5, activation: 'relu', inputShape: [4], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
    L.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) })] });

  it('ascent trains with tf.train.adam, saves; tfjs resumes: the next step agrees', async () => {
    const tfc = await oracle();
    const m = ascentModel();
    m.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError', metrics: ['mae'] });
    for (let i = 0; i < 3; i++) await m.trainOnBatch(x(), y());
    const a = await ascentSaved(m, true);
    expect(a.trainingConfig).toEqual({ loss: 'mean_squared_error', metrics: ['mae'],
      optimizer_config: { class_name: 'Adam', config: { learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } } });
    expect(a.weightSpecs!.filter((s) => s.group === 'optimizer').map((s) => s.name)).toEqual(['iter',
      ...m.weights.map((w) => `${w.name}/m`), ...m.weights.map((w) => `${w.name}/v`)]);
    const theirs = await tfl.loadLayersModel(tfc.io.fromMemory(a as never));
    await theirs.trainOnBatch(toO(tfc, x()), toO(tfc, y()));
    await m.trainOnBatch(x(), y());
    theirs.getWeights().forEach((w, i) => expectClose(Array.from(m.weights[i].dataSync()), Array.from(w.dataSync()), 1e-5, 1e-6));
  });

  it('tfjs trains with adam, saves; ascent resumes: the next step agrees', async () => {
    const tfc = await oracle();
    const theirs = tfl.sequential({ layers: [tfl.layers.dense({ units: 5, activation: 'relu', inputShape: [4] }), tfl.layers.dense({ units: 1 })] });
    theirs.compile({ optimizer: tfc.train.adam(0.05), loss: 'meanSquaredError' });
    for (let i = 0; i < 3; i++) await theirs.trainOnBatch(toO(tfc, x()), toO(tfc, y()));
    const m = await tf.loadLayersModel(tf.io.fromMemory(await tfjsSaved(tfc, theirs, true)));
    expect(m.optimizer!.iterations).toBe(3);
    await m.trainOnBatch(x(), y());
    await theirs.trainOnBatch(toO(tfc, x()), toO(tfc, y()));
    theirs.getWeights().forEach((w, i) => expectClose(Array.from(m.weights[i].dataSync()), Array.from(w.dataSync()), 1e-5, 1e-6));
  });
});

describe('tf.io.decodeWeights agrees with tfjs-core on quantized weights', () => {
  it('uint8, uint16 (float32 and int32 weights) and float16, on random bytes', async () => {
    const tfc = await oracle();
    const raw = new Uint8Array(64 + 2 * 64 + 2 * 64 + 2 * 256);
    let s = 12345;
    for (let i = 0; i < raw.length; i++) { s = (Math.imul(s, 1103515245) + 12345) >>> 0; raw[i] = s >>> 24; }
    const specs = [
      { name: 'a', shape: [8, 8], dtype: 'float32' as const, quantization: { dtype: 'uint8' as const, scale: 0.0123, min: -1.7 } },
      { name: 'b', shape: [64], dtype: 'float32' as const, quantization: { dtype: 'uint16' as const, scale: 3.1e-5, min: 0.25 } },
      { name: 'c', shape: [4, 16], dtype: 'int32' as const, quantization: { dtype: 'uint16' as const, scale: 0.37, min: -9 } },
      { name: 'd', shape: [256], dtype: 'float32' as const, quantization: { dtype: 'float16' as const } },
    ];
    const ours = tf.io.decodeWeights(raw.buffer, specs);
    const theirs = tfc.io.decodeWeights(raw.buffer, specs);
    for (const { name } of specs) {
      expect(ours[name].dtype).toBe(theirs[name].dtype);
      expect(Array.from(ours[name].dataSync())).toEqual(Array.from(theirs[name].dataSync() as Float32Array));
    }
  });
});
