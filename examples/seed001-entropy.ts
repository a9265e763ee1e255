// Seed 001, § 三、(2) Cross Entropy Loss (熵): the entropy −Σ p·log₂ p of three distributions over 4
// events: uniform (2 bits), one likely event (1.3568) and an almost certain one (0.0313).
// Port of the PyTorch listing: torch.full → tf.fill, torch.tensor → tf.tensor, .sum() → .sum().
// TF (and tfjs) have no log2: torch.log2(a) is written tf.log(a).div(Math.LN2).
// Run: npx tsx examples/seed001-entropy.ts
import * as tf from '../src/index.js';
await tf.ready();

const log2 = (a: tf.Tensor) => tf.log(a).div(Math.LN2);

// 1. every event equally likely
let a = tf.fill([4], 1 / 4);
a.print();
const b = a.mul(log2(a)).sum().neg();
b.print(); // torch: tensor(2.)

// 2. one event more likely
a = tf.tensor([0.1, 0.1, 0.1, 0.7]);
const c = a.mul(log2(a)).sum().neg();
c.print(); // torch: tensor(1.3568)

// 3. one event almost certain
a = tf.tensor([0.001, 0.001, 0.001, 0.999]);
const d = a.mul(log2(a)).sum().neg();
d.print(); // torch: tensor(0.0313)
