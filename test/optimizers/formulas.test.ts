// Every optimizer, both flavours, against its hand-written float64 update (test/optimizers/reference.ts)
// step for step, within 1e-6 relative, on variables whose sizes hit every SIMD tail.
import { describe, it } from 'vitest';
import { tf } from '../helpers.js';
import { RefOptimizer, type Kind, type RefOptions } from './reference.js';
import { expectRel, gradValues, makeVars, SHAPES } from './util.js';

const O = tf.optimizers;
type Opt = InstanceType<typeof O.Optimizer>;
const STEPS = 6;

interface Case { label: string; make: () => Opt; kind: Kind; ref: RefOptions; zeroFirst?: boolean }

const cases: Case[] = [
  // SGD and momentum
  { label: 'tf.train.sgd', make: () => tf.train.sgd(0.1), kind: { name: 'sgd', flavour: 'tfjs', momentum: 0, nesterov: false }, ref: { lr: 0.1 } },
  { label: 'SGD', make: () => new O.SGD({ learningRate: 0.1 }), kind: { name: 'sgd', flavour: 'keras', momentum: 0, nesterov: false }, ref: { lr: 0.1 } },
  { label: 'tf.train.momentum', make: () => tf.train.momentum(0.05, 0.9), kind: { name: 'sgd', flavour: 'tfjs', momentum: 0.9, nesterov: false }, ref: { lr: 0.05 } },
  { label: 'tf.train.momentum nesterov', make: () => tf.train.momentum(0.05, 0.8, true), kind: { name: 'sgd', flavour: 'tfjs', momentum: 0.8, nesterov: true }, ref: { lr: 0.05 } },
  { label: 'SGD momentum', make: () => new O.SGD({ learningRate: 0.05, momentum: 0.9 }), kind: { name: 'sgd', flavour: 'keras', momentum: 0.9, nesterov: false }, ref: { lr: 0.05 } },
  { label: 'SGD nesterov', make: () => new O.SGD({ learningRate: 0.05, momentum: 0.7, nesterov: true }), kind: { name: 'sgd', flavour: 'keras', momentum: 0.7, nesterov: true }, ref: { lr: 0.05 } },
  // Adam family
  { label: 'tf.train.adam', make: () => tf.train.adam(0.01), kind: { name: 'adam', flavour: 'tfjs', beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, ref: { lr: 0.01 } },
  { label: 'tf.train.adam (β 0.8/0.95, ε 1e-3)', make: () => tf.train.adam(0.02, 0.8, 0.95, 1e-3), kind: { name: 'adam', flavour: 'tfjs', beta1: 0.8, beta2: 0.95, epsilon: 1e-3 }, ref: { lr: 0.02 } },
  { label: 'Adam', make: () => new O.Adam({ learningRate: 0.01 }), kind: { name: 'adam', flavour: 'keras', beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, ref: { lr: 0.01 } },
  { label: 'Adam (ε 1e-3)', make: () => new O.Adam({ learningRate: 0.01, epsilon: 1e-3, beta1: 0.5 }), kind: { name: 'adam', flavour: 'keras', beta1: 0.5, beta2: 0.999, epsilon: 1e-3 }, ref: { lr: 0.01 } },
  { label: 'Adam amsgrad', make: () => new O.Adam({ learningRate: 0.01, amsgrad: true }), kind: { name: 'adam', flavour: 'keras', beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: true }, ref: { lr: 0.01 } },
  { label: 'AdamW', make: () => new O.AdamW({ learningRate: 0.01 }), kind: { name: 'adam', flavour: 'keras', beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, ref: { lr: 0.01, weightDecay: 0.004 } },
  { label: 'AdamW (wd 0.1, amsgrad)', make: () => new O.AdamW({ learningRate: 0.05, weightDecay: 0.1, amsgrad: true }), kind: { name: 'adam', flavour: 'keras', beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: true }, ref: { lr: 0.05, weightDecay: 0.1 } },
  { label: 'tf.train.adamax', make: () => tf.train.adamax(0.02), kind: { name: 'adamax', flavour: 'tfjs', beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, ref: { lr: 0.02 } },
  { label: 'tf.train.adamax decay', make: () => tf.train.adamax(0.02, 0.9, 0.99, 1e-6, 0.1), kind: { name: 'adamax', flavour: 'tfjs', beta1: 0.9, beta2: 0.99, epsilon: 1e-6, decay: 0.1 }, ref: { lr: 0.02 } },
  { label: 'Adamax', make: () => new O.Adamax({ learningRate: 0.02 }), kind: { name: 'adamax', flavour: 'keras', beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, ref: { lr: 0.02 } },
  // RMSprop
  { label: 'tf.train.rmsprop', make: () => tf.train.rmsprop(0.01), kind: { name: 'rmsprop', flavour: 'tfjs', rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false }, ref: { lr: 0.01 } },
  { label: 'tf.train.rmsprop momentum', make: () => tf.train.rmsprop(0.01, 0.8, 0.5), kind: { name: 'rmsprop', flavour: 'tfjs', rho: 0.8, momentum: 0.5, epsilon: 1e-7, centered: false }, ref: { lr: 0.01 } },
  { label: 'tf.train.rmsprop centered', make: () => tf.train.rmsprop(0.01, 0.9, 0.3, 1e-7, true), kind: { name: 'rmsprop', flavour: 'tfjs', rho: 0.9, momentum: 0.3, epsilon: 1e-7, centered: true }, ref: { lr: 0.01 }, zeroFirst: false },
  { label: 'RMSprop', make: () => new O.RMSprop({ learningRate: 0.01 }), kind: { name: 'rmsprop', flavour: 'keras', rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false }, ref: { lr: 0.01 } },
  { label: 'RMSprop momentum centered', make: () => new O.RMSprop({ learningRate: 0.01, momentum: 0.5, centered: true }), kind: { name: 'rmsprop', flavour: 'keras', rho: 0.9, momentum: 0.5, epsilon: 1e-7, centered: true }, ref: { lr: 0.01 } },
  { label: 'RMSprop centered', make: () => new O.RMSprop({ learningRate: 0.01, centered: true, rho: 0.8 }), kind: { name: 'rmsprop', flavour: 'keras', rho: 0.8, momentum: 0, epsilon: 1e-7, centered: true }, ref: { lr: 0.01 } },
  // Adagrad, Adadelta
  { label: 'tf.train.adagrad', make: () => tf.train.adagrad(0.1), kind: { name: 'adagrad', initial: 0.1, epsilon: 1e-7 }, ref: { lr: 0.1 } },
  { label: 'Adagrad', make: () => new O.Adagrad({ learningRate: 0.1, initialAccumulatorValue: 0.5, epsilon: 1e-5 }), kind: { name: 'adagrad', initial: 0.5, epsilon: 1e-5 }, ref: { lr: 0.1 } },
  { label: 'tf.train.adadelta', make: () => tf.train.adadelta(1, 0.95), kind: { name: 'adadelta', flavour: 'tfjs', rho: 0.95, epsilon: 1e-7 }, ref: { lr: 1 } },
  { label: 'Adadelta', make: () => new O.Adadelta({ learningRate: 1, epsilon: 1e-6 }), kind: { name: 'adadelta', flavour: 'keras', rho: 0.95, epsilon: 1e-6 }, ref: { lr: 1 } },
  // options shared by every optimizer
  { label: 'Adam clipNorm 0.5', make: () => new O.Adam({ learningRate: 0.01, clipNorm: 0.5 }), kind: { name: 'adam', flavour: 'keras', beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, ref: { lr: 0.01, clipNorm: 0.5 } },
  { label: 'SGD clipNorm 0.5', make: () => new O.SGD({ learningRate: 0.1, clipNorm: 0.5 }), kind: { name: 'sgd', flavour: 'keras', momentum: 0, nesterov: false }, ref: { lr: 0.1, clipNorm: 0.5 } },
  { label: 'SGD globalClipnorm 1', make: () => new O.SGD({ learningRate: 0.1, globalClipnorm: 1 }), kind: { name: 'sgd', flavour: 'keras', momentum: 0, nesterov: false }, ref: { lr: 0.1, globalClipnorm: 1 } },
  { label: 'RMSprop clipValue 0.3', make: () => new O.RMSprop({ learningRate: 0.01, clipValue: 0.3, momentum: 0.2 }), kind: { name: 'rmsprop', flavour: 'keras', rho: 0.9, momentum: 0.2, epsilon: 1e-7, centered: false }, ref: { lr: 0.01, clipValue: 0.3 } },
  { label: 'Adadelta weightDecay', make: () => new O.Adadelta({ learningRate: 0.5, weightDecay: 0.05 }), kind: { name: 'adadelta', flavour: 'keras', rho: 0.95, epsilon: 1e-7 }, ref: { lr: 0.5, weightDecay: 0.05 } },
  { label: 'SGD momentum + ExponentialDecay', make: () => new O.SGD({ learningRate: new O.schedules.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5 }), momentum: 0.9 }), kind: { name: 'sgd', flavour: 'keras', momentum: 0.9, nesterov: false }, ref: { lr: (t) => 0.1 * 0.5 ** (t / 2) } },
  { label: 'tf.train.momentum + PiecewiseConstantDecay', make: () => tf.train.momentum(new O.schedules.PiecewiseConstantDecay({ boundaries: [1, 3], values: [0.1, 0.05, 0.01] }), 0.9), kind: { name: 'sgd', flavour: 'tfjs', momentum: 0.9, nesterov: false }, ref: { lr: (t) => (t <= 1 ? 0.1 : t <= 3 ? 0.05 : 0.01) } },
  { label: 'Adam + CosineDecay', make: () => new O.Adam({ learningRate: new O.schedules.CosineDecay({ initialLearningRate: 0.01, decaySteps: 5, alpha: 0.1 }) }), kind: { name: 'adam', flavour: 'keras', beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, ref: { lr: (t) => 0.01 * (0.9 * 0.5 * (1 + Math.cos(Math.PI * Math.min(t, 5) / 5)) + 0.1) } },
];

describe('optimizers vs their hand-written float64 updates', () => {
  it.each(cases.map((c) => [c.label, c] as const))('%s', (_label, c) => {
    const { vars, plain } = makeVars(SHAPES, 3);
    const opt = c.make();
    const ref = new RefOptimizer(c.kind, c.ref);
    for (let step = 0; step < STEPS; step++) {
      const gPlain = SHAPES.map((s, vi) => gradValues(s, step, vi, c.zeroFirst ?? true));
      const grads = gPlain.map((g, vi) => tf.tensor(g, SHAPES[vi]));
      opt.applyGradients(grads.map((g, vi) => [g, vars[vi]] as [tf.Tensor, tf.Variable]));
      ref.step(plain, gPlain);
      vars.forEach((v, vi) => expectRel(v.dataSync(), plain[vi], 1e-6, `${c.label} step ${step + 1} variable ${vi} [${SHAPES[vi]}]`));
      tf.dispose(grads);
    }
    if (opt.iterations !== STEPS) throw new Error(`iterations ${opt.iterations}`);
    opt.dispose();
  });
});
