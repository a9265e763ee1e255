// matMul and dot: every transpose combination, sizes around the 4×8 register tile and the KC/NC
// cache blocks of the packed GEMM, batched and broadcast batches; gradients against finite differences
// and TensorFlow.js; error messages.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfcore from '@tensorflow/tfjs-core';
import { checkGrad, expectClose, oracle, rand, tf } from '../helpers.js';

let tfc: typeof tfcore;
beforeAll(async () => { tfc = await oracle(); });

const toTfc = (t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype);
function matches(ours: tf.Tensor, theirs: tfcore.Tensor, rtol = 1e-5, atol = 1e-5): void {
  expect(ours.shape).toEqual(theirs.shape);
  expect(ours.dtype).toBe(theirs.dtype);
  expectClose(ours, Array.from(theirs.dataSync()), rtol, atol);
}

/**
 * float64 reference of op(A)·op(B) for one matrix pair: `a` holds A as stored ([M,K], or [K,M] when
 * transposeA), `b` holds B ([K,N], or [N,K] when transposeB).
 */
function ref(a: ArrayLike<number>, b: ArrayLike<number>, M: number, N: number, K: number, tA: boolean, tB: boolean): Float64Array {
  const out = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let k = 0; k < K; k++) {
      const aik = tA ? a[k * M + i] : a[i * K + k];
      if (aik === 0) continue;
      for (let j = 0; j < N; j++) out[i * N + j] += aik * (tB ? b[j * K + k] : b[k * N + j]);
    }
  }
  return out;
}

const COMBOS: [boolean, boolean][] = [[false, false], [false, true], [true, false], [true, true]];
let seed = 100;
/** Operands for op(A) = [M,K], op(B) = [K,N] stored as the transpose flags say. */
function operands(M: number, N: number, K: number, tA: boolean, tB: boolean, batchA: number[] = [], batchB: number[] = []) {
  const a = rand([...batchA, ...(tA ? [K, M] : [M, K])], seed++);
  const b = rand([...batchB, ...(tB ? [N, K] : [K, N])], seed++);
  return [a, b];
}

describe('matMul values', () => {
  it('2×2 example and the chaining API', () => {
    const a = tf.tensor2d([[1, 2], [3, 4]]), b = tf.tensor2d([[5, 6], [7, 8]]);
    expect(tf.matMul(a, b).arraySync()).toEqual([[19, 22], [43, 50]]);
    expect(tf.matMul(a, b, true).arraySync()).toEqual([[26, 30], [38, 44]]);
    expect(tf.matMul(a, b, false, true).arraySync()).toEqual([[17, 23], [39, 53]]);
    expect(tf.matMul(a, b, true, true).arraySync()).toEqual([[23, 31], [34, 46]]);
    expect(a.matMul(b).arraySync()).toEqual([[19, 22], [43, 50]]);
    expect(tf.matMul([[1, 2, 3]], [[1], [1], [1]]).arraySync()).toEqual([[6]]);
  });

  // M×K×N: below, at and around the 4×8 tile; K and N across the 256/512-wide cache blocks
  const sizes: [number, number, number][] = [
    [1, 1, 1], [1, 7, 1], [3, 5, 7], [4, 8, 8], [5, 9, 9], [8, 16, 3], [13, 1, 17], [67, 33, 129], [2, 600, 19],
  ];
  for (const [M, K, N] of sizes) {
    it(`${M}×${K}×${N}: all four transposeA/transposeB combinations match float64 and tfjs`, () => {
      for (const [tA, tB] of COMBOS) {
        const [a, b] = operands(M, N, K, tA, tB);
        const y = tf.matMul(a, b, tA, tB);
        expect(y.shape).toEqual([M, N]);
        expect(y.dtype).toBe('float32');
        expectClose(y, ref(a.dataSync(), b.dataSync(), M, N, K, tA, tB), 1e-5, 2e-6 * Math.sqrt(K));
        matches(y, tfc.matMul(toTfc(a), toTfc(b), tA, tB), 1e-5, 2e-6 * Math.sqrt(K));
      }
    });
  }

  it('300×257×260 (K > 256 and N > 256: the K and N cache blocking), all four combinations', () => {
    const [M, K, N] = [300, 257, 260];
    for (const [tA, tB] of COMBOS) {
      const [a, b] = operands(M, N, K, tA, tB);
      const y = tf.matMul(a, b, tA, tB);
      expect(y.shape).toEqual([M, N]);
      expectClose(y, ref(a.dataSync(), b.dataSync(), M, N, K, tA, tB), 1e-5, 5e-5);
    }
  });

  it('K = 1100 (several K blocks whatever the block depth), transposed and not', () => {
    for (const [tA, tB] of COMBOS) {
      const [a, b] = operands(6, 11, 1100, tA, tB);
      expectClose(tf.matMul(a, b, tA, tB), ref(a.dataSync(), b.dataSync(), 6, 11, 1100, tA, tB), 1e-5, 1e-4);
    }
  });

  it('empty dimensions: K = 0 gives zeros, M = 0 or N = 0 give empty results', () => {
    expect(tf.matMul(tf.zeros([2, 0]), tf.zeros([0, 3])).arraySync()).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(tf.matMul(tf.zeros([0, 4]), tf.ones([4, 3])).shape).toEqual([0, 3]);
    expect(tf.matMul(tf.ones([2, 4]), tf.ones([4, 0])).shape).toEqual([2, 0]);
  });

  it('NaN and infinity propagate only where they belong (zero padding of edge tiles stays clean)', () => {
    // 3 rows and 3 columns: the padded 4th row of A and columns 4-8 of B are zeros, 0·∞ = NaN there
    const a = tf.tensor2d([[NaN, 1], [1, 1], [2, 3]]);
    const b = tf.tensor2d([[1, 2, 3], [Infinity, 0, 1]]);
    const y = tf.matMul(a, b).arraySync() as number[][];
    expect(y[0].every(Number.isNaN)).toBe(true);
    expect(y[1]).toEqual([Infinity, 2, 4]);
    expect(y[2]).toEqual([Infinity, 4, 9]);
    expect(tf.matMul(tf.tensor2d([[0, 1]]), tf.tensor2d([[Infinity], [1]])).arraySync()).toEqual([[NaN]]);
  });

  it('batched [2,3,4]·[2,4,5] and with transposes match per-batch float64 and tfjs', () => {
    for (const [tA, tB] of COMBOS) {
      const [a, b] = operands(3, 5, 4, tA, tB, [2], [2]);
      const y = tf.matMul(a, b, tA, tB);
      expect(y.shape).toEqual([2, 3, 5]);
      const av = a.dataSync(), bv = b.dataSync();
      const want = [0, 1].flatMap((i) => Array.from(ref(av.subarray(i * 12, i * 12 + 12), bv.subarray(i * 20, i * 20 + 20), 3, 5, 4, tA, tB)));
      expectClose(y, want);
      matches(y, tfc.matMul(toTfc(a), toTfc(b), tA, tB));
    }
  });

  it('broadcast batches [2,1,3,4]·[5,4,2] → [2,5,3,2], and rank 2 against rank 3 either way', () => {
    const a = rand([2, 1, 3, 4], 1), b = rand([5, 4, 2], 2);
    const y = tf.matMul(a, b);
    expect(y.shape).toEqual([2, 5, 3, 2]);
    const av = a.dataSync(), bv = b.dataSync();
    const want: number[] = [];
    for (let i = 0; i < 2; i++) for (let j = 0; j < 5; j++) want.push(...ref(av.subarray(i * 12, i * 12 + 12), bv.subarray(j * 8, j * 8 + 8), 3, 2, 4, false, false));
    expectClose(y, want);
    // transposed broadcast: [5,2,4]ᵀ batches against [2,1,3,4]ᵀ
    // (tfjs broadcasts a batch only when one side has a single matrix, so it is no oracle here)
    const at = rand([2, 1, 4, 3], 3), bt = rand([5, 2, 4], 3);
    const yt = tf.matMul(at, bt, true, true);
    expect(yt.shape).toEqual([2, 5, 3, 2]);
    const atv = at.dataSync(), btv = bt.dataSync();
    const wantT: number[] = [];
    for (let i = 0; i < 2; i++) for (let j = 0; j < 5; j++) wantT.push(...ref(atv.subarray(i * 12, i * 12 + 12), btv.subarray(j * 8, j * 8 + 8), 3, 2, 4, true, true));
    expectClose(yt, wantT);
    const m = rand([3, 4], 4), bb = rand([2, 4, 5], 5);
    matches(tf.matMul(m, bb), tfc.matMul(toTfc(m), toTfc(bb)));
    const ab = rand([2, 3, 4], 6), n = rand([4, 5], 7);
    matches(tf.matMul(ab, n), tfc.matMul(toTfc(ab), toTfc(n)));
    // a size-1 batch against a rank-4 batch
    const c = rand([1, 3, 4], 8), d = rand([2, 3, 4, 2], 9);
    matches(tf.matMul(c, d), tfc.matMul(toTfc(c), toTfc(d)));
  });

  it('batched products are one kernel call and give exactly the bits of one 2-D product per batch element', () => {
    // the kernel's paths (tiny: M ≥ 4, K ≤ 64, N ≤ 8; skinny: M ≤ 4; packed), every transpose form, broadcast on
    // either side, and three batch axes (the outer one a loop over the two-axis kernel call)
    const shapes: [number, number, number][] = [[5, 8, 5], [5, 5, 8], [3, 17, 40], [37, 70, 19], [16, 16, 16]];
    const batches: [number[], number[]][] = [[[3, 2], [3, 2]], [[4, 1], [1, 3]], [[1], [2, 3]], [[2, 3, 2], [2, 1, 2]], [[6], []]];
    for (const [M, K, N] of shapes) {
      for (const [ba, bb] of batches) {
        for (const [tA, tB] of COMBOS) {
          const [a, b] = operands(M, N, K, tA, tB, ba, bb);
          const y = tf.matMul(a, b, tA, tB), yv = y.dataSync();
          const nb = y.rank - 2, batch = y.shape.slice(0, nb);
          const a2 = tf.reshape(a, [-1, a.shape[a.rank - 2], a.shape[a.rank - 1]]), b2 = tf.reshape(b, [-1, b.shape[b.rank - 2], b.shape[b.rank - 1]]);
          // the batch index's element in a broadcast operand of batch shape bs
          const pick = (bs: number[], idx: number[]) => idx.slice(nb - bs.length).reduce((o, v, d) => o * bs[d] + (bs[d] === 1 ? 0 : v), 0);
          for (let i = 0; i < y.size / (M * N); i++) {
            const idx: number[] = [];
            for (let d = nb - 1, r = i; d >= 0; d--) { idx.unshift(r % batch[d]); r = Math.floor(r / batch[d]); }
            const ai = tf.squeeze(tf.slice(a2, [pick(ba, idx), 0, 0], [1, -1, -1]), [0]);
            const bi = tf.squeeze(tf.slice(b2, [pick(bb, idx), 0, 0], [1, -1, -1]), [0]);
            const one = tf.matMul(ai, bi, tA, tB).dataSync();
            const got = yv.subarray(i * M * N, (i + 1) * M * N);
            expect(Array.from(got).every((v, j) => Object.is(v, one[j])), `${M}×${K}×${N} [${ba}]·[${bb}] ${tA} ${tB} element ${i}`).toBe(true);
          }
        }
      }
    }
    // attention's shapes against tfjs
    const q = rand([64, 4, 16, 16], 30), k = rand([64, 4, 16, 16], 31);
    matches(tf.matMul(q, k, false, true), tfc.matMul(toTfc(q), toTfc(k), false, true));
    const p = rand([64, 2, 5, 5], 32), v = rand([64, 2, 5, 8], 33);
    matches(tf.matMul(p, v), tfc.matMul(toTfc(p), toTfc(v)));
  });

  it('int32 b is upcast against float32 a', () => {
    const y = tf.matMul(tf.tensor2d([[1.5, 2]]), tf.tensor2d([[2], [3]], undefined, 'int32'));
    expect(y.dtype).toBe('float32');
    expect(y.arraySync()).toEqual([[9]]);
  });
});

describe('matMul gradients', () => {
  for (const [tA, tB] of COMBOS) {
    it(`transposeA=${tA} transposeB=${tB}: finite differences and tfjs`, () => {
      const [a, b] = operands(3, 5, 4, tA, tB);
      checkGrad((x, y) => tf.matMul(x, y, tA, tB), [a, b]);
      const dy = rand([3, 5], 50, 0.5, 1.5);
      const g = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y, tA, tB))([a, b], dy);
      const gt = tfc.grads((x: tfcore.Tensor, y: tfcore.Tensor) => tfc.matMul(x, y, tA, tB))([toTfc(a), toTfc(b)], toTfc(dy));
      matches(g[0], gt[0]);
      matches(g[1], gt[1]);
    });
  }

  it('batched and broadcast batches: gradients are summed back over the broadcast axes', () => {
    const a = rand([2, 1, 3, 4], 10), b = rand([5, 4, 2], 11);
    checkGrad((x, y) => tf.matMul(x, y), [a, b]);
    const dy = rand([2, 5, 3, 2], 12);
    const g = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y))([a, b], dy);
    expect(g[0].shape).toEqual([2, 1, 3, 4]);
    expect(g[1].shape).toEqual([5, 4, 2]);
    // tfjs's own gradient of a broadcast batch matMul is wrong (4.22), so the oracle is built from
    // unbroadcast tfjs ops: da = Σ_batch dy·bᵀ, db = aᵀ·dy per batch
    const m1 = rand([3, 4], 15), b1 = rand([2, 4, 5], 16), dy1 = rand([2, 3, 5], 17);
    const g1 = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y))([m1, b1], dy1);
    matches(g1[0], tfc.sum(tfc.matMul(toTfc(dy1), toTfc(b1), false, true), 0));
    matches(g1[1], tfc.matMul(tfc.broadcastTo(toTfc(m1), [2, 3, 4]), toTfc(dy1), true, false));
    const ab = rand([2, 1, 3, 4], 18), bb2 = rand([4, 5], 19), dy2 = rand([2, 1, 3, 5], 20);
    const g2 = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y, false, false))([ab, bb2], dy2);
    const ab3 = tfc.reshape(toTfc(ab), [2, 3, 4]), dy3 = tfc.reshape(toTfc(dy2), [2, 3, 5]);
    matches(g2[0], tfc.reshape(tfc.matMul(dy3, tfc.broadcastTo(toTfc(bb2), [2, 4, 5]), false, true), [2, 1, 3, 4]));
    matches(g2[1], tfc.sum(tfc.matMul(ab3, dy3, true, false), 0));
    for (const [tA, tB] of COMBOS) {
      const [p, q] = operands(2, 3, 2, tA, tB, [2], [2]);
      checkGrad((x, y) => tf.matMul(x, y, tA, tB), [p, q]);
    }
    const m = rand([3, 4], 13), bb = rand([2, 4, 2], 14);
    checkGrad((x, y) => tf.matMul(x, y), [m, bb]);
  });

  it('seed example: d(x·w)/dw = xᵀ, and a second-order gradient through matMul', () => {
    const x = tf.tensor2d([[1, 2]]), w = tf.variable(tf.tensor2d([[1], [2]]));
    const tape = new tf.GradientTape();
    const y = tf.matMul(x, w);
    expect(tape.gradient(y, w)!.arraySync()).toEqual([[1], [2]]);
    // f(w) = sum((x·w)²): d²f/dw² = 2·xᵀx, applied to ones
    const outer = new tf.GradientTape();
    const inner = new tf.GradientTape();
    const f = tf.sum(tf.square(tf.matMul(x, w)));
    const dw = inner.gradient(f, w)!;
    const d2 = outer.gradient(tf.sum(dw), w)!;
    expect(d2.arraySync()).toEqual([[6], [12]]);
  });
});

describe('dot', () => {
  it('vector·vector (scalar), matrix·vector, vector·matrix, matrix·matrix, against tfjs', () => {
    const v = tf.tensor1d([1, 2, 3]);
    const s = tf.dot(v, [4, 5, 6]);
    expect(s.shape).toEqual([]);
    expect(s.arraySync()).toBe(32);
    const m = tf.tensor2d([[1, 2], [3, 4]]);
    expect(tf.dot(m, [5, 6]).arraySync()).toEqual([17, 39]);
    expect(tf.dot([5, 6], m).arraySync()).toEqual([23, 34]);
    expect(tf.dot(m, m).arraySync()).toEqual([[7, 10], [15, 22]]);
    expect(v.dot(v).arraySync()).toBe(14);
    const a = rand([4, 7], 20), b = rand([7], 21), c = rand([7, 3], 22);
    matches(tf.dot(a, b), tfc.dot(toTfc(a), toTfc(b)));
    matches(tf.dot(b, c), tfc.dot(toTfc(b), toTfc(c)));
    matches(tf.dot(a, c), tfc.dot(toTfc(a), toTfc(c)));
    matches(tf.dot(b, b), tfc.dot(toTfc(b), toTfc(b)));
  });

  it('gradients by finite differences', () => {
    const a = rand([3, 4], 23), b = rand([4], 24), c = rand([4], 25);
    checkGrad((x, y) => tf.dot(x, y), [a, b]);
    checkGrad((x, y) => tf.dot(x, y), [b, c]);
    checkGrad((x, y) => tf.dot(x, y), [c, tf.transpose(a)]);
    for (const [x, y] of [[a, b], [b, c], [a, rand([4, 2], 26)]]) {
      const dy = tf.randomUniform(tf.dot(x, y).shape, 0.5, 1.5, 'float32', 27);
      const g = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.dot(p, q))([x, y], dy);
      const gt = tfc.grads((p: tfcore.Tensor, q: tfcore.Tensor) => tfc.dot(p, q))([toTfc(x), toTfc(y)], toTfc(dy));
      matches(g[0], gt[0]);
      matches(g[1], gt[1]);
    }
  });

  it('errors name dot and the shapes', () => {
    expect(() => tf.dot(tf.zeros([2, 2, 2]), tf.zeros([2]))).toThrow(/^dot: .*\[2,2,2\].*\[2\]/);
    expect(() => tf.dot(tf.scalar(1), tf.zeros([2]))).toThrow(/^dot: /);
    expect(() => tf.dot(tf.zeros([3]), tf.zeros([4]))).toThrow(/^dot: .*\[3\].*\[4\]/);
    expect(() => tf.dot(tf.zeros([2, 3]), tf.zeros([2]))).toThrow(/^dot: .*\[2,3\].*\[2\]/);
  });
});

describe('matMul errors', () => {
  it('inner-dimension mismatch names matMul and both shapes (with the transpose flags)', () => {
    const a = tf.zeros([2, 3]), b = tf.zeros([4, 5]);
    const msg = (f: () => unknown) => { try { f(); } catch (e) { return (e as Error).message; } return ''; };
    const m = msg(() => tf.matMul(a, b));
    expect(m).toMatch(/^matMul: /);
    expect(m).toContain('[2,3]');
    expect(m).toContain('[4,5]');
    expect(m).toContain('3 vs 4');
    const mt = msg(() => tf.matMul(a, b, true, true));
    expect(mt).toMatch(/^matMul: .*\[2,3\].*transposed.*\[4,5\].*transposed.*2 vs 5/);
    expect(msg(() => tf.matMul(tf.zeros([2, 3, 4]), tf.zeros([2, 5, 6])))).toMatch(/matMul: .*\[2,3,4\].*\[2,5,6\].*4 vs 5/);
  });

  it('batch mismatch, rank < 2 and int32 operands are clear errors', () => {
    expect(() => tf.matMul(tf.zeros([2, 3, 4]), tf.zeros([3, 4, 5]))).toThrow(/^matMul: batch .*\[2,3,4\].*\[3,4,5\]/);
    expect(() => tf.matMul(tf.zeros([3]), tf.zeros([3, 2]))).toThrow(/^matMul: .*rank.*\[3\].*\[3,2\]/);
    expect(() => tf.matMul(tf.zeros([2, 2], 'int32'), tf.zeros([2, 2], 'int32'))).toThrow(/^matMul: .*'a'.*float32.*int32/);
  });

  it('the library keeps working after errors, and failed calls leak nothing', () => {
    const a = tf.ones([2, 3]), b = tf.ones([4, 5]);
    const n0 = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      expect(() => tf.matMul(a, b)).toThrow(/matMul/);
      expect(() => tf.matMul(tf.zeros([2, 3, 4]), tf.zeros([3, 4, 5]))).toThrow(/matMul/);
    }
    expect(tf.memory().numTensors).toBe(n0 + 6); // only the zeros made for the second call
    expect(tf.matMul(a, tf.ones([3, 2])).arraySync()).toEqual([[3, 3], [3, 3]]);
    const tape = new tf.GradientTape();
    tape.watch(a);
    expect(() => tf.matMul(a, b)).toThrow();
    const g = tape.gradient(tf.sum(tf.matMul(a, tf.ones([3, 2]))), a)!;
    expect(g.arraySync()).toEqual([[2, 2, 2], [2, 2, 2]]);
  });
});
