// Throwaway: per-op timeline of fit steps (temporary __opTrace hook in op.ts apply): the time from each op's entry to
// the next op's entry (so a gap of non-op JavaScript is charged to the op before it), median over steps, µs.
import * as tf from '../../src/index.js';
await tf.setThreads(Number(process.env.THREADS ?? 1)); await tf.ready();
tf.setSeed(5);
const m = tf.sequential({ layers: [tf.layers.dense({ units: 128, activation: 'relu', inputShape: [784] }), tf.layers.dense({ units: 10, activation: 'softmax' })] });
m.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
const N = 128 * 200;
const x = tf.randomUniform([N, 784]), y = tf.randomUniform([N], 0, 10, 'int32');
await m.fit(x, y, { epochs: 2, batchSize: 128, verbose: 0, shuffle: false });
let ev: [string, number][] = [];
(globalThis as any).__opTrace = (n: string, d: number) => ev.push(['  '.repeat(d) + n, performance.now()]);
const steps: [string, number][][] = [];
await m.fit(x, y, { epochs: 1, batchSize: 128, verbose: 0, shuffle: false, callbacks: { onBatchEnd: () => { ev.push(['<end>', performance.now()]); } } });
(globalThis as any).__opTrace = undefined;
// split at the first 'slice' at depth 0
let cur: [string, number][] = [];
for (const e of ev) { if (e[0] === 'slice' && cur.length > 3) { steps.push(cur); cur = []; } cur.push(e); }
const L = steps[1].length;
const ok = steps.filter((s) => s.length === L);
const med = (a: number[]) => a.sort((p, q) => p - q)[a.length >> 1];
let total = 0;
const rows = steps[1].map((e, i) => {
  const d = med(ok.slice(1).map((s, k) => ((i + 1 < L ? s[i + 1][1] : ok[k + 2]?.[0][1] ?? NaN) - s[i][1]) * 1000).filter(Number.isFinite));
  total += d; return `${d.toFixed(1).padStart(7)}  ${e[0]}`;
});
console.log(rows.join('\n'));
console.log(`steps ${ok.length}, sum of medians ${total.toFixed(0)} µs`);
