// Seed 004 (tensorflow2.0(4)-前向传播计算), § tf.constant() and tf.Variable(): a constant and a Variable,
// a Variable's name and trainable flag, and a Variable made from a constant.
// Port: tf.constant(1.) → tf.scalar(1.), tf.Variable(…) → tf.variable(…). Differences: the seed shows REPL
// echoes (<tf.Tensor: id=5732, shape=(), dtype=float32, numpy=1.0> and <tf.Variable 'Variable:0' shape=()
// dtype=float32, numpy=1.0>); here both print TF's str form, tf.Tensor(1.0, shape=(), dtype=float32).
// Variable names have no ':0' suffix, later unnamed variables are numbered as tfjs does ('Variable_1');
// booleans print as JavaScript's true/false. Run: npx tsx examples/seed004-variables.ts
import * as tf from '../src/index.js';
await tf.ready();

let x = tf.scalar(1.);
x.print();

let y = tf.variable(tf.scalar(1.));
y.print();
console.log(y.name, y.trainable);

console.log('# a constant can become a Variable');
x = tf.scalar(1.);
x.print();
y = tf.variable(x);
y.print();
console.log(y.name, y.trainable);
