// The CNN training step that bench/cnn.ts, bench/threads.ts and the bench/tmp A/B scripts time:
// x [64,28,28,1] → conv 3×3·32 relu → maxPool 2 → conv 3×3·64 relu → maxPool 2 → flatten → dense 10 →
// softmax cross-entropy, Adam(1e-3), with tfjs's API only (`optimizer.minimize`), so the same function builds the
// step for ascent and for TensorFlow.js: pass the library's module. Imports nothing, so an A/B script can pass the
// module of another checkout.
import type * as Ascent from '../src/index.js';

type TF = typeof Ascent;
type T = Ascent.Tensor;

/** Deterministic values in [−1, 1) (an LCG), the same for every library. */
export function rnd(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1);
}

export interface CnnStep {
  /** One training step; returns the loss (read back, so the step's work is done). */
  step(): number;
  vars: Ascent.Variable[];
  dispose(): void;
}

/** The step's data, weights and Adam for `tf` (ascent's module, or tfjs-core's cast to it). */
export function cnnStep(tf: TF): CnnStep {
  const x = tf.tensor(rnd(64 * 28 * 28, 1), [64, 28, 28, 1]) as Ascent.Tensor4D;
  const labels = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor(Int32Array.from({ length: 64 }, (_, i) => i % 10), [64], 'int32') as Ascent.Tensor1D, 10), 'float32'));
  const scaled = (n: number, seed: number, shape: number[], k: number) => tf.variable(tf.tidy(() => tf.mul(tf.tensor(rnd(n, seed), shape), k)));
  const vars = [scaled(9 * 32, 2, [3, 3, 1, 32], 0.3), tf.variable(tf.zeros([32])),
    scaled(9 * 32 * 64, 3, [3, 3, 32, 64], 0.08), tf.variable(tf.zeros([64])),
    scaled(1600 * 10, 4, [1600, 10], 0.03), tf.variable(tf.zeros([10]))];
  const opt = tf.train.adam(1e-3);
  const loss = (): Ascent.Scalar => {
    const block = (h: T, w: T, b: T) => tf.maxPool(tf.relu(tf.add(tf.conv2d(h as Ascent.Tensor4D, w as Ascent.Tensor4D, 1, 'valid'), b)) as Ascent.Tensor4D, 2, 2, 'valid');
    const h = block(block(x, vars[0], vars[1]), vars[2], vars[3]);
    return tf.losses.softmaxCrossEntropy(labels, tf.add(tf.matMul(tf.reshape(h, [64, -1]), vars[4]), vars[5])) as Ascent.Scalar;
  };
  return {
    step() {
      const l = opt.minimize(loss, true, vars)!;
      const v = l.dataSync()[0];
      l.dispose();
      return v;
    },
    vars,
    dispose() { tf.dispose([x, labels, ...vars]); opt.dispose(); },
  };
}
