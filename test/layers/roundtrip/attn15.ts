// Layers-format round trips (harness: test/layers/roundtrip/) for the merge layers, LayerNormalization and
// MultiHeadAttention (tfjs-layers has no MultiHeadAttention or Subtract: ascent only).
import type { RoundTripCase } from './case.js';
import { tf } from '../../helpers.js';

export const cases: RoundTripCase[] = [
  { name: 'add', make: () => tf.layers.add(), inputShapes: [[4], [4]], tfjs: true },
  { name: 'add of 3, broadcast rank', make: () => tf.layers.add(), inputShapes: [[3, 4], [4], [3, 4]], tfjs: true },
  { name: 'subtract', make: () => tf.layers.subtract(), inputShapes: [[4], [4]], tfjs: false },
  { name: 'multiply', make: () => tf.layers.multiply(), inputShapes: [[4], [4]], tfjs: true },
  { name: 'average', make: () => tf.layers.average(), inputShapes: [[2, 4], [2, 4]], tfjs: true },
  { name: 'maximum', make: () => tf.layers.maximum(), inputShapes: [[4], [4]], tfjs: true },
  { name: 'minimum', make: () => tf.layers.minimum(), inputShapes: [[4], [4]], tfjs: true },
  { name: 'concatenate', make: () => tf.layers.concatenate(), inputShapes: [[3], [5]], tfjs: true },
  { name: 'concatenate axis 1', make: () => tf.layers.concatenate({ axis: 1 }), inputShapes: [[2, 4], [3, 4]], tfjs: true },
  { name: 'dot axes 1', make: () => tf.layers.dot({ axes: 1 }), inputShapes: [[4], [4]], tfjs: true },
  { name: 'dot axes [2, 1] normalize', make: () => tf.layers.dot({ axes: [2, 1], normalize: true }), inputShapes: [[3, 4], [4, 2]], tfjs: true },
  { name: 'layerNormalization', make: () => tf.layers.layerNormalization(), inputShapes: [[3, 5]], tfjs: true },
  { name: 'layerNormalization axes [1, 2], eps', make: () => tf.layers.layerNormalization({ axis: [1, 2], epsilon: 1e-5 }), inputShapes: [[3, 5]], tfjs: true },
  { name: 'layerNormalization no center', make: () => tf.layers.layerNormalization({ center: false }), inputShapes: [[6]], tfjs: true },
  { name: 'multiHeadAttention self', make: () => tf.layers.multiHeadAttention({ numHeads: 2, keyDim: 3 }), inputShapes: [[4, 6], [4, 6]], tfjs: false },
  { name: 'multiHeadAttention key, valueDim, outputShape, no bias',
    make: () => tf.layers.multiHeadAttention({ numHeads: 2, keyDim: 3, valueDim: 2, outputShape: 5, useBias: false }),
    inputShapes: [[3, 6], [4, 7], [4, 5]], tfjs: false },
];
