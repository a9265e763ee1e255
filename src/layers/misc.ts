// Reshaping, masking and parametric activation layers (Keras reshaping/, core/, activations/): RepeatVector,
// Permute, Masking, PReLU, ThresholdedReLU and Keras 3's Identity. Each call() is a few ops; gradients come
// from the ops.
import { getInitializer, type Initializer, type InitializerArg } from '../initializers.js';
import { getRegularizer, type Regularizer, type RegularizerArg } from '../regularizers.js';
import { getConstraint, type Constraint, type ConstraintArg } from '../constraints.js';
import { tidy } from '../core/engine.js';
import type { Tensor, Variable } from '../core/tensor.js';
import { mul } from '../ops/binary.js';
import { greater, notEqual } from '../ops/compare.js';
import { tile } from '../ops/join.js';
import { prelu } from '../ops/activations.js';
import { any } from '../ops/reduce.js';
import { cast, expandDims, transpose } from '../ops/shape.js';
import { describeArg, Layer, type LayerArgs, type Shape } from './layer.js';
import { floatInput, fmt, positiveInt, serialize, single } from './utils.js';

export interface RepeatVectorArgs extends LayerArgs {
  /** How many times the input is repeated. */
  n: number;
}

/**
 * [batch, features] → [batch, n, features]: the input repeated n times along a new axis 1 (Keras RepeatVector).
 * @example tf.layers.repeatVector({n: 3}).apply(tf.ones([2, 4]))  // [2, 3, 4]
 */
export class RepeatVector extends Layer {
  static className = 'RepeatVector';
  readonly n: number;
  constructor(args: RepeatVectorArgs) {
    super(args);
    this.n = positiveInt(this.name, 'n', args?.n);
    this.inputSpec = { ndim: 2 };
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    return tile(expandDims(single(this.name, inputs), 1), [1, this.n, 1]);
  }
  computeOutputShape(s: Shape): Shape { return [s[0], this.n, s[1]]; }
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), n: this.n }; }
}

export interface PermuteArgs extends LayerArgs {
  /** A permutation of 1…rank (the batch axis 0 stays first), e.g. [2, 1] swaps the two non-batch axes. */
  dims: number[];
}

/**
 * Permutes the non-batch axes (Keras Permute): dims [2, 1] turns [batch, a, b] into [batch, b, a].
 * @example tf.layers.permute({dims: [2, 1]}).apply(tf.zeros([4, 10, 64]))  // [4, 64, 10]
 */
export class Permute extends Layer {
  static className = 'Permute';
  readonly dims: number[];
  constructor(args: PermuteArgs) {
    super(args);
    const d = args?.dims;
    if (!Array.isArray(d) || d.length === 0 || !d.every(Number.isInteger) || d.slice().sort((a, b) => a - b).some((v, i) => v !== i + 1)) {
      throw new Error(`${this.name}: dims must be a permutation of 1…${Array.isArray(d) && d.length > 0 ? d.length : 'n'} (axis 0, the batch, stays put), got ${describeArg(d)}`);
    }
    this.dims = d.slice();
    this.inputSpec = { ndim: d.length + 1 };
  }
  call(inputs: Tensor | Tensor[]): Tensor { return transpose(single(this.name, inputs), [0, ...this.dims]); }
  computeOutputShape(s: Shape): Shape { return [s[0], ...this.dims.map((d) => s[d])]; }
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), dims: this.dims.slice() }; }
}

export interface MaskingArgs extends LayerArgs {
  /** Timesteps whose features all equal this value are masked (default 0). */
  maskValue?: number;
}

/**
 * Masks timesteps (Keras Masking): a step whose features all equal maskValue gets mask false (computeMask:
 * any(x ≠ maskValue) over the last axis) and is zeroed in the output; the layers after it that support
 * masking (RNNs, pooling) skip it.
 * @example tf.layers.masking({maskValue: 0, inputShape: [null, 8]})
 */
export class Masking extends Layer {
  static className = 'Masking';
  readonly maskValue: number;
  supportsMasking = true;
  constructor(args: MaskingArgs = {}) {
    super(args);
    const v = args.maskValue ?? 0;
    if (typeof v !== 'number' || Number.isNaN(v)) throw new Error(`${this.name}: maskValue must be a number, got ${describeArg(v)}`);
    this.maskValue = v;
  }
  computeMask(inputs: Tensor | Tensor[], _mask?: Tensor | (Tensor | null)[] | null): Tensor {
    return tidy(() => any(notEqual(single(this.name, inputs), this.maskValue), -1));
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    const x = single(this.name, inputs);
    return mul(x, cast(any(notEqual(x, this.maskValue), -1, true), x.dtype));
  }
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), maskValue: this.maskValue }; }
}

export interface PReLUArgs extends LayerArgs {
  /** Initializer of alpha (default 'zeros'). */
  alphaInitializer?: InitializerArg;
  alphaRegularizer?: RegularizerArg;
  alphaConstraint?: ConstraintArg;
  /** Axes (1-based, batch excluded) along which alpha is shared, e.g. [1, 2] for one alpha per channel of images. */
  sharedAxes?: number | number[] | null;
}

/**
 * x for x > 0, alpha·x otherwise, with a learned alpha of the input's shape without the batch axis (size 1
 * on sharedAxes) (Keras PReLU).
 * @example tf.layers.prelu({sharedAxes: [1, 2]})  // one alpha per channel of [b, h, w, c] images
 */
export class PReLU extends Layer {
  static className = 'PReLU';
  readonly alphaInitializer: Initializer;
  readonly alphaRegularizer: Regularizer | null;
  readonly alphaConstraint: Constraint | null;
  readonly sharedAxes: number[] | null;
  supportsMasking = true;
  alpha: Variable | null = null;
  constructor(args: PReLUArgs = {}) {
    super(args);
    this.alphaInitializer = getInitializer(args.alphaInitializer ?? 'zeros');
    this.alphaRegularizer = getRegularizer(args.alphaRegularizer);
    this.alphaConstraint = getConstraint(args.alphaConstraint);
    const s = args.sharedAxes;
    if (s === undefined || s === null) this.sharedAxes = null;
    else {
      const list = typeof s === 'number' ? [s] : s;
      if (!Array.isArray(list) || !list.every((a) => Number.isInteger(a) && a >= 1)) {
        throw new Error(`${this.name}: sharedAxes must be an axis ≥ 1 or a list of them (axis 0 is the batch), got ${describeArg(s)}`);
      }
      this.sharedAxes = list.slice();
    }
  }
  build(inputShape: Shape): void {
    const r = inputShape.length;
    for (const a of this.sharedAxes ?? []) {
      if (a >= r) throw new Error(`${this.name}: sharedAxes [${this.sharedAxes}] has axis ${a}, out of range for input ${fmt(inputShape)}`);
    }
    const param = inputShape.slice(1).map((d, i) => (this.sharedAxes?.includes(i + 1) ? 1 : d));
    if (param.some((d) => d === null)) {
      throw new Error(`${this.name}: the input's non-batch axes must be known to build a PReLU layer (or be in sharedAxes), got ${fmt(inputShape)}`);
    }
    this.alpha = this.addWeight('alpha', param as number[], this.alphaInitializer,
      { regularizer: this.alphaRegularizer, constraint: this.alphaConstraint });
    const axes: Record<number, number> = {};
    inputShape.forEach((d, i) => { if (i > 0 && d !== null) axes[i] = d; });
    this.inputSpec = { ndim: r, axes };
    this.built = true;
  }
  call(inputs: Tensor | Tensor[]): Tensor { return prelu(floatInput(this.name, inputs), this.alpha!); }
  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), alphaInitializer: serialize(this.alphaInitializer), alphaRegularizer: serialize(this.alphaRegularizer),
      alphaConstraint: serialize(this.alphaConstraint), sharedAxes: this.sharedAxes };
  }
}

export interface ThresholdedReLUArgs extends LayerArgs {
  /** Inputs at or below theta give 0 (default 1). */
  theta?: number;
}

/**
 * x for x > theta, 0 otherwise (Keras 2 / tfjs ThresholdedReLU; default theta 1).
 * @example tf.layers.thresholdedReLU({theta: 0.5})
 */
export class ThresholdedReLU extends Layer {
  static className = 'ThresholdedReLU';
  readonly theta: number;
  constructor(args: ThresholdedReLUArgs = {}) {
    super(args);
    const t = args.theta ?? 1;
    if (typeof t !== 'number' || !Number.isFinite(t)) throw new Error(`${this.name}: theta must be a finite number, got ${describeArg(t)}`);
    this.theta = t;
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    const x = floatInput(this.name, inputs);
    return mul(x, cast(greater(x, this.theta), 'float32'));
  }
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), theta: this.theta }; }
}

/**
 * Returns its input unchanged (Keras 3 Identity; a placeholder in a model, keeps the mask).
 * @example tf.layers.identity()
 */
export class Identity extends Layer {
  static className = 'Identity';
  supportsMasking = true;
  call(inputs: Tensor | Tensor[]): Tensor { return single(this.name, inputs); }
}

/** This family's layer classes (the registry's entries; see LAYER_FAMILIES in models/config.ts). */
export const LAYER_CLASSES = [RepeatVector, Permute, Masking, PReLU, ThresholdedReLU, Identity] as const;
