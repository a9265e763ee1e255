// Ops that move or reinterpret data: reshape, transpose, cast, expandDims, squeeze, broadcastTo, clone,
// stopGradient. Values against explicit expectations, a JS reference and TensorFlow.js; gradients by
// finite differences and tfjs; errors.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfcore from '@tensorflow/tfjs-core';
import { checkGrad, expectClose, oracle, rand, tf } from '../helpers.js';

let tfc: typeof tfcore;
beforeAll(async () => { tfc = await oracle(); });

const toTfc = (t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype);
function matches(ours: tf.Tensor, theirs: tfcore.Tensor, rtol = 1e-6, atol = 1e-7): void {
  expect(ours.shape).toEqual(theirs.shape);
  expect(ours.dtype).toBe(theirs.dtype);
  expectClose(ours, Array.from(theirs.dataSync()), rtol, atol);
}
const errorOf = (f: () => unknown): string => {
  try { f(); } catch (e) { return (e as Error).message; }
  throw new Error('expected an error');
};

/** Reference transpose of row-major values. */
function refTranspose(vals: ArrayLike<number>, shape: number[], perm: number[]): number[] {
  const outShape = perm.map((p) => shape[p]);
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const n = vals.length, out: number[] = [];
  const idx = new Array<number>(outShape.length).fill(0);
  for (let k = 0; k < n; k++) {
    let off = 0;
    for (let d = 0; d < perm.length; d++) off += idx[d] * strides[perm[d]];
    out.push(vals[off]);
    for (let d = outShape.length - 1; d >= 0; d--) { if (++idx[d] < outShape[d]) break; idx[d] = 0; }
  }
  return out;
}
function permutations(n: number): number[][] {
  if (n === 1) return [[0]];
  return permutations(n - 1).flatMap((p) => [...Array(n).keys()].map((i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

describe('reshape', () => {
  it('keeps the values in order for new shapes, including -1, scalars and empty tensors', () => {
    const x = tf.range(0, 6);
    expect(tf.reshape(x, [2, 3]).arraySync()).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(tf.reshape(x, [3, -1]).arraySync()).toEqual([[0, 1], [2, 3], [4, 5]]);
    expect(tf.reshape(x, [-1, 1, 2]).shape).toEqual([3, 1, 2]);
    expect(tf.reshape(tf.reshape(x, [2, 3]), [-1]).arraySync()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(tf.reshape(tf.scalar(7), [1, 1]).arraySync()).toEqual([[7]]);
    expect(tf.reshape(tf.tensor1d([7]), []).arraySync()).toBe(7);
    expect(tf.reshape(tf.tensor1d([7]), [-1]).shape).toEqual([1]);
    expect(tf.reshape(tf.zeros([0, 3]), [3, 0]).shape).toEqual([3, 0]);
    expect(tf.reshape(tf.zeros([0, 3]), [-1, 3]).shape).toEqual([0, 3]);
    const b = tf.reshape(tf.tensor([true, false, true, true]), [2, 2]);
    expect(b.dtype).toBe('bool');
    expect(b.arraySync()).toEqual([[true, false], [true, true]]);
    expect(tf.reshape(tf.tensor1d([1, 2], 'int32'), [2, 1]).dtype).toBe('int32');
    expect(x.reshape([6, 1]).shape).toEqual([6, 1]);
    expect(x.flatten().shape).toEqual([6]);
    matches(tf.reshape(x, [1, -1, 2]), tfc.reshape(toTfc(x), [1, -1, 2]));
  });

  it('gradient: reshaped back to the input shape', () => {
    checkGrad((t) => tf.reshape(t, [3, -1]), [rand([2, 3], 1)]);
    checkGrad((t) => tf.reshape(t, [4]), [rand([2, 2], 2)]);
    const dy = rand([6], 3);
    const g = tf.grads((t: tf.Tensor) => tf.reshape(t, [6]))([rand([2, 3], 4)], dy)[0];
    expect(g.shape).toEqual([2, 3]);
    expectClose(g, Array.from(dy.dataSync()));
  });

  it('size mismatch and bad shapes: errors name reshape and both shapes', () => {
    const x = tf.zeros([2, 3]);
    expect(errorOf(() => tf.reshape(x, [4]))).toMatch(/^reshape: .*\[2,3\].*6.*\[4\].*4/);
    expect(errorOf(() => tf.reshape(x, [4, -1]))).toMatch(/^reshape: .*\[2,3\].*\[4,-1\]/);
    expect(errorOf(() => tf.reshape(x, [-1, -1]))).toMatch(/^reshape: only one .*-1/);
    expect(errorOf(() => tf.reshape(x, [2, -3]))).toMatch(/^reshape: .*\[2,-3\]/);
    expect(errorOf(() => tf.reshape(x, [2.5, 2]))).toMatch(/^reshape: .*\[2.5,2\]/);
    expect(errorOf(() => tf.reshape(tf.zeros([0, 2]), [0, -1]))).toMatch(/^reshape: /);
    expect(tf.reshape(x, [3, 2]).shape).toEqual([3, 2]); // still working
  });
});

describe('transpose', () => {
  it('default reverses the axes; 2-D and 3-D examples', () => {
    const m = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
    expect(tf.transpose(m).arraySync()).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(m.transpose([0, 1]).arraySync()).toEqual([[1, 2, 3], [4, 5, 6]]);
    const t = tf.reshape(tf.range(0, 12), [2, 3, 2]);
    expect(tf.transpose(t, [1, 0, 2]).arraySync()).toEqual([[[0, 1], [6, 7]], [[2, 3], [8, 9]], [[4, 5], [10, 11]]]);
    expect(tf.transpose(t).shape).toEqual([2, 3, 2]);
    expect(tf.transpose(t).arraySync()).toEqual([[[0, 6], [2, 8], [4, 10]], [[1, 7], [3, 9], [5, 11]]]);
    expect(tf.transpose(tf.scalar(3)).arraySync()).toBe(3);
    expect(tf.transpose(tf.tensor1d([1, 2])).arraySync()).toEqual([1, 2]);
  });

  it('all 24 permutations of a rank-4 tensor, float32, int32 and bool, match a reference and tfjs', () => {
    const shape = [2, 3, 4, 5];
    const x = rand(shape, 5);
    const xi = tf.tensor(Array.from({ length: 120 }, (_, i) => i * 7 - 300), shape, 'int32');
    const xb = tf.tensor(Array.from({ length: 120 }, (_, i) => (i * 5) % 3 === 0), shape);
    const perms = permutations(4);
    expect(perms.length).toBe(24);
    for (const p of perms) {
      for (const t of [x, xi, xb]) {
        const y = tf.transpose(t, p);
        expect(y.shape).toEqual(p.map((a) => shape[a]));
        expect(y.dtype).toBe(t.dtype);
        expect(Array.from(y.dataSync())).toEqual(refTranspose(t.dataSync(), shape, p));
      }
      matches(tf.transpose(x, p), tfc.transpose(toTfc(x), p));
    }
  });

  it('size-1 axes, rank 5, empty tensors and bool rank 3', () => {
    const x = rand([1, 3, 1, 4], 6);
    for (const p of [[3, 2, 1, 0], [0, 2, 1, 3], [2, 0, 3, 1]]) {
      expect(Array.from(tf.transpose(x, p).dataSync())).toEqual(refTranspose(x.dataSync(), [1, 3, 1, 4], p));
    }
    const x5 = rand([2, 1, 3, 2, 2], 7);
    const p5 = [4, 2, 0, 3, 1];
    expect(Array.from(tf.transpose(x5, p5).dataSync())).toEqual(refTranspose(x5.dataSync(), [2, 1, 3, 2, 2], p5));
    const e = tf.transpose(tf.zeros([0, 3]));
    expect(e.shape).toEqual([3, 0]);
    const b = tf.tensor3d([[[true, false]], [[false, false]], [[true, true]]]);
    expect(tf.transpose(b, [2, 1, 0]).arraySync()).toEqual([[[true, false, true]], [[false, false, true]]]);
  });

  it('gradient: the inverse permutation (finite differences and tfjs)', () => {
    const x = rand([2, 3, 4], 8);
    for (const p of [[1, 2, 0], [2, 0, 1], [0, 2, 1]]) {
      checkGrad((t) => tf.transpose(t, p), [x]);
      const dy = rand(p.map((a) => x.shape[a]), 9);
      const g = tf.grads((t: tf.Tensor) => tf.transpose(t, p))([x], dy)[0];
      matches(g, tfc.grads((t: tfcore.Tensor) => tfc.transpose(t, p))([toTfc(x)], toTfc(dy))[0]);
    }
  });

  it('bad perms: errors name transpose, the perm and the shape', () => {
    const x = tf.zeros([2, 3, 4]);
    expect(errorOf(() => tf.transpose(x, [0, 0, 1]))).toMatch(/^transpose: perm \[0,0,1\] .*\[2,3,4\]/);
    expect(errorOf(() => tf.transpose(x, [0, 1]))).toMatch(/^transpose: perm \[0,1\] .*3 axes/);
    expect(errorOf(() => tf.transpose(x, [0, 1, 3]))).toMatch(/^transpose: perm \[0,1,3\]/);
    expect(errorOf(() => tf.transpose(x, [0, 1, -1]))).toMatch(/^transpose: perm/);
    expect(tf.transpose(x, [2, 1, 0]).shape).toEqual([4, 3, 2]);
  });
});

describe('cast', () => {
  it('float32 → int32 truncates toward zero (also negatives)', () => {
    const y = tf.cast(tf.tensor1d([-2.9, -1.7, -0.5, -0, 0.5, 1.7, 2.9, 1e6 + 0.5, -123456.75]), 'int32');
    expect(y.dtype).toBe('int32');
    expect(Array.from(y.dataSync())).toEqual([-2, -1, 0, 0, 0, 1, 2, 1000000, -123456]);
    matches(tf.cast(tf.tensor1d([-2.9, -1.7, 1.7]), 'int32'), tfc.cast(tfc.tensor1d([-2.9, -1.7, 1.7]), 'int32'));
  });

  it('every pair of dtypes', () => {
    const f = tf.tensor1d([-1.5, 0, 2, NaN, -0]);
    const i = tf.tensor1d([-3, 0, 7, 16777217], 'int32');
    const b = tf.tensor1d([true, false, true]);
    expect(tf.cast(f, 'bool').arraySync()).toEqual([true, false, true, true, false]); // != 0, NaN is true
    expect(tf.cast(i, 'float32').arraySync()).toEqual([-3, 0, 7, 16777216]); // nearest float32
    expect(tf.cast(i, 'bool').arraySync()).toEqual([true, false, true, true]);
    expect(tf.cast(b, 'float32').arraySync()).toEqual([1, 0, 1]);
    expect(tf.cast(b, 'int32').arraySync()).toEqual([1, 0, 1]);
    expect(tf.cast(b, 'int32').dtype).toBe('int32');
    for (const [t, dt] of [[f, 'float32'], [i, 'int32'], [b, 'bool']] as const) {
      const c = tf.cast(t, dt);
      expect(c.dtype).toBe(dt);
      expect(c).not.toBe(t);
      expect(Array.from(c.dataSync())).toEqual(Array.from(t.dataSync()));
    }
    expect(f.toInt().dtype).toBe('int32');
    expect(i.toFloat().dtype).toBe('float32');
    expect(i.toBool().arraySync()).toEqual([true, false, true, true]);
    expect(tf.cast(tf.zeros([2, 0]), 'int32').shape).toEqual([2, 0]);
    matches(tf.cast(i, 'bool'), tfc.cast(toTfc(i), 'bool'));
    matches(tf.cast(b, 'float32'), tfc.cast(tfc.tensor1d([true, false, true]), 'float32'));
  });

  it('gradient flows through float32 → float32 only', () => {
    checkGrad((t) => tf.cast(t, 'float32'), [rand([3], 1)]);
    const x = tf.tensor1d([1.5, 2.5]);
    const tape = new tf.GradientTape();
    tape.watch(x);
    const y = tf.sum(tf.cast(tf.cast(x, 'int32'), 'float32'));
    expect(tape.gradient(y, x)).toBeNull();
  });

  it('unsupported dtypes are errors naming cast', () => {
    expect(errorOf(() => tf.cast(tf.zeros([1]), 'float64' as tf.DType))).toMatch(/^cast: .*float64/);
    expect(tf.cast(tf.zeros([1]), 'int32').dtype).toBe('int32');
  });
});

describe('expandDims and squeeze', () => {
  it('expandDims at every position, negative axes, scalars; shares values', () => {
    const x = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
    expect(tf.expandDims(x).shape).toEqual([1, 2, 3]);
    expect(tf.expandDims(x, 1).shape).toEqual([2, 1, 3]);
    expect(tf.expandDims(x, 2).shape).toEqual([2, 3, 1]);
    expect(tf.expandDims(x, -1).shape).toEqual([2, 3, 1]);
    expect(tf.expandDims(x, -2).shape).toEqual([2, 1, 3]);
    expect(tf.expandDims(x, -3).shape).toEqual([1, 2, 3]);
    expect(tf.expandDims(x, 1).arraySync()).toEqual([[[1, 2, 3]], [[4, 5, 6]]]);
    expect(tf.expandDims(tf.scalar(5)).arraySync()).toEqual([5]);
    expect(x.expandDims(2).shape).toEqual([2, 3, 1]);
    for (const a of [0, 1, 2, -1, -2, -3]) matches(tf.expandDims(x, a), tfc.expandDims(toTfc(x), a));
    checkGrad((t) => tf.expandDims(t, 1), [rand([2, 3], 2)]);
  });

  it('expandDims axis out of range names the op', () => {
    const x = tf.zeros([2, 3]);
    expect(errorOf(() => tf.expandDims(x, 3))).toMatch(/^expandDims: axis 3 .*rank 2/);
    expect(errorOf(() => tf.expandDims(x, -4))).toMatch(/^expandDims: axis -4 .*rank 2/);
  });

  it('squeeze all size-1 axes or the listed ones (negative too)', () => {
    const x = tf.zeros([1, 2, 1, 3, 1]);
    expect(tf.squeeze(x).shape).toEqual([2, 3]);
    expect(tf.squeeze(x, []).shape).toEqual([2, 3]); // TensorFlow's default axis=[]: all
    expect(tf.squeeze(x, 0).shape).toEqual([2, 1, 3, 1]);
    expect(tf.squeeze(x, [0, -1]).shape).toEqual([2, 1, 3]);
    expect(tf.squeeze(x, [2]).shape).toEqual([1, 2, 3, 1]);
    expect(tf.squeeze(tf.tensor([[[4]]])).arraySync()).toBe(4);
    expect(tf.squeeze(tf.tensor2d([[1, 2, 3]])).arraySync()).toEqual([1, 2, 3]);
    expect(x.squeeze().shape).toEqual([2, 3]);
    matches(tf.squeeze(x, [0, 4]), tfc.squeeze(toTfc(x), [0, 4]));
    checkGrad((t) => tf.squeeze(t), [rand([1, 3, 1], 3)]);
  });

  it('squeezing an axis whose size is not 1 names squeeze, the axis and the shape', () => {
    const x = tf.zeros([1, 2, 1]);
    expect(errorOf(() => tf.squeeze(x, 1))).toMatch(/^squeeze: axis 1 of x \[1,2,1\] has size 2/);
    expect(errorOf(() => tf.squeeze(x, 3))).toMatch(/^squeeze: axis 3 .*rank 3/);
    expect(tf.squeeze(x, 2).shape).toEqual([1, 2]);
  });
});

describe('broadcastTo', () => {
  it('numpy broadcasting of values (float32, int32, bool), including new leading axes', () => {
    expect(tf.broadcastTo(tf.tensor1d([1, 2, 3]), [2, 3]).arraySync()).toEqual([[1, 2, 3], [1, 2, 3]]);
    expect(tf.broadcastTo(tf.tensor2d([[1], [2]]), [2, 3]).arraySync()).toEqual([[1, 1, 1], [2, 2, 2]]);
    expect(tf.broadcastTo(tf.tensor1d([5]), [2, 2, 2]).arraySync()).toEqual([[[5, 5], [5, 5]], [[5, 5], [5, 5]]]);
    expect(tf.broadcastTo(tf.scalar(4), [2, 1]).arraySync()).toEqual([[4], [4]]);
    const i = tf.broadcastTo(tf.tensor2d([[1, 2]], undefined, 'int32'), [3, 2]);
    expect(i.dtype).toBe('int32');
    expect(i.arraySync()).toEqual([[1, 2], [1, 2], [1, 2]]);
    const b = tf.broadcastTo(tf.tensor([[true], [false]]), [2, 2, 3]);
    expect(b.dtype).toBe('bool');
    const tf3 = [[true, true, true], [false, false, false]];
    expect(b.arraySync()).toEqual([tf3, tf3]);
    const same = tf.tensor1d([1, 2]);
    const c = tf.broadcastTo(same, [2]);
    expect(c).not.toBe(same);
    expect(c.arraySync()).toEqual([1, 2]);
    expect(tf.broadcastTo(tf.zeros([1, 3]), [0, 3]).shape).toEqual([0, 3]);
    const x = rand([3, 1, 4], 4);
    matches(tf.broadcastTo(x, [2, 3, 5, 4]), tfc.broadcastTo(toTfc(x), [2, 3, 5, 4]));
    expect(x.broadcastTo([3, 2, 4]).shape).toEqual([3, 2, 4]);
  });

  it('gradient: summed over the broadcast axes (finite differences and tfjs)', () => {
    const x = rand([3, 1, 4], 5);
    checkGrad((t) => tf.broadcastTo(t, [2, 3, 2, 4]), [x]);
    checkGrad((t) => tf.broadcastTo(t, [2, 3]), [rand([3], 6)]);
    checkGrad((t) => tf.broadcastTo(t, [4, 2]), [rand([1, 1], 7)]);
    const dy = rand([2, 3, 2, 4], 8);
    const g = tf.grads((t: tf.Tensor) => tf.broadcastTo(t, [2, 3, 2, 4]))([x], dy)[0];
    expect(g.shape).toEqual([3, 1, 4]);
    matches(g, tfc.grads((t: tfcore.Tensor) => tfc.broadcastTo(t, [2, 3, 2, 4]))([toTfc(x)], toTfc(dy))[0], 1e-5, 1e-6);
  });

  it('incompatible shapes name broadcastTo and both shapes', () => {
    expect(errorOf(() => tf.broadcastTo(tf.zeros([2, 3]), [3, 3]))).toMatch(/^broadcastTo: x \[2,3\] .*\[3,3\]/);
    expect(errorOf(() => tf.broadcastTo(tf.zeros([2, 3]), [3]))).toMatch(/^broadcastTo: shape \[3\] .*\[2,3\]/);
    expect(tf.broadcastTo(tf.zeros([3]), [2, 3]).shape).toEqual([2, 3]);
  });
});

describe('clone and stopGradient', () => {
  it('clone: a new tensor with the same values that outlives the original; gradient is identity', () => {
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    const c = tf.clone(x);
    expect(c).not.toBe(x);
    expect(c.id).not.toBe(x.id);
    expect(c.shape).toEqual([2, 2]);
    x.dispose();
    expect(c.arraySync()).toEqual([[1, 2], [3, 4]]);
    const b = tf.clone(tf.tensor1d([true, false]));
    expect(b.dtype).toBe('bool');
    expect(b.arraySync()).toEqual([true, false]);
    expect(tf.tensor1d([1, 2], 'int32').clone().dtype).toBe('int32');
    checkGrad((t) => tf.clone(t), [rand([3], 1)]);
  });

  it('clone of a variable is a snapshot: later assignments do not change it', () => {
    const v = tf.variable(tf.tensor1d([1, 2]));
    const c = tf.clone(v);
    v.assign(tf.tensor1d([5, 6]));
    expect(c.arraySync()).toEqual([1, 2]);
    expect(v.arraySync()).toEqual([5, 6]);
  });

  it('stopGradient: same values, no gradient flows back', () => {
    const x = tf.tensor1d([1, 2, 3]);
    const tape = new tf.GradientTape({ persistent: true });
    tape.watch(x);
    const s = tf.stopGradient(x);
    expect(s.arraySync()).toEqual([1, 2, 3]);
    const y = tf.sum(tf.mul(s, x)); // d/dx = s, not 2x
    expect(tape.gradient(y, x)!.arraySync()).toEqual([1, 2, 3]);
    expect(tape.gradient(tf.sum(s), x)).toBeNull();
    expect(tape.gradient(tf.sum(s), x, null, 'zero')!.arraySync()).toEqual([0, 0, 0]);
    tape.dispose();
  });
});
