// Optimizers: tfjs's tf.train.* factories and Keras-style classes (tf.optimizers.*, mirroring
// tf.keras.optimizers), learning-rate schedules, and getOptimizer for compile strings.
//
// Flavours. tf.train.* follow TensorFlow.js step for step; the classes follow TF2 Keras. They differ in:
//   Adam       ε placement (Keras: √v + ε; tfjs: √(v/(1-β2ᵗ)) + ε) and βᵗ (tfjs: running float32 product)
//   Momentum   Keras' velocity m ← μm - lr·g vs tfjs's accumulation a ← μa + g, x -= lr·a (same at constant lr)
//   RMSprop    centered: Keras √(ms - mg² + ε), tfjs √(ms - mg² - ε); tfjs always keeps a momentum slot
//   Adadelta   Keras divides by the updated accumulator, tfjs by the previous one
//   Adamax     tfjs's default lr is 0.002 and it has a time decay; Keras' is 0.001
// Defaults are each source's (Keras: SGD 0.01, others 0.001, ε 1e-7; tfjs: its factory defaults, ε 1e-7).
import { Adadelta, AdadeltaOptimizer, Adagrad, AdagradOptimizer } from './adagrad.js';
import { Adam, AdamOptimizer, Adamax, AdamaxOptimizer, AdamW } from './adam.js';
import { learningRateFromConfig, Optimizer, type ConfigDict, type LearningRate } from './optimizer.js';
import { RMSprop, RMSPropOptimizer } from './rmsprop.js';
import { MomentumOptimizer, SGD, SGDOptimizer } from './sgd.js';
import * as schedulesNs from './schedules.js';

export { Optimizer, type LearningRate, type NamedTensor, type GradientPair, type GradientsArg, type OptimizerOptions, type ConfigDict } from './optimizer.js';
export { SGD, SGDOptimizer, MomentumOptimizer, type SGDOptions } from './sgd.js';
export { Adam, AdamW, Adamax, AdamOptimizer, AdamaxOptimizer, type AdamOptions, type AdamaxOptions } from './adam.js';
export { RMSprop, RMSPropOptimizer, type RMSpropOptions } from './rmsprop.js';
export { Adagrad, Adadelta, AdagradOptimizer, AdadeltaOptimizer, type AdagradOptions, type AdadeltaOptions } from './adagrad.js';
export {
  LearningRateSchedule, ExponentialDecay, PiecewiseConstantDecay, CosineDecay, InverseTimeDecay, PolynomialDecay, scheduleFromConfig,
} from './schedules.js';

/** tfjs's optimizer factories (tf.train.*), with tfjs's defaults and update rules. */
export const train = {
  /** @example const opt = tf.train.sgd(0.1); opt.minimize(() => loss()); */
  sgd: (learningRate: LearningRate) => new SGDOptimizer(learningRate),
  momentum: (learningRate: LearningRate, momentum: number, useNesterov = false) => new MomentumOptimizer(learningRate, momentum, useNesterov),
  rmsprop: (learningRate: LearningRate, decay = 0.9, momentum = 0, epsilon: number | null = null, centered = false) =>
    new RMSPropOptimizer(learningRate, decay, momentum, epsilon, centered),
  adam: (learningRate: LearningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon: number | null = null) =>
    new AdamOptimizer(learningRate, beta1, beta2, epsilon),
  adadelta: (learningRate: LearningRate = 0.001, rho = 0.95, epsilon: number | null = null) => new AdadeltaOptimizer(learningRate, rho, epsilon),
  adamax: (learningRate: LearningRate = 0.002, beta1 = 0.9, beta2 = 0.999, epsilon: number | null = null, decay = 0) =>
    new AdamaxOptimizer(learningRate, beta1, beta2, epsilon, decay),
  adagrad: (learningRate: LearningRate, initialAccumulatorValue = 0.1) => new AdagradOptimizer(learningRate, initialAccumulatorValue),
};

/** Learning-rate schedules (tf.keras.optimizers.schedules). */
export const schedules = {
  LearningRateSchedule: schedulesNs.LearningRateSchedule,
  ExponentialDecay: schedulesNs.ExponentialDecay,
  PiecewiseConstantDecay: schedulesNs.PiecewiseConstantDecay,
  CosineDecay: schedulesNs.CosineDecay,
  InverseTimeDecay: schedulesNs.InverseTimeDecay,
  PolynomialDecay: schedulesNs.PolynomialDecay,
  deserialize: schedulesNs.scheduleFromConfig,
};

/**
 * The optimizer names compile() accepts (any case at run time): the tf.train.* factories with tfjs-layers'
 * defaults, and Keras' AdamW. A misspelt name does not compile; pass an Optimizer for other settings.
 */
export type OptimizerIdentifier = 'sgd' | 'adam' | 'adamw' | 'adamax' | 'rmsprop' | 'adagrad' | 'adadelta' |
  'SGD' | 'Adam' | 'AdamW' | 'Adamax' | 'RMSprop' | 'RMSProp' | 'Adagrad' | 'Adadelta';

// Compile strings, as tfjs-layers' getOptimizer (its defaults: the tf.train.* factories with adagrad 0.01,
// adadelta 1.0, adamax 0.002), so model.compile({optimizer: 'adam'}) trains exactly as in tfjs;
// 'adamw' (Keras only) is Keras' AdamW.
const STRINGS: Record<Lowercase<OptimizerIdentifier>, () => Optimizer> = {
  sgd: () => train.sgd(0.01),
  adam: () => train.adam(0.001, 0.9, 0.999, 1e-7),
  adamw: () => new AdamW(),
  adamax: () => train.adamax(0.002, 0.9, 0.999, 1e-7, 0),
  rmsprop: () => train.rmsprop(0.001, 0.9, 0, 1e-7),
  adagrad: () => train.adagrad(0.01),
  adadelta: () => train.adadelta(1, 0.95, 1e-7),
};

// {className, config} → optimizer (Keras' optimizers.deserialize). tfjs and Keras share class names; a
// tfjs config (tf.train.* classes' getConfig) has no 'name' key, a Keras-style one always does.
type Make = (c: ConfigDict) => Optimizer;
const CLASSES: Record<string, { keras?: Make; tfjs?: Make }> = {
  SGD: { keras: (c) => new SGD(c), tfjs: (c) => SGDOptimizer.fromConfig(SGDOptimizer, c) },
  Momentum: { tfjs: (c) => MomentumOptimizer.fromConfig(MomentumOptimizer, c) },
  Adam: { keras: (c) => new Adam(c), tfjs: (c) => AdamOptimizer.fromConfig(AdamOptimizer, c) },
  AdamW: { keras: (c) => new AdamW(c) },
  Adamax: {
    keras: (c) => new Adamax(c),
    tfjs: (c) => AdamaxOptimizer.fromConfig(AdamaxOptimizer, c),
  },
  RMSprop: { keras: (c) => new RMSprop(c) },
  RMSProp: {
    tfjs: (c) => RMSPropOptimizer.fromConfig(RMSPropOptimizer, c),
  },
  Adagrad: { keras: (c) => new Adagrad(c), tfjs: (c) => AdagradOptimizer.fromConfig(AdagradOptimizer, c) },
  Adadelta: { keras: (c) => new Adadelta(c), tfjs: (c) => AdadeltaOptimizer.fromConfig(AdadeltaOptimizer, c) },
};

/**
 * An optimizer from a compile string ('sgd', 'adam', 'adamw', 'adamax', 'rmsprop', 'adagrad', 'adadelta';
 * any case), an Optimizer (returned as is), or {className, config} (getClassName()/getConfig()).
 * @example model.compile({optimizer: 'adam', loss: 'meanSquaredError'})
 */
export function getOptimizer(id: OptimizerIdentifier | Optimizer | { className: string; config?: ConfigDict } | (string & {})): Optimizer {
  if (id instanceof Optimizer) return id;
  if (typeof id === 'string') {
    const key = id.toLowerCase();
    const make = Object.hasOwn(STRINGS, key) ? STRINGS[key as keyof typeof STRINGS] : undefined;
    if (make === undefined) {
      throw new Error(`getOptimizer: unknown optimizer '${id}'; known: ${Object.keys(STRINGS).join(', ')} ` +
        '(any case), or an Optimizer such as new tf.optimizers.Adam({learningRate: 1e-3})');
    }
    return make();
  }
  if (typeof id === 'object' && id !== null && typeof (id as { className?: unknown }).className === 'string') {
    const { className, config = {} } = id as { className: string; config?: ConfigDict };
    // own keys only: a saved class name such as 'constructor' or '__proto__' is just unknown
    const entry = Object.hasOwn(CLASSES, className) ? CLASSES[className] : undefined;
    if (entry === undefined) throw new Error(`getOptimizer: unknown optimizer class '${className}'; known: ${Object.keys(CLASSES).join(', ')}`);
    if (config === null || typeof config !== 'object' || Array.isArray(config)) {
      throw new Error(`getOptimizer: the config of optimizer class '${className}' must be an object, got ${config === null ? 'null' : Array.isArray(config) ? 'an array' : typeof config}`);
    }
    const c: ConfigDict = { ...config };
    if (c.learningRate !== undefined) c.learningRate = learningRateFromConfig(c.learningRate);
    const make = ('name' in c ? entry.keras : entry.tfjs) ?? entry.keras ?? entry.tfjs!;
    return make(c);
  }
  throw new Error(`getOptimizer: expected an optimizer name such as 'adam', an Optimizer or {className, config}, got ${typeof id}`);
}

/** The Keras-style classes and schedules: `new tf.optimizers.Adam({learningRate: 1e-3})` (tf.keras.optimizers). */
export const optimizers = {
  Optimizer, SGD, Adam, AdamW, Adamax, RMSprop, Adagrad, Adadelta, schedules, get: getOptimizer,
  // tfjs's classes, as tf.train.* creates them
  SGDOptimizer, MomentumOptimizer, AdamOptimizer, AdamaxOptimizer, RMSPropOptimizer, AdagradOptimizer, AdadeltaOptimizer,
};
