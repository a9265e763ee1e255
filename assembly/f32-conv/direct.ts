// Direct 2-D convolution over NHWC x with filters w [KH, KW, C, OC] (row-major: filter row k = (kh, kw, c) is
// OC contiguous floats), for small input channel counts, where im2col's column matrix is many times the image
// and is written a few floats at a time. The register tile is the GEMM's: 4 output pixels of one output row ×
// 8 output channels in 8 f32x4 accumulators; A is read straight from x (one float splat per pixel) instead of
// from a packed column matrix, B straight from w.
// x has no padding here: the caller pads it first (f32_conv2d_pad, a copy the size of the image, not KH·KW
// times it as im2col's), so every tap of every window is inside x and tap k of the pixel at p is at p + offs[k]
// (`offs`: KH·KW·C byte offsets, the same for every pixel): one loop of KH·KW·C steps per tile, no bounds.
// Every output sums its KH·KW·C products from 0 in (kh, kw, c) order, padded taps included as 0·w (so NaN and
// ±∞ weights meet the padding as in im2col + GEMM): for KH·KW·C ≤ 256 (one GEMM K block, which the caller
// ensures) that is exactly the order of f32_gemm on the im2col matrix, so the two paths give the same bits and
// the choice between them (src/ops/conv.ts) is a matter of speed only.
import { at4 } from "../util/ptr";

@inline function g(geom: usize, i: i32): i32 { return load<i32>(at4(geom, i)); }

// c + a·b as f32_gemm computes it (one fused multiply-add in the relaxed-SIMD build), so the paths agree.
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

// The first n (1…3) floats at p in lanes 0…n-1, 0 beyond (a row's last OC mod 4 channels: no read past it).
@inline function loadPart(p: usize, n: i32): v128 {
  let v = f32x4.splat(0);
  v = f32x4.replace_lane(v, 0, load<f32>(p));
  if (n > 1) v = f32x4.replace_lane(v, 1, load<f32>(p, 4));
  if (n > 2) v = f32x4.replace_lane(v, 2, load<f32>(p, 8));
  return v;
}
@inline function storePart(p: usize, v: v128, n: i32): void {
  store<f32>(p, f32x4.extract_lane(v, 0));
  if (n > 1) store<f32>(p, f32x4.extract_lane(v, 1), 4);
  if (n > 2) store<f32>(p, f32x4.extract_lane(v, 2), 8);
}

// The tile of pixels p0…p3 (window origins in x) × nc output channels (8, 4 or 1…3; filter column block w0,
// rows wk bytes apart), stored at y0, y0 + ys, … for the first np pixels (the others repeat pixel np - 1).
@inline function tile(p0: usize, p1: usize, p2: usize, p3: usize, offs: usize, kdim: i32, w0: usize, wk: usize,
                      y0: usize, ys: usize, np: i32, nc: i32): void {
  let c0l = f32x4.splat(0), c0h = c0l, c1l = c0l, c1h = c0l, c2l = c0l, c2h = c0l, c3l = c0l, c3h = c0l;
  let wp = w0;
  for (let op = offs, end = offs + (<usize>kdim << 2); op < end; op += 4) {
    const o = <usize>load<u32>(op);
    let bl: v128, bh = f32x4.splat(0);
    if (nc == 8) { bl = v128.load(wp); bh = v128.load(wp, 16); }
    else if (nc == 4) bl = v128.load(wp);
    else bl = loadPart(wp, nc);
    const a0 = v128.load32_splat(p0 + o), a1 = v128.load32_splat(p1 + o);
    const a2 = v128.load32_splat(p2 + o), a3 = v128.load32_splat(p3 + o);
    c0l = madd(a0, bl, c0l); c1l = madd(a1, bl, c1l); c2l = madd(a2, bl, c2l); c3l = madd(a3, bl, c3l);
    if (nc == 8) { c0h = madd(a0, bh, c0h); c1h = madd(a1, bh, c1h); c2h = madd(a2, bh, c2h); c3h = madd(a3, bh, c3h); }
    wp += wk;
  }
  if (nc == 8) {
    v128.store(y0, c0l); v128.store(y0, c0h, 16);
    if (np > 1) { v128.store(y0 + ys, c1l); v128.store(y0 + ys, c1h, 16); }
    if (np > 2) { v128.store(y0 + 2 * ys, c2l); v128.store(y0 + 2 * ys, c2h, 16); }
    if (np > 3) { v128.store(y0 + 3 * ys, c3l); v128.store(y0 + 3 * ys, c3h, 16); }
  } else if (nc == 4) {
    v128.store(y0, c0l);
    if (np > 1) v128.store(y0 + ys, c1l);
    if (np > 2) v128.store(y0 + 2 * ys, c2l);
    if (np > 3) v128.store(y0 + 3 * ys, c3l);
  } else {
    storePart(y0, c0l, nc);
    if (np > 1) storePart(y0 + ys, c1l, nc);
    if (np > 2) storePart(y0 + 2 * ys, c2l, nc);
    if (np > 3) storePart(y0 + 3 * ys, c3l, nc);
  }
}

/**
 * y = conv(x, w) for output rows row0 … row0 + rows - 1 of y [N·OH, OW, OC] (row r: image r / OH, output row
 * r mod OH). x is already padded: `geom` (14 i32 as in im2col.ts) has pads 0 and every window inside x;
 * `offs`: the KH·KW·C byte offsets of the taps from a window's origin, in (kh, kw, c) order; KH·KW·C ≤ 256.
 * Bit-identical to f32_im2col then f32_gemm on the unpadded x. Threads split the rows.
 */
export function f32_conv2d_direct(x: usize, w: usize, y: usize, geom: usize, offs: usize, OC: i32, row0: i32, rows: i32): void {
  const H = g(geom, 1), W = g(geom, 2), C = g(geom, 3);
  const kdim = g(geom, 4) * g(geom, 5) * C, OH = g(geom, 6), OW = g(geom, 7), sh = g(geom, 8), sw = g(geom, 9);
  const sx = <usize>(sw * C) << 2, wk = <usize>OC << 2, ys = <usize>OC << 2;
  for (let r = row0, rEnd = row0 + rows; r < rEnd; r++) {
    const n = r / OH, oh = r - n * OH;
    const xr = x + (<usize>((n * H + oh * sh) * W * C) << 2), yr = y + (<usize>(r * OW * OC) << 2);
    for (let ow = 0; ow < OW; ow += 4) {
      const np = min(4, OW - ow), y0 = yr + (<usize>(ow * OC) << 2);
      const p0 = xr + <usize>ow * sx, p1 = np > 1 ? p0 + sx : p0, p2 = np > 2 ? p1 + sx : p1, p3 = np > 3 ? p2 + sx : p2;
      let oc = 0;
      for (; oc + 8 <= OC; oc += 8) tile(p0, p1, p2, p3, offs, kdim, at4(w, oc), wk, at4(y0, oc), ys, np, 8);
      if (oc + 4 <= OC) { tile(p0, p1, p2, p3, offs, kdim, at4(w, oc), wk, at4(y0, oc), ys, np, 4); oc += 4; }
      if (oc < OC) tile(p0, p1, p2, p3, offs, kdim, at4(w, oc), wk, at4(y0, oc), ys, np, OC - oc);
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
