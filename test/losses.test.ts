// tf.losses: the seeds' values (entropy in bits, the MSE gradient), tfjs's reduced losses and the Keras
// per-example losses against TensorFlow.js (tfjs-core tf.losses and tfjs-layers' loss functions) for values
// and gradients, finite differences, stability at the extremes, Keras loss classes (reductions, sample
// weights, names), getLossFn, errors and memory.
import { describe, expect, it } from 'vitest';
import { checkGrad, expectClose, oracle, rand, tf } from './helpers.js';

type O = Awaited<ReturnType<typeof oracle>>;
const toO = (tfc: O, t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype as any);
const vals = (t: { dataSync(): ArrayLike<number> }) => Array.from(t.dataSync());
/** tfjs-layers' loss functions (not all are exported from its index; the module is plain ESM). */
const layersLosses = () => import('@tensorflow/tfjs-layers/dist/losses.js') as Promise<Record<string, (a: any, b: any, c?: any) => any>>;

/** Forward values and d(Σ f·dy)/dyPred of ours and the oracle's, on the same inputs. */
async function compareWithOracle(ours: (z: tf.Tensor, p: tf.Tensor) => tf.Tensor, theirs: (z: any, p: any) => any,
                                 z: tf.Tensor, p: tf.Tensor, rtol = 1e-5, atol = 1e-6): Promise<void> {
  const tfc = await oracle();
  const y = ours(z, p), Z = toO(tfc, z), P = toO(tfc, p);
  const yo = theirs(Z, P);
  expect(y.shape).toEqual(yo.shape);
  expectClose(y, vals(yo), rtol, atol);
  const dy = rand(y.shape, 99, 0.5, 1.5);
  const g = tf.grad((t) => ours(z, t))(p, dy);
  const go = tfc.grad((t: any) => theirs(Z, t))(P, toO(tfc, dy));
  expectClose(g, vals(go), rtol * 10, atol * 10);
}

describe('seed values', () => {
  it('entropy in bits of seed 001: 2, 1.3568, 0.0313; the cross-entropies give it for distributions', () => {
    const cases: [number[], number][] = [[[0.25, 0.25, 0.25, 0.25], 2], [[0.1, 0.1, 0.1, 0.7], 1.3568], [[0.001, 0.001, 0.001, 0.999], 0.0313]];
    for (const [a, bits] of cases) {
      // the seed's formula: -(a * log2(a)).sum()
      expectClose(tf.neg(tf.sum(tf.mul(a, tf.div(tf.log(a), Math.LN2)))), bits, 0, 6e-5);
      // H(a) = cross-entropy of a with itself. Keras rescales yPred to sum to 1 (and softmax(log a) = a / Σa),
      // so for the third vector, which sums to 1.002, the losses give −Σ a·log(a/Σa) instead
      const s = a.reduce((x, v) => x + v, 0);
      const want = -a.reduce((x, v) => x + v * Math.log(v / s), 0) / Math.LN2;
      if (Math.abs(s - 1) < 1e-9) expectClose(want, bits, 0, 6e-5);
      const h = tf.losses.categoricalCrossentropy([a], [a]);
      expect(h.shape).toEqual([1]);
      expectClose(tf.div(h, Math.LN2), [want], 1e-5, 1e-6);
      expectClose(tf.div(tf.losses.categoricalCrossentropy([a], tf.log([a]), true), Math.LN2), [want], 1e-5, 1e-6);
      expectClose(tf.div(tf.losses.softmaxCrossEntropy([a], tf.log([a])), Math.LN2), want, 1e-5, 1e-6);
      expectClose(tf.div(new tf.losses.CategoricalCrossentropy().call([a], [a]), Math.LN2), want, 1e-5, 1e-6);
      expectClose(tf.losses.kld([a], [a]), [0], 0, 1e-6);
    }
  });

  it('MSE of seed 001: mse(1, x·w) with x = 1, w = 2 is 1 and its gradient in w is 2', () => {
    const x = tf.ones([1]), w = tf.variable(tf.fill([1], 2));
    for (const f of [
      (p: tf.Tensor) => tf.losses.meanSquaredError(tf.ones([1]), p),
      (p: tf.Tensor) => tf.mean(tf.losses.mse(tf.ones([1]), p)),
      (p: tf.Tensor) => new tf.losses.MeanSquaredError().call(tf.ones([1]), p),
      (p: tf.Tensor) => tf.losses.getLossFn('mse').fn(tf.ones([1]), p),
    ]) {
      const tape = new tf.GradientTape();
      const loss = f(tf.mul(x, w));
      expectClose(loss, 1, 0, 0);
      expectClose(tape.gradient(loss, w)!, [2], 0, 0);
    }
  });

  it('seed 002: tf.losses.mse is per example; CategoricalCrossentropy(fromLogits) is the batch mean', () => {
    const y = tf.oneHot([1, 3], 10), out = rand([2, 10], 3, -2, 2);
    const l = tf.losses.mse(y, out);
    expect(l.shape).toEqual([2]);
    const d = vals(tf.sub(out, tf.cast(y, 'float32')));
    expectClose(l, [0, 1].map((r) => d.slice(r * 10, r * 10 + 10).reduce((s, v) => s + v * v, 0) / 10), 1e-6, 1e-7);
    const perExample = tf.losses.categoricalCrossentropy(y, out, true);
    expect(perExample.shape).toEqual([2]);
    const obj = new tf.losses.CategoricalCrossentropy({ fromLogits: true });
    expect(obj.name).toBe('categorical_crossentropy');
    expectClose(obj.call(y, out), tf.mean(perExample), 1e-6, 0);
    expectClose(tf.losses.categoricalCrossentropy(y, out, { fromLogits: true }), perExample, 0, 0);
  });
});

describe("tfjs's reduced losses", () => {
  it('values and gradients match tfjs-core tf.losses for every reduction, with and without weights', async () => {
    const tfc = await oracle();
    const p = rand([3, 4], 2, 0.05, 0.95), z = rand([3, 4], 3, 0, 1);
    const z01 = tf.cast(tf.greater(z, 0.5), 'float32');
    const weights = [undefined, tf.tensor2d([[1], [0], [2]]), tf.tensor2d([[1, 0, 2, 0.5], [0, 0, 1, 1], [3, 1, 0, 2]])];
    const R = tf.losses.Reduction;
    for (const reduction of [R.NONE, R.SUM, R.MEAN, R.SUM_BY_NONZERO_WEIGHTS]) {
      for (const w of weights) {
        const W = w && toO(tfc, w), r = reduction as number;
        const cases: [(a: tf.Tensor, b: tf.Tensor) => tf.Tensor, (a: any, b: any) => any, tf.Tensor, tf.Tensor][] = [
          [(a, b) => tf.losses.meanSquaredError(a, b, w, reduction), (a, b) => tfc.losses.meanSquaredError(a, b, W, r), z, p],
          [(a, b) => tf.losses.absoluteDifference(a, b, w, reduction), (a, b) => tfc.losses.absoluteDifference(a, b, W, r), z, p],
          [(a, b) => tf.losses.huberLoss(a, b, w, 0.3, reduction), (a, b) => tfc.losses.huberLoss(a, b, W, 0.3, r), z, tf.mul(p, 2)],
          [(a, b) => tf.losses.logLoss(a, b, w, 1e-7, reduction), (a, b) => tfc.losses.logLoss(a, b, W, 1e-7, r), z01, p],
          [(a, b) => tf.losses.hingeLoss(a, b, w, reduction), (a, b) => tfc.losses.hingeLoss(a, b, W, r), z01, tf.mul(p, 2)],
          [(a, b) => tf.losses.computeWeightedLoss(tf.mul(a, b), w, reduction), (a, b) => tfc.losses.computeWeightedLoss(tfc.mul(a, b), W, r), z, p],
        ];
        for (const [ours, theirs, a, b] of cases) await compareWithOracle(ours, theirs, a, b);
      }
      const w1 = tf.tensor2d([[1], [0], [2]]);
      await compareWithOracle((a, b) => tf.losses.cosineDistance(a, b, 1, w1, reduction),
        (a, b) => tfc.losses.cosineDistance(a, b, 1, toO(tfc, w1), reduction as number), z, p);
    }
  });

  it('finite-difference gradients', () => {
    const p = rand([3, 4], 2, 0.05, 0.95), z = rand([3, 4], 3, 0, 1);
    checkGrad((a, b) => tf.losses.meanSquaredError(a, b), [z, p]);
    checkGrad((b) => tf.losses.huberLoss(z, b, undefined, 0.3), [tf.mul(p, 2)]);
    checkGrad((b) => tf.losses.logLoss(z, b), [p]);
    checkGrad((b) => tf.losses.cosineDistance(z, b, 1), [p]);
  });
});

describe('Keras per-example losses', () => {
  it('match tfjs-layers (values and gradients)', async () => {
    const TL = await layersLosses();
    const tfc = await oracle();
    const probs = tf.softmax(rand([4, 5], 1, -2, 2)), labels = tf.softmax(rand([4, 5], 2, -2, 2));
    const onehot = tf.oneHot([0, 3, 1, 4], 5);
    const x = rand([4, 5], 3, -3, 3), t = rand([4, 5], 4, -3, 3);
    const pos = rand([4, 5], 5, 0.2, 3), posT = rand([4, 5], 6, 0.2, 3);
    const pm1 = tf.sub(tf.mul(tf.cast(tf.greater(rand([4, 5], 7), 0), 'float32'), 2), 1);
    const b01 = tf.cast(tf.greater(rand([4, 5], 8), 0), 'float32'), p01 = rand([4, 5], 9, 0.02, 0.98);
    const cases: [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, (a: any, b: any) => any, tf.Tensor, tf.Tensor][] = [
      ['mse', tf.losses.mse, TL.meanSquaredError, t, x],
      ['meanAbsoluteError', tf.losses.meanAbsoluteError, TL.meanAbsoluteError, t, x],
      ['mae', tf.losses.mae, TL.mae, t, x],
      ['meanAbsolutePercentageError', tf.losses.meanAbsolutePercentageError, TL.meanAbsolutePercentageError, t, x],
      ['meanSquaredLogarithmicError', tf.losses.meanSquaredLogarithmicError, TL.meanSquaredLogarithmicError, posT, pos],
      ['categoricalCrossentropy', (a, b) => tf.losses.categoricalCrossentropy(a, b), TL.categoricalCrossentropy, onehot, probs],
      ['categoricalCrossentropy soft labels', (a, b) => tf.losses.categoricalCrossentropy(a, b), TL.categoricalCrossentropy, labels, probs],
      ['categoricalCrossentropy unnormalised', (a, b) => tf.losses.categoricalCrossentropy(a, b), TL.categoricalCrossentropy, labels, pos],
      ['categoricalCrossentropy fromLogits', (a, b) => tf.losses.categoricalCrossentropy(a, b, true), (a, b) => TL.categoricalCrossentropy(a, b, true), labels, x],
      ['binaryCrossentropy', (a, b) => tf.losses.binaryCrossentropy(a, b), TL.binaryCrossentropy, b01, p01],
      ['binaryCrossentropy soft', (a, b) => tf.losses.binaryCrossentropy(a, b), TL.binaryCrossentropy, probs, p01],
      ['binaryCrossentropy fromLogits', (a, b) => tf.losses.binaryCrossentropy(a, b, true),
        (a, b) => tfc.mean(tfc.losses.sigmoidCrossEntropy(a, b, undefined, 0, tfc.Reduction.NONE), -1), probs, x],
      ['kullbackLeiblerDivergence', tf.losses.kullbackLeiblerDivergence, TL.kullbackLeiblerDivergence, labels, probs],
      ['hinge ±1 labels', tf.losses.hinge, TL.hinge, pm1, x],
      ['hinge 0/1 labels become ±1', tf.losses.hinge, (a, b) => TL.hinge(tfc.sub(tfc.mul(a, 2), 1), b), b01, x],
      ['squaredHinge', tf.losses.squaredHinge, TL.squaredHinge, pm1, x],
      ['categoricalHinge', tf.losses.categoricalHinge, TL.categoricalHinge, onehot, x],
      ['logcosh', tf.losses.logcosh, TL.logcosh, t, x],
      ['poisson', tf.losses.poisson, TL.poisson, posT, pos],
      ['cosineSimilarity', tf.losses.cosineSimilarity, TL.cosineProximity, t, x],
      ['huber', (a, b) => tf.losses.huber(a, b, 0.7), (a, b) => tfc.mean(tfc.losses.huberLoss(a, b, undefined, 0.7, tfc.Reduction.NONE), -1), t, x],
    ];
    for (const [name, ours, theirs, a, b] of cases) {
      try { await compareWithOracle(ours, theirs, a, b, 2e-5, 2e-6); } catch (e) { throw new Error(`${name}: ${(e as Error).message}`); }
    }
  });

  it('sparseCategoricalCrossentropy equals the one-hot categorical one for int32 and float labels of shape [N] and [N,1]', async () => {
    const TL = await layersLosses();
    const tfc = await oracle();
    const probs = tf.softmax(rand([4, 5], 1, -2, 2)), x = rand([4, 5], 3, -3, 3);
    const idx = [0, 3, 1, 4], onehot = tf.oneHot(idx, 5);
    const want = tf.losses.categoricalCrossentropy(onehot, probs), wantLogits = tf.losses.categoricalCrossentropy(onehot, x, true);
    for (const labels of [tf.tensor1d(idx, 'int32'), tf.tensor1d(idx), tf.tensor2d(idx, [4, 1], 'int32'), idx]) {
      expectClose(tf.losses.sparseCategoricalCrossentropy(labels, probs), want, 1e-6, 1e-6);
      expectClose(tf.losses.sparseCategoricalCrossentropy(labels, x, true), wantLogits, 1e-6, 1e-6);
      expectClose(tf.losses.sparseCategoricalCrossentropy(labels, x, { fromLogits: true }), wantLogits, 1e-6, 1e-6);
    }
    const L = tf.tensor1d(idx, 'int32');
    await compareWithOracle((_, b) => tf.losses.sparseCategoricalCrossentropy(L, b), (_, b) => TL.sparseCategoricalCrossentropy(toO(tfc, L.toFloat()), b), probs, probs);
    // tfjs-layers clips logits to [ε, 1 − ε] before its fromLogits branch (a bug): tfjs-core's softmax cross-entropy is the oracle
    const Z = toO(tfc, onehot.toFloat());
    await compareWithOracle((_, b) => tf.losses.sparseCategoricalCrossentropy(L, b, true),
      (_, b) => tfc.losses.softmaxCrossEntropy(Z, b, undefined, 0, tfc.Reduction.NONE), x, x);
    // higher-rank predictions: [batch, time, classes] with labels [batch, time]
    const seq = tf.softmax(rand([2, 3, 4], 5)), lab = tf.tensor2d([[0, 1, 2], [3, 3, 0]], [2, 3], 'int32');
    const l = tf.losses.sparseCategoricalCrossentropy(lab, seq);
    expect(l.shape).toEqual([2, 3]);
    expectClose(l, tf.losses.categoricalCrossentropy(tf.oneHot(lab, 4), seq), 1e-6, 1e-6);
  });

  it('label smoothing as Keras: categorical ε/classes, binary ε/2', () => {
    const y = tf.oneHot([1, 0], 3), p = tf.softmax(rand([2, 3], 1)), x = rand([2, 3], 2, -2, 2);
    const ys = tf.add(tf.mul(tf.cast(y, 'float32'), 0.8), 0.2 / 3);
    expectClose(tf.losses.categoricalCrossentropy(y, p, false, 0.2), tf.losses.categoricalCrossentropy(ys, p), 1e-6, 1e-7);
    expectClose(tf.losses.categoricalCrossentropy(y, x, true, 0.2), tf.losses.categoricalCrossentropy(ys, x, true), 1e-6, 1e-7);
    const yb = tf.cast(y, 'float32'), ybs = tf.add(tf.mul(yb, 0.8), 0.1);
    expectClose(tf.losses.binaryCrossentropy(yb, p, false, 0.2), tf.losses.binaryCrossentropy(ybs, p), 1e-6, 1e-7);
    expectClose(tf.losses.binaryCrossentropy(yb, x, { fromLogits: true, labelSmoothing: 0.2 }), tf.losses.binaryCrossentropy(ybs, x, true), 1e-6, 1e-7);
    expectClose(new tf.losses.BinaryCrossentropy({ labelSmoothing: 0.2 }).call(yb, p), tf.mean(tf.losses.binaryCrossentropy(ybs, p)), 1e-6, 1e-7);
  });

  it('finite-difference gradients in yPred (and yTrue where Keras differentiates it)', () => {
    const probs = tf.softmax(rand([3, 4], 1, -2, 2)), labels = tf.softmax(rand([3, 4], 2, -2, 2));
    const x = rand([3, 4], 3, -3, 3), t = rand([3, 4], 4, -3, 3), pos = rand([3, 4], 5, 0.3, 3);
    const pm1 = tf.sub(tf.mul(tf.cast(tf.greater(rand([3, 4], 7), 0), 'float32'), 2), 1), b01 = tf.cast(tf.greater(rand([3, 4], 8), 0), 'float32');
    checkGrad((a, b) => tf.losses.mse(a, b), [t, x]);
    checkGrad((b) => tf.losses.meanAbsoluteError(t, b), [x]);
    checkGrad((b) => tf.losses.meanAbsolutePercentageError(t, b), [x]);
    checkGrad((b) => tf.losses.meanSquaredLogarithmicError(pos, b), [tf.add(pos, 0.5)]);
    checkGrad((a, b) => tf.losses.categoricalCrossentropy(a, b), [labels, probs], { eps: 1e-3 });
    checkGrad((a, b) => tf.losses.categoricalCrossentropy(a, b, true, 0.1), [labels, x]);
    checkGrad((b) => tf.losses.sparseCategoricalCrossentropy([0, 3, 2], b), [probs], { eps: 1e-3 });
    checkGrad((b) => tf.losses.sparseCategoricalCrossentropy([0, 3, 2], b, true), [x]);
    checkGrad((a, b) => tf.losses.binaryCrossentropy(a, b), [labels, probs], { eps: 1e-3 });
    checkGrad((a, b) => tf.losses.binaryCrossentropy(a, b, true), [labels, x]);
    checkGrad((a, b) => tf.losses.kullbackLeiblerDivergence(a, b), [labels, probs], { eps: 1e-3 });
    checkGrad((b) => tf.losses.hinge(pm1, b), [x]);
    checkGrad((b) => tf.losses.squaredHinge(b01, b), [x]);
    checkGrad((b) => tf.losses.categoricalHinge(tf.oneHot([1, 0, 3], 4), b), [x]);
    checkGrad((a, b) => tf.losses.logcosh(a, b), [t, x]);
    checkGrad((a, b) => tf.losses.huber(a, b, 0.5), [t, x]);
    checkGrad((b) => tf.losses.poisson(pos, b), [tf.add(pos, 0.5)]);
    checkGrad((a, b) => tf.losses.cosineSimilarity(a, b), [t, x]);
  });

  it('stable at the extremes: logits ±100 with fromLogits, probabilities exactly 0 and 1', async () => {
    const TL = await layersLosses();
    const tfc = await oracle();
    // logits: exact values, finite gradients
    const x = tf.tensor2d([[100, -100, 0], [-100, 100, 100]]);
    expectClose(tf.losses.categoricalCrossentropy([[1, 0, 0], [1, 0, 0]], x, true), [0, 200 + Math.LN2], 1e-6, 1e-6);
    expectClose(tf.losses.sparseCategoricalCrossentropy([1, 2], x, true), [200, Math.LN2], 1e-6, 1e-6);
    expectClose(tf.losses.binaryCrossentropy([[1, 1, 0], [1, 0, 1]], x, true), [(0 + 100 + Math.LN2) / 3, (100 + 100 + 0) / 3], 1e-6, 1e-6);
    for (const f of [
      (t: tf.Tensor) => tf.losses.categoricalCrossentropy([[1, 0, 0], [1, 0, 0]], t, true),
      (t: tf.Tensor) => tf.losses.sparseCategoricalCrossentropy([1, 2], t, true),
      (t: tf.Tensor) => tf.losses.binaryCrossentropy([[1, 1, 0], [1, 0, 1]], t, true),
    ]) {
      const g = vals(tf.grad(f)(x));
      expect(g.every(Number.isFinite)).toBe(true);
    }
    // probabilities 0 and 1 are clipped to [ε, 1 − ε]: finite, as Keras and tfjs-layers
    const z = tf.tensor2d([[1, 0], [0, 1], [1, 0]]), p = tf.tensor2d([[0, 1], [1, 0], [1, 0]]);
    const cce = tf.losses.categoricalCrossentropy(z, p);
    expectClose(cce, [-Math.log(1e-7), -Math.log(1e-7), 0], 1e-3, 1e-6);
    expectClose(cce, vals(TL.categoricalCrossentropy(toO(tfc, z), toO(tfc, p))), 1e-5, 1e-6);
    const bce = tf.losses.binaryCrossentropy(z, p);
    expect(vals(bce).every(Number.isFinite)).toBe(true);
    expectClose(bce, vals(TL.binaryCrossentropy(toO(tfc, z), toO(tfc, p))), 1e-5, 1e-6);
    expectClose(tf.losses.sparseCategoricalCrossentropy([0, 1, 0], p), cce, 1e-5, 1e-6);
    expect(vals(tf.losses.kullbackLeiblerDivergence(z, p)).every(Number.isFinite)).toBe(true);
    for (const f of [(t: tf.Tensor) => tf.losses.categoricalCrossentropy(z, t), (t: tf.Tensor) => tf.losses.binaryCrossentropy(z, t),
      (t: tf.Tensor) => tf.losses.sparseCategoricalCrossentropy([0, 1, 0], t), (t: tf.Tensor) => tf.losses.kullbackLeiblerDivergence(z, t)]) {
      expect(vals(tf.grad(f)(p)).every(Number.isFinite)).toBe(true);
    }
    // logcosh never overflows
    expectClose(tf.losses.logcosh([[0, 0]], [[200, -200]]), [200 - Math.LN2], 1e-6, 1e-6);
  });

  it('[N] labels against [N,1] predictions are one example each (no [N,N] broadcast)', () => {
    const y = tf.tensor1d([1, 0, 1]), p = tf.tensor2d([[0.9], [0.2], [0.6]]);
    const l = tf.losses.binaryCrossentropy(y, p);
    expect(l.shape).toEqual([3]);
    expectClose(l, [-Math.log(0.9), -Math.log(0.8), -Math.log(0.6)], 1e-5, 1e-6);
    // rank-1 predictions are one vector (the mean over the last axis is a scalar, as Keras)
    expectClose(tf.losses.mse(tf.tensor2d([[1], [2]]), tf.tensor1d([1, 3])), 0.5, 0, 0);
  });
});

describe('Keras loss classes', () => {
  it('reductions and sample weights as Keras (sum_over_batch_size divides by the number of losses)', () => {
    const y = rand([4, 3], 1), p = rand([4, 3], 2);
    const per = vals(tf.losses.mse(y, p));
    const w = [1, 0, 2, 0.5];
    const weighted = per.map((v, i) => v * w[i]);
    const s = (a: number[]) => a.reduce((x, v) => x + v, 0);
    expectClose(new tf.losses.MeanSquaredError().call(y, p), s(per) / 4, 1e-6, 1e-7);
    expectClose(new tf.losses.MeanSquaredError({ reduction: 'auto' }).call(y, p), s(per) / 4, 1e-6, 1e-7);
    expectClose(new tf.losses.MeanSquaredError({ reduction: 'sum' }).call(y, p), s(per), 1e-6, 1e-7);
    const none = new tf.losses.MeanSquaredError({ reduction: 'none' }).call(y, p);
    expect(none.shape).toEqual([4]);
    expectClose(none, per, 1e-6, 1e-7);
    for (const sw of [w, tf.tensor2d(w, [4, 1]), tf.tensor1d(w)]) {
      expectClose(new tf.losses.MeanSquaredError().call(y, p, sw), s(weighted) / 4, 1e-6, 1e-7);
      expectClose(new tf.losses.MeanSquaredError({ reduction: 'sum' }).call(y, p, sw), s(weighted), 1e-6, 1e-7);
      expectClose(new tf.losses.MeanSquaredError({ reduction: 'none' }).call(y, p, sw), weighted, 1e-6, 1e-7);
    }
    expectClose(new tf.losses.MeanSquaredError().call(y, p, 3), 3 * s(per) / 4, 1e-6, 1e-7);
    // per-element weights on per-element losses ([N,T] from sparse labels over a sequence)
    const seq = tf.softmax(rand([2, 3, 4], 5)), lab = tf.tensor2d([[0, 1, 2], [3, 3, 0]], [2, 3], 'int32'), sw2 = tf.tensor2d([[1, 1, 0], [1, 0, 0]]);
    const perSeq = vals(tf.losses.sparseCategoricalCrossentropy(lab, seq)), w2 = vals(sw2);
    expectClose(new tf.losses.SparseCategoricalCrossentropy().call(lab, seq, sw2), s(perSeq.map((v, i) => v * w2[i])) / 6, 1e-6, 1e-7);
  });

  it('every class equals the mean of its function and carries Keras options and snake_case names', () => {
    const probs = tf.softmax(rand([4, 5], 1)), x = rand([4, 5], 3, -3, 3), t = rand([4, 5], 4, -3, 3), y = tf.oneHot([0, 3, 1, 4], 5);
    const L = tf.losses;
    const cases: [tf.losses.Loss, string, tf.Tensor, tf.Tensor, tf.Tensor][] = [
      [new L.MeanSquaredError(), 'mean_squared_error', t, x, L.mse(t, x)],
      [new L.MeanAbsoluteError(), 'mean_absolute_error', t, x, L.meanAbsoluteError(t, x)],
      [new L.CategoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.1 }), 'categorical_crossentropy', y, x, L.categoricalCrossentropy(y, x, true, 0.1)],
      [new L.SparseCategoricalCrossentropy({ fromLogits: true }), 'sparse_categorical_crossentropy', tf.tensor1d([0, 3, 1, 4], 'int32'), x, L.categoricalCrossentropy(y, x, true)],
      [new L.SparseCategoricalCrossentropy(), 'sparse_categorical_crossentropy', tf.tensor1d([0, 3, 1, 4], 'int32'), probs, L.categoricalCrossentropy(y, probs)],
      [new L.BinaryCrossentropy({ fromLogits: true }), 'binary_crossentropy', probs, x, L.binaryCrossentropy(probs, x, true)],
      [new L.Huber({ delta: 0.5 }), 'huber_loss', t, x, L.huber(t, x, 0.5)],
      [new L.KLDivergence(), 'kl_divergence', probs, tf.softmax(x), L.kld(probs, tf.softmax(x))],
      [new L.Hinge(), 'hinge', y, x, L.hinge(y, x)],
      [new L.SquaredHinge(), 'squared_hinge', y, x, L.squaredHinge(y, x)],
      [new L.LogCosh(), 'log_cosh', t, x, L.logcosh(t, x)],
      [new L.CosineSimilarity(), 'cosine_similarity', t, x, L.cosineSimilarity(t, x)],
      [new L.CategoricalHinge(), 'categorical_hinge', y, x, L.categoricalHinge(y, x)],
      [new L.Poisson(), 'poisson', probs, tf.softmax(x), L.poisson(probs, tf.softmax(x))],
      [new L.MeanAbsolutePercentageError(), 'mean_absolute_percentage_error', t, x, L.mape(t, x)],
      [new L.MeanSquaredLogarithmicError(), 'mean_squared_logarithmic_error', probs, tf.softmax(x), L.msle(probs, tf.softmax(x))],
    ];
    for (const [obj, name, a, b, per] of cases) {
      expect(obj.name).toBe(name);
      expectClose(obj.call(a, b), tf.mean(per), 1e-6, 1e-7);
      expectClose(obj.perExample(a, b), per, 1e-6, 1e-7);
    }
    expect(new L.MeanSquaredError({ name: 'my_mse' }).name).toBe('my_mse');
    expect(new L.CategoricalCrossentropy({ fromLogits: true }).getConfig()).toEqual({ name: 'categorical_crossentropy', reduction: 'sum_over_batch_size', fromLogits: true, labelSmoothing: 0, axis: -1 });
    // a custom loss: subclass with perExample
    class Cube extends L.Loss {
      constructor() { super('cube'); }
      perExample(a: tf.TensorLike, b: tf.TensorLike) { return tf.mean(tf.pow(tf.abs(tf.sub(b, a)), 3), -1); }
    }
    expectClose(new Cube().call([[0, 0]], [[1, 2]]), 4.5, 1e-6, 0);
    expectClose(new L.LossFunctionWrapper(L.mae, { reduction: 'sum' }).call(t, x), tf.sum(L.mae(t, x)), 1e-6, 1e-6);
  });

  it('gradients through a loss object match tfjs-layers', async () => {
    const TL = await layersLosses();
    const x = rand([4, 5], 3, -3, 3), y = tf.oneHot([0, 3, 1, 4], 5), w = tf.tensor1d([1, 2, 0, 1]);
    const tfc = await oracle();
    const W = toO(tfc, w);
    await compareWithOracle((a, b) => new tf.losses.CategoricalCrossentropy().call(a, tf.softmax(b), w),
      (a, b) => tfc.div(tfc.sum(tfc.mul(TL.categoricalCrossentropy(a, tfc.softmax(b)), W)), 4), y, x);
  });
});

describe('getLossFn', () => {
  it('resolves camelCase, snake_case and short names to the same scalar loss; names are Keras snake_case', () => {
    const probs = tf.softmax(rand([4, 5], 1)), t = rand([4, 5], 4), y = tf.oneHot([0, 3, 1, 4], 5), idx = tf.tensor1d([0, 3, 1, 4], 'int32');
    const groups: [string, string[], tf.Tensor, tf.Tensor][] = [
      ['mean_squared_error', ['mse', 'MSE', 'meanSquaredError', 'mean_squared_error'], t, probs],
      ['mean_absolute_error', ['mae', 'meanAbsoluteError', 'mean_absolute_error'], t, probs],
      ['categorical_crossentropy', ['categoricalCrossentropy', 'categorical_crossentropy'], y, probs],
      ['sparse_categorical_crossentropy', ['sparseCategoricalCrossentropy', 'sparse_categorical_crossentropy'], idx, probs],
      ['binary_crossentropy', ['binaryCrossentropy', 'binary_crossentropy'], y, probs],
      ['huber_loss', ['huber', 'huber_loss', 'huberLoss'], t, probs],
      ['kl_divergence', ['kld', 'KLD', 'kullbackLeiblerDivergence', 'kullback_leibler_divergence', 'kl_divergence'], y, probs],
      ['hinge', ['hinge'], y, probs],
      ['log_cosh', ['logcosh', 'logCosh', 'log_cosh'], t, probs],
      ['cosine_similarity', ['cosineProximity', 'cosine_similarity', 'cosine'], t, probs],
      ['squared_hinge', ['squaredHinge', 'squared_hinge'], y, probs],
      ['mean_absolute_percentage_error', ['mape', 'meanAbsolutePercentageError'], t, probs],
    ];
    for (const [name, ids, a, b] of groups) {
      const ref = tf.losses.getLossFn(ids[0]).fn(a, b);
      expect(ref.shape).toEqual([]);
      for (const id of ids) {
        const r = tf.losses.getLossFn(id);
        expect(r.name, id).toBe(name);
        expectClose(r.fn(a, b), ref, 0, 0);
      }
    }
    expectClose(tf.losses.getLossFn('categoricalCrossentropy').fn(y, probs), tf.mean(tf.losses.categoricalCrossentropy(y, probs)), 0, 0);
  });

  it('functions and loss objects: a scalar either way; our functions keep their Keras names', () => {
    const x = rand([4, 5], 3, -3, 3), y = tf.oneHot([0, 3, 1, 4], 5), idx = tf.tensor1d([0, 3, 1, 4], 'int32');
    const r1 = tf.losses.getLossFn(new tf.losses.SparseCategoricalCrossentropy({ fromLogits: true }));
    expect(r1.name).toBe('sparse_categorical_crossentropy');
    expectClose(r1.fn(idx, x), tf.mean(tf.losses.categoricalCrossentropy(y, x, true)), 1e-6, 1e-7);
    const r2 = tf.losses.getLossFn(tf.losses.binaryCrossentropy);
    expect(r2.name).toBe('binary_crossentropy');
    expect(tf.losses.getLossFn(tf.losses.meanSquaredError).name).toBe('mean_squared_error');
    const custom = function myLoss(a: tf.Tensor, b: tf.Tensor) { return tf.sum(tf.abs(tf.sub(a, b)), -1); };
    const r3 = tf.losses.getLossFn(custom);
    expect(r3.name).toBe('myLoss');
    expectClose(r3.fn(y, x), tf.mean(custom(tf.cast(y, 'float32'), x)), 1e-6, 1e-7);
    // a reduced tfjs loss passes through (mean of a scalar)
    expectClose(tf.losses.getLossFn((a: tf.Tensor, b: tf.Tensor) => tf.losses.softmaxCrossEntropy(a, b)).fn(y, x),
      tf.losses.softmaxCrossEntropy(y, x), 0, 0);
    expect(tf.losses.getLossFn(new tf.losses.MeanSquaredError({ reduction: 'none' })).fn(x, x).shape).toEqual([]);
    // differentiable
    const g = tf.grad((t) => tf.losses.getLossFn('sparse_categorical_crossentropy').fn(idx, tf.softmax(t)))(x);
    expectClose(g, tf.div(tf.sub(tf.softmax(x), tf.cast(y, 'float32')), 4), 1e-5, 1e-6);
  });

  it('unknown names: a clear error listing the known ones', () => {
    expect(() => tf.losses.getLossFn('meanSquareError')).toThrow(/unknown loss 'meanSquareError'; known losses .*meanSquaredError\/mean_squared_error.*sparseCategoricalCrossentropy\/sparse_categorical_crossentropy/);
    expect(() => tf.losses.getLossFn('softmaxCrossEntropy')).toThrow(/use 'categoricalCrossentropy' with fromLogits/);
    expect(() => tf.losses.getLossFn(42 as any)).toThrow(/getLossFn: a loss must be a name, a function .* or a Loss object, got number/);
  });
});

describe('errors', () => {
  it('shape mismatches name the loss and both shapes', () => {
    const L = tf.losses;
    const a = tf.zeros([2, 3]), b = tf.zeros([2, 4]);
    for (const [name, f] of Object.entries({
      categoricalCrossentropy: () => L.categoricalCrossentropy(a, b), binaryCrossentropy: () => L.binaryCrossentropy(a, b),
      mse: () => L.mse(a, b), meanAbsoluteError: () => L.mae(a, b), kullbackLeiblerDivergence: () => L.kld(a, b),
      hinge: () => L.hinge(a, b), logcosh: () => L.logcosh(a, b), huber: () => L.huber(a, b),
    })) {
      expect(f, name).toThrow(new RegExp(`^${name}: yTrue \\[2,3\\] and yPred \\[2,4\\] must have the same shape$`));
    }
    expect(() => new L.MeanSquaredError().call(tf.zeros([3]), tf.zeros([3, 2]))).toThrow(/mse: yTrue \[3\] and yPred \[3,2\]/);
    expect(() => L.meanSquaredError(tf.zeros([2]), tf.zeros([3]))).toThrow(/meanSquaredError: labels \[2\] and predictions \[3\] must have the same shape/);
    expect(() => new L.MeanSquaredError().call(tf.zeros([4, 2]), tf.zeros([4, 2]), tf.ones([3]))).toThrow(/sampleWeight \[3\] does not broadcast to the per-example losses \[4\]/);
  });

  it('sparse labels: wrong dtype, range, integrality and shape', () => {
    const p = tf.softmax(rand([3, 4], 1));
    const f = (y: any) => () => tf.losses.sparseCategoricalCrossentropy(y, p);
    expect(f(tf.tensor1d([0, 4, 1], 'int32'))).toThrow(/sparseCategoricalCrossentropy: label 4 at index 1 is out of range \[0, 4\) for yPred \[3,4\]/);
    expect(f([0, -1, 1])).toThrow(/label -1 at index 1 is out of range/);
    expect(f([0, 1.5, 1])).toThrow(/label 1.5 at index 1 is not an integer class index/);
    expect(f(tf.tensor1d([true, false, true], 'bool'))).toThrow(/yTrue must hold integer class indices as int32 or float32, got bool/);
    expect(f(tf.oneHot([0, 1, 2], 4))).toThrow(/yTrue \[3,4\] must hold one class index per example: shape \[3\] or \[3,1\] for yPred \[3,4\]/);
    expect(() => tf.losses.sparseCategoricalCrossentropy([0], tf.scalar(1))).toThrow(/yPred must have rank ≥ 1/);
    expect(() => new tf.losses.SparseCategoricalCrossentropy().call([9, 0, 0], p)).toThrow(/label 9 at index 0 is out of range/);
  });

  it('bad options', () => {
    expect(() => tf.losses.categoricalCrossentropy([[1, 0]], [[0.5, 0.5]], false, 2)).toThrow(/categoricalCrossentropy: labelSmoothing must be a number in \[0, 1\], got 2/);
    expect(() => tf.losses.huber([1], [2], 0)).toThrow(/huber: delta must be a positive number, got 0/);
    expect(() => new tf.losses.Huber({ delta: -1 })).toThrow(/Huber: delta must be a positive number/);
    expect(() => new tf.losses.MeanSquaredError({ reduction: 'mean' as any })).toThrow(/MeanSquaredError: unknown reduction 'mean'; use 'sum_over_batch_size', 'sum', 'none', 'auto'/);
    expect(() => tf.losses.categoricalCrossentropy([[1, 0]], [[0.5, 0.5]], false, 0, 2)).toThrow(/axis 2 is out of range for yPred \[1,2\]/);
  });

  it('after an error nothing leaks and the library works', () => {
    const p = tf.softmax(rand([3, 4], 1)), y = tf.tensor1d([0, 1, 2], 'int32'), oh = tf.oneHot(y, 4);
    tf.losses.sparseCategoricalCrossentropy(y, p).dispose();
    const n0 = tf.memory().numTensors;
    expect(() => tf.losses.sparseCategoricalCrossentropy([0, 9, 1], p)).toThrow();
    expect(() => tf.losses.categoricalCrossentropy([[1, 0, 0]], p)).toThrow();
    expect(tf.memory().numTensors).toBe(n0);
    for (const f of [() => tf.losses.sparseCategoricalCrossentropy(y, p), () => tf.losses.categoricalCrossentropy(oh, p),
      () => new tf.losses.BinaryCrossentropy().call(p, p), () => tf.losses.getLossFn('huber').fn(p, p),
      () => tf.losses.meanSquaredError(p, p, [[1], [0], [2]], tf.losses.Reduction.MEAN), () => tf.losses.huberLoss(oh, p, null, 0.5),
      () => tf.losses.softmaxCrossEntropy(oh, p, null, 0.1), () => tf.losses.cosineDistance(oh, p, 1)]) {
      f().dispose();
      expect(tf.memory().numTensors).toBe(n0);
    }
  });
});
