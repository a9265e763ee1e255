// Seed 002 (TensorFlow深度学习-龙曲良-学习笔记), §8.1–8.2: measuring tools — tf.metrics.Mean (define, update,
// read, reset) and tf.metrics.Accuracy over 10000 random guesses between two classes (≈ 0.5).
// Port: update_state → updateState, result() as in TF, reset_states → resetStates (resetState also works),
// tf.argmax → tf.argMax. Random values differ from the seed's run (the seed's mean of 6 normal values
// was -1.0193778). Run: npx tsx examples/seed002-metrics.ts
import * as tf from '../src/index.js';
await tf.ready();

console.log('# 8.1 tf.metrics.Mean');
const loss = tf.randomNormal([6]);
// define the meter
const lossMeter = new tf.metrics.Mean();
// update it
lossMeter.updateState(loss);
// read it
lossMeter.result().print();
// reset it
lossMeter.resetStates();
lossMeter.result().print();

console.log('# 8.2 tf.metrics.Accuracy');
// No tf.tidy needed: tensors the loop drops are freed when collected.
const accMeter = new tf.metrics.Accuracy();
for (let i = 0; i < 10000; i++) {
  let y = tf.randomNormal([2]);
  y = tf.argMax(y);
  let yPred = tf.randomNormal([2]);
  yPred = tf.argMax(yPred);
  accMeter.updateState(y, yPred);
}
accMeter.result().print();
