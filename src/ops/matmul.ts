// Matrix product (batched, with broadcasting batch dimensions). transposeA/transposeB only change the
// strides the packed GEMM reads with (assembly/f32-gemm): no transposed copy is ever made, which is
// what keeps the backward pass (Aᵀ·dY, dY·Bᵀ) as fast as the forward one.
import { K } from '../backend/wasm.js';
import { scratch } from '../backend/scratch.js';
import { par } from '../backend/parallel.js';
import { fmtShape, opError, sizeOf } from '../core/convert.js';
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

/**
 * @internal B (K×N at b, element strides brs, bcs) packed for gemmRaw with brs = 0, bcs = K into `dst`
 * (packedBFloats(K, N) floats): what inference caches per weight version.
 */
export function packB(Kd: number, N: number, b: number, brs: number, bcs: number, dst: number): void {
  K().f32_gemm_pack_b(Kd, N, b, brs, bcs, dst);
}
/** @internal Floats of packB's output. */
export function packedBFloats(Kd: number, N: number): number { return K().f32_gemm_pack_b_floats(Kd, N); }

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
    const count = sizeOf(batch);
    // Element offset of batch index i in an operand with batch shape `bs` (broadcast axes repeat).
    const offset = (bs: number[], i: number, mat: number) => {
      let off = 0, stride = mat;
      for (let d = nb - 1, rem = i; d >= 0; d--) {
        const idx = rem % batch[d];
        rem = Math.floor(rem / batch[d]);
        const sd = bs[bs.length - nb + d] ?? 1;
        if (d >= nb - bs.length) { if (sd !== 1) off += idx * stride; stride *= sd; }
      }
      return off;
    };
    const matA = M * Ka, matB = Kb * N;
    for (let i = 0; i < count; i++) {
      const pa = x.ptr + 4 * (count === 1 ? 0 : offset(batchA, i, matA));
      const pb = y.ptr + 4 * (count === 1 ? 0 : offset(batchB, i, matB));
      gemmRaw(M, N, Ka, pa, ars, acs, pb, brs, bcs, out.ptr + 4 * i * M * N);
    }
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
