// Rescaling, Resizing, CenterCrop, CategoryEncoding and RandomWidth: against tfjs-layers where its semantics
// are Keras' (values and gradients), against Keras 3 fixtures for Resizing and CenterCrop
// (scripts/fixtures/preprocessing15.py), finite differences, configs and errors.
import { describe, expect, it } from 'vitest';
import { expectClose, rand, tf } from '../helpers.js';
import { checkLayerGrad, compareLayer, tfl, vals } from './oracle.js';
import FIXTURES from '../fixtures/keras/preprocessing15.json';

const L = tf.layers;
const fixtures = FIXTURES as unknown as {
  cases: { name: string; layer: 'Resizing' | 'CenterCrop'; args: Record<string, unknown>; x: number[]; xShape: number[]; y: number[]; yShape: number[] }[];
};
const camel = (s: string) => s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
const tsArgs = (a: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(a).map(([k, v]) => [camel(k), typeof v === 'string' ? camel(v) : v])) as any;

describe('Rescaling', () => {
  it.each([{ scale: 1 / 255 }, { scale: 1 / 127.5, offset: -1 }, { scale: -2, offset: 0.5 }])('matches tfjs-layers: %o', async (args) => {
    const ours = L.rescaling(args);
    await compareLayer(ours, tfl.layers.rescaling(args), tf.mul(rand([2, 3, 3, 2], 1, 0, 255), 1));
    expect(ours.getConfig()).toMatchObject({ scale: args.scale, offset: args.offset ?? 0 });
  });
  it('int32 inputs become float32 (as tfjs); per-channel scale and offset (Keras 3)', async () => {
    const x = tf.tensor2d([[0, 255], [51, 102]], [2, 2], 'int32');
    const y = await compareLayer(L.rescaling({ scale: 1 / 255 }), tfl.layers.rescaling({ scale: 1 / 255 }), x);
    expect(y.dtype).toBe('float32');
    const z = L.rescaling({ scale: [1, 10], offset: [0, -1] }).apply(tf.tensor2d([[1, 2], [3, 4]])) as tf.Tensor;
    expect(vals(z)).toEqual([1, 19, 3, 39]);
    checkLayerGrad(L.rescaling({ scale: [0.5, -2], offset: 1 }), rand([3, 2], 2));
  });
  it('errors', () => {
    expect(() => L.rescaling({} as any)).toThrow(/rescaling(_\d+)?: scale must be a finite number or a list of them/);
    expect(() => L.rescaling({ scale: 1, offset: NaN })).toThrow(/offset must be a finite number/);
  });
});

describe('Resizing and CenterCrop match Keras 3', () => {
  it.each(fixtures.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const args = tsArgs(c.args);
    const layer = c.layer === 'Resizing' ? L.resizing(args) : L.centerCrop(args);
    const y = layer.apply(tf.tensor(c.x, c.xShape)) as tf.Tensor;
    expect(y.shape).toEqual(c.yShape);
    expect(y.dtype).toBe('float32');
    expectClose(y, c.y, 1e-5, 1e-5);
    expect(layer.computeOutputShape(c.xShape)).toEqual(c.yShape);
  });
});

describe('Resizing', () => {
  it('finite differences (bilinear, nearest, cropToAspectRatio)', () => {
    checkLayerGrad(L.resizing({ height: 5, width: 3 }), rand([1, 3, 4, 2], 3));
    checkLayerGrad(L.resizing({ height: 3, width: 5, interpolation: 'nearest' }), rand([2, 2, 3, 1], 4));
    checkLayerGrad(L.resizing({ height: 2, width: 2, cropToAspectRatio: true }), rand([1, 3, 5, 1], 5));
  });
  it('config (tfjs keys), batch-free output shape, errors', () => {
    const r = L.resizing({ height: 8, width: 6 });
    expect(r.getConfig()).toMatchObject({ height: 8, width: 6, interpolation: 'bilinear', cropToAspectRatio: false });
    expect(r.computeOutputShape([null, 20, 30, 3])).toEqual([null, 8, 6, 3]);
    expect(() => L.resizing({ height: 0, width: 2 })).toThrow(/height must be a positive integer/);
    expect(() => L.resizing({ height: 2, width: 2, interpolation: 'bicubic' as any })).toThrow(/interpolation must be 'bilinear' or 'nearest'/);
    expect(() => L.resizing({ height: 2, width: 2, padToAspectRatio: true })).toThrow(/padToAspectRatio is not supported/);
    expect(() => L.resizing({ height: 2, width: 2, name: 'rs' }).apply(tf.zeros([2, 3]))).toThrow(/rs: expected images \[batch, height, width, channels\]/);
  });
});

describe('CenterCrop', () => {
  it('matches tfjs-layers values where tfjs crops exactly (even margins)', async () => {
    // (tfjs samples the crop with cropAndResize, which has no image gradient there: values only)
    await compareLayer(L.centerCrop({ height: 4, width: 2 }), tfl.layers.centerCrop({ height: 4, width: 2 }), rand([2, 8, 6, 3], 6), { inputGrad: false });
  });
  it('finite differences (crop and upsizing); config; errors', () => {
    checkLayerGrad(L.centerCrop({ height: 2, width: 3 }), rand([1, 4, 5, 2], 7));
    checkLayerGrad(L.centerCrop({ height: 4, width: 3 }), rand([1, 3, 3, 1], 8));
    expect(L.centerCrop({ height: 3, width: 4 }).getConfig()).toMatchObject({ height: 3, width: 4 });
    expect(() => L.centerCrop({ height: 3 } as any)).toThrow(/width must be a positive integer/);
  });
});

describe('CategoryEncoding', () => {
  const cases = [
    { mode: 'multiHot', x: [[0, 1, 1], [3, 2, 0]] },
    { mode: 'count', x: [[0, 1, 1], [3, 3, 3]] },
    { mode: 'oneHot', x: [3, 0, 2, 1] },
    { mode: 'oneHot', x: [[3], [0]] },
    { mode: 'count', x: [1, 1, 0] },
  ] as const;
  it.each(cases)('matches tfjs-layers: %o', async ({ mode, x }) => {
    const xt = tf.tensor(x as any, undefined, 'int32');
    const ours = L.categoryEncoding({ numTokens: 4, outputMode: mode });
    const y = await compareLayer(ours, tfl.layers.categoryEncoding({ numTokens: 4, outputMode: mode }), xt);
    expect(y.dtype).toBe('float32');
    expect(ours.computeOutputShape(xt.shape)).toEqual(y.shape);
  });
  it('a vector is one sample for multiHot (Keras: [1, 0, 1, 0]; tfjs\' denseBincount counts it, [1, 0, 2, 0])', () => {
    const y = L.categoryEncoding({ numTokens: 4, outputMode: 'multiHot' }).apply(tf.tensor1d([2, 0, 2], 'int32')) as tf.Tensor;
    expect(y.shape).toEqual([4]);
    expect(vals(y)).toEqual([1, 0, 1, 0]);
  });
  it('float inputs are cast; default multiHot; config; errors', () => {
    const c = L.categoryEncoding({ numTokens: 3 });
    expect(vals(c.apply(tf.tensor2d([[2, 2]])) as tf.Tensor)).toEqual([0, 0, 1]);
    expect(c.getConfig()).toMatchObject({ numTokens: 3, outputMode: 'multiHot' });
    expect(c.computeOutputShape([null, 5])).toEqual([null, 3]);
    expect(() => L.categoryEncoding({ numTokens: 3, name: 'ce' }).apply(tf.tensor1d([0, 3], 'int32'))).toThrow(/ce: input values must be in \[0, numTokens\) = \[0, 3\), got values in \[0, 3\]/);
    expect(() => L.categoryEncoding({ numTokens: 3 }).apply(tf.tensor1d([-1], 'int32'))).toThrow(/input values must be in/);
    expect(() => L.categoryEncoding({ numTokens: 3, outputMode: 'tfIdf' as any })).toThrow(/outputMode must be 'oneHot', 'multiHot' or 'count'/);
    expect(() => L.categoryEncoding({ numTokens: 0 })).toThrow(/numTokens must be a positive integer/);
    expect(() => L.categoryEncoding({ numTokens: 3, outputMode: 'oneHot' }).apply(tf.zeros([2, 2], 'int32'))).toThrow(/inputs must have rank ≤ 2/);
  });
});

describe('RandomWidth', () => {
  it.each([
    { factor: [0.5, 0.5], interpolation: 'bilinear' },
    { factor: [-0.25, -0.25], interpolation: 'bilinear' },
    { factor: [0.4, 0.4], interpolation: 'nearest' },
  ] as const)('in training matches tfjs-layers for a fixed factor: %o', async (args) => {
    // (values only: tfjs' resize gradients fail on non-square images (bilinear) or differ from the
    // adjoint (nearest); ours are checked by finite differences below)
    const a = { factor: args.factor as unknown as [number, number], interpolation: args.interpolation };
    const ours = L.randomWidth(a);
    const y = await compareLayer(ours, tfl.layers.randomWidth(a), rand([2, 3, 4, 2], 9), { training: true, inputGrad: false });
    expect(y.shape[2]).toBe(Math.round(4 * (1 + args.factor[0])));
  });
  it('inference is the identity (Keras); training widths are random within the factor, repeatable with a seed', () => {
    const x = rand([1, 2, 10, 1], 10);
    expectClose(L.randomWidth({ factor: 0.5 }).apply(x) as tf.Tensor, x, 0, 0);
    const widths = new Set<number>();
    const r = L.randomWidth({ factor: [-0.5, 0.5], seed: 3 });
    for (let i = 0; i < 20; i++) {
      const w = (r.apply(x, { training: true }) as tf.Tensor).shape[2];
      expect(w).toBeGreaterThanOrEqual(5);
      expect(w).toBeLessThanOrEqual(15);
      widths.add(w);
    }
    expect(widths.size).toBeGreaterThan(3);
    const w1 = (L.randomWidth({ factor: 0.5, seed: 4 }).apply(x, { training: true }) as tf.Tensor);
    expectClose(L.randomWidth({ factor: 0.5, seed: 4 }).apply(x, { training: true }) as tf.Tensor, w1, 0, 0);
    expect(r.computeOutputShape([null, 2, 10, 1])).toEqual([null, 2, null, 1]);
  });
  it('finite differences, config, errors', () => {
    checkLayerGrad(L.randomWidth({ factor: [0.5, 0.5] }), rand([1, 2, 3, 1], 11), { training: true });
    checkLayerGrad(L.randomWidth({ factor: [0.4, 0.4], interpolation: 'nearest' }), rand([2, 3, 4, 2], 9), { training: true });
    expect(L.randomWidth({ factor: 0.2, seed: 1 }).getConfig()).toMatchObject({ factor: 0.2, interpolation: 'bilinear', seed: 1 });
    expect(() => L.randomWidth({ factor: 0 })).toThrow(/factor must be a positive number or \[lower, upper\]/);
    expect(() => L.randomWidth({ factor: [-2, 0] })).toThrow(/factor must be/);
    expect(() => L.randomWidth({ factor: [0.5, 0.1] })).toThrow(/factor must be/);
  });
});
