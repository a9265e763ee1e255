// Conv2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D against tfjs-layers (values, input and
// weight gradients), output shapes, channelsFirst, finite differences and errors.
import { describe, expect, it } from 'vitest';
import { expectClose, rand, tf } from '../helpers.js';
import { checkLayerGrad, compareLayer, tfl } from './oracle.js';

const L = tf.layers;

describe('Conv2D', () => {
  const cases = [
    { x: [2, 6, 6, 3], filters: 4, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
    { x: [1, 7, 5, 2], filters: 3, kernelSize: [3, 2], strides: [2, 1], padding: 'same', activation: 'linear' },
    { x: [2, 8, 8, 1], filters: 2, kernelSize: 5, strides: 2, padding: 'valid', activation: 'tanh' },
    { x: [1, 5, 5, 4], filters: 6, kernelSize: 1, strides: 1, padding: 'same', activation: 'sigmoid' },
  ] as const;
  it.each(cases)('matches tfjs-layers values and gradients: %o', async (c) => {
    const args = { filters: c.filters, kernelSize: c.kernelSize as any, strides: c.strides as any, padding: c.padding, activation: c.activation };
    const ours = L.conv2d({ ...args, biasInitializer: 'randomNormal' });
    const y = await compareLayer(ours, tfl.layers.conv2d(args as any), rand(c.x as unknown as number[], 1), { rtol: 1e-4, atol: 1e-5 });
    expect(ours.computeOutputShape(c.x as unknown as number[])).toEqual(y.shape);
    expect(ours.computeOutputShape([null, ...c.x.slice(1)])).toEqual([null, ...y.shape.slice(1)]);
  });

  it('dilationRate matches tfjs-layers (forward; tfjs has no dilated gradients) and finite differences', async () => {
    const args = { filters: 2, kernelSize: 3, dilationRate: 2, padding: 'same' as const };
    const ours = L.conv2d(args);
    await compareLayer(ours, tfl.layers.conv2d(args), rand([1, 7, 7, 2], 1), { rtol: 1e-4, inputGrad: false, weightGrads: false });
    expect(ours.computeOutputShape([1, 7, 7, 2])).toEqual([1, 7, 7, 2]);
    const valid = L.conv2d({ filters: 1, kernelSize: 3, dilationRate: 2 });
    expect((valid.apply(rand([1, 9, 9, 1], 2)) as tf.Tensor).shape).toEqual([1, 5, 5, 1]);
    expect(valid.computeOutputShape([1, 9, 9, 1])).toEqual([1, 5, 5, 1]);
    checkLayerGrad(L.conv2d({ filters: 2, kernelSize: 2, dilationRate: 2, biasInitializer: 'randomNormal' }), rand([1, 5, 5, 1], 3));
  });

  it('seed 002 §3.7: Conv2D(filters=24, kernel_size=3) on [4,38,38,3] → [4,36,36,24]; kernel [3,3,3,24]', () => {
    const layer = L.conv2d({ filters: 24, kernelSize: 3 });
    const out = layer.apply(tf.randomNormal([4, 38, 38, 3])) as tf.Tensor;
    expect(out.shape).toEqual([4, 36, 36, 24]);
    expect(layer.weights.map((w) => [w.name.replace(/^conv2d(_\d+)?\//, ''), w.shape])).toEqual([['kernel', [3, 3, 3, 24]], ['bias', [24]]]);
    expect(layer.countParams()).toBe(3 * 3 * 3 * 24 + 24);
  });

  it('channelsFirst equals channelsLast on transposed data', () => {
    const a = L.conv2d({ filters: 3, kernelSize: 3, padding: 'same', dataFormat: 'channelsFirst', biasInitializer: 'randomNormal' });
    const b = L.conv2d({ filters: 3, kernelSize: 3, padding: 'same' });
    const x = rand([2, 2, 5, 6], 1);
    const y = a.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([2, 3, 5, 6]);
    expect(a.computeOutputShape([2, 2, 5, 6])).toEqual([2, 3, 5, 6]);
    b.apply(tf.transpose(x, [0, 2, 3, 1]));
    b.setWeights(a.getWeights());
    expectClose(y, tf.transpose(b.apply(tf.transpose(x, [0, 2, 3, 1])) as tf.Tensor, [0, 3, 1, 2]), 1e-5, 1e-6);
  });

  it('finite differences for input, kernel and bias', () => {
    checkLayerGrad(L.conv2d({ filters: 2, kernelSize: 2, strides: 2, padding: 'same', activation: 'tanh', biasInitializer: 'randomNormal' }),
      rand([1, 5, 4, 2], 4));
  });

  it('getConfig has the Keras fields', () => {
    expect(L.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same' }).getConfig()).toMatchObject({
      filters: 8, kernelSize: [3, 3], strides: [2, 2], padding: 'same', dataFormat: 'channelsLast', dilationRate: [1, 1],
      activation: 'linear', useBias: true, kernelInitializer: { className: 'GlorotUniform' }, kernelRegularizer: null });
  });

  it('errors name the layer and the shapes', () => {
    expect(() => L.conv2d({ filters: 2, kernelSize: 3, name: 'c1' }).apply(tf.zeros([4, 10]))).toThrow(/c1: expected input of rank 4, got input of shape \[4,10\]/);
    const c = L.conv2d({ filters: 2, kernelSize: 3, name: 'c2' });
    c.apply(tf.zeros([1, 5, 5, 3]));
    expect(() => c.apply(tf.zeros([1, 5, 5, 1]))).toThrow(/c2: expected input of shape \[None,None,None,3\] \(axis 3 of size 3, as built\), got input of shape \[1,5,5,1\]/);
    expect(() => L.conv2d({ filters: 2, kernelSize: 3 }).apply(tf.zeros([1, 1, 1, 1]))).toThrow(/conv2d: the 3×3 window/);
    expect(() => L.conv2d({ filters: 0, kernelSize: 3 })).toThrow(/filters must be a positive integer/);
    expect(() => L.conv2d({ filters: 1, kernelSize: [3, 3, 3] as any })).toThrow(/kernelSize must be an integer ≥ 1 or 2 of them/);
    expect(() => L.conv2d({ filters: 1, kernelSize: 3, padding: 'full' as any })).toThrow(/padding must be 'valid' or 'same'/);
    expect(() => L.conv2d({ filters: 1, kernelSize: 3, strides: 2, dilationRate: 2 })).toThrow(/strides > 1 cannot be combined with dilationRate > 1/);
  });
});

describe('Pooling layers', () => {
  const cases = [
    { x: [2, 6, 6, 3], poolSize: 2, strides: undefined, padding: 'valid' },
    { x: [1, 7, 5, 2], poolSize: 3, strides: 2, padding: 'same' },
    { x: [1, 5, 5, 1], poolSize: [2, 3], strides: 1, padding: 'valid' },
  ] as const;
  it.each(cases)('MaxPooling2D and AveragePooling2D match tfjs-layers: %o', async (c) => {
    const args = { poolSize: c.poolSize as any, strides: c.strides as any, padding: c.padding };
    const x = rand(c.x as unknown as number[], 5);
    const m = L.maxPooling2d(args);
    const y = await compareLayer(m, tfl.layers.maxPooling2d(args), x);
    expect(m.computeOutputShape(x.shape)).toEqual(y.shape);
    // tfjs' avgPool gradient with 'same' padding counts the padded taps its forward pass skips: forward only
    const a = L.averagePooling2d(args);
    await compareLayer(a, tfl.layers.averagePooling2d(args), x, { inputGrad: c.padding !== 'same' });
    expect(a.computeOutputShape([null, ...x.shape.slice(1)])).toEqual([null, ...y.shape.slice(1)]);
  });

  it('default poolSize 2 and strides = poolSize; channelsFirst; finite differences for average pooling', () => {
    const m = L.maxPooling2d();
    expect(m.getConfig()).toMatchObject({ poolSize: [2, 2], strides: [2, 2], padding: 'valid', dataFormat: 'channelsLast' });
    expect((m.apply(tf.zeros([64, 26, 26, 32])) as tf.Tensor).shape).toEqual([64, 13, 13, 32]);
    const x = rand([1, 3, 4, 4], 1);
    const cf = L.maxPooling2d({ dataFormat: 'channelsFirst' }).apply(x) as tf.Tensor;
    expect(cf.shape).toEqual([1, 3, 2, 2]);
    expectClose(cf, tf.transpose(tf.maxPool(tf.transpose(x, [0, 2, 3, 1]), 2, 2, 'valid'), [0, 3, 1, 2]), 0, 0);
    checkLayerGrad(L.averagePooling2d({ poolSize: 3, strides: 2, padding: 'same' }), rand([1, 5, 5, 2], 2));
  });

  it('GlobalAveragePooling2D matches tfjs-layers; keepDims and channelsFirst', async () => {
    const g = L.globalAveragePooling2d();
    await compareLayer(g, tfl.layers.globalAveragePooling2d({}), rand([2, 4, 5, 3], 1));
    expect(g.computeOutputShape([null, 7, 7, 64])).toEqual([null, 64]);
    const x = rand([2, 3, 4, 5], 2);
    const k = L.globalAveragePooling2d({ keepDims: true });
    expect((k.apply(x) as tf.Tensor).shape).toEqual([2, 1, 1, 5]);
    expect(k.computeOutputShape([2, 3, 4, 5])).toEqual([2, 1, 1, 5]);
    expectClose(L.globalAveragePooling2d({ dataFormat: 'channelsFirst' }).apply(x) as tf.Tensor, tf.mean(x, [2, 3]), 1e-6);
  });

  it('errors', () => {
    expect(() => L.maxPooling2d({ name: 'mp' }).apply(tf.zeros([2, 4, 4]))).toThrow(/mp: expected input of rank 4, got input of shape \[2,4,4\]/);
    expect(() => L.globalAveragePooling2d({ name: 'gap' }).apply(tf.zeros([2, 4]))).toThrow(/gap: expected input of rank 4/);
    expect(() => L.averagePooling2d({ poolSize: 0 })).toThrow(/poolSize must be an integer ≥ 1/);
    expect(() => L.maxPooling2d({ padding: 'causal' as any })).toThrow(/padding must be 'valid' or 'same'/);
    expect(() => L.maxPooling2d({ dataFormat: 'NCHW' as any })).toThrow(/dataFormat must be 'channelsLast' or 'channelsFirst'/);
  });
});
