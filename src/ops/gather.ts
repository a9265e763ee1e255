// Indexing: gather, gatherND, scatterND, unsortedSegmentSum, where with one argument (coordinates) and
// booleanMask. Two kernels carry the data (assembly/misc/gather.ts): gather copies rows, segment-sum
// adds rows; they are each other's gradients, and gatherND / scatterND / booleanMask are compositions
// of them (through flat row numbers), so every gradient here is written with ops and differentiable again.
// Indices are checked in wasm before anything is written; a bad one is an error that names the op, the
// argument, the index and the shape.
import { H, K } from '../backend/wasm.js';
import { scratch } from '../backend/scratch.js';
import { checkSize, fmtShape, opError, sizeOf, type TensorLike } from '../core/convert.js';
import { composite, op, type InputSpec, type Grads } from '../core/op.js';
import { Tensor } from '../core/tensor.js';
import { viaIndices } from './string_raw.js';
import { add, maximum, mul } from './binary.js';
import { greaterEqual, whereIndices } from './compare.js';
import { castRaw, range } from './create.js';
import { reshape, transpose } from './shape.js';

/** An int32 index argument (JS numbers become int32). */
const index = (name: string): InputSpec => ({ name, literal: 'int32', dtypes: ['int32'] });

/** The multi-index of flat position p in `shape`, as "[i,j,…]" (empty shape: ""). */
function position(p: number, shape: readonly number[]): string {
  if (shape.length === 0) return '';
  const out = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) { out[d] = p % shape[d]; p = Math.floor(p / shape[d]); }
  return `[${out.join(',')}]`;
}

/** @internal */
export function readI32(t: Tensor, from: number, n: number): number[] {
  const o = (t.ptr >>> 2) + from;
  return Array.from(H().i32.subarray(o, o + n));
}

/** @internal The raw gather kernel on x viewed as [B, outer, A, inner] with indices [B, N]. */
function gatherRaw(op: string, x: Tensor, idx: Tensor, outShape: number[], B: number, outer: number, A: number, inner: number,
                   N: number, axis: number): Tensor {
  const y = new Tensor(outShape, x.dtype);
  if (B * N > 0) {
    const bad = x.dtype === 'bool'
      ? K().x8_gather(x.ptr, idx.ptr, y.ptr, B, outer, A, inner, N)
      : K().x32_gather(x.ptr, idx.ptr, y.ptr, B, outer, A, inner, N);
    if (bad >= 0) {
      y.dispose();
      const v = readI32(idx, bad, 1)[0];
      throw opError(op, `indices${position(bad, idx.shape)} = ${v} is out of range for axis ${axis} of x ${fmtShape(x.shape)} ` +
        `(valid indices are 0 … ${A - 1})`);
    }
  }
  return y;
}

/**
 * Slices of x along `axis` at `indices` (int32): the result has shape
 * x.shape[:axis] + indices.shape[batchDims:] + x.shape[axis+1:]. With batchDims = b the first b axes of x
 * and indices are batch axes (each batch picks with its own indices). Gradient: unsortedSegmentSum.
 * @example tf.gather(tf.tensor2d([[1, 2], [3, 4], [5, 6]]), [2, 0])  // [[5, 6], [1, 2]]
 */
export const gather = op('gather', {
  inputs: [{ name: 'x', string: true }, index('indices')],
  forward: (x: Tensor, indices: Tensor, axis = 0, batchDims = 0): Tensor => {
    const op = 'gather', r = x.rank;
    if (r === 0) throw opError(op, `x must have rank ≥ 1, got a scalar`);
    if (typeof axis !== 'number' || !Number.isInteger(axis) || axis < -r || axis >= r) throw opError(op, `axis ${axis} is out of range for x ${fmtShape(x.shape)} (rank ${r})`);
    const ax = axis < 0 ? axis + r : axis;
    if (typeof batchDims !== 'number' || !Number.isInteger(batchDims) || batchDims < -indices.rank || batchDims > indices.rank) {
      throw opError(op, `batchDims ${batchDims} is out of range for indices of rank ${indices.rank}`);
    }
    const bd = batchDims < 0 ? batchDims + indices.rank : batchDims;
    if (bd > ax) throw opError(op, `batchDims ${batchDims} must be ≤ axis ${axis}`);
    for (let i = 0; i < bd; i++) {
      if (x.shape[i] !== indices.shape[i]) {
        throw opError(op, `with batchDims ${bd}, x ${fmtShape(x.shape)} and indices ${fmtShape(indices.shape)} must agree on their first ${bd} axes`);
      }
    }
    const B = sizeOf(x.shape.slice(0, bd)), outer = sizeOf(x.shape.slice(bd, ax)), A = x.shape[ax];
    const inner = sizeOf(x.shape.slice(ax + 1)), N = sizeOf(indices.shape.slice(bd));
    const outShape = [...x.shape.slice(0, ax), ...indices.shape.slice(bd), ...x.shape.slice(ax + 1)];
    if (x.dtype === 'string') return viaIndices(x, (i) => gatherRaw(op, i, indices, outShape, B, outer, A, inner, N, axis));
    return gatherRaw(op, x, indices, outShape, B, outer, A, inner, N, axis);
  },
  grad: (dy, _y, [x, ix, axis = 0, batchDims = 0]): Grads => {
    const r = x.rank, ax = axis < 0 ? axis + r : axis, bd = batchDims < 0 ? batchDims + ix.rank : batchDims;
    const B = sizeOf(x.shape.slice(0, bd)), outer = sizeOf(x.shape.slice(bd, ax)), A = x.shape[ax];
    const inner = sizeOf(x.shape.slice(ax + 1)), N = sizeOf(ix.shape.slice(bd));
    // dy as [B, outer, N, inner] → rows [B·N, outer·inner] → summed into [B·A, outer·inner] → x's layout
    let d = reshape(dy, [B, outer, N, inner]);
    if (outer > 1) d = transpose(d, [0, 2, 1, 3]);
    let ids = reshape(ix, [B * N]);
    if (B > 1) ids = reshape(add(reshape(ix, [B, N]), reshape(range(0, B * A, A, 'int32'), [B, 1])), [B * N]);
    let s = reshape(unsortedSegmentSum(reshape(d, [B * N, outer * inner]), ids, B * A), [B, A, outer, inner]);
    if (outer > 1) s = transpose(s, [0, 2, 1, 3]);
    return [reshape(s, x.shape), null];
  },
});

/**
 * Sums the slices of x that share a segment id: out[s] = Σ x[i] over ids[i] == s, out of shape
 * [numSegments, ...x.shape[segmentIds.rank:]] (segmentIds' shape is a prefix of x's). Ids below 0 are
 * dropped (TensorFlow), ids ≥ numSegments are an error. Gradient: gather.
 * @example tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3, 4]), tf.tensor1d([1, 0, 1, 1], 'int32'), 2)  // [2, 8]
 */
export const unsortedSegmentSum = op('unsortedSegmentSum', {
  inputs: [{ name: 'x', dtypes: ['float32', 'int32', 'bool'], cast: { bool: 'int32' } }, index('segmentIds')],
  forward: (x: Tensor, segmentIds: Tensor, numSegments: number): Tensor => {
    const op = 'unsortedSegmentSum';
    checkSize(op, numSegments, 'numSegments');
    if (segmentIds.rank > x.rank || segmentIds.shape.some((d, i) => d !== x.shape[i])) {
      throw opError(op, `segmentIds ${fmtShape(segmentIds.shape)} must have a prefix of the shape of x ${fmtShape(x.shape)}`);
    }
    const n = segmentIds.size, innerShape = x.shape.slice(segmentIds.rank), inner = sizeOf(innerShape);
    const y = new Tensor([numSegments, ...innerShape], x.dtype);
    if (y.size > 0 || n > 0) {
      const k = K();
      const bad = x.dtype === 'float32'
        ? k.f32_segment_sum__wasmsimd(x.ptr, segmentIds.ptr, y.ptr, n, inner, numSegments)
        : k.i32_segment_sum__wasmsimd(x.ptr, segmentIds.ptr, y.ptr, n, inner, numSegments);
      if (bad >= 0) {
        throw opError(op, `segmentIds${position(bad, segmentIds.shape)} = ${readI32(segmentIds, bad, 1)[0]} is out of range for numSegments ${numSegments}`);
      }
    }
    return y;
  },
  grad: (dy, _y, [x, ix]): Grads => {
    const hasNegative = ix.size > 0 && readI32(ix, 0, ix.size).some((v) => v < 0);
    if (!hasNegative) return [reshape(gather(dy, ix, 0), x.shape), null];
    // dropped (negative) ids get no gradient: gather at max(id, 0), then zero those rows
    const keep = reshape(castRaw(greaterEqual(ix, 0), 'float32'), [...ix.shape, ...new Array<number>(x.rank - ix.rank).fill(1)]);
    return [mul(reshape(gather(dy, maximum(ix, 0), 0), x.shape), keep), null];
  },
});

/** Flat row numbers of the index tuples in the last axis of `indices` within `shape` (int32, no tape). */
/** @internal */
export function ndLinear(op: string, indices: Tensor, shape: number[], what: string): Tensor {
  const depth = indices.shape[indices.rank - 1];
  const n = indices.size / Math.max(depth, 1);
  const nSlices = depth === 0 ? sizeOf(indices.shape.slice(0, -1)) : n;
  const lin = new Tensor([nSlices], 'int32');
  if (nSlices > 0) {
    const dims = scratch.i32(shape.slice(0, depth));
    const bad = K().i32_nd_linear(indices.ptr, lin.ptr, nSlices, depth, dims);
    if (bad >= 0) {
      lin.dispose();
      throw opError(op, `indices${position(bad, indices.shape.slice(0, -1))} = [${readI32(indices, bad * depth, depth).join(',')}] ` +
        `is out of range for ${what} ${fmtShape(shape)}`);
    }
  }
  return lin;
}

/** @internal */
export function checkNdIndices(op: string, idx: Tensor, rank: number, what: string, shape: number[]): number {
  if (idx.rank < 1) throw opError(op, `indices must have rank ≥ 1, got a scalar`);
  const depth = idx.shape[idx.rank - 1];
  if (depth > rank) {
    throw opError(op, `the last axis of indices ${fmtShape(idx.shape)} has ${depth} components, more than the rank ${rank} of ${what} ${fmtShape(shape)}`);
  }
  return depth;
}

/**
 * Slices of x at the index tuples in the last axis of indices: shape indices.shape[:-1] + x.shape[depth:].
 * @example tf.gatherND(x, [[1, 1], [2, 2]])  // x[1,1,:] and x[2,2,:]
 */
export const gatherND = composite('gatherND', {
  inputs: ['x', index('indices')],
  forward: (x: Tensor, indices: Tensor): Tensor => {
    const depth = checkNdIndices('gatherND', indices, x.rank, 'x', x.shape);
    const outShape = [...indices.shape.slice(0, -1), ...x.shape.slice(depth)];
    const lin = ndLinear('gatherND', indices, x.shape, 'x of shape');
    const rows = reshape(x, [sizeOf(x.shape.slice(0, depth)), sizeOf(x.shape.slice(depth))]);
    return reshape(gather(rows, lin, 0), outShape);
  },
});

/**
 * A tensor of `shape`, zero except where `updates` are scattered at the index tuples of `indices`;
 * duplicate indices add (TensorFlow's scatter_nd).
 * @example tf.scatterND([[2], [5]], [2.2, 5.5], [8])  // [0, 0, 2.2, 0, 0, 5.5, 0, 0]
 */
export const scatterND = composite('scatterND', {
  inputs: [index('indices'), 'updates'],
  forward: (indices: Tensor, updates: Tensor, shape: number[]): Tensor => {
    const op = 'scatterND';
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw opError(op, `shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
    }
    const depth = checkNdIndices(op, indices, shape.length, 'shape', shape);
    const want = [...indices.shape.slice(0, -1), ...shape.slice(depth)];
    if (want.length !== updates.rank || want.some((d, i) => d !== updates.shape[i])) {
      throw opError(op, `updates ${fmtShape(updates.shape)} must have shape indices.shape[:-1] + shape[${depth}:] = ${fmtShape(want)}`);
    }
    const lin = ndLinear(op, indices, shape, 'shape');
    const rows = reshape(updates, [lin.size, sizeOf(shape.slice(depth))]);
    return reshape(unsortedSegmentSum(rows, lin, sizeOf(shape.slice(0, depth))), shape.slice());
  },
});

/** booleanMask as an op named `op` in its errors (booleanMask, and booleanMaskAsync's synchronous part). */
function maskOp(op: string) {
  return composite(op, {
    inputs: ['x', { name: 'mask', literal: 'bool', dtypes: ['bool'] }],
    forward: (x: Tensor, mask: Tensor, axis = 0): Tensor => {
      if (mask.rank === 0) throw opError(op, 'mask cannot be a scalar');
      if (typeof axis !== 'number' || !Number.isInteger(axis) || axis < -x.rank || axis >= x.rank) throw opError(op, `axis ${axis} is out of range for x ${fmtShape(x.shape)}`);
      const ax = axis < 0 ? axis + x.rank : axis;
      const span = x.shape.slice(ax, ax + mask.rank);
      if (span.length !== mask.rank || span.some((d, i) => d !== mask.shape[i])) {
        throw opError(op, `mask ${fmtShape(mask.shape)} does not match x ${fmtShape(x.shape)} at axis ${ax} (x has ${fmtShape(span)} there)`);
      }
      const flatX = reshape(x, [...x.shape.slice(0, ax), sizeOf(mask.shape), ...x.shape.slice(ax + mask.rank)]);
      const coords = whereIndices(reshape(mask, [mask.size]));
      return gather(flatX, reshape(coords, [coords.shape[0]]), ax);
    },
  });
}

/**
 * The slices of x where mask (bool, shape x.shape[axis : axis + mask.rank]) is true, flattened into one
 * axis at `axis`. Gradient: through gather.
 * @example tf.booleanMask(tf.tensor2d([[1, 2], [3, 4], [5, 6]]), tf.tensor1d([true, false, true], 'bool'))  // [[1, 2], [5, 6]]
 */
export const booleanMask = maskOp('booleanMask');
const booleanMaskSync = maskOp('booleanMaskAsync');

/** tfjs's booleanMaskAsync(tensor, mask, axis = 0). */
export async function booleanMaskAsync(x: TensorLike, mask: TensorLike, axis = 0): Promise<Tensor> {
  return booleanMaskSync(x, mask, axis);
}
