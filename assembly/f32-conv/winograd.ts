// Winograd F(2×2, 3×3) for conv2d's forward, 3×3 stride 1 dilation 1, NHWC (Lavin & Gray 2015, "Fast Algorithms
// for Convolutional Neural Networks"), and for its input gradient (a convolution of dy with the filter flipped:
// f32_winograd_filter_f23's `flip`). Each 2×2 block of output pixels (a tile) comes from the 4×4 input patch
// d around it: y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d B) ] A per channel pair, summed over input channels. The sum over
// channels at each of the 16 transform positions is a product V[tiles × C] · U[C × OC]: 16 products per block of
// tiles, run by the packed GEMM (f32-gemm), so 16 multiply-adds per 4 outputs per channel pair instead of 36 (2.25×
// fewer), plus the transforms (adds only, amortised over OC and C).
//   Bᵀ = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]   G = [1 0 0; ½ ½ ½; ½ -½ ½; 0 0 1]   Aᵀ = [1 1 1 0; 0 1 -1 -1]
// (these give the cross-correlation tf.conv2d computes). Results differ from im2col + GEMM's in the last bits
// (other operations, other order); the error bound is in src/ops/conv.ts and test/ops/conv_winograd.test.ts. Every
// tile is computed by the same instructions wherever it falls (blocks of tiles are fixed by the shapes, and the
// GEMM sums each element in the same order whatever its row count), so the bits do not depend on a thread split.
// F(4×4, 3×3) was built and measured too (commit 6b510f1: 1.2–2× faster again, but an error up to 3.6e-5 of the sum
// of |products| at padded edges; PERF19-INFER.md) and left out: not chosen, not shipped (+1.7 KB gz of wasm).
// All vector work runs over 4 channels at a time; a channel count that is not a multiple of 4 ends in one
// partial vector (lanes past the end read as 0 and are not stored).
import { f32_gemm__wasmsimd_4x8, f32_gemm_ldc__wasmsimd_4x8, f32_gemm_pack_b_floats, f32_gemm_scratch_floats } from "../f32-gemm/gemm";
import { epVec } from "../util/epilogue";
import { at4, loadTail as ld, storeTail as st } from "../util/ptr";

@inline function g(geom: usize, i: i32): i32 { return load<i32>(at4(geom, i)); }

@inline function add(a: v128, b: v128): v128 { return f32x4.add(a, b); }
@inline function sub(a: v128, b: v128): v128 { return f32x4.sub(a, b); }

// ---- the filter transform --------------------------------------------------------------------------------

// U = G g Gᵀ for n (1…4) output channels of one input channel: g's taps (kh, kw) at w + (kh·3 + kw)·ts bytes,
// U's position p = 4i + j stored at u + p·us bytes. Row by row of t = G g (its three values from g's loads: L1,
// cheaper than keeping 9 taps and 16 results live, which V8 spills), then t's row times Gᵀ.
@inline function filterTile(w: usize, ts: usize, u: usize, us: usize, n: i32): void {
  const half = f32x4.splat(0.5);
  for (let i = 0; i < 4; i++) {
    let t0: v128, t1: v128, t2: v128;
    if (i == 0) { t0 = ld(w, n); t1 = ld(w + ts, n); t2 = ld(w + 2 * ts, n); }
    else if (i == 3) { t0 = ld(w + 6 * ts, n); t1 = ld(w + 7 * ts, n); t2 = ld(w + 8 * ts, n); }
    else {
      // G's rows 1 and 2: (g0 ± g1 + g2) / 2 down each column kw
      const a0 = add(ld(w, n), ld(w + 6 * ts, n)), a1 = add(ld(w + ts, n), ld(w + 7 * ts, n));
      const a2 = add(ld(w + 2 * ts, n), ld(w + 8 * ts, n));
      const b0 = ld(w + 3 * ts, n), b1 = ld(w + 4 * ts, n), b2 = ld(w + 5 * ts, n);
      t0 = f32x4.mul(i == 1 ? add(a0, b0) : sub(a0, b0), half);
      t1 = f32x4.mul(i == 1 ? add(a1, b1) : sub(a1, b1), half);
      t2 = f32x4.mul(i == 1 ? add(a2, b2) : sub(a2, b2), half);
    }
    const r = u + <usize>(4 * i) * us, s = add(t0, t2);
    st(r, t0, n);
    st(r + us, f32x4.mul(add(s, t1), half), n);
    st(r + 2 * us, f32x4.mul(sub(s, t1), half), n);
    st(r + 3 * us, t2, n);
  }
}

/** Floats of f32_winograd_filter_f23's output: 16 packed C × OC matrices. */
export function f32_winograd_filter_floats(C: i32, OC: i32): i32 {
  return 16 * f32_gemm_pack_b_floats(C, OC);
}

/** Bytes of scratch f32_winograd_filter_f23 needs (one group of 8 × 8 channel pairs: all 16 positions, 9 taps). */
export function f32_winograd_filter_scratch(): i32 {
  return 25 * 256;
}

// The filter transform in groups of 8 input × 8 output channels (one 8-row strip of one packed panel): each
// group's 16 positions are computed into `tmp` (positions 256 bytes apart: all in L1), then copied out as 16
// contiguous runs. (Written straight into the packed matrices, the positions lie pf floats apart — a
// multiple of 4 KiB for C·OC a multiple of 1024 — so every store of a tile hit the same L1 set: 64 × 64 took
// 45 µs, now 24.) `flip`: w is [3, 3, OC, C] and is read rotated 180° with its channel axes swapped (the filter of
// conv2d's input gradient as a convolution); each group's 9 taps are gathered first into `tmp` after the 16
// positions (8 × 8 floats per tap, laid out as the unflipped taps of one group), so both read the same way.
@inline function filterAll(w: usize, C: i32, OC: i32, up: usize, tmp: usize, flip: bool): void {
  const P = 16, pf = f32_gemm_pack_b_floats(C, OC), gat = tmp + (<usize>P << 8);
  const ts = flip ? <usize>256 : <usize>(C * OC) << 2;
  for (let j = 0; j < OC; j += 8) {
    const nq = min(8, OC - j), panel = at4(up, j * C);
    for (let c0 = 0; c0 < C; c0 += 8) {
      const nc = min(8, C - c0);
      if (nq < 8) memory.fill(tmp, 0, <usize>P << 8); // columns past OC: zeros, as f32_gemm_pack_b leaves them
      if (flip) {
        // tap k of the flipped filter, input channel c, output channel q: w's tap 8 − k, [q][c] (c contiguous)
        for (let k = 0; k < 9; k++) for (let q = 0; q < nq; q++) {
          const src = at4(w, ((8 - k) * OC + j + q) * C + c0), dst = gat + (<usize>k << 8) + (<usize>q << 2);
          for (let c = 0; c < nc; c++) store<f32>(dst + (<usize>c << 5), load<f32>(at4(src, c)));
        }
      }
      for (let c = c0; c < c0 + nc; c++) {
        const src = flip ? gat + (<usize>(c - c0) << 5) : at4(w, c * OC + j), dst = tmp + (<usize>(c - c0) << 5);
        filterTile(src, ts, dst, 256, min(4, nq));
        if (nq > 4) filterTile(src + 16, ts, dst + 16, 256, nq - 4);
      }
      const run = <usize>nc << 5, out = panel + (<usize>c0 << 5);
      for (let p = 0; p < P; p++) memory.copy(out + (<usize>(p * pf) << 2), tmp + (<usize>p << 8), run);
    }
  }
}

/**
 * The filter w [3, 3, C, OC] transformed (U = G g Gᵀ for every channel pair) into the GEMM's packed B layout
 * (f32_gemm_pack_b's: 8-column panels of C rows, zeros past OC), position p = 4i + j (0…15) a C × OC matrix at
 * up + p·f32_gemm_pack_b_floats(C, OC) floats. `tmp`: f32_winograd_filter_scratch() bytes. `flip` ≠ 0: w is
 * [3, 3, OC, C] and the filter transformed is w rotated 180° with its channel axes swapped (g[kh][kw][c][q] =
 * w[2 − kh][2 − kw][q][c]: conv2d's input gradient as a convolution of dy), the same bits as transforming that
 * filter written out.
 */
export function f32_winograd_filter_f23(w: usize, C: i32, OC: i32, up: usize, tmp: usize, flip: i32): void {
  filterAll(w, C, OC, up, tmp, flip != 0);
}

// ---- the input and output transforms -----------------------------------------------------------------------

// V = Bᵀ d B for n (1…4) channels of one tile: d's row r, column s at x + r·rs + s·cs bytes; V's position
// (i, j) stored at v + (4i + j)·vs bytes. Per column j of d B, the rows' two-term combinations are formed from
// loads (L1: cheaper than keeping 16 vectors live, which V8 spills), then Bᵀ combines the rows.
@inline function inputTile(x: usize, rs: usize, cs: usize, v: usize, vs: usize, n: i32): void {
  for (let j = 0; j < 4; j++) {
    // column j of d B: j 0: d0 - d2, 1: d1 + d2, 2: d2 - d1, 3: d1 - d3 (d's columns)
    let e0: v128, e1: v128, e2: v128, e3: v128;
    const a = j == 0 ? 0 : 1, b = j == 0 ? 2 : j == 3 ? 3 : 2; // the two columns combined
    const p = x + <usize>a * cs, q = x + <usize>b * cs;
    if (j == 1) {
      e0 = add(ld(p, n), ld(q, n)); e1 = add(ld(p + rs, n), ld(q + rs, n));
      e2 = add(ld(p + 2 * rs, n), ld(q + 2 * rs, n)); e3 = add(ld(p + 3 * rs, n), ld(q + 3 * rs, n));
    } else if (j == 2) {
      e0 = sub(ld(q, n), ld(p, n)); e1 = sub(ld(q + rs, n), ld(p + rs, n));
      e2 = sub(ld(q + 2 * rs, n), ld(p + 2 * rs, n)); e3 = sub(ld(q + 3 * rs, n), ld(p + 3 * rs, n));
    } else {
      e0 = sub(ld(p, n), ld(q, n)); e1 = sub(ld(p + rs, n), ld(q + rs, n));
      e2 = sub(ld(p + 2 * rs, n), ld(q + 2 * rs, n)); e3 = sub(ld(p + 3 * rs, n), ld(q + 3 * rs, n));
    }
    const o = v + <usize>j * vs;
    st(o, sub(e0, e2), n);
    st(o + 4 * vs, add(e1, e2), n);
    st(o + 8 * vs, sub(e2, e1), n);
    st(o + 12 * vs, sub(e1, e3), n);
  }
}

// The epilogue, as f32_gemm's tile store: + bias (when there is one), then the activation as util/epilogue.ts's
// epVec (f32_unary's vector forms, lane-wise: a partial vector's stored lanes have the bits of the scalar tail).
@inline function ep(v: v128, b: v128, hasBias: bool, act: i32): v128 {
  if (hasBias) v = f32x4.add(v, b);
  return epVec(v, act);
}

// Y = Aᵀ m A for n (1…4) output channels of one tile: m's position (i, j) at m + (4i + j)·ms bytes; Y's (i, j)
// stored at y + i·rs + j·cs for i < ni, j < nj (the tile's pixels inside the output), then the epilogue.
@inline function outputTile(m: usize, ms: usize, y: usize, rs: usize, cs: usize, ni: i32, nj: i32,
                            bias: usize, act: i32, n: i32): void {
  // rows of Aᵀ m: s0 = m0 + m1 + m2, s1 = m1 - m2 - m3 (m's rows), column by column
  const a0 = ld(m, n), a1 = ld(m + 4 * ms, n), a2 = ld(m + 8 * ms, n), a3 = ld(m + 12 * ms, n);
  const b0 = ld(m + ms, n), b1 = ld(m + 5 * ms, n), b2 = ld(m + 9 * ms, n), b3 = ld(m + 13 * ms, n);
  const s00 = add(add(a0, a1), a2), s10 = sub(sub(a1, a2), a3);
  const s01 = add(add(b0, b1), b2), s11 = sub(sub(b1, b2), b3);
  const c0 = ld(m + 2 * ms, n), c1 = ld(m + 6 * ms, n), c2 = ld(m + 10 * ms, n), c3 = ld(m + 14 * ms, n);
  const s02 = add(add(c0, c1), c2), s12 = sub(sub(c1, c2), c3);
  const d0 = ld(m + 3 * ms, n), d1 = ld(m + 7 * ms, n), d2 = ld(m + 11 * ms, n), d3 = ld(m + 15 * ms, n);
  const s03 = add(add(d0, d1), d2), s13 = sub(sub(d1, d2), d3);
  const has = bias != 0, bv = has ? ld(bias, n) : f32x4.splat(0);
  st(y, ep(add(add(s00, s01), s02), bv, has, act), n);
  if (nj > 1) st(y + cs, ep(sub(sub(s01, s02), s03), bv, has, act), n);
  if (ni > 1) {
    st(y + rs, ep(add(add(s10, s11), s12), bv, has, act), n);
    if (nj > 1) st(y + rs + cs, ep(sub(sub(s11, s12), s13), bv, has, act), n);
  }
}

/** Bytes of scratch one part of f32_conv2d_winograd needs for blocks of `tb` tiles (64-byte multiple). */
export function f32_conv2d_winograd_scratch(C: i32, OC: i32, tb: i32): i32 {
  return ((16 * tb * (C + OC) + f32_gemm_scratch_floats()) * 4 + 63) & ~63;
}

// The input transform of tiles b0 … b0 + nt - 1 (row-major over n, ⌈OH/2⌉, ⌈OW/2⌉; geom as the drivers'): V [nt][16][C].
@inline function inputBlock(x: usize, geom: usize, b0: i32, nt: i32, v: usize): void {
  const HP = g(geom, 1), WP = g(geom, 2), C = g(geom, 3), TH = (g(geom, 6) + 1) >> 1, TW = (g(geom, 7) + 1) >> 1;
  const xrs = <usize>(WP * C) << 2, xcs = <usize>C << 2, vs = <usize>C << 2;
  for (let t = 0; t < nt; t++) {
    const tile = b0 + t, n = tile / (TH * TW), r = tile - n * TH * TW, th = r / TW, tw = r - th * TW;
    const xo = x + (<usize>((n * HP + 2 * th) * WP + 2 * tw) * xcs), vo = v + <usize>(16 * t) * vs;
    let c = 0;
    for (; c + 4 <= C; c += 4) inputTile(at4(xo, c), xrs, xcs, at4(vo, c), vs, 4);
    if (c < C) inputTile(at4(xo, c), xrs, xcs, at4(vo, c), vs, C - c);
  }
}

// ---- the driver ---------------------------------------------------------------------------------------------

/**
 * y [N, OH, OW, OC] = act(conv(x, w) + bias) for a 3×3 stride-1 undilated w, by Winograd F(2×2, 3×3). x is padded
 * already (f32_conv2d_pad): `geom` (14 i32 as in im2col.ts: N, HP, WP, C, …, OH, OW, …) describes the padded x,
 * with HP ≥ 2·⌈OH/2⌉ + 2 and WP ≥ 2·⌈OW/2⌉ + 2 (every tile's 4×4 patch inside it). `up`: the filter from
 * f32_winograd_filter_f23. Tiles (n, 2×2 output block) in row-major order are cut into blocks of `tb` (a multiple
 * of 4), and the blocks into `nparts` parts as even as possible; this call computes parts part0 … part0 + parts - 1
 * (threads split the parts), each with its own `scratch` area of f32_conv2d_winograd_scratch(C, OC, tb) bytes
 * (16-byte aligned; one part's area is reused for the next). bias: OC floats or 0; act: an epilogue code (util/epilogue.ts) or -1.
 */
export function f32_conv2d_winograd(x: usize, up: usize, y: usize, geom: usize, OC: i32, tb: i32, part0: i32,
                                    parts: i32, nparts: i32, bias: usize, act: i32, scratch: usize): void {
  const N = g(geom, 0), C = g(geom, 3), OH = g(geom, 6), OW = g(geom, 7);
  const TH = (OH + 1) >> 1, TW = (OW + 1) >> 1, T = N * TH * TW, nb = (T + tb - 1) / tb;
  const v = scratch, mb = scratch + (<usize>(16 * tb * C) << 2), pack = mb + (<usize>(16 * tb * OC) << 2);
  const pf = f32_gemm_pack_b_floats(C, OC);
  const ms = <usize>OC << 2;
  const yrs = <usize>(OW * OC) << 2;
  for (let p = part0, pEnd = part0 + parts; p < pEnd; p++) {
    // this part's blocks, then its tiles
    const t0 = min(T, <i32>(<i64>nb * p / nparts) * tb), t1 = min(T, <i32>(<i64>nb * (p + 1) / nparts) * tb);
    for (let b0 = t0; b0 < t1; b0 += tb) {
      const nt = min(tb, t1 - b0);
      inputBlock(x, geom, b0, nt, v); // V [nt][16][C]
      // the 16 products M[·][q][·] = V[·][q][·] · U_q (rows 16·C and 16·OC floats apart)
      for (let q = 0; q < 16; q++) {
        f32_gemm_ldc__wasmsimd_4x8(nt, OC, C, at4(v, q * C), 16 * C, 1, at4(up, q * pf), 0, C, at4(mb, q * OC), 16 * OC,
                                   pack, 0, 0, -1);
      }
      // output transform into y, with the epilogue
      for (let t = 0; t < nt; t++) {
        const tile = b0 + t, n = tile / (TH * TW), r = tile - n * TH * TW, th = r / TW, tw = r - th * TW;
        const oh = 2 * th, ow = 2 * tw, ni = min(2, OH - oh), nj = min(2, OW - ow);
        const yo = y + <usize>((n * OH + oh) * OW + ow) * ms, mo = mb + <usize>(16 * t) * ms;
        let j = 0;
        for (; j + 4 <= OC; j += 4) outputTile(at4(mo, j), ms, at4(yo, j), yrs, ms, ni, nj, bias == 0 ? 0 : at4(bias, j), act, 4);
        if (j < OC) outputTile(at4(mo, j), ms, at4(yo, j), yrs, ms, ni, nj, bias == 0 ? 0 : at4(bias, j), act, OC - j);
      }
    }
  }
}

// ---- the filter gradient ------------------------------------------------------------------------------------
// dW = Σ over tiles Gᵀ [ (A dY Aᵀ) ⊙ (Bᵀ d B) ] G per channel pair (the transpose of the forward's maps, dY a
// tile's 2×2 output gradient, zeros past the output's edge): the 16 positions' sums over tiles are products
// M_q [C × OC] = V_qᵀ · Z_q, accumulated block of tiles by block in a fixed order.

// Z = A y Aᵀ for n (1…4) channels of one tile: y's (r, s) at y + r·rs + s·cs bytes for r < ni, s < nj (zeros
// past them); Z's position (i, j) stored at z + (4i + j)·zs bytes. A's rows: (1, 0), (1, 1), (1, -1), (0, -1).
@inline function gradTile(y: usize, rs: usize, cs: usize, ni: i32, nj: i32, z: usize, zs: usize, n: i32): void {
  const zero = f32x4.splat(0);
  const y00 = ld(y, n), y01 = nj > 1 ? ld(y + cs, n) : zero;
  const y10 = ni > 1 ? ld(y + rs, n) : zero, y11 = ni > 1 && nj > 1 ? ld(y + rs + cs, n) : zero;
  for (let i = 0; i < 4; i++) {
    // row i of A y: (a, b)
    const a = i == 0 ? y00 : i == 3 ? f32x4.neg(y10) : i == 1 ? add(y00, y10) : sub(y00, y10);
    const b = i == 0 ? y01 : i == 3 ? f32x4.neg(y11) : i == 1 ? add(y01, y11) : sub(y01, y11);
    const o = z + <usize>(4 * i) * zs;
    st(o, a, n);
    st(o + zs, add(a, b), n);
    st(o + 2 * zs, sub(a, b), n);
    st(o + 3 * zs, f32x4.neg(b), n);
  }
}

/** Bytes of scratch f32_conv2d_winograd_filter needs for blocks of `tb` tiles (64-byte multiple). */
export function f32_conv2d_winograd_filter_scratch(C: i32, OC: i32, tb: i32): i32 {
  return ((16 * tb * (C + OC) + f32_gemm_scratch_floats()) * 4 + 63) & ~63;
}

/**
 * The sums M_q = Σ over tiles V_qᵀ · Z_q (q = 0…15, C × OC each, at m + q·C·OC floats) of conv2d's filter gradient
 * by Winograd F(2×2, 3×3): x padded already as f32_conv2d_winograd's (`geom` likewise, OH × OW the output), dy
 * [N, OH, OW, OC]. The 16 positions are cut into `nparts` parts as even as possible; this call computes parts part0
 * … part0 + parts - 1 (threads split the parts), each with its own `scratch` area of
 * f32_conv2d_winograd_filter_scratch(C, OC, tb) bytes (16-byte aligned). Per part, tiles in row-major order, in
 * blocks of `tb` (a multiple of 4): each block's V and Z are computed (all 16 positions), then M_q += V_qᵀ · Z_q
 * for the part's positions — each M_q by the same operations in the same order whatever the split.
 */
export function f32_conv2d_winograd_filter(x: usize, dy: usize, m: usize, geom: usize, OC: i32, tb: i32, part0: i32,
                                           parts: i32, nparts: i32, scratch: usize): void {
  const N = g(geom, 0), C = g(geom, 3), OH = g(geom, 6), OW = g(geom, 7);
  const TH = (OH + 1) >> 1, TW = (OW + 1) >> 1, T = N * TH * TW;
  const v = scratch, z = scratch + (<usize>(16 * tb * C) << 2), pack = z + (<usize>(16 * tb * OC) << 2);
  const zs = <usize>OC << 2;
  const yrs = <usize>(OW * OC) << 2;
  for (let p = part0, pEnd = part0 + parts; p < pEnd; p++) {
    const q0 = 16 * p / nparts, q1 = 16 * (p + 1) / nparts;
    for (let b0 = 0; b0 < T; b0 += tb) {
      const nt = min(tb, T - b0);
      inputBlock(x, geom, b0, nt, v);
      for (let t = 0; t < nt; t++) {
        const tile = b0 + t, n = tile / (TH * TW), r = tile - n * TH * TW, th = r / TW, tw = r - th * TW;
        const oh = 2 * th, ow = 2 * tw, ni = min(2, OH - oh), nj = min(2, OW - ow);
        const yo = dy + <usize>((n * OH + oh) * OW + ow) * zs, zo = z + <usize>(16 * t) * zs;
        let j = 0;
        for (; j + 4 <= OC; j += 4) gradTile(at4(yo, j), yrs, zs, ni, nj, at4(zo, j), zs, 4);
        if (j < OC) gradTile(at4(yo, j), yrs, zs, ni, nj, at4(zo, j), zs, OC - j);
      }
      for (let q = q0; q < q1; q++) {
        f32_gemm__wasmsimd_4x8(C, OC, nt, at4(v, q * C), 1, 16 * C, at4(z, q * OC), 16 * OC, 1, at4(m, q * C * OC), pack,
                               b0 > 0 ? 1 : 0);
      }
    }
  }
}

/**
 * dw [3, 3, C, OC] = Gᵀ M G per channel pair, M the 16 sums of f32_conv2d_winograd_filter (position q = 4i + j a
 * C × OC matrix at m + q·C·OC floats). Gᵀ's rows: (1, ½, ½, 0), (0, ½, -½, 0), (0, ½, ½, 1).
 */
export function f32_winograd_filter_grad(m: usize, dw: usize, C: i32, OC: i32): void {
  const half = f32x4.splat(0.5), ps = <usize>(C * OC) << 2;
  for (let e = 0; e < C * OC; e += 4) {
    const n = min(4, C * OC - e), mo = at4(m, e), wo = at4(dw, e);
    // t = M G per row i (3 values: row i's m0 + (m1 + m2)/2, (m1 - m2)/2, (m1 + m2)/2 + m3), then Gᵀ t down the rows
    const r0 = mo, r1 = mo + 4 * ps, r2 = mo + 8 * ps, r3 = mo + 12 * ps;
    const h0 = f32x4.mul(add(ld(r0 + ps, n), ld(r0 + 2 * ps, n)), half), h1 = f32x4.mul(add(ld(r1 + ps, n), ld(r1 + 2 * ps, n)), half);
    const h2 = f32x4.mul(add(ld(r2 + ps, n), ld(r2 + 2 * ps, n)), half), h3 = f32x4.mul(add(ld(r3 + ps, n), ld(r3 + 2 * ps, n)), half);
    const t00 = add(ld(r0, n), h0), t10 = add(ld(r1, n), h1), t20 = add(ld(r2, n), h2), t30 = add(ld(r3, n), h3);
    const t01 = f32x4.mul(sub(ld(r0 + ps, n), ld(r0 + 2 * ps, n)), half), t11 = f32x4.mul(sub(ld(r1 + ps, n), ld(r1 + 2 * ps, n)), half);
    const t21 = f32x4.mul(sub(ld(r2 + ps, n), ld(r2 + 2 * ps, n)), half), t31 = f32x4.mul(sub(ld(r3 + ps, n), ld(r3 + 2 * ps, n)), half);
    const t02 = add(h0, ld(r0 + 3 * ps, n)), t12 = add(h1, ld(r1 + 3 * ps, n)), t22 = add(h2, ld(r2 + 3 * ps, n));
    const t32 = add(h3, ld(r3 + 3 * ps, n));
    // rows kh: t0 + (t1 + t2)/2, (t1 - t2)/2, (t1 + t2)/2 + t3
    const s0 = f32x4.mul(add(t10, t20), half), s1 = f32x4.mul(add(t11, t21), half), s2 = f32x4.mul(add(t12, t22), half);
    st(wo, add(t00, s0), n); st(wo + ps, add(t01, s1), n); st(wo + 2 * ps, add(t02, s2), n);
    st(wo + 3 * ps, f32x4.mul(sub(t10, t20), half), n); st(wo + 4 * ps, f32x4.mul(sub(t11, t21), half), n);
    st(wo + 5 * ps, f32x4.mul(sub(t12, t22), half), n);
    st(wo + 6 * ps, add(s0, t30), n); st(wo + 7 * ps, add(s1, t31), n); st(wo + 8 * ps, add(s2, t32), n);
  }
}
