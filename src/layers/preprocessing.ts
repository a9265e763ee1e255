// Preprocessing layers (Keras preprocessing/, tfjs-layers preprocessing/): Rescaling, Resizing, CenterCrop,
// CategoryEncoding and RandomWidth. Images are [batch, height, width, channels] (or one [h, w, c] image;
// dataFormat 'channelsFirst': channels before height). Resizing and CenterCrop follow Keras 3 (half-pixel
// resizing, exact centred crops), where tfjs-layers 4.22 differs (see the README's migration notes).
import type { Tensor } from '../core/tensor.js';
import { add, mul } from '../ops/binary.js';
import { tensor } from '../ops/create.js';
import { resizeBilinear, resizeNearestNeighbor } from '../ops/image.js';
import { randomUniform } from '../ops/random.js';
import { max, min } from '../ops/reduce.js';
import { denseBincount } from '../ops/search.js';
import { cast, expandDims, transpose } from '../ops/shape.js';
import { slice } from '../ops/slice.js';
import { describeArg, Layer, type CallArgs, type LayerArgs, type Shape } from './layer.js';
import { callSeed, checkSeed } from './noise.js';
import { checkDataFormat, floatInput, fmt, positiveInt, single, type DataFormat } from './utils.js';

export interface RescalingArgs extends LayerArgs {
  /** The factor (a number, or Keras 3's per-channel list broadcast against the last axes). */
  scale: number | number[];
  /** Added after scaling (default 0). */
  offset?: number | number[];
}

/**
 * x·scale + offset, in float32 (Keras Rescaling): scale 1/255 maps [0, 255] pixels to [0, 1].
 * @example tf.layers.rescaling({scale: 1 / 127.5, offset: -1})  // [0, 255] → [-1, 1]
 */
export class Rescaling extends Layer {
  static className = 'Rescaling';
  readonly scale: number | number[];
  readonly offset: number | number[];
  constructor(args: RescalingArgs) {
    super(args);
    const num = (arg: string, v: unknown): number | number[] => {
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      if (Array.isArray(v) && v.length > 0 && v.every((e) => typeof e === 'number' && Number.isFinite(e))) return v.slice();
      throw new Error(`${this.name}: ${arg} must be a finite number or a list of them, got ${describeArg(v)}`);
    };
    this.scale = num('scale', args?.scale);
    this.offset = num('offset', args.offset ?? 0);
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    const t = (v: number | number[]) => (typeof v === 'number' ? v : tensor(v));
    return add(mul(floatInput(this.name, inputs), t(this.scale)), t(this.offset));
  }
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), scale: this.scale, offset: this.offset }; }
}

/** The input as channels-last [b, h, w, c] (or [h, w, c]), and the function that restores its layout. */
function channelsLast(x: Tensor, f: DataFormat): [Tensor, (y: Tensor) => Tensor] {
  if (f === 'channelsLast') return [x, (y) => y];
  return x.rank === 4 ? [transpose(x, [0, 2, 3, 1]), (y) => transpose(y, [0, 3, 1, 2])] : [transpose(x, [1, 2, 0]), (y) => transpose(y, [2, 0, 1])];
}

/** [h, w, c] or [b, h, w, c] images (channels last) cropped to rows [top, top + h), columns [left, left + w). */
function crop(x: Tensor, top: number, left: number, h: number, w: number): Tensor {
  return x.rank === 4 ? slice(x, [0, top, left, 0], [-1, h, w, -1]) : slice(x, [top, left, 0], [h, w, -1]);
}

/** The largest centred crop of channels-last images with the aspect ratio of [th, tw] (Keras' crop_to_aspect_ratio). */
function cropToAspect(x: Tensor, th: number, tw: number): Tensor {
  const H = x.shape[x.rank - 3], W = x.shape[x.rank - 2];
  // Keras computes the sizes in float32 and truncates
  const ch = Math.max(Math.min(H, Math.trunc(Math.fround((W * th) / tw))), 1);
  const cw = Math.max(Math.min(W, Math.trunc(Math.fround((H * tw) / th))), 1);
  return crop(x, Math.trunc((H - ch) / 2), Math.trunc((W - cw) / 2), ch, cw);
}

/** TF 2's tf.image.resize (half-pixel centres) of channels-last float32 images. */
function resize(x: Tensor, size: [number, number], interpolation: 'bilinear' | 'nearest'): Tensor {
  return interpolation === 'bilinear' ? resizeBilinear(x, size, false, true) : resizeNearestNeighbor(x, size, false, true);
}

function imageRank(layer: string, x: Tensor | Shape): void {
  const s = Array.isArray(x) ? x : x.shape;
  if (s.length !== 3 && s.length !== 4) throw new Error(`${layer}: expected images [batch, height, width, channels] or one [height, width, channels], got input of shape ${fmt(s)}`);
}

/** The output shape of an image layer that makes images of height h and width w. */
function imageShape(s: Shape, f: DataFormat, h: number | null, w: number | null): Shape {
  const out = s.slice(), r = s.length, hAxis = f === 'channelsLast' ? r - 3 : r - 2;
  out[hAxis] = h;
  out[hAxis + 1] = w;
  return out;
}

const INTERPOLATIONS = ['bilinear', 'nearest'] as const;
function checkInterpolation(layer: string, v: unknown): 'bilinear' | 'nearest' {
  if (v === undefined || v === null) return 'bilinear';
  if (!INTERPOLATIONS.includes(v as 'bilinear')) {
    throw new Error(`${layer}: interpolation must be 'bilinear' or 'nearest' (Keras' bicubic, lanczos and area are not supported), got ${describeArg(v)}`);
  }
  return v as 'bilinear' | 'nearest';
}

export interface ResizingArgs extends LayerArgs {
  height: number;
  width: number;
  /** 'bilinear' (default) or 'nearest'. */
  interpolation?: 'bilinear' | 'nearest';
  /** Crop the largest centred box of the target's aspect ratio first, so nothing is stretched (default false). */
  cropToAspectRatio?: boolean;
  /** Keras 3's channels order (default 'channelsLast'). */
  dataFormat?: DataFormat;
  /** Keras 3 (only false is supported). */
  padToAspectRatio?: boolean;
  /** Keras 3 (only false is supported). */
  antialias?: boolean;
}

/**
 * Resizes images to [height, width] as Keras 3 does (tf.image.resize: half-pixel centres); output float32.
 * @example tf.layers.resizing({height: 224, width: 224}).apply(images)  // [b, 224, 224, c]
 */
export class Resizing extends Layer {
  static className = 'Resizing';
  readonly height: number;
  readonly width: number;
  readonly interpolation: 'bilinear' | 'nearest';
  readonly cropToAspectRatio: boolean;
  readonly dataFormat: DataFormat;
  constructor(args: ResizingArgs) {
    super(args);
    this.height = positiveInt(this.name, 'height', args?.height);
    this.width = positiveInt(this.name, 'width', args.width);
    this.interpolation = checkInterpolation(this.name, args.interpolation);
    const c = args.cropToAspectRatio ?? false;
    if (typeof c !== 'boolean') throw new Error(`${this.name}: cropToAspectRatio must be true or false, got ${describeArg(c)}`);
    this.cropToAspectRatio = c;
    this.dataFormat = checkDataFormat(this.name, args.dataFormat);
    if (args.padToAspectRatio) throw new Error(`${this.name}: padToAspectRatio is not supported`);
    if (args.antialias) throw new Error(`${this.name}: antialias is not supported`);
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    const x0 = floatInput(this.name, inputs);
    imageRank(this.name, x0);
    const [x, back] = channelsLast(x0, this.dataFormat);
    const src = this.cropToAspectRatio ? cropToAspect(x, this.height, this.width) : x;
    return back(resize(src, [this.height, this.width], this.interpolation));
  }
  computeOutputShape(s: Shape): Shape {
    imageRank(this.name, s);
    return imageShape(s, this.dataFormat, this.height, this.width);
  }
  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), height: this.height, width: this.width, interpolation: this.interpolation,
      cropToAspectRatio: this.cropToAspectRatio, dataFormat: this.dataFormat };
  }
}

export interface CenterCropArgs extends LayerArgs {
  height: number;
  width: number;
  /** Keras 3's channels order (default 'channelsLast'). */
  dataFormat?: DataFormat;
}

/**
 * The central [height, width] crop of images (Keras CenterCrop): rows from ⌊(H − height)/2⌋. An image
 * smaller than the crop in either axis is resized instead, after cropping it to the target's aspect ratio
 * (Keras' smart_resize). Output float32.
 * @example tf.layers.centerCrop({height: 224, width: 224})
 */
export class CenterCrop extends Layer {
  static className = 'CenterCrop';
  readonly height: number;
  readonly width: number;
  readonly dataFormat: DataFormat;
  constructor(args: CenterCropArgs) {
    super(args);
    this.height = positiveInt(this.name, 'height', args?.height);
    this.width = positiveInt(this.name, 'width', args.width);
    this.dataFormat = checkDataFormat(this.name, args.dataFormat);
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    const x0 = floatInput(this.name, inputs);
    imageRank(this.name, x0);
    const [x, back] = channelsLast(x0, this.dataFormat);
    const H = x.shape[x.rank - 3], W = x.shape[x.rank - 2], dh = H - this.height, dw = W - this.width;
    if (dh >= 0 && dw >= 0) return back(crop(x, Math.floor(dh / 2), Math.floor(dw / 2), this.height, this.width));
    return back(resize(cropToAspect(x, this.height, this.width), [this.height, this.width], 'bilinear'));
  }
  computeOutputShape(s: Shape): Shape {
    imageRank(this.name, s);
    return imageShape(s, this.dataFormat, this.height, this.width);
  }
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), height: this.height, width: this.width, dataFormat: this.dataFormat }; }
}

export type CategoryOutputMode = 'oneHot' | 'multiHot' | 'count';

export interface CategoryEncodingArgs extends LayerArgs {
  /** Number of categories: inputs are integers in [0, numTokens). */
  numTokens: number;
  /** 'multiHot' (default): 1 for each category present; 'oneHot': one row per value; 'count': occurrences. */
  outputMode?: CategoryOutputMode;
}

/**
 * Integer categories → dense float32 encodings (Keras / tfjs CategoryEncoding). Inputs of rank ≤ 2: with
 * 'multiHot' and 'count' each row ([batch, k] → [batch, numTokens]) is one sample; 'oneHot' encodes each
 * value ([batch] or [batch, 1] → [batch, numTokens]).
 * @example tf.layers.categoryEncoding({numTokens: 4, outputMode: 'multiHot'}).apply(tf.tensor2d([[0, 1], [3, 3]], [2, 2], 'int32'))
 *   // [[1, 1, 0, 0], [0, 0, 0, 1]]
 */
export class CategoryEncoding extends Layer {
  static className = 'CategoryEncoding';
  readonly numTokens: number;
  readonly outputMode: CategoryOutputMode;
  constructor(args: CategoryEncodingArgs) {
    super(args);
    this.numTokens = positiveInt(this.name, 'numTokens', args?.numTokens);
    const m = args.outputMode ?? 'multiHot';
    if (m !== 'oneHot' && m !== 'multiHot' && m !== 'count') {
      throw new Error(`${this.name}: outputMode must be 'oneHot', 'multiHot' or 'count', got ${describeArg(m)}`);
    }
    this.outputMode = m;
    if ((args as { sparse?: boolean }).sparse) throw new Error(`${this.name}: sparse outputs are not supported`);
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    let x = single(this.name, inputs);
    if (x.dtype !== 'int32') x = cast(x, 'int32');
    if (x.size > 0) {
      const lo = min(x).dataSync()[0], hi = max(x).dataSync()[0];
      if (lo < 0 || hi >= this.numTokens) {
        throw new Error(`${this.name}: input values must be in [0, numTokens) = [0, ${this.numTokens}), got values in [${lo}, ${hi}]`);
      }
    }
    if (x.rank === 0) x = expandDims(x, -1);
    if (this.outputMode === 'oneHot' && x.shape[x.rank - 1] !== 1) x = expandDims(x, -1);
    if (x.rank > 2) throw new Error(`${this.name}: inputs must have rank ≤ 2 (≤ 1 for 'oneHot' unless the last axis is 1), got shape ${fmt(single(this.name, inputs).shape)}`);
    const y = denseBincount(x, [], this.numTokens, this.outputMode !== 'count');
    return y.dtype === 'float32' ? y : cast(y, 'float32');
  }
  computeOutputShape(s: Shape): Shape {
    if (s.length === 0) return [this.numTokens];
    if (this.outputMode === 'oneHot' && s[s.length - 1] !== 1) return [...s, this.numTokens];
    return [...s.slice(0, -1), this.numTokens];
  }
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), numTokens: this.numTokens, outputMode: this.outputMode }; }
}

export interface RandomWidthArgs extends LayerArgs {
  /** The width changes by a random fraction in [−factor, factor], or in [lower, upper] (each ≥ −1). */
  factor: number | [number, number];
  /** 'bilinear' (default) or 'nearest'. */
  interpolation?: 'bilinear' | 'nearest';
  seed?: number;
}

/**
 * Random width augmentation (tfjs / Keras 2 RandomWidth): in training, images are resized to width
 * round(W · (1 + f)) with f uniform in the factor's range (tfjs' resize: no half-pixel centres); the identity
 * in inference (Keras; tfjs-layers also resizes in inference).
 * @example tf.layers.randomWidth({factor: 0.2})
 */
export class RandomWidth extends Layer {
  static className = 'RandomWidth';
  readonly factor: number | [number, number];
  readonly interpolation: 'bilinear' | 'nearest';
  readonly seed: number | null;
  private readonly lower: number;
  private readonly upper: number;
  private calls = 0;
  constructor(args: RandomWidthArgs) {
    super(args);
    const f = args?.factor;
    const bad = () => new Error(`${this.name}: factor must be a positive number or [lower, upper] with −1 ≤ lower ≤ upper, got ${describeArg(f)}`);
    if (typeof f === 'number' && Number.isFinite(f) && f > 0) [this.lower, this.upper] = [-f, f];
    else if (Array.isArray(f) && f.length === 2 && f.every((v) => typeof v === 'number' && Number.isFinite(v))) [this.lower, this.upper] = f;
    else throw bad();
    if (this.lower < -1 || this.upper < this.lower) throw bad();
    this.factor = Array.isArray(f) ? [f[0], f[1]] : f;
    this.interpolation = checkInterpolation(this.name, args.interpolation);
    this.seed = checkSeed(this.name, args.seed);
  }
  call(inputs: Tensor | Tensor[], { training }: CallArgs): Tensor {
    const x = floatInput(this.name, inputs);
    imageRank(this.name, x);
    if (!training) return x;
    const seed = callSeed(this.seed, this.calls++);
    const f = this.lower === this.upper ? 1 + this.lower : randomUniform([1], 1 + this.lower, 1 + this.upper, 'float32', seed).dataSync()[0];
    const H = x.shape[x.rank - 3], W = x.shape[x.rank - 2];
    const size: [number, number] = [H, Math.max(1, Math.round(f * W))];
    return this.interpolation === 'bilinear' ? resizeBilinear(x, size) : resizeNearestNeighbor(x, size);
  }
  computeOutputShape(s: Shape): Shape {
    imageRank(this.name, s);
    return imageShape(s, 'channelsLast', s[s.length - 3], null);
  }
  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), factor: this.factor, interpolation: this.interpolation, seed: this.seed };
  }
}

/** This family's layer classes (the registry's entries; see LAYER_FAMILIES in models/config.ts). */
export const LAYER_CLASSES = [Rescaling, Resizing, CenterCrop, CategoryEncoding, RandomWidth] as const;
