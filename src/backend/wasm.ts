// Loading the kernels: compile the module once (Node or browser, see fetch-bytes.ts) and instantiate
// it; the module imports nothing (no runtime, abort disabled), so the raw exports are the whole ABI,
// typed by `Kernels` in src/backend/abi.ts (generated from assembly/ by scripts/gen-abi.mjs).
import type { Kernels } from './abi.js';
import { compileFrom } from './fetch-bytes.js';
import { Heap } from './heap.js';

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
