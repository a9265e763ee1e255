// Pooling layers (Keras pooling/): MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D on the pooling
// ops; channelsFirst inputs are transposed to NHWC around the op.
import type { Tensor } from '../core/tensor.js';
import { avgPool, maxPool } from '../ops/pool.js';
import { mean } from '../ops/reduce.js';
import { transpose } from '../ops/shape.js';
import { Layer, type LayerArgs, type Shape } from './layer.js';
import { checkDataFormat, checkPadding, convOutputLength, floatInput, tuple, type DataFormat, type PaddingMode } from './utils.js';

export interface Pooling2DArgs extends LayerArgs {
  /** Window size (default 2). */
  poolSize?: number | [number, number];
  /** Step between windows (default: poolSize). */
  strides?: number | [number, number] | null;
  padding?: PaddingMode;
  dataFormat?: DataFormat;
}

abstract class Pooling2D extends Layer {
  readonly poolSize: number[];
  readonly strides: number[];
  readonly padding: PaddingMode;
  readonly dataFormat: DataFormat;
  protected abstract pool(x: Tensor): Tensor;

  constructor(args: Pooling2DArgs = {}) {
    super(args);
    this.poolSize = tuple(this.name, 'poolSize', args.poolSize ?? 2, 2);
    this.strides = args.strides === undefined || args.strides === null ? this.poolSize.slice() : tuple(this.name, 'strides', args.strides, 2);
    this.padding = checkPadding(this.name, args.padding ?? 'valid');
    this.dataFormat = checkDataFormat(this.name, args.dataFormat);
    this.inputSpec = { ndim: 4 };
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    const x = floatInput(this.name, inputs);
    if (this.dataFormat === 'channelsLast') return this.pool(x);
    return transpose(this.pool(transpose(x, [0, 2, 3, 1])), [0, 3, 1, 2]);
  }

  computeOutputShape(s: Shape): Shape {
    const [hAx, wAx] = this.dataFormat === 'channelsFirst' ? [2, 3] : [1, 2];
    const out = s.slice();
    out[hAx] = convOutputLength(s[hAx], this.poolSize[0], this.padding, this.strides[0]);
    out[wAx] = convOutputLength(s[wAx], this.poolSize[1], this.padding, this.strides[1]);
    return out;
  }

  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), poolSize: this.poolSize.slice(), padding: this.padding, strides: this.strides.slice(), dataFormat: this.dataFormat };
  }
}

/**
 * Max over poolSize windows (Keras MaxPooling2D).
 * @example tf.layers.maxPooling2d({poolSize: 2}).apply(tf.zeros([64, 26, 26, 32]))  // [64, 13, 13, 32]
 */
export class MaxPooling2D extends Pooling2D {
  static className = 'MaxPooling2D';
  protected pool(x: Tensor): Tensor {
    return maxPool(x, this.poolSize as [number, number], this.strides as [number, number], this.padding);
  }
}

/** Mean over poolSize windows; with 'same' padding the padded taps are not counted (TensorFlow). */
export class AveragePooling2D extends Pooling2D {
  static className = 'AveragePooling2D';
  protected pool(x: Tensor): Tensor {
    return avgPool(x, this.poolSize as [number, number], this.strides as [number, number], this.padding);
  }
}

export interface GlobalPooling2DArgs extends LayerArgs {
  dataFormat?: DataFormat;
  keepDims?: boolean;
  /** Keras' spelling of keepDims (what getConfig writes). */
  keepdims?: boolean;
}

/** Mean over the spatial axes: [batch, h, w, c] → [batch, c] (keepDims: [batch, 1, 1, c]). */
export class GlobalAveragePooling2D extends Layer {
  static className = 'GlobalAveragePooling2D';
  readonly dataFormat: DataFormat;
  readonly keepDims: boolean;
  constructor(args: GlobalPooling2DArgs = {}) {
    super(args);
    this.dataFormat = checkDataFormat(this.name, args.dataFormat);
    this.keepDims = args.keepDims ?? args.keepdims ?? false;
    this.inputSpec = { ndim: 4 };
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    return mean(floatInput(this.name, inputs), this.dataFormat === 'channelsLast' ? [1, 2] : [2, 3], this.keepDims);
  }

  computeOutputShape(s: Shape): Shape {
    const last = this.dataFormat === 'channelsLast';
    if (!this.keepDims) return [s[0], last ? s[3] : s[1]];
    return last ? [s[0], 1, 1, s[3]] : [s[0], s[1], 1, 1];
  }

  getConfig(): Record<string, unknown> { return { ...super.getConfig(), dataFormat: this.dataFormat, keepdims: this.keepDims }; }
}
