// fit's History is tfjs's class, and its logs answer to tfjs's key names: ascent logs Keras' names
// ('accuracy', 'val_accuracy' for a metric given as 'accuracy'), tfjs-layers logs 'acc' / 'val_acc' (and
// 'ce' for 'crossentropy'); those are there as non-enumerable aliases of the same values.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

function classifier(outputs = 1): tf.LayersModel {
  const input = tf.input({ shape: [2] });
  const h = tf.layers.dense({ units: 4, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }).apply(input) as tf.SymbolicTensor;
  const outs = Array.from({ length: outputs }, (_, i) =>
    tf.layers.dense({ units: 1, activation: 'sigmoid', name: `out${i + 1}`, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 + i }) }).apply(h) as tf.SymbolicTensor);
  return tf.model({ inputs: input, outputs: outs });
}
const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const y = tf.tensor2d([[0], [1], [1], [0]]);

describe('History', () => {
  it('is a tf.History with epoch, history, params and syncData()', async () => {
    const m = classifier();
    m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
    const h = await m.fit(x, y, { epochs: 3, verbose: 0, batchSize: 2 });
    expect(h).toBeInstanceOf(tf.History);
    expect(h.epoch).toEqual([0, 1, 2]);
    expect(Object.keys(h.history)).toEqual(['loss']);
    expect(h.params).toMatchObject({ epochs: 3, steps: 2, samples: 4, batchSize: 2, metrics: ['loss'] });
    await expect(h.syncData()).resolves.toBeUndefined();
  });

  it("answers to tfjs's acc / val_acc for 'accuracy', without changing its keys", async () => {
    const m = classifier();
    m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: ['accuracy', 'crossentropy'] });
    const epochLogs: tf.Logs[] = [], batchLogs: tf.Logs[] = [];
    const h = await m.fit(x, y, {
      epochs: 2, verbose: 0, validationData: [x, y],
      callbacks: { onEpochEnd: (_e, logs) => { epochLogs.push(logs); }, onBatchEnd: (_b, logs) => { batchLogs.push(logs); } },
    });
    const keys = ['loss', 'accuracy', 'crossentropy', 'val_loss', 'val_accuracy', 'val_crossentropy'];
    expect(Object.keys(h.history)).toEqual(keys);
    expect(JSON.parse(JSON.stringify(h.history))).toEqual(Object.fromEntries(keys.map((k) => [k, h.history[k]])));
    // the same arrays, under tfjs's names
    expect(h.history.acc).toBe(h.history.accuracy);
    expect(h.history.val_acc).toBe(h.history.val_accuracy);
    expect(h.history.ce).toBe(h.history.crossentropy);
    expect(h.history.val_ce).toBe(h.history.val_crossentropy);
    expect(h.history.acc).toHaveLength(2);
    // the callbacks' logs too
    expect(Object.keys(epochLogs[1])).toEqual(keys);
    expect(epochLogs[1].acc).toBe(epochLogs[1].accuracy);
    expect(epochLogs[1].val_acc).toBe(epochLogs[1].val_accuracy);
    expect(epochLogs[1].acc).toBe(h.history.accuracy[1]);
    expect(Object.keys(batchLogs[0])).toEqual(['loss', 'accuracy', 'crossentropy']);
    expect(batchLogs[0].acc).toBe(batchLogs[0].accuracy);
    expect(batchLogs[0].ce).toBe(batchLogs[0].crossentropy);
    expect(m.metricsNames).toEqual(['loss', 'accuracy', 'crossentropy']);
  });

  it("adds no alias when the names agree; ['acc', 'accuracy'] are tfjs's deduplicated acc_0 and acc_1", async () => {
    const m = classifier();
    m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: ['acc', 'mse'] });
    const h = await m.fit(x, y, { epochs: 1, verbose: 0 });
    expect(Object.getOwnPropertyNames(h.history)).toEqual(['loss', 'acc', 'mse']);
    const m2 = classifier();
    m2.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: ['acc', 'accuracy'] });
    const h2 = await m2.fit(x, y, { epochs: 1, verbose: 0 });
    expect(Object.keys(h2.history)).toEqual(['loss', 'acc', 'accuracy']);
    expect(h2.history.acc_0).toBe(h2.history.acc);
    expect(h2.history.acc_1).toBe(h2.history.accuracy);
  });

  it('aliases the per-output names of a model with several outputs (out2_accuracy → out2_acc)', async () => {
    const m = classifier(2);
    m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: { out2: 'accuracy' } });
    const h = await m.fit(x, [y, y], { epochs: 1, verbose: 0, validationSplit: 0.5 });
    expect(Object.keys(h.history)).toEqual(['loss', 'out1_loss', 'out2_loss', 'out2_accuracy', 'val_loss', 'val_out1_loss', 'val_out2_loss', 'val_out2_accuracy']);
    expect(h.history.out2_acc).toBe(h.history.out2_accuracy);
    expect(h.history.val_out2_acc).toBe(h.history.val_out2_accuracy);
  });

  it('EarlyStopping can monitor a tfjs name (val_acc)', async () => {
    const m = classifier();
    m.compile({ optimizer: tf.train.sgd(0), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    const h = await m.fit(x, y, { epochs: 10, verbose: 0, validationData: [x, y], callbacks: tf.callbacks.earlyStopping({ monitor: 'val_acc', patience: 2 }) });
    // lr 0: val_acc never improves after the first epoch
    expect(h.epoch).toEqual([0, 1, 2]);
  });
});

describe("tfjs's options ascent does not have are errors, not silently ignored", () => {
  it('fit: classWeight, sampleWeight, stepsPerEpoch, validationSteps; evaluate: sampleWeight, steps', async () => {
    const m = classifier();
    m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
    for (const k of ['classWeight', 'sampleWeight', 'stepsPerEpoch', 'validationSteps']) {
      await expect(m.fit(x, y, { [k]: 1 } as tf.ModelFitArgs)).rejects.toThrow(`fit: the TensorFlow.js option ${k} is not supported by ascent`);
    }
    for (const k of ['sampleWeight', 'steps']) {
      expect(() => m.evaluate(x, y, { [k]: 1 } as tf.ModelEvaluateArgs)).toThrow(`evaluate: the TensorFlow.js option ${k} is not supported by ascent`);
    }
  });

  it("fit accepts tfjs's yieldEvery, predict tfjs's verbose: boolean", async () => {
    const m = classifier();
    m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
    await expect(m.fit(x, y, { verbose: 0, yieldEvery: 'never' })).resolves.toBeInstanceOf(tf.History);
    expect((m.predict(x, { verbose: false }) as tf.Tensor).shape).toEqual([4, 1]);
  });
});
