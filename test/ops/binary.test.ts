// Elementwise binary ops with broadcasting: values against float64 references and hand-checked
// cases (signs, zeros, NaN, ±∞, int32 and bool operands, JS numbers, dtype upcasting), gradients against
// analytic derivatives, finite differences and TensorFlow.js (cpu) — including the sum over broadcast
// axes — second derivatives through nested tapes, and error messages.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfcore from '@tensorflow/tfjs-core';
import { checkGrad, expectClose, oracle, tf } from '../helpers.js';

let tfc: typeof tfcore;
beforeAll(async () => { tfc = await oracle(); });

type F2 = (a: tf.TensorLike, b: tf.TensorLike) => tf.Tensor;
type T2 = (a: tfcore.Tensor, b: tfcore.Tensor) => tfcore.Tensor;

/** Floored modulo in float64 (TensorFlow's FloorMod: fmod, then shifted into b's sign). */
function floorMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && (r < 0) !== (b < 0) ? r + b : r;
}

interface Case {
  name: string;
  fn: F2;
  ref: (a: number, b: number) => number;
  /** analytic partial derivatives (absent: the op has no gradient) */
  da?: (a: number, b: number) => number;
  db?: (a: number, b: number) => number;
  tfjs: () => T2;
}

const cases: Case[] = [
  { name: 'add', fn: tf.add, ref: (a, b) => a + b, da: () => 1, db: () => 1, tfjs: () => tfc.add },
  { name: 'sub', fn: tf.sub, ref: (a, b) => a - b, da: () => 1, db: () => -1, tfjs: () => tfc.sub },
  { name: 'mul', fn: tf.mul, ref: (a, b) => a * b, da: (_a, b) => b, db: (a) => a, tfjs: () => tfc.mul },
  { name: 'div', fn: tf.div, ref: (a, b) => a / b, da: (_a, b) => 1 / b, db: (a, b) => -a / (b * b), tfjs: () => tfc.div },
  { name: 'floorDiv', fn: tf.floorDiv, ref: (a, b) => Math.floor(a / b), tfjs: () => tfc.floorDiv },
  { name: 'mod', fn: tf.mod, ref: floorMod, da: () => 1, db: (a, b) => -Math.floor(a / b), tfjs: () => tfc.mod },
  { name: 'pow', fn: tf.pow, ref: Math.pow, da: (a, b) => b * a ** (b - 1), db: (a, b) => a ** b * Math.log(a), tfjs: () => tfc.pow },
  { name: 'maximum', fn: tf.maximum, ref: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b)), da: (a, b) => (a >= b ? 1 : 0), db: (a, b) => (a >= b ? 0 : 1), tfjs: () => tfc.maximum },
  { name: 'minimum', fn: tf.minimum, ref: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b)), da: (a, b) => (a <= b ? 1 : 0), db: (a, b) => (a <= b ? 0 : 1), tfjs: () => tfc.minimum },
  { name: 'squaredDifference', fn: tf.squaredDifference, ref: (a, b) => (a - b) ** 2, da: (a, b) => 2 * (a - b), db: (a, b) => -2 * (a - b), tfjs: () => tfc.squaredDifference },
  { name: 'atan2', fn: tf.atan2, ref: Math.atan2, da: (a, b) => b / (a * a + b * b), db: (a, b) => -a / (a * a + b * b), tfjs: () => tfc.atan2 },
];
const differentiable = cases.filter((c) => c.da);

/** Deterministic values in [lo, hi); `signed` flips every other one negative. */
function data(n: number, seed: number, lo: number, hi: number, signed = false): number[] {
  let s = seed * 2654435761 % 4294967296;
  return Array.from({ length: n }, (_, i) => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    const v = Math.fround(lo + (hi - lo) * (s / 4294967296));
    return signed && i % 2 === 1 ? -v : v;
  });
}
const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
const f32 = (v: number[]) => Array.from(Float32Array.from(v));

/** Float64 reference of op over numpy-broadcast operands. */
function broadcastRef(ref: (a: number, b: number) => number, a: number[], sa: number[], b: number[], sb: number[]) {
  const r = Math.max(sa.length, sb.length);
  const pa = [...Array(r - sa.length).fill(1), ...sa], pb = [...Array(r - sb.length).fill(1), ...sb];
  const out = pa.map((d, i) => (d === 1 ? pb[i] : d));
  const n = size(out), res: number[] = [];
  const idx = new Array<number>(r).fill(0);
  for (let k = 0; k < n; k++) {
    let ia = 0, ib = 0;
    for (let d = 0; d < r; d++) {
      ia = ia * pa[d] + (pa[d] === 1 ? 0 : idx[d]);
      ib = ib * pb[d] + (pb[d] === 1 ? 0 : idx[d]);
    }
    res.push(ref(a[ia], b[ib]));
    for (let d = r - 1; d >= 0; d--) { if (++idx[d] < out[d]) break; idx[d] = 0; }
  }
  return { shape: out, values: res };
}

// Shape pairs: same shape (flat SIMD row), trailing/leading broadcast, both sides broadcast, scalars,
// size-1 axes in the middle, rank 4/5, a row length that is not a multiple of 4, and empty tensors.
const SHAPES: Array<[number[], number[]]> = [
  [[2, 3], [2, 3]], [[2, 3], [3]], [[3], [2, 3]], [[2, 1], [1, 3]], [[3, 1], [1, 5]], [[], [2, 2]], [[2, 2], []],
  [[], []], [[4, 1], [4, 5]], [[4, 5], [4, 1]], [[2, 1, 3, 1], [4, 1, 5]], [[1, 3, 1, 7], [2, 1, 6, 1]],
  [[2, 3, 4, 5, 1], [5, 6]], [[17], [1]], [[1], [17]], [[9, 13], [13]], [[1, 1, 1], [3]], [[0, 3], [3]], [[2, 0], [2, 1]],
];

describe('binary values', () => {
  it('every op exported by binary.ts has a case here', () => {
    expect(cases.map((c) => c.name)).toEqual(['add', 'sub', 'mul', 'div', 'floorDiv', 'mod', 'pow', 'maximum',
      'minimum', 'squaredDifference', 'atan2']);
  });

  // 14 pairs (a SIMD body of 12 and a tail of 2) with signs, zeros, NaN and ±∞ on both sides.
  const A = [3, -3, 0, -0, 2.5, -7, 1, NaN, 4, Infinity, -Infinity, 1e-7, 100, 6];
  const B = [2, 2, 5, -3, 0.5, -2, NaN, 1, 0, 2, 3, -1e-7, -0.25, 6];

  it.each(cases)('$name matches its float64 reference elementwise (signs, 0, NaN, ±∞)', (c) => {
    for (const [a, b] of [[A, B], [B, A]]) {
      const y = c.fn(tf.tensor(a), tf.tensor(b));
      expect(y.dtype).toBe('float32');
      expect(y.shape).toEqual([a.length]);
      const a32 = f32(a), b32 = f32(b);
      expectClose(y, a32.map((v, i) => Math.fround(c.ref(v, b32[i]))), 2e-6, 1e-30);
    }
  });

  it('hand-checked values', () => {
    expectClose(tf.add([1, 2, 3], [10, 20, 30]), [11, 22, 33]);
    expectClose(tf.sub([1, 2, 3], [10, 20, 30]), [-9, -18, -27]);
    expectClose(tf.mul([1, -2, 3], [4, 5, 0]), [4, -10, 0]);
    expectClose(tf.div([1, -6, 1, -1, 0], [4, 3, 0, 0, 0]), [0.25, -2, Infinity, -Infinity, NaN]);
    expectClose(tf.floorDiv([7, -7, 7, -7, 6], [2, 2, -2, -2, 3]), [3, -4, -4, 3, 2]);
    expectClose(tf.mod([5, -5, 5, -5, 5.5, 0, 6], [3, 3, -3, -3, 2, 3, 3]), [2, 1, -1, -2, 1.5, 0, 0]);
    expectClose(tf.pow([2, -2, 4, 9, 0, -8], [10, 3, 0.5, -0.5, 0, 1 / 3]), [1024, -8, 2, 1 / 3, 1, NaN], 1e-6);
    expectClose(tf.maximum([1, 5, -1], [3, 2, -1]), [3, 5, -1]);
    expectClose(tf.minimum([1, 5, -1], [3, 2, -1]), [1, 2, -1]);
    expectClose(tf.squaredDifference([1, 5, -1], [3, 2, 2]), [4, 9, 9]);
    expectClose(tf.atan2([1, 1, -1, -1, 0, 0, 1], [1, -1, 1, -1, 1, -1, 0]),
      [Math.PI / 4, 3 * Math.PI / 4, -Math.PI / 4, -3 * Math.PI / 4, 0, Math.PI, Math.PI / 2], 1e-6);
  });

  it('mod is exact like fmod: the result keeps the sign of b and |result| < |b|, also for b = ±∞', () => {
    // a - b·floor(a/b) in float32 gives 0 for 7 mod 0.1 (a/b rounds up to 70); TensorFlow and tfjs
    // give 7 - 69·0.1 ≈ 0.0999999. x mod ±∞ is x when the signs agree (Python, TensorFlow).
    const a = [7, -7, 5, -5, 1e-8, 1e6 + 0.5, -3, 4.5];
    const b = [0.1, 0.1, Infinity, -Infinity, -1, 7, -Infinity, 0];
    const a32 = f32(a), b32 = f32(b);
    const want = a32.map((v, i) => Math.fround(floorMod(v, b32[i])));
    expectClose(tf.mod(a, b), want, 1e-6, 1e-30);
    expectClose(want.slice(0, 4), [0.0999999, 1.043081e-7, 5, -5], 1e-6);
    const theirs = tfc.mod(tfc.tensor(a.slice(0, 3)), tfc.tensor(b.slice(0, 3)));
    expectClose(tf.mod(a.slice(0, 3), b.slice(0, 3)), Array.from(theirs.dataSync()), 1e-6);
  });

  it('NaN propagates through every op, on either side, in the SIMD body and in the tail', () => {
    const a = [NaN, 1, 2, 3, 4, NaN], b = [1, 2, NaN, 4, 5, 6];
    for (const c of cases) {
      for (const [x, y] of [[a, b], [b, a]]) {
        const out = Array.from(c.fn(x, y).dataSync());
        for (let i = 0; i < 6; i++) {
          if (Number.isNaN(x[i]) || Number.isNaN(y[i])) {
            // pow(x, 0) = 1 even for NaN x (IEEE pow, JS, TensorFlow)
            if (!(c.name === 'pow' && y[i] === 0)) expect(out[i], `${c.name}[${i}]`).toBeNaN();
          }
        }
      }
    }
    expectClose(tf.maximum(tf.tensor(NaN), tf.tensor([1, 2, 3, 4, 5])), [NaN, NaN, NaN, NaN, NaN]);
    expectClose(tf.minimum(tf.tensor([1, 2, 3, 4, 5]), NaN), [NaN, NaN, NaN, NaN, NaN]);
  });

  it.each(SHAPES)('broadcasting %j with %j: every op matches the float64 reference and TensorFlow.js', (sa, sb) => {
    // a > 0 so pow is real; b is nonzero with both signs (div, mod, floorDiv, pow with negative exponents)
    const a = data(size(sa), size(sa) + 3, 0.3, 2.5), b = data(size(sb), size(sb) + 11, 0.4, 2, true);
    for (const c of cases) {
      const y = c.fn(tf.tensor(a, sa), tf.tensor(b, sb));
      const ref = broadcastRef(c.ref, a, sa, b, sb);
      expect(y.shape, c.name).toEqual(ref.shape);
      expectClose(y, ref.values.map(Math.fround), 2e-6, 1e-6);
      const yo = c.tfjs()(tfc.tensor(a, sa), tfc.tensor(b, sb));
      expect(yo.shape, c.name).toEqual(y.shape);
      expectClose(y, Array.from(yo.dataSync()), 1e-5, 1e-6);
    }
  });

  it('named broadcasting cases: [2,3]+[3], [2,1]*[1,3], scalar+tensor, JS numbers on either side', () => {
    const m = tf.tensor([[1, 2, 3], [4, 5, 6]]);
    expect(tf.add(m, tf.tensor([10, 20, 30])).arraySync()).toEqual([[11, 22, 33], [14, 25, 36]]);
    expect(tf.mul(tf.tensor([[1], [2]]), tf.tensor([[1, 10, 100]])).arraySync()).toEqual([[1, 10, 100], [2, 20, 200]]);
    expect(tf.sub(tf.scalar(10), m).arraySync()).toEqual([[9, 8, 7], [6, 5, 4]]);
    expect(tf.div(m, tf.scalar(2)).arraySync()).toEqual([[0.5, 1, 1.5], [2, 2.5, 3]]);
    expect(tf.add(m, 1).arraySync()).toEqual([[2, 3, 4], [5, 6, 7]]);
    expect(tf.sub(1, m).arraySync()).toEqual([[0, -1, -2], [-3, -4, -5]]);
    expect(tf.pow(2, tf.tensor([0, 1, 10])).arraySync()).toEqual([1, 2, 1024]);
    expect(tf.maximum(m, 3.5).arraySync()).toEqual([[3.5, 3.5, 3.5], [4, 5, 6]]);
    expect(tf.add([[1], [2]], [10, 20]).arraySync()).toEqual([[11, 21], [12, 22]]);
    const s = tf.add(2, 3);
    expect(s.shape).toEqual([]);
    expect(s.dtype).toBe('float32');
    expect(s.arraySync()).toBe(5);
    expect(tf.mul(new Float32Array([1, 2]), new Float32Array([3, 4])).arraySync()).toEqual([3, 8]);
    // Tensor methods
    expect(m.add(1).mul(2).sub(m).div(tf.tensor([1, 2, 3])).arraySync()).toEqual([[3, 2, 5 / 3], [6, 3.5, 8 / 3]].map((r) => r.map(Math.fround)));
  });

  it('a large broadcast (non-multiple-of-4 rows, both operands strided) equals the reference', () => {
    const sa = [7, 1, 33], sb = [5, 1];
    const a = data(size(sa), 5, -2, 2), b = data(size(sb), 6, 0.5, 2, true);
    for (const c of cases) {
      const ref = broadcastRef(c.ref, a, sa, b, sb);
      expectClose(c.fn(tf.tensor(a, sa), tf.tensor(b, sb)), ref.values.map(Math.fround), 2e-6, 1e-6);
    }
  });
});

describe('binary dtypes', () => {
  const i32 = (v: number[] | number, shape?: number[]) => tf.tensor(v as number[], shape ?? (Array.isArray(v) ? [v.length] : []), 'int32');

  it('int32 ⊕ int32 stays int32 and exact beyond 2^24 (wrapping like TensorFlow on overflow)', () => {
    const y = tf.add(i32([16777217, 2147483647, -5]), i32([1, 1, 2]));
    expect(y.dtype).toBe('int32');
    expect(y.arraySync()).toEqual([16777218, -2147483648, -3]);
    expect(tf.sub(i32([3]), i32([5])).arraySync()).toEqual([-2]);
    expect(tf.mul(i32([46341, -3]), i32([46341, 7])).arraySync()).toEqual([(46341 * 46341) | 0, -21]);
    expect(tf.maximum(i32([1, 5, -2]), i32([3, 2, -2])).arraySync()).toEqual([3, 5, -2]);
    expect(tf.minimum(i32([1, 5, -2]), i32([3, 2, -2])).arraySync()).toEqual([1, 2, -2]);
    expect(tf.squaredDifference(i32([1, 2]), i32([4, -2])).arraySync()).toEqual([9, 16]);
    for (const c of cases) expect(c.fn(i32([1, 2]), i32([3, 4])).dtype, c.name).toBe('int32');
  });

  it('int32 division is floor division (tfjs), x / 0 and x mod 0 give 0 instead of trapping', () => {
    expect(tf.div(i32([7, -7, 7, -7, 6, 5, 0]), i32([2, 2, -2, -2, 3, 0, 0])).arraySync()).toEqual([3, -4, -4, 3, 2, 0, 0]);
    expect(tf.floorDiv(i32([7, -7, 7, -7, 1, -2147483648]), i32([2, 2, -2, -2, 0, -1])).arraySync()).toEqual([3, -4, -4, 3, 0, -2147483648]);
    expect(tf.mod(i32([5, -5, 5, -5, 0, 7, -2147483648]), i32([3, 3, -3, -3, 3, 0, -1])).arraySync()).toEqual([2, 1, -1, -2, 0, 0, 0]);
  });

  it('int32 pow: exact powers, wrapping, and negative exponents truncated like tfjs', () => {
    const y = tf.pow(i32([2, -2, 3, 7, 0, 2, 1, -1, -1, 2, 0]), i32([10, 3, 0, 1, 5, 31, -5, -1, -2, -1, 0]));
    expect(y.dtype).toBe('int32');
    // (-1)^-1 = -1 and (-1)^-2 = 1 exactly; 2^-1 = 0.5 truncates to 0
    expect(y.arraySync()).toEqual([1024, -8, 1, 7, 0, -2147483648, 1, -1, 1, 0, 1]);
    const a = [2, -1, -1, 1, 0, 3, -3, 5], b = [-1, -1, -2, -5, 2, 3, 3, -2];
    const theirs = tfc.pow(tfc.tensor(a, [8], 'int32'), tfc.tensor(b, [8], 'int32'));
    expect(tf.pow(i32(a), i32(b)).arraySync()).toEqual(Array.from(theirs.dataSync()));
  });

  it('int32 atan2 truncates the angle to an integer like tfjs', () => {
    const a = [1, 1, -1, -1, 0, 0, 1, -1, 5], b = [1, -1, 1, -1, 1, -1, 0, 0, -3];
    const y = tf.atan2(i32(a), i32(b));
    expect(y.dtype).toBe('int32');
    expect(y.arraySync()).toEqual(a.map((v, i) => Math.trunc(Math.atan2(v, b[i])) + 0)); // + 0: no -0 in int32
    const theirs = tfc.atan2(tfc.tensor(a, [a.length], 'int32'), tfc.tensor(b, [b.length], 'int32'));
    expect(y.arraySync()).toEqual(Array.from(theirs.dataSync()));
  });

  it('int32 ops match TensorFlow.js with broadcasting', () => {
    const a = [7, -7, 3, 0, -2, 9], b = [2, -3, 5];
    for (const c of cases) {
      const y = c.fn(tf.tensor(a, [2, 3], 'int32'), tf.tensor(b, [3], 'int32'));
      const yo = c.tfjs()(tfc.tensor(a, [2, 3], 'int32'), tfc.tensor(b, [3], 'int32'));
      expect(y.dtype, c.name).toBe('int32');
      expect(Array.from(y.dataSync()), c.name).toEqual(Array.from(yo.dataSync()));
    }
  });

  it('mixed dtypes upcast: int32 with float32 gives float32 (either order)', () => {
    for (const c of cases) {
      const y1 = c.fn(i32([7, -4]), tf.tensor([2, 3]));
      const y2 = c.fn(tf.tensor([7, -4]), i32([2, 3]));
      expect(y1.dtype, c.name).toBe('float32');
      expect(y2.dtype, c.name).toBe('float32');
      expectClose(y1, [c.ref(7, 2), c.ref(-4, 3)].map(Math.fround), 2e-6);
      expectClose(y2, [c.ref(7, 2), c.ref(-4, 3)].map(Math.fround), 2e-6);
    }
    // float division as soon as one side is float32
    expect(tf.div(i32([7]), tf.tensor([2])).arraySync()).toEqual([3.5]);
  });

  it('JS numbers: an integer takes the int32 tensor\'s dtype, a fraction makes the result float32', () => {
    const x = i32([1, 2, 3]);
    const y = tf.add(x, 1);
    expect(y.dtype).toBe('int32');
    expect(y.arraySync()).toEqual([2, 3, 4]);
    expect(tf.mul(2, x).dtype).toBe('int32');
    expect(tf.maximum(x, 2).arraySync()).toEqual([2, 2, 3]);
    const z = tf.add(x, 0.5);
    expect(z.dtype).toBe('float32');
    expect(z.arraySync()).toEqual([1.5, 2.5, 3.5]);
    const w = tf.mul(tf.tensor([1.5]), 2);
    expect(w.dtype).toBe('float32');
    expect(w.arraySync()).toEqual([3]);
  });

  it('div with a JS number divides in float32, like tfjs and TensorFlow (int32 tensor / 2 = 3.5)', () => {
    // Only two int32 tensors floor-divide (tfjs). tf.div(intTensor, 2) is 3.5 in tfjs (the number is
    // float32) and in TensorFlow (true division), and so is tf.div(intTensor, [2]).
    const x = i32([7, -7]);
    for (const y of [tf.div(x, 2), tf.div(x, [2, 2])]) {
      expect(y.dtype).toBe('float32');
      expect(y.arraySync()).toEqual([3.5, -3.5]);
    }
    const z = tf.div(7, i32([2]));
    expect(z.dtype).toBe('float32');
    expect(z.arraySync()).toEqual([3.5]);
    const theirs = tfc.div(tfc.tensor([7, -7], [2], 'int32'), 2);
    expect(tf.div(x, 2).arraySync()).toEqual(Array.from(theirs.dataSync()));
    // floorDiv and mod of an int32 tensor by an integer stay integer
    expect(tf.floorDiv(x, 2).dtype).toBe('int32');
    expect(tf.floorDiv(x, 2).arraySync()).toEqual([3, -4]);
    expect(tf.mod(x, 2).arraySync()).toEqual([1, 1]);
  });

  it('bool operands compute in int32 (bool ⊕ bool, bool ⊕ int32, bool ⊕ JS integer); with float32, float32', () => {
    const t = tf.tensor([true, false, true]), f = tf.tensor([true, true, false]);
    const y = tf.add(t, f);
    expect(y.dtype).toBe('int32');
    expect(y.arraySync()).toEqual([2, 1, 1]);
    expect(tf.mul(t, i32([5, 6, 7])).arraySync()).toEqual([5, 0, 7]);
    expect(tf.add(t, 1).dtype).toBe('int32');
    expect(tf.add(t, 1).arraySync()).toEqual([2, 1, 2]);
    const z = tf.mul(t, tf.tensor([0.5, 0.5, 0.5]));
    expect(z.dtype).toBe('float32');
    expect(z.arraySync()).toEqual([0.5, 0, 0.5]);
  });
});

describe('binary gradients', () => {
  it.each(differentiable)('$name: tape gradients equal the analytic partial derivatives', (c) => {
    const a = c.name === 'pow' ? [0.5, 1.3, 2.2, 0.8, 1.7, 3] : [1.3, -0.7, 2.2, -1.9, 0.6, 2.8];
    const b = c.name === 'pow' ? [2, -1.5, 0.5, 3, 1.2, -0.3] : [0.4, 1.1, -1.6, -0.9, 1.7, 2.3];
    const dy = [1, -2, 0.5, 3, -1, 0.25];
    const x = tf.tensor(a, [2, 3]), y = tf.tensor(b, [2, 3]);
    const tape = new tf.GradientTape();
    tape.watch([x, y]);
    const [ga, gb] = tape.gradient(c.fn(x, y), [x, y], tf.tensor(dy, [2, 3])) as tf.Tensor[];
    expect(ga.shape).toEqual([2, 3]);
    expect(gb.shape).toEqual([2, 3]);
    const a32 = f32(a), b32 = f32(b);
    expectClose(ga, a32.map((v, i) => dy[i] * c.da!(v, b32[i])), 1e-5, 1e-6);
    expectClose(gb, a32.map((v, i) => dy[i] * c.db!(v, b32[i])), 1e-5, 1e-6);
  });

  // Shapes where the gradient must be summed back over broadcast axes (and rank-expanded ones).
  const GSHAPES: Array<[number[], number[]]> = [[[2, 3], [3]], [[3], [2, 3]], [[2, 1], [1, 3]], [[], [2, 2]], [[2, 2], []], [[3, 1, 2], [4, 1]], [[2, 3], [2, 3]]];

  it.each(differentiable)('$name: finite differences with broadcasting (the unbroadcast sums)', (c) => {
    for (const [sa, sb] of GSHAPES) {
      // away from kinks: pow needs a > 0; mod needs a/b away from integers; max/min away from ties
      const a = c.name === 'pow' ? data(size(sa), 3, 0.5, 2) : c.name === 'mod' ? data(size(sa), 3, -0.05, 0.05).map((v, i) => v + 0.6 * (i + 0.5)) : data(size(sa), 3, -2, 2);
      const b = c.name === 'pow' ? data(size(sb), 4, -1.5, 2.5) : c.name === 'mod' ? data(size(sb), 4, 0.6, 0.601) : data(size(sb), 4, 0.5, 2, true);
      checkGrad((x, y) => c.fn(x, y), [tf.tensor(a, sa), tf.tensor(b, sb)]);
    }
  });

  // tfjs 4.22 does not sum the gradients of maximum, minimum and squaredDifference over broadcast axes
  // (it throws "The gradient of input 'b' has shape '2,3', which does not match ... '3'"): for those,
  // TensorFlow.js is the oracle for equal shapes only; finite differences above cover the broadcasting.
  const TFJS_UNBROADCAST_BUG = ['maximum', 'minimum', 'squaredDifference'];

  it.each(differentiable)('$name: gradients match TensorFlow.js with broadcasting', (c) => {
    for (const [sa, sb] of GSHAPES) {
      if (TFJS_UNBROADCAST_BUG.includes(c.name) && sa.join() !== sb.join()) continue;
      const a = data(size(sa), 7, 0.3, 2.5), b = data(size(sb), 8, 0.4, 2, true);
      const out = broadcastRef(c.ref, a, sa, b, sb).shape;
      const dy = data(size(out), 9, -1, 1);
      const x = tf.tensor(a, sa), y = tf.tensor(b, sb);
      const tape = new tf.GradientTape();
      tape.watch([x, y]);
      const [ga, gb] = tape.gradient(c.fn(x, y), [x, y], tf.tensor(dy, out)) as tf.Tensor[];
      const [gao, gbo] = tfc.grads(c.tfjs())([tfc.tensor(a, sa), tfc.tensor(b, sb)], tfc.tensor(dy, out));
      expect(ga.shape).toEqual(gao.shape);
      expect(gb.shape).toEqual(gbo.shape);
      expectClose(ga, Array.from(gao.dataSync()), 1e-5, 1e-6);
      expectClose(gb, Array.from(gbo.dataSync()), 1e-5, 1e-6);
    }
  });

  it('unbroadcast sums by hand: d/da and d/db of sum(a[2,1] * b[1,3])', () => {
    const a = tf.tensor([[1], [2]]), b = tf.tensor([[10, 20, 30]]);
    const tape = new tf.GradientTape();
    tape.watch([a, b]);
    const [ga, gb] = tape.gradient(tf.mul(a, b), [a, b]) as tf.Tensor[];
    expect(ga.arraySync()).toEqual([[60], [60]]);
    expect(gb.arraySync()).toEqual([[3, 3, 3]]);
    const s = tf.scalar(2), m = tf.tensor([[1, 2], [3, 4]]);
    const t2 = new tf.GradientTape();
    t2.watch([s, m]);
    const [gs, gm] = t2.gradient(tf.sub(s, m), [s, m]) as tf.Tensor[];
    expect(gs.shape).toEqual([]);
    expect(gs.arraySync()).toBe(4);
    expect(gm.arraySync()).toEqual([[-1, -1], [-1, -1]]);
  });

  it('JS numbers and int32 tensors as the other operand: gradient only for the float32 tensor', () => {
    const x = tf.tensor([1, 2, 4]);
    const tape = new tf.GradientTape({ persistent: true });
    tape.watch(x);
    expectClose(tape.gradient(tf.mul(x, 3), x)!, [3, 3, 3]);
    expectClose(tape.gradient(tf.div(2, x), x)!, [-2, -0.5, -0.125]);
    expectClose(tape.gradient(tf.pow(x, 2), x)!, [2, 4, 8]);
    expectClose(tape.gradient(tf.pow(2, x), x)!, [2, 4, 16].map((v) => v * Math.LN2), 1e-6);
    const k = tf.tensor([2, 3, 4], [3], 'int32');
    expectClose(tape.gradient(tf.mul(x, k), x)!, [2, 3, 4]);
    const [gx, gk] = tape.gradient(tf.mul(x, k), [x, k]);
    expectClose(gx!, [2, 3, 4]);
    expect(gk).toBeNull();
    tape.dispose();
  });

  it('the same tensor on both sides: mul(x, x) = 2x, sub(x, x) = 0, div(x, x) = 0', () => {
    const x = tf.tensor([1.5, -2, 3]);
    const tape = new tf.GradientTape({ persistent: true });
    tape.watch(x);
    expectClose(tape.gradient(tf.mul(x, x), x)!, [3, -4, 6]);
    expectClose(tape.gradient(tf.sub(x, x), x)!, [0, 0, 0]);
    expectClose(tape.gradient(tf.div(x, x), x)!, [0, 0, 0], 1e-6, 1e-6);
    expectClose(tape.gradient(tf.squaredDifference(x, x), x)!, [0, 0, 0]);
    tape.dispose();
  });

  it('maximum/minimum ties send the gradient to a (tfjs); pow(a ≤ 0, b) has 0 gradient for b (TensorFlow)', () => {
    const a = tf.tensor([1, 2, 3]), b = tf.tensor([1, 3, 2]);
    let tape = new tf.GradientTape();
    tape.watch([a, b]);
    let [ga, gb] = tape.gradient(tf.maximum(a, b), [a, b]) as tf.Tensor[];
    expect(ga.arraySync()).toEqual([1, 0, 1]);
    expect(gb.arraySync()).toEqual([0, 1, 0]);
    tape = new tf.GradientTape();
    tape.watch([a, b]);
    [ga, gb] = tape.gradient(tf.minimum(a, b), [a, b]) as tf.Tensor[];
    expect(ga.arraySync()).toEqual([1, 1, 0]);
    expect(gb.arraySync()).toEqual([0, 0, 1]);
    const p = tf.tensor([-2, 0, 2]), e = tf.tensor([2, 2, 2]);
    tape = new tf.GradientTape();
    tape.watch([p, e]);
    [ga, gb] = tape.gradient(tf.pow(p, e), [p, e]) as tf.Tensor[];
    expectClose(ga, [-4, 0, 4]);
    expectClose(gb, [0, 0, 4 * Math.LN2], 1e-6);
  });

  it('floorDiv has no gradient (TensorFlow: None), and does not break other paths', () => {
    const a = tf.tensor([3.3, -1.2]), b = tf.tensor([1.2, 0.7]);
    const t1 = new tf.GradientTape();
    t1.watch([a, b]);
    expect(t1.gradient(tf.floorDiv(a, b), [a, b])).toEqual([null, null]);
    const t2 = new tf.GradientTape();
    t2.watch(a);
    expectClose(t2.gradient(tf.add(tf.floorDiv(a, b), tf.mul(a, 2)), a)!, [2, 2]);
  });

  it('a composite: d/dx, d/dw of sum((x·w - 3)² / (1 + w²)) against finite differences and tfjs', () => {
    const f = (x: tf.Tensor, w: tf.Tensor) => tf.div(tf.squaredDifference(tf.mul(x, w), 3), tf.add(1, tf.mul(w, w)));
    const xs = data(6, 1, -2, 2), ws = data(3, 2, 0.5, 1.5, true);
    checkGrad(f, [tf.tensor(xs, [2, 3]), tf.tensor(ws, [3])]);
    const x = tf.tensor(xs, [2, 3]), w = tf.tensor(ws, [3]);
    const tape = new tf.GradientTape();
    tape.watch([x, w]);
    const [gx, gw] = tape.gradient(tf.sum(f(x, w)), [x, w]) as tf.Tensor[];
    const fo = (a: tfcore.Tensor, b: tfcore.Tensor) => tfc.sum(tfc.div(tfc.squaredDifference(tfc.mul(a, b), 3), tfc.add(1, tfc.mul(b, b))));
    const [gxo, gwo] = tfc.grads(fo)([tfc.tensor(xs, [2, 3]), tfc.tensor(ws, [3])]);
    expectClose(gx, Array.from(gxo.dataSync()), 1e-5, 1e-6);
    expectClose(gw, Array.from(gwo.dataSync()), 1e-5, 1e-6);
  });
});

describe('binary second derivatives (nested tapes)', () => {
  /** [d²f/da², d²f/db², d²f/da db] summed the elementwise way: d/dv sum(d sum(f)/du). */
  function hess(f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, a: tf.Tensor, b: tf.Tensor) {
    const out = new tf.GradientTape({ persistent: true });
    out.watch([a, b]);
    const inner = new tf.GradientTape();
    inner.watch([a, b]);
    const [ga, gb] = inner.gradient(tf.sum(f(a, b)), [a, b]) as tf.Tensor[];
    const [haa, hab] = out.gradient(tf.sum(ga), [a, b], null, 'zero') as tf.Tensor[];
    const [hba, hbb] = out.gradient(tf.sum(gb), [a, b], null, 'zero') as tf.Tensor[];
    out.dispose();
    return { haa, hbb, hab, hba };
  }
  const A = [0.6, 1.3, 2.1], B = [-1.2, 0.7, 2.5];
  const a32 = f32(A), b32 = f32(B);

  it('mul: ∂²/∂a² = 0, ∂²/∂a∂b = 1; mul(x, x)″ = 2; (x·x·x)″ = 6x', () => {
    const h = hess(tf.mul, tf.tensor(A), tf.tensor(B));
    expectClose(h.haa, [0, 0, 0]);
    expectClose(h.hbb, [0, 0, 0]);
    expectClose(h.hab, [1, 1, 1]);
    expectClose(h.hba, [1, 1, 1]);
    const x = tf.tensor(A);
    const t2 = new tf.GradientTape(); t2.watch(x);
    const t1 = new tf.GradientTape(); t1.watch(x);
    expectClose(t2.gradient(tf.sum(t1.gradient(tf.sum(tf.mul(x, x)), x)!), x)!, [2, 2, 2]);
    const u2 = new tf.GradientTape(); u2.watch(x);
    const u1 = new tf.GradientTape(); u1.watch(x);
    expectClose(u2.gradient(tf.sum(u1.gradient(tf.sum(tf.mul(tf.mul(x, x), x)), x)!), x)!, a32.map((v) => 6 * v), 1e-5);
  });

  it('div: ∂²/∂a² = 0, ∂²/∂b² = 2a/b³, ∂²/∂a∂b = -1/b²', () => {
    const h = hess(tf.div, tf.tensor(A), tf.tensor(B));
    expectClose(h.haa, [0, 0, 0]);
    expectClose(h.hbb, a32.map((a, i) => 2 * a / b32[i] ** 3), 1e-5);
    expectClose(h.hab, b32.map((b) => -1 / (b * b)), 1e-5);
    expectClose(h.hba, b32.map((b) => -1 / (b * b)), 1e-5);
  });

  it('pow: ∂²/∂a² = b(b-1)a^(b-2), ∂²/∂b² = a^b ln²a, ∂²/∂a∂b = a^(b-1)(1 + b ln a)', () => {
    const h = hess(tf.pow, tf.tensor(A), tf.tensor(B));
    expectClose(h.haa, a32.map((a, i) => b32[i] * (b32[i] - 1) * a ** (b32[i] - 2)), 1e-4, 1e-6);
    expectClose(h.hbb, a32.map((a, i) => a ** b32[i] * Math.log(a) ** 2), 1e-4, 1e-6);
    const mixed = a32.map((a, i) => a ** (b32[i] - 1) * (1 + b32[i] * Math.log(a)));
    expectClose(h.hab, mixed, 1e-4, 1e-6);
    expectClose(h.hba, mixed, 1e-4, 1e-6);
    // the seed program: x³ at 3 has f'' = 18
    const x = tf.scalar(3);
    const t2 = new tf.GradientTape(); t2.watch(x);
    const t1 = new tf.GradientTape(); t1.watch(x);
    expect(t2.gradient(t1.gradient(tf.pow(x, 3), x)!, x)!.arraySync()).toBe(18);
  });

  it('sub, squaredDifference, atan2: analytic Hessian entries', () => {
    const s = hess(tf.sub, tf.tensor(A), tf.tensor(B));
    for (const t of [s.haa, s.hbb, s.hab]) expectClose(t, [0, 0, 0]);
    const q = hess(tf.squaredDifference, tf.tensor(A), tf.tensor(B));
    expectClose(q.haa, [2, 2, 2]);
    expectClose(q.hbb, [2, 2, 2]);
    expectClose(q.hab, [-2, -2, -2]);
    const t = hess(tf.atan2, tf.tensor(A), tf.tensor(B));
    const r2 = a32.map((a, i) => a * a + b32[i] * b32[i]);
    expectClose(t.haa, a32.map((a, i) => -2 * a * b32[i] / r2[i] ** 2), 1e-4, 1e-6);
    expectClose(t.hbb, a32.map((a, i) => 2 * a * b32[i] / r2[i] ** 2), 1e-4, 1e-6);
    expectClose(t.hab, a32.map((a, i) => (a * a - b32[i] * b32[i]) / r2[i] ** 2), 1e-4, 1e-6);
  });

  it('second order with broadcasting: finite differences of the tape gradient of mul/div/pow over [2,3] and [3]', () => {
    for (const op of [tf.mul, tf.div, tf.pow]) {
      const grad = (a: tf.Tensor, b: tf.Tensor) => {
        const t = new tf.GradientTape();
        t.watch([a, b]);
        const [ga, gb] = t.gradient(tf.sum(tf.mul(op(a, b), tf.tensor([1, 2, -1, 0.5, 1.5, -2], [2, 3]))), [a, b]) as tf.Tensor[];
        return tf.add(tf.sum(ga), tf.mul(tf.sum(gb), 0.5));
      };
      checkGrad(grad, [tf.tensor(data(6, 1, 0.6, 1.8), [2, 3]), tf.tensor(data(3, 2, 0.5, 1.5, true), [3])], { eps: 1e-2, rtol: 3e-2, atol: 5e-3 });
    }
  });
});

describe('binary errors', () => {
  it('incompatible shapes name the op and both shapes', () => {
    for (const c of cases) {
      expect(() => c.fn(tf.ones([2, 3]), tf.ones([4]))).toThrow(`${c.name}: shapes of a [2,3] and b [4] cannot be broadcast together`);
      expect(() => c.fn(tf.ones([2, 3, 4]), tf.ones([3, 3, 1]))).toThrow(/\[2,3,4\].*\[3,3,1\]/);
      expect(() => c.fn([1, 2], [1, 2, 3])).toThrow(new RegExp(`^${c.name}: .*\\[2\\].*\\[3\\]`));
    }
  });

  it('a disposed operand names the op, the argument and says disposed', () => {
    const d = tf.tensor([1, 2]);
    d.dispose();
    for (const c of cases) {
      expect(() => c.fn(d, tf.tensor([1, 2]))).toThrow(new RegExp(`^${c.name}: argument 'a' is disposed`));
      expect(() => c.fn(tf.tensor([1, 2]), d)).toThrow(new RegExp(`^${c.name}: argument 'b' is disposed`));
      expect(() => c.fn(3, d)).toThrow(/disposed/);
    }
  });

  it('null, undefined, strings and ragged arrays name the op and the argument', () => {
    expect(() => tf.add(null as never, 1)).toThrow(/add: argument 'a' is null/);
    expect(() => tf.mul(1, undefined as never)).toThrow(/mul: argument 'b' is undefined/);
    expect(() => tf.sub([[1, 2], [3]] as never, 1)).toThrow(/sub: ragged/);
    expect(() => tf.pow(2, 'x' as never)).toThrow(/pow: argument 'b'/);
  });

  it('ops free the tensors they make from JS values and dtype casts (numTensors stays flat, as in tfjs)', () => {
    const x = tf.tensor([1, 2]), i = tf.tensor([1, 2], [2], 'int32'), b = tf.tensor([true, false]);
    const n0 = tf.memory().numTensors;
    const calls = [() => tf.add(x, 1), () => tf.sub(1, x), () => tf.mul(x, [1, 2]), () => tf.add(i, x), () => tf.add(b, b),
      () => tf.add(i, [true, false]), () => tf.div(i, 2), () => tf.pow(x, 2), () => tf.mod(b, 2), () => tf.add(2, 3)];
    for (const f of calls) {
      f().dispose();
      expect(tf.memory().numTensors).toBe(n0);
    }
    // failed calls outside tidy free their conversions too
    expect(() => tf.add([1, 2, 3], tf.ones([2]))).toThrow(/add/);
    expect(() => tf.add([1, 2, 3], 'x' as never)).toThrow(/add/);
    expect(tf.memory().numTensors).toBe(n0 + 1); // the ones([2])
    // while a tape records: the tape's snapshots outlive the op's temporaries, then go with the tape
    const n1 = tf.memory().numTensors;
    const tape = new tf.GradientTape();
    tape.watch(x);
    const p = tf.pow(x, 3), m = tf.mul(p, i), y = tf.sum(tf.div(m, 2));
    const g = tape.gradient(y, x)!;
    expectClose(g, [1.5, 12]); // 3x²·i/2
    for (const t of [p, m, y, g]) t.dispose();
    expect(tf.memory().numTensors).toBe(n1 + 1); // tf.sum's input (the div result) was not disposed
  });

  it('the library keeps working after errors, and tidy frees what a failed op converted', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      expect(() => tf.add(tf.ones([2, 3]), [1, 2, 3, 4])).toThrow(/add/);
      expect(() => tf.mul(tf.ones([5]), tf.ones([2]))).toThrow(/mul/);
    });
    expect(tf.memory().numTensors).toBe(before);
    const x = tf.tensor([1, 2]);
    const tape = new tf.GradientTape();
    tape.watch(x);
    expect(() => tf.add(x, tf.ones([3]))).toThrow(/add/);
    const g = tape.gradient(tf.sum(tf.mul(x, x)), x)!;
    expectClose(g, [2, 4]);
    expectClose(tf.add([1, 2], [3, 4]), [4, 6]);
  });

  it('a whole JS number outside the int32 range beside an int32 tensor is float32, not wrapped', () => {
    const y = tf.minimum(tf.tensor1d([-3, 5], 'int32'), 1e30);
    expect(y.dtype).toBe('float32');
    expect(Array.from(y.dataSync())).toEqual([-3, 5]);
    expect(Array.from(tf.greater(1e30, tf.tensor1d([true], 'bool')).dataSync())).toEqual([1]);
    expect(tf.add(tf.tensor1d([1], 'int32'), 2 ** 31 - 1).dtype).toBe('int32');
  });
});
