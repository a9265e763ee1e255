// The one place the kernels' callers look for threads: null until workers have started (src/backend/pool.ts fills
// it in; threads.ts and wasm.ts import pool.ts dynamically), so an app that cannot use threads carries only this
// object and the ops' calls to it.
// Each hook returns false when it does not split the call (too little work), and the caller runs it itself.

export interface Parallel {
  /**
   * C (+)= A·B on raw pointers, then C = act(C + bias), as f32_gemm_ldc__wasmsimd_4x8 (B pre-packed when brs = 0),
   * split over the threads; false: not split.
   */
  gemm: ((M: number, N: number, Kd: number, a: number, ars: number, acs: number, b: number, brs: number, bcs: number,
          c: number, accumulate: number, bias: number, act: number) => boolean) | null;
  /**
   * `count` products of f32_gemm_batched (`args`: its arguments n1 … sc1), split on whole products over the
   * threads; false: not split.
   */
  batched: ((count: number, args: number[]) => boolean) | null;
  /**
   * A kernel over a batch of images (im2col, col2im, pooling: `geom[0]` is the batch size N, images are
   * independent), split on whole images: `args` are the kernel's arguments with GEOM where its geometry goes,
   * `perImage` the bytes one image spans in each pointer argument (0: not per image). False: not split.
   */
  images: ((kernel: ImageKernel, geom: number[], args: number[], perImage: number[]) => boolean) | null;
  /**
   * A kernel over `n` independent items (elements, rows, columns: each output element is computed from its own
   * inputs by the same instructions wherever the item falls), split in whole tiles of `tile` items: `per[i]` is
   * the bytes one item moves pointer argument i (0: not a pointer, passed as is), or COUNT (argument i is the
   * item count: the part's count is passed) or DIMS (argument i points to `dims`, copied per part with dims[0] =
   * the part's count). `bytes`: the bytes one item touches (default: the sum of the pointer strides), for the
   * threshold. False: not split (too little work), the caller runs it.
   */
  split: ((kernel: SplitKernel, n: number, tile: number, args: number[], per: number[], dims?: number[], bytes?: number) => boolean) | null;
  /**
   * Wakes sleeping workers ahead of splits expected soon (a training step begins: GradientTape), if the pool
   * split anything since the last call; no effect on any result.
   */
  warm: (() => void) | null;
  /** The number of threads the hooks split over (1: the hooks are null). */
  threads: number;
}

/** The kernels `images` splits (their names are in threads.ts, in this order). */
export const IM2COL = 1, COL2IM = 2, MAXPOOL = 3, MAXPOOL_BACKWARD = 4, AVGPOOL = 5;
export type ImageKernel = 1 | 2 | 3 | 4 | 5;
/** Marks the geometry's place in `images`' args. */
export const GEOM = -1;
/** The kernels `split` splits (their names are in threads.ts, in this order, after the image kernels). */
export const UNARY = 6, BINARY = 7, ACT = 8, REDUCE = 9, REDUCE_COLS = 10, SGD = 11, MOMENTUM = 12, ADAM = 13, ADAMAX = 14,
  RMSPROP = 15, ADAGRAD = 16, ADADELTA = 17, CONV_DIRECT = 18, CONV_DIRECT_FILTER = 19,
  CONV_WINOGRAD = 20, CONV_WINOGRAD_FILTER = 21;
export type SplitKernel = 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20 | 21;
/**
 * Below this many elements no elementwise, reduction or optimizer call can reach pool.ts's threshold (256 KiB at
 * most 12 bytes × 16 per element, 192 B: 1365 elements): the ops skip building `split`'s arguments for such calls.
 */
export const SPLIT_MIN_ELEMENTS = 1 << 10;
/** `split`'s markers in `per`. */
export const COUNT = -1, DIMS = -2;

export const par: Parallel = { gemm: null, batched: null, images: null, split: null, warm: null, threads: 1 };
