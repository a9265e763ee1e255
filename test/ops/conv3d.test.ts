// conv3d, conv3dTranspose, maxPool3d, avgPool3d, pool (dilated), maxPoolWithArgmax and dilation2d: values
// and gradients against TensorFlow.js (cpu), finite differences (first and second order), errors.
import { describe, expect, it } from 'vitest';
import { checkGrad, compareWithTfjs, expectClose, oracle, rand, tf, toTfjs } from '../helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const toO = toTfjs;
const compare = compareWithTfjs;

/** d/dx of sum(grad(sum(f(x)²), x) · r): gradients of gradients by finite differences. */
function secondOrder(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor) {
  const r = rand(x.shape, 99);
  checkGrad((a) => {
    const t = new tf.GradientTape();
    t.watch(a);
    return tf.mul(t.gradient(tf.sum(tf.square(f(a))), a)!, r);
  }, [x], { eps: 1e-2, rtol: 3e-2, atol: 5e-3 });
}

describe('conv3d and conv3dTranspose', () => {
  it.each([
    { x: [2, 4, 5, 4, 2], w: [2, 3, 2, 2, 3], s: 1, p: 'valid', d: 1 },
    { x: [1, 5, 5, 5, 3], w: [3, 3, 3, 3, 2], s: [2, 1, 2], p: 'same', d: 1 },
    { x: [1, 6, 5, 6, 1], w: [2, 2, 2, 1, 4], s: 1, p: 'same', d: 2 },
    { x: [4, 4, 3, 2], w: [1, 1, 1, 2, 3], s: 1, p: 'valid', d: 1 },
  ] as const)('conv3d matches tfjs: %o', async (c) => {
    const tfc = await oracle();
    await compare((x, w) => tf.conv3d(x, w, c.s as Any, c.p, 'NDHWC', c.d), (x, w) => tfc.conv3d(x, w, c.s as Any, c.p, 'NDHWC', c.d),
      [rand([...c.x], 1), rand([...c.w], 2)], c.d === 1);
  });
  it.each([
    { x: [1, 3, 3, 3, 2], w: [2, 2, 2, 3, 2], out: [1, 4, 4, 4, 3], s: 1, p: 'valid' },
    { x: [2, 2, 3, 2, 2], w: [3, 3, 3, 1, 2], out: [2, 4, 5, 4, 1], s: 2, p: 'same' },
  ] as const)('conv3dTranspose matches tfjs: %o', async (c) => {
    const tfc = await oracle();
    await compare((x, w) => tf.conv3dTranspose(x, w, [...c.out], c.s, c.p), (x, w) => tfc.conv3dTranspose(x, w, [...c.out] as Any, c.s, c.p),
      [rand([...c.x], 1), rand([...c.w], 2)], false);
  });
  it('finite differences (first and second order), errors', () => {
    checkGrad((x, w) => tf.conv3d(x, w, 1, 'same', 'NDHWC', 2), [rand([1, 3, 4, 3, 2], 3), rand([2, 2, 2, 2, 2], 4)]);
    checkGrad((x, w) => tf.conv3dTranspose(x, w, [1, 4, 3, 4, 2], 2, 'same'), [rand([1, 2, 2, 2, 3], 5), rand([2, 2, 2, 2, 3], 6)]);
    const w = rand([2, 2, 2, 2, 2], 7);
    secondOrder((x) => tf.conv3d(x, w, 1, 'same'), rand([1, 3, 3, 3, 2], 8));
    expect(tf.conv3d(tf.zeros([1, 1, 1, 1, 1]), tf.zeros([2, 2, 2, 1, 1])).shape).toEqual([1, 0, 0, 0, 1]);
    expect(() => tf.conv3d(tf.zeros([1, 3, 3, 3, 2]), tf.zeros([2, 2, 2, 3, 1]))).toThrow(/conv3d: x has 2 channels/);
    expect(() => tf.conv3d(tf.zeros([1, 3, 3, 3, 2]), tf.zeros([2, 2, 2, 1]))).toThrow(/conv3d: filter must be rank 5/);
    expect(() => tf.conv3d(tf.zeros([1, 3, 3, 3, 2]), tf.zeros([5, 2, 2, 2, 1]))).toThrow(/conv3d: the 5×2×2 window .* larger/);
    expect(() => tf.conv3d(tf.zeros([1, 3, 3, 3, 2]), tf.zeros([2, 2, 2, 2, 1]), 2, 'valid', 'NDHWC', 2)).toThrow(/conv3d: strides .* cannot both be > 1/);
    expect(() => tf.conv3d(tf.zeros([1, 3, 3, 3, 2]), tf.zeros([2, 2, 2, 2, 1]), 1, 'valid', 'NCDHW' as Any)).toThrow(/conv3d: only dataFormat 'NDHWC'/);
    expect(() => tf.conv3dTranspose(tf.zeros([1, 2, 2, 2, 2]), tf.zeros([2, 2, 2, 1, 2]), [1, 4, 4, 4, 1], 1, 'valid')).toThrow(/conv3dTranspose: x \[1,2,2,2,2\] does not match outputShape/);
  });
});

describe('maxPool3d and avgPool3d', () => {
  it.each([
    { x: [2, 4, 4, 4, 2], k: 2, s: 2, p: 'valid' },
    { x: [1, 5, 4, 3, 3], k: [3, 2, 2], s: [1, 2, 1], p: 'same' },
    { x: [3, 5, 5, 1], k: 2, s: 1, p: 'same' },
    { x: [1, 5, 5, 5, 1], k: 3, s: 2, p: 1, r: 'ceil' },
  ] as const)('match tfjs (values and gradients): %o', async (c) => {
    const tfc = await oracle();
    const x = rand([...c.x], 1, -5, 5); // (spread out: no near-ties for the finite differences of max)
    const r = (c as Any).r;
    await compare((a) => tf.maxPool3d(a, c.k as Any, c.s as Any, c.p, r), (a) => tfc.maxPool3d(a, c.k as Any, c.s as Any, c.p, r), [x]);
    // tfjs's avgPool3d gradient divides by the whole window, padded taps included (not the derivative of its
    // forward, which counts in-volume taps): gradients compared where nothing is padded, and by finite differences
    await compare((a) => tf.avgPool3d(a, c.k as Any, c.s as Any, c.p, r), (a) => tfc.avgPool3d(a, c.k as Any, c.s as Any, c.p, r), [x], c.p === 'valid');
    if (c.p !== 'valid') checkGrad((a) => tf.avgPool3d(a, c.k as Any, c.s as Any, c.p, r), [x]);
  });
  it('finite differences (second order too), errors', () => {
    checkGrad((x) => tf.avgPool3d(x, [2, 3, 2], 1, 'same'), [rand([1, 3, 3, 3, 2], 2)]);
    checkGrad((x) => tf.maxPool3d(x, 2, 1, 'same'), [rand([1, 3, 3, 3, 2], 3, -5, 5)]);
    secondOrder((x) => tf.maxPool3d(x, 2, 1, 'valid'), rand([1, 3, 3, 3, 1], 4, -5, 5));
    secondOrder((x) => tf.avgPool3d(x, 2, 1, 'same'), rand([1, 3, 3, 3, 1], 5));
    expect(() => tf.maxPool3d(tf.zeros([2, 3]), 2, 1, 'valid')).toThrow(/maxPool3d: argument 'x' must be rank 5/);
    expect(() => tf.avgPool3d(tf.zeros([1, 2, 2, 2, 1]), [2, 2] as Any, 1, 'valid')).toThrow(/avgPool3d: filterSize must be a positive integer or three/);
    expect(() => tf.maxPool3d(tf.zeros([1, 2, 2, 2, 1]), 2, 1, 'same', 'ceil')).toThrow(/maxPool3d: dimRoundingMode 'ceil' needs a numeric or explicit pad/);
    expect(() => tf.avgPool3d(tf.zeros([1, 2, 2, 2, 1]), 2, 1, 'valid', undefined, 'NCDHW' as Any)).toThrow(/avgPool3d: only dataFormat 'NDHWC'/);
  });
});

describe('pool', () => {
  it.each([
    { x: [2, 6, 6, 2], w: 3, t: 'max', p: 'same', d: 2, s: 1 },
    { x: [2, 6, 6, 2], w: 3, t: 'avg', p: 'same', d: 2, s: 1 },
    { x: [1, 7, 6, 3], w: [2, 3], t: 'max', p: 'valid', d: [2, 1], s: 1 },
    { x: [1, 7, 6, 3], w: [2, 2], t: 'avg', p: 'valid', d: [3, 2], s: 1 },
    { x: [5, 5, 2], w: 2, t: 'avg', p: 'same', d: 1, s: 2 },
    { x: [1, 5, 5, 2], w: 3, t: 'max', p: 'valid', d: 1, s: [2, 1] },
  ] as const)('matches tfjs (values and gradients): %o', async (c) => {
    const tfc = await oracle();
    // (tfjs's avgPool gradient with padding divides by the whole window: see avgPool3d above)
    const grads = !(c.t === 'avg' && c.p === 'same' && c.d === 1);
    await compare((a) => tf.pool(a, c.w as Any, c.t, c.p, c.d as Any, c.s as Any), (a) => tfc.pool(a, c.w as Any, c.t, c.p, c.d as Any, c.s as Any), [rand([...c.x], 1)], grads);
  });
  it('chain, finite differences, errors', () => {
    const x = rand([1, 5, 5, 2], 2);
    expectClose(x.pool(2, 'max', 'same', 2), tf.pool(x, 2, 'max', 'same', 2));
    checkGrad((a) => tf.pool(a, 2, 'avg', 'same', 2), [rand([1, 4, 4, 1], 3)]);
    expect(() => tf.pool(x, 2, 'min' as Any)).toThrow(/pool: poolingType must be 'avg' or 'max'/);
    expect(() => tf.pool(x, 2, 'max', 'same', 2, 2)).toThrow(/pool: strides 2,2 and dilations 2,2 cannot both be > 1/);
  });
});

describe('maxPoolWithArgmax', () => {
  it.each([
    { x: [2, 4, 4, 3], k: 2, s: 2, p: 'valid', b: false },
    { x: [2, 5, 4, 2], k: [3, 2], s: [1, 2], p: 'same', b: true },
    { x: [1, 3, 3, 1], k: 2, s: 1, p: 'valid', b: true },
  ] as const)('matches tfjs: %o', async (c) => {
    const tfc = await oracle();
    const x = rand([...c.x], 1);
    const { result, indexes } = tf.maxPoolWithArgmax(x, c.k as Any, c.s as Any, c.p, c.b);
    const o = tfc.maxPoolWithArgmax(toO(x, tfc), c.k as Any, c.s as Any, c.p, c.b);
    expectClose(result, Array.from(o.result.dataSync()));
    expect(indexes.dtype).toBe('int32');
    expect(indexes.shape).toEqual(o.indexes.shape);
    expect(Array.from(indexes.dataSync())).toEqual(Array.from(o.indexes.dataSync()));
  });
  it('result has a gradient (maxPool\'s); errors', () => {
    // (distinct values 0.5 apart: no near-ties for the finite differences)
    const x = tf.tensor(Array.from({ length: 18 }, (_, i) => ((i * 7) % 18) * 0.5 - 4), [1, 3, 3, 2]);
    checkGrad((a) => tf.maxPoolWithArgmax(a, 2, 1, 'same').result, [x]);
    expect(() => tf.maxPoolWithArgmax(tf.zeros([3, 3, 1]), 2, 1, 'valid')).toThrow(/maxPoolWithArgmax: argument 'x' must be rank 4/);
  });
});

describe('dilation2d', () => {
  it.each([
    { x: [2, 5, 5, 2], f: [3, 3, 2], s: 1, p: 'same', d: 1 },
    { x: [1, 6, 7, 3], f: [2, 3, 3], s: [2, 1], p: 'valid', d: 1 },
    { x: [1, 7, 7, 1], f: [2, 2, 1], s: 1, p: 'same', d: 2 },
    { x: [6, 6, 2], f: [2, 2, 2], s: 2, p: 'same', d: 2 },
  ] as const)('matches tfjs (values and gradients): %o', async (c) => {
    const tfc = await oracle();
    await compare((x, f) => tf.dilation2d(x, f, c.s as Any, c.p, c.d as Any), (x, f) => tfc.dilation2d(x, f, c.s as Any, c.p, c.d as Any),
      [rand([...c.x], 1), rand([...c.f], 2)]);
  });
  it('finite differences (second order too), chain, errors', () => {
    checkGrad((x, f) => tf.dilation2d(x, f, 1, 'same'), [rand([1, 4, 4, 2], 3, -5, 5), rand([2, 2, 2], 4, -5, 5)]);
    const f = rand([2, 2, 1], 5, -5, 5);
    secondOrder((x) => tf.dilation2d(x, f, 1, 'same'), rand([1, 3, 3, 1], 6, -5, 5));
    const x = rand([1, 4, 4, 2], 7), w = rand([2, 2, 2], 8);
    expectClose(x.dilation2d(w, 1, 'same'), tf.dilation2d(x, w, 1, 'same'));
    expect(() => tf.dilation2d(x, rand([2, 2, 3]), 1, 'same')).toThrow(/dilation2d: x has depth 2 .* filter \[2,2,3\] has 3/);
    expect(() => tf.dilation2d(x, rand([2, 2, 2, 1]), 1, 'same')).toThrow(/dilation2d: filter must be rank 3/);
  });
});
