// Every public op, by family: the one list the `tf` namespace, the chaining API and the no-leak test
// read. Internal helpers of the families (kernels runners, internal primitives) stay out of it.
import { provideTapeOps } from '../core/tape.js';
import { add } from './binary.js';
import { onesLike, zerosLike } from './create.js';
import { cast } from './shape.js';

export { tensor, scalar, tensor1d, tensor2d, tensor3d, tensor4d, fill, zeros, ones, zerosLike, onesLike, range, linspace, oneHot, eye } from './create.js';
export { reshape, transpose, cast, clone, stopGradient, expandDims, squeeze, broadcastTo } from './shape.js';
export {
  neg, abs, square, sqrt, exp, log, sigmoid, tanh, relu, sign, floor, ceil, round, reciprocal, rsqrt, log1p, expm1,
  sin, cos, tan, atan, asin, acos, relu6, softplus, erf, elu, selu, softsign, step,
} from './unary.js';
export { add, sub, mul, div, floorDiv, mod, maximum, minimum, squaredDifference, atan2 } from './binary.js';
export { pow } from './pow.js';
export {
  equal, notEqual, greater, greaterEqual, less, lessEqual, logicalAnd, logicalOr, logicalXor, logicalNot, isNaN,
  where, whereAsync,
} from './compare.js';
export { sum, prod, max, min, mean, argMax, argMin, logSumExp } from './reduce.js';
export { matMul, dot } from './matmul.js';
export { softmax, logSoftmax } from './softmax.js';
export { randomNormal, randomUniform, truncatedNormal, setSeed } from './random.js';
export { conv2d, conv2dTranspose, conv2dBackpropFilter } from './conv.js';
export { maxPool, avgPool, globalAvgPool } from './pool.js';
export { slice, stridedSlice, index, reverse } from './slice.js';
export { concat, stack, unstack, split, tile, pad, mirrorPad, clipByValue, meshgrid } from './join.js';
export { gather, gatherND, unsortedSegmentSum, scatterND, booleanMask, booleanMaskAsync } from './gather.js';
export { cumsum, topk } from './scan.js';
export { norm, moments, type NormOrd } from './norm.js';
export { leakyRelu, prelu, gelu, swish, silu, hardSigmoid, mish } from './activations.js';
export { batchNorm, dropout, softmaxCrossEntropyWithLogits, sigmoidCrossEntropyWithLogits } from './nn.js';
export { depthwiseConv2d } from './depthwise.js';
export { conv1d, separableConv2d, localResponseNormalization } from './conv_more.js';
export * as fused from './fused.js';
export { conv3d, conv3dTranspose } from './conv3d.js';
export { maxPool3d, avgPool3d, pool, maxPoolWithArgmax } from './pool3d.js';
export { dilation2d } from './dilation.js';
export { cosh, sinh, acosh, asinh, atanh, logSigmoid } from './unary.js';
export { isFinite, isInf } from './compare.js';
export { divNoNan, bitwiseAnd, addN } from './binary.js';
export { all, any } from './reduce.js';
export { euclideanNorm } from './norm.js';
export { cumprod } from './scan.js';
export { batchNorm2d, batchNorm3d, batchNorm4d } from './nn.js';
export { outerProduct, diag, movingAverage, basicLSTMCell, multiRNNCell, type LSTMCellFunc } from './composites.js';
export * as math from './confusion.js';
export { randomStandardNormal, randomUniformInt, randomGamma, rand, multinomial } from './random.js';
export { tensor5d, tensor6d } from './create.js';
export {
  concat1d, concat2d, concat3d, concat4d, pad1d, pad2d, pad3d, pad4d, slice1d, slice2d, slice3d, slice4d,
  reverse1d, reverse2d, reverse3d, reverse4d,
} from './typed.js';
export { depthToSpace, spaceToBatchND, batchToSpaceND } from './space.js';
export { tensorScatterUpdate, sparseToDense, broadcastArgs, ensureShape } from './scatter.js';
export { unique, searchSorted, lowerBound, upperBound, bincount, denseBincount, setdiff1dAsync, inTopKAsync } from './search.js';
export * as sparse from './sparse.js';
export { raggedRange, raggedGather, raggedTensorToTensor } from './ragged.js';
export * as image from './image.js';
export * as linalg from './linalg.js';
export * as signal from './signal.js';
export { einsum } from './einsum.js';
export { complex, real, imag } from './complex.js';
export { fft, ifft, rfft, irfft } from './fft.js';
export * as spectral from './spectral.js';
export * as string from './string.js';
export type { Axis } from './reduce.js';
export type { Padding } from './conv_geometry.js';
export type { Padding3 } from './conv3d.js';

provideTapeOps({ add, onesLike, zerosLike, cast: (x, d) => cast(x, d) });
