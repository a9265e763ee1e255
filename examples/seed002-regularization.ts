// Seed 002 (TensorFlow深度学习-龙曲良-学习笔记), §9.2–9.4: the L1 and L2 penalties of two weight matrices,
// and dropout as an op and as a layer (the make_moons regularisation experiment is
// seed002-make-moons.ts).
// Port: tf.math.abs → tf.abs, tf.reduce_sum → tf.sum, tf.nn.dropout(x, rate=0.5) → tf.dropout(x, 0.5),
// layers.Dropout(rate=0.5) → tf.layers.dropout({rate: 0.5}). Differences: the seed's L1 line sums
// |w1| + |w1| (a typo: w1 [4, 3] and w2 [4, 2] cannot be added elementwise); here it is
// Σ|w1| + Σ|w2|, like its L2 line. The seed applies dropout to an undefined x and adds the layer to a model
// it does not show: here x is a [2, 8] tensor of ones (kept values become 1/(1-0.5) = 2) and the layer
// goes into a small Sequential called in training mode. Random values differ from the seed's run.
// Run: npx tsx examples/seed002-regularization.ts
import * as tf from '../src/index.js';
await tf.ready();

console.log('# 9.2 L1 regularisation');
let w1 = tf.randomNormal([4, 3]);
let w2 = tf.randomNormal([4, 2]);
let lossReg = tf.sum(tf.abs(w1)).add(tf.sum(tf.abs(w2)));
lossReg.print();

console.log('# 9.3 L2 regularisation');
w1 = tf.randomNormal([4, 3]);
w2 = tf.randomNormal([4, 2]);
lossReg = tf.sum(tf.square(w1)).add(tf.sum(tf.square(w2)));
lossReg.print();

console.log('# 9.4 dropout');
let x = tf.ones([2, 8]);
x = tf.dropout(x, 0.5);
x.print();
const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [8] }));
model.add(tf.layers.dropout({ rate: 0.5 }));
(model.apply(tf.ones([2, 8]), { training: true }) as tf.Tensor).print();
