// tf.metrics: tfjs-layers' metric functions against tfjs-layers itself, TF2's stateful metrics (several
// batches equal one batch of everything, sample weights, resetState, untaped updates, flat memory), AUC
// against the exact rank statistic, and getMetricFn's Keras resolution of 'accuracy'.
import { describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import { expectClose, oracle, rand, tf } from './helpers.js';

type O = Awaited<ReturnType<typeof oracle>>;
const toO = (tfc: O, t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype as any);
const vals = (t: { dataSync(): ArrayLike<number> }) => Array.from(t.dataSync());
const layersLosses = () => import('@tensorflow/tfjs-layers/dist/losses.js') as Promise<Record<string, (a: any, b: any, c?: any) => any>>;

describe('metric functions (tfjs-layers)', () => {
  it('match tfl.metrics', async () => {
    const tfc = await oracle();
    const TL = await layersLosses();
    const probs = tf.softmax(rand([6, 4], 1, -2, 2)), y = tf.oneHot([0, 3, 1, 1, 2, 0], 4).toFloat();
    const idx = tf.tensor1d([0, 3, 1, 2, 2, 0]);
    const p01 = rand([6, 3], 2, 0, 1), b01 = tf.cast(tf.greater(rand([6, 3], 3), 0), 'float32');
    const hard = tf.cast(tf.greater(rand([6, 3], 4), -0.2), 'float32');
    const x = rand([6, 3], 5, -2, 2), t = rand([6, 3], 6, -2, 2);
    const M = tf.metrics;
    const cases: [string, tf.Tensor, any][] = [
      ['binaryAccuracy', M.binaryAccuracy(b01, p01), tfl.metrics.binaryAccuracy(toO(tfc, b01), toO(tfc, p01))],
      ['categoricalAccuracy', M.categoricalAccuracy(y, probs), tfl.metrics.categoricalAccuracy(toO(tfc, y), toO(tfc, probs))],
      ['sparseCategoricalAccuracy', M.sparseCategoricalAccuracy(idx, probs), tfl.metrics.sparseCategoricalAccuracy(toO(tfc, idx), toO(tfc, probs))],
      ['sparseCategoricalAccuracy [N,1]', M.sparseCategoricalAccuracy(idx.reshape([6, 1]), probs),
        tfl.metrics.sparseCategoricalAccuracy(toO(tfc, idx.reshape([6, 1])), toO(tfc, probs))],
      ['binaryCrossentropy', M.binaryCrossentropy(b01, p01), tfl.metrics.binaryCrossentropy(toO(tfc, b01), toO(tfc, p01))],
      ['categoricalCrossentropy', M.categoricalCrossentropy(y, probs), tfl.metrics.categoricalCrossentropy(toO(tfc, y), toO(tfc, probs))],
      ['sparseCategoricalCrossentropy', M.sparseCategoricalCrossentropy(idx, probs), TL.sparseCategoricalCrossentropy(toO(tfc, idx), toO(tfc, probs))],
      ['meanSquaredError', M.meanSquaredError(t, x), tfl.metrics.meanSquaredError(toO(tfc, t), toO(tfc, x))],
      ['mse', M.mse(t, x), tfl.metrics.mse(toO(tfc, t), toO(tfc, x))],
      ['meanAbsoluteError', M.meanAbsoluteError(t, x), tfl.metrics.meanAbsoluteError(toO(tfc, t), toO(tfc, x))],
      ['meanAbsolutePercentageError', M.meanAbsolutePercentageError(t, x), tfl.metrics.meanAbsolutePercentageError(toO(tfc, t), toO(tfc, x))],
      ['cosineProximity', M.cosineProximity(t, x), tfl.metrics.cosineProximity(toO(tfc, t), toO(tfc, x))],
      ['precision', M.precision(b01, hard), tfl.metrics.precision(toO(tfc, b01), toO(tfc, hard))],
      ['recall', M.recall(b01, hard), tfl.metrics.recall(toO(tfc, b01), toO(tfc, hard))],
      ['precision, nothing predicted', M.precision(b01, tf.zerosLike(hard)), tfl.metrics.precision(toO(tfc, b01), tfc.zeros([6, 3]))],
      // tfl.metrics.r2Score uses the chained API, which tfjs-core's Node bundle does not register here: its formula in tfjs-core
      ['r2Score', M.r2Score(t, x), tfc.sub(1, tfc.div(tfc.sum(tfc.square(tfc.sub(toO(tfc, t), toO(tfc, x)))),
        tfc.sum(tfc.square(tfc.sub(toO(tfc, t), tfc.mean(toO(tfc, t)))))))],
    ];
    for (const [name, a, b] of cases) {
      expect(a.shape, name).toEqual(b.shape);
      try { expectClose(a, vals(b), 1e-5, 1e-6); } catch (e) { throw new Error(`${name}: ${(e as Error).message}`); }
    }
  });

  it('per-example shapes; int and float labels; thresholds', () => {
    const M = tf.metrics;
    expectClose(M.binaryAccuracy([[1, 0, 1], [0, 0, 1]], [[0.9, 0.4, 0.2], [0.1, 0.6, 0.51]]), [2 / 3, 2 / 3], 1e-6, 0);
    expectClose(M.binaryAccuracy([[1, 0]], [[0.7, 0.6]], 0.65), [1], 0, 0);
    expectClose(M.binaryAccuracy(tf.tensor1d([1, 0, 1]), tf.tensor2d([[0.9], [0.2], [0.3]])), [1, 1, 0], 0, 0);
    expectClose(M.sparseCategoricalAccuracy(tf.tensor1d([2, 0], 'int32'), [[0.1, 0.2, 0.7], [0.3, 0.6, 0.1]]), [1, 0], 0, 0);
    expectClose(M.categoricalAccuracy(tf.oneHot([2, 0], 3), [[0.1, 0.2, 0.7], [0.3, 0.6, 0.1]]), [1, 0], 0, 0);
    expect(() => M.categoricalAccuracy(tf.zeros([2, 3]), tf.zeros([2, 4]))).toThrow(/categoricalAccuracy: yTrue \[2,3\] and yPred \[2,4\] must have the same shape/);
    expect(() => M.sparseCategoricalAccuracy(tf.zeros([2, 3]), tf.zeros([2, 3]))).toThrow(/sparseCategoricalAccuracy: yTrue \[2,3\] must hold one class index per example/);
  });
});

describe('stateful metrics', () => {
  it('seed 002 §8.1: Mean of a batch, reset_states → 0', () => {
    const loss = tf.randomNormal([6], 0, 1, 'float32', 3);
    const lossMeter = new tf.metrics.Mean();
    expect(lossMeter.name).toBe('mean');
    lossMeter.updateState(loss);
    expectClose(lossMeter.result(), tf.mean(loss), 1e-6, 1e-7);
    lossMeter.resetStates();
    expectClose(lossMeter.result(), 0, 0, 0);
    expect(lossMeter.result().shape).toEqual([]);
  });

  it('seed 002 §8.2: Accuracy of argMax scalars over many updates is the fraction of matches', () => {
    const acc = new tf.metrics.Accuracy();
    let hits = 0;
    const n = 200;
    for (let i = 0; i < n; i++) {
      const y = tf.argMax(tf.randomNormal([2], 0, 1, 'float32', 2 * i));
      const yPred = tf.argMax(tf.randomNormal([2], 0, 1, 'float32', 2 * i + 1));
      if (y.item() === yPred.item()) hits++;
      acc.updateState(y, yPred);
      tf.dispose([y, yPred]);
    }
    expectClose(acc.result(), hits / n, 1e-6, 0);
    expect(hits / n).toBeGreaterThan(0.35);
    expect(hits / n).toBeLessThan(0.65);
  });

  it('several batches equal one batch of everything (each accumulating metric)', () => {
    const probs = tf.softmax(rand([12, 4], 1, -2, 2)), idx = tf.tensor1d([0, 3, 1, 1, 2, 0, 3, 3, 2, 1, 0, 1], 'int32');
    const y = tf.oneHot(idx, 4).toFloat(), p01 = rand([12, 3], 2, 0, 1), b01 = tf.cast(tf.greater(rand([12, 3], 3), 0), 'float32');
    const t = rand([12, 3], 4), x = rand([12, 3], 5);
    const ints = tf.tensor1d([1, 2, 2, 0, 1, 1, 0, 0, 2, 1, 0, 2], 'int32'), intsPred = tf.tensor1d([1, 2, 0, 0, 1, 2, 0, 1, 2, 2, 0, 2], 'int32');
    const M = tf.metrics;
    const cases: [() => tf.metrics.Metric, tf.Tensor, tf.Tensor][] = [
      [() => new M.Accuracy(), ints, intsPred],
      [() => new M.BinaryAccuracy(), b01, p01],
      [() => new M.BinaryAccuracy({ threshold: 0.3 }), b01, p01],
      [() => new M.CategoricalAccuracy(), y, probs],
      [() => new M.SparseCategoricalAccuracy(), idx, probs],
      [() => new M.Precision(), b01, p01],
      [() => new M.Recall(), b01, p01],
      [() => new M.Precision({ thresholds: 0.7, classId: 1 }), b01, p01],
      [() => new M.Recall({ classId: 2 }), b01, p01],
      [() => new M.MeanSquaredError(), t, x],
      [() => new M.MeanAbsoluteError(), t, x],
      [() => new M.CategoricalCrossentropy(), y, probs],
      [() => new M.SparseCategoricalCrossentropy(), idx, probs],
      [() => new M.BinaryCrossentropy(), b01, p01],
      [() => new M.AUC({ numThresholds: 50 }), b01, p01],
      [() => new M.AUC({ curve: 'PR' }), b01, p01],
    ];
    for (const [make, a, b] of cases) {
      const all = make(), parts = make();
      all.updateState(a, b);
      for (const [s, n] of [[0, 5], [5, 4], [9, 3]]) parts.updateState(tf.slice(a, s, n), tf.slice(b, s, n));
      expectClose(parts.result(), all.result(), 1e-5, 1e-6);
      // and with sample weights
      const w = rand([12], 9, 0, 2);
      all.resetState(); parts.resetState();
      all.updateState(a, b, w);
      for (const [s, n] of [[0, 7], [7, 5]]) parts.updateState(tf.slice(a, s, n), tf.slice(b, s, n), tf.slice(w, s, n));
      expectClose(parts.result(), all.result(), 1e-5, 1e-6);
    }
    // the values themselves
    const acc = new M.CategoricalAccuracy();
    acc.updateState(y, probs);
    expectClose(acc.result(), tf.mean(M.categoricalAccuracy(y, probs)), 1e-6, 0);
    const z = vals(b01), pv = vals(p01);
    let tp = 0, fp = 0, fn = 0;
    z.forEach((l, i) => { const pos = pv[i] > 0.5; if (pos && l) tp++; else if (pos) fp++; else if (l) fn++; });
    const pr = new M.Precision(), rc = new M.Recall();
    pr.updateState(b01, p01); rc.updateState(b01, p01);
    expectClose(pr.result(), tp / (tp + fp), 1e-6, 0);
    expectClose(rc.result(), tp / (tp + fn), 1e-6, 0);
    const m = new M.MeanSquaredError();
    m.updateState(t, x);
    expectClose(m.result(), tf.mean(tf.square(tf.sub(t, x))), 1e-6, 1e-7);
  });

  it('Mean and Sum with sample weights, result before any update, resetState and resetStates', () => {
    const m = new tf.metrics.Mean({ name: 'loss_meter' });
    expect(m.name).toBe('loss_meter');
    expectClose(m.result(), 0, 0, 0);
    m.updateState([1, 2, 3], [1, 0, 2]);
    m.updateState(tf.tensor2d([[4, 5]]), tf.tensor1d([1]));
    expectClose(m.result(), (1 + 6 + 4 + 5) / (1 + 2 + 1 + 1), 1e-6, 0);
    m.updateState(10);
    expectClose(m.result(), (16 + 10) / 6, 1e-6, 0);
    m.resetState();
    expectClose(m.result(), 0, 0, 0);
    m.updateState([2, 4]);
    expectClose(m.result(), 3, 0, 0);
    const s = new tf.metrics.Sum();
    s.updateState([1, 2, 3], [1, 0, 2]);
    s.updateState(tf.tensor1d([4]));
    expectClose(s.result(), 11, 0, 0);
    s.resetStates();
    expectClose(s.result(), 0, 0, 0);
    expect(s.variables.map((v) => v.name)).toEqual(['sum/total', 'sum/count']);
    expect(s.variables.every((v) => !v.trainable)).toBe(true);
    expect(() => m.updateState([1, 2, 3], [1, 2])).toThrow(/Mean.updateState: sampleWeight \[2\] does not broadcast to the values \[3\]/);
    expectClose(m.call([6]), 4, 0, 0); // Keras' metric(values): update, then the result
  });

  it('AUC: 1 for a perfect ranking, 0 for a reversed one, the exact rank statistic up to the threshold grid', () => {
    const y = [0, 0, 1, 1, 0, 1], p = [0.1, 0.3, 0.8, 0.65, 0.2, 0.9];
    const a = new tf.metrics.AUC();
    a.updateState(y, p);
    expectClose(a.result(), 1, 0, 1e-6);
    const r = new tf.metrics.AUC();
    r.updateState(y, p.map((v) => 1 - v));
    expectClose(r.result(), 0, 0, 1e-6);
    // random scores: the Mann-Whitney AUC
    const labels = vals(tf.cast(tf.greater(rand([400], 1), 0.2), 'float32'));
    const scores = vals(tf.sigmoid(tf.add(rand([400], 2, -2, 2), tf.mul(labels, 1.5))));
    let num = 0, pairs = 0;
    labels.forEach((li, i) => { if (li !== 1) return; labels.forEach((lj, j) => { if (lj !== 0) return; pairs++; num += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0; }); });
    const m = new tf.metrics.AUC({ numThresholds: 1000 });
    for (let s = 0; s < 400; s += 100) m.updateState(labels.slice(s, s + 100), scores.slice(s, s + 100));
    expectClose(m.result(), num / pairs, 0, 2e-3);
    const pr = new tf.metrics.AUC({ curve: 'PR' });
    pr.updateState(y, p);
    expectClose(pr.result(), 1, 0, 1e-5);
    expect(() => new tf.metrics.AUC({ curve: 'XY' as any })).toThrow(/AUC: curve must be 'ROC' or 'PR'/);
  });

  it('updates are not recorded by a GradientTape and do not change gradients', () => {
    const w = tf.variable(tf.tensor1d([1, 2, 3]));
    const mean = new tf.metrics.Mean(), mse = new tf.metrics.MeanSquaredError();
    const tape = new tf.GradientTape();
    const loss = tf.sum(tf.square(w));
    mean.updateState(loss);
    mse.updateState(tf.zeros([3]), w);
    const g = tape.gradient(loss, w)!;
    expectClose(g, [2, 4, 6], 0, 0);
    expect(tape.watchedVariables()).toEqual([w]);
    expectClose(mean.result(), 14, 0, 0);
    expectClose(mse.result(), 14 / 3, 1e-6, 0);
  });

  it('no memory growth over many updates (tensors, bytes and wasm pages stay flat)', () => {
    const probs = tf.softmax(rand([32, 10], 1)), idx = tf.tensor1d(Array.from({ length: 32 }, (_, i) => i % 10), 'int32');
    const b01 = tf.cast(tf.greater(rand([32, 1], 3), 0), 'float32'), p01 = rand([32, 1], 2, 0, 1), w = rand([32], 4, 0, 1);
    const ms = [new tf.metrics.Mean(), new tf.metrics.SparseCategoricalAccuracy(), new tf.metrics.Precision(), new tf.metrics.AUC(), new tf.metrics.BinaryAccuracy()];
    const step = () => {
      ms[0].updateState(probs, null);
      ms[1].updateState(idx, probs, w);
      ms[2].updateState(b01, p01);
      ms[3].updateState(b01, p01, w);
      ms[4].updateState(b01, p01);
      for (const m of ms) m.result().dispose();
    };
    step();
    const before = tf.memory();
    for (let i = 0; i < 300; i++) step();
    for (const m of ms) m.resetState();
    const after = tf.memory();
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numBytes).toBe(before.numBytes);
    expect(after.wasmPages).toBe(before.wasmPages);
    for (const m of ms) m.dispose();
    expect(tf.memory().numTensors).toBe(before.numTensors - 13); // the state variables: 2 + 2 + 2 + (4 + thresholds) + 2
  });

  it('metrics made inside tf.tidy survive it', () => {
    const m = tf.tidy(() => new tf.metrics.AUC());
    m.updateState([0, 1], [0.2, 0.7]);
    expectClose(m.result(), 1, 0, 1e-6);
  });
});

describe('getMetricFn', () => {
  it("'accuracy' follows the loss as Keras, reported as 'accuracy'", () => {
    const probs = tf.softmax(rand([6, 4], 1)), idx = tf.tensor1d([0, 3, 1, 1, 2, 0], 'int32'), y = tf.oneHot(idx, 4);
    const p01 = rand([6, 1], 2, 0, 1), b01 = tf.cast(tf.greater(rand([6, 1], 3), 0), 'float32');
    const M = tf.metrics;
    const sparse = M.getMetricFn('accuracy', 'sparse_categorical_crossentropy');
    expect(sparse.name).toBe('accuracy');
    expectClose(sparse.fn(idx, probs), tf.mean(M.sparseCategoricalAccuracy(idx, probs)), 0, 0);
    expectClose(M.getMetricFn('accuracy', 'sparseCategoricalCrossentropy').fn(idx, probs), tf.mean(M.sparseCategoricalAccuracy(idx, probs)), 0, 0);
    expectClose(M.getMetricFn('acc', 'binary_crossentropy').fn(b01, p01), tf.mean(M.binaryAccuracy(b01, p01)), 0, 0);
    expect(M.getMetricFn('acc', 'binary_crossentropy').name).toBe('acc');
    expectClose(M.getMetricFn('accuracy', 'categorical_crossentropy').fn(y, probs), tf.mean(M.categoricalAccuracy(y, probs)), 0, 0);
    // another loss: decided by the shapes
    expectClose(M.getMetricFn('accuracy', 'mean_squared_error').fn(b01, p01), tf.mean(M.binaryAccuracy(b01, p01)), 0, 0);
    expectClose(M.getMetricFn('accuracy').fn(idx, probs), tf.mean(M.sparseCategoricalAccuracy(idx, probs)), 0, 0);
    expectClose(M.getMetricFn('accuracy').fn(y, probs), tf.mean(M.categoricalAccuracy(y, probs)), 0, 0);
    // works with the names getLossFn reports
    const lossName = tf.losses.getLossFn(new tf.losses.SparseCategoricalCrossentropy({ fromLogits: true })).name;
    expectClose(M.getMetricFn('accuracy', lossName).fn(idx, probs), tf.mean(M.sparseCategoricalAccuracy(idx, probs)), 0, 0);
    const ce = M.getMetricFn('crossentropy', 'sparse_categorical_crossentropy');
    expectClose(ce.fn(idx, probs), tf.mean(tf.losses.sparseCategoricalCrossentropy(idx, probs)), 0, 0);
  });

  it('names, functions and metric objects; fn is the scalar batch value, make() the stateful metric', () => {
    const t = rand([6, 3], 4), x = rand([6, 3], 5), p01 = rand([6, 3], 2, 0, 1), b01 = tf.cast(tf.greater(rand([6, 3], 3), 0), 'float32');
    const M = tf.metrics;
    for (const id of ['mse', 'MSE', 'meanSquaredError', 'mean_squared_error']) {
      const r = M.getMetricFn(id);
      expect(r.name).toBe(id);
      expect(r.fn(t, x).shape).toEqual([]);
      expectClose(r.fn(t, x), tf.mean(tf.square(tf.sub(t, x))), 1e-6, 1e-7);
      const m = r.make();
      expect(m.name).toBe(id);
      m.updateState(t, x);
      expectClose(m.result(), r.fn(t, x), 1e-6, 1e-7);
    }
    for (const id of ['mae', 'mape', 'binaryAccuracy', 'binary_accuracy', 'categoricalAccuracy', 'cosineProximity', 'binaryCrossentropy', 'kld', 'hinge', 'logcosh']) {
      const r = M.getMetricFn(id);
      expect(r.fn(b01, p01).shape, id).toEqual([]);
    }
    // precision / recall thresholded at 0.5 as Keras' compiled metrics
    const pr = new M.Precision();
    pr.updateState(b01, p01);
    expectClose(M.getMetricFn('precision').fn(b01, p01), pr.result(), 0, 0);
    const rc = new M.Recall();
    rc.updateState(b01, p01);
    expectClose(M.getMetricFn('recall').fn(b01, p01), rc.result(), 0, 0);
    expect(M.getMetricFn('recall').make()).toBeInstanceOf(M.Recall);
    // functions: the mean of what they return, named after them (tfjs-layers)
    const fnm = M.getMetricFn(M.binaryAccuracy);
    expect(fnm.name).toBe('binaryAccuracy');
    expectClose(fnm.fn(b01, p01), tf.mean(M.binaryAccuracy(b01, p01)), 0, 0);
    // a Metric object: its name; fn does not touch its state; make() returns it
    const obj = new M.CategoricalAccuracy({ name: 'acc_meter' });
    const r = M.getMetricFn(obj);
    expect(r.name).toBe('acc_meter');
    const y = tf.oneHot([0, 2, 1], 3), p = tf.softmax(rand([3, 3], 7));
    expectClose(r.fn(y, p), tf.mean(M.categoricalAccuracy(y, p)), 0, 0);
    expectClose(obj.result(), 0, 0, 0);
    expect(r.make()).toBe(obj);
  });

  it('unknown metrics: a clear error', () => {
    expect(() => tf.metrics.getMetricFn('accuracyy')).toThrow(/unknown metric 'accuracyy'; known metrics .*accuracy, acc.*sparseCategoricalAccuracy.*precision, recall/);
    expect(() => tf.metrics.getMetricFn(3 as any)).toThrow(/getMetricFn: a metric must be a name, a function .* or a Metric object, got number/);
  });
});
