// Lean inference's cached Winograd filter vs transforming it per call: linearAct (Conv2D 3×3 'same' + bias + relu)
// with and without `wino`, alternated, best of 5 medians: ASCENT_THREADS=1 npx tsx bench/tmp/wino-cache.mts
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import * as tf from '../../src/index.js';
import { H } from '../../src/backend/wasm.js';
import { winogradFilter, winogradFilterFloats } from '../../src/ops/conv.js';
import { linearAct } from '../../src/ops/infer.js';
await tf.ready();
const med = (fn: () => void) => { const s: number[] = []; for (let i = 0; i < 41; i++) { const t = performance.now(); fn(); s.push((performance.now() - t) * 1000); } return s.sort((a, b) => a - b)[20]; };
console.log(`threads ${tf.getThreads()}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const [xs, oc] of [[[1, 14, 14, 64], 64], [[1, 14, 14, 256], 256], [[1, 28, 28, 32], 32], [[4, 7, 7, 128], 128]] as [number[], number][]) {
  const x = tf.randomNormal(xs, 0, 1, 'float32', 1), k = tf.randomNormal([3, 3, xs[3], oc], 0, 0.1, 'float32', 2), b = tf.randomNormal([oc], 0, 1, 'float32', 3);
  const bytes = winogradFilterFloats(xs[3], oc) * 4, w = H().alloc(bytes);
  winogradFilter(k as any, w);
  const conv = { depthwise: false, separable: false, strides: [1, 1] as [number, number], padding: 'same' as const, dilations: [1, 1] as [number, number] };
  const run = (wino: number) => () => (linearAct as any)(x, k, b, null, conv, 'relu', 0, wino).dispose();
  let c = Infinity, p = Infinity;
  for (let r = 0; r < 5; r++) { c = Math.min(c, med(run(w))); p = Math.min(p, med(run(0))); }
  console.log(`[${xs}] → ${oc}: cached ${c.toFixed(1)} µs, per call ${p.toFixed(1)} µs (${(p / c).toFixed(2)}×)`);
  H().free(w, bytes); tf.dispose([x, k, b]);
}
