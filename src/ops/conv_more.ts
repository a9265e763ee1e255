// Convolutions composed of the 2-D ones (their gradients come from conv2d's and depthwiseConv2d's):
// conv1d (a conv2d of height 1), separableConv2d (depthwise, then a 1×1 conv2d), and
// localResponseNormalization (sums of shifted slices over the channels).
import { fmtShape, opError } from '../core/convert.js';
import { composite } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { add, div, mul } from './binary.js';
import { conv2d, CONV_INPUTS } from './conv.js';
import { checkRoundingPad } from './conv3d.js';
import type { Padding } from './conv_geometry.js';
import { depthwiseConv2d } from './depthwise.js';
import { pad as padOp } from './join.js';
import { pow } from './pow.js';
import { reshape } from './shape.js';
import { slice } from './slice.js';
import { square } from './unary.js';

/**
 * 1-D convolution of x [batch, width, inChannels] (or [width, inChannels]) with filter
 * [fw, inChannels, outChannels]: conv2d over a height of 1 (tfjs conv1d).
 * @example tf.conv1d(x, w, 1, 'same')  // x [2,10,3], w [3,3,8] → [2,10,8]
 */
export const conv1d = composite('conv1d', {
  inputs: CONV_INPUTS,
  forward: (x: Tensor, filter: Tensor, stride = 1, pad: Padding = 'valid', dataFormat: 'NWC' | 'NCW' = 'NWC',
            dilation = 1, dimRoundingMode?: 'floor' | 'round' | 'ceil'): Tensor => {
    const op = 'conv1d';
    if (x.rank !== 2 && x.rank !== 3) throw opError(op, `argument 'x' must be rank 3 [batch, width, channels] (or 2), got ${fmtShape(x.shape)}`);
    if (filter.rank !== 3) throw opError(op, `filter must be rank 3 [width, inChannels, outChannels], got ${fmtShape(filter.shape)}`);
    if (dataFormat !== undefined && dataFormat !== 'NWC' && dataFormat !== 'NCW') throw opError(op, `dataFormat must be 'NWC' or 'NCW', got ${JSON.stringify(dataFormat)}`);
    for (const [name, v] of [['stride', stride], ['dilation', dilation]] as const) {
      if (typeof v !== 'number') throw opError(op, `${name} must be a positive integer, got ${JSON.stringify(v)}`);
    }
    checkRoundingPad(op, pad, dimRoundingMode);
    const ncw = dataFormat === 'NCW';
    const x3 = x.rank === 2 ? reshape(x, [1, ...x.shape]) : x;
    const C = ncw ? x3.shape[1] : x3.shape[2];
    if (C !== filter.shape[1]) throw opError(op, `x has ${C} channels (shape ${fmtShape(x.shape)}) but filter ${fmtShape(filter.shape)} expects ${filter.shape[1]}`);
    // [N, W, C] → [N, 1, W, C] (NHWC) or [N, C, W] → [N, C, 1, W] (NCHW)
    const x4 = ncw ? reshape(x3, [x3.shape[0], x3.shape[1], 1, x3.shape[2]]) : reshape(x3, [x3.shape[0], 1, x3.shape[1], x3.shape[2]]);
    const w4 = reshape(filter, [1, ...filter.shape]);
    // a numeric pad pads the width only (conv2d's would pad the height of 1 too)
    const p: Padding = typeof pad === 'number' ? (ncw ? [[0, 0], [0, 0], [0, 0], [pad, pad]] : [[0, 0], [0, 0], [pad, pad], [0, 0]]) : pad;
    if (typeof pad === 'number' && (!Number.isInteger(pad) || pad < 0)) throw opError(op, `pad must be 'valid', 'same' or a non-negative integer, got ${pad}`);
    const y = conv2d(x4, w4, [1, stride], p, ncw ? 'NCHW' : 'NHWC', [1, dilation], dimRoundingMode);
    const s = y.shape; // [N, 1, W', C'] or [N, C', 1, W']
    const y3 = ncw ? reshape(y, [s[0], s[1], s[3]]) : reshape(y, [s[0], s[2], s[3]]);
    return x.rank === 2 ? reshape(y3, y3.shape.slice(1)) : y3;
  },
});

/**
 * Depthwise-separable 2-D convolution: depthwiseConv2d(x, depthwiseFilter [fh, fw, inC, multiplier]) then a
 * 1×1 conv2d with pointwiseFilter [1, 1, inC·multiplier, outC] (tfjs separableConv2d).
 */
export const separableConv2d = composite('separableConv2d', {
  inputs: [{ name: 'x', dtypes: ['float32'] }, { name: 'depthwiseFilter', dtypes: ['float32'] }, { name: 'pointwiseFilter', dtypes: ['float32'] }],
  forward: (x: Tensor, depthwiseFilter: Tensor, pointwiseFilter: Tensor, strides: number | [number, number] = 1,
            pad: Padding = 'valid', dilation: number | [number, number] = 1, dataFormat: 'NHWC' | 'NCHW' = 'NHWC'): Tensor => {
    const op = 'separableConv2d', dw = depthwiseFilter, pw = pointwiseFilter;
    if (dw.rank !== 4) throw opError(op, `depthwiseFilter must be rank 4 [height, width, inChannels, channelMultiplier], got ${fmtShape(dw.shape)}`);
    if (pw.rank !== 4 || pw.shape[0] !== 1 || pw.shape[1] !== 1 || pw.shape[2] !== dw.shape[2] * dw.shape[3]) {
      throw opError(op, `pointwiseFilter must be [1, 1, ${dw.shape[2] * dw.shape[3]}, outChannels] for depthwiseFilter ${fmtShape(dw.shape)}, got ${fmtShape(pw.shape)}`);
    }
    const d = depthwiseConv2d(x, dw, strides, pad, dataFormat, dilation);
    return conv2d(d, pw, 1, 'valid', dataFormat);
  },
});

/**
 * Local response normalisation over the channels (the last axis) of x [batch, h, w, c] (or rank 3):
 * x / (bias + alpha · Σ x²)^beta, the sum over channels within depthRadius (tfjs localResponseNormalization).
 */
export const localResponseNormalization = composite('localResponseNormalization', {
  inputs: [{ name: 'x', dtypes: ['float32'] }],
  forward: (x: Tensor, depthRadius = 5, bias = 1, alpha = 1, beta = 0.5): Tensor => {
    const op = 'localResponseNormalization';
    if (x.rank !== 4 && x.rank !== 3) throw opError(op, `x must be rank 4 [batch, height, width, channels] (or 3), got ${fmtShape(x.shape)}`);
    if (typeof depthRadius !== 'number' || !Number.isInteger(depthRadius) || depthRadius < 0) {
      throw opError(op, `depthRadius must be a non-negative integer, got ${JSON.stringify(depthRadius)}`);
    }
    for (const [name, v] of [['bias', bias], ['alpha', alpha], ['beta', beta]] as const) {
      if (typeof v !== 'number') throw opError(op, `${name} must be a number, got ${JSON.stringify(v)}`);
    }
    const C = x.shape[x.rank - 1];
    if (x.size === 0) return mul(x, 1);
    // Σ over the 2r+1 neighbouring channels: shifted slices of the zero-padded squares (a band-matrix product
    // would meet 0·∞ = NaN where a neighbour outside the window is infinite)
    const r = Math.min(depthRadius, C), rank = x.rank;
    const sq = padOp(square(x), [...Array.from({ length: rank - 1 }, () => [0, 0]), [r, r]]);
    let s = slice(sq, [...Array(rank - 1).fill(0), 0], x.shape);
    for (let k = 1; k <= 2 * r; k++) s = add(s, slice(sq, [...Array(rank - 1).fill(0), k], x.shape));
    return div(x, pow(add(mul(s, alpha), bias), beta));
  },
});
