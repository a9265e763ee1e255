// Data movement kernels that do not care what the bits mean (element size 4 or 1 byte).
import { at4 } from "../util/ptr";

// y = x permuted (transpose, broadcastTo). `dims` holds two i32 arrays of length `rank`, the output shape
// and the input stride (in elements) of each output axis, followed by `rank` i32 of scratch that the
// kernel overwrites with its loop counters (12·rank bytes in all). Walks y in order; the innermost
// output axis is a strided gather from x.
@inline function walk<T>(x: usize, y: usize, rank: i32, dims: usize): void {
  const shape = dims, str = dims + (<usize>rank << 2), count = dims + (<usize>rank << 3);
  const last = rank - 1;
  const n = load<i32>(at4(shape, last)), s = load<i32>(at4(str, last));
  let outer = 1;
  for (let d = 0; d < last; d++) { outer *= load<i32>(at4(shape, d)); store<i32>(at4(count, d), 0); }
  let off = 0;
  let py = y;
  const sz = <usize>sizeof<T>();
  for (let o = 0; o < outer; o++) {
    let px = x + <usize>off * sz;
    const step = <usize>s * sz;
    for (let i = 0; i < n; i++) { store<T>(py, load<T>(px)); px += step; py += sz; }
    for (let d = last - 1; d >= 0; d--) {
      const c = load<i32>(at4(count, d)) + 1;
      const ds = load<i32>(at4(str, d));
      off += ds;
      if (c < load<i32>(at4(shape, d))) { store<i32>(at4(count, d), c); break; }
      store<i32>(at4(count, d), 0);
      off -= ds * c;
    }
  }
}

/**
 * y = x permuted, 4-byte elements. `dims`: shape, input strides (rank i32 each), then rank i32 the kernel
 * overwrites (its loop counters): 12·rank bytes.
 */
export function x32_transpose(x: usize, y: usize, rank: i32, dims: usize): void { walk<u32>(x, y, rank, dims); }
/** y = x permuted, 1-byte elements (the same `dims`, 12·rank bytes, the last 4·rank overwritten). */
export function x8_transpose(x: usize, y: usize, rank: i32, dims: usize): void { walk<u8>(x, y, rank, dims); }

/** Fill n 4-byte elements with the bit pattern `bits`. */
export function x32_fill(y: usize, n: i32, bits: u32): void {
  const v = i32x4.splat(bits);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at4(y, i), v);
  for (; i < n; i++) store<u32>(at4(y, i), bits);
}

// Casts. f32 → i32 truncates toward zero (saturating), as TensorFlow's cast.
export function cast_f32_i32(x: usize, y: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<i32>(at4(y, i), <i32>load<f32>(at4(x, i)));
}
export function cast_i32_f32(x: usize, y: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f32>(at4(y, i), <f32>load<i32>(at4(x, i)));
}
export function cast_u8_x32(x: usize, y: usize, n: i32, one: u32): void {
  for (let i = 0; i < n; i++) store<u32>(at4(y, i), load<u8>(x + i) ? one : 0);
}
export function cast_f32_u8(x: usize, y: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<u8>(y + i, <u8>(load<f32>(at4(x, i)) != 0));
}
export function cast_i32_u8(x: usize, y: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<u8>(y + i, <u8>(load<i32>(at4(x, i)) != 0));
}

/** y[i, d] = indices[i] == d ? on : off, for n indices and depth d (out-of-range index: all off). */
export function f32_one_hot(indices: usize, y: usize, n: i32, depth: i32, on: f32, off: f32): void {
  for (let i = 0; i < n; i++) {
    const k = load<i32>(at4(indices, i));
    const row = y + <usize>(i * depth) * 4;
    for (let d = 0; d < depth; d++) store<f32>(at4(row, d), d == k ? on : off);
  }
}
