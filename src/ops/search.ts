// Searching and counting: unique, searchSorted (lowerBound, upperBound), bincount, denseBincount,
// setdiff1dAsync, inTopKAsync. The decisions (which elements are new, where a value goes, which rows are
// kept) are made in JS on the values, as tfjs's cpu kernels do; the data moves with gather, and the counts
// are unsortedSegmentSum in wasm.
import { H } from '../backend/wasm.js';
import { checkSize, fmtShape, opError, sizeOf, type TensorLike } from '../core/convert.js';
import { composite, op, type InputSpec } from '../core/op.js';
import { Tensor } from '../core/tensor.js';
import { add, mul } from './binary.js';
import { greater, less, where } from './compare.js';
import { ones, range, tensor } from './create.js';
import { gather, unsortedSegmentSum } from './gather.js';
import { topk } from './scan.js';
import { cast, reshape } from './shape.js';
import { checkAxis } from './util.js';
import { stringsOf } from './string_raw.js';

const index = (name: string): InputSpec => ({ name, literal: 'int32', dtypes: ['int32'] });

/** The values of t as numbers (a view on the heap; bool as 0/1). */
function values(t: Tensor): ArrayLike<number> {
  if (t.size === 0) return [];
  const h = H(), p = t.ptr;
  return t.dtype === 'float32' ? h.f32.subarray(p >>> 2, (p >>> 2) + t.size)
    : t.dtype === 'int32' ? h.i32.subarray(p >>> 2, (p >>> 2) + t.size) : h.u8.subarray(p, p + t.size);
}

/**
 * The distinct slices of x along `axis` in order of first appearance, and for each slice of x the index of
 * its distinct value (int32). NaN equals NaN and -0 equals 0 here (tfjs). String tensors too. No gradient (as tfjs).
 * @example tf.unique([1, 1, 2, 4, 4, 4, 7, 8, 8])  // values [1, 2, 4, 7, 8], indices [0, 0, 1, 2, 2, 2, 3, 4, 4]
 */
export const unique = op('unique', {
  inputs: [{ name: 'x', string: true }], grad: null,
  forward: (x: Tensor, axis = 0): { values: Tensor; indices: Tensor } => {
    if (x.rank === 0) throw opError('unique', 'x must have rank ≥ 1, got a scalar');
    const ax = checkAxis('unique', axis, x.rank, `x ${fmtShape(x.shape)}`);
    const outer = sizeOf(x.shape.slice(0, ax)), n = x.shape[ax], inner = sizeOf(x.shape.slice(ax + 1));
    const str = x.dtype === 'string';
    const v: ArrayLike<number | string> = str ? stringsOf(x) : values(x);
    const seen = new Map<unknown, number>(), first: number[] = [], idx = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      let key: unknown;
      if (outer * inner === 1) key = v[i];
      else {
        const parts: (number | string)[] = [];
        for (let o = 0; o < outer; o++) for (let k = 0; k < inner; k++) parts.push(v[(o * n + i) * inner + k]);
        key = str ? JSON.stringify(parts) : (parts as number[]).map((e) => (Number.isNaN(e) ? 'NaN' : String(e === 0 ? 0 : e))).join(',');
      }
      let u = seen.get(key);
      if (u === undefined) { u = first.length; seen.set(key, u); first.push(i); }
      idx[i] = u;
    }
    return { values: gather(x, tensor(first, [first.length], 'int32'), ax), indices: tensor(idx, [n], 'int32') };
  },
});

function searchOp(name: string) {
  return op(name, {
    inputs: [{ name: 'sortedSequence', dtypes: ['float32', 'int32'] }, { name: 'values', dtypes: ['float32', 'int32'] }], grad: null,
    forward: (sortedSequence: Tensor, values_: Tensor, side: 'left' | 'right' = 'left'): Tensor => {
      if (side !== 'left' && side !== 'right') throw opError(name, `side must be 'left' or 'right', got ${String(side)}`);
      if (sortedSequence.rank === 0 || values_.rank === 0) {
        throw opError(name, `sortedSequence ${fmtShape(sortedSequence.shape)} and values ${fmtShape(values_.shape)} must have rank ≥ 1`);
      }
      const m = sortedSequence.shape[sortedSequence.rank - 1], n = values_.shape[values_.rank - 1];
      const rows = m === 0 ? sizeOf(sortedSequence.shape.slice(0, -1)) : sortedSequence.size / m;
      const vrows = n === 0 ? sizeOf(values_.shape.slice(0, -1)) : values_.size / n;
      if (rows !== vrows) {
        throw opError(name, `the leading axes of sortedSequence ${fmtShape(sortedSequence.shape)} and values ${fmtShape(values_.shape)} must hold the same number of rows`);
      }
      const s = values(sortedSequence), v = values(values_), out = new Array<number>(values_.size);
      const right = side === 'right';
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < n; j++) {
          const x = v[r * n + j];
          let lo = 0, hi = m;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1, e = s[r * m + mid];
            if (right ? e <= x : e < x) lo = mid + 1; else hi = mid;
          }
          out[r * n + j] = lo;
        }
      }
      return tensor(out, values_.shape.slice(), 'int32');
    },
  });
}

/**
 * For each value, the index in its row of sortedSequence (the last axis; leading axes are rows matched
 * with values') where it would be inserted to keep the row sorted: before equal entries ('left') or after
 * them ('right'). int32, the shape of values.
 * @example tf.searchSorted([0, 3, 9, 10, 10], [0, 4, 10], 'right')  // [1, 2, 5]
 */
export const searchSorted = searchOp('searchSorted');
const lowerBoundOp = searchOp('lowerBound'), upperBoundOp = searchOp('upperBound');
/** searchSorted(sortedSequence, values, 'left'). */
export const lowerBound = (sortedSequence: TensorLike, values_: TensorLike): Tensor => lowerBoundOp(sortedSequence, values_, 'left');
/** searchSorted(sortedSequence, values, 'right'). */
export const upperBound = (sortedSequence: TensorLike, values_: TensorLike): Tensor => upperBoundOp(sortedSequence, values_, 'right');

/** Counts (or sums of weights, or 0/1 with binaryOutput) of the int32 values of x in [0, size), per row of rows. */
function counts(name: string, x: Tensor, weights: Tensor, size: number, binaryOutput: boolean, rows: number): Tensor {
  checkSize(name, size, 'size');
  if (weights.size !== 0 && (weights.rank !== x.rank || weights.shape.some((d, i) => d !== x.shape[i]))) {
    throw opError(name, `weights ${fmtShape(weights.shape)} must have the shape of x ${fmtShape(x.shape)} or be empty`);
  }
  const v = values(x);
  for (let i = 0; i < v.length; i++) if (v[i] < 0) throw opError(name, `x must be non-negative, got x[${i}] = ${v[i]}`);
  const flat = reshape(x, [x.size]);
  // row r's values count in segments r·size … r·size + size − 1; values ≥ size are dropped (segment -1)
  const shifted = rows > 1 ? reshape(add(reshape(x, [rows, x.size / rows]), reshape(mul(range(0, rows, 1, 'int32'), size), [rows, 1])), [x.size]) : flat;
  const ids = where(less(flat, size), shifted, -1);
  const shape = rows > 1 || x.rank === 2 ? [rows, size] : [size];
  if (binaryOutput || weights.size === 0) {
    const c = unsortedSegmentSum(ones([x.size], 'int32'), ids, rows * size);
    return reshape(cast(binaryOutput ? greater(c, 0) : c, weights.dtype), shape);
  }
  return reshape(unsortedSegmentSum(reshape(weights, [x.size]), ids, rows * size), shape);
}

/**
 * How often each value in [0, size) occurs in x (int32, non-negative; larger values are ignored), or the
 * sum of their weights (weights: x's shape, or empty for counts). The dtype of weights (an empty array:
 * float32).
 * @example tf.bincount(tf.tensor1d([1, 1, 2], 'int32'), [], 4)  // [0, 2, 1, 0]
 */
export const bincount = composite('bincount', {
  inputs: [index('x'), { name: 'weights', dtypes: ['float32', 'int32'] }],
  forward: (x: Tensor, weights: Tensor, size: number): Tensor => {
    if (x.rank !== 1) throw opError('bincount', `x must be rank 1, got shape ${fmtShape(x.shape)}`);
    return counts('bincount', x, weights, size, false, 1);
  },
});

/**
 * bincount of a vector, or of each row of a matrix ([rows, size]); binaryOutput gives 1 where a value
 * occurs instead of its count or weight.
 * @example tf.denseBincount(tf.tensor2d([[1, 1], [2, 0]], [2, 2], 'int32'), [], 3)  // [[0, 2, 0], [1, 0, 1]]
 */
export const denseBincount = composite('denseBincount', {
  inputs: [index('x'), { name: 'weights', dtypes: ['float32', 'int32'] }],
  forward: (x: Tensor, weights: Tensor, size: number, binaryOutput = false): Tensor => {
    if (x.rank !== 1 && x.rank !== 2) throw opError('denseBincount', `x must be rank 1 or 2, got shape ${fmtShape(x.shape)}`);
    if (typeof binaryOutput !== 'boolean') throw opError('denseBincount', `binaryOutput must be a boolean, got ${String(binaryOutput)}`);
    return counts('denseBincount', x, weights, size, binaryOutput, x.rank === 2 ? x.shape[0] : 1);
  },
});

const setdiff1d = op('setdiff1dAsync', {
  inputs: ['x', 'y'], grad: null,
  forward: (x: Tensor, y: Tensor): Tensor[] => {
    const op = 'setdiff1dAsync';
    if (x.dtype !== y.dtype) throw opError(op, `x (${x.dtype}) and y (${y.dtype}) must have the same dtype`);
    if (x.rank !== 1 || y.rank !== 1) throw opError(op, `x ${fmtShape(x.shape)} and y ${fmtShape(y.shape)} must be rank 1`);
    const drop = new Set(Array.from(values(y))), xv = values(x), keep: number[] = [];
    for (let i = 0; i < xv.length; i++) if (!drop.has(xv[i])) keep.push(i);
    const idx = tensor(keep, [keep.length], 'int32');
    return [gather(x, idx), idx];
  },
});
/**
 * The values of x that are not in y, in x's order, and their indices in x (int32): [values, indices].
 * @example const [out, indices] = await tf.setdiff1dAsync([1, 2, 3, 4, 5, 6], [1, 3, 5])  // [2, 4, 6], [1, 3, 5]
 */
export async function setdiff1dAsync(x: TensorLike, y: TensorLike): Promise<[Tensor, Tensor]> {
  return setdiff1d(x, y) as [Tensor, Tensor];
}

const inTopK = op('inTopKAsync', {
  // targets may be float32 class ids (tfjs); a fractional one matches no class
  inputs: [{ name: 'predictions', dtypes: ['float32', 'int32'] }, { name: 'targets', literal: 'int32', dtypes: ['int32', 'float32'] }], grad: null,
  forward: (predictions: Tensor, targets: Tensor, k = 1): Tensor => {
    const op = 'inTopKAsync';
    if (predictions.rank < 2) throw opError(op, `predictions must have rank ≥ 2, got shape ${fmtShape(predictions.shape)}`);
    const lead = predictions.shape.slice(0, -1), n = predictions.shape[predictions.rank - 1];
    if (targets.rank !== lead.length || targets.shape.some((d, i) => d !== lead[i])) {
      throw opError(op, `targets ${fmtShape(targets.shape)} must have the shape of predictions ${fmtShape(predictions.shape)} without its last axis`);
    }
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > n) throw opError(op, `k must be an integer in [1, ${n}], got ${String(k)}`);
    const top = values(topk(predictions, k).indices), t = values(targets), out = new Array<boolean>(targets.size);
    for (let b = 0; b < targets.size; b++) {
      out[b] = false;
      for (let i = 0; i < k; i++) if (top[b * k + i] === t[b]) { out[b] = true; break; }
    }
    return tensor(out, targets.shape.slice(), 'bool');
  },
});
/**
 * Whether each target is among the k largest predictions of its row (ties: the smaller index ranks first,
 * as in topk): bool, the shape of targets.
 * @example await tf.inTopKAsync([[20, 10, 40, 30], [30, 50, -20, 10]], [2, 0], 2)  // [true, false]
 */
export async function inTopKAsync(predictions: TensorLike, targets: TensorLike, k = 1): Promise<Tensor> {
  return inTopK(predictions, targets, k);
}
