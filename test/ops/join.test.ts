// concat, stack, unstack, split, tile, pad, mirrorPad, clipByValue, meshgrid: the seed's examples,
// TensorFlow.js (cpu) as the oracle for values and gradients, finite differences, second order, errors.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfcore from '@tensorflow/tfjs-core';
import { checkGrad, expectClose, oracle, rand, tf } from '../helpers.js';

let tfc: typeof tfcore;
beforeAll(async () => { tfc = await oracle(); });

const toTfc = (t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype);
function matches(ours: tf.Tensor, theirs: tfcore.Tensor, tol = 0): void {
  expect(ours.shape).toEqual(theirs.shape);
  expect(ours.dtype).toBe(theirs.dtype);
  expectClose(ours, Array.from(theirs.dataSync()), tol, tol);
}
const errorOf = (f: () => unknown): string => {
  try { f(); } catch (e) { return (e as Error).message; }
  throw new Error('expected an error');
};

/**
 * Gradients of sum_k(f(xs)_k · w_k) for the list of outputs of f, ours vs TensorFlow.js (w random).
 * `fo` is the same computation in tfjs.
 */
function gradsMatch(f: (...a: tf.Tensor[]) => tf.Tensor | tf.Tensor[], fo: (...a: tfcore.Tensor[]) => tfcore.Tensor | tfcore.Tensor[],
                    xs: tf.Tensor[], tol = 1e-6): void {
  const outs = ([] as tf.Tensor[]).concat(f(...xs));
  const ws = outs.map((o, i) => rand(o.shape, 100 + i));
  const loss = (...a: tf.Tensor[]) => ([] as tf.Tensor[]).concat(f(...a)).reduce((s, o, i) => tf.add(s, tf.sum(tf.mul(o, ws[i]))), tf.scalar(0));
  const lossO = (...a: tfcore.Tensor[]) => ([] as tfcore.Tensor[]).concat(fo(...a))
    .reduce((s, o, i) => tfc.add(s, tfc.sum(tfc.mul(o, toTfc(ws[i])))), tfc.scalar(0));
  const g = tf.grads(loss)(xs);
  const go = tfc.grads(lossO)(xs.map(toTfc));
  g.forEach((gi, i) => matches(gi, go[i], tol));
}

describe('concat', () => {
  it('seed 002 §3.17: [4,35,8] ++ [6,35,8] along axis 0 is [10,35,8]', () => {
    const a = tf.randomNormal([4, 35, 8]), b = tf.randomNormal([6, 35, 8]);
    const c = tf.concat([a, b], 0);
    expect(c.shape).toEqual([10, 35, 8]);
    expect(Array.from(c.dataSync())).toEqual([...a.dataSync(), ...b.dataSync()]);
  });

  it('values on every axis, negative axis, dtypes, one tensor, empty parts, chaining', () => {
    const a = tf.tensor2d([[1, 2], [10, 20]]), b = tf.tensor2d([[3], [30]]);
    expect(tf.concat([a, b], 1).arraySync()).toEqual([[1, 2, 3], [10, 20, 30]]);
    expect(tf.concat([a, b], -1).arraySync()).toEqual([[1, 2, 3], [10, 20, 30]]);
    expect(tf.concat([tf.tensor1d([1, 2]), tf.tensor1d([3, 4]), tf.tensor1d([5, 6])]).arraySync()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(tf.concat([a]).arraySync()).toEqual([[1, 2], [10, 20]]);
    expect(tf.concat([tf.zeros([0, 2]), a, tf.zeros([0, 2])]).arraySync()).toEqual([[1, 2], [10, 20]]);
    expect(tf.concat([tf.zeros([2, 0]), tf.zeros([2, 0])], 1).shape).toEqual([2, 0]);
    const i = tf.concat([tf.tensor1d([1, 2], 'int32'), tf.tensor1d([3], 'int32')]);
    expect(i.dtype).toBe('int32');
    expect(i.arraySync()).toEqual([1, 2, 3]);
    const bo = tf.concat([tf.tensor([true]), tf.tensor([false, true])]);
    expect(bo.dtype).toBe('bool');
    expect(bo.arraySync()).toEqual([true, false, true]);
    const mixed = tf.concat([tf.tensor1d([1], 'int32'), tf.tensor1d([2.5])]);
    expect(mixed.dtype).toBe('float32');
    expect(mixed.arraySync()).toEqual([1, 2.5]);
    expect(tf.tensor1d([1, 2]).concat(tf.tensor1d([3])).arraySync()).toEqual([1, 2, 3]);
    expect(tf.tensor1d([1]).concat([tf.tensor1d([2]), tf.tensor1d([3])]).arraySync()).toEqual([1, 2, 3]);
    expect(tf.tensor1d([1]).concat([2, 3]).arraySync()).toEqual([1, 2, 3]);
  });

  it('matches TensorFlow.js values and gradients (3 inputs, every axis of a 4d tensor)', () => {
    for (let axis = -1; axis < 4; axis++) {
      const shapes = [[2, 3, 4, 5], [2, 3, 4, 5], [2, 3, 4, 5]].map((s, k) => { const t = s.slice(); t[(axis + 4) % 4] = k + 1; return t; });
      const xs = shapes.map((s, k) => rand(s, k + 1));
      matches(tf.concat(xs, axis), tfc.concat(xs.map(toTfc), axis));
      gradsMatch((...a) => tf.concat(a, axis), (...a) => tfc.concat(a, axis), xs);
    }
  });

  it('finite differences and second order', () => {
    checkGrad((a, b) => tf.concat([a, b, a], 1), [rand([2, 3], 1), rand([2, 2], 2)]);
    const r = rand([2, 5], 3);
    checkGrad((a, b) => {
      const tape = new tf.GradientTape();
      tape.watch([a, b]);
      const l = tf.sum(tf.pow(tf.concat([a, b], 1), 3));
      return tf.mul(tf.concat(tape.gradient(l, [a, b]) as tf.Tensor[], 1), r);
    }, [rand([2, 3], 4), rand([2, 2], 5)]);
  });

  it('bad input: errors name concat, the tensor index and its shape', () => {
    expect(errorOf(() => tf.concat([tf.zeros([4, 32, 8]), tf.zeros([6, 35, 8])], 0)))
      .toMatch(/^concat: tensors\[1\] has shape \[6,35,8\], which does not match tensors\[0\] \[4,32,8\] outside axis 0/);
    expect(errorOf(() => tf.concat([tf.zeros([2, 3]), tf.zeros([2, 3, 1])], 1))).toMatch(/^concat: tensors\[1\] has shape \[2,3,1\]/);
    expect(errorOf(() => tf.concat([tf.zeros([2, 3]), tf.zeros([2, 3])], 2))).toMatch(/^concat: axis 2 is out of range for tensors\[0\] \[2,3\] of rank 2/);
    expect(errorOf(() => tf.concat([]))).toMatch(/^concat: pass a non-empty array of tensors/);
    expect(errorOf(() => tf.concat([tf.scalar(1), tf.scalar(2)]))).toMatch(/^concat: tensors\[0\] is a scalar/);
    const d = tf.zeros([2]); d.dispose();
    expect(errorOf(() => tf.concat([tf.zeros([2]), d]))).toMatch(/^concat: argument 'tensors\[1\]' is disposed/);
    expect(tf.concat([tf.zeros([1]), tf.ones([1])]).arraySync()).toEqual([0, 1]);
  });
});

describe('stack / unstack', () => {
  it('seed 002 §3.17/3.18: stack two [35,8] → [2,35,8]; unstack [10,35,8] → 10 × [35,8]', () => {
    const a = tf.randomNormal([35, 8]), b = tf.randomNormal([35, 8]);
    const s = tf.stack([a, b], 0);
    expect(s.shape).toEqual([2, 35, 8]);
    expect(Array.from(s.dataSync())).toEqual([...a.dataSync(), ...b.dataSync()]);
    const x = tf.randomNormal([10, 35, 8]);
    const parts = tf.unstack(x, 0);
    expect(parts.length).toBe(10);
    expect(parts[0].shape).toEqual([35, 8]);
    expect(Array.from(parts[3].dataSync())).toEqual(Array.from(x.dataSync().slice(3 * 280, 4 * 280)));
  });

  it('values on every axis, scalars, chaining; matches TensorFlow.js values and gradients', () => {
    expect(tf.stack([tf.tensor1d([1, 2]), tf.tensor1d([3, 4])], 1).arraySync()).toEqual([[1, 3], [2, 4]]);
    expect(tf.stack([tf.scalar(1), tf.scalar(2)]).arraySync()).toEqual([1, 2]);
    expect(tf.tensor1d([1, 2]).stack(tf.tensor1d([3, 4]), -1).arraySync()).toEqual([[1, 3], [2, 4]]);
    expect(tf.unstack(tf.tensor2d([[1, 2], [3, 4]]), 1).map((t) => t.arraySync())).toEqual([[1, 3], [2, 4]]);
    expect(tf.tensor2d([[1, 2], [3, 4]], undefined, 'int32').unstack().map((t) => t.arraySync())).toEqual([[1, 2], [3, 4]]);
    for (const axis of [0, 1, 2, -1]) {
      const xs = [rand([3, 4], 1), rand([3, 4], 2), rand([3, 4], 3)];
      matches(tf.stack(xs, axis), tfc.stack(xs.map(toTfc), axis));
      gradsMatch((...a) => tf.stack(a, axis), (...a) => tfc.stack(a, axis), xs);
    }
    for (const axis of [0, 1, 2, -1]) {
      const x = rand([2, 3, 4], 4);
      const ours = tf.unstack(x, axis), theirs = tfc.unstack(toTfc(x), axis);
      ours.forEach((t, i) => matches(t, theirs[i]));
      gradsMatch((a) => tf.unstack(a, axis), (a) => tfc.unstack(a, axis), [x]);
    }
    checkGrad((a, b) => tf.stack([a, b], 1), [rand([2, 3], 5), rand([2, 3], 6)]);
    checkGrad((a) => tf.mul(tf.unstack(a, 1)[2], tf.unstack(a, 1)[0]), [rand([2, 3, 2], 7)]);
  });

  it('bad input: errors name the op, the tensor index and the shapes', () => {
    expect(errorOf(() => tf.stack([tf.zeros([35, 8]), tf.zeros([35, 9])])))
      .toMatch(/^stack: tensors\[1\] has shape \[35,9\] but tensors\[0\] has \[35,8\]; stack needs equal shapes/);
    expect(errorOf(() => tf.stack([tf.zeros([2]), tf.zeros([2])], 2))).toMatch(/^stack: axis 2 is out of range for the result of rank 2/);
    expect(errorOf(() => tf.unstack(tf.zeros([2, 3]), 2))).toMatch(/^unstack: axis 2 is out of range for x \[2,3\] of rank 2/);
    expect(errorOf(() => tf.unstack(tf.scalar(1)))).toMatch(/^unstack: cannot unstack a scalar/);
  });
});

describe('split', () => {
  it('seed 002 §3.18: [10,35,8] into 2 → [5,35,8]; into [4,4,2] → result[2] is [2,35,8]', () => {
    const a = tf.randomNormal([10, 35, 8]);
    const r1 = tf.split(a, 2, 0);
    expect(r1.map((t) => t.shape)).toEqual([[5, 35, 8], [5, 35, 8]]);
    const r2 = tf.split(a, [4, 4, 2], 0);
    expect(r2[2].shape).toEqual([2, 35, 8]);
    expect(Array.from(r2[2].dataSync())).toEqual(Array.from(a.dataSync().slice(8 * 280)));
  });

  it('counts, sizes with one -1, zero sizes, chaining; matches TensorFlow.js values and gradients', () => {
    const x = tf.tensor2d([[1, 2, 3, 4, 5, 6, 7, 8], [9, 10, 11, 12, 13, 14, 15, 16]]);
    expect(tf.split(x, 2, 1).map((t) => t.arraySync())).toEqual([[[1, 2, 3, 4], [9, 10, 11, 12]], [[5, 6, 7, 8], [13, 14, 15, 16]]]);
    expect(tf.split(x, [1, -1, 2], 1).map((t) => t.shape)).toEqual([[2, 1], [2, 5], [2, 2]]);
    expect(tf.split(x, [0, 8], -1).map((t) => t.shape)).toEqual([[2, 0], [2, 8]]);
    expect(x.split([1, 1]).map((t) => t.arraySync())).toEqual([[[1, 2, 3, 4, 5, 6, 7, 8]], [[9, 10, 11, 12, 13, 14, 15, 16]]]);
    for (const [spec, axis] of [[3, 1], [[1, 2, 3], 1], [[2, -1], 0], [2, -1]] as [number | number[], number][]) {
      const t = rand([4, 6, 4], 8);
      const ours = tf.split(t, spec, axis), theirs = tfc.split(toTfc(t), Array.isArray(spec) ? spec.slice() : spec, axis);
      expect(ours.length).toBe(theirs.length);
      ours.forEach((o, i) => matches(o, theirs[i]));
      gradsMatch((a) => tf.split(a, spec, axis), (a) => tfc.split(a, Array.isArray(spec) ? spec.slice() : spec, axis), [t]);
    }
    checkGrad((a) => tf.split(a, [1, 2], 1)[1], [rand([2, 3], 9)]);
  });

  it('bad splits: errors name split, the sizes and the shape', () => {
    const x = tf.zeros([10, 4]);
    expect(errorOf(() => tf.split(x, 3))).toMatch(/^split: 3 splits do not evenly divide axis 0 of size 10 \(x \[10,4\]\)/);
    expect(errorOf(() => tf.split(x, [4, 4, 3]))).toMatch(/^split: sizes \[4,4,3\] add up to 11, not to axis 0 of size 10 \(x \[10,4\]\)/);
    expect(errorOf(() => tf.split(x, [-1, -1]))).toMatch(/^split: sizes \[-1,-1\] may hold only one -1/);
    expect(errorOf(() => tf.split(x, [12, -1]))).toMatch(/^split: sizes \[12,-1\] add up to more than axis 0 of size 10/);
    expect(errorOf(() => tf.split(x, [5, -2, 7]))).toMatch(/^split: sizes \[5,-2,7\] must be non-negative integers/);
    expect(errorOf(() => tf.split(x, 0))).toMatch(/^split: the number of splits must be a positive integer, got 0/);
    expect(errorOf(() => tf.split(x, 2, 2))).toMatch(/^split: axis 2 is out of range for x \[10,4\] of rank 2/);
  });
});

describe('tile', () => {
  it('seed 002 §3.14: range(4) as [2,2] tiled [2,3] → [4,6]', () => {
    const x = tf.reshape(tf.range(0, 4, 1, 'int32'), [2, 2]);
    const y = tf.tile(x, [2, 3]);
    expect(y.shape).toEqual([4, 6]);
    expect(y.dtype).toBe('int32');
    expect(y.arraySync()).toEqual([[0, 1, 0, 1, 0, 1], [2, 3, 2, 3, 2, 3], [0, 1, 0, 1, 0, 1], [2, 3, 2, 3, 2, 3]]);
    expect(x.tile([1, 2]).shape).toEqual([2, 4]);
    expect(tf.tile(tf.tensor([true, false]), [2]).arraySync()).toEqual([true, false, true, false]);
    expect(tf.tile(tf.tensor1d([1, 2]), [0]).shape).toEqual([0]);
  });

  it('matches TensorFlow.js values and gradients; finite differences; second order', () => {
    for (const [shape, reps] of [[[3], [4]], [[2, 3], [3, 1]], [[2, 1, 3], [1, 4, 2]], [[2, 2, 2, 2], [2, 1, 3, 2]]] as [number[], number[]][]) {
      const x = rand(shape, 3);
      matches(tf.tile(x, reps), tfc.tile(toTfc(x), reps));
      gradsMatch((a) => tf.tile(a, reps), (a) => tfc.tile(a, reps), [x], 1e-6);
    }
    checkGrad((a) => tf.tile(a, [2, 3]), [rand([2, 2], 4)]);
    const r = rand([2, 3], 5);
    checkGrad((a) => {
      const tape = new tf.GradientTape();
      tape.watch(a);
      return tf.mul(tape.gradient(tf.sum(tf.pow(tf.tile(a, [3, 1]), 3)), a)!, r);
    }, [rand([2, 3], 6)]);
  });

  it('bad reps: errors name tile, reps and the shape', () => {
    expect(errorOf(() => tf.tile(tf.zeros([2, 2]), [2]))).toMatch(/^tile: reps \[2\] must have one entry per axis of x \[2,2\] \(rank 2\)/);
    expect(errorOf(() => tf.tile(tf.zeros([2, 2]), [2, -1]))).toMatch(/^tile: reps\[1\] = -1 must be a non-negative integer/);
  });
});

describe('pad / mirrorPad', () => {
  it('seed 002 §3.21: [7,8,1,6] padded [[0,2]]; images padded by 2 pixels', () => {
    const b = tf.pad(tf.tensor1d([7, 8, 1, 6], 'int32'), [[0, 2]]);
    expect(b.dtype).toBe('int32');
    expect(b.arraySync()).toEqual([7, 8, 1, 6, 0, 0]);
    const x = tf.randomNormal([4, 28, 28, 1]);
    const y = tf.pad(x, [[0, 0], [2, 2], [2, 2], [0, 0]]);
    expect(y.shape).toEqual([4, 32, 32, 1]);
    expect(y.dataSync()[(1 * 32 + 2) * 32 + 2]).toBe(x.dataSync()[28 * 28]);
    expect(y.dataSync()[(1 * 32 + 1) * 32 + 2]).toBe(0);
  });

  it('constant values, TF mode strings, chaining, bool; matches TensorFlow.js values and gradients', () => {
    expect(tf.pad(tf.tensor2d([[1, 2], [3, 4]]), [[1, 0], [0, 1]], 9).arraySync()).toEqual([[9, 9, 9], [1, 2, 9], [3, 4, 9]]);
    expect(tf.tensor1d([1, 2, 3, 4]).pad([[1, 2]]).arraySync()).toEqual([0, 1, 2, 3, 4, 0, 0]);
    expect(tf.pad(tf.tensor1d([1, 2, 3]), [[2, 1]], 'REFLECT').arraySync()).toEqual([3, 2, 1, 2, 3, 2]);
    expect(tf.pad(tf.tensor1d([1, 2, 3]), [[1, 0]], 'CONSTANT').arraySync()).toEqual([0, 1, 2, 3]);
    expect(tf.pad(tf.tensor([true]), [[1, 1]]).arraySync()).toEqual([false, true, false]);
    expect(tf.pad(tf.zeros([0, 2]), [[1, 0], [0, 0]], 5).arraySync()).toEqual([[5, 5]]);
    for (const [shape, p, c] of [[[5], [[2, 3]], 0], [[3, 4], [[0, 1], [2, 2]], -1.5], [[2, 3, 4, 2], [[1, 1], [0, 2], [3, 0], [1, 1]], 0.25]] as [number[], [number, number][], number][]) {
      const x = rand(shape, 2);
      matches(tf.pad(x, p, c), tfc.pad(toTfc(x), p, c));
      gradsMatch((a) => tf.pad(a, p, c), (a) => tfc.pad(a, p, c), [x]);
    }
    checkGrad((a) => tf.pad(a, [[1, 2], [0, 1]], 3), [rand([2, 3], 3)]);
  });

  it('mirrorPad reflect/symmetric: explicit values, TensorFlow.js values, gradients by finite differences', () => {
    expect(tf.mirrorPad(tf.tensor1d([1, 2, 3]), [[2, 2]], 'reflect').arraySync()).toEqual([3, 2, 1, 2, 3, 2, 1]);
    expect(tf.mirrorPad(tf.tensor1d([1, 2, 3]), [[2, 2]], 'symmetric').arraySync()).toEqual([2, 1, 1, 2, 3, 3, 2]);
    expect(tf.tensor2d([[1, 2, 3], [4, 5, 6]]).mirrorPad([[1, 1], [2, 2]], 'reflect').arraySync())
      .toEqual([[6, 5, 4, 5, 6, 5, 4], [3, 2, 1, 2, 3, 2, 1], [6, 5, 4, 5, 6, 5, 4], [3, 2, 1, 2, 3, 2, 1]]);
    for (const mode of ['reflect', 'symmetric'] as const) {
      for (const [shape, p] of [[[5], [[2, 3]]], [[3, 4], [[1, 2], [2, 0]]], [[2, 4, 4, 3], [[0, 0], [2, 2], [1, 3], [0, 0]]]] as [number[], [number, number][]][]) {
        const x = rand(shape, 4);
        matches(tf.mirrorPad(x, p, mode), tfc.mirrorPad(toTfc(x), p, mode));
      }
      checkGrad((a) => tf.mirrorPad(a, [[1, 2], [2, 1]], mode), [rand([3, 3], 5)]);
      checkGrad((a) => tf.mirrorPad(a, [[0, 0], [2, 2], [1, 3], [0, 0]], mode), [rand([1, 4, 4, 2], 6)]);
    }
    // TensorFlow.js's MirrorPad gradient only slices the centre of dy (it drops what the mirrored
    // border contributes), so the gradient is checked against the exact sum instead:
    // reflect [a,b,c,d,e] by [2,3] = [c,b,a,b,c,d,e,d,c,b]
    const dy = tf.tensor1d([1, 2, 4, 8, 16, 32, 64, 128, 256, 512]);
    expect(tf.grad((a: tf.Tensor) => tf.mirrorPad(a, [[2, 3]], 'reflect'))(rand([5], 7), dy).arraySync())
      .toEqual([4, 2 + 8 + 512, 1 + 16 + 256, 32 + 128, 64]);
  });

  it('bad paddings: errors name the op, paddings and the shape', () => {
    const x = tf.zeros([2, 3]);
    expect(errorOf(() => tf.pad(x, [[1, 1]]))).toMatch(/^pad: paddings must have one \[before, after\] pair per axis of x \[2,3\] \(rank 2\), got 1/);
    expect(errorOf(() => tf.pad(x, [[1, 1], [0, -1]]))).toMatch(/^pad: paddings\[1\] must be a pair of non-negative integers \[before, after\], got \[0,-1\]/);
    expect(errorOf(() => tf.pad(x, [[1, 1], [0]] as [number, number][]))).toMatch(/^pad: paddings\[1\] must be a pair/);
    expect(errorOf(() => tf.pad(tf.scalar(1), []))).toMatch(/^pad: cannot pad a scalar/);
    expect(errorOf(() => tf.pad(x, [[0, 0], [0, 0]], 'WRAP'))).toMatch(/^pad: mode must be 'CONSTANT', 'REFLECT' or 'SYMMETRIC'/);
    expect(errorOf(() => tf.mirrorPad(x, [[0, 0], [3, 0]], 'reflect'))).toMatch(/^mirrorPad: paddings\[1\] = \[3,0\] is too large for axis 1 of size 3 in 'reflect' mode \(at most 2; x \[2,3\]\)/);
    expect(errorOf(() => tf.mirrorPad(x, [[0, 0], [4, 0]], 'symmetric'))).toMatch(/^mirrorPad: paddings\[1\] = \[4,0\] is too large .*at most 3/);
    expect(errorOf(() => tf.mirrorPad(x, [[0, 0], [1, 0]], 'wrap' as 'reflect'))).toMatch(/^mirrorPad: mode must be 'reflect' or 'symmetric'/);
    expect(tf.mirrorPad(x, [[0, 0], [3, 3]], 'symmetric').shape).toEqual([2, 9]);
  });
});

describe('clipByValue', () => {
  it('seed 002 §3.22: range(9) clipped to [5, 7] stays int32', () => {
    const y = tf.clipByValue(tf.range(0, 9, 1, 'int32'), 5, 7);
    expect(y.dtype).toBe('int32');
    expect(y.arraySync()).toEqual([5, 5, 5, 5, 5, 5, 6, 7, 7]);
    expect(tf.tensor1d([-2, 0.5, 3]).clipByValue(-1, 1).arraySync()).toEqual([-1, 0.5, 1]);
  });

  it('matches TensorFlow.js values and gradients (including values exactly on the bounds)', () => {
    const x = tf.tensor1d([-3, -1, -0.5, 0, 0.5, 1, 2]);
    matches(tf.clipByValue(x, -1, 1), tfc.clipByValue(toTfc(x), -1, 1));
    gradsMatch((a) => tf.clipByValue(a, -1, 1), (a) => tfc.clipByValue(a, -1, 1), [x]);
    const y = rand([4, 5], 1);
    gradsMatch((a) => tf.clipByValue(a, -0.3, 0.4), (a) => tfc.clipByValue(a, -0.3, 0.4), [y]);
    checkGrad((a) => tf.clipByValue(a, -0.5, 0.5), [tf.tensor1d([-0.9, -0.2, 0.1, 0.7])]);
  });

  it('bad bounds: errors name clipByValue', () => {
    expect(errorOf(() => tf.clipByValue(tf.zeros([2]), 3, 1))).toMatch(/^clipByValue: clipValueMin \(3\) must be <= clipValueMax \(1\) \(x \[2\]\)/);
    expect(errorOf(() => tf.clipByValue(tf.zeros([2]), NaN, 1))).toMatch(/^clipByValue: clipValueMin and clipValueMax must be numbers/);
  });
});

describe('meshgrid', () => {
  it("seed 002 §3.27: linspace(-8,8,100) × linspace(-8,8,50) → two [50,100] grids; 'ij' → [100,50]", () => {
    const x = tf.linspace(-8, 8, 100), y = tf.linspace(-8, 8, 50);
    const [X, Y] = tf.meshgrid(x, y);
    expect(X.shape).toEqual([50, 100]);
    expect(Y.shape).toEqual([50, 100]);
    expect(X.dataSync()[100 + 7]).toBe(x.dataSync()[7]);
    expect(Y.dataSync()[3 * 100 + 99]).toBe(y.dataSync()[3]);
    const [Xi, Yi] = tf.meshgrid(x, y, { indexing: 'ij' });
    expect(Xi.shape).toEqual([100, 50]);
    expect(Yi.shape).toEqual([100, 50]);
    const z = tf.div(tf.sin(tf.sqrt(tf.add(tf.square(X), tf.square(Y)))), tf.sqrt(tf.add(tf.square(X), tf.square(Y))));
    expect(z.shape).toEqual([50, 100]);
  });

  it('matches TensorFlow.js values and gradients; int32 stays int32; fewer arguments', () => {
    for (const indexing of ['xy', 'ij'] as const) {
      const a = rand([3], 1), b = rand([2, 2], 2);
      const ours = tf.meshgrid(a, b, { indexing }), theirs = tfc.meshgrid(toTfc(a), toTfc(b), { indexing });
      ours.forEach((t, i) => matches(t, theirs[i], 1e-7));
      gradsMatch((p, q) => tf.meshgrid(p, q, { indexing }), (p, q) => tfc.meshgrid(p, q, { indexing }), [a, b], 1e-5);
    }
    expect(tf.meshgrid(tf.tensor1d([1, 2], 'int32'), tf.tensor1d([3], 'int32'))[0].dtype).toBe('int32');
    expect(tf.meshgrid([1, 2], [3, 4, 5])[1].arraySync()).toEqual([[3, 3], [4, 4], [5, 5]]);
    expect(tf.meshgrid()).toEqual([]);
    expect(tf.meshgrid(tf.tensor1d([1, 2])).map((t) => t.arraySync())).toEqual([[1, 2]]);
    expect(errorOf(() => tf.meshgrid([1], [2], { indexing: 'yx' as 'xy' }))).toMatch(/^meshgrid: indexing must be 'xy' or 'ij', got 'yx'/);
  });
});

describe('memory', () => {
  it('joining and splitting inside tidy leaves no tensors behind, with gradients', () => {
    const a = rand([3, 4], 1), b = rand([3, 2], 2);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.split(tf.concat([a, b], 1), [1, -1], 1);
      tf.unstack(tf.stack([a, a]));
      tf.mirrorPad(tf.pad(a, [[1, 1], [0, 2]]), [[1, 1], [2, 2]], 'reflect');
      tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.tile(tf.concat([p, q], 1), [2, 1])))([a, b]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
