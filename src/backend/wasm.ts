// Loading the kernels: compile the module once (Node or browser, see fetch-bytes.ts) and instantiate
// it; the module imports nothing (no runtime, abort disabled), so the raw exports are the whole ABI,
// typed by `Kernels` in src/backend/abi.ts (generated from assembly/ by scripts/gen-abi.mjs).
import type { Kernels } from './abi.js';
import { compileFrom, locate } from './fetch-bytes.js';
import { Heap } from './heap.js';
import { isNode } from './node.js';
import { WASM_SOURCES, type WasmSource } from './wasm-source.js';

let kernels: Kernels | null = null;
let heap: Heap | null = null;
let loading: Promise<void> | null = null;
let build: WasmBuild = 'simd';
/** Set by setWasmPath; null: the build's own file (wasm-source.ts, or the bytes in `ascent/inline`). */
let source: WasmSource | null = null;

/**
 * Where to load the kernels (`ascent.wasm`) from, when your bundler or server does not put the file where
 * ascent looks by default (next to the package's own files, found with `new URL(…, import.meta.url)`, which
 * esbuild, webpack 5, Rollup with an import-meta-assets plugin and Vite all follow). Call it before
 * `tf.ready()`, and after `tf.setWasmBuild()` (which resets it), with the file of that build
 * (`ascent.wasm`, or `ascent-fma.wasm` for 'relaxed-simd'; both are in the package's `build/`).
 *
 * Accepts a `URL` object or a string: an absolute URL (`https:`, `file:`, `data:`, `blob:` …) as it is; in
 * browsers and workers a relative URL resolved against the page's location (`document.baseURI`, in a worker
 * the worker script's URL); in Node a file path, relative ones resolved against the working directory. It is
 * resolved when you call it.
 * @example tf.setWasmPath('/static/ascent.wasm'); await tf.ready();
 * @example tf.setWasmPath(new URL('./vendor/ascent.wasm', import.meta.url));
 */
export function setWasmPath(url: URL | string): void {
  if (kernels) throw new Error('setWasmPath: the kernels are already loaded; call it before tf.ready()');
  source = locate('setWasmPath', url);
}

export type WasmBuild = 'simd' | 'relaxed-simd';

/**
 * 'simd' (the default): plain SIMD128, bit-identical results on every engine. 'relaxed-simd': the opt-in
 * fast build whose matrix products use fused multiply-adds (~1.2× faster GEMMs; results differ in the
 * last bits and may differ between CPUs). Needs an engine with relaxed SIMD (Chrome/Edge ≥ 114, Node ≥ 22,
 * or Node 20 with --experimental-wasm-relaxed-simd). Call before `tf.ready()`, and before `tf.setWasmPath()`: it
 * resets the location to the build's own file.
 * @example tf.setWasmBuild('relaxed-simd'); await tf.ready();
 */
export function setWasmBuild(which: WasmBuild): void {
  if (which !== 'simd' && which !== 'relaxed-simd') throw new Error(`setWasmBuild: expected 'simd' or 'relaxed-simd', got '${String(which)}'`);
  if (kernels) throw new Error('setWasmBuild: the kernels are already loaded; call it before tf.ready()');
  build = which;
  source = null;
}

/** The build in use ('simd' or 'relaxed-simd'). */
export function getWasmBuild(): WasmBuild { return build; }

/**
 * Loads and instantiates the kernels once; every op after it is synchronous. Where shared memory is possible
 * (Node; a cross-origin isolated page or worker) it loads the threaded build and starts the worker threads in
 * the background (README, Threads): until they are up, and for small work, ops run on the calling thread, with
 * the same results. `await tf.setThreads(1)` before it keeps ascent on one thread.
 */
export function ready(): Promise<void> {
  if (!loading) {
    loading = (async () => {
      if (sharedWanted) { await loadShared(); return; }
      const auto = autoThreads && autoBlock() === 0;
      if (auto) {
        try {
          await loadShared();
          // pool.ts only now, and only here: an app that cannot use threads never downloads it
          void import('./pool.js').then((m) => m.autoStart(), (e: unknown) => `pool.js could not be loaded: ${(e as Error).message}`).then((note) => {
            if (note === null || !autoThreads) return;
            autoNote = note.replace(/^ascent: /, '');
            if (note !== 'this machine has one core') console.warn(`ascent: threads are off, running on one thread: ${autoNote}`);
          });
          return;
        } catch (e) {
          // the threaded build could not be loaded (not copied next to ascent.wasm?): the default one, on one thread
          autoNote = (e as Error).message.replace(/^ascent: /, '');
          console.warn(`ascent: threads are off, running on one thread: ${autoNote} (tf.setThreads(1) before tf.ready() silences this)`);
        }
      }
      const module = await compileFrom(source ?? WASM_SOURCES[build]()).catch((e: unknown) => {
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

// Threads by default (issue 18). ready() decides from the environment alone (shared memory possible, the 'simd'
// build, a threaded build to load); tf.setThreads(n), called before it, decides instead (threads.ts calls
// noAutoThreads), and so does ASCENT_THREADS=n in a Node process's environment.
let autoThreads = true;
/** Why the threaded build was not loaded by ready() (null: it was, or ready() has not run). */
let autoNote: string | null = null;

/** @internal tf.setThreads was called: its choice replaces the default. */
export function noAutoThreads(): void { autoThreads = false; }
/** @internal False once tf.setThreads has been called. */
export function autoThreadsOn(): boolean { return autoThreads; }

/** @internal ASCENT_THREADS in a Node process's environment (an integer ≥ 1), else undefined. */
export function envThreads(): number | undefined {
  const v = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.ASCENT_THREADS;
  const n = v === undefined || v === '' ? NaN : Number(v);
  return Number.isInteger(n) && n >= 1 ? Math.min(64, n) : undefined;
}

/**
 * @internal Why ready() would not use threads here, as a code (threads.ts words it): 0 it will, 1 no
 * SharedArrayBuffer/Atomics, 2 not cross-origin isolated, 3 ASCENT_THREADS=1, 4 not the 'simd' build, 5 no
 * threaded build to load (ascent/inline).
 */
export function autoBlock(): number {
  const g = globalThis as { SharedArrayBuffer?: unknown; Atomics?: unknown; crossOriginIsolated?: boolean };
  if (typeof g.SharedArrayBuffer !== 'function' || typeof g.Atomics !== 'object') return 1;
  if (!isNode() && g.crossOriginIsolated !== true) return 2;
  if (envThreads() === 1) return 3;
  if (build !== 'simd') return 4;
  return threadedSource() === null ? 5 : 0;
}

/** @internal Why threads did not start by default: a message, a code of autoBlock, or null (they did, or are starting, or setThreads decided). */
export function autoThreadsNote(): string | number | null {
  if (!autoThreads) return null;
  return autoNote ?? (autoBlock() || null);
}

/** @internal True once the kernels are loaded. */
export function loaded(): boolean { return kernels !== null; }

/** The raw exports; throws a clear error when used before `await tf.ready()`. */
export function K(): Kernels {
  if (kernels === null) throw new Error('ascent: call `await tf.ready()` once before using tensors');
  return kernels;
}

export function H(): Heap {
  if (heap === null) throw new Error('ascent: call `await tf.ready()` once before using tensors');
  return heap;
}

// Threads (src/backend/threads.ts). The worker threads run the kernels on the same memory as the main thread, so
// that memory must be a shared WebAssembly.Memory, which only the threaded build (build/ascent-mt.wasm: the same
// sources as the 'simd' build, compiled with atomics and an imported shared memory, so its results are the same
// bits) can use. The engine moves onto it when tf.setThreads(n > 1) is first called: before the kernels are
// loaded it simply loads that build; after, the current memory is copied byte for byte into a new shared one
// and the threaded build instantiated on it, so every tensor, the heap's free lists and the scratch keep their
// addresses (the two builds have the same static data and heap base, which is checked). It stays on the shared
// memory afterwards (setThreads(1) only stops the workers): results are the same on either.

/** Set by toSharedMemory before the kernels are loaded: ready() loads the threaded build. */
let sharedWanted = false;
let threaded: { module: WebAssembly.Module; memory: WebAssembly.Memory } | null = null;

/** @internal Where the threaded build is: next to the file setWasmPath named, else the package's own; null when unknown. */
function threadedSource(): WasmSource | null {
  if (source === null) return WASM_SOURCES.threads();
  if (source instanceof Uint8Array) return null;
  // (a variable, not a literal: bundlers treat `new URL('….wasm', …)` as an asset reference)
  const file = 'ascent-mt.wasm';
  if (typeof source === 'string') return source.replace(/[^\\/]*$/, file);
  return new URL(file, source);
}

/** A shared memory of `pages` pages; the maximum is as large as this engine grants (4 GiB, else less). */
function sharedMemory(pages: number): WebAssembly.Memory {
  let err: unknown;
  for (const maximum of [65536, 32768, 16384, 8192]) {
    if (maximum < pages) break;
    try { return new WebAssembly.Memory({ initial: pages, maximum, shared: true }); } catch (e) { err = e; }
  }
  throw new Error(`ascent: cannot create a shared WebAssembly.Memory of ${pages} pages: ${(err as Error)?.message ?? 'too large'}`);
}

async function compileThreaded(): Promise<WebAssembly.Module> {
  const src = threadedSource();
  if (src === null) throw new Error('the threaded build (ascent-mt.wasm) is not embedded in ascent/inline; call tf.setWasmPath(url of ascent.wasm) with ascent-mt.wasm next to it');
  return compileFrom(src);
}

async function loadShared(): Promise<void> {
  const module = await compileThreaded();
  const memory = sharedMemory(64);
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  kernels = instance.exports as unknown as Kernels;
  heap = new Heap(memory, kernels.heap_base());
  threaded = { module, memory };
}

/**
 * @internal Puts the engine on the threaded build and a shared memory (loading it, or switching to it as described
 * above) and returns the module and memory for the workers.
 */
export async function toSharedMemory(): Promise<{ module: WebAssembly.Module; memory: WebAssembly.Memory }> {
  if (threaded) return threaded;
  if (build !== 'simd') throw new Error(`the '${build}' build has no threaded variant (threads use the 'simd' build)`);
  if (!loading) sharedWanted = true;
  try {
    await ready();
  } catch (e) {
    if (!sharedWanted) throw e;
    // the threaded build could not be loaded: load the default one, so ascent runs on one thread
    sharedWanted = false;
    await ready();
    throw e;
  }
  sharedWanted = false;
  if (threaded) return threaded;
  const module = await compileThreaded();
  const old = kernels!;
  const memory = sharedMemory(old.memory.buffer.byteLength / 65536);
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  const next = instance.exports as unknown as Kernels;
  if (threaded) return threaded; // a concurrent call switched first
  if (next.heap_base() !== old.heap_base()) throw new Error('ascent-mt.wasm is not the build of this ascent.wasm (their heap bases differ)');
  // From here on synchronous: no op can run between the copy and the switch.
  const bytes = old.memory.buffer.byteLength;
  if (bytes > memory.buffer.byteLength) memory.grow((bytes - memory.buffer.byteLength) / 65536);
  new Uint8Array(memory.buffer).set(new Uint8Array(old.memory.buffer));
  kernels = next;
  heap!.adopt(memory);
  threaded = { module, memory };
  return threaded;
}
