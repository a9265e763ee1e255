// 3-D (NDHWC) max and average pooling with dilations, forward and backward, and max pooling with the
// argmax (maxPoolWithArgmax); 2-D dilated pooling (tf.pool) runs here with D = 1. Simple loops
// (correctness first). `geom` as in f32-conv/vol2col.ts (20 i32). Only in-volume taps take part: an
// average divides by their count; max pooling (as f32-pool/pool.ts) propagates NaN and routes the
// gradient to the first tap (order kd, kh, kw) equal to the pooled value, in every mode below.
import { at4 } from "../util/ptr";

/** What f32_pool3d computes. */
export const enum Pool3d {
  /** y = max over the window (x: input, dst: y). */
  Max = 0,
  /** y = mean over the window's in-volume taps. */
  Avg,
  /** dst (input-shaped, zeroed) += src (output-shaped) routed to each window's first maximum of x (y = max). */
  MaxScatter,
  /** dst (output-shaped) = src (input-shaped) read at each window's first maximum (the adjoint of MaxScatter). */
  MaxGather,
  /** dst (input-shaped, zeroed) += src (output-shaped) / the window's count (the adjoint of Avg). */
  AvgScatter,
  /** dst = y as Max, and idx (i32, output-shaped) = the flat index of the first maximum (see f32_pool3d). */
  Argmax,
}

@inline function g(geom: usize, i: i32): i32 { return load<i32>(at4(geom, i)); }

/**
 * One of the Pool3d computations. x: the input (MaxScatter/MaxGather: the forward's input), y: the max
 * pooled output (MaxScatter/MaxGather), src/dst as the mode says, idx: Argmax's indices, where
 * `flag` = 1 counts the batch in the index ((n·D·H·W + position)·C + c; 0: position·C + c).
 */
export function f32_pool3d(x: usize, y: usize, src: usize, dst: usize, idx: usize, geom: usize, mode: i32, flag: i32): void {
  const N = g(geom, 0), D = g(geom, 1), H = g(geom, 2), W = g(geom, 3), C = g(geom, 4);
  const KD = g(geom, 5), KH = g(geom, 6), KW = g(geom, 7), OD = g(geom, 8), OH = g(geom, 9), OW = g(geom, 10);
  const sd = g(geom, 11), sh = g(geom, 12), sw = g(geom, 13), pf = g(geom, 14), pt = g(geom, 15), pl = g(geom, 16);
  const dd = g(geom, 17), dh = g(geom, 18), dw = g(geom, 19);
  const vol = D * H * W;
  let o = 0; // output element (n, od, oh, ow, c)
  for (let n = 0; n < N; n++) {
    const base = n * vol * C;
    for (let od = 0; od < OD; od++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) {
      for (let c = 0; c < C; c++) {
        let best: f32 = -Infinity, at = -1, count = 0, sum: f32 = 0;
        const yv: f32 = mode == Pool3d.MaxScatter || mode == Pool3d.MaxGather ? load<f32>(at4(y, o)) : 0;
        const yNaN = yv != yv;
        for (let kd = 0; kd < KD; kd++) {
          const id = od * sd - pf + kd * dd;
          if (id < 0 || id >= D) continue;
          for (let kh = 0; kh < KH; kh++) {
            const ih = oh * sh - pt + kh * dh;
            if (ih < 0 || ih >= H) continue;
            for (let kw = 0; kw < KW; kw++) {
              const iw = ow * sw - pl + kw * dw;
              if (iw < 0 || iw >= W) continue;
              const p = ((id * H + ih) * W + iw) * C + c; // within the image
              count++;
              if (mode == Pool3d.Avg) { sum += load<f32>(at4(x, base + p)); continue; }
              if (mode == Pool3d.AvgScatter) continue;
              const v = load<f32>(at4(x, base + p));
              if (mode == Pool3d.MaxScatter || mode == Pool3d.MaxGather) {
                if (at < 0 && (v == yv || (yNaN && v != v))) at = p;
              } else if (at < 0 || (best == best && (v != v || v > best))) {
                best = v; at = p;
              }
            }
          }
        }
        if (mode == Pool3d.Max) store<f32>(at4(dst, o), best);
        else if (mode == Pool3d.Argmax) {
          store<f32>(at4(dst, o), best);
          store<i32>(at4(idx, o), at < 0 ? -1 : (flag != 0 ? base + at : at));
        } else if (mode == Pool3d.Avg) store<f32>(at4(dst, o), count > 0 ? sum / <f32>count : 0);
        else if (mode == Pool3d.MaxScatter) {
          if (at >= 0) store<f32>(at4(dst, base + at), load<f32>(at4(dst, base + at)) + load<f32>(at4(src, o)));
        } else if (mode == Pool3d.MaxGather) store<f32>(at4(dst, o), at >= 0 ? load<f32>(at4(src, base + at)) : 0);
        else if (count > 0) { // AvgScatter: a second pass over the same taps
          const s = load<f32>(at4(src, o)) / <f32>count;
          for (let kd = 0; kd < KD; kd++) {
            const id = od * sd - pf + kd * dd;
            if (id < 0 || id >= D) continue;
            for (let kh = 0; kh < KH; kh++) {
              const ih = oh * sh - pt + kh * dh;
              if (ih < 0 || ih >= H) continue;
              for (let kw = 0; kw < KW; kw++) {
                const iw = ow * sw - pl + kw * dw;
                if (iw < 0 || iw >= W) continue;
                const q = base + ((id * H + ih) * W + iw) * C + c;
                store<f32>(at4(dst, q), load<f32>(at4(dst, q)) + s);
              }
            }
          }
        }
        o++;
      }
    }
  }
}
