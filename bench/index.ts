// `npm run bench [-- name…]`: runs the benchmark files in order (all, or those whose name contains one
// of the arguments) in this one process and prints a summary of the BASELINE.md targets.
// `npm run bench:fma [-- name…]` does the same with ascent's opt-in relaxed-SIMD (FMA) build.
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import * as tf from '../src/index.js';
import { fmt, printTable, setupTfjs, status, type TargetResult } from './util.js';

const BENCHES: [string, () => Promise<{ run(): Promise<TargetResult[]> }>][] = [
  ['matmul', () => import('./matmul.js')],
  ['overhead', () => import('./overhead.js')],
  ['cnn', () => import('./cnn.js')],
  ['mlp', () => import('./mlp.js')],
  ['infer', () => import('./infer.js')],
  ['lstm', () => import('./lstm.js')],
  ['startup', () => import('./startup.js')],
  ['size', () => import('./size.js')],
  ['onnx', () => import('./onnx.js')],
];

const args = process.argv.slice(2);
if (args.includes('--relaxed-simd')) tf.setWasmBuild('relaxed-simd');
// options (--relaxed-simd; bench/matmul.ts: --rounds N, --kernel) are not name filters
const filters = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds');
const chosen = BENCHES.filter(([name]) => filters.length === 0 || filters.some(f => name.includes(f)));
if (chosen.length === 0) {
  console.error(`no benchmark matches ${filters.join(' ')}; available: ${BENCHES.map(b => b[0]).join(', ')}`);
  process.exit(1);
}

const t0 = performance.now();
const info = await setupTfjs();
console.log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, load average ${os.loadavg()[0].toFixed(2)}`);
await tf.ready();
// threads are on by default (issue 18) and start in the background: wait for them (≤ 2 s) so every case runs with
// them; tfjs-wasm runs one thread in Node, so like-for-like is ASCENT_THREADS=1
for (let i = 0; i < 40 && tf.env().threadsUnavailableReason?.includes('starting'); i++) await new Promise((r) => setTimeout(r, 50));
const threads = tf.getThreads() > 1 ? `${tf.getThreads()} threads (ASCENT_THREADS=1 for one)` : 'one thread';
console.log(`tfjs-wasm: ${info.wasmFile} (SIMD ${info.simd ? 'yes' : 'NO'}), ${info.threads} thread(s); ascent: the ${tf.getWasmBuild()} build, ${threads}`);
const results: TargetResult[] = [];
for (const [name, load] of chosen) {
  console.log(`\n=== ${name}`);
  results.push(...(await (await load()).run()));
}

if (results.length) {
  printTable('summary: targets, ascent speed ÷ its anchor (tfjs-wasm; onnxruntime-web for infer and onnx) in this process',
    ['bench', 'case', 'ratio', 'target', 'status'],
    results.map(r => [r.bench, r.name, `${fmt(r.ratio)}×`, `≥ ${r.goal}×`, status(r)]));
  console.log(`${results.filter(r => r.met).length} of ${results.length} targets met`);
}
console.log(`\ntotal ${((performance.now() - t0) / 1000).toFixed(1)} s`);
