import * as tf from '../../src/index.js';
import { dense } from '../../src/ops/dense.js';
await tf.ready();
const rnd = (n: number, seed: number) => { let s = seed >>> 0; return Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1); };
for (const [m, k, n] of [[32, 6, 1], [32, 6, 2], [32, 6, 8], [32, 6, 9], [96, 20, 16], [31, 7, 3], [128, 128, 10]]) {
  const x = tf.tensor(rnd(m * k, 1), [m, k]), w = tf.tensor(rnd(k * n, 2), [k, n]), b = tf.tensor(rnd(n, 3), [n]);
  const a = tf.add(tf.matMul(x, w), b).dataSync(), c = dense(x, w, b, 'linear').dataSync();
  let diff = 0; for (let i = 0; i < a.length; i++) if (a[i] !== c[i] && !(Number.isNaN(a[i]) && Number.isNaN(c[i]))) diff++;
  console.log(m, k, n, 'diff', diff);
}
