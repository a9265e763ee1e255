// 2-D pooling over NHWC, forward and backward, SIMD across channels (the contiguous axis). `geom` as in
// f32-conv/im2col.ts (KH, KW = window; dilation fields ignored).
// Max pooling routes the gradient to the first tap (window order kh, kw) equal to the pooled maximum;
// forward, backward and the gradient of the backward pass share that rule, so they always agree.
import { at4 } from "../util/ptr";

@inline function g(geom: usize, i: i32): i32 { return load<i32>(at4(geom, i)); }

/** y = maxPool(x); an empty window (all padding) gives -Infinity. */
export function f32_maxpool(x: usize, y: usize, geom: usize): void {
  const N = g(geom, 0), H = g(geom, 1), W = g(geom, 2), C = g(geom, 3);
  const KH = g(geom, 4), KW = g(geom, 5), OH = g(geom, 6), OW = g(geom, 7);
  const sh = g(geom, 8), sw = g(geom, 9), pt = g(geom, 10), pl = g(geom, 11);
  let o = y;
  for (let n = 0; n < N; n++) {
    const xn = x + <usize>(n * H * W * C) * 4;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = max(oh * sh - pt, 0), h1 = min(oh * sh - pt + KH, H);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = max(ow * sw - pl, 0), w1 = min(ow * sw - pl + KW, W);
        if ((C & 3) == 0 && h0 < h1 && w0 < w1) {
          // Channels a multiple of 4: taps outer, channels inner (contiguous), the output row as the
          // accumulator: no per-vector window bounds (2× faster for 2×2 windows of 32 channels).
          memory.copy(o, xn + (<usize>((h0 * W + w0) * C) << 2), <usize>C << 2);
          for (let ih = h0; ih < h1; ih++) for (let iw = w0; iw < w1; iw++) {
            const src = xn + (<usize>((ih * W + iw) * C) << 2);
            for (let c = 0; c < C; c += 4) v128.store(at4(o, c), f32x4.max(v128.load(at4(o, c)), v128.load(at4(src, c))));
          }
          o += <usize>C << 2;
          continue;
        }
        let c = 0;
        for (; c + 4 <= C; c += 4) {
          let m = f32x4.splat(-Infinity);
          for (let ih = h0; ih < h1; ih++) for (let iw = w0; iw < w1; iw++) {
            m = f32x4.max(m, v128.load(at4(xn, (ih * W + iw) * C + c)));
          }
          v128.store(at4(o, c), m);
        }
        for (; c < C; c++) {
          let m: f32 = -Infinity;
          for (let ih = h0; ih < h1; ih++) for (let iw = w0; iw < w1; iw++) {
            const v = load<f32>(at4(xn, (ih * W + iw) * C + c));
            m = v != v || m != m ? NaN : max(m, v);
          }
          store<f32>(at4(o, c), m);
        }
        o += <usize>C << 2;
      }
    }
  }
}

/**
 * Given y = maxPool(x):
 * mode 0: dst (shape of x, zeroed) += src (shape of y) routed to each window's first tap equal to y.
 * mode 1: dst (shape of y) = src (shape of x) read at those taps (the gradient of mode 0 w.r.t. its src).
 */
export function f32_maxpool_backward(x: usize, y: usize, src: usize, dst: usize, geom: usize, mode: i32): void {
  // one copy per mode, so the tap loop has no mode test (the backward pass of every max-pooling layer)
  if (mode == 0) {
    if (g(geom, 8) >= g(geom, 4) && g(geom, 9) >= g(geom, 5)) maxpoolBackwardDisjoint(x, y, src, dst, geom);
    else maxpoolBackward(x, y, src, dst, geom, 0);
  } else maxpoolBackward(x, y, src, dst, geom, 1);
}

/**
 * Mode 0 for windows that do not overlap (stride ≥ window, e.g. 2×2 stride 2): each element of x is in at most one
 * window, so every tap of every window is written, not read and accumulated: 0 + the routed value (or 0), the
 * same operations as the accumulating loop on a zeroed dst, hence the same bits. dst need be zeroed only where no
 * window reaches (the caller knows: src/ops/pool.ts). Pointers step per tap instead of recomputing the index:
 * measured 1.4× faster than the general loop on the CNN step's 2×2 windows (bench/tmp/poolbw.mts), plus the zeroing.
 */
function maxpoolBackwardDisjoint(x: usize, y: usize, src: usize, dst: usize, geom: usize): void {
  const N = g(geom, 0), H = g(geom, 1), W = g(geom, 2), C = g(geom, 3);
  const KH = g(geom, 4), KW = g(geom, 5), OH = g(geom, 6), OW = g(geom, 7);
  const sh = g(geom, 8), sw = g(geom, 9), pt = g(geom, 10), pl = g(geom, 11);
  const zero = f32x4.splat(0), rowBytes = <usize>(W * C) << 2, C4 = C & ~3;
  let o: usize = 0; // byte offset into y and src
  for (let n = 0; n < N; n++) {
    const img = <usize>(n * H * W * C) << 2;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = max(oh * sh - pt, 0), h1 = min(oh * sh - pt + KH, H);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = max(ow * sw - pl, 0), w1 = min(ow * sw - pl + KW, W);
        const corner = img + (<usize>((h0 * W + w0) * C) << 2);
        let c = 0;
        for (; c < C4; c += 4) {
          const cb = <usize>c << 2;
          const ym = v128.load(y + o + cb), d = v128.load(src + o + cb);
          let taken = i32x4.splat(0), row = corner + cb;
          for (let ih = h0; ih < h1; ih++, row += rowBytes) {
            let p = row;
            for (let iw = w0; iw < w1; iw++, p += <usize>C << 2) {
              const hit = v128.andnot(f32x4.eq(v128.load(x + p), ym), taken);
              taken = v128.or(taken, hit);
              v128.store(dst + p, f32x4.add(zero, v128.and(d, hit)));
            }
          }
        }
        for (; c < C; c++) {
          const cb = <usize>c << 2;
          const ym = load<f32>(y + o + cb), s = load<f32>(src + o + cb);
          let found = false, row = corner + cb;
          for (let ih = h0; ih < h1; ih++, row += rowBytes) {
            let p = row;
            for (let iw = w0; iw < w1; iw++, p += <usize>C << 2) {
              const hit = !found && load<f32>(x + p) == ym;
              store<f32>(dst + p, hit ? <f32>0 + s : <f32>0);
              found = found || hit;
            }
          }
        }
        o += <usize>C << 2;
      }
    }
  }
}

@inline function maxpoolBackward(x: usize, y: usize, src: usize, dst: usize, geom: usize, mode: i32): void {
  const N = g(geom, 0), H = g(geom, 1), W = g(geom, 2), C = g(geom, 3);
  const KH = g(geom, 4), KW = g(geom, 5), OH = g(geom, 6), OW = g(geom, 7);
  const sh = g(geom, 8), sw = g(geom, 9), pt = g(geom, 10), pl = g(geom, 11);
  const big = mode == 0 ? dst : src; // the x-shaped operand
  let o = 0;
  for (let n = 0; n < N; n++) {
    const img = n * H * W * C;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = max(oh * sh - pt, 0), h1 = min(oh * sh - pt + KH, H);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = max(ow * sw - pl, 0), w1 = min(ow * sw - pl + KW, W);
        let c = 0;
        for (; c + 4 <= C; c += 4) {
          const ym = v128.load(at4(y, o + c));
          const d = mode == 0 ? v128.load(at4(src, o + c)) : f32x4.splat(0);
          let taken = i32x4.splat(0), acc = f32x4.splat(0);
          for (let ih = h0; ih < h1; ih++) for (let iw = w0; iw < w1; iw++) {
            const i = img + (ih * W + iw) * C + c;
            const hit = v128.andnot(f32x4.eq(v128.load(at4(x, i)), ym), taken);
            taken = v128.or(taken, hit);
            if (mode == 0) {
              const p = at4(big, i);
              v128.store(p, f32x4.add(v128.load(p), v128.and(d, hit)));
            } else {
              acc = f32x4.add(acc, v128.and(v128.load(at4(big, i)), hit));
            }
          }
          if (mode != 0) v128.store(at4(dst, o + c), acc);
        }
        for (; c < C; c++) {
          const ym = load<f32>(at4(y, o + c));
          let found = false;
          let acc: f32 = 0;
          for (let ih = h0; ih < h1 && !found; ih++) for (let iw = w0; iw < w1; iw++) {
            const i = img + (ih * W + iw) * C + c;
            if (load<f32>(at4(x, i)) == ym) {
              if (mode == 0) { const p = at4(big, i); store<f32>(p, load<f32>(p) + load<f32>(at4(src, o + c))); }
              else acc = load<f32>(at4(big, i));
              found = true;
              break;
            }
          }
          if (mode != 0) store<f32>(at4(dst, o + c), acc);
        }
        o += C;
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
  const big = mode == 0 ? src : dst, small = mode == 0 ? dst : src;
  let o = 0;
  for (let n = 0; n < N; n++) {
    const img = n * H * W * C;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = max(oh * sh - pt, 0), h1 = min(oh * sh - pt + KH, H);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = max(ow * sw - pl, 0), w1 = min(ow * sw - pl + KW, W);
        const cnt = (h1 - h0) * (w1 - w0);
        const inv: f32 = cnt > 0 ? <f32>1 / <f32>cnt : 0;
        const vinv = f32x4.splat(inv);
        let c = 0;
        for (; c + 4 <= C; c += 4) {
          if (mode == 0) {
            let s = f32x4.splat(0);
            for (let ih = h0; ih < h1; ih++) for (let iw = w0; iw < w1; iw++) s = f32x4.add(s, v128.load(at4(big, img + (ih * W + iw) * C + c)));
            v128.store(at4(small, o + c), f32x4.mul(s, vinv));
          } else {
            const v = f32x4.mul(v128.load(at4(small, o + c)), vinv);
            for (let ih = h0; ih < h1; ih++) for (let iw = w0; iw < w1; iw++) {
              const p = at4(big, img + (ih * W + iw) * C + c);
              v128.store(p, f32x4.add(v128.load(p), v));
            }
          }
        }
        for (; c < C; c++) {
          if (mode == 0) {
            let s: f32 = 0;
            for (let ih = h0; ih < h1; ih++) for (let iw = w0; iw < w1; iw++) s += load<f32>(at4(big, img + (ih * W + iw) * C + c));
            store<f32>(at4(small, o + c), s * inv);
          } else {
            const v = load<f32>(at4(small, o + c)) * inv;
            for (let ih = h0; ih < h1; ih++) for (let iw = w0; iw < w1; iw++) {
              const p = at4(big, img + (ih * W + iw) * C + c);
              store<f32>(p, load<f32>(p) + v);
            }
          }
        }
        o += C;
      }
    }
  }
}
