// Grayscale morphological dilation (tf.dilation2d) over NHWC with filter [KH, KW, C]:
//   y[n, oh, ow, c] = max over in-image taps (kh, kw) of x[n, oh·sh − pt + kh·dh, ow·sw − pl + kw·dw, c] + f[kh, kw, c]
// As TensorFlow's kernel: a window starts at the lowest float, a tap counts only when strictly greater
// (NaN never wins; ties go to the first tap in order kh, kw), and the gradients route to that tap.
// `geom` as in im2col.ts (14 i32: N, H, W, C, KH, KW, OH, OW, sh, sw, pt, pl, dh, dw).
import { at4 } from "../util/ptr";

/** What f32_dilation2d computes. */
export const enum Dilation2d {
  /** dst (output-shaped) = the dilation of x by f. */
  Forward = 0,
  /** dst (input-shaped, zeroed) += src (output-shaped) at each window's winning input tap. */
  BackInput,
  /** dst (filter-shaped, zeroed) += src (output-shaped) at each window's winning filter tap. */
  BackFilter,
  /** dst (output-shaped) = src (input-shaped) read at the winning input tap (the adjoint of BackInput). */
  GatherInput,
  /** dst (output-shaped) = src (filter-shaped) read at the winning filter tap (the adjoint of BackFilter). */
  GatherFilter,
}

@inline function g(geom: usize, i: i32): i32 { return load<i32>(at4(geom, i)); }

/** One of the Dilation2d computations (src is unused by Forward). */
export function f32_dilation2d(x: usize, f: usize, src: usize, dst: usize, geom: usize, mode: i32): void {
  const N = g(geom, 0), H = g(geom, 1), W = g(geom, 2), C = g(geom, 3);
  const KH = g(geom, 4), KW = g(geom, 5), OH = g(geom, 6), OW = g(geom, 7);
  const sh = g(geom, 8), sw = g(geom, 9), pt = g(geom, 10), pl = g(geom, 11), dh = g(geom, 12), dw = g(geom, 13);
  let o = 0;
  for (let n = 0; n < N; n++) {
    const base = n * H * W * C;
    for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) for (let c = 0; c < C; c++) {
      let best: f32 = -3.4028234663852886e38, ai = -1, af = -1;
      for (let kh = 0; kh < KH; kh++) {
        const ih = oh * sh - pt + kh * dh;
        if (ih < 0 || ih >= H) continue;
        for (let kw = 0; kw < KW; kw++) {
          const iw = ow * sw - pl + kw * dw;
          if (iw < 0 || iw >= W) continue;
          const pi = base + (ih * W + iw) * C + c, pf = (kh * KW + kw) * C + c;
          const v = load<f32>(at4(x, pi)) + load<f32>(at4(f, pf));
          if (v > best) { best = v; ai = pi; af = pf; }
        }
      }
      if (mode == Dilation2d.Forward) store<f32>(at4(dst, o), best);
      else if (mode == Dilation2d.BackInput) { if (ai >= 0) store<f32>(at4(dst, ai), load<f32>(at4(dst, ai)) + load<f32>(at4(src, o))); }
      else if (mode == Dilation2d.BackFilter) { if (af >= 0) store<f32>(at4(dst, af), load<f32>(at4(dst, af)) + load<f32>(at4(src, o))); }
      else if (mode == Dilation2d.GatherInput) store<f32>(at4(dst, o), ai >= 0 ? load<f32>(at4(src, ai)) : 0);
      else store<f32>(at4(dst, o), af >= 0 ? load<f32>(at4(src, af)) : 0);
      o++;
    }
  }
}
