// Seed 001, § 三、利用minst数据实现多分类: MNIST with a hand-made 784-200-200-10 network (ReLU after every layer,
// the last one included, as in the seed), Kaiming-normal weights, plain SGD (lr 0.01), batches of 200,
// 10 epochs; prints the loss every 100 batches and the test loss and accuracy after each epoch.
// Port of the PyTorch listing: datasets.MNIST + Normalize((0.1307,), (0.3081,)) + DataLoader(shuffle=True)
// → tf.datasets.mnist.loadData() + tf.data.fromTensorSlices([x, y]).map(normalize).shuffle(…).batch(200);
// weights are TF's [in, out] (x @ w instead of torch's x @ w.t()); torch.nn.init.kaiming_normal_ →
// tf.initializers.varianceScaling({scale: 2, mode: 'fanIn', distribution: 'untruncatedNormal'}) (std √(2/fan_in),
// not truncated, as torch's);
// optim.SGD → new tf.optimizers.SGD; nn.CrossEntropyLoss() → new tf.losses.SparseCategoricalCrossentropy
// ({fromLogits: true}); zero_grad/backward/step → GradientTape + applyGradients; logits.max(1)[1] → argMax.
// As in the seed, the test loss is the sum of the batch means divided by the number of examples.
// Run: npx tsx examples/seed001-mnist-kaiming.ts [--quick: 10000/1000 examples, 2 epochs]
import * as tf from '../src/index.js';
await tf.ready();
const quick = process.argv.includes('--quick');

// examples per step, learning rate, epochs
const batchSize = 200;
const learningRate = 0.01;
const epochs = quick ? 2 : 10;

const [[xTrain, yTrain], [xTest, yTest]] = await tf.datasets.mnist.loadData(quick ? { trainCount: 10000, testCount: 1000 } : {});
// ToTensor (pixels / 255) and Normalize((0.1307,), (0.3081,))
const normalize = ([x, y]: tf.Tensor[]) => [x.div(255).sub(0.1307).div(0.3081), y];
const trainLoader = tf.data.fromTensorSlices([xTrain, yTrain]).map(normalize).shuffle(xTrain.shape[0]).batch(batchSize);
const testLoader = tf.data.fromTensorSlices([xTest, yTest]).map(normalize).shuffle(xTest.shape[0]).batch(batchSize);
const trainLen = xTrain.shape[0], testLen = xTest.shape[0], trainBatches = Math.ceil(trainLen / batchSize);

// the parameters, [in, out]; Kaiming (He) initialisation
const kaiming = tf.initializers.varianceScaling({ scale: 2, mode: 'fanIn', distribution: 'untruncatedNormal' });
const w1 = tf.variable(kaiming.apply([784, 200])), b1 = tf.variable(tf.zeros([200]));
const w2 = tf.variable(kaiming.apply([200, 200])), b2 = tf.variable(tf.zeros([200]));
const w3 = tf.variable(kaiming.apply([200, 10])), b3 = tf.variable(tf.zeros([10]));

// the forward pass
function forward(x: tf.Tensor): tf.Tensor {
  x = tf.matMul(x, w1).add(b1);
  x = tf.relu(x);
  x = tf.matMul(x, w2).add(b2);
  x = tf.relu(x);
  x = tf.matMul(x, w3).add(b3);
  x = tf.relu(x);
  return x;
}

const vars = [w1, b1, w2, b2, w3, b3];
const optimizer = new tf.optimizers.SGD({ learningRate });
const criteon = new tf.losses.SparseCategoricalCrossentropy({ fromLogits: true });

for (let epoch = 0; epoch < epochs; epoch++) {
  let batchIdx = 0;
  for await (const [data, target] of trainLoader) {
    tf.tidy(() => {
      const x = data.reshape([-1, 28 * 28]);
      const tape = new tf.GradientTape();
      const logits = forward(x);
      const loss = criteon.call(target, logits);
      optimizer.applyGradients(tape.gradient(loss, vars), vars);
      if (batchIdx % 100 === 0) {
        console.log(`Train Epoch: ${epoch} [${batchIdx * x.shape[0]}/${trainLen} (${(100 * batchIdx / trainBatches).toFixed(0)}%)]` +
          `\tLoss: ${loss.item().toFixed(6)}`);
      }
    });
    tf.dispose([data, target]);
    batchIdx++;
  }

  // accuracy on the test set
  let testLoss = 0;
  let correct = 0;
  for await (const [data, target] of testLoader) {
    tf.tidy(() => {
      const logits = forward(data.reshape([-1, 28 * 28]));
      testLoss += criteon.call(target, logits).item();
      const pred = tf.argMax(logits, 1);
      correct += tf.equal(pred, target).sum().item();
    });
    tf.dispose([data, target]);
  }
  testLoss /= testLen;
  console.log(`\nTest set: Average loss: ${testLoss.toFixed(4)}, Accuracy: ${correct}/${testLen} ` +
    `(${(100 * correct / testLen).toFixed(0)}%)\n`);
}
