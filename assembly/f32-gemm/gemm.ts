// C[M×N] (+)= A[M×K] · B[K×N], where A and B are read through (row, column) strides, so Aᵀ·B and A·Bᵀ
// cost nothing extra: the transpose happens in the packing, never in a materialised copy.
// GotoBLAS loop order: for each NC-wide column block and KC-deep slice, pack B into NR-column panels
// (k-major, zero-padded), then for each MR-row strip pack A (k-major, pre-broadcast; a short strip only its own rows) and run
// the 4×8 micro-kernel over the panels. KC·NC floats of packed B (256 KiB) stay in L2, a 4×KC strip of A
// (16 KiB pre-broadcast) and an 8×KC panel of B (8 KiB) in L1. Products of at most MR rows with B's rows
// contiguous read B in place instead (`skinny`). Every path sums each element in the same order (K in equal
// blocks of ≤ KC, each from 0 in k order, then added to C): results depend on the shapes only, never on the
// path, the tile or a thread split. Measured against this machine's per-core limit: bench/matmul.ts,
// PERF19-GEMM.md.
// `pack` is scratch owned by the caller: at least gemmScratchFloats() floats, 16-byte aligned.
// B may come pre-packed (f32_gemm_pack_b: inference packs a weight matrix once and keeps it), and an epilogue
// (C = act(C + bias[j])) may be applied to each tile while it is in registers, after its last K block: the same
// per-element operations, in the same order, as adding the bias and applying the activation afterwards with
// f32_binary / f32_unary, so the bits are the same.
import { at4 } from "../util/ptr";
import { epScalar, epVec, NO_ACT } from "../util/epilogue";

const MR = 4;
const NR = 8;
const KC = 256;
const NC = 256;

// Epilogue activations: f32-unary's op codes for relu, relu6, sigmoid, tanh, elu and hardSwish; NO_ACT: none.
// Computed as f32_unary__wasmsimd computes them (util/epilogue.ts: the same vector functions, and their lane 0 at
// edges, which is what f32_unary's tails compute), so fused and unfused results are the same bits. (Before
// sigmoid, tanh and elu had a vector form, fusing them cost a scalar call per element and measured slower than
// f32_unary's loop after the product; see PERF19-GEMM.md.)

/** Floats of packed B for a K×N matrix (f32_gemm_pack_b): N rounded up to a whole panel of 8 columns, × K. */
export function f32_gemm_pack_b_floats(K: i32, N: i32): i32 {
  return ((N + NR - 1) & ~(NR - 1)) * K;
}

/**
 * B (K×N, element (k, j) at b[k*brs + j*bcs]) packed once for repeated products: panels of 8 columns, panel p
 * (columns 8p…8p+7, zero beyond N) at dst + 8p·K floats, row k of it at + 8k. Pass dst to the GEMM as b with
 * brs = 0 and bcs = K (columns c, a multiple of 8, start at dst + c·K, so a column split offsets b by c·bcs as
 * for an unpacked B). The GEMM then reads each K block's panels from it instead of packing B.
 */
export function f32_gemm_pack_b(K: i32, N: i32, b: usize, brs: i32, bcs: i32, dst: usize): void {
  for (let jc = 0; jc < N; jc += NC) packBlockB(b, brs, bcs, 0, jc, K, min(NC, N - jc), dst + (<usize>(jc * K) << 2));
}

/** Floats of scratch the caller must pass as `pack`. */
export function f32_gemm_scratch_floats(): i32 {
  return KC * NC + 4 * MR * KC + MR * NR;
}

// The kc×nc block of B at (pc, jc) as NR-column panels, panel p at bp + p·kc·NR floats.
// (not inlined: it runs once per block, and f32_gemm_pack_b shares it)
function packBlockB(b: usize, brs: i32, bcs: i32, pc: i32, jc: i32, kc: i32, nc: i32, bp: usize): void {
  let jr = 0;
  if (bcs == 1) {
    // Rows of B contiguous: copy 8 rows at a time across all full panels, so that reads run along the rows
    // and each panel gets 8 whole rows (four cache lines) at once. (Panel by panel, the reads stride down
    // the rows, and at a power-of-two row length every row maps to the same L1 set; row by row, the writes
    // stride across the panels, kc·NR floats apart, with the same problem.)
    const full = nc & ~(NR - 1), pstride = <usize>(kc * NR) << 2;
    for (let k0 = 0; k0 < kc; k0 += 8) {
      const rows = min(8, kc - k0);
      let dst0 = at4(bp, k0 * NR);
      for (let j = 0; j < full; j += NR, dst0 += pstride) {
        let src = at4(b, (pc + k0) * brs + jc + j), dst = dst0;
        for (let k = 0; k < rows; k++, src += <usize>brs << 2, dst += 32) {
          v128.store(dst, v128.load(src));
          v128.store(dst, v128.load(src, 16), 16);
        }
      }
    }
    jr = full;
  }
  for (; jr < nc; jr += NR) packB(b, brs, bcs, pc, jc + jr, kc, min(NR, nc - jr), bp + <usize>(jr * kc) * 4);
}

// Bp[k*NR + c] = B(pc+k, j0+c) for c < nr, 0 beyond (one panel).
@inline function packB(b: usize, brs: i32, bcs: i32, pc: i32, j0: i32, kc: i32, nr: i32, bp: usize): void {
  let k = 0;
  if (nr < NR) {
    // a last, partial panel (attention's 5-wide products: every panel): zeroed, then its nr columns copied down
    // (column j of B is kc values brs apart) — no per-element test of the column
    const z = f32x4.splat(0);
    for (; k < kc; k++) { const d = at4(bp, k * NR); v128.store(d, z); v128.store(d, z, 16); }
    const rs = <usize>brs << 2;
    for (let c = 0; c < nr; c++) {
      let src = at4(b, pc * brs + (j0 + c) * bcs), dst = at4(bp, c);
      for (let i = 0; i < kc; i++, src += rs, dst += 32) store<f32>(dst, load<f32>(src));
    }
    return;
  }
  if (brs == 1 && nr == NR) {
    // Bᵀ row-major (A·Bᵀ): the panel's 8 columns are rows contiguous in k; transpose 4×4 blocks.
    const s0 = at4(b, j0 * bcs + pc), cs = <usize>bcs << 2;
    for (; k + 4 <= kc; k += 4) {
      const o = <usize>k << 2, d = at4(bp, k * NR);
      transpose4(s0 + o, cs, d);
      transpose4(s0 + 4 * cs + o, cs, d + 16);
    }
  }
  for (; k < kc; k++) {
    const dst = at4(bp, k * NR);
    for (let c = 0; c < NR; c++) {
      store<f32>(at4(dst, c), c < nr ? load<f32>(at4(b, (pc + k) * brs + (j0 + c) * bcs)) : 0);
    }
  }
}

// The 4×4 block at s (rows `rs` bytes apart) transposed into d, d + 32, d + 64, d + 96 (rows of a B panel).
@inline function transpose4(s: usize, rs: usize, d: usize): void {
  const x0 = v128.load(s), x1 = v128.load(s + rs), x2 = v128.load(s + 2 * rs), x3 = v128.load(s + 3 * rs);
  const t0 = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5), t1 = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
  const t2 = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7), t3 = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
  v128.store(d, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
  v128.store(d, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7), 32);
  v128.store(d, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5), 64);
  v128.store(d, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7), 96);
}

// Relaxed-SIMD build: Ap[k*MR + r] = A(i0+r, pc+k) for r < mr, 0 beyond (one float each, splat by the
// micro-kernel: with fused multiply-adds this measured 2-5 % faster than the pre-broadcast layout).
@inline function packAPlain(a: usize, ars: i32, acs: i32, i0: i32, pc: i32, kc: i32, mr: i32, ap: usize): void {
  if (ars == 1 && mr == MR) {
    for (let k = 0; k < kc; k++) v128.store(at4(ap, k * MR), v128.load(at4(a, (pc + k) * acs + i0)));
    return;
  }
  if (acs == 1 && mr == MR) {
    // Rows contiguous in k: load 4×4 blocks and transpose them with shuffles.
    const r0 = a + <usize>(i0 * ars + pc) * 4, r1 = r0 + (<usize>ars << 2);
    const r2 = r1 + (<usize>ars << 2), r3 = r2 + (<usize>ars << 2);
    let k = 0;
    for (; k + 4 <= kc; k += 4) {
      const o = <usize>k << 2;
      const x0 = v128.load(r0 + o), x1 = v128.load(r1 + o), x2 = v128.load(r2 + o), x3 = v128.load(r3 + o);
      const t0 = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5), t1 = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
      const t2 = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7), t3 = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
      const d = at4(ap, k * MR);
      v128.store(d, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
      v128.store(d, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7), 16);
      v128.store(d, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5), 32);
      v128.store(d, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7), 48);
    }
    for (; k < kc; k++) {
      const o = <usize>k << 2, d = at4(ap, k * MR);
      store<f32>(d, load<f32>(r0 + o)); store<f32>(d, load<f32>(r1 + o), 4);
      store<f32>(d, load<f32>(r2 + o), 8); store<f32>(d, load<f32>(r3 + o), 12);
    }
    return;
  }
  for (let r = 0; r < MR; r++) {
    if (r < mr) {
      const src = a + <usize>((i0 + r) * ars + pc * acs) * 4;
      for (let k = 0; k < kc; k++) store<f32>(at4(ap, k * MR + r), load<f32>(at4(src, k * acs)));
    } else {
      for (let k = 0; k < kc; k++) store<f32>(at4(ap, k * MR + r), 0);
    }
  }
}

// Ap[(k*MR + r)*4 + lane] = A(i0+r, pc+k) in all four lanes (0 for r ≥ mr): A comes pre-broadcast, so the
// micro-kernel reads it with plain vector loads at constant offsets (V8 computes a separate base register
// for each offset of a load32_splat and runs out of registers).
@inline function packA(a: usize, ars: i32, acs: i32, i0: i32, pc: i32, kc: i32, mr: i32, ap: usize): void {
  if (ASC_FEATURE_RELAXED_SIMD) { packAPlain(a, ars, acs, i0, pc, kc, mr, ap); return; }
  const step = <usize>acs << 2, rs = <usize>ars << 2;
  let r0 = a + <usize>(i0 * ars + pc * acs) * 4;
  if (mr == MR) {
    for (let k = 0; k < kc; k++) {
      const d = ap + (<usize>k << 6);
      v128.store(d, v128.load32_splat(r0));
      v128.store(d, v128.load32_splat(r0 + rs), 16);
      v128.store(d, v128.load32_splat(r0 + 2 * rs), 32);
      v128.store(d, v128.load32_splat(r0 + 3 * rs), 48);
      r0 += step;
    }
    return;
  }
  // a short strip (mr < MR) runs microkernelShort, which reads only its mr rows: the others are left as they are
  for (let r = 0; r < mr; r++) {
    let src = r0 + <usize>r * rs;
    for (let k = 0; k < kc; k++) {
      v128.store(ap + (<usize>(k * MR + r) << 4), v128.load32_splat(src));
      src += step;
    }
  }
}

@inline function storeRow(p: usize, lo: v128, hi: v128, acc: bool): void {
  if (acc) {
    lo = f32x4.add(lo, v128.load(p));
    hi = f32x4.add(hi, v128.load(p, 16));
  }
  v128.store(p, lo);
  v128.store(p, hi, 16);
}

// storeRow, then the epilogue on the row's 8 values: + bias (bias: the row's first column's, 0 for none), then
// the activation (in registers, as f32_unary's vector forms: util/epilogue.ts).
@inline function storeRowEp(p: usize, lo: v128, hi: v128, acc: bool, bias: usize, act: i32): void {
  if (acc) {
    lo = f32x4.add(lo, v128.load(p));
    hi = f32x4.add(hi, v128.load(p, 16));
  }
  if (bias != 0) {
    lo = f32x4.add(lo, v128.load(bias));
    hi = f32x4.add(hi, v128.load(bias, 16));
  }
  lo = epVec(lo, act); hi = epVec(hi, act);
  v128.store(p, lo);
  v128.store(p, hi, 16);
}

// The epilogue's store of a block of sums spilled to `tmp` (rows × cols floats, row-major, cols a multiple of 8)
// into C: one function, not inlined at each tile store (it runs once per tile, after its last K block).
function storeEp(c: usize, ld: usize, rows: i32, cols: i32, tmp: usize, acc: bool, bias: usize, act: i32): void {
  for (let r = 0; r < rows; r++) {
    for (let q = 0; q < cols; q += NR) {
      const t = tmp + (<usize>(r * cols + q) << 2);
      storeRowEp(c + <usize>r * ld + (<usize>q << 2), v128.load(t), v128.load(t, 16), acc, bias == 0 ? 0 : bias + (<usize>q << 2), act);
    }
  }
}

// c + a·b: one fused multiply-add in the opt-in relaxed-SIMD build (rounded once: results differ from the
// default build in the last bits), a multiply and an add everywhere else (bit-identical on every engine).
// A's row r at step k of a packed strip, in all four lanes; bytes of packed A per k step.
@inline function aRow(ap: usize, r: i32): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) {
    // immediate offsets (r is a constant after inlining)
    if (r == 0) return v128.load32_splat(ap);
    if (r == 1) return v128.load32_splat(ap, 4);
    if (r == 2) return v128.load32_splat(ap, 8);
    return v128.load32_splat(ap, 12);
  }
  if (r == 0) return v128.load(ap);
  if (r == 1) return v128.load(ap, 16);
  if (r == 2) return v128.load(ap, 32);
  return v128.load(ap, 48);
}
const AK: usize = ASC_FEATURE_RELAXED_SIMD ? MR * 4 : MR * 16;

@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

// The 4×8 register tile: 8 f32x4 accumulators; per k two loads of B and four of A (all at constant offsets
// from two pointers), eight multiply-adds, and the loop's two pointer increments, compare and branch: 15 of
// x64's 16 xmm registers (V8 keeps one as scratch). Unrolling the k loop in the source does not pay: binaryen
// regroups the steps per accumulator, V8 then loads every step's operands first and spills.
@inline function microkernel(ap: usize, bp: usize, kc: i32, c: usize, ldc: i32, nr: i32, acc: bool, tmp: usize,
                             ep: bool, bias: usize, act: i32): void {
  let c0l = f32x4.splat(0), c0h = c0l, c1l = c0l, c1h = c0l, c2l = c0l, c2h = c0l, c3l = c0l, c3h = c0l;
  for (const end = bp + (<usize>kc << 5); bp < end;) {
    const bl = v128.load(bp), bh = v128.load(bp, 16);
    const a0 = aRow(ap, 0), a1 = aRow(ap, 1), a2 = aRow(ap, 2), a3 = aRow(ap, 3);
    c0l = madd(a0, bl, c0l); c0h = madd(a0, bh, c0h); c1l = madd(a1, bl, c1l); c1h = madd(a1, bh, c1h);
    c2l = madd(a2, bl, c2l); c2h = madd(a2, bh, c2h); c3l = madd(a3, bl, c3l); c3h = madd(a3, bh, c3h);
    ap += AK; bp += 32;
  }
  const ld = <usize>ldc << 2;
  if (nr == NR) {
    if (!ep) {
      storeRow(c, c0l, c0h, acc);
    storeRow(c + ld, c1l, c1h, acc);
    storeRow(c + 2 * ld, c2l, c2h, acc);
      storeRow(c + 3 * ld, c3l, c3h, acc);
      return;
    }
  }
  v128.store(tmp, c0l); v128.store(tmp, c0h, 16); v128.store(tmp, c1l, 32); v128.store(tmp, c1h, 48);
  v128.store(tmp, c2l, 64); v128.store(tmp, c2h, 80); v128.store(tmp, c3l, 96); v128.store(tmp, c3h, 112);
  if (nr == NR) storeEp(c, ld, 4, NR, tmp, acc, bias, act);
  else storeEdge(c, ld, 4, nr, acc, tmp, ep, bias, act);
}

// The last strip of fewer than MR rows (mr = 1…3): the same sums, only for its own rows (a product with
// M = 1 no longer pays four times its multiply-adds).
@inline function microkernelShort(ap: usize, bp: usize, kc: i32, c: usize, ldc: i32, mr: i32, nr: i32,
                                  acc: bool, tmp: usize, ep: bool, bias: usize, act: i32): void {
  let c0l = f32x4.splat(0), c0h = c0l, c1l = c0l, c1h = c0l, c2l = c0l, c2h = c0l;
  for (const end = bp + (<usize>kc << 5); bp < end;) {
    const bl = v128.load(bp), bh = v128.load(bp, 16);
    const a0 = aRow(ap, 0);
    c0l = madd(a0, bl, c0l); c0h = madd(a0, bh, c0h);
    if (mr > 1) { const a1 = aRow(ap, 1); c1l = madd(a1, bl, c1l); c1h = madd(a1, bh, c1h); }
    if (mr > 2) { const a2 = aRow(ap, 2); c2l = madd(a2, bl, c2l); c2h = madd(a2, bh, c2h); }
    ap += AK; bp += 32;
  }
  v128.store(tmp, c0l); v128.store(tmp, c0h, 16); v128.store(tmp, c1l, 32); v128.store(tmp, c1h, 48);
  v128.store(tmp, c2l, 64); v128.store(tmp, c2h, 80);
  storeEdge(c, <usize>ldc << 2, mr, nr, acc, tmp, ep, bias, act);
}

// A strip of one row (M = 1: a single input at inference) over 3 full panels at once, or of two rows over 2: 6
// or 8 independent sums in flight. One row on one panel is two dependent chains of multiply-adds, bound by the
// add's latency rather than by the arithmetic. (One row over 4 panels spilled: V8 loads all 8 B vectors of a step
// first, then had no register left for the 8th sum and kept it on the stack, 2.5× slower.) Each element is still
// summed in k order from 0, so the bits are microkernelShort's.
@inline function wideShort(mr: i32, ap: usize, b0: usize, pstep: usize, kc: i32, c: usize, ldc: i32, acc: bool,
                           ep: bool, bias: usize, act: i32, tmp: usize): void {
  let s0 = f32x4.splat(0), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
  let b1 = b0 + pstep, b2 = b1 + pstep;
  for (const end = b0 + (<usize>kc << 5); b0 < end;) {
    const a0 = aRow(ap, 0);
    if (mr == 1) {
      s0 = madd(a0, v128.load(b0), s0); s1 = madd(a0, v128.load(b0, 16), s1);
      s2 = madd(a0, v128.load(b1), s2); s3 = madd(a0, v128.load(b1, 16), s3);
      s4 = madd(a0, v128.load(b2), s4); s5 = madd(a0, v128.load(b2, 16), s5);
      b2 += 32;
    } else {
      const a1 = aRow(ap, 1);
      const l0 = v128.load(b0), h0 = v128.load(b0, 16), l1 = v128.load(b1), h1 = v128.load(b1, 16);
      s0 = madd(a0, l0, s0); s1 = madd(a0, h0, s1); s2 = madd(a0, l1, s2); s3 = madd(a0, h1, s3);
      s4 = madd(a1, l0, s4); s5 = madd(a1, h0, s5); s6 = madd(a1, l1, s6); s7 = madd(a1, h1, s7);
    }
    ap += AK; b0 += 32; b1 += 32;
  }
  const ld = <usize>ldc << 2;
  if (!ep) {
    if (mr == 1) { storeRow(c, s0, s1, acc); storeRow(c + 32, s2, s3, acc); storeRow(c + 64, s4, s5, acc); return; }
    storeRow(c, s0, s1, acc); storeRow(c + 32, s2, s3, acc); storeRow(c + ld, s4, s5, acc); storeRow(c + ld + 32, s6, s7, acc);
    return;
  }
  // as rows of 24 (one row) or 16 (two rows) floats
  v128.store(tmp, s0); v128.store(tmp, s1, 16); v128.store(tmp, s2, 32); v128.store(tmp, s3, 48);
  v128.store(tmp, s4, 64); v128.store(tmp, s5, 80); v128.store(tmp, s6, 96); v128.store(tmp, s7, 112);
  storeEp(c, ld, mr, mr == 1 ? 3 * NR : 2 * NR, tmp, acc, bias, act);
}

// C's mr×nr corner from the tile spilled to tmp (rows NR floats apart); with the epilogue, element by element
// (epScalar gives the vector forms' bits: f32_unary's tails do the same).
function storeEdge(c: usize, ld: usize, mr: i32, nr: i32, acc: bool, tmp: usize, ep: bool, bias: usize,
                           act: i32): void {
  for (let r = 0; r < mr; r++) {
    for (let j = 0; j < nr; j++) {
      const p = c + <usize>r * ld + (<usize>j << 2);
      let t = load<f32>(at4(tmp, r * NR + j));
      if (acc) t = load<f32>(p) + t;
      if (ep) {
        if (bias != 0) t += load<f32>(at4(bias, j));
        t = epScalar(t, act);
      }
      store<f32>(p, t);
    }
  }
}

// The epilogue alone over an M×N block of C (a product with K = 0: C is all zeros or left as it was).
function epilogueOnly(M: i32, N: i32, c: usize, ldc: i32, bias: usize, act: i32): void {
  for (let i = 0; i < M; i++) {
    const row = c + (<usize>(i * ldc) << 2);
    for (let j = 0; j < N; j++) {
      let t = load<f32>(at4(row, j));
      if (bias != 0) t += load<f32>(at4(bias, j));
      store<f32>(at4(row, j), epScalar(t, act));
    }
  }
}

/**
 * C = A·B (accumulate = 0) or C += A·B (accumulate = 1), f32, C row-major with row stride N.
 * A(i, k) is at a[i*ars + k*acs], B(k, j) at b[k*brs + j*bcs] (element strides).
 */
export function f32_gemm__wasmsimd_4x8(M: i32, N: i32, K: i32, a: usize, ars: i32, acs: i32,
                                       b: usize, brs: i32, bcs: i32, c: usize, pack: usize,
                                       accumulate: i32): void {
  gemm(M, N, K, a, ars, acs, b, brs, bcs, c, N, pack, accumulate, 0, NO_ACT);
}

/**
 * f32_gemm__wasmsimd_4x8 with C's row stride `ldc` (≥ N): a block of columns of a wider C (threads split a
 * product with few rows this way; each element is computed exactly as in the full product), B pre-packed when
 * brs = 0 (f32_gemm_pack_b, bcs = K), and an epilogue: C = act(C + bias[j]) after the sum (bias: N floats, 0 for
 * none; act: Unary.Relu, Relu6, Sigmoid, Tanh, Elu, HardSwish, or -1 for none) — the bits of adding the bias
 * and applying the activation afterwards.
 */
export function f32_gemm_ldc__wasmsimd_4x8(M: i32, N: i32, K: i32, a: usize, ars: i32, acs: i32,
                                           b: usize, brs: i32, bcs: i32, c: usize, ldc: i32, pack: usize,
                                           accumulate: i32, bias: usize, act: i32): void {
  gemm(M, N, K, a, ars, acs, b, brs, bcs, c, ldc, pack, accumulate, bias, act);
}

/**
 * Products first … first + count − 1 of a batch of n0 × n1 products (C = A·B each, as f32_gemm_ldc__wasmsimd_4x8
 * with the same M, N, K and row/column strides: the same bits as one call per product). Product i = i0·n1 + i1
 * reads A at a + i0·sa0 + i1·sa1, B at b + i0·sb0 + i1·sb1 and writes C at c + i0·sc0 + i1·sc1 (element strides;
 * 0 broadcasts an operand). A head split (a transposed [N, T, H, D] read as [N, H, T, D]) is strides, not a copy.
 */
export function f32_gemm_batched(first: i32, count: i32, n1: i32, M: i32, N: i32, K: i32,
                                 a: usize, ars: i32, acs: i32, sa0: i32, sa1: i32,
                                 b: usize, brs: i32, bcs: i32, sb0: i32, sb1: i32,
                                 c: usize, ldc: i32, sc0: i32, sc1: i32, pack: usize): void {
  for (let i = first, end = first + count; i < end; i++) {
    const i0 = <usize>(i / n1), i1 = <usize>(i % n1);
    gemm(M, N, K, a + ((i0 * <usize>sa0 + i1 * <usize>sa1) << 2), ars, acs, b + ((i0 * <usize>sb0 + i1 * <usize>sb1) << 2), brs, bcs,
         c + ((i0 * <usize>sc0 + i1 * <usize>sc1) << 2), ldc, pack, 0, 0, NO_ACT);
  }
}

function gemm(M: i32, N: i32, K: i32, a: usize, ars: i32, acs: i32, b: usize, brs: i32, bcs: i32,
              c: usize, ldc: i32, pack: usize, accumulate: i32, bias: usize, act: i32): void {
  const hasEp = bias != 0 || act != NO_ACT, packed = brs == 0;
  if (K == 0) {
    if (!accumulate) for (let i = 0; i < M; i++) memory.fill(c + (<usize>(i * ldc) << 2), 0, <usize>N << 2);
    if (hasEp) epilogueOnly(M, N, c, ldc, bias, act);
    return;
  }
  if (M <= MR && bcs == 1 && N >= NR && !packed) {
    skinny(M, N, K, a, ars, acs, b, brs, c, ldc, pack, accumulate, bias, act);
    return;
  }
  if (K <= TINY_K && M >= MR && (N <= NR || (hasEp && N <= TINY_N_EP))) {
    tiny(M, N, K, a, ars, acs, b, brs, bcs, c, ldc, pack, accumulate, bias, act);
    return;
  }
  const bp = pack, ap = pack + <usize>(KC * NC) * 4, tmp = ap + <usize>(4 * MR * KC) * 4;
  for (let jc = 0; jc < N; jc += NC) {
    const nc = min(NC, N - jc);
    // K blocks of equal depth (288 → 2 × 144, not 256 + 32): a thin last block costs a full pass over C.
    const kb = (K + KC - 1) / KC, kstep = (K + kb - 1) / kb;
    for (let pc = 0; pc < K; pc += kstep) {
      const kc = min(kstep, K - pc);
      // pre-packed B: this block's panel jr is at b + ((jc + jr)·K + pc·NR) floats (panels hold all K rows)
      let bb = bp, pstep = <usize>kc << 5;
      if (packed) { bb = b + (<usize>(jc * K + pc * NR) << 2); pstep = <usize>K << 5; }
      else packBlockB(b, brs, bcs, pc, jc, kc, nc, bp);
      const acc = accumulate != 0 || pc > 0, ep = hasEp && pc + kc == K;
      for (let ir = 0; ir < M; ir += MR) {
        const mr = min(MR, M - ir);
        packA(a, ars, acs, ir, pc, kc, mr, ap);
        const crow = c + <usize>(ir * ldc + jc) * 4;
        let bj = bb, jr = 0;
        // one or two rows: several panels at once (see wideShort)
        if (mr == 1) {
          for (; jr + 3 * NR <= nc; jr += 3 * NR, bj += 3 * pstep) {
            wideShort(1, ap, bj, pstep, kc, crow + (<usize>jr << 2), ldc, acc, ep, bias == 0 ? 0 : bias + (<usize>(jc + jr) << 2), act, tmp);
          }
        } else if (mr == 2) {
          for (; jr + 2 * NR <= nc; jr += 2 * NR, bj += 2 * pstep) {
            wideShort(2, ap, bj, pstep, kc, crow + (<usize>jr << 2), ldc, acc, ep, bias == 0 ? 0 : bias + (<usize>(jc + jr) << 2), act, tmp);
          }
        }
        for (; jr < nc; jr += NR, bj += pstep) {
          const cj = crow + (<usize>jr << 2), nr = min(NR, nc - jr);
          const bias_j: usize = bias == 0 ? 0 : bias + (<usize>(jc + jr) << 2);
          if (mr == MR) microkernel(ap, bj, kc, cj, ldc, nr, acc, tmp, ep, bias_j, act);
          else microkernelShort(ap, bj, kc, cj, ldc, mr, nr, acc, tmp, ep, bias_j, act);
        }
      }
    }
  }
}

// A product of at most MR rows with B's rows contiguous (inference: a few inputs times a weight matrix) reads B
// once, in place, instead of packing it: each B element is used only M times, so the copy cost as much as the
// arithmetic. Per K block and column block, B is read 8 rows at a time across the block (reads run along the
// rows) and the running sums of each 4×8 tile wait in `pack` between row groups; storing a float32 sum and
// loading it back does not change it, so every element is summed exactly as in the packed path.
function skinny(M: i32, N: i32, K: i32, a: usize, ars: i32, acs: i32, b: usize, brs: i32, c: usize, ldc: i32,
                pack: usize, accumulate: i32, bias: usize, act: i32): void {
  const hasEp = bias != 0 || act != NO_ACT;
  const n8 = N & ~(NR - 1), sums = pack, ap = pack + <usize>(KC * NC) * 4, bstep = <usize>brs << 2;
  const ld = <usize>ldc << 2;
  const kb = (K + KC - 1) / KC, kstep = (K + kb - 1) / kb;
  for (let jc = 0; jc < n8; jc += NC) {
    const nc = min(NC, n8 - jc);
    for (let pc = 0; pc < K; pc += kstep) {
      const kc = min(kstep, K - pc);
      packA(a, ars, acs, 0, pc, kc, M, ap);
      for (let k0 = 0; k0 < kc; k0 += 8) {
        const rows = min(8, kc - k0);
        let j = 0;
        if (M == 1) {
          // one row: 3 tiles at once, 6 sums in flight instead of 2 (see wideShort); tile j's row 0 at t + j·16 bytes
          for (; j + 3 * NR <= nc; j += 3 * NR) {
            const t = sums + (<usize>j << 4);
            let s0 = f32x4.splat(0), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0;
            if (k0 > 0) {
              s0 = v128.load(t); s1 = v128.load(t, 16); s2 = v128.load(t, 128); s3 = v128.load(t, 144);
              s4 = v128.load(t, 256); s5 = v128.load(t, 272);
            }
            let bp = b + (<usize>((pc + k0) * brs + jc + j) << 2), pa = ap + <usize>k0 * AK;
            for (let k = 0; k < rows; k++, bp += bstep, pa += AK) {
              const a0 = aRow(pa, 0);
              s0 = madd(a0, v128.load(bp), s0); s1 = madd(a0, v128.load(bp, 16), s1);
              s2 = madd(a0, v128.load(bp, 32), s2); s3 = madd(a0, v128.load(bp, 48), s3);
              s4 = madd(a0, v128.load(bp, 64), s4); s5 = madd(a0, v128.load(bp, 80), s5);
            }
            v128.store(t, s0); v128.store(t, s1, 16); v128.store(t, s2, 128); v128.store(t, s3, 144);
            v128.store(t, s4, 256); v128.store(t, s5, 272);
          }
        }
        for (; j < nc; j += NR) {
          const t = sums + (<usize>j << 4); // 4 rows × 8 floats per tile
          let c0l = f32x4.splat(0), c0h = c0l, c1l = c0l, c1h = c0l, c2l = c0l, c2h = c0l, c3l = c0l, c3h = c0l;
          if (k0 > 0) {
            c0l = v128.load(t); c0h = v128.load(t, 16); c1l = v128.load(t, 32); c1h = v128.load(t, 48);
            c2l = v128.load(t, 64); c2h = v128.load(t, 80); c3l = v128.load(t, 96); c3h = v128.load(t, 112);
          }
          let bp = b + (<usize>((pc + k0) * brs + jc + j) << 2), pa = ap + <usize>k0 * AK;
          for (let k = 0; k < rows; k++, bp += bstep, pa += AK) {
            const bl = v128.load(bp), bh = v128.load(bp, 16);
            const a0 = aRow(pa, 0);
            c0l = madd(a0, bl, c0l); c0h = madd(a0, bh, c0h);
            if (M > 1) { const a1 = aRow(pa, 1); c1l = madd(a1, bl, c1l); c1h = madd(a1, bh, c1h); }
            if (M > 2) { const a2 = aRow(pa, 2); c2l = madd(a2, bl, c2l); c2h = madd(a2, bh, c2h); }
            if (M > 3) { const a3 = aRow(pa, 3); c3l = madd(a3, bl, c3l); c3h = madd(a3, bh, c3h); }
          }
          v128.store(t, c0l); v128.store(t, c0h, 16); v128.store(t, c1l, 32); v128.store(t, c1h, 48);
          v128.store(t, c2l, 64); v128.store(t, c2h, 80); v128.store(t, c3l, 96); v128.store(t, c3h, 112);
        }
      }
      // the block's sums into C, as the packed path's storeRow (and its epilogue after the last block)
      const acc = accumulate != 0 || pc > 0;
      if (hasEp && pc + kc == K) {
        for (let j = 0; j < nc; j += NR) {
          const t = sums + (<usize>j << 4), p = c + (<usize>(jc + j) << 2);
          const bj: usize = bias == 0 ? 0 : bias + (<usize>(jc + j) << 2);
          storeEp(p, ld, M, NR, t, acc, bj, act);
        }
        continue;
      }
      for (let j = 0; j < nc; j += NR) {
        const t = sums + (<usize>j << 4), p = c + (<usize>(jc + j) << 2);
        for (let r = 0; r < M; r++) storeRow(p + <usize>r * ld, v128.load(t + (<usize>r << 5)), v128.load(t + (<usize>r << 5), 16), acc);
      }
    }
  }
  // the last N mod 8 columns through the packed path
  if (N > n8) {
    gemm(M, N - n8, K, a, ars, acs, b + (<usize>n8 << 2), brs, 1, c + (<usize>n8 << 2), ldc, pack, accumulate,
         bias == 0 ? 0 : bias + (<usize>n8 << 2), act);
  }
}

/** Scalar reference: the same contract, a triple loop in k order. */
export function f32_gemm__scalar(M: i32, N: i32, K: i32, a: usize, ars: i32, acs: i32,
                                 b: usize, brs: i32, bcs: i32, c: usize, pack: usize,
                                 accumulate: i32): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s: f32 = 0;
      for (let k = 0; k < K; k++) s += load<f32>(at4(a, i * ars + k * acs)) * load<f32>(at4(b, k * brs + j * bcs));
      const p = at4(c, i * N + j);
      store<f32>(p, accumulate ? load<f32>(p) + s : s);
    }
  }
}

// Tiny products (an MLP's 64×8×16 layer): with K and N this small, packing A pre-broadcast (16 bytes stored per
// element) and the per-strip setup cost as much as the arithmetic. Here A is read in place (each element loaded
// and splat as its tile needs it) and B in place too when it is pre-packed or its rows are contiguous (only a
// last partial panel, or a transposed B, is copied into a panel: at most TINY_K × 8 floats each); a panel of at
// most 4 columns computes only its 4 lanes, and a full tile's epilogue runs in registers. K fits one block, and
// each element is summed from 0 in k order with the micro-kernel's operations, then added to C and given the
// epilogue as the packed path does: the same bits. Chosen by shape (M ≥ 4, K ≤ 64, N ≤ 8, or N ≤ 16 with an
// epilogue) from bench/gemm-tiny.ts: beyond that, or for M < 4, re-reading and splatting A for every panel
// costs more than packing it once (64×32×32 + bias: 1.10× slower; 64×16×16 without epilogue: even).
const TINY_K = 64, TINY_N_EP = 16;

// A's element (row, k) splat, read in place.
@inline function aAt(a: usize, ars: i32, acs: i32, row: i32, k: i32): v128 {
  return f32x4.splat(load<f32>(a + (<usize>(row * ars + k * acs) << 2)));
}

// storeRowEp for 4 columns (bias: 4 floats or 0; act: NO_ACT without an epilogue).
@inline function storeQuad(p: usize, v: v128, acc: bool, bias: usize, act: i32): void {
  if (acc) v = f32x4.add(v, v128.load(p));
  if (bias != 0) v = f32x4.add(v, v128.load(bias));
  v128.store(p, epVec(v, act));
}

// The tile of rows i0…i0+mr-1 (mr ≤ 4) over one 8-column panel of B (row k at bp + k·rstep bytes); `half`: the
// panel's columns 4…7 are empty (nr ≤ 4), so only the low half is computed (their sums were zeros, never stored).
@inline function tinyTile(mr: i32, half: bool, a: usize, ars: i32, acs: i32, i0: i32, bp: usize, rstep: usize, K: i32,
                          c: usize, ld: usize, nr: i32, acc: bool, tmp: usize, ep: bool, bias: usize, act: i32): void {
  let c0l = f32x4.splat(0), c0h = c0l, c1l = c0l, c1h = c0l, c2l = c0l, c2h = c0l, c3l = c0l, c3h = c0l;
  for (let k = 0; k < K; k++, bp += rstep) {
    const bl = v128.load(bp);
    const a0 = aAt(a, ars, acs, i0, k);
    let a1 = a0, a2 = a0, a3 = a0;
    c0l = madd(a0, bl, c0l);
    if (mr > 1) { a1 = aAt(a, ars, acs, i0 + 1, k); c1l = madd(a1, bl, c1l); }
    if (mr > 2) { a2 = aAt(a, ars, acs, i0 + 2, k); c2l = madd(a2, bl, c2l); }
    if (mr > 3) { a3 = aAt(a, ars, acs, i0 + 3, k); c3l = madd(a3, bl, c3l); }
    if (!half) {
      const bh = v128.load(bp, 16);
      c0h = madd(a0, bh, c0h);
      if (mr > 1) c1h = madd(a1, bh, c1h);
      if (mr > 2) c2h = madd(a2, bh, c2h);
      if (mr > 3) c3h = madd(a3, bh, c3h);
    }
  }
  if (half && nr == 4 && mr == MR) {
    storeQuad(c, c0l, acc, bias, act); storeQuad(c + ld, c1l, acc, bias, act);
    storeQuad(c + 2 * ld, c2l, acc, bias, act); storeQuad(c + 3 * ld, c3l, acc, bias, act);
    return;
  }
  if (nr == NR && mr == MR) {
    // full tile: stored from registers, with the epilogue's vector forms (storeRowEp) when there is one
    if (!ep) {
      storeRow(c, c0l, c0h, acc); storeRow(c + ld, c1l, c1h, acc);
      storeRow(c + 2 * ld, c2l, c2h, acc); storeRow(c + 3 * ld, c3l, c3h, acc);
    } else {
      storeRowEp(c, c0l, c0h, acc, bias, act); storeRowEp(c + ld, c1l, c1h, acc, bias, act);
      storeRowEp(c + 2 * ld, c2l, c2h, acc, bias, act); storeRowEp(c + 3 * ld, c3l, c3h, acc, bias, act);
    }
    return;
  }
  v128.store(tmp, c0l); v128.store(tmp, c0h, 16); v128.store(tmp, c1l, 32); v128.store(tmp, c1h, 48);
  v128.store(tmp, c2l, 64); v128.store(tmp, c2h, 80); v128.store(tmp, c3l, 96); v128.store(tmp, c3h, 112);
  if (nr == NR) storeEp(c, ld, mr, NR, tmp, acc, bias, act);
  else storeEdge(c, ld, mr, nr, acc, tmp, ep, bias, act);
}

// The last rows (fewer than 4) of the tiny path, and a panel of at most 4 columns: not inlined (once per panel).
function tinyShort(mr: i32, a: usize, ars: i32, acs: i32, i0: i32, bp: usize, rstep: usize, K: i32,
                   c: usize, ld: usize, nr: i32, acc: bool, tmp: usize, ep: bool, bias: usize, act: i32): void {
  // one copy: `half` tested per step here (a short strip runs once per panel)
  tinyTile(mr, nr <= 4, a, ars, acs, i0, bp, rstep, K, c, ld, nr, acc, tmp, ep, bias, act);
}
function tinyHalf(a: usize, ars: i32, acs: i32, i0: i32, bp: usize, rstep: usize, K: i32,
                  c: usize, ld: usize, nr: i32, acc: bool, tmp: usize, ep: bool, bias: usize, act: i32): void {
  tinyTile(MR, true, a, ars, acs, i0, bp, rstep, K, c, ld, nr, acc, tmp, ep, bias, act);
}

function tiny(M: i32, N: i32, K: i32, a: usize, ars: i32, acs: i32, b: usize, brs: i32, bcs: i32, c: usize,
              ldc: i32, pack: usize, accumulate: i32, bias: usize, act: i32): void {
  const ep = bias != 0 || act != NO_ACT, acc = accumulate != 0, ld = <usize>ldc << 2;
  const bp = pack, tmp = pack + <usize>(KC * NC + 4 * MR * KC) * 4;
  for (let jr = 0; jr < N; jr += NR) {
    const nr = min(NR, N - jr);
    // this panel's rows: pre-packed (all K rows of panel jr/8), B's own rows, or copied into one panel
    let pb: usize, rstep: usize = 32;
    if (brs == 0) pb = b + (<usize>(jr * K) << 2);
    else if (bcs == 1 && (nr == NR || nr == 4)) { pb = b + (<usize>jr << 2); rstep = <usize>brs << 2; }
    else { packB(b, brs, bcs, 0, jr, K, nr, bp); pb = bp; }
    const cj = c + (<usize>jr << 2), bj: usize = bias == 0 ? 0 : bias + (<usize>jr << 2);
    let i = 0;
    if (nr <= 4) {
      for (; i + MR <= M; i += MR) tinyHalf(a, ars, acs, i, pb, rstep, K, cj + <usize>i * ld, ld, nr, acc, tmp, ep, bj, act);
    } else {
      for (; i + MR <= M; i += MR) tinyTile(MR, false, a, ars, acs, i, pb, rstep, K, cj + <usize>i * ld, ld, nr, acc, tmp, ep, bj, act);
    }
    if (i < M) tinyShort(M - i, a, ars, acs, i, pb, rstep, K, cj + <usize>i * ld, ld, nr, acc, tmp, ep, bj, act);
  }
}
