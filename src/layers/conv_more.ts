// The rest of Keras' convolution family (tfjs-layers convolutional.ts / convolutional_depthwise.ts):
// Conv1D, Conv3D, Conv2DTranspose, Conv3DTranspose, DepthwiseConv2D, SeparableConv2D, each a few ops
// (conv1d, conv3d, conv2dTranspose, conv3dTranspose, depthwiseConv2d, separableConv2d) whose gradients
// come from the op seam. channelsFirst inputs are moved to channels-last around the op; the bias is
// added channels-last and the activation applied to the output in its own format (as Keras and tfjs).
// Defaults are tfjs': the kernel (and depthwise kernel) of Conv*D start glorotNormal, SeparableConv2D's
// kernels glorotUniform.
import { getConstraint, type Constraint, type ConstraintArg } from '../constraints.js';
import type { Tensor, Variable } from '../core/tensor.js';
import { getInitializer, type Initializer, type InitializerArg } from '../initializers.js';
import { getRegularizer, type Regularizer, type RegularizerArg } from '../regularizers.js';
import { add } from '../ops/binary.js';
import { conv3d, conv3dTranspose } from '../ops/conv3d.js';
import { conv1d, separableConv2d } from '../ops/conv_more.js';
import { conv2dTranspose } from '../ops/conv.js';
import { depthwiseConv2d } from '../ops/depthwise.js';
import { pad } from '../ops/join.js';
import { transpose } from '../ops/shape.js';
import { serializeActivation } from './activations.js';
import { KernelBiasLayer, type KernelBiasArgs } from './core.js';
import { describeArg, type Shape } from './layer.js';
import { checkDataFormat, checkPadding, convOutputLength, floatInput, fmt, positiveInt, serialize, tuple,
  type DataFormat, type PaddingMode } from './utils.js';

/** Options shared by the convolutions (tfjs BaseLayerArgs of convolutional.ts). */
export interface BaseConvArgs extends KernelBiasArgs {
  kernelSize: number | number[];
  strides?: number | number[];
  padding?: PaddingMode;
  dataFormat?: DataFormat;
  dilationRate?: number | number[];
}

export interface ConvLayerArgs extends BaseConvArgs {
  filters: number;
  /** Keras' grouped convolution: only 1 (the default) is supported. */
  groups?: number;
}

export interface Conv1DArgs extends Omit<ConvLayerArgs, 'padding'> {
  /** 'causal' (Keras): left padding so that output t sees inputs ≤ t only. */
  padding?: PaddingMode | 'causal';
}

/** Transposed convolutions (tfjs has no dilation or outputPadding for them). */
export interface ConvTransposeArgs extends ConvLayerArgs {
  /** Keras' output_padding: only null (the default) is supported. */
  outputPadding?: null;
}

export interface DepthwiseConv2DArgs extends Omit<BaseConvArgs, 'kernelInitializer' | 'kernelRegularizer' | 'kernelConstraint'> {
  /** Output channels per input channel (default 1). */
  depthMultiplier?: number;
  depthwiseInitializer?: InitializerArg;
  depthwiseRegularizer?: RegularizerArg;
  depthwiseConstraint?: ConstraintArg;
}

export interface SeparableConv2DArgs extends DepthwiseConv2DArgs {
  filters: number;
  pointwiseInitializer?: InitializerArg;
  pointwiseRegularizer?: RegularizerArg;
  pointwiseConstraint?: ConstraintArg;
}

/** Output length of a transposed convolution along one axis (tfjs/Keras deconv_length without output padding). */
export function deconvLength(len: number | null, stride: number, k: number, padding: PaddingMode): number | null {
  if (len === null) return null;
  return padding === 'same' ? len * stride : len * stride + Math.max(k - stride, 0);
}

/**
 * What every convolution layer shares: kernel size, strides, padding, data format, dilation, the move to
 * channels-last around the op and back, the bias and activation, and the common part of the config.
 */
abstract class SpatialConv extends KernelBiasLayer {
  readonly rank: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: PaddingMode | 'causal';
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];

  constructor(rank: number, args: Omit<BaseConvArgs, 'padding'> & { padding?: PaddingMode | 'causal' }, kernelInit: InitializerArg) {
    if (typeof args !== 'object' || args === null) throw new Error(`${(new.target as unknown as { className?: string }).className ?? new.target.name}: expects an options object, got ${describeArg(args)}`);
    super({ ...args, kernelInitializer: args.kernelInitializer ?? kernelInit });
    const n = this.name;
    this.rank = rank;
    if (args.kernelSize === undefined || args.kernelSize === null) throw new Error(`${n}: kernelSize is required`);
    this.kernelSize = tuple(n, 'kernelSize', args.kernelSize, rank);
    this.strides = tuple(n, 'strides', args.strides ?? 1, rank);
    this.padding = args.padding === 'causal' && rank === 1 ? 'causal' : checkPadding(n, args.padding ?? 'valid');
    this.dataFormat = checkDataFormat(n, args.dataFormat);
    this.dilationRate = tuple(n, 'dilationRate', args.dilationRate ?? 1, rank);
    if (this.strides.some((s) => s > 1) && this.dilationRate.some((d) => d > 1)) {
      throw new Error(`${n}: strides > 1 cannot be combined with dilationRate > 1 (Keras), got strides [${this.strides}] and dilationRate [${this.dilationRate}]`);
    }
    this.inputSpec = { ndim: rank + 2 };
  }

  protected get channelAxis(): number { return this.dataFormat === 'channelsFirst' ? 1 : this.rank + 1; }
  protected get spatialAxes(): number[] {
    return Array.from({ length: this.rank }, (_, i) => (this.dataFormat === 'channelsFirst' ? i + 2 : i + 1));
  }

  /** The input's channel count, checked known (build). */
  protected inputChannels(inputShape: Shape): number {
    const c = inputShape[this.channelAxis];
    if (inputShape.length !== this.rank + 2) throw new Error(`${this.name}: expected input of rank ${this.rank + 2}, got input of shape ${fmt(inputShape)}`);
    if (c === null || c === undefined) {
      throw new Error(`${this.name}: the channel axis of the input must be known to build a ${this.getClassName()} layer, got ${fmt(inputShape)}`);
    }
    this.inputSpec = { ndim: this.rank + 2, axes: { [this.channelAxis]: c } };
    return c;
  }

  /** The convolution proper, on a channels-last input. */
  protected abstract conv(x: Tensor): Tensor;
  /** Output size along spatial axis i for an input size (null: unknown). */
  protected abstract spatialOut(len: number | null, i: number): number | null;
  /** Output channels for an input of `inCh` channels. */
  protected abstract outChannels(inCh: number | null): number | null;

  call(inputs: Tensor | Tensor[]): Tensor {
    const first = this.dataFormat === 'channelsFirst', r = this.rank + 2;
    let x = floatInput(this.name, inputs);
    if (first) x = transpose(x, [0, ...Array.from({ length: this.rank }, (_, i) => i + 2), 1]);
    let y = this.conv(x);
    if (this.bias) y = add(y, this.bias);
    if (first) y = transpose(y, [0, r - 1, ...Array.from({ length: this.rank }, (_, i) => i + 1)]);
    return this.activation.apply(y);
  }

  computeOutputShape(s: Shape): Shape {
    const out = s.slice();
    this.spatialAxes.forEach((ax, i) => { out[ax] = this.spatialOut(s[ax] ?? null, i); });
    out[this.channelAxis] = this.outChannels(s[this.channelAxis] ?? null);
    return out;
  }

  /** tfjs BaseConv's config keys. */
  protected baseConvConfig(): Record<string, unknown> {
    return { kernelSize: this.kernelSize.slice(), strides: this.strides.slice(), padding: this.padding, dataFormat: this.dataFormat,
      dilationRate: this.dilationRate.slice(), activation: serializeActivation(this.activation), useBias: this.useBias,
      biasInitializer: serialize(this.biasInitializer), biasRegularizer: serialize(this.biasRegularizer),
      activityRegularizer: serialize(this.activityRegularizer), biasConstraint: serialize(this.biasConstraint) };
  }
}

/** A convolution with `filters` outputs and a kernel [...kernelSize, inChannels, filters] (tfjs Conv). */
abstract class ConvN extends SpatialConv {
  readonly filters: number;
  constructor(rank: number, args: ConvLayerArgs | Conv1DArgs) {
    super(rank, args as BaseConvArgs, 'glorotNormal');
    this.filters = positiveInt(this.name, 'filters', args.filters);
    if (args.groups != null && args.groups !== 1) throw new Error(`${this.name}: groups must be 1 (grouped convolutions are not supported), got ${describeArg(args.groups)}`);
  }

  build(inputShape: Shape): void {
    const inCh = this.inputChannels(inputShape);
    this.addKernelAndBias([...this.kernelSize, inCh, this.filters], this.filters);
    this.built = true;
  }

  protected spatialOut(len: number | null, i: number): number | null {
    // causal padding keeps the length, as 'same' does
    return convOutputLength(len, this.kernelSize[i], this.padding === 'causal' ? 'same' : this.padding, this.strides[i], this.dilationRate[i]);
  }
  protected outChannels(): number { return this.filters; }

  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), filters: this.filters, kernelInitializer: serialize(this.kernelInitializer),
      kernelRegularizer: serialize(this.kernelRegularizer), kernelConstraint: serialize(this.kernelConstraint), ...this.baseConvConfig() };
  }
}

/**
 * 1-D convolution over the time axis: [batch, steps, channels] → [batch, newSteps, filters] (Keras Conv1D).
 * padding 'causal' (Keras; tfjs lacks it) pads dilationRate·(kernelSize − 1) steps on the left.
 * @example tf.layers.conv1d({filters: 8, kernelSize: 3, activation: 'relu'}).apply(tf.zeros([2, 20, 1]))  // [2, 18, 8]
 */
export class Conv1D extends ConvN {
  static className = 'Conv1D';
  constructor(args: Conv1DArgs) { super(1, args); }

  protected conv(x: Tensor): Tensor {
    const k = this.kernelSize[0], d = this.dilationRate[0];
    if (this.padding === 'causal') {
      return conv1d(pad(x, [[0, 0], [d * (k - 1), 0], [0, 0]]), this.kernel!, this.strides[0], 'valid', 'NWC', d);
    }
    return conv1d(x, this.kernel!, this.strides[0], this.padding, 'NWC', d);
  }

  getConfig(): Record<string, unknown> {
    // tfjs' Conv1D config has no dataFormat (it is written only when it is not the default)
    const c = super.getConfig();
    if (this.dataFormat === 'channelsLast') delete c.dataFormat;
    return c;
  }
}

/**
 * 3-D convolution: [batch, depth, height, width, channels] → [batch, d', h', w', filters] (Keras Conv3D).
 * @example tf.layers.conv3d({filters: 4, kernelSize: 3, padding: 'same'}).apply(tf.zeros([1, 8, 8, 8, 2]))  // [1, 8, 8, 8, 4]
 */
export class Conv3D extends ConvN {
  static className = 'Conv3D';
  constructor(args: ConvLayerArgs) { super(3, args); }
  protected conv(x: Tensor): Tensor {
    return conv3d(x, this.kernel!, this.strides as [number, number, number], this.padding as PaddingMode, 'NDHWC',
      this.dilationRate as [number, number, number]);
  }
}

/** The transposed convolutions: kernel [...kernelSize, filters, inChannels]; no dilation (tfjs). */
abstract class ConvTransposeN extends ConvN {
  constructor(rank: number, args: ConvTransposeArgs) {
    super(rank, args);
    if (this.dilationRate.some((d) => d !== 1)) throw new Error(`${this.name}: dilationRate must be 1 (dilated transposed convolutions are not supported), got [${this.dilationRate}]`);
    if (args.outputPadding != null) throw new Error(`${this.name}: outputPadding is not supported (tfjs lacks it), got ${describeArg(args.outputPadding)}`);
  }

  build(inputShape: Shape): void {
    const inCh = this.inputChannels(inputShape);
    this.addKernelAndBias([...this.kernelSize, this.filters, inCh], this.filters);
    this.built = true;
  }

  protected spatialOut(len: number | null, i: number): number | null {
    return deconvLength(len, this.strides[i], this.kernelSize[i], this.padding as PaddingMode);
  }

  /** [batch, ...output spatial sizes, filters] for a channels-last input x. */
  protected outputShapeOf(x: Tensor): number[] {
    return [x.shape[0], ...x.shape.slice(1, -1).map((d, i) => this.spatialOut(d, i) as number), this.filters];
  }

  getConfig(): Record<string, unknown> {
    const c = super.getConfig();
    delete c.dilationRate; // (tfjs writes none)
    return c;
  }
}

/**
 * Transposed 2-D convolution ("deconvolution"): [batch, h, w, channels] → [batch, h·s (+ k − s when 'valid'), …, filters]
 * (Keras Conv2DTranspose).
 * @example tf.layers.conv2dTranspose({filters: 8, kernelSize: 2, strides: 2}).apply(tf.zeros([1, 7, 7, 16]))  // [1, 14, 14, 8]
 */
export class Conv2DTranspose extends ConvTransposeN {
  static className = 'Conv2DTranspose';
  constructor(args: ConvTransposeArgs) { super(2, args); }
  protected conv(x: Tensor): Tensor {
    return conv2dTranspose(x, this.kernel!, this.outputShapeOf(x), this.strides as [number, number], this.padding as PaddingMode);
  }
}

/** Transposed 3-D convolution (Keras Conv3DTranspose): kernel [kd, kh, kw, filters, inChannels]. */
export class Conv3DTranspose extends ConvTransposeN {
  static className = 'Conv3DTranspose';
  constructor(args: ConvTransposeArgs) { super(3, args); }
  protected conv(x: Tensor): Tensor {
    return conv3dTranspose(x, this.kernel!, this.outputShapeOf(x), this.strides as [number, number, number], this.padding as PaddingMode);
  }
}

/** The depthwise kernel's options and weight (DepthwiseConv2D, SeparableConv2D). */
abstract class DepthwiseBase extends SpatialConv {
  readonly depthMultiplier: number;
  readonly depthwiseInitializer: Initializer;
  readonly depthwiseRegularizer: Regularizer | null;
  readonly depthwiseConstraint: Constraint | null;
  depthwiseKernel: Variable | null = null;

  constructor(args: DepthwiseConv2DArgs, depthwiseInit: InitializerArg) {
    super(2, args as BaseConvArgs, 'glorotUniform');
    const n = this.name, a = args as unknown as Record<string, unknown>;
    for (const k of ['kernelInitializer', 'kernelRegularizer', 'kernelConstraint']) {
      if (a[k] != null) throw new Error(`${n}: ${k} is not an option of ${this.getClassName()}; use depthwise${k.slice(6)}${this.getClassName() === 'SeparableConv2D' ? ` and pointwise${k.slice(6)}` : ''}`);
    }
    this.depthMultiplier = positiveInt(n, 'depthMultiplier', args.depthMultiplier ?? 1);
    this.depthwiseInitializer = getInitializer(args.depthwiseInitializer ?? depthwiseInit);
    this.depthwiseRegularizer = getRegularizer(args.depthwiseRegularizer);
    this.depthwiseConstraint = getConstraint(args.depthwiseConstraint);
  }

  protected addDepthwiseKernel(inCh: number): void {
    this.depthwiseKernel = this.addWeight('depthwise_kernel', [...this.kernelSize, inCh, this.depthMultiplier], this.depthwiseInitializer,
      { regularizer: this.depthwiseRegularizer, constraint: this.depthwiseConstraint });
  }

  protected addBias(units: number): void {
    if (this.useBias) this.bias = this.addWeight('bias', [units], this.biasInitializer, { regularizer: this.biasRegularizer, constraint: this.biasConstraint });
  }

  protected spatialOut(len: number | null, i: number): number | null {
    return convOutputLength(len, this.kernelSize[i], this.padding as PaddingMode, this.strides[i], this.dilationRate[i]);
  }

  protected depthwiseConfig(): Record<string, unknown> {
    return { depthMultiplier: this.depthMultiplier, depthwiseInitializer: serialize(this.depthwiseInitializer),
      depthwiseRegularizer: serialize(this.depthwiseRegularizer), depthwiseConstraint: serialize(this.depthwiseConstraint) };
  }
}

/**
 * Depthwise 2-D convolution (Keras DepthwiseConv2D): each input channel convolved with its own
 * depthMultiplier filters, [batch, h, w, c] → [batch, h', w', c·depthMultiplier]; depthwise kernel
 * [kh, kw, c, depthMultiplier]. dilationRate works (tfjs-layers ignores it).
 * @example tf.layers.depthwiseConv2d({kernelSize: 3, depthMultiplier: 2}).apply(tf.zeros([1, 8, 8, 3]))  // [1, 6, 6, 6]
 */
export class DepthwiseConv2D extends DepthwiseBase {
  static className = 'DepthwiseConv2D';
  constructor(args: DepthwiseConv2DArgs) { super(args, 'glorotNormal'); }

  build(inputShape: Shape): void {
    const inCh = this.inputChannels(inputShape);
    this.addDepthwiseKernel(inCh);
    this.addBias(inCh * this.depthMultiplier);
    this.built = true;
  }

  protected conv(x: Tensor): Tensor {
    return depthwiseConv2d(x, this.depthwiseKernel!, this.strides as [number, number], this.padding as PaddingMode, 'NHWC',
      this.dilationRate as [number, number]);
  }
  protected outChannels(inCh: number | null): number | null { return inCh === null ? null : inCh * this.depthMultiplier; }

  getConfig(): Record<string, unknown> { return { ...super.getConfig(), ...this.baseConvConfig(), ...this.depthwiseConfig() }; }
}

/**
 * Depthwise-separable 2-D convolution (Keras SeparableConv2D): a depthwise convolution (kernel
 * [kh, kw, c, depthMultiplier]) then a 1×1 convolution to `filters` channels (pointwise kernel
 * [1, 1, c·depthMultiplier, filters]), plus bias.
 * @example tf.layers.separableConv2d({filters: 16, kernelSize: 3, padding: 'same'}).apply(tf.zeros([1, 8, 8, 3]))  // [1, 8, 8, 16]
 */
export class SeparableConv2D extends DepthwiseBase {
  static className = 'SeparableConv2D';
  readonly filters: number;
  readonly pointwiseInitializer: Initializer;
  readonly pointwiseRegularizer: Regularizer | null;
  readonly pointwiseConstraint: Constraint | null;
  pointwiseKernel: Variable | null = null;

  constructor(args: SeparableConv2DArgs) {
    super(args, 'glorotUniform');
    this.filters = positiveInt(this.name, 'filters', args.filters);
    this.pointwiseInitializer = getInitializer(args.pointwiseInitializer ?? 'glorotUniform');
    this.pointwiseRegularizer = getRegularizer(args.pointwiseRegularizer);
    this.pointwiseConstraint = getConstraint(args.pointwiseConstraint);
  }

  build(inputShape: Shape): void {
    const inCh = this.inputChannels(inputShape);
    this.addDepthwiseKernel(inCh);
    this.pointwiseKernel = this.addWeight('pointwise_kernel', [1, 1, inCh * this.depthMultiplier, this.filters], this.pointwiseInitializer,
      { regularizer: this.pointwiseRegularizer, constraint: this.pointwiseConstraint });
    this.addBias(this.filters);
    this.built = true;
  }

  protected conv(x: Tensor): Tensor {
    return separableConv2d(x, this.depthwiseKernel!, this.pointwiseKernel!, this.strides as [number, number], this.padding as PaddingMode,
      this.dilationRate as [number, number], 'NHWC');
  }
  protected outChannels(): number { return this.filters; }

  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), filters: this.filters, ...this.baseConvConfig(), ...this.depthwiseConfig(),
      pointwiseInitializer: serialize(this.pointwiseInitializer), pointwiseRegularizer: serialize(this.pointwiseRegularizer),
      pointwiseConstraint: serialize(this.pointwiseConstraint) };
  }
}
