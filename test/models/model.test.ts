// Models: Sequential / functional / subclassed, summary, compile/fit/evaluate/predict/trainOnBatch,
// callbacks, training to thresholds (XOR, make-moons with L2 as seed 002 §9), errors.
import { describe, expect, it } from 'vitest';
import { expectClose, tf } from '../helpers.js';

/** sklearn's make_moons: two interleaving half circles with Gaussian noise (deterministic). */
function makeMoons(n: number, noise: number, seed: number): [tf.Tensor, tf.Tensor] {
  const half = Math.floor(n / 2);
  const pts: number[] = [], labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const outer = i < half, k = outer ? i : i - half, m = outer ? half : n - half;
    const t = Math.PI * k / Math.max(m - 1, 1);
    pts.push(outer ? Math.cos(t) : 1 - Math.cos(t), outer ? Math.sin(t) : 0.5 - Math.sin(t));
    labels.push(outer ? 0 : 1);
  }
  const x = tf.add(tf.tensor(pts, [n, 2]), tf.randomNormal([n, 2], 0, noise, 'float32', seed));
  return [x, tf.tensor(labels, [n, 1])];
}

describe('Sequential', () => {
  it('builds from the first layer\'s inputShape, names weights like Keras and prints a summary', () => {
    const model = tf.sequential({ name: 'mlp', layers: [
      tf.layers.dense({ units: 256, activation: 'relu', inputShape: [784] }),
      tf.layers.dense({ units: 10 }),
    ] });
    expect(model.built).toBe(true);
    const names = model.trainableVariables.map((v) => v.name);
    expect(names[0]).toMatch(/^dense(_\d+)?\/kernel$/);
    expect(names).toHaveLength(4);
    expect(model.countParams()).toBe(784 * 256 + 256 + 256 * 10 + 10);
    const lines: string[] = [];
    model.summary(undefined, undefined, (l) => lines.push(l));
    expect(lines[0]).toBe('Model: "mlp"');
    expect(lines.join('\n')).toContain('(None, 256)');
    expect(lines.join('\n')).toContain('Total params: 203,530');
    expect(lines.join('\n')).toContain('Non-trainable params: 0');
  });

  it('builds lazily on first call, and add()/build() work', () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 3 }));
    model.add(tf.layers.dense({ units: 1 }));
    expect(() => model.summary()).toThrow(/not yet been built/);
    model.build([null, 5]);
    expect(model.countParams()).toBe(5 * 3 + 3 + 3 + 1);
    const y = model.predict(tf.ones([2, 5])) as tf.Tensor;
    expect(y.shape).toEqual([2, 1]);
  });

  it('learns XOR to 100 %', async () => {
    tf.setSeed(1);
    const x = tf.tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), y = tf.tensor([[0], [1], [1], [0]]);
    const model = tf.sequential({ layers: [
      tf.layers.dense({ units: 8, activation: 'tanh', inputShape: [2] }),
      tf.layers.dense({ units: 1, activation: 'sigmoid' }),
    ] });
    model.compile({ optimizer: tf.train.adam(0.05), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    const h = await model.fit(x, y, { epochs: 300, batchSize: 4, verbose: 0 });
    expect(h.history.loss.length).toBe(300);
    expect(h.history.loss[299]).toBeLessThan(h.history.loss[0]);
    const [, acc] = model.evaluate(x, y) as tf.Tensor[];
    expect(acc.item()).toBe(1);
  });

  it('make-moons with an L2 regularizer to ≥ 95 % (seed 002 §9), with validation data', async () => {
    tf.setSeed(2);
    const [x, y] = makeMoons(400, 0.1, 3);
    const [vx, vy] = makeMoons(200, 0.1, 4);
    const model = tf.sequential({ layers: [
      tf.layers.dense({ units: 32, activation: 'relu', inputShape: [2], kernelRegularizer: tf.regularizers.l2({ l2: 0.001 }) }),
      tf.layers.dense({ units: 32, activation: 'relu', kernelRegularizer: tf.regularizers.l2({ l2: 0.001 }) }),
      tf.layers.dense({ units: 1, activation: 'sigmoid' }),
    ] });
    model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    const h = await model.fit(x, y, { epochs: 60, batchSize: 32, validationData: [vx, vy], verbose: 0 });
    expect(Object.keys(h.history).sort()).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
    expect(h.history.val_accuracy[h.history.val_accuracy.length - 1]).toBeGreaterThanOrEqual(0.95);
  });

  it('memory stays flat across fit epochs, predict and evaluate', async () => {
    const x = tf.randomNormal([64, 4], 0, 1, 'float32', 1), y = tf.randomUniform([64, 1], 0, 1, 'float32', 2);
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [4], activation: 'relu' }), tf.layers.dense({ units: 1 })] });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    await model.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0 });
    const before = tf.memory().numTensors;
    await model.fit(x, y, { epochs: 5, batchSize: 16, verbose: 0 });
    tf.dispose(model.predict(x));
    tf.dispose(model.evaluate(x, y));
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('functional and subclassed models', () => {
  it('tf.model({inputs, outputs}) trains and predicts like the equivalent Sequential', async () => {
    const inp = tf.input({ shape: [3] });
    const h = tf.layers.dense({ units: 4, activation: 'relu' }).apply(inp);
    const out = tf.layers.dense({ units: 2, activation: 'softmax' }).apply(h);
    const model = tf.model({ inputs: inp, outputs: out });
    expect(model.layers.length).toBe(2);
    const x = tf.randomNormal([20, 3], 0, 1, 'float32', 5);
    const y = tf.oneHot(tf.tensor(Int32Array.from({ length: 20 }, (_, i) => i % 2)), 2, 1, 0, 'float32');
    model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    const hist = await model.fit(x, y, { epochs: 3, verbose: 0 });
    expect(hist.history.loss).toHaveLength(3);
    const p = model.predict(x) as tf.Tensor;
    expect(p.shape).toEqual([20, 2]);
    expectClose(tf.sum(p, 1), tf.ones([20]), 1e-5);
  });

  it('a subclassed model tracks its layers, builds, summarises and fits (seed 002 §7.7)', async () => {
    class MyModel extends tf.Model {
      fc1 = tf.layers.dense({ units: 16, activation: 'relu' });
      fc2 = tf.layers.dense({ units: 3 });
      drop = tf.layers.dropout({ rate: 0.5 });
      call(inputs: tf.Tensor | tf.Tensor[], { training = false } = {}): tf.Tensor {
        const h = this.drop.apply(this.fc1.apply(inputs as tf.Tensor), { training }) as tf.Tensor;
        return this.fc2.apply(h) as tf.Tensor;
      }
    }
    const model = new MyModel();
    model.build([null, 5]);
    expect(model.layers.length).toBe(3);
    expect(model.countParams()).toBe(5 * 16 + 16 + 16 * 3 + 3);
    const lines: string[] = [];
    model.summary(undefined, undefined, (l) => lines.push(l));
    expect(lines[0]).toBe(`Model: "${model.name}"`);
    expect(lines.join('\n')).toContain('multiple');
    const x = tf.randomNormal([30, 5], 0, 1, 'float32', 6);
    const y = tf.tensor(Int32Array.from({ length: 30 }, (_, i) => i % 3));
    model.compile({ optimizer: 'adam', loss: new tf.losses.SparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });
    const h = await model.fit(x, y, { epochs: 20, batchSize: 10, verbose: 0 });
    expect(h.history.loss[19]).toBeLessThan(h.history.loss[0]);
  });
});

describe('training API', () => {
  const data = () => [tf.randomNormal([40, 3], 0, 1, 'float32', 7), tf.randomNormal([40, 1], 0, 1, 'float32', 8)] as const;
  const mk = () => {
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3] })] });
    m.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError', metrics: ['mae'] });
    return m;
  };

  it('callbacks: objects, Callback subclasses, earlyStopping; History', async () => {
    const [x, y] = data();
    const m = mk();
    const seen: string[] = [];
    class Counter extends tf.Callback {
      batches = 0;
      async onBatchEnd() { this.batches++; }
    }
    const counter = new Counter();
    const h = await m.fit(x, y, {
      epochs: 3, batchSize: 10, verbose: 0,
      callbacks: [{ onEpochEnd: async (e: number, logs: Record<string, number>) => { seen.push(`${e}:${logs.loss >= 0}`); } }, counter],
    });
    expect(seen).toEqual(['0:true', '1:true', '2:true']);
    expect(counter.batches).toBe(12);
    expect(h.epoch).toEqual([0, 1, 2]);
    expect(m.metricsNames).toEqual(['loss', 'mae']);
    // a model that cannot improve stops after patience + 1 epochs
    const stopper = tf.callbacks.earlyStopping({ monitor: 'loss', patience: 1, minDelta: 1e9 });
    const h2 = await m.fit(x, y, { epochs: 50, verbose: 0, callbacks: stopper });
    expect(h2.epoch.length).toBe(2);
  });

  it('validationSplit takes the last samples; trainOnBatch and evaluate return numbers / scalars', async () => {
    const [x, y] = data();
    const m = mk();
    const h = await m.fit(x, y, { epochs: 1, validationSplit: 0.25, verbose: 0 });
    expect(h.history.val_loss).toHaveLength(1);
    const r = await m.trainOnBatch(x, y) as number[];
    expect(r).toHaveLength(2);
    const ev = m.evaluate(x, y) as tf.Tensor[];
    expect(ev.map((t) => t.rank)).toEqual([0, 0]);
  });

  it('fitDataset trains on an iterable of {xs, ys}', async () => {
    const [x, y] = data();
    const m = mk();
    const ds = { iterator: async () => { let i = 0; return { next: async () => (i++ < 4 ? { value: { xs: x, ys: y }, done: false } : { value: undefined, done: true }) }; } };
    const h = await m.fitDataset(ds, { epochs: 2, verbose: 0 });
    expect(h.history.loss).toHaveLength(2);
  });

  it('bad input gives clear errors and nothing hangs', async () => {
    const [x, y] = data();
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3] })] });
    await expect(m.fit(x, y)).rejects.toThrow(/compiled first/);
    expect(() => m.compile({ optimizer: 'adamm', loss: 'mse' })).toThrow(/adamm/);
    expect(() => m.compile({ optimizer: 'adam', loss: 'notALoss' as any })).toThrow(/notALoss/);
    m.compile({ optimizer: 'adam', loss: 'mse' });
    await expect(m.fit(x, tf.zeros([39, 1]), { verbose: 0 })).rejects.toThrow(/same number of samples/);
    await expect(m.fit(tf.zeros([40, 4]), y, { verbose: 0 })).rejects.toThrow(/\[4\]|4/);
    const nanModel = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3] })] });
    nanModel.compile({ optimizer: tf.train.sgd(1e30), loss: 'mse' });
    const h = await nanModel.fit(tf.mul(x, 1e20), y, { epochs: 5, verbose: 0 });
    expect(h.epoch.length).toBeLessThan(5);
  });
});

describe('seed programs', () => {
  it('seed 002 §7.2: Sequential built from (4, 4) lists dense/kernel (4,3) … dense_1/bias (3,)', () => {
    const network = tf.sequential();
    for (let i = 0; i < 2; i++) {
      network.add(tf.layers.dense({ units: 3 }));
      network.add(tf.layers.reLU());
    }
    network.build([4, 4]);
    const listed = network.trainableVariables.map((p) => `${p.name} ${p.shape}`);
    const base = network.layers[0].name; // 'dense' in a fresh session, 'dense_N' after other tests
    const n = base === 'dense' ? 0 : Number(base.split('_')[1]);
    const nm = (k: number) => (k === 0 ? 'dense' : `dense_${k}`);
    expect(listed).toEqual([`${nm(n)}/kernel 4,3`, `${nm(n)}/bias 3`, `${nm(n + 1)}/kernel 3,3`, `${nm(n + 1)}/bias 3`]);
    expect(network.layers.map((l) => l.getClassName())).toEqual(['Dense', 'ReLU', 'Dense', 'ReLU']);
  });

  it('seed 002 §7: a Dense layer exposes kernel, bias and trainableVariables after its first call', () => {
    const x = tf.randomNormal([4, 28 * 28]);
    const fc = tf.layers.dense({ units: 512, activation: 'relu' });
    const h1 = fc.apply(x) as tf.Tensor;
    expect(h1.shape).toEqual([4, 512]);
    expect(fc.kernel!.shape).toEqual([784, 512]);
    expect(fc.bias!.shape).toEqual([512]);
    expect(fc.trainableVariables.length).toBe(2);
  });
});
