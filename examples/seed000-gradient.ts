// Seed 000 (Tensorflow2学习--005 随机梯度下降), § 梯度求解: the gradient of y = x @ w with respect to w.
// Port: tf.constant → tf.tensor, tf.Variable → tf.variable, `x @ w` → tf.matMul(x, w), and
// `with tf.GradientTape() as tape:` → a tape that records from its construction until gradient().
// print(t) → t.print() (TF2's repr). Run: npx tsx examples/seed000-gradient.ts
import * as tf from '../src/index.js';
await tf.ready();

let w = tf.reshape(tf.tensor([1., 2.], undefined, 'float32'), [2, 1]);
w.print();
let x = tf.reshape(tf.tensor([1., 2.], undefined, 'float32'), [1, 2]);
w = tf.variable(w);
x = tf.variable(x);
x.print();
// x1w1 + x2w2 = y
const tape = new tf.GradientTape();
const y = tf.matMul(x, w);
y.print();
const grad = tape.gradient(y, w)!;
grad.print();
