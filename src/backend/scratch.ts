// Scratch memory for kernel calls. Kernels keep no state of their own between calls: the small arrays a
// call needs (shapes and strides, loop counters, the GEMM's packed panel, random-number blocks) live in
// memory the caller passes in. Each thread that runs kernels owns one Scratch; this is the main thread's.
import { H, K } from './wasm.js';

export class Scratch {
  private small = -1;
  private gemm = -1;
  /** 4 KiB for shape/stride arrays and the loop counters the broadcast walks keep after them. */
  static readonly SMALL_BYTES = 4096;

  /** The small area's address. */
  ptr(): number {
    if (this.small < 0) this.small = H().alloc(Scratch.SMALL_BYTES);
    return this.small;
  }
  /** Writes i32 values (a geometry, a shape) at the start of the small area and returns its address. */
  i32(values: readonly number[]): number {
    return this.write(values, 0);
  }
  /**
   * The `dims` of a broadcast walk (binary, compare, select, transpose, strided copy): the shape and one
   * stride array per operand, `rank` i32 each, then `rank` i32 reserved for the loop counters the kernel
   * writes there (see each kernel's doc comment). Returns its address.
   */
  dims(shape: readonly number[], ...strides: (readonly number[])[]): number {
    const rank = shape.length;
    for (const s of strides) if (s.length !== rank) throw new Error(`ascent: ${s.length} strides for rank ${rank} (a bug in the op)`);
    return this.write(shape.concat(...strides), rank);
  }

  /** Writes `values` and checks that `reserved` more i32 (written by the kernel) fit after them. */
  private write(values: readonly number[], reserved: number): number {
    if ((values.length + reserved) * 4 > Scratch.SMALL_BYTES) {
      throw new Error(`ascent: ${values.length} shape values (+ ${reserved} counters) exceed the ${Scratch.SMALL_BYTES}-byte kernel scratch area`);
    }
    const p = this.ptr();
    H().i32.set(values, p >>> 2);
    return p;
  }
  /** The GEMM's packing buffer (f32_gemm_scratch_floats floats). */
  gemmPanel(): number {
    if (this.gemm < 0) this.gemm = H().alloc(K().f32_gemm_scratch_floats() * 4);
    return this.gemm;
  }
}

/** The main thread's scratch. */
export const scratch = new Scratch();
