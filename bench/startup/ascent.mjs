// Cold start, ascent: what a user loads (`import 'ascent'` = dist/index.js + build/ascent.wasm).
// Prints ms since process start when the first 64×64 matmul result is read. Run by bench/startup.ts.
import * as tf from 'ascent';

await tf.ready();
const a = tf.ones([64, 64]), b = tf.ones([64, 64]);
const r = tf.matMul(a, b).dataSync();
if (r[0] !== 64) throw new Error(`ascent: wrong matmul result ${r[0]}`);
console.log(performance.now());
