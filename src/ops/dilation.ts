// Grayscale morphological dilation (tfjs dilation2d, TensorFlow's tf.nn.dilation2d) on one kernel
// (assembly/f32-conv/dilation2d.ts). The gradients route dy to each window's winning tap (as TensorFlow's
// Dilation2DBackpropInput/Filter); each backprop and its gather are each other's gradient in dy, so
// second-order gradients exist (the winning taps are constants of x and the filter).
import { Dilation2d } from '../backend/abi.js';
import { K } from '../backend/wasm.js';
import { scratch } from '../backend/scratch.js';
import { fmtShape, opError } from '../core/convert.js';
import { composite, op, type Grads } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { zeros } from './create.js';
import { geometry, geomArray, type Geometry } from './conv_geometry.js';
import { reshape } from './shape.js';

function run(mode: number, x: Tensor, f: Tensor, src: number, dst: number, g: Geometry): void {
  K().f32_dilation2d(x.ptr, f.ptr, src, dst, scratch.i32(geomArray(g)), mode);
}
const outShape = (g: Geometry) => [g.N, g.OH, g.OW, g.C];

const forwardOp = op('dilation2d', {
  inputs: ['x', 'filter'],
  forward: (x: Tensor, f: Tensor, g: Geometry): Tensor => {
    const y = new Tensor(outShape(g), 'float32');
    if (y.size > 0) run(Dilation2d.forward, x, f, 0, y.ptr, g);
    return y;
  },
  grad: (dy, _y, [x, f, g], n): Grads => [n[0] ? backOp(x, f, dy, g, 0) : null, n[1] ? backOp(x, f, dy, g, 1) : null],
});

/** which 0: dx (the input's shape), 1: dfilter. */
const backOp = op('dilation2dBackprop', {
  inputs: ['x', 'filter', 'dy'],
  forward: (x: Tensor, f: Tensor, dy: Tensor, g: Geometry, which: 0 | 1): Tensor => {
    const d = zeros(which === 0 ? x.shape : f.shape);
    if (dy.size > 0 && d.size > 0) run(which === 0 ? Dilation2d.backInput : Dilation2d.backFilter, x, f, dy.ptr, d.ptr, g);
    return d;
  },
  grad: (gz, _d, [x, f, , g, which]): Grads => [null, null, gatherOp(x, f, gz, g, which)],
});

/** The adjoint of backOp in dy: gz (input- or filter-shaped) read at each window's winning tap. */
const gatherOp = op('dilation2dBackpropGrad', {
  inputs: ['x', 'filter', 'gz'],
  forward: (x: Tensor, f: Tensor, gz: Tensor, g: Geometry, which: 0 | 1): Tensor => {
    const out = zeros(outShape(g));
    if (out.size > 0 && gz.size > 0) run(which === 0 ? Dilation2d.gatherInput : Dilation2d.gatherFilter, x, f, gz.ptr, out.ptr, g);
    return out;
  },
  grad: (go, _out, [x, f, , g, which]): Grads => [null, null, backOp(x, f, go, g, which)],
});

/**
 * Grayscale dilation of x [batch, height, width, depth] (or rank 3) by filter [fh, fw, depth]: the max over
 * each window of x + filter (tfjs dilation2d). Strides and dilations may both exceed 1 (TensorFlow).
 * @example tf.dilation2d(x, f, 1, 'same')  // x [1,5,5,2], f [3,3,2] → [1,5,5,2]
 */
export const dilation2d = composite('dilation2d', {
  inputs: [{ name: 'x', dtypes: ['float32'] }, { name: 'filter', dtypes: ['float32'] }],
  forward: (x: Tensor, filter: Tensor, strides: number | [number, number] = 1, pad: 'valid' | 'same' = 'valid',
            dilations: number | [number, number] = 1, dataFormat: 'NHWC' = 'NHWC'): Tensor => {
    const op = 'dilation2d';
    if (dataFormat !== undefined && dataFormat !== 'NHWC') throw opError(op, `only dataFormat 'NHWC' is supported, got ${JSON.stringify(dataFormat)}`);
    if (x.rank !== 4 && x.rank !== 3) throw opError(op, `argument 'x' must be rank 4 [batch, height, width, depth] (or 3), got ${fmtShape(x.shape)}`);
    if (filter.rank !== 3) throw opError(op, `filter must be rank 3 [height, width, depth], got ${fmtShape(filter.shape)}`);
    const x4 = x.rank === 3 ? reshape(x, [1, ...x.shape]) : x;
    if (x4.shape[3] !== filter.shape[2]) throw opError(op, `x has depth ${x4.shape[3]} (shape ${fmtShape(x.shape)}) but filter ${fmtShape(filter.shape)} has ${filter.shape[2]}`);
    if (pad !== 'valid' && pad !== 'same') throw opError(op, `pad must be 'valid' or 'same', got ${JSON.stringify(pad)}`);
    const g = geometry(op, x4.shape, filter.shape[0], filter.shape[1], strides, pad, dilations, undefined, true);
    const y = forwardOp(x4, filter, g);
    return x.rank === 3 ? reshape(y, y.shape.slice(1)) : y;
  },
});
