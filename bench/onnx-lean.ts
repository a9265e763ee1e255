// The ONNX executor's lean paths (issue 19) on and off in one process, alternated: fused steps (FUSE: Conv / Gemm /
// BatchNormalization / LayerNormalization as one op with their bias and activation) and the shape replay (REPLAY),
// on the bench's fixtures at batch 1 (and 64), CPU µs per predict + dataSync, best of ROUNDS medians; onnxruntime-web
// (wasm, 1 thread) in the same rounds for the ratio. Run: ASCENT_THREADS=1 npx tsx bench/onnx-lean.ts [substring] [batches]
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as ort from 'onnxruntime-web';
import * as tf from '../src/index.js';
import { loadOnnxModel } from '../src/onnx/index.js';
import { FUSE, REPLAY } from '../src/onnx/ops.js';
import { fmt, printTable } from './util.js';
import { median } from './onnx.js';
import { getThreads } from '../src/backend/threads.js';

const SHAPES: Record<string, number[]> = { mlp: [8], lenet: [1, 15, 15], resnet: [3, 16, 16], mbv2: [3, 16, 16], tlayer: [5, 16] };
const FILES = ['mlp-ts17', 'lenet-ts17', 'resnet-ts17', 'mbv2-ts17', 'tlayer-ts17'];
const ROUNDS = 5;

/** CPU µs per call: bench/onnx.ts's measure (CPU time, median of chunks), in µs. */
const cpuUs = async (fn: () => unknown, budgetMs: number): Promise<number> => 1000 * await median(fn, budgetMs);

const filter = process.argv[2] ?? '', batches = (process.argv[3] ?? '1').split(',').map(Number);
await tf.ready();
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';
const load0 = os.loadavg()[0];
const rows: string[][] = [];
for (const file of FILES.filter((f) => f.includes(filter))) {
  const bytes = new Uint8Array(readFileSync(new URL(`../test/fixtures/onnx17/${file}.onnx`, import.meta.url)));
  const m = await loadOnnxModel(bytes);
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  for (const batch of batches) {
    const shape = [batch, ...SHAPES[file.split('-')[0]]], n = shape.reduce((a, b) => a * b, 1);
    const vals = Float32Array.from({ length: n }, (_, i) => Math.sin(i));
    const x = tf.tensor(vals, shape), feeds = { [session.inputNames[0]]: new ort.Tensor('float32', vals, shape) };
    const variants: [string, boolean, boolean][] = [['plain', false, false], ['replay', false, true], ['fused+replay', true, true]];
    const runs = variants.map(([, f, r]) => () => { FUSE.on = f; REPLAY.on = r; const y = m.predict(x) as tf.Tensor; y.dataSync(); y.dispose(); });
    const ortRun = () => session.run(feeds);
    for (const t0 = performance.now(); performance.now() - t0 < 1500;) { for (const r of runs) await cpuUs(r, 30); await cpuUs(ortRun, 30); }
    const best = variants.map(() => Infinity);
    let ortBest = Infinity;
    for (let r = 0; r < ROUNDS; r++) {
      for (let v = 0; v < runs.length; v++) best[v] = Math.min(best[v], await cpuUs(runs[v], 150));
      ortBest = Math.min(ortBest, await cpuUs(ortRun, 150));
    }
    FUSE.on = true; REPLAY.on = true;
    rows.push([file, String(batch), ...best.map((b) => fmt(b)), fmt(ortBest), `${fmt(best[0] / ortBest)}×`, `${fmt(best[2] / ortBest)}×`, `${fmt(best[0] / best[2])}×`]);
    x.dispose();
  }
  m.dispose();
  await session.release();
}
printTable(`ONNX executor lean paths, CPU µs per predict (best of ${ROUNDS} medians, alternated), ascent threads ${getThreads()}; load average ${load0.toFixed(2)} → ${os.loadavg()[0].toFixed(2)}`,
  ['model', 'batch', 'plain µs', 'replay µs', 'fused+replay µs', 'ORT µs', 'plain ÷ ORT', 'lean ÷ ORT', 'speed-up'], rows);
