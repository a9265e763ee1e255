// A tf.sequential model as a TensorFlow.js program trains one: add, compile with a metric, fit with
// validation data and a callback, read the history, predict and evaluate.
import * as tf from '@tensorflow/tfjs';

await tf.ready();
const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.2], [0.9, 0.1], [0.2, 0.8], [0.7, 0.7]]);
const ys = tf.tensor2d([[0], [1], [1], [0], [0], [1], [1], [0]]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [2], activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }) }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 8 }) }));
// A seeded initializer draws from each library's own generator, so both start from these weights instead.
model.setWeights(model.getWeights().map((w, i) =>
  tf.tensor(Array.from({ length: w.size }, (_, k) => Math.sin(1 + 0.7 * k + i)), w.shape)));
console.log('weights', JSON.stringify(model.getWeights().map((w) => w.shape)));

model.compile({ optimizer: tf.train.adam(0.05), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
const history = await model.fit(xs, ys, {
  epochs: 20, batchSize: 4, shuffle: false, verbose: 0, validationData: [xs, ys],
  callbacks: {
    onEpochEnd: async (epoch, logs) => {
      if (epoch % 5 === 4) console.log('epoch', epoch, 'loss', logs?.loss, 'acc', logs?.acc, 'val_acc', logs?.val_acc);
    },
  },
});
console.log('epochs', JSON.stringify(history.epoch));
console.log('loss', history.history.loss.join(' '));
console.log('acc', history.history.acc.join(' '));
console.log('val_loss', history.history.val_loss.join(' '));
console.log('val_acc', history.history.val_acc.join(' '));

const pred = model.predict(xs) as tf.Tensor;
console.log('predict', JSON.stringify(pred.shape), Array.from(pred.dataSync()));
const [loss, acc] = model.evaluate(xs, ys, { batchSize: 4 }) as tf.Scalar[];
console.log('evaluate', loss.dataSync()[0], acc.dataSync()[0]);
const single = model.predict(tf.tensor2d([[1, 0]]), { batchSize: 1 }) as tf.Tensor;
console.log('one', single.dataSync()[0]);
