// tfjs's rank-typed forwards (concat1d…4d, pad1d…4d, slice1d…4d, reverse1d…4d) against TensorFlow.js,
// their gradients by finite differences, and their rank / paddings checks.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfcore from '@tensorflow/tfjs-core';
import { checkGrad, expectClose, expectSame, oracle, rand, tf } from '../helpers.js';

let tfc: typeof tfcore;
beforeAll(async () => { tfc = await oracle(); });
const toTfc = (t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype);
const same = expectSame;

describe('rank-typed forwards', () => {
  it('concat1d…4d agree with tfjs', () => {
    for (let r = 1; r <= 4; r++) {
      const shape = [2, 3, 1, 2].slice(0, r), shape2 = shape.slice();
      const axis = r - 1;
      shape2[axis] = 2;
      const a = rand(shape, r), b = rand(shape2, r + 10);
      const ours = r === 1 ? tf.concat1d([a, b]) : (tf as unknown as Record<string, (t: tf.Tensor[], ax: number) => tf.Tensor>)[`concat${r}d`]([a, b], axis);
      const theirs = r === 1 ? tfc.concat1d([toTfc(a), toTfc(b)] as tfcore.Tensor1D[])
        : (tfc as unknown as Record<string, (t: tfcore.Tensor[], ax: number) => tfcore.Tensor>)[`concat${r}d`]([toTfc(a), toTfc(b)], axis);
      same(ours, theirs);
    }
  });
  it('pad1d…4d agree with tfjs and check the number of pairs', () => {
    const x1 = rand([3], 1), x2 = rand([2, 3], 2), x3 = rand([2, 1, 3], 3), x4 = rand([1, 2, 2, 1], 4);
    same(tf.pad1d(x1, [1, 2], 5), tfc.pad1d(toTfc(x1) as tfcore.Tensor1D, [1, 2], 5));
    same(tf.pad2d(x2, [[1, 0], [0, 2]]), tfc.pad2d(toTfc(x2) as tfcore.Tensor2D, [[1, 0], [0, 2]]));
    same(tf.pad3d(x3, [[0, 1], [1, 1], [2, 0]], -1), tfc.pad3d(toTfc(x3) as tfcore.Tensor3D, [[0, 1], [1, 1], [2, 0]], -1));
    same(tf.pad4d(x4, [[0, 0], [1, 1], [0, 1], [0, 0]]), tfc.pad4d(toTfc(x4) as tfcore.Tensor4D, [[0, 0], [1, 1], [0, 1], [0, 0]]));
    expect(() => tf.pad2d(x2, [[1, 1]] as never)).toThrow(/^pad2d: paddings must be 2 pairs/);
    expect(() => tf.pad1d(x1, [1] as never)).toThrow(/^pad1d: /);
  });
  it('slice1d…4d agree with tfjs and check the rank', () => {
    const x1 = rand([5], 1), x2 = rand([3, 4], 2), x3 = rand([2, 3, 4], 3), x4 = rand([2, 2, 3, 2], 4);
    same(tf.slice1d(x1, 1, 3), tfc.slice1d(toTfc(x1) as tfcore.Tensor1D, 1, 3));
    same(tf.slice2d(x2, [1, 0], [2, -1]), tfc.slice2d(toTfc(x2) as tfcore.Tensor2D, [1, 0], [2, -1]));
    same(tf.slice3d(x3, [0, 1, 1], [2, 2, 2]), tfc.slice3d(toTfc(x3) as tfcore.Tensor3D, [0, 1, 1], [2, 2, 2]));
    same(tf.slice4d(x4, [1, 0, 1, 0], [1, 2, 2, 1]), tfc.slice4d(toTfc(x4) as tfcore.Tensor4D, [1, 0, 1, 0], [1, 2, 2, 1]));
    expect(() => tf.slice2d(x1, [0, 0], [1, 1])).toThrow(/^slice2d: x must be rank 2, got shape \[5\]/);
  });
  it('reverse1d…4d agree with tfjs and check the rank', () => {
    const x1 = rand([5], 1), x2 = rand([3, 4], 2), x3 = rand([2, 3, 4], 3), x4 = rand([2, 2, 3, 2], 4);
    same(tf.reverse1d(x1), tfc.reverse1d(toTfc(x1) as tfcore.Tensor1D));
    same(tf.reverse2d(x2, 1), tfc.reverse2d(toTfc(x2) as tfcore.Tensor2D, 1));
    same(tf.reverse3d(x3, [0, 2]), tfc.reverse3d(toTfc(x3) as tfcore.Tensor3D, [0, 2]));
    same(tf.reverse4d(x4), tfc.reverse4d(toTfc(x4) as tfcore.Tensor4D));
    expect(() => tf.reverse3d(x2)).toThrow(/^reverse3d: x must be rank 3/);
  });
  it('gradients by finite differences', () => {
    checkGrad((a, b) => tf.concat2d([a, b], 1), [rand([2, 2], 1), rand([2, 3], 2)]);
    checkGrad((x) => tf.pad3d(x, [[1, 0], [0, 1], [2, 1]], 3), [rand([2, 1, 2], 3)]);
    checkGrad((x) => tf.slice4d(x, [0, 1, 0, 1], [2, 1, 2, 1]), [rand([2, 2, 2, 2], 4)]);
    checkGrad((x) => tf.reverse2d(x, 0), [rand([3, 2], 5)]);
  });
});
