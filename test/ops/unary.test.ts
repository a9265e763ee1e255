// Elementwise unary ops: values against float64 references and hand-checked edge cases (0, ±large,
// NaN, ±Infinity, int32 inputs), gradients against analytic derivatives, finite differences and
// TensorFlow.js (cpu), second derivatives through nested tapes, and error messages.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfcore from '@tensorflow/tfjs-core';
import { checkGrad, erfSeries, expectClose, oracle, tf } from '../helpers.js';

let tfc: typeof tfcore;
beforeAll(async () => { tfc = await oracle(); });

type F = (x: tf.Tensor) => tf.Tensor;
const SELU_SCALE = 1.0507009873554805, SELU_ALPHA = 1.6732632423543772;

/** erf in float64: Maclaurin series (converges fast enough for |x| ≤ 4, relative error < 1e-9). */
function erf64(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) > 4) return Math.sign(x);
  return erfSeries(x);
}
/** numpy's round: half to even. */
function roundEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
const sig = (x: number) => 1 / (1 + Math.exp(-x));
const softplus64 = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

interface Case {
  name: string;
  fn: F;
  /** float64 reference of the value */
  ref: (x: number) => number;
  /** analytic derivative (absent: no gradient, the tape gives zeros) */
  d?: (x: number) => number;
  /** TensorFlow.js's version (absent where tfjs-core has none) */
  tfjs?: (x: tfcore.Tensor) => tfcore.Tensor;
  /** where the derivative is checked: away from kinks and singularities */
  gradAt?: number[];
  /** int32 results for int32 inputs (TensorFlow keeps these integer) */
  intPreserving?: boolean;
  /** relative tolerance of the value against the float64 reference */
  rtol?: number;
}

const DEFAULT_GRAD = [-1.7, -0.6, -0.2, 0.3, 0.9, 1.6];
const POSITIVE = [0.3, 0.7, 1.1, 1.6, 2.5, 4];

const cases: Case[] = [
  { name: 'neg', fn: tf.neg, ref: (x) => -x, d: () => -1, tfjs: (x) => tfc.neg(x), intPreserving: true },
  { name: 'abs', fn: tf.abs, ref: Math.abs, d: Math.sign, tfjs: (x) => tfc.abs(x), intPreserving: true },
  { name: 'square', fn: tf.square, ref: (x) => x * x, d: (x) => 2 * x, tfjs: (x) => tfc.square(x), intPreserving: true },
  { name: 'sqrt', fn: tf.sqrt, ref: Math.sqrt, d: (x) => 0.5 / Math.sqrt(x), tfjs: (x) => tfc.sqrt(x), gradAt: POSITIVE },
  { name: 'exp', fn: tf.exp, ref: Math.exp, d: Math.exp, tfjs: (x) => tfc.exp(x) },
  { name: 'log', fn: tf.log, ref: Math.log, d: (x) => 1 / x, tfjs: (x) => tfc.log(x), gradAt: POSITIVE },
  { name: 'sigmoid', fn: tf.sigmoid, ref: sig, d: (x) => sig(x) * (1 - sig(x)), tfjs: (x) => tfc.sigmoid(x) },
  { name: 'tanh', fn: tf.tanh, ref: Math.tanh, d: (x) => 1 - Math.tanh(x) ** 2, tfjs: (x) => tfc.tanh(x) },
  { name: 'relu', fn: tf.relu, ref: (x) => (Number.isNaN(x) ? NaN : Math.max(x, 0)), d: (x) => (x > 0 ? 1 : 0), tfjs: (x) => tfc.relu(x), intPreserving: true },
  { name: 'sign', fn: tf.sign, ref: Math.sign, intPreserving: true },
  { name: 'floor', fn: tf.floor, ref: Math.floor, tfjs: (x) => tfc.floor(x) },
  { name: 'ceil', fn: tf.ceil, ref: Math.ceil, tfjs: (x) => tfc.ceil(x) },
  { name: 'round', fn: tf.round, ref: roundEven, tfjs: (x) => tfc.round(x), intPreserving: true },
  { name: 'reciprocal', fn: tf.reciprocal, ref: (x) => 1 / x, d: (x) => -1 / (x * x), tfjs: (x) => tfc.reciprocal(x), gradAt: [-2, -0.7, -0.4, 0.5, 0.8, 1.9] },
  { name: 'rsqrt', fn: tf.rsqrt, ref: (x) => 1 / Math.sqrt(x), d: (x) => -0.5 * x ** -1.5, tfjs: (x) => tfc.rsqrt(x), gradAt: POSITIVE },
  { name: 'log1p', fn: tf.log1p, ref: Math.log1p, d: (x) => 1 / (1 + x), tfjs: (x) => tfc.log1p(x), gradAt: [-0.6, -0.3, 0.05, 0.4, 1.2, 3] },
  { name: 'expm1', fn: tf.expm1, ref: Math.expm1, d: Math.exp, tfjs: (x) => tfc.expm1(x) },
  { name: 'sin', fn: tf.sin, ref: Math.sin, d: Math.cos, tfjs: (x) => tfc.sin(x) },
  { name: 'cos', fn: tf.cos, ref: Math.cos, d: (x) => -Math.sin(x), tfjs: (x) => tfc.cos(x) },
  { name: 'tan', fn: tf.tan, ref: Math.tan, d: (x) => 1 / Math.cos(x) ** 2, tfjs: (x) => tfc.tan(x), gradAt: [-1.2, -0.6, -0.1, 0.3, 0.8, 1.1] },
  { name: 'atan', fn: tf.atan, ref: Math.atan, d: (x) => 1 / (1 + x * x), tfjs: (x) => tfc.atan(x) },
  { name: 'asin', fn: tf.asin, ref: Math.asin, d: (x) => 1 / Math.sqrt(1 - x * x), tfjs: (x) => tfc.asin(x), gradAt: [-0.8, -0.5, -0.1, 0.2, 0.6, 0.85] },
  { name: 'acos', fn: tf.acos, ref: Math.acos, d: (x) => -1 / Math.sqrt(1 - x * x), tfjs: (x) => tfc.acos(x), gradAt: [-0.8, -0.5, -0.1, 0.2, 0.6, 0.85] },
  { name: 'relu6', fn: tf.relu6, ref: (x) => (Number.isNaN(x) ? NaN : Math.min(Math.max(x, 0), 6)), d: (x) => (x > 0 && x < 6 ? 1 : 0), tfjs: (x) => tfc.relu6(x), gradAt: [-1, 0.5, 2, 4, 5.5, 7], intPreserving: true },
  { name: 'softplus', fn: tf.softplus, ref: softplus64, d: sig, tfjs: (x) => tfc.softplus(x) },
  { name: 'erf', fn: tf.erf, ref: erf64, d: (x) => (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x), tfjs: (x) => tfc.erf(x), rtol: 5e-6 },
  { name: 'elu', fn: tf.elu, ref: (x) => (x > 0 ? x : Math.expm1(x)), d: (x) => (x > 0 ? 1 : Math.exp(x)), tfjs: (x) => tfc.elu(x) },
  { name: 'selu', fn: tf.selu, ref: (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)), d: (x) => SELU_SCALE * (x > 0 ? 1 : SELU_ALPHA * Math.exp(x)), tfjs: (x) => tfc.selu(x) },
  { name: 'softsign', fn: tf.softsign, ref: (x) => x / (1 + Math.abs(x)), d: (x) => 1 / (1 + Math.abs(x)) ** 2 },
];

// 13 values (SIMD body of 12 plus a scalar tail): zeros, signs, tiny, large, ±∞ and NaN in both parts.
const GRID = [0, -0, 0.5, -0.5, 1, -1, 2.5, -3.7, 1e-7, -1e-7, 100, -100, NaN];
const EXTRA = [Infinity, -Infinity, 0.25, -0.75, 6, 7.5, 1e-3, 20, -20, 0.99, -0.99];

const f32 = (v: number[]) => Array.from(Float32Array.from(v));
const toTfc = (t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype);

describe('unary values', () => {
  it('every op exported by unary.ts has a case here', () => {
    expect(cases.map((c) => c.name).sort()).toEqual([
      'abs', 'acos', 'asin', 'atan', 'ceil', 'cos', 'elu', 'erf', 'exp', 'expm1', 'floor', 'log', 'log1p', 'neg',
      'reciprocal', 'relu', 'relu6', 'round', 'rsqrt', 'selu', 'sigmoid', 'sign', 'sin', 'softplus', 'softsign',
      'sqrt', 'square', 'tan', 'tanh'].sort());
  });

  it.each(cases)('$name matches its float64 reference on zeros, signs, tiny, ±100, ±∞ and NaN', (c) => {
    for (const vals of [GRID, EXTRA, [0.1, -0.3, 3]]) {
      const x = tf.tensor(vals);
      const y = c.fn(x);
      expect(y.shape).toEqual([vals.length]);
      expect(y.dtype).toBe('float32');
      const xs = f32(vals);
      expectClose(y, xs.map((v) => Math.fround(c.ref(v))), c.rtol ?? 2e-6, 1e-30);
    }
  });

  it.each(cases.filter((c) => c.tfjs))('$name matches TensorFlow.js', (c) => {
    const vals = [...GRID, ...EXTRA, -2.2, 3.3, -0.05, 0.7];
    const ours = c.fn(tf.tensor(vals, [4, 7]));
    const theirs = c.tfjs!(tfc.tensor(vals, [4, 7]));
    expect(ours.shape).toEqual(theirs.shape);
    // tfjs's erf is an approximation (|error| ≈ 1e-7); its sign(NaN) is 0, TensorFlow's (and ours) NaN
    const exp = Array.from(theirs.dataSync()).map((v, i) => (c.name === 'sign' && Number.isNaN(vals[i]) ? NaN : v));
    expectClose(ours, exp, 1e-5, c.name === 'erf' ? 3e-7 : 1e-7);
  });

  it('hand-checked values', () => {
    expectClose(tf.neg([1, -2, 0]), [-1, 2, 0]);
    expectClose(tf.abs([-3, 0, 2.5, -0]), [3, 0, 2.5, 0]);
    expectClose(tf.square([-3, 0, 1.5]), [9, 0, 2.25]);
    expectClose(tf.sqrt([0, 4, 2.25, -1]), [0, 2, 1.5, NaN]);
    expectClose(tf.exp([0, 1, -Infinity, 89]), [1, Math.E, 0, Infinity]);
    expectClose(tf.log([1, Math.E, 0, -1]), [0, 1, -Infinity, NaN]);
    expectClose(tf.sigmoid([0, 100, -100, 1000, -1000]), [0.5, 1, Math.fround(sig(-100)), 1, 0], 1e-6, 1e-44);
    expectClose(tf.tanh([0, 100, -100, 1000, -1000]), [0, 1, -1, 1, -1]);
    expectClose(tf.relu([-1, 0, 2]), [0, 0, 2]);
    expectClose(tf.sign([-2, 0, 3, -0.5]), [-1, 0, 1, -1]);
    expectClose(tf.floor([-1.5, 1.5, 2, -0.1]), [-2, 1, 2, -1]);
    expectClose(tf.ceil([-1.5, 1.5, 2, -0.1]), [-1, 2, 2, 0]);
    // half to even, in the SIMD body and the scalar tail
    expectClose(tf.round([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.7, -3.2, 0.5]), [0, 2, 2, 0, -2, -2, 4, -3, 0]);
    expectClose(tf.reciprocal([2, -4, 0]), [0.5, -0.25, Infinity]);
    expectClose(tf.rsqrt([4, 0.25, 0, -1]), [0.5, 2, Infinity, NaN]);
    expectClose(tf.log1p([0, Math.E - 1, -1, -2]), [0, 1, -Infinity, NaN]);
    expectClose(tf.expm1([0, 1, -Infinity]), [0, Math.E - 1, -1]);
    expectClose(tf.sin([0, Math.PI / 2, -Math.PI / 6]), [0, 1, -0.5], 1e-6, 1e-7);
    expectClose(tf.cos([0, Math.PI, Math.PI / 3]), [1, -1, 0.5], 1e-6, 1e-7);
    expectClose(tf.tan([0, Math.PI / 4, -Math.PI / 4]), [0, 1, -1], 1e-6, 1e-7);
    expectClose(tf.atan([0, 1, -1, Infinity]), [0, Math.PI / 4, -Math.PI / 4, Math.PI / 2], 1e-6);
    expectClose(tf.asin([0, 1, -0.5, 1.5]), [0, Math.PI / 2, -Math.PI / 6, NaN], 1e-6);
    expectClose(tf.acos([1, 0, -1, 0.5, -1.5]), [0, Math.PI / 2, Math.PI, Math.PI / 3, NaN], 1e-6);
    expectClose(tf.relu6([-1, 0, 3, 6, 7, 100]), [0, 0, 3, 6, 6, 6]);
    expectClose(tf.softplus([0, 100, -100, 1000, -1000]), [Math.LN2, 100, Math.fround(Math.exp(-100)), 1000, 0], 1e-6, 1e-44);
    expectClose(tf.erf([0, 0.5, 1, -2, 10, -10]), [0, 0.5204998778130465, 0.8427007929497149, -0.9953222650189527, 1, -1], 2e-6);
    expectClose(tf.elu([-1, 0, 2, -100]), [Math.expm1(-1), 0, 2, -1]);
    expectClose(tf.selu([-1, 0, 2, -100]), [SELU_SCALE * SELU_ALPHA * Math.expm1(-1), 0, 2 * SELU_SCALE, -SELU_SCALE * SELU_ALPHA]);
    expectClose(tf.softsign([-3, 0, 1, 1000]), [-0.75, 0, 0.5, 1000 / 1001]);
  });

  it('accuracy near 0: log1p and expm1 keep the digits that log(1 + x) and exp(x) - 1 lose', () => {
    const x = [1e-10, -1e-10, 1e-6, -3e-8];
    expectClose(tf.log1p(x), f32(x).map(Math.log1p), 1e-6, 0);
    expectClose(tf.expm1(x), f32(x).map(Math.expm1), 1e-6, 0);
  });

  it('sigmoid, tanh and softplus are stable at ±large values (no NaN, saturate correctly)', () => {
    const big = [50, -50, 88, -88, 89, -89, 100, -100, 1e4, -1e4, 3e38, -3e38];
    for (const [f, ref] of [[tf.sigmoid, sig], [tf.tanh, Math.tanh], [tf.softplus, softplus64]] as const) {
      const y = Array.from(f(tf.tensor(big)).dataSync());
      y.forEach((v) => expect(Number.isNaN(v)).toBe(false));
      expectClose(y, f32(big).map((v) => Math.fround(ref(v))), 1e-6, 1e-44);
    }
  });

  it('scalars, higher ranks, empty tensors and JS values as input', () => {
    const s = tf.exp(tf.scalar(1));
    expect(s.shape).toEqual([]);
    expectClose(s, [Math.E]);
    expectClose(tf.exp(2), [Math.exp(2)]);
    const m = tf.square([[1, 2], [3, 4]]);
    expect(m.shape).toEqual([2, 2]);
    expect(m.arraySync()).toEqual([[1, 4], [9, 16]]);
    const r4 = tf.relu(tf.tensor([-1, 2, -3, 4, 5, -6, 7, -8], [2, 1, 2, 2]));
    expect(r4.shape).toEqual([2, 1, 2, 2]);
    expectClose(r4, [0, 2, 0, 4, 5, 0, 7, 0]);
    const e = tf.sigmoid(tf.zeros([0, 3]));
    expect(e.shape).toEqual([0, 3]);
    expect(e.size).toBe(0);
    expectClose(tf.neg(new Float32Array([1, -2])), [-1, 2]);
    // chained methods on Tensor
    expectClose(tf.tensor([0.25, 4]).sqrt().neg(), [-0.5, -2]);
  });

  it('a large tensor (SIMD body plus tail) equals the elementwise reference', () => {
    const n = 1031;
    const vals = Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) * 10);
    for (const c of cases) {
      expectClose(c.fn(tf.tensor(vals)), f32(vals).map((v) => Math.fround(c.ref(v))), c.name === 'tan' ? 1e-5 : 2e-6, 1e-6);
    }
  });

  it('int32 inputs: neg, abs, square, sign, relu, relu6, round stay int32; the others give float32', () => {
    const vals = [-7, -1, 0, 1, 3, 8];
    const x = tf.tensor(vals, [6], 'int32');
    for (const c of cases) {
      const y = c.fn(x);
      expect(y.dtype, c.name).toBe(c.intPreserving ? 'int32' : 'float32');
      expectClose(y, vals.map((v) => Math.fround(c.ref(v))), 2e-6, 1e-30);
    }
    expect(tf.neg(tf.tensor([2, -5], [2], 'int32')).arraySync()).toEqual([-2, 5]);
    expect(tf.square(tf.tensor([-4000], [1], 'int32')).arraySync()).toEqual([16000000]);
    expect(tf.relu6(tf.tensor([-3, 4, 9], [3], 'int32')).arraySync()).toEqual([0, 4, 6]);
    expect(tf.sign(tf.tensor([-3, 0, 9], [3], 'int32')).arraySync()).toEqual([-1, 0, 1]);
    expect(tf.round(tf.tensor([-3, 0, 9], [3], 'int32')).arraySync()).toEqual([-3, 0, 9]);
  });

  it('int32 values match TensorFlow.js where tfjs keeps them integer too', () => {
    const vals = [-7, -1, 0, 1, 3, 8];
    for (const op of ['neg', 'abs', 'square', 'sign', 'relu', 'relu6', 'round'] as const) {
      const ours = tf[op](tf.tensor(vals, [6], 'int32'));
      const theirs = tfc[op](tfc.tensor(vals, [6], 'int32'));
      expect(ours.dtype, op).toBe(theirs.dtype);
      expect(Array.from(ours.dataSync()), op).toEqual(Array.from(theirs.dataSync()));
    }
  });
});

describe('unary gradients', () => {
  const withGrad = cases.filter((c) => c.d);

  it.each(withGrad)('$name: tape gradient equals the analytic derivative', (c) => {
    const pts = c.gradAt ?? DEFAULT_GRAD;
    const x = tf.tensor(pts, [2, 3]);
    const dy = tf.tensor([1, -2, 0.5, 3, 1, -1], [2, 3]);
    const tape = new tf.GradientTape();
    tape.watch(x);
    const g = tape.gradient(c.fn(x), x, dy)!;
    expect(g.shape).toEqual([2, 3]);
    expect(g.dtype).toBe('float32');
    const d = Array.from(dy.dataSync());
    expectClose(g, f32(pts).map((v, i) => d[i] * c.d!(v)), 1e-5, 1e-6);
  });

  it.each(withGrad)('$name: finite differences', (c) => {
    checkGrad(c.fn, [tf.tensor(c.gradAt ?? DEFAULT_GRAD, [2, 3])]);
  });

  it.each(cases.filter((c) => c.tfjs))('$name: gradient matches TensorFlow.js', (c) => {
    const pts = c.gradAt ?? DEFAULT_GRAD;
    const dy = [0.5, -1, 2, 1, -0.25, 1.5];
    const tape = new tf.GradientTape();
    const x = tf.tensor(pts, [3, 2]);
    tape.watch(x);
    const g = tape.gradient(c.fn(x), x, tf.tensor(dy, [3, 2]), 'zero')!;
    const go = tfc.grad((t: tfcore.Tensor) => c.tfjs!(t))(tfc.tensor(pts, [3, 2]), tfc.tensor(dy, [3, 2]));
    expectClose(g, Array.from(go.dataSync()), c.name === 'erf' ? 1e-5 : 2e-6, 1e-6);
  });

  it('sign, floor, ceil and round have zero gradient (tape gives null, or zeros when asked)', () => {
    for (const f of [tf.sign, tf.floor, tf.ceil, tf.round]) {
      const x = tf.tensor([0.3, -1.2, 2.5]);
      const t1 = new tf.GradientTape();
      t1.watch(x);
      expect(t1.gradient(tf.sum(f(x)), x)).toBeNull();
      const t2 = new tf.GradientTape();
      t2.watch(x);
      expectClose(t2.gradient(tf.sum(f(x)), x, null, 'zero')!, [0, 0, 0]);
      // and the op does not break the chain for other paths
      const t3 = new tf.GradientTape();
      t3.watch(x);
      expectClose(t3.gradient(tf.add(f(x), tf.square(x)), x)!, f32([0.6, -2.4, 5]));
    }
  });

  it('gradients at the kinks follow TensorFlow: relu, abs and sign-based ops give 0 at 0; relu6 0 at 0 and 6', () => {
    const x = tf.tensor([0, 6, -0]);
    for (const [f, want] of [[tf.relu, [0, 1, 0]], [tf.abs, [0, 1, 0]], [tf.relu6, [0, 0, 0]], [tf.elu, [1, 1, 1]]] as const) {
      const tape = new tf.GradientTape();
      tape.watch(x);
      expectClose(tape.gradient(f(x), x)!, want as unknown as number[]);
    }
  });

  it('chains: d/dx sum(exp(sin(x)) · sigmoid(x)) against finite differences and TensorFlow.js', () => {
    const f = (x: tf.Tensor) => tf.mul(tf.exp(tf.sin(x)), tf.sigmoid(x));
    const pts = [-1.3, -0.4, 0.2, 0.8, 1.7, 2.6];
    checkGrad(f, [tf.tensor(pts, [6])]);
    const tape = new tf.GradientTape();
    const x = tf.tensor(pts);
    tape.watch(x);
    const g = tape.gradient(f(x), x)!;
    const go = tfc.grad((t: tfcore.Tensor) => tfc.mul(tfc.exp(tfc.sin(t)), tfc.sigmoid(t)))(tfc.tensor(pts));
    expectClose(g, Array.from(go.dataSync()), 1e-5);
  });

  it('using the same input twice sums both paths: d/dx (tanh(x) + tanh(x)·x)', () => {
    const pts = [-0.7, 0.1, 1.2];
    const x = tf.tensor(pts);
    const tape = new tf.GradientTape();
    tape.watch(x);
    const t = tf.tanh(x);
    const g = tape.gradient(tf.add(t, tf.mul(t, x)), x)!;
    expectClose(g, f32(pts).map((v) => (1 - Math.tanh(v) ** 2) * (1 + v) + Math.tanh(v)), 1e-5);
  });

  it('int32 inputs are not differentiated (no gradient, like TensorFlow)', () => {
    const x = tf.tensor([1, 2], [2], 'int32');
    const tape = new tf.GradientTape();
    tape.watch(x);
    expect(tape.gradient(tf.sum(tf.square(x)), x)).toBeNull();
  });

  it('gradients survive tidy disposing the intermediates', () => {
    const x = tf.tensor([0.3, 1.1]);
    const tape = new tf.GradientTape();
    tape.watch(x);
    const y = tf.tidy(() => tf.sum(tf.exp(tf.sqrt(x))));
    const g = tape.gradient(y, x)!;
    expectClose(g, f32([0.3, 1.1]).map((v) => Math.exp(Math.sqrt(v)) * 0.5 / Math.sqrt(v)), 1e-5);
  });
});

describe('unary second derivatives (nested tapes)', () => {
  /** Elementwise second derivative of f at x via two nested tapes. */
  function second(f: F, x: tf.Tensor): tf.Tensor {
    const outer = new tf.GradientTape();
    outer.watch(x);
    const inner = new tf.GradientTape();
    inner.watch(x);
    const g = inner.gradient(tf.sum(f(x)), x)!;
    return outer.gradient(tf.sum(g), x)!;
  }
  const pts = [-2.1, -0.9, -0.2, 0.4, 1.3, 2.2];
  const s2: Array<[string, F, (x: number) => number]> = [
    ['exp', tf.exp, Math.exp],
    ['sigmoid', tf.sigmoid, (x) => sig(x) * (1 - sig(x)) * (1 - 2 * sig(x))],
    ['tanh', tf.tanh, (x) => -2 * Math.tanh(x) * (1 - Math.tanh(x) ** 2)],
    ['sin', tf.sin, (x) => -Math.sin(x)],
    ['cos', tf.cos, (x) => -Math.cos(x)],
    ['square', tf.square, () => 2],
    ['softplus', tf.softplus, (x) => sig(x) * (1 - sig(x))],
    ['erf', tf.erf, (x) => (-4 * x / Math.sqrt(Math.PI)) * Math.exp(-x * x)],
    ['atan', tf.atan, (x) => -2 * x / (1 + x * x) ** 2],
    ['expm1', tf.expm1, Math.exp],
    ['softsign', tf.softsign, (x) => -2 * Math.sign(x) / (1 + Math.abs(x)) ** 3],
    ['relu', tf.relu, () => 0], // zeros, not unconnected, as TensorFlow's ReluGradGrad
  ];

  // (TensorFlow.js cannot differentiate the gradients of ops that save their output, e.g. exp, so
  // the references here are analytic, plus finite differences of the tape's first derivative.)
  it.each(s2)('%s: analytic second derivative; finite differences of the first derivative', (_n, f, d2) => {
    const x = tf.tensor(pts);
    expectClose(second(f, x), f32(pts).map(d2), 1e-4, 1e-6);
    const firstDerivative = (t: tf.Tensor) => {
      const tape = new tf.GradientTape();
      tape.watch(t);
      return tape.gradient(tf.sum(f(t)), t)!;
    };
    checkGrad(firstDerivative, [tf.tensor(pts)]);
  });

  it('second derivatives of sqrt, log, reciprocal and rsqrt (the "y"/"xy"-saving gradients)', () => {
    const p = [0.4, 0.9, 1.7, 3.2];
    const x = tf.tensor(p);
    expectClose(second(tf.sqrt, x), f32(p).map((v) => -0.25 * v ** -1.5), 1e-4);
    expectClose(second(tf.log, x), f32(p).map((v) => -1 / (v * v)), 1e-4);
    expectClose(second(tf.reciprocal, x), f32(p).map((v) => 2 / v ** 3), 1e-4);
    expectClose(second(tf.rsqrt, x), f32(p).map((v) => 0.75 * v ** -2.5), 1e-4);
  });

  it('second derivatives of elu and selu on both sides of 0', () => {
    const p = [-1.5, -0.3, 0.4, 2];
    const x = tf.tensor(p);
    expectClose(second(tf.elu, x), f32(p).map((v) => (v > 0 ? 0 : Math.exp(v))), 1e-4, 1e-6);
    expectClose(second(tf.selu, x), f32(p).map((v) => (v > 0 ? 0 : SELU_SCALE * SELU_ALPHA * Math.exp(v))), 1e-4, 1e-6);
  });

  it('third derivative of exp through three tapes', () => {
    const x = tf.tensor([0.5, -1]);
    const t3 = new tf.GradientTape(); t3.watch(x);
    const t2 = new tf.GradientTape(); t2.watch(x);
    const t1 = new tf.GradientTape(); t1.watch(x);
    const g1 = t1.gradient(tf.sum(tf.exp(x)), x)!;
    const g2 = t2.gradient(tf.sum(g1), x)!;
    const g3 = t3.gradient(tf.sum(g2), x)!;
    expectClose(g3, [Math.exp(0.5), Math.exp(-1)], 1e-5);
  });
});

describe('unary errors', () => {
  it('bool input names the op, the argument and the dtype', () => {
    for (const c of cases) {
      expect(() => c.fn(tf.tensor([true, false]))).toThrow(new RegExp(`^${c.name}: argument 'x' must be float32 or int32, got bool`));
    }
  });

  it('a disposed tensor names the op and says disposed', () => {
    const x = tf.tensor([1, 2]);
    x.dispose();
    for (const c of cases) expect(() => c.fn(x)).toThrow(new RegExp(`${c.name}: .*disposed`));
  });

  it('null, undefined, strings and ragged arrays name the op', () => {
    expect(() => tf.exp(null as never)).toThrow(/exp: argument 'x' is null/);
    expect(() => tf.log(undefined as never)).toThrow(/log: argument 'x' is undefined/);
    expect(() => tf.sqrt('abc' as never)).toThrow(/sqrt/);
    expect(() => tf.tanh([[1, 2], [3]] as never)).toThrow(/tanh: ragged/);
    expect(() => tf.sin([1, 'a'] as never)).toThrow(/sin/);
  });

  it('ops free what they make from JS values (tf.memory().numTensors stays flat, as in tfjs)', () => {
    const x = tf.tensor([1, 2]), i = tf.tensor([1, 2], [2], 'int32');
    const n0 = tf.memory().numTensors;
    for (const f of [() => tf.exp([1, 2]), () => tf.exp(i), () => tf.neg(i), () => tf.sqrt(3), () => tf.relu6(x)]) {
      f().dispose();
      expect(tf.memory().numTensors).toBe(n0);
    }
  });

  it('the library keeps working after errors and nothing leaks', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      for (const c of cases) expect(() => c.fn(tf.tensor([true]))).toThrow();
    });
    expect(tf.memory().numTensors).toBe(before);
    const x = tf.tensor([1, 4]);
    const tape = new tf.GradientTape();
    tape.watch(x);
    expect(() => tf.sqrt(tf.tensor([false]))).toThrow(/sqrt/);
    const g = tape.gradient(tf.sum(tf.sqrt(x)), x)!;
    expectClose(g, [0.5, 0.25]);
    expectClose(tf.exp([0]), [1]);
  });

  it('int32 neg/abs/square/relu/relu6/round are exact in int32 beyond 2^24, wrapping as TensorFlow', () => {
    const x = tf.tensor1d([16777217, -16777219, 2147483647, -2147483648, -65537, 7], 'int32');
    expect(Array.from(tf.neg(x).dataSync())).toEqual([-16777217, 16777219, -2147483647, -2147483648, 65537, -7]);
    expect(Array.from(tf.abs(x).dataSync())).toEqual([16777217, 16777219, 2147483647, -2147483648, 65537, 7]);
    expect(Array.from(tf.square(x).dataSync())).toEqual([33554433, 100663305, 1, 0, 131073, 49]);
    expect(Array.from(tf.relu(x).dataSync())).toEqual([16777217, 0, 2147483647, 0, 0, 7]);
    expect(Array.from(tf.relu6(x).dataSync())).toEqual([6, 0, 6, 0, 0, 6]);
    expect(Array.from(tf.round(x).dataSync())).toEqual(Array.from(x.dataSync()));
    expect(tf.neg(x).dtype).toBe('int32');
  });
});

describe('step with int32 (tfjs)', () => {
  it('keeps int32 for a whole alpha, float32 for a fractional one', () => {
    const x = tf.tensor1d([1, -2, 0, 12345678, -12345678], 'int32');
    const a = tf.step(x), b = tf.step(x, -3), c = tf.step(x, 0.5);
    expect([a.dtype, b.dtype, c.dtype]).toEqual(['int32', 'int32', 'float32']);
    expect(a.arraySync()).toEqual([1, 0, 0, 1, 0]);
    expect(b.arraySync()).toEqual([1, -3, -3, 1, -3]);
    expect(c.arraySync()).toEqual([1, 0.5, 0.5, 1, 0.5]);
  });
});
