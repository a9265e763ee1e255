// 3-D convolution (NDHWC, filters [KD, KH, KW, inC, outC]) as vol2col + the packed GEMM, and the 3-D
// window geometry shared with 3-D pooling. As for conv2d, three primitives are each other's gradients:
//   y  = conv(x, w)            dx = backInput(dy, w)      dw = backFilter(x, dy)
//   backInput(dy, w):  d(dy) = conv(g, w)      d(w) = backFilter(g, dy)
//   backFilter(x, dy): d(x)  = backInput(dy, g) d(dy) = conv(x, g)
import { H, K } from '../backend/wasm.js';
import { scratch } from '../backend/scratch.js';
import { fmtShape, opError } from '../core/convert.js';
import { composite, op, type Grads } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { zeros } from './create.js';
import { gemmRaw } from './matmul.js';
import { reshape } from './shape.js';

/** A 3-D window sliding over x [N, D, H, W, C]. */
export interface Geometry3 {
  N: number; D: number; H: number; W: number; C: number;
  KD: number; KH: number; KW: number; OD: number; OH: number; OW: number;
  sd: number; sh: number; sw: number; pf: number; pt: number; pl: number; dd: number; dh: number; dw: number;
}

export type Padding3 = 'valid' | 'same' | number;

/** @internal A positive integer or three of them. */
export function triple(op: string, name: string, v: number | number[] | undefined, dflt: number): [number, number, number] {
  const p: unknown = v === undefined || v === null ? [dflt, dflt, dflt] : typeof v === 'number' ? [v, v, v] : v;
  if (!Array.isArray(p) || p.length !== 3 || !p.every((d) => Number.isInteger(d) && d > 0)) {
    throw opError(op, `${name} must be a positive integer or three of them, got ${JSON.stringify(v)}`);
  }
  return [p[0], p[1], p[2]];
}

/**
 * @internal tfjs's rule: dimRoundingMode rounds the output size of a numeric or explicit pad; with 'same' or
 * 'valid' it is an error.
 */
export function checkRoundingPad(op: string, pad: unknown, mode: unknown): void {
  if (mode === undefined || mode === null) return;
  if (typeof pad === 'string') throw opError(op, `dimRoundingMode '${String(mode)}' needs a numeric or explicit pad, got ${JSON.stringify(pad)}`);
}

/** @internal The geometry of a KD×KH×KW window over x [N,D,H,W,C] with TensorFlow's padding rules. */
export function geometry3(op: string, xShape: readonly number[], k: [number, number, number], strides: number | number[] | undefined,
                          pad: Padding3, dilations: number | number[] | undefined = 1,
                          roundingMode?: 'floor' | 'round' | 'ceil'): Geometry3 {
  const [N, D, H, W, C] = xShape;
  checkRoundingPad(op, pad, roundingMode);
  if (roundingMode !== undefined && roundingMode !== null && roundingMode !== 'floor' && roundingMode !== 'round' && roundingMode !== 'ceil') {
    throw opError(op, `dimRoundingMode must be 'floor', 'round' or 'ceil', got ${JSON.stringify(roundingMode)}`);
  }
  const s = triple(op, 'strides', strides, 1), d = triple(op, 'dilations', dilations, 1);
  if (s.some((v) => v > 1) && d.some((v) => v > 1)) throw opError(op, `strides ${s} and dilations ${d} cannot both be > 1`);
  const ins = [D, H, W], ek = k.map((kk, i) => (kk - 1) * d[i] + 1);
  const out: number[] = [], before: number[] = [];
  for (let i = 0; i < 3; i++) {
    if (pad === 'same') {
      out[i] = Math.ceil(ins[i] / s[i]);
      before[i] = Math.floor(Math.max((out[i] - 1) * s[i] + ek[i] - ins[i], 0) / 2);
    } else if (pad === 'valid' || typeof pad === 'number') {
      const p = pad === 'valid' ? 0 : pad;
      if (!Number.isInteger(p) || p < 0) throw opError(op, `pad must be 'valid', 'same' or a non-negative integer, got ${pad}`);
      const round = roundingMode === 'ceil' ? Math.ceil : roundingMode === 'round' ? Math.round : Math.floor;
      out[i] = round((ins[i] + 2 * p - ek[i]) / s[i]) + 1;
      before[i] = p;
    } else {
      throw opError(op, `pad must be 'valid', 'same' or a non-negative integer, got ${JSON.stringify(pad)}`);
    }
  }
  if (out.some((o) => o < 0)) {
    throw opError(op, `the ${k.join('×')} window (dilated ${ek.join('×')}) is larger than the padded input ${fmtShape(xShape)}`);
  }
  return { N, D, H, W, C, KD: k[0], KH: k[1], KW: k[2], OD: out[0], OH: out[1], OW: out[2], sd: s[0], sh: s[1], sw: s[2],
    pf: before[0], pt: before[1], pl: before[2], dd: d[0], dh: d[1], dw: d[2] };
}

/** @internal The kernels' 20 i32 (assembly/f32-conv/vol2col.ts), in scratch. */
export function geom3(g: Geometry3): number {
  return scratch.i32([g.N, g.D, g.H, g.W, g.C, g.KD, g.KH, g.KW, g.OD, g.OH, g.OW, g.sd, g.sh, g.sw, g.pf, g.pt, g.pl, g.dd, g.dh, g.dw]);
}

function withCols<T>(x: Tensor, g: Geometry3, fn: (cols: number) => T): T {
  const bytes = g.N * g.OD * g.OH * g.OW * g.KD * g.KH * g.KW * g.C * 4;
  if (bytes === 0) return fn(0);
  const cols = H().alloc(bytes);
  try {
    K().f32_vol2col(x.ptr, cols, geom3(g));
    return fn(cols);
  } finally {
    H().free(cols, bytes);
  }
}

const dims = (g: Geometry3, OC: number) => ({ kdim: g.KD * g.KH * g.KW * g.C, rows: g.N * g.OD * g.OH * g.OW, OC });

const convOp = op('conv3d', {
  inputs: ['x', 'filter'],
  forward: (x: Tensor, w: Tensor, g: Geometry3): Tensor => {
    const { kdim, rows, OC } = dims(g, w.shape[4]);
    const y = zeros([g.N, g.OD, g.OH, g.OW, OC]);
    if (y.size > 0 && kdim > 0) withCols(x, g, (cols) => gemmRaw(rows, OC, kdim, cols, kdim, 1, w.ptr, OC, 1, y.ptr));
    return y;
  },
  grad: (dy, _y, [x, w, g], n): Grads => [n[0] ? backInputOp(dy, w, g) : null, n[1] ? backFilterOp(x, dy, g) : null],
});

const backInputOp = op('conv3dBackpropInput', {
  inputs: ['dy', 'filter'],
  forward: (dy: Tensor, w: Tensor, g: Geometry3): Tensor => {
    const { kdim, rows, OC } = dims(g, w.shape[4]);
    const dx = zeros([g.N, g.D, g.H, g.W, g.C]);
    if (dx.size > 0 && rows > 0 && OC > 0) {
      const bytes = rows * kdim * 4;
      const dcols = H().alloc(bytes);
      try {
        gemmRaw(rows, kdim, OC, dy.ptr, OC, 1, w.ptr, 1, OC, dcols); // dY · Wᵀ
        K().f32_col2vol(dcols, dx.ptr, geom3(g));
      } finally {
        H().free(dcols, bytes);
      }
    }
    return dx;
  },
  grad: (gz, _y, [dy, w, g], n): Grads => [n[0] ? convOp(gz, w, g) : null, n[1] ? backFilterOp(gz, dy, g) : null],
});

const backFilterOp = op('conv3dBackpropFilter', {
  inputs: ['x', 'dy'],
  forward: (x: Tensor, dy: Tensor, g: Geometry3): Tensor => {
    const { kdim, rows, OC } = dims(g, dy.shape[4]);
    const dw = zeros([g.KD, g.KH, g.KW, g.C, OC]);
    if (dw.size > 0 && rows > 0) withCols(x, g, (cols) => gemmRaw(kdim, OC, rows, cols, 1, kdim, dy.ptr, OC, 1, dw.ptr)); // colsᵀ · dY
    return dw;
  },
  grad: (gw, _y, [x, dy, g], n): Grads => [n[0] ? backInputOp(dy, gw, g) : null, n[1] ? convOp(x, gw, g) : null],
});

/** @internal x as rank 5 (a rank-4 x gains a batch of 1). */
export function as5d(op: string, x: Tensor, what = '[batch, depth, height, width, channels]'): Tensor {
  if (x.rank === 5) return x;
  if (x.rank === 4) return reshape(x, [1, ...x.shape]);
  throw opError(op, `argument 'x' must be rank 5 ${what} (or 4), got ${fmtShape(x.shape)}`);
}

function checkFormat(op: string, dataFormat: unknown): void {
  if (dataFormat !== undefined && dataFormat !== 'NDHWC') throw opError(op, `only dataFormat 'NDHWC' is supported, got ${JSON.stringify(dataFormat)}`);
}

/**
 * 3-D convolution of x [batch, depth, height, width, inChannels] (or rank 4) with filter
 * [fd, fh, fw, inChannels, outChannels] (tfjs conv3d).
 * @example tf.conv3d(x, w, 1, 'same')  // x [1,8,8,8,2], w [3,3,3,2,4] → [1,8,8,8,4]
 */
export const conv3d = composite('conv3d', {
  inputs: [{ name: 'x', dtypes: ['float32'] }, { name: 'filter', dtypes: ['float32'] }],
  forward: (x: Tensor, filter: Tensor, strides: number | [number, number, number] = 1, pad: 'valid' | 'same' = 'valid',
            dataFormat: 'NDHWC' = 'NDHWC', dilations: number | [number, number, number] = 1): Tensor => {
    const op = 'conv3d';
    checkFormat(op, dataFormat);
    if (filter.rank !== 5) throw opError(op, `filter must be rank 5 [depth, height, width, inChannels, outChannels], got ${fmtShape(filter.shape)}`);
    const x5 = as5d(op, x);
    if (x5.shape[4] !== filter.shape[3]) throw opError(op, `x has ${x5.shape[4]} channels (shape ${fmtShape(x.shape)}) but filter ${fmtShape(filter.shape)} expects ${filter.shape[3]}`);
    if (pad !== 'valid' && pad !== 'same') throw opError(op, `pad must be 'valid' or 'same', got ${JSON.stringify(pad)}`);
    const g = geometry3(op, x5.shape, [filter.shape[0], filter.shape[1], filter.shape[2]], strides, pad, dilations);
    const y = convOp(x5, filter, g);
    return x.rank === 4 ? reshape(y, y.shape.slice(1)) : y;
  },
});

/**
 * Transposed 3-D convolution (the gradient of conv3d with respect to its input): x [batch, d, h, w, inDepth]
 * with filter [fd, fh, fw, outDepth, inDepth] gives outputShape [batch, D, H, W, outDepth] (tfjs conv3dTranspose).
 */
export const conv3dTranspose = composite('conv3dTranspose', {
  inputs: [{ name: 'x', dtypes: ['float32'] }, { name: 'filter', dtypes: ['float32'] }],
  forward: (x: Tensor, filter: Tensor, outputShape: number[], strides: number | [number, number, number] = 1,
            pad: 'valid' | 'same' = 'valid'): Tensor => {
    const op = 'conv3dTranspose', w = filter;
    if (w.rank !== 5) throw opError(op, `filter must be rank 5 [depth, height, width, outDepth, inDepth], got ${fmtShape(w.shape)}`);
    const x5 = as5d(op, x);
    if (!Array.isArray(outputShape) || !outputShape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw opError(op, `outputShape must be an array of non-negative integers, got ${JSON.stringify(outputShape)}`);
    }
    const out = outputShape.length === 4 ? [1, ...outputShape] : outputShape.slice();
    if (out.length !== 5) throw opError(op, `outputShape must have rank 5 (or 4), got ${fmtShape(outputShape)}`);
    if (out[4] !== w.shape[3]) throw opError(op, `outputShape ${fmtShape(outputShape)} has ${out[4]} channels but filter ${fmtShape(w.shape)} produces ${w.shape[3]}`);
    if (x5.shape[4] !== w.shape[4]) throw opError(op, `x has ${x5.shape[4]} channels (shape ${fmtShape(x.shape)}) but filter ${fmtShape(w.shape)} expects ${w.shape[4]}`);
    if (out[0] !== x5.shape[0]) throw opError(op, `outputShape ${fmtShape(outputShape)} and x ${fmtShape(x.shape)} differ in batch size`);
    if (pad !== 'valid' && pad !== 'same') throw opError(op, `pad must be 'valid' or 'same', got ${JSON.stringify(pad)}`);
    const g = geometry3(op, out, [w.shape[0], w.shape[1], w.shape[2]], strides, pad, 1);
    if (g.OD !== x5.shape[1] || g.OH !== x5.shape[2] || g.OW !== x5.shape[3]) {
      throw opError(op, `x ${fmtShape(x.shape)} does not match outputShape ${fmtShape(outputShape)}: a convolution of that shape gives ${g.OD}×${g.OH}×${g.OW}`);
    }
    const y = backInputOp(x5, w, g);
    return x.rank === 4 ? reshape(y, y.shape.slice(1)) : y;
  },
});
