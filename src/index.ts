// ascent: TensorFlow for TypeScript on SIMD WebAssembly. `import * as tf from 'ascent'`.
// The API is base.ts; this entry adds tfjs' chaining API (x.add(y).square().sum(), chain.ts), which puts a method
// for every op on Tensor.prototype when the package is imported — so every op is in an app's bundle.
// `ascent/base` (base.ts) is the same API without it: an app that imports named functions from there carries
// only what it uses. See README "Bundle size".
import './chain.js';
export * from './base.js';
