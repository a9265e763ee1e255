// Seed 002 (TensorFlow深度学习-龙曲良-学习笔记), §5.2 (a fully connected layer three ways: with tensors, as
// keras.layers.Dense, in a keras.Sequential), §7.1 (the Softmax layer) and the first listing of §7.2
// (a keras.Sequential of Dense and ReLU layers; the second is seed002-sequential.ts).
// Port: tf.keras.layers.Dense(512, activation=tf.nn.relu) → tf.layers.dense({units: 512, activation:
// tf.relu}); layers.ReLU() → tf.layers.reLU(); layers.Softmax(axis=-1) → tf.layers.softmax({axis: -1});
// keras.Sequential([...]) → tf.sequential({layers: [...]}); layer(x) / model(x) → .apply(x);
// trainable_variables → trainableVariables.
// Random values differ from the seed's run. Run: npx tsx examples/seed002-layers.ts
import * as tf from '../src/index.js';
import { formatShape } from '../src/core/format.js';
await tf.ready();

console.log('# 5.2 a fully connected layer with tensors');
let x = tf.randomNormal([2, 784]);
const w1 = tf.variable(tf.truncatedNormal([784, 256], 0, 0.1));
const b1 = tf.variable(tf.zeros([256]));
let o1 = tf.matMul(x, w1).add(b1);
o1 = tf.relu(o1);
console.log(formatShape(o1.shape));

console.log('# the high-level layer');
x = tf.randomNormal([4, 28 * 28]);
const fc = tf.layers.dense({ units: 512, activation: tf.relu });
const h1 = fc.apply(x) as tf.Tensor;
console.log(formatShape(h1.shape));
// the weight matrix
fc.kernel!.print();
// the bias
fc.bias!.print();
// all trainable parameters
for (const v of fc.trainableVariables) v.print();

console.log('# the container');
x = tf.randomNormal([100, 784]);
const model = tf.sequential({ layers: [
  tf.layers.dense({ units: 256, activation: tf.relu }),
  tf.layers.dense({ units: 64, activation: tf.relu }),
  tf.layers.dense({ units: 10, activation: null }),
] });
const out = model.apply(x) as tf.Tensor;
console.log(formatShape(out.shape));

console.log('# 7.1 the Softmax layer');
x = tf.tensor([2., 1., 0.1]);
const layer = tf.layers.softmax({ axis: -1 });
(layer.apply(x) as tf.Tensor).print();

console.log('# 7.2 keras.Sequential');
const network = tf.sequential({ layers: [
  tf.layers.dense({ units: 3, activation: null }),
  tf.layers.reLU(),
  tf.layers.dense({ units: 2, activation: null }),
  tf.layers.reLU(),
] });
x = tf.randomNormal([4, 3]);
const y = network.apply(x) as tf.Tensor;
console.log(formatShape(y.shape));
