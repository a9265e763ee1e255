// Pooling, padding, cropping and upsampling layers beyond the 2-D pooling of pooling.ts (tfjs-layers
// pooling.ts, padding.ts, convolutional.ts; Keras pooling/ and reshaping/): MaxPooling1D,
// AveragePooling1D, MaxPooling3D, AveragePooling3D, GlobalMaxPooling1D, GlobalAveragePooling1D,
// GlobalMaxPooling2D, UpSampling2D, ZeroPadding2D, Cropping2D, and Keras 3's UpSampling1D, ZeroPadding1D
// and Cropping1D. Each call() is a few ops (pooling, reductions, resize, pad, slice, tile), whose gradients
// come from the op seam; channelsFirst inputs are moved to channels-last around the op. GlobalAveragePooling1D
// takes a mask (Keras: the mean of the unmasked steps).
import type { Tensor } from '../core/tensor.js';
import { pad } from '../ops/join.js';
import { tile } from '../ops/join.js';
import { avgPool, maxPool } from '../ops/pool.js';
import { avgPool3d, maxPool3d } from '../ops/pool3d.js';
import { max, mean, sum } from '../ops/reduce.js';
import { div, mul } from '../ops/binary.js';
import { resizeBilinear, resizeNearestNeighbor } from '../ops/image.js';
import { cast, expandDims, reshape, transpose } from '../ops/shape.js';
import { slice } from '../ops/slice.js';
import { describeArg, Layer, type CallArgs, type LayerArgs, type Shape } from './layer.js';
import { checkDataFormat, checkPadding, convOutputLength, floatInput, fmt, tuple, type DataFormat, type PaddingMode } from './utils.js';

/** Channels-first [N, C, ...spatial] → channels-last [N, ...spatial, C] (and back) for a rank-r tensor. */
const toLast = (r: number) => [0, ...Array.from({ length: r - 2 }, (_, i) => i + 2), 1];
const toFirst = (r: number) => [0, r - 1, ...Array.from({ length: r - 2 }, (_, i) => i + 1)];

/** Runs f on the channels-last form of x and returns the result in x's format. */
function channelsLast(x: Tensor, format: DataFormat, f: (x: Tensor) => Tensor): Tensor {
  if (format === 'channelsLast') return f(x);
  return transpose(f(transpose(x, toLast(x.rank))), toFirst(x.rank));
}

// ---- 1-D and 3-D pooling ------------------------------------------------------------------------------

export interface PoolingArgs extends LayerArgs {
  /** Window size (default 2). */
  poolSize?: number | number[];
  /** Step between windows (default: poolSize). */
  strides?: number | number[] | null;
  padding?: PaddingMode;
  dataFormat?: DataFormat;
}
export type Pooling1DArgs = PoolingArgs;
export type Pooling3DArgs = PoolingArgs;

abstract class PoolingND extends Layer {
  readonly rank: number;
  readonly poolSize: number[];
  readonly strides: number[];
  readonly padding: PaddingMode;
  readonly dataFormat: DataFormat;
  /** The pooling on a channels-last input. */
  protected abstract pool(x: Tensor): Tensor;

  constructor(rank: number, args: PoolingArgs = {}) {
    super(args);
    this.rank = rank;
    this.poolSize = tuple(this.name, 'poolSize', args.poolSize ?? 2, rank);
    this.strides = args.strides === undefined || args.strides === null ? this.poolSize.slice() : tuple(this.name, 'strides', args.strides, rank);
    this.padding = checkPadding(this.name, args.padding ?? 'valid');
    this.dataFormat = checkDataFormat(this.name, args.dataFormat);
    this.inputSpec = { ndim: rank + 2 };
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    return channelsLast(floatInput(this.name, inputs), this.dataFormat, (x) => this.pool(x));
  }

  computeOutputShape(s: Shape): Shape {
    const out = s.slice(), off = this.dataFormat === 'channelsFirst' ? 2 : 1;
    for (let i = 0; i < this.rank; i++) out[off + i] = convOutputLength(s[off + i], this.poolSize[i], this.padding, this.strides[i]);
    return out;
  }

  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), poolSize: this.poolSize.slice(), padding: this.padding, strides: this.strides.slice(), dataFormat: this.dataFormat };
  }
}

abstract class Pooling1D extends PoolingND {
  constructor(args: Pooling1DArgs = {}) { super(1, args); }
  protected abstract pool2d(x: Tensor, k: [number, number], s: [number, number]): Tensor;
  /** [N, W, C] pooled as the image [N, 1, W, C] with a 1×poolSize window. */
  protected pool(x: Tensor): Tensor {
    const [n, w, c] = x.shape;
    const y = this.pool2d(reshape(x, [n, 1, w, c]), [1, this.poolSize[0]], [1, this.strides[0]]);
    return reshape(y, [n, y.shape[2], c]);
  }
  getConfig(): Record<string, unknown> {
    // tfjs' Pooling1D config has no dataFormat (it is written only when it is not the default)
    const c = super.getConfig();
    if (this.dataFormat === 'channelsLast') delete c.dataFormat;
    return c;
  }
}

/**
 * Max over poolSize steps: [batch, steps, channels] → [batch, newSteps, channels] (Keras MaxPooling1D).
 * @example tf.layers.maxPooling1d({poolSize: 2}).apply(tf.zeros([4, 10, 8]))  // [4, 5, 8]
 */
export class MaxPooling1D extends Pooling1D {
  static className = 'MaxPooling1D';
  protected pool2d(x: Tensor, k: [number, number], s: [number, number]): Tensor { return maxPool(x, k, s, this.padding); }
}

/** Mean over poolSize steps (Keras AveragePooling1D); with 'same' the padded steps are not counted. */
export class AveragePooling1D extends Pooling1D {
  static className = 'AveragePooling1D';
  protected pool2d(x: Tensor, k: [number, number], s: [number, number]): Tensor { return avgPool(x, k, s, this.padding); }
}

/**
 * Max over poolSize windows of [batch, depth, height, width, channels] (Keras MaxPooling3D).
 * @example tf.layers.maxPooling3d({poolSize: 2}).apply(tf.zeros([1, 8, 8, 8, 3]))  // [1, 4, 4, 4, 3]
 */
export class MaxPooling3D extends PoolingND {
  static className = 'MaxPooling3D';
  constructor(args: Pooling3DArgs = {}) { super(3, args); }
  protected pool(x: Tensor): Tensor {
    return maxPool3d(x, this.poolSize as [number, number, number], this.strides as [number, number, number], this.padding);
  }
}

/** Mean over poolSize windows of a 5-D input (Keras AveragePooling3D); 'same' padding is not counted. */
export class AveragePooling3D extends PoolingND {
  static className = 'AveragePooling3D';
  constructor(args: Pooling3DArgs = {}) { super(3, args); }
  protected pool(x: Tensor): Tensor {
    return avgPool3d(x, this.poolSize as [number, number, number], this.strides as [number, number, number], this.padding);
  }
}

// ---- global pooling ---------------------------------------------------------------------------------

export interface GlobalPoolingArgs extends LayerArgs {
  dataFormat?: DataFormat;
  keepDims?: boolean;
  /** Keras' spelling of keepDims (what getConfig writes). */
  keepdims?: boolean;
}

abstract class GlobalPooling extends Layer {
  readonly rank: number;
  readonly dataFormat: DataFormat;
  readonly keepDims: boolean;
  protected abstract reduce(x: Tensor, axes: number[], keepDims: boolean): Tensor;

  constructor(rank: number, args: GlobalPoolingArgs = {}) {
    super(args);
    this.rank = rank;
    this.dataFormat = checkDataFormat(this.name, args.dataFormat);
    const k = args.keepDims ?? args.keepdims ?? false;
    if (typeof k !== 'boolean') throw new Error(`${this.name}: keepDims must be true or false, got ${describeArg(k)}`);
    this.keepDims = k;
    this.inputSpec = { ndim: rank + 2 };
  }

  private get axes(): number[] {
    return Array.from({ length: this.rank }, (_, i) => i + (this.dataFormat === 'channelsFirst' ? 2 : 1));
  }

  call(inputs: Tensor | Tensor[]): Tensor { return this.reduce(floatInput(this.name, inputs), this.axes, this.keepDims); }

  computeOutputShape(s: Shape): Shape {
    const c = this.dataFormat === 'channelsFirst' ? s[1] : s[s.length - 1];
    if (!this.keepDims) return [s[0], c];
    const ones = new Array<number>(this.rank).fill(1);
    return this.dataFormat === 'channelsFirst' ? [s[0], c, ...ones] : [s[0], ...ones, c];
  }

  getConfig(): Record<string, unknown> { return { ...super.getConfig(), dataFormat: this.dataFormat, keepdims: this.keepDims }; }
}

/**
 * Mean over the steps: [batch, steps, channels] → [batch, channels] (Keras GlobalAveragePooling1D).
 * @example tf.layers.globalAveragePooling1d().apply(tf.zeros([4, 10, 8]))  // [4, 8]
 */
export class GlobalAveragePooling1D extends GlobalPooling {
  static className = 'GlobalAveragePooling1D';
  constructor(args: GlobalPoolingArgs = {}) {
    super(1, args);
    this.supportsMasking = true;
  }
  protected reduce(x: Tensor, axes: number[], keepDims: boolean): Tensor { return mean(x, axes, keepDims); }

  /** With a mask [batch, steps] (Keras): the mean over the unmasked steps only. */
  call(inputs: Tensor | Tensor[], args: CallArgs = {}): Tensor {
    const mask = Array.isArray(args.mask) ? args.mask[0] : args.mask;
    if (!mask) return super.call(inputs);
    const x = floatInput(this.name, inputs), first = this.dataFormat === 'channelsFirst';
    if (mask.rank !== 2 || mask.shape[0] !== x.shape[0] || mask.shape[1] !== x.shape[first ? 2 : 1]) {
      throw new Error(`${this.name}: the mask ${fmt(mask.shape)} does not match the input ${fmt(x.shape)} (expected [batch, steps])`);
    }
    const m = expandDims(cast(mask, 'float32'), first ? 1 : 2), axis = first ? 2 : 1;
    return div(sum(mul(x, m), axis, this.keepDims), sum(m, axis, this.keepDims));
  }

  /** The steps axis is gone: no mask goes on. */
  computeMask(): null { return null; }
}

/** Max over the steps: [batch, steps, channels] → [batch, channels] (Keras GlobalMaxPooling1D). */
export class GlobalMaxPooling1D extends GlobalPooling {
  static className = 'GlobalMaxPooling1D';
  constructor(args: GlobalPoolingArgs = {}) { super(1, args); }
  protected reduce(x: Tensor, axes: number[], keepDims: boolean): Tensor { return max(x, axes, keepDims); }
}

/** Max over the spatial axes: [batch, h, w, channels] → [batch, channels] (Keras GlobalMaxPooling2D). */
export class GlobalMaxPooling2D extends GlobalPooling {
  static className = 'GlobalMaxPooling2D';
  constructor(args: GlobalPoolingArgs = {}) { super(2, args); }
  protected reduce(x: Tensor, axes: number[], keepDims: boolean): Tensor { return max(x, axes, keepDims); }
}

// ---- upsampling -----------------------------------------------------------------------------------------

export interface UpSampling2DArgs extends LayerArgs {
  /** Upsampling factors [rows, columns] (default [2, 2]; a number is used for both). */
  size?: number | number[];
  dataFormat?: DataFormat;
  /** 'nearest' (default: repeats rows and columns) or 'bilinear' (tf.image.resizeBilinear, as tfjs). */
  interpolation?: 'nearest' | 'bilinear';
}

/**
 * Repeats rows and columns size times: [batch, h, w, c] → [batch, h·size[0], w·size[1], c] (Keras UpSampling2D;
 * 'bilinear' interpolates as tfjs' resizeBilinear without alignCorners or halfPixelCenters).
 * @example tf.layers.upSampling2d({size: [2, 2]}).apply(tf.zeros([1, 7, 7, 8]))  // [1, 14, 14, 8]
 */
export class UpSampling2D extends Layer {
  static className = 'UpSampling2D';
  readonly size: number[];
  readonly dataFormat: DataFormat;
  readonly interpolation: 'nearest' | 'bilinear';

  constructor(args: UpSampling2DArgs = {}) {
    super(args);
    this.size = tuple(this.name, 'size', args.size ?? 2, 2);
    this.dataFormat = checkDataFormat(this.name, args.dataFormat);
    const i = args.interpolation ?? 'nearest';
    if (i !== 'nearest' && i !== 'bilinear') throw new Error(`${this.name}: interpolation must be 'nearest' or 'bilinear', got ${describeArg(i)}`);
    this.interpolation = i;
    this.inputSpec = { ndim: 4 };
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    return channelsLast(floatInput(this.name, inputs), this.dataFormat, (x) => {
      const size: [number, number] = [x.shape[1] * this.size[0], x.shape[2] * this.size[1]];
      return this.interpolation === 'nearest' ? resizeNearestNeighbor(x, size) : resizeBilinear(x, size);
    });
  }

  computeOutputShape(s: Shape): Shape {
    const out = s.slice(), off = this.dataFormat === 'channelsFirst' ? 2 : 1;
    for (let i = 0; i < 2; i++) out[off + i] = s[off + i] === null ? null : (s[off + i] as number) * this.size[i];
    return out;
  }

  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), size: this.size.slice(), dataFormat: this.dataFormat, interpolation: this.interpolation };
  }
}

export interface UpSampling1DArgs extends LayerArgs {
  /** How many times each step is repeated (default 2). */
  size?: number;
}

/** Repeats each step size times: [batch, steps, c] → [batch, steps·size, c] (Keras 3 UpSampling1D; not in tfjs). */
export class UpSampling1D extends Layer {
  static className = 'UpSampling1D';
  readonly size: number;
  constructor(args: UpSampling1DArgs = {}) {
    super(args);
    this.size = tuple(this.name, 'size', args.size ?? 2, 1)[0];
    this.inputSpec = { ndim: 3 };
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    const x = floatInput(this.name, inputs), [n, w, c] = x.shape;
    return reshape(tile(reshape(x, [n, w, 1, c]), [1, 1, this.size, 1]), [n, w * this.size, c]);
  }
  computeOutputShape(s: Shape): Shape { return [s[0], s[1] === null ? null : s[1] * this.size, s[2]]; }
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), size: this.size }; }
}

// ---- padding and cropping ------------------------------------------------------------------------------

/** A number, [a, b] (symmetric per axis) or [[before, after], …] → one [before, after] pair per axis. */
function pairs(layer: string, arg: string, v: unknown, axes: number): [number, number][] {
  const ok = (d: unknown): d is number => Number.isSafeInteger(d) && (d as number) >= 0;
  const bad = () => new Error(`${layer}: ${arg} must be a non-negative integer, ${axes} of them, or ${axes} [before, after] pairs, got ${describeArg(v)}`);
  if (ok(v)) return Array.from({ length: axes }, () => [v, v]);
  if (!Array.isArray(v) || v.length !== axes) throw bad();
  if (v.every(ok)) return v.map((d) => [d, d]);
  if (v.every((p) => Array.isArray(p) && p.length === 2 && p.every(ok))) return v.map((p) => [p[0], p[1]]);
  throw bad();
}

export interface ZeroPadding2DArgs extends LayerArgs {
  /** n (all sides), [rows, columns] (symmetric) or [[top, bottom], [left, right]]; default 1. */
  padding?: number | [number, number] | [[number, number], [number, number]];
  dataFormat?: DataFormat;
}

/**
 * Zeros around the rows and columns of [batch, h, w, c] (Keras ZeroPadding2D).
 * @example tf.layers.zeroPadding2d({padding: [[1, 2], [3, 4]]}).apply(tf.zeros([1, 5, 5, 2]))  // [1, 8, 12, 2]
 */
export class ZeroPadding2D extends Layer {
  static className = 'ZeroPadding2D';
  readonly padding: [number, number][];
  readonly dataFormat: DataFormat;
  constructor(args: ZeroPadding2DArgs = {}) {
    super(args);
    this.padding = pairs(this.name, 'padding', args.padding ?? 1, 2);
    this.dataFormat = checkDataFormat(this.name, args.dataFormat);
    this.inputSpec = { ndim: 4 };
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    const p = this.padding;
    return pad(floatInput(this.name, inputs), this.dataFormat === 'channelsFirst' ? [[0, 0], [0, 0], p[0], p[1]] : [[0, 0], p[0], p[1], [0, 0]]);
  }
  computeOutputShape(s: Shape): Shape {
    const out = s.slice(), off = this.dataFormat === 'channelsFirst' ? 2 : 1;
    this.padding.forEach(([a, b], i) => { const d = s[off + i]; out[off + i] = d === null ? null : d + a + b; });
    return out;
  }
  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), padding: this.padding.map((p) => p.slice()), dataFormat: this.dataFormat };
  }
}

export interface ZeroPadding1DArgs extends LayerArgs {
  /** n (both ends) or [before, after] steps of zeros; default 1. */
  padding?: number | [number, number];
}

/** Zeros before and after the steps of [batch, steps, c] (Keras 3 ZeroPadding1D; not in tfjs). */
export class ZeroPadding1D extends Layer {
  static className = 'ZeroPadding1D';
  readonly padding: [number, number];
  constructor(args: ZeroPadding1DArgs = {}) {
    super(args);
    const p = args.padding ?? 1;
    this.padding = pairs(this.name, 'padding', typeof p === 'number' ? p : [p], 1)[0];
    this.inputSpec = { ndim: 3 };
  }
  call(inputs: Tensor | Tensor[]): Tensor { return pad(floatInput(this.name, inputs), [[0, 0], this.padding, [0, 0]]); }
  computeOutputShape(s: Shape): Shape { return [s[0], s[1] === null ? null : s[1] + this.padding[0] + this.padding[1], s[2]]; }
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), padding: this.padding.slice() }; }
}

export interface Cropping2DArgs extends LayerArgs {
  /** n (all sides), [rows, columns] (symmetric) or [[top, bottom], [left, right]]. */
  cropping: number | [number, number] | [[number, number], [number, number]];
  dataFormat?: DataFormat;
}

/** Crops sizes along the spatial axes (Cropping1D/2D): the slice that keeps what is not cropped. */
function crop(layer: string, x: Tensor, axes: number[], cropping: [number, number][]): Tensor {
  const begin = x.shape.map(() => 0), size = x.shape.slice();
  axes.forEach((ax, i) => {
    const [a, b] = cropping[i], d = x.shape[ax];
    if (a + b >= d) throw new Error(`${layer}: cropping [${a}, ${b}] leaves nothing of axis ${ax} (size ${d}) of the input ${fmt(x.shape)}`);
    begin[ax] = a;
    size[ax] = d - a - b;
  });
  return slice(x, begin, size);
}

function croppedShape(layer: string, s: Shape, axes: number[], cropping: [number, number][]): Shape {
  const out = s.slice();
  axes.forEach((ax, i) => {
    const d = s[ax], [a, b] = cropping[i];
    if (d !== null && a + b >= d) throw new Error(`${layer}: cropping [${a}, ${b}] leaves nothing of axis ${ax} of the input ${fmt(s)}`);
    out[ax] = d === null ? null : d - a - b;
  });
  return out;
}

/**
 * Crops rows and columns off [batch, h, w, c] (Keras Cropping2D).
 * @example tf.layers.cropping2D({cropping: [[2, 2], [4, 4]]}).apply(tf.zeros([1, 28, 28, 3]))  // [1, 24, 20, 3]
 */
export class Cropping2D extends Layer {
  static className = 'Cropping2D';
  readonly cropping: [number, number][];
  readonly dataFormat: DataFormat;
  constructor(args: Cropping2DArgs) {
    super(args);
    if (args?.cropping === undefined || args.cropping === null) throw new Error(`${this.name}: cropping is required`);
    this.cropping = pairs(this.name, 'cropping', args.cropping, 2);
    this.dataFormat = checkDataFormat(this.name, args.dataFormat);
    this.inputSpec = { ndim: 4 };
  }
  private get axes(): number[] { return this.dataFormat === 'channelsFirst' ? [2, 3] : [1, 2]; }
  call(inputs: Tensor | Tensor[]): Tensor { return crop(this.name, floatInput(this.name, inputs), this.axes, this.cropping); }
  computeOutputShape(s: Shape): Shape { return croppedShape(this.name, s, this.axes, this.cropping); }
  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), cropping: this.cropping.map((p) => p.slice()), dataFormat: this.dataFormat };
  }
}

export interface Cropping1DArgs extends LayerArgs {
  /** n (both ends) or [before, after] steps to drop; default 1. */
  cropping?: number | [number, number];
}

/** Drops steps at the start and end of [batch, steps, c] (Keras 3 Cropping1D; not in tfjs). */
export class Cropping1D extends Layer {
  static className = 'Cropping1D';
  readonly cropping: [number, number];
  constructor(args: Cropping1DArgs = {}) {
    super(args);
    const c = args.cropping ?? 1;
    this.cropping = pairs(this.name, 'cropping', typeof c === 'number' ? c : [c], 1)[0];
    this.inputSpec = { ndim: 3 };
  }
  call(inputs: Tensor | Tensor[]): Tensor { return crop(this.name, floatInput(this.name, inputs), [1], [this.cropping]); }
  computeOutputShape(s: Shape): Shape { return croppedShape(this.name, s, [1], [this.cropping]); }
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), cropping: this.cropping.slice() }; }
}
