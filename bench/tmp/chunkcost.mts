// Throwaway: what chunking costs the calling thread alone (2 threads, takeover 'always': every chunk here) against
// the unsplit product at 1 thread, for the epoch's products and GEMM 256; median µs, best of 5.
import * as tf from '../../src/index.js';
import { setTakeover } from '../../src/backend/pool.js';
import { measure } from '../util.js';
await tf.setThreads(1); await tf.ready();
const x = tf.randomUniform([128, 784]), w = tf.randomUniform([784, 128]), dz = tf.randomUniform([128, 128]);
const a = tf.randomUniform([256, 784]), w2 = tf.randomUniform([784, 256]);
const cases: [string, () => void][] = [['forward 128×784·784×128', () => tf.matMul(x, w).dispose()],
  ['dW 784×128·128×128 (Aᵀ)', () => tf.matMul(x, dz, true, false).dispose()], ['256×784·784×256', () => tf.matMul(a, w2).dispose()]];
const t = cases.map(() => [Infinity, Infinity]);
for (let r = 0; r < 5; r++) {
  for (const [j, mode] of [[0, 1], [1, 2]] as const) {
    await tf.setThreads(mode);
    if (mode === 2) setTakeover('always');
    cases.forEach(([, f], i) => { t[i][j] = Math.min(t[i][j], measure(f, { budgetMs: 300, minRuns: 30 }) * 1000); });
    setTakeover();
  }
}
cases.forEach(([n], i) => console.log(`${n.padEnd(26)} 1 thread ${t[i][0].toFixed(0)} µs, chunks all on the caller ${t[i][1].toFixed(0)} µs (${(100 * (t[i][1] / t[i][0] - 1)).toFixed(1)} %)`));
await tf.setThreads(1);
