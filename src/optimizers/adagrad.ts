// Adagrad and Adadelta: Keras' classes and tfjs's AdagradOptimizer / AdadeltaOptimizer, one fused kernel
// per variable (f32_adagrad, f32_adadelta).
//   Adagrad:  acc ← acc + g²;  x ← x - lr·g / √(acc + ε)           (acc starts at initialAccumulatorValue)
//   Adadelta: ag ← ρ·ag + (1-ρ)·g²;  d = √(ad + ε)/√(ag + ε)·g;  ad ← ρ·ad + (1-ρ)·d²;  x ← x - lr·d
// Adadelta differs: Keras divides by the updated ag, tfjs by the ag of the previous step (its first step
// is then x - lr·g). Each flavour follows its source.
import { K } from '../backend/wasm.js';
import { ADADELTA, ADAGRAD } from '../backend/parallel.js';
import type { Variable } from '../core/tensor.js';
import { checkNumber, fused, Optimizer, readOptions, type ConfigDict, type LearningRate, type OptimizerOptions, type StepArgs } from './optimizer.js';

export interface AdagradOptions extends OptimizerOptions { initialAccumulatorValue?: number; epsilon?: number }

/**
 * Keras' Adagrad.
 * @example const opt = new tf.optimizers.Adagrad({learningRate: 0.01});
 */
export class Adagrad extends Optimizer {
  static readonly className: string = 'Adagrad';
  readonly initialAccumulatorValue: number; readonly epsilon: number;

  constructor(options: AdagradOptions = {}) {
    const o = readOptions('Adagrad', options, {
      initialAccumulatorValue: ['initialAccumulatorValue', 'initial_accumulator_value'], epsilon: ['epsilon'],
    });
    super('Adagrad', o.learningRate ?? 0.001, o);
    this.initialAccumulatorValue = o.initialAccumulatorValue === undefined ? 0.1
      : checkNumber('Adagrad', 'initialAccumulatorValue', o.initialAccumulatorValue, 0);
    this.epsilon = o.epsilon === undefined ? 1e-7 : checkNumber('Adagrad', 'epsilon', o.epsilon, 0);
  }
  getClassName(): string { return 'Adagrad'; }
  protected slotNames(): string[] { return ['accumulator']; }
  protected slotInit(): number { return this.initialAccumulatorValue; }
  protected update(x: number, g: number, s: Variable[], n: number, a: StepArgs): void {
    fused(K().f32_adagrad__wasmsimd, ADAGRAD, [x, g, s[0].ptr, n, a.lr, this.epsilon, a.gs, a.clip, a.wd], 3);
  }
  getConfig(): ConfigDict {
    return { ...super.getConfig(), initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}

/** tfjs's AdagradOptimizer (tf.train.adagrad). */
export class AdagradOptimizer extends Adagrad {
  /** @internal The constructor's arguments, by config key (fromConfig). */
  static readonly configArgs: readonly string[] = ['learningRate', 'initialAccumulatorValue'];
  constructor(learningRate: LearningRate, initialAccumulatorValue = 0.1) {
    if (learningRate === undefined || learningRate === null) throw new Error('adagrad: learningRate is required (tf.train.adagrad(0.01))');
    super({ learningRate, initialAccumulatorValue });
  }
  getConfig(): ConfigDict { return { learningRate: this.learningRate, initialAccumulatorValue: this.initialAccumulatorValue }; }
}

export interface AdadeltaOptions extends OptimizerOptions { rho?: number; epsilon?: number }

/**
 * Keras' Adadelta.
 * @example const opt = new tf.optimizers.Adadelta({learningRate: 1.0, rho: 0.95});
 */
export class Adadelta extends Optimizer {
  static readonly className: string = 'Adadelta';
  readonly rho: number; readonly epsilon: number;
  /** @internal */ protected tfjs = false;

  constructor(options: AdadeltaOptions = {}) {
    const o = readOptions('Adadelta', options, { rho: ['rho'], epsilon: ['epsilon'] });
    super('Adadelta', o.learningRate ?? 0.001, o);
    this.rho = o.rho === undefined ? 0.95 : checkNumber('Adadelta', 'rho', o.rho, 0, 1);
    this.epsilon = o.epsilon === undefined ? 1e-7 : checkNumber('Adadelta', 'epsilon', o.epsilon, 0);
  }
  getClassName(): string { return 'Adadelta'; }
  protected slotNames(): string[] { return ['accum_grad', 'accum_var']; }
  protected update(x: number, g: number, s: Variable[], n: number, a: StepArgs): void {
    fused(K().f32_adadelta__wasmsimd, ADADELTA, [x, g, s[0].ptr, s[1].ptr, n, this.rho, 1 - this.rho, a.lr, this.epsilon,
      this.tfjs ? 0 : 1, a.gs, a.clip, a.wd], 4);
  }
  getConfig(): ConfigDict { return { ...super.getConfig(), rho: this.rho, epsilon: this.epsilon }; }
}

/** tfjs's AdadeltaOptimizer (tf.train.adadelta). */
export class AdadeltaOptimizer extends Adadelta {
  /** @internal The constructor's arguments, by config key (fromConfig). */
  static readonly configArgs: readonly string[] = ['learningRate', 'rho', 'epsilon'];
  constructor(learningRate: LearningRate = 0.001, rho = 0.95, epsilon: number | null = null) {
    super({ learningRate, rho, epsilon: epsilon ?? 1e-7 });
    this.tfjs = true;
  }
  getConfig(): ConfigDict { return { learningRate: this.learningRate, rho: this.rho, epsilon: this.epsilon }; }
}
