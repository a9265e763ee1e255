// The fused training loss head (src/losses.ts FUSED, ops/nn.ts softmaxXentHead): the categorical cross-entropies of
// a model's softmax output are computed from its logits, unclipped (Keras' TensorFlow backend). Where it is taken
// and where not (seen in the loss: the clipped path stops at −log(1e-7) ≈ 16.12), its values and gradients against
// TensorFlow.js from the logits, finite differences (first and second order), and that it leaves no tensor.
import { describe, expect, it } from 'vitest';
import { checkGrad, compareWithTfjs, expectClose, oracle, rand, tf } from '../helpers.js';
import { softmaxRecordingLogits } from '../../src/ops/softmax.js';

const CLIPPED = -Math.log(1e-7); // 16.118…: the most a clipped cross-entropy gives

/** Dense(2, activation) whose logits on x = [1] are [0, 40]: class 0 has p = e^-40. */
function confident(activation: 'softmax' | 'linear' | 'sigmoid' | null, softmaxLayer?: number): tf.LayersModel {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 2, inputShape: [1], activation: activation ?? 'linear', kernelInitializer: 'zeros' }));
  if (softmaxLayer !== undefined) m.add(tf.layers.softmax({ axis: softmaxLayer }));
  m.layers[0].setWeights([tf.tensor([[0, 40]]), tf.zeros([2])]);
  return m;
}
const X = tf.tensor([[1]]);
/** The loss fit reports for one step (learning rate 0: the weights stay). */
async function lossOf(m: tf.LayersModel, loss: string | tf.losses.Loss, y: tf.Tensor): Promise<number> {
  m.compile({ optimizer: tf.train.sgd(0), loss: loss as string });
  return (await m.fit(X, y, { epochs: 1, verbose: 0 })).history.loss[0] as number;
}
const SPARSE = tf.tensor([0], [1], 'int32'), ONEHOT = tf.tensor([[1, 0]]);

describe('the fused loss head', () => {
  it('is taken for a softmax output (Dense activation, Softmax layer on the last axis) with either categorical loss', async () => {
    const exact = 40 + Math.log1p(Math.exp(-40)); // −log softmax([0, 40])[0]
    for (const m of [confident('softmax'), confident(null, -1), confident(null, 1)]) {
      expect(await lossOf(m, 'sparseCategoricalCrossentropy', SPARSE)).toBeCloseTo(exact, 4);
      expect(await lossOf(m, 'categoricalCrossentropy', ONEHOT)).toBeCloseTo(exact, 4);
      // tf.losses on the model's output under a tape too (the tensor carries its logits, as Keras' _keras_logits)
      const tape = new tf.GradientTape(), p = m.apply(X, { training: true }) as tf.Tensor;
      expect(tf.losses.categoricalCrossentropy(ONEHOT, p).dataSync()[0]).toBeCloseTo(exact, 4);
      tape.dispose();
    }
    // fit's step: the gradient is p − onehot from the logits (the clipped path's is 0: the clip is saturated)
    const m = confident('softmax');
    m.compile({ optimizer: tf.train.sgd(1), loss: 'sparseCategoricalCrossentropy' });
    const before = m.layers[0].getWeights()[0].dataSync();
    return m.fit(X, SPARSE, { epochs: 1, verbose: 0 }).then((h) => {
      expect(h.history.loss[0] as number).toBeCloseTo(exact, 4);
      const after = m.layers[0].getWeights()[0].dataSync();
      expectClose(Array.from(after), [before[0] + 1, before[1] - 1], 1e-6, 1e-6); // −(p − onehot)·x, p ≈ [0, 1]
    });
  });

  it('is taken by evaluate and validation too (the loss fit reports), and leaves nothing behind', async () => {
    const exact = 40 + Math.log1p(Math.exp(-40));
    const m = confident('softmax');
    m.compile({ optimizer: tf.train.sgd(0), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const n0 = tf.memory().numTensors, b0 = tf.memory().numBytes;
    const [loss, acc] = m.evaluate(X, SPARSE) as tf.Tensor[];
    expect(loss.dataSync()[0]).toBeCloseTo(exact, 4);
    expect(acc.dataSync()[0]).toBe(0);
    tf.dispose([loss, acc]);
    expect(tf.memory().numTensors).toBe(n0);
    expect(tf.memory().numBytes).toBe(b0);
    const h = await m.fit(X, SPARSE, { epochs: 1, verbose: 0, validationData: [X, SPARSE] });
    expect(h.history.val_loss[0] as number).toBeCloseTo(exact, 4);
    expect(h.history.loss[0] as number).toBeCloseTo(exact, 4);
    m.dispose();
  });

  it('is not taken for fromLogits, other losses, non-softmax outputs, tf.softmax or a softmax over another axis', async () => {
    // sigmoid([0, 40]) = [0.5, 1]: −log(0.5 / 1.5) by the probabilities' formula
    expect(await lossOf(confident('sigmoid'), 'categoricalCrossentropy', ONEHOT)).toBeCloseTo(Math.log(3), 4);
    expect(await lossOf(confident('sigmoid'), 'sparseCategoricalCrossentropy', SPARSE)).toBeCloseTo(Math.log(3), 4);
    // logits with fromLogits: the exact loss, by the unfused op
    expect(await lossOf(confident('linear'), new tf.losses.SparseCategoricalCrossentropy({ fromLogits: true }), SPARSE)).toBeCloseTo(40, 4);
    // another loss on a softmax output sees the probabilities
    expect(await lossOf(confident('softmax'), 'meanSquaredError', ONEHOT)).toBeCloseTo(1, 5);
    // predict's output carries no logits (nothing is kept beyond the call): tf.losses on it clip
    const e = confident('softmax'), pe = e.predict(X) as tf.Tensor;
    expect(tf.losses.sparseCategoricalCrossentropy(SPARSE, pe).dataSync()[0]).toBeCloseTo(CLIPPED, 3);
    pe.dispose();
    // tf.softmax called directly carries no logits: tf.losses unchanged (clipped)
    const p = tf.softmax(tf.tensor([[0, 40]]));
    expect(tf.losses.sparseCategoricalCrossentropy(SPARSE, p).dataSync()[0]).toBeCloseTo(CLIPPED, 3);
    expect(tf.losses.categoricalCrossentropy(ONEHOT, p).dataSync()[0]).toBeCloseTo(CLIPPED, 3);
    // a Softmax layer over axis 0 of a [1, 2] batch: not the class axis
    const m0 = confident(null, 0), p0 = m0.predict(X) as tf.Tensor;
    expect(Array.from(p0.dataSync())).toEqual([1, 1]);
    expect(tf.losses.categoricalCrossentropy(tf.tensor([[1, 1]]), p0).dataSync()[0]).toBeCloseTo(2 * Math.log(2), 4);
    // the layers' softmax without a tape (no training step) records nothing; under one it does, and the logits'
    // block lives as long as the probabilities, without a tensor of its own
    const b0 = tf.memory().numBytes, x = tf.tensor([[0, 40]]);
    const loss = (q: tf.Tensor) => tf.tidy(() => tf.losses.sparseCategoricalCrossentropy(SPARSE, q).dataSync()[0]);
    const q0 = softmaxRecordingLogits(x);
    expect(loss(q0)).toBeCloseTo(CLIPPED, 3);
    q0.dispose();
    const tape = new tf.GradientTape();
    tape.watch(x);
    const n = tf.memory().numTensors, q = softmaxRecordingLogits(x);
    expect(tf.memory().numTensors).toBe(n + 2); // q and the tape's snapshot of it
    x.dispose();
    expect(loss(q)).toBeGreaterThan(CLIPPED + 1);
    tape.dispose();
    expect(loss(q)).toBeGreaterThan(CLIPPED + 1); // (without a tape now: the recorded logits still count)
    q.dispose();
    expect(tf.memory().numBytes).toBe(b0); // x's block went with q's
  });

  it('matches TensorFlow.js from the logits: values and gradients (sparse, one-hot, soft and unnormalised labels)', async () => {
    const tfc = await oracle();
    const x = rand([6, 5], 3, -4, 4), cls = [0, 4, 2, 2, 1, 3];
    const sparse = tf.tensor(cls, [6], 'int32'), hot = tf.cast(tf.oneHot(sparse, 5), 'float32');
    const soft = rand([6, 5], 5, 0, 1), hotO = tfc.cast(tfc.oneHot(tfc.tensor1d(cls, 'int32'), 5), 'float32');
    const NONE = tfc.Reduction.NONE;
    await compareWithTfjs((a) => tf.losses.sparseCategoricalCrossentropy(sparse, softmaxRecordingLogits(a)),
      (a) => tfc.losses.softmaxCrossEntropy(hotO, a, undefined, 0, NONE), [x]);
    await compareWithTfjs((a) => tf.losses.categoricalCrossentropy(hot, softmaxRecordingLogits(a)),
      (a) => tfc.losses.softmaxCrossEntropy(hotO, a, undefined, 0, NONE), [x]);
    // soft labels that do not sum to 1: loss −Σ z·log softmax, gradient p·Σz − z (tfjs's formula assumes Σz = 1,
    // so the value alone against tfjs, the gradient by finite differences below)
    await compareWithTfjs((a) => tf.losses.categoricalCrossentropy(soft, softmaxRecordingLogits(a)),
      (a) => tfc.neg(tfc.sum(tfc.mul(tfc.tensor(Array.from(soft.dataSync()), [6, 5]), tfc.logSoftmax(a)), -1)), [x], false);
  });

  it('has the gradient of finite differences, first and second order, for logits and dense labels', () => {
    const x = rand([4, 6], 7, -3, 3), sparse = tf.tensor([5, 0, 3, 3], [4], 'int32'), soft = rand([4, 6], 8, 0, 1);
    checkGrad((a) => tf.losses.sparseCategoricalCrossentropy(sparse, softmaxRecordingLogits(a)), [x]);
    checkGrad((a, z) => tf.losses.categoricalCrossentropy(z, softmaxRecordingLogits(a)), [x, soft]);
    // the gradient is itself differentiable (through the probabilities' softmax node and dy)
    const w = rand([4], 9, 0.5, 1.5);
    checkGrad((a) => tf.grad((b: tf.Tensor) => tf.sum(tf.mul(tf.losses.sparseCategoricalCrossentropy(sparse, softmaxRecordingLogits(b)), w)))(a), [x]);
    checkGrad((a) => tf.grad((b: tf.Tensor) => tf.sum(tf.mul(tf.losses.categoricalCrossentropy(soft, softmaxRecordingLogits(b)), w)))(a), [x]);
  });

  it('leaves no tensor behind (forward, gradient, a training step)', () => {
    const x = rand([3, 4], 2), y = tf.tensor([1, 2, 3], [3], 'int32');
    const before = tf.memory().numTensors;
    const g = tf.grad((a: tf.Tensor) => tf.mean(tf.losses.sparseCategoricalCrossentropy(y, softmaxRecordingLogits(a))))(x);
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [4], activation: 'softmax' })] });
    const xs = rand([8, 4], 4), ys = tf.tensor([0, 1, 2, 3, 0, 1, 2, 3], [8], 'int32');
    const step = () => tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => tf.mean(tf.losses.sparseCategoricalCrossentropy(ys, m.apply(xs, { training: true }) as tf.Tensor)));
      return [value.dataSync()[0], ...Object.values(grads).map((t) => t.dataSync()[0])];
    });
    step();
    const n = tf.memory().numTensors, bytes = tf.memory().numBytes;
    step();
    expect(tf.memory().numTensors).toBe(n);
    expect(tf.memory().numBytes).toBe(bytes);
  });
});
