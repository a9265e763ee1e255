// Layers-format round trips of the conv family (conv_more.ts) and the pooling/padding/cropping/upsampling
// layers (spatial.ts). tfjs: false where tfjs-layers lacks the layer or the option (Keras 3 extras, causal
// padding, channelsFirst Conv1D/Pooling1D, depthMultiplier of SeparableConv2D, depthwise dilation).
import type { RoundTripCase } from './case.js';
import { tf } from '../../helpers.js';

const L = tf.layers;

export const cases: RoundTripCase[] = [
  { name: 'conv1d same', make: () => L.conv1d({ filters: 3, kernelSize: 2, padding: 'same' }), inputShapes: [[7, 4]], tfjs: true },
  { name: 'conv1d strides relu', make: () => L.conv1d({ filters: 2, kernelSize: 3, strides: 2, activation: 'relu' }), inputShapes: [[9, 2]], tfjs: true },
  { name: 'conv1d causal dilated', make: () => L.conv1d({ filters: 2, kernelSize: 3, padding: 'causal', dilationRate: 2 }), inputShapes: [[8, 3]], tfjs: false },
  { name: 'conv1d channelsFirst', make: () => L.conv1d({ filters: 2, kernelSize: 2, dataFormat: 'channelsFirst' }), inputShapes: [[3, 6]], tfjs: false },
  { name: 'conv3d', make: () => L.conv3d({ filters: 2, kernelSize: 2, padding: 'same' }), inputShapes: [[3, 4, 4, 2]], tfjs: true },
  { name: 'conv3d channelsFirst strides', make: () => L.conv3d({ filters: 3, kernelSize: [2, 2, 1], strides: 2, dataFormat: 'channelsFirst' }), inputShapes: [[2, 4, 4, 3]], tfjs: true },
  { name: 'conv2dTranspose', make: () => L.conv2dTranspose({ filters: 3, kernelSize: 3, strides: 2 }), inputShapes: [[4, 5, 2]], tfjs: true },
  { name: 'conv2dTranspose same channelsFirst', make: () => L.conv2dTranspose({ filters: 2, kernelSize: 2, strides: 2, padding: 'same', dataFormat: 'channelsFirst' }), inputShapes: [[3, 4, 4]], tfjs: true },
  { name: 'conv3dTranspose', make: () => L.conv3dTranspose({ filters: 2, kernelSize: 2, strides: 2 }), inputShapes: [[2, 3, 2, 2]], tfjs: true },
  { name: 'depthwiseConv2d', make: () => L.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same' }), inputShapes: [[5, 5, 3]], tfjs: true },
  { name: 'depthwiseConv2d dilated', make: () => L.depthwiseConv2d({ kernelSize: 2, dilationRate: 2 }), inputShapes: [[6, 6, 2]], tfjs: false },
  { name: 'separableConv2d', make: () => L.separableConv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }), inputShapes: [[6, 6, 3]], tfjs: true },
  { name: 'separableConv2d depthMultiplier 2', make: () => L.separableConv2d({ filters: 3, kernelSize: 2, depthMultiplier: 2 }), inputShapes: [[5, 5, 2]], tfjs: false },
  { name: 'maxPooling1d', make: () => L.maxPooling1d({ poolSize: 3, strides: 2, padding: 'same' }), inputShapes: [[9, 3]], tfjs: true },
  { name: 'averagePooling1d', make: () => L.averagePooling1d(), inputShapes: [[8, 2]], tfjs: true },
  { name: 'maxPooling3d', make: () => L.maxPooling3d({ poolSize: 2 }), inputShapes: [[4, 4, 4, 2]], tfjs: true },
  { name: 'averagePooling3d channelsFirst', make: () => L.averagePooling3d({ poolSize: [1, 2, 2], dataFormat: 'channelsFirst' }), inputShapes: [[2, 3, 4, 4]], tfjs: true },
  { name: 'globalAveragePooling1d', make: () => L.globalAveragePooling1d(), inputShapes: [[6, 3]], tfjs: true },
  { name: 'globalMaxPooling1d', make: () => L.globalMaxPooling1d(), inputShapes: [[6, 3]], tfjs: true },
  { name: 'globalMaxPooling2d', make: () => L.globalMaxPooling2d(), inputShapes: [[4, 5, 3]], tfjs: true },
  { name: 'globalMaxPooling1d keepDims', make: () => L.globalMaxPooling1d({ keepDims: true }), inputShapes: [[6, 3]], tfjs: false },
  { name: 'upSampling2d nearest', make: () => L.upSampling2d({ size: [2, 3] }), inputShapes: [[3, 3, 2]], tfjs: true },
  { name: 'upSampling2d bilinear', make: () => L.upSampling2d({ interpolation: 'bilinear' }), inputShapes: [[3, 4, 2]], tfjs: true },
  { name: 'zeroPadding2d', make: () => L.zeroPadding2d({ padding: [[1, 2], [0, 3]] }), inputShapes: [[3, 3, 2]], tfjs: true },
  { name: 'cropping2D', make: () => L.cropping2D({ cropping: [[1, 0], [2, 1]] }), inputShapes: [[5, 6, 2]], tfjs: true },
  { name: 'upSampling1d', make: () => L.upSampling1d({ size: 3 }), inputShapes: [[4, 2]], tfjs: false },
  { name: 'zeroPadding1d', make: () => L.zeroPadding1d({ padding: [2, 1] }), inputShapes: [[4, 2]], tfjs: false },
  { name: 'cropping1D', make: () => L.cropping1D({ cropping: [1, 2] }), inputShapes: [[6, 2]], tfjs: false },
];
