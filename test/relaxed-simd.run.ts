// Run by relaxed-simd.node.test.ts in a child process: `<build>` is 'simd' or 'relaxed-simd'. Prints one
// JSON line with the build in use and the results of a few GEMM-based computations.
import * as tf from '../src/index.js';
import { convForce } from '../src/ops/conv.js';

tf.setWasmBuild(process.argv[2] as tf.WasmBuild);
try {
  await tf.ready();
} catch (e) {
  console.log(JSON.stringify({ error: (e as Error).message }));
  process.exit(0);
}
tf.setSeed(7);
const a = tf.randomNormal([67, 129]), b = tf.randomNormal([129, 35]);
const x = tf.randomNormal([2, 9, 9, 3]), w = tf.randomNormal([3, 3, 3, 5]);
const model = tf.sequential({ layers: [tf.layers.dense({ units: 16, activation: 'relu', inputShape: [8] }), tf.layers.dense({ units: 1 })] });
model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
const xs = tf.randomNormal([64, 8]), ys = tf.sum(xs, -1, true);
const h = await model.fit(xs, ys, { epochs: 20, batchSize: 16, verbose: 0 });
// the direct conv kernels against im2col + GEMM in this build (the same fused multiply-adds in the same order)
const bits = (t: tf.Tensor) => Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));
const xd = tf.randomNormal([3, 11, 10, 3]), wd = tf.randomNormal([5, 5, 3, 13]);
const dyd = tf.randomNormal([3, 11, 10, 13]);
const paths = (['direct', 'im2col'] as const).map((p) => {
  convForce.path = p; convForce.filter = p;
  return [bits(tf.conv2d(xd, wd, 1, 'same')), bits(tf.conv2dBackpropFilter(xd, dyd, [5, 5, 3, 13], 1, 'same'))];
});
convForce.path = null; convForce.filter = null;
console.log(JSON.stringify({
  directSame: JSON.stringify(paths[0]) === JSON.stringify(paths[1]),
  build: tf.getWasmBuild(),
  matMul: Array.from(tf.matMul(a, b).dataSync()),
  matMulTT: Array.from(tf.matMul(b, a, true, true).dataSync()),
  conv: Array.from(tf.conv2d(x, w, 1, 'same').dataSync()),
  loss: h.history.loss as number[],
}));
