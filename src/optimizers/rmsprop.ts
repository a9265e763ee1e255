// RMSprop: Keras' class and tfjs's RMSPropOptimizer, one fused kernel per variable (f32_rmsprop).
//   ms ← ρ·ms + (1-ρ)·g²;  inc = lr·g / √(ms + ε);  momentum: mom ← μ·mom + inc, x ← x - mom;  else x ← x - inc
//   centered: mg ← ρ·mg + (1-ρ)·g and the denominator is √(ms - mg² + ε) in Keras, √(ms - mg² - ε) in
//   tfjs (tfjs subtracts ε; we follow each).
// tfjs always keeps a momentum slot (getWeights: rms, momentum[, mg]); Keras only when momentum > 0.
import { K } from '../backend/wasm.js';
import { RMSPROP } from '../backend/parallel.js';
import type { Variable } from '../core/tensor.js';
import { checkBool, checkNumber, fused, Optimizer, readOptions, type ConfigDict, type LearningRate, type OptimizerOptions, type StepArgs } from './optimizer.js';

export interface RMSpropOptions extends OptimizerOptions { rho?: number; momentum?: number; epsilon?: number; centered?: boolean }

/**
 * Keras' RMSprop.
 * @example const opt = new tf.optimizers.RMSprop({learningRate: 1e-3, rho: 0.9});
 */
export class RMSprop extends Optimizer {
  static readonly className: string = 'RMSprop';
  readonly rho: number; readonly momentum: number; readonly epsilon: number; readonly centered: boolean;
  /** @internal */ protected tfjs = false;

  constructor(options: RMSpropOptions = {}) {
    const o = readOptions('RMSprop', options, { rho: ['rho'], momentum: ['momentum'], epsilon: ['epsilon'], centered: ['centered'] });
    super('RMSprop', o.learningRate ?? 0.001, o);
    this.rho = o.rho === undefined ? 0.9 : checkNumber('RMSprop', 'rho', o.rho, 0, 1);
    this.momentum = o.momentum === undefined ? 0 : checkNumber('RMSprop', 'momentum', o.momentum, 0, 1);
    this.epsilon = o.epsilon === undefined ? 1e-7 : checkNumber('RMSprop', 'epsilon', o.epsilon, 0);
    this.centered = o.centered === undefined ? false : checkBool('RMSprop', 'centered', o.centered);
  }

  getClassName(): string { return 'RMSprop'; }
  protected slotNames(): string[] {
    const s = ['rms'];
    if (this.tfjs || this.momentum > 0) s.push('momentum');
    if (this.centered) s.push('mg');
    return s;
  }
  protected update(x: number, g: number, s: Variable[], n: number, a: StepArgs): void {
    const hasMom = this.tfjs || this.momentum > 0;
    const mom = hasMom ? s[1].ptr : 0, mg = this.centered ? s[hasMom ? 2 : 1].ptr : 0;
    const epsIn = this.centered && this.tfjs ? this.epsilon : 0;
    const epsOut = this.centered && this.tfjs ? 0 : this.epsilon;
    fused(K().f32_rmsprop__wasmsimd, RMSPROP, [x, g, s[0].ptr, mom, mg, n, this.rho, 1 - this.rho, this.momentum, a.lr, epsIn,
      epsOut, a.gs, a.clip, a.wd], 5);
  }
  getConfig(): ConfigDict {
    return { ...super.getConfig(), rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }
}

/** tfjs's RMSPropOptimizer (tf.train.rmsprop); `decay` is Keras' rho. */
export class RMSPropOptimizer extends RMSprop {
  /** @internal The constructor's arguments, by config key (fromConfig). */
  static readonly configArgs: readonly string[] = ['learningRate', 'decay', 'momentum', 'epsilon', 'centered'];
  constructor(learningRate: LearningRate, decay = 0.9, momentum = 0, epsilon: number | null = null, centered = false) {
    if (learningRate === undefined || learningRate === null) throw new Error('rmsprop: learningRate is required (tf.train.rmsprop(0.001))');
    super({ learningRate, rho: decay, momentum, epsilon: epsilon ?? 1e-7, centered });
    this.tfjs = true;
  }
  getClassName(): string { return 'RMSProp'; }
  get decay(): number { return this.rho; }
  getConfig(): ConfigDict {
    return { learningRate: this.learningRate, decay: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }
}
