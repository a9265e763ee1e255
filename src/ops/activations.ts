// Activations beyond the unary family: one wasm pass forward (assembly/f32-nn/activations.ts, stable at
// any |x|), derivatives written with ops (so they are differentiable again).
import { K } from '../backend/wasm.js';
import { Tensor } from '../tensor.js';
import { add, mul, sub } from './binary.js';
import { greater, less, logicalAnd } from './compare.js';
import { castRaw } from './create.js';
import { erf, exp, relu, sigmoid, softplus, square, step, tanh } from './unary.js';
import { checkDtype, convert, opError, record, type TensorLike } from './util.js';

// Op codes of f32_act (assembly/f32-nn/activations.ts, enum Act).
const ACT = { leakyRelu: 0, hardSigmoid: 1, swish: 2, gelu: 3, geluTanh: 4, mish: 5 } as const;
type ActName = keyof typeof ACT;

function act(name: ActName, op: string, xin: TensorLike, alpha: number, grad: (x: Tensor) => Tensor): Tensor {
  let x = convert(xin, 'x', op);
  checkDtype(op, 'x', x, ['float32', 'int32']);
  if (x.dtype === 'int32') x = castRaw(x, 'float32');
  const y = new Tensor(x.shape.slice(), 'float32');
  K().f32_act__wasmsimd(ACT[name], x.ptr, y.ptr, x.size, alpha);
  record(op, [x], y, (dy, [xs]) => [mul(dy, grad(xs))], [x]);
  return y;
}

const SQRT1_2 = Math.SQRT1_2, INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const GELU_C = Math.sqrt(2 / Math.PI), GELU_A = 0.044715;

/**
 * x for x > 0, alpha·x otherwise (tfjs default alpha 0.2).
 * @example tf.leakyRelu(tf.tensor1d([-1, 2]), 0.1)  // [-0.1, 2]
 */
export function leakyRelu(x: TensorLike, alpha = 0.2): Tensor {
  if (typeof alpha !== 'number' || !Number.isFinite(alpha)) throw opError('leakyRelu', `alpha must be a finite number, got ${alpha}`);
  return act('leakyRelu', 'leakyRelu', x, alpha, (x) => add(mul(step(x), 1 - alpha), alpha));
}

/**
 * x for x > 0, alpha·x otherwise, with a learnable alpha that broadcasts against x (tfjs prelu).
 * Composed of relu and arithmetic, so both gradients come from those ops.
 */
export function prelu(x: TensorLike, alpha: TensorLike): Tensor {
  const t = convert(x, 'x', 'prelu'), a = convert(alpha, 'alpha', 'prelu');
  checkDtype('prelu', 'x', t, ['float32', 'int32']);
  const r = relu(t);
  return add(r, mul(a, sub(t, r)));
}

/** Keras' hard sigmoid: clip(0.2·x + 0.5, 0, 1). */
export function hardSigmoid(x: TensorLike): Tensor {
  return act('hardSigmoid', 'hardSigmoid', x, 0, (x) => mul(castRaw(logicalAnd(greater(x, -2.5), less(x, 2.5)), 'float32'), 0.2));
}

/** x·sigmoid(x) (swish with β = 1, also called SiLU). */
export function swish(x: TensorLike): Tensor {
  return act('swish', 'swish', x, 0, (x) => {
    const s = sigmoid(x);
    return mul(s, add(mul(x, sub(1, s)), 1));
  });
}
/** x·sigmoid(x), the same as swish (TF's tf.nn.silu). */
export function silu(x: TensorLike): Tensor { return swish(x); }

/**
 * Gaussian error linear unit: x·Φ(x) (exact, approximate = false, as Keras/TF) or the tanh approximation
 * 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). Computed as 0.5·x·erfc(-x/√2) and x·σ(2u), which keep full
 * relative accuracy for negative x.
 * @example tf.gelu(tf.tensor1d([-1, 0, 1]))  // [-0.1587, 0, 0.8413]
 */
export function gelu(x: TensorLike, approximate = false): Tensor {
  if (approximate) {
    return act('geluTanh', 'gelu', x, 0, (x) => {
      const x2 = square(x);
      const s = sigmoid(mul(mul(x, add(mul(x2, GELU_A), 1)), 2 * GELU_C));
      // d/dx x·σ(2u) = σ + x·σ(1-σ)·2u', u' = c·(1 + 3a·x²)
      return add(s, mul(mul(x, mul(s, sub(1, s))), add(mul(x2, 6 * GELU_C * GELU_A), 2 * GELU_C)));
    });
  }
  return act('gelu', 'gelu', x, 0, (x) =>
    add(mul(add(erf(mul(x, SQRT1_2)), 1), 0.5), mul(x, mul(exp(mul(square(x), -0.5)), INV_SQRT_2PI))));
}

/** x·tanh(softplus(x)) (Misra 2019). */
export function mish(x: TensorLike): Tensor {
  return act('mish', 'mish', x, 0, (x) => {
    const t = tanh(softplus(x));
    return add(t, mul(mul(x, sub(1, square(t))), sigmoid(x)));
  });
}
