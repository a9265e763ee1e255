// Where each build of the kernels comes from: `new URL(<literal>, import.meta.url)`, the form every bundler
// that handles assets recognises (webpack 5, Rollup with an import-meta-assets plugin, Vite, Parcel), so it
// copies the .wasm next to the app. This file is what the sources use (the tests, tsc's dist/), where the
// files are the package's build/. The bundles the package ships replace it (scripts/build-dist.mjs):
// dist/bundle/index.js and index.cjs use `new URL('./ascent.wasm', import.meta.url)` with copies of the
// files next to them, so for tools that copy nothing (esbuild) the rule is "ascent.wasm next to the
// bundle", and `ascent/inline` uses wasm-inline.ts (the bytes embedded).

/** A build of the kernels: a URL or a path (a string), or the bytes themselves. */
export type WasmSource = URL | string | Uint8Array;

export const WASM_SOURCES = {
  simd: (): WasmSource => new URL('../../build/ascent.wasm', import.meta.url),
  'relaxed-simd': (): WasmSource => new URL('../../build/ascent-fma.wasm', import.meta.url),
  /** The 'simd' build on an imported shared memory, for threads (loaded only by tf.setThreads). */
  threads: (): WasmSource | null => new URL('../../build/ascent-mt.wasm', import.meta.url),
};
