// `ascent/inline`: the whole API of 'ascent' with the kernels embedded in the JavaScript (base64), for
// bundlers and workers that cannot copy a .wasm asset: nothing is fetched. Only its bundles
// (dist/bundle/inline.js, inline.cjs) embed the bytes: scripts/build-dist.mjs builds this entry with
// backend/wasm-inline.ts in place of backend/wasm-source.ts. `tf.setWasmPath` still works (it loads from
// the URL instead). The bundle is ~220 KB larger than 'ascent' (both builds, base64).
export * from './index.js';
