// Elementwise binary kernels with broadcasting: y = op(a, b).
// The TypeScript side coalesces the broadcast into `rank` dimensions and passes, at `dims`, three i32
// arrays of length `rank`: the output shape, a's strides and b's strides (in elements, 0 where that
// operand is broadcast), followed by `rank` i32 of scratch that the kernel overwrites with its loop
// counters (16·rank bytes in all; src/backend/scratch.ts `dims` reserves them). The innermost stride
// of each operand is 0 or 1, so each output row is one call of a row loop: SIMD for f32 arithmetic,
// scalar for the rest.
// The op codes (enums Binary and Compare) reach TypeScript through src/backend/abi.ts, generated from
// these enums by scripts/gen-abi.mjs: a new op is a member here and its case below.
import { at4 } from "../util/ptr";

// ReluGrad is relu's backward pass in one pass: a · (b > 0), as TensorFlow's ReluGrad (a NaN a stays NaN).
// DivNoNan is a / b, 0 where b is 0 (TensorFlow's DivNoNan); BitwiseAnd is int32 only (f32 gives 0).
export const enum Binary { Add = 0, Sub, Mul, Div, Maximum, Minimum, Pow, FloorDiv, Mod, SquaredDifference, Atan2, ReluGrad, DivNoNan, BitwiseAnd }
export const enum Compare { Equal = 0, NotEqual, Greater, GreaterEqual, Less, LessEqual, LogicalAnd, LogicalOr, LogicalXor }

// ---- f32 → f32 -----------------------------------------------------------------------------------

@inline function sF32(op: i32, a: f32, b: f32): f32 {
  switch (op) {
    case Binary.Add: return a + b;
    case Binary.Sub: return a - b;
    case Binary.Mul: return a * b;
    case Binary.Div: return a / b;
    // NaN propagates, as in TensorFlow.
    case Binary.Maximum: return a != a || b != b ? NaN : a > b ? a : b;
    case Binary.Minimum: return a != a || b != b ? NaN : a < b ? a : b;
    case Binary.Pow: return Mathf.pow(a, b);
    case Binary.FloorDiv: return Mathf.floor(a / b);
    // Floored modulo (result has the sign of b), as tf.mod / Python's %: the exact fmod, moved into
    // b's sign (a - b·floor(a/b) loses the remainder when a/b rounds, and is NaN for b = ±∞).
    case Binary.Mod: { const r = Mathf.mod(a, b); return r != 0 && (r < 0) != (b < 0) ? r + b : r; }
    case Binary.SquaredDifference: { const d = a - b; return d * d; }
    case Binary.Atan2: return Mathf.atan2(a, b);
    case Binary.ReluGrad: return a * (b > 0 ? <f32>1 : <f32>0);
    case Binary.DivNoNan: return b == 0 ? <f32>0 : a / b;
    default: return 0;
  }
}

@inline function vF32(op: i32, a: v128, b: v128): v128 {
  switch (op) {
    case Binary.Add: return f32x4.add(a, b);
    case Binary.Sub: return f32x4.sub(a, b);
    case Binary.Mul: return f32x4.mul(a, b);
    case Binary.Div: return f32x4.div(a, b);
    case Binary.Maximum: return f32x4.max(a, b); // wasm max/min propagate NaN like sF32
    case Binary.Minimum: return f32x4.min(a, b);
    case Binary.SquaredDifference: { const d = f32x4.sub(a, b); return f32x4.mul(d, d); }
    case Binary.ReluGrad: return f32x4.mul(a, v128.and(f32x4.gt(b, f32x4.splat(0)), f32x4.splat(1)));
    default: return a;
  }
}

@inline function vecF32(op: i32): bool {
  return op <= Binary.Minimum || op == Binary.SquaredDifference || op == Binary.ReluGrad;
}

@inline function rowF32op(op: i32, a: usize, sa: i32, b: usize, sb: i32, y: usize, n: i32, simd: bool): void {
  let i = 0;
  if (simd && vecF32(op) && sa == 1 && sb == 1) {
    // Both operands contiguous (the common case): no broadcast test in the loop, two vectors a step.
    for (; i + 8 <= n; i += 8) {
      v128.store(at4(y, i), vF32(op, v128.load(at4(a, i)), v128.load(at4(b, i))));
      v128.store(at4(y, i), vF32(op, v128.load(at4(a, i), 16), v128.load(at4(b, i), 16)), 16);
    }
    for (; i + 4 <= n; i += 4) v128.store(at4(y, i), vF32(op, v128.load(at4(a, i)), v128.load(at4(b, i))));
  } else if (simd && vecF32(op)) {
    const ka = <usize>(sa << 4), kb = <usize>(sb << 4);
    let va = v128.load32_splat(a), vb = v128.load32_splat(b);
    let pa = a, pb = b;
    for (; i + 4 <= n; i += 4) {
      if (sa) va = v128.load(pa);
      if (sb) vb = v128.load(pb);
      v128.store(at4(y, i), vF32(op, va, vb));
      pa += ka; pb += kb;
    }
  }
  for (; i < n; i++) store<f32>(at4(y, i), sF32(op, load<f32>(at4(a, i * sa)), load<f32>(at4(b, i * sb))));
}

function rowF32(op: i32, a: usize, sa: i32, b: usize, sb: i32, y: usize, n: i32): void {
  switch (op) {
    case 0: rowF32op(0, a, sa, b, sb, y, n, true); break; case 1: rowF32op(1, a, sa, b, sb, y, n, true); break;
    case 2: rowF32op(2, a, sa, b, sb, y, n, true); break; case 3: rowF32op(3, a, sa, b, sb, y, n, true); break;
    case 4: rowF32op(4, a, sa, b, sb, y, n, true); break; case 5: rowF32op(5, a, sa, b, sb, y, n, true); break;
    case 6: rowF32op(6, a, sa, b, sb, y, n, true); break; case 7: rowF32op(7, a, sa, b, sb, y, n, true); break;
    case 8: rowF32op(8, a, sa, b, sb, y, n, true); break; case 9: rowF32op(9, a, sa, b, sb, y, n, true); break;
    case 10: rowF32op(10, a, sa, b, sb, y, n, true); break; case 11: rowF32op(11, a, sa, b, sb, y, n, true); break;
    case 12: rowF32op(12, a, sa, b, sb, y, n, true); break; case 13: rowF32op(13, a, sa, b, sb, y, n, true); break;
  }
}

function rowF32scalar(op: i32, a: usize, sa: i32, b: usize, sb: i32, y: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f32>(at4(y, i), sF32(op, load<f32>(at4(a, i * sa)), load<f32>(at4(b, i * sb))));
}

// ---- i32 → i32 -----------------------------------------------------------------------------------

@inline function floorDivI32(a: i32, b: i32): i32 {
  if (b == 0) return 0; // TensorFlow.js returns 0 for integer division by zero instead of trapping
  if (b == -1 && a == i32.MIN_VALUE) return a;
  const q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

@inline function sI32(op: i32, a: i32, b: i32): i32 {
  switch (op) {
    case Binary.Add: return a + b;
    case Binary.Sub: return a - b;
    case Binary.Mul: return a * b;
    case Binary.Div: return floorDivI32(a, b);
    case Binary.Maximum: return a > b ? a : b;
    case Binary.Minimum: return a < b ? a : b;
    // a negative exponent truncates the real power (tfjs): 0 except for bases 1 and -1
    case Binary.Pow: { let r = 1, base = a, e = b; if (e < 0) return base == 1 ? 1 : base == -1 ? (e & 1 ? -1 : 1) : 0; while (e) { if (e & 1) r *= base; base *= base; e >>= 1; } return r; }
    case Binary.FloorDiv: return floorDivI32(a, b);
    case Binary.Mod: { if (b == 0) return 0; const r = a % b; return r != 0 && ((r < 0) != (b < 0)) ? r + b : r; }
    case Binary.SquaredDifference: { const d = a - b; return d * d; }
    // the angle truncated toward 0, as tfjs stores it in an int32 tensor
    case Binary.Atan2: return <i32>Math.atan2(<f64>a, <f64>b);
    case Binary.DivNoNan: return floorDivI32(a, b); // 0 for b = 0 already
    case Binary.BitwiseAnd: return a & b;
    default: return 0;
  }
}

function rowI32(op: i32, a: usize, sa: i32, b: usize, sb: i32, y: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<i32>(at4(y, i), sI32(op, load<i32>(at4(a, i * sa)), load<i32>(at4(b, i * sb))));
}

// ---- comparisons and logic → bool (one byte per element) -------------------------------------------

@inline function cmp<T>(op: i32, a: T, b: T): u8 {
  switch (op) {
    case Compare.Equal: return <u8>(a == b);
    case Compare.NotEqual: return <u8>(a != b);
    case Compare.Greater: return <u8>(a > b);
    case Compare.GreaterEqual: return <u8>(a >= b);
    case Compare.Less: return <u8>(a < b);
    case Compare.LessEqual: return <u8>(a <= b);
    case Compare.LogicalAnd: return <u8>(a != <T>0 && b != <T>0);
    case Compare.LogicalOr: return <u8>(a != <T>0 || b != <T>0);
    case Compare.LogicalXor: return <u8>((a != <T>0) != (b != <T>0));
    default: return 0;
  }
}

function rowCmpF32(op: i32, a: usize, sa: i32, b: usize, sb: i32, y: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<u8>(y + i, cmp<f32>(op, load<f32>(at4(a, i * sa)), load<f32>(at4(b, i * sb))));
}
function rowCmpI32(op: i32, a: usize, sa: i32, b: usize, sb: i32, y: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<u8>(y + i, cmp<i32>(op, load<i32>(at4(a, i * sa)), load<i32>(at4(b, i * sb))));
}
function rowCmpU8(op: i32, a: usize, sa: i32, b: usize, sb: i32, y: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<u8>(y + i, cmp<u8>(op, load<u8>(a + i * sa), load<u8>(b + i * sb)));
}

// ---- the broadcast walk, shared by all element types --------------------------------------------

type Row = (op: i32, a: usize, sa: i32, b: usize, sb: i32, y: usize, n: i32) => void;

@inline function walk(row: Row, op: i32, a: usize, b: usize, y: usize, rank: i32, dims: usize,
                      inBytes: i32, outBytes: i32): void {
  const shape = dims, strA = dims + (<usize>rank << 2), strB = dims + (<usize>rank << 3);
  const count = dims + (<usize>rank * 12);
  const last = rank - 1;
  const n = load<i32>(at4(shape, last));
  const sa = load<i32>(at4(strA, last)), sb = load<i32>(at4(strB, last));
  let outer = 1;
  for (let d = 0; d < last; d++) { outer *= load<i32>(at4(shape, d)); store<i32>(at4(count, d), 0); }
  let offA = 0, offB = 0;
  for (let o = 0; o < outer; o++) {
    row(op, a + <usize>(offA * inBytes), sa, b + <usize>(offB * inBytes), sb, y + <usize>(o * n * outBytes), n);
    for (let d = last - 1; d >= 0; d--) {
      const c = load<i32>(at4(count, d)) + 1;
      const dsa = load<i32>(at4(strA, d)), dsb = load<i32>(at4(strB, d));
      offA += dsa; offB += dsb;
      if (c < load<i32>(at4(shape, d))) { store<i32>(at4(count, d), c); break; }
      store<i32>(at4(count, d), 0);
      offA -= dsa * c; offB -= dsb * c;
    }
  }
}

// Two dimensions with contiguous rows of a multiple of 4 (a bias [n] added to [rows, n], or rows of a
// matrix combined with one row): one loop, no per-row call (2.5× faster for n = 32). Each op has its own
// loop written out: binaryen folds copies of one inlined generic loop back into a loop that switches on
// the op for every vector.
@inline function rowsPtr(p: usize, r: i32, stride: i32): usize { return p + (<usize>(r * stride) << 2); }
function rowsAdd(a: usize, sa: i32, b: usize, sb: i32, y: usize, rows: i32, n: i32): void {
  for (let r = 0; r < rows; r++) {
    const pa = rowsPtr(a, r, sa), pb = rowsPtr(b, r, sb), py = rowsPtr(y, r, n);
    for (let i = 0; i < n; i += 4) v128.store(at4(py, i), f32x4.add(v128.load(at4(pa, i)), v128.load(at4(pb, i))));
  }
}
function rowsSub(a: usize, sa: i32, b: usize, sb: i32, y: usize, rows: i32, n: i32): void {
  for (let r = 0; r < rows; r++) {
    const pa = rowsPtr(a, r, sa), pb = rowsPtr(b, r, sb), py = rowsPtr(y, r, n);
    for (let i = 0; i < n; i += 4) v128.store(at4(py, i), f32x4.sub(v128.load(at4(pa, i)), v128.load(at4(pb, i))));
  }
}
function rowsMul(a: usize, sa: i32, b: usize, sb: i32, y: usize, rows: i32, n: i32): void {
  for (let r = 0; r < rows; r++) {
    const pa = rowsPtr(a, r, sa), pb = rowsPtr(b, r, sb), py = rowsPtr(y, r, n);
    for (let i = 0; i < n; i += 4) v128.store(at4(py, i), f32x4.mul(v128.load(at4(pa, i)), v128.load(at4(pb, i))));
  }
}
function rowsDiv(a: usize, sa: i32, b: usize, sb: i32, y: usize, rows: i32, n: i32): void {
  for (let r = 0; r < rows; r++) {
    const pa = rowsPtr(a, r, sa), pb = rowsPtr(b, r, sb), py = rowsPtr(y, r, n);
    for (let i = 0; i < n; i += 4) v128.store(at4(py, i), f32x4.div(v128.load(at4(pa, i)), v128.load(at4(pb, i))));
  }
}

/**
 * y = op(a, b) over f32 with broadcasting. `dims`: shape, a's strides, b's strides (rank i32 each), then
 * rank i32 the kernel overwrites (its loop counters): 16·rank bytes.
 */
export function f32_binary__wasmsimd(op: i32, a: usize, b: usize, y: usize, rank: i32, dims: usize): void {
  const n = load<i32>(at4(dims, 1));
  if (rank == 2 && (n & 3) == 0 && load<i32>(at4(dims, 3)) == 1 && load<i32>(at4(dims, 5)) == 1) {
    const rows = load<i32>(dims), sa = load<i32>(at4(dims, 2)), sb = load<i32>(at4(dims, 4));
    switch (op) {
      case Binary.Add: rowsAdd(a, sa, b, sb, y, rows, n); return;
      case Binary.Sub: rowsSub(a, sa, b, sb, y, rows, n); return;
      case Binary.Mul: rowsMul(a, sa, b, sb, y, rows, n); return;
      case Binary.Div: rowsDiv(a, sa, b, sb, y, rows, n); return;
    }
  }
  walk(rowF32, op, a, b, y, rank, dims, 4, 4);
}
/** Scalar twin of f32_binary__wasmsimd (the same `dims`, 16·rank bytes, the last 4·rank overwritten). */
export function f32_binary__scalar(op: i32, a: usize, b: usize, y: usize, rank: i32, dims: usize): void {
  walk(rowF32scalar, op, a, b, y, rank, dims, 4, 4);
}
/** y = op(a, b) over i32 with broadcasting (the same `dims`, 16·rank bytes, the last 4·rank overwritten). */
export function i32_binary__scalar(op: i32, a: usize, b: usize, y: usize, rank: i32, dims: usize): void {
  walk(rowI32, op, a, b, y, rank, dims, 4, 4);
}
/** bool y = a <op> b for f32 operands (the same `dims`, 16·rank bytes, the last 4·rank overwritten). */
export function f32_compare__scalar(op: i32, a: usize, b: usize, y: usize, rank: i32, dims: usize): void {
  walk(rowCmpF32, op, a, b, y, rank, dims, 4, 1);
}
/** bool y = a <op> b for i32 operands (the same `dims`). */
export function i32_compare__scalar(op: i32, a: usize, b: usize, y: usize, rank: i32, dims: usize): void {
  walk(rowCmpI32, op, a, b, y, rank, dims, 4, 1);
}
/** bool y = a <op> b for bool (u8) operands (the same `dims`). */
export function u8_compare__scalar(op: i32, a: usize, b: usize, y: usize, rank: i32, dims: usize): void {
  walk(rowCmpU8, op, a, b, y, rank, dims, 1, 1);
}

/**
 * y = cond ? a : b (4-byte elements, 1-byte cond) with broadcasting of all three. `dims`: shape, a's, b's
 * and cond's strides (rank i32 each), then rank i32 the kernel overwrites (its loop counters): 20·rank bytes.
 */
export function select_32(cond: usize, a: usize, b: usize, y: usize, rank: i32, dims: usize): void {
  const shape = dims, strA = dims + (<usize>rank << 2), strB = dims + (<usize>rank << 3);
  const strC = dims + (<usize>rank * 12), count = dims + (<usize>rank << 4);
  let total = 1;
  for (let d = 0; d < rank; d++) { total *= load<i32>(at4(shape, d)); store<i32>(at4(count, d), 0); }
  let oa = 0, ob = 0, oc = 0;
  for (let i = 0; i < total; i++) {
    store<i32>(at4(y, i), load<u8>(cond + oc) ? load<i32>(at4(a, oa)) : load<i32>(at4(b, ob)));
    for (let d = rank - 1; d >= 0; d--) {
      const c = load<i32>(at4(count, d)) + 1;
      const da = load<i32>(at4(strA, d)), db = load<i32>(at4(strB, d)), dc = load<i32>(at4(strC, d));
      oa += da; ob += db; oc += dc;
      if (c < load<i32>(at4(shape, d))) { store<i32>(at4(count, d), c); break; }
      store<i32>(at4(count, d), 0);
      oa -= da * c; ob -= db * c; oc -= dc * c;
    }
  }
}
