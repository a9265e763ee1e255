// Fused cross-entropies, the tf.losses namespace, dropout, batchNorm, norm and moments: values and
// gradients against TensorFlow.js (cpu) and float64 references, finite differences (first and second
// order), stability for extreme logits, and errors.
import { describe, expect, it } from 'vitest';
import { checkGrad, expectClose, oracle, rand, tf } from '../helpers.js';

type O = Awaited<ReturnType<typeof oracle>>;
const toO = (tfc: O, t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype as any);
const vals = (t: { dataSync(): ArrayLike<number> }) => Array.from(t.dataSync());

/** float64 softmax cross-entropy of one row. */
function xentRow(z: number[], x: number[]): number {
  const m = Math.max(...x);
  const lse = m + Math.log(x.reduce((s, v) => s + Math.exp(v - m), 0));
  return z.reduce((s, zj, j) => s + (zj === 0 ? 0 : zj * (lse - x[j])), 0);
}

describe('softmaxCrossEntropyWithLogits', () => {
  it('per-example loss matches TensorFlow.js and a float64 reference', async () => {
    const tfc = await oracle();
    const x = rand([4, 5], 1, -3, 3), z = tf.softmax(rand([4, 5], 2, -2, 2));
    const y = tf.softmaxCrossEntropyWithLogits(z, x);
    expect(y.shape).toEqual([4]);
    const yo = tfc.losses.softmaxCrossEntropy(toO(tfc, z), toO(tfc, x), undefined, 0, tfc.Reduction.NONE);
    expectClose(y, vals(yo), 1e-5, 1e-6);
    const zs = tf.split(z, 4).map((t) => vals(t)), xs = tf.split(x, 4).map((t) => vals(t));
    expectClose(y, zs.map((zr, i) => xentRow(zr, xs[i])), 1e-6, 1e-6);
  });

  it('stable for huge and infinite logits', () => {
    const x = tf.tensor([[1000, -1000, 0], [-1e30, 1e30, 3], [100, 100, 100], [5, -Infinity, 1]]);
    const z = tf.tensor([[0, 1, 0], [1, 0, 0], [0.5, 0.25, 0.25], [1, 0, 0]]);
    const y = vals(tf.softmaxCrossEntropyWithLogits(z, x));
    expectClose(y, [2000, 2e30, Math.log(3), Math.log1p(Math.exp(-4))], 1e-6, 1e-5);
    // the gradient is finite as well: softmax − labels
    const g = tf.grad((t) => tf.softmaxCrossEntropyWithLogits(z, t))(x);
    expect(vals(g).every(Number.isFinite)).toBe(true);
    expectClose(g.slice([0, 0], [1, 3]), [1, -1, 0], 0, 1e-6);
  });

  it('gradients: softmax − labels for logits (TensorFlow.js), −log softmax for labels, finite differences, second order', async () => {
    const tfc = await oracle();
    const x = rand([3, 4], 3, -2, 2), z = tf.softmax(rand([3, 4], 4)), dy = rand([3], 5);
    const [gz, gx] = tf.grads((a, b) => tf.softmaxCrossEntropyWithLogits(a, b))([z, x], dy);
    const gxo = tfc.grad((b: any) => tfc.losses.softmaxCrossEntropy(toO(tfc, z), b, undefined, 0, tfc.Reduction.NONE))(toO(tfc, x), toO(tfc, dy));
    expectClose(gx, vals(gxo), 1e-5, 1e-6);
    expectClose(gz, tf.mul(tf.neg(tf.logSoftmax(x)), dy.reshape([3, 1])), 1e-6, 1e-6);
    checkGrad((a, b) => tf.softmaxCrossEntropyWithLogits(a, b), [z, x]);
    checkGrad((a, b) => tf.softmaxCrossEntropyWithLogits(a, b, 0), [z, x]); // over axis 0
    const r = rand([3, 4], 6);
    checkGrad((b) => {
      const t = new tf.GradientTape();
      t.watch(b);
      return tf.mul(t.gradient(tf.sum(tf.softmaxCrossEntropyWithLogits(z, b)), b)!, r);
    }, [x]);
  });

  it('axis other than the last equals the transposed computation', () => {
    const x = rand([4, 3, 2], 7), z = tf.softmax(rand([4, 3, 2], 8), 1);
    const a = tf.softmaxCrossEntropyWithLogits(z, x, 1);
    expect(a.shape).toEqual([4, 2]);
    expectClose(a, tf.softmaxCrossEntropyWithLogits(z.transpose([0, 2, 1]), x.transpose([0, 2, 1])), 1e-6, 1e-6);
  });

  it('errors', () => {
    expect(() => tf.softmaxCrossEntropyWithLogits(tf.zeros([2, 3]), tf.zeros([2, 4]))).toThrow(/softmaxCrossEntropyWithLogits: labels \[2,3\] and logits \[2,4\] must have the same shape/);
    expect(() => tf.softmaxCrossEntropyWithLogits(tf.zeros([2, 3]), tf.zeros([2, 3]), 2)).toThrow(/softmaxCrossEntropyWithLogits: axis 2 is out of range for rank 2/);
    expect(() => tf.softmaxCrossEntropyWithLogits(tf.scalar(1), tf.scalar(1))).toThrow(/logits must have rank ≥ 1/);
  });
});

describe('sigmoidCrossEntropyWithLogits', () => {
  it('values and gradients match TensorFlow.js; stable at ±100 and beyond', async () => {
    const tfc = await oracle();
    const x = rand([3, 4], 1, -5, 5), z = rand([3, 4], 2, 0, 1), dy = rand([3, 4], 3);
    const y = tf.sigmoidCrossEntropyWithLogits(z, x);
    const f = (a: any, b: any) => tfc.losses.sigmoidCrossEntropy(a, b, undefined, 0, tfc.Reduction.NONE);
    expectClose(y, vals(f(toO(tfc, z), toO(tfc, x))), 1e-5, 1e-6);
    const [gz, gx] = tf.grads((a, b) => tf.sigmoidCrossEntropyWithLogits(a, b))([z, x], dy);
    const [gzo, gxo] = tfc.grads(f)([toO(tfc, z), toO(tfc, x)], toO(tfc, dy));
    expectClose(gz, vals(gzo), 1e-5, 1e-6);
    expectClose(gx, vals(gxo), 1e-5, 1e-6);
    expectClose(tf.sigmoidCrossEntropyWithLogits([0, 1, 1, 0, 0], [100, -100, 1e30, -1e30, 0]), [100, 100, 0, 0, Math.LN2], 1e-6, 1e-6);
    checkGrad((a, b) => tf.sigmoidCrossEntropyWithLogits(a, b), [z, x]);
    expect(() => tf.sigmoidCrossEntropyWithLogits([1, 0], [1])).toThrow(/sigmoidCrossEntropyWithLogits: labels \[2\] and logits \[1\] must have the same shape/);
  });
});

describe('tf.losses', () => {
  it('softmaxCrossEntropy and sigmoidCrossEntropy match TensorFlow.js for every reduction, weights and label smoothing', async () => {
    const tfc = await oracle();
    const logits = rand([4, 3], 1, -3, 3), labels = tf.oneHot(tf.tensor1d([0, 2, 1, 2], 'int32'), 3).toFloat();
    const w = tf.tensor1d([1, 0, 2, 0.5]), w2 = tf.tensor2d([[1, 0, 1], [2, 2, 0], [0, 0, 0], [1, 1, 1]]);
    const L = toO(tfc, logits), Z = toO(tfc, labels);
    for (const reduction of [tf.losses.Reduction.NONE, tf.losses.Reduction.MEAN, tf.losses.Reduction.SUM, tf.losses.Reduction.SUM_BY_NONZERO_WEIGHTS]) {
      for (const ls of [0, 0.1]) {
        for (const weights of [undefined, w]) {
          const a = tf.losses.softmaxCrossEntropy(labels, logits, weights, ls, reduction);
          const b = tfc.losses.softmaxCrossEntropy(Z, L, weights && toO(tfc, weights), ls, reduction as number);
          expect(a.shape).toEqual(b.shape);
          expectClose(a, vals(b), 1e-5, 1e-6);
        }
        for (const weights of [undefined, w2]) {
          const a = tf.losses.sigmoidCrossEntropy(labels, logits, weights, ls, reduction);
          const b = tfc.losses.sigmoidCrossEntropy(Z, L, weights && toO(tfc, weights), ls, reduction as number);
          expectClose(a, vals(b), 1e-5, 1e-6);
        }
      }
    }
    // the default: the mean over the examples
    expectClose(tf.losses.softmaxCrossEntropy(labels, logits), tf.mean(tf.softmaxCrossEntropyWithLogits(labels, logits)), 1e-6, 1e-7);
    const g = tf.grad((t) => tf.losses.softmaxCrossEntropy(labels, t))(logits);
    const go = tfc.grad((t: any) => tfc.losses.softmaxCrossEntropy(Z, t))(L);
    expectClose(g, vals(go), 1e-5, 1e-6);
  });

  it('the other tfjs losses match TensorFlow.js', async () => {
    const tfc = await oracle();
    const p = rand([3, 4], 2, 0.05, 0.95), z = rand([3, 4], 3, 0, 1), w = tf.tensor2d([[1], [0], [2]]);
    const P = toO(tfc, p), Z = toO(tfc, z), W = toO(tfc, w);
    const pairs: [tf.Tensor, any][] = [
      [tf.losses.meanSquaredError(z, p), tfc.losses.meanSquaredError(Z, P)],
      [tf.losses.meanSquaredError(z, p, w), tfc.losses.meanSquaredError(Z, P, W)],
      [tf.losses.absoluteDifference(z, p, w, tf.losses.Reduction.SUM), tfc.losses.absoluteDifference(Z, P, W, tfc.Reduction.SUM)],
      [tf.losses.logLoss(z, p), tfc.losses.logLoss(Z, P)],
      [tf.losses.huberLoss(z, tf.mul(p, 3), w, 0.5), tfc.losses.huberLoss(Z, tfc.mul(P, 3), W, 0.5)],
      [tf.losses.hingeLoss(z, p), tfc.losses.hingeLoss(Z, P)],
      [tf.losses.cosineDistance(z, p, 1), tfc.losses.cosineDistance(Z, P, 1)],
    ];
    for (const [a, b] of pairs) expectClose(a, vals(b), 1e-5, 1e-6);
  });

  it('errors name the loss', () => {
    expect(() => tf.losses.softmaxCrossEntropy(tf.zeros([2, 3]), tf.zeros([2, 2]))).toThrow(/softmaxCrossEntropy: onehotLabels \[2,3\] and logits \[2,2\] must have the same shape/);
    expect(() => tf.losses.computeWeightedLoss(tf.zeros([2]), null, 7 as any)).toThrow(/computeWeightedLoss: unknown reduction 7/);
  });
});

describe('dropout', () => {
  it('inverted dropout: kept entries scaled by 1/(1 − rate), same seed same mask, close to rate zeros', () => {
    const x = tf.ones([100, 100]);
    const y = tf.dropout(x, 0.3, undefined, 42);
    const v = vals(y);
    const zeros = v.filter((e) => e === 0).length;
    expect(zeros / v.length).toBeGreaterThan(0.28);
    expect(zeros / v.length).toBeLessThan(0.32);
    expect(new Set(v)).toEqual(new Set([0, Math.fround(1 / 0.7)]));
    expect(vals(tf.dropout(x, 0.3, undefined, 42))).toEqual(v);
    expect(vals(tf.dropout(x, 0.3, undefined, 43))).not.toEqual(v);
    expect(vals(tf.dropout(x, 0.3, undefined, 'abc'))).toEqual(vals(tf.dropout(x, 0.3, undefined, 'abc')));
    expect(tf.mean(y).item()).toBeCloseTo(1, 1);
    expect(vals(tf.dropout(x, 0))).toEqual(vals(x));
  });

  it('noiseShape drops whole rows; the gradient is the mask', () => {
    const x = rand([6, 5], 1);
    const y = tf.dropout(x, 0.5, [6, 1], 7);
    const rows = tf.split(y, 6).map((r) => vals(r));
    const xr = tf.split(x, 6).map((r) => vals(r));
    rows.forEach((r, i) => {
      const dropped = r.every((e) => e === 0);
      if (!dropped) expectClose(r, xr[i].map((e) => e * 2), 1e-6, 1e-7);
    });
    expect(rows.some((r) => r.every((e) => e === 0))).toBe(true);
    const g = tf.grad((t) => tf.dropout(t, 0.5, [6, 1], 7))(x);
    expectClose(g, tf.div(tf.dropout(x, 0.5, [6, 1], 7), x), 1e-6, 1e-6);
  });

  it('errors', () => {
    expect(() => tf.dropout(tf.ones([2]), 1)).toThrow(/dropout: rate must be a number in \[0, 1\), got 1/);
    expect(() => tf.dropout(tf.ones([2]), -0.1)).toThrow(/dropout: rate must be a number in \[0, 1\)/);
    expect(() => tf.dropout(tf.ones([2, 3]), 0.5, [2, 2])).toThrow(/dropout: noiseShape \[2,2\] must broadcast to x \[2,3\]/);
    expect(() => tf.dropout(tf.ones([2, 3]), 0.5, [2])).toThrow(/dropout: noiseShape \[1,2\] must broadcast to x \[2,3\]/);
    expect(() => tf.dropout(tf.ones([2, 3]), 0.5, [1, 1, 3])).toThrow(/dropout: noiseShape \[1,1,3\] must have at most one entry per axis of x \[2,3\]/);
    expect(() => tf.dropout(tf.ones([2], 'int32'), 0.5)).toThrow(/dropout: argument 'x' must be float32, got int32/);
    // a shorter noiseShape broadcasts from the right: [3] is [1,3], one mask for every row
    const rows = tf.dropout(tf.ones([4, 3]), 0.5, [3], 5).arraySync() as number[][];
    for (const r of rows) expect(r).toEqual(rows[0]);
  });
});

describe('batchNorm', () => {
  it('matches TensorFlow.js values and gradients for every argument', async () => {
    const tfc = await oracle();
    const x = rand([2, 3, 4], 1, -2, 2), m = rand([4], 2), v = rand([4], 3, 0.2, 2), off = rand([4], 4), sc = rand([4], 5, 0.5, 1.5);
    const y = tf.batchNorm(x, m, v, off, sc, 0.01);
    const f = (a: any, b: any, c: any, d: any, e: any) => tfc.batchNorm(a, b, c, d, e, 0.01);
    const args = [x, m, v, off, sc].map((t) => toO(tfc, t));
    expectClose(y, vals(f(...(args as [any, any, any, any, any]))), 1e-5, 1e-6);
    const dy = rand([2, 3, 4], 6);
    const g = tf.grads((a, b, c, d, e) => tf.batchNorm(a, b, c, d, e, 0.01))([x, m, v, off, sc], dy);
    const go = tfc.grads(f)(args, toO(tfc, dy));
    g.forEach((gi, i) => expectClose(gi, vals(go[i]), 1e-4, 1e-5));
    // optional offset and scale, default epsilon 0.001
    expectClose(tf.batchNorm(x, m, v), vals(tfc.batchNorm(args[0], args[1], args[2])), 1e-5, 1e-6);
    expectClose(x.batchNorm(m, v, off, sc), vals(tfc.batchNorm(args[0], args[1], args[2], args[3], args[4])), 1e-5, 1e-6);
  });

  it('finite differences, second order, errors', () => {
    checkGrad((a, b, c) => tf.batchNorm(a, b, c, null, null, 0.1), [rand([3, 2], 1), rand([2], 2), rand([2], 3, 0.5, 1.5)]);
    const r = rand([3, 2], 4);
    checkGrad((a, s) => {
      const t = new tf.GradientTape();
      t.watch(a);
      const { mean, variance } = tf.moments(a, 0);
      const l = tf.sum(tf.square(tf.batchNorm(a, mean, variance, null, s)));
      return tf.mul(t.gradient(l, a)!, r);
    }, [rand([3, 2], 5), rand([2], 6, 0.5, 1.5)], { eps: 1e-2, rtol: 5e-2, atol: 5e-3 });
    expect(() => tf.batchNorm(tf.zeros([2, 4]), tf.zeros([3]), tf.ones([4]))).toThrow(/batchNorm: shapes of x \[2,4\] and mean \[3\] cannot be broadcast together/);
    expect(() => tf.batchNorm(tf.zeros([4]), tf.zeros([2, 4]), tf.ones([4]))).toThrow(/batchNorm: mean \[2,4\] must broadcast to the shape of x \[4\]/);
  });
});

describe('norm and moments', () => {
  it('seed 002 §3.19: norms of ones([2, 2])', () => {
    const x = tf.ones([2, 2]);
    expect(tf.norm(x, 1).item()).toBe(4);
    expect(tf.norm(tf.scalar(-3), 2, 0).item()).toBe(3); // a scalar's axis 0, as sum(scalar, 0)
    expect(tf.norm(x, 2).item()).toBe(2);
    expect(tf.norm(x, Infinity).item()).toBe(1);
    expect(tf.norm(x).item()).toBe(2);
  });

  it('matches TensorFlow.js for vector and matrix norms, keepDims', async () => {
    const tfc = await oracle();
    const x = rand([3, 4, 2], 1, -2, 2), xo = toO(tfc, x);
    const cases: [any, any, boolean][] = [
      ['euclidean', null, false], [1, null, false], [Infinity, 1, false], [-Infinity, -1, true], [2, [2], false],
      ['fro', [0, 1], false], [1, [0, 2], true], [Infinity, [1, 2], false], ['euclidean', [0, 2], false], [-Infinity, [0, 1], false],
    ];
    for (const [ord, axis, keep] of cases) {
      const y = tf.norm(x, ord, axis, keep), yo = tfc.norm(xo, ord, axis, keep);
      expect(y.shape, `${ord} ${axis}`).toEqual(yo.shape);
      expectClose(y, vals(yo), 1e-5, 1e-6);
    }
    // ord 1 over two axes is the max column sum (sum over axis[0] first)
    expectClose(tf.norm(tf.tensor2d([[1, -2], [3, 4]]), 1, [0, 1]), [6]);
    expectClose(tf.norm(tf.tensor2d([[1, -2], [3, 4]]), Infinity, [0, 1]), [7]);
    expectClose(tf.norm([3, 4], 3), [Math.cbrt(27 + 64)], 1e-6);
    expectClose(x.norm(1, 0), tf.norm(x, 1, 0));
  });

  it('gradients: finite differences and TensorFlow.js', async () => {
    const tfc = await oracle();
    const x = rand([3, 4], 2, 0.2, 2).mul(tf.tensor([1, -1, 1, -1]));
    for (const [ord, axis] of [['euclidean', null], [1, 1], ['fro', [0, 1]], [3, 0]] as [any, any][]) {
      checkGrad((a) => tf.norm(a, ord, axis), [x]);
    }
    const g = tf.grad((a) => tf.norm(a))(x), go = tfc.grad((a: any) => tfc.norm(a))(toO(tfc, x));
    expectClose(g, vals(go), 1e-5, 1e-6);
  });

  it('moments match TensorFlow.js (values, keepDims, gradients)', async () => {
    const tfc = await oracle();
    const x = rand([2, 3, 4], 3, -1, 3), xo = toO(tfc, x);
    for (const [axes, keep] of [[[0, 1], false], [2, true], [null, false]] as [any, boolean][]) {
      const { mean, variance } = tf.moments(x, axes, keep);
      const r = tfc.moments(xo, axes, keep);
      expect(mean.shape).toEqual(r.mean.shape);
      expect(variance.shape).toEqual(r.variance.shape);
      expectClose(mean, vals(r.mean), 1e-5, 1e-6);
      expectClose(variance, vals(r.variance), 1e-5, 1e-6);
    }
    const g = tf.grad((a) => tf.moments(a, [0, 1]).variance)(x);
    const go = tfc.grad((a: any) => tfc.moments(a, [0, 1]).variance)(xo);
    expectClose(g, vals(go), 1e-5, 1e-6);
    checkGrad((a) => tf.moments(a, 1).variance, [rand([3, 4], 4)]);
    const { variance } = tf.moments(tf.tensor([1e4 + 1, 1e4 + 2, 1e4 + 3]));
    expect(variance.item()).toBeCloseTo(2 / 3, 5); // two passes: no cancellation
  });

  it('errors', () => {
    expect(() => tf.norm(tf.zeros([2, 2]), 2, [0, 1])).toThrow(/norm: invalid ord 2 for a matrix norm .* spectral norm/);
    expect(() => tf.norm(tf.zeros([2]), 'fro' as any, 0)).not.toThrow();
    expect(() => tf.norm(tf.zeros([2]), -1)).toThrow(/norm: invalid ord -1 for a vector norm/);
    expect(() => tf.norm(tf.zeros([2, 2, 2]), 1, [0, 1, 2])).toThrow(/norm: axis must be null, one axis or two axes/);
    expect(() => tf.norm(tf.zeros([2, 2]), 1, 3)).toThrow(/norm: axis 3 is out of range/);
  });
});
