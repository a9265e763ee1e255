// Seed 002 (TensorFlow深度学习-龙曲良-学习笔记), §3.23–3.27: gather, gather_nd, boolean_mask, where (select
// and coordinates), scatter_nd into a blank tensor, and meshgrid for the sinc surface.
// Port: tf.gather_nd → tf.gatherND, tf.boolean_mask(x, mask=…, axis=0) → tf.booleanMask(x, mask, 0),
// tf.scatter_nd(indices=…, updates=…, shape=…) → tf.scatterND(indices, updates, shape), x > 0 →
// x.greater(0), x**2 → x.square(). Differences: ascent has no int64, so the int64 score tensors and where's
// coordinates are int32 (the seed prints dtype=int64); the seed's matplotlib 3-D contour of
// sin(√(x²+y²))/√(x²+y²) has no counterpart: we compute z on the same grid and print its shape and range.
// Lines the seed shows as REPL values or comments are printed under a `# §` marker. Random values differ.
// Run: npx tsx examples/seed002-tensor-gather.ts
import * as tf from '../src/index.js';
import { formatShape } from '../src/core/format.js';
await tf.ready();

console.log('# 3.23 gather: classes 1 and 3 (of 4 classes × 35 students × 8 subjects)');
let x = tf.randomUniform([4, 35, 8], 0, 100, 'int32');
tf.gather(x, [0, 2], 0).print();
console.log('# subjects 3 and 5');
tf.gather(x, [2, 4], 2).print();
console.log('# students 3, 4, 6, 27 of classes 2 and 3');
x = tf.randomUniform([4, 35, 8], 0, 100, 'int32');
let res = tf.gather(x, [1, 2], 0);
res = tf.gather(res, [2, 3, 5, 26], 1);
console.log(formatShape(res.shape));

console.log('# 3.24 gather_nd: student 2 of class 2, student 3 of class 3, student 4 of class 4');
x = tf.randomUniform([4, 35, 8], 0, 100, 'int32');
tf.gatherND(x, [[1, 1], [2, 2], [3, 3]]).print();

console.log('# 3.25 boolean_mask');
x = tf.randomUniform([4, 35, 8], 0, 100, 'int32');
console.log(formatShape(tf.booleanMask(x, [true, false, true, true], 0).shape));

console.log('# 3.26 where: select by a condition');
const a = tf.ones([3, 3]);
const b = tf.zeros([3, 3]);
const cond = tf.tensor([[true, false, true], [false, false, true], [true, true, false]]);
tf.where(cond, a, b).print();
console.log('# the coordinates of True');
tf.where(cond).print();

console.log('# all positive values, with boolean_mask and with where + gather_nd');
x = tf.randomNormal([3, 3]);
x.print();
const mask = x.greater(0);
res = tf.booleanMask(x, mask);
res.print();
const indices = tf.where(mask);
res = tf.gatherND(x, indices);
res.print();

console.log('# 3.26 scatter_nd into a blank tensor');
const idx = tf.tensor([[2], [5]], undefined, 'int32');
const update = tf.tensor([2.2, 5.5]);
tf.scatterND(idx, update, [8]).print();

console.log('# 3.27 meshgrid: 100 × 50 sampling points');
let xs = tf.linspace(-8., 8, 100);
let ys = tf.linspace(-8., 8, 50);
[xs, ys] = tf.meshgrid(xs, ys);
console.log(formatShape(xs.shape), xs.dtype);
console.log(formatShape(ys.shape), ys.dtype);
let z = tf.sqrt(xs.square().add(ys.square()));
z = tf.sin(z).div(z);
console.log(`sinc surface z: shape ${formatShape(z.shape)}, from ${tf.min(z).item().toFixed(4)} to ${tf.max(z).item().toFixed(4)}`);
