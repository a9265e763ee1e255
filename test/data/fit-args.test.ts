// fitDataset / evaluateDataset reject what tfjs rejects, up front, instead of ignoring it or
// returning a made-up number.
import { describe, expect, it } from 'vitest';
import { tf } from '../helpers.js';

function mk() {
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
  m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return m;
}

describe('fitDataset / evaluateDataset arguments', () => {
  it('validationData that is neither [x, y] nor a dataset is an error before training', async () => {
    const m = mk();
    const [x, y] = [tf.ones([4, 2]), tf.ones([4, 1])];
    const ds = tf.data.zip({ xs: tf.data.fromTensorSlices(x), ys: tf.data.fromTensorSlices(y) }).batch(2);
    const w0 = m.getWeights()[0].arraySync();
    await expect(m.fitDataset(ds, { epochs: 1, verbose: 0, validationData: { xs: x, ys: y } as never }))
      .rejects.toThrow('fitDataset: validationData must be [x, y] tensors or a tf.data Dataset, got an object with keys {xs, ys}');
    expect(m.getWeights()[0].arraySync()).toEqual(w0); // nothing trained
    tf.dispose([x, y]);
  });

  it('batches and validationBatches must be positive integers (tfjs)', async () => {
    const m = mk();
    const [x, y] = [tf.ones([4, 2]), tf.ones([4, 1])];
    const ds = tf.data.zip({ xs: tf.data.fromTensorSlices(x), ys: tf.data.fromTensorSlices(y) }).batch(2);
    await expect(m.evaluateDataset(ds, { batches: 0 })).rejects.toThrow('evaluateDataset: batches must be a positive integer, got 0');
    await expect(m.fitDataset(ds, { epochs: 1, verbose: 0, validationData: ds, validationBatches: 1.5 }))
      .rejects.toThrow('fitDataset: validationBatches must be a positive integer, got 1.5');
    const r = await m.evaluateDataset(ds, { batches: 1 }) as tf.Tensor;
    expect(Number.isFinite(r.item())).toBe(true);
    tf.dispose([x, y, r]);
  });
});
