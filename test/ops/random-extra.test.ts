// randomStandardNormal, randomUniformInt, randomGamma, multinomial, rand: shapes and dtypes as tfjs,
// distribution moments (tfjs's generators differ, so not its exact draws), determinism with a seed.
import { describe, expect, it } from 'vitest';
import { tf } from '../helpers.js';

function moments(t: tf.Tensor): { mean: number; variance: number } {
  const v = Array.from(t.dataSync());
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return { mean, variance: v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length };
}

describe('randomStandardNormal', () => {
  it('mean 0, variance 1; seeded draws repeat; int32 rounds them (tfjs)', () => {
    const x = tf.randomStandardNormal([20000], 'float32', 5);
    const { mean, variance } = moments(x);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
    expect(Array.from(tf.randomStandardNormal([7], undefined, 5).dataSync())).toEqual(Array.from(x.dataSync().slice(0, 7)));
    expect(tf.randomStandardNormal([2, 3, 1, 2, 1]).shape).toEqual([2, 3, 1, 2, 1]);
    expect(() => tf.randomStandardNormal([2], 'bool' as 'int32')).toThrow(/^randomStandardNormal: dtype must be float32 or int32/);
    // int32: the float32 samples rounded (tfjs, as randomNormal)
    const i = tf.randomStandardNormal([7], 'int32', 5);
    expect(i.dtype).toBe('int32');
    expect(Array.from(i.dataSync())).toEqual(Array.from(x.dataSync().slice(0, 7)).map((v) => Math.round(v) | 0));
  });
});

describe('randomUniformInt', () => {
  it('integers in [minval, maxval), every one about equally often; seeded; spans up to 2^32 - 1', () => {
    const x = tf.randomUniformInt([30000], -3, 7, 11);
    expect(x.dtype).toBe('int32');
    const v = Array.from(x.dataSync());
    expect(Math.min(...v)).toBe(-3);
    expect(Math.max(...v)).toBe(6);
    for (let k = -3; k < 7; k++) expect(Math.abs(v.filter((u) => u === k).length / 30000 - 0.1)).toBeLessThan(0.01);
    expect(Array.from(tf.randomUniformInt([5], -3, 7, 11).dataSync())).toEqual(v.slice(0, 5));
    const wide = Array.from(tf.randomUniformInt([2000], -(2 ** 31), 2 ** 31 - 1, 3).dataSync());
    expect(wide.some((u) => u < -(2 ** 30)) && wide.some((u) => u > 2 ** 30)).toBe(true);
    expect(() => tf.randomUniformInt([2], 0.5, 3)).toThrow(/^randomUniformInt: minval must be an integer/);
    expect(() => tf.randomUniformInt([2], 3, 3)).toThrow(/^randomUniformInt: maxval 3 must be greater than minval 3/);
  });
});

describe('randomGamma', () => {
  it.each([[0.3, 1], [1, 1], [2, 2], [7.5, 0.5]])('alpha %f, beta %f: mean alpha/beta, variance alpha/beta² (TensorFlow)', (alpha, beta) => {
    const x = tf.randomGamma([40000], alpha, beta, 'float32', 17);
    const { mean, variance } = moments(x);
    expect(Math.abs(mean - alpha / beta)).toBeLessThan(0.03 * alpha / beta + 0.005);
    expect(Math.abs(variance - alpha / beta ** 2)).toBeLessThan(0.08 * alpha / beta ** 2);
    expect(Math.min(...Array.from(x.dataSync()))).toBeGreaterThanOrEqual(0);
  });
  it('seeded, int32 truncates, errors', () => {
    const a = tf.randomGamma([6], 2, 1, 'float32', 4), b = tf.randomGamma([6], 2, 1, 'float32', 4);
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    const i = tf.randomGamma([3, 4], 2, 2, 'int32', 4);
    expect(i.dtype).toBe('int32');
    expect(Array.from(i.dataSync())).toEqual(Array.from(tf.randomGamma([3, 4], 2, 2, 'float32', 4).dataSync(), Math.trunc));
    expect(() => tf.randomGamma([2], 0)).toThrow(/^randomGamma: alpha must be > 0, got 0/);
    expect(() => tf.randomGamma([2], 1, -1)).toThrow(/^randomGamma: beta must be > 0/);
  });
});

describe('multinomial', () => {
  it('frequencies follow softmax(logits) or the normalized probabilities; certain outcomes; seeded', () => {
    const p = [0.1, 0.2, 0.7];
    const n = 20000;
    const fromLogits = Array.from(tf.multinomial(p.map(Math.log), n, 3).dataSync());
    const fromProbs = Array.from(tf.multinomial(p, n, 4, true).dataSync());
    for (const s of [fromLogits, fromProbs]) {
      for (let k = 0; k < 3; k++) expect(Math.abs(s.filter((v) => v === k).length / n - p[k])).toBeLessThan(0.015);
    }
    const y = tf.multinomial([[0, 0, 1], [1, 0, 0], [0, 1, 0]], 50, undefined, true);
    expect(y.shape).toEqual([3, 50]);
    expect(y.dtype).toBe('int32');
    expect((y.arraySync() as number[][]).map((r) => [...new Set(r)])).toEqual([[2], [0], [1]]);
    expect(Array.from(tf.multinomial([1, 2, 3], 9, 42).dataSync())).toEqual(Array.from(tf.multinomial([1, 2, 3], 9, 42).dataSync()));
    expect(tf.multinomial([[1, 2]], 0).shape).toEqual([1, 0]);
  });
  it('errors: rank, numSamples', () => {
    expect(() => tf.multinomial([[[1, 2]]], 3)).toThrow(/^multinomial: logits must be rank 1 or 2/);
    expect(() => tf.multinomial([1, 2], -1)).toThrow(/^multinomial: numSamples must be a non-negative integer/);
  });
});

describe('rand', () => {
  it('fills from randFunction with the dtype (int32 truncates, bool nonzero)', () => {
    let k = 0;
    const x = tf.rand([2, 3], () => k++ + 0.5);
    expect(x.arraySync()).toEqual([[0.5, 1.5, 2.5], [3.5, 4.5, 5.5]]);
    expect(tf.rand([3], () => -1.7, 'int32').arraySync()).toEqual([-1, -1, -1]);
    expect(tf.rand([2], () => 0.25, 'bool').arraySync()).toEqual([true, true]);
    expect(() => tf.rand([2.5], () => 1)).toThrow(/^rand: /);
    expect(() => tf.rand([2], 3 as unknown as () => number)).toThrow(/^rand: randFunction must be a function/);
  });
});
