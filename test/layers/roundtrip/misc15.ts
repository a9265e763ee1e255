// Round-trip cases of issue 15's reshaping, masking, parametric-activation, noise and preprocessing layers.
import type { RoundTripCase } from './case.js';
import { tf } from '../../helpers.js';

const L = tf.layers;
export const cases: RoundTripCase[] = [
  { name: 'repeatVector', make: () => L.repeatVector({ n: 3 }), inputShapes: [[4]], tfjs: true },
  { name: 'permute', make: () => L.permute({ dims: [2, 3, 1] }), inputShapes: [[2, 3, 4]], tfjs: true },
  { name: 'masking', make: () => L.masking({ maskValue: 1 }), inputShapes: [[3, 2]], inputRange: [0, 2], tfjs: true },
  { name: 'prelu', make: () => L.prelu(), inputShapes: [[3, 4]], tfjs: true },
  { name: 'prelu sharedAxes, regularizer, constraint', make: () => L.prelu({ sharedAxes: [1, 2], alphaRegularizer: 'l2', alphaConstraint: 'nonNeg' }),
    inputShapes: [[3, 3, 2]], tfjs: true },
  { name: 'thresholdedReLU', make: () => L.thresholdedReLU({ theta: 0.25 }), inputShapes: [[5]], tfjs: true },
  // Keras 3's Identity: tfjs-layers has no such class
  { name: 'identity', make: () => L.identity(), inputShapes: [[4]], tfjs: false },
  { name: 'gaussianNoise', make: () => L.gaussianNoise({ stddev: 0.3 }), inputShapes: [[4]], tfjs: true },
  { name: 'gaussianDropout', make: () => L.gaussianDropout({ rate: 0.3, seed: 2 }), inputShapes: [[4]], tfjs: true },
  { name: 'alphaDropout', make: () => L.alphaDropout({ rate: 0.2, noiseShape: [null, 1] }), inputShapes: [[4]], tfjs: true },
  { name: 'spatialDropout1d', make: () => L.spatialDropout1d({ rate: 0.5 }), inputShapes: [[3, 4]], tfjs: true },
  // Keras' SpatialDropout2D/3D: tfjs-layers has neither
  { name: 'spatialDropout2d channelsFirst', make: () => L.spatialDropout2d({ rate: 0.5, dataFormat: 'channelsFirst' }), inputShapes: [[2, 3, 3]], tfjs: false },
  { name: 'spatialDropout3d', make: () => L.spatialDropout3d({ rate: 0.5 }), inputShapes: [[2, 2, 2, 3]], tfjs: false },
  { name: 'rescaling', make: () => L.rescaling({ scale: 1 / 127.5, offset: -1 }), inputShapes: [[2, 2, 3]], inputRange: [0, 255], tfjs: true },
  // tfjs-layers resizes with alignCorners = !cropToAspectRatio, Keras (and ascent) with half-pixel centres
  { name: 'resizing', make: () => L.resizing({ height: 3, width: 5 }), inputShapes: [[4, 4, 2]], tfjs: false },
  { name: 'resizing nearest, cropToAspectRatio', make: () => L.resizing({ height: 2, width: 2, interpolation: 'nearest', cropToAspectRatio: true }),
    inputShapes: [[3, 5, 1]], tfjs: false },
  // tfjs-layers' CenterCrop and CategoryEncoding computeOutputShape overwrite the shape they are given, so a
  // model loaded in tfjs expects inputs of the output's shape ("expected input_1 to have shape [null,4,2,3]");
  // their values are compared with tfjs eagerly in test/layers/preprocessing.test.ts
  { name: 'centerCrop', make: () => L.centerCrop({ height: 4, width: 2 }), inputShapes: [[8, 6, 3]], tfjs: false },
  { name: 'categoryEncoding multiHot', make: () => L.categoryEncoding({ numTokens: 5 }), inputShapes: [[3]], inputDtype: 'int32', inputRange: [0, 5], tfjs: false },
  { name: 'categoryEncoding count', make: () => L.categoryEncoding({ numTokens: 4, outputMode: 'count' }), inputShapes: [[6]], inputDtype: 'int32', inputRange: [0, 4], tfjs: false },
  { name: 'categoryEncoding oneHot', make: () => L.categoryEncoding({ numTokens: 4, outputMode: 'oneHot' }), inputShapes: [[1]], inputDtype: 'int32', inputRange: [0, 4], tfjs: false },
  // tfjs-layers' RandomWidth in a model passes its list of inputs to resize ("x must be rank 3 or 4, but got
  // rank 1"); compared with tfjs eagerly in test/layers/preprocessing.test.ts
  { name: 'randomWidth', make: () => L.randomWidth({ factor: 0.4, interpolation: 'nearest', seed: 3 }), inputShapes: [[3, 4, 2]], tfjs: false },
];
