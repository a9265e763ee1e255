// Depthwise 2-D convolution (NHWC, filter [fh, fw, inChannels, multiplier]) with a direct SIMD kernel
// over channels (assembly/f32-conv/depthwise.ts). As for conv2d, three primitives are each other's
// gradients, so every order of derivative is available:
//   y  = dconv(x, w)          dx = backInput(dy, w)    dw = backFilter(x, dy)
//   backInput(dy, w):  d(dy) = dconv(g, w)            d(w)  = backFilter(g, dy)
//   backFilter(x, dy): d(x)  = backInput(dy, g)       d(dy) = dconv(x, g)
import { K } from '../backend/wasm.js';
import { Tensor } from '../tensor.js';
import { geometry, geomArray, type Geometry, type Padding } from './conv_geometry.js';
import { reshape } from './shape.js';
import { convArgs } from './conv.js';
import { record, scratchI32, type TensorLike } from './util.js';

function geom(g: Geometry, M: number): number { return scratchI32([...geomArray(g), M]); }

function forwardOp(x: Tensor, w: Tensor, g: Geometry, M: number): Tensor {
  const y = new Tensor([g.N, g.OH, g.OW, g.C * M], 'float32');
  if (y.size > 0) K().f32_depthwise__wasmsimd(x.ptr, w.ptr, y.ptr, geom(g, M));
  record('depthwiseConv2d', [x, w], y, (dy, [xs, ws], n) => [n[0] ? backInputOp(dy, ws, g, M) : null, n[1] ? backFilterOp(xs, dy, g, M) : null], [x, w]);
  return y;
}

function backInputOp(dy: Tensor, w: Tensor, g: Geometry, M: number): Tensor {
  const dx = new Tensor([g.N, g.H, g.W, g.C], 'float32');
  if (dx.size > 0) K().f32_depthwise_backward_input__wasmsimd(dy.ptr, w.ptr, dx.ptr, geom(g, M));
  record('depthwiseConv2dBackpropInput', [dy, w], dx, (gx, [dys, ws], n) => [n[0] ? forwardOp(gx, ws, g, M) : null, n[1] ? backFilterOp(gx, dys, g, M) : null], [dy, w]);
  return dx;
}

function backFilterOp(x: Tensor, dy: Tensor, g: Geometry, M: number): Tensor {
  const dw = new Tensor([g.KH, g.KW, g.C, M], 'float32');
  if (dw.size > 0) K().f32_depthwise_backward_filter__wasmsimd(x.ptr, dy.ptr, dw.ptr, geom(g, M));
  record('depthwiseConv2dBackpropFilter', [x, dy], dw, (gw, [xs, dys], n) => [n[0] ? backInputOp(dys, gw, g, M) : null, n[1] ? forwardOp(xs, gw, g, M) : null], [x, dy]);
  return dw;
}

/**
 * Depthwise 2-D convolution: each input channel c is convolved with its own `multiplier` filters
 * filter[:, :, c, m], giving output channel c·multiplier + m (tfjs depthwiseConv2d).
 * @example tf.depthwiseConv2d(x, w, 1, 'same')  // x [1,8,8,3], w [3,3,3,2] → [1,8,8,6]
 */
export function depthwiseConv2d(x: TensorLike, filter: TensorLike, strides: number | [number, number] = 1, pad: Padding = 'valid',
                                dataFormat: 'NHWC' = 'NHWC', dilations: number | [number, number] = 1,
                                dimRoundingMode?: 'floor' | 'round' | 'ceil'): Tensor {
  const op = 'depthwiseConv2d';
  const { x4, w, batched } = convArgs(op, x, filter, dataFormat, 'channelMultiplier');
  const g = geometry(op, x4.shape, w.shape[0], w.shape[1], strides, pad, dilations, dimRoundingMode);
  const y = forwardOp(x4, w, g, w.shape[3]);
  return batched ? reshape(y, y.shape.slice(1)) : y;
}
