// pow: a binary kernel op whose gradient needs log, so it sits above both elementwise families.
import { add, binaryOp, mul, sub } from './binary.js';
import { greater } from './compare.js';
import { castRaw } from './create.js';
import { log } from './unary.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import type { Tensor } from '../core/tensor.js';

/** aᵇ. The gradient for b uses log(a) where a > 0, 0 elsewhere (as TensorFlow). @example tf.pow(x, 2) */
export const pow = binaryOp('pow', (dy, y, [a, b]) => {
  const da = mul(dy, mul(b, pow(a, sub(b, 1))));
  const pos = castRaw(greater(a, 0), 'float32');
  const safeLog = log(add(mul(a, pos), sub(1, pos)));
  return [da, mul(dy, mul(y, safeLog))];
}, 'both');
