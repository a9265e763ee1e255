// 2-D max and average pooling (NHWC) with gradients that are themselves differentiable:
//   maxPool: dx = maxPoolGrad(x, dy) routes dy to each window's first maximum; the gradient of that
//   with respect to dy gathers at the same positions. avgPool and its adjoint are each other's gradient.
import { K } from '../backend/wasm.js';
import { scratch } from '../backend/scratch.js';
import { AVGPOOL, GEOM, MAXPOOL, MAXPOOL_BACKWARD, par } from '../backend/parallel.js';
import { fmtShape, opError } from '../core/convert.js';
import { composite, op, type Grads } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { zeros } from './create.js';
import { geometry, geomArray, pair, type Geometry, type Padding } from './conv_geometry.js';
import { mean } from './reduce.js';
import { reshape } from './shape.js';

// The primitives on rank-4 tensors with a checked geometry g.
const maxPoolOp = op('maxPool', {
  inputs: ['x'], save: 'both',
  forward: (x: Tensor, g: Geometry): Tensor => {
    const y = new Tensor([g.N, g.OH, g.OW, g.C], 'float32');
    const ix = g.H * g.W * g.C * 4, iy = g.OH * g.OW * g.C * 4; // bytes per image
    if (y.size > 0 && !par.images?.(MAXPOOL, geomArray(g), [x.ptr, y.ptr, GEOM], [ix, iy, 0])) K().f32_maxpool(x.ptr, y.ptr, scratch.i32(geomArray(g)));
    return y;
  },
  grad: (dy, y, [x, g]): Grads => [maxPoolGradOp(x, y, dy, g)],
});

/** dx: dy routed to each window's first maximum (y is maxPool(x), an attribute: not differentiated). */
const maxPoolGradOp = op('maxPoolGrad', {
  inputs: ['x', 'y', 'dy'],
  forward: (x: Tensor, y: Tensor, dy: Tensor, g: Geometry): Tensor => {
    // windows that tile x exactly (2×2 stride 2 on an even size, …) write every element of dx (the kernel's
    // disjoint path): no zeroing pass; elsewhere dx starts at zero
    const tiles = g.KH === g.sh && g.KW === g.sw && g.pt === 0 && g.pl === 0 && g.OH * g.sh === g.H && g.OW * g.sw === g.W;
    const dx = tiles ? new Tensor(x.shape.slice(), 'float32') : zeros(x.shape);
    const ix = g.H * g.W * g.C * 4, iy = g.OH * g.OW * g.C * 4;
    if (dy.size > 0 && !par.images?.(MAXPOOL_BACKWARD, geomArray(g), [x.ptr, y.ptr, dy.ptr, dx.ptr, GEOM, 0], [ix, iy, iy, ix, 0, 0])) {
      K().f32_maxpool_backward(x.ptr, y.ptr, dy.ptr, dx.ptr, scratch.i32(geomArray(g)), 0);
    }
    return dx;
  },
  grad: (gz, _dx, [x, y, , g]): Grads => [null, null, maxPoolGatherOp(x, y, gz, g)],
});

/** The adjoint of maxPoolGrad in dy: gz gathered at each window's first maximum. */
const maxPoolGatherOp = op('maxPoolGradGrad', {
  inputs: ['x', 'y', 'gz'],
  forward: (x: Tensor, y: Tensor, gz: Tensor, g: Geometry): Tensor => {
    const out = new Tensor([g.N, g.OH, g.OW, g.C], 'float32');
    if (out.size > 0) K().f32_maxpool_backward(x.ptr, y.ptr, gz.ptr, out.ptr, scratch.i32(geomArray(g)), 1);
    return out;
  },
  grad: (go, _out, [x, y, , g]): Grads => [null, null, maxPoolGradOp(x, y, go, g)],
});

const avgPoolOp = op('avgPool', {
  inputs: ['x'], save: 'none',
  forward: (x: Tensor, g: Geometry): Tensor => {
    const y = new Tensor([g.N, g.OH, g.OW, g.C], 'float32');
    const ix = g.H * g.W * g.C * 4, iy = g.OH * g.OW * g.C * 4;
    if (y.size > 0 && !par.images?.(AVGPOOL, geomArray(g), [x.ptr, y.ptr, GEOM, 0], [ix, iy, 0, 0])) K().f32_avgpool(x.ptr, y.ptr, scratch.i32(geomArray(g)), 0);
    return y;
  },
  grad: (dy, _y, [, g]): Grads => [avgPoolGradOp(dy, g)],
});

const avgPoolGradOp = op('avgPoolGrad', {
  inputs: ['dy'], save: 'none',
  forward: (dy: Tensor, g: Geometry): Tensor => {
    const dx = zeros([g.N, g.H, g.W, g.C]);
    const ix = g.H * g.W * g.C * 4, iy = g.OH * g.OW * g.C * 4;
    if (dy.size > 0 && !par.images?.(AVGPOOL, geomArray(g), [dy.ptr, dx.ptr, GEOM, 1], [iy, ix, 0, 0])) K().f32_avgpool(dy.ptr, dx.ptr, scratch.i32(geomArray(g)), 1);
    return dx;
  },
  grad: (gz, _dx, [, g]): Grads => [avgPoolOp(gz, g)],
});

function poolOp(name: 'maxPool' | 'avgPool') {
  return composite(name, {
    inputs: [{ name: 'x', dtypes: ['float32'] }],
    forward: (x: Tensor, filterSize: number | [number, number], strides?: number | [number, number],
              pad: Padding = 'valid', dimRoundingMode?: 'floor' | 'round' | 'ceil'): Tensor => {
      if (x.rank !== 4 && x.rank !== 3) throw opError(name, `x must be rank 4 [batch, height, width, channels] (or 3), got ${fmtShape(x.shape)}`);
      const x4 = x.rank === 3 ? reshape(x, [1, ...x.shape]) : x;
      // the window has no default (tfjs and TensorFlow require it; pair() would make undefined 1×1)
      if (filterSize === undefined || filterSize === null) throw opError(name, `filterSize is required, got ${filterSize}`);
      const [KH, KW] = pair(name, 'filterSize', filterSize, 1);
      const g = geometry(name, x4.shape, KH, KW, strides ?? [KH, KW], pad, 1, dimRoundingMode);
      const y = name === 'maxPool' ? maxPoolOp(x4, g) : avgPoolOp(x4, g);
      return x.rank === 3 ? reshape(y, y.shape.slice(1)) : y;
    },
  });
}

/**
 * Max pooling over windows of filterSize (tfjs: maxPool(x, filterSize, strides, pad)).
 * @example tf.maxPool(x, 2, 2, 'valid')  // [64,26,26,32] → [64,13,13,32]
 */
export const maxPool = poolOp('maxPool');

/** Average pooling; with 'same' padding the padded taps are not counted (TensorFlow). */
export const avgPool = poolOp('avgPool');

/** Mean over the spatial axes: [batch, h, w, c] → [batch, c] (Keras GlobalAveragePooling2D). */
export const globalAvgPool = composite('globalAvgPool', {
  inputs: [{ name: 'x', dtypes: ['float32', 'int32'] }],
  forward: (x: Tensor, keepDims = false): Tensor => {
    if (x.rank !== 4) throw opError('globalAvgPool', `x must be rank 4 [batch, height, width, channels], got ${fmtShape(x.shape)}`);
    return mean(x, [1, 2], keepDims);
  },
});
