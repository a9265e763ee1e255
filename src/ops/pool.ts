// 2-D max and average pooling (NHWC) with gradients that are themselves differentiable:
//   maxPool: dx = maxPoolGrad(x, dy) routes dy to each window's first maximum; the gradient of that
//   with respect to dy gathers at the same positions. avgPool and its adjoint are each other's gradient.
import { K } from '../backend/wasm.js';
import { Tensor } from '../tensor.js';
import { zeros } from './create.js';
import { geometry, geomArray, pair, type Geometry, type Padding } from './conv_geometry.js';
import { mean } from './reduce.js';
import { reshape } from './shape.js';
import { checkDtype, convert, fmtShape, opError, record, scratchI32, type TensorLike } from './util.js';

function maxPoolOp(x: Tensor, g: Geometry): Tensor {
  const y = new Tensor([g.N, g.OH, g.OW, g.C], 'float32');
  if (y.size > 0) K().f32_maxpool(x.ptr, y.ptr, scratchI32(geomArray(g)));
  record('maxPool', [x], y, (dy, [xs, ys]) => [maxPoolGradOp(xs, ys, dy, g)], [x, y]);
  return y;
}

function maxPoolGradOp(x: Tensor, y: Tensor, dy: Tensor, g: Geometry): Tensor {
  const dx = zeros(x.shape);
  if (dy.size > 0) K().f32_maxpool_backward(x.ptr, y.ptr, dy.ptr, dx.ptr, scratchI32(geomArray(g)), 0);
  record('maxPoolGrad', [x, dy], dx, (gz, [xs, ys]) => [null, maxPoolGatherOp(xs, ys, gz, g)], [x, y]);
  return dx;
}

function maxPoolGatherOp(x: Tensor, y: Tensor, gz: Tensor, g: Geometry): Tensor {
  const out = new Tensor([g.N, g.OH, g.OW, g.C], 'float32');
  if (out.size > 0) K().f32_maxpool_backward(x.ptr, y.ptr, gz.ptr, out.ptr, scratchI32(geomArray(g)), 1);
  record('maxPoolGradGrad', [x, gz], out, (go, [xs, ys]) => [null, maxPoolGradOp(xs, ys, go, g)], [x, y]);
  return out;
}

function avgPoolOp(x: Tensor, g: Geometry): Tensor {
  const y = new Tensor([g.N, g.OH, g.OW, g.C], 'float32');
  if (y.size > 0) K().f32_avgpool(x.ptr, y.ptr, scratchI32(geomArray(g)), 0);
  record('avgPool', [x], y, (dy) => [avgPoolGradOp(dy, g)]);
  return y;
}

function avgPoolGradOp(dy: Tensor, g: Geometry): Tensor {
  const dx = zeros([g.N, g.H, g.W, g.C]);
  if (dy.size > 0) K().f32_avgpool(dy.ptr, dx.ptr, scratchI32(geomArray(g)), 1);
  record('avgPoolGrad', [dy], dx, (gz) => [avgPoolOp(gz, g)]);
  return dx;
}

function pool(op: 'maxPool' | 'avgPool', x: TensorLike, filterSize: number | [number, number],
              strides: number | [number, number] | undefined, pad: Padding, dimRoundingMode?: 'floor' | 'round' | 'ceil'): Tensor {
  const t = convert(x, 'x', op);
  checkDtype(op, 'x', t, ['float32']);
  if (t.rank !== 4 && t.rank !== 3) throw opError(op, `x must be rank 4 [batch, height, width, channels] (or 3), got ${fmtShape(t.shape)}`);
  const x4 = t.rank === 3 ? reshape(t, [1, ...t.shape]) : t;
  const [KH, KW] = pair(op, 'filterSize', filterSize, 1);
  const g = geometry(op, x4.shape, KH, KW, strides ?? [KH, KW], pad, 1, dimRoundingMode);
  const y = op === 'maxPool' ? maxPoolOp(x4, g) : avgPoolOp(x4, g);
  return t.rank === 3 ? reshape(y, y.shape.slice(1)) : y;
}

/**
 * Max pooling over windows of filterSize (tfjs: maxPool(x, filterSize, strides, pad)).
 * @example tf.maxPool(x, 2, 2, 'valid')  // [64,26,26,32] → [64,13,13,32]
 */
export function maxPool(x: TensorLike, filterSize: number | [number, number], strides?: number | [number, number],
                        pad: Padding = 'valid', dimRoundingMode?: 'floor' | 'round' | 'ceil'): Tensor {
  return pool('maxPool', x, filterSize, strides, pad, dimRoundingMode);
}

/** Average pooling; with 'same' padding the padded taps are not counted (TensorFlow). */
export function avgPool(x: TensorLike, filterSize: number | [number, number], strides?: number | [number, number],
                        pad: Padding = 'valid', dimRoundingMode?: 'floor' | 'round' | 'ceil'): Tensor {
  return pool('avgPool', x, filterSize, strides, pad, dimRoundingMode);
}

/** Mean over the spatial axes: [batch, h, w, c] → [batch, c] (Keras GlobalAveragePooling2D). */
export function globalAvgPool(x: TensorLike, keepDims = false): Tensor {
  const t = convert(x, 'x', 'globalAvgPool');
  if (t.rank !== 4) throw opError('globalAvgPool', `x must be rank 4 [batch, height, width, channels], got ${fmtShape(t.shape)}`);
  return mean(t, [1, 2], keepDims);
}
