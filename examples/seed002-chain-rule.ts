// Seed 002 (TensorFlow深度学习-龙曲良-学习笔记), §6.3: checking the chain rule with TensorFlow —
// dy2/dy1 · dy1/dw1 equals dy2/dw1 for y1 = x·w1 + b1, y2 = y1·w2 + b2 (both print 2).
// Port: tf.constant → tf.scalar, `with tf.GradientTape(persistent=True) as tape:` → new
// tf.GradientTape({persistent: true}) (it records from construction until dispose()), tape.watch([...])
// as in TF. Run: npx tsx examples/seed002-chain-rule.ts
import * as tf from '../src/index.js';
await tf.ready();

const x = tf.scalar(1.);
const w1 = tf.scalar(2.);
const b1 = tf.scalar(1.);
const w2 = tf.scalar(2.);
const b2 = tf.scalar(1.);

const tape = new tf.GradientTape({ persistent: true });
tape.watch([w1, b1, w2, b2]);
const y1 = x.mul(w1).add(b1);
const y2 = y1.mul(w2).add(b2);

const dy2Dy1 = tape.gradient(y2, [y1])[0]!;
const dy1Dw1 = tape.gradient(y1, [w1])[0]!;
const dy2Dw1 = tape.gradient(y2, [w1])[0]!;
tape.dispose();

dy2Dy1.mul(dy1Dw1).print();
dy2Dw1.print();
