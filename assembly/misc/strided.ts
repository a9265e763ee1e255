// The general strided copy: one walk over an n-d box that reads `src` and writes `dst`, each with its own
// per-axis element strides (any sign). It is the forward of slice/stridedSlice/reverse (gather: src
// strided, dst contiguous), of their gradients and of pad/concat (scatter: src contiguous, dst strided
// into a region of a bigger tensor), and with `add` the accumulating form (dst += src).
//
// `dims` holds three i32 arrays of length `rank`, the box shape, the src strides and the dst strides (in
// elements), followed by `rank` i32 of scratch that the kernel overwrites with its loop counters
// (16·rank bytes in all). `src` and `dst` already point at the box's first element (the caller folds
// begin offsets, including the far end of reversed axes, into the pointers).
// Rows whose inner strides are (1, 1) or (-1, 1) (a reversed row) run 4 lanes at a time.
import { at4 } from "../util/ptr";

// dst[i·di] = src[i·si], i < n, for 4-byte elements (bit copies: f32, i32).
@inline function row32__wasmsimd(s: usize, d: usize, n: i32, si: i32, di: i32): void {
  let i = 0;
  if (di == 1) {
    if (si == 1) {
      for (; i + 4 <= n; i += 4) v128.store(at4(d, i), v128.load(at4(s, i)));
    } else if (si == -1) {
      // elements s[-i-3 .. -i] in one load, lanes reversed
      for (; i + 4 <= n; i += 4) {
        const v = v128.load(s - (<usize>(i + 3) << 2));
        v128.store(at4(d, i), i32x4.shuffle(v, v, 3, 2, 1, 0));
      }
    }
  }
  for (; i < n; i++) store<u32>(d + <usize>(i * di * 4), load<u32>(s + <usize>(i * si * 4)));
}

@inline function row32__scalar(s: usize, d: usize, n: i32, si: i32, di: i32): void {
  for (let i = 0; i < n; i++) store<u32>(d + <usize>(i * di * 4), load<u32>(s + <usize>(i * si * 4)));
}

// dst[i·di] += src[i·si] for f32.
@inline function rowAdd__wasmsimd(s: usize, d: usize, n: i32, si: i32, di: i32): void {
  let i = 0;
  if (si == 1 && di == 1) {
    for (; i + 4 <= n; i += 4) v128.store(at4(d, i), f32x4.add(v128.load(at4(d, i)), v128.load(at4(s, i))));
  }
  for (; i < n; i++) {
    const pd = d + <usize>(i * di * 4);
    store<f32>(pd, load<f32>(pd) + load<f32>(s + <usize>(i * si * 4)));
  }
}

@inline function rowAdd__scalar(s: usize, d: usize, n: i32, si: i32, di: i32): void {
  for (let i = 0; i < n; i++) {
    const pd = d + <usize>(i * di * 4);
    store<f32>(pd, load<f32>(pd) + load<f32>(s + <usize>(i * si * 4)));
  }
}

// 1-byte elements (bool).
@inline function row8(s: usize, d: usize, n: i32, si: i32, di: i32): void {
  if (si == 1 && di == 1) { memory.copy(d, s, <usize>n); return; }
  for (let i = 0; i < n; i++) store<u8>(d + <usize>(i * di), load<u8>(s + <usize>(i * si)));
}

// kind: 0 copy (4-byte, SIMD rows), 1 copy (4-byte, scalar), 2 add (f32, SIMD), 3 add (f32, scalar),
// 4 copy (1-byte). A compile-time constant at every call site, so each export is its own loop.
@inline function walk(src: usize, dst: usize, rank: i32, dims: usize, kind: i32): void {
  const shape = dims, ss = dims + (<usize>rank << 2), ds = dims + (<usize>rank << 3), count = dims + <usize>rank * 12;
  const last = rank - 1;
  const n = load<i32>(at4(shape, last)), si = load<i32>(at4(ss, last)), di = load<i32>(at4(ds, last));
  const sz: i32 = kind == 4 ? 1 : 4;
  let outer = 1;
  for (let d = 0; d < last; d++) { outer *= load<i32>(at4(shape, d)); store<i32>(at4(count, d), 0); }
  let so: i32 = 0, dof: i32 = 0;
  for (let o = 0; o < outer; o++) {
    const s = src + <usize>(so * sz), d = dst + <usize>(dof * sz);
    if (kind == 0) row32__wasmsimd(s, d, n, si, di);
    else if (kind == 1) row32__scalar(s, d, n, si, di);
    else if (kind == 2) rowAdd__wasmsimd(s, d, n, si, di);
    else if (kind == 3) rowAdd__scalar(s, d, n, si, di);
    else row8(s, d, n, si, di);
    for (let a = last - 1; a >= 0; a--) {
      const c = load<i32>(at4(count, a)) + 1;
      const sa = load<i32>(at4(ss, a)), da = load<i32>(at4(ds, a));
      so += sa; dof += da;
      if (c < load<i32>(at4(shape, a))) { store<i32>(at4(count, a), c); break; }
      store<i32>(at4(count, a), 0);
      so -= sa * c; dof -= da * c;
    }
  }
}

/**
 * dst box = src box, 4-byte elements (f32/i32 bits); strides may be negative. `dims`: shape, src strides,
 * dst strides (rank i32 each), then rank i32 the kernel overwrites (its loop counters): 16·rank bytes.
 */
export function x32_strided_copy__wasmsimd(src: usize, dst: usize, rank: i32, dims: usize): void { walk(src, dst, rank, dims, 0); }
/** Scalar twin of x32_strided_copy__wasmsimd (the reference the kernel tests compare against; the same `dims`). */
export function x32_strided_copy__scalar(src: usize, dst: usize, rank: i32, dims: usize): void { walk(src, dst, rank, dims, 1); }
/** dst box += src box (f32; the same `dims`, 16·rank bytes, the last 4·rank overwritten). */
export function f32_strided_add__wasmsimd(src: usize, dst: usize, rank: i32, dims: usize): void { walk(src, dst, rank, dims, 2); }
/** Scalar twin of f32_strided_add__wasmsimd (the same `dims`). */
export function f32_strided_add__scalar(src: usize, dst: usize, rank: i32, dims: usize): void { walk(src, dst, rank, dims, 3); }
/** dst box = src box, 1-byte elements (bool; the same `dims`, 16·rank bytes, the last 4·rank overwritten). */
export function x8_strided_copy(src: usize, dst: usize, rank: i32, dims: usize): void { walk(src, dst, rank, dims, 4); }
