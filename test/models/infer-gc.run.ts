// Run by infer-gc.node.test.ts in a child process with --expose-gc: a model dropped without dispose() gives back
// the blocks of its lean-inference cache (folded BatchNorm weights, packed GEMM weights) once the garbage collector has collected it.
import * as tf from '../../src/index.js';

const gc = (globalThis as { gc?: () => void }).gc!;
const tick = () => new Promise((r) => setTimeout(r, 0));
await tf.ready();
const x = tf.ones([2, 6]);
const base = tf.memory().numDataBuffers;
function useAndDrop(): number {
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [6] }), tf.layers.batchNormalization(),
    tf.layers.activation({ activation: 'relu' })] });
  const withWeights = tf.memory().numDataBuffers;
  (m.predict(x) as tf.Tensor).dispose();
  return tf.memory().numDataBuffers - withWeights; // the cache: folded kernel and bias, the kernel packed for the GEMM
}
const cache = useAndDrop();
for (let i = 0; i < 5; i++) { await tick(); gc(); }
await tick();
console.log(JSON.stringify({ cache, leftAfterGc: tf.memory().numDataBuffers - base }));
