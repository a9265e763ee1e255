// GaussianNoise, GaussianDropout, AlphaDropout, SpatialDropout1D/2D/3D: the identity in inference (as
// tfjs-layers), the noise's statistics in training, determinism with a seed and tf.setSeed, and the gradient
// (the noise mask) against finite differences of the same seeded noise.
import { describe, expect, it } from 'vitest';
import { expectClose, rand, tf } from '../helpers.js';
import { compareLayer, tfl, vals } from './oracle.js';

const L = tf.layers;

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const variance = (v: number[]) => { const m = mean(v); return v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length; };

/**
 * The tape's gradient of sum(layer(x) · r) in training against central finite differences, each evaluation a
 * fresh layer from make() (same seed, so the same noise), and returned for further checks.
 */
function gradVsFiniteDiff(make: () => tf.Layer, x: tf.Tensor, eps = 1e-2): tf.Tensor {
  const r = rand(x.shape, 7, 0.5, 1.5);
  const f = (xx: tf.Tensor) => tf.sum(tf.mul(make().apply(xx, { training: true }) as tf.Tensor, r));
  const g = tf.grad(f)(x);
  const base = vals(x), num: number[] = [];
  for (let i = 0; i < base.length; i++) {
    const at = (d: number) => { const v = base.slice(); v[i] += d; return f(tf.tensor(v, x.shape)).dataSync()[0]; };
    num.push((at(eps) - at(-eps)) / (2 * eps));
  }
  expectClose(g, num, 2e-2, 2e-3);
  return tf.div(g, r);
}

describe('inference is the identity (as tfjs-layers)', () => {
  it.each([
    ['gaussianNoise', { stddev: 0.3 }], ['gaussianDropout', { rate: 0.3 }], ['alphaDropout', { rate: 0.3 }],
    ['spatialDropout1d', { rate: 0.3 }],
  ] as const)('%s', async (name, args) => {
    const x = rand([2, 3, 4], 1);
    const ours = (L as any)[name](args) as tf.Layer;
    const y = await compareLayer(ours, (tfl.layers as any)[name](args), x);
    expectClose(y, x, 0, 0);
    expect(ours.computeOutputShape([null, 3, 4])).toEqual([null, 3, 4]);
  });
  it('spatialDropout2d/3d and rate 0 / stddev 0 in training', () => {
    const x4 = rand([2, 3, 4, 2], 2), x5 = rand([1, 2, 2, 2, 3], 3);
    expectClose(L.spatialDropout2d({ rate: 0.5 }).apply(x4) as tf.Tensor, x4, 0, 0);
    expectClose(L.spatialDropout3d({ rate: 0.5 }).apply(x5) as tf.Tensor, x5, 0, 0);
    expectClose(L.gaussianNoise({ stddev: 0 }).apply(x4, { training: true }) as tf.Tensor, x4, 0, 0);
    expectClose(L.gaussianDropout({ rate: 0 }).apply(x4, { training: true }) as tf.Tensor, x4, 0, 0);
    expectClose(L.alphaDropout({ rate: 0 }).apply(x4, { training: true }) as tf.Tensor, x4, 0, 0);
  });
});

describe('GaussianNoise', () => {
  it('adds N(0, stddev²) noise in training', () => {
    const y = L.gaussianNoise({ stddev: 0.5, seed: 1 }).apply(tf.fill([100, 100], 3), { training: true }) as tf.Tensor;
    const v = vals(y);
    expect(Math.abs(mean(v) - 3)).toBeLessThan(0.02);
    expect(Math.abs(Math.sqrt(variance(v)) - 0.5)).toBeLessThan(0.02);
  });
  it('gradient is 1 (finite differences of the same seeded noise)', () => {
    const mask = gradVsFiniteDiff(() => L.gaussianNoise({ stddev: 0.4, seed: 3 }), rand([2, 5], 4));
    expectClose(mask, tf.ones([2, 5]), 1e-6, 1e-6);
  });
  it('seeded layers repeat, each call draws new noise; tf.setSeed makes unseeded ones repeat', () => {
    const x = tf.zeros([4, 6]);
    const a = L.gaussianNoise({ stddev: 1, seed: 42 }), b = L.gaussianNoise({ stddev: 1, seed: 42 });
    const a1 = a.apply(x, { training: true }) as tf.Tensor, b1 = b.apply(x, { training: true }) as tf.Tensor;
    expectClose(a1, b1, 0, 0);
    const a2 = a.apply(x, { training: true }) as tf.Tensor;
    expect(vals(a2)).not.toEqual(vals(a1));
    expectClose(a2, b.apply(x, { training: true }) as tf.Tensor, 0, 0);
    tf.setSeed(7);
    const u1 = L.gaussianNoise({ stddev: 1 }).apply(x, { training: true }) as tf.Tensor;
    tf.setSeed(7);
    expectClose(L.gaussianNoise({ stddev: 1 }).apply(x, { training: true }) as tf.Tensor, u1, 0, 0);
  });
  it('config and errors', () => {
    expect(L.gaussianNoise({ stddev: 0.2, seed: 5 }).getConfig()).toMatchObject({ stddev: 0.2, seed: 5 });
    expect(() => L.gaussianNoise({ stddev: -1 })).toThrow(/stddev must be a finite number ≥ 0/);
    expect(() => L.gaussianNoise({} as any)).toThrow(/stddev must be/);
    expect(() => L.gaussianNoise({ stddev: 1, seed: 'x' as any })).toThrow(/seed must be a number/);
  });
});

describe('GaussianDropout', () => {
  it('multiplies by N(1, rate / (1 − rate)) noise in training', () => {
    const v = vals(L.gaussianDropout({ rate: 0.2, seed: 2 }).apply(tf.ones([100, 100]), { training: true }) as tf.Tensor);
    expect(Math.abs(mean(v) - 1)).toBeLessThan(0.02);
    expect(Math.abs(variance(v) - 0.25)).toBeLessThan(0.02);
  });
  it('gradient is the noise (finite differences of the same seeded noise)', () => {
    const x = rand([3, 4], 5, 0.5, 1.5);
    const noise = gradVsFiniteDiff(() => L.gaussianDropout({ rate: 0.3, seed: 9 }), x);
    const y = L.gaussianDropout({ rate: 0.3, seed: 9 }).apply(x, { training: true }) as tf.Tensor;
    expectClose(noise, tf.div(y, x), 1e-5, 1e-6);
  });
  it('config and errors', () => {
    expect(L.gaussianDropout({ rate: 0.1 }).getConfig()).toMatchObject({ rate: 0.1, seed: null });
    expect(() => L.gaussianDropout({ rate: 1 })).toThrow(/rate must be a number in \[0, 1\)/);
  });
});

describe('AlphaDropout', () => {
  const alphaP = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946;
  const coef = (p: number) => { const a = ((1 - p) * (1 + p * alphaP ** 2)) ** -0.5; return { a, b: -a * alphaP * p }; };

  it('keeps the mean and variance of standard-normal inputs', () => {
    const x = tf.randomNormal([200, 200], 0, 1, 'float32', 11);
    const v = vals(L.alphaDropout({ rate: 0.2, seed: 4 }).apply(x, { training: true }) as tf.Tensor);
    expect(Math.abs(mean(v))).toBeLessThan(0.02);
    expect(Math.abs(variance(v) - 1)).toBeLessThan(0.03);
  });
  it('kept units are a·x + b, dropped ones a·α′ + b (Keras; about rate of them)', () => {
    const p = 0.3, { a, b } = coef(p);
    const x = rand([50, 40], 6);
    const y = vals(L.alphaDropout({ rate: p, seed: 8 }).apply(x, { training: true }) as tf.Tensor), xs = vals(x);
    let dropped = 0;
    y.forEach((yi, i) => {
      if (Math.abs(yi - (a * alphaP + b)) < 1e-5) dropped++;
      else expect(yi).toBeCloseTo(a * xs[i] + b, 5);
    });
    expect(Math.abs(dropped / y.length - p)).toBeLessThan(0.04);
  });
  it('gradient is a·kept (finite differences of the same seeded noise); noiseShape shares the mask', () => {
    const { a } = coef(0.4);
    const mask = vals(gradVsFiniteDiff(() => L.alphaDropout({ rate: 0.4, seed: 12 }), rand([4, 6], 7)));
    expect(mask.every((m) => Math.abs(m) < 1e-6 || Math.abs(m - a) < 1e-5)).toBe(true);
    const rows = vals(gradVsFiniteDiff(() => L.alphaDropout({ rate: 0.5, noiseShape: [null, 1], seed: 3 }), rand([6, 5], 8)));
    for (let i = 0; i < 6; i++) expect(new Set(rows.slice(i * 5, i * 5 + 5).map((m) => Math.round(m * 1e4))).size).toBe(1);
  });
  it('config and errors', () => {
    expect(L.alphaDropout({ rate: 0.1, noiseShape: [null, 1] }).getConfig()).toMatchObject({ rate: 0.1, noiseShape: [null, 1], seed: null });
    expect(() => L.alphaDropout({ rate: -0.1 })).toThrow(/rate must be a number in \[0, 1\)/);
    expect(() => L.alphaDropout({ rate: 0.1, noiseShape: [0] })).toThrow(/noiseShape must be a list of positive integers/);
    expect(() => L.alphaDropout({ rate: 0.1, noiseShape: [3, 1], name: 'ad' }).apply(tf.zeros([2, 2]), { training: true }))
      .toThrow(/ad: noiseShape \[3,1\] must broadcast to the input \[2,2\]/);
  });
});

describe('SpatialDropout', () => {
  it('1D drops whole channels of every step: each (example, channel) is all 0 or all 1/(1 − rate)', () => {
    const y = L.spatialDropout1d({ rate: 0.5, seed: 1 }).apply(tf.ones([16, 5, 16]), { training: true }) as tf.Tensor;
    const a = y.arraySync() as number[][][];
    let zeros = 0;
    for (let b = 0; b < 16; b++) for (let c = 0; c < 16; c++) {
      const col = a[b].map((row) => row[c]);
      expect(new Set(col).size).toBe(1);
      expect([0, 2]).toContain(col[0]);
      if (col[0] === 0) zeros++;
    }
    expect(Math.abs(zeros / 256 - 0.5)).toBeLessThan(0.1);
  });
  it('2D (channelsLast and channelsFirst) and 3D share the mask over the spatial axes', () => {
    const y = L.spatialDropout2d({ rate: 0.5, seed: 2 }).apply(tf.ones([4, 3, 3, 8]), { training: true }) as tf.Tensor;
    const per = tf.max(y, [1, 2]), lo = tf.min(y, [1, 2]);
    expectClose(per, lo, 0, 0);
    const yf = L.spatialDropout2d({ rate: 0.5, seed: 2, dataFormat: 'channelsFirst' }).apply(tf.ones([4, 8, 3, 3]), { training: true }) as tf.Tensor;
    expectClose(tf.max(yf, [2, 3]), tf.min(yf, [2, 3]), 0, 0);
    const y3 = L.spatialDropout3d({ rate: 0.5, seed: 3 }).apply(tf.ones([2, 2, 3, 2, 6]), { training: true }) as tf.Tensor;
    expectClose(tf.max(y3, [1, 2, 3]), tf.min(y3, [1, 2, 3]), 0, 0);
  });
  it('gradient is the mask (finite differences of the same seeded noise)', () => {
    const x = rand([2, 3, 4], 4);
    const mask = gradVsFiniteDiff(() => L.spatialDropout1d({ rate: 0.5, seed: 6 }), x);
    const y = L.spatialDropout1d({ rate: 0.5, seed: 6 }).apply(x, { training: true }) as tf.Tensor;
    expectClose(tf.mul(mask, x), y, 1e-5, 1e-6);
    expect(vals(mask).every((m) => m === 0 || Math.abs(m - 2) < 1e-5)).toBe(true);
    gradVsFiniteDiff(() => L.spatialDropout2d({ rate: 0.3, seed: 6 }), rand([1, 2, 2, 3], 5));
  });
  it('config, rank and errors', () => {
    expect(L.spatialDropout1d({ rate: 0.2, seed: 1 }).getConfig()).toMatchObject({ rate: 0.2, seed: 1 });
    expect(L.spatialDropout2d({ rate: 0.2 }).getConfig()).toMatchObject({ rate: 0.2, seed: null, dataFormat: 'channelsLast' });
    expect(() => L.spatialDropout1d({ rate: 0.2, name: 's1' }).apply(tf.zeros([2, 3]))).toThrow(/s1: expected input of rank 3/);
    expect(() => L.spatialDropout2d({ rate: 1.5 })).toThrow(/rate must be a number in \[0, 1\)/);
  });
});

describe('in a model', () => {
  it('fit() trains through the noise layers and predict() is deterministic', async () => {
    const m = tf.sequential({ layers: [
      L.dense({ units: 8, inputShape: [4], activation: 'selu' }), L.alphaDropout({ rate: 0.1, seed: 1 }),
      L.gaussianNoise({ stddev: 0.05, seed: 2 }), L.gaussianDropout({ rate: 0.1, seed: 3 }), L.dense({ units: 1 })] });
    m.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    const x = rand([32, 4], 1), y = tf.sum(x, 1, true);
    const h = await m.fit(x, y, { epochs: 30, batchSize: 8, verbose: 0 });
    const loss = h.history.loss as number[];
    expect(loss[loss.length - 1]).toBeLessThan(loss[0]);
    expectClose(m.predict(x) as tf.Tensor, m.predict(x) as tf.Tensor, 0, 0);
  });
});

describe('no tensors leak', () => {
  it('calls of every layer of misc.ts, noise.ts and preprocessing.ts leave only their outputs (and built weights)', () => {
    const img = rand([1, 4, 5, 2], 1), seq = rand([2, 3, 4], 2), ints = tf.tensor2d([[0, 1], [2, 2]], [2, 2], 'int32');
    const cases: [tf.Layer, tf.Tensor][] = [
      [L.repeatVector({ n: 2 }), rand([2, 3], 3)], [L.permute({ dims: [2, 1] }), seq], [L.masking(), seq], [L.prelu(), seq],
      [L.thresholdedReLU(), seq], [L.identity(), seq], [L.gaussianNoise({ stddev: 1 }), seq], [L.gaussianDropout({ rate: 0.5 }), seq],
      [L.alphaDropout({ rate: 0.5 }), seq], [L.spatialDropout1d({ rate: 0.5 }), seq], [L.spatialDropout2d({ rate: 0.5 }), img],
      [L.spatialDropout3d({ rate: 0.5 }), tf.reshape(img, [1, 2, 2, 5, 2])], [L.rescaling({ scale: [1, 2] }), img],
      [L.resizing({ height: 3, width: 3, cropToAspectRatio: true }), img], [L.centerCrop({ height: 5, width: 3 }), img],
      [L.categoryEncoding({ numTokens: 3, outputMode: 'count' }), ints], [L.randomWidth({ factor: 0.5 }), img]];
    for (const [layer, x] of cases) {
      layer.apply(x); // build
      const before = tf.memory().numTensors;
      for (const training of [false, true]) {
        const y = layer.apply(x, { training }) as tf.Tensor;
        if (y !== x) y.dispose();
      }
      const mask = (layer as any).computeMask(x, null);
      mask?.dispose();
      expect(tf.memory().numTensors, layer.name).toBe(before);
    }
  });
});
