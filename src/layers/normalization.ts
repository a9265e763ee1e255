// BatchNormalization (Keras normalization/batch_normalization.py). Training: normalise with the batch's
// mean and (biased) variance, gradients flowing through both (moments + batchNorm are ops), and move the
// non-trainable moving_mean / moving_variance toward them, untaped: moving −= (moving − batch)·(1 − momentum)
// (Keras' assign_moving_average, tfjs' update). Inference, or a frozen layer (trainable = false, as TF2
// Keras), normalises with the moving statistics.
import { tidy, untaped } from '../core/engine.js';
import { getInitializer, type Initializer } from '../initializers.js';
import { getRegularizer, type Regularizer, type RegularizerArg } from '../regularizers.js';
import { getConstraint, type Constraint, type ConstraintArg } from '../constraints.js';
import type { Tensor, Variable } from '../core/tensor.js';
import { mul, sub } from '../ops/binary.js';
import { batchNorm } from '../ops/nn.js';
import { moments } from '../ops/norm.js';
import { reshape } from '../ops/shape.js';
import type { InitializerArg } from '../initializers.js';
import { describeArg, Layer, type CallArgs, type LayerArgs, type Shape } from './layer.js';
import { floatInput, fmt, serialize } from './utils.js';

export interface BatchNormalizationArgs extends LayerArgs {
  /** The feature axis (default -1, channels last). */
  /** (Keras 2 configs write it as a one-element list.) */
  axis?: number | [number];
  momentum?: number;
  epsilon?: number;
  /** Add the learned offset beta. */
  center?: boolean;
  /** Multiply by the learned gamma. */
  scale?: boolean;
  betaInitializer?: InitializerArg;
  gammaInitializer?: InitializerArg;
  movingMeanInitializer?: InitializerArg;
  movingVarianceInitializer?: InitializerArg;
  betaRegularizer?: RegularizerArg;
  gammaRegularizer?: RegularizerArg;
  betaConstraint?: ConstraintArg;
  gammaConstraint?: ConstraintArg;
}

/**
 * Normalises each feature to zero mean and unit variance, then scales by gamma and shifts by beta.
 * @example const bn = tf.layers.batchNormalization(); bn.apply(x, {training: true});
 */
export class BatchNormalization extends Layer {
  static className = 'BatchNormalization';
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly movingMeanInitializer: Initializer;
  readonly movingVarianceInitializer: Initializer;
  readonly betaRegularizer: Regularizer | null;
  readonly gammaRegularizer: Regularizer | null;
  readonly betaConstraint: Constraint | null;
  readonly gammaConstraint: Constraint | null;
  gamma: Variable | null = null;
  beta: Variable | null = null;
  movingMean: Variable | null = null;
  movingVariance: Variable | null = null;

  constructor(args: BatchNormalizationArgs = {}) {
    super(args);
    this.axis = (Array.isArray(args.axis) && args.axis.length === 1 ? args.axis[0] : args.axis ?? -1) as number;
    if (!Number.isInteger(this.axis)) throw new Error(`${this.name}: axis must be an integer, got ${JSON.stringify(args.axis)}`);
    this.momentum = args.momentum ?? 0.99;
    this.epsilon = args.epsilon ?? 1e-3;
    // typeof: comparisons alone would let true, '0.5' or [0.5] through
    if (typeof this.momentum !== 'number' || !(this.momentum >= 0 && this.momentum <= 1)) {
      throw new Error(`${this.name}: momentum must be in [0, 1], got ${describeArg(this.momentum)}`);
    }
    if (typeof this.epsilon !== 'number' || !(this.epsilon > 0 && this.epsilon < Infinity)) {
      throw new Error(`${this.name}: epsilon must be positive, got ${describeArg(this.epsilon)}`);
    }
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    for (const [k, v] of [['center', this.center], ['scale', this.scale]] as const) {
      if (typeof v !== 'boolean') throw new Error(`${this.name}: ${k} must be true or false, got ${describeArg(v)}`);
    }
    this.betaInitializer = getInitializer(args.betaInitializer ?? 'zeros');
    this.gammaInitializer = getInitializer(args.gammaInitializer ?? 'ones');
    this.movingMeanInitializer = getInitializer(args.movingMeanInitializer ?? 'zeros');
    this.movingVarianceInitializer = getInitializer(args.movingVarianceInitializer ?? 'ones');
    this.betaRegularizer = getRegularizer(args.betaRegularizer);
    this.gammaRegularizer = getRegularizer(args.gammaRegularizer);
    this.betaConstraint = getConstraint(args.betaConstraint);
    this.gammaConstraint = getConstraint(args.gammaConstraint);
  }

  build(inputShape: Shape): void {
    const r = inputShape.length, ax = this.axis < 0 ? this.axis + r : this.axis;
    if (ax < 0 || ax >= r) throw new Error(`${this.name}: axis ${this.axis} is out of range for input ${fmt(inputShape)}`);
    const dim = inputShape[ax];
    if (dim === null) throw new Error(`${this.name}: axis ${this.axis} of the input must be known to build, got ${fmt(inputShape)}`);
    // Keras' weight order: gamma, beta, moving_mean, moving_variance
    if (this.scale) this.gamma = this.addWeight('gamma', [dim], this.gammaInitializer, { regularizer: this.gammaRegularizer, constraint: this.gammaConstraint });
    if (this.center) this.beta = this.addWeight('beta', [dim], this.betaInitializer, { regularizer: this.betaRegularizer, constraint: this.betaConstraint });
    this.movingMean = this.addWeight('moving_mean', [dim], this.movingMeanInitializer, { trainable: false });
    this.movingVariance = this.addWeight('moving_variance', [dim], this.movingVarianceInitializer, { trainable: false });
    this.inputSpec = { ndim: r, axes: { [ax]: dim } };
    this.built = true;
  }

  call(inputs: Tensor | Tensor[], { training }: CallArgs): Tensor {
    const x = floatInput(this.name, inputs), r = x.rank, ax = this.axis < 0 ? this.axis + r : this.axis;
    // statistics of shape [dim] broadcast on the last axis; on another axis they take the shape [1, …, dim, …, 1]
    const bshape = x.shape.map((d, i) => (i === ax ? d : 1));
    const b = (v: Tensor | null) => (v === null || ax === r - 1 ? v : reshape(v, bshape));
    if (!training || !this.trainable) {
      return batchNorm(x, b(this.movingMean!)!, b(this.movingVariance!)!, b(this.beta), b(this.gamma), this.epsilon);
    }
    const { mean, variance } = moments(x, [...Array(r).keys()].filter((i) => i !== ax), ax !== r - 1);
    this.updateMovingStatistics(mean, variance);
    return batchNorm(x, mean, variance, b(this.beta), b(this.gamma), this.epsilon);
  }

  /** moving −= (moving − batch)·(1 − momentum), outside any tape. */
  private updateMovingStatistics(mean: Tensor, variance: Tensor): void {
    untaped(() => tidy(() => {
      for (const [v, s] of [[this.movingMean!, mean], [this.movingVariance!, variance]] as const) {
        v.assign(sub(v, mul(sub(v, reshape(s, v.shape)), 1 - this.momentum)));
      }
    }));
  }

  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis, momentum: this.momentum, epsilon: this.epsilon, center: this.center, scale: this.scale,
      betaInitializer: serialize(this.betaInitializer), gammaInitializer: serialize(this.gammaInitializer),
      movingMeanInitializer: serialize(this.movingMeanInitializer), movingVarianceInitializer: serialize(this.movingVarianceInitializer),
      betaRegularizer: serialize(this.betaRegularizer), gammaRegularizer: serialize(this.gammaRegularizer),
      betaConstraint: serialize(this.betaConstraint), gammaConstraint: serialize(this.gammaConstraint) };
  }
}
