// Run by bench/threads.ts in a child process (each library fixes its thread count once per process):
//   tsx bench/threads-other.run.ts ort <threads> <dir>    onnxruntime-web, ort.env.wasm.numThreads = threads
//   tsx bench/threads-other.run.ts tfjs <threads>         tfjs-backend-wasm, setThreadsCount(threads); in Node tfjs
//                                                         turns threads off (WASM_HAS_MULTITHREAD_SUPPORT is false
//                                                         there): the flag is forced on, and what it really uses is
//                                                         printed (getThreadsCount, the binary it loaded)
// on the same work as bench/threads.ts's comparison: GEMM 1024 (a one-node MatMul model for ort), MLP
// 784-256-128-64-32-10 inference at batch 256, CNN conv32-pool-conv64-pool-dense10 inference at batch 64. <dir> holds
// the .onnx files bench/threads.ts exported (tf toOnnx). Prints one JSON line: ms per call (median) by case.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomData } from './util.js';

const [lib, threadsArg, dir] = process.argv.slice(2);
const threads = Number(threadsArg);

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  for (let t = performance.now(); performance.now() - t < 800;) await fn();
  const s: number[] = [];
  for (let t = performance.now(); performance.now() - t < 1500 || s.length < 5;) {
    const a = performance.now();
    await fn();
    s.push(performance.now() - a);
  }
  s.sort((a, b) => a - b);
  return s[s.length >> 1];
}

const out: Record<string, number | string> = {};
if (lib === 'ort') {
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = threads;
  for (const [name, file, shape] of [['gemm', 'gemm1024.onnx', [1024, 1024]], ['mlp', 'mlp.onnx', [256, 784]], ['cnn', 'cnn.onnx', [64, 28, 28, 1]]] as const) {
    const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(join(dir, file))), { executionProviders: ['wasm'] });
    const n = shape.reduce((a: number, b: number) => a * b, 1);
    const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', randomData(n, 1), [...shape]) };
    out[name] = await time(() => session.run(feeds));
    await session.release();
  }
  out.threads = String(ort.env.wasm.numThreads);
} else {
  const tfc = await import('@tensorflow/tfjs-core');
  const tfl = await import('@tensorflow/tfjs-layers');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  tfc.enableProdMode();
  const distDir = join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
  wasm.setWasmPaths(distDir);
  if (threads > 1) tfc.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  wasm.setThreadsCount(threads);
  let ok = false;
  try { ok = await Promise.race([tfc.setBackend('wasm'), new Promise<boolean>((r) => setTimeout(() => r(false), 20_000))]); } catch (e) { out.error = String((e as Error)?.message ?? e).slice(0, 200); }
  if (!ok) {
    out.error ??= 'the wasm backend did not initialise (20 s)';
  } else {
    out.threads = String(wasm.getThreadsCount());
    const a = tfc.tensor2d(randomData(1024 * 1024, 1), [1024, 1024]), b = tfc.tensor2d(randomData(1024 * 1024, 2), [1024, 1024]);
    out.gemm = await time(() => { const c = tfc.matMul(a, b); c.dataSync(); c.dispose(); });
    const mlp = tfl.sequential({ layers: [784, 256, 128, 64, 32, 10].slice(1).map((u, i) => tfl.layers.dense({ units: u, activation: i === 4 ? 'softmax' : 'relu', ...(i === 0 ? { inputShape: [784] } : {}) })) });
    const xm = tfc.tensor2d(randomData(256 * 784, 1), [256, 784]);
    out.mlp = await time(() => { const y = mlp.predict(xm) as import('@tensorflow/tfjs-core').Tensor; y.dataSync(); y.dispose(); });
    const cnn = tfl.sequential({ layers: [
      tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }), tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }), tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(), tfl.layers.dense({ units: 10, activation: 'softmax' })] });
    const xc = tfc.tensor4d(randomData(64 * 784, 1), [64, 28, 28, 1]);
    out.cnn = await time(() => { const y = cnn.predict(xc) as import('@tensorflow/tfjs-core').Tensor; y.dataSync(); y.dispose(); });
  }
}
console.log(JSON.stringify(out));
process.exit(0);
