// Throwaway: Adam on 600003 elements and the epoch's products, 1 vs 2 threads, takeover auto/always/never: same bits?
import * as tf from '../../src/index.js';
import { setTakeover, splitCounts } from '../../src/backend/pool.js';
await tf.setThreads(1); await tf.ready();
const rnd = (n: number, seed: number) => { let s = seed >>> 0; return Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1); };
const run = () => {
  const v = tf.variable(tf.tensor(rnd(600003, 1))), opt = tf.train.adam(1e-3);
  for (let s = 0; s < 3; s++) tf.tidy(() => opt.applyGradients([{ name: v.name, tensor: tf.tensor(rnd(600003, 10 + s)) }]));
  const a = tf.tensor(rnd(128 * 784, 2), [128, 784]), w = tf.tensor(rnd(784 * 128, 3), [784, 128]);
  const out = [...v.dataSync(), ...tf.matMul(a, w).dataSync(), ...tf.matMul(a, tf.matMul(a, w), true, false).dataSync()];
  tf.dispose([v, a, w]); opt.dispose();
  return Float32Array.from(out);
};
const ref = run();
for (const mode of ['auto', 'always', 'never'] as const) {
  await tf.setThreads(2); setTakeover(mode);
  const k0 = splitCounts.kernels.f32_adam__wasmsimd ?? 0, g0 = splitCounts.gemm;
  const got = run();
  let diff = 0; for (let i = 0; i < ref.length; i++) if (Object.is(ref[i], got[i]) === false) diff++;
  console.log(mode, 'differences', diff, 'adam splits', (splitCounts.kernels.f32_adam__wasmsimd ?? 0) - k0, 'gemm splits', splitCounts.gemm - g0);
  setTakeover();
}
await tf.setThreads(1);
