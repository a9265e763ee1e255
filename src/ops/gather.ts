// Indexing: gather, gatherND, scatterND, unsortedSegmentSum, where with one argument (coordinates) and
// booleanMask. Two kernels carry the data (assembly/misc/gather.ts): gather copies rows, segment-sum
// adds rows; they are each other's gradients, and gatherND / scatterND / booleanMask are compositions
// of them (through flat row numbers), so every gradient here is written with ops and differentiable again.
// Indices are checked in wasm before anything is written; a bad one is an error that names the op, the
// argument, the index and the shape.
import { H, K } from '../backend/wasm.js';
import { Tensor } from '../tensor.js';
import { add, maximum, mul } from './binary.js';
import { greaterEqual } from './compare.js';
import { castRaw, range } from './create.js';
import { reshape, transpose } from './shape.js';
import { checkDtype, convert, fmtShape, opError, record, scratchI32, sizeOf, type TensorLike } from './util.js';

function intIndices(op: string, v: TensorLike, arg: string): Tensor {
  const t = convert(v, arg, op, 'int32');
  checkDtype(op, arg, t, ['int32']);
  return t;
}

/** The multi-index of flat position p in `shape`, as "[i,j,…]" (empty shape: ""). */
function position(p: number, shape: readonly number[]): string {
  if (shape.length === 0) return '';
  const out = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) { out[d] = p % shape[d]; p = Math.floor(p / shape[d]); }
  return `[${out.join(',')}]`;
}

function readI32(t: Tensor, from: number, n: number): number[] {
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
export function gather(x: TensorLike, indices: TensorLike, axis = 0, batchDims = 0): Tensor {
  const op = 'gather';
  const t = convert(x, 'x', op), idx = intIndices(op, indices, 'indices');
  const r = t.rank;
  if (r === 0) throw opError(op, `x must have rank ≥ 1, got a scalar`);
  if (!Number.isInteger(axis) || axis < -r || axis >= r) throw opError(op, `axis ${axis} is out of range for x ${fmtShape(t.shape)} (rank ${r})`);
  const ax = axis < 0 ? axis + r : axis;
  if (!Number.isInteger(batchDims) || batchDims < -idx.rank || batchDims > idx.rank) {
    throw opError(op, `batchDims ${batchDims} is out of range for indices of rank ${idx.rank}`);
  }
  const bd = batchDims < 0 ? batchDims + idx.rank : batchDims;
  if (bd > ax) throw opError(op, `batchDims ${batchDims} must be ≤ axis ${axis}`);
  for (let i = 0; i < bd; i++) {
    if (t.shape[i] !== idx.shape[i]) {
      throw opError(op, `with batchDims ${bd}, x ${fmtShape(t.shape)} and indices ${fmtShape(idx.shape)} must agree on their first ${bd} axes`);
    }
  }
  const B = sizeOf(t.shape.slice(0, bd)), outer = sizeOf(t.shape.slice(bd, ax)), A = t.shape[ax];
  const inner = sizeOf(t.shape.slice(ax + 1)), N = sizeOf(idx.shape.slice(bd));
  const outShape = [...t.shape.slice(0, ax), ...idx.shape.slice(bd), ...t.shape.slice(ax + 1)];
  const y = gatherRaw(op, t, idx, outShape, B, outer, A, inner, N, axis);
  if (t.dtype === 'float32') {
    const xShape = t.shape;
    record(op, [t], y, (dy, [ix]) => {
      // dy as [B, outer, N, inner] → rows [B·N, outer·inner] → summed into [B·A, outer·inner] → x's layout
      let d = reshape(dy, [B, outer, N, inner]);
      if (outer > 1) d = transpose(d, [0, 2, 1, 3]);
      let ids = reshape(ix, [B * N]);
      if (B > 1) ids = reshape(add(reshape(ix, [B, N]), reshape(range(0, B * A, A, 'int32'), [B, 1])), [B * N]);
      let s = reshape(unsortedSegmentSum(reshape(d, [B * N, outer * inner]), ids, B * A), [B, A, outer, inner]);
      if (outer > 1) s = transpose(s, [0, 2, 1, 3]);
      return [reshape(s, xShape)];
    }, [idx]);
  }
  if (idx !== indices) idx.dispose();
  return y;
}

/**
 * Sums the slices of x that share a segment id: out[s] = Σ x[i] over ids[i] == s, out of shape
 * [numSegments, ...x.shape[segmentIds.rank:]] (segmentIds' shape is a prefix of x's). Ids below 0 are
 * dropped (TensorFlow), ids ≥ numSegments are an error. Gradient: gather.
 * @example tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3, 4]), tf.tensor1d([1, 0, 1, 1], 'int32'), 2)  // [2, 8]
 */
export function unsortedSegmentSum(x: TensorLike, segmentIds: TensorLike, numSegments: number): Tensor {
  const op = 'unsortedSegmentSum';
  let t = convert(x, 'x', op);
  const ids = intIndices(op, segmentIds, 'segmentIds');
  checkDtype(op, 'x', t, ['float32', 'int32', 'bool']);
  if (t.dtype === 'bool') t = castRaw(t, 'int32');
  if (!Number.isInteger(numSegments) || numSegments < 0) throw opError(op, `numSegments must be a non-negative integer, got ${numSegments}`);
  if (ids.rank > t.rank || ids.shape.some((d, i) => d !== t.shape[i])) {
    throw opError(op, `segmentIds ${fmtShape(ids.shape)} must have a prefix of the shape of x ${fmtShape(t.shape)}`);
  }
  const n = ids.size, innerShape = t.shape.slice(ids.rank), inner = sizeOf(innerShape);
  const y = new Tensor([numSegments, ...innerShape], t.dtype);
  if (y.size > 0 || n > 0) {
    const k = K();
    const bad = t.dtype === 'float32'
      ? k.f32_segment_sum__wasmsimd(t.ptr, ids.ptr, y.ptr, n, inner, numSegments)
      : k.i32_segment_sum__wasmsimd(t.ptr, ids.ptr, y.ptr, n, inner, numSegments);
    if (bad >= 0) {
      y.dispose();
      throw opError(op, `segmentIds${position(bad, ids.shape)} = ${readI32(ids, bad, 1)[0]} is out of range for numSegments ${numSegments}`);
    }
  }
  if (t.dtype === 'float32') {
    const xShape = t.shape;
    const hasNegative = n > 0 && readI32(ids, 0, n).some((v) => v < 0);
    record(op, [t], y, (dy, [ix]) => {
      if (!hasNegative) return [reshape(gather(dy, ix, 0), xShape)];
      // dropped (negative) ids get no gradient: gather at max(id, 0), then zero those rows
      const keep = reshape(castRaw(greaterEqual(ix, 0), 'float32'), [...ix.shape, ...new Array<number>(xShape.length - ix.rank).fill(1)]);
      return [mul(reshape(gather(dy, maximum(ix, 0), 0), xShape), keep)];
    }, [ids]);
  }
  return y;
}

/** Flat row numbers of the index tuples in the last axis of `indices` within `shape` (int32, no tape). */
function ndLinear(op: string, indices: Tensor, shape: number[], what: string): Tensor {
  const depth = indices.shape[indices.rank - 1];
  const n = indices.size / Math.max(depth, 1);
  const nSlices = depth === 0 ? sizeOf(indices.shape.slice(0, -1)) : n;
  const lin = new Tensor([nSlices], 'int32');
  if (nSlices > 0) {
    const dims = scratchI32(shape.slice(0, depth));
    const bad = K().i32_nd_linear(indices.ptr, lin.ptr, nSlices, depth, dims);
    if (bad >= 0) {
      lin.dispose();
      throw opError(op, `indices${position(bad, indices.shape.slice(0, -1))} = [${readI32(indices, bad * depth, depth).join(',')}] ` +
        `is out of range for ${what} ${fmtShape(shape)}`);
    }
  }
  return lin;
}

function checkNdIndices(op: string, idx: Tensor, rank: number, what: string, shape: number[]): number {
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
export function gatherND(x: TensorLike, indices: TensorLike): Tensor {
  const op = 'gatherND';
  const t = convert(x, 'x', op), idx = intIndices(op, indices, 'indices');
  const depth = checkNdIndices(op, idx, t.rank, 'x', t.shape);
  const outShape = [...idx.shape.slice(0, -1), ...t.shape.slice(depth)];
  const lin = ndLinear(op, idx, t.shape, 'x of shape');
  const rows = reshape(t, [sizeOf(t.shape.slice(0, depth)), sizeOf(t.shape.slice(depth))]);
  const g = gather(rows, lin, 0);
  const y = reshape(g, outShape);
  for (const u of [lin, rows, g]) u.dispose();
  if (idx !== indices) idx.dispose();
  return y;
}

/**
 * A tensor of `shape`, zero except where `updates` are scattered at the index tuples of `indices`;
 * duplicate indices add (TensorFlow's scatter_nd).
 * @example tf.scatterND([[2], [5]], [2.2, 5.5], [8])  // [0, 0, 2.2, 0, 0, 5.5, 0, 0]
 */
export function scatterND(indices: TensorLike, updates: TensorLike, shape: number[]): Tensor {
  const op = 'scatterND';
  const idx = intIndices(op, indices, 'indices');
  const u = convert(updates, 'updates', op);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw opError(op, `shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  const depth = checkNdIndices(op, idx, shape.length, 'shape', shape);
  const want = [...idx.shape.slice(0, -1), ...shape.slice(depth)];
  if (want.length !== u.rank || want.some((d, i) => d !== u.shape[i])) {
    throw opError(op, `updates ${fmtShape(u.shape)} must have shape indices.shape[:-1] + shape[${depth}:] = ${fmtShape(want)}`);
  }
  const lin = ndLinear(op, idx, shape, 'shape');
  const rows = reshape(u, [lin.size, sizeOf(shape.slice(depth))]);
  const s = unsortedSegmentSum(rows, lin, sizeOf(shape.slice(0, depth)));
  const y = reshape(s, shape.slice());
  for (const v of [lin, rows, s]) v.dispose();
  if (idx !== indices) idx.dispose();
  return y;
}

/**
 * Coordinates of the true (non-zero) elements of condition, int32 [count, rank], in row-major order
 * (TF's tf.where(condition)). The one-argument form of `where`.
 */
export function whereIndices(condition: TensorLike): Tensor {
  let c = convert(condition, 'condition', 'where', 'bool');
  if (c.dtype !== 'bool') c = castRaw(c, 'bool');
  const count = K().u8_count_nonzero(c.ptr, c.size);
  const y = new Tensor([count, c.rank], 'int32');
  if (count > 0 && c.rank > 0) K().u8_where_coords(c.ptr, y.ptr, c.size, c.rank, scratchI32(c.shape));
  if (c !== condition) c.dispose();
  return y;
}

/** tfjs's whereAsync: the coordinates of the true elements of condition, int32 [count, rank]. */
export async function whereAsync(condition: TensorLike): Promise<Tensor> { return whereIndices(condition); }

/**
 * The slices of x where mask (bool, shape x.shape[axis : axis + mask.rank]) is true, flattened into one
 * axis at `axis`. Gradient: through gather.
 * @example tf.booleanMask(tf.tensor2d([[1, 2], [3, 4], [5, 6]]), tf.tensor1d([true, false, true], 'bool'))  // [[1, 2], [5, 6]]
 */
export function booleanMask(x: TensorLike, mask: TensorLike, axis = 0): Tensor {
  const op = 'booleanMask';
  const t = convert(x, 'x', op), m = convert(mask, 'mask', op, 'bool');
  checkDtype(op, 'mask', m, ['bool']);
  if (m.rank === 0) throw opError(op, 'mask cannot be a scalar');
  if (!Number.isInteger(axis) || axis < -t.rank || axis >= t.rank) throw opError(op, `axis ${axis} is out of range for x ${fmtShape(t.shape)}`);
  const ax = axis < 0 ? axis + t.rank : axis;
  const span = t.shape.slice(ax, ax + m.rank);
  if (span.length !== m.rank || span.some((d, i) => d !== m.shape[i])) {
    throw opError(op, `mask ${fmtShape(m.shape)} does not match x ${fmtShape(t.shape)} at axis ${ax} (x has ${fmtShape(span)} there)`);
  }
  const flatX = reshape(t, [...t.shape.slice(0, ax), sizeOf(m.shape), ...t.shape.slice(ax + m.rank)]);
  const flatM = reshape(m, [m.size]);
  const coords = whereIndices(flatM);
  const idx = reshape(coords, [coords.shape[0]]);
  const y = gather(flatX, idx, ax);
  for (const v of [flatX, flatM, coords, idx]) v.dispose();
  if (m !== mask) m.dispose();
  return y;
}

/** tfjs's booleanMaskAsync(tensor, mask, axis = 0). */
export async function booleanMaskAsync(x: TensorLike, mask: TensorLike, axis = 0): Promise<Tensor> {
  return booleanMask(x, mask, axis);
}
