// Seed 001, § 全连接网络的实现: the same MNIST training as seed001-mnist-kaiming.ts, with the network as a
// class holding a Sequential of Linear and ReLU layers (784-200-200-10, ReLU after the last one too),
// plain SGD (lr 0.01), batches of 200, 10 epochs. The seed leaves out the data loading ("加载数据集的代码省略了");
// it is the previous program's, and is written out here so that the file runs.
// Port of the PyTorch listing: class MLP(nn.Module) → class MLP extends tf.Model with call() for forward(),
// nn.Sequential → tf.sequential, nn.Linear(784, 200) → tf.layers.dense({units: 200}) (Keras' default
// initialisation, Glorot uniform and zero bias, instead of torch's), nn.ReLU → tf.layers.reLU(),
// net.parameters() → net.trainableVariables; the rest as in seed001-mnist-kaiming.ts.
// Run: npx tsx examples/seed001-mnist-mlp.ts [--quick: 10000/1000 examples, 2 epochs]
import * as tf from '../src/index.js';
await tf.ready();
const quick = process.argv.includes('--quick');

const batchSize = 200;
const learningRate = 0.01;
const epochs = quick ? 2 : 10;

const [[xTrain, yTrain], [xTest, yTest]] = await tf.datasets.mnist.loadData(quick ? { trainCount: 10000, testCount: 1000 } : {});
const normalize = ([x, y]: tf.Tensor[]) => [x.div(255).sub(0.1307).div(0.3081), y];
const trainLoader = tf.data.fromTensorSlices([xTrain, yTrain]).map(normalize).shuffle(xTrain.shape[0]).batch(batchSize);
const testLoader = tf.data.fromTensorSlices([xTest, yTest]).map(normalize).shuffle(xTest.shape[0]).batch(batchSize);
const trainLen = xTrain.shape[0], testLen = xTest.shape[0], trainBatches = Math.ceil(trainLen / batchSize);

// the fully connected network
class MLP extends tf.Model {
  // the layers; Dense initialises its own weights, nothing to initialise by hand
  model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 200, inputShape: [784] }),
      tf.layers.reLU(),
      tf.layers.dense({ units: 200 }),
      tf.layers.reLU(),
      tf.layers.dense({ units: 10 }),
      tf.layers.reLU(),
    ],
  });

  override call(x: tf.Tensor): tf.Tensor {
    x = this.model.apply(x) as tf.Tensor;
    return x;
  }
}

const net = new MLP();
// the parameters to optimise come from the network
const optimizer = new tf.optimizers.SGD({ learningRate });
const criteon = new tf.losses.SparseCategoricalCrossentropy({ fromLogits: true });

for (let epoch = 0; epoch < epochs; epoch++) {
  let batchIdx = 0;
  for await (const [data, target] of trainLoader) {
    tf.tidy(() => {
      const x = data.reshape([-1, 28 * 28]);
      const tape = new tf.GradientTape();
      const logits = net.apply(x) as tf.Tensor;
      const loss = criteon.call(target, logits);
      optimizer.applyGradients(tape.gradient(loss, net.trainableVariables), net.trainableVariables);
      if (batchIdx % 100 === 0) {
        console.log(`Train Epoch: ${epoch} [${batchIdx * x.shape[0]}/${trainLen} (${(100 * batchIdx / trainBatches).toFixed(0)}%)]` +
          `\tLoss: ${loss.item().toFixed(6)}`);
      }
    });
    tf.dispose([data, target]);
    batchIdx++;
  }

  let testLoss = 0;
  let correct = 0;
  for await (const [data, target] of testLoader) {
    tf.tidy(() => {
      const logits = net.apply(data.reshape([-1, 28 * 28])) as tf.Tensor;
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
