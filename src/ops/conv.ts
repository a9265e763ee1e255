// 2-D convolution (NHWC, filters [KH, KW, inC, outC]) as im2col + the packed GEMM. Three primitives —
// conv2d, its input gradient (conv2dTranspose) and its filter gradient — are each other's gradients,
// so every order of derivative is available:
//   y  = conv(x, w)            dx = convBackInput(dy, w)      dw = convBackFilter(x, dy)
//   dx = convBackInput(dy, w): d(dy) = conv(g, w)             d(w) = convBackFilter(g, dy)
//   dw = convBackFilter(x, dy): d(x) = convBackInput(dy, g)   d(dy) = conv(x, g)
import { H, K } from '../backend/wasm.js';
import { Tensor } from '../tensor.js';
import { zeros } from './create.js';
import { geometry, geomArray, type Geometry, type Padding } from './conv_geometry.js';
import { gemmRaw } from './matmul.js';
import { reshape } from './shape.js';
import { checkDtype, convert, fmtShape, opError, record, scratchI32, type TensorLike } from './util.js';

function isPointwise(g: Geometry): boolean {
  return g.KH === 1 && g.KW === 1 && g.sh === 1 && g.sw === 1 && g.pt === 0 && g.pl === 0 && g.OH === g.H && g.OW === g.W;
}

/** Runs fn with the im2col matrix of x (x itself for 1×1 stride-1 convolutions). */
function withCols<T>(x: Tensor, g: Geometry, fn: (cols: number) => T): T {
  if (isPointwise(g)) return fn(x.ptr);
  const bytes = g.N * g.OH * g.OW * g.KH * g.KW * g.C * 4;
  const cols = H().alloc(bytes);
  try {
    K().f32_im2col(x.ptr, cols, scratchI32(geomArray(g)));
    return fn(cols);
  } finally {
    H().free(cols, bytes);
  }
}

function convOp(x: Tensor, w: Tensor, g: Geometry): Tensor {
  const OC = w.shape[3], kdim = g.KH * g.KW * g.C, rows = g.N * g.OH * g.OW;
  const y = new Tensor([g.N, g.OH, g.OW, OC], 'float32');
  if (y.size > 0) withCols(x, g, (cols) => gemmRaw(rows, OC, kdim, cols, kdim, 1, w.ptr, OC, 1, y.ptr));
  record('conv2d', [x, w], y, (dy, [xs, ws], n) => [n[0] ? backInputOp(dy, ws, g) : null, n[1] ? backFilterOp(xs, dy, g) : null], [x, w]);
  return y;
}

function backInputOp(dy: Tensor, w: Tensor, g: Geometry): Tensor {
  const OC = w.shape[3], kdim = g.KH * g.KW * g.C, rows = g.N * g.OH * g.OW;
  const dx = zeros([g.N, g.H, g.W, g.C]);
  if (dx.size > 0 && rows > 0) {
    if (isPointwise(g)) {
      gemmRaw(rows, kdim, OC, dy.ptr, OC, 1, w.ptr, 1, OC, dx.ptr);
    } else {
      const bytes = rows * kdim * 4;
      const dcols = H().alloc(bytes);
      try {
        gemmRaw(rows, kdim, OC, dy.ptr, OC, 1, w.ptr, 1, OC, dcols); // dY · Wᵀ
        K().f32_col2im(dcols, dx.ptr, scratchI32(geomArray(g)));
      } finally {
        H().free(dcols, bytes);
      }
    }
  }
  record('conv2dBackpropInput', [dy, w], dx, (gz, [dys, ws], n) => [n[0] ? convOp(gz, ws, g) : null, n[1] ? backFilterOp(gz, dys, g) : null], [dy, w]);
  return dx;
}

function backFilterOp(x: Tensor, dy: Tensor, g: Geometry): Tensor {
  const OC = dy.shape[3], kdim = g.KH * g.KW * g.C, rows = g.N * g.OH * g.OW;
  const dw = new Tensor([g.KH, g.KW, g.C, OC], 'float32');
  if (dw.size > 0) {
    if (rows === 0) H().f32.fill(0, dw.ptr >>> 2, (dw.ptr >>> 2) + dw.size);
    else withCols(x, g, (cols) => gemmRaw(kdim, OC, rows, cols, 1, kdim, dy.ptr, OC, 1, dw.ptr)); // colsᵀ · dY
  }
  record('conv2dBackpropFilter', [x, dy], dw, (gw, [xs, dys], n) => [n[0] ? backInputOp(dys, gw, g) : null, n[1] ? convOp(xs, gw, g) : null], [x, dy]);
  return dw;
}

function as4d(op: string, x: Tensor, arg: string): [Tensor, boolean] {
  if (x.rank === 4) return [x, false];
  if (x.rank === 3) return [reshape(x, [1, ...x.shape]), true];
  throw opError(op, `argument '${arg}' must be rank 4 [batch, height, width, channels] (or 3), got ${fmtShape(x.shape)}`);
}

function checkFilter(op: string, w: Tensor, last = 'outChannels'): void {
  checkDtype(op, 'filter', w, ['float32']);
  if (w.rank !== 4) throw opError(op, `filter must be rank 4 [height, width, inChannels, ${last}], got ${fmtShape(w.shape)}`);
}

/**
 * @internal Validates the arguments every NHWC convolution shares and brings x to rank 4.
 * `last` names the filter's last axis in error messages.
 */
export function convArgs(op: string, x: TensorLike, filter: TensorLike, dataFormat: string | undefined,
                         last = 'outChannels'): { x4: Tensor; w: Tensor; batched: boolean } {
  const xt = convert(x, 'x', op), w = convert(filter, 'filter', op);
  checkDtype(op, 'x', xt, ['float32']);
  checkFilter(op, w, last);
  if (dataFormat !== undefined && dataFormat !== 'NHWC') throw opError(op, `only dataFormat 'NHWC' is supported, got '${dataFormat}'`);
  const [x4, batched] = as4d(op, xt, 'x');
  if (x4.shape[3] !== w.shape[2]) {
    throw opError(op, `x has ${x4.shape[3]} channels (shape ${fmtShape(x4.shape)}) but filter ${fmtShape(w.shape)} expects ${w.shape[2]}`);
  }
  return { x4, w, batched };
}

/**
 * 2-D convolution of x [batch, height, width, inChannels] with filter [fh, fw, inChannels, outChannels].
 * @example tf.conv2d(x, w, 1, 'same')  // x [4,38,38,3], w [3,3,3,24] → [4,38,38,24]
 */
export function conv2d(x: TensorLike, filter: TensorLike, strides: number | [number, number] = 1, pad: Padding = 'valid',
                       dataFormat: 'NHWC' = 'NHWC', dilations: number | [number, number] = 1,
                       dimRoundingMode?: 'floor' | 'round' | 'ceil'): Tensor {
  const op = 'conv2d';
  const { x4, w, batched: squeezeBack } = convArgs(op, x, filter, dataFormat);
  const g = geometry(op, x4.shape, w.shape[0], w.shape[1], strides, pad, dilations, dimRoundingMode);
  const y = convOp(x4, w, g);
  return squeezeBack ? reshape(y, y.shape.slice(1)) : y;
}

/**
 * Transposed convolution (the gradient of conv2d with respect to its input): x [batch, h, w, inDepth]
 * with filter [fh, fw, outDepth, inDepth] gives outputShape [batch, H, W, outDepth].
 */
export function conv2dTranspose(x: TensorLike, filter: TensorLike, outputShape: number[], strides: number | [number, number] = 1,
                                pad: Padding = 'valid', dimRoundingMode?: 'floor' | 'round' | 'ceil'): Tensor {
  const op = 'conv2dTranspose';
  const xt = convert(x, 'x', op), w = convert(filter, 'filter', op);
  checkDtype(op, 'x', xt, ['float32']);
  checkFilter(op, w);
  const [x4, squeezeBack] = as4d(op, xt, 'x');
  const out = outputShape.length === 3 ? [1, ...outputShape] : outputShape.slice();
  if (out.length !== 4) throw opError(op, `outputShape must have rank 4 (or 3), got ${fmtShape(outputShape)}`);
  if (out[3] !== w.shape[2]) throw opError(op, `outputShape ${fmtShape(outputShape)} has ${out[3]} channels but filter ${fmtShape(w.shape)} produces ${w.shape[2]}`);
  if (x4.shape[3] !== w.shape[3]) throw opError(op, `x has ${x4.shape[3]} channels (shape ${fmtShape(x4.shape)}) but filter ${fmtShape(w.shape)} expects ${w.shape[3]}`);
  if (out[0] !== x4.shape[0]) throw opError(op, `outputShape ${fmtShape(outputShape)} and x ${fmtShape(x4.shape)} differ in batch size`);
  const g = geometry(op, out, w.shape[0], w.shape[1], strides, pad, 1, dimRoundingMode);
  if (g.OH !== x4.shape[1] || g.OW !== x4.shape[2]) {
    throw opError(op, `x ${fmtShape(x4.shape)} does not match outputShape ${fmtShape(outputShape)}: a convolution of that shape gives ${g.OH}×${g.OW}`);
  }
  const y = backInputOp(x4, w, g);
  return squeezeBack ? reshape(y, y.shape.slice(1)) : y;
}

/** The gradient of conv2d with respect to its filter (TF's conv2d_backprop_filter). */
export function conv2dBackpropFilter(x: TensorLike, dy: TensorLike, filterShape: number[], strides: number | [number, number] = 1,
                                     pad: Padding = 'valid', dilations: number | [number, number] = 1): Tensor {
  const op = 'conv2dBackpropFilter';
  const xt = convert(x, 'x', op), d = convert(dy, 'dy', op);
  const [x4] = as4d(op, xt, 'x');
  const [d4] = as4d(op, d, 'dy');
  const g = geometry(op, x4.shape, filterShape[0], filterShape[1], strides, pad, dilations);
  if (g.OH !== d4.shape[1] || g.OW !== d4.shape[2] || d4.shape[3] !== filterShape[3] || x4.shape[3] !== filterShape[2]) {
    throw opError(op, `dy ${fmtShape(d4.shape)} does not match x ${fmtShape(x4.shape)} and filterShape ${fmtShape(filterShape)}`);
  }
  return backFilterOp(x4, d4, g);
}
