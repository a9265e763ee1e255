// conv2d, conv2dTranspose, conv2dBackpropFilter: values and gradients against TensorFlow.js (cpu),
// finite differences, and second-order gradients through the conv/backprop-input/backprop-filter trio.
import { describe, expect, it } from 'vitest';
import { checkGrad, expectClose, oracle, rand, tf } from '../helpers.js';

type Case = { x: number[]; w: number[]; s: number | [number, number]; p: 'valid' | 'same' | number; d?: number };
const cases: Case[] = [
  { x: [2, 5, 5, 3], w: [3, 3, 3, 4], s: 1, p: 'valid' },
  { x: [1, 6, 7, 2], w: [3, 2, 2, 3], s: [2, 1], p: 'same' },
  { x: [2, 7, 7, 1], w: [3, 3, 1, 2], s: 2, p: 'same' },
  { x: [1, 5, 5, 2], w: [1, 1, 2, 3], s: 1, p: 'valid' },
  { x: [1, 4, 4, 2], w: [2, 2, 2, 2], s: 1, p: 1 },
  { x: [1, 7, 7, 2], w: [3, 3, 2, 2], s: 1, p: 'same', d: 2 },
  { x: [1, 9, 8, 3], w: [5, 4, 3, 5], s: 3, p: 'valid' },
];

describe('conv2d', () => {
  it.each(cases)('matches TensorFlow.js values and gradients: %o', async (c) => {
    const tfc = await oracle();
    const x = rand(c.x, 1), w = rand(c.w, 2);
    const y = tf.conv2d(x, w, c.s, c.p, 'NHWC', c.d ?? 1);
    const xo = tfc.tensor(Array.from(x.dataSync()), c.x as any), wo = tfc.tensor(Array.from(w.dataSync()), c.w as any);
    const f = (a: any, b: any) => tfc.conv2d(a, b, c.s, c.p as any, 'NHWC', c.d ?? 1);
    const yo = f(xo, wo);
    expect(y.shape).toEqual(yo.shape);
    expectClose(y, Array.from(yo.dataSync()), 1e-4, 1e-5);
    if (c.d && c.d > 1) return; // TensorFlow.js has no gradients for dilated conv2d: finite differences below
    const dy = rand(y.shape, 3);
    const tape = new tf.GradientTape();
    tape.watch([x, w]);
    const [dx, dw] = tape.gradient(tf.conv2d(x, w, c.s, c.p, 'NHWC', c.d ?? 1), [x, w], dy) as tf.Tensor[];
    const [dxo, dwo] = tfc.grads((a: any, b: any) => f(a, b))([xo, wo], tfc.tensor(Array.from(dy.dataSync()), dy.shape as any));
    expectClose(dx, Array.from(dxo.dataSync()), 1e-4, 1e-5);
    expectClose(dw, Array.from(dwo.dataSync()), 1e-4, 1e-5);
  });

  it('finite differences for input and filter', () => {
    checkGrad((x, w) => tf.conv2d(x, w, 2, 'same'), [rand([1, 5, 4, 2], 4), rand([3, 3, 2, 2], 5)]);
    checkGrad((x, w) => tf.conv2d(x, w, 1, 'valid', 'NHWC', 2), [rand([1, 6, 6, 1], 6), rand([2, 2, 1, 2], 7)]);
  });

  it('second-order: gradients of the conv gradients match finite differences', () => {
    // d/dx and d/dw of sum(dL/dx ⊙ r) where L = sum(conv(x, w)²): exercises backprop-input and
    // backprop-filter as differentiable ops.
    const r = rand([1, 5, 5, 2], 9);
    const f = (x: tf.Tensor, w: tf.Tensor) => {
      const t = new tf.GradientTape();
      t.watch(x);
      const l = tf.sum(tf.square(tf.conv2d(x, w, 1, 'same')));
      return tf.mul(t.gradient(l, x)!, r);
    };
    checkGrad(f, [rand([1, 5, 5, 2], 10), rand([3, 3, 2, 3], 11)], { eps: 1e-2, rtol: 3e-2, atol: 5e-3 });
  });

  it('conv2dTranspose matches TensorFlow.js', async () => {
    const tfc = await oracle();
    const x = rand([2, 3, 3, 4], 1), w = rand([3, 3, 2, 4], 2);
    const y = tf.conv2dTranspose(x, w, [2, 6, 6, 2], 2, 'same');
    const yo = tfc.conv2dTranspose(tfc.tensor(Array.from(x.dataSync()), [2, 3, 3, 4]), tfc.tensor(Array.from(w.dataSync()), [3, 3, 2, 4]), [2, 6, 6, 2], 2, 'same');
    expectClose(y, Array.from(yo.dataSync()), 1e-4, 1e-5);
    checkGrad((a, b) => tf.conv2dTranspose(a, b, [1, 5, 5, 2], 2, 'same'), [rand([1, 3, 3, 3], 3), rand([3, 3, 2, 3], 4)]);
  });

  it('rank-3 input is treated as a batch of one', () => {
    const x = rand([5, 5, 2], 1), w = rand([3, 3, 2, 1], 2);
    const y = tf.conv2d(x, w, 1, 'valid');
    expect(y.shape).toEqual([3, 3, 1]);
    expectClose(y, tf.conv2d(x.reshape([1, 5, 5, 2]), w, 1, 'valid').reshape([3, 3, 1]));
  });

  it('seed 002 §3.7: x[4,38,38,3] with 24 filters 3×3', () => {
    const x = rand([4, 38, 38, 3], 1), w = rand([3, 3, 3, 24], 2);
    expect(tf.conv2d(x, w, 1, 'valid').shape).toEqual([4, 36, 36, 24]);
    expect(tf.conv2d(x, w, 1, 'same').shape).toEqual([4, 38, 38, 24]);
    expect(tf.conv2d(x, w, 2, 'same').shape).toEqual([4, 19, 19, 24]);
  });

  it('dimRoundingMode needs a numeric or explicit pad (tfjs); null dilations and strides are the defaults', () => {
    const x = rand([1, 5, 5, 1], 3), w = rand([2, 2, 1, 1], 4);
    for (const pad of ['same', 'valid'] as const) {
      expect(() => tf.conv2d(x, w, 1, pad, 'NHWC', 1, 'ceil')).toThrow(/^conv2d: dimRoundingMode 'ceil' needs a numeric or explicit pad, got "/);
      expect(() => tf.maxPool(x, 2, 1, pad, 'round')).toThrow(/^maxPool: dimRoundingMode 'round' needs a numeric or explicit pad/);
      expect(() => tf.avgPool(x, 2, 1, pad, 'floor')).toThrow(/^avgPool: dimRoundingMode/);
      expect(() => tf.depthwiseConv2d(x, w, 1, pad, 'NHWC', 1, 'ceil')).toThrow(/^depthwiseConv2d: dimRoundingMode/);
    }
    expect(tf.conv2d(x, w, 2, 1, 'NHWC', 1, 'ceil').shape).toEqual([1, 4, 4, 1]);
    expect(tf.depthwiseConv2d(x, w, 1, 'valid', 'NHWC', null as never).arraySync())
      .toEqual(tf.depthwiseConv2d(x, w, 1, 'valid').arraySync());
  });

  it('bad input gives clear errors', () => {
    expect(() => tf.conv2d(tf.zeros([1, 5, 5, 3]), tf.zeros([3, 3, 2, 4]), 1, 'valid')).toThrow(/conv2d: x has 3 channels .* filter \[3,3,2,4\] expects 2/);
    expect(() => tf.conv2d(tf.zeros([1, 1, 1, 1]), tf.zeros([3, 3, 1, 1]), 1, 'valid')).toThrow(/conv2d: the 3×3 window .* larger than the padded input \[1,1,1,1\]/);
    // an output size of 0 is an empty result (TensorFlow), not an error; so is an empty input
    expect(tf.conv2d(tf.zeros([1, 2, 2, 1]), tf.zeros([3, 3, 1, 1]), 1, 'valid').shape).toEqual([1, 0, 0, 1]);
    expect(tf.conv2d(tf.zeros([1, 0, 3, 1]), tf.zeros([3, 3, 1, 2]), 1, 'same').shape).toEqual([1, 0, 3, 2]);
    expect(() => tf.conv2d(tf.zeros([5, 5]), tf.zeros([3, 3, 1, 1]), 1, 'valid')).toThrow(/conv2d: argument 'x' must be rank 4/);
    expect(() => tf.conv2d(tf.zeros([1, 5, 5, 1]), tf.zeros([3, 3, 1]), 1, 'valid')).toThrow(/conv2d: filter must be rank 4/);
    expect(() => tf.conv2d(tf.zeros([1, 5, 5, 1]), tf.zeros([3, 3, 1, 1]), 0, 'valid')).toThrow(/conv2d: strides/);
    expect(() => tf.conv2d(tf.zeros([1, 5, 5, 1]), tf.zeros([3, 3, 1, 1]), 1, 'full' as any)).toThrow(/conv2d: pad/);
  });
});

describe('pooling', () => {
  const pcases = [
    { x: [2, 6, 6, 3], f: 2, s: 2, p: 'valid' as const },
    { x: [1, 7, 5, 2], f: 3, s: 2, p: 'same' as const },
    { x: [1, 5, 5, 1], f: [2, 3] as [number, number], s: 1, p: 'valid' as const },
    // channels a multiple of 4 (maxPool's taps-outer path), with windows cut by the padding
    { x: [2, 6, 6, 8], f: 2, s: 2, p: 'valid' as const },
    { x: [1, 7, 7, 4], f: 3, s: 2, p: 'same' as const },
  ];
  it.each(pcases)('maxPool and avgPool match TensorFlow.js values and gradients: %o', async (c) => {
    const tfc = await oracle();
    const x = rand(c.x, 5);
    const xo = tfc.tensor(Array.from(x.dataSync()), c.x as any);
    for (const name of ['maxPool', 'avgPool'] as const) {
      const y = tf[name](x, c.f, c.s, c.p);
      const fo = (a: any) => tfc[name](a, c.f, c.s, c.p);
      expectClose(y, Array.from(fo(xo).dataSync()), 1e-5, 1e-6);
      // TensorFlow.js's avgPool gradient with 'same' divides by the full window while its forward pass
      // divides by the taps inside the image; ours is the exact adjoint (finite differences below).
      if (name === 'avgPool' && c.p === 'same') continue;
      const dy = rand(y.shape, 6);
      const dx = tf.grad((a) => tf[name](a, c.f, c.s, c.p))(x, dy);
      const dxo = tfc.grad(fo)(xo, tfc.tensor(Array.from(dy.dataSync()), dy.shape as any));
      expectClose(dx, Array.from(dxo.dataSync()), 1e-5, 1e-6);
    }
  });

  // Distinct values 0.1 apart, shuffled: no two window entries are within a finite-difference step.
  const separated = (shape: number[], seed: number) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const order = Array.from(rand([n], seed).dataSync()).map((v, i) => [v, i]).sort((a, b) => a[0] - b[0]);
    const vals = new Array<number>(n);
    order.forEach(([, i], k) => { vals[i] = (k - n / 2) * 0.1; });
    return tf.tensor(vals, shape);
  };

  it('maxPool propagates NaN per channel (both the 4-channel and the odd-channel paths)', () => {
    for (const C of [4, 3]) {
      const v = Array.from({ length: 4 * C }, (_, i) => i);
      v[2 * C + 1] = NaN; // pixel 2, channel 1
      const y = Array.from(tf.maxPool(tf.tensor(v, [1, 2, 2, C]), 2, 2, 'valid').dataSync());
      expect(y).toEqual(Array.from({ length: C }, (_, c) => (c === 1 ? NaN : 3 * C + c)));
    }
  });

  // Windows that do not overlap take the kernel's write-only path (no zeroing when they tile x): the gradient must
  // still be the rule's, bit for bit — dy to the first tap equal to the maximum, +0 elsewhere — with ties, -0, NaN.
  it.each([
    { x: [2, 6, 6, 8], f: 2, s: 2, p: 'valid' as const }, // tiles x
    { x: [2, 7, 5, 3], f: 2, s: 2, p: 'valid' as const }, // a last row and column no window reaches
    { x: [1, 7, 7, 5], f: 3, s: 3, p: 'same' as const }, // windows cut by the padding
    { x: [1, 6, 6, 4], f: [2, 3] as [number, number], s: [2, 3] as [number, number], p: 'valid' as const },
  ])('maxPool gradient for disjoint windows: the first maximum, exact bits: %o', (c) => {
    tf.tidy(() => tf.fill([4096], 7).dataSync()); // leave used memory behind for dx to land on
    const n = c.x.reduce((a, b) => a * b, 1);
    const xv = Array.from(rand([n], 11).dataSync(), (v) => Math.round(v * 2) / 2); // many ties
    xv[3] = -0; xv[5] = NaN; xv[n - 2] = 0;
    const x = tf.tensor(xv, c.x);
    const y = tf.maxPool(x, c.f, c.s, c.p);
    const dyv = Array.from(rand(y.shape, 12).dataSync());
    dyv[0] = -0; dyv[1] = NaN;
    const dx = Array.from(tf.grad((a) => tf.maxPool(a, c.f, c.s, c.p))(x, tf.tensor(dyv, y.shape)).dataSync());
    const [N, H, W, C] = c.x, [KH, KW] = typeof c.f === 'number' ? [c.f, c.f] : c.f, [sh, sw] = typeof c.s === 'number' ? [c.s, c.s] : c.s;
    const [, OH, OW] = y.shape, yv = y.dataSync();
    const pt = c.p === 'same' ? Math.floor(Math.max((OH - 1) * sh + KH - H, 0) / 2) : 0;
    const pl = c.p === 'same' ? Math.floor(Math.max((OW - 1) * sw + KW - W, 0) / 2) : 0;
    const want = new Array<number>(n).fill(0);
    for (let b = 0; b < N; b++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) for (let ch = 0; ch < C; ch++) {
      const o = ((b * OH + oh) * OW + ow) * C + ch;
      let found = false;
      for (let ih = Math.max(oh * sh - pt, 0); ih < Math.min(oh * sh - pt + KH, H) && !found; ih++) {
        for (let iw = Math.max(ow * sw - pl, 0); iw < Math.min(ow * sw - pl + KW, W); iw++) {
          const i = ((b * H + ih) * W + iw) * C + ch;
          if (xv[i] === yv[o]) { want[i] = 0 + Math.fround(dyv[o]); found = true; break; }
        }
      }
    }
    expect(dx.map((v) => Object.is(v, -0) ? '-0' : v)).toEqual(want.map((v) => Object.is(v, -0) ? '-0' : v));
  });

  it('finite differences, and second order through the pooling gradients', () => {
    checkGrad((x) => tf.avgPool(x, 3, 2, 'same'), [rand([1, 5, 5, 2], 1)]);
    checkGrad((x) => tf.maxPool(x, 2, 2, 'valid'), [separated([1, 4, 4, 2], 2)]);
    checkGrad((x) => tf.maxPool(x, 3, 2, 'same'), [separated([1, 5, 5, 1], 3)]);
    const r = rand([1, 4, 4, 1], 3);
    const secondOrder = (name: 'maxPool' | 'avgPool') => (x: tf.Tensor) => {
      const t = new tf.GradientTape();
      t.watch(x);
      const l = tf.sum(tf.square(tf[name](x, 2, 2, 'valid')));
      return tf.mul(t.gradient(l, x)!, r);
    };
    checkGrad(secondOrder('avgPool'), [rand([1, 4, 4, 1], 4)]);
    checkGrad(secondOrder('maxPool'), [separated([1, 4, 4, 1], 5)]);
  });

  it('globalAvgPool is the spatial mean', () => {
    const x = rand([2, 3, 4, 5], 1);
    expectClose(tf.globalAvgPool(x), tf.mean(x, [1, 2]));
  });

  it('bad input gives clear errors', () => {
    expect(() => tf.maxPool(tf.zeros([1, 1, 1, 1]), 3, 1, 'valid')).toThrow(/maxPool: the 3×3 window/);
    expect(tf.maxPool(tf.zeros([1, 2, 2, 1]), 3, 1, 'valid').shape).toEqual([1, 0, 0, 1]);
    expect(tf.avgPool(tf.zeros([1, 1, 0, 3]), 1, 2, 'same').shape).toEqual([1, 1, 0, 3]);
    expect(() => tf.avgPool(tf.zeros([4, 4]), 2, 2, 'valid')).toThrow(/avgPool: x must be rank 4/);
    expect(() => (tf.maxPool as any)(tf.zeros([1, 2, 2, 1]))).toThrow(/maxPool: filterSize is required/);
  });
});
