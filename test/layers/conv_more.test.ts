// Conv1D, Conv3D, Conv2DTranspose, Conv3DTranspose, DepthwiseConv2D, SeparableConv2D against tfjs-layers
// (values, input and weight gradients), output shapes with a null batch, channelsFirst, options tfjs lacks
// (causal padding, channelsFirst Conv1D, depthwise dilation, SeparableConv2D's depthMultiplier with dilation)
// against Keras 3 (test/fixtures/keras/conv15.json), finite differences and equivalences, configs and errors.
import { describe, expect, it } from 'vitest';
import { expectClose, rand, tf } from '../helpers.js';
import { checkLayerGrad, compareLayer, tfl } from './oracle.js';
import { kerasCase } from './keras_cases.js';

const L = tf.layers;
const tol = { rtol: 1e-4, atol: 1e-5 };

/** Output shape from computeOutputShape, with the batch given and null, agrees with the computed one. */
function shapes(layer: tf.Layer, x: number[], y: number[]): void {
  expect(layer.computeOutputShape(x)).toEqual(y);
  expect(layer.computeOutputShape([null, ...x.slice(1)])).toEqual([null, ...y.slice(1)]);
}

/** Same config keys as tfjs-layers' layer (the serialiser snake_cases them). */
function sameKeys(ours: tf.Layer, theirs: tfl.layers.Layer): void {
  const drop = (k: string) => k !== 'dtype';
  expect(Object.keys(ours.getConfig()).filter(drop).sort()).toEqual(Object.keys(theirs.getConfig()).filter(drop).sort());
}

describe('Conv1D', () => {
  const cases = [
    { x: [2, 9, 3], filters: 4, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
    { x: [1, 8, 2], filters: 3, kernelSize: [2], strides: 2, padding: 'same', activation: 'linear' },
    { x: [2, 10, 1], filters: 2, kernelSize: 4, strides: 3, padding: 'valid', activation: 'tanh' },
    { x: [1, 7, 4], filters: 5, kernelSize: 3, dilationRate: 2, padding: 'same', activation: 'sigmoid' },
  ] as const;
  it.each(cases)('matches tfjs-layers values and gradients: %o', async (c) => {
    const { x: xs, ...args } = c as any;
    const ours = L.conv1d({ ...args, biasInitializer: 'randomNormal' });
    // tfjs has no gradient for dilated conv1d: forward only there
    const grads = !args.dilationRate;
    const y = await compareLayer(ours, tfl.layers.conv1d(args), rand(xs, 1), { ...tol, inputGrad: grads, weightGrads: grads });
    shapes(ours, xs, y.shape);
    if (!grads) checkLayerGrad(ours, rand(xs, 2));
  });

  it('causal padding: output t sees inputs ≤ t (left zero padding, then valid); finite differences', () => {
    const c = L.conv1d({ filters: 2, kernelSize: 3, padding: 'causal', dilationRate: 2, biasInitializer: 'randomNormal' });
    const x = rand([2, 6, 3], 3);
    const y = c.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([2, 6, 2]);
    shapes(c, [2, 6, 3], [2, 6, 2]);
    const [k, b] = c.getWeights();
    expectClose(y, tf.add(tf.conv1d(tf.pad(x, [[0, 0], [4, 0], [0, 0]]), k, 1, 'valid', 'NWC', 2), b), 1e-5, 1e-6);
    // changing the last step changes only the last output
    const x2 = tf.concat([tf.slice(x, [0, 0, 0], [2, 5, 3]), tf.ones([2, 1, 3])], 1);
    const y2 = c.apply(x2) as tf.Tensor;
    expectClose(tf.slice(y2, [0, 0, 0], [2, 5, 2]), tf.slice(y, [0, 0, 0], [2, 5, 2]), 0, 0);
    checkLayerGrad(L.conv1d({ filters: 2, kernelSize: 2, padding: 'causal', biasInitializer: 'randomNormal' }), rand([1, 5, 2], 4));
    expect(c.getConfig().padding).toBe('causal');
  });

  it('channelsFirst equals channelsLast on transposed data (Keras semantics)', () => {
    const a = L.conv1d({ filters: 3, kernelSize: 2, dataFormat: 'channelsFirst', activation: 'softmax', biasInitializer: 'randomNormal' });
    const b = L.conv1d({ filters: 3, kernelSize: 2 });
    const x = rand([2, 4, 6], 1);
    const y = a.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([2, 3, 5]);
    shapes(a, [2, 4, 6], [2, 3, 5]);
    b.apply(tf.transpose(x, [0, 2, 1]));
    b.setWeights(a.getWeights());
    // the activation applies to the output in its own format (softmax over the last axis, the steps)
    expectClose(y, tf.softmax(tf.transpose(b.apply(tf.transpose(x, [0, 2, 1])) as tf.Tensor, [0, 2, 1])), 1e-5, 1e-6);
    expect(a.getConfig().dataFormat).toBe('channelsFirst');
    expect('dataFormat' in b.getConfig()).toBe(false);
  });

  it('config: tfjs keys and defaults (kernel glorotNormal)', () => {
    const ours = L.conv1d({ filters: 2, kernelSize: 3 });
    sameKeys(ours, tfl.layers.conv1d({ filters: 2, kernelSize: 3 }));
    expect(ours.getConfig()).toMatchObject({ filters: 2, kernelSize: [3], strides: [1], dilationRate: [1], padding: 'valid',
      kernelInitializer: { className: 'GlorotNormal' } });
  });
});

describe('Conv3D', () => {
  const cases = [
    { x: [1, 4, 5, 4, 2], filters: 3, kernelSize: 2, strides: 1, padding: 'valid', activation: 'relu' },
    { x: [2, 5, 4, 3, 1], filters: 2, kernelSize: [3, 2, 1], strides: [2, 1, 2], padding: 'same', activation: 'linear' },
    { x: [1, 3, 3, 3, 3], filters: 4, kernelSize: 1, padding: 'valid', activation: 'tanh' },
  ] as const;
  it.each(cases)('matches tfjs-layers values and gradients: %o', async (c) => {
    const { x: xs, ...args } = c as any;
    const ours = L.conv3d({ ...args, biasInitializer: 'randomNormal' });
    const y = await compareLayer(ours, tfl.layers.conv3d(args), rand(xs, 1), tol);
    shapes(ours, xs, y.shape);
  });

  it('channelsFirst matches tfjs-layers; dilationRate by finite differences', async () => {
    const args = { filters: 2, kernelSize: 2, dataFormat: 'channelsFirst' as const };
    const ours = L.conv3d({ ...args, biasInitializer: 'randomNormal' });
    const y = await compareLayer(ours, tfl.layers.conv3d(args), rand([1, 2, 3, 4, 3], 1), tol);
    expect(y.shape).toEqual([1, 2, 2, 3, 2]);
    shapes(ours, [1, 2, 3, 4, 3], [1, 2, 2, 3, 2]);
    const d = L.conv3d({ filters: 1, kernelSize: 2, dilationRate: 2, biasInitializer: 'randomNormal' });
    shapes(d, [1, 4, 4, 5, 1], [1, 2, 2, 3, 1]);
    checkLayerGrad(d, rand([1, 4, 4, 5, 1], 5));
  });

  it('config keys as tfjs', () => {
    sameKeys(L.conv3d({ filters: 2, kernelSize: 3 }), tfl.layers.conv3d({ filters: 2, kernelSize: 3 }));
  });
});

describe('Conv2DTranspose and Conv3DTranspose', () => {
  const cases2 = [
    { x: [1, 3, 4, 2], filters: 3, kernelSize: 3, strides: 2, padding: 'valid', activation: 'relu' },
    { x: [2, 4, 3, 3], filters: 2, kernelSize: [2, 3], strides: [2, 1], padding: 'same', activation: 'linear' },
    { x: [1, 3, 3, 1], filters: 2, kernelSize: 1, strides: 3, padding: 'valid', activation: 'sigmoid' },
    { x: [1, 5, 5, 2], filters: 4, kernelSize: 3, padding: 'same', dataFormat: 'channelsFirst', activation: 'linear' },
  ] as const;
  it.each(cases2)('Conv2DTranspose matches tfjs-layers values and gradients: %o', async (c) => {
    const { x: xs, ...args } = c as any;
    const ours = L.conv2dTranspose({ ...args, biasInitializer: 'randomNormal' });
    const y = await compareLayer(ours, tfl.layers.conv2dTranspose(args), rand(xs, 1), tol);
    shapes(ours, xs, y.shape);
    expect(ours.getWeights()[0].shape).toEqual([...(ours as any).kernelSize, args.filters, xs[args.dataFormat ? 1 : 3]]);
  });

  const cases3 = [
    { x: [1, 2, 3, 2, 2], filters: 2, kernelSize: 2, strides: 2, padding: 'valid' },
    { x: [1, 3, 2, 2, 1], filters: 3, kernelSize: [3, 2, 2], strides: [1, 2, 1], padding: 'same', activation: 'tanh' },
    { x: [1, 2, 2, 3, 2], filters: 2, kernelSize: 2, strides: 1, padding: 'valid', dataFormat: 'channelsFirst' },
  ] as const;
  it.each(cases3)('Conv3DTranspose matches tfjs-layers values and gradients: %o', async (c) => {
    const { x: xs, ...args } = c as any;
    const ours = L.conv3dTranspose({ ...args, biasInitializer: 'randomNormal' });
    // tfjs has no gradient for conv3dTranspose: forward there, finite differences here
    const y = await compareLayer(ours, tfl.layers.conv3dTranspose(args), rand(xs, 2), { ...tol, inputGrad: false, weightGrads: false });
    shapes(ours, xs, y.shape);
    checkLayerGrad(ours, rand(xs, 3));
  });

  it('finite differences; config keys as tfjs (no dilationRate); unsupported options', () => {
    checkLayerGrad(L.conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', biasInitializer: 'randomNormal' }), rand([1, 2, 3, 2], 3));
    sameKeys(L.conv2dTranspose({ filters: 2, kernelSize: 3 }), tfl.layers.conv2dTranspose({ filters: 2, kernelSize: 3 }));
    sameKeys(L.conv3dTranspose({ filters: 2, kernelSize: 3 }), tfl.layers.conv3dTranspose({ filters: 2, kernelSize: 3 }));
    expect(() => L.conv2dTranspose({ filters: 2, kernelSize: 3, dilationRate: 2, name: 'ct' })).toThrow(/ct: dilationRate must be 1/);
    expect(() => L.conv2dTranspose({ filters: 2, kernelSize: 3, outputPadding: 1 as any })).toThrow(/outputPadding is not supported/);
  });
});

describe('DepthwiseConv2D', () => {
  const cases = [
    { x: [1, 5, 5, 3], kernelSize: 3, depthMultiplier: 1, strides: 1, padding: 'valid', activation: 'relu' },
    { x: [2, 6, 5, 2], kernelSize: [2, 3], depthMultiplier: 3, strides: 2, padding: 'same', activation: 'linear' },
    { x: [1, 4, 4, 4], kernelSize: 1, depthMultiplier: 2, strides: [1, 2], padding: 'valid', activation: 'tanh' },
    { x: [1, 3, 5, 5], kernelSize: 3, depthMultiplier: 2, padding: 'same', dataFormat: 'channelsFirst' },
  ] as const;
  it.each(cases)('matches tfjs-layers values and gradients: %o', async (c) => {
    const { x: xs, ...args } = c as any;
    const ours = L.depthwiseConv2d({ ...args, biasInitializer: 'randomNormal' });
    const y = await compareLayer(ours, tfl.layers.depthwiseConv2d(args), rand(xs, 1), tol);
    shapes(ours, xs, y.shape);
  });

  it('dilationRate (tfjs-layers ignores it) equals the dilated op, and finite differences', () => {
    const d = L.depthwiseConv2d({ kernelSize: 2, dilationRate: 2, depthMultiplier: 2, biasInitializer: 'randomNormal' });
    const x = rand([1, 5, 6, 2], 2);
    const y = d.apply(x) as tf.Tensor;
    shapes(d, [1, 5, 6, 2], [1, 3, 4, 4]);
    const [k, b] = d.getWeights();
    expectClose(y, tf.add(tf.depthwiseConv2d(x, k, 1, 'valid', 'NHWC', 2), b), 1e-5, 1e-6);
    checkLayerGrad(d, rand([1, 4, 5, 2], 3));
  });

  it('config: depthMultiplier and depthwise*, tfjs keys; kernel* rejected', () => {
    const ours = L.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, depthwiseConstraint: 'nonNeg' });
    sameKeys(ours, tfl.layers.depthwiseConv2d({ kernelSize: 3 }));
    expect(ours.getConfig()).toMatchObject({ depthMultiplier: 2, depthwiseInitializer: { className: 'GlorotNormal' },
      depthwiseConstraint: { className: 'NonNeg' } });
    expect(() => L.depthwiseConv2d({ kernelSize: 3, kernelInitializer: 'zeros' } as any)).toThrow(/kernelInitializer is not an option of DepthwiseConv2D; use depthwiseInitializer/);
    expect(() => L.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 0 })).toThrow(/depthMultiplier must be a positive integer/);
  });
});

describe('SeparableConv2D', () => {
  const cases = [
    { x: [1, 5, 5, 3], filters: 4, kernelSize: 3, depthMultiplier: 1, padding: 'valid', activation: 'relu' },
    { x: [2, 6, 5, 2], filters: 3, kernelSize: [2, 3], depthMultiplier: 2, strides: 2, padding: 'same' },
    { x: [1, 7, 7, 2], filters: 2, kernelSize: 3, dilationRate: 2, padding: 'same', activation: 'tanh' },
  ] as const;
  it.each(cases)('matches tfjs-layers values and gradients: %o', async (c) => {
    const { x: xs, ...args } = c as any;
    const ours = L.separableConv2d({ ...args, biasInitializer: 'randomNormal' });
    // tfjs has no gradient for dilated depthwise convolutions: forward only there
    const grads = !args.dilationRate;
    const y = await compareLayer(ours, tfl.layers.separableConv2d(args), rand(xs, 1), { ...tol, inputGrad: grads, weightGrads: grads });
    shapes(ours, xs, y.shape);
    if (!grads) checkLayerGrad(ours, rand([1, 5, 5, 2], 2));
  });

  it('channelsFirst equals channelsLast on transposed data; weights; config; errors', () => {
    const a = L.separableConv2d({ filters: 3, kernelSize: 3, padding: 'same', dataFormat: 'channelsFirst', depthMultiplier: 2, biasInitializer: 'randomNormal' });
    const b = L.separableConv2d({ filters: 3, kernelSize: 3, padding: 'same', depthMultiplier: 2 });
    const x = rand([2, 2, 4, 5], 1);
    const y = a.apply(x) as tf.Tensor;
    shapes(a, [2, 2, 4, 5], [2, 3, 4, 5]);
    b.apply(tf.transpose(x, [0, 2, 3, 1]));
    b.setWeights(a.getWeights());
    expectClose(y, tf.transpose(b.apply(tf.transpose(x, [0, 2, 3, 1])) as tf.Tensor, [0, 3, 1, 2]), 1e-5, 1e-6);
    expect(a.weights.map((w) => [w.name.split('/')[1], w.shape])).toEqual([['depthwise_kernel', [3, 3, 2, 2]], ['pointwise_kernel', [1, 1, 4, 3]], ['bias', [3]]]);
    const tfjsKeys = Object.keys(tfl.layers.separableConv2d({ filters: 2, kernelSize: 3 }).getConfig());
    // ascent also writes depthMultiplier (Keras does; tfjs-layers loses it)
    expect(Object.keys(a.getConfig()).filter((k) => k !== 'dtype').sort()).toEqual([...tfjsKeys, 'depthMultiplier'].sort());
    expect(a.getConfig()).toMatchObject({ depthMultiplier: 2, pointwiseInitializer: { className: 'GlorotUniform' }, depthwiseInitializer: { className: 'GlorotUniform' } });
    expect(() => L.separableConv2d({ filters: 2, kernelSize: 3, kernelRegularizer: 'l2' } as any)).toThrow(/use depthwiseRegularizer and pointwiseRegularizer/);
    expect(() => L.separableConv2d({ kernelSize: 3 } as any)).toThrow(/filters must be a positive integer/);
  });
});

describe('errors name the layer and the argument', () => {
  it('rank, channels, arguments', () => {
    expect(() => L.conv1d({ filters: 2, kernelSize: 3, name: 'c1' }).apply(tf.zeros([4, 10]))).toThrow(/c1: expected input of rank 3, got input of shape \[4,10\]/);
    const c = L.conv3d({ filters: 2, kernelSize: 1, name: 'c3' });
    c.apply(tf.zeros([1, 2, 2, 2, 3]));
    expect(() => c.apply(tf.zeros([1, 2, 2, 2, 1]))).toThrow(/c3: expected input of shape \[None,None,None,None,3\]/);
    expect(() => L.conv1d({ filters: 2, kernelSize: [3, 3] as any })).toThrow(/kernelSize must be an integer ≥ 1 or 1 of them/);
    expect(() => L.conv3d({ filters: 2 } as any)).toThrow(/conv3d(_\d+)?: kernelSize is required/);
    expect(() => L.conv1d({ filters: 2, kernelSize: 3, strides: 2, dilationRate: 2 })).toThrow(/strides > 1 cannot be combined with dilationRate > 1/);
    expect(() => L.conv3d({ filters: 2, kernelSize: 3, padding: 'causal' as any })).toThrow(/padding must be 'valid' or 'same'/);
    expect(() => L.conv1d({ filters: 2, kernelSize: 3, groups: 2 })).toThrow(/groups must be 1/);
    expect(() => (L.conv1d as any)()).toThrow(/Conv1D: expects an options object/);
    expect(() => L.conv2dTranspose({ filters: 2, kernelSize: 3, name: 'ct' }).apply(tf.zeros([1, 3, 3]))).toThrow(/ct: expected input of rank 4/);
  });
});

describe('against Keras 3 where tfjs-layers lacks the option (values, input and weight gradients)', () => {
  it.each(['conv1d causal', 'conv1d causal dilated', 'conv1d channels_first', 'depthwise dilated', 'separable multiplier 2 dilated'])('%s', (name) => {
    kerasCase(name);
  });
});
