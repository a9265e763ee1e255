// Indexing kernels: gather along an axis, N-d index → flat row, segment sums (the gradient of gather and
// the forward of scatterND), and the coordinates of non-zero elements (where with one argument).
// Every kernel that reads indices checks them all before it writes anything and returns the position of
// the first bad one (or -1): the TypeScript side turns that into an error naming the index and the shape,
// so an out-of-range index never traps and never produces garbage.
import { at4 } from "../util/ptr";

// y[b, o, n, :] = x[b, o, idx[b, n], :] for x viewed as [B, outer, A, inner], idx as [B, N] (i32).
@inline function gather<T>(x: usize, idx: usize, y: usize, B: i32, outer: i32, A: i32, inner: i32, N: i32): i32 {
  const total = B * N;
  for (let p = 0; p < total; p++) {
    const i = load<i32>(at4(idx, p));
    if (<u32>i >= <u32>A) return p;
  }
  const sz = <usize>sizeof<T>();
  const rowBytes = <usize>inner * sz;
  let py = y;
  for (let b = 0; b < B; b++) {
    const ib = idx + <usize>(b * N) * 4;
    for (let o = 0; o < outer; o++) {
      const xo = x + <usize>((b * outer + o) * A) * rowBytes;
      for (let n = 0; n < N; n++) {
        const src = xo + <usize>load<i32>(at4(ib, n)) * rowBytes;
        if (rowBytes >= 64) memory.copy(py, src, rowBytes);
        else for (let j: usize = 0; j < rowBytes; j += sz) store<T>(py + j, load<T>(src + j));
        py += rowBytes;
      }
    }
  }
  return -1;
}

/** gather of 4-byte elements (f32, i32); returns -1, or the flat position of the first index outside [0, A). */
export function x32_gather(x: usize, idx: usize, y: usize, B: i32, outer: i32, A: i32, inner: i32, N: i32): i32 {
  return gather<u32>(x, idx, y, B, outer, A, inner, N);
}
/** gather of 1-byte elements (bool). */
export function x8_gather(x: usize, idx: usize, y: usize, B: i32, outer: i32, A: i32, inner: i32, N: i32): i32 {
  return gather<u8>(x, idx, y, B, outer, A, inner, N);
}

/**
 * out[i] = row-major flat index of the tuple idx[i, 0 … depth-1] in an array of shape `shape` (depth i32).
 * Returns -1, or the first slice i with a component outside [0, shape[d]).
 */
export function i32_nd_linear(idx: usize, out: usize, n: i32, depth: i32, shape: usize): i32 {
  for (let i = 0; i < n; i++) {
    let lin = 0;
    const row = idx + <usize>(i * depth) * 4;
    for (let d = 0; d < depth; d++) {
      const s = load<i32>(at4(shape, d)), v = load<i32>(at4(row, d));
      if (<u32>v >= <u32>s) return i;
      lin = lin * s + v;
    }
    store<i32>(at4(out, i), lin);
  }
  return -1;
}

// y[s, :] = Σ over i with ids[i] == s of x[i, :], y zeroed first; x is [n, inner], y [numSegments, inner].
// Negative ids are dropped (TensorFlow's unsorted_segment_sum); ids ≥ numSegments are an error.
@inline function segmentSum<T>(x: usize, ids: usize, y: usize, n: i32, inner: i32, numSegments: i32, simd: bool): i32 {
  for (let i = 0; i < n; i++) if (load<i32>(at4(ids, i)) >= numSegments) return i;
  const total = numSegments * inner;
  let k = 0;
  for (; k + 4 <= total; k += 4) v128.store(at4(y, k), i32x4.splat(0));
  for (; k < total; k++) store<T>(at4(y, k), <T>0);
  for (let i = 0; i < n; i++) {
    const s = load<i32>(at4(ids, i));
    if (s < 0) continue;
    const src = x + <usize>(i * inner) * 4, dst = y + <usize>(s * inner) * 4;
    let j = 0;
    if (simd) {
      for (; j + 4 <= inner; j += 4) {
        const a = v128.load(at4(dst, j)), b = v128.load(at4(src, j));
        v128.store(at4(dst, j), isFloat<T>() ? f32x4.add(a, b) : i32x4.add(a, b));
      }
    }
    for (; j < inner; j++) store<T>(at4(dst, j), load<T>(at4(dst, j)) + load<T>(at4(src, j)));
  }
  return -1;
}

/** f32 unsorted segment sum (SIMD over the row); returns -1 or the position of the first id ≥ numSegments. */
export function f32_segment_sum__wasmsimd(x: usize, ids: usize, y: usize, n: i32, inner: i32, numSegments: i32): i32 {
  return segmentSum<f32>(x, ids, y, n, inner, numSegments, true);
}
/** Scalar twin (same order of additions, so bit-identical). */
export function f32_segment_sum__scalar(x: usize, ids: usize, y: usize, n: i32, inner: i32, numSegments: i32): i32 {
  return segmentSum<f32>(x, ids, y, n, inner, numSegments, false);
}
/** i32 unsorted segment sum (wrapping, as TensorFlow). */
export function i32_segment_sum__wasmsimd(x: usize, ids: usize, y: usize, n: i32, inner: i32, numSegments: i32): i32 {
  return segmentSum<i32>(x, ids, y, n, inner, numSegments, true);
}

/** Number of non-zero bytes among x[0 … n-1]. */
export function u8_count_nonzero(x: usize, n: i32): i32 {
  let c = 0;
  for (let i = 0; i < n; i++) c += <i32>(load<u8>(x + i) != 0);
  return c;
}

/** Row-major coordinates (rank i32 each) of the non-zero bytes of x, whose shape is `shape`, into out. */
export function u8_where_coords(x: usize, out: usize, n: i32, rank: i32, shape: usize): void {
  let o = out;
  for (let i = 0; i < n; i++) {
    if (load<u8>(x + i) == 0) continue;
    let r = i;
    for (let d = rank - 1; d >= 0; d--) {
      const s = load<i32>(at4(shape, d));
      store<i32>(at4(o, d), r % s);
      r /= s;
    }
    o += <usize>rank << 2;
  }
}
