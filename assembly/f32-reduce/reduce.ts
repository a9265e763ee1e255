// Reductions over the middle axis of a [outer, r, inner] view: y[o, j] = op_k x[o, k, j].
// The TypeScript side transposes or coalesces any set of axes into that form. inner == 1 reduces
// contiguous rows (4 SIMD accumulators, then a fixed-order horizontal sum: the order, not the thread or
// platform, decides the rounding), inner > 1 reduces across rows with SIMD over j.
// The op list is mirrored in src/backend/kernels.ts (REDUCE).
import { at4 } from "../util/ptr";

export const enum Reduce { Sum = 0, Max, Min, Prod }

@inline function identity(op: i32): f32 {
  switch (op) {
    case Reduce.Max: return -Infinity;
    case Reduce.Min: return Infinity;
    case Reduce.Prod: return 1;
    default: return 0;
  }
}
@inline function s(op: i32, a: f32, b: f32): f32 {
  switch (op) {
    case Reduce.Max: return a != a || b != b ? NaN : a > b ? a : b;
    case Reduce.Min: return a != a || b != b ? NaN : a < b ? a : b;
    case Reduce.Prod: return a * b;
    default: return a + b;
  }
}
@inline function v(op: i32, a: v128, b: v128): v128 {
  switch (op) {
    case Reduce.Max: return f32x4.max(a, b);
    case Reduce.Min: return f32x4.min(a, b);
    case Reduce.Prod: return f32x4.mul(a, b);
    default: return f32x4.add(a, b);
  }
}

@inline function loop(op: i32, x: usize, y: usize, outer: i32, r: i32, inner: i32, simd: bool): void {
  const id = identity(op);
  if (inner == 1) {
    for (let o = 0; o < outer; o++) {
      const row = x + <usize>(o * r) * 4;
      let k = 0;
      let acc = id;
      if (simd && r >= 16) {
        let a0 = f32x4.splat(id), a1 = a0, a2 = a0, a3 = a0;
        for (; k + 16 <= r; k += 16) {
          a0 = v(op, a0, v128.load(at4(row, k)));
          a1 = v(op, a1, v128.load(at4(row, k + 4)));
          a2 = v(op, a2, v128.load(at4(row, k + 8)));
          a3 = v(op, a3, v128.load(at4(row, k + 12)));
        }
        for (; k + 4 <= r; k += 4) a0 = v(op, a0, v128.load(at4(row, k)));
        const t = v(op, v(op, a0, a1), v(op, a2, a3));
        acc = s(op, s(op, f32x4.extract_lane(t, 0), f32x4.extract_lane(t, 1)),
                    s(op, f32x4.extract_lane(t, 2), f32x4.extract_lane(t, 3)));
      }
      for (; k < r; k++) acc = s(op, acc, load<f32>(at4(row, k)));
      store<f32>(at4(y, o), acc);
    }
    return;
  }
  for (let o = 0; o < outer; o++) {
    const xo = x + <usize>(o * r * inner) * 4, yo = y + <usize>(o * inner) * 4;
    let j = 0;
    if (simd) {
      for (; j + 4 <= inner; j += 4) {
        let acc = f32x4.splat(id);
        for (let k = 0; k < r; k++) acc = v(op, acc, v128.load(at4(xo, k * inner + j)));
        v128.store(at4(yo, j), acc);
      }
    }
    for (; j < inner; j++) {
      let acc = id;
      for (let k = 0; k < r; k++) acc = s(op, acc, load<f32>(at4(xo, k * inner + j)));
      store<f32>(at4(yo, j), acc);
    }
  }
}

@inline function dispatch(op: i32, x: usize, y: usize, outer: i32, r: i32, inner: i32, simd: bool): void {
  switch (op) {
    case 0: loop(0, x, y, outer, r, inner, simd); break;
    case 1: loop(1, x, y, outer, r, inner, simd); break;
    case 2: loop(2, x, y, outer, r, inner, simd); break;
    case 3: loop(3, x, y, outer, r, inner, simd); break;
  }
}

/** y[o, j] = op over k of x[o, k, j]. */
export function f32_reduce__wasmsimd(op: i32, x: usize, y: usize, outer: i32, r: i32, inner: i32): void {
  dispatch(op, x, y, outer, r, inner, true);
}
/** Scalar twin: sequential order, so sums may differ from the SIMD kernel in the last bits. */
export function f32_reduce__scalar(op: i32, x: usize, y: usize, outer: i32, r: i32, inner: i32): void {
  dispatch(op, x, y, outer, r, inner, false);
}

/** Integer sum/max/min/prod over the middle axis (wrapping arithmetic, as TensorFlow). */
export function i32_reduce__scalar(op: i32, x: usize, y: usize, outer: i32, r: i32, inner: i32): void {
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      let acc: i32 = op == Reduce.Max ? i32.MIN_VALUE : op == Reduce.Min ? i32.MAX_VALUE : op == Reduce.Prod ? 1 : 0;
      for (let k = 0; k < r; k++) {
        const e = load<i32>(at4(x, (o * r + k) * inner + j));
        acc = op == Reduce.Max ? max(acc, e) : op == Reduce.Min ? min(acc, e) : op == Reduce.Prod ? acc * e : acc + e;
      }
      store<i32>(at4(y, o * inner + j), acc);
    }
  }
}

/** Index (i32) of the max (op 0) or min (op 1) over the middle axis; first index wins ties, NaN wins. */
export function f32_argreduce__scalar(op: i32, x: usize, y: usize, outer: i32, r: i32, inner: i32): void {
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const base = o * r * inner + j;
      let best = load<f32>(at4(x, base)), bi = 0;
      for (let k = 1; k < r; k++) {
        const e = load<f32>(at4(x, base + k * inner));
        if (best != best) break;
        if (e != e || (op == 0 ? e > best : e < best)) { best = e; bi = k; }
      }
      store<i32>(at4(y, o * inner + j), bi);
    }
  }
}
export function i32_argreduce__scalar(op: i32, x: usize, y: usize, outer: i32, r: i32, inner: i32): void {
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const base = o * r * inner + j;
      let best = load<i32>(at4(x, base)), bi = 0;
      for (let k = 1; k < r; k++) {
        const e = load<i32>(at4(x, base + k * inner));
        if (op == 0 ? e > best : e < best) { best = e; bi = k; }
      }
      store<i32>(at4(y, o * inner + j), bi);
    }
  }
}
