// Matrix product (batched, with broadcasting batch dimensions). transposeA/transposeB only change the
// strides the packed GEMM reads with (assembly/f32-gemm): no transposed copy is ever made, which is
// what keeps the backward pass (Aᵀ·dY, dY·Bᵀ) as fast as the forward one.
import { K } from '../backend/wasm.js';
import { scratch } from '../backend/scratch.js';
import { par } from '../backend/parallel.js';
import { fmtShape, opError, sizeOf } from '../core/convert.js';
import { coalesce } from './util.js';
import { composite, op, type Grads } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { reshape } from './shape.js';

/** The GEMM epilogue's "no activation" (otherwise Unary.relu or Unary.relu6). */
export const NO_ACT = -1;

/**
 * @internal C (+)= A·B on raw pointers (element strides as in assembly/f32-gemm; brs = 0: b is B pre-packed by
 * packB, with bcs = K), then C = act(C + bias) per column when `bias` (a pointer to N floats) or `act` (a Unary
 * code) is given: the bits of adding the bias and applying the activation afterwards.
 */
export function gemmRaw(M: number, N: number, Kd: number, a: number, ars: number, acs: number,
                        b: number, brs: number, bcs: number, c: number, accumulate = false, bias = 0, act = NO_ACT): void {
  const acc = accumulate ? 1 : 0;
  // with threads on, large products are split over them (src/backend/threads.ts); the same bits either way
  if (par.gemm === null || !par.gemm(M, N, Kd, a, ars, acs, b, brs, bcs, c, acc, bias, act)) {
    K().f32_gemm_ldc__wasmsimd_4x8(M, N, Kd, a, ars, acs, b, brs, bcs, c, N, scratch.gemmPanel(), acc, bias, act);
  }
}

/** The arguments of one batched call (reused: the kernels are synchronous). */
const bargs: number[] = [];

/**
 * @internal C = A·B for every index of the batch axes `dims` (outermost first), each product computed exactly as
 * gemmRaw computes it (the same kernel on the same M, N, K and row/column strides: the same bits). Along batch axis
 * d, A moves sa[d] elements, B sb[d] and C sc[d] (0: broadcast); C's rows are ldc apart. Size-1 axes are dropped and
 * axes along which all three are contiguous merged; the two innermost left are one wasm call (split over the
 * threads on whole products), any outer ones a loop here.
 */
export function gemmBatched(M: number, N: number, Kd: number, a: number, ars: number, acs: number, b: number, brs: number,
                            bcs: number, c: number, ldc: number, dims: number[], sa: number[], sb: number[], sc: number[]): void {
  const { shape, strides: [ta, tb, tc] } = coalesce(dims, [sa, sb, sc]);
  const r = shape.length, n1 = shape[r - 1], n0 = r > 1 ? shape[r - 2] : 1, count = n0 * n1;
  if (count === 0 || M === 0 || N === 0) return;
  const at = (t: number[], d: number) => (d >= 0 ? t[d] : 0);
  const outer = sizeOf(shape.slice(0, -2));
  for (let o = 0; o < outer; o++) {
    // the element offsets of outer index o
    let oa = 0, ob = 0, oc = 0;
    for (let d = r - 3, rem = o; d >= 0; d--) {
      const i = rem % shape[d];
      rem = (rem - i) / shape[d];
      oa += i * ta[d]; ob += i * tb[d]; oc += i * tc[d];
    }
    const pa = a + 4 * oa, pb = b + 4 * ob, pc = c + 4 * oc;
    if (count === 1 && ldc === N) { gemmRaw(M, N, Kd, pa, ars, acs, pb, brs, bcs, pc); continue; }
    if (par.threads > count && ldc === N) {
      // fewer products than threads: each split on its own (gemmRaw), as a single product is
      for (let i = 0; i < count; i++) {
        const i0 = Math.floor(i / n1), i1 = i % n1;
        gemmRaw(M, N, Kd, pa + 4 * (i0 * at(ta, r - 2) + i1 * ta[r - 1]), ars, acs, pb + 4 * (i0 * at(tb, r - 2) + i1 * tb[r - 1]),
          brs, bcs, pc + 4 * (i0 * at(tc, r - 2) + i1 * tc[r - 1]));
      }
      continue;
    }
    const g = bargs;
    g.length = 18;
    g[0] = n1; g[1] = M; g[2] = N; g[3] = Kd; g[4] = pa; g[5] = ars; g[6] = acs; g[7] = at(ta, r - 2); g[8] = ta[r - 1];
    g[9] = pb; g[10] = brs; g[11] = bcs; g[12] = at(tb, r - 2); g[13] = tb[r - 1];
    g[14] = pc; g[15] = ldc; g[16] = at(tc, r - 2); g[17] = tc[r - 1];
    if (par.batched === null || !par.batched(count, g)) {
      K().f32_gemm_batched(0, count, n1, M, N, Kd, pa, ars, acs, g[7], g[8], pb, brs, bcs, g[12], g[13], pc, ldc, g[16], g[17], scratch.gemmPanel());
    }
  }
}

/**
 * @internal B (K×N at b, element strides brs, bcs) packed for gemmRaw with brs = 0, bcs = K into `dst`
 * (packedBFloats(K, N) floats): what inference caches per weight version.
 */
export function packB(Kd: number, N: number, b: number, brs: number, bcs: number, dst: number): void {
  K().f32_gemm_pack_b(Kd, N, b, brs, bcs, dst);
}
/** @internal Floats of packB's output. */
export function packedBFloats(Kd: number, N: number): number { return K().f32_gemm_pack_b_floats(Kd, N); }

/** Element strides along the batch axes `batch` of an operand with batch shape `bs` (right-aligned; 0: broadcast). */
function batchStrides(bs: number[], batch: number[], mat: number): number[] {
  const st: number[] = new Array(batch.length);
  for (let d = batch.length - 1, k = bs.length - 1, s = mat; d >= 0; d--, k--) {
    const n = k >= 0 ? bs[k] : 1;
    st[d] = n === 1 ? 0 : s;
    s *= n;
  }
  return st;
}

/**
 * a · b over the last two axes; leading axes are batch axes and broadcast.
 * @example tf.matMul(x, w)  // [n, k] · [k, m] → [n, m]
 */
export const matMul = op('matMul', {
  inputs: [{ name: 'a', dtypes: ['float32'] }, { name: 'b', dtypes: ['float32'] }], promote: 'match',
  forward: (x: Tensor, y: Tensor, transposeA = false, transposeB = false): Tensor => {
    if (x.rank < 2 || y.rank < 2) {
      throw opError('matMul', `a and b must have rank ≥ 2, got a ${fmtShape(x.shape)} and b ${fmtShape(y.shape)}`);
    }
    const ra = x.rank, rb = y.rank;
    const M = transposeA ? x.shape[ra - 1] : x.shape[ra - 2];
    const Ka = transposeA ? x.shape[ra - 2] : x.shape[ra - 1];
    const Kb = transposeB ? y.shape[rb - 1] : y.shape[rb - 2];
    const N = transposeB ? y.shape[rb - 2] : y.shape[rb - 1];
    if (Ka !== Kb) {
      const t = (f: boolean) => (f ? 'ᵀ' : '');
      throw opError('matMul', `inner dimensions differ: a${t(transposeA)} is ${fmtShape(x.shape)}${transposeA ? ' (transposed)' : ''}, ` +
        `b${t(transposeB)} is ${fmtShape(y.shape)}${transposeB ? ' (transposed)' : ''}: ${Ka} vs ${Kb}`);
    }
    const batchA = x.shape.slice(0, -2), batchB = y.shape.slice(0, -2);
    const nb = Math.max(batchA.length, batchB.length);
    const batch: number[] = [];
    for (let i = 0; i < nb; i++) {
      const da = batchA[batchA.length - nb + i] ?? 1, db = batchB[batchB.length - nb + i] ?? 1;
      if (da !== db && da !== 1 && db !== 1) {
        throw opError('matMul', `batch dimensions of a ${fmtShape(x.shape)} and b ${fmtShape(y.shape)} cannot be broadcast`);
      }
      batch.push(da === 1 ? db : da);
    }
    const out = new Tensor([...batch, M, N], 'float32');
    const [ars, acs] = transposeA ? [1, M] : [Ka, 1];
    const [brs, bcs] = transposeB ? [1, Kb] : [N, 1];
    // per output batch axis, the element strides of a, b (0 where broadcast) and the result
    const sa = batchStrides(batchA, batch, M * Ka), sb = batchStrides(batchB, batch, Kb * N), sc = batchStrides(batch, batch, M * N);
    gemmBatched(M, N, Ka, x.ptr, ars, acs, y.ptr, brs, bcs, out.ptr, N, batch, sa, sb, sc);
    return out;
  },
  grad: (dy, _y, [a, b, transposeA = false, transposeB = false], [needA, needB]): Grads => [
    !needA ? null : !transposeA ? matMul(dy, b, false, !transposeB)
      : transposeB ? matMul(b, dy, true, true) : matMul(b, dy, false, true),
    !needB ? null : !transposeB ? matMul(a, dy, !transposeA, false)
      : transposeA ? matMul(dy, a, true, true) : matMul(dy, a, true, false),
  ],
});

/** Dot product of vectors, matrix·vector or matrix·matrix (tfjs tf.dot). */
export const dot = composite('dot', {
  inputs: ['a', 'b'], promote: 'match',
  forward: (x: Tensor, y: Tensor): Tensor => {
    if (x.rank > 2 || y.rank > 2 || x.rank === 0 || y.rank === 0) {
      throw opError('dot', `a and b must have rank 1 or 2, got ${fmtShape(x.shape)} and ${fmtShape(y.shape)}`);
    }
    const ka = x.shape[x.rank - 1], kb = y.shape[0];
    if (ka !== kb) throw opError('dot', `inner dimensions differ: a is ${fmtShape(x.shape)}, b is ${fmtShape(y.shape)}: ${ka} vs ${kb}`);
    const a2 = x.rank === 1 ? reshape(x, [1, x.size]) : x;
    const b2 = y.rank === 1 ? reshape(y, [y.size, 1]) : y;
    const r = matMul(a2, b2);
    return reshape(r, [...(x.rank === 2 ? [x.shape[0]] : []), ...(y.rank === 2 ? [y.shape[1]] : [])]);
  },
});
