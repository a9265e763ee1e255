// Activations beyond the unary family: one wasm pass forward (assembly/f32-nn/activations.ts, stable at
// any |x|; vector code but the exact gelu), derivatives written with ops (so they are differentiable again).
import { Act, type ActName } from '../backend/abi.js';
import { K } from '../backend/wasm.js';
import { ACT, COUNT, par, SPLIT_MIN_ELEMENTS } from '../backend/parallel.js';
import { checkNumber, type TensorLike } from '../core/convert.js';
import { composite, op, type InputSpec, type Grads } from '../core/op.js';
import { Tensor } from '../core/tensor.js';
import { add, minimum, mul, sub } from './binary.js';
import { greater, less, logicalAnd } from './compare.js';
import { castRaw } from './create.js';
import { erf, exp, relu, sigmoid, softplus, square, stepKernel, tanh } from './unary.js';

const X: InputSpec[] = [{ name: 'x', dtypes: ['float32', 'int32'], cast: { int32: 'float32' } }];

/** One wasm pass forward; the gradient is dy · d(x) (d written with ops; alpha for leakyRelu). */
function actOp(name: string, code: ActName, d: (x: Tensor, alpha: number) => Tensor) {
  return op(name, {
    inputs: X,
    forward: (x: Tensor, alpha = 0): Tensor => {
      const y = new Tensor(x.shape.slice(), 'float32'), n = x.size;
      // (leakyRelu and hardSigmoid stream; swish, geluTanh and mish are vector exp-family functions, ~4× that per
      // element; the exact gelu is scalar erfc, ~16×: the threshold's weight)
      const weight = code === 'leakyRelu' || code === 'hardSigmoid' ? 8 : code === 'gelu' ? 128 : 32;
      if (par.split === null || n < SPLIT_MIN_ELEMENTS || !par.split(ACT, n, 64, [Act[code], x.ptr, y.ptr, n, alpha], [0, 4, 4, COUNT, 0], undefined, weight)) {
        K().f32_act__wasmsimd(Act[code], x.ptr, y.ptr, n, alpha);
      }
      return y;
    },
    grad: (dy, _y, [x, alpha = 0]): Grads => [mul(dy, d(x, alpha))],
  });
}

const SQRT1_2 = Math.SQRT1_2, INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const GELU_C = Math.sqrt(2 / Math.PI), GELU_A = 0.044715;

const leaky = actOp('leakyRelu', 'leakyRelu', (x, alpha) => add(mul(stepKernel(x), 1 - alpha), alpha));
/**
 * x for x > 0, alpha·x otherwise (tfjs default alpha 0.2).
 * @example tf.leakyRelu(tf.tensor1d([-1, 2]), 0.1)  // [-0.1, 2]
 */
export const leakyRelu = composite('leakyRelu', {
  inputs: X,
  forward: (x: Tensor, alpha = 0.2): Tensor => leaky(x, checkNumber('leakyRelu', alpha, 'alpha')),
});

/**
 * x for x > 0, alpha·x otherwise, with a learnable alpha that broadcasts against x (tfjs prelu).
 * Composed as relu(x) + alpha·min(x, 0), so both gradients come from those ops (at x = 0 the gradient is
 * alpha, as tfjs's); x − relu(x) in place of min(x, 0) would be ∞ − ∞ = NaN at x = +∞.
 */
export const prelu = composite('prelu', {
  inputs: X.concat([{ name: 'alpha', dtypes: ['float32', 'int32'], cast: { int32: 'float32' } }]),
  forward: (x: Tensor, alpha: Tensor): Tensor => add(relu(x), mul(alpha, minimum(x, 0))),
});

/** Keras' hard sigmoid: clip(0.2·x + 0.5, 0, 1). */
export const hardSigmoid: (x: TensorLike) => Tensor = actOp('hardSigmoid', 'hardSigmoid', (x) => mul(castRaw(logicalAnd(greater(x, -2.5), less(x, 2.5)), 'float32'), 0.2));

/** d/dx x·σ(x) = σ·(x·(1 − σ) + 1) */
const swishGrad = (x: Tensor) => {
  const s = sigmoid(x);
  return mul(s, add(mul(x, sub(1, s)), 1));
};
/** x·sigmoid(x) (swish with β = 1, also called SiLU). */
export const swish: (x: TensorLike) => Tensor = actOp('swish', 'swish', swishGrad);
/** x·sigmoid(x), the same function as swish under TF's name (tf.nn.silu); its errors say 'silu'. */
export const silu: (x: TensorLike) => Tensor = actOp('silu', 'swish', swishGrad);

const geluExact = actOp('gelu', 'gelu', (x) =>
  add(mul(add(erf(mul(x, SQRT1_2)), 1), 0.5), mul(x, mul(exp(mul(square(x), -0.5)), INV_SQRT_2PI))));
const geluTanh = actOp('gelu', 'geluTanh', (x) => {
  const x2 = square(x);
  const s = sigmoid(mul(mul(x, add(mul(x2, GELU_A), 1)), 2 * GELU_C));
  // d/dx x·σ(2u) = σ + x·σ(1-σ)·2u', u' = c·(1 + 3a·x²)
  return add(s, mul(mul(x, mul(s, sub(1, s))), add(mul(x2, 6 * GELU_C * GELU_A), 2 * GELU_C)));
});
/**
 * Gaussian error linear unit: x·Φ(x) (exact, approximate = false, as Keras/TF) or the tanh approximation
 * 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). Computed as 0.5·x·erfc(-x/√2) and x·σ(2u), which keep full
 * relative accuracy for negative x.
 * @example tf.gelu(tf.tensor1d([-1, 0, 1]))  // [-0.1587, 0, 0.8413]
 */
export const gelu = composite('gelu', {
  inputs: X,
  forward: (x: Tensor, approximate = false): Tensor => (approximate ? geluTanh(x) : geluExact(x)),
});

/** x·tanh(softplus(x)) (Misra 2019). */
export const mish: (x: TensorLike) => Tensor = actOp('mish', 'mish', (x) => {
  const t = tanh(softplus(x));
  return add(t, mul(mul(x, sub(1, square(t))), sigmoid(x)));
});
