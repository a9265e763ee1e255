// softmax and logSoftmax as primitives with op-written gradients (so they are differentiable again),
// computed stably by subtracting the max along the axis.
import { engine } from '../engine.js';
import { Tensor } from '../tensor.js';
import { mul, sub } from './binary.js';
import { max, sum } from './reduce.js';
import { exp, log, reciprocal as div1 } from './unary.js';
import { checkDtype, convert, opError, record, type TensorLike } from './util.js';

function axisOf(op: string, x: Tensor, dim: number): number {
  if (x.rank === 0) throw opError(op, 'logits must have rank ≥ 1, got a scalar');
  if (!Number.isInteger(dim) || dim < -x.rank || dim >= x.rank) throw opError(op, `dim ${dim} is out of range for rank ${x.rank}`);
  return dim < 0 ? dim + x.rank : dim;
}

function untaped<T>(f: () => T): T {
  engine.paused++;
  try { return f(); } finally { engine.paused--; }
}

/**
 * exp(x) / Σ exp(x) along `dim` (default: the last axis).
 * @example tf.softmax(tf.tensor1d([1, 2, 3]))  // [0.0900, 0.2447, 0.6652]
 */
export function softmax(logits: TensorLike, dim = -1): Tensor {
  const x = convert(logits, 'logits', 'softmax');
  checkDtype('softmax', 'logits', x, ['float32']);
  const ax = axisOf('softmax', x, dim);
  const y = untaped(() => {
    const e = exp(sub(x, max(x, ax, true)));
    return mul(e, div1(sum(e, ax, true)));
  });
  record('softmax', [x], y, (dy, [yy]) => [mul(yy, sub(dy, sum(mul(dy, yy), ax, true)))], [y]);
  return y;
}

/** x - log Σ exp(x) along `axis` (default: the last axis). */
export function logSoftmax(logits: TensorLike, axis = -1): Tensor {
  const x = convert(logits, 'logits', 'logSoftmax');
  checkDtype('logSoftmax', 'logits', x, ['float32']);
  const ax = axisOf('logSoftmax', x, axis);
  // (x - max) - log Σ exp(x - max): subtracting the max first keeps the result exact for large logits
  // (x - logSumExp(x) would lose the digits of log Σ to the rounding of max + log Σ).
  const y = untaped(() => {
    const shifted = sub(x, max(x, ax, true));
    return sub(shifted, log(sum(exp(shifted), ax, true)));
  });
  record('logSoftmax', [x], y, (dy, [yy]) => [sub(dy, mul(exp(yy), sum(dy, ax, true)))], [y]);
  return y;
}

