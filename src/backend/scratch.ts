// Scratch memory for kernel calls. Kernels keep no state of their own between calls: the small arrays a
// call needs (shapes and strides, loop counters, the GEMM's packed panel, random-number blocks) live in
// memory the caller passes in. Each thread that runs kernels owns one Scratch; this is the main thread's.
import { H, K } from './wasm.js';

export class Scratch {
  private small = -1;
  private gemm = -1;
  /** 4 KiB for shape/stride arrays and the counters kernels keep after them (see assembly/misc). */
  static readonly SMALL_BYTES = 4096;

  /** The small area's address. */
  ptr(): number {
    if (this.small < 0) this.small = H().alloc(Scratch.SMALL_BYTES);
    return this.small;
  }
  /** Writes i32 values at the start of the small area and returns its address. */
  i32(values: readonly number[]): number {
    if (values.length * 8 > Scratch.SMALL_BYTES) throw new Error(`ascent: ${values.length} shape values exceed the kernel scratch area`);
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
