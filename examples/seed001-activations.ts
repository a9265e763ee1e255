// Seed 001 (梯度的概念+激活函数及其梯度…), § 二、激活函数及其梯度: sigmoid, tanh and relu on evenly spaced
// points. The seed is PyTorch; this is the same program in the TF API: torch.linspace → tf.linspace,
// torch.sigmoid/tanh/relu → tf.sigmoid/tanh/relu. Tensors print in TF2's format instead of torch's.
// Run: npx tsx examples/seed001-activations.ts
import * as tf from '../src/index.js';
await tf.ready();

// sigmoid: saturates to 0 and 1 (vanishing gradient at both ends)
let a = tf.linspace(-100, 100, 10);
a.print();
let b = tf.sigmoid(a);
b.print();

// tanh
a = tf.linspace(-10, 10, 10);
a.print();
b = tf.tanh(a);
b.print();

// relu
a = tf.linspace(-1, 1, 10);
a.print();
b = tf.relu(a);
b.print();
