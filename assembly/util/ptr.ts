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
