// Seed 003 (tensorflow求导和梯度计算实例), §2 and §2.1.1–2.1.3: a simple MLP on MNIST (Flatten → Dense 128
// relu → Dropout 0.2 → Dense 10 logits, Adam, sparse categorical cross-entropy from logits, 5 epochs with
// the test set as validation data, then evaluate), and the three improved models the seed defines:
// LeakyReLU(alpha=0.2) + Dropout 0.5, BatchNormalization before ReLU + Dropout 0.5, and an L2(0.001)
// kernel regulariser + Dropout 0.5. The seed only defines those three; `--model` trains one of them the
// same way as the first.
// Port: tf.keras.datasets.mnist.load_data() → await tf.datasets.mnist.loadData() (float32 pixel values
// 0..255, int32 labels), tf.keras.models.Sequential([...]) → tf.sequential({layers: [...]}),
// layers.Flatten(input_shape=(28, 28)) → tf.layers.flatten({inputShape: [28, 28]}), Dense(128,
// activation='relu') → tf.layers.dense({units: 128, activation: 'relu'}), LeakyReLU(alpha=0.2) →
// tf.layers.leakyReLU({alpha: 0.2}), regularizers.l2(0.001) → tf.regularizers.l2(0.001),
// model(x_train[:1]) → model.apply(xTrain.index(':1')), SparseCategoricalCrossentropy(from_logits=True) →
// new tf.losses.SparseCategoricalCrossentropy({fromLogits: true}), fit(..., validation_data=(x, y)) →
// fit(..., {validationData: [x, y]}). Differences: the seed's `predictions` and softmax lines are notebook
// cells whose values Jupyter shows; here they are printed. evaluate(verbose=2) prints Keras' one-line log;
// ascent's evaluate returns [loss, accuracy] without printing, so the example prints them in that format.
// Run: npx tsx examples/seed003-mlp.ts [--model mlp|leakyrelu|batchnorm|l2] [--quick: 2000/500 images, 1 epoch]
import * as tf from '../src/index.js';
import { formatShape, formatValues } from '../src/core/format.js';
await tf.ready();
const quick = process.argv.includes('--quick');
const arg = (name: string, dflt: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : dflt; };
const which = arg('--model', 'mlp');

let [[xTrain, yTrain], [xTest, yTest]] = await tf.datasets.mnist.loadData(quick ? { trainCount: 2000, testCount: 500 } : {});
[xTrain, xTest] = [xTrain.div(255.0), xTest.div(255.0)];
console.log(formatShape(xTrain.shape), formatShape(yTrain.shape));

const models: Record<string, () => tf.Sequential> = {
  // §2
  mlp: () => tf.sequential({ layers: [
    tf.layers.flatten({ inputShape: [28, 28] }),
    tf.layers.dense({ units: 128, activation: 'relu' }),
    tf.layers.dropout({ rate: 0.2 }),
    tf.layers.dense({ units: 10 }),
  ] }),
  // §2.1.1 activation functions
  leakyrelu: () => tf.sequential({ layers: [
    tf.layers.flatten({ inputShape: [28, 28] }),
    tf.layers.dense({ units: 128 }),
    tf.layers.leakyReLU({ alpha: 0.2 }),
    tf.layers.dropout({ rate: 0.5 }),
    tf.layers.dense({ units: 10 }),
  ] }),
  // §2.1.2 batch normalisation
  batchnorm: () => tf.sequential({ layers: [
    tf.layers.flatten({ inputShape: [28, 28] }),
    tf.layers.dense({ units: 128 }),
    tf.layers.batchNormalization(),
    tf.layers.reLU(),
    tf.layers.dropout({ rate: 0.5 }),
    tf.layers.dense({ units: 10 }),
  ] }),
  // §2.1.3 L2 regularisation and dropout
  l2: () => tf.sequential({ layers: [
    tf.layers.flatten({ inputShape: [28, 28] }),
    tf.layers.dense({ units: 128, activation: 'relu', kernelRegularizer: tf.regularizers.l2(0.001) }),
    tf.layers.dropout({ rate: 0.5 }),
    tf.layers.dense({ units: 10 }),
  ] }),
};
if (!(which in models)) {
  console.error(`unknown --model '${which}'; use one of ${Object.keys(models).join(', ')}`);
  process.exit(2);
}
const model = models[which]();

const predictions = model.apply(xTrain.index(':1')) as tf.Tensor;
console.log(formatValues(predictions));
console.log(formatValues(tf.softmax(predictions)));

const lossFn = new tf.losses.SparseCategoricalCrossentropy({ fromLogits: true });
model.compile({ optimizer: 'adam', loss: lossFn, metrics: ['accuracy'] });
await model.fit(xTrain, yTrain, { epochs: quick ? 1 : 5, validationData: [xTest, yTest] });
const [loss, acc] = model.evaluate(xTest, yTest, { verbose: 2 }) as tf.Tensor[];
console.log(`${Math.ceil(xTest.shape[0] / 32)}/${Math.ceil(xTest.shape[0] / 32)} - loss: ${loss.item().toFixed(4)} - accuracy: ${acc.item().toFixed(4)}`);
