// Seed 000 (Tensorflow2学习--005 随机梯度下降), § 利用层实现神经网络: Fashion-MNIST with five Dense layers
// (256-128-64-32-10), a hand-written GradientTape loop with Adam (lr 1e-3), 30 epochs of batches of 64,
// then the test accuracy after each epoch.
// Port: keras.datasets.fashion_mnist.load_data() → tf.datasets.fashionMnist.loadData(),
// tf.data.Dataset.from_tensor_slices((x, y)) → tf.data.fromTensorSlices([x, y]) (elements [x, y]),
// next(iter(db)) → (await (await db.iterator()).next()).value, keras.layers.Dense(256, activation=tf.nn.relu)
// → tf.layers.dense({units: 256, activation: 'relu'}), keras.Sequential → tf.sequential,
// tf.optimizers.Adam(lr=1e-3) → new tf.optimizers.Adam({learningRate: 1e-3}),
// apply_gradients(zip(grad, vars)) → applyGradients(grad, vars), int(correct) → correct.item().
// Each step runs inside tf.tidy (JS has no reference counting to free its temporaries at once).
// As in the seed, total_num counts 64 per test batch, so the last, partial batch counts 64 (10048).
// Run: npx tsx examples/seed000-fashion-mnist.ts [--quick: 2000/500 examples, 2 epochs]
import * as tf from '../src/index.js';
await tf.ready();
const quick = process.argv.includes('--quick');
const shape = (t: tf.Tensor) => `(${t.shape.join(', ')}${t.rank === 1 ? ',' : ''})`;

// the 10-class Fashion-MNIST dataset, loaded and preprocessed
const [[x, y], [xTest, yTest]] = await tf.datasets.fashionMnist.loadData(quick ? { trainCount: 2000, testCount: 500 } : {});
console.log(shape(x), shape(y));
console.log(shape(xTest), shape(yTest));
// scale the pixels to [0, 1] and make the labels int32
function preprocess([x, y]: tf.Tensor[]): tf.Tensor[] {
  return [tf.cast(x, 'float32').div(255), tf.cast(y, 'int32')];
}
// the dataset of (x, y) pairs; map applies the preprocessing to each element
let db = tf.data.fromTensorSlices([x, y]).map(preprocess);
// the test set
let dbTest = tf.data.fromTensorSlices([xTest, yTest]).map(preprocess);
// batch size
const batchs = 64;
// shuffle and batch
db = db.shuffle(60000).batch(batchs);
dbTest = dbTest.shuffle(10000).batch(batchs);
// one batch: sample[0] the images, sample[1] the labels
const sample = (await (await db.iterator()).next()).value as tf.Tensor[];
console.log('sample:', shape(sample[0]), sample[1].toString());

// the network: each Dense layer is fully connected, no w and b to create by hand
const layer1 = tf.layers.dense({ units: 256, activation: 'relu' });
const layer2 = tf.layers.dense({ units: 128, activation: 'relu' });
const layer3 = tf.layers.dense({ units: 64, activation: 'relu' });
const layer4 = tf.layers.dense({ units: 32, activation: 'relu' });
const layer5 = tf.layers.dense({ units: 10 });
const model = tf.sequential({ layers: [layer1, layer2, layer3, layer4, layer5] });
model.build([null, 28 * 28]);
model.summary();
for (const i of model.trainableVariables) console.log(i.name, shape(i));

// the optimizer does w -= lr * grad for every variable
const optimizer = new tf.optimizers.Adam({ learningRate: 1e-3 });
for (let epoch = 0; epoch < (quick ? 2 : 30); epoch++) {
  let step = 0;
  for await (const [xb, yb] of db) {
    tf.tidy(() => {
      const x = tf.reshape(xb, [-1, 28 * 28]);
      const tape = new tf.GradientTape();
      const logits = model.apply(x) as tf.Tensor;
      const yOnehot = tf.oneHot(yb, 10);
      // cross-entropy loss on the logits
      const loss = tf.mean(tf.losses.categoricalCrossentropy(yOnehot, logits, true));
      // the gradients of all the model's parameters at once
      const grad = tape.gradient(loss, model.trainableVariables);
      optimizer.applyGradients(grad, model.trainableVariables);
      if (step % 100 === 0) console.log(epoch, step, 'loss:', loss.toString());
    });
    tf.dispose([xb, yb]);
    step++;
  }

  // test
  let totalNum = 0;
  let totalCorrect = 0;
  for await (const [xb, yb] of dbTest) {
    tf.tidy(() => {
      const x = tf.reshape(xb, [-1, 28 * 28]);
      const logits = model.apply(x) as tf.Tensor;
      const prob = tf.softmax(logits, 1);
      const pred = tf.cast(tf.argMax(prob, 1), 'int32');
      const correct = tf.sum(tf.cast(tf.equal(pred, yb), 'int32'));
      totalCorrect += correct.item();
      totalNum += 64;
    });
    tf.dispose([xb, yb]);
  }
  console.log('correct:', totalCorrect / totalNum);
}
