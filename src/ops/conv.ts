// 2-D convolution (NHWC, filters [KH, KW, inC, outC]) as im2col + the packed GEMM (or, by shape, the direct kernel or
// Winograd F(2×2, 3×3) for the forward and both gradients: useDirect, useWinograd, winogradInput, useWinogradFilter,
// useDirectFilter). Three primitives —
// conv2d, its input gradient (conv2dTranspose) and its filter gradient — are each other's gradients,
// so every order of derivative is available:
//   y  = conv(x, w)            dx = convBackInput(dy, w)      dw = convBackFilter(x, dy)
//   dx = convBackInput(dy, w): d(dy) = conv(g, w)             d(w) = convBackFilter(g, dy)
//   dw = convBackFilter(x, dy): d(x) = convBackInput(dy, g)   d(dy) = conv(x, g)
import { H, K } from '../backend/wasm.js';
import { scratch } from '../backend/scratch.js';
import { COL2IM, CONV_DIRECT, CONV_DIRECT_FILTER, CONV_WINOGRAD, CONV_WINOGRAD_FILTER, COUNT, GEOM, IM2COL, par } from '../backend/parallel.js';
import { checkDtype, fmtShape, opError } from '../core/convert.js';
import { composite, op, type Grads } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { zeros } from './create.js';
import { geometry, geomArray, type Geometry, type Padding } from './conv_geometry.js';
import { gemmRaw, NO_ACT } from './matmul.js';
import { reshape, transpose } from './shape.js';

function isPointwise(g: Geometry): boolean {
  return g.KH === 1 && g.KW === 1 && g.sh === 1 && g.sw === 1 && g.pt === 0 && g.pl === 0 && g.OH === g.H && g.OW === g.W;
}

/** Runs fn with the im2col matrix of x (x itself for 1×1 stride-1 convolutions). */
function withCols<T>(x: Tensor, g: Geometry, fn: (cols: number) => T): T {
  if (isPointwise(g)) return fn(x.ptr);
  const bytes = g.N * g.OH * g.OW * g.KH * g.KW * g.C * 4;
  const cols = H().alloc(bytes);
  try {
    const ix = g.H * g.W * g.C * 4, ic = g.OH * g.OW * g.KH * g.KW * g.C * 4; // bytes per image
    if (!par.images?.(IM2COL, geomArray(g), [x.ptr, cols, GEOM], [ix, ic, 0])) K().f32_im2col(x.ptr, cols, scratch.i32(geomArray(g)));
    return fn(cols);
  } finally {
    H().free(cols, bytes);
  }
}

/** The largest KH·KW·C f32_conv2d_direct takes: one K block of the GEMM, so both paths sum in the same order. */
const DIRECT_MAX_KDIM = 256;

/** @internal Forward convolutions and filter gradients by the path they took (tests check that the rule below is followed). */
export const convPaths = { direct: 0, im2col: 0, winograd: 0, directFilter: 0, im2colFilter: 0, winogradFilter: 0, winogradInput: 0, col2im: 0 };
/**
 * @internal Benchmarks and tests: a path for every forward convolution / filter gradient / input gradient the
 * kernels can take (null: the rule); `tiles`: Winograd's block of tiles (0: winogradTiles' choice); `winograd`
 * false: the rules without Winograd (A/B benchmarks).
 */
export const convForce: { path: 'direct' | 'im2col' | 'winograd' | null; filter: 'direct' | 'im2col' | 'winograd' | null;
  input: 'winograd' | 'col2im' | null; tiles: number; winograd: boolean } = { path: null, filter: null, input: null, tiles: 0, winograd: true };

/**
 * @internal Whether conv2d's forward runs the direct kernel (assembly/f32-conv/direct.ts) rather than im2col +
 * GEMM, where useWinograd (asked first) has not taken it. Both give the same bits, so this is a matter of speed only, and it depends on the shapes only: direct
 * for KH·KW·C ≤ 256 (the kernel's limit) with C ≤ 16, except 1×1 stride-1 convolutions (a GEMM on x itself).
 * Measured (`ASCENT_THREADS=1 npx tsx bench/conv-table.ts`, one thread, im2col time ÷ direct time, PERF19-INFER.md
 * has the table): C 1–8, OC 8–64, 3×3 and 5×5 'same' on 28×28, batch 1 and 64: 1.04–5.1× (OC 8: 2–5×, OC 64:
 * 1.04–2.8×; im2col writes KH·KW floats per input float, a few at a time, and the GEMM's K = KH·KW·C is short);
 * C = 16, 3×3: 1.0–2.5× (OC 8–256, images 1×1 to 28×28); beyond, runs disagree, as the GEMM's packed A wins back
 * what the column matrix costs: C = 24–28 3×3 0.84–1.29×, C = 64 2×2 0.97–1.23×, 1×1 stride 2 C = 128 0.63–0.99×.
 * (Single cells under load fell below 1× — 0.77–0.93× at OC 64 — and measured 1.2–1.9× when repeated.)
 */
export function useDirect(g: Geometry, OC: number): boolean {
  const kdim = g.KH * g.KW * g.C;
  if (kdim === 0 || kdim > DIRECT_MAX_KDIM || isPointwise(g) || OC === 0) return false;
  if (convForce.path !== null) return convForce.path === 'direct';
  return g.C <= 16;
}

/** Whether Winograd F(2×2, 3×3) can compute g: 3×3, stride 1, dilation 1 (any padding). */
function winogradFits(g: Geometry): boolean {
  return g.KH === 3 && g.KW === 3 && g.sh === 1 && g.sw === 1 && g.dh === 1 && g.dw === 1 && g.C > 0;
}

/**
 * @internal Whether conv2d's forward runs Winograd F(2×2, 3×3) (assembly/f32-conv/winograd.ts: 16 products per 4
 * outputs instead of 36) rather than the direct kernel or im2col + GEMM: 3×3, stride 1, dilation 1, C ≥ 16,
 * OC ≥ 16, C + OC ≥ 48, outputs at least 6×6 and at least 48 tiles of 2×2 outputs in the batch. Its bits differ
 * from the other paths' (max error relative to the sum of |products| measured ≤ 2.5e-7, bound 2e-6 in
 * test/ops/conv_winograd.test.ts; im2col + GEMM ~1e-7), so the rule, like the others, depends on the shapes only.
 * An ±∞ in x or w meets its own negation inside the transforms: outputs the other paths give as ±∞ come out NaN
 * (one ∞ input pixel: 8 of its 9 outputs NaN, 1 ±∞, against 9 ±∞), as in other Winograd implementations. Measured (`ASCENT_THREADS=1 npx tsx bench/tmp/wino-shapes.mts 3` and `bench/conv-table.ts --winograd`, one thread,
 * load 5–8, other path's time ÷ Winograd's, PERF19-INFER.md has the table): C, OC 32–256 on 14×14 … 56×56
 * 1.3–2.4× at batch 1 and 1.2–3× at batch 64; batch 64 7×7 C ≥ 32 1.35–1.8×; the CNN step's conv2 [64,13,13,32] →
 * 64 valid 1.6–2.6×; against the direct kernel at C = OC = 16 0.76–1.78× (left to it); losses where tiles are few:
 * batch 1 7×7 (16 tiles) 0.46–1.1× for C ≥ 64, [1,2,2,64] 0.09–0.25× (the filter transform, 16·C·OC floats, costs
 * as much as the products, and a 7-pixel row computes 8). (F(4×4, 3×3), 1.2–2× faster again, was left out for its
 * error at padded edges: PERF19-INFER.md.)
 */
export function useWinograd(g: Geometry, OC: number): boolean { return winogradTaken(g, OC, convForce.path); }

/** Where Winograd fits g: the path `forced` (convForce's field for this computation) if any, else the rule. */
function winogradTaken(g: Geometry, OC: number, forced: string | null): boolean {
  if (!winogradFits(g) || OC === 0) return false;
  return forced !== null ? forced === 'winograd' : winogradRule(g, OC);
}

/** Winograd's 2×2 output tiles of g: ⌈OH/2⌉ × ⌈OW/2⌉ per image. */
const winogradTileCount = (g: Geometry): number => g.N * Math.ceil(g.OH / 2) * Math.ceil(g.OW / 2);

function winogradRule(g: Geometry, OC: number): boolean {
  if (!convForce.winograd) return false;
  return g.C >= 16 && OC >= 16 && g.C + OC >= 48 && g.OH >= 6 && g.OW >= 6 && winogradTileCount(g) >= 48;
}

/**
 * @internal The input gradient of the convolution g (OC output channels) as a convolution of dy when Winograd
 * takes it, else null. For 3×3 stride 1 undilated, dx is the convolution of dy [N, OH, OW, OC] with the filter
 * rotated 180° and its channel axes swapped, padded 2 − pt on top and 2 − pl on the left (so 'same' → the same
 * pads, 'valid' → 2; dy's rows or columns that no window of x reached are not read). It runs Winograd where g's
 * top and left pads are ≤ 2, useWinograd's rule holds for that convolution (C and OC exchanged, outputs H × W),
 * and dy has at least 2.75 pixels per tile of dx (the other path, dY · Wᵀ + col2im, multiplies 9 per dy pixel,
 * Winograd 16 per tile: at least 1.55× fewer products). That last condition bites for 'valid' (dx larger than dy)
 * only: 'same' has ~4 per tile. The rule depends on the shapes only; the bits differ from the other path's within
 * the forward's bound (max error relative to Σ|products| measured ≤ 1.1e-7 'same', ≤ 2.9e-7 'valid'; dY·Wᵀ +
 * col2im ≤ 1.5e-7: bench/tmp/wgrad-dw-check.mts). Measured (`ASCENT_THREADS=1 npx tsx bench/tmp/wgrad-ab.mts 3 [edge|valid]`, one thread,
 * load 2.4–4, col2im path's time ÷ Winograd's): 'same' 14×14 … 56×56, C, OC 32–256, batch 1–64: 1.5–2.0×; near
 * the forward's limits ([1,14,14,16] ↔ 32 same, 48 tiles, 7×7 batch 3) 1.08–1.26×; 'valid' by dy pixels per
 * tile: 3.45 (dy 26×26) 1.25×, 3.24 1.38×, 3.06 1.33×, 2.94 (dy 12×12) 1.22×; not taken: 2.47 (the CNN step's
 * conv2, dy [64,11,11,64] → dx [64,13,13,32]) 0.98–1.16× alone and 0.97–0.99× in the whole training step, 2.25
 * (dy 6×6) 0.92×, 1.8 (dy 4×4) 0.65–0.76×.
 */
export function winogradInput(g: Geometry, OC: number): Geometry | null {
  if (!winogradFits(g) || g.pt > 2 || g.pl > 2 || OC === 0) return null;
  const gi: Geometry = { N: g.N, H: g.OH, W: g.OW, C: OC, KH: 3, KW: 3, OH: g.H, OW: g.W, sh: 1, sw: 1,
    pt: 2 - g.pt, pl: 2 - g.pl, dh: 1, dw: 1 };
  if (convForce.input !== null) return convForce.input === 'winograd' ? gi : null;
  const tiles = Math.ceil(g.H / 2) * Math.ceil(g.W / 2);
  return winogradRule(gi, g.C) && 4 * g.OH * g.OW >= 11 * tiles ? gi : null;
}

/**
 * Winograd's block of tiles: V (16·tb·C floats) and M (16·tb·OC) of one block stay in L2 (~256 KiB together)
 * between the transforms and the 16 products; a multiple of 4 rows (the GEMM's tile), 8 … 256. (Blocks of 8 to 128
 * measured the same within noise on five shapes.)
 */
function winogradTiles(C: number, OC: number): number {
  if (convForce.tiles > 0) return convForce.tiles;
  return Math.min(256, Math.max(8, Math.floor(4096 / (C + OC) / 4) * 4));
}

/** @internal Floats of winogradFilter's output for a [3, 3, C, OC] filter. */
export function winogradFilterFloats(C: number, OC: number): number { return K().f32_winograd_filter_floats(C, OC); }
/**
 * @internal The [3, 3, C, OC] filter w transformed for Winograd F(2×2, 3×3) into `dst` (winogradFilterFloats
 * floats): what lean inference caches per weight version and passes to conv2dRaw as `wino`. `flip`: w rotated
 * 180° with its channel axes swapped (an OC → C filter: the input gradient's), read in place.
 */
export function winogradFilter(w: Tensor, dst: number, flip = false): void {
  const heap = H(), tmpBytes = K().f32_winograd_filter_scratch(), tmp = heap.alloc(tmpBytes);
  const [C, OC] = flip ? [w.shape[3], w.shape[2]] : [w.shape[2], w.shape[3]];
  try { K().f32_winograd_filter_f23(w.ptr, C, OC, dst, tmp, flip ? 1 : 0); } finally { heap.free(tmp, tmpBytes); }
}

/**
 * y = act(conv(x, w) + bias) by Winograd F(2×2, 3×3) (g: 3×3, stride 1, dilation 1; y has OC channels; bias, act
 * as in conv2dRaw); `wino`: w transformed by winogradFilter (0: transformed here, `flip` as winogradFilter's).
 */
function convWinograd(x: Tensor, w: Tensor, y: Tensor, g: Geometry, bias: number, act: number, wino: number, flip = false): void {
  const C = g.C, OC = y.shape[3], k = K(), heap = H();
  const upBytes = wino ? 0 : winogradFilterFloats(C, OC) * 4, up = wino || heap.alloc(upBytes);
  try {
    if (!wino) winogradFilter(w, up, flip);
    withTilesPadded(x, g, (xp, geom) => {
      const tiles = winogradTileCount(g), tb = winogradTiles(C, OC), blocks = Math.ceil(tiles / tb);
      // parts of whole blocks, one per thread (each with its own scratch); the blocks, and so every tile's
      // instructions, do not depend on the split
      const parts = Math.max(1, Math.min(par.threads, blocks)), per = k.f32_conv2d_winograd_scratch(C, OC, tb);
      const sBytes = parts * per, work = heap.alloc(sBytes);
      try {
        const macs = 16 * tiles * C * OC; // multiply-adds of the 16 products: 1 byte each for the threshold
        if (parts < 2 || !par.split?.(CONV_WINOGRAD, parts, 1, [xp, up, y.ptr, geom, OC, tb, 0, parts, parts, bias, act, work],
          [0, 0, 0, 0, 0, 0, 1, COUNT, 0, 0, 0, per], undefined, macs / parts)) {
          k.f32_conv2d_winograd(xp, up, y.ptr, geom, OC, tb, 0, 1, 1, bias, act, work);
        }
      } finally {
        heap.free(work, sBytes);
      }
    });
  } finally {
    if (!wino) heap.free(up, upBytes);
  }
}

/**
 * Runs fn with x padded so that every Winograd tile's 4×4 patch is inside it (⌈OH/2⌉ × ⌈OW/2⌉ tiles of 2×2
 * outputs; x itself when that needs no padding) and the padded x's geometry (f32_conv2d_winograd's) in the scratch area.
 */
function withTilesPadded<T>(x: Tensor, g: Geometry, fn: (xp: number, geom: number) => T): T {
  const HP = Math.max(g.pt + g.H, 2 * Math.ceil(g.OH / 2) + 2), WP = Math.max(g.pl + g.W, 2 * Math.ceil(g.OW / 2) + 2);
  const padded = HP !== g.H || WP !== g.W, xBytes = padded ? g.N * HP * WP * g.C * 4 : 0;
  const xp = padded ? H().alloc(xBytes) : x.ptr;
  try {
    if (padded) K().f32_conv2d_pad(x.ptr, xp, g.N, g.H, g.W, g.C, HP, WP, g.pt, g.pl);
    return fn(xp, scratch.i32([g.N, HP, WP, g.C, 3, 3, g.OH, g.OW, 1, 1, 0, 0, 1, 1]));
  } finally {
    if (padded) H().free(xp, xBytes);
  }
}

/** dw = conv2d's filter gradient by Winograd F(2×2, 3×3) (g: 3×3, stride 1, dilation 1; dy has at least one row). */
function filterWinograd(x: Tensor, dy: Tensor, dw: Tensor, g: Geometry): void {
  const C = g.C, OC = dy.shape[3], k = K(), heap = H(), tb = winogradTiles(C, OC);
  // parts of the 16 positions, one per thread (each with its own scratch; each transforms every tile)
  const parts = Math.min(par.threads, 16), per = k.f32_conv2d_winograd_filter_scratch(C, OC, tb);
  const mBytes = 16 * C * OC * 4, sBytes = parts * per, m = heap.alloc(mBytes), work = heap.alloc(sBytes);
  try {
    withTilesPadded(x, g, (xp, geom) => {
      const macs = 16 * winogradTileCount(g) * C * OC; // 1 byte each for the threshold
      if (parts < 2 || !par.split?.(CONV_WINOGRAD_FILTER, parts, 1, [xp, dy.ptr, m, geom, OC, tb, 0, parts, parts, work],
        [0, 0, 0, 0, 0, 0, 1, COUNT, 0, per], undefined, macs / parts)) {
        k.f32_conv2d_winograd_filter(xp, dy.ptr, m, geom, OC, tb, 0, 1, 1, work);
      }
    });
    k.f32_winograd_filter_grad(m, dw.ptr, C, OC);
  } finally {
    heap.free(work, sBytes);
    heap.free(m, mBytes);
  }
}

/**
 * Runs fn with x padded for the direct kernels (x itself when the geometry does not pad), the geometry of the
 * padded x (pads 0) and the taps' byte offsets from a window's origin in (kh, kw, c) order, zeros after them to a
 * multiple of 4 (the filter gradient's tap groups), both in the scratch area.
 */
function withPadded<T>(x: Tensor, g: Geometry, fn: (xp: number, geom: number, offs: number) => T): T {
  // the padded extent: every tap of every window inside it
  const HP = Math.max(g.pt + g.H, (g.OH - 1) * g.sh + (g.KH - 1) * g.dh + 1);
  const WP = Math.max(g.pl + g.W, (g.OW - 1) * g.sw + (g.KW - 1) * g.dw + 1);
  const padded = HP !== g.H || WP !== g.W;
  const bytes = padded ? g.N * HP * WP * g.C * 4 : 0;
  const xp = padded ? H().alloc(bytes) : x.ptr;
  try {
    if (padded) K().f32_conv2d_pad(x.ptr, xp, g.N, g.H, g.W, g.C, HP, WP, g.pt, g.pl);
    const a = [g.N, HP, WP, g.C, g.KH, g.KW, g.OH, g.OW, g.sh, g.sw, 0, 0, g.dh, g.dw];
    for (let kh = 0; kh < g.KH; kh++) for (let kw = 0; kw < g.KW; kw++) {
      for (let c = 0; c < g.C; c++) a.push(((kh * g.dh * WP + kw * g.dw) * g.C + c) * 4);
    }
    while ((a.length - 14) % 4 !== 0) a.push(0);
    const geom = scratch.i32(a);
    return fn(xp, geom, geom + 14 * 4);
  } finally {
    if (padded) H().free(xp, bytes);
  }
}

// The threads split the direct kernels on output rows (forward) or on tap × channel tiles (filter gradient): the
// first index moves by 1 per item, like a pointer of 1 byte per item. Their thresholds count 1 byte per
// multiply-add: at split's SPLIT_MIN_BYTES (256 KiB) that is the GEMM's GEMM_MIN_WORK (2^18 multiply-adds, pool.ts).

/**
 * @internal Whether conv2d's filter gradient runs the direct kernel (f32_conv2d_direct_filter) rather than im2col
 * + GEMM (colsᵀ · dy). The same bits either way; the choice depends on the shapes only: direct for OC ≤ 16 with
 * C ≤ 16, and OC ≤ 32 with C ≤ 8 (KH·KW·C ≤ 256, not 1×1 stride 1). Measured (one thread, im2col time ÷ direct
 * time, 28×28 'same', 3×3 and 5×5, batch 1 and 64: `ASCENT_THREADS=1 npx tsx bench/conv-table.ts --filter`,
 * PERF19-INFER.md): OC 8–16 1.0–6.5× for C 1–16; OC 32 0.92–3.2× for C 1–8 (most 1.1–1.9×), 0.90–1.0× at C = 16;
 * OC 64 mostly 0.67–1.0× (19 of 26 cells; dy's block of 256 rows × OC floats no longer stays in L1 while each
 * 8-channel panel reads its half cache lines; the GEMM packs it once).
 */
export function useDirectFilter(g: Geometry, OC: number): boolean {
  const kdim = g.KH * g.KW * g.C;
  if (kdim === 0 || kdim > DIRECT_MAX_KDIM || OC === 0 || isPointwise(g)) return false; // (the offsets fit the scratch)
  if (convForce.filter !== null) return convForce.filter === 'direct';
  return OC <= 16 ? g.C <= 16 : OC <= 32 && g.C <= 8;
}

/**
 * @internal Whether conv2d's filter gradient runs Winograd F(2×2, 3×3) (filterWinograd: dW = Σ over tiles
 * Gᵀ [(A dY Aᵀ) ⊙ (Bᵀ d B)] G, the 16 sums over tiles as products Vᵀ · Z) rather than the direct kernel or im2col
 * + GEMM: where the forward's rule (useWinograd) holds for g. Its bits differ from the other paths' (max error
 * relative to the sum of |products| measured ≤ 1.3e-7, the forward's bound in test/ops/conv_winograd.test.ts;
 * im2col + GEMM ≤ 1.7e-7 on the same cases: `npx tsx bench/tmp/wgrad-dw-check.mts`). Measured
 * (`ASCENT_THREADS=1 npx tsx bench/tmp/wgrad-ab.mts 3`, one thread, load 5–6, other path's time ÷ Winograd's):
 * 'same' C, OC 64–256 on 14×14 … 56×56, batch 1 and 8: 1.6–2.5×; [64,7,7,128] → 128 1.28×; [64,14,14,32] → 64
 * 1.20×; [16,16,16,16] → 32 1.60×; the CNN step's conv2 ([64,13,13,32] → 64 'valid') 1.09× alone, 1.03× in the
 * whole step (within the noise there).
 */
export function useWinogradFilter(g: Geometry, OC: number): boolean { return winogradTaken(g, OC, convForce.filter); }

/**
 * y = act(conv(x, w) + bias) by the direct kernel (bias, act, packed as in conv2dRaw). f32_conv2d_pack_filter's
 * layout is packB's for a kdim × OC matrix (8-column panels of kdim rows, zeros past OC), so a cached packB of
 * the filter serves both paths.
 */
function convDirect(x: Tensor, w: Tensor, y: Tensor, g: Geometry, bias: number, act: number, packed: number): void {
  const OC = w.shape[3], rows = g.N * g.OH, kdim = g.KH * g.KW * g.C;
  const wBytes = packed ? 0 : Math.ceil(OC / 8) * 8 * kdim * 4, wp = packed || H().alloc(wBytes);
  try {
    if (!packed) K().f32_conv2d_pack_filter(w.ptr, wp, kdim, OC);
    withPadded(x, g, (xp, geom, offs) => {
      const work = g.OW * OC * kdim;
      if (!par.split?.(CONV_DIRECT, rows, 1, [xp, wp, y.ptr, geom, offs, OC, 0, rows, bias, act], [0, 0, 0, 0, 0, 0, 1, COUNT, 0, 0], undefined, work)) {
        K().f32_conv2d_direct(xp, wp, y.ptr, geom, offs, OC, 0, rows, bias, act);
      }
    });
  } finally {
    if (!packed) H().free(wp, wBytes);
  }
}

/** dw = conv2d's filter gradient by the direct kernel (dy has at least one row). */
function filterDirect(x: Tensor, dy: Tensor, dw: Tensor, g: Geometry): void {
  const OC = dy.shape[3], kdim = g.KH * g.KW * g.C, items = Math.ceil(kdim / 4) * Math.ceil(OC / 8);
  withPadded(x, g, (xp, geom, offs) => {
    const work = 32 * g.N * g.OH * g.OW;
    if (!par.split?.(CONV_DIRECT_FILTER, items, 1, [xp, dy.ptr, dw.ptr, geom, offs, OC, 0, items], [0, 0, 0, 0, 0, 0, 1, COUNT], undefined, work)) {
      K().f32_conv2d_direct_filter(xp, dy.ptr, dw.ptr, geom, offs, OC, 0, items);
    }
  });
}

/**
 * @internal The convolution of rank-4 NHWC x with w for a checked geometry g (conv2d's forward, untaped), then
 * (inference, ops/infer.ts) the epilogue of both paths: + bias (a pointer to OC floats, 0: none) and act
 * (an f32_unary code the kernels' epilogue takes: relu, relu6, sigmoid, tanh, elu, hardSwish, gelu; NO_ACT: none),
 * the bits of adding and activating afterwards. `packed`, when not 0: w's current values packed by packB as a
 * KH·KW·C × OC matrix (the caller's cache; nothing is packed then); `wino`, when not 0: w's current values
 * transformed by winogradFilter (used when useWinograd(g) holds).
 */
export function conv2dRaw(x: Tensor, w: Tensor, g: Geometry, bias = 0, act = NO_ACT, packed = 0, wino = 0): Tensor {
  const OC = w.shape[3], kdim = g.KH * g.KW * g.C, rows = g.N * g.OH * g.OW;
  const y = new Tensor([g.N, g.OH, g.OW, OC], 'float32');
  if (y.size === 0) return y;
  if (useWinograd(g, OC)) {
    convPaths.winograd++;
    convWinograd(x, w, y, g, bias, act, wino);
  } else if (useDirect(g, OC)) {
    convPaths.direct++;
    convDirect(x, w, y, g, bias, act, packed);
  } else {
    convPaths.im2col++;
    withCols(x, g, (cols) => gemmRaw(rows, OC, kdim, cols, kdim, 1, packed || w.ptr, packed ? 0 : OC, packed ? kdim : 1, y.ptr, false, bias, act));
  }
  return y;
}

// The three primitives on rank-4 tensors with a checked geometry g.
const convOp = op('conv2d', {
  inputs: ['x', 'filter'],
  forward: (x: Tensor, w: Tensor, g: Geometry): Tensor => conv2dRaw(x, w, g),
  grad: (dy, _y, [x, w, g], n): Grads => [n[0] ? backInputOp(dy, w, g) : null, n[1] ? backFilterOp(x, dy, g) : null],
});

const backInputOp = op('conv2dBackpropInput', {
  inputs: ['dy', 'filter'],
  forward: (dy: Tensor, w: Tensor, g: Geometry): Tensor => {
    const OC = w.shape[3], kdim = g.KH * g.KW * g.C, rows = g.N * g.OH * g.OW;
    const gi = rows > 0 && g.N * g.H * g.W * g.C > 0 ? winogradInput(g, OC) : null;
    if (gi) {
      convPaths.winogradInput++;
      const dx = new Tensor([g.N, g.H, g.W, g.C], 'float32');
      convWinograd(dy, w, dx, gi, 0, NO_ACT, 0, true);
      return dx;
    }
    const dx = zeros([g.N, g.H, g.W, g.C]);
    if (dx.size > 0 && rows > 0) {
      convPaths.col2im++;
      if (isPointwise(g)) {
        gemmRaw(rows, kdim, OC, dy.ptr, OC, 1, w.ptr, 1, OC, dx.ptr);
      } else {
        const bytes = rows * kdim * 4;
        const dcols = H().alloc(bytes);
        try {
          gemmRaw(rows, kdim, OC, dy.ptr, OC, 1, w.ptr, 1, OC, dcols); // dY · Wᵀ
          const ix = g.H * g.W * g.C * 4, ic = g.OH * g.OW * kdim * 4;
          if (!par.images?.(COL2IM, geomArray(g), [dcols, dx.ptr, GEOM], [ic, ix, 0])) K().f32_col2im(dcols, dx.ptr, scratch.i32(geomArray(g)));
        } finally {
          H().free(dcols, bytes);
        }
      }
    }
    return dx;
  },
  grad: (gz, _y, [dy, w, g], n): Grads => [n[0] ? convOp(gz, w, g) : null, n[1] ? backFilterOp(gz, dy, g) : null],
});

const backFilterOp = op('conv2dBackpropFilter', {
  inputs: ['x', 'dy'],
  forward: (x: Tensor, dy: Tensor, g: Geometry): Tensor => {
    const OC = dy.shape[3], kdim = g.KH * g.KW * g.C, rows = g.N * g.OH * g.OW;
    const dw = new Tensor([g.KH, g.KW, g.C, OC], 'float32');
    if (dw.size > 0) {
      if (rows === 0) H().f32.fill(0, dw.ptr >>> 2, (dw.ptr >>> 2) + dw.size);
      else if (useWinogradFilter(g, OC)) { convPaths.winogradFilter++; filterWinograd(x, dy, dw, g); }
      else if (useDirectFilter(g, OC)) { convPaths.directFilter++; filterDirect(x, dy, dw, g); }
      else { convPaths.im2colFilter++; withCols(x, g, (cols) => gemmRaw(kdim, OC, rows, cols, 1, kdim, dy.ptr, OC, 1, dw.ptr)); } // colsᵀ · dY
    }
    return dw;
  },
  grad: (gw, _y, [x, dy, g], n): Grads => [n[0] ? backInputOp(dy, gw, g) : null, n[1] ? convOp(x, gw, g) : null],
});

function as4d(op: string, x: Tensor, arg: string): [Tensor, boolean] {
  if (x.rank === 4) return [x, false];
  if (x.rank === 3) return [reshape(x, [1, ...x.shape]), true];
  throw opError(op, `argument '${arg}' must be rank 4 [batch, height, width, channels] (or 3), got ${fmtShape(x.shape)}`);
}

/** The inputs of every NHWC convolution: float32 x and filter. */
export const CONV_INPUTS = [{ name: 'x', dtypes: ['float32'] }, { name: 'filter', dtypes: ['float32'] }] as const;

function checkFilter(op: string, w: Tensor, last = 'outChannels'): void {
  checkDtype(op, 'filter', w, ['float32']);
  if (w.rank !== 4) throw opError(op, `filter must be rank 4 [height, width, inChannels, ${last}], got ${fmtShape(w.shape)}`);
}

/**
 * @internal Validates what every NHWC convolution shares and brings x to rank 4 NHWC (`batched`: x was
 * rank 3; `nchw`: x was NCHW and was transposed, as the result must be). `last` names the filter's last
 * axis in error messages.
 */
export function convArgs(op: string, x: Tensor, w: Tensor, dataFormat: string | undefined,
                         last = 'outChannels'): { x4: Tensor; batched: boolean; nchw: boolean } {
  checkFilter(op, w, last);
  if (dataFormat !== undefined && dataFormat !== 'NHWC' && dataFormat !== 'NCHW') {
    throw opError(op, `dataFormat must be 'NHWC' or 'NCHW', got ${JSON.stringify(dataFormat)}`);
  }
  const nchw = dataFormat === 'NCHW';
  const [x4r, batched] = as4d(op, x, 'x');
  const x4 = nchw ? transpose(x4r, [0, 2, 3, 1]) : x4r;
  if (x4.shape[3] !== w.shape[2]) {
    throw opError(op, `x has ${x4.shape[3]} channels (shape ${fmtShape(x4r.shape)}, ${nchw ? 'NCHW' : 'NHWC'}) but filter ${fmtShape(w.shape)} expects ${w.shape[2]}`);
  }
  return { x4, batched, nchw };
}

/** @internal An NCHW explicit padding [[0,0],[0,0],[t,b],[l,r]] in NHWC order (other paddings unchanged). */
export function nhwcPad(pad: Padding, nchw: boolean): Padding {
  if (!nchw || !Array.isArray(pad) || pad.length !== 4) return pad;
  return [pad[0], pad[2], pad[3], pad[1]];
}

/** @internal The NHWC result y of a convolution back in the caller's layout (rank 3 / NCHW). */
export function convResult(y: Tensor, batched: boolean, nchw: boolean): Tensor {
  const r = nchw ? transpose(y, [0, 3, 1, 2]) : y;
  return batched ? reshape(r, r.shape.slice(1)) : r;
}

/**
 * 2-D convolution of x [batch, height, width, inChannels] with filter [fh, fw, inChannels, outChannels]
 * (x and the result [batch, channels, height, width] with dataFormat 'NCHW').
 * @example tf.conv2d(x, w, 1, 'same')  // x [4,38,38,3], w [3,3,3,24] → [4,38,38,24]
 */
export const conv2d = composite('conv2d', {
  inputs: CONV_INPUTS,
  forward: (x: Tensor, filter: Tensor, strides: number | [number, number] = 1, pad: Padding = 'valid',
            dataFormat: 'NHWC' | 'NCHW' = 'NHWC', dilations: number | [number, number] = 1,
            dimRoundingMode?: 'floor' | 'round' | 'ceil'): Tensor => {
    const { x4, batched, nchw } = convArgs('conv2d', x, filter, dataFormat);
    const g = geometry('conv2d', x4.shape, filter.shape[0], filter.shape[1], strides, nhwcPad(pad, nchw), dilations, dimRoundingMode);
    return convResult(convOp(x4, filter, g), batched, nchw);
  },
});

/**
 * Transposed convolution (the gradient of conv2d with respect to its input): x [batch, h, w, inDepth]
 * with filter [fh, fw, outDepth, inDepth] gives outputShape [batch, H, W, outDepth].
 */
export const conv2dTranspose = composite('conv2dTranspose', {
  inputs: CONV_INPUTS,
  forward: (x: Tensor, filter: Tensor, outputShape: number[], strides: number | [number, number] = 1,
            pad: Padding = 'valid', dimRoundingMode?: 'floor' | 'round' | 'ceil'): Tensor => {
    const op = 'conv2dTranspose', w = filter;
    checkFilter(op, w);
    const [x4, batched] = as4d(op, x, 'x');
    if (!Array.isArray(outputShape)) throw opError(op, `outputShape must be an array, got ${String(outputShape)}`);
    const out = outputShape.length === 3 ? [1, ...outputShape] : outputShape.slice();
    if (out.length !== 4) throw opError(op, `outputShape must have rank 4 (or 3), got ${fmtShape(outputShape)}`);
    if (out[3] !== w.shape[2]) throw opError(op, `outputShape ${fmtShape(outputShape)} has ${out[3]} channels but filter ${fmtShape(w.shape)} produces ${w.shape[2]}`);
    if (x4.shape[3] !== w.shape[3]) throw opError(op, `x has ${x4.shape[3]} channels (shape ${fmtShape(x4.shape)}) but filter ${fmtShape(w.shape)} expects ${w.shape[3]}`);
    if (out[0] !== x4.shape[0]) throw opError(op, `outputShape ${fmtShape(outputShape)} and x ${fmtShape(x4.shape)} differ in batch size`);
    const g = geometry(op, out, w.shape[0], w.shape[1], strides, pad, 1, dimRoundingMode);
    if (g.OH !== x4.shape[1] || g.OW !== x4.shape[2]) {
      throw opError(op, `x ${fmtShape(x4.shape)} does not match outputShape ${fmtShape(outputShape)}: a convolution of that shape gives ${g.OH}×${g.OW}`);
    }
    const y = backInputOp(x4, w, g);
    return batched ? reshape(y, y.shape.slice(1)) : y;
  },
});

/** The gradient of conv2d with respect to its filter (TF's conv2d_backprop_filter). */
export const conv2dBackpropFilter = composite('conv2dBackpropFilter', {
  inputs: [{ name: 'x', dtypes: ['float32'] }, { name: 'dy', dtypes: ['float32'] }],
  forward: (x: Tensor, dy: Tensor, filterShape: number[], strides: number | [number, number] = 1,
            pad: Padding = 'valid', dilations: number | [number, number] = 1): Tensor => {
    const op = 'conv2dBackpropFilter';
    const [x4] = as4d(op, x, 'x');
    const [d4] = as4d(op, dy, 'dy');
    if (!Array.isArray(filterShape) || filterShape.length !== 4 || filterShape.some((d) => !Number.isInteger(d) || d < 1)) {
      throw opError(op, `filterShape must be 4 positive integers [height, width, inChannels, outChannels], got ${JSON.stringify(filterShape)}`);
    }
    const g = geometry(op, x4.shape, filterShape[0], filterShape[1], strides, pad, dilations);
    if (g.OH !== d4.shape[1] || g.OW !== d4.shape[2] || d4.shape[3] !== filterShape[3] || x4.shape[3] !== filterShape[2]) {
      throw opError(op, `dy ${fmtShape(d4.shape)} does not match x ${fmtShape(x4.shape)} and filterShape ${fmtShape(filterShape)}`);
    }
    return backFilterOp(x4, d4, g);
  },
});
