// Every name the option types accept (ActivationIdentifier, LossIdentifier …; listed in test/types/names.ts,
// whose keys are type-checked against the unions) resolves at run time: a layer builds with it, compile
// takes it, the optimizer is the one named.
import { describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { getOptimizer } from '../src/optimizers/index.js';
import { activationNames, constraintNames, initializerNames, lossNames, metricNames, optimizerNames, regularizerNames } from './types/names.js';

describe('the names of the option types all resolve', () => {
  it('activations, initializers, constraints and regularizers: a Dense layer builds and runs with each', () => {
    const x = tf.ones([2, 3]);
    for (const activation of activationNames) {
      expect(tf.layers.dense({ units: 3, activation }).apply(x), activation).toBeInstanceOf(tf.Tensor);
    }
    for (const kernelInitializer of initializerNames) {
      const d = tf.layers.dense({ units: 3, kernelInitializer });
      expect((d.apply(x) as tf.Tensor).shape, kernelInitializer).toEqual([2, 3]);
    }
    for (const kernelConstraint of constraintNames) expect(tf.layers.dense({ units: 3, kernelConstraint }).kernelConstraint, kernelConstraint).not.toBeNull();
    for (const kernelRegularizer of regularizerNames) expect(tf.layers.dense({ units: 3, kernelRegularizer }).kernelRegularizer, kernelRegularizer).not.toBeNull();
  });

  it('losses and metrics: getLossFn / getMetricFn know each, and compile takes it', () => {
    for (const l of lossNames) expect(tf.losses.getLossFn(l).fn, l).toBeTypeOf('function');
    for (const m of metricNames) expect(tf.metrics.getMetricFn(m, 'binary_crossentropy').fn, m).toBeTypeOf('function');
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: metricNames });
    expect(model.metricsNames).toEqual(['loss', ...metricNames]);
  });

  it('optimizers: each name makes the optimizer it names, in any case', () => {
    for (const o of optimizerNames) {
      const opt = getOptimizer(o);
      expect(opt.getClassName().toLowerCase().replace('optimizer', ''), o).toBe(o.toLowerCase());
    }
  });

  it('an unknown name is a run-time error for code that bypasses the types', () => {
    expect(() => tf.layers.dense({ units: 1, activation: 'rleu' as tf.ActivationIdentifier })).toThrow(/unknown activation 'rleu'/);
    expect(() => tf.losses.getLossFn('meanSquareError')).toThrow(/unknown loss 'meanSquareError'/);
    expect(() => getOptimizer('constructor')).toThrow(/unknown optimizer 'constructor'/);
  });
});
