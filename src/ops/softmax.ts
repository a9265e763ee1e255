// softmax and logSoftmax as primitives with op-written gradients (so they are differentiable again),
// computed stably by subtracting the max along the axis. Their forwards are compositions run untaped.
import { opError } from '../core/convert.js';
import { op, type Grads } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { K } from '../backend/wasm.js';
import { par, SPLIT_MIN_ELEMENTS } from '../backend/parallel.js';
import { mul, sub } from './binary.js';
import { max, sum } from './reduce.js';
import { exp, log, reciprocal } from './unary.js';

function axisOf(name: string, x: Tensor, dim: number): number {
  if (x.rank === 0) throw opError(name, 'logits must have rank ≥ 1, got a scalar');
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < -x.rank || dim >= x.rank) {
    throw opError(name, `dim ${String(dim)} is out of range for rank ${x.rank}`);
  }
  return dim < 0 ? dim + x.rank : dim;
}

/**
 * exp(x) / Σ exp(x) along `dim` (default: the last axis).
 * @example tf.softmax(tf.tensor1d([1, 2, 3]))  // [0.0900, 0.2447, 0.6652]
 */
export const softmax = op('softmax', {
  inputs: [{ name: 'logits', dtypes: ['float32'] }], save: 'output',
  forward: (logits: Tensor, dim = -1): Tensor => {
    const ax = axisOf('softmax', logits, dim);
    // over the last axis, unless the ops' elementwise kernels would split over threads: one kernel running the
    // same float32 operations in the same order as the ops below (f32_softmax; the same bits, without six ops)
    const n = logits.shape[ax];
    if (ax === logits.rank - 1 && n > 0 && (par.split === null || logits.size < SPLIT_MIN_ELEMENTS)) {
      const y = new Tensor(logits.shape.slice(), 'float32');
      K().f32_softmax(logits.ptr, y.ptr, logits.size / n, n);
      return y;
    }
    const e = exp(sub(logits, max(logits, ax, true)));
    return mul(e, reciprocal(sum(e, ax, true)));
  },
  grad: (dy, y, [x, dim = -1]): Grads => {
    const ax = axisOf('softmax', x, dim);
    return [mul(y, sub(dy, sum(mul(dy, y), ax, true)))];
  },
});

/** x - log Σ exp(x) along `axis` (default: the last axis). */
export const logSoftmax = op('logSoftmax', {
  inputs: [{ name: 'logits', dtypes: ['float32'] }], save: 'output',
  forward: (logits: Tensor, axis = -1): Tensor => {
    const ax = axisOf('logSoftmax', logits, axis);
    // (x - max) - log Σ exp(x - max): subtracting the max first keeps the result exact for large logits
    // (x - logSumExp(x) would lose the digits of log Σ to the rounding of max + log Σ).
    const shifted = sub(logits, max(logits, ax, true));
    return sub(shifted, log(sum(exp(shifted), ax, true)));
  },
  grad: (dy, y, [x, axis = -1]): Grads => {
    const ax = axisOf('logSoftmax', x, axis);
    return [sub(dy, mul(exp(y), sum(dy, ax, true)))];
  },
});
