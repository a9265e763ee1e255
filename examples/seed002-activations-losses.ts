// Seed 002 (TensorFlow深度学习-龙曲良-学习笔记), §5.4–5.6: activation functions (sigmoid, ReLU, LeakyReLU,
// tanh), the output layer (softmax; softmax fused with cross-entropy as a function and as a class; tanh
// for [-1, 1]) and the mean squared error.
// Port: tf.nn.sigmoid/relu/tanh → tf.sigmoid/relu/tanh, tf.nn.leaky_relu(x, alpha=0.2) →
// tf.leakyRelu(x, 0.2), tf.nn.softmax → tf.softmax, tf.keras.losses.categorical_crossentropy(y, z,
// from_logits=True) → tf.losses.categoricalCrossentropy(y, z, true), criterion(y, z) → criterion.call(y, z),
// tf.keras.losses.MSE → tf.losses.MSE, tf.one_hot(…, depth=10) → tf.oneHot(…, 10, 1, 0, 'float32') (TF's
// one_hot is float32, tfjs's int32). Fixes of the seed's text: its printed sigmoid values are a copy of the
// ReLU output and its `tf.nn.tanh(x, alpha=0.2)` (a TypeError in TF) shows the leaky-ReLU values; here
// sigmoid prints sigmoid and that line is tf.tanh(x). tanh agrees with TF to float32 rounding (TF's
// tanh(±6) = ±0.99998784 is a few ulps off the exact ±0.99998771). Random values differ.
// Run: npx tsx examples/seed002-activations-losses.ts
import * as tf from '../src/index.js';
await tf.ready();

console.log('# 5.4 sigmoid');
let x = tf.linspace(-6., 6., 10);
x.print();
tf.sigmoid(x).print();
console.log('# ReLU');
x.print();
tf.relu(x).print();
console.log('# LeakyReLU');
tf.leakyRelu(x, 0.2).print();
console.log('# tanh');
x.print();
tf.tanh(x).print();

console.log('# 5.5 softmax');
x = tf.linspace(0., 5., 5);
x.print();
tf.softmax(x).print();

console.log('# softmax and cross-entropy together: the function');
let z = tf.randomNormal([2, 10]);
let yOnehot = tf.tensor([1, 3], undefined, 'int32');
yOnehot = tf.oneHot(yOnehot, 10, 1, 0, 'float32');
yOnehot.print();
let loss = tf.losses.categoricalCrossentropy(yOnehot, z, true);
loss.print();
tf.mean(loss).print();

console.log('# the class');
z = tf.randomNormal([2, 10]);
const y = tf.tensor([1, 3], undefined, 'int32');
yOnehot = tf.oneHot(y, 10, 1, 0, 'float32');
const criterion = new tf.losses.CategoricalCrossentropy({ fromLogits: true });
loss = criterion.call(yOnehot, z);
tf.mean(loss).print();

console.log('# outputs in [-1, 1]: tanh');
x = tf.linspace(-6., 6., 10);
tf.tanh(x).print();

console.log('# 5.6 mean squared error');
const output = tf.randomNormal([2, 10]);
yOnehot = tf.oneHot(tf.tensor([1, 3], undefined, 'int32'), 10, 1, 0, 'float32');
loss = tf.losses.MSE(yOnehot, output);
loss.print();
loss = tf.mean(loss);
loss.print();
