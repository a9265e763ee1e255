// model.fitDataset / evaluateDataset on tf.data datasets: {xs, ys} and [x, y] elements,
// batchesPerEpoch (one running iterator, as tfjs), validation on a dataset, flat memory.
import { describe, expect, it, vi } from 'vitest';
import { tf } from '../helpers.js';

/** y = x·w + 0.5 with a fixed w: a dense layer learns it. */
function data(n = 64) {
  // in tidy: no garbage tensors that a garbage collection could free in the middle of a memory check
  return tf.tidy(() => {
    const x = tf.randomUniform([n, 3], -1, 1, 'float32', 11);
    return [x, tf.add(tf.matMul(x, tf.tensor2d([[1], [-2], [0.5]])), 0.5)] as const;
  });
}
function mk() {
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3], kernelInitializer: 'zeros' })] });
  m.compile({ optimizer: tf.train.sgd(0.2), loss: 'meanSquaredError', metrics: ['mae'] });
  return m;
}

describe('fitDataset', () => {
  it('trains on a dataset of {xs, ys} batches and frees every batch', async () => {
    const [x, y] = data();
    const m = mk();
    const ds = tf.data.fromTensorSlices({ xs: x, ys: y }).shuffle(64, 1).batch(16);
    await m.fitDataset(ds, { epochs: 1, verbose: 0 }); // builds the model and the optimizer's slots
    const before = tf.memory().numTensors;
    const h = await m.fitDataset(ds, { epochs: 8, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect(h.epoch).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(h.history.loss).toHaveLength(8);
    expect(h.history.loss[7]).toBeLessThan(h.history.loss[0] / 4);
    expect(h.params.steps).toBe(4); // from the dataset's size
  });

  it('trains on a dataset of [x, y] batches (TF2 tuples) the same way', async () => {
    const [x, y] = data();
    const a = mk(), b = mk();
    const h1 = await a.fitDataset(tf.data.fromTensorSlices({ xs: x, ys: y }).batch(16), { epochs: 3, verbose: 0 });
    const h2 = await b.fitDataset(tf.data.fromTensorSlices([x, y]).batch(16), { epochs: 3, verbose: 0 });
    expect(h2.history.loss).toEqual(h1.history.loss);
  });

  it('batchesPerEpoch continues one iterator across epochs (tfjs); without it each epoch is a fresh pass', async () => {
    const [x, y] = data(40);
    let opened = 0;
    const counted = (n: number) => tf.data.generator(function* () {
      opened++;
      for (let i = 0; i < n; i += 8) yield { xs: tf.slice(x, [i, 0], [8, 3]), ys: tf.slice(y, [i, 0], [8, 1]) };
    });
    const m = mk();
    const seen: number[] = [];
    const cb = { onEpochEnd: async (_e: number, logs?: Record<string, number>) => { seen.push(logs!.loss); } };
    await m.fitDataset(counted(40).repeat(), { epochs: 3, batchesPerEpoch: 2, verbose: 0, callbacks: cb });
    expect(opened).toBe(2); // 6 batches from a 5-batch dataset repeated: one iterator, the source restarted once
    opened = 0;
    await m.fitDataset(counted(40), { epochs: 3, verbose: 0 });
    expect(opened).toBe(3);
    expect(seen).toHaveLength(3);
  });

  it('running out of data with batchesPerEpoch warns and stops', async () => {
    const [x, y] = data(32);
    const m = mk();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const h = await m.fitDataset(tf.data.fromTensorSlices([x, y]).batch(8), { epochs: 5, batchesPerEpoch: 3, verbose: 0 });
      expect(h.epoch).toEqual([0, 1]);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/ran out of data after 1 batches of epoch 2.*repeat\(\)/));
    } finally { warn.mockRestore(); }
  });

  it('validationData may be a dataset (validationBatches limits it); evaluateDataset matches evaluate', async () => {
    const [x, y] = data();
    const m = mk();
    const val = tf.data.fromTensorSlices({ xs: x, ys: y }).batch(10);
    const h = await m.fitDataset(tf.data.fromTensorSlices([x, y]).batch(16), { epochs: 2, verbose: 0, validationData: val });
    expect(h.history.val_loss).toHaveLength(2);
    expect(h.history.val_mae).toHaveLength(2);
    const ev = (m.evaluate(x, y) as tf.Tensor[]).map((t) => t.item());
    expect(h.history.val_loss[1]).toBeCloseTo(ev[0], 5);
    const before = tf.memory().numTensors;
    const evd = (await m.evaluateDataset(val) as tf.Tensor[]);
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(evd[0].item()).toBeCloseTo(ev[0], 5);
    expect(evd[1].item()).toBeCloseTo(ev[1], 5);
    // the first 2 batches of 10 = the first 20 samples
    const ev20 = (m.evaluate(tf.slice(x, [0, 0], [20, 3]), tf.slice(y, [0, 0], [20, 1])) as tf.Tensor[])[0].item();
    expect((await m.evaluateDataset(val, { batches: 2 }) as tf.Tensor[])[0].item()).toBeCloseTo(ev20, 5);
    const h2 = await m.fitDataset(tf.data.fromTensorSlices([x, y]).batch(16), { epochs: 1, verbose: 0, validationData: val, validationBatches: 2 });
    expect(h2.history.val_loss).toHaveLength(1);
    // tensor validation data still works
    const h3 = await m.fitDataset(tf.data.fromTensorSlices([x, y]).batch(16), { epochs: 1, verbose: 0, validationData: [x, y] });
    expect(h3.history.val_loss).toHaveLength(1);
  });

  it('bad arguments give clear errors', async () => {
    const [x, y] = data(16);
    const m = mk();
    const ds = tf.data.fromTensorSlices([x, y]).batch(8);
    await expect(m.fitDataset(ds, { epochs: 0 })).rejects.toThrow('fitDataset: epochs must be a positive integer, got 0');
    await expect(m.fitDataset(ds, { batchesPerEpoch: 0 })).rejects.toThrow(/batchesPerEpoch must be a positive integer, got 0/);
    await expect(m.fitDataset(ds, { validationSplit: 0.2 })).rejects.toThrow(/validationSplit is not supported/);
    await expect(m.fitDataset(tf.data.array([1, 2]), { verbose: 0 })).rejects.toThrow(/fitDataset: each element must be \{xs, ys\} or \[x, y\]/);
    await expect(m.fitDataset(5, { verbose: 0 })).rejects.toThrow(/fitDataset: the dataset must be a tf\.data Dataset/);
    expect((await m.fitDataset(ds, { epochs: 1, verbose: 0 })).epoch).toEqual([0]);
  });
});
