// Loading the kernels: compile the module once (Node or browser, see fetch-bytes.ts) and instantiate
// it; the module imports nothing (no runtime, abort disabled), so the raw exports are the whole ABI.
import { compileFrom } from './fetch-bytes.js';
import { Heap } from './heap.js';

/** The raw kernel exports (see assembly/index.ts for their contracts). */
export interface Kernels {
  memory: WebAssembly.Memory;
  heap_base(): number;
  f32_unary__wasmsimd(op: number, x: number, y: number, n: number): void;
  f32_unary__scalar(op: number, x: number, y: number, n: number): void;
  f32_binary__wasmsimd(op: number, a: number, b: number, y: number, rank: number, dims: number): void;
  f32_binary__scalar(op: number, a: number, b: number, y: number, rank: number, dims: number): void;
  i32_binary__scalar(op: number, a: number, b: number, y: number, rank: number, dims: number): void;
  f32_compare__scalar(op: number, a: number, b: number, y: number, rank: number, dims: number): void;
  i32_compare__scalar(op: number, a: number, b: number, y: number, rank: number, dims: number): void;
  u8_compare__scalar(op: number, a: number, b: number, y: number, rank: number, dims: number): void;
  select_32(cond: number, a: number, b: number, y: number, rank: number, dims: number): void;
  f32_reduce__wasmsimd(op: number, x: number, y: number, outer: number, r: number, inner: number): void;
  f32_reduce__scalar(op: number, x: number, y: number, outer: number, r: number, inner: number): void;
  i32_reduce__scalar(op: number, x: number, y: number, outer: number, r: number, inner: number): void;
  f32_argreduce__scalar(op: number, x: number, y: number, outer: number, r: number, inner: number): void;
  i32_argreduce__scalar(op: number, x: number, y: number, outer: number, r: number, inner: number): void;
  f32_gemm_scratch_floats(): number;
  f32_gemm__wasmsimd_4x8(M: number, N: number, K: number, a: number, ars: number, acs: number,
    b: number, brs: number, bcs: number, c: number, pack: number, accumulate: number): void;
  f32_gemm__scalar(M: number, N: number, K: number, a: number, ars: number, acs: number,
    b: number, brs: number, bcs: number, c: number, pack: number, accumulate: number): void;
  f32_random_uniform(y: number, n: number, seedLo: number, seedHi: number, lo: number, hi: number, tmp: number): void;
  i32_random_uniform(y: number, n: number, seedLo: number, seedHi: number, lo: number, hi: number, tmp: number): void;
  f32_random_normal(y: number, n: number, seedLo: number, seedHi: number, mean: number, std: number, tmp: number): void;
  f32_truncated_normal(y: number, n: number, seedLo: number, seedHi: number, mean: number, std: number, tmp: number): void;
  f32_random_bernoulli(y: number, n: number, seedLo: number, seedHi: number, keep: number, scale: number, tmp: number): void;
  x32_transpose(x: number, y: number, rank: number, dims: number): void;
  x8_transpose(x: number, y: number, rank: number, dims: number): void;
  x32_fill(y: number, n: number, bits: number): void;
  cast_f32_i32(x: number, y: number, n: number): void;
  cast_i32_f32(x: number, y: number, n: number): void;
  cast_u8_x32(x: number, y: number, n: number, one: number): void;
  cast_f32_u8(x: number, y: number, n: number): void;
  cast_i32_u8(x: number, y: number, n: number): void;
  f32_one_hot(indices: number, y: number, n: number, depth: number, on: number, off: number): void;
  f32_im2col(x: number, cols: number, geom: number): void;
  f32_col2im(cols: number, dx: number, geom: number): void;
  f32_maxpool(x: number, y: number, geom: number): void;
  f32_maxpool_backward(x: number, y: number, src: number, dst: number, geom: number, mode: number): void;
  f32_avgpool(src: number, dst: number, geom: number, mode: number): void;
  x32_strided_copy__wasmsimd(src: number, dst: number, rank: number, dims: number): void;
  x32_strided_copy__scalar(src: number, dst: number, rank: number, dims: number): void;
  f32_strided_add__wasmsimd(src: number, dst: number, rank: number, dims: number): void;
  f32_strided_add__scalar(src: number, dst: number, rank: number, dims: number): void;
  x8_strided_copy(src: number, dst: number, rank: number, dims: number): void;
  // gather / scatter / where (assembly/misc/gather.ts): the checking kernels return -1 or the first bad position
  x32_gather(x: number, idx: number, y: number, B: number, outer: number, A: number, inner: number, N: number): number;
  x8_gather(x: number, idx: number, y: number, B: number, outer: number, A: number, inner: number, N: number): number;
  i32_nd_linear(idx: number, out: number, n: number, depth: number, shape: number): number;
  f32_segment_sum__wasmsimd(x: number, ids: number, y: number, n: number, inner: number, numSegments: number): number;
  f32_segment_sum__scalar(x: number, ids: number, y: number, n: number, inner: number, numSegments: number): number;
  i32_segment_sum__wasmsimd(x: number, ids: number, y: number, n: number, inner: number, numSegments: number): number;
  u8_count_nonzero(x: number, n: number): number;
  u8_where_coords(x: number, out: number, n: number, rank: number, shape: number): void;
  // scans (assembly/misc/scan.ts)
  f32_cumsum__wasmsimd(x: number, y: number, outer: number, r: number, inner: number, exclusive: boolean, reverse: boolean): void;
  f32_cumsum__scalar(x: number, y: number, outer: number, r: number, inner: number, exclusive: boolean, reverse: boolean): void;
  i32_cumsum__wasmsimd(x: number, y: number, outer: number, r: number, inner: number, exclusive: boolean, reverse: boolean): void;
  f32_topk(x: number, vals: number, idx: number, rows: number, n: number, k: number, tmp: number): void;
  // activations and fused cross-entropies (assembly/f32-nn)
  f32_act__wasmsimd(op: number, x: number, y: number, n: number, alpha: number): void;
  f32_act__scalar(op: number, x: number, y: number, n: number, alpha: number): void;
  f32_softmax_xent(labels: number, logits: number, loss: number, rows: number, n: number): void;
  f32_sigmoid_xent(labels: number, logits: number, loss: number, n: number): void;
  // depthwise conv (assembly/f32-conv/depthwise.ts): geom = the 14 conv fields + channel multiplier
  f32_depthwise__wasmsimd(x: number, w: number, y: number, geom: number): void;
  f32_depthwise__scalar(x: number, w: number, y: number, geom: number): void;
  f32_depthwise_backward_input__wasmsimd(dy: number, w: number, dx: number, geom: number): void;
  f32_depthwise_backward_input__scalar(dy: number, w: number, dx: number, geom: number): void;
  f32_depthwise_backward_filter__wasmsimd(x: number, dy: number, dw: number, geom: number): void;
  f32_depthwise_backward_filter__scalar(x: number, dy: number, dw: number, geom: number): void;
  // fused optimizer updates (assembly/optim/update.ts): gs = gradient scale, clip = clip value (Infinity: none),
  // wd = lr·weightDecay; optional slots are pointer 0
  f32_sgd__wasmsimd(x: number, g: number, n: number, lr: number, gs: number, clip: number, wd: number): void;
  f32_sgd__scalar(x: number, g: number, n: number, lr: number, gs: number, clip: number, wd: number): void;
  f32_momentum__wasmsimd(x: number, g: number, m: number, n: number, mu: number, s: number, c: number, nesterov: number, gs: number, clip: number, wd: number): void;
  f32_momentum__scalar(x: number, g: number, m: number, n: number, mu: number, s: number, c: number, nesterov: number, gs: number, clip: number, wd: number): void;
  f32_adam__wasmsimd(x: number, g: number, m: number, v: number, vhat: number, n: number, b1: number, c1: number, b2: number, c2: number, alpha: number, eps: number, gs: number, clip: number, wd: number): void;
  f32_adam__scalar(x: number, g: number, m: number, v: number, vhat: number, n: number, b1: number, c1: number, b2: number, c2: number, alpha: number, eps: number, gs: number, clip: number, wd: number): void;
  f32_adamax__wasmsimd(x: number, g: number, m: number, u: number, n: number, b1: number, c1: number, b2: number, alpha: number, eps: number, gs: number, clip: number, wd: number): void;
  f32_adamax__scalar(x: number, g: number, m: number, u: number, n: number, b1: number, c1: number, b2: number, alpha: number, eps: number, gs: number, clip: number, wd: number): void;
  f32_rmsprop__wasmsimd(x: number, g: number, ms: number, mom: number, mg: number, n: number, rho: number, c: number, mu: number, lr: number, epsIn: number, epsOut: number, gs: number, clip: number, wd: number): void;
  f32_rmsprop__scalar(x: number, g: number, ms: number, mom: number, mg: number, n: number, rho: number, c: number, mu: number, lr: number, epsIn: number, epsOut: number, gs: number, clip: number, wd: number): void;
  f32_adagrad__wasmsimd(x: number, g: number, acc: number, n: number, lr: number, eps: number, gs: number, clip: number, wd: number): void;
  f32_adagrad__scalar(x: number, g: number, acc: number, n: number, lr: number, eps: number, gs: number, clip: number, wd: number): void;
  f32_adadelta__wasmsimd(x: number, g: number, ag: number, ad: number, n: number, rho: number, c: number, lr: number, eps: number, useNew: number, gs: number, clip: number, wd: number): void;
  f32_adadelta__scalar(x: number, g: number, ag: number, ad: number, n: number, rho: number, c: number, lr: number, eps: number, useNew: number, gs: number, clip: number, wd: number): void;
  f32_sumsq__wasmsimd(x: number, n: number): number;
  f32_sumsq__scalar(x: number, n: number): number;
  f64_pow(x: number, y: number): number;
  f64_cos(x: number): number;
}

let kernels: Kernels | null = null;
let heap: Heap | null = null;
let loading: Promise<void> | null = null;
// `new URL(literal, import.meta.url)`, so bundlers see and copy both files
const BUILD_URLS = {
  simd: () => new URL('../../build/ascent.wasm', import.meta.url),
  'relaxed-simd': () => new URL('../../build/ascent-fma.wasm', import.meta.url),
};
let build: WasmBuild = 'simd';
let wasmUrl: URL | string = BUILD_URLS.simd();

/** Where to fetch ascent.wasm from (call before `ready()`; e.g. when a bundler moves the file). */
export function setWasmPath(url: URL | string): void {
  if (kernels) throw new Error('setWasmPath: the kernels are already loaded; call it before tf.ready()');
  wasmUrl = url;
}

export type WasmBuild = 'simd' | 'relaxed-simd';

/**
 * 'simd' (the default): plain SIMD128, bit-identical results on every engine. 'relaxed-simd': the opt-in
 * fast build whose matrix products use fused multiply-adds (~1.2× faster GEMMs; results differ in the
 * last bits and may differ between CPUs). Needs an engine with relaxed SIMD (Chrome/Edge ≥ 114, Node ≥ 22,
 * or Node 20 with --experimental-wasm-relaxed-simd). Call before `tf.ready()`.
 * @example tf.setWasmBuild('relaxed-simd'); await tf.ready();
 */
export function setWasmBuild(which: WasmBuild): void {
  if (which !== 'simd' && which !== 'relaxed-simd') throw new Error(`setWasmBuild: expected 'simd' or 'relaxed-simd', got '${String(which)}'`);
  if (kernels) throw new Error('setWasmBuild: the kernels are already loaded; call it before tf.ready()');
  build = which;
  wasmUrl = BUILD_URLS[which]();
}

/** The build in use ('simd' or 'relaxed-simd'). */
export function getWasmBuild(): WasmBuild { return build; }

/** Loads and instantiates the kernels once; every op after it is synchronous. */
export function ready(): Promise<void> {
  if (!loading) {
    loading = (async () => {
      const module = await compileFrom(wasmUrl).catch((e: unknown) => {
        if (build === 'simd' || !(e instanceof WebAssembly.CompileError)) throw e;
        throw new Error('ascent: this engine cannot run the relaxed-SIMD build (it needs Chrome/Edge ≥ 114, Node ≥ 22 ' +
          `or node --experimental-wasm-relaxed-simd); use tf.setWasmBuild('simd'). (${(e as Error).message})`);
      });
      const instance = await WebAssembly.instantiate(module, {});
      kernels = instance.exports as unknown as Kernels;
      heap = new Heap(kernels.memory, kernels.heap_base());
    })();
    loading.catch(() => { loading = null; });
  }
  return loading;
}

/** The raw exports; throws a clear error when used before `await tf.ready()`. */
export function K(): Kernels {
  if (kernels === null) throw new Error('ascent: call `await tf.ready()` once before using tensors');
  return kernels;
}

export function H(): Heap {
  if (heap === null) throw new Error('ascent: call `await tf.ready()` once before using tensors');
  return heap;
}
