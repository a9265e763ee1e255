// Seed 002 (TensorFlow深度学习-龙曲良-学习笔记), §7.7: a custom network — a keras.Model subclass with five
// Dense layers, built for inputs (None, 784), its summary, and a call on 10 random images.
// Port: `class MyModel(keras.Model)` with layers assigned in __init__ → a tf.Model subclass with the
// layers as fields (tracked automatically, as TF2 does); call(inputs, training, mask) → call(inputs,
// {training}); model.build(input_shape=(None, 28*28)) → model.build([null, 28 * 28]); model(inputs=x) →
// model.apply(x). The seed prints only the summary; the last line prints the output's shape.
// Run: npx tsx examples/seed002-subclassed-model.ts
import * as tf from '../src/index.js';
import { formatShape } from '../src/core/format.js';
await tf.ready();

class MyModel extends tf.Model {
  fc1 = tf.layers.dense({ units: 256 });
  fc2 = tf.layers.dense({ units: 128 });
  fc3 = tf.layers.dense({ units: 64 });
  fc4 = tf.layers.dense({ units: 32 });
  fc5 = tf.layers.dense({ units: 10 });

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    let x = this.fc1.apply(inputs) as tf.Tensor;
    x = this.fc2.apply(x) as tf.Tensor;
    x = this.fc3.apply(x) as tf.Tensor;
    x = this.fc4.apply(x) as tf.Tensor;
    x = this.fc5.apply(x) as tf.Tensor;
    return x;
  }
}

const model = new MyModel();
model.build([null, 28 * 28]);
model.summary();
const y = model.apply(tf.randomNormal([10, 28 * 28])) as tf.Tensor;
console.log(formatShape(y.shape));
