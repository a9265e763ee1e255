// Seed 001, § 三、loss及其梯度 (1) 均方差: the gradient of mse(1, x·w) at x = 1, w = 2 is 2·(xw − 1)·x = 2.
// Port of the PyTorch listing: torch.full([1], 2, requires_grad=True) → tf.variable(tf.fill([1], 2));
// F.mse_loss → tf.losses.meanSquaredError; torch.autograd.grad(mse, [w]) → GradientTape.gradient; the
// second way (mse.backward(); w.grad) → tfjs's functional tf.grad. Run: npx tsx examples/seed001-mse-gradient.ts
import * as tf from '../src/index.js';
await tf.ready();

// autograd.grad
let x = tf.ones([1]);
let w = tf.variable(tf.fill([1], 2));
const tape = new tf.GradientTape();
const mse = tf.losses.meanSquaredError(tf.ones([1]), x.mul(w));
// the difference between ones(1) and x·w
mse.print();
const [w0] = tape.gradient(mse, [w]); // ∂mse/∂w
w0!.print();

// or through the function's gradient (torch: loss.backward(); w.grad)
x = tf.ones([1]);
w = tf.variable(tf.fill([1], 2));
const w1 = tf.grad((w) => tf.losses.meanSquaredError(tf.ones([1]), x.mul(w)))(w);
w1.print();
