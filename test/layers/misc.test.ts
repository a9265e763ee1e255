// RepeatVector, Permute, Masking, PReLU, ThresholdedReLU and Identity against tfjs-layers (values, input and
// weight gradients), masks against tfjs' computeMask, finite differences, configs and errors.
import { describe, expect, it } from 'vitest';
import { expectClose, rand, tf } from '../helpers.js';
import { checkLayerGrad, compareLayer, MaskProbe, tfl, toO, vals } from './oracle.js';
import { oracle } from '../helpers.js';

const L = tf.layers;

describe('RepeatVector', () => {
  it('matches tfjs-layers values and gradients', async () => {
    const ours = L.repeatVector({ n: 3 });
    const y = await compareLayer(ours, tfl.layers.repeatVector({ n: 3 }), rand([2, 4], 1));
    expect(y.shape).toEqual([2, 3, 4]);
    expect(ours.computeOutputShape([null, 4])).toEqual([null, 3, 4]);
    expect(ours.getConfig()).toMatchObject({ n: 3 });
  });
  it('errors name the layer', () => {
    expect(() => L.repeatVector({ n: 0 })).toThrow(/repeat_vector(_\d+)?: n must be a positive integer, got 0/);
    expect(() => L.repeatVector({ n: 2, name: 'rv' }).apply(tf.zeros([2, 3, 4]))).toThrow(/rv: expected input of rank 2/);
  });
});

describe('Permute', () => {
  it.each([
    { dims: [2, 1], x: [2, 3, 4] },
    { dims: [3, 1, 2], x: [2, 3, 4, 5] },
    { dims: [1], x: [3, 2] },
  ])('matches tfjs-layers: %o', async ({ dims, x }) => {
    const ours = L.permute({ dims });
    const y = await compareLayer(ours, tfl.layers.permute({ dims }), rand(x, 2));
    expect(ours.computeOutputShape(x)).toEqual(y.shape);
    expect(ours.computeOutputShape([null, ...x.slice(1)])).toEqual([null, ...y.shape.slice(1)]);
    expect(ours.getConfig()).toMatchObject({ dims });
  });
  it('rejects a non-permutation and the wrong rank', () => {
    expect(() => L.permute({ dims: [0, 1] })).toThrow(/dims must be a permutation of 1…2/);
    expect(() => L.permute({ dims: [1, 1] })).toThrow(/dims must be a permutation/);
    expect(() => L.permute({} as any)).toThrow(/dims must be a permutation/);
    expect(() => L.permute({ dims: [2, 1], name: 'p' }).apply(tf.zeros([2, 3]))).toThrow(/p: expected input of rank 3/);
  });
});

describe('Masking', () => {
  // steps 1 of example 0 and 0, 2 of example 1 are all maskValue
  const data = (v: number) => {
    const x = rand([2, 3, 4], 3).arraySync() as number[][][];
    x[0][1] = [v, v, v, v];
    x[1][0] = [v, v, v, v];
    x[1][2] = [v, v, v, v];
    x[0][2][1] = v; // one feature equal to maskValue does not mask the step
    return tf.tensor3d(x);
  };
  // (tfjs has no gradient for its any(notEqual()) mask: values only; the gradient is checked below)
  it.each([0, 0.5])('matches tfjs-layers values and computeMask (maskValue %s); gradient = the mask', async (maskValue) => {
    const tfc = await oracle();
    const x = data(maskValue);
    const ours = L.masking({ maskValue });
    const theirs = tfl.layers.masking({ maskValue });
    const y = await compareLayer(ours, theirs, x, { inputGrad: false });
    const dy = rand([2, 3, 4], 9);
    const gx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(ours.apply(a) as tf.Tensor, dy)))(x);
    expectClose(gx, tf.mul(dy, tf.reshape(tf.tensor1d([1, 0, 1, 0, 1, 0]), [2, 3, 1])), 0, 0);
    expect(vals(tf.slice(y, [0, 1, 0], [1, 1, 4]))).toEqual([0, 0, 0, 0]);
    const mask = ours.computeMask(x) as tf.Tensor;
    expect(mask.dtype).toBe('bool');
    expect(mask.shape).toEqual([2, 3]);
    expect(vals(mask)).toEqual(vals(theirs.computeMask(toO(tfc, x)) as any));
    expect(vals(mask)).toEqual([1, 0, 1, 0, 1, 0]);
    expect(ours.supportsMasking).toBe(true);
    expect(ours.getConfig()).toMatchObject({ maskValue });
  });
  it('defaults to maskValue 0', () => {
    expect(L.masking().getConfig()).toMatchObject({ maskValue: 0 });
    checkLayerGrad(L.masking(), rand([2, 3, 2], 10));
    expect(() => L.masking({ maskValue: 'a' as any })).toThrow(/maskValue must be a number/);
  });
});

describe('PReLU', () => {
  it.each([
    { x: [2, 3, 4], args: {} },
    { x: [2, 3, 4, 5], args: { sharedAxes: [1, 2] } },
    { x: [2, 5, 3], args: { sharedAxes: 1 } },
  ])('matches tfjs-layers values, input and alpha gradients: %o', async ({ x, args }) => {
    const ours = L.prelu({ ...args, alphaInitializer: 'randomNormal' });
    const y = await compareLayer(ours, tfl.layers.prelu(args as any), rand(x, 4));
    expect(y.shape).toEqual(x);
    expect(ours.computeOutputShape(x)).toEqual(x);
    const alphaShape = x.slice(1).map((d, i) => ([args.sharedAxes].flat().includes(i + 1) ? 1 : d));
    expect(ours.weights.map((w) => w.shape)).toEqual([alphaShape]);
  });
  it('finite differences for input and alpha', () => {
    checkLayerGrad(L.prelu({ alphaInitializer: 'randomNormal', sharedAxes: [2] }), tf.tensor3d([[[0.5, -0.7], [0.3, -0.2]], [[-0.9, 0.4], [0.8, -0.6]]]));
  });
  it('defaults, config, regularizer, constraint and errors', () => {
    const p = L.prelu();
    expectClose(p.apply(tf.tensor2d([[-2, 3]])) as tf.Tensor, [0, 3], 0, 0);
    expect(p.getConfig()).toMatchObject({ alphaInitializer: { className: 'Constant', config: { value: 0 } }, alphaRegularizer: null, alphaConstraint: null, sharedAxes: null });
    const q = L.prelu({ alphaInitializer: 'ones', alphaRegularizer: 'l2', alphaConstraint: 'nonNeg', sharedAxes: [1] });
    q.apply(tf.zeros([1, 3, 2]));
    expect(q.getConfig()).toMatchObject({ alphaRegularizer: { className: 'L1L2' }, alphaConstraint: { className: 'NonNeg' }, sharedAxes: [1] });
    expectClose(q.regularizationLoss()!, 0.01 * 2, 1e-6);
    expect(() => L.prelu({ sharedAxes: [0] })).toThrow(/sharedAxes must be an axis ≥ 1/);
    expect(() => L.prelu({ sharedAxes: [3], name: 'pr' }).apply(tf.zeros([1, 2]))).toThrow(/pr: sharedAxes \[3\] has axis 3, out of range/);
    const built = L.prelu({ name: 'pb' });
    built.apply(tf.zeros([1, 3]));
    expect(() => built.apply(tf.zeros([1, 4]))).toThrow(/pb: expected input of shape \[None,3\]/);
  });
});

describe('ThresholdedReLU', () => {
  // (tfjs has no gradient for its greater(): values only; finite differences below)
  it.each([undefined, 0.5, -0.25])('matches tfjs-layers values (theta %s)', async (theta) => {
    const args = theta === undefined ? {} : { theta };
    await compareLayer(L.thresholdedReLU(args), tfl.layers.thresholdedReLU(args), tf.mul(rand([3, 5], 5), 2), { inputGrad: false });
  });
  it('finite differences away from theta; config; errors', () => {
    checkLayerGrad(L.thresholdedReLU({ theta: 0.5 }), tf.tensor2d([[0.1, 0.9, -0.4], [1.3, 0.6, 0.45]]));
    expect(L.thresholdedReLU().getConfig()).toMatchObject({ theta: 1 });
    expect(vals(L.thresholdedReLU().apply(tf.tensor1d([1, 1.5, 0.2])) as tf.Tensor)).toEqual([0, 1.5, 0]);
    expect(() => L.thresholdedReLU({ theta: NaN })).toThrow(/theta must be a finite number/);
  });
});

describe('Identity (Keras 3)', () => {
  it('returns its input; gradient ones; works in a model', () => {
    const x = rand([2, 3], 6);
    const id = L.identity();
    expectClose(id.apply(x) as tf.Tensor, x, 0, 0);
    expectClose(tf.grad((a: tf.Tensor) => tf.sum(id.apply(a) as tf.Tensor))(x), tf.onesLike(x), 0, 0);
    expect(id.getClassName()).toBe('Identity');
    const m = tf.sequential({ layers: [L.identity({ inputShape: [3] }), L.dense({ units: 2 })] });
    expect((m.predict(x) as tf.Tensor).shape).toEqual([2, 2]);
  });
});

describe('in models, saved and loaded', () => {
  it('a Sequential model of the misc layers survives toJSON / modelFromJSON', async () => {
    const m = tf.sequential({ layers: [
      L.masking({ maskValue: 0, inputShape: [4] }), L.repeatVector({ n: 3 }), L.permute({ dims: [2, 1] }),
      L.prelu({ alphaInitializer: 'randomNormal' }), L.thresholdedReLU({ theta: 0.1 })] });
    const x = rand([2, 4], 8);
    const y = m.predict(x) as tf.Tensor;
    expect(y.shape).toEqual([2, 4, 3]);
    const json = m.toJSON(null, false) as any;
    const m2 = await tf.models.modelFromJSON(json);
    m2.setWeights(m.getWeights());
    expectClose(m2.predict(x) as tf.Tensor, y, 0, 0);
  });
});

describe('masks in models', () => {
  it('masking() makes the mask; prelu, identity and the noise layers pass it on; repeatVector does not', () => {
    const x = tf.tensor3d([[[1, 2], [0, 0], [3, 0]], [[0, 0], [0, 0], [5, 5]]]);
    const probe = new MaskProbe();
    const m = tf.sequential({ layers: [L.masking({ inputShape: [3, 2] }), L.prelu(), L.identity(), L.gaussianNoise({ stddev: 0.1 }),
      L.gaussianDropout({ rate: 0.1 }), L.alphaDropout({ rate: 0.1 }), L.spatialDropout1d({ rate: 0.1 }), probe] });
    m.predict(x);
    expect(probe.masks).toEqual([[1, 0, 1, 0, 0, 1]]);
    const inp = tf.input({ shape: [3, 2] });
    const after = new MaskProbe();
    const stop = L.permute({ dims: [2, 1] });
    const fm = tf.model({ inputs: inp, outputs: after.apply(stop.apply(L.masking().apply(inp))) as any });
    fm.predict(x);
    expect(after.masks).toEqual([]);
  });
});

describe('getConfig has tfjs-layers\' keys', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['repeatVector', { n: 2 }], ['permute', { dims: [2, 1] }], ['masking', { maskValue: 3 }], ['prelu', { sharedAxes: [1] }],
    ['thresholdedReLU', { theta: 0.3 }], ['gaussianNoise', { stddev: 0.2 }], ['gaussianDropout', { rate: 0.2 }],
    ['alphaDropout', { rate: 0.2 }], ['spatialDropout1d', { rate: 0.2 }], ['rescaling', { scale: 2, offset: 1 }],
    ['resizing', { height: 3, width: 4, interpolation: 'nearest', cropToAspectRatio: true }], ['centerCrop', { height: 3, width: 4 }],
    ['categoryEncoding', { numTokens: 5, outputMode: 'count' }], ['randomWidth', { factor: [0.1, 0.3], interpolation: 'nearest', seed: 4 }],
  ];
  it.each(cases)('%s', (name, args) => {
    const ours = (L as any)[name]({ ...args, name: `${name}_cfg` }).getConfig();
    const theirs = (tfl.layers as any)[name]({ ...args, name: `${name}_cfg` }).getConfig();
    for (const [k, v] of Object.entries(theirs)) {
      expect(Object.keys(ours), `${name}: key ${k}`).toContain(k);
      // initializers differ in name only (tfjs 'Zeros', ascent 'Constant' 0); undefined in tfjs is null in ours
      if (k !== 'alphaInitializer') expect(ours[k], `${name}.${k}`).toEqual(v === undefined ? null : v);
    }
  });
});
