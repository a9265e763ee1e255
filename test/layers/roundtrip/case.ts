// A Layers-format round-trip case (test/layers/roundtrip.test.ts): a layer, the shapes of its inputs, and
// whether tfjs-layers 4.22 can load it. Each test/layers/roundtrip/<family>.ts exports `cases: RoundTripCase[]`.
import type { tf } from '../../helpers.js';

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
