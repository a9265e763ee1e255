// Adam, AdamW (decoupled weight decay), AMSGrad and Adamax: Keras' classes and tfjs's AdamOptimizer /
// AdamaxOptimizer, one fused kernel per variable (f32_adam, f32_adamax).
//   m ← β1·m + (1-β1)·g;  v ← β2·v + (1-β2)·g²;  x ← x - α·m / (√v + ε̂),  α = lr·√(1-β2ᵗ)/(1-β1ᵗ)
// Where the two differ (both documented by their sources):
//   - ε: Keras adds ε to √v (ε̂ = ε); tfjs adds it to √(v/(1-β2ᵗ)), i.e. ε̂ = ε·√(1-β2ᵗ).
//   - βᵗ: Keras computes pow(β, t) (we: float64 powers of float32 β); tfjs multiplies a float32 variable
//     by β every step, which we reproduce exactly (Math.fround per step), so tf.train.adam tracks tfjs
//     over long runs too.
//   - Adamax: tfjs's default learning rate is 0.002 and it has a time decay lr/(1 + decay·(t-1)).
import { K } from '../backend/wasm.js';
import { ADAM, ADAMAX } from '../backend/parallel.js';
import type { Variable } from '../core/tensor.js';
import {
  checkBool, checkNumber, f32, fused, Optimizer, powInt, readOptions, type ConfigDict, type LearningRate, type OptimizerOptions, type StepArgs,
} from './optimizer.js';

export interface AdamOptions extends OptimizerOptions { beta1?: number; beta2?: number; epsilon?: number; amsgrad?: boolean }

const ADAM_KEYS = { beta1: ['beta1', 'beta_1'], beta2: ['beta2', 'beta_2'], epsilon: ['epsilon'], amsgrad: ['amsgrad'] };

/**
 * Keras' Adam (with amsgrad, and any Keras 3 option: weightDecay, clipNorm, …).
 * @example const opt = new tf.optimizers.Adam({learningRate: 1e-3});
 */
export class Adam extends Optimizer {
  static readonly className: string = 'Adam';
  readonly beta1: number; readonly beta2: number; readonly epsilon: number; readonly amsgrad: boolean;
  /** @internal tfjs flavour: ε inside the bias correction, float32 running β powers. */
  protected tfjs = false;
  private acc1 = 0; private acc2 = 0; // tfjs's accBeta1/2: β^(iterations+1), float32
  private alpha = 0; private epsHat = 0;

  constructor(options: AdamOptions = {}, cls = 'Adam', defaultWeightDecay?: number) {
    const o = readOptions(cls, options, ADAM_KEYS);
    if (defaultWeightDecay !== undefined && o.weightDecay === undefined) o.weightDecay = defaultWeightDecay;
    super(cls, o.learningRate ?? 0.001, o);
    this.beta1 = o.beta1 === undefined ? 0.9 : checkNumber(cls, 'beta1', o.beta1, 0, 1, true);
    this.beta2 = o.beta2 === undefined ? 0.999 : checkNumber(cls, 'beta2', o.beta2, 0, 1, true);
    this.epsilon = o.epsilon === undefined ? 1e-7 : checkNumber(cls, 'epsilon', o.epsilon, 0);
    this.amsgrad = o.amsgrad === undefined ? false : checkBool(cls, 'amsgrad', o.amsgrad);
    this.onIterationsSet();
  }

  getClassName(): string { return 'Adam'; }
  protected slotNames(): string[] { return this.amsgrad ? ['m', 'v', 'vhat'] : ['m', 'v']; }
  protected onIterationsSet(): void {
    // tfjs: accBeta starts at β and is multiplied by β (in float32) after every step
    const b1 = f32(this.beta1), b2 = f32(this.beta2);
    this.acc1 = b1; this.acc2 = b2;
    // (both products reach a fixed point, 0 at the latest: stop there, so a huge saved count costs nothing)
    for (let i = 0; i < this.iterations; i++) {
      const a1 = f32(this.acc1 * b1), a2 = f32(this.acc2 * b2);
      if (a1 === this.acc1 && a2 === this.acc2) break;
      this.acc1 = a1; this.acc2 = a2;
    }
  }
  protected prepare(lr: number, t: number): void {
    if (this.tfjs) {
      const c1 = f32(1 - this.acc1), c2 = f32(1 - this.acc2);
      this.alpha = lr * Math.sqrt(c2) / c1;
      this.epsHat = this.epsilon * Math.sqrt(c2);
      this.acc1 = f32(this.acc1 * f32(this.beta1));
      this.acc2 = f32(this.acc2 * f32(this.beta2));
    } else {
      const p1 = powInt(f32(this.beta1), t), p2 = powInt(f32(this.beta2), t);
      this.alpha = lr * Math.sqrt(1 - p2) / (1 - p1);
      this.epsHat = this.epsilon;
    }
  }
  protected update(x: number, g: number, s: Variable[], n: number, a: StepArgs): void {
    fused(K().f32_adam__wasmsimd, ADAM, [x, g, s[0].ptr, s[1].ptr, this.amsgrad ? s[2].ptr : 0, n, this.beta1, 1 - this.beta1,
      this.beta2, 1 - this.beta2, this.alpha, this.epsHat, a.gs, a.clip, a.wd], 5);
  }
  getConfig(): ConfigDict {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, amsgrad: this.amsgrad };
  }
}

/**
 * Keras' AdamW: Adam with decoupled weight decay x ← x - lr·weightDecay·x before each update
 * (Loshchilov & Hutter), weightDecay 0.004 by default.
 * @example const opt = new tf.optimizers.AdamW({learningRate: 1e-3, weightDecay: 0.01});
 */
export class AdamW extends Adam {
  static readonly className: string = 'AdamW';
  constructor(options: AdamOptions = {}) { super(options, 'AdamW', 0.004); }
  getClassName(): string { return 'AdamW'; }
}

/** tfjs's AdamOptimizer (tf.train.adam). */
export class AdamOptimizer extends Adam {
  /** @internal The constructor's arguments, by config key (fromConfig). */
  static readonly configArgs: readonly string[] = ['learningRate', 'beta1', 'beta2', 'epsilon'];
  constructor(learningRate: LearningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon: number | null = null) {
    super({ learningRate, beta1, beta2, epsilon: epsilon ?? 1e-7 });
    this.tfjs = true;
  }
  getConfig(): ConfigDict { return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon }; }
}

export interface AdamaxOptions extends OptimizerOptions { beta1?: number; beta2?: number; epsilon?: number }

/**
 * Keras' Adamax: m ← β1·m + (1-β1)·g; u ← max(β2·u, |g|); x ← x - lr·m / ((1-β1ᵗ)(u + ε)).
 * @example const opt = new tf.optimizers.Adamax({learningRate: 0.002});
 */
export class Adamax extends Optimizer {
  static readonly className: string = 'Adamax';
  readonly beta1: number; readonly beta2: number; readonly epsilon: number;
  /** tfjs only: lr/(1 + decay·(t-1)). */
  readonly decay: number = 0;
  /** @internal */ protected tfjs = false;
  private acc1 = 0; private alpha = 0;

  constructor(options: AdamaxOptions = {}, decay = 0) {
    const o = readOptions('Adamax', options, { beta1: ['beta1', 'beta_1'], beta2: ['beta2', 'beta_2'], epsilon: ['epsilon'] });
    super('Adamax', o.learningRate ?? 0.001, o);
    this.beta1 = o.beta1 === undefined ? 0.9 : checkNumber('Adamax', 'beta1', o.beta1, 0, 1, true);
    this.beta2 = o.beta2 === undefined ? 0.999 : checkNumber('Adamax', 'beta2', o.beta2, 0, 1);
    this.epsilon = o.epsilon === undefined ? 1e-7 : checkNumber('Adamax', 'epsilon', o.epsilon, 0);
    this.decay = checkNumber('adamax', 'decay', decay, 0);
    this.onIterationsSet();
  }

  getClassName(): string { return 'Adamax'; }
  protected slotNames(): string[] { return ['m', 'v']; }
  protected onIterationsSet(): void {
    const b1 = f32(this.beta1);
    this.acc1 = b1;
    for (let i = 0; i < this.iterations; i++) {
      const a1 = f32(this.acc1 * b1);
      if (a1 === this.acc1) break; // a fixed point (0 at the latest)
      this.acc1 = a1;
    }
  }
  protected prepare(lr: number, t: number): void {
    if (this.tfjs) {
      // tfjs: lr / (1 + iteration·decay) / (1 - accBeta1), its scalars in float32
      const lrT = f32(lr / f32(f32(f32(t - 1) * f32(this.decay)) + 1));
      this.alpha = lrT / f32(1 - this.acc1);
      this.acc1 = f32(this.acc1 * f32(this.beta1));
    } else {
      this.alpha = lr / (1 - powInt(f32(this.beta1), t));
    }
  }
  protected update(x: number, g: number, s: Variable[], n: number, a: StepArgs): void {
    fused(K().f32_adamax__wasmsimd, ADAMAX, [x, g, s[0].ptr, s[1].ptr, n, this.beta1, 1 - this.beta1, this.beta2, this.alpha,
      this.epsilon, a.gs, a.clip, a.wd], 4);
  }
  getConfig(): ConfigDict { return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon }; }
}

/** tfjs's AdamaxOptimizer (tf.train.adamax). */
export class AdamaxOptimizer extends Adamax {
  /** @internal The constructor's arguments, by config key (fromConfig). */
  static readonly configArgs: readonly string[] = ['learningRate', 'beta1', 'beta2', 'epsilon', 'decay'];
  constructor(learningRate: LearningRate = 0.002, beta1 = 0.9, beta2 = 0.999, epsilon: number | null = null, decay = 0) {
    super({ learningRate, beta1, beta2, epsilon: epsilon ?? 1e-7 }, decay);
    this.tfjs = true;
  }
  getConfig(): ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, decay: this.decay };
  }
}
