// Core layers (Keras core/ and reshaping/): Dense, Flatten, Reshape, Dropout, Activation. Each call() is
// a few ops; gradients come from the ops.
import { getInitializer, type Initializer, type InitializerArg } from '../initializers.js';
import { getRegularizer, type Regularizer, type RegularizerArg } from '../regularizers.js';
import { getConstraint, type Constraint, type ConstraintArg } from '../constraints.js';
import type { Tensor, Variable } from '../core/tensor.js';
import { dense } from '../ops/dense.js';
import { dropout } from '../ops/nn.js';
import { reshape, transpose } from '../ops/shape.js';
import { getActivation, serializeActivation, type Activation as ActivationObj, type ActivationArg } from './activations.js';
import { describeArg, Layer, type CallArgs, type LayerArgs, type Shape } from './layer.js';
import { floatInput, fmt, positiveInt, serialize, single, checkDataFormat, type DataFormat } from './utils.js';


/** The options of a layer with a kernel and an optional bias (Dense, Conv2D). */
export interface KernelBiasArgs extends LayerArgs {
  activation?: ActivationArg;
  useBias?: boolean;
  kernelInitializer?: InitializerArg;
  biasInitializer?: InitializerArg;
  kernelRegularizer?: RegularizerArg;
  biasRegularizer?: RegularizerArg;
  kernelConstraint?: ConstraintArg;
  biasConstraint?: ConstraintArg;
}

/**
 * What Dense and Conv2D share: activation(f(x, kernel) + bias), the kernel's and the bias's initializer,
 * regularizer and constraint, their creation in build() and their part of the Keras config.
 */
export abstract class KernelBiasLayer extends Layer {
  readonly activation: ActivationObj;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  kernel: Variable | null = null;
  bias: Variable | null = null;

  constructor(args: KernelBiasArgs) {
    super(args);
    this.activation = getActivation(args.activation);
    this.useBias = args.useBias ?? true;
    if (typeof this.useBias !== 'boolean') throw new Error(`${this.name}: useBias must be true or false, got ${describeArg(this.useBias)}`);
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotUniform');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    this.biasRegularizer = getRegularizer(args.biasRegularizer);
    this.kernelConstraint = getConstraint(args.kernelConstraint);
    this.biasConstraint = getConstraint(args.biasConstraint);
  }

  /** Creates the kernel and (with useBias) the bias of `units` values. */
  protected addKernelAndBias(kernelShape: number[], units: number): void {
    this.kernel = this.addWeight('kernel', kernelShape, this.kernelInitializer,
      { regularizer: this.kernelRegularizer, constraint: this.kernelConstraint });
    if (this.useBias) this.bias = this.addWeight('bias', [units], this.biasInitializer, { regularizer: this.biasRegularizer, constraint: this.biasConstraint });
  }

  /** The shared part of getConfig(), in Keras' order. */
  protected kernelBiasConfig(): Record<string, unknown> {
    return { activation: serializeActivation(this.activation), useBias: this.useBias,
      kernelInitializer: serialize(this.kernelInitializer), biasInitializer: serialize(this.biasInitializer),
      kernelRegularizer: serialize(this.kernelRegularizer), biasRegularizer: serialize(this.biasRegularizer),
      activityRegularizer: serialize(this.activityRegularizer), kernelConstraint: serialize(this.kernelConstraint), biasConstraint: serialize(this.biasConstraint) };
  }
}

export interface DenseArgs extends KernelBiasArgs {
  /** Size of the output's last axis. */
  units: number;
  /** Keras' input_dim: the same as inputShape: [inputDim]. */
  inputDim?: number;
}

/**
 * activation(x·kernel + bias) on the last axis (Keras Dense): kernel [inputDim, units], bias [units].
 * Inputs of rank > 2 are applied along the last axis.
 * @example tf.layers.dense({units: 10, activation: 'relu'}).apply(tf.zeros([4, 784]))  // [4, 10]
 */
export class Dense extends KernelBiasLayer {
  static className = 'Dense';
  readonly units: number;

  constructor(args: DenseArgs) {
    super({ ...args, inputShape: args?.inputShape ?? (args?.inputDim !== undefined ? [args.inputDim] : undefined) });
    this.units = positiveInt(this.name, 'units', args?.units);
    this.inputSpec = { minNdim: 2 };
  }

  build(inputShape: Shape): void {
    const inDim = inputShape[inputShape.length - 1];
    if (inputShape.length < 2 || inDim === null) {
      throw new Error(`${this.name}: the last axis of the input must be known to build a Dense layer, got ${fmt(inputShape)}`);
    }
    this.addKernelAndBias([inDim, this.units], this.units);
    this.inputSpec = { minNdim: 2, axes: { [-1]: inDim } };
    this.built = true;
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    const x = floatInput(this.name, inputs), k = this.kernel!, inDim = k.shape[0];
    // product, bias and relu as one op (ops/dense.ts: one GEMM, one tape node, the same bits); other activations after it
    const relu = this.activation.className === 'relu';
    const y = x.rank === 2 ? dense(x, k, this.bias, relu ? 'relu' : 'linear')
      : reshape(dense(reshape(x, [x.size / inDim, inDim]), k, this.bias, relu ? 'relu' : 'linear'), [...x.shape.slice(0, -1), this.units]);
    return relu ? y : this.activation.apply(y);
  }

  computeOutputShape(inputShape: Shape): Shape { return [...inputShape.slice(0, -1), this.units]; }

  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), units: this.units, ...this.kernelBiasConfig() };
  }
}

export interface FlattenArgs extends LayerArgs { dataFormat?: DataFormat }

/**
 * [batch, d1, d2, …] → [batch, d1·d2·…] (Keras Flatten; a rank-1 input becomes [batch, 1]). With
 * dataFormat 'channelsFirst' the channels are moved last first, so the order matches channels-last models.
 */
export class Flatten extends Layer {
  static className = 'Flatten';
  readonly dataFormat: DataFormat;
  constructor(args: FlattenArgs = {}) {
    super(args);
    this.dataFormat = checkDataFormat(this.name, args.dataFormat);
    this.inputSpec = { minNdim: 1 };
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    let x = single(this.name, inputs);
    if (this.dataFormat === 'channelsFirst' && x.rank > 2) x = transpose(x, [0, ...Array.from({ length: x.rank - 2 }, (_, i) => i + 2), 1]);
    const n = x.shape[0];
    return reshape(x, [n, x.shape.slice(1).reduce((a, b) => a * b, 1)]);
  }

  computeOutputShape(s: Shape): Shape {
    const rest = s.slice(1);
    return [s[0], rest.some((d) => d === null) ? null : (rest as number[]).reduce((a, b) => a * b, 1)];
  }

  getConfig(): Record<string, unknown> { return { ...super.getConfig(), dataFormat: this.dataFormat }; }
}

export interface ReshapeArgs extends LayerArgs {
  /** The new shape without the batch axis; one entry may be -1. */
  targetShape: number[];
}

/**
 * Reshapes each example to targetShape (Keras Reshape): [batch, …] → [batch, ...targetShape].
 * @example tf.layers.reshape({targetShape: [7, 7, 16]})  // [b, 784] → [b, 7, 7, 16]
 */
export class Reshape extends Layer {
  static className = 'Reshape';
  readonly targetShape: number[];
  constructor(args: ReshapeArgs) {
    super(args);
    const t = args?.targetShape;
    if (!Array.isArray(t) || t.some((d) => !Number.isInteger(d) || (d < 1 && d !== -1)) || t.filter((d) => d === -1).length > 1) {
      throw new Error(`${this.name}: targetShape must hold positive integers and at most one -1, got ${JSON.stringify(t)}`);
    }
    this.targetShape = t.slice();
  }

  /** targetShape with its -1 resolved for an input of inputShape (batch axis included). */
  private resolve(inputShape: Shape): Shape {
    const rest = inputShape.slice(1);
    if (rest.some((d) => d === null)) return this.targetShape.map((d) => (d === -1 ? null : d));
    const size = (rest as number[]).reduce((a, b) => a * b, 1);
    const known = this.targetShape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    const free = this.targetShape.includes(-1);
    if (free ? size % known !== 0 : size !== known) {
      throw new Error(`${this.name}: cannot reshape input ${fmt(inputShape)} (${size} values per example) to target shape [${this.targetShape}]`);
    }
    return this.targetShape.map((d) => (d === -1 ? size / known : d));
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    const x = single(this.name, inputs);
    return reshape(x, [x.shape[0], ...(this.resolve(x.shape) as number[])]);
  }

  computeOutputShape(s: Shape): Shape { return [s[0], ...this.resolve(s)]; }

  getConfig(): Record<string, unknown> { return { ...super.getConfig(), targetShape: this.targetShape.slice() }; }
}

export interface DropoutArgs extends LayerArgs {
  /** Fraction of the inputs to drop, in [0, 1). */
  rate: number;
  /** Shape of the keep/drop mask, batch axis included; null entries take the input's size. */
  noiseShape?: (number | null)[] | null;
  seed?: number;
}

/**
 * Inverted dropout in training (apply(x, {training: true})): each element is zeroed with probability rate
 * and the rest scaled by 1/(1 − rate); the identity otherwise. A seeded layer draws a new mask per call
 * from a deterministic sequence (Keras' seed generator), so runs repeat exactly.
 */
export class Dropout extends Layer {
  static className = 'Dropout';
  readonly rate: number;
  readonly noiseShape: (number | null)[] | null;
  readonly seed: number | null;
  private calls = 0;

  constructor(args: DropoutArgs) {
    super(args);
    const rate = args?.rate;
    if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) throw new Error(`${this.name}: rate must be a number in [0, 1), got ${describeArg(rate)}`);
    this.rate = rate;
    const ns = args.noiseShape ?? null;
    if (ns !== null && (!Array.isArray(ns) || !ns.every((d) => d === null || (Number.isSafeInteger(d) && d >= 1)))) {
      throw new Error(`${this.name}: noiseShape must be a list of positive integers or null, got ${describeArg(ns)}`);
    }
    this.noiseShape = ns;
    if (args.seed !== undefined && args.seed !== null && !Number.isFinite(args.seed)) throw new Error(`${this.name}: seed must be a number, got ${describeArg(args.seed)}`);
    this.seed = args.seed ?? null;
  }

  call(inputs: Tensor | Tensor[], { training }: CallArgs): Tensor {
    const x = single(this.name, inputs);
    if (!training || this.rate === 0) return x;
    // the k-th call of a seeded layer uses seed ⊕ k·φ (a bijection of k mod 2³²: no mask repeats)
    const seed = this.seed === null ? undefined : (Math.floor(this.seed) ^ Math.imul(this.calls++, 0x9e3779b9)) >>> 0;
    return dropout(x, this.rate, this.noiseShape, seed);
  }

  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rate: this.rate, noiseShape: this.noiseShape, seed: this.seed };
  }
}

export interface ActivationArgs extends LayerArgs { activation: ActivationArg }

/**
 * Applies an activation function (Keras Activation).
 * @example tf.layers.activation({activation: 'relu'})
 */
export class Activation extends Layer {
  static className = 'Activation';
  readonly activation: ActivationObj;
  constructor(args: ActivationArgs) {
    super(args);
    if (args?.activation === undefined) throw new Error(`${this.name}: the activation argument is required`);
    this.activation = getActivation(args.activation);
  }
  call(inputs: Tensor | Tensor[]): Tensor { return this.activation.apply(floatInput(this.name, inputs)); }
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), activation: serializeActivation(this.activation) }; }
}
