// Seed 002 (TensorFlow深度学习-龙曲良-学习笔记), §3.16–3.22: math, concat/stack, split/unstack, norms,
// reductions, a simulated MSE loss, argmax, equal (counting correct predictions), pad and clipping.
// Port: tf.math.log → tf.log, tf.reduce_max/min/mean/sum → tf.max/min/mean/sum, tf.split(a,
// num_or_size_splits=…) → tf.split(a, …), tf.norm(x, ord=np.inf) → tf.norm(x, Infinity), tf.argmax →
// tf.argMax, tf.nn.softmax → tf.softmax, tf.clip_by_value → tf.clipByValue. Differences: ascent has no
// int64, so argmax, the random labels and the counts are int32 (the seed prints dtype=int64); tf.range and
// tf.constant of Python ints are int32 in TF, float32 by default here, so they name 'int32'. §3.16 names
// x, a and b without defining them; here x = [1, 2, 3, 4], a is 2×3 and b 3×2. Random values differ.
// Lines the seed shows as REPL values are printed under a `# §` marker.
// Run: npx tsx examples/seed002-tensor-math.ts
import * as tf from '../src/index.js';
import { formatShape } from '../src/core/format.js';
await tf.ready();

console.log('# 3.16 power, square root, exp, log, matmul');
let x = tf.range(1, 5);
tf.pow(x, 3).print();
tf.sqrt(x).print();
tf.exp(2.).print();
tf.log(10.).print();
let a = tf.randomNormal([2, 3]);
let b = tf.randomNormal([3, 2]);
tf.matMul(a, b).print();

console.log('# 3.17 concat (no new dimension) and stack (a new one)');
a = tf.randomNormal([4, 35, 8]);
b = tf.randomNormal([6, 35, 8]);
tf.concat([a, b], 0).print();
a = tf.randomNormal([35, 8]);
b = tf.randomNormal([35, 8]);
tf.stack([a, b], 0).print();

console.log('# 3.18 split into equal parts, into given sizes, and unstack');
a = tf.randomNormal([10, 35, 8]);
let result = tf.split(a, 2, 0);
console.log(formatShape(result[0].shape));
result = tf.split(a, [4, 4, 2], 0);
console.log(formatShape(result[2].shape));
result = tf.unstack(a, 0);
result[0].print();

console.log('# 3.19 norms');
x = tf.ones([2, 2]);
tf.norm(x, 1).print();
tf.norm(x, 2).print();
tf.norm(x, Infinity).print();

console.log('# 3.18 max, min, mean along axis 1, and over everything');
x = tf.randomNormal([4, 10]);
tf.max(x, 1).print();
tf.min(x, 1).print();
tf.mean(x, 1).print();
x = tf.randomNormal([4, 10]);
tf.max(x).print();

console.log('# a simulated loss');
let out = tf.randomNormal([4, 10]);
let y = tf.tensor([1, 2, 2, 0], undefined, 'int32');
y = tf.oneHot(y, 10, 1, 0, 'float32');
let loss = tf.losses.mse(y, out);
loss = tf.mean(loss);
loss.print();

console.log('# 3.19 argmax');
out = tf.randomNormal([2, 10]);
out = tf.softmax(out, 1);
out.print();
let pred = tf.argMax(out, 1);
pred.print();

console.log('# 3.20 equal: how many of 100 random predictions are right');
out = tf.randomNormal([100, 10]);
out = tf.softmax(out);
pred = tf.argMax(out, 1);
y = tf.randomUniform([100], 0, 10, 'int32');
let correct = tf.equal(y, pred);
correct = tf.cast(correct, 'int32');
tf.sum(correct).print();

console.log('# 3.21 pad');
a = tf.tensor([1, 2, 3, 4, 5, 6], undefined, 'int32');
b = tf.tensor([7, 8, 1, 6], undefined, 'int32');
b = tf.pad(b, [[0, 2]]);
b.print();
x = tf.randomNormal([4, 28, 28, 1]);
tf.pad(x, [[0, 0], [2, 2], [2, 2], [0, 0]]).print();

console.log('# 3.22 clipping: maximum, minimum, clip_by_value');
x = tf.range(9, undefined, 1, 'int32');
x.print();
tf.maximum(x, 2).print();
x = tf.range(9, undefined, 1, 'int32');
x.print();
tf.minimum(x, 5).print();
x = tf.range(9, undefined, 1, 'int32');
x.print();
tf.clipByValue(x, 5, 7).print();
