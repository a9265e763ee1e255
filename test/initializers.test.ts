// Initializers and regularizers: Keras' statistics, fans, seeding, string ids, errors.
import { describe, expect, it } from 'vitest';
import { initializers, getInitializer, computeFans } from '../src/initializers.js';
import { regularizers } from '../src/regularizers.js';
import { expectClose, tf } from './helpers.js';

const stats = (t: tf.Tensor) => {
  const v = Array.from(t.dataSync());
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
  return { mean, sd, min: Math.min(...v), max: Math.max(...v) };
};

describe('initializers', () => {
  it('fans follow Keras: dense [in, out], conv [kh, kw, in, out] × receptive field', () => {
    expect(computeFans([784, 256])).toEqual([784, 256]);
    expect(computeFans([3, 3, 16, 32])).toEqual([144, 288]);
    expect(computeFans([7])).toEqual([7, 7]);
  });

  it('glorotUniform draws from ±sqrt(6 / (fanIn + fanOut))', () => {
    const t = initializers.glorotUniform({ seed: 1 }).apply([300, 200]);
    const limit = Math.sqrt(6 / 500), s = stats(t);
    expect(s.max).toBeLessThanOrEqual(limit);
    expect(s.min).toBeGreaterThanOrEqual(-limit);
    expect(s.sd).toBeCloseTo(limit / Math.sqrt(3), 3);
  });

  it('heNormal / glorotNormal: truncated normals with the corrected standard deviation', () => {
    const he = stats(initializers.heNormal({ seed: 2 }).apply([400, 300]));
    expect(he.sd).toBeCloseTo(Math.sqrt(2 / 400), 3);
    expect(Math.abs(he.mean)).toBeLessThan(2e-3);
    expect(he.max).toBeLessThanOrEqual(2 * Math.sqrt(2 / 400) / 0.87962566103423978 + 1e-6);
    expect(stats(initializers.glorotNormal({ seed: 3 }).apply([400, 300])).sd).toBeCloseTo(Math.sqrt(2 / 700), 3);
  });

  it("varianceScaling: 'untruncatedNormal' (kaiming_normal_), Keras snake_case values, clear errors", () => {
    const u = stats(initializers.varianceScaling({ scale: 2, mode: 'fanIn', distribution: 'untruncatedNormal', seed: 4 }).apply([400, 300]));
    expect(u.sd).toBeCloseTo(Math.sqrt(2 / 400), 3);
    expect(u.max).toBeGreaterThan(2 * Math.sqrt(2 / 400)); // not truncated at 2σ
    const keras = getInitializer({ className: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'untruncated_normal', seed: 5 } });
    expect(stats(keras.apply([400, 300])).sd).toBeCloseTo(Math.sqrt(2 / 700), 3);
    expect(() => initializers.varianceScaling({ mode: 'fan_sideways' as never })).toThrow(/VarianceScaling: mode must be .*'fan_sideways'/);
    expect(() => initializers.varianceScaling({ distribution: 'cauchy' as never })).toThrow(/VarianceScaling: distribution must be .*'cauchy'/);
  });

  it('seeded initializers repeat, different seeds differ; zeros/ones/constant/identity', () => {
    expectClose(initializers.heUniform({ seed: 5 }).apply([10, 10]), initializers.heUniform({ seed: 5 }).apply([10, 10]), 0, 0);
    expect(Array.from(initializers.heUniform({ seed: 5 }).apply([4]).dataSync()))
      .not.toEqual(Array.from(initializers.heUniform({ seed: 6 }).apply([4]).dataSync()));
    expect(initializers.zeros().apply([2]).arraySync()).toEqual([0, 0]);
    expect(initializers.ones().apply([2]).arraySync()).toEqual([1, 1]);
    expect(initializers.constant({ value: 3 }).apply([2]).arraySync()).toEqual([3, 3]);
    expect(initializers.identity({ gain: 2 }).apply([2, 2]).arraySync()).toEqual([[2, 0], [0, 2]]);
    const rn = stats(initializers.randomNormal({ mean: 1, stddev: 0.5, seed: 1 }).apply([20000]));
    expect(rn.mean).toBeCloseTo(1, 1);
    expect(rn.sd).toBeCloseTo(0.5, 2);
  });

  it('orthogonal gives orthonormal columns (tall) or rows (wide)', () => {
    for (const shape of [[6, 4], [4, 6]]) {
      const q = initializers.orthogonal({ seed: 1 }).apply(shape);
      const g = shape[0] >= shape[1] ? tf.matMul(q, q, true, false) : tf.matMul(q, q, false, true);
      expectClose(g, tf.eye(Math.min(...shape)), 1e-5, 1e-5);
    }
  });

  it('string ids in camelCase and Keras snake_case; unknown ids are a clear error', () => {
    expect(getInitializer('glorot_uniform').className).toBe('GlorotUniform');
    expect(getInitializer('heNormal').className).toBe('HeNormal');
    expect(getInitializer('lecun_normal').className).toBe('LeCunNormal');
    expect(() => getInitializer('glorotUnifrom')).toThrow(/unknown initializer 'glorotUnifrom'/);
  });
});

describe('regularizers', () => {
  it('l1, l2 and l1l2 penalties as Keras computes them', () => {
    const w = tf.tensor([[1, -2], [3, -4]]);
    expect(regularizers.l2({ l2: 0.001 }).apply(w).item()).toBeCloseTo(0.03, 6);
    expect(regularizers.l2(0.001).apply(w).item()).toBeCloseTo(0.03, 6);
    expect(regularizers.l1({ l1: 0.1 }).apply(w).item()).toBeCloseTo(1, 6);
    expect(regularizers.l1l2({ l1: 0.1, l2: 0.001 }).apply(w).item()).toBeCloseTo(1.03, 6);
    expect(() => regularizers.l2(-1)).toThrow(/must be ≥ 0/);
  });
});
