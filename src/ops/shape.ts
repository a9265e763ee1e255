// Ops that move or reinterpret data: reshape, transpose, cast, expandDims, squeeze, broadcastTo, clone.
import { H, K } from '../backend/wasm.js';
import type { DType } from '../engine.js';
import { Tensor } from '../tensor.js';
import { castRaw } from './create.js';
import { broadcastStrides, coalesce, convert, fmtShape, opError, parseAxes, record, scratchI32, sizeOf, type TensorLike } from './util.js';

/**
 * Same data, new shape (one entry may be -1). Shares the block: no copy.
 * @example tf.reshape(tf.range(0, 6), [2, -1])
 */
export function reshape(x: TensorLike, shape: number[]): Tensor {
  const t = convert(x, 'x', 'reshape');
  if (!Array.isArray(shape)) throw opError('reshape', `shape must be an array, got ${String(shape)}`);
  const s = shape.slice();
  const neg = s.filter((d) => d === -1).length;
  if (neg > 1) throw opError('reshape', `only one dimension may be -1, got ${fmtShape(shape)}`);
  for (const d of s) {
    if (d !== -1 && (!Number.isInteger(d) || d < 0)) throw opError('reshape', `shape ${fmtShape(shape)} must hold non-negative integers (or one -1)`);
  }
  if (neg === 1) {
    const known = sizeOf(s.filter((d) => d !== -1));
    if (known === 0 || t.size % known !== 0) {
      throw opError('reshape', `cannot reshape a tensor of shape ${fmtShape(t.shape)} (${t.size} elements) into ${fmtShape(shape)}`);
    }
    s[s.indexOf(-1)] = t.size / known;
  }
  if (sizeOf(s) !== t.size) {
    throw opError('reshape', `cannot reshape a tensor of shape ${fmtShape(t.shape)} (${t.size} elements) into ${fmtShape(shape)} (${sizeOf(s)} elements)`);
  }
  const y = new Tensor(s, t.dtype, t.block!);
  const inShape = t.shape;
  record('reshape', [t], y, (dy) => [reshape(dy, inShape)]);
  return y;
}

/**
 * Permutes the axes (default: reversed).
 * @example tf.transpose(x, [0, 2, 1])
 */
export function transpose(x: TensorLike, perm?: number[]): Tensor {
  const t = convert(x, 'x', 'transpose');
  const r = t.rank;
  const p = perm ?? [...Array(r).keys()].reverse();
  if (!Array.isArray(p) || p.length !== r || [...p].sort((a, b) => a - b).some((v, i) => v !== i)) {
    throw opError('transpose', `perm ${fmtShape(p as number[])} is not a permutation of the ${r} axes of x ${fmtShape(t.shape)}`);
  }
  const outShape = p.map((a) => t.shape[a]);
  const y = new Tensor(outShape, t.dtype);
  const inStrides: number[] = new Array(r);
  let s = 1;
  for (let i = r - 1; i >= 0; i--) { inStrides[i] = s; s *= t.shape[i]; }
  const { shape, strides } = coalesce(outShape, [p.map((a) => inStrides[a])]);
  if (y.size > 0) {
    if (shape.length === 1 && strides[0][0] === 1) {
      H().u8.copyWithin(y.ptr, t.ptr, t.ptr + t.size * (t.dtype === 'bool' ? 1 : 4));
    } else {
      const dims = scratchI32([...shape, ...strides[0]]);
      if (t.dtype === 'bool') K().x8_transpose(t.ptr, y.ptr, shape.length, dims);
      else K().x32_transpose(t.ptr, y.ptr, shape.length, dims);
    }
  }
  const inv = new Array<number>(r);
  p.forEach((a, i) => { inv[a] = i; });
  record('transpose', [t], y, (dy) => [transpose(dy, inv)]);
  return y;
}

/**
 * Converts the dtype: float → int truncates toward zero, anything → bool is `!= 0`.
 * The gradient flows through float32 → float32 only.
 */
export function cast(x: TensorLike, dtype: DType): Tensor {
  const t = convert(x, 'x', 'cast');
  if (dtype !== 'float32' && dtype !== 'int32' && dtype !== 'bool') throw opError('cast', `unsupported dtype '${String(dtype)}'`);
  if (t.dtype === dtype) return clone(t);
  const y = castRaw(t, dtype);
  if (dtype === 'float32') record('cast', [t], y, (dy) => [dy]);
  return y;
}

/** A copy with its own identity (gradient: identity). */
export function clone(x: TensorLike): Tensor {
  const t = convert(x, 'x', 'clone');
  const y = new Tensor(t.shape.slice(), t.dtype, t.block!);
  record('clone', [t], y, (dy) => [dy]);
  return y;
}

/** The same value with no gradient flowing back (TF's tf.stop_gradient). */
export function stopGradient(x: TensorLike): Tensor {
  const t = convert(x, 'x', 'stopGradient');
  return new Tensor(t.shape.slice(), t.dtype, t.block!);
}

/** Inserts a size-1 axis at `axis` (tfjs expandDims). */
export function expandDims(x: TensorLike, axis = 0): Tensor {
  const t = convert(x, 'x', 'expandDims');
  const r = t.rank;
  if (!Number.isInteger(axis) || axis < -(r + 1) || axis > r) throw opError('expandDims', `axis ${axis} is out of range for rank ${r}`);
  const a = axis < 0 ? axis + r + 1 : axis;
  const s = t.shape.slice();
  s.splice(a, 0, 1);
  return reshape(t, s);
}

/** Removes size-1 axes (all, or those listed). */
export function squeeze(x: TensorLike, axis?: number | number[]): Tensor {
  const t = convert(x, 'x', 'squeeze');
  const axes = axis === undefined ? t.shape.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0) : parseAxes('squeeze', axis, t.rank);
  for (const a of axes) if (t.shape[a] !== 1) throw opError('squeeze', `axis ${a} of x ${fmtShape(t.shape)} has size ${t.shape[a]}, not 1`);
  return reshape(t, t.shape.filter((_, i) => !axes.includes(i)));
}

/** Broadcasts x to `shape` (numpy rules). Gradient: sum over the broadcast axes. */
export function broadcastTo(x: TensorLike, shape: number[]): Tensor {
  const t = convert(x, 'x', 'broadcastTo');
  if (shape.length < t.rank) throw opError('broadcastTo', `shape ${fmtShape(shape)} has lower rank than x ${fmtShape(t.shape)}`);
  for (let i = 0; i < t.rank; i++) {
    const d = t.shape[t.rank - 1 - i], o = shape[shape.length - 1 - i];
    if (d !== o && d !== 1) throw opError('broadcastTo', `x ${fmtShape(t.shape)} cannot be broadcast to ${fmtShape(shape)}`);
  }
  if (t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i])) return clone(t);
  const y = new Tensor(shape.slice(), t.dtype);
  if (y.size > 0) {
    const { shape: cs, strides } = coalesce(shape, [broadcastStrides(t.shape, shape)]);
    const dims = scratchI32([...cs, ...strides[0]]);
    if (t.dtype === 'bool') K().x8_transpose(t.ptr, y.ptr, cs.length, dims);
    else K().x32_transpose(t.ptr, y.ptr, cs.length, dims);
  }
  const inShape = t.shape;
  record('broadcastTo', [t], y, (dy) => [sumTo(dy, inShape)]);
  return y;
}

// Set by reduce.ts to avoid an import cycle: sums dy down to `shape` (the gradient of broadcasting).
let sumToImpl: (dy: Tensor, shape: number[]) => Tensor = () => { throw new Error('reduce ops not loaded'); };
export function setSumTo(f: typeof sumToImpl): void { sumToImpl = f; }
/** @internal Sums a broadcast gradient back to `shape`. */
export function sumTo(dy: Tensor, shape: number[]): Tensor {
  if (dy.shape.length === shape.length && dy.shape.every((d, i) => d === shape[i])) return dy;
  return sumToImpl(dy, shape);
}
