// maxpool backward kernel alone (the CNN step's two shapes), for A/B between wasm builds:
// ASCENT_THREADS=1 npx tsx bench/tmp/poolbw.mts [path/to/ascent.wasm]
import * as tf from '../../src/index.js';
import { K } from '../../src/backend/wasm.js';
import { scratch } from '../../src/backend/scratch.js';
if (process.argv[2]) tf.setWasmPath(process.argv[2]);
await tf.ready();
for (const [N, Hh, C] of [[64, 26, 32], [64, 11, 64]]) {
  const x = tf.randomNormal([N, Hh, Hh, C], 0, 1, 'float32', 1);
  const y = tf.maxPool(x, 2, 2, 'valid');
  const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 2);
  const dx = tf.zeros(x.shape);
  const OH = y.shape[1];
  const geom = [N, Hh, Hh, C, 2, 2, OH, OH, 2, 2, 0, 0, 1, 1];
  const ptr = (t: tf.Tensor) => (t as unknown as { ptr: number }).ptr;
  const ts: number[] = [];
  for (let r = 0; r < 60; r++) {
    const t0 = performance.now();
    K().f32_maxpool_backward(ptr(x), ptr(y), ptr(dy), ptr(dx), scratch.i32(geom), 0);
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  console.log(`[${N},${Hh},${Hh},${C}] 2×2: median ${(ts[30] * 1000).toFixed(0)} µs, min ${(ts[0] * 1000).toFixed(0)} µs`);
}
