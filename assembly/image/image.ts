// Image resampling over NHWC float32 images: resize (bilinear, nearest) and its adjoint, crop-and-resize,
// projective transforms and rotation. Source coordinates and interpolation weights are computed in f64
// (as TensorFlow.js's reference does in JS numbers); results are rounded to f32 once. Every coordinate
// is range-checked as a float before it becomes an index, so NaN, ±Infinity or huge coordinates read the
// fill value instead of trapping.
//
// geom (i32) for resize: N, H, W, C, OH, OW, alignCorners, halfPixelCenters.
import { at4 } from "../util/ptr";

export const enum Resize { Bilinear = 0, Nearest }

@inline function g(geom: usize, i: i32): i32 { return load<i32>(at4(geom, i)); }
@inline function ld(p: usize, i: i32): f64 { return <f64>load<f32>(at4(p, i)); }

/** JavaScript's Math.round: halves round up (towards +Infinity). */
@inline function jsRound(x: f64): f64 {
  const c = Math.ceil(x);
  return c - 0.5 <= x ? c : c - 1;
}

/** in/out size ratio (alignCorners: (in-1)/(out-1) when out > 1). */
@inline function ratio(inS: i32, outS: i32, align: i32): f64 {
  return align != 0 && outS > 1 ? <f64>(inS - 1) / <f64>(outS - 1) : <f64>inS / <f64>outS;
}

/** Bilinear source coordinate of output index o (its floor, clamped to ≥ 0, is the first tap). */
@inline function bilinearSrc(o: i32, r: f64, half: i32): f64 {
  return half != 0 ? r * (<f64>o + 0.5) - 0.5 : r * <f64>o;
}

/** Nearest source index of output index o. */
@inline function nearestTap(o: i32, r: f64, inS: i32, align: i32, half: i32): i32 {
  const src = half != 0 ? r * (<f64>o + 0.5) : r * <f64>o;
  let i = Math.min(<f64>(inS - 1), align != 0 ? jsRound(src) : Math.floor(src));
  if (half != 0) i = Math.max(0, i);
  return <i32>i;
}

/**
 * mode 0 (forward): y [N,OH,OW,C] = resize(x [N,H,W,C]).
 * mode 1 (adjoint): x [N,H,W,C] (zeroed by the caller) += resizeᵀ(y [N,OH,OW,C]); the gradient.
 * H and W must be ≥ 1 when OH·OW > 0.
 */
export function f32_resize(op: i32, mode: i32, x: usize, y: usize, geom: usize): void {
  const N = g(geom, 0), H = g(geom, 1), W = g(geom, 2), C = g(geom, 3), OH = g(geom, 4), OW = g(geom, 5);
  const align = g(geom, 6), half = g(geom, 7);
  const rh = ratio(H, OH, align), rw = ratio(W, OW, align);
  let o = 0;
  for (let n = 0; n < N; n++) {
    const base = n * H * W * C;
    for (let oy = 0; oy < OH; oy++) {
      if (op == Resize.Nearest) {
        const row = base + nearestTap(oy, rh, H, align, half) * W * C;
        for (let ox = 0; ox < OW; ox++) {
          const p = row + nearestTap(ox, rw, W, align, half) * C;
          for (let c = 0; c < C; c++, o++) {
            if (mode == 0) store<f32>(at4(y, o), load<f32>(at4(x, p + c)));
            else { const q = at4(x, p + c); store<f32>(q, <f32>(ld(q, 0) + ld(y, o))); }
          }
        }
        continue;
      }
      const sy = bilinearSrc(oy, rh, half), ty = Math.max(0, Math.floor(sy)), fy = sy - ty;
      const top = base + <i32>ty * W * C, bot = base + <i32>Math.min(<f64>(H - 1), Math.ceil(sy)) * W * C;
      for (let ox = 0; ox < OW; ox++) {
        const sx = bilinearSrc(ox, rw, half), lx = Math.max(0, Math.floor(sx)), fx = sx - lx;
        const l = <i32>lx * C, r = <i32>Math.min(<f64>(W - 1), Math.ceil(sx)) * C;
        for (let c = 0; c < C; c++, o++) {
          if (mode == 0) {
            const tl = ld(x, top + l + c), tr = ld(x, top + r + c), bl = ld(x, bot + l + c), br = ld(x, bot + r + c);
            const t = tl + (tr - tl) * fx, b = bl + (br - bl) * fx;
            store<f32>(at4(y, o), <f32>(t + (b - t) * fy));
          } else {
            const d = ld(y, o);
            let q = at4(x, top + l + c); store<f32>(q, <f32>(ld(q, 0) + d * ((1 - fy) * (1 - fx))));
            q = at4(x, top + r + c); store<f32>(q, <f32>(ld(q, 0) + d * ((1 - fy) * fx)));
            q = at4(x, bot + l + c); store<f32>(q, <f32>(ld(q, 0) + d * (fy * (1 - fx))));
            q = at4(x, bot + r + c); store<f32>(q, <f32>(ld(q, 0) + d * (fy * fx)));
          }
        }
      }
    }
  }
}

/**
 * TensorFlow's CropAndResize: y [B,CH,CW,C] from x [N,H,W,C], boxes [B,4] (y1,x1,y2,x2 normalised),
 * boxInd [B] (checked by the caller to be in [0, N)). geom: N, H, W, C, B, CH, CW, op (Resize).
 * Samples outside the image (or at NaN coordinates) are `extrapolation`.
 */
export function f32_crop_and_resize(x: usize, boxes: usize, boxInd: usize, y: usize, geom: usize, extrapolation: f64): void {
  const H = g(geom, 1), W = g(geom, 2), C = g(geom, 3), B = g(geom, 4), CH = g(geom, 5), CW = g(geom, 6), op = g(geom, 7);
  const ext = <f32>extrapolation;
  const hm = <f64>(H - 1), wm = <f64>(W - 1);
  let o = 0;
  for (let b = 0; b < B; b++) {
    const y1 = ld(boxes, 4 * b), x1 = ld(boxes, 4 * b + 1), y2 = ld(boxes, 4 * b + 2), x2 = ld(boxes, 4 * b + 3);
    const base = load<i32>(at4(boxInd, b)) * H * W * C;
    const hs = CH > 1 ? (y2 - y1) * hm / <f64>(CH - 1) : 0, ws = CW > 1 ? (x2 - x1) * wm / <f64>(CW - 1) : 0;
    for (let cy = 0; cy < CH; cy++) {
      const yi = CH > 1 ? y1 * hm + <f64>cy * hs : 0.5 * (y1 + y2) * hm;
      const yIn = yi >= 0 && yi <= hm;
      for (let cx = 0; cx < CW; cx++) {
        const xi = CW > 1 ? x1 * wm + <f64>cx * ws : 0.5 * (x1 + x2) * wm;
        if (!yIn || !(xi >= 0 && xi <= wm)) {
          for (let c = 0; c < C; c++, o++) store<f32>(at4(y, o), ext);
          continue;
        }
        if (op == Resize.Nearest) {
          const p = base + (<i32>jsRound(yi) * W + <i32>jsRound(xi)) * C;
          for (let c = 0; c < C; c++, o++) store<f32>(at4(y, o), load<f32>(at4(x, p + c)));
          continue;
        }
        const t = Math.floor(yi), l = Math.floor(xi), fy = yi - t, fx = xi - l;
        const top = base + <i32>t * W * C, bot = base + <i32>Math.ceil(yi) * W * C;
        const li = <i32>l * C, ri = <i32>Math.ceil(xi) * C;
        for (let c = 0; c < C; c++, o++) {
          const tl = ld(x, top + li + c), tr = ld(x, top + ri + c), bl = ld(x, bot + li + c), br = ld(x, bot + ri + c);
          const tv = tl + (tr - tl) * fx, bv = bl + (br - bl) * fx;
          store<f32>(at4(y, o), <f32>(tv + (bv - tv) * fy));
        }
      }
    }
  }
}

export const enum FillMode { Constant = 0, Reflect, Wrap, Nearest }

/** TensorFlow's map_coord for the fill modes of ImageProjectiveTransform. */
@inline function mapCoord(v: f64, len: i32, mode: i32): f64 {
  const n = <f64>len;
  if (mode == FillMode.Reflect) {
    if (v < 0) {
      if (len <= 1) v = 0;
      else {
        const sz2 = 2 * n;
        if (v < sz2) v = sz2 * Math.trunc(-v / sz2) + v;
        v = v < -n ? v + sz2 : -v - 1;
      }
    } else if (v > n - 1) {
      if (len <= 1) v = 0;
      else {
        const sz2 = 2 * n;
        v -= sz2 * Math.trunc(v / sz2);
        if (v >= n) v = sz2 - v - 1;
      }
    }
    return Math.max(0, Math.min(v, n - 1));
  }
  if (mode == FillMode.Wrap) {
    if (v < 0) {
      if (len <= 1) v = 0;
      else v += n * (Math.trunc(-v / (n - 1)) + 1);
    } else if (v > n - 1) {
      if (len <= 1) v = 0;
      else v -= n * Math.trunc(v / (n - 1));
    }
    return Math.max(0, Math.min(v, n - 1));
  }
  if (mode == FillMode.Nearest) return Math.max(0, Math.min(v, n - 1));
  return v;
}

/** x[b, yy, xx, c], or `fill` outside the image (coordinates checked as floats: NaN reads `fill`). */
@inline function readOr(x: usize, base: i32, H: i32, W: i32, C: i32, yy: f64, xx: f64, c: i32, fill: f64): f64 {
  if (!(yy >= 0 && yy < <f64>H && xx >= 0 && xx < <f64>W)) return fill;
  return ld(x, base + (<i32>yy * W + <i32>xx) * C + c);
}

/**
 * tf.image.transform: y [N,OH,OW,C] from x [N,H,W,C] and transforms [T,8] (T = 1 or N), each
 * (a0,a1,a2,b0,b1,b2,c0,c1) mapping an output point to an input point. geom: N, H, W, C, OH, OW, T,
 * op (Resize: interpolation), fill mode (FillMode).
 */
export function f32_transform(x: usize, tr: usize, y: usize, geom: usize, fill: f64): void {
  const N = g(geom, 0), H = g(geom, 1), W = g(geom, 2), C = g(geom, 3), OH = g(geom, 4), OW = g(geom, 5);
  const T = g(geom, 6), op = g(geom, 7), mode = g(geom, 8);
  let o = 0;
  for (let n = 0; n < N; n++) {
    const t = T == 1 ? 0 : 8 * n, base = n * H * W * C;
    const a0 = ld(tr, t), a1 = ld(tr, t + 1), a2 = ld(tr, t + 2), b0 = ld(tr, t + 3), b1 = ld(tr, t + 4), b2 = ld(tr, t + 5);
    const c0 = ld(tr, t + 6), c1 = ld(tr, t + 7);
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        const X = <f64>ox, Y = <f64>oy;
        const k = c0 * X + c1 * Y + 1;
        if (k == 0) {
          for (let c = 0; c < C; c++, o++) store<f32>(at4(y, o), <f32>fill);
          continue;
        }
        const xi = mapCoord((a0 * X + a1 * Y + a2) / k, W, mode), yi = mapCoord((b0 * X + b1 * Y + b2) / k, H, mode);
        if (op == Resize.Nearest) {
          const ry = jsRound(yi), rx = jsRound(xi);
          for (let c = 0; c < C; c++, o++) store<f32>(at4(y, o), <f32>readOr(x, base, H, W, C, ry, rx, c, fill));
          continue;
        }
        const yf = Math.floor(yi), xf = Math.floor(xi), yc = yf + 1, xc = xf + 1;
        for (let c = 0; c < C; c++, o++) {
          const top = (xc - xi) * readOr(x, base, H, W, C, yf, xf, c, fill) + (xi - xf) * readOr(x, base, H, W, C, yf, xc, c, fill);
          const bot = (xc - xi) * readOr(x, base, H, W, C, yc, xf, c, fill) + (xi - xf) * readOr(x, base, H, W, C, yc, xc, c, fill);
          store<f32>(at4(y, o), <f32>((yc - yi) * top + (yi - yf) * bot));
        }
      }
    }
  }
}

/**
 * tf.image.rotateWithOffset: y [N,H,W,C] = x rotated by the angle whose sine and cosine are given,
 * counter-clockwise about (cx, cy) pixels, nearest neighbour; pixels from outside read fill[c] (C floats).
 */
export function f32_rotate(x: usize, y: usize, geom: usize, sin: f64, cos: f64, cx: f64, cy: f64, fill: usize): void {
  const N = g(geom, 0), H = g(geom, 1), W = g(geom, 2), C = g(geom, 3);
  let o = 0;
  for (let n = 0; n < N; n++) {
    const base = n * H * W * C;
    for (let row = 0; row < H; row++) {
      for (let col = 0; col < W; col++) {
        const dx = <f64>col - cx, dy = <f64>row - cy;
        const sx = jsRound(dx * cos - dy * sin + cx), sy = jsRound(dx * sin + dy * cos + cy);
        const inside = sx >= 0 && sx < <f64>W && sy >= 0 && sy < <f64>H;
        const p = inside ? base + (<i32>sy * W + <i32>sx) * C : 0;
        for (let c = 0; c < C; c++, o++) store<f32>(at4(y, o), inside ? load<f32>(at4(x, p + c)) : load<f32>(at4(fill, c)));
      }
    }
  }
}
