// Seed 002 (TensorFlow深度学习-龙曲良-学习笔记), §3.1–3.7: creating tensors — constants and Variables,
// from arrays, zeros_like, fill, normal/uniform random tensors, range, a simulated MSE and one Conv2D.
// Port: tf.constant/convert_to_tensor → tf.tensor, tf.Variable → tf.variable, zeros_like → zerosLike,
// tf.random.normal(shape, mean, stddev) → tf.randomNormal(shape, mean, stddev), tf.random.uniform →
// tf.randomUniform, tf.range(1, 10, delta=2) → tf.range(1, 10, 2), tf.keras.losses.mse → tf.losses.mse,
// keras.layers.Conv2D(filters=24, kernel_size=3) → tf.layers.conv2d({filters: 24, kernelSize: 3}) and
// layer(x) → layer.apply(x). Differences: TF infers int32 from Python ints where tfjs/ascent default to
// float32, so the integer tensors name 'int32' explicitly; numpy's float64/int64 arrays become float32/int32
// (ascent has no 64-bit dtypes).
// The seed prints only some of these; the rest are REPL lines, printed here under a `# §` marker.
// Random values differ from the seed's run. Run: npx tsx examples/seed002-tensor-create.ts
import * as tf from '../src/index.js';
import { formatShape } from '../src/core/format.js';
await tf.ready();

console.log('# 3.1 tf.ones creates a constant tensor');
let a = tf.ones([3, 4]);
const vA = tf.variable(a);
a.print();
vA.print();

console.log('# 3.2 tensors from other objects');
tf.tensor([1, 2], undefined, 'int32').print();
tf.tensor([[1, 2.], [3, 4]]).print();
a = tf.tensor([[2, 4], [5, 6], [7, 8]], undefined, 'int32');
let b = tf.zerosLike(a);
b.print();

console.log('# 3.3 tf.fill and random tensors');
a = tf.fill([2, 3], 10, 'int32');
a.print();
tf.randomNormal([2, 2]).print();

console.log('# 3.4 normal with mean 10 and stddev 2, uniform on [0, 1) and [0, 100)');
a = tf.randomNormal([5, 5], 10, 2);
a.print();
tf.randomUniform([2, 2]).print();
a = tf.randomUniform([4, 4], 0, 100);
a.print();

console.log('# 3.5 a sequence from 1 to 10 with step 2');
a = tf.range(1, 10, 2, 'int32');
a.print();

console.log('# 3.6 the error of a simulated model output');
const out = tf.randomUniform([4, 10]);
let y = tf.tensor([1, 3, 2, 4], undefined, 'int32');
y = tf.oneHot(y, 10, 1, 0, 'float32');
let loss = tf.losses.mse(y, out);
loss = tf.mean(loss);
loss.print();

console.log('# 3.7 a simple convolution');
const x = tf.randomNormal([4, 38, 38, 3]);
const layer = tf.layers.conv2d({ filters: 24, kernelSize: 3 });
const conv = layer.apply(x) as tf.Tensor;
console.log(formatShape(conv.shape));
