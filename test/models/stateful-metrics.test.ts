// fit/evaluate keep Precision, Recall and AUC (and Metric objects) as state over the whole epoch or
// evaluation, as Keras does: they are not means of per-batch values.
import { describe, expect, it } from 'vitest';
import { expectClose, tf } from '../helpers.js';

describe('stateful metrics in fit and evaluate', () => {
  it('precision / recall / auc over many small batches equal their value over one batch', async () => {
    tf.setSeed(3);
    const x = tf.randomNormal([96, 4], 0, 1, 'float32', 11);
    const y = tf.cast(tf.greater(tf.sum(x.index(':, :2'), -1, true), 0.3), 'float32');
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, activation: 'sigmoid', inputShape: [4] })] });
    const auc = new tf.metrics.AUC({ name: 'auc' });
    // learning rate 0: the weights stay put, so the epoch's metrics are the metrics of the whole set
    model.compile({ optimizer: tf.train.sgd(0), loss: 'binaryCrossentropy', metrics: ['precision', 'recall', auc, 'binaryAccuracy'] });
    const whole = (model.evaluate(x, y, { batchSize: 96 }) as tf.Tensor[]).map((t) => t.item());
    const batched = (model.evaluate(x, y, { batchSize: 7 }) as tf.Tensor[]).map((t) => t.item());
    expectClose(batched, whole, 1e-5, 1e-6);
    const h = await model.fit(x, y, { epochs: 1, batchSize: 7, shuffle: false, verbose: 0, validationData: [x, y] });
    expectClose([h.history.precision[0], h.history.recall[0], h.history.auc[0], h.history.binaryAccuracy[0]] as number[], whole.slice(1), 1e-5, 1e-6);
    expectClose(h.history.val_precision[0] as number, whole[1], 1e-5, 1e-6);
    // the per-batch mean (what fit used to report) is a different number here
    const perBatch: number[] = [];
    for (let s = 0; s < 96; s += 7) {
      const m = new tf.metrics.Precision();
      m.updateState(y.slice([s, 0], [Math.min(7, 96 - s), 1]), model.predict(x.slice([s, 0], [Math.min(7, 96 - s), 4])) as tf.Tensor);
      perBatch.push(m.result().item() * Math.min(7, 96 - s));
    }
    expect(Math.abs(perBatch.reduce((a, b) => a + b) / 96 - whole[1])).toBeGreaterThan(1e-3);
  });
});
