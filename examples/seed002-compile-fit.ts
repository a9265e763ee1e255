// Seed 002 (TensorFlow深度学习-龙曲良-学习笔记), §7.3–7.6: Keras' high-level interface on MNIST — compile
// (Adam lr 0.01, CategoricalCrossentropy from logits, accuracy), fit on a Dataset with validation every 2
// epochs, predict on a test batch, save_weights / load_weights, save / load_model, and a
// CategoricalAccuracy meter over the test set.
// The seed shows these calls without the network and the datasets they use (its train_db / val_db are
// the §4.6 MNIST pipelines); here they are the book's 5-layer MLP (Dense 256-128-64-32 relu, Dense 10)
// and MNIST pipelines built as in §4.6 (x/255 flattened, one-hot labels, batches of 128).
// Port: network.compile(optimizer=tf.keras.optimizers.Adam(lr=0.01), loss=tf.losses.CategoricalCrossentropy(
// from_logits=True), metrics=["accuracy"]) → network.compile({optimizer: new tf.optimizers.Adam({learningRate:
// 0.01}), loss: new tf.losses.CategoricalCrossentropy({fromLogits: true}), metrics: ['accuracy']});
// network.fit(train_db, epochs=5, validation_data=val_db, validation_freq=2) → await
// network.fitDataset(trainDb, {epochs: 5, validationData: valDb, validationFreq: 2}) (tfjs' name for fit
// on a Dataset); next(iter(db_test)) → (await (await valDb.iterator()).next()).value;
// save_weights("weights.ckpt") / load_weights(…) → await saveWeights / loadWeights('file://…');
// save("model.h5") / keras.models.load_model → await save('file://…') / tf.loadLayersModel('file://…/model.json')
// (the tfjs Layers format, not HDF5); tf.metrics.CategoricalAccuracy() → new tf.metrics.CategoricalAccuracy().
// Not ported: §7.6.3 tf.saved_model.load("model-savedmodel") — ascent reads no SavedModel (the seed line
// has no output). The files go to --out DIR (default: a folder in the OS temp directory), not the cwd.
// Run: npx tsx examples/seed002-compile-fit.ts [--quick: 2000 train / 500 test images, 2 epochs] [--out DIR]
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '../src/index.js';
await tf.ready();
const quick = process.argv.includes('--quick');
const outIdx = process.argv.indexOf('--out');
const outDir = outIdx > 0 ? process.argv[outIdx + 1] : join(tmpdir(), 'ascent-seed002-compile-fit');

const [[x, y], [xVal, yVal]] = await tf.datasets.mnist.loadData(quick ? { trainCount: 2000, testCount: 500 } : {});
function preprocess(x: tf.Tensor, y: tf.Tensor): [tf.Tensor, tf.Tensor] {
  return [tf.reshape(tf.cast(x, 'float32'), [-1, 28 * 28]).div(255), tf.oneHot(tf.cast(y, 'int32'), 10, 1, 0, 'float32')];
}
const trainDb = tf.data.fromTensorSlices([x, y]).shuffle(10000).batch(128).map(([x, y]: tf.Tensor[]) => preprocess(x, y));
const valDb = tf.data.fromTensorSlices([xVal, yVal]).batch(128).map(([x, y]: tf.Tensor[]) => preprocess(x, y));

const makeNetwork = () => {
  const net = tf.sequential({ layers: [
    tf.layers.dense({ units: 256, activation: 'relu' }),
    tf.layers.dense({ units: 128, activation: 'relu' }),
    tf.layers.dense({ units: 64, activation: 'relu' }),
    tf.layers.dense({ units: 32, activation: 'relu' }),
    tf.layers.dense({ units: 10 }),
  ] });
  net.build([null, 28 * 28]);
  return net;
};
let network = makeNetwork();
network.summary();

console.log('# 7.3 compile');
const compile = (net: tf.Sequential) => net.compile({
  optimizer: new tf.optimizers.Adam({ learningRate: 0.01 }),
  loss: new tf.losses.CategoricalCrossentropy({ fromLogits: true }),
  metrics: ['accuracy'],
});
compile(network);

console.log('# 7.4 fit');
const history = await network.fitDataset(trainDb, { epochs: quick ? 2 : 5, validationData: valDb, validationFreq: 2 });
console.log(Object.keys(history.history).join(' '));

console.log('# 7.5 predict');
const [xb] = (await (await valDb.iterator()).next()).value as tf.Tensor[];
const out = network.predict(xb) as tf.Tensor;
out.print();

console.log('# 7.6.1 save_weights, then load them into a new network');
await network.saveWeights(`file://${join(outDir, 'weights')}`);
network = makeNetwork();
compile(network);
await network.loadWeights(`file://${join(outDir, 'weights')}`);
const accuracy = async (net: tf.LayersModel) => {
  const accMeter = new tf.metrics.CategoricalAccuracy();
  for await (const [x, y] of valDb as AsyncIterable<tf.Tensor[]>) {
    tf.tidy(() => accMeter.updateState(y, net.predict(x) as tf.Tensor));
    tf.dispose([x, y]);
  }
  return accMeter.result();
};
(await accuracy(network)).print();

console.log('# 7.6.2 save the network and its weights, load_model');
await network.save(`file://${join(outDir, 'model')}`);
const loaded = await tf.loadLayersModel(`file://${join(outDir, 'model', 'model.json')}`);
loaded.summary();
(await accuracy(loaded)).print();
