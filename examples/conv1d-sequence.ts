// A 1-D convolutional sequence classifier: each example is a noisy 1-D signal of 64 steps hiding one of
// four short patterns (a rising ramp, a falling ramp, a double spike, a square bump) at a random place;
// the network says which. conv1d → maxPooling1d → conv1d → globalMaxPooling1d → dense softmax, trained
// with compile/fit (Adam, sparse categorical cross-entropy); global max pooling makes the answer
// independent of where the pattern sits. Prints the test accuracy before and after training; the full
// run reaches ≥ 90 % (≈ 98 %) in about ten seconds.
// Run: npx tsx examples/conv1d-sequence.ts [--quick: fewer examples and epochs, ~5 s]
import * as tf from '../src/index.js';
await tf.ready();
const quick = process.argv.includes('--quick');

const STEPS = 64, CLASSES = 4;
const PATTERNS: number[][] = [
  [0, 0.5, 1, 1.5, 2, 2.5],        // rising ramp
  [2.5, 2, 1.5, 1, 0.5, 0],        // falling ramp
  [2.5, 0, 0, 0, 0, 2.5],          // double spike
  [0, 1.5, 1.5, 1.5, 1.5, 0],      // square bump
];

/** A small seeded generator (mulberry32) so that every run sees the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n signals [n, STEPS, 1] with Gaussian noise (σ 0.3) and their pattern labels [n]. */
function makeData(n: number, seed: number): [tf.Tensor, tf.Tensor] {
  const r = rng(seed), xs = new Float32Array(n * STEPS), ys = new Int32Array(n);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  for (let i = 0; i < n; i++) {
    const label = Math.floor(r() * CLASSES), p = PATTERNS[label], at = Math.floor(r() * (STEPS - p.length));
    for (let t = 0; t < STEPS; t++) xs[i * STEPS + t] = 0.3 * gauss();
    p.forEach((v, k) => { xs[i * STEPS + at + k] += v; });
    ys[i] = label;
  }
  return [tf.tensor3d(xs, [n, STEPS, 1]), tf.tensor1d(ys, 'int32')];
}

const [xTrain, yTrain] = makeData(quick ? 1000 : 4000, 1);
const [xTest, yTest] = makeData(quick ? 200 : 500, 2);

const model = tf.sequential({ layers: [
  tf.layers.conv1d({ filters: 16, kernelSize: 7, activation: 'relu', inputShape: [STEPS, 1] }),
  tf.layers.maxPooling1d({ poolSize: 2 }),
  tf.layers.conv1d({ filters: 32, kernelSize: 5, activation: 'relu' }),
  tf.layers.globalMaxPooling1d(),
  tf.layers.dense({ units: CLASSES, activation: 'softmax' }),
] });
model.compile({ optimizer: tf.train.adam(0.01), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
model.summary();

const accuracy = (): number => tf.tidy(() => {
  const pred = tf.argMax(model.predict(xTest) as tf.Tensor, -1);
  return tf.mean(tf.cast(tf.equal(pred, yTest), 'float32')).dataSync()[0];
});

console.log(`test accuracy before training: ${accuracy().toFixed(4)}`);
const start = Date.now();
await model.fit(xTrain, yTrain, { epochs: quick ? 8 : 20, batchSize: 32, shuffle: true, verbose: 0,
  callbacks: { onEpochEnd: (epoch, logs) => console.log(`epoch ${epoch + 1}: loss ${logs!.loss.toFixed(4)} accuracy ${logs!.acc.toFixed(4)}`) } });
console.log(`trained in ${((Date.now() - start) / 1000).toFixed(1)} s`);
console.log(`test accuracy after training: ${accuracy().toFixed(4)}`);
