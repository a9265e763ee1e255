// Matrix product (batched, with broadcasting batch dimensions). transposeA/transposeB only change the
// strides the packed GEMM reads with (assembly/f32-gemm): no transposed copy is ever made, which is
// what keeps the backward pass (Aᵀ·dY, dY·Bᵀ) as fast as the forward one.
import { K } from '../backend/wasm.js';
import { scratch } from '../backend/scratch.js';
import { par } from '../backend/parallel.js';
import { fmtShape, opError, sizeOf } from '../core/convert.js';
import { coalesce, stridesOf } from './util.js';
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
  if (dims.length === 0 && ldc === N) { gemmRaw(M, N, Kd, a, ars, acs, b, brs, bcs, c); return; } // one product, as always
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

/**
 * @internal An operand read in place through element strides: its element (i₀, i₁, …) of the tensor's (logical)
 * shape is at ptr + 4·(offset + Σ i_d·strides_d).
 */
export interface Strided { strides: number[]; offset: number }

/**
 * The product of x (shape xs: [...batch, M, K] as read) and y (ys: [...batch, K, N]), each read through its strides
 * (xt, yt: per axis of xs, ys) from element xo, yo, into c: batch axes broadcast (numpy rules), the result's batch
 * axes at element strides `cb(batch)` and its rows ldc apart. `name`, `what`: for errors (the operands as given).
 * Returns the batch shape.
 */
function product(name: string, what: (inner: boolean) => string, x: Tensor, xs: number[], xt: number[], xo: number, y: Tensor, ys: number[],
                 yt: number[], yo: number, out: (batch: number[], M: number, N: number) => { c: number; ldc: number; sc: number[] }): void {
  const ra = xs.length, rb = ys.length;
  if (ra < 2 || rb < 2) throw opError(name, `a and b must have rank ≥ 2, got ${what(false)}`);
  const M = xs[ra - 2], Ka = xs[ra - 1], Kb = ys[rb - 2], N = ys[rb - 1];
  if (Ka !== Kb) throw opError(name, `inner dimensions differ: ${what(true)}: ${Ka} vs ${Kb}`);
  const nb = Math.max(ra, rb) - 2, batch: number[] = new Array(nb), sa: number[] = new Array(nb), sb: number[] = new Array(nb);
  for (let d = nb - 1, i = ra - 3, j = rb - 3; d >= 0; d--, i--, j--) {
    const da = i >= 0 ? xs[i] : 1, db = j >= 0 ? ys[j] : 1;
    if (da !== db && da !== 1 && db !== 1) throw opError(name, `batch dimensions of ${what(false)} cannot be broadcast`);
    batch[d] = da === 1 ? db : da;
    // along a broadcast axis an operand stays put
    sa[d] = da === 1 ? 0 : xt[i];
    sb[d] = db === 1 ? 0 : yt[j];
  }
  const { c, ldc, sc } = out(batch, M, N);
  gemmBatched(M, N, Ka, x.ptr + 4 * xo, xt[ra - 2], xt[ra - 1], y.ptr + 4 * yo, yt[rb - 2], yt[rb - 1], c, ldc, batch, sa, sb, sc);
}

/** shape and strides with the last two axes swapped (a transposed operand read in place). */
const swapLast = (v: number[]): number[] => { const r = v.slice(), n = r.length; if (n >= 2) [r[n - 2], r[n - 1]] = [r[n - 1], r[n - 2]]; return r; };

/**
 * a · b over the last two axes; leading axes are batch axes and broadcast.
 * @example tf.matMul(x, w)  // [n, k] · [k, m] → [n, m]
 */
export const matMul = op('matMul', {
  inputs: [{ name: 'a', dtypes: ['float32'] }, { name: 'b', dtypes: ['float32'] }], promote: 'match',
  forward: (x: Tensor, y: Tensor, transposeA = false, transposeB = false): Tensor => {
    const what = (inner: boolean) => {
      if (!inner) return `a ${fmtShape(x.shape)} and b ${fmtShape(y.shape)}`;
      const t = (f: boolean) => (f ? 'ᵀ' : '');
      return `a${t(transposeA)} is ${fmtShape(x.shape)}${transposeA ? ' (transposed)' : ''}, ` +
        `b${t(transposeB)} is ${fmtShape(y.shape)}${transposeB ? ' (transposed)' : ''}`;
    };
    let out: Tensor | null = null;
    const sx = stridesOf(x.shape), sy = stridesOf(y.shape);
    product('matMul', what, x, transposeA ? swapLast(x.shape) : x.shape, transposeA ? swapLast(sx) : sx, 0,
      y, transposeB ? swapLast(y.shape) : y.shape, transposeB ? swapLast(sy) : sy, 0, (batch, M, N) => {
        out = new Tensor([...batch, M, N], 'float32');
        return { c: out.ptr, ldc: N, sc: stridesOf(out.shape).slice(0, -2) };
      });
    return out!;
  },
  grad: (dy, _y, [a, b, transposeA = false, transposeB = false], [needA, needB]): Grads => [
    !needA ? null : !transposeA ? matMul(dy, b, false, !transposeB)
      : transposeB ? matMul(b, dy, true, true) : matMul(b, dy, false, true),
    !needB ? null : !transposeB ? matMul(a, dy, !transposeA, false)
      : transposeA ? matMul(dy, a, true, true) : matMul(dy, a, true, false),
  ],
});

/**
 * @internal a · b as matMul computes it (the same bits), with a and b read in place through strides (`sa`, `sb`: an
 * ONNX head split's Transpose not copied) and the result's axes written in the order `perm` (null: as they are; else
 * the result is transpose(a·b, perm), perm keeping the last axis last: attention's head merge, not copied). No
 * gradient (inference only).
 */
export const matMulStrided = op('matMulStrided', {
  inputs: [{ name: 'a', dtypes: ['float32'] }, { name: 'b', dtypes: ['float32'] }], grad: null,
  forward: (x: Tensor, y: Tensor, sa: Strided, sb: Strided, perm: number[] | null): Tensor => {
    let out: Tensor | null = null;
    product('matMulStrided', () => `a ${fmtShape(x.shape)} and b ${fmtShape(y.shape)}`, x, x.shape, sa.strides, sa.offset,
      y, y.shape, sb.strides, sb.offset, (batch, M, N) => {
        const shape = [...batch, M, N], r = shape.length;
        if (perm !== null && (perm.length !== r || perm[r - 1] !== r - 1 || new Set(perm).size !== r || perm.some((p) => !(p >= 0 && p < r)))) {
          throw opError('matMulStrided', `perm [${perm}] must keep the last of the result's ${r} axes last`);
        }
        out = new Tensor(perm === null ? shape : perm.map((p) => shape[p]), 'float32');
        const so = stridesOf(out.shape), st = perm === null ? so : shape.map((_, i) => so[perm.indexOf(i)]);
        return { c: out.ptr, ldc: st[r - 2], sc: st.slice(0, -2) };
      });
    return out!;
  },
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
