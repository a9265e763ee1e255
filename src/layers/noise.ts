// Noise and regularisation layers (Keras regularization/): GaussianNoise, GaussianDropout, AlphaDropout and
// SpatialDropout1D/2D/3D. Active only in training (apply(x, {training: true})), the identity otherwise. The
// noise comes from the library's Philox random ops: a layer with a `seed` draws a new but deterministic noise
// per call (as Dropout does); without one, from the sequence tf.setSeed resets.
import type { Tensor } from '../core/tensor.js';
import { add, mul } from '../ops/binary.js';
import { dropout } from '../ops/nn.js';
import { bernoulliMask, randomNormal } from '../ops/random.js';
import { describeArg, Layer, type CallArgs, type LayerArgs, type Shape } from './layer.js';
import { checkDataFormat, floatInput, fmt, single, type DataFormat } from './utils.js';

export function checkSeed(layer: string, seed: unknown): number | null {
  if (seed === undefined || seed === null) return null;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new Error(`${layer}: seed must be a number, got ${describeArg(seed)}`);
  return seed;
}

function checkRate(layer: string, rate: unknown): number {
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) throw new Error(`${layer}: rate must be a number in [0, 1), got ${describeArg(rate)}`);
  return rate;
}

/**
 * The seed of the k-th call of a layer seeded with `seed`: undefined (the global sequence tf.setSeed resets)
 * without one, else seed ⊕ k·φ (a bijection of k mod 2³², as Dropout: no noise repeats).
 */
export function callSeed(seed: number | null, k: number): number | undefined {
  return seed === null ? undefined : (Math.floor(seed) ^ Math.imul(k, 0x9e3779b9)) >>> 0;
}

/** A layer whose training-time output is random. */
abstract class RandomLayer extends Layer {
  readonly seed: number | null;
  supportsMasking = true;
  private calls = 0;
  constructor(args: LayerArgs & { seed?: number | null }) {
    super(args);
    this.seed = checkSeed(this.name, args?.seed);
  }
  /** The seed of this call (callSeed). */
  protected nextSeed(): number | undefined { return callSeed(this.seed, this.calls++); }
}

export interface GaussianNoiseArgs extends LayerArgs {
  /** Standard deviation of the added noise. */
  stddev: number;
  seed?: number;
}

/**
 * Adds zero-mean normal noise of standard deviation stddev in training (Keras GaussianNoise).
 * @example tf.layers.gaussianNoise({stddev: 0.1})
 */
export class GaussianNoise extends RandomLayer {
  static className = 'GaussianNoise';
  readonly stddev: number;
  constructor(args: GaussianNoiseArgs) {
    super(args);
    const s = args?.stddev;
    if (typeof s !== 'number' || !(s >= 0) || !Number.isFinite(s)) throw new Error(`${this.name}: stddev must be a finite number ≥ 0, got ${describeArg(s)}`);
    this.stddev = s;
  }
  call(inputs: Tensor | Tensor[], { training }: CallArgs): Tensor {
    const x = floatInput(this.name, inputs);
    if (!training || this.stddev === 0) return x;
    return add(x, randomNormal(x.shape, 0, this.stddev, 'float32', this.nextSeed()));
  }
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), stddev: this.stddev, seed: this.seed }; }
}

export interface GaussianDropoutArgs extends LayerArgs {
  /** Drop probability: the multiplicative noise has mean 1 and standard deviation sqrt(rate / (1 − rate)). */
  rate: number;
  seed?: number;
}

/**
 * Multiplies by normal noise of mean 1 and standard deviation sqrt(rate / (1 − rate)) in training (Keras
 * GaussianDropout).
 * @example tf.layers.gaussianDropout({rate: 0.2})
 */
export class GaussianDropout extends RandomLayer {
  static className = 'GaussianDropout';
  readonly rate: number;
  constructor(args: GaussianDropoutArgs) {
    super(args);
    this.rate = checkRate(this.name, args?.rate);
  }
  call(inputs: Tensor | Tensor[], { training }: CallArgs): Tensor {
    const x = floatInput(this.name, inputs);
    if (!training || this.rate === 0) return x;
    return mul(x, randomNormal(x.shape, 1, Math.sqrt(this.rate / (1 - this.rate)), 'float32', this.nextSeed()));
  }
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), rate: this.rate, seed: this.seed }; }
}

export interface AlphaDropoutArgs extends LayerArgs {
  /** Drop probability. */
  rate: number;
  /** Shape of the keep/drop mask, batch axis included; null entries take the input's size. */
  noiseShape?: (number | null)[] | null;
  seed?: number;
}

// SELU's constants: a dropped unit takes SELU's negative saturation value −λα
const SELU_ALPHA = 1.6732632423543772848170429916717, SELU_SCALE = 1.0507009873554804934193349852946;

/**
 * Dropout for self-normalising (SELU) networks (Keras AlphaDropout): in training a dropped unit is set to
 * SELU's saturation value α' = −λα, then a·x + b restores the input's mean and variance
 * (a = ((1 − rate)(1 + rate·α'²))^−½, b = −a·α'·rate).
 * @example tf.layers.alphaDropout({rate: 0.1})
 */
export class AlphaDropout extends RandomLayer {
  static className = 'AlphaDropout';
  readonly rate: number;
  readonly noiseShape: (number | null)[] | null;
  constructor(args: AlphaDropoutArgs) {
    super(args);
    this.rate = checkRate(this.name, args?.rate);
    const ns = args.noiseShape ?? null;
    if (ns !== null && (!Array.isArray(ns) || !ns.every((d) => d === null || (Number.isSafeInteger(d) && d >= 1)))) {
      throw new Error(`${this.name}: noiseShape must be a list of positive integers or null, got ${describeArg(ns)}`);
    }
    this.noiseShape = ns;
  }
  call(inputs: Tensor | Tensor[], { training }: CallArgs): Tensor {
    const x = floatInput(this.name, inputs);
    if (!training || this.rate === 0) return x;
    let shape = x.shape.slice();
    if (this.noiseShape !== null) {
      const ns = this.noiseShape;
      shape = ns.map((d, i) => d ?? x.shape[i]);
      if (ns.length !== x.rank || shape.some((d, i) => d !== 1 && d !== x.shape[i])) {
        throw new Error(`${this.name}: noiseShape ${fmt(ns)} must broadcast to the input ${fmt(x.shape)} (one entry per axis, each 1 or the input's size)`);
      }
    }
    const p = this.rate, alphaP = -SELU_ALPHA * SELU_SCALE;
    const a = ((1 - p) * (1 + p * alphaP * alphaP)) ** -0.5, b = -a * alphaP * p;
    // kept·(a·x) + (1 − kept)·(a·α') + b  =  kept·(a·x − a·α') + (a·α' + b)
    const kept = bernoulliMask(shape, 1 - p, 1, this.nextSeed());
    return add(mul(kept, add(mul(x, a), -a * alphaP)), a * alphaP + b);
  }
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), rate: this.rate, noiseShape: this.noiseShape, seed: this.seed }; }
}

export interface SpatialDropoutArgs extends LayerArgs {
  /** Fraction of the channels to drop, in [0, 1). */
  rate: number;
  seed?: number;
}
export interface SpatialDropout2DArgs extends SpatialDropoutArgs { dataFormat?: DataFormat }

/**
 * Dropout of whole channels (Keras SpatialDropout): in training each (example, channel) is zeroed with
 * probability rate for every position, the rest scaled by 1/(1 − rate).
 */
abstract class SpatialDropout extends RandomLayer {
  readonly rate: number;
  readonly dataFormat: DataFormat;
  constructor(args: SpatialDropout2DArgs, private readonly spatial: number) {
    super(args);
    this.rate = checkRate(this.name, args?.rate);
    this.dataFormat = checkDataFormat(this.name, args?.dataFormat);
    this.inputSpec = { ndim: spatial + 2 };
  }
  call(inputs: Tensor | Tensor[], { training }: CallArgs): Tensor {
    const x = floatInput(this.name, inputs);
    if (!training || this.rate === 0) return x;
    const ones = new Array<number>(this.spatial).fill(1), [n] = x.shape;
    const noise = this.dataFormat === 'channelsFirst' ? [n, x.shape[1], ...ones] : [n, ...ones, x.shape[x.rank - 1]];
    return dropout(x, this.rate, noise, this.nextSeed());
  }
  computeOutputShape(s: Shape): Shape { return s; }
}

/**
 * Drops whole feature maps of [batch, steps, channels] sequences (Keras / tfjs SpatialDropout1D).
 * @example tf.layers.spatialDropout1d({rate: 0.2})
 */
export class SpatialDropout1D extends SpatialDropout {
  static className = 'SpatialDropout1D';
  constructor(args: SpatialDropoutArgs) { super({ ...args, dataFormat: undefined }, 1); }
  // tfjs' SpatialDropout1D extends its Dropout and saves noiseShape (null; the [batch, 1, channels] shape is implied)
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), rate: this.rate, noiseShape: null, seed: this.seed }; }
}

/**
 * Drops whole channels of [batch, h, w, c] images (Keras SpatialDropout2D; dataFormat 'channelsFirst': [b, c, h, w]).
 * @example tf.layers.spatialDropout2d({rate: 0.2})
 */
export class SpatialDropout2D extends SpatialDropout {
  static className = 'SpatialDropout2D';
  constructor(args: SpatialDropout2DArgs) { super(args, 2); }
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), rate: this.rate, seed: this.seed, dataFormat: this.dataFormat }; }
}

/** Drops whole channels of [batch, d, h, w, c] volumes (Keras SpatialDropout3D). */
export class SpatialDropout3D extends SpatialDropout {
  static className = 'SpatialDropout3D';
  constructor(args: SpatialDropout2DArgs) { super(args, 3); }
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), rate: this.rate, seed: this.seed, dataFormat: this.dataFormat }; }
}

/** This family's layer classes (the registry's entries; see LAYER_FAMILIES in models/config.ts). */
export const LAYER_CLASSES = [GaussianNoise, GaussianDropout, AlphaDropout, SpatialDropout1D, SpatialDropout2D, SpatialDropout3D] as const;
