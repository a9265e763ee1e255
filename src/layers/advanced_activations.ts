// Activation layers with parameters (Keras activations/): ReLU, LeakyReLU, Softmax, ELU.
import type { Tensor } from '../core/tensor.js';
import { mul, sub } from '../ops/binary.js';
import { greater } from '../ops/compare.js';
import { clipByValue } from '../ops/join.js';
import { leakyRelu } from '../ops/activations.js';
import { logSumExp } from '../ops/reduce.js';
import { cast } from '../ops/shape.js';
import { softmax, softmaxRecordingLogits } from '../ops/softmax.js';
import { elu, exp, relu, relu6 } from '../ops/unary.js';
import { where } from '../ops/compare.js';
import { describeArg, Layer, type LayerArgs } from './layer.js';
import { floatInput } from './utils.js';

function finite(layer: string, arg: string, v: unknown, min = -Infinity): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) {
    throw new Error(`${layer}: ${arg} must be a finite number${min > -Infinity ? ` ≥ ${min}` : ''}, got ${describeArg(v)}`);
  }
  return v;
}

export interface ReLUArgs extends LayerArgs {
  /** Upper bound of the output (none by default). */
  maxValue?: number | null;
  /** Slope below the threshold (Keras; default 0). */
  negativeSlope?: number;
  /** Inputs up to this value are treated as negative (Keras; default 0). */
  threshold?: number;
}

/**
 * max(x, 0), optionally capped at maxValue; Keras' negativeSlope and threshold give
 * x > threshold ? min(x, maxValue) : negativeSlope·(x − threshold).
 * @example tf.layers.reLU({maxValue: 6})
 */
export class ReLU extends Layer {
  static className = 'ReLU';
  readonly maxValue: number | null;
  readonly negativeSlope: number;
  readonly threshold: number;
  constructor(args: ReLUArgs = {}) {
    super(args);
    this.maxValue = args.maxValue === undefined || args.maxValue === null ? null : finite(this.name, 'maxValue', args.maxValue, 0);
    this.negativeSlope = finite(this.name, 'negativeSlope', args.negativeSlope ?? 0, 0);
    this.threshold = finite(this.name, 'threshold', args.threshold ?? 0);
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    const x = floatInput(this.name, inputs), t = this.threshold;
    if (this.maxValue === 6 && t === 0 && this.negativeSlope === 0) return relu6(x);
    // the order of Keras' backend.relu: positive part, clip, then the negative part
    let y = t === 0 ? relu(x) : mul(x, cast(greater(x, t), 'float32'));
    if (this.maxValue !== null) y = clipByValue(y, 0, this.maxValue);
    return this.negativeSlope === 0 ? y : sub(y, mul(relu(sub(t, x)), this.negativeSlope));
  }

  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), maxValue: this.maxValue, negativeSlope: this.negativeSlope, threshold: this.threshold };
  }
}

export interface LeakyReLUArgs extends LayerArgs {
  /** Slope for x < 0 (default 0.3, Keras 2 and tfjs). */
  alpha?: number;
  /** Keras 3's name for alpha. */
  negativeSlope?: number;
}

/**
 * x for x > 0, alpha·x otherwise (Keras LeakyReLU, alpha 0.3 by default; seed 003 uses 0.2).
 * @example tf.layers.leakyReLU({alpha: 0.2})
 */
export class LeakyReLU extends Layer {
  static className = 'LeakyReLU';
  readonly alpha: number;
  constructor(args: LeakyReLUArgs = {}) {
    super(args);
    this.alpha = finite(this.name, 'alpha', args.alpha ?? args.negativeSlope ?? 0.3);
  }
  call(inputs: Tensor | Tensor[]): Tensor { return leakyRelu(floatInput(this.name, inputs), this.alpha); }
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), alpha: this.alpha }; }
}

export interface SoftmaxArgs extends LayerArgs {
  /** The axis (or axes) normalised (default -1). */
  axis?: number | number[];
}

/**
 * exp(x) / Σ exp(x) along axis (Keras Softmax; seed 002 §7.1).
 * @example tf.layers.softmax().apply(tf.tensor1d([2, 1, 0.1]))  // [0.659, 0.2424, 0.0986]
 */
export class Softmax extends Layer {
  static className = 'Softmax';
  readonly axis: number | number[];
  constructor(args: SoftmaxArgs = {}) {
    super(args);
    const a = args.axis ?? -1;
    if (!(Number.isInteger(a) || (Array.isArray(a) && a.length > 0 && a.every(Number.isInteger)))) {
      throw new Error(`${this.name}: axis must be an integer or a list of integers, got ${JSON.stringify(a)}`);
    }
    this.axis = Array.isArray(a) ? a.slice() : a;
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    const x = floatInput(this.name, inputs);
    // several axes: exp(x − logΣexp(x)) over them (Keras)
    if (typeof this.axis !== 'number') return exp(sub(x, logSumExp(x, this.axis, true)));
    // the last axis: its logits kept for the fused loss head (ops/softmax.ts)
    return this.axis === -1 || this.axis === x.rank - 1 ? softmaxRecordingLogits(x) : softmax(x, this.axis);
  }
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), axis: this.axis }; }
}

export interface ELUArgs extends LayerArgs { alpha?: number }

/** x for x > 0, alpha·(eˣ − 1) otherwise (Keras ELU; default alpha 1). */
export class ELU extends Layer {
  static className = 'ELU';
  readonly alpha: number;
  constructor(args: ELUArgs = {}) {
    super(args);
    this.alpha = finite(this.name, 'alpha', args.alpha ?? 1);
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    const x = floatInput(this.name, inputs);
    return this.alpha === 1 ? elu(x) : where(greater(x, 0), x, mul(elu(x), this.alpha));
  }
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), alpha: this.alpha }; }
}
