// Cold start of a loaded model, onnxruntime-web (wasm, 1 thread) in Node: import, create the session from the file
// (argv[2]), the first run's values read. Prints ms since process start per phase as JSON ('ready' = 'import': ORT
// compiles its wasm inside InferenceSession.create).
import { readFileSync } from 'node:fs';
const t = {};
const ort = await import('onnxruntime-web');
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';
t.import = t.ready = performance.now();
const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(process.argv[2])), { executionProviders: ['wasm'] });
t.load = performance.now();
const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', new Float32Array(768), [1, 3, 16, 16]) });
const y = out[session.outputNames[0]].data;
t.predict = performance.now();
if (!Array.from(y).every(Number.isFinite)) throw new Error('ort-onnx: wrong result');
console.log(JSON.stringify(t));
