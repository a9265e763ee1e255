// tf.sparse: sparseFillEmptyRows, sparseReshape, sparseSegmentSum, sparseSegmentMean (TensorFlow's sparse
// kernels, tfjs's names). The index bookkeeping is JS on the small int32 index tensors (as tfjs's cpu
// kernels); values and data move with gather, and segment sums are unsortedSegmentSum in wasm. The segment
// reductions are composites, so they have gradients with respect to data.
import { H } from '../backend/wasm.js';
import { fmtShape, opError, sizeOf, type TensorLike } from '../core/convert.js';
import { isTensor } from '../core/engine.js';
import { composite, op, type InputSpec } from '../core/op.js';
import { Tensor } from '../core/tensor.js';
import { div, maximum } from './binary.js';
import { concat } from './join.js';
import { ones, tensor } from './create.js';
import { gather, unsortedSegmentSum } from './gather.js';
import { cast, reshape } from './shape.js';

const index = (name: string): InputSpec => ({ name, literal: 'int32', dtypes: ['int32'] });
const ints = (t: Tensor): number[] => (t.size === 0 ? [] : Array.from(H().i32.subarray(t.ptr >>> 2, (t.ptr >>> 2) + t.size)));

const FILL = 'sparse.sparseFillEmptyRows';
const fillEmptyRows = op(FILL, {
  inputs: [index('indices'), 'values', index('denseShape')], grad: null,
  forward: (indices: Tensor, values: Tensor, denseShape: Tensor, defaultValue: TensorLike):
    { outputIndices: Tensor; outputValues: Tensor; emptyRowIndicator: Tensor; reverseIndexMap: Tensor } => {
    if (indices.rank !== 2) throw opError(FILL, `indices must be a matrix [n, rank], got shape ${fmtShape(indices.shape)}`);
    if (values.rank !== 1) throw opError(FILL, `values must be a vector, got shape ${fmtShape(values.shape)}`);
    if (denseShape.rank !== 1) throw opError(FILL, `denseShape must be a vector, got shape ${fmtShape(denseShape.shape)}`);
    const [n, rank] = indices.shape;
    if (values.shape[0] !== n) throw opError(FILL, `values ${fmtShape(values.shape)} must have one value per row of indices ${fmtShape(indices.shape)}`);
    if (denseShape.size !== rank) throw opError(FILL, `denseShape ${fmtShape(denseShape.shape)} must have one entry per column of indices ${fmtShape(indices.shape)}`);
    let dflt: Tensor;
    if (isTensor(defaultValue)) {
      if (defaultValue.isDisposed) throw opError(FILL, "argument 'defaultValue' is disposed");
      if (defaultValue.rank !== 0) throw opError(FILL, `defaultValue must be a scalar, got shape ${fmtShape(defaultValue.shape)}`);
      if (defaultValue.dtype !== values.dtype) throw opError(FILL, `defaultValue (${defaultValue.dtype}) must have the dtype of values (${values.dtype})`);
      dflt = reshape(defaultValue, [1]);
    } else if (typeof defaultValue === 'number' || typeof defaultValue === 'boolean') {
      dflt = tensor([defaultValue as number], [1], values.dtype);
    } else {
      throw opError(FILL, `defaultValue must be a number or a scalar tensor, got ${String(defaultValue)}`);
    }
    const idx = ints(indices), rows = rank === 0 ? 0 : ints(denseShape)[0];
    if (rank === 0) throw opError(FILL, `indices ${fmtShape(indices.shape)} must have at least one column`);
    if (rows === 0 && n > 0) throw opError(FILL, `denseShape has 0 rows but indices.shape[0] = ${n}`);
    const perRow = new Array<number>(rows).fill(0);
    for (let i = 0; i < n; i++) {
      const r = idx[i * rank];
      if (r < 0) throw opError(FILL, `indices(${i}, 0) is invalid: ${r} < 0`);
      if (r >= rows) throw opError(FILL, `indices(${i}, 0) is invalid: ${r} >= ${rows}`);
      perRow[r]++;
    }
    // output position of each row's first entry (an empty row takes one slot for its default)
    const start = new Array<number>(rows);
    let m = 0;
    for (let r = 0; r < rows; r++) { start[r] = m; m += Math.max(perRow[r], 1); }
    const outIdx = new Array<number>(m * rank).fill(0), src = new Array<number>(m).fill(n), reverse = new Array<number>(n);
    const next = start.slice();
    for (let i = 0; i < n; i++) {
      const p = next[idx[i * rank]]++;
      reverse[i] = p; src[p] = i;
      for (let k = 0; k < rank; k++) outIdx[p * rank + k] = idx[i * rank + k];
    }
    for (let r = 0; r < rows; r++) if (perRow[r] === 0) outIdx[start[r] * rank] = r;
    return {
      outputIndices: tensor(outIdx, [m, rank], 'int32'),
      outputValues: gather(concat([values, dflt]), tensor(src, [m], 'int32')),
      emptyRowIndicator: tensor(perRow.map((c) => c === 0), [rows], 'bool'),
      reverseIndexMap: tensor(reverse, [n], 'int32'),
    };
  },
});
/**
 * Adds an entry with defaultValue at [r, 0, …, 0] for every row r of the sparse tensor (indices [n, rank],
 * values [n], denseShape) that has none; entries come out ordered by row. emptyRowIndicator (bool, one per
 * row) says which rows were filled, reverseIndexMap (int32 [n]) where each input entry went.
 * @example tf.sparse.sparseFillEmptyRows([[0, 0], [2, 1]], [5, 6], [3, 2], -1)  // indices [[0,0],[1,0],[2,1]], values [5,-1,6]
 */
export function sparseFillEmptyRows(indices: TensorLike, values: TensorLike, denseShape: TensorLike, defaultValue: TensorLike):
  { outputIndices: Tensor; outputValues: Tensor; emptyRowIndicator: Tensor; reverseIndexMap: Tensor } {
  return fillEmptyRows(indices, values, denseShape, defaultValue);
}

const RESHAPE = 'sparse.sparseReshape';
const reshapeOp = op(RESHAPE, {
  inputs: [index('inputIndices'), index('inputShape'), index('newShape')], grad: null,
  forward: (inputIndices: Tensor, inputShape: Tensor, newShape: Tensor): { outputIndices: Tensor; outputShape: Tensor } => {
    if (inputIndices.rank !== 2) throw opError(RESHAPE, `inputIndices must be a matrix [n, rank], got shape ${fmtShape(inputIndices.shape)}`);
    if (inputShape.rank !== 1) throw opError(RESHAPE, `inputShape must be a vector, got shape ${fmtShape(inputShape.shape)}`);
    if (newShape.rank !== 1) throw opError(RESHAPE, `newShape must be a vector, got shape ${fmtShape(newShape.shape)}`);
    const [n, rank] = inputIndices.shape;
    if (inputShape.size !== rank) throw opError(RESHAPE, `inputShape ${fmtShape(inputShape.shape)} must have one entry per column of inputIndices ${fmtShape(inputIndices.shape)}`);
    const inShape = ints(inputShape), out = ints(newShape), dense = sizeOf(inShape);
    let unknown = -1, product = 1;
    out.forEach((d, i) => {
      if (d === -1) {
        if (unknown !== -1) throw opError(RESHAPE, `only one output dimension may be -1, not both ${unknown} and ${i}`);
        unknown = i;
      } else if (d < 0) {
        throw opError(RESHAPE, `size ${i} must be non-negative, not ${d}`);
      } else product *= d;
    });
    if (unknown !== -1) {
      if (product <= 0) throw opError(RESHAPE, 'reshape cannot infer the missing input size for an empty tensor unless all specified input sizes are non-zero');
      if (dense % product !== 0) {
        throw opError(RESHAPE, `Input to reshape is a SparseTensor with ${dense} dense values, but the requested shape requires a multiple of ${product}`);
      }
      out[unknown] = dense / product;
    } else if (product !== dense) {
      throw opError(RESHAPE, `Input to reshape is a tensor with ${dense} dense values, but the requested shape has ${product}`);
    }
    const idx = ints(inputIndices), r2 = out.length, res = new Array<number>(n * r2);
    const inStr = new Array<number>(rank), outStr = new Array<number>(r2);
    for (let k = rank - 1, s = 1; k >= 0; k--) { inStr[k] = s; s *= inShape[k]; }
    for (let k = r2 - 1, s = 1; k >= 0; k--) { outStr[k] = s; s *= out[k]; }
    for (let i = 0; i < n; i++) {
      let lin = 0;
      for (let k = 0; k < rank; k++) lin += idx[i * rank + k] * inStr[k];
      for (let k = 0; k < r2; k++) { res[i * r2 + k] = Math.floor(lin / outStr[k]); lin %= outStr[k]; }
    }
    return { outputIndices: tensor(res, [n, r2], 'int32'), outputShape: tensor(out, [r2], 'int32') };
  },
});
/**
 * The indices of a sparse tensor of inputShape reshaped to newShape (one entry may be -1), and the new
 * shape: {outputIndices, outputShape} (int32).
 * @example tf.sparse.sparseReshape([[0, 0], [1, 2]], [2, 3], [3, 2])  // outputIndices [[0, 0], [2, 1]]
 */
export function sparseReshape(inputIndices: TensorLike, inputShape: TensorLike, newShape: TensorLike): { outputIndices: Tensor; outputShape: Tensor } {
  return reshapeOp(inputIndices, inputShape, newShape);
}

/** Checks indices and segmentIds (TensorFlow's messages); returns the number of segments. */
function segments(op: string, data: Tensor, indices: Tensor, segmentIds: Tensor): number {
  if (data.rank < 1) throw opError(op, 'data must be at least 1-dimensional, got a scalar');
  if (indices.rank !== 1) throw opError(op, `indices must be a vector, got shape ${fmtShape(indices.shape)}`);
  if (segmentIds.rank !== 1) throw opError(op, `segmentIds must be a vector, got shape ${fmtShape(segmentIds.shape)}`);
  if (indices.size !== segmentIds.size) throw opError(op, `indices ${fmtShape(indices.shape)} and segmentIds ${fmtShape(segmentIds.shape)} must have the same size`);
  const ids = ints(segmentIds), idx = ints(indices), rows = data.shape[0];
  const n = ids.length === 0 ? 0 : ids[ids.length - 1] + 1;
  if (n < 0 || (ids.length > 0 && ids[ids.length - 1] < 0)) throw opError(op, 'segment ids must be >= 0');
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] < 0 || ids[i] >= n) throw opError(op, `Segment id ${ids[i]} out of range [0, ${n}), possibly because segmentIds input is not sorted`);
    if (i > 0 && ids[i] < ids[i - 1]) throw opError(op, 'segment ids are not increasing');
    if (idx[i] < 0 || idx[i] >= rows) throw opError(op, `indices[${i}] == ${idx[i]} out of range [0, ${rows})`);
  }
  return n;
}

/**
 * Sums of the rows data[indices[i]] that share a segment id: out[s] = Σ data[indices[i]] over segmentIds[i]
 * == s (segmentIds sorted; out has segmentIds[last] + 1 rows, empty segments 0).
 * @example tf.sparse.sparseSegmentSum([[1, 2], [3, 4], [5, 6]], [0, 2, 1], [0, 0, 1])  // [[6, 8], [3, 4]]
 */
export const sparseSegmentSum = composite('sparse.sparseSegmentSum', {
  inputs: [{ name: 'data', dtypes: ['float32', 'int32'] }, index('indices'), index('segmentIds')],
  forward: (data: Tensor, indices: Tensor, segmentIds: Tensor): Tensor => {
    const n = segments('sparse.sparseSegmentSum', data, indices, segmentIds);
    return unsortedSegmentSum(gather(data, indices), segmentIds, n);
  },
});

/**
 * Means of the rows data[indices[i]] that share a segment id (as sparseSegmentSum; empty segments 0; int32
 * data gives int32 means, truncated).
 * @example tf.sparse.sparseSegmentMean([[1, 2], [3, 4], [5, 6]], [0, 2, 1], [0, 0, 1])  // [[3, 4], [3, 4]]
 */
export const sparseSegmentMean = composite('sparse.sparseSegmentMean', {
  inputs: [{ name: 'data', dtypes: ['float32', 'int32'] }, index('indices'), index('segmentIds')],
  forward: (data: Tensor, indices: Tensor, segmentIds: Tensor): Tensor => {
    const n = segments('sparse.sparseSegmentMean', data, indices, segmentIds);
    const sums = unsortedSegmentSum(cast(gather(data, indices), 'float32'), segmentIds, n);
    const counts = maximum(unsortedSegmentSum(ones([segmentIds.size]), segmentIds, n), 1);
    const mean = div(sums, reshape(counts, [n, ...data.shape.slice(1).map(() => 1)]));
    return data.dtype === 'int32' ? cast(mean, 'int32') : mean;
  },
});
