// Cold start, tfjs-core + tfjs-backend-wasm (SIMD, one thread): ms since process start at the first
// 64×64 matmul result. Run by bench/startup.ts.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';

if (!(await tf.setBackend('wasm'))) throw new Error('tfjs: the wasm backend failed to initialise');
await tf.ready();
const a = tf.ones([64, 64]), b = tf.ones([64, 64]);
const r = tf.matMul(a, b).dataSync();
if (r[0] !== 64) throw new Error(`tfjs-wasm: wrong matmul result ${r[0]}`);
console.log(performance.now());
