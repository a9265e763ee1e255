// Throwaway: the cost of one small op through the seam vs its raw kernel call ([128,10] float32), µs per call.
import * as tf from '../../src/index.js';
import { broadcastKernel } from '../../src/ops/binary.js';
import { Binary } from '../../src/backend/abi.js';
await tf.setThreads(1); await tf.ready();
const a = tf.randomUniform([128, 10]), b = tf.randomUniform([128, 10]), c = tf.randomUniform([128, 1]);
const N = 20000;
const time = (name: string, f: () => void) => {
  let best = Infinity;
  for (let r = 0; r < 7; r++) { const t = performance.now(); tf.tidy(() => { for (let i = 0; i < N; i++) f(); }); best = Math.min(best, (performance.now() - t) * 1000 / N); }
  console.log(name.padEnd(40), best.toFixed(2), 'µs');
};
time('tf.mul same shape', () => tf.mul(a, b).dispose());
time('tf.mul broadcast [128,1]', () => tf.mul(a, c).dispose());
time('raw broadcastKernel same shape', () => broadcastKernel('mul', Binary.mul, a, b, false).dispose());
time('tf.reshape', () => tf.reshape(a, [1280]).dispose());
time('tf.sum axis -1 keepDims', () => tf.sum(a, -1, true).dispose());
time('tf.softmax', () => tf.softmax(a).dispose());
const tape = () => { const v = tf.variable(a); const t = new tf.GradientTape(); for (let i = 0; i < 100; i++) tf.mul(v, b); t.dispose(); v.dispose(); };
let best = Infinity; for (let r = 0; r < 7; r++) { const t = performance.now(); for (let k = 0; k < 200; k++) tf.tidy(tape); best = Math.min(best, (performance.now() - t) * 1000 / 20000); }
console.log('tf.mul recorded on a tape'.padEnd(40), best.toFixed(2), 'µs');
