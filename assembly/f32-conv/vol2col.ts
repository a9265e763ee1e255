// vol2col / col2vol for NDHWC 3-D convolutions (conv3d as vol2col + the packed GEMM), the 3-D twins of
// im2col.ts. cols is [N·OD·OH·OW, KD·KH·KW·C] row-major: row (n, od, oh, ow), column (kd, kh, kw, c).
// Out-of-volume taps (padding) read as 0 in vol2col and are dropped in col2vol. `geom` points at 20 i32
// (the layout shared with pool3d.ts):
//   N, D, H, W, C, KD, KH, KW, OD, OH, OW, strideD, strideH, strideW, padFront, padTop, padLeft,
//   dilationD, dilationH, dilationW
import { at4 } from "../util/ptr";

@inline function g(geom: usize, i: i32): i32 { return load<i32>(at4(geom, i)); }

/** cols = vol2col(x). */
export function f32_vol2col(x: usize, cols: usize, geom: usize): void {
  const N = g(geom, 0), D = g(geom, 1), H = g(geom, 2), W = g(geom, 3), C = g(geom, 4);
  const KD = g(geom, 5), KH = g(geom, 6), KW = g(geom, 7), OD = g(geom, 8), OH = g(geom, 9), OW = g(geom, 10);
  const sd = g(geom, 11), sh = g(geom, 12), sw = g(geom, 13), pf = g(geom, 14), pt = g(geom, 15), pl = g(geom, 16);
  const dd = g(geom, 17), dh = g(geom, 18), dw = g(geom, 19);
  let out = cols;
  for (let n = 0; n < N; n++) {
    const xn = x + (<usize>n * <usize>(D * H * W * C) << 2);
    for (let od = 0; od < OD; od++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) {
      for (let kd = 0; kd < KD; kd++) {
        const id = od * sd - pf + kd * dd;
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * sh - pt + kh * dh;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * sw - pl + kw * dw;
            if (id >= 0 && id < D && ih >= 0 && ih < H && iw >= 0 && iw < W) {
              const src = xn + (<usize>(((id * H + ih) * W + iw) * C) << 2);
              for (let c = 0; c < C; c++) store<f32>(at4(out, c), load<f32>(at4(src, c)));
            } else {
              for (let c = 0; c < C; c++) store<f32>(at4(out, c), 0);
            }
            out += <usize>C << 2;
          }
        }
      }
    }
  }
}

/** dx += col2vol(cols): every column entry is added back to the input voxel it was read from. */
export function f32_col2vol(cols: usize, dx: usize, geom: usize): void {
  const N = g(geom, 0), D = g(geom, 1), H = g(geom, 2), W = g(geom, 3), C = g(geom, 4);
  const KD = g(geom, 5), KH = g(geom, 6), KW = g(geom, 7), OD = g(geom, 8), OH = g(geom, 9), OW = g(geom, 10);
  const sd = g(geom, 11), sh = g(geom, 12), sw = g(geom, 13), pf = g(geom, 14), pt = g(geom, 15), pl = g(geom, 16);
  const dd = g(geom, 17), dh = g(geom, 18), dw = g(geom, 19);
  let src = cols;
  for (let n = 0; n < N; n++) {
    const dn = dx + (<usize>n * <usize>(D * H * W * C) << 2);
    for (let od = 0; od < OD; od++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) {
      for (let kd = 0; kd < KD; kd++) {
        const id = od * sd - pf + kd * dd;
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * sh - pt + kh * dh;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * sw - pl + kw * dw;
            if (id >= 0 && id < D && ih >= 0 && ih < H && iw >= 0 && iw < W) {
              const d = dn + (<usize>(((id * H + ih) * W + iw) * C) << 2);
              for (let c = 0; c < C; c++) store<f32>(at4(d, c), load<f32>(at4(d, c)) + load<f32>(at4(src, c)));
            }
            src += <usize>C << 2;
          }
        }
      }
    }
  }
}
