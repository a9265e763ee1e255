// Depthwise 2-D convolution over NHWC, direct (no im2col): output channel j = c·M + m reads input
// channel c with filter w[kh, kw, c, m] ([KH, KW, C, M] row-major, so a filter tap row lines up with an
// output pixel row). SIMD over output channels when M == 1 (x and w rows are both contiguous; 16 channels
// per step in registers) or M % 4 == 0 (one input channel splat across 4 multipliers, forward and filter
// gradient); other M run scalar. Every kernel accumulates in registers: the forward and the input
// gradient gather over their (at most KH·KW) taps, the filter gradient over a row of outputs.
// Each twin adds in the same order as its SIMD kernel, so the two are bit-identical.
// `geom` as in f32-conv/im2col.ts (14 i32) followed by M, the channel multiplier.
// Forward, backward-input and backward-filter are each other's gradients (src/ops/depthwise.ts).
import { at4 } from "../util/ptr";

@inline function g(geom: usize, i: i32): i32 { return load<i32>(at4(geom, i)); }

// First and one-past-last tap k with 0 ≤ o + k·d < size (the taps inside the image), as lo | hi << 16.
@inline function taps(o: i32, K: i32, d: i32, size: i32): i32 {
  let lo = 0, hi = K;
  while (lo < K && o + lo * d < 0) lo++;
  while (hi > lo && o + (hi - 1) * d >= size) hi--;
  return lo | (hi << 16);
}

// y[n, oh, ow, j] = Σ_{kh, kw} x[n, ih, iw, j / M] · w[kh, kw, j], taps in (kh, kw) order for every j
@inline function forward(x: usize, w: usize, y: usize, geom: usize, simd: bool): void {
  const N = g(geom, 0), H = g(geom, 1), W = g(geom, 2), C = g(geom, 3);
  const KH = g(geom, 4), KW = g(geom, 5), OH = g(geom, 6), OW = g(geom, 7);
  const sh = g(geom, 8), sw = g(geom, 9), pt = g(geom, 10), pl = g(geom, 11), dh = g(geom, 12), dw = g(geom, 13);
  const M = g(geom, 14), CM = C * M;
  const vec = simd && (M == 1 || (M & 3) == 0);
  const xStep = <usize>(dw * C) << 2, wStep = <usize>CM << 2;
  let yo = y;
  for (let n = 0; n < N; n++) {
    const xn = x + <usize>(n * H * W * C) * 4;
    for (let oh = 0; oh < OH; oh++) {
      const ih0 = oh * sh - pt, th = taps(ih0, KH, dh, H), kh0 = th & 0xffff, kh1 = th >> 16;
      for (let ow = 0; ow < OW; ow++) {
        const iw0 = ow * sw - pl, tw = taps(iw0, KW, dw, W), kw0 = tw & 0xffff, kw1 = tw >> 16;
        let j = 0;
        if (vec && M == 1) {
          // 16 channels at a time: four accumulators share the tap loop and its address arithmetic
          for (; j + 16 <= CM; j += 16) {
            let a0 = f32x4.splat(0), a1 = a0, a2 = a0, a3 = a0;
            for (let kh = kh0; kh < kh1; kh++) {
              let px = xn + <usize>(((ih0 + kh * dh) * W + iw0 + kw0 * dw) * C + j) * 4;
              let pw = w + <usize>((kh * KW + kw0) * CM + j) * 4;
              for (let kw = kw0; kw < kw1; kw++) {
                a0 = f32x4.add(a0, f32x4.mul(v128.load(px), v128.load(pw)));
                a1 = f32x4.add(a1, f32x4.mul(v128.load(px, 16), v128.load(pw, 16)));
                a2 = f32x4.add(a2, f32x4.mul(v128.load(px, 32), v128.load(pw, 32)));
                a3 = f32x4.add(a3, f32x4.mul(v128.load(px, 48), v128.load(pw, 48)));
                px += xStep; pw += wStep;
              }
            }
            v128.store(at4(yo, j), a0); v128.store(at4(yo, j + 4), a1);
            v128.store(at4(yo, j + 8), a2); v128.store(at4(yo, j + 12), a3);
          }
        }
        if (vec) {
          for (; j + 4 <= CM; j += 4) {
            const xc = M == 1 ? j : j / M;
            let acc = f32x4.splat(0);
            for (let kh = kh0; kh < kh1; kh++) {
              let px = xn + <usize>(((ih0 + kh * dh) * W + iw0 + kw0 * dw) * C + xc) * 4;
              let pw = w + <usize>((kh * KW + kw0) * CM + j) * 4;
              for (let kw = kw0; kw < kw1; kw++) {
                const xv = M == 1 ? v128.load(px) : v128.load32_splat(px);
                acc = f32x4.add(acc, f32x4.mul(xv, v128.load(pw)));
                px += xStep; pw += wStep;
              }
            }
            v128.store(at4(yo, j), acc);
          }
        }
        for (; j < CM; j++) {
          let acc: f32 = 0;
          for (let kh = kh0; kh < kh1; kh++) {
            let px = xn + <usize>(((ih0 + kh * dh) * W + iw0 + kw0 * dw) * C + j / M) * 4;
            let pw = w + <usize>((kh * KW + kw0) * CM + j) * 4;
            for (let kw = kw0; kw < kw1; kw++) {
              acc += load<f32>(px) * load<f32>(pw);
              px += xStep; pw += wStep;
            }
          }
          store<f32>(at4(yo, j), acc);
        }
        yo += <usize>CM << 2;
      }
    }
  }
}

// The taps k (of K, dilation d) and outputs o (of O, stride s) with o·s = i + p − k·d, for input i: since
// stride and dilation are never both > 1, they are k = first, first + s, … (count of them), o falling by d
// each step. Returned as first | count << 16.
@inline function backTaps(i: i32, p: i32, K: i32, d: i32, s: i32, O: i32): i32 {
  let first = 0;
  while (first < K && ((i + p - first * d) % s != 0 || (i + p - first * d) >= O * s)) first++;
  let count = 0;
  for (let k = first; k < K && i + p - k * d >= 0; k += s) count++;
  return first | (count << 16);
}

// dx[n, ih, iw, c] = Σ over the taps (kh, kw) that read it, of Σ_m dy[n, oh, ow, c·M + m] · w[kh, kw, c, m]:
// a gather over the (at most KH·KW) outputs each input pixel feeds, accumulating in registers.
@inline function backInput(dy: usize, w: usize, dx: usize, geom: usize, simd: bool): void {
  const N = g(geom, 0), H = g(geom, 1), W = g(geom, 2), C = g(geom, 3);
  const KH = g(geom, 4), KW = g(geom, 5), OH = g(geom, 6), OW = g(geom, 7);
  const sh = g(geom, 8), sw = g(geom, 9), pt = g(geom, 10), pl = g(geom, 11), dh = g(geom, 12), dw = g(geom, 13);
  const M = g(geom, 14), CM = C * M;
  // pointer steps between consecutive taps: dy moves back d rows/pixels, w forward s taps
  const dyRow = <usize>(dh * OW * CM) << 2, wRow = <usize>(sh * KW * CM) << 2;
  const dyPix = <usize>(dw * CM) << 2, wPix = <usize>(sw * CM) << 2;
  let o = dx;
  for (let n = 0; n < N; n++) {
    const dyn = dy + <usize>(n * OH * OW * CM) * 4;
    for (let ih = 0; ih < H; ih++) {
      const th = backTaps(ih, pt, KH, dh, sh, OH), kh0 = th & 0xffff, nh = th >> 16;
      const oh0 = (ih + pt - kh0 * dh) / sh;
      for (let iw = 0; iw < W; iw++) {
        const tw = backTaps(iw, pl, KW, dw, sw, OW), kw0 = tw & 0xffff, nw = tw >> 16;
        const ow0 = (iw + pl - kw0 * dw) / sw;
        const d0 = dyn + <usize>((oh0 * OW + ow0) * CM) * 4, w0 = w + <usize>((kh0 * KW + kw0) * CM) * 4;
        let c = 0;
        if (simd && M == 1) {
          for (; c + 16 <= C; c += 16) {
            let a0 = f32x4.splat(0), a1 = a0, a2 = a0, a3 = a0;
            let rd = d0 + (<usize>c << 2), rw = w0 + (<usize>c << 2);
            for (let a = 0; a < nh; a++) {
              let pd = rd, pw = rw;
              for (let b = 0; b < nw; b++) {
                a0 = f32x4.add(a0, f32x4.mul(v128.load(pd), v128.load(pw)));
                a1 = f32x4.add(a1, f32x4.mul(v128.load(pd, 16), v128.load(pw, 16)));
                a2 = f32x4.add(a2, f32x4.mul(v128.load(pd, 32), v128.load(pw, 32)));
                a3 = f32x4.add(a3, f32x4.mul(v128.load(pd, 48), v128.load(pw, 48)));
                pd -= dyPix; pw += wPix;
              }
              rd -= dyRow; rw += wRow;
            }
            v128.store(at4(o, c), a0); v128.store(at4(o, c + 4), a1);
            v128.store(at4(o, c + 8), a2); v128.store(at4(o, c + 12), a3);
          }
          for (; c + 4 <= C; c += 4) {
            let acc = f32x4.splat(0);
            let rd = d0 + (<usize>c << 2), rw = w0 + (<usize>c << 2);
            for (let a = 0; a < nh; a++) {
              let pd = rd, pw = rw;
              for (let b = 0; b < nw; b++) {
                acc = f32x4.add(acc, f32x4.mul(v128.load(pd), v128.load(pw)));
                pd -= dyPix; pw += wPix;
              }
              rd -= dyRow; rw += wRow;
            }
            v128.store(at4(o, c), acc);
          }
        }
        for (; c < C; c++) {
          let acc: f32 = 0;
          let rd = d0 + (<usize>(c * M) << 2), rw = w0 + (<usize>(c * M) << 2);
          for (let a = 0; a < nh; a++) {
            let pd = rd, pw = rw;
            for (let b = 0; b < nw; b++) {
              for (let m = 0; m < M; m++) acc += load<f32>(at4(pd, m)) * load<f32>(at4(pw, m));
              pd -= dyPix; pw += wPix;
            }
            rd -= dyRow; rw += wRow;
          }
          store<f32>(at4(o, c), acc);
        }
        o += <usize>C << 2;
      }
    }
  }
}

// dw[kh, kw, j] = Σ_{n, oh, ow} x[n, ih, iw, j / M] · dy[n, oh, ow, j]; for each (n, oh, tap) the sum over
// a row of ow runs in registers, so the order of additions is (n, oh, ow) for every entry.
@inline function backFilter(x: usize, dy: usize, dwt: usize, geom: usize, simd: bool): void {
  const N = g(geom, 0), H = g(geom, 1), W = g(geom, 2), C = g(geom, 3);
  const KH = g(geom, 4), KW = g(geom, 5), OH = g(geom, 6), OW = g(geom, 7);
  const sh = g(geom, 8), sw = g(geom, 9), pt = g(geom, 10), pl = g(geom, 11), dh = g(geom, 12), dw = g(geom, 13);
  const M = g(geom, 14), CM = C * M;
  const vec = simd && (M == 1 || (M & 3) == 0);
  const total = KH * KW * CM;
  for (let i = 0; i < total; i++) store<f32>(at4(dwt, i), 0);
  const xStep = <usize>(sw * C) << 2, dStep = <usize>CM << 2;
  for (let n = 0; n < N; n++) {
    const xn = x + <usize>(n * H * W * C) * 4;
    for (let oh = 0; oh < OH; oh++) {
      const drow = dy + <usize>((n * OH + oh) * OW * CM) * 4;
      for (let kh = 0; kh < KH; kh++) {
        const ih = oh * sh - pt + kh * dh;
        if (ih < 0 || ih >= H) continue;
        for (let kw = 0; kw < KW; kw++) {
          // outputs ow whose tap kw lands inside the row: 0 ≤ ow·sw − pl + kw·dw < W
          let ow0 = 0, ow1 = OW;
          while (ow0 < OW && ow0 * sw - pl + kw * dw < 0) ow0++;
          while (ow1 > ow0 && (ow1 - 1) * sw - pl + kw * dw >= W) ow1--;
          if (ow0 >= ow1) continue;
          const x0 = xn + <usize>((ih * W + ow0 * sw - pl + kw * dw) * C) * 4, d0 = drow + <usize>(ow0 * CM) * 4;
          const wr = dwt + <usize>((kh * KW + kw) * CM) * 4;
          let j = 0;
          if (vec) {
            for (; j + 4 <= CM; j += 4) {
              let acc = v128.load(at4(wr, j));
              let px = x0 + (<usize>(M == 1 ? j : j / M) << 2), pd = d0 + (<usize>j << 2);
              for (let ow = ow0; ow < ow1; ow++) {
                const xv = M == 1 ? v128.load(px) : v128.load32_splat(px);
                acc = f32x4.add(acc, f32x4.mul(xv, v128.load(pd)));
                px += xStep; pd += dStep;
              }
              v128.store(at4(wr, j), acc);
            }
          }
          for (; j < CM; j++) {
            let acc = load<f32>(at4(wr, j));
            let px = x0 + (<usize>(j / M) << 2), pd = d0 + (<usize>j << 2);
            for (let ow = ow0; ow < ow1; ow++) {
              acc += load<f32>(px) * load<f32>(pd);
              px += xStep; pd += dStep;
            }
            store<f32>(at4(wr, j), acc);
          }
        }
      }
    }
  }
}

/** y = depthwiseConv2d(x, w). */
export function f32_depthwise__wasmsimd(x: usize, w: usize, y: usize, geom: usize): void { forward(x, w, y, geom, true); }
export function f32_depthwise__scalar(x: usize, w: usize, y: usize, geom: usize): void { forward(x, w, y, geom, false); }
/** dx = the input gradient of depthwiseConv2d for output gradient dy (dx is overwritten). */
export function f32_depthwise_backward_input__wasmsimd(dy: usize, w: usize, dx: usize, geom: usize): void { backInput(dy, w, dx, geom, true); }
export function f32_depthwise_backward_input__scalar(dy: usize, w: usize, dx: usize, geom: usize): void { backInput(dy, w, dx, geom, false); }
/** dw = the filter gradient of depthwiseConv2d for output gradient dy (dw is overwritten). */
export function f32_depthwise_backward_filter__wasmsimd(x: usize, dy: usize, dw: usize, geom: usize): void { backFilter(x, dy, dw, geom, true); }
export function f32_depthwise_backward_filter__scalar(x: usize, dy: usize, dw: usize, geom: usize): void { backFilter(x, dy, dw, geom, false); }
