// Seed 002 (TensorFlow深度学习-龙曲良-学习笔记), §9 正则化TensorFlow相关代码: the regularisation experiment on
// make_moons — 2000 noisy points (noise 0.25), shuffled, an 80/20 train/test split, a 2-8-256-256-256-1
// network whose three 256-unit layers carry an L2(λ) kernel penalty (λ = 0.01), binary cross-entropy,
// Adam, binary accuracy, 10 epochs, then evaluate on the test points.
// Port: sklearn's make_moons(n_samples=2000, noise=0.25, random_state=100) →
// tf.datasets.makeMoons({nSamples: 2000, noise: 0.25, seed: 100}) (it shuffles, like sklearn.utils.shuffle
// after it), train_test_split(x, y, test_size=0.2, random_state=42) → tf.datasets.trainTestSplit(x, y,
// {testSize: 0.2, seed: 42}), layers.Dense(8, input_dim=2, activation=tf.nn.relu) → tf.layers.dense({units:
// 8, inputDim: 2, activation: tf.relu}), tf.keras.regularizers.l2(λ) → tf.regularizers.l2(λ),
// loss=tf.losses.binary_crossentropy → loss: tf.losses.binaryCrossentropy, tf.optimizers.Adam() →
// new tf.optimizers.Adam(), metrics=[tf.metrics.binary_accuracy] → [tf.metrics.binaryAccuracy].
// Differences: the points come from ascent's seeded generator, not numpy's, so they differ from sklearn's
// for the same random_state (labels are int32; the loss casts them, as Keras does). model.evaluate prints
// Keras' log line; ascent's evaluate returns [loss, accuracy] and the example prints them in that format.
// Run: npx tsx examples/seed002-make-moons.ts [--quick: 400 points, 3 epochs]
import * as tf from '../src/index.js';
await tf.ready();
const quick = process.argv.includes('--quick');

const [x, y] = tf.datasets.makeMoons({ nSamples: quick ? 400 : 2000, noise: 0.25, seed: 100 });
const [xTrain, xTest, yTrain, yTest] = tf.datasets.trainTestSplit(x, y, { testSize: 0.2, seed: 42 });

function buildModelWithRegularization(lambda: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 8, inputDim: 2, activation: tf.relu }));
  model.add(tf.layers.dense({ units: 256, activation: tf.relu, kernelRegularizer: tf.regularizers.l2(lambda) }));
  model.add(tf.layers.dense({ units: 256, activation: tf.relu, kernelRegularizer: tf.regularizers.l2(lambda) }));
  model.add(tf.layers.dense({ units: 256, activation: tf.relu, kernelRegularizer: tf.regularizers.l2(lambda) }));
  model.add(tf.layers.dense({ units: 1, activation: tf.sigmoid }));
  model.compile({ loss: tf.losses.binaryCrossentropy, optimizer: new tf.optimizers.Adam(),
    metrics: [tf.metrics.binaryAccuracy] });
  return model;
}
const model = buildModelWithRegularization(0.01);
await model.fit(xTrain, yTrain, { epochs: quick ? 3 : 10, verbose: 1 });

const [loss, acc] = model.evaluate(xTest, yTest) as tf.Tensor[];
const steps = Math.ceil(xTest.shape[0] / 32);
console.log(`${steps}/${steps} - loss: ${loss.item().toFixed(4)} - ${model.metricsNames[1]}: ${acc.item().toFixed(4)}`);
