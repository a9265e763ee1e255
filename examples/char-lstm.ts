// A character-level LSTM (issue 15): learns the opening of Lewis Carroll's "Alice's Adventures in
// Wonderland" (1865, public domain), embedded below, by predicting each next character from the 40 before
// it — embedding(vocab → 32) → lstm(128) → dense(vocab, softmax), Adam, sparse categorical cross-entropy —
// then writes text from a seed, sampling each next character at temperature 0.5.
// It prints the loss of each epoch (falling from ln(vocab) ≈ 3.8 to about 0.02 after 30 epochs: it learns
// the passage nearly by heart) and the sample. The LSTM runs fused: per
// timestep one GEMM for the four gates and one elementwise kernel, forward and backward.
// Run: npx tsx examples/char-lstm.ts [--quick: a smaller model, a few seconds]
import * as tf from '../src/index.js';
await tf.ready();
const quick = process.argv.includes('--quick');

const TEXT = `Alice was beginning to get very tired of sitting by her sister on the bank, and of having nothing to \
do: once or twice she had peeped into the book her sister was reading, but it had no pictures or conversations in \
it, 'and what is the use of a book,' thought Alice 'without pictures or conversations?'
So she was considering in her own mind (as well as she could, for the hot day made her feel very sleepy and \
stupid), whether the pleasure of making a daisy-chain would be worth the trouble of getting up and picking the \
daisies, when suddenly a White Rabbit with pink eyes ran close by her.
There was nothing so very remarkable in that; nor did Alice think it so very much out of the way to hear the \
Rabbit say to itself, 'Oh dear! Oh dear! I shall be late!' (when she thought it over afterwards, it occurred to \
her that she ought to have wondered at this, but at the time it all seemed quite natural); but when the Rabbit \
actually took a watch out of its waistcoat-pocket, and looked at it, and then hurried on, Alice started to her \
feet, for it flashed across her mind that she had never before seen a rabbit with either a waistcoat-pocket, or a \
watch to take out of it, and burning with curiosity, she ran across the field after it, and fortunately was just \
in time to see it pop down a large rabbit-hole under the hedge.
In another moment down went Alice after it, never once considering how in the world she was to get out again.`;

const SEQ = quick ? 20 : 40, UNITS = quick ? 64 : 128, EPOCHS = quick ? 4 : 30, STRIDE = quick ? 2 : 1;
const chars = [...new Set(TEXT)].sort();
const index = new Map(chars.map((c, i) => [c, i]));
const ids = Array.from(TEXT, (c) => index.get(c)!);

// every window of SEQ characters (STRIDE apart) and the character after it
const starts = Array.from({ length: Math.floor((ids.length - SEQ - 1) / STRIDE) + 1 }, (_, i) => i * STRIDE);
const x = tf.tensor2d(starts.flatMap((s) => ids.slice(s, s + SEQ)), [starts.length, SEQ], 'int32');
const y = tf.tensor1d(starts.map((s) => ids[s + SEQ]), 'int32');
console.log(`${TEXT.length} characters, vocabulary ${chars.length}, ${starts.length} windows of ${SEQ}; lstm(${UNITS}), ${EPOCHS} epochs`);

const model = tf.sequential({ layers: [
  tf.layers.embedding({ inputDim: chars.length, outputDim: 32, inputShape: [SEQ] }),
  tf.layers.lstm({ units: UNITS }),
  tf.layers.dense({ units: chars.length, activation: 'softmax' }),
] });
model.compile({ optimizer: tf.train.adam(quick ? 0.01 : 0.005), loss: 'sparseCategoricalCrossentropy' });

const t0 = performance.now();
await model.fit(x, y, {
  epochs: EPOCHS, batchSize: 32, shuffle: true, verbose: 0,
  callbacks: { onEpochEnd: async (epoch, logs) => console.log(`epoch ${epoch + 1} loss ${(logs!.loss as number).toFixed(4)}`) },
});
console.log(`trained in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// sampling: p^(1/T) renormalised, drawn with a seeded generator (the same text every run)
let state = 2024;
const uniform = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
function sample(p: Float32Array | Int32Array | Uint8Array, temperature: number): number {
  const w = Array.from(p, (v) => Math.exp(Math.log(Math.max(v, 1e-12)) / temperature));
  let r = uniform() * w.reduce((a, b) => a + b, 0);
  for (let i = 0; i < w.length; i++) if ((r -= w[i]) <= 0) return i;
  return w.length - 1;
}
const window = ids.slice(0, SEQ);
let out = '';
for (let i = 0; i < (quick ? 80 : 300); i++) {
  const p = tf.tidy(() => (model.predict(tf.tensor2d(window, [1, SEQ], 'int32')) as tf.Tensor).dataSync());
  const next = sample(p as Float32Array, 0.5);
  out += chars[next];
  window.shift();
  window.push(next);
}
console.log(`sample (seed "${TEXT.slice(0, SEQ)}", temperature 0.5):`);
console.log(TEXT.slice(0, SEQ) + out);
tf.dispose([x, y]);
model.dispose();
