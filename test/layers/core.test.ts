// Dense, Flatten, Reshape, Dropout, Activation, InputLayer: values and gradients against tfjs-layers with
// identical weights, lazy building, Keras weight names, freezing, get/setWeights, countParams,
// regularizers, finite differences and errors.
import { describe, expect, it } from 'vitest';
import { Dense, Dropout, InputLayer, resetLayerNames } from '../../src/layers/index.js';
import { initializers } from '../../src/initializers.js';
import { regularizers } from '../../src/regularizers.js';
import { expectClose, rand, tf } from '../helpers.js';
import { checkLayerGrad, compareLayer, tfl, vals } from './oracle.js';

const L = tf.layers;

describe('Dense', () => {
  it.each([
    { units: 5, activation: 'relu', useBias: true, x: [4, 3] },
    { units: 3, activation: 'tanh', useBias: false, x: [2, 6] },
    { units: 4, activation: 'softmax', useBias: true, x: [2, 3, 5] },
    { units: 2, activation: 'sigmoid', useBias: true, x: [2, 2, 2, 3] },
  ])('matches tfjs-layers values and gradients: %o', async (c) => {
    const ours = L.dense({ units: c.units, activation: c.activation, useBias: c.useBias, biasInitializer: 'randomNormal' });
    const theirs = tfl.layers.dense({ units: c.units, activation: c.activation as any, useBias: c.useBias });
    const y = await compareLayer(ours, theirs, rand(c.x, 1));
    expect(y.shape).toEqual([...c.x.slice(0, -1), c.units]);
    expect(ours.computeOutputShape([null, ...c.x.slice(1)])).toEqual([null, ...c.x.slice(1, -1), c.units]);
  });

  it("automatic names skip names given explicitly (a loaded model's), so saving a mix never clashes", async () => {
    resetLayerNames();
    const saved = tf.sequential({ layers: [L.dense({ units: 2, inputShape: [3] }), L.dense({ units: 1 })] });
    let artifacts: unknown;
    await saved.save(tf.io.withSaveHandler(async (a) => { artifacts = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }));
    resetLayerNames(); // a fresh session loads the model: its layers are named dense and dense_1
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts as tf.io.ModelArtifacts));
    expect(loaded.layers.map((l) => l.name)).toEqual(['dense', 'dense_1']);
    const extra = L.dense({ units: 1 });
    expect(extra.name).toBe('dense_2');
    const both = tf.sequential({ layers: [...loaded.layers, extra] });
    await expect(both.save(tf.io.withSaveHandler(async () => ({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }))))
      .resolves.toBeDefined();
  });

  it('builds lazily from the first input; kernel, bias and Keras names (seed 002 §7.2)', () => {
    resetLayerNames();
    const a = L.dense({ units: 3 }), b = L.dense({ units: 3 });
    expect([a.name, b.name]).toEqual(['dense', 'dense_1']);
    expect(a.built).toBe(false);
    expect(a.weights).toEqual([]);
    expect(a.kernel).toBeNull();
    const h = b.apply(a.apply(tf.randomNormal([4, 4])) as tf.Tensor) as tf.Tensor;
    expect(h.shape).toEqual([4, 3]);
    expect(a.built).toBe(true);
    expect([...a.trainableVariables, ...b.trainableVariables].map((v) => [v.name, v.shape]))
      .toEqual([['dense/kernel', [4, 3]], ['dense/bias', [3]], ['dense_1/kernel', [3, 3]], ['dense_1/bias', [3]]]);
    expect(a.kernel).toBe(a.weights[0]);
    expect(a.bias).toBe(a.weights[1]);
    expect(vals(a.bias!)).toEqual([0, 0, 0]);
  });

  it('countParams: 784 → 128 has 100480 parameters; inputDim / inputShape declare the input', () => {
    const d = L.dense({ units: 128, inputShape: [784] });
    expect(d.batchInputShape).toEqual([null, 784]);
    d.apply(tf.zeros([1, 784]));
    expect(d.countParams()).toBe(100480);
    const e = L.dense({ units: 8, inputDim: 2 });
    expect(e.batchInputShape).toEqual([null, 2]);
    expect(L.dense({ units: 10, useBias: false }).apply(tf.zeros([1, 5])) && true).toBe(true);
  });

  it('glorotUniform kernel within ±sqrt(6 / (fanIn + fanOut)), seeded initializers repeat', () => {
    const d = L.dense({ units: 100 });
    d.apply(tf.zeros([1, 200]));
    const lim = Math.sqrt(6 / 300), k = vals(d.kernel!);
    expect(Math.max(...k.map(Math.abs))).toBeLessThanOrEqual(lim);
    expect(Math.max(...k.map(Math.abs))).toBeGreaterThan(0.9 * lim);
    const mk = () => { const l = L.dense({ units: 3, kernelInitializer: initializers.glorotNormal({ seed: 5 }) }); l.apply(tf.zeros([1, 4])); return vals(l.kernel!); };
    expect(mk()).toEqual(mk());
  });

  it('activation functions (seed 000: activation=tf.nn.relu) and unknown names', () => {
    const d = L.dense({ units: 3, activation: tf.relu });
    expect(Math.min(...vals(d.apply(rand([5, 4], 3)) as tf.Tensor))).toBeGreaterThanOrEqual(0);
    expect(d.getConfig().activation).toBe('relu');
    expect(() => L.dense({ units: 3, activation: 'relux' })).toThrow(/unknown activation 'relux'; known: linear, relu/);
  });

  it('trainable = false freezes: no trainable weights, weights kept, tape gives no gradient', () => {
    const d = L.dense({ units: 2 });
    d.apply(tf.zeros([1, 3]));
    d.trainable = false;
    expect(d.trainableWeights).toEqual([]);
    expect(d.nonTrainableWeights.map((w) => w.name)).toEqual([d.kernel!.name, d.bias!.name]);
    expect(d.weights.length).toBe(2);
    const tape = new tf.GradientTape();
    const loss = tf.sum(d.apply(rand([2, 3], 1)) as tf.Tensor);
    expect(tape.gradient(loss, [d.kernel!])).toEqual([null]);
    d.trainable = true;
    expect(d.trainableWeights.length).toBe(2);
    const frozen = L.dense({ units: 2, trainable: false });
    frozen.apply(tf.zeros([1, 3]));
    expect(frozen.trainableWeights).toEqual([]);
    expect(frozen.countParams()).toBe(8);
  });

  it('getWeights / setWeights round trip; getWeights are snapshots', () => {
    const d = L.dense({ units: 3 });
    d.apply(tf.zeros([1, 2]));
    const w = [rand([2, 3], 4), rand([3], 5)];
    d.setWeights(w);
    const got = d.getWeights();
    expectClose(got[0], w[0], 0, 0);
    expectClose(got[1], w[1], 0, 0);
    d.setWeights([tf.zeros([2, 3]), tf.ones([3])]);
    expectClose(got[0], w[0], 0, 0); // the earlier snapshot kept its values
    expectClose(d.apply(tf.ones([1, 2])) as tf.Tensor, [1, 1, 1]);
    expect(() => d.setWeights([tf.zeros([3, 3]), tf.zeros([3])])).toThrow(/setWeights: weight dense(_\d+)?\/kernel is \[2,3\], the value is \[3,3\]/);
    expect(() => d.setWeights([tf.zeros([2, 3])])).toThrow(/expected 2 tensors, got 1/);
  });

  it('kernel and bias regularizers: the penalty is l2·Σw² (+ l1·Σ|w|)', () => {
    const d = L.dense({ units: 3, kernelRegularizer: regularizers.l2(0.01), biasRegularizer: 'l1', biasInitializer: 'ones' });
    d.apply(tf.zeros([1, 4]));
    const k = vals(d.kernel!);
    const want = 0.01 * k.reduce((s, v) => s + v * v, 0) + 0.01 * 3;
    expectClose(d.regularizationLoss()!, [want], 1e-5);
    const tape = new tf.GradientTape();
    const g = tape.gradient(d.regularizationLoss()!, d.kernel!) as tf.Tensor;
    expectClose(g, k.map((v) => 0.02 * v), 1e-5);
    expect(L.dense({ units: 2 }).regularizationLoss()).toBeNull();
    expect(d.getConfig().kernelRegularizer).toEqual({ className: 'L1L2', config: { l1: 0, l2: 0.01 } });
  });

  it('finite differences for input, kernel and bias', () => {
    const d = L.dense({ units: 3, activation: 'tanh', biasInitializer: 'randomNormal' });
    checkLayerGrad(d, rand([2, 4], 6));
  });

  it('getConfig has the Keras fields', () => {
    const d = L.dense({ units: 7, activation: 'relu', inputShape: [3], name: 'fc' });
    expect(d.getClassName()).toBe('Dense');
    expect(d.getConfig()).toMatchObject({ name: 'fc', trainable: true, dtype: 'float32', batchInputShape: [null, 3], units: 7,
      activation: 'relu', useBias: true, kernelInitializer: { className: 'GlorotUniform' }, biasInitializer: { className: 'Constant', config: { value: 0 } },
      kernelRegularizer: null, biasRegularizer: null, activityRegularizer: null, kernelConstraint: null, biasConstraint: null });
  });

  it('incompatible inputs give errors that name the layer and both shapes', () => {
    const d = L.dense({ units: 128, inputShape: [784], name: 'hidden' });
    expect(() => d.apply(tf.zeros([2, 10]))).toThrow(/hidden: expected input of shape \[None,784\], got input of shape \[2,10\]/);
    const e = L.dense({ units: 4, name: 'lazy' });
    e.apply(tf.zeros([2, 784]));
    expect(() => e.apply(tf.zeros([2, 10]))).toThrow(/lazy: expected input of shape \[None,784\] \(axis -1 of size 784, as built\), got input of shape \[2,10\]/);
    expect(() => L.dense({ units: 4, name: 'r1' }).apply(tf.zeros([5]))).toThrow(/r1: expected input of rank ≥ 2, got input of shape \[5\]/);
    expect(() => L.dense({ units: 0 })).toThrow(/units must be a positive integer, got 0/);
    expect(() => L.dense({ units: 2, kernelInitializer: 'glorotUniformm' })).toThrow(/unknown initializer 'glorotUniformm'/);
    expect(() => L.dense({} as any)).toThrow(/units must be a positive integer, got undefined/);
    // the library stays usable after an error
    expectClose(e.apply(tf.zeros([1, 784])) as tf.Tensor, [0, 0, 0, 0]);
  });

  it('int32 inputs are cast to float32 (Keras)', () => {
    const d = L.dense({ units: 2, kernelInitializer: 'ones' });
    expectClose(d.apply(tf.tensor([[1, 2]], [1, 2], 'int32')) as tf.Tensor, [3, 3]);
  });

  it('does not leak: intermediate tensors of apply are freed', () => {
    const d = L.dense({ units: 8, activation: 'relu' });
    d.apply(tf.zeros([2, 4]));
    const x = rand([2, 4], 1);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) (d.apply(x) as tf.Tensor).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('Flatten and Reshape', () => {
  it('Flatten matches tfjs-layers and Keras output shapes', async () => {
    const f = L.flatten();
    await compareLayer(f, tfl.layers.flatten(), rand([2, 3, 4, 5], 1));
    expect(f.computeOutputShape([null, 28, 28])).toEqual([null, 784]);
    expect(f.computeOutputShape([null, null, 3])).toEqual([null, null]);
    expect((L.flatten().apply(tf.zeros([3])) as tf.Tensor).shape).toEqual([3, 1]);
    const cf = L.flatten({ dataFormat: 'channelsFirst' });
    const x = rand([2, 3, 2, 2], 2);
    expectClose(cf.apply(x) as tf.Tensor, L.flatten().apply(tf.transpose(x, [0, 2, 3, 1])) as tf.Tensor, 0, 0);
  });

  it('Reshape matches tfjs-layers, resolves -1 and explains bad target shapes', async () => {
    await compareLayer(L.reshape({ targetShape: [4, -1] }), tfl.layers.reshape({ targetShape: [4, -1] }), rand([2, 3, 4], 1));
    const r = L.reshape({ targetShape: [7, 7, -1], name: 'rs' });
    expect(r.computeOutputShape([null, 784])).toEqual([null, 7, 7, 16]);
    expect((r.apply(tf.zeros([2, 784])) as tf.Tensor).shape).toEqual([2, 7, 7, 16]);
    expect(() => r.apply(tf.zeros([2, 10]))).toThrow(/rs: cannot reshape input \[2,10\] \(10 values per example\) to target shape \[7,7,-1\]/);
    expect(() => L.reshape({ targetShape: [5, 3] }).apply(tf.zeros([2, 10]))).toThrow(/cannot reshape input \[2,10\]/);
    expect(() => L.reshape({ targetShape: [-1, -1] })).toThrow(/at most one -1/);
    expect(L.reshape({ targetShape: [2, -1] }).getConfig().targetShape).toEqual([2, -1]);
  });
});

describe('Dropout', () => {
  it('is the identity unless training: true', async () => {
    const d = new Dropout({ rate: 0.5, seed: 1 });
    const x = rand([4, 50], 1);
    await compareLayer(d, tfl.layers.dropout({ rate: 0.5 }), x);
    expect(d.apply(x)).toBe(x);
    expect(d.apply(x, { training: false })).toBe(x);
  });

  it('training: zeroes a fraction ≈ rate and scales the rest by 1/(1 − rate); new masks per call', () => {
    const d = L.dropout({ rate: 0.2, seed: 3 });
    const x = tf.add(rand([100, 100], 1), 2);
    const y = d.apply(x, { training: true }) as tf.Tensor;
    const xv = vals(x), yv = vals(y);
    const zeros = yv.filter((v) => v === 0).length / yv.length;
    expect(zeros).toBeGreaterThan(0.18);
    expect(zeros).toBeLessThan(0.22);
    yv.forEach((v, i) => { if (v !== 0) expect(Math.abs(v - xv[i] / 0.8)).toBeLessThan(1e-5); });
    const y2 = vals(d.apply(x, { training: true }) as tf.Tensor);
    expect(y2).not.toEqual(yv);
    // the same seed gives the same sequence of masks
    const e = L.dropout({ rate: 0.2, seed: 3 });
    expect(vals(e.apply(x, { training: true }) as tf.Tensor)).toEqual(yv);
    expect(vals(e.apply(x, { training: true }) as tf.Tensor)).toEqual(y2);
  });

  it('noiseShape shares the mask along axes of size 1; the gradient is the mask', () => {
    const d = L.dropout({ rate: 0.5, noiseShape: [null, 1, 6], seed: 2 });
    const x = tf.ones([2, 5, 6]);
    const tape = new tf.GradientTape();
    tape.watch(x);
    const y = d.apply(x, { training: true }) as tf.Tensor;
    const yv = y.arraySync() as number[][][];
    for (const ex of yv) for (const row of ex) expect(row).toEqual(ex[0]);
    expectClose(tape.gradient(y, x) as tf.Tensor, y, 0, 0);
  });

  it('errors', () => {
    expect(() => L.dropout({ rate: 1 })).toThrow(/rate must be a number in \[0, 1\), got 1/);
    expect(() => L.dropout({} as any)).toThrow(/rate must be a number/);
    expect(() => L.dropout({ rate: 0.5, noiseShape: [1, 2] }).apply(tf.zeros([2, 3]), { training: true })).toThrow(/noiseShape/);
  });
});

describe('Activation', () => {
  const ids = ['linear', 'relu', 'relu6', 'sigmoid', 'tanh', 'softmax', 'elu', 'selu', 'softplus', 'softsign', 'swish', 'gelu',
    'hardSigmoid', 'mish'];
  it.each(ids)('%s matches tfjs-layers', async (id) => {
    const x = tf.mul(rand([3, 7], 1), 4);
    await compareLayer(L.activation({ activation: id }), tfl.layers.activation({ activation: id as any }), x, { rtol: 1e-5, atol: 2e-6 });
  });

  it('leakyRelu (slope 0.2), snake_case ids, and errors', () => {
    const x = tf.tensor([[-2, 3]]);
    expectClose(L.activation({ activation: 'leakyRelu' }).apply(x) as tf.Tensor, [-0.4, 3]);
    expectClose(L.activation({ activation: 'leaky_relu' }).apply(x) as tf.Tensor, [-0.4, 3]);
    expectClose(L.activation({ activation: 'hard_sigmoid' }).apply(x) as tf.Tensor, [0.1, 1]);
    expect(() => L.activation({ activation: 'nope' })).toThrow(/unknown activation 'nope'/);
    expect(() => L.activation({} as any)).toThrow(/activation argument is required/);
  });
});

describe('InputLayer and names', () => {
  it('declares the input shape; Keras names input_1, input_2 …', () => {
    resetLayerNames();
    const a = L.inputLayer({ inputShape: [28, 28] }), b = new InputLayer({ batchInputShape: [8, 3] });
    expect([a.name, b.name]).toEqual(['input_1', 'input_2']);
    expect(a.batchInputShape).toEqual([null, 28, 28]);
    expect(a.computeOutputShape([null, 28, 28])).toEqual([null, 28, 28]);
    const x = tf.zeros([2, 28, 28]);
    expect(a.apply(x)).toBe(x);
    expect(() => a.apply(tf.zeros([2, 28]))).toThrow(/input_1: expected input of shape \[None,28,28\], got input of shape \[2,28\]/);
    expect(() => L.inputLayer({})).toThrow(/give inputShape/);
    expect(a.getConfig()).toEqual({ batchInputShape: [null, 28, 28], dtype: 'float32', sparse: false, name: 'input_1' });
  });

  it('default names are Keras snake_case', () => {
    resetLayerNames();
    const made = [L.dense({ units: 1 }), L.dense({ units: 1 }), L.conv2d({ filters: 1, kernelSize: 1 }), L.maxPooling2d(),
      L.averagePooling2d(), L.globalAveragePooling2d(), L.flatten(), L.reshape({ targetShape: [1] }), L.dropout({ rate: 0.1 }),
      L.batchNormalization(), L.activation({ activation: 'relu' }), L.reLU(), L.leakyReLU(), L.softmax(), L.elu(),
      L.embedding({ inputDim: 2, outputDim: 2 }), L.maxPooling2d()];
    expect(made.map((l) => l.name)).toEqual(['dense', 'dense_1', 'conv2d', 'max_pooling2d', 'average_pooling2d',
      'global_average_pooling2d', 'flatten', 'reshape', 'dropout', 'batch_normalization', 'activation', 're_lu', 'leaky_re_lu',
      'softmax', 'elu', 'embedding', 'max_pooling2d_1']);
    expect(made.map((l) => l.getClassName())).toEqual(['Dense', 'Dense', 'Conv2D', 'MaxPooling2D', 'AveragePooling2D',
      'GlobalAveragePooling2D', 'Flatten', 'Reshape', 'Dropout', 'BatchNormalization', 'Activation', 'ReLU', 'LeakyReLU',
      'Softmax', 'ELU', 'Embedding', 'MaxPooling2D']);
    class MyDense extends Dense {}
    expect(new MyDense({ units: 1 }).name).toBe('my_dense');
  });

  it('the tf namespace exports layers and Layer', () => {
    expect(typeof tf.layers.dense).toBe('function');
    expect(L.dense({ units: 1 })).toBeInstanceOf(tf.Layer);
  });
});
