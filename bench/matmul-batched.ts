// Batched matMul (issue 19: attention's products) A/B between two checkouts in ONE process (two module graphs, two
// wasm instances), alternated per round: CPU µs per call (median over a time budget, best of the rounds), and
// whether the two give the same bits. Cases: many small products ([64, 4, 16, 16]·[64, 4, 16, 16]ᵀ), the ONNX
// transformer's two products at batch 64 (128 heads of 5×8·8×5 and 5×5·5×8), a MultiHeadAttention predict, and one
// small 2-D product (what the batched path costs a plain call).
// Run: ASCENT_THREADS=1 npx tsx bench/matmul-batched.ts /work/main [this checkout] [rounds]
import * as os from 'node:os';
import { resolve } from 'node:path';
import { median } from './onnx.js';

const [rootA, rootB = new URL('..', import.meta.url).pathname.replace(/\/$/, ''), roundsArg = '3'] = process.argv.slice(2);
if (!rootA) throw new Error('usage: npx tsx bench/matmul-batched.ts <checkout A> [checkout B] [rounds]');
const libs = await Promise.all([rootA, rootB].map(async (r) => (await import(resolve(r) + '/src/index.ts')) as typeof import('../src/index.js')));
for (const tf of libs) await tf.ready();
type Lib = typeof libs[number];
const rnd = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + seed));
const CASES: [string, (tf: Lib) => () => InstanceType<Lib['Tensor']>][] = [
  ['[16,8]·[8,16] (one small product: the call overhead)', (tf) => { const a = tf.tensor(rnd(128, 11), [16, 8]), b = tf.tensor(rnd(128, 12), [8, 16]); return () => tf.matMul(a, b); }],
  ['[64,4,16,16]·[64,4,16,16]ᵀ', (tf) => { const a = tf.tensor(rnd(65536, 1), [64, 4, 16, 16]), b = tf.tensor(rnd(65536, 2), [64, 4, 16, 16]); return () => tf.matMul(a, b, false, true); }],
  ['[64,2,5,8]·[64,2,5,8]ᵀ', (tf) => { const a = tf.tensor(rnd(5120, 3), [64, 2, 5, 8]), b = tf.tensor(rnd(5120, 4), [64, 2, 5, 8]); return () => tf.matMul(a, b, false, true); }],
  ['[64,2,5,5]·[64,2,5,8]', (tf) => { const a = tf.tensor(rnd(3200, 5), [64, 2, 5, 5]), b = tf.tensor(rnd(5120, 6), [64, 2, 5, 8]); return () => tf.matMul(a, b); }],
  ['[8,64,64]·[8,64,64]', (tf) => { const a = tf.tensor(rnd(32768, 7), [8, 64, 64]), b = tf.tensor(rnd(32768, 8), [8, 64, 64]); return () => tf.matMul(a, b); }],
  ['MultiHeadAttention predict [64,5,16] 2×8', (tf) => {
    const mha = tf.layers.multiHeadAttention({ numHeads: 2, keyDim: 8 }), x = tf.tensor(rnd(5120, 9), [64, 5, 16]);
    tf.dispose(mha.apply([x, x]) as InstanceType<Lib['Tensor']>);
    return () => mha.apply([x, x]) as InstanceType<Lib['Tensor']>;
  }],
];
const runs = CASES.map(([, make]) => libs.map((tf) => make(tf)));
const best = CASES.map(() => [Infinity, Infinity]);
const same = CASES.map((_, i) => {
  const [ya, yb] = runs[i].map((f) => f()), da = ya.dataSync(), db = yb.dataSync();
  const eq = da.length === db.length && da.every((v, j) => Object.is(v, db[j]));
  ya.dispose(); yb.dispose();
  return eq;
});
const loads = [os.loadavg()[0].toFixed(2)];
for (let r = 0; r < Number(roundsArg); r++) {
  for (let i = 0; i < CASES.length; i++) {
    for (let k = 0; k < 2; k++) {
      const f = runs[i][k];
      best[i][k] = Math.min(best[i][k], 1000 * await median(() => f().dispose(), 300));
    }
  }
  loads.push(os.loadavg()[0].toFixed(2));
}
console.log(`A ${rootA}, B ${rootB}; threads ${libs[1].getThreads()}; load ${loads.join(' → ')}`);
console.log('case                                        A µs      B µs    A÷B  same bits');
CASES.forEach(([name], i) => console.log(`${name.padEnd(42)} ${best[i][0].toFixed(1).padStart(8)}  ${best[i][1].toFixed(1).padStart(8)}  ${(best[i][0] / best[i][1]).toFixed(2).padStart(5)}  ${same[i]}`));
