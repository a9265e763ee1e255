// Weight constraints (tf.constraints, Keras): values against tfjs-layers, applied after every optimizer
// update (fit and custom loops, TF2's Variable.constraint), and kept by save/load.
import { describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import { constraints, getConstraint } from '../src/constraints.js';
import { expectClose, oracle, rand, tf } from './helpers.js';

const colNorms = (w: tf.Tensor) => Array.from(tf.sqrt(tf.sum(tf.square(w), 0)).dataSync());

describe('tf.constraints', () => {
  it('maxNorm, minMaxNorm, unitNorm and nonNeg match tfjs-layers', async () => {
    const tfc = await oracle();
    const w = rand([5, 4], 1, -3, 3);
    const wo = tfc.tensor(Array.from(w.dataSync()), w.shape);
    const cases: [string, tf.Tensor, { apply(x: never): { dataSync(): ArrayLike<number> } }][] = [
      ['maxNorm', constraints.maxNorm({ maxValue: 1.5 }).apply(w), tfl.constraints.maxNorm({ maxValue: 1.5 }) as never],
      ['maxNorm axis 1', constraints.maxNorm({ maxValue: 2, axis: 1 }).apply(w), tfl.constraints.maxNorm({ maxValue: 2, axis: 1 }) as never],
      ['minMaxNorm', constraints.minMaxNorm({ minValue: 2, maxValue: 3, rate: 0.5 }).apply(w), tfl.constraints.minMaxNorm({ minValue: 2, maxValue: 3, rate: 0.5 }) as never],
      ['unitNorm', constraints.unitNorm({ axis: 1 }).apply(w), tfl.constraints.unitNorm({ axis: 1 }) as never],
      ['nonNeg', constraints.nonNeg().apply(w), tfl.constraints.nonNeg() as never],
    ];
    for (const [, ours, theirs] of cases) {
      expectClose(ours, Array.from(theirs.apply(wo as never).dataSync()), 1e-5, 1e-6);
    }
    expect(colNorms(constraints.maxNorm({ maxValue: 1.5 }).apply(w)).every((n) => n <= 1.5 + 1e-5)).toBe(true);
  });

  it('names, Keras snake_case and saved configs; clear errors', () => {
    expect(getConstraint('max_norm')!.className).toBe('MaxNorm');
    expect(getConstraint('nonNeg')!.className).toBe('NonNeg');
    expect(getConstraint({ className: 'MaxNorm', config: { maxValue: 3, axis: 0 } })!.getConfig()).toEqual({ maxValue: 3, axis: 0 });
    expect(getConstraint(null)).toBeNull();
    expect(() => getConstraint('maxnorm2')).toThrow(/unknown constraint 'maxnorm2'; known: maxNorm, minMaxNorm, unitNorm, nonNeg/);
    expect(() => getConstraint({ className: 'Clip' })).toThrow(/unknown constraint class 'Clip'/);
    expect(() => constraints.minMaxNorm({ minValue: 2, maxValue: 1 })).toThrow(/MinMaxNorm: needs 0 ≤ minValue ≤ maxValue/);
  });

  it('fit applies the kernel constraint after every step; a custom loop via Variable.constraint too', async () => {
    tf.setSeed(5);
    const x = tf.randomNormal([64, 6], 0, 3, 'float32', 1), y = tf.randomNormal([64, 3], 0, 3, 'float32', 2);
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6], kernelConstraint: tf.constraints.maxNorm({ maxValue: 0.5 }),
      biasConstraint: 'nonNeg' })] });
    model.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });
    await model.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0 });
    const [k, b] = model.getWeights();
    expect(colNorms(k).every((n) => n <= 0.5 + 1e-5)).toBe(true);
    expect(Math.max(...colNorms(k))).toBeGreaterThan(0.49); // the unconstrained step overshoots: the cap is hit
    expect(Array.from(b.dataSync()).every((v) => v >= 0)).toBe(true);

    const w = tf.variable(tf.ones([2]), { constraint: (t: tf.Tensor) => tf.clipByValue(t, 0, 1.2) });
    const opt = tf.train.sgd(1);
    const tape = new tf.GradientTape();
    const loss = tf.sum(tf.mul(w, -1));
    opt.applyGradients([[tape.gradient(loss, w), w]]);
    expectClose(w, [1.2, 1.2]);
  });

  it('model.save / loadLayersModel keep the constraints (Keras config {class_name: MaxNorm, config: {max_value}})', async () => {
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], kernelConstraint: tf.constraints.maxNorm({ maxValue: 0.7 }) })] });
    let art: tf.io.ModelArtifacts | undefined;
    await m.save(tf.io.withSaveHandler(async (a) => { art = a as tf.io.ModelArtifacts; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }));
    const cfg = JSON.stringify(art!.modelTopology);
    expect(cfg).toContain('"kernel_constraint":{"class_name":"MaxNorm","config":{"max_value":0.7,"axis":0}}');
    const back = await tf.loadLayersModel(tf.io.fromMemory(art!));
    expect((back.layers[0] as tf.layers.Dense).kernelConstraint!.getConfig()).toEqual({ maxValue: 0.7, axis: 0 });
  });
});

describe('activity regularizers (Keras activity_regularizer)', () => {
  it('add regularizer(output) / batch to the loss of fit and evaluate, with gradients; saved and loaded', async () => {
    const x = tf.tensor([[1, 2, 3], [0, -1, 2], [2, 0, 1], [-1, 1, 1]]);
    const y = tf.zeros([4, 2]);
    const make = () => tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], kernelInitializer: 'ones', biasInitializer: 'zeros',
      activityRegularizer: tf.regularizers.l2({ l2: 0.1 }) })] });
    const model = make();
    model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
    const out = tf.matMul(x, tf.ones([3, 2]));
    const mse = tf.mean(tf.square(out)).item(), penalty = 0.1 * tf.sum(tf.square(out)).item() / 4;
    expectClose((model.evaluate(x, y, { batchSize: 4 }) as tf.Tensor).item(), mse + penalty, 1e-6);
    // one SGD step follows the gradient of mse + penalty
    const w = tf.variable(tf.ones([3, 2]));
    const tape = new tf.GradientTape();
    const o = tf.matMul(x, w);
    const g = tape.gradient(tf.add(tf.mean(tf.square(o)), tf.div(tf.mul(tf.sum(tf.square(o)), 0.1), 4)), w);
    await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 });
    expectClose(model.getWeights()[0], tf.sub(tf.ones([3, 2]), tf.mul(g, 0.01)), 1e-5, 1e-6);
    // save / load keeps it (no more "ignored" warning)
    let art: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (a) => { art = a as tf.io.ModelArtifacts; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }));
    expect(JSON.stringify(art!.modelTopology)).toContain('"activity_regularizer":{"class_name":"L1L2","config":{"l1":0,"l2":0.1}}');
    const back = await tf.loadLayersModel(tf.io.fromMemory(art!));
    expect(back.layers[0].activityRegularizer!.getConfig()).toEqual({ l1: 0, l2: 0.1 });
    // memory: repeated evaluation leaves nothing behind
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.dispose(model.evaluate(x, y, { batchSize: 2 }) as tf.Tensor);
    expect(tf.memory().numTensors).toBe(before);
  });
});
