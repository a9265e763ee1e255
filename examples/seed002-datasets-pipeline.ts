// Seed 002 (TensorFlow深度学习-龙曲良-学习笔记), §4.1–4.5: loading MNIST with load_data, building a Dataset
// from tensors (from_tensor_slices), shuffle, batch, map(preprocess), iterating epochs, and repeat.
// Port: tf.keras.datasets.mnist.load_data() → await tf.datasets.mnist.loadData() (float32 pixel values
// 0..255 and int32 labels, where Keras gives uint8 arrays); tf.data.Dataset.from_tensor_slices((x, y)) →
// tf.data.fromTensorSlices([x, y]) (an element is the array [x, y]); shuffle(buffer_size=1000) →
// shuffle(1000); map(preprocess) gets the element as one argument; `for x, y in db:` → `for await (const
// [x, y] of db)`; tf.random.uniform(…, dtype=tf.int32) → tf.randomUniform(…, 'int32'); len(db) → db.size.
// Differences: print(train_db) has no counterpart (a tfjs Dataset has no printed form): the example prints
// the size and the element shapes and dtypes TF's repr shows; the §4.5 loop, empty in the seed, counts its
// steps and prints the count; int64 labels are int32. The loops dispose the elements they are done with
// (JS has no reference counting, and a `for await` loop never lets the garbage collector's finalizers run).
// Run: npx tsx examples/seed002-datasets-pipeline.ts [--quick: the first 1000 train / 100 test images]
import * as tf from '../src/index.js';
import { formatShape } from '../src/core/format.js';
await tf.ready();
const quick = process.argv.includes('--quick');
const load = () => tf.datasets.mnist.loadData(quick ? { trainCount: 1000, testCount: 100 } : {});

console.log('# 4.1 load_data');
let [[x, y], [xTest, yTest]] = await load();
console.log(formatShape(x.shape), formatShape(y.shape));
void xTest; void yTest;

console.log('# 4.2 a Dataset from tensors');
x = tf.randomNormal([600, 28, 28]);
y = tf.randomUniform([600], 0, 9, 'int32');
let trainDb = tf.data.fromTensorSlices([x, y]);
// TF prints <TensorSliceDataset shapes: ((28, 28), ()), types: (tf.float32, tf.int32)>; a tfjs Dataset has
// no printed form, so this line shows the same facts: the size and the first element's shapes and dtypes.
const [ex, ey] = (await (await trainDb.iterator()).next()).value as tf.Tensor[];
console.log(`Dataset: ${trainDb.size} elements, shapes: (${formatShape(ex.shape)}, ${formatShape(ey.shape)}), types: (${ex.dtype}, ${ey.dtype})`);

console.log('# 4.3 shuffle and batch');
trainDb = trainDb.shuffle(1000);
trainDb = trainDb.batch(20);
for await (const [x, y] of trainDb as AsyncIterable<tf.Tensor[]>) {
  console.log(formatShape(x.shape), formatShape(y.shape));
  tf.dispose([x, y]);
}

console.log('# 4.4 map(preprocess)');
let xVal: tf.Tensor, yVal: tf.Tensor;
[[x, y], [xVal, yVal]] = await load();
void xVal; void yVal;
function preprocess(x: tf.Tensor, y: tf.Tensor): [tf.Tensor, tf.Tensor] {
  x = tf.cast(x, 'float32');
  x = tf.reshape(x, [-1, 28 * 28]);
  y = tf.cast(y, 'int32');
  y = tf.oneHot(y, 10, 1, 0, 'float32');
  return [x, y];
}
trainDb = tf.data.fromTensorSlices([x, y]);
trainDb = trainDb.map(([x, y]: tf.Tensor[]) => preprocess(x, y));
for await (const [x, y] of trainDb as AsyncIterable<tf.Tensor[]>) {
  console.log(formatShape(x.shape));
  console.log(formatShape(y.shape));
  break;
}

console.log('# 4.5 iterating epochs, then repeat');
// epochs: how many times the dataset is iterated
let steps = 0;
for (let epoch = 0; epoch < 20; epoch++) {
  // step counts the elements of this epoch
  for await (const [x, y] of trainDb as AsyncIterable<tf.Tensor[]>) { steps++; tf.dispose([x, y]); }
}
console.log(`${steps} steps in 20 epochs`);
trainDb = trainDb.repeat(20);
console.log(trainDb.size);
