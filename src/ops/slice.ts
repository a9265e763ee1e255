// Slicing: slice, stridedSlice, numpy-style `tf.index(x, ':, ::2, ..., None')`, reverse.
// All stand on one primitive pair over the strided-copy kernel (assembly/misc/strided.ts):
//   stridedRead(x, begin, step, shape)        y[i] = x[begin + i·step]       (a box of x, any step sign)
//   stridedWrite(v, shape, begin, step, fill)  y = fill; y[begin + i·step] = v[i]
// each the other's gradient, so slicing is differentiable to any order.
import { H, K } from '../backend/wasm.js';
import { scratch } from '../backend/scratch.js';
import { fmtShape, opError, sizeOf } from '../core/convert.js';
import { BYTES, type DType } from '../core/dtype.js';
import { composite, op, type Grads } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { fill, zeros } from './create.js';
import { clone, reshape } from './shape.js';
import { coalesce, parseAxes, stridesOf } from './util.js';
import { viaIndices } from './string_raw.js';

/**
 * @internal Copies (or with `add`, accumulates, f32 only) an n-d box: src starts at byte `sp` and
 * walks `sStr` elements per axis, dst starts at `dp` and walks `dStr`. Strides may be negative.
 */
export function copyBox(dtype: DType, sp: number, sStr: number[], dp: number, dStr: number[], shape: number[], add = false): void {
  if (sizeOf(shape) === 0) return;
  if (dtype === 'complex64') { // the float32 pairs, with the pair axis last
    copyBox('float32', sp, [...sStr.map((v) => 2 * v), 1], dp, [...dStr.map((v) => 2 * v), 1], [...shape, 2], add);
    return;
  }
  const { shape: cs, strides } = coalesce(shape, [sStr, dStr]);
  const [ss, ds] = strides;
  const k = K();
  if (!add && cs.length === 1 && ss[0] === 1 && ds[0] === 1) {
    H().u8.copyWithin(dp, sp, sp + cs[0] * BYTES[dtype]); // one contiguous run: memmove
    return;
  }
  const dims = scratch.dims(cs, ss, ds);
  if (add) k.f32_strided_add__wasmsimd(sp, dp, cs.length, dims);
  else if (dtype === 'bool') k.x8_strided_copy(sp, dp, cs.length, dims);
  else k.x32_strided_copy__wasmsimd(sp, dp, cs.length, dims);
}

/**
 * @internal The values of x read as the box `box` (x.size elements, row-major: x's element order) through element
 * strides from an element offset (x a view of some tensor's memory: an ONNX Transpose not copied, src/onnx), as one
 * contiguous tensor of x's shape. No gradient (inference only).
 */
export const readStrided = op('readStrided', {
  inputs: [{ name: 'x' }], grad: null,
  forward: (x: Tensor, box: number[], strides: number[], offset: number): Tensor => {
    if (sizeOf(box) !== x.size) throw opError('readStrided', `box ${fmtShape(box)} does not hold the ${x.size} elements of x ${fmtShape(x.shape)}`);
    const y = new Tensor(x.shape.slice(), x.dtype);
    copyBox(x.dtype, x.ptr + offset * BYTES[x.dtype], strides, y.ptr, stridesOf(box), box);
    return y;
  },
});

/**
 * @internal y[i] = x[begin + i·step] for i in the box `shape` (step ≠ 0, may be negative; the caller
 * guarantees every read is in range). Gradient: dy written back into zeros of x's shape.
 */
export const stridedRead = op('stridedSlice', {
  inputs: [{ name: 'x', complex: true, string: true }], save: 'none',
  forward: (x: Tensor, begin: number[], step: number[], shape: number[]): Tensor => {
    if (shape.length === x.rank && shape.every((d, i) => d === x.shape[i]) && begin.every((b) => b === 0) && step.every((s) => s === 1)) {
      return x.view(shape.slice());
    }
    if (x.dtype === 'string') return viaIndices(x, (i) => stridedRead(i, begin, step, shape));
    const y = new Tensor(shape.slice(), x.dtype);
    if (y.size > 0) {
      const xs = stridesOf(x.shape);
      let off = 0;
      for (let i = 0; i < xs.length; i++) off += begin[i] * xs[i];
      copyBox(x.dtype, x.ptr + off * BYTES[x.dtype], xs.map((s, i) => s * step[i]), y.ptr, stridesOf(shape), shape);
    }
    return y;
  },
  grad: (dy, _y, [x, begin, step]): Grads => [stridedWrite(dy, x.shape, begin, step)],
});

/**
 * @internal A tensor of `shape` filled with `value`, with v written at begin + i·step (the adjoint of
 * stridedRead, and pad). Gradient: the same box read back out of dy.
 */
export const stridedWrite = op('stridedWrite', {
  inputs: [{ name: 'v', complex: true }], save: 'none',
  forward: (v: Tensor, shape: number[], begin: number[], step: number[], value = 0): Tensor => {
    // a covering box: no fill
    const y = v.size === sizeOf(shape) ? new Tensor(shape.slice(), v.dtype)
      : v.dtype === 'complex64' ? zeros(shape, 'complex64') : fill(shape, value, v.dtype);
    if (v.size > 0) {
      const ys = stridesOf(shape);
      let off = 0;
      for (let i = 0; i < ys.length; i++) off += begin[i] * ys[i];
      copyBox(v.dtype, v.ptr, stridesOf(v.shape), y.ptr + off * BYTES[v.dtype], ys.map((s, i) => s * step[i]), v.shape);
    }
    return y;
  },
  grad: (dy, _y, [v, , begin, step]): Grads => [stridedRead(dy, begin, step, v.shape)],
});

function intList(op: string, arg: string, v: unknown): number[] {
  if (!Array.isArray(v) || v.some((e) => typeof e !== 'number' || !Number.isInteger(e))) {
    throw opError(op, `${arg} must be an array of integers, got ${Array.isArray(v) ? fmtShape(v as number[]) : String(v)}`);
  }
  return v as number[];
}

/**
 * The box of x starting at `begin` of extent `size` (-1: to the end). Short `begin`/`size` arrays are
 * padded with 0 / -1; a number means the first axis (tfjs).
 * @example tf.slice(tf.tensor2d([[1, 2, 3], [4, 5, 6]]), [0, 1], [2, -1])  // [[2, 3], [5, 6]]
 */
export const slice = composite('slice', {
  inputs: [{ name: 'x', complex: true, string: true }],
  forward: (x: Tensor, begin: number | number[], size?: number | number[]): Tensor => {
    const r = x.rank;
    if (r === 0) throw opError('slice', 'cannot slice a scalar (x has shape [])');
    const b0 = typeof begin === 'number' ? [begin] : intList('slice', 'begin', begin);
    const s0 = size === undefined || size === null ? [] : typeof size === 'number' ? [size] : intList('slice', 'size', size);
    if (b0.length > r) throw opError('slice', `begin ${fmtShape(b0)} has ${b0.length} entries but x ${fmtShape(x.shape)} has rank ${r}`);
    if (s0.length > r) throw opError('slice', `size ${fmtShape(s0)} has ${s0.length} entries but x ${fmtShape(x.shape)} has rank ${r}`);
    const b = x.shape.map((_, i) => b0[i] ?? 0);
    const s = x.shape.map((d, i) => {
      const v = s0[i] ?? -1;
      if (!Number.isInteger(b[i]) || b[i] < 0 || b[i] > d) {
        throw opError('slice', `begin[${i}] = ${b[i]} is out of range for axis ${i} of size ${d} (x ${fmtShape(x.shape)}, begin ${fmtShape(b0)})`);
      }
      if (v === -1) return d - b[i];
      if (!Number.isInteger(v) || v < 0) throw opError('slice', `size[${i}] = ${v} must be a non-negative integer or -1 (size ${fmtShape(s0)})`);
      if (b[i] + v > d) {
        throw opError('slice', `begin[${i}] + size[${i}] = ${b[i]} + ${v} exceeds axis ${i} of size ${d} (x ${fmtShape(x.shape)}, begin ${fmtShape(b0)}, size ${fmtShape(s0)})`);
      }
      return v;
    });
    return stridedRead(x, b, b.map(() => 1), s);
  },
});

// ---- stridedSlice: TensorFlow's ValidateStridedSliceOp (tensorflow/core/util/strided_slice_op.cc,
// ported as in tfjs-core's slice_util.sliceInfo): sparse spec (with ellipsis / new axes) → dense
// per-axis begin/end/stride → the processing shape read from x, then the final shape. ---------------

const NEW_AXIS = -1, SHRINK_AXIS = -2;

interface SliceSpec { begin: number[]; strides: number[]; processing: number[]; final: number[] }

function sliceSpec(op: string, shape: number[], begin: number[], end: number[], strides: number[],
                   beginMask: number, endMask: number, ellipsisMask: number, newAxisMask: number, shrinkAxisMask: number): SliceSpec {
  if (ellipsisMask & (ellipsisMask - 1)) throw opError(op, `only one ellipsis is allowed (ellipsisMask ${ellipsisMask})`);
  // Step 1: count new axes after the ellipsis; add an implicit ellipsis at the end when there is none.
  let dims = begin.length, ellipsis = ellipsisMask, afterEllipsis = 0, seen = false;
  for (let i = 0; i < dims; i++) {
    if (seen && (newAxisMask & (1 << i))) afterEllipsis++;
    if (ellipsisMask & (1 << i)) seen = true;
  }
  if (!seen) { ellipsis |= 1 << dims; dims++; }
  // Step 2: the dense spec, one entry per axis of x.
  const rank = shape.length;
  const db = new Array<number>(rank).fill(0), de = new Array<number>(rank).fill(0), ds = new Array<number>(rank).fill(1);
  let dBeginMask = 0, dEndMask = 0, dShrink = 0, full = 0;
  const gather: number[] = [];
  for (let i = 0; i < dims; i++) {
    if (ellipsis & (1 << i)) {
      const next = Math.min(rank - (dims - i) + 1 + afterEllipsis, rank);
      for (; full < next; full++) {
        dBeginMask |= 1 << full; dEndMask |= 1 << full;
        gather.push(full);
      }
    } else if (newAxisMask & (1 << i)) {
      gather.push(NEW_AXIS);
    } else {
      if (full === rank) {
        throw opError(op, `the slice spec indexes more axes than x ${fmtShape(shape)} has (rank ${rank})`);
      }
      db[full] = begin[i]; de[full] = end[i]; ds[full] = strides[i];
      if (beginMask & (1 << i)) dBeginMask |= 1 << full;
      if (endMask & (1 << i)) dEndMask |= 1 << full;
      if (shrinkAxisMask & (1 << i)) { gather.push(SHRINK_AXIS); dShrink |= 1 << full; } else gather.push(full);
      full++;
    }
  }
  // Step 3: canonical begin/end per axis, bounds checks, the processing shape.
  const processing: number[] = [];
  for (let i = 0; i < rank; i++) {
    const st = ds[i], dim = shape[i];
    if (st === 0) throw opError(op, `strides[${i}] must be non-zero (x ${fmtShape(shape)})`);
    const shrink = (dShrink & (1 << i)) !== 0;
    if (shrink && st <= 0) throw opError(op, `axis ${i} is indexed by a single element, which needs stride 1 (got ${st})`);
    const lo = st > 0 ? 0 : -1, hi = st > 0 ? dim : dim - 1;
    const canonical = (v: number, masked: boolean, isEnd: boolean): number => {
      if (masked) return st > 0 ? (isEnd ? hi : lo) : (isEnd ? lo : hi);
      const fwd = v < 0 ? dim + v : v;
      return fwd < lo ? lo : fwd > hi ? hi : fwd;
    };
    if (shrink) {
      const fwd = db[i] < 0 ? dim + db[i] : db[i];
      if (fwd < 0 || fwd >= dim) {
        throw opError(op, `index ${db[i]} is out of bounds for axis ${i} of size ${dim} (x ${fmtShape(shape)})`);
      }
      db[i] = fwd; de[i] = fwd + 1;
    } else {
      db[i] = canonical(db[i], (dBeginMask & (1 << i)) !== 0, false);
      de[i] = canonical(de[i], (dEndMask & (1 << i)) !== 0, true);
    }
    const len = de[i] - db[i];
    processing.push(len === 0 || (len < 0) !== (st < 0) ? 0 : Math.trunc(len / st) + (len % st !== 0 ? 1 : 0));
  }
  // Step 4: the final shape (new axes add a 1, shrunk axes go).
  const final: number[] = [];
  for (const g of gather) {
    if (g >= 0) final.push(processing[g]);
    else if (g === NEW_AXIS) final.push(1);
  }
  return { begin: db, strides: ds, processing, final };
}

/**
 * TensorFlow's strided slice: per axis begin/end/stride (negative indices count from the end,
 * negative strides walk backwards), bit masks for "from the start"/"to the end", one ellipsis,
 * new axes and single-element (shrunk) axes.
 * @example tf.stridedSlice(x, [0, 0], [0, 0], [1, -1], 1, 1)   // x[:, ::-1]
 */
export const stridedSlice = composite('stridedSlice', {
  inputs: [{ name: 'x', complex: true, string: true }],
  forward: (x: Tensor, begin: number[], end: number[], strides?: number[], beginMask = 0, endMask = 0,
            ellipsisMask = 0, newAxisMask = 0, shrinkAxisMask = 0): Tensor => {
    const op = 'stridedSlice';
    const b = intList(op, 'begin', begin), e = intList(op, 'end', end);
    const s = strides === undefined || strides === null ? b.map(() => 1) : intList(op, 'strides', strides);
    if (e.length !== b.length || s.length !== b.length) {
      throw opError(op, `begin ${fmtShape(b)}, end ${fmtShape(e)} and strides ${fmtShape(s)} must have the same length`);
    }
    const masks = { beginMask, endMask, ellipsisMask, newAxisMask, shrinkAxisMask };
    for (const [k, v] of Object.entries(masks)) {
      if (!Number.isInteger(v) || v < 0) throw opError(op, `${k} must be a non-negative integer bit mask, got ${String(v)}`);
    }
    const spec = sliceSpec(op, x.shape, b, e, s, beginMask, endMask, ellipsisMask, newAxisMask, shrinkAxisMask);
    const y = stridedRead(x, spec.begin, spec.strides, spec.processing);
    return spec.final.length === y.rank && spec.final.every((d, i) => d === y.shape[i]) ? y : reshape(y, spec.final);
  },
});

// ---- numpy-style indexing -------------------------------------------------------------------------

const INT = /^[+-]?\d+$/;

/**
 * numpy/Python indexing from a string, built on stridedSlice: items separated by commas, each
 * `start:stop:step` (any part may be empty; negative values count from the end / walk backwards),
 * an integer (drops the axis; -1 is the last), `...` (all the axes not named), or `None`/`newaxis`
 * (a new axis of size 1).
 * @example
 * tf.index(x, ':, ::2, ::2, :')   // x[:, ::2, ::2, :]   halves the image size
 * x.index('1:3, ..., 1:')         // x[1:3, ..., 1:]
 * x.index('::-1')                 // reversed along axis 0
 * x.index('-1'); x.index(':, None')
 */
export const index = composite('index', {
  inputs: ['x'],
  forward: (x: Tensor, spec: string | number): Tensor => {
    const op = 'index';
    if (typeof spec === 'number') spec = String(spec);
    if (typeof spec !== 'string') throw opError(op, `spec must be a string such as ':, ::2, 1', got ${typeof spec}`);
    let src = spec.trim();
    if (src.startsWith('[') && src.endsWith(']')) src = src.slice(1, -1).trim();
    const items = src === '' ? [] : src.split(',').map((v) => v.trim());
    if (items.length > 1 && items[items.length - 1] === '') items.pop(); // `x[0,]`, as Python allows
    const begin: number[] = [], end: number[] = [], strides: number[] = [];
    let beginMask = 0, endMask = 0, ellipsisMask = 0, newAxisMask = 0, shrinkAxisMask = 0;
    const bad = (item: string, i: number, why: string) =>
      opError(op, `item ${i} '${item}' of spec '${spec}' ${why} (x ${fmtShape(x.shape)})`);
    items.forEach((item, i) => {
      if (i >= 31) throw opError(op, `spec '${spec}' has more than 31 items`);
      begin.push(0); end.push(0); strides.push(1);
      const bit = 1 << i;
      if (item === '...' || item === '…') {
        if (ellipsisMask) throw bad(item, i, 'is a second ellipsis; only one is allowed');
        ellipsisMask |= bit;
      } else if (item === 'None' || item === 'newaxis' || item === 'tf.newaxis' || item === 'np.newaxis') {
        newAxisMask |= bit;
      } else if (INT.test(item)) {
        const k = Number(item);
        begin[i] = k; end[i] = k + 1;
        shrinkAxisMask |= bit;
      } else {
        const parts = item.split(':').map((p) => p.trim());
        if (parts.length < 2 || parts.length > 3) throw bad(item, i, "is not an integer, a slice 'start:stop:step', '...' or 'None'");
        for (const p of parts) if (p !== '' && !INT.test(p)) throw bad(item, i, `has '${p}', which is not an integer`);
        const [b, e, s] = parts;
        if (s !== undefined && s !== '') {
          strides[i] = Number(s);
          if (strides[i] === 0) throw bad(item, i, 'has step 0');
        }
        if (b === '') beginMask |= bit; else begin[i] = Number(b);
        if (e === '') endMask |= bit; else end[i] = Number(e);
      }
    });
    try {
      return stridedSlice(x, begin, end, strides, beginMask, endMask, ellipsisMask, newAxisMask, shrinkAxisMask);
    } catch (err) {
      throw opError(op, `spec '${spec}' on x ${fmtShape(x.shape)}: ${(err as Error).message.replace(/^stridedSlice: /, '')}`);
    }
  },
});

/**
 * Reverses x along the given axes (default: all).
 * @example tf.reverse(tf.tensor2d([[1, 2], [3, 4]]), 1)  // [[2, 1], [4, 3]]
 */
export const reverse = composite('reverse', {
  inputs: [{ name: 'x', complex: true, string: true }],
  forward: (x: Tensor, axis?: number | number[]): Tensor => {
    const axes = parseAxes('reverse', axis, x.rank);
    const begin = x.shape.map((d, i) => (axes.includes(i) ? Math.max(d - 1, 0) : 0));
    const step = x.shape.map((_, i) => (axes.includes(i) ? -1 : 1));
    if (axes.every((a) => x.shape[a] <= 1)) return clone(x);
    return stridedRead(x, begin, step, x.shape);
  },
});
