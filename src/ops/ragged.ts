// Ragged tensors as TensorFlow's (nested splits, dense values): raggedRange. The bookkeeping is JS on the
// small split vectors (as tfjs's cpu kernels).
import { H } from '../backend/wasm.js';
import { fmtShape, opError } from '../core/convert.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { op } from '../core/op.js';
import { Tensor } from '../core/tensor.js';
import { tensor } from './create.js';

const INT32_MAX = 2147483647;
const NUM = ['float32', 'int32'] as const;

function nums(t: Tensor): number[] {
  if (t.size === 0) return [];
  const h = H(), o = t.ptr >>> 2;
  return Array.from(t.dtype === 'float32' ? h.f32.subarray(o, o + t.size) : h.i32.subarray(o, o + t.size));
}

/**
 * A ragged tensor of ranges: row i is range(starts[i], limits[i], deltas[i]) (each a scalar, broadcast, or
 * a vector; vectors of one length). {rtNestedSplits: int32 row splits [n + 1], rtDenseValues: the values}.
 * @example tf.raggedRange([0, 5], [3, 8], [1, 2])  // splits [0, 3, 5], values [0, 1, 2, 5, 7]
 */
export const raggedRange = op('raggedRange', {
  inputs: [{ name: 'starts', dtypes: NUM }, { name: 'limits', dtypes: NUM }, { name: 'deltas', dtypes: NUM }], promote: 'match', grad: null,
  forward: (starts: Tensor, limits: Tensor, deltas: Tensor): { rtNestedSplits: Tensor; rtDenseValues: Tensor } => {
    const op = 'raggedRange';
    const args = { starts, limits, deltas };
    let n = -1;
    for (const [name, t] of Object.entries(args)) {
      if (t.rank > 1) throw opError(op, `${name} must be a scalar or a vector, got shape ${fmtShape(t.shape)}`);
      if (t.rank === 1) {
        if (n !== -1 && t.shape[0] !== n) {
          throw opError(op, `starts ${fmtShape(starts.shape)}, limits ${fmtShape(limits.shape)} and deltas ${fmtShape(deltas.shape)} must have the same shape (or be scalars)`);
        }
        n = t.shape[0];
      }
    }
    if (n === -1) n = 1;
    const s = nums(starts), l = nums(limits), d = nums(deltas);
    const at = (v: number[], t: Tensor, i: number) => (t.rank === 0 ? v[0] : v[i]);
    const splits = [0], values: number[] = [];
    for (let i = 0; i < n; i++) {
      const start = at(s, starts, i), limit = at(l, limits, i), delta = at(d, deltas, i);
      if (delta === 0) throw opError(op, `deltas must be non-zero (row ${i})`);
      let size = 0;
      if ((delta > 0 && limit > start) || (delta < 0 && limit < start)) size = Math.ceil(Math.abs((limit - start) / delta));
      if (!(size <= INT32_MAX)) throw opError(op, `row ${i} has (limit - start) / delta = ${(limit - start) / delta}, more than ${INT32_MAX}`);
      if (values.length + size > INT32_MAX) throw opError(op, 'the ranges hold more than 2^31 - 1 values');
      for (let k = 0, v = start; k < size; k++, v += delta) values.push(v);
      splits.push(values.length);
    }
    return { rtNestedSplits: tensor(splits, [n + 1], 'int32'), rtDenseValues: tensor(values, [values.length], starts.dtype) };
  },
});
