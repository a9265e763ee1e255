// Seed 001, § 五、链式法则: for y1 = w1·x + b1 and y2 = w2·y1 + b2 at x = 1, w1 = w2 = 2, b1 = b2 = 1,
// dy2/dy1 = 2 and dy1/dw1 = 1, so dy2/dw1 = dy2/dy1 · dy1/dw1 = 2: the chain rule holds.
// Port of the PyTorch listing: torch.tensor(2., requires_grad=True) → tf.variable(2),
// torch.autograd.grad(y2, [y1], retain_graph=True) → a persistent GradientTape's gradient(y2, [y1]).
// Run: npx tsx examples/seed001-chain-rule.ts
import * as tf from '../src/index.js';
await tf.ready();

console.log('*****************************************************');
const x = tf.tensor(1.);
const w1 = tf.variable(2.);
const b1 = tf.tensor(1.);
const w2 = tf.variable(2.);
const b2 = tf.tensor(1.);

const tape = new tf.GradientTape({ persistent: true });
const y1 = w1.mul(x).add(b1);
const y2 = w2.mul(y1).add(b2);

const [dy2Dy1] = tape.gradient(y2, [y1]);
dy2Dy1!.print(); // torch: (tensor(2.),)

const [dy1Dw1] = tape.gradient(y1, [w1]);
dy1Dw1!.print(); // torch: (tensor(1.),)

const [dy2Dw1] = tape.gradient(y2, [w1]);
dy2Dw1!.print(); // torch: (tensor(2.),)
tape.dispose();
// dy2_dw1 = dy2_dy1 * dy1_dw1, so the chain rule holds
