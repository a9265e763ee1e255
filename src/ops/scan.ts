// cumsum and topk (assembly/misc/scan.ts). cumsum's gradient is the cumsum of dy the other way round;
// topk's gradient scatters dy back to the chosen positions with unsortedSegmentSum (whose gradient is
// gather): both are ops, so second-order gradients work.
import { H, K } from '../backend/wasm.js';
import { Tensor } from '../tensor.js';
import { add } from './binary.js';
import { castRaw, range } from './create.js';
import { unsortedSegmentSum } from './gather.js';
import { reshape } from './shape.js';
import { checkDtype, convert, fmtShape, opError, record, sizeOf, type TensorLike } from './util.js';

/**
 * Cumulative sum along `axis` (tfjs: cumsum(x, axis = 0, exclusive = false, reverse = false)).
 * exclusive: element k gets the sum of those before it; reverse: sums run from the end.
 * @example tf.cumsum(tf.tensor1d([1, 2, 3, 4]))  // [1, 3, 6, 10]
 */
export function cumsum(x: TensorLike, axis = 0, exclusive = false, reverse = false): Tensor {
  const op = 'cumsum';
  let t = convert(x, 'x', op);
  checkDtype(op, 'x', t, ['float32', 'int32', 'bool']);
  if (t.dtype === 'bool') t = castRaw(t, 'int32');
  const r = t.rank;
  if (r === 0) throw opError(op, 'x must have rank ≥ 1, got a scalar');
  if (!Number.isInteger(axis) || axis < -r || axis >= r) throw opError(op, `axis ${axis} is out of range for x ${fmtShape(t.shape)}`);
  const ax = axis < 0 ? axis + r : axis;
  const outer = sizeOf(t.shape.slice(0, ax)), len = t.shape[ax], inner = sizeOf(t.shape.slice(ax + 1));
  const y = new Tensor(t.shape.slice(), t.dtype);
  if (y.size > 0) {
    if (t.dtype === 'float32') K().f32_cumsum__wasmsimd(t.ptr, y.ptr, outer, len, inner, !!exclusive, !!reverse);
    else K().i32_cumsum__wasmsimd(t.ptr, y.ptr, outer, len, inner, !!exclusive, !!reverse);
  }
  if (t.dtype === 'float32') record(op, [t], y, (dy) => [cumsum(dy, ax, exclusive, !reverse)]);
  return y;
}

/**
 * The k largest entries along the last axis and their indices (int32), largest first; equal values keep
 * their order (smaller index first). `sorted` is accepted for tfjs compatibility: results are always sorted.
 * @example tf.topk(tf.tensor1d([1, 5, 3, 4]), 2)  // values [5, 4], indices [1, 3]
 */
export function topk(x: TensorLike, k = 1, sorted = true): { values: Tensor; indices: Tensor } {
  void sorted;
  const op = 'topk';
  const t = convert(x, 'x', op);
  checkDtype(op, 'x', t, ['float32', 'int32']);
  if (t.rank === 0) throw opError(op, 'x must have rank ≥ 1, got a scalar');
  const n = t.shape[t.rank - 1];
  if (!Number.isInteger(k) || k < 0 || k > n) throw opError(op, `k must be an integer in [0, ${n}] (the last axis of x ${fmtShape(t.shape)}), got ${k}`);
  const rows = n === 0 ? 0 : t.size / n;
  const outShape = [...t.shape.slice(0, -1), k];
  const xf = t.dtype === 'float32' ? t : castRaw(t, 'float32');
  const vals = new Tensor(outShape, 'float32'), idx = new Tensor(outShape.slice(), 'int32');
  if (vals.size > 0) {
    const tmp = H().alloc(8 * k);
    try { K().f32_topk(xf.ptr, vals.ptr, idx.ptr, rows, n, k, tmp); } finally { H().free(tmp, 8 * k); }
  }
  if (xf !== t) {
    xf.dispose();
    const vi = castRaw(vals, 'int32');
    vals.dispose();
    return { values: vi, indices: idx };
  }
  const xShape = t.shape, size = t.size;
  record(op, [t], vals, (dy, [ix]) => {
    // scatter dy to row·n + index in a flat x, then back to x's shape
    const lin = add(ix, reshape(range(0, rows * n, n, 'int32'), [...xShape.slice(0, -1), 1]));
    return [reshape(unsortedSegmentSum(reshape(dy, [rows * k]), reshape(lin, [rows * k]), size), xShape)];
  }, [idx]);
  return { values: vals, indices: idx };
}

