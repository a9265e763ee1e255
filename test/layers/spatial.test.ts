// 1-D and 3-D pooling, global max/average pooling, UpSampling2D, ZeroPadding2D and Cropping2D against
// tfjs-layers (values and input gradients), output shapes with a null batch, channelsFirst, configs,
// errors; Keras 3's UpSampling1D, ZeroPadding1D, Cropping1D and the masked GlobalAveragePooling1D (not in tfjs)
// against Keras 3 (test/fixtures/keras/conv15.json) and their definitions.
import { describe, expect, it } from 'vitest';
import { expectClose, rand, tf } from '../helpers.js';
import { checkLayerGrad, compareLayer, tfl } from './oracle.js';
import { kerasCase } from './keras_cases.js';

const L = tf.layers;

function shapes(layer: tf.Layer, x: number[], y: number[]): void {
  expect(layer.computeOutputShape(x)).toEqual(y);
  expect(layer.computeOutputShape([null, ...x.slice(1)])).toEqual([null, ...y.slice(1)]);
}
function sameKeys(ours: tf.Layer, theirs: tfl.layers.Layer, extra: string[] = []): void {
  const drop = (k: string) => k !== 'dtype';
  expect(Object.keys(ours.getConfig()).filter(drop).sort()).toEqual([...Object.keys(theirs.getConfig()).filter(drop), ...extra].sort());
}

describe('MaxPooling1D and AveragePooling1D', () => {
  const cases = [
    { x: [2, 8, 3], poolSize: 2, strides: undefined, padding: 'valid' },
    { x: [1, 9, 2], poolSize: 3, strides: 2, padding: 'same' },
    { x: [2, 7, 1], poolSize: [4], strides: [1], padding: 'valid' },
  ] as const;
  it.each(cases)('match tfjs-layers: %o', async (c) => {
    const args = { poolSize: c.poolSize as any, strides: c.strides as any, padding: c.padding };
    const x = rand(c.x as unknown as number[], 5);
    const m = L.maxPooling1d(args);
    const y = await compareLayer(m, tfl.layers.maxPooling1d(args), x);
    shapes(m, x.shape, y.shape);
    // tfjs' avgPool gradient with 'same' padding counts the padded taps its forward pass skips: forward only
    const a = L.averagePooling1d(args);
    await compareLayer(a, tfl.layers.averagePooling1d(args), x, { inputGrad: c.padding !== 'same' });
    shapes(a, x.shape, y.shape);
  });

  it('defaults, aliases, channelsFirst, finite differences, config', () => {
    const m = L.maxPool1d();
    expect(m.getConfig()).toMatchObject({ poolSize: [2], strides: [2], padding: 'valid' });
    sameKeys(m, tfl.layers.maxPooling1d({}));
    expect(L.avgPool1d().getClassName()).toBe('AveragePooling1D');
    expect(L.avgPooling1d().getClassName()).toBe('AveragePooling1D');
    const x = rand([2, 3, 6], 1);
    const cf = L.maxPooling1d({ dataFormat: 'channelsFirst', poolSize: 3 });
    const y = cf.apply(x) as tf.Tensor;
    shapes(cf, [2, 3, 6], [2, 3, 2]);
    expectClose(y, tf.transpose(L.maxPooling1d({ poolSize: 3 }).apply(tf.transpose(x, [0, 2, 1])) as tf.Tensor, [0, 2, 1]), 0, 0);
    expect(cf.getConfig().dataFormat).toBe('channelsFirst');
    checkLayerGrad(L.averagePooling1d({ poolSize: 3, strides: 2, padding: 'same' }), rand([1, 7, 2], 2));
  });
});

describe('MaxPooling3D and AveragePooling3D', () => {
  const cases = [
    { x: [1, 4, 4, 4, 2], poolSize: 2, strides: undefined, padding: 'valid' },
    { x: [2, 3, 5, 4, 1], poolSize: [2, 3, 2], strides: [1, 2, 2], padding: 'same' },
    { x: [1, 5, 3, 3, 2], poolSize: 3, strides: 1, padding: 'valid' },
  ] as const;
  it.each(cases)('match tfjs-layers: %o', async (c) => {
    const args = { poolSize: c.poolSize as any, strides: c.strides as any, padding: c.padding };
    const x = rand(c.x as unknown as number[], 6);
    const m = L.maxPooling3d(args);
    // tfjs' maxPool3d gradient with 'same' padding and unequal strides is wrong (a brute-force argmax and finite
    // differences agree with ours)
    const y = await compareLayer(m, tfl.layers.maxPooling3d(args), x, { inputGrad: c.padding !== 'same' });
    shapes(m, x.shape, y.shape);
    if (c.padding === 'same') {
      // distinct values 0.1 apart (no near-ties for the differences to cross)
      const n = x.size, distinct = tf.tensor(Array.from({ length: n }, (_, i) => ((i * 37) % n) / 10), x.shape);
      checkLayerGrad(m, distinct);
    }
    const a = L.averagePooling3d(args);
    await compareLayer(a, tfl.layers.averagePooling3d(args), x, { inputGrad: c.padding !== 'same' });
    shapes(a, x.shape, y.shape);
  });

  it('channelsFirst matches tfjs-layers; aliases; finite differences; config', async () => {
    const args = { poolSize: 2, dataFormat: 'channelsFirst' as const };
    const x = rand([1, 2, 4, 4, 5], 3);
    const m = L.maxPooling3d(args);
    await compareLayer(m, tfl.layers.maxPooling3d(args), x);
    shapes(m, [1, 2, 4, 4, 5], [1, 2, 2, 2, 2]);
    await compareLayer(L.avgPool3d(args), tfl.layers.avgPool3d(args), x);
    expect(L.avgPooling3d().getClassName()).toBe('AveragePooling3D');
    checkLayerGrad(L.averagePooling3d({ poolSize: 2, strides: 1, padding: 'same' }), rand([1, 3, 3, 2, 1], 4));
    sameKeys(L.maxPooling3d(), tfl.layers.maxPooling3d({}));
    expect(L.maxPooling3d().getConfig()).toMatchObject({ poolSize: [2, 2, 2], strides: [2, 2, 2] });
  });
});

describe('global pooling', () => {
  it('GlobalAveragePooling1D, GlobalMaxPooling1D, GlobalMaxPooling2D match tfjs-layers', async () => {
    const x3 = rand([2, 5, 3], 1), x4 = rand([2, 4, 3, 5], 2);
    for (const [ours, theirs, x] of [
      [L.globalAveragePooling1d(), tfl.layers.globalAveragePooling1d(), x3],
      [L.globalMaxPooling1d(), tfl.layers.globalMaxPooling1d(), x3],
      [L.globalMaxPool1d(), tfl.layers.globalMaxPool1d(), x3],
      [L.globalMaxPooling2d(), tfl.layers.globalMaxPooling2d({}), x4],
      [L.globalMaxPool2d({ dataFormat: 'channelsFirst' }), tfl.layers.globalMaxPool2d({ dataFormat: 'channelsFirst' }), x4],
    ] as const) {
      const y = await compareLayer(ours, theirs as tfl.layers.Layer, x);
      shapes(ours, x.shape, y.shape);
      sameKeys(ours, theirs as tfl.layers.Layer, ours.getClassName().endsWith('1D') ? ['dataFormat', 'keepdims'] : ['keepdims']);
    }
  });

  it('keepDims and channelsFirst (Keras); finite differences', () => {
    const x = rand([2, 3, 4], 3);
    const k = L.globalMaxPooling1d({ keepDims: true });
    expectClose(k.apply(x) as tf.Tensor, tf.max(x, 1, true), 0, 0);
    shapes(k, [2, 3, 4], [2, 1, 4]);
    const cf = L.globalAveragePooling1d({ dataFormat: 'channelsFirst' });
    expectClose(cf.apply(x) as tf.Tensor, tf.mean(x, 2), 1e-6);
    shapes(cf, [2, 3, 4], [2, 3]);
    const k2 = L.globalMaxPooling2d({ keepdims: true, dataFormat: 'channelsFirst' });
    shapes(k2, [2, 3, 4, 5], [2, 3, 1, 1]);
    expect(k2.getConfig()).toMatchObject({ keepdims: true, dataFormat: 'channelsFirst' });
    checkLayerGrad(L.globalAveragePooling1d(), rand([2, 4, 3], 4));
    checkLayerGrad(L.globalMaxPooling2d(), rand([1, 3, 3, 2], 5));
  });
});

describe('GlobalAveragePooling1D with a mask (Keras)', () => {
  it('averages the unmasked steps only; the mask stops there; finite differences', () => {
    const x = rand([2, 4, 3], 1);
    const mask = tf.tensor2d([[1, 1, 0, 0], [1, 1, 1, 0]], [2, 4], 'bool');
    const g = L.globalAveragePooling1d();
    expect(g.supportsMasking).toBe(true);
    const y = g.apply(x, { mask }) as tf.Tensor;
    expectClose(y, tf.concat([tf.mean(tf.slice(x, [0, 0, 0], [1, 2, 3]), 1), tf.mean(tf.slice(x, [1, 0, 0], [1, 3, 3]), 1)]), 1e-6);
    expect(g.computeMask(x, mask)).toBeNull();
    const cf = L.globalAveragePooling1d({ dataFormat: 'channelsFirst', keepDims: true });
    expectClose(cf.apply(tf.transpose(x, [0, 2, 1]), { mask }) as tf.Tensor, tf.reshape(y, [2, 3, 1]), 1e-6);
    expect(() => g.apply(x, { mask: tf.ones([2, 3], 'bool') })).toThrow(/the mask \[2,3\] does not match the input \[2,4,3\]/);
    // a model carries the embedding's mask to the pooling: padding (token 0) does not dilute the mean
    const emb = L.embedding({ inputDim: 5, outputDim: 2, maskZero: true, inputLength: 4 });
    const model = tf.sequential({ layers: [emb, L.globalAveragePooling1d()] });
    const ids = tf.tensor2d([[1, 2, 0, 0], [3, 0, 0, 0]], [2, 4], 'int32');
    const vecs = emb.apply(ids) as tf.Tensor;
    expectClose(model.predict(ids) as tf.Tensor, tf.concat([tf.mean(tf.slice(vecs, [0, 0, 0], [1, 2, 2]), 1), tf.reshape(tf.slice(vecs, [1, 0, 0], [1, 1, 2]), [1, 2])]), 1e-6);
  });
});

describe('UpSampling2D', () => {
  const cases = [
    { x: [1, 3, 4, 2], size: [2, 2], interpolation: 'nearest' },
    { x: [2, 2, 3, 1], size: [3, 2], interpolation: 'nearest', tfjsGrad: false },
    { x: [1, 3, 3, 2], size: [2, 2], interpolation: 'bilinear' },
    { x: [1, 2, 4, 3], size: [3, 1], interpolation: 'bilinear', dataFormat: 'channelsFirst', tfjsGrad: false },
  ] as const;
  it.each(cases)('matches tfjs-layers values and input gradients: %o', async (c) => {
    const { x: xs, tfjsGrad, ...args } = c as any;
    const ours = L.upSampling2d(args);
    // tfjs' resize gradients are wrong for unequal height and width factors (resizeNearestNeighbor) and
    // non-square images (resizeBilinear throws): finite differences there
    const y = await compareLayer(ours, tfl.layers.upSampling2d(args), rand(xs, 1), { inputGrad: tfjsGrad !== false });
    shapes(ours, xs, y.shape);
    if (tfjsGrad === false) checkLayerGrad(ours, rand(xs, 2));
  });

  it('nearest repeats rows and columns; a number size; finite differences; config', () => {
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const u = L.upSampling2d({ size: 2 });
    expect(Array.from((u.apply(x) as tf.Tensor).dataSync())).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
    checkLayerGrad(L.upSampling2d({ interpolation: 'bilinear', size: [2, 3] }), rand([1, 2, 3, 2], 2));
    sameKeys(u, tfl.layers.upSampling2d({}));
    expect(L.upSampling2d().getConfig()).toMatchObject({ size: [2, 2], interpolation: 'nearest', dataFormat: 'channelsLast' });
    expect(() => L.upSampling2d({ interpolation: 'bicubic' as any, name: 'up' })).toThrow(/up: interpolation must be 'nearest' or 'bilinear'/);
    expect(() => L.upSampling2d({ size: [2, 0] })).toThrow(/size must be an integer ≥ 1 or 2 of them/);
  });
});

describe('ZeroPadding2D and Cropping2D', () => {
  const pads = [undefined, 2, [1, 3], [[0, 2], [3, 1]]] as const;
  it.each(pads)('ZeroPadding2D matches tfjs-layers, padding %o', async (p) => {
    for (const dataFormat of ['channelsLast', 'channelsFirst'] as const) {
      const args = { padding: p as any, dataFormat };
      const ours = L.zeroPadding2d(args);
      const y = await compareLayer(ours, tfl.layers.zeroPadding2d(args), rand([2, 3, 4, 2], 1));
      shapes(ours, [2, 3, 4, 2], y.shape);
      sameKeys(ours, tfl.layers.zeroPadding2d(args));
    }
  });

  const crops = [1, [1, 2], [[0, 2], [3, 1]]] as const;
  it.each(crops)('Cropping2D matches tfjs-layers, cropping %o', async (c) => {
    for (const dataFormat of ['channelsLast', 'channelsFirst'] as const) {
      const args = { cropping: c as any, dataFormat };
      const ours = L.cropping2D(args);
      const y = await compareLayer(ours, tfl.layers.cropping2D(args), rand([2, 5, 6, 7], 2));
      shapes(ours, [2, 5, 6, 7], y.shape);
      sameKeys(ours, tfl.layers.cropping2D(args));
    }
  });

  it('finite differences; configs; errors', () => {
    checkLayerGrad(L.zeroPadding2d({ padding: [[1, 0], [0, 2]] }), rand([1, 2, 2, 2], 3));
    checkLayerGrad(L.cropping2D({ cropping: [[1, 0], [0, 1]] }), rand([1, 3, 3, 2], 4));
    expect(L.zeroPadding2d().getConfig()).toMatchObject({ padding: [[1, 1], [1, 1]] });
    expect(L.cropping2D({ cropping: [1, 2] }).getConfig()).toMatchObject({ cropping: [[1, 1], [2, 2]] });
    expect(() => L.zeroPadding2d({ padding: [1, 2, 3] as any, name: 'zp' })).toThrow(/zp: padding must be a non-negative integer, 2 of them, or 2 \[before, after\] pairs/);
    expect(() => L.zeroPadding2d({ padding: -1 })).toThrow(/padding must be a non-negative integer/);
    expect(() => (L.cropping2D as any)({ name: 'cr' })).toThrow(/cr: cropping is required/);
    const cr = L.cropping2D({ cropping: [[2, 2], [0, 0]], name: 'cr2' });
    expect(() => cr.apply(tf.zeros([1, 4, 4, 1]))).toThrow(/cr2: cropping \[2, 2\] leaves nothing of axis 1 \(size 4\)/);
    expect(() => cr.computeOutputShape([null, 3, 4, 1])).toThrow(/cr2: cropping \[2, 2\] leaves nothing of axis 1/);
    expect(cr.computeOutputShape([null, null, 4, 1])).toEqual([null, null, 4, 1]);
    expect(() => L.zeroPadding2d({ name: 'zp2' }).apply(tf.zeros([1, 4, 4]))).toThrow(/zp2: expected input of rank 4/);
  });
});

describe('Keras 3 extras: UpSampling1D, ZeroPadding1D, Cropping1D', () => {
  it('values, gradients, shapes, configs', () => {
    const x = tf.tensor3d([1, 2, 3, 4, 5, 6], [1, 3, 2]);
    const u = L.upSampling1d({ size: 2 });
    expect(Array.from((u.apply(x) as tf.Tensor).dataSync())).toEqual([1, 2, 1, 2, 3, 4, 3, 4, 5, 6, 5, 6]);
    shapes(u, [1, 3, 2], [1, 6, 2]);
    expect(u.getConfig()).toMatchObject({ size: 2 });
    const z = L.zeroPadding1d({ padding: [1, 2] });
    expect(Array.from((z.apply(x) as tf.Tensor).dataSync())).toEqual([0, 0, 1, 2, 3, 4, 5, 6, 0, 0, 0, 0]);
    shapes(z, [1, 3, 2], [1, 6, 2]);
    expect(L.zeroPadding1d().getConfig()).toMatchObject({ padding: [1, 1] });
    const c = L.cropping1D({ cropping: [0, 1] });
    expect(Array.from((c.apply(x) as tf.Tensor).dataSync())).toEqual([1, 2, 3, 4]);
    shapes(c, [1, 3, 2], [1, 2, 2]);
    expect(L.cropping1D().getConfig()).toMatchObject({ cropping: [1, 1] });
    checkLayerGrad(L.upSampling1d({ size: 3 }), rand([2, 2, 2], 1));
    checkLayerGrad(L.zeroPadding1d({ padding: 2 }), rand([1, 2, 3], 2));
    checkLayerGrad(L.cropping1D({ cropping: [1, 0] }), rand([1, 3, 2], 3));
    expect(() => L.cropping1D({ cropping: 2, name: 'c1' }).apply(tf.zeros([1, 4, 1]))).toThrow(/c1: cropping \[2, 2\] leaves nothing/);
    expect(() => L.upSampling1d({ size: 0 })).toThrow(/size must be an integer ≥ 1/);
  });
});

describe('pooling errors', () => {
  it('name the layer and the argument', () => {
    expect(() => L.maxPooling1d({ name: 'mp' }).apply(tf.zeros([2, 4, 4, 1]))).toThrow(/mp: expected input of rank 3/);
    expect(() => L.maxPooling3d({ name: 'mp3' }).apply(tf.zeros([2, 4, 4, 1]))).toThrow(/mp3: expected input of rank 5/);
    expect(() => L.globalMaxPooling1d({ name: 'g' }).apply(tf.zeros([2, 4]))).toThrow(/g: expected input of rank 3/);
    expect(() => L.maxPooling1d({ poolSize: [2, 2] as any })).toThrow(/poolSize must be an integer ≥ 1 or 1 of them/);
    expect(() => L.averagePooling3d({ strides: [1, 1] })).toThrow(/strides must be an integer ≥ 1 or 3 of them/);
    expect(() => L.maxPooling3d({ padding: 'causal' as any })).toThrow(/padding must be 'valid' or 'same'/);
    expect(() => L.globalMaxPooling2d({ keepDims: 1 as any })).toThrow(/keepDims must be true or false/);
  });
});

describe('against Keras 3 where tfjs-layers lacks the layer or option (values and input gradients)', () => {
  it.each(['gap1d masked', 'upsampling1d', 'zeropadding1d', 'cropping1d'])('%s', (name) => { kerasCase(name, 1e-5); });
});
