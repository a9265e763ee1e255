// Conv2D (Keras convolutional/conv2d.py): kernel [kh, kw, inChannels, filters], bias [filters], on the
// im2col + GEMM conv2d op. channelsFirst inputs are transposed to NHWC around the op.
import type { Tensor } from '../core/tensor.js';
import { add } from '../ops/binary.js';
import { conv2d } from '../ops/conv.js';
import { transpose } from '../ops/shape.js';
import { KernelBiasLayer, type KernelBiasArgs } from './core.js';
import type { Shape } from './layer.js';
import { checkDataFormat, checkPadding, convOutputLength, floatInput, fmt, positiveInt, tuple,
  type DataFormat, type PaddingMode } from './utils.js';

export interface Conv2DArgs extends KernelBiasArgs {
  filters: number;
  kernelSize: number | [number, number];
  strides?: number | [number, number];
  padding?: PaddingMode;
  dataFormat?: DataFormat;
  dilationRate?: number | [number, number];
  /** Keras' grouped convolution: only 1 (the default) is supported. */
  groups?: number;
}

/**
 * 2-D convolution layer: activation(conv2d(x, kernel) + bias).
 * @example tf.layers.conv2d({filters: 24, kernelSize: 3}).apply(tf.zeros([4, 38, 38, 3]))  // [4, 36, 36, 24]
 */
export class Conv2D extends KernelBiasLayer {
  static className = 'Conv2D';
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: PaddingMode;
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];

  constructor(args: Conv2DArgs) {
    super(args);
    const n = this.name;
    this.filters = positiveInt(n, 'filters', args?.filters);
    this.kernelSize = tuple(n, 'kernelSize', args.kernelSize, 2);
    this.strides = tuple(n, 'strides', args.strides ?? 1, 2);
    this.padding = checkPadding(n, args.padding ?? 'valid');
    this.dataFormat = checkDataFormat(n, args.dataFormat);
    this.dilationRate = tuple(n, 'dilationRate', args.dilationRate ?? 1, 2);
    if (args.groups != null && args.groups !== 1) throw new Error(`${n}: groups must be 1 (grouped convolutions are not supported), got ${args.groups}`);
    if (this.strides.some((s) => s > 1) && this.dilationRate.some((d) => d > 1)) {
      throw new Error(`${n}: strides > 1 cannot be combined with dilationRate > 1 (Keras), got strides [${this.strides}] and dilationRate [${this.dilationRate}]`);
    }
    this.inputSpec = { ndim: 4 };
  }

  private get channelAxis(): number { return this.dataFormat === 'channelsFirst' ? 1 : 3; }

  build(inputShape: Shape): void {
    const inCh = inputShape[this.channelAxis];
    if (inCh === null || inCh === undefined) {
      throw new Error(`${this.name}: the channel axis of the input must be known to build a Conv2D layer, got ${fmt(inputShape)}`);
    }
    const [kh, kw] = this.kernelSize;
    this.addKernelAndBias([kh, kw, inCh, this.filters], this.filters);
    this.inputSpec = { ndim: 4, axes: { [this.channelAxis]: inCh } };
    this.built = true;
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    const first = this.dataFormat === 'channelsFirst';
    let x = floatInput(this.name, inputs);
    if (first) x = transpose(x, [0, 2, 3, 1]);
    let y = conv2d(x, this.kernel!, this.strides as [number, number], this.padding, 'NHWC', this.dilationRate as [number, number]);
    if (this.bias) y = add(y, this.bias);
    y = this.activation.apply(y);
    return first ? transpose(y, [0, 3, 1, 2]) : y;
  }

  computeOutputShape(s: Shape): Shape {
    const [hAx, wAx] = this.dataFormat === 'channelsFirst' ? [2, 3] : [1, 2];
    const h = convOutputLength(s[hAx], this.kernelSize[0], this.padding, this.strides[0], this.dilationRate[0]);
    const w = convOutputLength(s[wAx], this.kernelSize[1], this.padding, this.strides[1], this.dilationRate[1]);
    return this.dataFormat === 'channelsFirst' ? [s[0], this.filters, h, w] : [s[0], h, w, this.filters];
  }

  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), filters: this.filters, kernelSize: this.kernelSize.slice(), strides: this.strides.slice(),
      padding: this.padding, dataFormat: this.dataFormat, dilationRate: this.dilationRate.slice(), groups: 1, ...this.kernelBiasConfig() };
  }
}
