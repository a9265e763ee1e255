// The one place the kernels' callers look for threads: null until tf.setThreads(n > 1) has started workers
// (src/backend/threads.ts fills it in), so an app that never imports setThreads carries only this object.
// Each hook returns false when it does not split the call (too little work), and the caller runs it itself.

export interface Parallel {
  /** C (+)= A·B on raw pointers, as f32_gemm__wasmsimd_4x8, split over the threads; false: not split. */
  gemm: ((M: number, N: number, Kd: number, a: number, ars: number, acs: number, b: number, brs: number, bcs: number,
          c: number, accumulate: number) => boolean) | null;
}

export const par: Parallel = { gemm: null };
