// A custom training loop as a TensorFlow.js program writes it: variables, tf.variableGrads with
// optimizer.applyGradients, and optimizer.minimize with sgd, momentum and adam.
import * as tf from '@tensorflow/tfjs';

await tf.ready();
const xs = tf.tensor1d([-1, 0, 1, 2, 3, 4]);
const ys = tf.tensor1d([-3, -1, 1, 3, 5, 7]);
const slope = tf.variable(tf.scalar(0.5), true, 'slope');
const intercept = tf.variable(tf.scalar(0), true, 'intercept');
const predict = (x: tf.Tensor) => x.mul(slope).add(intercept);
const lossFn = (): tf.Scalar => tf.losses.meanSquaredError(ys, predict(xs)) as tf.Scalar;

const sgd = tf.train.sgd(0.05);
for (let i = 0; i < 20; i++) {
  const { value, grads } = tf.variableGrads(lossFn);
  sgd.applyGradients(grads);
  if (i % 5 === 0) console.log('variableGrads', i, value.dataSync()[0], grads.slope.dataSync()[0], grads.intercept.dataSync()[0]);
  tf.dispose([value, grads]);
}
console.log('slope', slope.dataSync()[0], 'intercept', intercept.dataSync()[0]);

const X = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]);
const Y = tf.tensor2d([[1], [2], [3], [4]]);
const optimizers: [string, tf.Optimizer][] = [
  ['sgd', tf.train.sgd(0.005)], ['momentum', tf.train.momentum(0.002, 0.9)], ['adam', tf.train.adam(0.1)],
  ['rmsprop', tf.train.rmsprop(0.01)], ['adagrad', tf.train.adagrad(0.5)],
];
for (const [name, optimizer] of optimizers) {
  const w = tf.variable(tf.zeros([2, 1]), true, `w_${name}`);
  const costs: number[] = [];
  for (let i = 0; i < 30; i++) {
    const cost = optimizer.minimize(() => tf.mean(tf.square(tf.matMul(X, w).sub(Y))), true);
    if (i % 10 === 9) costs.push(cost!.dataSync()[0]);
    cost?.dispose();
  }
  console.log(name, costs.join(' '), 'w', Array.from(w.dataSync()).join(' '));
}

const variable = tf.variable(tf.tensor1d([1, 2, 3]));
variable.assign(tf.tensor1d([4, 5, 6]));
console.log('assign', Array.from(variable.dataSync()), variable.trainable);
