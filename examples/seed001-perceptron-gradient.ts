// Seed 001, § 四、感知机的梯度推导: the gradient of the MSE loss of a single-output and of a two-output
// sigmoid perceptron o = σ(x·wᵀ) with respect to its weights w.
// Port of the PyTorch listing: torch.randn(..., requires_grad=True) → tf.variable(tf.randomNormal(...)),
// x @ w.t() → tf.matMul(x, w, false, true), F.mse_loss → tf.losses.meanSquaredError, loss.backward();
// w.grad → GradientTape.gradient(loss, w); print(t.shape) → the shape as TF prints it, `(1, 1)`.
// x and w are random as in the seed, so the gradients differ from the seed's printed ones.
// Run: npx tsx examples/seed001-perceptron-gradient.ts
import * as tf from '../src/index.js';
await tf.ready();

const shape = (t: tf.Tensor) => `(${t.shape.join(', ')}${t.rank === 1 ? ',' : ''})`;

// single output
{
  const x = tf.randomNormal([1, 10]);
  const w = tf.variable(tf.randomNormal([1, 10]));
  const tape = new tf.GradientTape();
  const o = tf.sigmoid(tf.matMul(x, w, false, true));
  console.log(shape(o)); // torch.Size([1, 1])
  const loss = tf.losses.meanSquaredError(tf.ones([1, 1]), o);
  console.log(shape(loss)); // torch.Size([])
  const grad = tape.gradient(loss, w);
  grad!.print();
}

// several outputs
{
  const x = tf.randomNormal([1, 10]);
  const w = tf.variable(tf.randomNormal([2, 10]));
  const tape = new tf.GradientTape();
  const o = tf.sigmoid(tf.matMul(x, w, false, true));
  console.log(shape(o)); // torch.Size([1, 2])
  const loss = tf.losses.meanSquaredError(tf.randomNormal([1, 2]), o);
  const grad = tape.gradient(loss, w);
  grad!.print();
}
