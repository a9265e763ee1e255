// cumsum and topk: values against TensorFlow.js (cpu), gradients (TensorFlow.js, finite differences,
// second order), kernel twins, and errors.
import { describe, expect, it } from 'vitest';
import { H, K } from '../../src/backend/wasm.js';
import { checkGrad, expectClose, oracle, rand, tf } from '../helpers.js';

type O = Awaited<ReturnType<typeof oracle>>;
const toO = (tfc: O, t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype as any);
const vals = (t: { dataSync(): ArrayLike<number> }) => Array.from(t.dataSync());

describe('cumsum', () => {
  it('known values: exclusive and reverse', () => {
    const x = tf.tensor1d([1, 2, 3, 4]);
    expect(vals(tf.cumsum(x))).toEqual([1, 3, 6, 10]);
    expect(vals(tf.cumsum(x, 0, true))).toEqual([0, 1, 3, 6]);
    expect(vals(tf.cumsum(x, 0, false, true))).toEqual([10, 9, 7, 4]);
    expect(vals(tf.cumsum(x, 0, true, true))).toEqual([9, 7, 4, 0]);
    const i = tf.cumsum(tf.tensor([[1, 2], [3, 4]], [2, 2], 'int32'), 1);
    expect(i.dtype).toBe('int32');
    expect(i.arraySync()).toEqual([[1, 3], [3, 7]]);
    expect(vals(x.cumsum())).toEqual([1, 3, 6, 10]);
  });

  it('matches TensorFlow.js for every axis and flag, values and gradients', async () => {
    const tfc = await oracle();
    const x = rand([3, 5, 6], 1), xo = toO(tfc, x), dy = rand([3, 5, 6], 2), dyo = toO(tfc, dy);
    for (const axis of [0, 1, 2, -1]) {
      for (const exclusive of [false, true]) {
        for (const reverse of [false, true]) {
          const y = tf.cumsum(x, axis, exclusive, reverse);
          // (TensorFlow.js returns an empty tensor for a negative axis)
          expectClose(y, vals(tfc.cumsum(xo, axis < 0 ? axis + 3 : axis, exclusive, reverse)), 1e-5, 1e-6);
          // TensorFlow.js's cumsum gradient has the wrong shape for axes other than the last one
          // (it forgets to transpose back): those are checked by finite differences below
          if (axis !== 2) continue;
          const g = tf.grad((a) => tf.cumsum(a, axis, exclusive, reverse))(x, dy);
          const go = tfc.grad((a: any) => tfc.cumsum(a, axis, exclusive, reverse))(xo, dyo);
          expectClose(g, vals(go), 1e-5, 1e-6);
        }
      }
    }
  });

  it('finite differences and second order', () => {
    checkGrad((a) => tf.cumsum(a, 1, true, false), [rand([2, 5], 3)]);
    checkGrad((a) => tf.cumsum(a, 1, true, true), [rand([2, 4, 3], 7)]);
    checkGrad((a) => tf.square(tf.cumsum(a, 0, false, true)), [rand([4, 3], 4)]);
    const r = rand([5], 5);
    checkGrad((a) => {
      const t = new tf.GradientTape();
      t.watch(a);
      return tf.mul(t.gradient(tf.sum(tf.pow(tf.cumsum(a), 3)), a)!, r);
    }, [rand([5], 6)]);
  });

  it('SIMD kernel equals its scalar twin', () => {
    for (let inner = 1; inner <= 13; inner++) {
      const outer = 2, r = 5, n = outer * r * inner;
      const x = H().alloc(n * 4), y1 = H().alloc(n * 4), y2 = H().alloc(n * 4);
      for (let i = 0; i < n; i++) H().f32[(x >> 2) + i] = Math.cos(i * 0.37) * 3;
      for (const [ex, rev] of [[false, false], [true, false], [false, true], [true, true]]) {
        K().f32_cumsum__wasmsimd(x, y1, outer, r, inner, ex, rev);
        K().f32_cumsum__scalar(x, y2, outer, r, inner, ex, rev);
        expect(Array.from(H().f32.subarray(y1 >> 2, (y1 >> 2) + n))).toEqual(Array.from(H().f32.subarray(y2 >> 2, (y2 >> 2) + n)));
      }
      [x, y1, y2].forEach((p) => H().free(p, n * 4));
    }
  });

  it('errors', () => {
    expect(() => tf.cumsum(tf.scalar(1))).toThrow(/cumsum: x must have rank ≥ 1/);
    expect(() => tf.cumsum(tf.zeros([2, 3]), 2)).toThrow(/cumsum: axis 2 is out of range for x \[2,3\]/);
  });
});

describe('topk', () => {
  it('known values, ties keep index order, int32', () => {
    const { values, indices } = tf.topk(tf.tensor1d([1, 5, 3, 4]), 2);
    expect(vals(values)).toEqual([5, 4]);
    expect(vals(indices)).toEqual([1, 3]);
    expect(indices.dtype).toBe('int32');
    const t = tf.topk(tf.tensor2d([[2, 7, 7, 1, 7], [0, 0, 0, 0, 0]]), 3);
    expect(t.values.arraySync()).toEqual([[7, 7, 7], [0, 0, 0]]);
    expect(t.indices.arraySync()).toEqual([[1, 2, 4], [0, 1, 2]]);
    const i = tf.topk(tf.tensor([3, 9, -2], [3], 'int32'), 3);
    expect(i.values.dtype).toBe('int32');
    expect(vals(i.values)).toEqual([9, 3, -2]);
    expect(vals(tf.tensor1d([1, 5, 3]).topk().values)).toEqual([5]);
    expect(tf.topk(tf.zeros([2, 3]), 0).values.shape).toEqual([2, 0]);
    // NaN ranks above everything
    expect(vals(tf.topk(tf.tensor1d([1, NaN, 3]), 2).indices)).toEqual([1, 2]);
  });

  it('matches TensorFlow.js for small k (insertion) and large k (merge sort)', async () => {
    const tfc = await oracle();
    for (const [shape, k] of [[[3, 10], 4], [[2, 3, 40], 17], [[50], 50], [[4, 33], 33], [[5, 7], 1]] as [number[], number][]) {
      // values rounded to 1/8 so that there are ties
      const x = tf.round(tf.mul(rand(shape, k), 16)).div(8);
      const a = tf.topk(x, k), b = tfc.topk(toO(tfc, x), k);
      expect(a.values.shape).toEqual(b.values.shape);
      expect(vals(a.values)).toEqual(vals(b.values));
      expect(vals(a.indices)).toEqual(vals(b.indices));
    }
  });

  it('gradient scatters dy to the chosen entries; finite differences; second order', () => {
    const x = tf.tensor2d([[0.1, 0.9, 0.5], [0.7, 0.2, 0.3]]);
    const g = tf.grad((a) => tf.topk(a, 2).values)(x, tf.tensor2d([[1, 2], [3, 4]]));
    expect(g.arraySync()).toEqual([[0, 1, 2], [3, 0, 4]]);
    checkGrad((a) => tf.topk(a, 3).values, [tf.tensor([[0.3, -0.8, 0.5, 0.1, 0.9], [0.05, -0.4, 0.6, 0.2, 0.95]])]);
    checkGrad((a) => tf.topk(a, 20).values, [tf.tensor(Array.from({ length: 24 }, (_, i) => Math.sin(i * 2.3) + i * 0.001))]);
    const r = tf.tensor([0.5, 1.5, -1, 2, 0.25]);
    checkGrad((a) => {
      const t = new tf.GradientTape();
      t.watch(a);
      return tf.mul(t.gradient(tf.sum(tf.square(tf.topk(a, 2).values)), a)!, r);
    }, [tf.tensor([0.3, -0.8, 0.5, 0.1, 0.9])]);
  });

  it('errors', () => {
    expect(() => tf.topk(tf.zeros([2, 3]), 4)).toThrow(/topk: k must be an integer in \[0, 3\] \(the last axis of x \[2,3\]\), got 4/);
    expect(() => tf.topk(tf.scalar(1))).toThrow(/topk: x must have rank ≥ 1/);
    expect(() => tf.topk(tf.tensor([true]))).toThrow(/topk: argument 'x' must be float32 or int32, got bool/);
  });
});
