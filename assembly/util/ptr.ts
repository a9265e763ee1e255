// Pointer helpers shared by every kernel family. Kernels receive byte offsets into the one linear
// memory owned by the TypeScript heap; they never allocate and keep no mutable statics.

/** Byte address of element `i` of a 4-byte array at `p`. */
@inline export function at4(p: usize, i: i32): usize {
  return p + (<usize>i << 2);
}

/** Round half to even, as TensorFlow's `round` (numpy's banker's rounding). */
@inline export function roundEven(x: f32): f32 {
  return nearest<f32>(x);
}

/**
 * The first n (1…4) floats at p in lanes 0…n-1 (nothing read past them), lanes n…3 copies of lane 0: a tail as a
 * vector, for lane-wise code whose extra lanes are never stored (storeTail).
 */
@inline export function loadTail(p: usize, n: i32): v128 {
  if (n >= 4) return v128.load(p);
  let v = f32x4.splat(load<f32>(p));
  if (n > 1) v = f32x4.replace_lane(v, 1, load<f32>(p, 4));
  if (n > 2) v = f32x4.replace_lane(v, 2, load<f32>(p, 8));
  return v;
}

/** The first n (1…4) lanes of v at p. */
@inline export function storeTail(p: usize, v: v128, n: i32): void {
  if (n >= 4) { v128.store(p, v); return; }
  store<f32>(p, f32x4.extract_lane(v, 0));
  if (n > 1) store<f32>(p, f32x4.extract_lane(v, 1), 4);
  if (n > 2) store<f32>(p, f32x4.extract_lane(v, 2), 8);
}
