// makeMoons and trainTestSplit against scikit-learn's definitions (Node and Chromium give the same numbers).
import { describe, expect, it } from 'vitest';
import { expectClose, tf } from '../helpers.js';

/** sklearn's make_moons without shuffle or noise, in float64. */
function moons(nOut: number, nIn: number): number[][] {
  const lin = (n: number) => Array.from({ length: n }, (_, i) => (n === 1 ? 0 : (Math.PI * i) / (n - 1)));
  return [...lin(nOut).map((t) => [Math.cos(t), Math.sin(t)]), ...lin(nIn).map((t) => [1 - Math.cos(t), 1 - Math.sin(t) - 0.5])];
}
const rowsOf = (x: tf.Tensor) => x.arraySync() as number[][];

describe('makeMoons', () => {
  it('noise-free and unshuffled: sklearn\'s points, outer moon (label 0) first', () => {
    for (const [n, nOut] of [[100, 50], [7, 3], [2, 1], [1, 0], [0, 0]]) {
      const [x, y] = tf.datasets.makeMoons({ nSamples: n, shuffle: false });
      expect([x.shape, x.dtype, y.shape, y.dtype]).toEqual([[n, 2], 'float32', [n], 'int32']);
      expectClose(x, moons(nOut, n - nOut).flat(), 0, 1e-6);
      expect(Array.from(y.dataSync())).toEqual([...new Array(nOut).fill(0), ...new Array(n - nOut).fill(1)]);
    }
    const [x, y] = tf.datasets.makeMoons({ nSamples: [2, 3], shuffle: false });
    expectClose(x, moons(2, 3).flat(), 0, 1e-6);
    expect(Array.from(y.dataSync())).toEqual([0, 0, 1, 1, 1]);
  });

  it('shuffled: the same points and labels in a seeded order, reproducible everywhere', () => {
    const [x, y] = tf.datasets.makeMoons({ nSamples: 8, seed: 0 });
    // pinned: Node and Chromium produce exactly these (Philox in wasm, sin/cos in wasm)
    expect(Array.from(y.dataSync())).toEqual([1, 0, 0, 0, 1, 0, 1, 1]);
    expect(Array.from(x.dataSync())).toEqual([1.5, -0.3660253882408142, 0.4999999701976776, 0.866025447845459, 1, 0,
      -0.5000000596046448, 0.8660253882408142, 2, 0.5000001192092896, -1, -8.742277657347586e-8, 0, 0.5, 0.5, -0.366025447845459]);
    const clean = moons(4, 4);
    const key = (r: number[]) => r.map((v) => v.toFixed(5)).join(',');
    const labelOf = new Map(clean.map((r, i) => [key(r), i < 4 ? 0 : 1]));
    rowsOf(x).forEach((r, i) => expect(labelOf.get(key(r.map((v) => (Math.abs(v) < 1e-6 ? 0 : v)))), `row ${i}`).toBe(y.dataSync()[i]));
    const [x2, y2] = tf.datasets.makeMoons({ nSamples: 8, seed: 0 });
    expect(x2.dataSync()).toEqual(x.dataSync());
    expect(y2.dataSync()).toEqual(y.dataSync());
    const [, y3] = tf.datasets.makeMoons({ nSamples: 100, seed: 1 });
    const [, y4] = tf.datasets.makeMoons({ nSamples: 100, seed: 2 });
    expect(Array.from(y3.dataSync())).not.toEqual(Array.from(y4.dataSync()));
    // unseeded: tf.setSeed's sequence
    tf.setSeed(11); const [a] = tf.datasets.makeMoons({ noise: 0.1 });
    tf.setSeed(11); const [b] = tf.datasets.makeMoons({ noise: 0.1 });
    expect(a.dataSync()).toEqual(b.dataSync());
  });

  it('noise: gaussian with stddev `noise` around the clean points, seeded', () => {
    const n = 4000, sigma = 0.2;
    const [x] = tf.datasets.makeMoons({ nSamples: n, noise: sigma, shuffle: false, seed: 5 });
    const clean = moons(n / 2, n / 2).flat(), d = x.dataSync();
    const r = Array.from(d, (v, i) => v - clean[i]);
    const mean = r.reduce((s, v) => s + v, 0) / r.length;
    const std = Math.sqrt(r.reduce((s, v) => s + (v - mean) ** 2, 0) / r.length);
    expect(Math.abs(mean)).toBeLessThan(0.01); // 4σ/√8000 ≈ 0.009
    expect(Math.abs(std / sigma - 1)).toBeLessThan(0.04);
    const [x2] = tf.datasets.makeMoons({ nSamples: n, noise: sigma, shuffle: false, seed: 5 });
    expect(x2.dataSync()).toEqual(d);
    const [x3] = tf.datasets.makeMoons({ nSamples: 8, noise: 0.1, seed: 0 });
    expect(Array.from(x3.dataSync())).toEqual([1.3517543077468872, -0.4142327308654785, 0.4755250811576843, 0.788998544216156,
      1.0526621341705322, 0.11072476953268051, -0.5081821084022522, 0.7948632836341858, 1.9985134601593018, 0.739435613155365,
      -1.1232589483261108, -0.005139311775565147, 0.015902668237686157, 0.3962109088897705, 0.46916067600250244, -0.40373146533966064]);
  });

  it('bad options are clear errors', () => {
    expect(() => tf.datasets.makeMoons({ nSamples: -1 })).toThrow('tf.datasets.makeMoons: nSamples must be a non-negative integer or a pair [outer, inner] of them, got -1');
    expect(() => tf.datasets.makeMoons({ nSamples: 2.5 })).toThrow('got 2.5');
    expect(() => tf.datasets.makeMoons({ nSamples: [1, 2, 3] as never })).toThrow('got [1,2,3]');
    expect(() => tf.datasets.makeMoons({ noise: -0.1 })).toThrow('tf.datasets.makeMoons: noise must be a finite number ≥ 0, got -0.1');
    expect(() => tf.datasets.makeMoons({ seed: NaN })).toThrow('tf.datasets.makeMoons: seed must be a finite number, got NaN');
  });
});

describe('trainTestSplit', () => {
  const x = () => tf.tensor(Array.from({ length: 20 }, (_, i) => i), [10, 2]);
  const y = () => tf.range(0, 10, 1, 'int32');

  it('sizes as sklearn: nTest = ceil(testSize·n) for a fraction, or a count', () => {
    for (const [testSize, nTest] of [[0.25, 3], [0.3, 3], [0.31, 4], [0.5, 5], [0.01, 1], [0.99, 10], [2, 2], [9, 9]]) {
      if (nTest === 10) {
        expect(() => tf.datasets.trainTestSplit(x(), y(), { testSize })).toThrow('tf.datasets.trainTestSplit: with 10 rows and testSize 0.99 the train set would be empty');
        continue;
      }
      const [xTr, xTe, yTr, yTe] = tf.datasets.trainTestSplit(x(), y(), { testSize, seed: 0 });
      expect([xTr.shape, xTe.shape, yTr.shape, yTe.shape]).toEqual([[10 - nTest, 2], [nTest, 2], [10 - nTest], [nTest]]);
    }
  });

  it('unshuffled: the first rows train and the last test', () => {
    const [xTr, xTe, yTr, yTe] = tf.datasets.trainTestSplit(x(), y(), { shuffle: false });
    expect(Array.from(yTr.dataSync())).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(yTe.dataSync())).toEqual([7, 8, 9]);
    expect(xTe.arraySync()).toEqual([[14, 15], [16, 17], [18, 19]]);
    expect(xTr.shape).toEqual([7, 2]);
  });

  it('shuffled: test = the first nTest of the seeded permutation, train the rest; rows stay paired', () => {
    const [xTr, xTe, yTr, yTe] = tf.datasets.trainTestSplit(x(), y(), { seed: 3 });
    const keys = tf.randomUniform([10], 0, 1, 'float32', 3).dataSync();
    const perm = Array.from({ length: 10 }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
    expect(Array.from(yTe.dataSync())).toEqual(perm.slice(0, 3));
    expect(Array.from(yTr.dataSync())).toEqual(perm.slice(3));
    expect(Array.from(yTe.dataSync())).toEqual([3, 7, 1]); // pinned: the same in Node and Chromium
    expect((xTr.arraySync() as number[][]).map((r) => r[0] / 2)).toEqual(Array.from(yTr.dataSync()));
    expect((xTe.arraySync() as number[][]).map((r) => r[1])).toEqual(Array.from(yTe.dataSync(), (v) => 2 * v + 1));
    const again = tf.datasets.trainTestSplit(x(), y(), { seed: 3 });
    expect(again[3].dataSync()).toEqual(yTe.dataSync());
  });

  it('takes arrays and higher-rank tensors and leaves no temporaries', () => {
    const before = tf.memory().numTensors;
    const out = tf.datasets.trainTestSplit([[1], [2], [3], [4]], [0, 1, 0, 1], { testSize: 1, shuffle: false });
    expect(out.map((t) => t.arraySync())).toEqual([[[1], [2], [3]], [[4]], [0, 1, 0], [1]]);
    expect(tf.memory().numTensors).toBe(before + 4);
    tf.dispose(out);
    const imgs = tf.zeros([6, 3, 3, 1]);
    const [a, b] = tf.datasets.trainTestSplit(imgs, tf.zeros([6]), { testSize: 0.5, seed: 1 });
    expect([a.shape, b.shape]).toEqual([[3, 3, 3, 1], [3, 3, 3, 1]]);
  });

  it('bad input is a clear error', () => {
    expect(() => tf.datasets.trainTestSplit(x(), tf.range(0, 9))).toThrow(
      'tf.datasets.trainTestSplit: x and y must have the same number of rows (first dimension): x is [10,2], y is [9]');
    expect(() => tf.datasets.trainTestSplit(tf.scalar(1), tf.scalar(1))).toThrow('x is [], y is []');
    for (const testSize of [0, 1.5, 10, -0.5, NaN]) {
      expect(() => tf.datasets.trainTestSplit(x(), y(), { testSize })).toThrow(
        `tf.datasets.trainTestSplit: testSize must be a fraction in (0, 1) or an integer count from 1 to 9 (x has 10 rows), got ${testSize}`);
    }
    expect(() => tf.datasets.trainTestSplit(x(), y(), { seed: Infinity })).toThrow('tf.datasets.trainTestSplit: seed must be a finite number, got Infinity');
  });
});
