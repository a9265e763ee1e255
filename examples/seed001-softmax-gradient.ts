// Seed 001, § 二、激活函数及其梯度 (softmax): the gradients of p[1] and p[2] with respect to the three
// logits a, where p = softmax(a). ∂p_i/∂a_j is p_i(1 − p_i) > 0 for i = j and −p_i·p_j < 0 otherwise.
// Port of the PyTorch listing: torch.rand(3, requires_grad=True) → tf.randomUniform([3]) watched by a
// persistent GradientTape (retain_graph=True); F.softmax(a, dim=0) → tf.softmax(a);
// torch.autograd.grad(p[1], [a]) → tape.gradient(p.index('1'), [a]). a is random, as in the seed.
// Run: npx tsx examples/seed001-softmax-gradient.ts
import * as tf from '../src/index.js';
await tf.ready();

const a = tf.randomUniform([3]);
const tape = new tf.GradientTape({ persistent: true });
tape.watch(a);
const p = tf.softmax(a);
// softmax of the 3 values of a: 3 numbers in [0, 1]; each one differentiated with respect to all of a
const [w1] = tape.gradient(p.index('1'), [a]);
const [w2] = tape.gradient(p.index('2'), [a]);
tape.dispose();
console.log(w1!.toString(), w2!.toString());
// torch printed (for its random a): (tensor([-0.1053,  0.2178, -0.1125]),) (tensor([-0.1153, -0.1125,  0.2277]),)
