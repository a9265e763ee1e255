// `ascent/inline`: the kernels embedded in the JavaScript as base64, for bundlers and workers that cannot
// copy a .wasm asset. scripts/build-dist.mjs bundles the inline entry with this module in place of
// wasm-source.ts and defines the two constants as the base64 of build/ascent.wasm and build/ascent-fma.wasm.
// Nothing is fetched; a build's text is decoded the first time it is loaded.
import type { WasmSource } from './wasm-source.js';

declare const __ASCENT_WASM_SIMD_BASE64__: string;
declare const __ASCENT_WASM_FMA_BASE64__: string;

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export const WASM_SOURCES = {
  simd: (): WasmSource => decode(__ASCENT_WASM_SIMD_BASE64__),
  'relaxed-simd': (): WasmSource => decode(__ASCENT_WASM_FMA_BASE64__),
  // The threaded build is not embedded (it would add ~35 KB gz to every inline app): tf.setThreads reports
  // threads unavailable here unless tf.setWasmPath points to the folder that holds ascent-mt.wasm.
  threads: (): WasmSource | null => null,
};
