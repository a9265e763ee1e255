// Weight initializers (Keras / tfjs-layers): every one seedable; random ones draw from the Philox
// generator in wasm, so the same seed gives the same weights in Node and browsers.
// `tf.initializers.glorotUniform({seed: 1})` or the string ids Keras uses ('glorotUniform',
// 'glorot_uniform', 'heNormal', 'zeros', …).
import type { DType } from './core/dtype.js';
import { Tensor } from './core/tensor.js';
import { eye, fill } from './ops/create.js';
import { randomNormal, randomUniform, truncatedNormal } from './ops/random.js';
import { makeTensor } from './core/convert.js';

const makeTensorFromValues = (values: number[], shape: number[]) => makeTensor(values, shape, 'float32', 'initializer');

export interface Initializer {
  /** A new tensor of `shape` (the caller owns it). */
  apply(shape: number[], dtype?: DType): Tensor;
  readonly className: string;
  getConfig(): Record<string, unknown>;
}

/** fanIn/fanOut as Keras computes them: dense [in, out]; conv [..., in, out] scaled by the receptive field. */
export function computeFans(shape: number[]): [number, number] {
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [shape[0], shape[0]];
  if (shape.length === 2) return [shape[0], shape[1]];
  let receptive = 1;
  for (let i = 0; i < shape.length - 2; i++) receptive *= shape[i];
  return [shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive];
}

class Constant implements Initializer {
  className = 'Constant';
  constructor(private readonly value: number) {}
  apply(shape: number[], dtype: DType = 'float32'): Tensor { return fill(shape, this.value, dtype); }
  getConfig() { return { value: this.value }; }
}

class RandomNormalInit implements Initializer {
  className = 'RandomNormal';
  constructor(private readonly mean = 0, private readonly stddev = 0.05, private readonly seed?: number) {}
  apply(shape: number[]): Tensor { return randomNormal(shape, this.mean, this.stddev, 'float32', this.seed); }
  getConfig() { return { mean: this.mean, stddev: this.stddev, seed: this.seed ?? null }; }
}

class RandomUniformInit implements Initializer {
  className = 'RandomUniform';
  constructor(private readonly minval = -0.05, private readonly maxval = 0.05, private readonly seed?: number) {}
  apply(shape: number[]): Tensor { return randomUniform(shape, this.minval, this.maxval, 'float32', this.seed); }
  getConfig() { return { minval: this.minval, maxval: this.maxval, seed: this.seed ?? null }; }
}

class TruncatedNormalInit implements Initializer {
  className = 'TruncatedNormal';
  constructor(private readonly mean = 0, private readonly stddev = 0.05, private readonly seed?: number) {}
  apply(shape: number[]): Tensor { return truncatedNormal(shape, this.mean, this.stddev, 'float32', this.seed); }
  getConfig() { return { mean: this.mean, stddev: this.stddev, seed: this.seed ?? null }; }
}

export type FanMode = 'fanIn' | 'fanOut' | 'fanAvg';
export type Distribution = 'normal' | 'uniform' | 'truncatedNormal' | 'untruncatedNormal';
/** Keras' snake_case names and values in camelCase: 'fan_avg' → 'fanAvg', 'glorot_uniform' → 'glorotUniform'. */
export const camelCase = (v: string) => v.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Keras' VarianceScaling: samples with variance scale / n (n = fan in, out or their mean). 'normal' and
 * 'truncatedNormal' use a truncated normal whose stddev is corrected for the truncation (0.8796…),
 * 'untruncatedNormal' a plain normal (PyTorch's kaiming_normal_), 'uniform' draws from ±sqrt(3·scale/n).
 * glorot, he and lecun are special cases. Keras' snake_case values ('fan_avg', 'truncated_normal') work too.
 */
class VarianceScaling implements Initializer {
  className: string;
  private readonly mode: FanMode;
  private readonly distribution: Distribution;
  constructor(private readonly scale: number, mode: FanMode, distribution: Distribution,
              private readonly seed?: number, className = 'VarianceScaling') {
    if (!(scale > 0)) throw new Error(`VarianceScaling: scale must be positive, got ${scale}`);
    this.mode = camelCase(String(mode)) as FanMode;
    this.distribution = camelCase(String(distribution)) as Distribution;
    if (!['fanIn', 'fanOut', 'fanAvg'].includes(this.mode)) {
      throw new Error(`VarianceScaling: mode must be 'fanIn', 'fanOut' or 'fanAvg', got '${mode}'`);
    }
    if (!['normal', 'uniform', 'truncatedNormal', 'untruncatedNormal'].includes(this.distribution)) {
      throw new Error(`VarianceScaling: distribution must be 'normal', 'truncatedNormal', 'untruncatedNormal' or 'uniform', got '${distribution}'`);
    }
    this.className = className;
  }
  apply(shape: number[]): Tensor {
    const [fanIn, fanOut] = computeFans(shape);
    const n = this.mode === 'fanIn' ? fanIn : this.mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
    const v = this.scale / Math.max(1, n);
    if (this.distribution === 'uniform') {
      const limit = Math.sqrt(3 * v);
      return randomUniform(shape, -limit, limit, 'float32', this.seed);
    }
    if (this.distribution === 'untruncatedNormal') return randomNormal(shape, 0, Math.sqrt(v), 'float32', this.seed);
    return truncatedNormal(shape, 0, Math.sqrt(v) / 0.87962566103423978, 'float32', this.seed);
  }
  // glorot/he/lecun take only a seed (Keras' from_config would reject the rest)
  getConfig() {
    return this.className === 'VarianceScaling' ? { scale: this.scale, mode: this.mode, distribution: this.distribution, seed: this.seed ?? null }
      : { seed: this.seed ?? null };
  }
}

/** A (semi-)orthogonal matrix by Gram–Schmidt on a seeded normal sample (Keras' Orthogonal). */
class Orthogonal implements Initializer {
  className = 'Orthogonal';
  constructor(private readonly gain = 1, private readonly seed?: number) {}
  apply(shape: number[]): Tensor {
    if (shape.length < 2) throw new Error(`orthogonal: the shape must have rank ≥ 2, got [${shape}]`);
    const cols = shape[shape.length - 1];
    const rows = shape.reduce((a, b) => a * b, 1) / cols;
    // Orthonormalise the shorter side's vectors (float64, then rounded once to float32).
    const n = Math.min(rows, cols), len = Math.max(rows, cols);
    const sample = randomNormal([n, len], 0, 1, 'float32', this.seed);
    const a = Array.from(sample.dataSync());
    sample.dispose();
    const q: number[][] = [];
    for (let i = 0; i < n; i++) {
      const v = a.slice(i * len, (i + 1) * len);
      for (const u of q) {
        let d = 0;
        for (let k = 0; k < len; k++) d += u[k] * v[k];
        for (let k = 0; k < len; k++) v[k] -= d * u[k];
      }
      let norm = 0;
      for (let k = 0; k < len; k++) norm += v[k] * v[k];
      norm = Math.sqrt(norm) || 1;
      q.push(v.map((x) => x / norm));
    }
    const out = new Array<number>(rows * cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
      out[r * cols + c] = this.gain * (rows >= cols ? q[c][r] : q[r][c]);
    }
    return makeTensorFromValues(out, shape);
  }
  getConfig() { return { gain: this.gain, seed: this.seed ?? null }; }
}

class Identity implements Initializer {
  className = 'Identity';
  constructor(private readonly gain = 1) {}
  apply(shape: number[]): Tensor {
    if (shape.length !== 2) throw new Error(`identity: the shape must be 2-D, got [${shape}]`);
    const e = eye(shape[0], shape[1]);
    if (this.gain === 1) return e;
    const v = Array.from(e.dataSync(), (x) => x * this.gain);
    e.dispose();
    return makeTensorFromValues(v, shape);
  }
  getConfig() { return { gain: this.gain }; }
}

type Seeded = { seed?: number };

/** tf.initializers.* (tfjs-layers names and options). */
export const initializers = {
  zeros: (): Initializer => new Constant(0),
  ones: (): Initializer => new Constant(1),
  constant: (o: { value: number }): Initializer => new Constant(o.value),
  randomNormal: (o: { mean?: number; stddev?: number } & Seeded = {}): Initializer => new RandomNormalInit(o.mean, o.stddev, o.seed),
  randomUniform: (o: { minval?: number; maxval?: number } & Seeded = {}): Initializer => new RandomUniformInit(o.minval, o.maxval, o.seed),
  truncatedNormal: (o: { mean?: number; stddev?: number } & Seeded = {}): Initializer => new TruncatedNormalInit(o.mean, o.stddev, o.seed),
  varianceScaling: (o: { scale?: number; mode?: FanMode; distribution?: Distribution } & Seeded = {}): Initializer =>
    new VarianceScaling(o.scale ?? 1, o.mode ?? 'fanIn', o.distribution ?? 'normal', o.seed),
  glorotUniform: (o: Seeded = {}): Initializer => new VarianceScaling(1, 'fanAvg', 'uniform', o.seed, 'GlorotUniform'),
  glorotNormal: (o: Seeded = {}): Initializer => new VarianceScaling(1, 'fanAvg', 'truncatedNormal', o.seed, 'GlorotNormal'),
  heNormal: (o: Seeded = {}): Initializer => new VarianceScaling(2, 'fanIn', 'truncatedNormal', o.seed, 'HeNormal'),
  heUniform: (o: Seeded = {}): Initializer => new VarianceScaling(2, 'fanIn', 'uniform', o.seed, 'HeUniform'),
  leCunNormal: (o: Seeded = {}): Initializer => new VarianceScaling(1, 'fanIn', 'truncatedNormal', o.seed, 'LeCunNormal'),
  leCunUniform: (o: Seeded = {}): Initializer => new VarianceScaling(1, 'fanIn', 'uniform', o.seed, 'LeCunUniform'),
  orthogonal: (o: { gain?: number } & Seeded = {}): Initializer => new Orthogonal(o.gain, o.seed),
  identity: (o: { gain?: number } = {}): Initializer => new Identity(o.gain),
};

export type InitializerId = keyof typeof initializers;

/**
 * The initializer names a layer accepts (tfjs's InitializerIdentifier, with Keras' snake_case spellings).
 * A misspelt name does not compile; pass an Initializer (`tf.initializers.glorotUniform({seed: 1})`) for
 * options. 'constant' needs a value: use tf.initializers.constant({value}).
 */
export type InitializerIdentifier = 'zeros' | 'ones' | 'randomNormal' | 'randomUniform' | 'truncatedNormal' | 'varianceScaling' |
  'glorotUniform' | 'glorotNormal' | 'heNormal' | 'heUniform' | 'leCunNormal' | 'leCunUniform' | 'orthogonal' | 'identity' |
  'random_normal' | 'random_uniform' | 'truncated_normal' | 'variance_scaling' | 'glorot_uniform' | 'glorot_normal' |
  'he_normal' | 'he_uniform' | 'lecun_normal' | 'lecun_uniform';
// Every camelCase name of InitializerIdentifier is a factory (checked when this file compiles).
const _knownInitializers: Record<Exclude<InitializerIdentifier, `${string}_${string}`>, unknown> = initializers;
void _knownInitializers;

/** An initializer option of a layer: a name or an Initializer. */
export type InitializerArg = InitializerIdentifier | Initializer;

/**
 * An Initializer from a string id (camelCase or Keras snake_case, e.g. 'glorot_uniform'), a saved
 * {className, config} (Keras/tfjs class names: 'GlorotUniform', 'VarianceScaling', 'LecunNormal' …), or as is.
 */
export function getInitializer(id: InitializerIdentifier | Initializer | { className: string; config?: Record<string, unknown> } | (string & {})): Initializer {
  if (typeof id === 'object' && id !== null && typeof (id as Initializer).apply !== 'function' && typeof id.className === 'string') {
    return initializerFromConfig(id.className, (id as { config?: Record<string, unknown> }).config ?? {});
  }
  if (typeof id === 'object' && id !== null && typeof (id as Initializer).apply === 'function') return id as Initializer;
  if (typeof id !== 'string') {
    throw new Error(`initializer: expected a name such as 'glorotUniform', {className, config} or an Initializer, got ${describeId(id)}`);
  }
  const camel = camelCase(id).replace(/^kaiming/, 'he');
  const key = (camel.charAt(0).toLowerCase() + camel.slice(1)).replace(/^lecun/, 'leCun') as InitializerId;
  const make = Object.hasOwn(initializers, key) ? initializers[key] as (o?: object) => Initializer : undefined;
  if (!make || key === 'constant') {
    throw new Error(`unknown initializer '${id}'; known: ${Object.keys(initializers).filter((k) => k !== 'constant').join(', ')}`);
  }
  return make({});
}

function describeId(x: unknown): string {
  return x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x === 'object' ? 'an object' : `${typeof x} ${String(x)}`;
}

/** {className, config} → Initializer: the factory whose name is the class name in any case (LecunNormal ≡ leCunNormal). */
function initializerFromConfig(className: string, config: Record<string, unknown>): Initializer {
  const key = Object.keys(initializers).find((k) => k.toLowerCase() === className.toLowerCase()) as InitializerId | undefined;
  if (key === undefined) {
    throw new Error(`unknown initializer class '${className}'; known: ${Object.keys(initializers).map((k) => k[0].toUpperCase() + k.slice(1)).join(', ')}`);
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new Error(`initializer class '${className}': the config must be an object, got ${describeId(config)}`);
  }
  // null means "not set" in saved configs (seed: null)
  const o = Object.fromEntries(Object.entries(config).filter(([, v]) => v !== null && v !== undefined));
  for (const k of ['mean', 'stddev', 'minval', 'maxval', 'seed', 'scale', 'gain', 'value']) {
    if (k in o && (typeof o[k] !== 'number' || !Number.isFinite(o[k]))) {
      throw new Error(`initializer class '${className}': ${k} must be a finite number, got ${describeId(o[k])}`);
    }
  }
  return (initializers[key] as (o: object) => Initializer)(o);
}
