// outerProduct, diag, movingAverage, batchNorm2d/3d/4d, basicLSTMCell, multiRNNCell and
// tf.math.confusionMatrix: values against TensorFlow.js (cpu), gradients against tfjs and finite
// differences, errors.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfcore from '@tensorflow/tfjs-core';
import { checkGrad, expectClose, oracle, rand, tf } from '../helpers.js';

let tfc: typeof tfcore;
beforeAll(async () => { tfc = await oracle(); });
const tc = (t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype as 'float32');
const vals = (t: tfcore.Tensor) => Array.from(t.dataSync());

describe('outerProduct', () => {
  it('agrees with tfjs; gradient (finite differences and tfjs)', () => {
    const a = rand([3], 1), b = rand([4], 2);
    expectClose(tf.outerProduct(a, b), vals(tfc.outerProduct(tc(a) as tfcore.Tensor1D, tc(b) as tfcore.Tensor1D)));
    expect(tf.outerProduct([1, 2], [3, 4, 5]).arraySync()).toEqual([[3, 4, 5], [6, 8, 10]]);
    checkGrad((x, y) => tf.outerProduct(x, y), [a, b]);
    const [ga] = tfc.grads((x: tfcore.Tensor, y: tfcore.Tensor) => tfc.outerProduct(x as tfcore.Tensor1D, y as tfcore.Tensor1D))([tc(a), tc(b)]);
    expectClose(tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.outerProduct(x, y))([a, b])[0], vals(ga));
    expect(() => tf.outerProduct([[1]], [1])).toThrow(/^outerProduct: v1 and v2 must be rank 1, got \[1,1\] and \[1\]/);
  });
});

describe('diag', () => {
  it('agrees with tfjs for ranks 1–4, int32, bool, NaN/∞ (kept off the zeros)', () => {
    for (const shape of [[3], [2, 2], [2, 1, 2], [1, 2, 1, 2]]) {
      const x = rand(shape, 3);
      const y = tf.diag(x);
      expect(y.shape).toEqual([...shape, ...shape]);
      expectClose(y, vals(tfc.diag(tc(x))));
    }
    const i = tf.diag(tf.tensor([1, 2, 3], [3], 'int32'));
    expect(i.dtype).toBe('int32');
    expect(Array.from(i.dataSync())).toEqual(vals(tfc.diag(tfc.tensor([1, 2, 3], [3], 'int32'))));
    const b = tf.diag(tf.tensor([true, false]));
    expect(b.dtype).toBe('bool');
    expect(b.arraySync()).toEqual([[true, false], [false, false]]);
    expectClose(tf.diag([NaN, Infinity]), [NaN, 0, 0, Infinity]);
  });
  it('gradient: the diagonal of dy (finite differences)', () => {
    checkGrad((x) => tf.diag(x), [rand([2, 2], 4)]);
  });
});

describe('movingAverage', () => {
  it('agrees with tfjs: zeroDebias with numbers and scalars, without', () => {
    const v = rand([2, 3], 5), x = rand([2, 3], 6);
    expectClose(tf.movingAverage(v, x, 0.6, 1), vals(tfc.movingAverage(tc(v), tc(x), 0.6, 1)));
    expectClose(tf.movingAverage(v, x, tf.scalar(0.6), tf.scalar(3)), vals(tfc.movingAverage(tc(v), tc(x), tfc.scalar(0.6), tfc.scalar(3))));
    expectClose(tf.movingAverage(v, x, 0.9, undefined, false), vals(tfc.movingAverage(tc(v), tc(x), 0.9, undefined, false)));
    checkGrad((a, b) => tf.movingAverage(a, b, 0.7, 2), [v, x]);
  });
  it('errors: no step with zeroDebias, shapes', () => {
    expect(() => tf.movingAverage([1], [2], 0.5)).toThrow(/^movingAverage: step is required when zeroDebias is true/);
    expect(() => tf.movingAverage([1, 2], [2], 0.5, 1)).toThrow(/^movingAverage: v \[2\] and x \[1\] must have the same shape/);
  });
});

describe('batchNorm2d/3d/4d', () => {
  it('agree with tfjs and check the ranks', () => {
    for (const [name, shape] of [['batchNorm2d', [2, 3]], ['batchNorm3d', [2, 2, 3]], ['batchNorm4d', [1, 2, 2, 3]]] as const) {
      const x = rand(shape.slice(), 7), m = rand([3], 8), v = rand([3], 9, 0.5, 2), o = rand([3], 10), s = rand([3], 11);
      const f = tf[name] as (...a: unknown[]) => tf.Tensor;
      const g = tfc[name] as (...a: unknown[]) => tfcore.Tensor;
      expectClose(f(x, m, v, o, s, 0.01), vals(g(tc(x), tc(m), tc(v), tc(o), tc(s), 0.01)));
      expectClose(f(x, m, v), vals(g(tc(x), tc(m), tc(v))));
      expect(() => f(tf.zeros([5]), m, v)).toThrow(new RegExp(`^${name}: x must be rank ${shape.length}, got rank 1`));
      if (shape.length > 2) expect(() => f(x, tf.zeros([1, 3]), v)).toThrow(new RegExp(`^${name}: mean must be rank ${shape.length} or rank 1, got rank 2`));
    }
    checkGrad((x, m, v) => tf.batchNorm2d(x, m, v), [rand([2, 3], 12), rand([3], 13), rand([3], 14, 0.5, 2)]);
  });
});

describe('basicLSTMCell, multiRNNCell', () => {
  const k1 = [0.26242125034332275, -0.8787832260131836, 0.781475305557251, 1.337337851524353, 0.6180247068405151, -0.2760246992111206,
    -0.11299663782119751, -0.46332040429115295, -0.1765323281288147, 0.6807947158813477, -0.8326982855796814, 0.6732975244522095];
  const b1 = [1.090713620185852, -0.8282332420349121, 0, 1.0889357328414917];
  const k2 = [-1.893059492111206, -1.0185645818710327, -0.6270437240600586, -2.1829540729522705, -0.4583775997161865, -0.5454602241516113,
    -0.3114445209503174, 0.8450229167938232];
  const b2 = [0.9906240105628967, 0.6248329877853394, 0, 1.0224634408950806];
  it('basicLSTMCell agrees with tfjs (batch 3, 2 units); gradients as finite differences', () => {
    const kern = rand([5, 8], 20), bias = rand([8], 21), data = rand([3, 3], 22), c = rand([3, 2], 23), h = rand([3, 2], 24);
    const [nc, nh] = tf.basicLSTMCell(1, kern, bias, data, c, h);
    const [ec, eh] = tfc.basicLSTMCell(tfc.scalar(1), tc(kern) as tfcore.Tensor2D, tc(bias) as tfcore.Tensor1D, tc(data) as tfcore.Tensor2D, tc(c) as tfcore.Tensor2D, tc(h) as tfcore.Tensor2D);
    expectClose(nc, vals(ec));
    expectClose(nh, vals(eh));
    checkGrad((k, d, cc) => tf.basicLSTMCell(0.5, k, bias, d, cc, h)[1], [kern, data, c]);
    expect(() => tf.basicLSTMCell(1, tf.zeros([4, 8]), bias, data, c, h)).toThrow(/^basicLSTMCell: lstmKernel must be \[5, 8\]/);
    expect(() => tf.basicLSTMCell(1, kern, bias, data, tf.zeros([2, 2]), h)).toThrow(/^basicLSTMCell: c \[2,2\] and h \[3,2\] must be \[batch, units\]/);
  });
  it('multiRNNCell: two stacked cells as tfjs\'s spec', () => {
    const forget = tf.scalar(1);
    const l1 = (d: tf.Tensor, c: tf.Tensor, h: tf.Tensor) => tf.basicLSTMCell(forget, tf.tensor2d(k1, [3, 4]), b1, d, c, h);
    const l2 = (d: tf.Tensor, c: tf.Tensor, h: tf.Tensor) => tf.basicLSTMCell(forget, tf.tensor2d(k2, [2, 4]), b2, d, c, h);
    const data = tf.tensor2d([[1, 0]]), c0 = [tf.zeros([1, 1]), tf.zeros([1, 1])], h0 = [tf.zeros([1, 1]), tf.zeros([1, 1])];
    const before = tf.memory().numTensors;
    const [cs, hs] = tf.multiRNNCell([l1, l2], data, c0, h0);
    expectClose(cs[0], [-0.7440074682235718]);
    expectClose(cs[1], [0.7460772395133972]);
    expectClose(hs[0], [-0.5802832245826721]);
    expectClose(hs[1], [0.5745711922645569]);
    tf.dispose([cs, hs]);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => tf.multiRNNCell([l1, l2], [[1, 0]], [tf.zeros([1, 1])], [tf.zeros([1, 1])])).toThrow(/^multiRNNCell: c and h must be arrays of one state per cell \(2\)/);
    expect(() => tf.multiRNNCell([l1], null as unknown as tf.Tensor, [tf.zeros([1, 1])], [tf.zeros([1, 1])])).toThrow(/^multiRNNCell: argument 'data' is null/);
  });
});

describe('math.confusionMatrix', () => {
  it('agrees with tfjs: int32, float32, plain arrays, missing classes', () => {
    const cases: [number[], number[], number][] = [[[0, 1, 2, 1, 0], [0, 0, 2, 1, 1], 3], [[3, 2, 1, 0], [0, 0, 0, 0], 4], [[0, 0, 4], [1, 1, 2], 5], [[], [], 2]];
    for (const [l, p, n] of cases) {
      const y = tf.math.confusionMatrix(tf.tensor(l, [l.length], 'int32'), tf.tensor(p, [p.length], 'int32'), n);
      expect(y.dtype).toBe('int32');
      expect(y.shape).toEqual([n, n]);
      expect(Array.from(y.dataSync())).toEqual(vals(tfc.math.confusionMatrix(tfc.tensor1d(l, 'int32'), tfc.tensor1d(p, 'int32'), n)));
    }
    expect(tf.math.confusionMatrix([0, 1, 1], [0, 1, 0], 2).arraySync()).toEqual([[1, 0], [1, 1]]);
  });
  it('errors: numClasses, ranks, lengths, out-of-range indices (TensorFlow checks; tfjs drops them)', () => {
    expect(() => tf.math.confusionMatrix([0], [0], 0)).toThrow(/^math.confusionMatrix: numClasses must be a positive integer, got 0/);
    expect(() => tf.math.confusionMatrix([[0]], [0], 2)).toThrow(/^math.confusionMatrix: labels and predictions must be rank 1/);
    expect(() => tf.math.confusionMatrix([0, 1], [0], 2)).toThrow(/^math.confusionMatrix: labels \[2\] and predictions \[1\] must have the same length/);
    expect(() => tf.math.confusionMatrix([0, 2], [0, 1], 2)).toThrow(/^math.confusionMatrix: labels\[1\] is 2, outside \[0, 2\)/);
  });
});
