// depthToSpace, spaceToBatchND, batchToSpaceND, tensorScatterUpdate, sparseToDense, broadcastArgs,
// ensureShape: values against TensorFlow.js (cpu), gradients against tfjs and finite differences, errors.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfcore from '@tensorflow/tfjs-core';
import { checkGrad, expectClose, expectSame, oracle, rand, tf } from '../helpers.js';

let tfc: typeof tfcore;
beforeAll(async () => { tfc = await oracle(); });
const toTfc = (t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype);
const same = expectSame;

describe('depthToSpace', () => {
  it('agrees with tfjs (NHWC, NCHW)', () => {
    const x = rand([2, 2, 3, 8], 1);
    same(tf.depthToSpace(x, 2), tfc.depthToSpace(toTfc(x) as tfcore.Tensor4D, 2));
    const y = rand([1, 9, 2, 2], 2);
    // tfjs's cpu kernel is NHWC only: NCHW is checked as the transposed NHWC result
    same(tf.depthToSpace(y, 3, 'NCHW'), tfc.transpose(tfc.depthToSpace(tfc.transpose(toTfc(y), [0, 2, 3, 1]) as tfcore.Tensor4D, 3), [0, 3, 1, 2]));
  });
  it('has a gradient and checks its arguments', () => {
    checkGrad((x) => tf.depthToSpace(x, 2), [rand([1, 2, 1, 8], 3)]);
    expect(() => tf.depthToSpace(rand([1, 1, 1, 4]), 3)).toThrow(/^depthToSpace: the depth 4 .* divisible by blockSize² = 9/);
    expect(() => tf.depthToSpace(rand([1, 1, 1, 4]), 1)).toThrow(/^depthToSpace: blockSize must be an integer > 1/);
    expect(() => tf.depthToSpace(tf.zeros([1, 1, 1, 4], 'int32'), 2)).toThrow(/^depthToSpace: .*float32/);
  });
});

describe('spaceToBatchND / batchToSpaceND', () => {
  const cases: [number[], number[], number[][]][] = [
    [[1, 4, 4, 1], [2, 2], [[0, 0], [0, 0]]], [[2, 6, 6, 2], [2, 3], [[1, 1], [0, 3]]], [[3, 4, 2], [2], [[1, 1]]],
    [[2, 2, 4, 1], [2, 2], [[0, 0], [2, 0]]],
  ];
  it('agree with tfjs, forward and gradient', () => {
    for (const [shape, block, pads] of cases) {
      const x = rand(shape, 4);
      const ours = tf.spaceToBatchND(x, block, pads), theirs = tfc.spaceToBatchND(toTfc(x), block, pads);
      same(ours, theirs);
      same(tf.batchToSpaceND(ours, block, pads), tfc.batchToSpaceND(theirs, block, pads));
      const w = rand(ours.shape, 5);
      const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.spaceToBatchND(t, block, pads), w)))(x);
      const gt = tfc.grad((t: tfcore.Tensor) => tfc.sum(tfc.mul(tfc.spaceToBatchND(t, block, pads), toTfc(w))))(toTfc(x));
      same(g, gt);
      const g2 = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.batchToSpaceND(t, block, pads), x)))(ours);
      const gt2 = tfc.grad((t: tfcore.Tensor) => tfc.sum(tfc.mul(tfc.batchToSpaceND(t, block, pads), toTfc(x))))(theirs);
      same(g2, gt2);
    }
    checkGrad((x) => tf.spaceToBatchND(x, [2], [[1, 1]]), [rand([2, 2, 2], 6)]);
  });
  it('check their arguments', () => {
    expect(() => tf.spaceToBatchND(rand([1, 3, 3, 1]), [2, 2], [[0, 0], [0, 0]])).toThrow(/^spaceToBatchND: spatial axis 1 .* not divisible/);
    expect(() => tf.spaceToBatchND(rand([2, 2]), [2, 2], [[0, 0], [0, 0]])).toThrow(/^spaceToBatchND: x \[2,2\] must have rank > /);
    expect(() => tf.batchToSpaceND(rand([3, 1, 1, 1]), [2, 2], [[0, 0], [0, 0]])).toThrow(/^batchToSpaceND: the batch 3 .* not divisible/);
    expect(() => tf.batchToSpaceND(rand([4, 1, 1, 1]), [2, 2], [[0, 0]])).toThrow(/^batchToSpaceND: crops must be 2 pairs/);
  });
});

describe('tensorScatterUpdate / sparseToDense', () => {
  it('agree with tfjs (last duplicate wins)', () => {
    const t = rand([4, 3], 7), idx = tf.tensor2d([[1], [3], [1]], [3, 1], 'int32'), upd = rand([3, 3], 8);
    same(tf.tensorScatterUpdate(t, idx, upd), tfc.tensorScatterUpdate(toTfc(t), toTfc(idx), toTfc(upd)));
    const t2 = tf.tensor2d([[1, 2], [3, 4]], [2, 2], 'int32'), i2 = tf.tensor2d([[0, 1], [1, 0]], [2, 2], 'int32'), u2 = tf.tensor1d([9, 8], 'int32');
    same(tf.tensorScatterUpdate(t2, i2, u2), tfc.tensorScatterUpdate(toTfc(t2), toTfc(i2), toTfc(u2)));
    const si = tf.tensor2d([[0, 1], [2, 0], [0, 1]], [3, 2], 'int32'), sv = tf.tensor1d([5, 6, 7]);
    same(tf.sparseToDense(si, sv, [3, 2], tf.scalar(-1)), tfc.sparseToDense(toTfc(si), toTfc(sv), [3, 2], tfc.scalar(-1)));
    same(tf.sparseToDense(tf.tensor1d([0, 2, 4], 'int32'), tf.scalar(10, 'int32'), [6]),
      tfc.sparseToDense(tfc.tensor1d([0, 2, 4], 'int32'), tfc.scalar(10, 'int32'), [6]));
    same(tf.sparseToDense(tf.scalar(2, 'int32'), tf.scalar(100, 'int32'), [6], 3), tfc.sparseToDense(tfc.scalar(2, 'int32'), tfc.scalar(100, 'int32'), [6], 3));
  });
  it('gradients flow to the kept tensor entries and the updates', () => {
    const idx = tf.tensor2d([[1], [0]], [2, 1], 'int32');
    checkGrad((t, u) => tf.tensorScatterUpdate(t, idx, u), [rand([3, 2], 9), rand([2, 2], 10)]);
  });
  it('check their arguments', () => {
    expect(() => tf.tensorScatterUpdate(tf.ones([3]), [[5]], [1])).toThrow(/^tensorScatterUpdate: indices\[0\] = \[5\] is out of range/);
    expect(() => tf.tensorScatterUpdate(tf.ones([3]), [[1]], tf.tensor1d([1], 'int32'))).toThrow(/^tensorScatterUpdate: .*same dtype/);
    expect(() => tf.sparseToDense([[0, 1]], [1], [2, 2], tf.scalar(1, 'int32'))).toThrow(/^sparseToDense: defaultValue \(int32\)/);
    expect(() => tf.sparseToDense([0, 1], [1, 2, 3], [4])).toThrow(/^sparseToDense: sparseValues \[3\]/);
  });
});

describe('broadcastArgs / ensureShape', () => {
  it('agree with tfjs', () => {
    same(tf.broadcastArgs([1, 6], [3, 1, 1, 1]), tfc.broadcastArgs(tfc.tensor1d([1, 6], 'int32'), tfc.tensor1d([3, 1, 1, 1], 'int32')));
    expect(() => tf.broadcastArgs([1, 2], [1, 3])).toThrow(/^broadcastArgs: shapes of s0 \[1,2\] and s1 \[1,3\] cannot be broadcast/);
    const x = tf.ones([2, 3]);
    expect(tf.ensureShape(x, [2, 3])).toBe(x);
    expect(tf.ensureShape(x, [null, 3])).toBe(x);
    expect(() => tf.ensureShape(x, [5, 3])).toThrow(/^ensureShape: /);
  });
});
