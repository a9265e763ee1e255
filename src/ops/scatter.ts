// Writing into tensors and shape utilities: tensorScatterUpdate, sparseToDense (a scatter into a filled
// tensor), broadcastArgs and ensureShape. The scatters work on flat row numbers (gather.ts's ndLinear,
// which checks every index in wasm); duplicates resolve to the last update, as tfjs's cpu kernel does, by
// keeping the last occurrence of each row (JS on the small int32 row list), so the data moves through
// gather / unsortedSegmentSum / where and the gradients come from those ops.
import { fmtShape, opError, sizeOf } from '../core/convert.js';
import { composite, op, type InputSpec } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { isTensor } from '../core/engine.js';
import { greater, where } from './compare.js';
import { cast, reshape, broadcastTo, clone } from './shape.js';
import { fill, ones, tensor } from './create.js';
import { checkNdIndices, gather, ndLinear, readI32, unsortedSegmentSum } from './gather.js';
import { broadcastShapes } from './util.js';
import { indicesOf, pick, stringsOf } from './string_raw.js';

const index = (name: string): InputSpec => ({ name, literal: 'int32', dtypes: ['int32'] });

/** x with the rows (of x viewed as [rows, inner]) at `lin` replaced by the rows of `upd`; the last duplicate wins. */
/** @internal */
export function scatterRows(x: Tensor, lin: Tensor, upd: Tensor, inner: number): Tensor {
  const rows = x.size / Math.max(inner, 1), n = lin.size;
  const ids = n > 0 ? readI32(lin, 0, n) : [];
  const last = new Map<number, number>();
  ids.forEach((r, i) => last.set(r, i));
  const keep = [...last.values()].sort((a, b) => a - b);
  if (keep.length === 0 || inner === 0) return clone(x);
  const sel = tensor(keep, [keep.length], 'int32'), tgt = tensor(keep.map((i) => ids[i]), [keep.length], 'int32');
  const src = gather(reshape(upd, [n, inner]), sel, 0);
  const summed = unsortedSegmentSum(src, tgt, rows);
  const scattered = x.dtype === 'bool' ? cast(summed, 'bool') : summed;
  const hit = reshape(greater(unsortedSegmentSum(ones([keep.length], 'int32'), tgt, rows), 0), [rows, 1]);
  return reshape(where(broadcastTo(hit, [rows, inner]), scattered, reshape(x, [rows, inner])), x.shape);
}

/**
 * A copy of `tensor` with the slices at the index tuples of `indices` (int32, last axis = tuple) replaced
 * by `updates` (shape indices.shape[:-1] + tensor.shape[depth:], same dtype as tensor). A repeated index
 * takes the last update (tfjs's cpu kernel; TensorFlow leaves the order unspecified).
 * @example tf.tensorScatterUpdate(tf.ones([5]), [[0], [4], [2]], [100, 101, 102])  // [100, 1, 102, 1, 101]
 */
export const tensorScatterUpdate = composite('tensorScatterUpdate', {
  inputs: ['tensor', index('indices'), 'updates'],
  forward: (tensor: Tensor, indices: Tensor, updates: Tensor): Tensor => {
    const op = 'tensorScatterUpdate';
    if (tensor.dtype !== updates.dtype) throw opError(op, `tensor (${tensor.dtype}) and updates (${updates.dtype}) must have the same dtype`);
    if (tensor.rank === 0) throw opError(op, 'tensor must have rank ≥ 1, got a scalar');
    const depth = checkNdIndices(op, indices, tensor.rank, 'tensor', tensor.shape);
    if (depth === 0) throw opError(op, `the last axis of indices ${fmtShape(indices.shape)} must hold at least one coordinate`);
    const want = [...indices.shape.slice(0, -1), ...tensor.shape.slice(depth)];
    if (want.length !== updates.rank || want.some((d, i) => d !== updates.shape[i])) {
      throw opError(op, `updates ${fmtShape(updates.shape)} must have shape indices.shape[:-1] + tensor.shape[${depth}:] = ${fmtShape(want)} ` +
        `(indices ${fmtShape(indices.shape)}, tensor ${fmtShape(tensor.shape)})`);
    }
    const lin = ndLinear(op, indices, tensor.shape, 'tensor of shape');
    return scatterRows(tensor, lin, updates, sizeOf(tensor.shape.slice(depth)));
  },
});

/**
 * A dense tensor of outputShape filled with defaultValue, with sparseValues at sparseIndices (a scalar or
 * [n] for 1-D outputs, [n, rank] otherwise; values a scalar or [n]). A repeated index takes the last value.
 * @example tf.sparseToDense([0, 2, 4], [100, 101, 102], [6])  // [100, 0, 101, 0, 102, 0]
 */
export const sparseToDense = composite('sparseToDense', {
  inputs: [index('sparseIndices'), { name: 'sparseValues', string: true }],
  forward: (sparseIndices: Tensor, sparseValues: Tensor, outputShape: number[], defaultValue: Tensor | number | boolean | string = 0): Tensor => {
    const op = 'sparseToDense';
    if (!Array.isArray(outputShape) || outputShape.some((d) => typeof d !== 'number' || !Number.isInteger(d) || d < 0)) {
      throw opError(op, `outputShape must be an array of non-negative integers, got ${JSON.stringify(outputShape)}`);
    }
    if (sparseIndices.rank > 2) throw opError(op, `sparseIndices must be rank 0, 1 or 2, got shape ${fmtShape(sparseIndices.shape)}`);
    const n = sparseIndices.rank === 0 ? 1 : sparseIndices.shape[0];
    const depth = sparseIndices.rank === 2 ? sparseIndices.shape[1] : 1;
    if (depth !== outputShape.length) {
      throw opError(op, `sparseIndices ${fmtShape(sparseIndices.shape)} give ${depth} coordinates, but outputShape ${fmtShape(outputShape)} has rank ${outputShape.length}`);
    }
    if (sparseValues.rank > 1 || (sparseValues.rank === 1 && sparseValues.shape[0] !== n)) {
      throw opError(op, `sparseValues ${fmtShape(sparseValues.shape)} must be a scalar or have ${n} values (one per index of sparseIndices ${fmtShape(sparseIndices.shape)})`);
    }
    if (outputShape.length === 0) throw opError(op, 'outputShape must have rank ≥ 1');
    if (sparseValues.dtype === 'string') {
      // the strings move as their element indices; the default value is the index after the last value
      let dflt: string;
      if (isTensor(defaultValue)) {
        if (defaultValue.isDisposed) throw opError(op, `argument 'defaultValue' is disposed`);
        if (defaultValue.size !== 1) throw opError(op, `defaultValue must be a scalar, got shape ${fmtShape(defaultValue.shape)}`);
        if (defaultValue.dtype !== 'string') throw opError(op, `defaultValue (${defaultValue.dtype}) must have the dtype of sparseValues (string)`);
        dflt = stringsOf(defaultValue)[0];
      } else if (typeof defaultValue === 'string') dflt = defaultValue;
      else if (defaultValue === 0) dflt = '';
      else throw opError(op, `defaultValue must be a string or a string scalar for string sparseValues, got ${String(defaultValue)}`);
      const strings = [...stringsOf(sparseValues), dflt];
      const base = fill(outputShape, sparseValues.size, 'int32');
      const lin = ndLinear(op, reshape(sparseIndices, [n, depth]), outputShape, 'outputShape');
      const ids = indicesOf(sparseValues);
      return pick(strings, scatterRows(base, lin, sparseValues.rank === 0 ? broadcastTo(ids, [n]) : ids, 1));
    }
    let base: Tensor;
    if (isTensor(defaultValue)) {
      if (defaultValue.isDisposed) throw opError(op, `argument 'defaultValue' is disposed`);
      if (defaultValue.size !== 1) throw opError(op, `defaultValue must be a scalar, got shape ${fmtShape(defaultValue.shape)}`);
      if (defaultValue.dtype !== sparseValues.dtype) throw opError(op, `defaultValue (${defaultValue.dtype}) must have the dtype of sparseValues (${sparseValues.dtype})`);
      base = broadcastTo(reshape(defaultValue, []), outputShape);
    } else if (typeof defaultValue === 'number' || typeof defaultValue === 'boolean') {
      base = fill(outputShape, defaultValue, sparseValues.dtype);
    } else {
      throw opError(op, `defaultValue must be a number or a scalar tensor, got ${typeof defaultValue === 'string' ? `'${defaultValue}'` : String(defaultValue)}`);
    }
    const lin = ndLinear(op, reshape(sparseIndices, [n, depth]), outputShape, 'outputShape');
    const vals = sparseValues.rank === 0 ? broadcastTo(sparseValues, [n]) : sparseValues;
    return scatterRows(base, lin, vals, 1);
  },
});

/**
 * The broadcast shape of two shapes given as int32 vectors (TF's BroadcastArgs).
 * @example tf.broadcastArgs([1, 6], [3, 1])  // [3, 6]
 */
export const broadcastArgs = op('broadcastArgs', {
  inputs: [index('s0'), index('s1')], grad: null,
  forward: (s0: Tensor, s1: Tensor): Tensor => {
    const op = 'broadcastArgs';
    if (s0.rank !== 1) throw opError(op, `s0 must be a vector (rank 1), got shape ${fmtShape(s0.shape)}`);
    if (s1.rank !== 1) throw opError(op, `s1 must be a vector (rank 1), got shape ${fmtShape(s1.shape)}`);
    const a = s0.size ? readI32(s0, 0, s0.size) : [], b = s1.size ? readI32(s1, 0, s1.size) : [];
    const out = broadcastShapes(op, a, b, 's0', 's1');
    return tensor(out, [out.length], 'int32');
  },
});

/**
 * x unchanged, after checking that its shape is `shape` (null or -1 entries match any size; TF's ensure_shape).
 * @example tf.ensureShape(x, [null, 3])
 */
export const ensureShape = composite('ensureShape', {
  inputs: ['x'],
  forward: (x: Tensor, shape: (number | null)[]): Tensor => {
    if (!Array.isArray(shape)) throw opError('ensureShape', `shape must be an array, got ${String(shape)}`);
    const ok = shape.length === x.rank && shape.every((d, i) => d === null || d === -1 || d === x.shape[i]);
    if (!ok) throw opError('ensureShape', `the shape of x ${fmtShape(x.shape)} is not compatible with ${JSON.stringify(shape)}`);
    return x;
  },
});
