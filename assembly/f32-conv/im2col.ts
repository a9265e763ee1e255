// im2col / col2im for NHWC convolutions, the data movement around the packed GEMM.
// cols is [N·OH·OW, KH·KW·C] row-major: row (n, oh, ow), column (kh, kw, c). Out-of-image taps
// (padding) read as 0 in im2col and are dropped in col2im. `geom` points at 14 i32:
//   N, H, W, C, KH, KW, OH, OW, strideH, strideW, padTop, padLeft, dilationH, dilationW
import { at4 } from "../util/ptr";

@inline function g(geom: usize, i: i32): i32 { return load<i32>(at4(geom, i)); }

// Copies/zeroes one pixel's C channels; memory.copy/fill cost a call each, too much for C = 1…8.
@inline function copyPixel(dst: usize, src: usize, C: i32): void {
  let c = 0;
  for (; c + 4 <= C; c += 4) v128.store(at4(dst, c), v128.load(at4(src, c)));
  for (; c < C; c++) store<f32>(at4(dst, c), load<f32>(at4(src, c)));
}
@inline function zeroPixel(dst: usize, C: i32): void {
  let c = 0;
  for (; c + 4 <= C; c += 4) v128.store(at4(dst, c), f32x4.splat(0));
  for (; c < C; c++) store<f32>(at4(dst, c), 0);
}

/** cols = im2col(x). */
export function f32_im2col(x: usize, cols: usize, geom: usize): void {
  const N = g(geom, 0), H = g(geom, 1), W = g(geom, 2), C = g(geom, 3);
  const KH = g(geom, 4), KW = g(geom, 5), OH = g(geom, 6), OW = g(geom, 7);
  const sh = g(geom, 8), sw = g(geom, 9), pt = g(geom, 10), pl = g(geom, 11), dh = g(geom, 12), dw = g(geom, 13);
  const rowBytes = <usize>C << 2;
  let out = cols;
  for (let n = 0; n < N; n++) {
    const xn = x + <usize>(n * H * W * C) * 4;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const iw0 = ow * sw - pl;
        // An undilated kernel row inside the image is KW·C contiguous floats: one copy.
        const wholeRow = dw == 1 && iw0 >= 0 && iw0 + KW <= W;
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * sh - pt + kh * dh;
          if (wholeRow && ih >= 0 && ih < H) {
            copyPixel(out, xn + <usize>((ih * W + iw0) * C) * 4, KW * C);
            out += rowBytes * <usize>KW;
            continue;
          }
          for (let kw = 0; kw < KW; kw++) {
            const iw = iw0 + kw * dw;
            if (ih >= 0 && ih < H && iw >= 0 && iw < W) copyPixel(out, xn + <usize>((ih * W + iw) * C) * 4, C);
            else zeroPixel(out, C);
            out += rowBytes;
          }
        }
      }
    }
  }
}

/** dx += col2im(cols): every column entry is added back to the input pixel it was read from. */
export function f32_col2im(cols: usize, dx: usize, geom: usize): void {
  const N = g(geom, 0), H = g(geom, 1), W = g(geom, 2), C = g(geom, 3);
  const KH = g(geom, 4), KW = g(geom, 5), OH = g(geom, 6), OW = g(geom, 7);
  const sh = g(geom, 8), sw = g(geom, 9), pt = g(geom, 10), pl = g(geom, 11), dh = g(geom, 12), dw = g(geom, 13);
  let src = cols;
  const rowBytes = <usize>C << 2;
  for (let n = 0; n < N; n++) {
    const dn = dx + <usize>(n * H * W * C) * 4;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * sh - pt + kh * dh;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * sw - pl + kw * dw;
            if (ih >= 0 && ih < H && iw >= 0 && iw < W) {
              const d = dn + <usize>((ih * W + iw) * C) * 4;
              let c = 0;
              for (; c + 4 <= C; c += 4) v128.store(at4(d, c), f32x4.add(v128.load(at4(d, c)), v128.load(at4(src, c))));
              for (; c < C; c++) store<f32>(at4(d, c), load<f32>(at4(d, c)) + load<f32>(at4(src, c)));
            }
            src += rowBytes;
          }
        }
      }
    }
  }
}
