// Random tensors (Philox4x32-10): reproducibility by seed and by tf.setSeed, statistics over 100k
// samples, ranges, and a known-answer test of the generator.
import { describe, expect, it } from 'vitest';
import { tf } from '../helpers.js';

const N = 100_000;
function stats(v: ArrayLike<number>) {
  let s = 0, s2 = 0, lo = Infinity, hi = -Infinity;
  for (let i = 0; i < v.length; i++) { s += v[i]; s2 += v[i] * v[i]; lo = Math.min(lo, v[i]); hi = Math.max(hi, v[i]); }
  const mean = s / v.length;
  return { mean, std: Math.sqrt(s2 / v.length - mean * mean), min: lo, max: hi };
}
const fraction = (v: ArrayLike<number>, f: (x: number) => boolean) => Array.prototype.filter.call(v, f).length / v.length;
const same = (a: tf.Tensor, b: tf.Tensor) => expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
const differ = (a: tf.Tensor, b: tf.Tensor) => {
  const x = a.dataSync(), y = b.dataSync();
  let equal = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === y[i]) equal++;
  expect(equal, 'elements equal in both').toBeLessThan(Math.max(2, x.length / 100));
};

describe('seeds', () => {
  const ops = {
    randomNormal: (shape: number[], seed?: number) => tf.randomNormal(shape, 0, 1, 'float32', seed),
    randomUniform: (shape: number[], seed?: number) => tf.randomUniform(shape, 0, 1, 'float32', seed),
    randomUniformInt: (shape: number[], seed?: number) => tf.randomUniform(shape, 0, 1_000_000, 'int32', seed),
    truncatedNormal: (shape: number[], seed?: number) => tf.truncatedNormal(shape, 0, 1, 'float32', seed),
  };
  for (const [name, op] of Object.entries(ops)) {
    it(`${name}: the same seed gives identical values, different seeds differ`, () => {
      same(op([3, 50], 42), op([3, 50], 42));
      differ(op([150], 42), op([150], 43));
      differ(op([150], 0), op([150], 1));
      differ(op([150], 1), op([150], -1));
      differ(op([150], 1), op([150], 2 ** 32 + 1));
      differ(op([150], 7), op([150])); // an unseeded call does not reuse a seed's stream
    });

    it(`${name}: element i depends only on the seed and i (a longer call extends a shorter one)`, () => {
      const short = op([7], 5).dataSync(), long = op([2, 500], 5).dataSync();
      expect(Array.from(long.subarray(0, 7))).toEqual(Array.from(short));
    });

    it(`${name}: tf.setSeed makes the sequence of unseeded calls reproducible`, () => {
      tf.setSeed(1234);
      const a1 = op([64]), b1 = op([64]);
      tf.setSeed(1234);
      const a2 = op([64]), b2 = op([64]);
      same(a1, a2);
      same(b1, b2);
      differ(a1, b1); // consecutive calls differ
      tf.setSeed(1235);
      differ(op([64]), a1);
      // a seeded call neither depends on nor advances the global sequence
      tf.setSeed(99);
      const c1 = op([16]);
      tf.setSeed(99);
      const s1 = op([16], 3);
      const c2 = op([16]);
      same(c1, c2);
      same(s1, op([16], 3));
    });
  }

  it('known answer: Philox4x32-10 with counter 0 and key 0 (Random123 test vector)', () => {
    // Seed words are (seed mod 2³², ⌊seed / 2³²⌋ xor 0x2545f491), so this seed gives key (0, 0); float32
    // uniforms in [0, 1) are the top 24 bits of each output word over 2²⁴.
    const u = tf.randomUniform([4], 0, 1, 'float32', 0x2545f491 * 2 ** 32).dataSync();
    expect(Array.from(u, (v) => v * 2 ** 24)).toEqual([0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8].map((w) => w >>> 8));
  });

  it('setSeed rejects non-finite seeds; seeded ops reject non-finite seeds', () => {
    expect(() => tf.setSeed(NaN)).toThrow(/^setSeed: /);
    expect(() => tf.randomNormal([2], 0, 1, 'float32', Infinity)).toThrow(/seed/);
  });
});

describe('distributions', () => {
  it('randomNormal: mean 0, std 1, 68.3% within 1σ and 95.4% within 2σ over 100k samples', () => {
    const v = tf.randomNormal([N], 0, 1, 'float32', 11).dataSync();
    const s = stats(v);
    expect(Math.abs(s.mean)).toBeLessThan(0.015);
    expect(Math.abs(s.std - 1)).toBeLessThan(0.015);
    expect(Math.abs(fraction(v, (x) => Math.abs(x) < 1) - 0.6827)).toBeLessThan(0.006);
    expect(Math.abs(fraction(v, (x) => Math.abs(x) < 2) - 0.9545)).toBeLessThan(0.004);
    expect(Math.abs(fraction(v, (x) => x > 0) - 0.5)).toBeLessThan(0.006);
    expect(s.max).toBeGreaterThan(3.5);
    expect(s.min).toBeLessThan(-3.5);
    expect(v.every(Number.isFinite)).toBe(true);
  });

  it('randomNormal with mean and stdDev; shapes and odd sizes', () => {
    const t = tf.randomNormal([250, 401], 5, 2, 'float32', 12);
    expect(t.shape).toEqual([250, 401]);
    expect(t.dtype).toBe('float32');
    const s = stats(t.dataSync());
    expect(Math.abs(s.mean - 5)).toBeLessThan(0.03);
    expect(Math.abs(s.std - 2)).toBeLessThan(0.03);
    expect(tf.randomNormal([3], 0, 1, 'float32', 1).shape).toEqual([3]);
    expect(tf.randomNormal([], 0, 1, 'float32', 1).shape).toEqual([]);
    expect(tf.randomNormal([0, 4]).shape).toEqual([0, 4]);
  });

  it('truncatedNormal: every sample within 2 std of the mean, std ≈ 0.8796·stdDev', () => {
    const v = tf.truncatedNormal([N], 0, 1, 'float32', 13).dataSync();
    const s = stats(v);
    expect(s.min).toBeGreaterThanOrEqual(-2);
    expect(s.max).toBeLessThanOrEqual(2);
    expect(Math.abs(s.mean)).toBeLessThan(0.015);
    expect(Math.abs(s.std - 0.8796)).toBeLessThan(0.01); // std of N(0,1) truncated to [-2, 2]
    expect(Math.abs(fraction(v, (x) => Math.abs(x) < 1) - 0.6827 / 0.9545)).toBeLessThan(0.006);
    expect(s.max).toBeGreaterThan(1.95);
    expect(s.min).toBeLessThan(-1.95);
    const w = tf.truncatedNormal([N], 3, 0.5, 'float32', 14).dataSync();
    const sw = stats(w);
    expect(sw.min).toBeGreaterThanOrEqual(3 - 2 * 0.5);
    expect(sw.max).toBeLessThanOrEqual(3 + 2 * 0.5);
    expect(Math.abs(sw.mean - 3)).toBeLessThan(0.01);
    expect(Math.abs(sw.std - 0.5 * 0.8796)).toBeLessThan(0.006);
  });

  it('randomUniform float32: within [minval, maxval), mean and variance of the uniform distribution', () => {
    const v = tf.randomUniform([N], -2, 3, 'float32', 15).dataSync();
    const s = stats(v);
    expect(s.min).toBeGreaterThanOrEqual(-2);
    expect(s.max).toBeLessThan(3);
    expect(Math.abs(s.mean - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(s.std - 5 / Math.sqrt(12))).toBeLessThan(0.015);
    expect(s.min).toBeLessThan(-1.99);
    expect(s.max).toBeGreaterThan(2.99);
    // deciles are equally full
    for (let d = 0; d < 10; d++) {
      expect(Math.abs(fraction(v, (x) => x >= -2 + d * 0.5 && x < -1.5 + d * 0.5) - 0.1)).toBeLessThan(0.005);
    }
    const u = tf.randomUniform([2, 3]);
    expect(u.dtype).toBe('float32');
    expect(u.shape).toEqual([2, 3]);
  });

  it('randomUniform int32: integers in [minval, maxval), every value about equally often', () => {
    const t = tf.randomUniform([N], -3, 4, 'int32', 16);
    expect(t.dtype).toBe('int32');
    const v = t.dataSync();
    expect(v.every((x) => Number.isInteger(x) && x >= -3 && x < 4)).toBe(true);
    for (let k = -3; k < 4; k++) expect(Math.abs(fraction(v, (x) => x === k) - 1 / 7)).toBeLessThan(0.006);
    const big = tf.randomUniform([N], 0, 1_000_000, 'int32', 17).dataSync();
    const s = stats(big);
    expect(s.min).toBeGreaterThanOrEqual(0);
    expect(s.max).toBeLessThan(1_000_000);
    expect(Math.abs(s.mean - 500_000)).toBeLessThan(5_000);
  });

  it('bad arguments are errors naming the op', () => {
    expect(() => tf.randomUniform([2], 1, 1)).toThrow(/^randomUniform: maxval 1 .*minval 1/);
    expect(() => tf.randomUniform([2], 0, 1, 'bool')).toThrow(/^randomUniform: dtype .*bool/);
    expect(() => tf.randomNormal([2], 0, 1, 'bool')).toThrow(/^randomNormal: dtype must be float32/);
    expect(() => tf.truncatedNormal([2], 0, 1, 'bool')).toThrow(/^truncatedNormal: dtype must be float32/);
    expect(() => tf.randomNormal([-1])).toThrow(/^randomNormal: shape \[-1\]/);
    expect(() => tf.randomUniform([1.5])).toThrow(/^randomUniform: shape \[1.5\]/);
    const n0 = tf.memory().numTensors;
    expect(() => tf.randomUniform([2], 0, 1, 'bool')).toThrow();
    expect(tf.memory().numTensors).toBe(n0);
    expect(tf.randomUniform([2], 0, 1, 'float32', 1).shape).toEqual([2]);
  });
});

describe('random dtypes (tfjs)', () => {
  it('dtype null is the default float32; int32 normal samples are the float32 ones rounded', () => {
    for (const f of [tf.randomNormal, tf.truncatedNormal]) {
      const a = f([50], 1, 3, null, 9), b = f([50], 1, 3, 'float32', 9), i = f([50], 1, 3, 'int32', 9);
      expect(a.dtype).toBe('float32');
      expect(a.arraySync()).toEqual(b.arraySync());
      expect(i.dtype).toBe('int32');
      expect(i.arraySync()).toEqual((b.arraySync() as number[]).map((v) => Math.round(v) || 0));
      expect(() => f([2], 0, 1, 'bool')).toThrow(/dtype must be float32 or int32, got bool/);
    }
    expect(tf.randomUniform([3], 0, 1, null, 1).dtype).toBe('float32');
  });
});
