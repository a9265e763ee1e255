// LayerNormalization (tfjs-layers LayerNormalization, Keras normalization/layer_normalization.py): each
// example is normalised over the given axes (default the last) with its own mean and (biased) variance,
// then scaled by gamma and shifted by beta, both of the shape of those axes. The same in training and
// inference; gradients flow through the statistics (moments is a composite op).
import type { Tensor, Variable } from '../core/tensor.js';
import { getInitializer, type Initializer, type InitializerArg } from '../initializers.js';
import { getRegularizer, type Regularizer, type RegularizerArg } from '../regularizers.js';
import { add, mul, sub } from '../ops/binary.js';
import { moments } from '../ops/norm.js';
import { reshape } from '../ops/shape.js';
import { rsqrt } from '../ops/unary.js';
import { describeArg, Layer, type LayerArgs, type Shape } from './layer.js';
import { floatInput, fmt, serialize } from './utils.js';

export interface LayerNormalizationArgs extends LayerArgs {
  /** The axis or axes to normalise over (default -1). Not the batch axis. */
  axis?: number | number[];
  /** Added to the variance (default 1e-3). */
  epsilon?: number;
  /** Add the learned offset beta (default true). */
  center?: boolean;
  /** Multiply by the learned gamma (default true). */
  scale?: boolean;
  betaInitializer?: InitializerArg;
  gammaInitializer?: InitializerArg;
  betaRegularizer?: RegularizerArg;
  gammaRegularizer?: RegularizerArg;
}

/**
 * Normalises each example over its feature axes: (x − mean)/√(variance + ε)·gamma + beta.
 * @example tf.layers.layerNormalization({axis: -1}).apply(x)  // x [b, t, d]: over d, gamma/beta [d]
 */
export class LayerNormalization extends Layer {
  static className = 'LayerNormalization';
  readonly axis: number | number[];
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly betaRegularizer: Regularizer | null;
  readonly gammaRegularizer: Regularizer | null;
  supportsMasking = true;
  gamma: Variable | null = null;
  beta: Variable | null = null;
  /** The axes resolved for the built rank. */
  private axes: number[] = [];

  constructor(args: LayerNormalizationArgs = {}) {
    super(args ?? {});
    args ??= {};
    const axis = args.axis ?? -1;
    if (!(Number.isInteger(axis) || (Array.isArray(axis) && axis.length > 0 && axis.every((a) => Number.isInteger(a))))) {
      throw new Error(`${this.name}: axis must be an integer or a non-empty list of integers, got ${describeArg(args.axis)}`);
    }
    this.axis = Array.isArray(axis) ? axis.slice() : axis;
    this.epsilon = args.epsilon ?? 1e-3;
    if (typeof this.epsilon !== 'number' || !(this.epsilon >= 0 && this.epsilon < Infinity)) {
      throw new Error(`${this.name}: epsilon must be a finite number ≥ 0, got ${describeArg(args.epsilon)}`);
    }
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    for (const [k, v] of [['center', this.center], ['scale', this.scale]] as const) {
      if (typeof v !== 'boolean') throw new Error(`${this.name}: ${k} must be true or false, got ${describeArg(v)}`);
    }
    if ((args as { rmsScaling?: unknown }).rmsScaling === true) {
      throw new Error(`${this.name}: rmsScaling (Keras 3's RMS normalization) is not supported`);
    }
    this.betaInitializer = getInitializer(args.betaInitializer ?? 'zeros');
    this.gammaInitializer = getInitializer(args.gammaInitializer ?? 'ones');
    this.betaRegularizer = getRegularizer(args.betaRegularizer);
    this.gammaRegularizer = getRegularizer(args.gammaRegularizer);
  }

  private resolveAxes(rank: number, shape: Shape): number[] {
    const axes = (Array.isArray(this.axis) ? this.axis : [this.axis]).map((a) => {
      const v = a < 0 ? a + rank : a;
      if (v < 0 || v >= rank) throw new Error(`${this.name}: axis ${a} is out of range for input ${fmt(shape)}`);
      if (v === 0) throw new Error(`${this.name}: cannot normalise over the batch axis (axis ${a})`);
      return v;
    });
    if (new Set(axes).size !== axes.length) throw new Error(`${this.name}: duplicate axes in ${describeArg(this.axis)}`);
    if (axes.some((a, i) => i > 0 && a < axes[i - 1])) throw new Error(`${this.name}: axes must be listed in increasing order, got ${describeArg(this.axis)}`);
    return axes;
  }

  build(inputShape: Shape | Shape[]): void {
    const s = inputShape as Shape;
    const axes = this.resolveAxes(s.length, s);
    const paramShape = axes.map((a) => s[a]);
    if (paramShape.some((d) => d === null)) throw new Error(`${this.name}: the normalised axes of the input must be known to build, got ${fmt(s)}`);
    // tfjs' weight order: gamma, beta
    if (this.scale) this.gamma = this.addWeight('gamma', paramShape as number[], this.gammaInitializer, { regularizer: this.gammaRegularizer });
    if (this.center) this.beta = this.addWeight('beta', paramShape as number[], this.betaInitializer, { regularizer: this.betaRegularizer });
    this.axes = axes;
    this.inputSpec = { ndim: s.length, axes: Object.fromEntries(axes.map((a, i) => [a, paramShape[i] as number])) };
    this.built = true;
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    const x = floatInput(this.name, inputs), axes = this.axes;
    const { mean, variance } = moments(x, axes, true);
    let y = mul(sub(x, mean), rsqrt(add(variance, this.epsilon)));
    // gamma/beta have the shape of the axes (increasing): bring them to [1, …, d_a, …, 1]
    const bshape = x.shape.map((d, i) => (axes.includes(i) ? d : 1));
    if (this.gamma) y = mul(y, reshape(this.gamma, bshape));
    if (this.beta) y = add(y, reshape(this.beta, bshape));
    return y;
  }

  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: Array.isArray(this.axis) ? this.axis.slice() : this.axis, epsilon: this.epsilon, center: this.center,
      scale: this.scale, betaInitializer: serialize(this.betaInitializer), gammaInitializer: serialize(this.gammaInitializer),
      betaRegularizer: serialize(this.betaRegularizer), gammaRegularizer: serialize(this.gammaRegularizer) };
  }
}
