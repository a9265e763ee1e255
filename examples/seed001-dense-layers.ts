// Seed 001, § 三、利用minst数据实现多分类 (torch.nn提供了一些高级API): three fully connected layers applied by
// hand to a random [1, 784] input, printing the shape after each layer + relu.
// Port of the PyTorch listing: nn.Linear(in, out) → tf.layers.dense({units: out}) (Keras builds the
// input size from the first call), F.relu(x, inplace=True) → tf.relu(x) (no in-place ops),
// print(x.shape) → the shape as TF prints it. Run: npx tsx examples/seed001-dense-layers.ts
import * as tf from '../src/index.js';
await tf.ready();

const shape = (t: tf.Tensor) => `(${t.shape.join(', ')})`;

let x = tf.randomNormal([1, 784]);

// the hidden layers
const layer1 = tf.layers.dense({ units: 200 });
const layer2 = tf.layers.dense({ units: 200 });
const layer3 = tf.layers.dense({ units: 10 });

// each layer reduces the dimension, then the activation
x = layer1.apply(x) as tf.Tensor;
x = tf.relu(x);
console.log(shape(x)); // torch.Size([1, 200])

x = layer2.apply(x) as tf.Tensor;
x = tf.relu(x);
console.log(shape(x)); // torch.Size([1, 200])

x = layer3.apply(x) as tf.Tensor;
x = tf.relu(x);
console.log(shape(x)); // torch.Size([1, 10])
