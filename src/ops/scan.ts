// cumsum and topk (assembly/misc/scan.ts). cumsum's gradient is the cumsum of dy the other way round;
// topk's values are gathered at its indices, so their gradient is gather's (unsortedSegmentSum): both
// are ops, so second-order gradients work.
import { H, K } from '../backend/wasm.js';
import { fmtShape, opError, sizeOf } from '../core/convert.js';
import { composite, op, type Grads } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { div, mul } from './binary.js';
import { castRaw } from './create.js';
import { gather } from './gather.js';
import { checkAxis } from './util.js';

/**
 * Cumulative sum along `axis` (tfjs: cumsum(x, axis = 0, exclusive = false, reverse = false)).
 * exclusive: element k gets the sum of those before it; reverse: sums run from the end.
 * @example tf.cumsum(tf.tensor1d([1, 2, 3, 4]))  // [1, 3, 6, 10]
 */
export const cumsum = op('cumsum', {
  inputs: [{ name: 'x', dtypes: ['float32', 'int32', 'bool'], cast: { bool: 'int32' } }], save: 'none',
  forward: (x: Tensor, axis = 0, exclusive = false, reverse = false): Tensor => {
    if (x.rank === 0) throw opError('cumsum', 'x must have rank ≥ 1, got a scalar');
    const ax = checkAxis('cumsum', axis, x.rank, `x ${fmtShape(x.shape)}`);
    const outer = sizeOf(x.shape.slice(0, ax)), len = x.shape[ax], inner = sizeOf(x.shape.slice(ax + 1));
    const y = new Tensor(x.shape.slice(), x.dtype);
    if (y.size > 0) {
      if (x.dtype === 'float32') K().f32_cumsum__wasmsimd(x.ptr, y.ptr, outer, len, inner, !!exclusive, !!reverse);
      else K().i32_cumsum__wasmsimd(x.ptr, y.ptr, outer, len, inner, !!exclusive, !!reverse);
    }
    return y;
  },
  grad: (dy, _y, [x, axis = 0, exclusive = false, reverse = false]): Grads => [cumsum(dy, checkAxis('cumsum', axis, x.rank), exclusive, !reverse)],
});

/** The indices of the k largest entries along the last axis, largest first (ties: smaller index first). */
const topkIndices = op('topk', {
  inputs: ['x'], grad: null,
  forward: (x: Tensor, k: number): Tensor => {
    const n = x.shape[x.rank - 1];
    const rows = n === 0 ? 0 : x.size / n;
    const xf = x.dtype === 'float32' ? x : castRaw(x, 'float32');
    const outShape = [...x.shape.slice(0, -1), k];
    const vals = new Tensor(outShape, 'float32'), idx = new Tensor(outShape.slice(), 'int32');
    if (vals.size > 0) {
      const tmp = H().alloc(8 * k);
      try { K().f32_topk(xf.ptr, vals.ptr, idx.ptr, rows, n, k, tmp); } finally { H().free(tmp, 8 * k); }
    }
    return idx;
  },
});

/**
 * The k largest entries along the last axis and their indices (int32), largest first; equal values keep
 * their order (smaller index first). `sorted` is accepted for tfjs compatibility: results are always sorted.
 * @example tf.topk(tf.tensor1d([1, 5, 3, 4]), 2)  // values [5, 4], indices [1, 3]
 */
export const topk = composite('topk', {
  inputs: [{ name: 'x', dtypes: ['float32', 'int32'] }],
  forward: (x: Tensor, k = 1, sorted = true): { values: Tensor; indices: Tensor } => {
    void sorted;
    if (x.rank === 0) throw opError('topk', 'x must have rank ≥ 1, got a scalar');
    const n = x.shape[x.rank - 1];
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k > n) {
      throw opError('topk', `k must be an integer in [0, ${n}] (the last axis of x ${fmtShape(x.shape)}), got ${String(k)}`);
    }
    const indices = topkIndices(x, k);
    return { values: gather(x, indices, x.rank - 1, x.rank - 1), indices };
  },
});

/**
 * Cumulative product along `axis` (tfjs: cumprod(x, axis = 0, exclusive = false, reverse = false)).
 * exclusive: element k gets the product of those before it (1 first); reverse: from the end. The
 * gradient is TensorFlow's, cumsum(y · dy) the other way round divided by x (inf/NaN where x is 0, as TF);
 * tfjs has none.
 * @example tf.cumprod(tf.tensor1d([1, 2, 3, 4]))  // [1, 2, 6, 24]
 */
export const cumprod = op('cumprod', {
  inputs: [{ name: 'x', dtypes: ['float32', 'int32', 'bool'], cast: { bool: 'int32' } }], save: 'both',
  forward: (x: Tensor, axis = 0, exclusive = false, reverse = false): Tensor => {
    if (x.rank === 0) throw opError('cumprod', 'x must have rank ≥ 1, got a scalar');
    const ax = checkAxis('cumprod', axis, x.rank, `x ${fmtShape(x.shape)}`);
    const outer = sizeOf(x.shape.slice(0, ax)), len = x.shape[ax], inner = sizeOf(x.shape.slice(ax + 1));
    const y = new Tensor(x.shape.slice(), x.dtype);
    if (y.size > 0) {
      if (x.dtype === 'float32') K().f32_cumprod__wasmsimd(x.ptr, y.ptr, outer, len, inner, !!exclusive, !!reverse);
      else K().i32_cumprod__wasmsimd(x.ptr, y.ptr, outer, len, inner, !!exclusive, !!reverse);
    }
    return y;
  },
  grad: (dy, y, [x, axis = 0, exclusive = false, reverse = false]): Grads =>
    [div(cumsum(mul(y, dy), checkAxis('cumprod', axis, x.rank), exclusive, !reverse), x)],
});
