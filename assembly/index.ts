// The wasm ABI: every exported kernel. Kernels take byte offsets into the one linear memory that the
// TypeScript heap (src/backend/heap.ts) owns.
//
// Kernels never allocate and keep no state: a call writes only its outputs and the scratch its caller
// passes in (the GEMM's `pack`, the random kernels' and topk's `tmp`, the loop counters after the
// `dims` arrays of the broadcast walks, each documented at its kernel), so calls on different threads
// need only their own scratch. There are no mutable globals of ours; the only ones in the module are the
// standard library's math temporaries (a second result of rem_pio2, log's tail), set and read within
// one call of a math function.
//
// src/backend/abi.ts (the `Kernels` interface and the op-code enums as TypeScript) is generated from
// this file and the modules it re-exports by scripts/gen-abi.mjs (`npm run gen:abi`, run by asbuild):
// only functions and enums may be exported, and test/abi.node.test.ts checks both against the module.
export * from "./f32-unary/unary";
export * from "./f32-binary/binary";
export * from "./f32-reduce/reduce";
export * from "./f32-gemm/gemm";
export * from "./random/philox";
export * from "./misc/transpose";
export * from "./f32-conv/im2col";
export * from "./f32-conv/direct";
export * from "./f32-conv/winograd";
export * from "./f32-pool/pool";
export * from "./misc/strided";
export * from "./misc/gather";
export * from "./misc/scan";
export * from "./f32-nn/activations";
export * from "./f32-nn/xent";
export * from "./f32-conv/depthwise";
export * from "./optim/update";
export * from "./f32-conv/vol2col";
export * from "./f32-pool/pool3d";
export * from "./f32-conv/dilation2d";
export * from "./image/image";
export * from "./c64/fft";
export * from "./rnn";

/** First byte the heap may use (after the kernels' static data). */
export function heap_base(): usize {
  return __heap_base;
}
