// Training resumes exactly: 10 steps, model.save({includeOptimizer: true}), tf.loadLayersModel, 10 more
// steps give the same bits as 20 uninterrupted steps (weights, moving statistics, losses, iterations).
import { describe, expect, it } from 'vitest';
import { rand, tf } from '../helpers.js';
import type { ModelArtifacts } from '../../src/io/types.js';

const L = tf.layers;
const bits = (m: tf.Model) => m.weights.map((w) => Array.from(w.dataSync()));
const batch = (i: number): [tf.Tensor, tf.Tensor] => [rand([16, 4], 100 + i), rand([16, 1], 200 + i)];

function makeModel(): tf.Sequential {
  return tf.sequential({ layers: [
    L.dense({ units: 8, activation: 'relu', inputShape: [4], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
    L.batchNormalization(),
    L.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }), kernelRegularizer: tf.regularizers.l2({ l2: 1e-3 }) }),
  ] });
}

async function steps(m: tf.Model, from: number, to: number): Promise<number[]> {
  const losses: number[] = [];
  for (let i = from; i < to; i++) {
    const [x, y] = batch(i);
    const r = await m.trainOnBatch(x, y);
    losses.push(Array.isArray(r) ? r[0] : r);
    x.dispose(); y.dispose();
  }
  return losses;
}

async function resumes(compile: () => tf.CompileArgs): Promise<ModelArtifacts> {
  const straight = makeModel();
  straight.compile(compile());
  const want = await steps(straight, 0, 20);

  const first = makeModel();
  first.compile(compile());
  const got = await steps(first, 0, 10);
  let art: ModelArtifacts | undefined;
  await first.save(tf.io.withSaveHandler(async (a) => { art = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }),
    { includeOptimizer: true });
  // through JSON text, as on disk
  const onDisk: ModelArtifacts = { ...art!, modelTopology: JSON.parse(JSON.stringify(art!.modelTopology)),
    trainingConfig: JSON.parse(JSON.stringify(art!.trainingConfig)), weightSpecs: JSON.parse(JSON.stringify(art!.weightSpecs)) };
  const second = await tf.loadLayersModel(tf.io.fromMemory(onDisk));
  expect(second.optimizer!.iterations).toBe(10);
  expect(second.optimizer!.getClassName()).toBe(straight.optimizer!.getClassName());
  expect(second.metricsNames).toEqual(straight.metricsNames);
  got.push(...await steps(second, 10, 20));
  expect(got).toEqual(want);
  expect(bits(second)).toEqual(bits(straight));
  expect(second.optimizer!.iterations).toBe(20);
  return art!;
}

describe('10 + 10 steps = 20 steps, bit for bit', () => {
  it('tf.train.adam (tfjs flavour), mse and a metric', async () => {
    const art = await resumes(() => ({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError', metrics: ['mae'] }));
    expect(art.trainingConfig).toMatchObject({ loss: 'mean_squared_error', metrics: ['mae'], optimizer_config: { class_name: 'Adam' } });
    const opt = art.weightSpecs!.filter((s) => s.group === 'optimizer');
    expect(opt[0]).toEqual({ name: 'iter', shape: [], dtype: 'int32', group: 'optimizer' });
    expect(opt.length).toBe(1 + 2 * 6); // m and v of the 6 trainable weights (not of the moving statistics)
  });

  it('Keras SGD with Nesterov momentum and an ExponentialDecay schedule; a Huber loss object', async () => {
    const art = await resumes(() => ({
      optimizer: new tf.optimizers.SGD({ momentum: 0.9, nesterov: true,
        learningRate: new tf.optimizers.schedules.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.5 }) }),
      loss: new tf.losses.Huber({ delta: 0.5 }),
    }));
    expect(art.trainingConfig!.loss).toEqual({ class_name: 'Huber', config: { name: 'huber_loss', reduction: 'sum_over_batch_size', delta: 0.5 } });
    expect((art.trainingConfig!.optimizer_config.config as { learningRate: unknown }).learningRate)
      .toEqual({ className: 'ExponentialDecay', config: { initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.5, staircase: false } });
  });

  it('Keras Adam with amsgrad', async () => {
    await resumes(() => ({ optimizer: new tf.optimizers.Adam({ learningRate: 0.01, amsgrad: true }), loss: 'mse' }));
  });

  it('an optimizer whose learning rate is a function cannot be saved with includeOptimizer', async () => {
    const m = makeModel();
    m.compile({ optimizer: new tf.optimizers.SGD({ learningRate: (step: number) => 0.1 / (1 + step) }), loss: 'mse' });
    await steps(m, 0, 1);
    await expect(m.save(tf.io.withSaveHandler(async () => ({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })),
      { includeOptimizer: true })).rejects.toThrow(/learningRate is a function, which cannot be saved; use a tf.optimizers.schedules LearningRateSchedule/);
  });
});
