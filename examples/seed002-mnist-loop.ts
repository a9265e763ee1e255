// Seed 002 (TensorFlow深度学习-龙曲良-学习笔记), §4.6: the hand-written MNIST training loop — a tf.data
// pipeline (from_tensor_slices → shuffle(1000) → batch(100) → map(preprocess)), a 784-100-10 network of
// raw Variables, GradientTape, CategoricalCrossentropy(from_logits=True), RMSprop with an ExponentialDecay
// schedule, two epochs printing loss and batch accuracy every 20 steps, then the accuracy of each test
// batch. With --logdir it also writes the §8.3 TensorBoard summaries (train_acc, train-loss, test_acc, 9
// test images and the label histogram) as the seed's summary_writer does.
// Port: tf.data.Dataset.from_tensor_slices((x, y)) → tf.data.fromTensorSlices([x, y]); map(preprocess)
// gets the element [x, y] as one argument; `for step, (x, y) in enumerate(db)` → `for await (const [x, y]
// of db)` with a step counter; tf.random.truncated_normal(shape, stddev=0.1) → tf.truncatedNormal(shape, 0,
// 0.1); loss_obj(y, out) → lossObj.call(y, out); tf.keras.optimizers.schedules.ExponentialDecay(…) →
// new tf.optimizers.schedules.ExponentialDecay({…}); tf.keras.optimizers.RMSprop(learning_rate=…) →
// new tf.optimizers.RMSprop({learningRate: …}); apply_gradients(zip(grads, vars)) →
// applyGradients(grads.map((g, i) => [g, vars[i]])); tf.summary.create_file_writer → createFileWriter,
// `with writer.as_default():` → writer.asDefault(() => …), max_outputs=9 → maxOutputs 9.
// As in the seed, the loss object, the schedule and the optimizer are created anew at every step (so
// RMSprop starts from empty slots each step). Differences: int64 labels are int32; the batch accuracy is
// computed in float32 (TF divides the int32 count by the int batch size into float64); the seed's test
// pipeline reads the training images (`from_tensor_slices((x, y))`), here it reads the test split
// (x_val, y_val) it loaded for that purpose; round(rate, 3)*100 prints with one decimal. Memory: each step
// runs in tf.tidy, the batch is disposed after it and the per-step optimizer with dispose() — JS has no
// reference counting, and a `for await` loop never lets the garbage collector's finalizers run.
// Run: npx tsx examples/seed002-mnist-loop.ts [--quick: 2000 train / 500 test images] [--logdir DIR]
import * as tf from '../src/index.js';
await tf.ready();
const quick = process.argv.includes('--quick');
const logIdx = process.argv.indexOf('--logdir');
const logdir = logIdx > 0 ? process.argv[logIdx + 1] : null;
const percent = (rate: tf.Tensor) => (Math.round(rate.item() * 1000) / 10).toFixed(1);

const [[x, y], [xVal, yVal]] = await tf.datasets.mnist.loadData(quick ? { trainCount: 2000, testCount: 500 } : {});

function preprocess(x: tf.Tensor, y: tf.Tensor): [tf.Tensor, tf.Tensor] {
  x = tf.cast(x, 'float32');
  x = tf.reshape(x, [-1, 28 * 28]);
  x = x.div(255);
  y = tf.cast(y, 'int32');
  y = tf.oneHot(y, 10, 1, 0, 'float32');
  return [x, y];
}

const batchSize = 100;
let trainDb = tf.data.fromTensorSlices([x, y]);
trainDb = trainDb.shuffle(1000);
trainDb = trainDb.batch(batchSize);
trainDb = trainDb.map(([x, y]: tf.Tensor[]) => preprocess(x, y));

let testDb = tf.data.fromTensorSlices([xVal, yVal]);
testDb = testDb.batch(100);
testDb = testDb.map(([x, y]: tf.Tensor[]) => preprocess(x, y));

const w1 = tf.variable(tf.truncatedNormal([28 * 28, 100], 0, 0.1));
const b1 = tf.variable(tf.truncatedNormal([100], 0, 0.1));
const w2 = tf.variable(tf.truncatedNormal([w1.shape[1], 10], 0, 0.1));
const b2 = tf.variable(tf.truncatedNormal([10], 0, 0.1));

function train(x: tf.Tensor): tf.Tensor {
  let h1 = tf.matMul(x, w1).add(b1);
  h1 = tf.relu(h1);
  let h2 = tf.matMul(h1, w2).add(b2);
  h2 = tf.relu(h2);
  return h2;
}

// §8.3: the summary writer (only with --logdir)
const summaryWriter = logdir === null ? null : tf.summary.createFileWriter(logdir);

for (let epoch = 0; epoch < 2; epoch++) {
  let step = 0;
  for await (const batch of trainDb as AsyncIterable<tf.Tensor[]>) {
    tf.tidy(() => {
      let [x, y] = batch;
      const tape = new tf.GradientTape();
      const out = train(x);
      const lossObj = new tf.losses.CategoricalCrossentropy({ fromLogits: true });
      const loss = lossObj.call(y, out);

      const grads = tape.gradient(loss, [w1, b1, w2, b2]);

      const initialLearningRate = 1e-4;
      const lrSchedule = new tf.optimizers.schedules.ExponentialDecay({
        initialLearningRate,
        decaySteps: 100000,
        decayRate: 0.96,
        staircase: true,
      });
      const optimizer = new tf.optimizers.RMSprop({ learningRate: lrSchedule });
      const vars = [w1, b1, w2, b2];
      optimizer.applyGradients(grads.map((g, i) => [g, vars[i]] as [tf.Tensor, tf.Variable]));
      optimizer.dispose();

      if (step % 20 === 0) {
        const pred = tf.argMax(out, 1);
        y = tf.argMax(y, 1);
        const correct = tf.equal(y, pred);
        const correctRate = tf.sum(tf.cast(correct, 'float32').div(batchSize));
        console.log(`current epoch: ${epoch}, current step: ${step}, loss: ${loss}, aac: ${percent(correctRate)}%`);
        summaryWriter?.asDefault(() => {
          tf.summary.scalar('train_acc', correctRate, step);
          tf.summary.scalar('train-loss', loss.item(), step);
        });
      }
    });
    tf.dispose(batch);
    step++;
  }
}

let step = 0;
for await (const batch of testDb as AsyncIterable<tf.Tensor[]>) {
  tf.tidy(() => {
    let [x, y] = batch;
    const out = train(x);
    const pred = tf.argMax(out, 1);
    y = tf.argMax(y, 1);
    const correct = tf.equal(y, pred);
    const correctRate = tf.sum(tf.cast(correct, 'float32').div(batchSize));
    console.log(` current step: ${step}, aac: ${percent(correctRate)}%`);
    summaryWriter?.asDefault(() => {
      // test accuracy
      tf.summary.scalar('test_acc', correctRate, step);
      // the first 9 images of the batch
      tf.summary.image('val-onebyone-images:', tf.reshape(x, [100, 28, 28, 1]), step, 9);
      // the label distribution
      tf.summary.histogram('y-hist', y, step);
    });
  });
  tf.dispose(batch);
  step++;
}
await summaryWriter?.close();
