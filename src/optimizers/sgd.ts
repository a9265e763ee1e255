// Gradient descent with optional (Nesterov) momentum: Keras' SGD and tfjs's SGDOptimizer /
// MomentumOptimizer, one fused kernel each (f32_sgd, f32_momentum).
//   Keras:  m ← μ·m - lr·g;  x ← x + m             (nesterov: x ← x + μ·m - lr·g)
//   tfjs:   a ← μ·a + g;     x ← x - lr·a          (nesterov: x ← x - lr·(g + μ·a))
// The two agree exactly while the learning rate is constant (m = -lr·a); with a schedule Keras' velocity
// keeps the old rates' contributions, tfjs rescales the whole accumulation by the new rate.
import { K } from '../backend/wasm.js';
import { MOMENTUM, SGD as SGD_KERNEL } from '../backend/parallel.js';
import type { Variable } from '../core/tensor.js';
import { checkBool, checkNumber, fused, Optimizer, readOptions, type ConfigDict, type LearningRate, type OptimizerOptions, type StepArgs } from './optimizer.js';

export interface SGDOptions extends OptimizerOptions { momentum?: number; nesterov?: boolean }

/**
 * Keras' SGD: plain gradient descent, or momentum / Nesterov momentum (velocity form).
 * @example const opt = new tf.optimizers.SGD({learningRate: 0.01, momentum: 0.9, nesterov: true});
 */
export class SGD extends Optimizer {
  static readonly className: string = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;
  /** @internal tfjs flavour (accumulation form, a momentum slot even at momentum 0). */
  protected tfjs = false;

  constructor(options: SGDOptions = {}) {
    const o = readOptions('SGD', options, { momentum: ['momentum'], nesterov: ['nesterov'] });
    super('SGD', o.learningRate ?? 0.01, o);
    this.momentum = o.momentum === undefined ? 0 : checkNumber('SGD', 'momentum', o.momentum, 0, 1);
    this.nesterov = o.nesterov === undefined ? false : checkBool('SGD', 'nesterov', o.nesterov);
  }

  getClassName(): string { return 'SGD'; }
  protected slotNames(): string[] { return this.momentum > 0 || this.tfjsMomentum() ? ['momentum'] : []; }
  /** @internal */ protected tfjsMomentum(): boolean { return false; }
  protected update(x: number, g: number, slots: Variable[], n: number, a: StepArgs): void {
    const k = K(), lr = a.lr;
    if (slots.length === 0) { fused(k.f32_sgd__wasmsimd, SGD_KERNEL, [x, g, n, lr, a.gs, a.clip, a.wd], 2); return; }
    const nest = this.nesterov ? 1 : 0;
    if (this.tfjs) fused(k.f32_momentum__wasmsimd, MOMENTUM, [x, g, slots[0].ptr, n, this.momentum, 1, -lr, nest, a.gs, a.clip, a.wd], 3);
    else fused(k.f32_momentum__wasmsimd, MOMENTUM, [x, g, slots[0].ptr, n, this.momentum, -lr, 1, nest, a.gs, a.clip, a.wd], 3);
  }
  getConfig(): ConfigDict { return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov }; }
}

/** tfjs's SGDOptimizer (tf.train.sgd): x ← x - lr·g. */
export class SGDOptimizer extends SGD {
  /** @internal The constructor's arguments, by config key (fromConfig). */
  static readonly configArgs: readonly string[] = ['learningRate'];
  static readonly className: string = 'SGD';
  constructor(learningRate: LearningRate) {
    if (learningRate === undefined) throw new Error('sgd: learningRate is required (tf.train.sgd(0.01))');
    super({ learningRate });
    this.tfjs = true;
  }
  getConfig(): ConfigDict { return { learningRate: this.learningRate }; }
}

/** tfjs's MomentumOptimizer (tf.train.momentum): a ← μ·a + g; x ← x - lr·a (Nesterov: x - lr·(g + μ·a)). */
export class MomentumOptimizer extends SGD {
  /** @internal The constructor's arguments, by config key (fromConfig). */
  static readonly configArgs: readonly string[] = ['learningRate', 'momentum', 'useNesterov'];
  static readonly className: string = 'Momentum';
  constructor(learningRate: LearningRate, momentum: number, useNesterov = false) {
    if (learningRate === undefined) throw new Error('momentum: learningRate is required (tf.train.momentum(0.01, 0.9))');
    if (momentum === undefined) throw new Error('momentum: the momentum argument is required (tf.train.momentum(0.01, 0.9))');
    super({ learningRate, momentum, nesterov: useNesterov });
    this.tfjs = true;
  }
  getClassName(): string { return 'Momentum'; }
  /** @internal tfjs keeps the accumulation even at momentum 0. */
  protected tfjsMomentum(): boolean { return true; }
  get useNesterov(): boolean { return this.nesterov; }
  getConfig(): ConfigDict { return { learningRate: this.learningRate, momentum: this.momentum, useNesterov: this.nesterov }; }
}
