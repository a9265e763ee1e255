// Size budgets (`npm run size`, test/size.node.test.ts): four apps bundled for browsers with esbuild (minified ES
// module) from the package's own modules, as an app that installs ascent would, then gzipped (-9):
//   ops         tensor ops only: tensor, matMul, add, mul, relu, softmax, sum (named imports from 'ascent/base')
//   ops-chained the same app importing from 'ascent' (whose chaining API keeps every op)   [no goal: for comparison]
//   predict     tf.loadLayersModel(url) and model.predict
//   fit         sequential + dense + adam + compile + fit
//   everything  import * as tf from 'ascent', every name used
//   onnx        loadOnnxModel (ascent/onnx) and predict   [no goal yet: issue 17 wants ≤ 1/10 of onnxruntime-web]
// Each: its JS and the .wasm (one file for every app today: build/ascent.wasm), both gzipped, and the total.
// The package's modules are built here exactly as scripts/build-dist.mjs builds dist/bundle/ (the same
// esmModules options), into a temporary node_modules/ascent that carries package.json's exports and sideEffects.
// The largest contributors are taken from a second build of each app straight from src/ (same plugins), whose
// esbuild metafile says how many minified bytes each source file adds.
import { build, type Metafile } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
// @ts-expect-error: a plain .mjs module shared with scripts/build-dist.mjs (no declarations)
import { esmModules, kerasModule, noLong, onnxModule, pureDefinitions, wasmSource, WASM_SOURCE_MODULE } from '../scripts/bundle-options.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const KB = 1024;
const gz = (b: Uint8Array) => gzipSync(b, { level: 9 }).length;

export interface App {
  name: string; what: string; code: string;
  /** The goal of issue 13, KB gzip JS + wasm (undefined: none). */
  goal?: number;
  /**
   * The regression ceiling test/size.node.test.ts enforces, KB gzip JS + wasm: the goal where it is met, else the
   * size measured when the ceiling was set plus ~5 % headroom (esbuild versions and small changes move sizes by a
   * few hundred bytes). A change that crosses it either broke tree-shaking or grew the app: find out which
   * (`npm run size` lists the largest contributors) and, if the growth is wanted, raise the ceiling in the same
   * commit, saying why.
   */
  ceiling: number;
}

export const APPS: App[] = [
  // Issues 18/19, stop of 2026-12-05 (second): Winograd for conv2d's filter and input gradients (+1.6 KB gz), one
  // vector exp with the fused softmax cross-entropy head and its gradient kernel, and f32_gemm_batched grow the one
  // wasm 45.4 → 47.5 KB gz; the ONNX executor's strided views (Transpose/Reshape/Gather as views feeding MatMul) add
  // ~2.7 KB of JS to the onnx app. Measured ops 63.8, ops-chained 103.9, predict 154.0, fit 154.1, everything 196.0,
  // keras 197.0, onnx 120.0; ceilings ops 66, ops-chained 106, predict/fit 156, everything/keras 199, onnx 122.
  // (Making Winograd's output tile one function instead of two inlined copies saves only 0.15 KB gz: not done.)
  // Issue 19, earlier stop: Winograd F(2×2,3×3) (driver + filter transform, +3 KB gz) and one vector implementation of
  // tanh/sigmoid/elu/selu/gelu with fused epilogues (+2.3 KB gz) grow the one wasm 41 → 45.4 KB gz; the ONNX
  // executor's BN folding, packed-weight caches, GELU/q·kᵀ steps and pool-with-pads add ~3 KB of JS to the onnx app.
  // Measured ops 61.0, ops-chained 100.9, predict 150.4, fit 150.6, everything 192.4, keras 193.4, onnx 115.2;
  // ceilings +3 each (ops 64, ops-chained 104, predict/fit 154, everything/keras 196, onnx 118). The next place to
  // trim: winograd.ts's output tile, inlined per lane count (measured since: 0.15 KB gz).
  // Issue 19's last kernels (tiny GEMM path, f32_layer_norm, f32_softmax, the conv store epilogue, the maxPool
  // gradient's write-only path) grow the one wasm to ~41 KB gz: ops 57.0, ops-chained 96.3, predict 145.4, fit 145.5,
  // everything 187.3, keras 188.4, onnx 108.3 measured; ceilings +3 each (ops 60, ops-chained 100, predict/fit 149,
  // everything/keras 192, onnx 112).
  // Issue 15 (≈ 60 layer classes) raised predict 104.8 → 132 KB, fit 103.6 → 132, everything 148.8 → 173, deliberately:
  // a loaded model can name any layer, so the class registry (models/config.ts) holds every class, and Model reaches
  // the registry (its static fromConfig); esbuild keeps every member of the `tf.layers` namespace
  // (`export * as layers`) once an app touches it. The fused LSTM/GRU kernels add 2.4 KB gz to the one wasm every
  // app loads (ops 46.3 → 48.7, ops-chained 84.6 → 87.0). A lazily filled registry is the way back down (README).
  // Issue 19's lean inference (models/infer.ts, ops/infer.ts: BatchNorm folding, bias + activation in place, the
  // version-keyed cache of folded weights; in every app that has models) adds 2.8 KB gz: predict 133.2 → 136.0,
  // fit 133.4 → 136.2 measured; ceilings 136 → 139. Merged with issue 18's threads and 19's GEMM (+0.9 KB and +0.7 KB gz)
  // both measure 139.0: ceilings 139 → 142. Issue 19's packed-B/epilogue GEMM and direct conv kernels (wasm 35.5 →
  // 38.2 KB gz, +2.7) and the ONNX/loader changes: predict 142.1, fit 142.3, everything 184.1, keras 185.2 measured;
  // ceilings predict/fit 142 → 146, everything and keras 185 → 189.
  // Issue 18 (threads on by default) raised ops 50 → 52 and ops-chained 89 → 91: ready() now chooses and loads the
  // threaded build where shared memory is possible (wasm.ts +1.4 KB minified), and the elementwise and reduction ops
  // offer their work to the threads (+0.6 KB); the worker pool itself (pool.ts, ~8 KB minified) is a dynamic import,
  // outside these figures, downloaded only where threads can run. The wasm gained f32_reduce_cols (+0.2 KB gz).
  // Issue 19's GEMM work (PERF19-GEMM.md: the skinny path that reads B in place for ≤ 4-row products, 8-row B
  // packing, A·Bᵀ transposing packs) adds 0.74 KB gz to the one wasm: ops 49.3 → 50.0; with issue 18's +1.5 KB
  // above, ceiling 53.
  // Issue 19's direct convolution kernels (assembly/f32-conv/direct.ts: forward and filter gradient for small input
  // channel counts, the padding and filter-packing copies; conv2d 1.2–4× faster there, LeNet predict 1.4–2.3×,
  // PERF19-INFER.md) add 2.1 KB gz to the one wasm every app loads (35.5 → 37.6 KB gz at the time): ops 53.0–53.3,
  // ops-chained 92.2, onnx 102 measured (before branch lean's merge); ceilings ops 53 → 55, ops-chained 91 → 94;
  // onnx below.
  // Branch tiny (issue 19: the in-place tiny GEMM path, f32_layer_norm and f32_softmax — LayerNorm 16 → 2.6 µs per
  // call in the ONNX transformer layer, the Keras MLP's batch-1 predict 1.4× faster, PERF19-GEMM.md) adds 2.1 KB gz
  // to the one wasm (38.4 → 40.5): ops 56.4 measured, ceiling 55 → 57; onnx 108 → ceiling 109 below. (The tiny
  // path's tile is inlined in three variants; the full-tile epilogue stores are where to win some of it back.)
  { name: 'ops', what: "1 tensor ops ('ascent/base')", ceiling: 66,
    code: `import { ready, tensor, matMul, add, mul, relu, softmax, sum } from 'ascent/base';
await ready();
const a = tensor([[1, 2], [3, 4]]), b = tensor([[5, 6], [7, 8]]);
console.log(await sum(softmax(relu(add(matMul(a, b), mul(a, 2))))).data());` },
  // Branch gemm (issue 19: B pre-packed for inference, the bias + activation epilogue in the GEMM, the one- and
  // two-row kernels) adds 1.65 KB gz to the one wasm (35.5 → 37.1; the epilogue stores are one shared function, not
  // inlined per tile, to keep it at that): ops 52.6 (ceiling 53 holds), ops-chained 91.1 → ceiling 91 → 92; with
  // the direct conv kernels below: 93.1 measured, ceiling 96.
  { name: 'ops-chained', what: "  the same from 'ascent' (chaining)", ceiling: 106,
    code: `import { ready, tensor, matMul, add, mul, relu, softmax, sum } from 'ascent';
await ready();
const a = tensor([[1, 2], [3, 4]]), b = tensor([[5, 6], [7, 8]]);
console.log(await sum(softmax(relu(add(matMul(a, b), mul(a, 2))))).data());` },
  { name: 'predict', what: '2 load a Layers model, predict', goal: 60, ceiling: 156,
    code: `import { ready, loadLayersModel, tensor } from 'ascent/base';
await ready();
const model = await loadLayersModel('model/model.json');
console.log(await model.predict(tensor([[1, 2, 3, 4]])).data());` },
  { name: 'fit', what: '3 train with fit (dense, adam)', ceiling: 156,
    code: `import { ready, sequential, layers, train, tensor } from 'ascent/base';
await ready();
const model = sequential({ layers: [layers.dense({ units: 8, activation: 'relu', inputShape: [4] }), layers.dense({ units: 1 })] });
model.compile({ optimizer: train.adam(0.01), loss: 'meanSquaredError' });
await model.fit(tensor([[1, 2, 3, 4]]), tensor([[1]]), { epochs: 2 });
console.log(await model.predict(tensor([[1, 2, 3, 4]])).data());` },
  // Issue 18: threads (setThreads, the worker pool) raised this ceiling 178 → 182 (177.7 KB measured). Since threads
  // are on by default, the pool (src/backend/pool.ts) is a dynamic import, loaded by ready() only where shared memory
  // exists, so no app counts it; ascent-mt.wasm is counted in no app either. With issue 19's lean inference and GEMM
  // paths the app measures 181 KB: ceiling 182 → 185.
  { name: 'everything', what: "4 everything (import * as tf)", goal: 100, ceiling: 199,
    code: `import * as tf from 'ascent'; globalThis.tf = tf;` },
  // Issue 16: reading and writing Keras files is the subpath ascent/keras (jsfive + fflate + the HDF5 writer, ~40 KB
  // gz on top of the predict app); an app that does not import it ships none of it (the predict app above).
  { name: 'keras', what: "5 load a .keras file, predict ('ascent/keras')", ceiling: 199,
    code: `import { ready, loadLayersModel, tensor } from 'ascent/base';
import 'ascent/keras';
await ready();
const model = await loadLayersModel('model.keras');
console.log(await model.predict(tensor([[1, 2, 3, 4]])).data());` },
  // Issue 17: the ONNX loader (protobufjs/minimal's Reader and the generated decoders, the interpreter, the ops it
  // maps to). onnxruntime-web's smallest wasm build is ≈ 3.8 MB gzip; the goal is ≤ 1/10 of it. Measured
  // 82.1 KB (47.6 JS + 34.6 wasm) when the ceiling was set (with ConvTranspose, Resize, TopK, Einsum: every op
  // the interpreter maps to is in, whatever the model uses). The exporter (toOnnx, registered for model.save('….onnx')
  // when ascent/onnx is imported) adds ≈ 8 KB: 90.4 KB measured, ceiling 95. Branch o17 (92.2 KB before it): the
  // onnxspeed merge (channels-last values, derived-weight caches) +1.7 KB and the LSTM/GRU/RNN importer (ascent's
  // fused lstmSequence/gruSequence ops with their gradients, which no other op of the table pulled in) +3.3 KB:
  // 97.1 KB measured, ceiling 101 — still 1/39 of onnxruntime-web's 3.76 MB. Branch lean (issue 19, 99.5 KB before
  // it): the executor's lean steps — Conv/Gemm/BatchNormalization/Add with their bias and activation as one op
  // (ops/infer.ts linearAct and scaleShiftAct, which the ONNX app did not pull in), LayerNormalization as one op, the
  // shape replay — +2.1 KB for 1.1–3× faster batch-1 predicts (PERF19-INFER.md): 101.6 KB measured, ceiling 104.
  // Merged with branch conv's direct convolution kernels (+2.1 KB gz of wasm, above): 104.0 KB measured, ceiling 107.
  // Branch tiny's kernels (+2.1 KB gz of wasm, above): 108 KB measured, ceiling 109.
  { name: 'onnx', what: '6 load an ONNX model, predict (ascent/onnx)', ceiling: 122,
    code: `import { ready, tensor } from 'ascent/base';
import { loadOnnxModel } from 'ascent/onnx';
await ready();
const model = await loadOnnxModel('model.onnx');
console.log(await model.predict(tensor([[1, 2, 3, 4]])).data());` },
];

export interface Budget {
  app: App; js: number; jsGz: number; wasmGz: number; total: number;
  /** Source files by minified bytes in the app, largest first. */
  contributors: [file: string, bytes: number][];
}

/** The package's ES modules as dist/bundle/ holds them, in a temporary node_modules/ascent; returns the project folder. */
async function installPackageModules(): Promise<string> {
  const project = mkdtempSync(join(tmpdir(), 'ascent-size-'));
  const pkg = join(project, 'node_modules', 'ascent');
  const bundle = join(pkg, 'dist', 'bundle');
  mkdirSync(bundle, { recursive: true });
  await build({ ...esmModules(bundle), sourcemap: false, logLevel: 'error' });
  await build({ ...kerasModule(bundle), sourcemap: false, logLevel: 'error' });
  await build({ ...onnxModule(bundle), sourcemap: false, logLevel: 'error' });
  writeFileSync(join(bundle, 'wasm-source.js'), WASM_SOURCE_MODULE);
  copyFileSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
  return project;
}

/**
 * The app bundled as a browser app's bundler would: split at dynamic imports (layer families loaded on demand, see
 * src/models/config.ts), so what counts is the entry chunk and the chunks it imports statically — what the app
 * downloads before it runs — not the chunks it may load later.
 */
async function bundleApp(code: string, resolveDir: string, fromSources: boolean): Promise<{ js: Uint8Array[]; inputs: Metafile['outputs'][string]['inputs'] }> {
  const src = { name: 'ascent-from-src', setup(b: { onResolve: Function }) {
    const entry: Record<string, string> = { ascent: 'index.ts', 'ascent/base': 'base.ts', 'ascent/keras': 'keras/index.ts', 'ascent/onnx': 'onnx/index.ts' };
    b.onResolve({ filter: /^ascent(\/base|\/keras|\/onnx)?$/ }, (a: { path: string }) => ({ path: join(ROOT, 'src', entry[a.path]) }));
  } };
  const r = await build({
    stdin: { contents: code, resolveDir, sourcefile: 'app.js' },
    bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, metafile: true, logLevel: 'error',
    splitting: true, outdir: join(resolveDir, 'size-out'),
    plugins: fromSources ? [src, pureDefinitions, wasmSource(false), noLong] : [],
  });
  const outputs = r.metafile.outputs;
  const entry = Object.keys(outputs).find((k) => outputs[k].entryPoint !== undefined)!;
  const eager = new Set<string>();
  const visit = (k: string) => {
    if (eager.has(k)) return;
    eager.add(k);
    for (const i of outputs[k].imports) if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path);
  };
  visit(entry);
  const inputs: Metafile['outputs'][string]['inputs'] = {};
  for (const k of eager) for (const [f, v] of Object.entries(outputs[k].inputs)) inputs[f] = { bytesInOutput: (inputs[f]?.bytesInOutput ?? 0) + v.bytesInOutput };
  const js = r.outputFiles.filter((f) => eager.has(relative(process.cwd(), f.path))).map((f) => f.contents);
  return { js, inputs };
}

/** Measures every app of APPS (~10 s). */
export async function measureBudgets(apps = APPS): Promise<Budget[]> {
  const wasmGz = gz(readFileSync(join(ROOT, 'build', 'ascent.wasm')));
  const project = await installPackageModules();
  try {
    const out: Budget[] = [];
    for (const app of apps) {
      const { js: files } = await bundleApp(app.code, project, false);
      const { inputs } = await bundleApp(app.code, ROOT, true);
      const js = files.reduce((n, f) => n + f.length, 0);
      const contributors = Object.entries(inputs).map(([f, v]) => [f.replace(/^.*?src\//, 'src/'), v.bytesInOutput] as [string, number])
        .filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
      const jsGz = files.reduce((n, f) => n + gz(f), 0);
      out.push({ app, js, jsGz, wasmGz, total: (jsGz + wasmGz) / KB, contributors });
    }
    return out;
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}
