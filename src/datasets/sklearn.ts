// scikit-learn's two helpers every small example uses: make_moons and train_test_split, with sklearn's
// semantics and seeded randomness from the library's Philox generator (the same numbers in Node and
// browsers; not the same numbers as numpy's generator).
import { tidy } from '../core/engine.js';
import { add, sub } from '../ops/binary.js';
import { concat, stack } from '../ops/join.js';
import { fill, linspace, tensor } from '../ops/create.js';
import { gather } from '../ops/gather.js';
import { randomNormal, randomUniform } from '../ops/random.js';
import { slice } from '../ops/slice.js';
import { cos, sin } from '../ops/unary.js';
import { convert, fmtShape, type TensorLike } from '../core/convert.js';
import type { Tensor } from '../core/tensor.js';

/**
 * @internal A random permutation of 0..n-1: the argsort (ties by index) of
 * `tf.randomUniform([n], 0, 1, 'float32', seed)`, so it is reproducible from the seed everywhere.
 */
export function permutation(n: number, seed?: number): Int32Array {
  const r = randomUniform([n], 0, 1, 'float32', seed);
  const keys = r.dataSync();
  r.dispose();
  return Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
}

export interface MakeMoonsOptions {
  /** The number of points, or [outer, inner] per moon (default 100: 50 + 50). */
  nSamples?: number | [number, number];
  /** Standard deviation of the gaussian noise added to the points (default 0). */
  noise?: number;
  /** Seed of the shuffle and the noise (default: tf.setSeed's sequence). */
  seed?: number;
  /** Shuffle the points (default true); else the outer moon comes first. */
  shuffle?: boolean;
}

/**
 * Two interleaving half circles, sklearn's `make_moons`: the outer moon (cos t, sin t) with label 0 and
 * the inner moon (1 − cos t, 1 − sin t − 0.5) with label 1, t evenly spaced over [0, π]; nOut = ⌊n/2⌋,
 * nIn = n − nOut. Shuffled, then gaussian noise of stddev `noise` added (sklearn's order), all seeded.
 * @example const [x, y] = tf.datasets.makeMoons({nSamples: 200, noise: 0.1, seed: 0});  // x [200,2] float32, y [200] int32
 */
export function makeMoons(opts: MakeMoonsOptions = {}): [Tensor, Tensor] {
  const op = 'tf.datasets.makeMoons';
  const { nSamples = 100, noise = 0, seed, shuffle = true } = opts;
  const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  let nOut: number, nIn: number;
  if (Array.isArray(nSamples) && nSamples.length === 2 && nSamples.every(isCount)) [nOut, nIn] = nSamples;
  else if (isCount(nSamples)) { nOut = Math.floor((nSamples as number) / 2); nIn = (nSamples as number) - nOut; }
  else throw new Error(`${op}: nSamples must be a non-negative integer or a pair [outer, inner] of them, got ${JSON.stringify(nSamples)}`);
  if (typeof noise !== 'number' || !(noise >= 0) || !Number.isFinite(noise)) throw new Error(`${op}: noise must be a finite number ≥ 0, got ${noise}`);
  if (seed !== undefined && !Number.isFinite(seed)) throw new Error(`${op}: seed must be a finite number, got ${seed}`);
  const n = nOut + nIn;
  return tidy(() => {
    const tOut = linspace(0, Math.PI, nOut), tIn = linspace(0, Math.PI, nIn);
    let x = concat([stack([cos(tOut), sin(tOut)], 1), stack([sub(1, cos(tIn)), sub(sub(1, sin(tIn)), 0.5)], 1)], 0);
    let y = concat([fill([nOut], 0, 'int32'), fill([nIn], 1, 'int32')], 0);
    if (shuffle) {
      const idx = tensor(permutation(n, seed), [n], 'int32');
      x = gather(x, idx);
      y = gather(y, idx);
    }
    // seed + 1: the noise must not reuse the permutation's Philox stream.
    if (noise > 0) x = add(x, randomNormal([n, 2], 0, noise, 'float32', seed === undefined ? undefined : seed + 1));
    return [x, y] as [Tensor, Tensor];
  });
}

export interface TrainTestSplitOptions {
  /** A fraction in (0, 1) of the rows (test rows: ⌈testSize·n⌉) or a count ≥ 1 (default 0.25). */
  testSize?: number;
  /** Seed of the shuffle (default: tf.setSeed's sequence). */
  seed?: number;
  /** Shuffle before splitting (default true); else the test rows are the last ones. */
  shuffle?: boolean;
}

/**
 * Splits x and y (tensors or arrays, along their first axis) into train and test parts, sklearn's
 * `train_test_split`: nTest = ⌈testSize·n⌉ for a fraction, nTrain = n − nTest. Shuffled, the test rows are
 * the first nTest of a seeded permutation and the train rows the rest (sklearn's ShuffleSplit); unshuffled,
 * the first nTrain rows train and the last nTest test.
 * @example const [xTrain, xTest, yTrain, yTest] = tf.datasets.trainTestSplit(x, y, {testSize: 0.2, seed: 0});
 */
export function trainTestSplit(x: TensorLike, y: TensorLike, opts: TrainTestSplitOptions = {}): [Tensor, Tensor, Tensor, Tensor] {
  const op = 'tf.datasets.trainTestSplit';
  const { testSize = 0.25, seed, shuffle = true } = opts;
  if (seed !== undefined && !Number.isFinite(seed)) throw new Error(`${op}: seed must be a finite number, got ${seed}`);
  return tidy(() => {
    const xt = convert(x, 'x', op), yt = convert(y, 'y', op);
    if (xt.rank === 0 || yt.rank === 0 || xt.shape[0] !== yt.shape[0]) {
      throw new Error(`${op}: x and y must have the same number of rows (first dimension): x is ${fmtShape(xt.shape)}, y is ${fmtShape(yt.shape)}`);
    }
    const n = xt.shape[0];
    let nTest: number;
    if (typeof testSize === 'number' && testSize > 0 && testSize < 1) nTest = Math.ceil(testSize * n);
    else if (typeof testSize === 'number' && Number.isInteger(testSize) && testSize >= 1 && testSize < n) nTest = testSize;
    else throw new Error(`${op}: testSize must be a fraction in (0, 1) or an integer count from 1 to ${n - 1} (x has ${n} rows), got ${testSize}`);
    const nTrain = n - nTest;
    if (nTrain === 0) throw new Error(`${op}: with ${n} rows and testSize ${testSize} the train set would be empty`);
    const rows = (t: Tensor, start: number, k: number) => slice(t, [start, ...t.shape.slice(1).map(() => 0)], [k, ...t.shape.slice(1)]);
    if (!shuffle) return [rows(xt, 0, nTrain), rows(xt, nTrain, nTest), rows(yt, 0, nTrain), rows(yt, nTrain, nTest)];
    const p = permutation(n, seed);
    const test = tensor(p.subarray(0, nTest), [nTest], 'int32'), train = tensor(p.subarray(nTest), [nTrain], 'int32');
    return [gather(xt, train), gather(xt, test), gather(yt, train), gather(yt, test)];
  });
}
