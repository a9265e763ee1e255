// Ops that move or reinterpret data: reshape, transpose, cast, expandDims, squeeze, broadcastTo, clone.
import { H, K } from '../backend/wasm.js';
import { scratch } from '../backend/scratch.js';
import { fmtShape, opError, sizeOf } from '../core/convert.js';
import { checkDtypeName, type DType } from '../core/dtype.js';
import { composite, op, type Grads } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { castRaw } from './create.js';
import { asPairs, fromPairs } from './complex_raw.js';
import { viaIndices } from './string_raw.js';
import { broadcastStrides, coalesce, parseAxes, showArg } from './util.js';

/** The target shape of reshape(x, shape): checks it and resolves one -1. */
function reshapeTarget(x: Tensor, shape: number[]): number[] {
  if (!Array.isArray(shape)) throw opError('reshape', `shape must be an array, got ${String(shape)}`);
  const s = shape.slice();
  const neg = s.filter((d) => d === -1).length;
  if (neg > 1) throw opError('reshape', `only one dimension may be -1, got ${fmtShape(shape)}`);
  for (const d of s) {
    if (d !== -1 && (typeof d !== 'number' || !Number.isInteger(d) || d < 0)) {
      throw opError('reshape', `shape ${fmtShape(shape)} must hold non-negative integers (or one -1)`);
    }
  }
  if (neg === 1) {
    const known = sizeOf(s.filter((d) => d !== -1));
    if (known === 0 || x.size % known !== 0) {
      throw opError('reshape', `cannot reshape a tensor of shape ${fmtShape(x.shape)} (${x.size} elements) into ${fmtShape(shape)}`);
    }
    s[s.indexOf(-1)] = x.size / known;
  }
  if (sizeOf(s) !== x.size) {
    throw opError('reshape', `cannot reshape a tensor of shape ${fmtShape(x.shape)} (${x.size} elements) into ${fmtShape(shape)} (${sizeOf(s)} elements)`);
  }
  return s;
}

/**
 * Same data, new shape (one entry may be -1). Shares the block: no copy.
 * @example tf.reshape(tf.range(0, 6), [2, -1])
 */
export const reshape = op('reshape', {
  inputs: [{ name: 'x', complex: true, string: true }], save: 'none',
  forward: (x: Tensor, shape: number[]): Tensor => x.view(reshapeTarget(x, shape)),
  grad: (dy, _y, [x]): Grads => [reshape(dy, x.shape)],
});

function checkPerm(x: Tensor, perm: number[] | undefined): number[] {
  const r = x.rank;
  const p = perm ?? [...Array(r).keys()].reverse();
  if (!Array.isArray(p) || p.length !== r || [...p].sort((a, b) => a - b).some((v, i) => v !== i)) {
    throw opError('transpose', `perm ${Array.isArray(p) ? fmtShape(p) : String(p)} is not a permutation of the ${r} axes of x ${fmtShape(x.shape)}`);
  }
  return p;
}

/**
 * Permutes the axes (default: reversed). `conjugate` (tfjs) also negates the imaginary part of a
 * complex64 x (the conjugate transpose); it does nothing to real tensors.
 * @example tf.transpose(x, [0, 2, 1])
 */
export const transpose = op('transpose', {
  inputs: [{ name: 'x', complex: true, string: true }], save: 'none',
  forward: (x: Tensor, perm?: number[], conjugate = false): Tensor => {
    const p = checkPerm(x, perm);
    if (x.dtype === 'string') return viaIndices(x, (i) => transposeRaw(i, p));
    if (x.dtype !== 'complex64') return transposeRaw(x, p);
    // complex64: the float32 pairs [..., 2] with the pair axis kept last
    const y = fromPairs(transposeRaw(asPairs(x), [...p, x.rank]));
    if (conjugate) {
      const f = H().f32, o = y.ptr >>> 2;
      for (let i = 1; i < 2 * y.size; i += 2) f[o + i] = -f[o + i];
    }
    return y;
  },
  grad: (dy, _y, [x, perm, conjugate]): Grads => {
    const p = checkPerm(x, perm);
    const inv = new Array<number>(p.length);
    p.forEach((a, i) => { inv[a] = i; });
    return [transpose(dy, inv, conjugate as boolean)];
  },
});

/** x (float32, int32 or bool) with its axes permuted by p (checked). */
function transposeRaw(x: Tensor, p: number[]): Tensor {
  const r = x.rank;
  const outShape = p.map((a) => x.shape[a]);
  const y = new Tensor(outShape, x.dtype);
  const inStrides: number[] = new Array(r);
  let s = 1;
  for (let i = r - 1; i >= 0; i--) { inStrides[i] = s; s *= x.shape[i]; }
  const { shape, strides } = coalesce(outShape, [p.map((a) => inStrides[a])]);
  if (y.size > 0) {
    if (shape.length === 1 && strides[0][0] === 1) {
      H().u8.copyWithin(y.ptr, x.ptr, x.ptr + x.size * (x.dtype === 'bool' ? 1 : 4));
    } else {
      const dims = scratch.dims(shape, strides[0]);
      if (x.dtype === 'bool') K().x8_transpose(x.ptr, y.ptr, shape.length, dims);
      else K().x32_transpose(x.ptr, y.ptr, shape.length, dims);
    }
  }
  return y;
}

/**
 * Converts the dtype: float → int truncates toward zero, anything → bool is `!= 0`.
 * The gradient flows through float32 → float32 only.
 */
export const cast = op('cast', {
  inputs: [{ name: 'x', complex: true, string: true }], save: 'none',
  forward: (x: Tensor, dtype: DType): Tensor => {
    checkDtypeName('cast', dtype, 'dtype', true, true);
    if ((x.dtype === 'string') !== (dtype === 'string')) throw opError('cast', `cannot cast a ${x.dtype} tensor to ${dtype} (shape ${fmtShape(x.shape)})`);
    return x.dtype === dtype ? x.view(x.shape.slice()) : castRaw(x, dtype);
  },
  // a cast to float32 passes the gradient; so does any cast of an int32/bool input (only tfjs's
  // functional gradients differentiate those); float32 → int32/bool has none (TF)
  grad: (dy, _y, [x, dtype]): Grads => [dtype === 'float32' || x.dtype !== 'float32' ? dy : null],
});

/** A copy with its own identity (gradient: identity). */
export const clone = op('clone', {
  inputs: [{ name: 'x', complex: true, string: true }], save: 'none',
  forward: (x: Tensor): Tensor => x.view(x.shape.slice()),
  grad: (dy): Grads => [dy],
});

/** The same value with no gradient flowing back (TF's tf.stop_gradient). */
export const stopGradient = op('stopGradient', {
  inputs: ['x'], grad: null,
  forward: (x: Tensor): Tensor => x.view(x.shape.slice()),
});

/** Inserts a size-1 axis at `axis` (tfjs expandDims). */
export const expandDims = composite('expandDims', {
  inputs: [{ name: 'x', complex: true, string: true }],
  forward: (x: Tensor, axis = 0): Tensor => {
    const r = x.rank;
    if (typeof axis !== 'number' || !Number.isInteger(axis) || axis < -(r + 1) || axis > r) {
      throw opError('expandDims', `axis ${showArg(axis)} is out of range for rank ${r}`);
    }
    const s = x.shape.slice();
    s.splice(axis < 0 ? axis + r + 1 : axis, 0, 1);
    return reshape(x, s);
  },
});

/** Removes size-1 axes (all — also for axis [], TensorFlow's default — or those listed). */
export const squeeze = composite('squeeze', {
  inputs: [{ name: 'x', complex: true, string: true }],
  forward: (x: Tensor, axis?: number | number[]): Tensor => {
    const all = axis === undefined || axis === null || (Array.isArray(axis) && axis.length === 0);
    const axes = all ? x.shape.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0) : parseAxes('squeeze', axis, x.rank);
    for (const a of axes) if (x.shape[a] !== 1) throw opError('squeeze', `axis ${a} of x ${fmtShape(x.shape)} has size ${x.shape[a]}, not 1`);
    return reshape(x, x.shape.filter((_, i) => !axes.includes(i)));
  },
});

/** Broadcasts x to `shape` (numpy rules). Gradient: dy summed over the broadcast axes (by the seam). */
export const broadcastTo = op('broadcastTo', {
  inputs: [{ name: 'x', string: true }], save: 'none',
  forward: (x: Tensor, shape: number[]): Tensor => {
    if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
      throw opError('broadcastTo', `shape must be an array of non-negative integers, got ${Array.isArray(shape) ? fmtShape(shape) : String(shape)}`);
    }
    if (shape.length < x.rank) throw opError('broadcastTo', `shape ${fmtShape(shape)} has lower rank than x ${fmtShape(x.shape)}`);
    for (let i = 0; i < x.rank; i++) {
      const d = x.shape[x.rank - 1 - i], o = shape[shape.length - 1 - i];
      if (d !== o && d !== 1) throw opError('broadcastTo', `x ${fmtShape(x.shape)} cannot be broadcast to ${fmtShape(shape)}`);
    }
    if (x.shape.length === shape.length && x.shape.every((d, i) => d === shape[i])) return x.view(shape.slice());
    if (x.dtype === 'string') return viaIndices(x, (i) => broadcastTo(i, shape));
    const y = new Tensor(shape.slice(), x.dtype);
    if (y.size > 0) {
      const { shape: cs, strides } = coalesce(shape, [broadcastStrides(x.shape, shape)]);
      const dims = scratch.dims(cs, strides[0]);
      if (x.dtype === 'bool') K().x8_transpose(x.ptr, y.ptr, cs.length, dims);
      else K().x32_transpose(x.ptr, y.ptr, cs.length, dims);
    }
    return y;
  },
  grad: (dy): Grads => [dy],
});
