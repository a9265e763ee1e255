// Seed 001, § 三、(2) 多分类问题, Numerical Stability: the cross-entropy of random logits for class 3, by
// hand in three steps (softmax → log → negative log-likelihood) and in one fused, stable step.
// Port of the PyTorch listing: torch.randn → tf.randomNormal, x @ w.t() → tf.matMul(x, w, false, true),
// F.softmax(logits, dim=1) → tf.softmax(logits), torch.log → tf.log. TF has no nll_loss: it is written
// as TF programs do, −mean(Σ onehot·log p); F.cross_entropy(logits, target) →
// tf.losses.sparseCategoricalCrossentropy(target, logits, true) (Keras' from_logits), averaged.
// x and w are random as in the seed, so the value differs from torch's 34.5468; both ways agree.
// Run: npx tsx examples/seed001-cross-entropy.ts
import * as tf from '../src/index.js';
await tf.ready();

const x = tf.randomNormal([1, 784]);
const w = tf.randomNormal([10, 784]);

const logits = tf.matMul(x, w, false, true);

const pred = tf.softmax(logits);

const preLog = tf.log(pred);

let H = tf.mean(tf.sum(tf.oneHot([3], 10, 1, 0, 'float32').mul(preLog), 1)).neg();
H.print(); // torch: tensor(34.5468)

// or in one step
H = tf.mean(tf.losses.sparseCategoricalCrossentropy(tf.tensor([3], undefined, 'int32'), logits, true));
H.print(); // torch: tensor(34.5468)
