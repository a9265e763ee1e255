// Convolution benchmarks (issue 3), ascent vs TensorFlow.js in the same process:
//  1. conv2d forward, x[4,38,38,3] * 24 filters 3×3 (seed 002 §3.7);
//  2. one training step of the CNN [64,28,28,1] → conv3×3·32 relu → maxPool2 → conv3×3·64 relu →
//     maxPool2 → flatten → dense10 → softmax-CE, Adam(1e-3), gradients by tape.
// tfjs-wasm has no Conv2DBackpropFilter kernel, so it cannot train the CNN: a polyfill kernel is
// registered here (per filter tap: strided slice of x, transpose, matMul — all native wasm kernels).
import '@tensorflow/tfjs-layers'; // registers tfjs-core's gradients in the Node bundle
import * as tf from '../src/index.js';
import { fmt, measure, printTable, setupTfjs, tfc, useTfjs, type TargetResult } from './util.js';
const rnd = (n: number, seed: number) => { let s = seed; return Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1); };

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

type Params = { w1: number[]; w2: number[]; w3: number[] };
const SHAPES = { x: [64, 28, 28, 1], w1: [3, 3, 1, 32], w2: [3, 3, 32, 64], w3: [5 * 5 * 64, 10] };

function ascentStep(): () => void {
  const x = tf.tensor(rnd(64 * 28 * 28, 1), SHAPES.x);
  const labels = tf.oneHot(tf.tensor(Int32Array.from({ length: 64 }, (_, i) => i % 10)), 10, 1, 0, 'float32');
  const vars = [tf.variable(tf.tensor(rnd(9 * 32, 2), SHAPES.w1).mul(0.3)), tf.variable(tf.zeros([32])),
    tf.variable(tf.tensor(rnd(9 * 32 * 64, 3), SHAPES.w2).mul(0.08)), tf.variable(tf.zeros([64])),
    tf.variable(tf.tensor(rnd(1600 * 10, 4), SHAPES.w3).mul(0.03)), tf.variable(tf.zeros([10]))];
  const m = vars.map((v) => tf.variable(tf.zerosLike(v))), s = vars.map((v) => tf.variable(tf.zerosLike(v)));
  let t = 0;
  return () => tf.tidy(() => {
    const tape = new tf.GradientTape();
    let h = tf.maxPool(tf.relu(tf.add(tf.conv2d(x, vars[0], 1, 'valid'), vars[1])), 2, 2, 'valid');
    h = tf.maxPool(tf.relu(tf.add(tf.conv2d(h, vars[2], 1, 'valid'), vars[3])), 2, 2, 'valid');
    const logits = tf.add(tf.matMul(tf.reshape(h, [64, -1]), vars[4]), vars[5]);
    const loss = tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(logits)), -1)));
    const grads = tape.gradient(loss, vars) as tf.Tensor[];
    t++;
    const lr = 1e-3 * Math.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t);
    vars.forEach((v, i) => {
      m[i].assign(m[i].mul(0.9).add(grads[i].mul(0.1)));
      s[i].assign(s[i].mul(0.999).add(grads[i].square().mul(0.001)));
      v.assignSub(m[i].div(s[i].sqrt().add(1e-7)).mul(lr));
    });
    loss.dataSync();
  });
}

function tfjsStep(): () => void {
  const x = tfc.tensor4d(rnd(64 * 28 * 28, 1), SHAPES.x as [number, number, number, number]);
  const labels = tfc.cast(tfc.oneHot(tfc.tensor1d(Int32Array.from({ length: 64 }, (_, i) => i % 10), 'int32'), 10), 'float32');
  const scaled = (n: number, seed: number, shape: number[], k: number) => tfc.variable(tfc.mul(tfc.tensor(rnd(n, seed), shape), k));
  const v = [scaled(9 * 32, 2, SHAPES.w1, 0.3), tfc.variable(tfc.zeros([32])),
    scaled(9 * 32 * 64, 3, SHAPES.w2, 0.08), tfc.variable(tfc.zeros([64])),
    scaled(1600 * 10, 4, SHAPES.w3, 0.03), tfc.variable(tfc.zeros([10]))];
  const opt = tfc.train.adam(1e-3);
  return () => {
    const loss = opt.minimize(() => {
      let h = tfc.maxPool(tfc.relu(tfc.add(tfc.conv2d(x, v[0] as tfc.Tensor4D, 1, 'valid'), v[1])), 2, 2, 'valid') as tfc.Tensor4D;
      h = tfc.maxPool(tfc.relu(tfc.add(tfc.conv2d(h, v[2] as tfc.Tensor4D, 1, 'valid'), v[3])), 2, 2, 'valid') as tfc.Tensor4D;
      const logits = tfc.add(tfc.matMul(tfc.reshape(h, [64, -1]), v[4] as tfc.Tensor2D), v[5]);
      return tfc.losses.softmaxCrossEntropy(labels, logits) as tfc.Scalar;
    }, true, v as tfc.Variable[])!;
    loss.dataSync();
    loss.dispose();
  };
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
  const stepAscent = measure(ascentStep(), { budgetMs: 1000 });
  await useTfjs('wasm');
  const stepWasm = measure(tfjsStep(), { budgetMs: 1000, minRuns: 3 });
  let stepCpu: number | undefined;
  if (process.env.BENCH_CNN_CPU === '1') {
    await useTfjs('cpu');
    stepCpu = measure(tfjsStep(), { budgetMs: 0, minRuns: 1, warmupMs: 0 });
  }
  printTable('convolution, ms (median); ratio = tfjs-wasm time ÷ ascent time',
    ['case', 'ascent', 'tfjs-wasm', 'tfjs-cpu', 'ratio'],
    [['conv2d fwd x[4,38,38,3] · 24×3×3', fmt(convAscent), fmt(convTfjs.wasm), fmt(convTfjs.cpu), `${fmt(convTfjs.wasm / convAscent)}×`],
     ['CNN step [64,28,28,1], Adam', fmt(stepAscent), `${fmt(stepWasm)} (polyfill)`, stepCpu === undefined ? 'BENCH_CNN_CPU=1' : fmt(stepCpu), `${fmt(stepWasm / stepAscent)}×`]]);
  const ratio = stepWasm / stepAscent;
  return [{ bench: 'cnn', name: 'CNN step vs tfjs-wasm+polyfill', ratio, goal: 8, met: ratio >= 8 }];
}
