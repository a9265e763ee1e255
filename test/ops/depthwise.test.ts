// depthwiseConv2d: values and gradients against TensorFlow.js (cpu), finite differences (first and
// second order, dilations), the SIMD kernels against their scalar twins, and errors.
import { describe, expect, it } from 'vitest';
import { H, K } from '../../src/backend/wasm.js';
import { geometry, geomArray } from '../../src/ops/conv_geometry.js';
import { checkGrad, expectClose, oracle, rand, tf } from '../helpers.js';

type Case = { x: number[]; w: number[]; s: number | [number, number]; p: 'valid' | 'same' | number; d?: number };
const cases: Case[] = [
  { x: [2, 5, 5, 3], w: [3, 3, 3, 1], s: 1, p: 'valid' },
  { x: [1, 6, 7, 8], w: [3, 2, 8, 1], s: [2, 1], p: 'same' },
  { x: [2, 7, 7, 3], w: [3, 3, 3, 2], s: 2, p: 'same' },
  { x: [1, 5, 6, 2], w: [2, 2, 2, 4], s: 1, p: 'valid' },
  { x: [1, 4, 4, 5], w: [3, 3, 5, 3], s: 1, p: 1 },
  { x: [1, 8, 8, 4], w: [3, 3, 4, 1], s: 1, p: 'same', d: 2 },
];

describe('depthwiseConv2d', () => {
  it.each(cases)('matches TensorFlow.js values and gradients: %o', async (c) => {
    const tfc = await oracle();
    const x = rand(c.x, 1), w = rand(c.w, 2);
    const y = tf.depthwiseConv2d(x, w, c.s, c.p, 'NHWC', c.d ?? 1);
    const xo = tfc.tensor(Array.from(x.dataSync()), c.x as any), wo = tfc.tensor(Array.from(w.dataSync()), c.w as any);
    const f = (a: any, b: any) => tfc.depthwiseConv2d(a, b, c.s, c.p as any, 'NHWC', c.d ?? 1);
    const yo = f(xo, wo);
    expect(y.shape).toEqual(yo.shape);
    expectClose(y, Array.from(yo.dataSync()), 1e-5, 1e-6);
    if (c.d && c.d > 1) return; // no dilated gradients in TensorFlow.js: finite differences below
    const dy = rand(y.shape, 3);
    const [dx, dw] = tf.grads((a, b) => tf.depthwiseConv2d(a, b, c.s, c.p))([x, w], dy);
    const [dxo, dwo] = tfc.grads(f)([xo, wo], tfc.tensor(Array.from(dy.dataSync()), dy.shape as any));
    expectClose(dx, Array.from(dxo.dataSync()), 1e-5, 1e-6);
    expectClose(dw, Array.from(dwo.dataSync()), 1e-5, 1e-5);
  });

  it('a multiplier-1 depthwise conv equals conv2d with a block-diagonal filter', () => {
    const x = rand([1, 5, 5, 3], 4), w = rand([3, 3, 3, 1], 5);
    const full = tf.tensor(Array.from({ length: 3 * 3 * 3 * 3 }, (_, i) => {
      const oc = i % 3, ic = Math.floor(i / 3) % 3, tap = Math.floor(i / 9);
      return ic === oc ? w.dataSync()[tap * 3 + ic] : 0;
    }), [3, 3, 3, 3]);
    expectClose(tf.depthwiseConv2d(x, w, 1, 'same'), tf.conv2d(x, full, 1, 'same'), 1e-5, 1e-6);
  });

  it('finite differences (with dilations), rank-3 input, chain method', () => {
    checkGrad((x, w) => tf.depthwiseConv2d(x, w, 2, 'same'), [rand([1, 5, 4, 2], 4), rand([3, 3, 2, 2], 5)]);
    checkGrad((x, w) => tf.depthwiseConv2d(x, w, 1, 'valid', 'NHWC', 2), [rand([1, 6, 6, 3], 6), rand([2, 2, 3, 1], 7)]);
    checkGrad((x, w) => tf.depthwiseConv2d(x, w, 1, 'same'), [rand([1, 4, 4, 1], 8), rand([3, 3, 1, 4], 9)]);
    checkGrad((x, w) => tf.depthwiseConv2d(x, w, 1, 'same', 'NHWC', [2, 1]), [rand([1, 6, 5, 2], 10), rand([3, 2, 2, 2], 11)]);
    checkGrad((x, w) => tf.depthwiseConv2d(x, w, [1, 3], [[0, 0], [1, 2], [2, 0], [0, 0]]), [rand([1, 5, 7, 5], 12), rand([2, 3, 5, 1], 13)]);
    const x = rand([5, 5, 2], 1), w = rand([3, 3, 2, 2], 2);
    expect(tf.depthwiseConv2d(x, w, 1, 'valid').shape).toEqual([3, 3, 4]);
    expectClose(x.reshape([1, 5, 5, 2]).depthwiseConv2d(w, 1, 'valid').reshape([3, 3, 4]), tf.depthwiseConv2d(x, w, 1, 'valid'));
  });

  it('second order: gradients of the gradients (backprop-input and backprop-filter are ops)', () => {
    const r = rand([1, 5, 5, 2], 9);
    checkGrad((x, w) => {
      const t = new tf.GradientTape();
      t.watch(x);
      const l = tf.sum(tf.square(tf.depthwiseConv2d(x, w, 1, 'same')));
      return tf.mul(t.gradient(l, x)!, r);
    }, [rand([1, 5, 5, 2], 10), rand([3, 3, 2, 1], 11)], { eps: 1e-2, rtol: 3e-2, atol: 5e-3 });
    const r2 = rand([2, 2, 2, 2], 12);
    checkGrad((x, w) => {
      const t = new tf.GradientTape();
      t.watch(w);
      const l = tf.sum(tf.square(tf.depthwiseConv2d(x, w, 1, 'valid')));
      return tf.mul(t.gradient(l, w)!, r2);
    }, [rand([1, 4, 4, 2], 13), rand([2, 2, 2, 2], 14)], { eps: 1e-2, rtol: 3e-2, atol: 5e-3 });
  });

  it('SIMD kernels equal their scalar twins (channels and multipliers around the 4-lane width)', () => {
    for (const [C, M] of [[1, 1], [3, 1], [4, 1], [9, 1], [2, 4], [3, 8], [2, 3], [5, 2]]) {
      const g = geometry('test', [2, 5, 6, C], 3, 3, [2, 1], 'same', 1);
      const geom = H().alloc(64);
      H().i32.set([...geomArray(g), M], geom >> 2);
      const nx = 2 * 5 * 6 * C, nw = 9 * C * M, ny = g.N * g.OH * g.OW * C * M;
      const fill = (n: number, s: number) => { const p = H().alloc(n * 4); for (let i = 0; i < n; i++) H().f32[(p >> 2) + i] = Math.sin(i * s + 1); return p; };
      const read = (p: number, n: number) => Array.from(H().f32.subarray(p >> 2, (p >> 2) + n));
      const x = fill(nx, 0.7), w = fill(nw, 1.3), dy = fill(ny, 0.9);
      const a = H().alloc(Math.max(nx, nw, ny) * 4), b = H().alloc(Math.max(nx, nw, ny) * 4);
      K().f32_depthwise__wasmsimd(x, w, a, geom); K().f32_depthwise__scalar(x, w, b, geom);
      expect(read(a, ny)).toEqual(read(b, ny));
      K().f32_depthwise_backward_input__wasmsimd(dy, w, a, geom); K().f32_depthwise_backward_input__scalar(dy, w, b, geom);
      expect(read(a, nx)).toEqual(read(b, nx));
      K().f32_depthwise_backward_filter__wasmsimd(x, dy, a, geom); K().f32_depthwise_backward_filter__scalar(x, dy, b, geom);
      expect(read(a, nw)).toEqual(read(b, nw));
      for (const [p, n] of [[x, nx], [w, nw], [dy, ny], [a, Math.max(nx, nw, ny)], [b, Math.max(nx, nw, ny)]]) H().free(p, n * 4);
      H().free(geom, 64);
    }
  });

  it('bad input gives clear errors', () => {
    expect(() => tf.depthwiseConv2d(tf.zeros([1, 5, 5, 3]), tf.zeros([3, 3, 2, 1]), 1, 'valid')).toThrow(/depthwiseConv2d: x has 3 channels .* filter \[3,3,2,1\] expects 2/);
    expect(() => tf.depthwiseConv2d(tf.zeros([1, 1, 1, 1]), tf.zeros([3, 3, 1, 1]), 1, 'valid')).toThrow(/depthwiseConv2d: the 3×3 window .* larger than the padded input/);
    expect(tf.depthwiseConv2d(tf.zeros([1, 2, 2, 1]), tf.zeros([3, 3, 1, 2]), 1, 'valid').shape).toEqual([1, 0, 0, 2]);
    expect(() => tf.depthwiseConv2d(tf.zeros([5, 5]), tf.zeros([3, 3, 1, 1]), 1, 'valid')).toThrow(/depthwiseConv2d: argument 'x' must be rank 4/);
    expect(() => tf.depthwiseConv2d(tf.zeros([1, 5, 5, 1]), tf.zeros([3, 3, 1]), 1, 'valid')).toThrow(/depthwiseConv2d: filter must be rank 4/);
    expect(() => tf.depthwiseConv2d(tf.zeros([1, 5, 5, 1]), tf.zeros([3, 3, 1, 1]), 1, 'valid', 'NCWH' as any)).toThrow(/depthwiseConv2d: dataFormat must be 'NHWC' or 'NCHW'/);
    expect(() => tf.depthwiseConv2d(tf.zeros([1, 5, 5, 1]), tf.zeros([3, 3, 1, 1]), 2, 'valid', 'NHWC', 2)).toThrow(/depthwiseConv2d: strides 2,2 and dilations 2,2 cannot both be > 1/);
  });
});
