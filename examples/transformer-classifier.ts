// A small transformer classifier built with the functional API: token embedding + a learned positional
// embedding (a custom layer), one encoder block (multiHeadAttention, add, layerNormalization, a dense
// feed-forward network, add, layerNormalization), flatten and a softmax dense head.
// The task needs attention: "is the first token of the sequence equal to the last one?" (sequences of 8
// tokens from a vocabulary of 6, half of them positive). A position-wise network alone cannot compare two
// positions; attention lets the last position read the first token. Chance is 50 %; the same model with a
// dense layer in place of the attention reaches ~53 %. With attention: 100 % test accuracy (4096 examples,
// 30 epochs, ~30 s), and ≥ 90 % with --quick (1024 examples, 12 epochs, ~7 s; it reaches 100 % there too).
// Run: npx tsx examples/transformer-classifier.ts [--quick]
import * as tf from '../src/index.js';
await tf.ready();
tf.setSeed(7);

const quick = process.argv.includes('--quick');
const T = 8, V = 6, D = 16;
const nTrain = quick ? 1024 : 4096, nTest = 512, epochs = quick ? 12 : 30;

/** Adds a learned [T, D] position embedding to each example (positions 0 … T−1). */
class PositionEmbedding extends tf.layers.Layer {
  static className = 'PositionEmbedding';
  private pos: tf.Variable | null = null;
  build(inputShape: tf.Shape | tf.Shape[]): void {
    const [, t, d] = inputShape as tf.Shape;
    this.pos = this.addWeight('embeddings', [t!, d!], tf.initializers.randomNormal({ stddev: 0.1 }));
  }
  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.add(Array.isArray(inputs) ? inputs[0] : inputs, this.pos!);
  }
}
tf.serialization.registerClass(PositionEmbedding);

/** n sequences; half have first token == last token. Labels 1 (equal) or 0. */
function makeData(n: number, seed: number): [tf.Tensor, tf.Tensor] {
  let s = seed >>> 0;
  const rnd = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
  const tokens: number[] = [], labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const seq = Array.from({ length: T }, () => Math.floor(rnd() * V));
    const equal = i % 2 === 0;
    if (equal) seq[T - 1] = seq[0];
    else while (seq[T - 1] === seq[0]) seq[T - 1] = Math.floor(rnd() * V);
    tokens.push(...seq);
    labels.push(equal ? 1 : 0);
  }
  return [tf.tensor2d(tokens, [n, T], 'int32'), tf.tensor1d(labels, 'int32')];
}

const input = tf.input({ shape: [T], name: 'tokens' });
let x = tf.layers.embedding({ inputDim: V, outputDim: D }).apply(input) as tf.SymbolicTensor;
x = new PositionEmbedding().apply(x) as tf.SymbolicTensor;
const attended = tf.layers.multiHeadAttention({ numHeads: 2, keyDim: 8 }).apply([x, x]) as tf.SymbolicTensor;
x = tf.layers.layerNormalization().apply(tf.layers.add().apply([x, attended])) as tf.SymbolicTensor;
let ffn = tf.layers.dense({ units: 32, activation: 'relu' }).apply(x) as tf.SymbolicTensor;
ffn = tf.layers.dense({ units: D }).apply(ffn) as tf.SymbolicTensor;
x = tf.layers.layerNormalization().apply(tf.layers.add().apply([x, ffn])) as tf.SymbolicTensor;
const flat = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
const output = tf.layers.dense({ units: 2, activation: 'softmax' }).apply(flat) as tf.SymbolicTensor;
const model = tf.model({ inputs: input, outputs: output });
model.summary();

const [xTrain, yTrain] = makeData(nTrain, 1), [xTest, yTest] = makeData(nTest, 2);
model.compile({ optimizer: tf.train.adam(0.005), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
const t0 = Date.now();
await model.fit(xTrain, yTrain, {
  epochs, batchSize: 32, shuffle: true, verbose: 0,
  callbacks: { onEpochEnd: (e, logs) => console.log(`epoch ${e + 1}/${epochs} loss ${logs!.loss.toFixed(4)} accuracy ${logs!.acc.toFixed(4)}`) },
});
const [, acc] = model.evaluate(xTest, yTest) as tf.Scalar[];
console.log(`trained in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`test accuracy ${(acc.dataSync()[0] * 100).toFixed(1)} % (chance 50 %)`);
