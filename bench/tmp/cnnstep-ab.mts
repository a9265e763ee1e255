// The CNN step of bench/cnn-step.ts alone, for profiles and A/B of two checkouts:
//   ROOT=/path/to/checkout ASCENT_THREADS=1 npx tsx bench/tmp/cnnstep-ab.mts [runs]
import { cnnStep } from '../cnn-step.js';
const tf = await import((process.env.ROOT ?? new URL('../..', import.meta.url).pathname) + '/src/index.ts');
await tf.ready();
const cnn = cnnStep(tf);
let last = 0;
const runs = Number(process.argv[2] ?? 30);
for (let i = 0; i < 5; i++) cnn.step();
const ts: number[] = [];
for (let i = 0; i < runs; i++) { const t0 = performance.now(); last = cnn.step(); ts.push(performance.now() - t0); }
ts.sort((a, b) => a - b);
let h = 0; for (const v of cnn.vars) for (const e of new Uint32Array(v.dataSync().buffer)) h = (Math.imul(h, 31) + e) | 0;
console.log(`step median ${ts[ts.length >> 1].toFixed(2)} ms, min ${ts[0].toFixed(2)} ms; loss ${last}; weights hash ${h}`);
