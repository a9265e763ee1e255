// Convolution benchmarks (issue 3), ascent vs TensorFlow.js in the same process:
//  1. conv2d forward, x[4,38,38,3] * 24 filters 3×3 (seed 002 §3.7);
//  2. one training step of the CNN [64,28,28,1] → conv3×3·32 relu → maxPool2 → conv3×3·64 relu →
//     maxPool2 → flatten → dense10 → softmax-CE, Adam(1e-3) (bench/cnn-step.ts, the same code for both libraries);
//  3. that CNN as a Layers model trained on MNIST with model.fit (batch 64, sparse categorical cross-entropy,
//     accuracy), on the first BENCH_CNN_IMAGES images (default 6400: tfjs-wasm takes ~0.25 s a step, a whole epoch
//     of 938 steps ~4 min; BENCH_CNN_IMAGES=60000 runs the whole epoch), then test accuracy on 10 000 images.
// tfjs-wasm has no Conv2DBackpropFilter kernel, so it cannot train the CNN: a polyfill kernel is
// registered here (per filter tap: strided slice of x, transpose, matMul — all native wasm kernels).
import * as tfl from '@tensorflow/tfjs-layers'; // also registers tfjs-core's gradients in the Node bundle
import * as tf from '../src/index.js';
import { cnnStep, rnd } from './cnn-step.js';
import { fmt, measure, mnist, printTable, setupTfjs, tfc, useTfjs, type MeasureOptions, type TargetResult } from './util.js';

const tfjs = tfc as unknown as typeof tf;

function polyfillConv2DBackpropFilter(): void {
  tfc.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { x, dy } = inputs as { x: tfc.TensorInfo; dy: tfc.TensorInfo };
      const { strides, pad, filterShape } = attrs as unknown as { strides: number | number[]; pad: string; filterShape: number[] };
      if (pad !== 'valid') throw new Error('polyfill: valid padding only');
      const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
      const values = tfc.tidy(() => {
        const xt = tfc.engine().makeTensorFromTensorInfo(x) as tfc.Tensor4D;
        const dyt = tfc.engine().makeTensorFromTensorInfo(dy) as tfc.Tensor4D;
        const [N, OH, OW, CO] = dyt.shape;
        const [KH, KW, C] = filterShape;
        const dy2 = tfc.reshape(dyt, [N * OH * OW, CO]);
        const taps: tfc.Tensor[] = [];
        for (let kh = 0; kh < KH; kh++) for (let kw = 0; kw < KW; kw++) {
          const xs = tfc.stridedSlice(xt, [0, kh, kw, 0], [N, kh + (OH - 1) * sh + 1, kw + (OW - 1) * sw + 1, C], [1, sh, sw, 1]);
          taps.push(tfc.matMul(tfc.transpose(tfc.reshape(xs, [N * OH * OW, C])), dy2));
        }
        return tfc.reshape(tfc.stack(taps), filterShape).dataSync() as Float32Array;
      });
      return { dataId: (backend as tfc.KernelBackend).write(values, filterShape, 'float32'), shape: filterShape, dtype: 'float32' };
    },
  });
}

/** The CNN of the step as a Layers model, compiled as bench/mlp.ts's MLP; `lib` is ascent or tfjs-layers. */
function cnnModel(lib: typeof tf, adam: tf.Optimizer): tf.Sequential {
  const m = lib.sequential({ layers: [
    lib.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }), lib.layers.maxPooling2d({ poolSize: 2 }),
    lib.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }), lib.layers.maxPooling2d({ poolSize: 2 }),
    lib.layers.flatten(), lib.layers.dense({ units: 10, activation: 'softmax' })] });
  m.compile({ optimizer: adam, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

/** Seconds for one epoch of fit over the first n MNIST images, and the test accuracy after it. */
async function cnnEpoch(lib: typeof tf, tensors: typeof tf, n: number): Promise<[number, number]> {
  const d = mnist();
  const m = cnnModel(lib, tensors.train.adam(1e-3));
  const x = tensors.tensor(d.x.subarray(0, n * 784), [n, 28, 28, 1]), y = tensors.tensor(Float32Array.from(d.y.subarray(0, n)), [n]);
  const t0 = performance.now();
  await m.fit(x, y, { epochs: 1, batchSize: 64, verbose: 0 });
  const s = (performance.now() - t0) / 1000;
  const tx = tensors.tensor(d.tx, [10000, 28, 28, 1]), ty = tensors.tensor(Float32Array.from(d.ty), [10000]);
  const acc = (m.evaluate(tx, ty, { batchSize: 256 }) as tf.Tensor[])[1].dataSync()[0];
  tensors.dispose([x, y, tx, ty]);
  m.dispose();
  return [s, acc];
}

let polyfilled = false;

export async function run(): Promise<TargetResult[]> {
  await tf.ready();
  await setupTfjs();
  if (!polyfilled) { polyfillConv2DBackpropFilter(); polyfilled = true; }

  // conv2d forward (seed 002 §3.7)
  const xv = rnd(4 * 38 * 38 * 3, 7), wv = rnd(3 * 3 * 3 * 24, 8);
  const xa = tf.tensor(xv, [4, 38, 38, 3]), wa = tf.tensor(wv, [3, 3, 3, 24]);
  const convAscent = measure(() => tf.tidy(() => { tf.conv2d(xa, wa, 1, 'valid').dataSync(); }));
  const convTfjs: Record<string, number> = {};
  for (const backend of ['wasm', 'cpu'] as const) {
    await useTfjs(backend);
    const xt = tfc.tensor4d(xv, [4, 38, 38, 3]), wt = tfc.tensor4d(wv, [3, 3, 3, 24]);
    convTfjs[backend] = measure(() => tfc.tidy(() => { tfc.conv2d(xt, wt, 1, 'valid').dataSync(); }));
    tfc.dispose([xt, wt]);
  }

  // CNN training step; tfjs-cpu takes ~30 s a step here, so it runs only with BENCH_CNN_CPU=1.
  const timeStep = (tfm: typeof tf, o: MeasureOptions) => { const s = cnnStep(tfm); const ms = measure(() => { s.step(); }, o); s.dispose(); return ms; };
  const stepAscent = timeStep(tf, { budgetMs: 1000 });
  await useTfjs('wasm');
  const stepWasm = timeStep(tfjs, { budgetMs: 1000, minRuns: 3 });
  let stepCpu: number | undefined;
  if (process.env.BENCH_CNN_CPU === '1') {
    await useTfjs('cpu');
    stepCpu = timeStep(tfjs, { budgetMs: 0, minRuns: 1, warmupMs: 0 });
  }
  // The CNN epoch with fit, on tfjs-wasm with the polyfill (tfjs-cpu: hours).
  const images = Number(process.env.BENCH_CNN_IMAGES ?? 6400);
  const [epochAscent, accAscent] = await cnnEpoch(tf, tf, images);
  const [epochWasm, accWasm] = await cnnEpoch(tfl as unknown as typeof tf, tfjs, images);
  printTable('convolution, ms (median); ratio = tfjs-wasm time ÷ ascent time',
    ['case', 'ascent', 'tfjs-wasm', 'tfjs-cpu', 'ratio'],
    [['conv2d fwd x[4,38,38,3] · 24×3×3', fmt(convAscent), fmt(convTfjs.wasm), fmt(convTfjs.cpu), `${fmt(convTfjs.wasm / convAscent)}×`],
     ['CNN step [64,28,28,1], Adam', fmt(stepAscent), `${fmt(stepWasm)} (polyfill)`, stepCpu === undefined ? 'BENCH_CNN_CPU=1' : fmt(stepCpu), `${fmt(stepWasm / stepAscent)}×`],
     [`MNIST CNN epoch, fit, batch 64, ${images} images (s; test accuracy)`, `${fmt(epochAscent)} (acc ${fmt(accAscent)})`,
      `${fmt(epochWasm)} (acc ${fmt(accWasm)}, polyfill)`, '—', `${fmt(epochWasm / epochAscent)}×`]]);
  const ratio = stepWasm / stepAscent, epochRatio = epochWasm / epochAscent;
  return [{ bench: 'cnn', name: 'CNN step vs tfjs-wasm+polyfill', ratio, goal: 8, met: ratio >= 8 },
    { bench: 'cnn', name: 'MNIST CNN epoch with fit vs tfjs-wasm+polyfill', ratio: epochRatio, goal: 8, met: epochRatio >= 8 }];
}
