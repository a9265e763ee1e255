// Scans and selections along an axis: cumulative sums over the middle axis of an [outer, r, inner]
// view (SIMD across inner, like f32-reduce), and top-k along rows.
import { at4 } from "../util/ptr";

// y[o, k, j] = Σ x[o, k', j] over k' ≤ k (exclusive: k' < k; reverse: k' ≥ k, or k' > k); with `prod`, Π.
@inline function cumsum<T>(x: usize, y: usize, outer: i32, r: i32, inner: i32, exclusive: bool, reverse: bool, simd: bool, prod: bool = false): void {
  const step = reverse ? -inner : inner;
  for (let o = 0; o < outer; o++) {
    const base = o * r * inner + (reverse ? (r - 1) * inner : 0);
    let j = 0;
    if (simd) {
      for (; j + 4 <= inner; j += 4) {
        let acc = prod ? (isFloat<T>() ? f32x4.splat(1) : i32x4.splat(1)) : i32x4.splat(0);
        let p = base + j;
        for (let k = 0; k < r; k++) {
          const v = v128.load(at4(x, p));
          if (exclusive) { v128.store(at4(y, p), acc); acc = vop<T>(acc, v, prod); }
          else { acc = vop<T>(acc, v, prod); v128.store(at4(y, p), acc); }
          p += step;
        }
      }
    }
    for (; j < inner; j++) {
      let acc: T = prod ? <T>1 : <T>0;
      let p = base + j;
      for (let k = 0; k < r; k++) {
        const v = load<T>(at4(x, p));
        if (exclusive) { store<T>(at4(y, p), acc); acc = prod ? acc * v : acc + v; } else { acc = prod ? acc * v : acc + v; store<T>(at4(y, p), acc); }
        p += step;
      }
    }
  }
}

@inline function vop<T>(a: v128, b: v128, prod: bool): v128 {
  if (prod) return isFloat<T>() ? f32x4.mul(a, b) : i32x4.mul(a, b);
  return isFloat<T>() ? f32x4.add(a, b) : i32x4.add(a, b);
}

/** Cumulative sum over the middle axis, SIMD across columns (the order of additions is the scalar one). */
export function f32_cumsum__wasmsimd(x: usize, y: usize, outer: i32, r: i32, inner: i32, exclusive: bool, reverse: bool): void {
  cumsum<f32>(x, y, outer, r, inner, exclusive, reverse, true);
}
/** Scalar twin of f32_cumsum__wasmsimd (bit-identical: each column is summed in the same order). */
export function f32_cumsum__scalar(x: usize, y: usize, outer: i32, r: i32, inner: i32, exclusive: bool, reverse: bool): void {
  cumsum<f32>(x, y, outer, r, inner, exclusive, reverse, false);
}
/** int32 cumulative sum (wrapping). */
export function i32_cumsum__wasmsimd(x: usize, y: usize, outer: i32, r: i32, inner: i32, exclusive: bool, reverse: bool): void {
  cumsum<i32>(x, y, outer, r, inner, exclusive, reverse, true);
}

/** Cumulative product over the middle axis, SIMD across columns (each column multiplied in the scalar order). */
export function f32_cumprod__wasmsimd(x: usize, y: usize, outer: i32, r: i32, inner: i32, exclusive: bool, reverse: bool): void {
  cumsum<f32>(x, y, outer, r, inner, exclusive, reverse, true, true);
}
/** Scalar twin of f32_cumprod__wasmsimd (bit-identical). */
export function f32_cumprod__scalar(x: usize, y: usize, outer: i32, r: i32, inner: i32, exclusive: bool, reverse: bool): void {
  cumsum<f32>(x, y, outer, r, inner, exclusive, reverse, false, true);
}
/** int32 cumulative product (wrapping). */
export function i32_cumprod__wasmsimd(x: usize, y: usize, outer: i32, r: i32, inner: i32, exclusive: bool, reverse: bool): void {
  cumsum<i32>(x, y, outer, r, inner, exclusive, reverse, true, true);
}

// Top-k ranks by one u64 per element: the f32 mapped to an order-preserving u32 (NaN above +Infinity,
// -0 equal to +0) in the high word, 0xffffffff - column in the low word (equal values: smaller column
// first). A larger key is better, so every comparison is one integer compare.
@inline function rankKey(v: f32, i: i32): u64 {
  let b = reinterpret<u32>(v);
  let k: u32;
  if (v != v) k = 0xffffffff;
  else if (v == 0) k = 0x80000000;
  else k = b & 0x80000000 ? ~b : b | 0x80000000;
  return (<u64>k << 32) | <u64>(0xffffffff - <u32>i);
}
@inline function at8(p: usize, i: i32): usize { return p + (<usize>i << 3); }

/**
 * The k largest of each row of x [rows, n]: values into vals [rows, k], their column into idx [rows, k],
 * sorted (largest first, NaN above everything, ties by smaller column). `tmp`: 8·k bytes of scratch for
 * the keys of the k best: a sorted list for k ≤ 16 (insertion, O(n·k)), else a heap with the worst at
 * the root and a heapsort at the end (O(n log k)). Most elements cost one compare against the worst.
 */
export function f32_topk(x: usize, vals: usize, idx: usize, rows: i32, n: i32, k: i32, tmp: usize): void {
  for (let row = 0; row < rows; row++) {
    const xr = x + <usize>(row * n) * 4, vr = vals + <usize>(row * k) * 4, ir = idx + <usize>(row * k) * 4;
    if (k <= 16) {
      // tmp[0 … m-1] sorted best first
      let m = 0;
      for (let i = 0; i < n; i++) {
        const e = rankKey(load<f32>(at4(xr, i)), i);
        if (m == k && e <= load<u64>(at8(tmp, m - 1))) continue;
        let j = m < k ? m++ : m - 1;
        while (j > 0 && e > load<u64>(at8(tmp, j - 1))) { store<u64>(at8(tmp, j), load<u64>(at8(tmp, j - 1))); j--; }
        store<u64>(at8(tmp, j), e);
      }
    } else {
      // min-heap of keys: the worst of the k best at the root
      for (let i = 0; i < n; i++) {
        const e = rankKey(load<f32>(at4(xr, i)), i);
        let p: i32;
        if (i < k) {
          p = i;
          while (p > 0) {
            const q = (p - 1) >> 1, kq = load<u64>(at8(tmp, q));
            if (kq <= e) break;
            store<u64>(at8(tmp, p), kq);
            p = q;
          }
          store<u64>(at8(tmp, p), e);
          continue;
        }
        if (e <= load<u64>(tmp)) continue;
        siftDown(tmp, e, 0, k);
      }
      for (let end = k - 1; end > 0; end--) {
        const last = load<u64>(at8(tmp, end));
        store<u64>(at8(tmp, end), load<u64>(tmp));
        siftDown(tmp, last, 0, end);
      }
    }
    for (let j = 0; j < k; j++) {
      const c = <i32>(0xffffffff - <u32>load<u64>(at8(tmp, j)));
      store<i32>(at4(ir, j), c);
      store<f32>(at4(vr, j), load<f32>(at4(xr, c)));
    }
  }
}

// Places key e at slot p of a min-heap of m keys and sifts it down.
@inline function siftDown(h: usize, e: u64, p: i32, m: i32): void {
  while (true) {
    let c = 2 * p + 1;
    if (c >= m) break;
    let kc = load<u64>(at8(h, c));
    if (c + 1 < m) {
      const kr = load<u64>(at8(h, c + 1));
      if (kr < kc) { c++; kc = kr; }
    }
    if (e <= kc) break;
    store<u64>(at8(h, p), kc);
    p = c;
  }
  store<u64>(at8(h, p), e);
}
