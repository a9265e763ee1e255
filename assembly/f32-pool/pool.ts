// 2-D pooling over NHWC, forward and backward. `geom` as in f32-conv/im2col.ts (KH, KW = window,
// dilation fields ignored). Max pooling picks the first maximum in window order (kh, kw) — the same
// rule in forward, backward and the gradient of the backward pass, so they always agree. NaN wins.
import { at4 } from "../util/ptr";

@inline function g(geom: usize, i: i32): i32 { return load<i32>(at4(geom, i)); }

// Input index (within image n) of the window maximum for output (oh, ow, c); -1 if the window is empty.
@inline function argmaxAt(xn: usize, H: i32, W: i32, C: i32, KH: i32, KW: i32, ih0: i32, iw0: i32, c: i32): i32 {
  let best: f32 = -Infinity, bi = -1;
  for (let kh = 0; kh < KH; kh++) {
    const ih = ih0 + kh;
    if (ih < 0 || ih >= H) continue;
    for (let kw = 0; kw < KW; kw++) {
      const iw = iw0 + kw;
      if (iw < 0 || iw >= W) continue;
      const i = (ih * W + iw) * C + c;
      const v = load<f32>(at4(xn, i));
      if (bi < 0 || v > best || (v != v && best == best)) { best = v; bi = i; }
    }
  }
  return bi;
}

/** y = maxPool(x). */
export function f32_maxpool(x: usize, y: usize, geom: usize): void {
  const N = g(geom, 0), H = g(geom, 1), W = g(geom, 2), C = g(geom, 3);
  const KH = g(geom, 4), KW = g(geom, 5), OH = g(geom, 6), OW = g(geom, 7);
  const sh = g(geom, 8), sw = g(geom, 9), pt = g(geom, 10), pl = g(geom, 11);
  let o = y;
  for (let n = 0; n < N; n++) {
    const xn = x + <usize>(n * H * W * C) * 4;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const ih0 = oh * sh - pt, iw0 = ow * sw - pl;
        for (let c = 0; c < C; c++) {
          const i = argmaxAt(xn, H, W, C, KH, KW, ih0, iw0, c);
          store<f32>(o, i < 0 ? <f32>-Infinity : load<f32>(at4(xn, i)));
          o += 4;
        }
      }
    }
  }
}

/**
 * mode 0: dx += dy routed to each window's argmax of x (the max-pool gradient; dx must be zeroed).
 * mode 1: out = g gathered at each window's argmax of x (the gradient of that gradient w.r.t. dy).
 */
export function f32_maxpool_backward(x: usize, src: usize, dst: usize, geom: usize, mode: i32): void {
  const N = g(geom, 0), H = g(geom, 1), W = g(geom, 2), C = g(geom, 3);
  const KH = g(geom, 4), KW = g(geom, 5), OH = g(geom, 6), OW = g(geom, 7);
  const sh = g(geom, 8), sw = g(geom, 9), pt = g(geom, 10), pl = g(geom, 11);
  let o = 0;
  for (let n = 0; n < N; n++) {
    const xn = x + <usize>(n * H * W * C) * 4;
    const img = <usize>(n * H * W * C) * 4;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const ih0 = oh * sh - pt, iw0 = ow * sw - pl;
        for (let c = 0; c < C; c++) {
          const i = argmaxAt(xn, H, W, C, KH, KW, ih0, iw0, c);
          if (mode == 0) {
            if (i >= 0) { const p = dst + img + (<usize>i << 2); store<f32>(p, load<f32>(p) + load<f32>(at4(src, o))); }
          } else {
            store<f32>(at4(dst, o), i < 0 ? <f32>0 : load<f32>(src + img + (<usize>i << 2)));
          }
          o++;
        }
      }
    }
  }
}

/**
 * Average pooling and its adjoint. Padding taps are not counted (TensorFlow's 'same' average).
 * mode 0: y = avgPool(x) ([N,OH,OW,C] from [N,H,W,C]).
 * mode 1: dx += avgPoolᵀ(dy) (dx [N,H,W,C] must be zeroed).
 */
export function f32_avgpool(src: usize, dst: usize, geom: usize, mode: i32): void {
  const N = g(geom, 0), H = g(geom, 1), W = g(geom, 2), C = g(geom, 3);
  const KH = g(geom, 4), KW = g(geom, 5), OH = g(geom, 6), OW = g(geom, 7);
  const sh = g(geom, 8), sw = g(geom, 9), pt = g(geom, 10), pl = g(geom, 11);
  let o: usize = 0;
  for (let n = 0; n < N; n++) {
    const img = <usize>(n * H * W * C) * 4;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = max(oh * sh - pt, 0), h1 = min(oh * sh - pt + KH, H);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = max(ow * sw - pl, 0), w1 = min(ow * sw - pl + KW, W);
        const cnt = (h1 - h0) * (w1 - w0);
        const inv: f32 = cnt > 0 ? <f32>1 / <f32>cnt : 0;
        const row = (mode == 0 ? dst : src) + (o << 2);
        for (let c = 0; c < C; c++) {
          if (mode == 0) {
            let s: f32 = 0;
            for (let ih = h0; ih < h1; ih++) for (let iw = w0; iw < w1; iw++) s += load<f32>(src + img + (<usize>((ih * W + iw) * C + c) << 2));
            store<f32>(at4(row, c), s * inv);
          } else {
            const v = load<f32>(at4(row, c)) * inv;
            for (let ih = h0; ih < h1; ih++) for (let iw = w0; iw < w1; iw++) {
              const p = dst + img + (<usize>((ih * W + iw) * C + c) << 2);
              store<f32>(p, load<f32>(p) + v);
            }
          }
        }
        o += <usize>C;
      }
    }
  }
}
