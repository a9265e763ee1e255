// gather, gatherND, scatterND, unsortedSegmentSum, where(cond), booleanMask: the seed 002 §3.23–3.26
// examples, TensorFlow.js (cpu) values and gradients, finite differences (first and second order), and
// errors for out-of-range indices.
import { describe, expect, it } from 'vitest';
import { H, K } from '../../src/backend/wasm.js';
import { checkGrad, expectClose, oracle, rand, tf } from '../helpers.js';

const arr = (t: tf.Tensor) => t.arraySync();
const o = async () => oracle();
const toO = (tfc: Awaited<ReturnType<typeof oracle>>, t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype as any);

describe('gather', () => {
  it('seed 002 §3.23: classes and subjects from scores [4, 35, 8]', () => {
    const x = tf.randomUniform([4, 35, 8], 0, 100, 'int32', 3);
    const xs = arr(x) as number[][][];
    const a = tf.gather(x, [0, 2], 0);
    expect(a.shape).toEqual([2, 35, 8]);
    expect(a.dtype).toBe('int32');
    expect(arr(a)).toEqual([xs[0], xs[2]]);
    const b = tf.gather(x, [2, 4], 2);
    expect(b.shape).toEqual([4, 35, 2]);
    expect(arr(b)).toEqual(xs.map((c) => c.map((s) => [s[2], s[4]])));
    const c = tf.gather(tf.gather(x, [1, 2], 0), [2, 3, 5, 26], 1);
    expect(c.shape).toEqual([2, 4, 8]);
    expect(arr(c)).toEqual([1, 2].map((i) => [2, 3, 5, 26].map((j) => xs[i][j])));
  });

  it('matches TensorFlow.js for axes, batchDims, index shapes and dtypes', async () => {
    const tfc = await o();
    const x = rand([3, 4, 5], 1);
    const xo = toO(tfc, x);
    const cases: [number[][] | number[], number, number][] = [
      [[2, 0, 2, 1], 0, 0], [[[4, 0], [1, 1]], 2, 0], [[3, 3, 0], 1, 0], [[], 1, 0], [[-0 + 1], -1, 0],
    ];
    for (const [ind, axis, bd] of cases) {
      const y = tf.gather(x, tf.tensor(ind as any, undefined, 'int32'), axis, bd);
      const yo = tfc.gather(xo, tfc.tensor(ind as any, undefined, 'int32'), axis, bd);
      expect(y.shape).toEqual(yo.shape);
      expectClose(y, Array.from(yo.dataSync()), 0, 0);
    }
    // batchDims = 1: each row of x picks with its own indices
    const ib = tf.tensor([[3, 0], [1, 1], [2, 3]], [3, 2], 'int32');
    const yb = tf.gather(x, ib, 1, 1);
    const yob = tfc.gather(xo, tfc.tensor([[3, 0], [1, 1], [2, 3]], [3, 2], 'int32'), 1, 1);
    expect(yb.shape).toEqual(yob.shape);
    expectClose(yb, Array.from(yob.dataSync()), 0, 0);
    // bool
    expect(arr(tf.gather(tf.tensor([true, false, true]), [1, 2, 0]))).toEqual([false, true, true]);
    // chain
    expect(arr(tf.tensor([10, 20, 30]).gather([2, 0]))).toEqual([30, 10]);
  });

  it('gradients match TensorFlow.js (duplicates accumulate: the embedding case)', async () => {
    const tfc = await o();
    const w = rand([5, 3], 2);
    const ids = tf.tensor([[0, 4], [0, 0], [3, 4]], [3, 2], 'int32');
    const dy = rand([3, 2, 3], 3);
    const dw = tf.grad((a) => tf.gather(a, ids))(w, dy);
    const dwo = tfc.grad((a: any) => tfc.gather(a, tfc.tensor([[0, 4], [0, 0], [3, 4]], [3, 2], 'int32')))(toO(tfc, w), toO(tfc, dy));
    expectClose(dw, Array.from(dwo.dataSync()), 1e-6, 1e-7);
    // rows never looked up get zero, row 0 three gradients
    const d = arr(tf.grad((a) => tf.gather(a, ids))(w)) as number[][];
    expect(d.map((r) => r[0])).toEqual([3, 0, 0, 1, 2]);
    // axis 1 with outer > 1
    const x = rand([2, 4, 3], 4), i1 = tf.tensor([3, 1, 3], [3], 'int32'), dy1 = rand([2, 3, 3], 5);
    const g1 = tf.grad((a) => tf.gather(a, i1, 1))(x, dy1);
    const g1o = tfc.grad((a: any) => tfc.gather(a, tfc.tensor([3, 1, 3], [3], 'int32'), 1))(toO(tfc, x), toO(tfc, dy1));
    expectClose(g1, Array.from(g1o.dataSync()), 1e-6, 1e-7);
  });

  it('finite differences, batchDims, and second order', () => {
    checkGrad((x) => tf.gather(x, [2, 0, 2], 1), [rand([2, 3, 4], 6)]);
    checkGrad((x) => tf.gather(x, tf.tensor([[1, 0, 1], [2, 2, 0]], [2, 3], 'int32'), 2, 1), [rand([2, 2, 3, 2], 7)]);
    // d/dx of sum(d(sum(gather(x)²))/dx · r): the gradient's gradient goes through unsortedSegmentSum → gather
    const r = rand([4, 2], 8);
    checkGrad((x) => {
      const t = new tf.GradientTape();
      t.watch(x);
      const l = tf.sum(tf.square(tf.gather(x, [1, 1, 3])));
      return tf.mul(t.gradient(l, x)!, r);
    }, [rand([4, 2], 9)]);
  });

  it('out-of-range indices are clear errors and leave the library usable', () => {
    const x = tf.zeros([4, 35, 8]);
    expect(() => tf.gather(x, [0, 4], 0)).toThrow(/gather: indices\[1\] = 4 is out of range for axis 0 of x \[4,35,8\] \(valid indices are 0 … 3\)/);
    expect(() => tf.gather(x, [[0, -1]], 2)).toThrow(/gather: indices\[0,1\] = -1 is out of range for axis 2 of x \[4,35,8\]/);
    expect(() => tf.gather(x, tf.tensor([0.5]), 0)).toThrow(/gather: argument 'indices' must be int32, got float32/);
    expect(() => tf.gather(x, [0], 3)).toThrow(/gather: axis 3 is out of range for x \[4,35,8\]/);
    expect(() => tf.gather(tf.scalar(1), [0])).toThrow(/gather: x must have rank ≥ 1/);
    expect(() => tf.gather(x, tf.tensor([[0], [1]], [2, 1], 'int32'), 1, 1)).toThrow(/gather: with batchDims 1, x \[4,35,8\] and indices \[2,1\] must agree/);
    const before = tf.memory().numTensors;
    expect(() => tf.gather(x, [9])).toThrow();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 1); // only the converted indices, collected later
    expect(tf.gather(x, [3]).shape).toEqual([1, 35, 8]);
  });
});

describe('unsortedSegmentSum', () => {
  it('sums rows by segment id, matches TensorFlow.js values and gradients', async () => {
    const tfc = await o();
    const x = rand([6, 3], 1), ids = [2, 0, 2, 1, 0, 2];
    const y = tf.unsortedSegmentSum(x, tf.tensor1d(ids, 'int32'), 4);
    const fo = (a: any) => tfc.unsortedSegmentSum(a, tfc.tensor1d(ids, 'int32'), 4);
    expect(y.shape).toEqual([4, 3]);
    expectClose(y, Array.from(fo(toO(tfc, x)).dataSync()), 1e-6, 1e-7);
    expect(arr(y)[3]).toEqual([0, 0, 0]);
    const dy = rand([4, 3], 2);
    expectClose(tf.grad((a) => tf.unsortedSegmentSum(a, tf.tensor1d(ids, 'int32'), 4))(x, dy),
      Array.from(tfc.grad(fo)(toO(tfc, x), toO(tfc, dy)).dataSync()), 1e-6, 1e-7);
    expect(arr(tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3, 4], 'int32'), tf.tensor1d([1, 0, 1, 1], 'int32'), 2))).toEqual([2, 8]);
    expect(tf.tensor([5, 6]).unsortedSegmentSum([1, 1], 2).arraySync()).toEqual([0, 11]);
  });

  it('segment ids of rank 2 (a prefix of x), negative ids dropped, finite differences', () => {
    const x = rand([2, 3, 2], 3);
    const ids = tf.tensor([[0, -1, 1], [1, 1, -1]], [2, 3], 'int32');
    const y = tf.unsortedSegmentSum(x, ids, 2);
    const xs = arr(x) as number[][][];
    expectClose(y, [[xs[0][0][0], xs[0][0][1]], [xs[0][2][0] + xs[1][0][0] + xs[1][1][0], xs[0][2][1] + xs[1][0][1] + xs[1][1][1]]], 1e-6, 1e-6);
    checkGrad((a) => tf.unsortedSegmentSum(a, ids, 3), [x]);
    const g = tf.grad((a) => tf.unsortedSegmentSum(a, ids, 2))(x);
    expect(arr(g)).toEqual([[[1, 1], [0, 0], [1, 1]], [[1, 1], [1, 1], [0, 0]]]);
  });

  it('errors', () => {
    expect(() => tf.unsortedSegmentSum(tf.zeros([3]), tf.tensor1d([0, 5, 1], 'int32'), 4)).toThrow(/unsortedSegmentSum: segmentIds\[1\] = 5 is out of range for numSegments 4/);
    expect(() => tf.unsortedSegmentSum(tf.zeros([3, 2]), tf.tensor1d([0, 1], 'int32'), 4)).toThrow(/segmentIds \[2\] must have a prefix of the shape of x \[3,2\]/);
  });

  it('SIMD kernel equals its scalar twin', () => {
    for (let inner = 0; inner <= 13; inner++) {
      const n = 7, segs = 3;
      const x = H().alloc(n * inner * 4 + 4), ids = H().alloc(n * 4), y1 = H().alloc(segs * inner * 4 + 4), y2 = H().alloc(segs * inner * 4 + 4);
      for (let i = 0; i < n * inner; i++) H().f32[(x >> 2) + i] = Math.sin(i * 1.7 + inner);
      H().i32.set([2, 0, -1, 2, 1, 0, 2], ids >> 2);
      expect(K().f32_segment_sum__wasmsimd(x, ids, y1, n, inner, segs)).toBe(-1);
      expect(K().f32_segment_sum__scalar(x, ids, y2, n, inner, segs)).toBe(-1);
      expect(Array.from(H().f32.subarray(y1 >> 2, (y1 >> 2) + segs * inner))).toEqual(Array.from(H().f32.subarray(y2 >> 2, (y2 >> 2) + segs * inner)));
      for (const [p, b] of [[x, n * inner * 4 + 4], [ids, n * 4], [y1, segs * inner * 4 + 4], [y2, segs * inner * 4 + 4]]) H().free(p, b);
    }
  });
});

describe('gatherND and scatterND', () => {
  it('seed 002 §3.24: students [1,1], [2,2], [3,3] of x [4, 35, 8]', () => {
    const x = tf.randomUniform([4, 35, 8], 0, 100, 'int32', 5);
    const xs = arr(x) as number[][][];
    const y = tf.gatherND(x, [[1, 1], [2, 2], [3, 3]]);
    expect(y.shape).toEqual([3, 8]);
    expect(y.dtype).toBe('int32');
    expect(arr(y)).toEqual([xs[1][1], xs[2][2], xs[3][3]]);
  });

  it('seed 002 §3.26: scatter_nd into a blank tensor', () => {
    const y = tf.scatterND(tf.tensor([[2], [5]], [2, 1], 'int32'), tf.tensor([2.2, 5.5]), [8]);
    expectClose(y, [0, 0, 2.2, 0, 0, 5.5, 0, 0]);
    expect(y.toString()).toBe('tf.Tensor([0.  0.  2.2 0.  0.  5.5 0.  0. ], shape=(8,), dtype=float32)');
    // duplicates add, as TensorFlow; slices of rank ≥ 1
    expect(arr(tf.scatterND([[1], [1], [0]], [1, 2, 3], [3]))).toEqual([3, 3, 0]);
    expect(arr(tf.scatterND([[0], [2], [0]], tf.tensor([[1, 2], [3, 4], [5, 6]], [3, 2], 'int32'), [3, 2]))).toEqual([[6, 8], [0, 0], [3, 4]]);
  });

  it('matches TensorFlow.js', async () => {
    const tfc = await o();
    const x = rand([3, 4, 2], 1), xo = toO(tfc, x);
    for (const ind of [[[0, 1], [2, 3], [0, 1]], [[[1]], [[2]]], [[2, 3, 1]], [[0, 0, 0], [1, 3, 1]]]) {
      const y = tf.gatherND(x, ind as any), yo = tfc.gatherND(xo, ind as any);
      expect(y.shape).toEqual(yo.shape);
      expectClose(y, Array.from(yo.dataSync()), 0, 0);
    }
    const u = rand([4, 2], 2), ind = [[1, 0], [2, 3], [1, 0], [0, 2]];
    const s = tf.scatterND(ind, u, [3, 4, 2]), so = tfc.scatterND(ind, toO(tfc, u), [3, 4, 2]);
    expectClose(s, Array.from(so.dataSync()), 1e-6, 1e-7);
  });

  it('finite differences, and second order through gatherND', () => {
    checkGrad((x) => tf.gatherND(x, [[0, 1], [2, 0], [0, 1]]), [rand([3, 2, 3], 3)]);
    checkGrad((u) => tf.scatterND([[1], [3], [1]], u, [4, 2]), [rand([3, 2], 4)]);
    const r = rand([3, 2], 5);
    checkGrad((x) => {
      const t = new tf.GradientTape();
      t.watch(x);
      const l = tf.sum(tf.pow(tf.gatherND(x, [[2, 1], [0, 0], [2, 1]]), 3));
      return tf.mul(t.gradient(l, x)!, r);
    }, [rand([3, 2], 6)]);
  });

  it('out-of-range index tuples are clear errors', () => {
    const x = tf.zeros([4, 35, 8]);
    expect(() => tf.gatherND(x, [[1, 1], [2, 40]])).toThrow(/gatherND: indices\[1\] = \[2,40\] is out of range for x of shape \[4,35,8\]/);
    expect(() => tf.gatherND(x, [[1, 1, 1, 1]])).toThrow(/gatherND: the last axis of indices \[1,4\] has 4 components, more than the rank 3 of x/);
    expect(() => tf.scatterND([[2], [8]], [1, 2], [8])).toThrow(/scatterND: indices\[1\] = \[8\] is out of range for shape \[8\]/);
    expect(() => tf.scatterND([[-1]], [1], [8])).toThrow(/scatterND: indices\[0\] = \[-1\] is out of range/);
    expect(() => tf.scatterND([[2], [5]], [1, 2, 3], [8])).toThrow(/scatterND: updates \[3\] must have shape indices.shape\[:-1\] \+ shape\[1:\] = \[2\]/);
  });
});

describe('where(condition) and booleanMask', () => {
  const cond = () => tf.tensor([[true, false, true], [false, false, true], [true, true, false]]);

  it('seed 002 §3.26: select and coordinates', async () => {
    const y = tf.where(cond(), tf.ones([3, 3]), tf.zeros([3, 3]));
    expect(arr(y)).toEqual([[1, 0, 1], [0, 0, 1], [1, 1, 0]]);
    const c = tf.where(cond());
    expect(c.dtype).toBe('int32');
    expect(c.shape).toEqual([5, 2]);
    expect(arr(c)).toEqual([[0, 0], [0, 2], [1, 2], [2, 0], [2, 1]]);
    expect(arr(await tf.whereAsync(cond()))).toEqual(arr(c));
    const tfc = await o();
    const co = await tfc.whereAsync(tfc.tensor([[true, false, true], [false, false, true], [true, true, false]]));
    expect(arr(c)).toEqual(co.arraySync());
    expect(tf.where(tf.zeros([2, 3], 'bool')).shape).toEqual([0, 2]);
    expect(arr(tf.where(tf.tensor([0, 3, 0, -1])))).toEqual([[1], [3]]); // numeric conditions: non-zero
  });

  it('seed 002 §3.25: boolean_mask along axis 0 of [4, 35, 8]', async () => {
    const x = tf.randomUniform([4, 35, 8], 0, 100, 'int32', 7);
    const xs = arr(x) as number[][][];
    const y = tf.booleanMask(x, [true, false, true, true], 0);
    expect(y.shape).toEqual([3, 35, 8]);
    expect(arr(y)).toEqual([xs[0], xs[2], xs[3]]);
    expect(arr(await tf.booleanMaskAsync(x, [true, false, true, true]))).toEqual(arr(y));
  });

  it('seed 002: all positive entries, by boolean_mask and by gather_nd(where)', async () => {
    const x = tf.randomNormal([3, 3], 0, 1, 'float32', 11);
    const mask = tf.greater(x, 0);
    const a = tf.booleanMask(x, mask);
    const b = tf.gatherND(x, tf.where(mask));
    const positive = Array.from(x.dataSync()).filter((v) => v > 0);
    expect(Array.from(a.dataSync())).toEqual(positive);
    expect(Array.from(b.dataSync())).toEqual(positive);
    const tfc = await o();
    const ao = await tfc.booleanMaskAsync(toO(tfc, x), toO(tfc, mask));
    expectClose(a, Array.from(ao.dataSync()), 0, 0);
  });

  it('booleanMask on an inner axis, gradient, errors', async () => {
    const tfc = await o();
    const x = rand([2, 3, 4], 1), m = tf.tensor([[true, false, true, true], [false, false, true, false], [true, true, true, false]]);
    const y = tf.booleanMask(x, m, 1);
    const yo = await tfc.booleanMaskAsync(toO(tfc, x), toO(tfc, m), 1);
    expect(y.shape).toEqual(yo.shape);
    expectClose(y, Array.from(yo.dataSync()), 0, 0);
    checkGrad((a) => tf.booleanMask(a, m, 1), [x]);
    expect(arr(tf.booleanMask(x, [false, true], 0))).toEqual([arr(x)[1]]);
    expect(() => tf.booleanMask(x, [true, false, true], 0)).toThrow(/booleanMask: mask \[3\] does not match x \[2,3,4\] at axis 0/);
    expect(() => tf.booleanMask(x, tf.tensor([1, 0]), 0)).toThrow(/booleanMask: argument 'mask' must be bool/);
    expect(() => tf.where(cond(), tf.ones([3, 3]))).toThrow(/where: pass both a and b, or neither/);
  });
});

describe('embedding training (gather forward, unsortedSegmentSum backward)', () => {
  it('a bag-of-embeddings classifier learns, with flat memory', () => {
    const emb = tf.variable(tf.mul(rand([10, 4], 1), 0.1)), w = tf.variable(tf.mul(rand([4, 2], 2), 0.1));
    // token ids per example (repeats included); class 1 iff the example contains token 7
    const ids = tf.tensor([[7, 1, 7], [2, 3, 4], [5, 7, 0], [9, 8, 1], [7, 7, 7], [3, 3, 6]], [6, 3], 'int32');
    const labels = tf.oneHot(tf.tensor1d([1, 0, 1, 0, 1, 0], 'int32'), 2).toFloat();
    const step = () => tf.tidy(() => {
      const tape = new tf.GradientTape();
      const logits = tf.matMul(tf.mean(tf.gather(emb, ids), 1), w);
      const loss = tf.losses.softmaxCrossEntropy(labels, logits);
      const [ge, gw] = tape.gradient(loss, [emb, w]) as tf.Tensor[];
      emb.assignSub(tf.mul(ge, 2));
      w.assignSub(tf.mul(gw, 2));
      return loss.item();
    });
    const first = step();
    for (let i = 0; i < 20; i++) step();
    const before = tf.memory().numTensors;
    let last = 0;
    for (let i = 0; i < 80; i++) last = step();
    expect(tf.memory().numTensors).toBe(before);
    expect(last).toBeLessThan(first * 0.2);
  });
});
