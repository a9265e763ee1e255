// A Layers-format round-trip case (test/layers/roundtrip.test.ts): a layer, the shapes of its inputs, and
// whether tfjs-layers 4.22 can load it. Each test/layers/roundtrip/<family>.ts exports `cases: RoundTripCase[]`.
import { tf } from '../../helpers.js';

export interface RoundTripCase {
  /** Names the test: unique in its file. */
  name: string;
  /** A new ascent layer (called once per test). */
  make: () => tf.Layer;
  /** Per input, the shape WITHOUT the batch axis (a layer of several inputs gets a list). */
  inputShapes: number[][];
  /** tfjs-layers can load the saved model (it has the layer and its config's options). */
  tfjs: boolean;
  /** The inputs' dtype (default float32). */
  inputDtype?: 'int32' | 'float32';
  /** The inputs' values lie in [lo, hi) (default [-1, 1); int32 inputs take the integers lo … hi-1, default [0, 10)). */
  inputRange?: [number, number];
}

/** Seeded inputs for a case (batch 2). */
export function inputsFor(c: RoundTripCase, seed: number): tf.Tensor[] {
  const int = c.inputDtype === 'int32';
  const [lo, hi] = c.inputRange ?? (int ? [0, 10] : [-1, 1]);
  return c.inputShapes.map((s, k) => tf.tidy(() => {
    const u = tf.randomUniform([2, ...s], lo, hi, 'float32', seed + k);
    return int ? tf.cast(tf.clipByValue(tf.floor(u), lo, hi - 1), 'int32') : u;
  }));
}

/** Every weight set to seeded random values: [-1, 1), variances (BatchNormalization's) in [0.5, 1.5). */
export function randomizeWeights(m: tf.LayersModel): void {
  m.weights.forEach((w, i) => {
    const [lo, hi] = /variance/.test(w.name) ? [0.5, 1.5] : [-1, 1];
    const v = tf.tidy(() => tf.cast(tf.randomUniform(w.shape, lo, hi, 'float32', 1000 + i), w.dtype));
    w.assign(v);
    v.dispose();
  });
}

