// Throwaway: the epoch's two big products alone at 1 thread, median µs (wall and CPU).
import * as tf from '../../src/index.js';
import { measureClocks } from '../util.js';
await tf.setThreads(1); await tf.ready();
const a = tf.randomUniform([128, 784]), w = tf.randomUniform([784, 128]), dy = tf.randomUniform([128, 128]);
for (let r = 0; r < 3; r++) {
  const f = measureClocks(() => tf.matMul(a, w).dispose(), { budgetMs: 500, minRuns: 50 });
  const g = measureClocks(() => tf.matMul(a, dy, true, false).dispose(), { budgetMs: 500, minRuns: 50 });
  console.log(`forward ${(f.wall * 1000).toFixed(0)} µs (cpu ${(f.cpu * 1000).toFixed(0)}), dW ${(g.wall * 1000).toFixed(0)} µs (cpu ${(g.cpu * 1000).toFixed(0)})`);
}
