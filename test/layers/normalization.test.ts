// BatchNormalization: inference and training against tfjs-layers (values, gradients through the batch
// statistics), moving statistics updated only in training, freezing, weight names, finite differences.
import { describe, expect, it } from 'vitest';
import { BatchNormalization } from '../../src/layers/index.js';
import { expectClose, oracle, rand, tf } from '../helpers.js';
import { checkLayerGrad, compareLayer, tfl, toO, vals } from './oracle.js';

const L = tf.layers;

/** A BN layer with random gamma, beta and moving statistics, built on `shape`. */
function randomBN(shape: number[], args: ConstructorParameters<typeof BatchNormalization>[0] = {}): BatchNormalization {
  const bn = L.batchNormalization(args);
  bn.apply(tf.zeros(shape));
  bn.setWeights(bn.weights.map((w, i) => (/moving_variance/.test(w.name) ? rand(w.shape, 10 + i, 0.5, 2) : rand(w.shape, 10 + i))));
  return bn;
}

describe('BatchNormalization', () => {
  it.each([[[6, 4]], [[2, 3, 3, 5]], [[3, 2, 4]]])('inference matches tfjs-layers (moving statistics), x %j', async (shape) => {
    const bn = randomBN(shape);
    await compareLayer(bn, tfl.layers.batchNormalization({}), tf.mul(rand(shape, 1), 3), { rtol: 1e-5, atol: 1e-5 });
  });

  it.each([[[6, 4]], [[2, 3, 3, 5]]])('training matches tfjs-layers: batch statistics, gradients through them, x %j', async (shape) => {
    const bn = randomBN(shape);
    await compareLayer(bn, tfl.layers.batchNormalization({}), tf.add(tf.mul(rand(shape, 2), 3), 1), { training: true, rtol: 1e-4, atol: 1e-5 });
  });

  // tfjs' cpu batchNorm indexes the statistics modulo their length, which is wrong for any axis but the
  // last: axis 1 is checked against a float64 reference and finite differences instead.
  it('axis 1 (channels first): float64 reference in inference and training, finite differences', () => {
    const x = rand([2, 3, 4, 2], 3), xv = vals(x);
    const bn = randomBN([2, 3, 4, 2], { axis: 1 });
    const [gamma, beta, mm, mv] = bn.getWeights().map(vals);
    const ch = (i: number) => Math.floor(i / 8) % 3;
    expectClose(bn.apply(x) as tf.Tensor, xv.map((v, i) => ((v - mm[ch(i)]) / Math.sqrt(mv[ch(i)] + 1e-3)) * gamma[ch(i)] + beta[ch(i)]), 1e-5, 1e-6);
    const mean = [0, 1, 2].map((c) => xv.filter((_, i) => ch(i) === c).reduce((a, b) => a + b, 0) / 16);
    const variance = [0, 1, 2].map((c) => xv.filter((_, i) => ch(i) === c).reduce((a, b) => a + (b - mean[c]) ** 2, 0) / 16);
    expectClose(bn.apply(x, { training: true }) as tf.Tensor,
      xv.map((v, i) => ((v - mean[ch(i)]) / Math.sqrt(variance[ch(i)] + 1e-3)) * gamma[ch(i)] + beta[ch(i)]), 1e-4, 1e-5);
    expectClose(bn.movingMean!, mm.map((m, c) => m - (m - mean[c]) * 0.01), 1e-5, 1e-6);
    expectClose(bn.movingVariance!, mv.map((m, c) => m - (m - variance[c]) * 0.01), 1e-5, 1e-6);
    checkLayerGrad(randomBN([2, 3, 2, 2], { axis: 1 }), rand([2, 3, 2, 2], 4), { training: true, rtol: 3e-2, atol: 5e-3 });
  });

  it('moving statistics move by momentum in training only, exactly as tfjs-layers', async () => {
    const tfc = await oracle();
    const x = tf.add(tf.mul(rand([8, 3], 4), 2), 5);
    const bn = L.batchNormalization({ momentum: 0.9 });
    const theirs = tfl.layers.batchNormalization({ momentum: 0.9 });
    bn.apply(x);
    theirs.apply(toO(tfc, x));
    const before = bn.getWeights().map(vals);
    bn.apply(x, { training: false });
    bn.apply(x);
    expect(bn.getWeights().map(vals)).toEqual(before); // inference leaves them alone
    const y = bn.apply(x, { training: true }) as tf.Tensor;
    theirs.apply(toO(tfc, x), { training: true });
    const { mean, variance } = tf.moments(x, 0);
    expectClose(bn.movingMean!, vals(mean).map((m) => 0.9 * 0 + 0.1 * m), 1e-5, 1e-6);
    expectClose(bn.movingVariance!, vals(variance).map((v) => 0.9 * 1 + 0.1 * v), 1e-5, 1e-6);
    bn.getWeights().forEach((w, i) => expectClose(w, vals(theirs.getWeights()[i]), 1e-6, 1e-6));
    // training output: normalised by the batch statistics (mean 0, variance v/(v+ε) per feature)
    const m = tf.moments(y, 0);
    expectClose(m.mean, [0, 0, 0], 0, 1e-5);
    expectClose(m.variance, vals(variance).map((v) => v / (v + 1e-3)), 1e-4);
    // many steps on the same batch: the moving statistics converge to the batch's
    for (let i = 0; i < 200; i++) bn.apply(x, { training: true });
    expectClose(bn.movingMean!, mean, 1e-4, 1e-5);
    expectClose(bn.movingVariance!, variance, 1e-4, 1e-5);
    // the moving updates are not on the tape: the tape sees gamma and beta only
    const tape = new tf.GradientTape();
    const loss = tf.sum(bn.apply(x, { training: true }) as tf.Tensor);
    expect(tape.watchedVariables().map((v) => v.name)).toEqual([bn.gamma!.name, bn.beta!.name]);
    tape.gradient(loss, [bn.gamma!]);
  });

  it('weights named as Keras: gamma, beta trainable; moving_mean, moving_variance not', () => {
    const bn = L.batchNormalization({ name: 'batch_normalization' });
    bn.apply(tf.zeros([2, 5]));
    expect(bn.weights.map((w) => w.name)).toEqual(['batch_normalization/gamma', 'batch_normalization/beta',
      'batch_normalization/moving_mean', 'batch_normalization/moving_variance']);
    expect(bn.trainableWeights.map((w) => w.name)).toEqual(['batch_normalization/gamma', 'batch_normalization/beta']);
    expect(bn.nonTrainableWeights.map((w) => w.name)).toEqual(['batch_normalization/moving_mean', 'batch_normalization/moving_variance']);
    expect(bn.countParams()).toBe(20);
    expect(vals(bn.gamma!)).toEqual([1, 1, 1, 1, 1]);
    expect(vals(bn.movingVariance!)).toEqual([1, 1, 1, 1, 1]);
    const noAffine = L.batchNormalization({ center: false, scale: false });
    noAffine.apply(tf.zeros([2, 5]));
    expect(noAffine.weights.map((w) => w.name.split('/')[1])).toEqual(['moving_mean', 'moving_variance']);
    expect(noAffine.trainableWeights).toEqual([]);
  });

  // tfjs-layers cannot train without beta or gamma (it reads them unconditionally) and its batchNorm
  // gradient fails without them: inference values against it, gradients against finite differences.
  it('center: false / scale: false match tfjs-layers in inference; train', async () => {
    await compareLayer(randomBN([4, 3], { center: false }), tfl.layers.batchNormalization({ center: false }), rand([4, 3], 5), { rtol: 1e-5, inputGrad: false, weightGrads: false });
    await compareLayer(randomBN([4, 3], { scale: false }), tfl.layers.batchNormalization({ scale: false }), rand([4, 3], 6), { rtol: 1e-5, inputGrad: false, weightGrads: false });
    const bn = randomBN([4, 3], { center: false });
    checkLayerGrad(bn, rand([4, 3], 7), { training: true, rtol: 3e-2, atol: 5e-3 });
    expect(bn.trainableWeights.map((w) => w.name.split('/')[1])).toEqual(['gamma']);
  });

  it('a frozen layer (trainable = false) runs in inference mode even with training: true (TF2 Keras)', () => {
    const bn = randomBN([6, 3]);
    const x = rand([6, 3], 7);
    const inference = vals(bn.apply(x) as tf.Tensor);
    bn.trainable = false;
    expect(bn.trainableWeights).toEqual([]);
    expect(bn.weights.length).toBe(4);
    const before = bn.getWeights().map(vals);
    expect(vals(bn.apply(x, { training: true }) as tf.Tensor)).toEqual(inference);
    expect(bn.getWeights().map(vals)).toEqual(before);
    bn.trainable = true;
    expect(bn.trainableWeights.length).toBe(2);
    expect(bn.nonTrainableWeights.length).toBe(2);
    expect(vals(bn.apply(x, { training: true }) as tf.Tensor)).not.toEqual(inference);
  });

  it('finite differences through the batch statistics (training) and in inference', () => {
    checkLayerGrad(randomBN([5, 3]), tf.mul(rand([5, 3], 8), 2), { training: true, rtol: 3e-2, atol: 5e-3 });
    checkLayerGrad(randomBN([2, 2, 2, 3]), rand([2, 2, 2, 3], 9));
  });

  it('getConfig and errors', () => {
    expect(L.batchNormalization({ momentum: 0.9 }).getConfig()).toMatchObject({ axis: -1, momentum: 0.9, epsilon: 0.001, center: true,
      scale: true, gammaInitializer: { className: 'Constant', config: { value: 1 } }, movingVarianceInitializer: { className: 'Constant' } });
    expect(() => L.batchNormalization({ axis: 3, name: 'bn3' }).apply(tf.zeros([2, 3]))).toThrow(/bn3: axis 3 is out of range for input \[2,3\]/);
    const bn = L.batchNormalization({ name: 'bnx' });
    bn.apply(tf.zeros([2, 3]));
    expect(() => bn.apply(tf.zeros([2, 4]))).toThrow(/bnx: expected input of shape \[None,3\] \(axis 1 of size 3, as built\), got input of shape \[2,4\]/);
    expect(() => bn.apply(tf.zeros([2, 1, 3]))).toThrow(/bnx: expected input of rank 2/);
    expect(() => L.batchNormalization({ momentum: 2 })).toThrow(/momentum must be in \[0, 1\]/);
  });
});
