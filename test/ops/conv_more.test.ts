// conv1d, separableConv2d, NCHW conv2d/depthwiseConv2d, localResponseNormalization and tf.fused.*:
// values and gradients against TensorFlow.js (cpu), finite differences, errors.
import { describe, expect, it } from 'vitest';
import { checkGrad, compareWithTfjs, expectClose, oracle, rand, tf, toTfjs } from '../helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const toO = toTfjs;
const compare = compareWithTfjs;

describe('conv1d', () => {
  it.each([
    { x: [2, 9, 3], w: [3, 3, 4], s: 1, p: 'same', d: 1 },
    { x: [1, 10, 2], w: [2, 2, 3], s: 2, p: 'valid', d: 1 },
    { x: [8, 2], w: [3, 2, 2], s: 1, p: 'valid', d: 2 },
    { x: [2, 7, 1], w: [4, 1, 2], s: 3, p: 'same', d: 1 },
  ] as const)('matches tfjs: %o', async (c) => {
    const tfc = await oracle();
    await compare((x, w) => tf.conv1d(x, w, c.s, c.p, 'NWC', c.d), (x, w) => tfc.conv1d(x, w, c.s, c.p, 'NWC', c.d), [rand([...c.x], 1), rand([...c.w], 2)], c.d === 1);
  });
  it('NCW, chain, finite differences, errors', () => {
    const x = rand([2, 7, 3], 3), w = rand([3, 3, 2], 4);
    const y = tf.conv1d(x, w, 1, 'same');
    expectClose(tf.conv1d(x.transpose([0, 2, 1]), w, 1, 'same', 'NCW'), y.transpose([0, 2, 1]));
    expectClose(x.conv1d(w, 1, 'same'), y);
    checkGrad((a, b) => tf.conv1d(a, b, 1, 'same', 'NWC', 2), [rand([1, 6, 2], 5), rand([2, 2, 2], 6)]);
    expect(() => tf.conv1d(tf.zeros([1, 5, 3]), tf.zeros([2, 2, 1]), 1, 'valid')).toThrow(/conv1d: x has 3 channels/);
    expect(() => tf.conv1d(tf.zeros([1, 5, 3]), tf.zeros([2, 3, 1, 1]), 1, 'valid')).toThrow(/conv1d: filter must be rank 3/);
    expect(() => tf.conv1d(tf.zeros([5]), tf.zeros([2, 3, 1]), 1, 'valid')).toThrow(/conv1d: argument 'x' must be rank 3/);
    expect(() => tf.conv1d(tf.zeros([1, 5, 3]), tf.zeros([2, 3, 1]), 1, 'same', 'NWC', 1, 'round')).toThrow(/conv1d: dimRoundingMode 'round' needs a numeric or explicit pad/);
    expect(tf.conv1d(tf.zeros([1, 5, 3]), tf.zeros([2, 3, 1]), 2, 1, 'NWC', 1, 'ceil').shape).toEqual([1, 4, 1]);
  });
});

describe('separableConv2d', () => {
  it.each([
    { x: [2, 6, 6, 3], dw: [3, 3, 3, 2], pw: [1, 1, 6, 4], s: 1, p: 'same', d: 1 },
    { x: [1, 7, 5, 2], dw: [2, 2, 2, 1], pw: [1, 1, 2, 3], s: 2, p: 'valid', d: 1 },
    { x: [1, 8, 8, 2], dw: [3, 3, 2, 2], pw: [1, 1, 4, 2], s: 1, p: 'same', d: 2 },
  ] as const)('matches tfjs: %o', async (c) => {
    const tfc = await oracle();
    await compare((x, a, b) => tf.separableConv2d(x, a, b, c.s, c.p, c.d), (x, a, b) => tfc.separableConv2d(x, a, b, c.s, c.p, c.d),
      [rand([...c.x], 1), rand([...c.dw], 2), rand([...c.pw], 3)], c.d === 1);
  });
  it('NCHW, rank 3, chain, errors', () => {
    const x = rand([1, 5, 5, 2], 3), a = rand([3, 3, 2, 2], 4), b = rand([1, 1, 4, 3], 5);
    const y = tf.separableConv2d(x, a, b, 1, 'same');
    expectClose(tf.separableConv2d(x.transpose([0, 3, 1, 2]), a, b, 1, 'same', 1, 'NCHW'), y.transpose([0, 3, 1, 2]));
    expectClose(tf.separableConv2d(x.reshape([5, 5, 2]), a, b, 1, 'same'), y.reshape([5, 5, 3]));
    expectClose(x.separableConv2d(a, b, 1, 'same'), y);
    checkGrad((p, q, r) => tf.separableConv2d(p, q, r, 1, 'same', 2), [rand([1, 5, 5, 2], 6), rand([2, 2, 2, 1], 7), rand([1, 1, 2, 2], 8)]);
    expect(() => tf.separableConv2d(x, a, rand([1, 1, 3, 3]), 1, 'same')).toThrow(/separableConv2d: pointwiseFilter must be \[1, 1, 4, outChannels\]/);
  });
});

describe('NCHW conv2d and depthwiseConv2d', () => {
  it('match tfjs (values and gradients), explicit padding in NCHW order', async () => {
    const tfc = await oracle();
    for (const p of ['same', 'valid', [[0, 0], [0, 0], [1, 0], [2, 1]]] as Any[]) {
      await compare((x, w) => tf.conv2d(x, w, [1, 2], p, 'NCHW'), (x, w) => tfc.conv2d(x, w, [1, 2], p, 'NCHW'), [rand([2, 3, 5, 6], 1), rand([3, 2, 3, 4], 2)]);
    }
    const x = rand([2, 3, 5, 6], 1), w = rand([3, 2, 3, 2], 2);
    const nhwc = tf.depthwiseConv2d(x.transpose([0, 2, 3, 1]), w, 1, [[0, 0], [1, 0], [2, 1], [0, 0]]);
    expectClose(tf.depthwiseConv2d(x, w, 1, [[0, 0], [0, 0], [1, 0], [2, 1]], 'NCHW'), nhwc.transpose([0, 3, 1, 2]));
    checkGrad((a, b) => tf.depthwiseConv2d(a, b, 1, 'same', 'NCHW'), [rand([1, 2, 4, 4], 3), rand([2, 2, 2, 2], 4)]);
    expect(() => tf.conv2d(tf.zeros([1, 2, 4, 4]), tf.zeros([2, 2, 4, 1]), 1, 'same', 'NCHW')).toThrow(/conv2d: x has 2 channels .*NCHW/);
    expect(() => tf.conv2d(tf.zeros([1, 2, 4, 4]), tf.zeros([2, 2, 4, 1]), 1, 'same', 'NCWH' as Any)).toThrow(/conv2d: dataFormat must be 'NHWC' or 'NCHW'/);
  });
});

describe('localResponseNormalization', () => {
  it.each([
    { x: [2, 3, 3, 7], r: 2, bias: 1, alpha: 1, beta: 0.5 },
    { x: [1, 2, 2, 12], r: 5, bias: 2, alpha: 0.5, beta: 0.75 },
    { x: [3, 2, 4], r: 1, bias: 1.5, alpha: 0.1, beta: 1 },
    { x: [1, 1, 2, 3], r: 0, bias: 1, alpha: 2, beta: 0.3 },
  ])('matches tfjs (values and gradient): %o', async (c) => {
    const tfc = await oracle();
    await compare((x) => tf.localResponseNormalization(x, c.r, c.bias, c.alpha, c.beta),
      (x) => tfc.localResponseNormalization(x, c.r, c.bias, c.alpha, c.beta), [rand(c.x, 1)], true, 1e-4);
  });
  it('finite differences, second order, chain, errors', () => {
    checkGrad((x) => tf.localResponseNormalization(x, 2, 1, 0.5, 0.75), [rand([1, 2, 2, 5], 2)]);
    checkGrad((x) => {
      const t = new tf.GradientTape();
      t.watch(x);
      const g = t.gradient(tf.sum(tf.square(tf.localResponseNormalization(x, 1))), x)!;
      return g;
    }, [rand([1, 1, 2, 4], 3)], { eps: 1e-2, rtol: 3e-2, atol: 5e-3 });
    const x = rand([1, 2, 2, 5], 4);
    expectClose(x.localResponseNormalization(2), tf.localResponseNormalization(x, 2));
    expect(() => tf.localResponseNormalization(x, 1.5)).toThrow(/localResponseNormalization: depthRadius must be a non-negative integer/);
    expect(() => tf.localResponseNormalization(tf.zeros([2, 3]))).toThrow(/localResponseNormalization: x must be rank 4/);
  });
});

describe('tf.fused', () => {
  const acts = ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu', 'prelu'] as const;
  it.each(acts)('conv2d, depthwiseConv2d and matMul with bias and %s match tfjs', async (act) => {
    const tfc = await oracle();
    const x = rand([2, 5, 5, 3], 1, -3, 3), w = rand([3, 3, 3, 4], 2), dw = rand([3, 3, 3, 2], 3);
    const bias = rand([4], 4), dbias = rand([6], 5), alpha = rand([4], 6, 0, 0.5), dalpha = rand([6], 7, 0, 0.5);
    const gradsToo = act === 'linear' || act === 'relu'; // tfjs has no gradients for the others
    const opt = (b: Any, p: Any) => ({ bias: b, activation: act, preluActivationWeights: act === 'prelu' ? p : undefined, leakyreluAlpha: 0.3 });
    await compare((a, b, c, p) => tf.fused.conv2d({ x: a, filter: b, strides: 1, pad: 'same', ...opt(c, p) }),
      (a, b, c, p) => tfc.fused.conv2d({ x: a, filter: b, strides: 1, pad: 'same', ...opt(c, p) }), [x, w, bias, alpha], false);
    await compare((a, b, c) => tf.fused.conv2d({ x: a, filter: b, strides: 2, pad: 'valid', ...opt(c, alpha) }),
      (a, b, c) => tfc.fused.conv2d({ x: a, filter: b, strides: 2, pad: 'valid', ...opt(c, toO(alpha, tfc)) }), [x, w, bias], gradsToo);
    await compare((a, b, c) => tf.fused.depthwiseConv2d({ x: a, filter: b, strides: 1, pad: 'same', ...opt(c, dalpha) }),
      (a, b, c) => tfc.fused.depthwiseConv2d({ x: a, filter: b, strides: 1, pad: 'same', ...opt(c, toO(dalpha, tfc)) }), [x, dw, dbias], gradsToo);
    const ma = rand([3, 4], 8, -3, 3), mb = rand([5, 4], 9), mbias = rand([5], 10), malpha = rand([5], 11, 0, 0.5);
    await compare((a, b, c) => tf.fused.matMul({ a, b, transposeB: true, ...opt(c, malpha) }),
      (a, b, c) => tfc.fused.matMul({ a, b, transposeB: true, ...opt(c, toO(malpha, tfc)) }), [ma, mb, mbias], gradsToo);
    if (act !== 'linear' && act !== 'relu') {
      checkGrad((a, b, c) => tf.fused.conv2d({ x: a, filter: b, pad: 'same', ...opt(c, alpha) }), [rand([1, 3, 3, 3], 12, -2, 2), rand([2, 2, 3, 4], 13), bias]);
      checkGrad((a, b, c) => tf.fused.matMul({ a, b, ...opt(c, rand([2], 14, 0, 0.5)) }), [rand([2, 3], 15, -2, 2), rand([3, 2], 16), rand([2], 17)]);
    }
  });
  it('NCHW bias per channel; errors name the op', async () => {
    const tfc = await oracle();
    const x = rand([2, 3, 5, 5], 1), w = rand([3, 3, 3, 4], 2), b = rand([4], 3);
    await compare((a, f, c) => tf.fused.conv2d({ x: a, filter: f, strides: 1, pad: 'same', dataFormat: 'NCHW', bias: c, activation: 'relu' }),
      // (tfjs's fused kernel rejects NCHW with an activation: its unfused ops are the reference)
      (a, f, c) => tfc.relu(tfc.add(tfc.conv2d(a, f, 1, 'same', 'NCHW'), tfc.reshape(c, [4, 1, 1]))), [x, w, b]);
    expect(() => tf.fused.conv2d({ x, filter: w, activation: 'tanh' as Any })).toThrow(/fused.conv2d: activation must be one of/);
    expect(() => tf.fused.matMul({ a: rand([2, 3]), b: rand([3, 2]), activation: 'prelu' })).toThrow(/fused.matMul: activation 'prelu' needs preluActivationWeights/);
    expect(() => (tf.fused.matMul as Any)(null)).toThrow(/fused.matMul: expects an options object/);
    expect(() => tf.fused.matMul({ a: rand([2, 3]), b: rand([3, 2]), bias: rand([3]) })).toThrow(/^fused.matMul: /);
  });
});
