// Random tensors from Philox4x32-10 in wasm (assembly/random). Element i of a call depends only on the
// seed and i, so the same seed gives the same numbers in Node and every browser. Calls without a seed
// draw one from a global sequence that tf.setSeed resets (TF's tf.random.set_seed).
import { K } from '../backend/wasm.js';
import { scratch } from '../backend/scratch.js';
import { checkNumber, checkShape, opError } from '../core/convert.js';
import { checkDtypeName, type DType } from '../core/dtype.js';
import { op } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { castRaw } from './create.js';
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
