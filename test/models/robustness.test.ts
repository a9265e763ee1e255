// Models with bad arguments, disposed models, concurrent fit, and seeded runs (issue 12): each bad call
// is an error naming the call and the option, memory is unchanged, and the model still works.
import { describe, expect, it } from 'vitest';
import { tf } from '../helpers.js';

function mlp(seed = 1): tf.LayersModel {
  const m = tf.sequential({ layers: [
    tf.layers.dense({ units: 4, activation: 'relu', inputShape: [3], kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
    tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }),
  ] });
  m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return m;
}
const x = () => tf.randomUniform([8, 3], -1, 1, 'float32', 5), y = () => tf.randomUniform([8, 2], -1, 1, 'float32', 6);

async function rejects(p: () => Promise<unknown>): Promise<string> {
  try { await p(); } catch (e) { expect(e).toBeInstanceOf(Error); return (e as Error).message; }
  throw new Error('expected a rejection');
}

describe('fit, evaluate and predict check their arguments', () => {
  it('bad fit options are errors naming the option; memory unchanged; fit works afterwards', async () => {
    const m = mlp(), xs = x(), ys = y();
    const before = tf.memory().numTensors;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ epochs: NaN }, /^fit: epochs must be a non-negative integer, got NaN/],
      [{ epochs: -1 }, /^fit: epochs must be a non-negative integer, got -1/],
      [{ epochs: 1.5 }, /^fit: epochs must be a non-negative integer/],
      [{ batchSize: 0 }, /^fit: batchSize must be a positive integer, got 0/],
      [{ batchSize: '8' }, /^fit: batchSize must be a positive integer, got '8'/],
      [{ validationSplit: 1 }, /^fit: validationSplit must be a number in \[0, 1\), got 1/],
      [{ verbose: 3 }, /^fit: verbose must be one of 0, 1, 2, got 3/],
      [{ validationFreq: 0 }, /^fit: validationFreq must be a positive integer/],
      [{ epochs: 2, initialEpoch: 3 }, /^fit: initialEpoch 3 is after the last epoch/],
    ];
    for (const [o, re] of cases) expect(await rejects(() => m.fit(xs, ys, o as never))).toMatch(re);
    expect(await rejects(() => m.fit(null as never, ys))).toMatch(/^fit: x must be a Tensor or a list of Tensors, got null/);
    expect(await rejects(() => m.fit(xs, undefined as never))).toMatch(/^fit: y must be a Tensor/);
    expect(await rejects(() => m.fit(xs, ys, 5 as never))).toMatch(/^fit: the options argument must be an object/);
    expect(tf.memory().numTensors).toBe(before);
    const h = await m.fit(xs, ys, { epochs: 2, batchSize: 4, verbose: 0 });
    expect(h.history.loss).toHaveLength(2);
    expect((await m.fit(xs, ys, { epochs: 0, verbose: 0 })).epoch).toEqual([]);
  });

  it('evaluate with batchSize 0 is an error (it used to hang); predict checks too', () => {
    const m = mlp(), xs = x(), ys = y();
    expect(() => m.evaluate(xs, ys, { batchSize: 0 })).toThrow(/^evaluate: batchSize must be a positive integer, got 0/);
    expect(() => m.predict(xs, { batchSize: -2 })).toThrow(/^predict: batchSize must be a positive integer, got -2/);
    expect(() => m.predict(undefined as never)).toThrow(/^predict: x must be a Tensor/);
    const d = tf.zeros([2, 3]);
    d.dispose();
    expect(() => m.predict(d)).toThrow(/^predict: x is disposed/);
  });

  it('predict on a batch of 0 samples gives 0 rows', () => {
    const out = mlp().predict(tf.zeros([0, 3])) as tf.Tensor;
    expect(out.shape).toEqual([0, 2]);
  });
});

describe('model lifecycle', () => {
  it('dispose() frees the weights and the optimizer state; later use is a clear error', async () => {
    const before = tf.memory().numTensors;
    const m = mlp(), xs = x(), ys = y();
    await m.fit(xs, ys, { epochs: 1, verbose: 0 }); // creates optimizer slots (sgd has none: use adam below)
    const a = mlp(3);
    a.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    await a.fit(xs, ys, { epochs: 1, verbose: 0 });
    const r = a.dispose();
    expect(r.numDisposedVariables).toBe(4);
    m.dispose();
    tf.dispose([xs, ys]);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => m.predict(tf.zeros([1, 3]))).toThrow(/^predict: model '.*' has been disposed/);
    expect(await rejects(() => m.fit(tf.zeros([1, 3]), tf.zeros([1, 2])))).toMatch(/^fit: model '.*' has been disposed/);
    expect(() => m.apply(tf.zeros([1, 3]))).toThrow(/^apply: model '.*' has been disposed/);
    expect(await rejects(() => m.save(tf.io.withSaveHandler(async () => ({ modelArtifactsInfo: {} as never }))))).toMatch(/^save: .*disposed/);
  });

  it('a second fit() while one runs is rejected clearly; the first completes', async () => {
    const m = mlp(), xs = x(), ys = y();
    const first = m.fit(xs, ys, { epochs: 3, verbose: 0 });
    expect(await rejects(() => m.fit(xs, ys, { epochs: 1, verbose: 0 }))).toMatch(/^fit: model '.*' is already training/);
    expect((await first).history.loss).toHaveLength(3);
    expect((await m.fit(xs, ys, { epochs: 1, verbose: 0 })).history.loss).toHaveLength(1); // free again
  });

  it('tf.setSeed before building and fitting makes two runs in one process bit-identical', async () => {
    async function run(): Promise<number[]> {
      tf.setSeed(123);
      const m = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [3], activation: 'relu' }), tf.layers.dropout({ rate: 0.3 }), tf.layers.dense({ units: 2 })] });
      m.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
      await m.fit(x(), y(), { epochs: 3, batchSize: 3, verbose: 0 }); // shuffled
      return m.getWeights().flatMap((w) => Array.from(w.dataSync()));
    }
    expect(await run()).toEqual(await run());
  });
});
