// Direct 2-D convolution over NHWC x with filters w [KH, KW, C, OC] (row-major: filter row k = (kh, kw, c) is
// OC contiguous floats), for small input channel counts, where im2col's column matrix is many times the image
// and is written a few floats at a time. The register tile is the GEMM's: 4 output pixels (in row-major order) ×
// 8 output channels in 8 f32x4 accumulators; A is read straight from x (one float splat per pixel) instead of
// from a packed column matrix, B from the filter packed in 8-column panels (f32_conv2d_pack_filter: with w's
// own rows, OC floats apart, a tile's reads of a large filter were scattered over twice the cache lines).
// x has no padding here: the caller pads it first (f32_conv2d_pad, a copy the size of the image, not KH·KW
// times it as im2col's), so every tap of every window is inside x and tap k of the pixel at p is at p + offs[k]
// (`offs`: KH·KW·C byte offsets, the same for every pixel): one loop of KH·KW·C steps per tile, no bounds.
// Every output sums its KH·KW·C products from 0 in (kh, kw, c) order, padded taps included as 0·w (so NaN and
// ±∞ weights meet the padding as in im2col + GEMM): for KH·KW·C ≤ 256 (one GEMM K block, which the caller
// ensures) that is exactly the order of f32_gemm on the im2col matrix, so the two paths give the same bits and
// the choice between them (src/ops/conv.ts) is a matter of speed only.
import { epVec } from "../util/epilogue";
import { at4 } from "../util/ptr";

@inline function g(geom: usize, i: i32): i32 { return load<i32>(at4(geom, i)); }

// c + a·b as f32_gemm computes it (one fused multiply-add in the relaxed-SIMD build), so the paths agree.
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

// The first n (1…3) floats at p in lanes 0…n-1, 0 beyond (no read past them).
@inline function loadPart(p: usize, n: i32): v128 {
  let v = f32x4.splat(0);
  v = f32x4.replace_lane(v, 0, load<f32>(p));
  if (n > 1) v = f32x4.replace_lane(v, 1, load<f32>(p, 4));
  if (n > 2) v = f32x4.replace_lane(v, 2, load<f32>(p, 8));
  return v;
}
// The first n (1…4) floats at p, 0 beyond.
function loadPanel(p: usize, n: i32): v128 {
  return n >= 4 ? v128.load(p) : loadPart(p, n);
}
// The first n (1…3) lanes of v at p.
@inline function storePart(p: usize, v: v128, n: i32): void {
  store<f32>(p, f32x4.extract_lane(v, 0));
  if (n > 1) store<f32>(p, f32x4.extract_lane(v, 1), 4);
  if (n > 2) store<f32>(p, f32x4.extract_lane(v, 2), 8);
}
// The first nc (1…8) channels of one pixel's accumulators (not inlined: it runs once per tile and pixel).
function storePixel(p: usize, lo: v128, hi: v128, nc: i32): void {
  if (nc == 8) { v128.store(p, lo); v128.store(p, hi, 16); return; }
  if (nc >= 4) {
    v128.store(p, lo);
    if (nc > 4) storePart(p + 16, hi, nc - 4);
  } else {
    storePart(p, lo, nc);
  }
}

// The forward's epilogue, as f32_gemm's (storeRowEp): + the bias (when there is one: adding 0 would turn -0 into
// +0), then the activation as f32_unary's vector forms (util/epilogue.ts: relu, relu6, sigmoid, tanh, elu,
// hardSwish); act -1: none. The same operations as adding the bias and applying the activation afterwards, so the
// same bits (an elementwise vector function gives each lane the bits it gives that value alone).
@inline function ep(v: v128, b: v128, hasBias: bool, act: i32): v128 {
  if (hasBias) v = f32x4.add(v, b);
  return epVec(v, act);
}

// The tile of pixels p0…p3 (window origins in x) × one 8-channel panel of the packed filter (wp: kdim rows of
// 8 floats), stored at y0, y0 + ys, … for the first np pixels (the others repeat pixel np - 1) and the first nc
// channels (the panel's others are zeros); `bias`: the panel's first channel's (0: none), `act` as in ep.
@inline function tile(p0: usize, p1: usize, p2: usize, p3: usize, offs: usize, kdim: i32, wp: usize,
                      y0: usize, ys: usize, np: i32, nc: i32, bias: usize, act: i32): void {
  let c0l = f32x4.splat(0), c0h = c0l, c1l = c0l, c1h = c0l, c2l = c0l, c2h = c0l, c3l = c0l, c3h = c0l;
  for (let op = offs, end = offs + (<usize>kdim << 2); op < end; op += 4) {
    const o = <usize>load<u32>(op);
    const bl = v128.load(wp), bh = v128.load(wp, 16);
    const a0 = v128.load32_splat(p0 + o), a1 = v128.load32_splat(p1 + o);
    const a2 = v128.load32_splat(p2 + o), a3 = v128.load32_splat(p3 + o);
    c0l = madd(a0, bl, c0l); c0h = madd(a0, bh, c0h); c1l = madd(a1, bl, c1l); c1h = madd(a1, bh, c1h);
    c2l = madd(a2, bl, c2l); c2h = madd(a2, bh, c2h); c3l = madd(a3, bl, c3l); c3h = madd(a3, bh, c3h);
    wp += 32;
  }
  if (bias != 0 || act >= 0) {
    const has = bias != 0, z = f32x4.splat(0);
    const bl = has ? loadPanel(bias, min(4, nc)) : z, bh = has && nc > 4 ? loadPanel(bias + 16, nc - 4) : z;
    c0l = ep(c0l, bl, has, act); c0h = ep(c0h, bh, has, act); c1l = ep(c1l, bl, has, act); c1h = ep(c1h, bh, has, act);
    c2l = ep(c2l, bl, has, act); c2h = ep(c2h, bh, has, act); c3l = ep(c3l, bl, has, act); c3h = ep(c3h, bh, has, act);
  }
  storePixel(y0, c0l, c0h, nc);
  if (np > 1) storePixel(y0 + ys, c1l, c1h, nc);
  if (np > 2) storePixel(y0 + 2 * ys, c2l, c2h, nc);
  if (np > 3) storePixel(y0 + 3 * ys, c3l, c3h, nc);
}

/**
 * y = act(conv(x, w) + bias) for output rows row0 … row0 + rows - 1 of y [N·OH, OW, OC] (row r: image r / OH,
 * output row r mod OH); bias: OC floats or 0 for none, act: an f32_unary code f32_gemm's epilogue takes, or -1 (as f32_gemm's
 * epilogue). x is already padded: `geom` (14 i32 as in im2col.ts) has pads 0 and every window inside x;
 * `offs`: the KH·KW·C byte offsets of the taps from a window's origin, in (kh, kw, c) order; KH·KW·C ≤ 256;
 * `wp`: the filter packed by f32_conv2d_pack_filter. Bit-identical to f32_im2col then f32_gemm on the unpadded x.
 * Threads split the rows.
 */
export function f32_conv2d_direct(x: usize, wp: usize, y: usize, geom: usize, offs: usize, OC: i32, row0: i32, rows: i32,
                                  bias: usize, act: i32): void {
  const H = g(geom, 1), W = g(geom, 2), C = g(geom, 3);
  const kdim = g(geom, 4) * g(geom, 5) * C, OH = g(geom, 6), OW = g(geom, 7), sh = g(geom, 8), sw = g(geom, 9);
  const sx = <usize>(sw * C) << 2, ys = <usize>OC << 2, panel = <usize>kdim << 5;
  // The output pixels of the rows in order, four at a time whatever row they are in (a tile of a short row's
  // last pixels and the next row's first: no tile is left part empty but the very last). `r`, `ow`: the next
  // pixel's row and column, `xr`: its image row's window origin at column 0.
  let r = row0, ow = 0, xr = rowOrigin(x, r, OH, H, W, C, sh);
  const total = rows * OW;
  let y0 = y + (<usize>(row0 * OW) * ys);
  for (let q = 0; q < total; q += 4, y0 += ys << 2) {
    const np = min(4, total - q);
    const p0 = xr + <usize>ow * sx;
    if (++ow == OW) { ow = 0; xr = rowOrigin(x, ++r, OH, H, W, C, sh); }
    let p1 = p0, p2 = p0, p3 = p0;
    if (np > 1) { p1 = xr + <usize>ow * sx; if (++ow == OW) { ow = 0; xr = rowOrigin(x, ++r, OH, H, W, C, sh); } }
    if (np > 2) { p2 = xr + <usize>ow * sx; if (++ow == OW) { ow = 0; xr = rowOrigin(x, ++r, OH, H, W, C, sh); } }
    if (np > 3) { p3 = xr + <usize>ow * sx; if (++ow == OW) { ow = 0; xr = rowOrigin(x, ++r, OH, H, W, C, sh); } }
    for (let oc = 0, w0 = wp; oc < OC; oc += 8, w0 += panel) {
      tile(p0, p1, p2, p3, offs, kdim, w0, at4(y0, oc), ys, np, min(8, OC - oc), bias == 0 ? 0 : at4(bias, oc), act);
    }
  }
}

// The window origin of output row r's first pixel in the padded x (a pointer only: row N·OH is never read).
@inline function rowOrigin(x: usize, r: i32, OH: i32, H: i32, W: i32, C: i32, sh: i32): usize {
  const n = r / OH, oh = r - n * OH;
  return x + (<usize>((n * H + oh * sh) * W * C) << 2);
}

// ---- the filter gradient -------------------------------------------------------------------------------

// dw's tile: taps k0 … k0 + 3 (byte offsets o0 … o3 from a window's origin) × 8 channels (dy's columns at dy0,
// rows ys bytes apart), summed over output pixels q0 … q1 - 1 (one K block) from 0, then stored (first block)
// or added to dw (at d0, tap rows OC·4 bytes apart) for the first nt taps and nc channels.
@inline function filterTile(x: usize, dy0: usize, ys: usize, q0: i32, q1: i32, o0: usize, o1: usize, o2: usize, o3: usize,
                            OH: i32, H: i32, W: i32, C: i32, OW: i32, sh: i32, sx: usize, d0: usize, ds: usize,
                            nt: i32, nc: i32, acc: bool): void {
  let c0l = f32x4.splat(0), c0h = c0l, c1l = c0l, c1h = c0l, c2l = c0l, c2h = c0l, c3l = c0l, c3h = c0l;
  const r0 = q0 / OW;
  let ow = q0 - r0 * OW, r = r0, xr = rowOrigin(x, r, OH, H, W, C, sh), p = xr + <usize>ow * sx;
  let dp = dy0 + <usize>q0 * ys;
  for (let q = q0; q < q1; q++) {
    let bl: v128, bh: v128;
    if (nc == 8) { bl = v128.load(dp); bh = v128.load(dp, 16); }
    else if (nc >= 4) { bl = v128.load(dp); bh = nc > 4 ? loadPart(dp + 16, nc - 4) : f32x4.splat(0); }
    else { bl = loadPart(dp, nc); bh = f32x4.splat(0); }
    const a0 = v128.load32_splat(p + o0), a1 = v128.load32_splat(p + o1);
    const a2 = v128.load32_splat(p + o2), a3 = v128.load32_splat(p + o3);
    c0l = madd(a0, bl, c0l); c0h = madd(a0, bh, c0h); c1l = madd(a1, bl, c1l); c1h = madd(a1, bh, c1h);
    c2l = madd(a2, bl, c2l); c2h = madd(a2, bh, c2h); c3l = madd(a3, bl, c3l); c3h = madd(a3, bh, c3h);
    dp += ys;
    if (++ow == OW) { ow = 0; xr = rowOrigin(x, ++r, OH, H, W, C, sh); p = xr; } else p += sx;
  }
  storeSum(d0, c0l, c0h, nc, acc);
  if (nt > 1) storeSum(d0 + ds, c1l, c1h, nc, acc);
  if (nt > 2) storeSum(d0 + 2 * ds, c2l, c2h, nc, acc);
  if (nt > 3) storeSum(d0 + 3 * ds, c3l, c3h, nc, acc);
}

// The first nc (1…8) channels of a tap row: stored, or added to what is there (the GEMM's storeRow order).
function storeSum(p: usize, lo: v128, hi: v128, nc: i32, acc: bool): void {
  if (acc) {
    if (nc == 8) { lo = f32x4.add(v128.load(p), lo); hi = f32x4.add(v128.load(p, 16), hi); }
    else {
      lo = f32x4.add(loadPanel(p, nc), lo);
      if (nc > 4) hi = f32x4.add(loadPanel(p + 16, nc - 4), hi);
    }
  }
  storePixel(p, lo, hi, nc);
}

/**
 * dw [KH·KW·C, OC] = im2col(x)ᵀ · dy (conv2d's filter gradient) for the items item0 … item0 + items - 1, item
 * i = channel panel i / G (channels 8·panel …) × tap group i mod G (taps 4·group … 4·group + 3), G = ⌈KH·KW·C / 4⌉.
 * x, `geom` and `offs` as for f32_conv2d_direct (x padded, pads 0; `offs` padded with zeros to a multiple of
 * 4 taps); dy [N·OH·OW, OC]. The sum over the N·OH·OW output pixels runs in the GEMM's K blocks (equal
 * blocks of ≤ 256, each summed from 0 in pixel order, then added to dw), so the result is bit-identical to
 * f32_im2col then f32_gemm (colsᵀ · dy). Threads split the items.
 */
export function f32_conv2d_direct_filter(x: usize, dy: usize, dw: usize, geom: usize, offs: usize, OC: i32, item0: i32, items: i32): void {
  const N = g(geom, 0), H = g(geom, 1), W = g(geom, 2), C = g(geom, 3);
  const kdim = g(geom, 4) * g(geom, 5) * C, OH = g(geom, 6), OW = g(geom, 7), sh = g(geom, 8), sw = g(geom, 9);
  const sx = <usize>(sw * C) << 2, ys = <usize>OC << 2, groups = (kdim + 3) >> 2;
  const K = N * OH * OW, kb = (K + 255) / 256, kstep = (K + kb - 1) / kb;
  // K blocks outermost, then channel panels: one panel of a block of dy (≤ 256 rows × 8 floats) stays in L1
  // while every tap group reads it
  for (let q0 = 0; q0 < K; q0 += kstep) {
    const q1 = min(K, q0 + kstep), acc = q0 > 0;
    for (let i = item0, iEnd = item0 + items; i < iEnd; i++) {
      const pn = i / groups, tg = i - pn * groups, k0 = tg << 2, nt = min(4, kdim - k0), j = pn << 3, nc = min(8, OC - j);
      const op = offs + (<usize>k0 << 2);
      const o0 = <usize>load<u32>(op), o1 = <usize>load<u32>(op, 4), o2 = <usize>load<u32>(op, 8), o3 = <usize>load<u32>(op, 12);
      const d0 = dw + (<usize>(k0 * OC + j) << 2), dy0 = at4(dy, j);
      if (nc == 8) filterTile(x, dy0, ys, q0, q1, o0, o1, o2, o3, OH, H, W, C, OW, sh, sx, d0, ys, nt, 8, acc);
      else filterTile(x, dy0, ys, q0, q1, o0, o1, o2, o3, OH, H, W, C, OW, sh, sx, d0, ys, nt, nc, acc);
    }
  }
}

/**
 * wp = w [kdim, OC] in panels of 8 columns (panel p: kdim rows of w's columns 8p … 8p + 7, zeros past OC), the
 * filter layout of f32_conv2d_direct: its reads of w run along memory. ⌈OC / 8⌉·8·kdim floats.
 */
export function f32_conv2d_pack_filter(w: usize, wp: usize, kdim: i32, OC: i32): void {
  let dst = wp;
  for (let j = 0; j < OC; j += 8) {
    const nc = min(8, OC - j);
    let src = at4(w, j);
    for (let k = 0; k < kdim; k++, src += <usize>OC << 2, dst += 32) {
      if (nc == 8) { v128.store(dst, v128.load(src)); v128.store(dst, v128.load(src, 16), 16); continue; }
      for (let c = 0; c < 8; c++) store<f32>(at4(dst, c), c < nc ? load<f32>(at4(src, c)) : 0);
    }
  }
}

/**
 * xp [N, HP, WP, C] = x [N, H, W, C] placed at row pt, column pl, zeros around it (HP ≥ pt + H, WP ≥ pl + W):
 * the padded input of f32_conv2d_direct.
 */
export function f32_conv2d_pad(x: usize, xp: usize, N: i32, H: i32, W: i32, C: i32, HP: i32, WP: i32, pt: i32, pl: i32): void {
  const row = <usize>(W * C) << 2, prow = <usize>(WP * C) << 2, left = <usize>(pl * C) << 2;
  const right = prow - left - row;
  let src = x, dst = xp;
  for (let n = 0; n < N; n++) {
    memory.fill(dst, 0, <usize>pt * prow);
    dst += <usize>pt * prow;
    for (let h = 0; h < H; h++) {
      memory.fill(dst, 0, left);
      memory.copy(dst + left, src, row);
      memory.fill(dst + left + row, 0, right);
      src += row; dst += prow;
    }
    const rest = <usize>(HP - pt - H) * prow;
    memory.fill(dst, 0, rest);
    dst += rest;
  }
}
