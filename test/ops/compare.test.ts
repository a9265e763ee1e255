// Comparisons, logic, where (select) and isNaN: values with float32/int32/bool operands, JS values,
// NaN/±0/±∞, broadcasting against TensorFlow.js (cpu); where's gradients (finite differences, tfjs,
// second order); and error messages.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfcore from '@tensorflow/tfjs-core';
import { checkGrad, expectClose, oracle, tf } from '../helpers.js';

let tfc: typeof tfcore;
beforeAll(async () => { tfc = await oracle(); });

type F2 = (a: tf.TensorLike, b: tf.TensorLike) => tf.Tensor;
type T2 = (a: tfcore.Tensor, b: tfcore.Tensor) => tfcore.Tensor;

const comparisons: Array<{ name: string; fn: F2; ref: (a: number, b: number) => boolean; tfjs: () => T2 }> = [
  { name: 'equal', fn: tf.equal, ref: (a, b) => a === b, tfjs: () => tfc.equal },
  { name: 'notEqual', fn: tf.notEqual, ref: (a, b) => a !== b, tfjs: () => tfc.notEqual },
  { name: 'greater', fn: tf.greater, ref: (a, b) => a > b, tfjs: () => tfc.greater },
  { name: 'greaterEqual', fn: tf.greaterEqual, ref: (a, b) => a >= b, tfjs: () => tfc.greaterEqual },
  { name: 'less', fn: tf.less, ref: (a, b) => a < b, tfjs: () => tfc.less },
  { name: 'lessEqual', fn: tf.lessEqual, ref: (a, b) => a <= b, tfjs: () => tfc.lessEqual },
];
const logicals: Array<{ name: string; fn: F2; ref: (a: boolean, b: boolean) => boolean; tfjs: () => T2 }> = [
  { name: 'logicalAnd', fn: tf.logicalAnd, ref: (a, b) => a && b, tfjs: () => tfc.logicalAnd },
  { name: 'logicalOr', fn: tf.logicalOr, ref: (a, b) => a || b, tfjs: () => tfc.logicalOr },
  { name: 'logicalXor', fn: tf.logicalXor, ref: (a, b) => a !== b, tfjs: () => tfc.logicalXor },
];

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
/** Small integers (many ties) as floats, deterministic. */
const ints = (n: number, seed: number) => Array.from({ length: n }, (_, i) => ((i * 7 + seed * 13) % 5) - 2);
const bools = (n: number, seed: number) => Array.from({ length: n }, (_, i) => ((i * 5 + seed * 3) % 7) % 2 === 0);
const asBool = (t: tf.Tensor) => Array.from(t.dataSync()).map((v) => v !== 0);
const tfcBool = (t: tfcore.Tensor) => Array.from(t.dataSync()).map((v) => v !== 0);

const SHAPES: Array<[number[], number[]]> = [
  [[2, 3], [2, 3]], [[2, 3], [3]], [[3], [2, 3]], [[2, 1], [1, 3]], [[], [4]], [[4], []], [[], []],
  [[2, 1, 3, 1], [4, 1, 5]], [[5, 1], [5, 7]], [[0, 2], [2]], [[9, 13], [1, 13]],
];

describe('comparisons', () => {
  // 14 pairs (a SIMD-sized body and a tail): ties, ±0, NaN on each side, ±∞.
  const A = [1, 2, 3, 0, -0, NaN, 1, NaN, Infinity, -Infinity, Infinity, -5, 1e-7, 2.5];
  const B = [1, 3, 2, -0, 0, 1, NaN, NaN, Infinity, Infinity, 1e38, -5, 0, -2.5];

  it.each(comparisons)('$name: elementwise values with ties, ±0, NaN and ±∞ (both orders)', (c) => {
    for (const [a, b] of [[A, B], [B, A]]) {
      const y = c.fn(tf.tensor(a), tf.tensor(b));
      expect(y.dtype).toBe('bool');
      expect(y.shape).toEqual([a.length]);
      expect(asBool(y)).toEqual(a.map((v, i) => c.ref(v, b[i])));
      const yo = c.tfjs()(tfc.tensor(a), tfc.tensor(b));
      expect(asBool(y)).toEqual(tfcBool(yo));
    }
  });

  it('hand-checked values; NaN is unequal to everything, itself included', () => {
    expect(tf.equal([1, 2, NaN], [1, 3, NaN]).arraySync()).toEqual([true, false, false]);
    expect(tf.notEqual([1, 2, NaN], [1, 3, NaN]).arraySync()).toEqual([false, true, true]);
    expect(tf.greater([1, 2, 3], 2).arraySync()).toEqual([false, false, true]);
    expect(tf.greaterEqual([1, 2, 3], 2).arraySync()).toEqual([false, true, true]);
    expect(tf.less(2, [1, 2, 3]).arraySync()).toEqual([false, false, true]);
    expect(tf.lessEqual(2, [1, 2, 3]).arraySync()).toEqual([false, true, true]);
    expect(tf.equal(0, -0).arraySync()).toBe(true);
    for (const c of comparisons) {
      expect(c.fn(NaN, NaN).arraySync(), c.name).toBe(c.name === 'notEqual');
      expect(c.fn([NaN], 1).arraySync(), c.name).toEqual([c.name === 'notEqual']);
    }
  });

  it.each(SHAPES)('broadcasting %j with %j matches TensorFlow.js for every comparison', (sa, sb) => {
    const a = ints(size(sa), 1), b = ints(size(sb), 2);
    for (const c of comparisons) {
      const y = c.fn(tf.tensor(a, sa), tf.tensor(b, sb));
      const yo = c.tfjs()(tfc.tensor(a, sa), tfc.tensor(b, sb));
      expect(y.shape, c.name).toEqual(yo.shape);
      expect(y.dtype).toBe('bool');
      expect(asBool(y), c.name).toEqual(tfcBool(yo));
    }
  });

  it('named broadcasting cases: [2,3] vs [3], [2,1] vs [1,3], scalar vs tensor', () => {
    expect(tf.greater(tf.tensor([[1, 5, 3], [4, 2, 6]]), tf.tensor([3, 3, 3])).arraySync()).toEqual([[false, true, false], [true, false, true]]);
    expect(tf.equal(tf.tensor([[1], [2]]), tf.tensor([[1, 2, 3]])).arraySync()).toEqual([[true, false, false], [false, true, false]]);
    const s = tf.less(tf.scalar(1), tf.scalar(2));
    expect(s.shape).toEqual([]);
    expect(s.arraySync()).toBe(true);
  });

  it('int32 operands compare exactly (beyond 2^24), with float32 they upcast, with JS numbers they follow the value', () => {
    const i = tf.tensor([16777217, 3, -4], [3], 'int32');
    expect(tf.equal(i, tf.tensor([16777216, 3, -4], [3], 'int32')).arraySync()).toEqual([false, true, true]);
    expect(tf.greater(i, tf.tensor([16777216, 3, -5], [3], 'int32')).arraySync()).toEqual([true, false, true]);
    const j = tf.tensor([1, 2], [2], 'int32');
    expect(tf.equal(j, tf.tensor([1, 2.5])).arraySync()).toEqual([true, false]);
    expect(tf.less(tf.tensor([0.5, 2.5]), j).arraySync()).toEqual([true, false]);
    expect(tf.equal(j, 2).arraySync()).toEqual([false, true]);
    expect(tf.equal(j, 1.5).arraySync()).toEqual([false, false]); // 1.5 is not truncated to 1
    expect(tf.less(j, 1.5).arraySync()).toEqual([true, false]);
    expect(tf.greaterEqual(1.5, j).arraySync()).toEqual([true, false]);
  });

  it('bool operands compare as 0/1, also against JS numbers and booleans', () => {
    const t = tf.tensor([true, false, true]), f = tf.tensor([true, true, false]);
    expect(tf.equal(t, f).arraySync()).toEqual([true, false, false]);
    expect(tf.greater(t, f).arraySync()).toEqual([false, false, true]);
    expect(tf.greater(t, 0).arraySync()).toEqual([true, false, true]);
    expect(tf.equal(t, true).arraySync()).toEqual([true, false, true]);
    expect(tf.less(t, 0.5).arraySync()).toEqual([false, true, false]);
    expect(tf.equal(t, tf.tensor([1, 0, 0], [3], 'int32')).arraySync()).toEqual([true, true, false]);
  });

  it('comparisons have no gradient and do not break other paths', () => {
    const x = tf.tensor([-1, 2, 3]);
    const t1 = new tf.GradientTape();
    t1.watch(x);
    const y = tf.greater(x, 0);
    expect(t1.gradient(y, x)).toBeNull();
    const t2 = new tf.GradientTape();
    t2.watch(x);
    // relu written with a comparison: the gradient flows through mul only
    const r = tf.mul(x, tf.cast(tf.greater(x, 0), 'float32'));
    expectClose(t2.gradient(r, x)!, [0, 1, 1]);
  });

  it('empty tensors and large broadcasts', () => {
    const e = tf.less(tf.zeros([0, 3]), tf.zeros([3]));
    expect(e.shape).toEqual([0, 3]);
    expect(e.dtype).toBe('bool');
    const a = Array.from({ length: 7 * 37 }, (_, i) => (i * 31) % 17), b = Array.from({ length: 37 }, (_, i) => (i * 5) % 17);
    const y = asBool(tf.lessEqual(tf.tensor(a, [7, 37]), tf.tensor(b)));
    expect(y).toEqual(a.map((v, i) => v <= b[i % 37]));
  });
});

describe('logical ops', () => {
  const T = [true, true, false, false], U = [true, false, true, false];

  it.each(logicals)('$name: truth table, and matches TensorFlow.js', (c) => {
    const y = c.fn(tf.tensor(T), tf.tensor(U));
    expect(y.dtype).toBe('bool');
    expect(y.arraySync()).toEqual(T.map((v, i) => c.ref(v, U[i])));
    expect(asBool(y)).toEqual(tfcBool(c.tfjs()(tfc.tensor(T), tfc.tensor(U))));
  });

  it('logicalNot', () => {
    const y = tf.logicalNot(tf.tensor([true, false, true, true, false]));
    expect(y.dtype).toBe('bool');
    expect(y.arraySync()).toEqual([false, true, false, false, true]);
    expect(tf.logicalNot(true).arraySync()).toBe(false);
    expect(tf.logicalNot([[false], [true]]).arraySync()).toEqual([[true], [false]]);
    expect(asBool(tf.logicalNot(tf.tensor(T)))).toEqual(tfcBool(tfc.logicalNot(tfc.tensor(T))));
  });

  it.each(SHAPES)('broadcasting %j with %j matches TensorFlow.js', (sa, sb) => {
    const a = bools(size(sa), 1), b = bools(size(sb), 2);
    for (const c of logicals) {
      const y = c.fn(tf.tensor(a, sa, 'bool'), tf.tensor(b, sb, 'bool'));
      const yo = c.tfjs()(tfc.tensor(a, sa, 'bool'), tfc.tensor(b, sb, 'bool'));
      expect(y.shape, c.name).toEqual(yo.shape);
      expect(asBool(y), c.name).toEqual(tfcBool(yo));
    }
  });

  it('JS booleans and JS numbers (read as bool) as operands', () => {
    expect(tf.logicalAnd(tf.tensor([true, false]), true).arraySync()).toEqual([true, false]);
    expect(tf.logicalOr(false, tf.tensor([true, false])).arraySync()).toEqual([true, false]);
    expect(tf.logicalXor([true, false], [true, true]).arraySync()).toEqual([false, true]);
    expect(tf.logicalAnd([1, 0, 2], [1, 1, 0]).arraySync()).toEqual([true, false, false]);
    const s = tf.logicalAnd(true, true);
    expect(s.shape).toEqual([]);
    expect(s.arraySync()).toBe(true);
  });

  it('float32 or int32 tensors are rejected with the op, the argument and the dtype', () => {
    const f = tf.tensor([1, 0]), i = tf.tensor([1, 0], [2], 'int32'), b = tf.tensor([true, false]);
    for (const c of logicals) {
      expect(() => c.fn(f, b)).toThrow(`${c.name}: argument 'a' must be bool, got float32 (shape [2])`);
      expect(() => c.fn(b, i)).toThrow(`${c.name}: argument 'b' must be bool, got int32 (shape [2])`);
    }
    expect(() => tf.logicalNot(f)).toThrow("logicalNot: argument 'x' must be bool, got float32 (shape [2])");
    expect(() => tf.logicalNot(i)).toThrow(/^logicalNot: .*int32/);
  });

  it('incompatible shapes name the op and both shapes', () => {
    for (const c of logicals) {
      expect(() => c.fn(tf.tensor([true, false, true]), tf.tensor([true, false]))).toThrow(`${c.name}: shapes of a [3] and b [2] cannot be broadcast together`);
    }
  });
});

describe('where', () => {
  it('selects elementwise; float32, int32 and bool branches keep their dtype', () => {
    const c = tf.tensor([true, false, true, false]);
    const y = tf.where(c, tf.tensor([1, 2, 3, 4]), tf.tensor([10, 20, 30, 40]));
    expect(y.dtype).toBe('float32');
    expect(y.arraySync()).toEqual([1, 20, 3, 40]);
    const yi = tf.where(c, tf.tensor([1, 2, 3, 4], [4], 'int32'), tf.tensor([-1, -2, -3, 16777217], [4], 'int32'));
    expect(yi.dtype).toBe('int32');
    expect(yi.arraySync()).toEqual([1, -2, 3, 16777217]);
    const yb = tf.where(c, tf.tensor([true, true, false, false]), tf.tensor([false, true, true, false]));
    expect(yb.dtype).toBe('bool');
    expect(yb.arraySync()).toEqual([true, true, false, false]);
    // NaN and ±∞ pass through untouched
    expectClose(tf.where(c, tf.tensor([NaN, 0, Infinity, 0]), tf.tensor([0, -Infinity, 0, NaN])), [NaN, -Infinity, Infinity, NaN]);
  });

  it('mixed branch dtypes upcast (bool < int32 < float32), like the binary ops and tfjs', () => {
    const c = tf.tensor([true, false]);
    const bi = tf.where(c, tf.tensor([true, true]), tf.tensor([3, 4], [2], 'int32'));
    expect(bi.dtype).toBe('int32');
    expect(bi.arraySync()).toEqual([1, 4]);
    const theirs = tfc.where(tfc.tensor([true, false]), tfc.tensor([true, true]), tfc.tensor([3, 4], [2], 'int32'));
    expect(bi.dtype).toBe(theirs.dtype);
    expect(bi.arraySync()).toEqual(Array.from(theirs.dataSync()));
    const ib = tf.where(c, tf.tensor([3, 4], [2], 'int32'), tf.tensor([false, true]));
    expect(ib.dtype).toBe('int32');
    expect(ib.arraySync()).toEqual([3, 1]);
    const fi = tf.where(c, tf.tensor([0.5, 0.5]), tf.tensor([3, 4], [2], 'int32'));
    expect(fi.dtype).toBe('float32');
    expect(fi.arraySync()).toEqual([0.5, 4]);
    const bf = tf.where(c, tf.tensor([true, true]), tf.tensor([0.5, 0.5]));
    expect(bf.dtype).toBe('float32');
    expect(bf.arraySync()).toEqual([1, 0.5]);
  });

  it('JS values for condition and branches', () => {
    expect(tf.where([true, false], [1, 2], [3, 4]).arraySync()).toEqual([1, 4]);
    const y = tf.where(tf.tensor([true, false, true]), 1, 0);
    expect(y.shape).toEqual([3]);
    expect(y.arraySync()).toEqual([1, 0, 1]);
    const yi = tf.where(tf.tensor([true, false]), tf.tensor([5, 6], [2], 'int32'), 0);
    expect(yi.dtype).toBe('int32');
    expect(yi.arraySync()).toEqual([5, 0]);
    expect(tf.where(true, tf.tensor([1, 2]), tf.tensor([3, 4])).arraySync()).toEqual([1, 2]);
  });

  const WSHAPES: Array<[number[], number[], number[]]> = [
    [[2, 3], [2, 3], [2, 3]], [[2, 1], [3], []], [[3], [2, 3], [2, 1]], [[], [2, 2], [2, 2]], [[2, 3], [3], [1]],
    [[4, 1, 5], [1, 3, 1], [3, 5]], [[1], [4], [4]], [[0, 3], [3], [3]], [[2, 1, 1], [1, 2, 1], [1, 1, 2]],
  ];

  it.each(WSHAPES)('condition %j, a %j, b %j: values match TensorFlow.js', (sc, sa, sb) => {
    const c = bools(size(sc), 3), a = ints(size(sa), 4).map((v) => v + 0.5), b = ints(size(sb), 5).map((v) => v * 10);
    const y = tf.where(tf.tensor(c, sc, 'bool'), tf.tensor(a, sa), tf.tensor(b, sb));
    if (y.size === 0) {
      // numpy broadcasting of [0,3] with [3] is [0,3] (tfjs 4.22 says [1,3])
      expect(y.shape).toEqual([0, 3]);
      return;
    }
    const yo = tfc.where(tfc.tensor(c, sc, 'bool'), tfc.tensor(a, sa), tfc.tensor(b, sb));
    expect(y.shape).toEqual(yo.shape);
    expectClose(y, Array.from(yo.dataSync()));
  });

  it.each(WSHAPES.filter(([c, a, b]) => size(c) * size(a) * size(b) > 0))(
    'condition %j, a %j, b %j: gradients (summed over broadcast axes) against finite differences and tfjs', (sc, sa, sb) => {
      const c = bools(size(sc), 6);
      const cond = tf.tensor(c, sc, 'bool');
      const a = ints(size(sa), 7).map((v) => v * 0.3 + 0.1), b = ints(size(sb), 8).map((v) => v * 0.7 - 0.2);
      const f = (x: tf.Tensor, y: tf.Tensor) => tf.mul(tf.where(cond, tf.square(x), tf.exp(y)), 1.5);
      checkGrad(f, [tf.tensor(a, sa), tf.tensor(b, sb)]);
      const x = tf.tensor(a, sa), y = tf.tensor(b, sb);
      const tape = new tf.GradientTape();
      tape.watch([x, y]);
      const out = tf.where(cond, x, y);
      const dy = tf.tensor(Array.from({ length: out.size }, (_, i) => i - 1.5), out.shape);
      const [ga, gb] = tape.gradient(out, [x, y], dy) as tf.Tensor[];
      expect(ga.shape).toEqual(sa);
      expect(gb.shape).toEqual(sb);
      const fo = (p: tfcore.Tensor, q: tfcore.Tensor) => tfc.where(tfc.tensor(c, sc, 'bool'), p, q);
      const [gao, gbo] = tfc.grads(fo)([tfc.tensor(a, sa), tfc.tensor(b, sb)], tfc.tensor(Array.from(dy.dataSync()), out.shape));
      expectClose(ga, Array.from(gao.dataSync()));
      expectClose(gb, Array.from(gbo.dataSync()));
    });

  it('hand-checked gradient: d/da, d/db of sum(where([T,F,T], a, b[1]))', () => {
    const a = tf.tensor([1, 2, 3]), b = tf.tensor([4]);
    const tape = new tf.GradientTape();
    tape.watch([a, b]);
    const [ga, gb] = tape.gradient(tf.where(tf.tensor([true, false, true]), a, b), [a, b]) as tf.Tensor[];
    expect(ga.arraySync()).toEqual([1, 0, 1]);
    expect(gb.arraySync()).toEqual([1]);
  });

  it('second order through where: d²/dx² of where(x > 0, x³, x²) is 6x or 2', () => {
    const pts = [-1.5, -0.5, 0.5, 2];
    const x = tf.tensor(pts);
    const outer = new tf.GradientTape();
    outer.watch(x);
    const inner = new tf.GradientTape();
    inner.watch(x);
    const y = tf.where(tf.greater(x, 0), tf.pow(x, 3), tf.square(x));
    const g = inner.gradient(tf.sum(y), x)!;
    expectClose(g, pts.map((v) => (v > 0 ? 3 * v * v : 2 * v)), 1e-6);
    const h = outer.gradient(tf.sum(g), x)!;
    expectClose(h, pts.map((v) => (v > 0 ? 6 * v : 2)), 1e-5);
  });

  it('int32 and bool branches are not differentiated', () => {
    const a = tf.tensor([1, 2], [2], 'int32');
    const tape = new tf.GradientTape();
    tape.watch(a);
    expect(tape.gradient(tf.where(tf.tensor([true, false]), a, a), a)).toBeNull();
  });

  it('one argument: the coordinates of the true elements (int32 [count, rank])', () => {
    const y = tf.where(tf.tensor([[true, false], [false, true]]));
    expect(y.dtype).toBe('int32');
    expect(y.arraySync()).toEqual([[0, 0], [1, 1]]);
  });

  it('errors name where, the argument and the dtype or shapes', () => {
    expect(() => tf.where(tf.tensor([1, 0]), tf.tensor([1, 2]), tf.tensor([3, 4]))).toThrow("where: argument 'condition' must be bool, got float32 (shape [2])");
    expect(() => tf.where(tf.tensor([1, 0], [2], 'int32'), [1, 2], [3, 4])).toThrow(/^where: argument 'condition' must be bool, got int32/);
    expect(() => tf.where(tf.tensor([true, false]), tf.ones([3]), tf.ones([2]))).toThrow('where: shapes of a [3] and b [2] cannot be broadcast together');
    expect(() => tf.where(tf.tensor([true, false, true]), tf.ones([2, 2]), tf.ones([2]))).toThrow(/^where: .*\[2,2\].*\[3\]/);
    const d = tf.tensor([1, 2]);
    d.dispose();
    expect(() => tf.where(tf.tensor([true, false]), d, tf.ones([2]))).toThrow(/^where: argument 'a' is disposed/);
    expect(() => tf.where(tf.tensor([true, false]), tf.ones([2]), d)).toThrow(/^where: argument 'b' is disposed/);
    expect(() => tf.where(tf.tensor([true, false]), tf.ones([2]), undefined as never)).toThrow(/^where/);
  });
});

describe('isNaN', () => {
  it('finds NaN among finite values, ±0 and ±∞ (float32), never in int32 or bool', () => {
    const vals = [NaN, 0, -0, 1, -Infinity, Infinity, NaN, 3.5, -1e-38];
    const y = tf.isNaN(tf.tensor(vals));
    expect(y.dtype).toBe('bool');
    expect(y.arraySync()).toEqual(vals.map(Number.isNaN));
    expect(asBool(y)).toEqual(tfcBool(tfc.isNaN(tfc.tensor(vals))));
    expect(tf.isNaN(tf.tensor([1, 2], [2], 'int32')).arraySync()).toEqual([false, false]);
    expect(tf.isNaN(tf.tensor([true, false])).arraySync()).toEqual([false, false]);
    expect(tf.isNaN([[NaN, 1], [2, NaN]]).arraySync()).toEqual([[true, false], [false, true]]);
    expect(tf.isNaN(NaN).arraySync()).toBe(true);
    expect(tf.isNaN(tf.zeros([0])).shape).toEqual([0]);
  });

  it('of the results of ops: 0/0, ∞-∞, sqrt(-1), log(-1)', () => {
    expect(tf.isNaN(tf.div([0, 1], [0, 1])).arraySync()).toEqual([true, false]);
    expect(tf.isNaN(tf.sub(Infinity, [Infinity, 1])).arraySync()).toEqual([true, false]);
    expect(tf.isNaN(tf.sqrt([-1, 1])).arraySync()).toEqual([true, false]);
    expect(tf.isNaN(tf.log([-1, 0])).arraySync()).toEqual([true, false]);
  });

  it('a disposed tensor names isNaN', () => {
    const d = tf.tensor([1]);
    d.dispose();
    expect(() => tf.isNaN(d)).toThrow(/^isNaN: argument 'x' is disposed/);
  });
});

describe('compare errors and recovery', () => {
  it('incompatible shapes name the op and both shapes', () => {
    for (const c of comparisons) {
      expect(() => c.fn(tf.ones([2, 3]), tf.ones([4]))).toThrow(`${c.name}: shapes of a [2,3] and b [4] cannot be broadcast together`);
    }
  });

  it('disposed and null operands name the op and the argument', () => {
    const d = tf.tensor([1, 2]);
    d.dispose();
    for (const c of [...comparisons, ...logicals]) {
      expect(() => c.fn(d, tf.tensor([1, 2]))).toThrow(new RegExp(`^${c.name}: argument 'a' is disposed`));
      expect(() => c.fn(tf.tensor([true, false]), d)).toThrow(new RegExp(`^${c.name}: argument 'b' is disposed`));
      expect(() => c.fn(null as never, 1)).toThrow(new RegExp(`^${c.name}: argument 'a' is null`));
    }
    const db = tf.tensor([true]);
    db.dispose();
    expect(() => tf.logicalNot(db)).toThrow(/^logicalNot: argument 'x' is disposed/);
  });

  it('ops free the tensors they make from JS values and casts (numTensors stays flat, as in tfjs)', () => {
    const x = tf.tensor([1, 2]), i = tf.tensor([1, 2], [2], 'int32'), b = tf.tensor([true, false]);
    const n0 = tf.memory().numTensors;
    const calls = [() => tf.equal(x, 1), () => tf.less(i, x), () => tf.greater(b, 0), () => tf.logicalAnd(b, true),
      () => tf.logicalOr([true, false], b), () => tf.logicalNot(b), () => tf.isNaN([1, NaN]), () => tf.where(b, x, 0),
      () => tf.where([true, false], b, b), () => tf.where(b, b, i), () => tf.where(b, [1, 2], [3, 4])];
    for (const f of calls) {
      f().dispose();
      expect(tf.memory().numTensors).toBe(n0);
    }
    expect(() => tf.logicalAnd([true, false], x)).toThrow(/logicalAnd/);
    expect(() => tf.where([true, false], [1, 2], [3, 4, 5])).toThrow(/where/);
    expect(tf.where([1.5, 0], x, tf.zeros([2])).arraySync()).toEqual([1, 0]); // JS numbers read as bool
    expect(tf.memory().numTensors).toBe(n0 + 2);
  });

  it('the library keeps working after errors, and tidy frees everything a failed op made', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      expect(() => tf.equal(tf.ones([2]), [1, 2, 3])).toThrow(/equal/);
      expect(() => tf.logicalAnd(tf.ones([2]), [true, false])).toThrow(/logicalAnd/);
      expect(() => tf.where(tf.tensor([1, 0]), [1, 2], [3, 4])).toThrow(/where/);
      expect(() => tf.where([true, false], [1, 2], [3, 4, 5])).toThrow(/where/);
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.equal([1, 2], [1, 3]).arraySync()).toEqual([true, false]);
    expect(tf.where([true, false], [1, 2], [3, 4]).arraySync()).toEqual([1, 4]);
  });
});
