// Seed 003 (tensorflow求导和梯度计算实例), §1.1–1.2: the derivative of f(x) = x³ + 2x² + 1 at x = 4 (64),
// and the gradients of loss = Σ(x·w + b − y)² with respect to w and b ([[10], [20]] and 10).
// Port: x**3 → x.pow(3), tf.constant → tf.scalar/tf.tensor, tf.Variable → tf.variable, tf.matmul →
// tf.matMul, tf.reduce_sum(tf.square(…)) → tf.sum(tf.square(…)); `with tf.GradientTape() as g:` → a
// tape that records from its construction until gradient(). print(dy_dx.numpy()) prints numpy's str of
// the value (64.0). print(grads) prints a Python list of tensor reprs; here each gradient prints on its
// own line in TF's str form. Run: npx tsx examples/seed003-gradients.ts
import * as tf from '../src/index.js';
import { formatValues } from '../src/core/format.js';
await tf.ready();

console.log('# 1.1 the derivative of f(x) = x^3 + 2x^2 + 1 at 4');
const f = (x: tf.Tensor) => x.pow(3).add(x.pow(2).mul(2)).add(1);
const x0 = tf.scalar(4.0);
const g = new tf.GradientTape();
g.watch(x0);
const y0 = f(x0);
const dyDx = g.gradient(y0, x0)!;
console.log(formatValues(dyDx));

console.log('# 1.2 gradients of several parameters');
const x = tf.tensor([[1., 2.]]);
const y = tf.tensor([[3.], [4.]]);
const w = tf.variable(tf.tensor([[1.], [2.]]));
const b = tf.variable(tf.scalar(1.));
const tape = new tf.GradientTape();
const pred = tf.matMul(x, w).add(b);
const loss = tf.sum(tf.square(pred.sub(y)));
const grads = tape.gradient(loss, [w, b]);
for (const grad of grads) grad!.print();
