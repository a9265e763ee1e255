// Depthwise 2-D convolution (NHWC, filter [fh, fw, inChannels, multiplier]) with a direct SIMD kernel
// over channels (assembly/f32-conv/depthwise.ts). As for conv2d, three primitives are each other's
// gradients, so every order of derivative is available:
//   y  = dconv(x, w)          dx = backInput(dy, w)    dw = backFilter(x, dy)
//   backInput(dy, w):  d(dy) = dconv(g, w)            d(w)  = backFilter(g, dy)
//   backFilter(x, dy): d(x)  = backInput(dy, g)       d(dy) = dconv(x, g)
import { H, K } from '../backend/wasm.js';
import { scratch } from '../backend/scratch.js';
import { composite, op, type Grads } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { geometry, geomArray, type Geometry, type Padding } from './conv_geometry.js';
import { convArgs, convResult, CONV_INPUTS, nhwcPad } from './conv.js';

function geom(g: Geometry, M: number): number { return scratch.i32([...geomArray(g), M]); }

/** @internal The depthwise convolution of rank-4 NHWC x with w for a checked geometry g (the forward, untaped). */
export function depthwiseRaw(x: Tensor, w: Tensor, g: Geometry, M: number): Tensor {
  const y = new Tensor([g.N, g.OH, g.OW, g.C * M], 'float32');
  if (y.size > 0) K().f32_depthwise__wasmsimd(x.ptr, w.ptr, y.ptr, geom(g, M));
  return y;
}

// The three primitives on rank-4 tensors with a checked geometry g and channel multiplier M.
const forwardOp = op('depthwiseConv2d', {
  inputs: ['x', 'filter'],
  forward: depthwiseRaw,
  grad: (dy, _y, [x, w, g, M], n): Grads => [n[0] ? backInputOp(dy, w, g, M) : null, n[1] ? backFilterOp(x, dy, g, M) : null],
});

const backInputOp = op('depthwiseConv2dBackpropInput', {
  inputs: ['dy', 'filter'],
  forward: (dy: Tensor, w: Tensor, g: Geometry, M: number): Tensor => {
    const dx = new Tensor([g.N, g.H, g.W, g.C], 'float32');
    if (dx.size > 0 && dy.size > 0) K().f32_depthwise_backward_input__wasmsimd(dy.ptr, w.ptr, dx.ptr, geom(g, M));
    else if (dx.size > 0) H().f32.fill(0, dx.ptr >>> 2, (dx.ptr >>> 2) + dx.size); // an empty output: no input reaches it
    return dx;
  },
  grad: (gx, _y, [dy, w, g, M], n): Grads => [n[0] ? forwardOp(gx, w, g, M) : null, n[1] ? backFilterOp(gx, dy, g, M) : null],
});

const backFilterOp = op('depthwiseConv2dBackpropFilter', {
  inputs: ['x', 'dy'],
  forward: (x: Tensor, dy: Tensor, g: Geometry, M: number): Tensor => {
    const dw = new Tensor([g.KH, g.KW, g.C, M], 'float32');
    if (dw.size > 0) K().f32_depthwise_backward_filter__wasmsimd(x.ptr, dy.ptr, dw.ptr, geom(g, M));
    return dw;
  },
  grad: (gw, _y, [x, dy, g, M], n): Grads => [n[0] ? backInputOp(dy, gw, g, M) : null, n[1] ? forwardOp(x, gw, g, M) : null],
});

/**
 * Depthwise 2-D convolution: each input channel c is convolved with its own `multiplier` filters
 * filter[:, :, c, m], giving output channel c·multiplier + m (tfjs depthwiseConv2d).
 * @example tf.depthwiseConv2d(x, w, 1, 'same')  // x [1,8,8,3], w [3,3,3,2] → [1,8,8,6]
 */
export const depthwiseConv2d = composite('depthwiseConv2d', {
  inputs: CONV_INPUTS,
  forward: (x: Tensor, filter: Tensor, strides: number | [number, number] = 1, pad: Padding = 'valid',
            dataFormat: 'NHWC' | 'NCHW' = 'NHWC', dilations: number | [number, number] = 1,
            dimRoundingMode?: 'floor' | 'round' | 'ceil'): Tensor => {
    const op = 'depthwiseConv2d';
    const { x4, batched, nchw } = convArgs(op, x, filter, dataFormat, 'channelMultiplier');
    const g = geometry(op, x4.shape, filter.shape[0], filter.shape[1], strides, nhwcPad(pad, nchw), dilations, dimRoundingMode);
    return convResult(forwardOp(x4, filter, g, filter.shape[3]), batched, nchw);
  },
});
