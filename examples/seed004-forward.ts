// Seed 004 (tensorflow2.0(4)-前向传播计算), § 前向计算 / tf.GradientTape() / 更新参数: a 784-128-10 network on
// all 60000 Fashion-MNIST training images at once (full batch), MSE against one-hot labels; the gradients
// of the four parameters, 50 steps of w.assign_sub(lr * grad) printing the loss, then 50 steps with
// keras.optimizers.SGD().apply_gradients.
// Port: keras.datasets.fashion_mnist.load_data()[0] → (await tf.datasets.fashionMnist.loadData())[0]
// (float32 pixel values 0..255 and int32 labels), tf.random.truncated_normal(shape, stddev=0.1) →
// tf.truncatedNormal(shape, 0, 0.1), tf.Variable → tf.variable, x@w1 → tf.matMul(x, w1), tf.nn.relu →
// tf.relu, tf.reduce_mean → tf.mean, tf.one_hot(y, depth=10) → tf.oneHot(y, 10, 1, 0, 'float32'),
// `with tf.GradientTape() as tape:` → a tape recording from its construction until gradient(),
// w1.assign_sub(lr * grads[0]) → w1.assignSub(grads[0].mul(lr)), keras.optimizers.SGD() →
// new tf.optimizers.SGD() (Keras' SGD, lr 0.01), apply_gradients(zip(grads, vars)) →
// applyGradients(grads.map((g, i) => [g, vars[i]])). print(loss.numpy()) prints numpy's str of the value.
// Differences: print(grads) prints a Python list of tensor reprs; here each gradient prints on its own line
// in TF's str form. The seed's SGD loop prints nothing; here one line reports its last loss. Each step runs
// in tf.tidy: JS has no reference counting, and a synchronous loop never lets the garbage collector's
// finalizers free the dropped 60000-row temporaries (Python frees them at once).
// Run: npx tsx examples/seed004-forward.ts [--quick: the first 300 images]
import * as tf from '../src/index.js';
import { formatValues } from '../src/core/format.js';
await tf.ready();
const quick = process.argv.includes('--quick');

// data
let [x, y] = (await tf.datasets.fashionMnist.loadData(quick ? { trainCount: 300, testCount: 1 } : {}))[0];
x = tf.reshape(x, [-1, 28 * 28]);
x = tf.cast(x, 'float32');
x = x.div(255.);
y = tf.oneHot(y, 10, 1, 0, 'float32');

// parameters
const w1 = tf.variable(tf.truncatedNormal([784, 128], 0, 0.1));
const b1 = tf.variable(tf.zeros([128]));
const w2 = tf.variable(tf.truncatedNormal([128, 10], 0, 0.1));
const b2 = tf.variable(tf.zeros([10]));

function forward(): tf.Tensor {
  let h1 = tf.matMul(x, w1).add(b1);
  h1 = tf.relu(h1);
  const out = tf.matMul(h1, w2).add(b2);
  let loss = tf.square(y.sub(out));
  loss = tf.mean(loss);
  return loss;
}

const tape = new tf.GradientTape();
const loss = forward();
const grads = tape.gradient(loss, [w1, b1, w2, b2]);
for (const g of grads) g!.print();

// updating the parameters by hand
for (let i = 0; i < 50; i++) {
  tf.tidy(() => {
    const tape = new tf.GradientTape();
    const loss = forward();
    const grads = tape.gradient(loss, [w1, b1, w2, b2]);
    const lr = 0.01;
    w1.assignSub(grads[0]!.mul(lr));
    b1.assignSub(grads[1]!.mul(lr));
    w2.assignSub(grads[2]!.mul(lr));
    b2.assignSub(grads[3]!.mul(lr));
    console.log(formatValues(loss));
  });
}

// with an optimizer
const optimizer = new tf.optimizers.SGD();
const vars = [w1, b1, w2, b2];
let last = '';
for (let i = 0; i < 50; i++) {
  tf.tidy(() => {
    const tape = new tf.GradientTape();
    const loss = forward();
    const grads = tape.gradient(loss, vars);
    optimizer.applyGradients(grads.map((g, k) => [g, vars[k]] as [tf.Tensor, tf.Variable]));
    last = formatValues(loss);
  });
}
console.log(`loss after 50 SGD steps: ${last}`);
