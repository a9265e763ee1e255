// Random tensors from Philox4x32-10 in wasm (assembly/random). Element i of a call depends only on the
// seed and i, so the same seed gives the same numbers in Node and every browser. Calls without a seed
// draw one from a global sequence that tf.setSeed resets (TF's tf.random.set_seed).
import { K } from '../backend/wasm.js';
import { scratch } from '../backend/scratch.js';
import { checkNumber, checkShape, checkSize, fmtShape, opError, sizeOf, writeValues } from '../core/convert.js';
import { checkDtypeName, type DType } from '../core/dtype.js';
import { op } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { minimum, mul } from './binary.js';
import { lessEqual } from './compare.js';
import { castRaw } from './create.js';
import { sum } from './reduce.js';
import { cumsum } from './scan.js';
import { cast, reshape } from './shape.js';
import { slice } from './slice.js';
import { softmax } from './softmax.js';
import { round } from './unary.js';

let globalSeed = 0x5eed;
let counter = 0;

/** Resets the sequence of seeds that random ops without an explicit seed use. */
export function setSeed(seed: number): void {
  if (!Number.isFinite(seed)) throw opError('setSeed', `seed must be a finite number, got ${seed}`);
  globalSeed = Math.floor(seed) >>> 0;
  counter = 0;
}

/** The two 32-bit Philox key words for an op call. */
function key(seed?: number): [number, number] {
  if (seed !== undefined && seed !== null) {
    if (!Number.isFinite(seed)) throw opError('random', `seed must be a finite number, got ${seed}`);
    // the low and high 32-bit words of the (two's complement) integer seed: -1 and 1 differ
    const s = Math.floor(seed);
    return [s >>> 0, (Math.floor(s / 2 ** 32) ^ 0x2545f491) >>> 0];
  }
  const c = counter++;
  // splitmix-style mixing of (globalSeed, c) so consecutive calls get unrelated keys
  let z = (globalSeed ^ Math.imul(c + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return [(z ^ (z >>> 16)) >>> 0, (c * 2 + 1) >>> 0];
}

/**
 * Normal samples.
 * @example tf.randomNormal([2, 3], 0, 1, 'float32', 42)
 */
export const randomNormal = op('randomNormal', {
  inputs: [], grad: null,
  forward: (shape: number[], mean = 0, stdDev = 1, dtype: DType | null = 'float32', seed?: number): Tensor =>
    normal('randomNormal', 'f32_random_normal', shape, mean, stdDev, dtype, seed),
});

/** Normal samples redrawn until within two standard deviations (Keras' default initializer family). */
export const truncatedNormal = op('truncatedNormal', {
  inputs: [], grad: null,
  forward: (shape: number[], mean = 0, stdDev = 1, dtype: DType | null = 'float32', seed?: number): Tensor =>
    normal('truncatedNormal', 'f32_truncated_normal', shape, mean, stdDev, dtype, seed),
});

function normal(op: string, kernel: 'f32_random_normal' | 'f32_truncated_normal', shape: number[], mean: number, stdDev: number,
                dtype: DType | null, seed: number | undefined): Tensor {
  const s = checkShape(op, shape);
  checkNumber(op, mean, 'mean');
  checkNumber(op, stdDev, 'stdDev');
  // null is the default (tfjs); int32 gives the float32 samples rounded to the nearest integer (tfjs)
  const dt = dtype === null ? 'float32' : checkDtypeName(op, dtype);
  if (dt === 'bool') throw opError(op, `dtype must be float32 or int32, got ${dtype}`);
  const [lo, hi] = key(seed);
  const y = new Tensor(s, 'float32');
  K()[kernel](y.ptr, y.size, lo, hi, mean, stdDev, scratch.ptr());
  return dt === 'int32' ? castRaw(round(y), 'int32') : y;
}

/** Uniform samples in [minval, maxval) (int32: integers in that range). */
export const randomUniform = op('randomUniform', {
  inputs: [], grad: null,
  forward: (shape: number[], minval = 0, maxval = 1, dtype: DType | null = 'float32', seed?: number): Tensor => {
    if (dtype === null) dtype = 'float32';
    const s = checkShape('randomUniform', shape);
    checkNumber('randomUniform', minval, 'minval');
    checkNumber('randomUniform', maxval, 'maxval');
    if (!(maxval > minval)) throw opError('randomUniform', `maxval ${maxval} must be greater than minval ${minval}`);
    checkDtypeName('randomUniform', dtype);
    if (dtype === 'bool') throw opError('randomUniform', 'dtype must be float32 or int32, got bool');
    const [lo, hi] = key(seed);
    const y = new Tensor(s, dtype);
    if (dtype === 'int32') K().i32_random_uniform(y.ptr, y.size, lo, hi, Math.ceil(minval), Math.ceil(maxval), scratch.ptr());
    else K().f32_random_uniform(y.ptr, y.size, lo, hi, minval, maxval, scratch.ptr());
    return y;
  },
});

/** @internal A 32-bit seed drawn from the sequence tf.setSeed resets (for shuffles and other JS-side draws). */
export function nextSeed(): number {
  return key()[0];
}

/** @internal A dropout mask of `shape`: `scale` with probability `keep`, else 0 (seeded like every random op). */
export function bernoulliMask(shape: number[], keep: number, scale: number, seed?: number): Tensor {
  const [lo, hi] = key(seed);
  const y = new Tensor(shape.slice(), 'float32');
  K().f32_random_bernoulli(y.ptr, y.size, lo, hi, keep, scale, scratch.ptr());
  return y;
}

/**
 * Standard normal samples (randomNormal with mean 0 and stdDev 1; float32, as TensorFlow).
 * @example tf.randomStandardNormal([2, 3], 'float32', 42)
 */
export const randomStandardNormal = op('randomStandardNormal', {
  inputs: [], grad: null,
  forward: (shape: number[], dtype: DType = 'float32', seed?: number): Tensor =>
    normal('randomStandardNormal', 'f32_random_normal', shape, 0, 1, dtype ?? 'float32', seed),
});

/**
 * int32 samples uniform over the integers in [minval, maxval) (TensorFlow's random.uniform with an
 * integer dtype; minval and maxval must be integers, maxval > minval, the span at most 2³² − 1).
 * @example tf.randomUniformInt([4], 0, 10, 7)
 */
export const randomUniformInt = op('randomUniformInt', {
  inputs: [], grad: null,
  forward: (shape: number[], minval: number, maxval: number, seed?: number): Tensor => {
    const o = 'randomUniformInt';
    const s = checkShape(o, shape);
    for (const [k, v] of [['minval', minval], ['maxval', maxval]] as const) {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < -(2 ** 31) || v > 2 ** 31) throw opError(o, `${k} must be an integer in the int32 range, got ${String(v)}`);
    }
    if (!(maxval > minval)) throw opError(o, `maxval ${maxval} must be greater than minval ${minval}`);
    const [lo, hi] = key(seed);
    const y = new Tensor(s, 'int32');
    K().i32_random_uniform(y.ptr, y.size, lo, hi, minval | 0, maxval | 0, scratch.ptr());
    return y;
  },
});

/**
 * Gamma(alpha) samples divided by the rate beta (TensorFlow's random_gamma: mean alpha/beta; tfjs
 * multiplies by beta). alpha and beta are positive numbers; dtype float32 or int32 (truncated, as tfjs).
 * @example tf.randomGamma([100], 2, 1, 'float32', 3)
 */
export const randomGamma = op('randomGamma', {
  inputs: [], grad: null,
  forward: (shape: number[], alpha: number, beta = 1, dtype: DType = 'float32', seed?: number): Tensor => {
    const o = 'randomGamma';
    const s = checkShape(o, shape);
    checkNumber(o, alpha, 'alpha');
    checkNumber(o, beta ?? 1, 'beta');
    if (!(alpha > 0)) throw opError(o, `alpha must be > 0, got ${alpha}`);
    if (!((beta ?? 1) > 0)) throw opError(o, `beta must be > 0, got ${beta}`);
    const dt = checkDtypeName(o, dtype ?? 'float32');
    if (dt === 'bool') throw opError(o, 'dtype must be float32 or int32, got bool');
    const [lo, hi] = key(seed);
    const y = new Tensor(s, 'float32');
    K().f32_random_gamma(y.ptr, y.size, lo, hi, alpha, beta ?? 1, scratch.ptr());
    return dt === 'int32' ? castRaw(y, 'int32') : y;
  },
});

/**
 * A tensor of `shape` whose values are the results of `randFunction()` (tfjs rand; int32 truncates, bool
 * is nonzero).
 * @example tf.rand([2, 2], () => Math.random())
 */
export const rand = op('rand', {
  inputs: [], grad: null,
  forward: (shape: number[], randFunction: () => number, dtype?: DType): Tensor => {
    const s = checkShape('rand', shape);
    if (typeof randFunction !== 'function') throw opError('rand', `randFunction must be a function, got ${typeof randFunction}`);
    const dt = checkDtypeName('rand', dtype ?? 'float32');
    const n = sizeOf(s);
    const vals = dt === 'float32' ? new Float32Array(n) : dt === 'int32' ? new Int32Array(n) : new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = randFunction();
      if (typeof v !== 'number') throw opError('rand', `randFunction must return numbers, got ${typeof v}`);
      vals[i] = dt === 'bool' ? (v !== 0 ? 1 : 0) : v;
    }
    const y = new Tensor(s, dt);
    writeValues(y, vals);
    return y;
  },
});

/**
 * numSamples class indices per row of `logits` ([classes] or [batch, classes]), drawn from softmax(logits),
 * or from the probabilities themselves with `normalized` (rescaled to their sum). int32 [batch, numSamples]
 * ([numSamples] for a vector). Seeded like every random op.
 * @example tf.multinomial([0.2, 0.8], 10, 1, true)
 */
export const multinomial = op('multinomial', {
  inputs: [{ name: 'logits', dtypes: ['float32', 'int32'], cast: { int32: 'float32' } }], grad: null,
  forward: (logits: Tensor, numSamples: number, seed?: number, normalized = false): Tensor => {
    const o = 'multinomial';
    if (logits.rank !== 1 && logits.rank !== 2) throw opError(o, `logits must be rank 1 or 2, got shape ${fmtShape(logits.shape)}`);
    checkSize(o, numSamples, 'numSamples');
    const l2 = logits.rank === 1 ? reshape(logits, [1, logits.size]) : logits;
    const [batch, classes] = l2.shape;
    if (classes < 1) throw opError(o, `logits must have at least one class, got shape ${fmtShape(logits.shape)}`);
    const [lo, hi] = key(seed);
    const u = new Tensor([batch, numSamples, 1], 'float32');
    K().f32_random_uniform(u.ptr, u.size, lo, hi, 0, 1, scratch.ptr());
    const cdf = cumsum(normalized ? l2 : softmax(l2), 1);
    const total = slice(cdf, [0, classes - 1], [batch, 1]);
    // the class is the number of cumulative probabilities ≤ u·total (zero-probability classes never chosen)
    const target = mul(u, reshape(total, [batch, 1, 1]));
    const count = sum(cast(lessEqual(reshape(cdf, [batch, 1, classes]), target), 'int32'), 2);
    const idx = minimum(count, classes - 1);
    return logits.rank === 1 ? reshape(idx, [numSamples]) : idx;
  },
});
