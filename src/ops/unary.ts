// Elementwise functions of one tensor: forward in wasm (assembly/f32-unary), gradient with ops.
import { H, K } from '../backend/wasm.js';
import { COUNT, par, SPLIT_MIN_ELEMENTS, UNARY } from '../backend/parallel.js';
import { Binary, Unary, type UnaryName } from '../backend/abi.js';
import { checkNumber } from '../core/convert.js';
import { composite, op, type GradFn } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { add, broadcastKernel, div, mul, reluGrad, sub } from './binary.js';
import { greater, less, logicalAnd } from './compare.js';
import { castRaw } from './create.js';
import { complexAbs } from './complex.js';

/** @internal Runs the unary kernel on float32 x. */
export function unaryRaw(name: UnaryName, x: Tensor): Tensor {
  const y = new Tensor(x.shape.slice(), 'float32'), n = x.size;
  // threads: on element ranges of 64 (a multiple of the kernel's 4-wide loop: each element is computed as in one
  // call); the ops without a SIMD form cost ~16× more per element than the streaming ones (the threshold's weight)
  if (par.split === null || n < SPLIT_MIN_ELEMENTS || !par.split(UNARY, n, 64, [Unary[name], x.ptr, y.ptr, n], [0, 4, 4, COUNT], undefined, VECTOR.has(name) ? 8 : VECTOR_EXP.has(name) ? 32 : 128)) {
    K().f32_unary__wasmsimd(Unary[name], x.ptr, y.ptr, n);
  }
  return y;
}

/** The ops with an f32x4 form in assembly/f32-unary that is memory-bound (the others compute more per element). */
const VECTOR = new Set<UnaryName>(['neg', 'abs', 'square', 'sqrt', 'floor', 'ceil', 'round', 'relu', 'step', 'relu6', 'hardSwish']);
/** The vector exp-family activations (assembly/util/vmath.ts): ~4× the streaming ops' cost, ~¼ of a scalar one's. */
const VECTOR_EXP = new Set<UnaryName>(['sigmoid', 'tanh', 'elu', 'selu']);

// Ops TensorFlow computes in int32 for int32 inputs, exactly (overflow wraps, as TF's int32 arithmetic:
// -(-2^31) and |-2^31| are -2^31): with the int32 binary kernel (a float32 detour would round |x| > 2^24).
// Every other op of the family computes int32 inputs in float32 and gives float32.
const INT_PRESERVING = new Set<UnaryName>(['neg', 'abs', 'square', 'sign', 'round', 'relu', 'relu6']);

function i32Scalar(v: number): Tensor {
  const t = new Tensor([], 'int32');
  H().i32[t.ptr >>> 2] = v;
  return t;
}
/** @internal An INT_PRESERVING op on int32 x, in int32. */
function intUnary(name: UnaryName, x: Tensor): Tensor {
  const bin = (code: number, a: Tensor, b: Tensor) => broadcastKernel(name, code, a, b, false);
  switch (name) {
    case 'neg': return bin(Binary.sub, i32Scalar(0), x);
    case 'abs': return bin(Binary.maximum, x, bin(Binary.sub, i32Scalar(0), x));
    case 'square': return bin(Binary.mul, x, x);
    case 'relu': return bin(Binary.maximum, x, i32Scalar(0));
    case 'relu6': return bin(Binary.minimum, bin(Binary.maximum, x, i32Scalar(0)), i32Scalar(6));
    case 'round': return x.view(x.shape.slice());
    default: return castRaw(unaryRaw(name, castRaw(x, 'float32')), 'int32'); // sign: exact in float32
  }
}

type UnaryFn = (x: Tensor) => Tensor;

/** @internal An op of the unary kernel family: float32 (int32 computed in float32, or in int32: see INT_PRESERVING). */
function unaryOp(name: UnaryName, grad: GradFn<UnaryFn> | null, save: 'inputs' | 'output' | 'both' = 'inputs', complex = false) {
  return op(name, {
    inputs: [{ name: 'x', dtypes: ['float32', 'int32'], complex }], save, grad,
    forward: (x: Tensor): Tensor => {
      if (x.dtype === 'float32') return unaryRaw(name, x);
      if (x.dtype === 'complex64') return complexAbs(x);
      return INT_PRESERVING.has(name) ? intUnary(name, x) : unaryRaw(name, castRaw(x, 'float32'));
    },
  });
}

const mask = (b: Tensor) => castRaw(b, 'float32');

/** -x */
export const neg = unaryOp('neg', (dy) => [neg(dy)]);
/** |x| (of complex64 x: the magnitude, float32) */
export const abs = unaryOp('abs', (dy, _y, [x]) => [mul(dy, sign(x))], 'inputs', true);
/** x² */
export const square = unaryOp('square', (dy, _y, [x]) => [mul(dy, mul(x, 2))]);
/** √x */
export const sqrt = unaryOp('sqrt', (dy, y) => [div(dy, mul(y, 2))], 'output');
/** eˣ */
export const exp = unaryOp('exp', (dy, y) => [mul(dy, y)], 'output');
/** natural logarithm */
export const log = unaryOp('log', (dy, _y, [x]) => [div(dy, x)]);
/** 1 / (1 + e⁻ˣ), stable for large |x| */
export const sigmoid = unaryOp('sigmoid', (dy, y) => [mul(dy, mul(y, sub(1, y)))], 'output');
/** hyperbolic tangent */
export const tanh = unaryOp('tanh', (dy, y) => [mul(dy, sub(1, square(y)))], 'output');
/** max(x, 0) */
export const relu = unaryOp('relu', (dy, _y, [x]) => [reluGrad(dy, x)]);
/** -1, 0 or 1 (no gradient) */
export const sign = unaryOp('sign', null);
/** Rounds down (no gradient). */
export const floor = unaryOp('floor', null);
/** Rounds up (no gradient). */
export const ceil = unaryOp('ceil', null);
/** Rounds half to even, as TensorFlow (no gradient). */
export const round = unaryOp('round', null);
/** 1 / x */
export const reciprocal = unaryOp('reciprocal', (dy, _y, [x]) => [neg(div(dy, square(x)))]);
/** 1 / √x */
export const rsqrt = unaryOp('rsqrt', (dy, y, [x]) => [mul(dy, mul(-0.5, div(y, x)))], 'both');
/** log(1 + x), accurate near 0 */
export const log1p = unaryOp('log1p', (dy, _y, [x]) => [div(dy, add(x, 1))]);
/** eˣ - 1, accurate near 0 */
export const expm1 = unaryOp('expm1', (dy, y) => [mul(dy, add(y, 1))], 'output');
/** sine */
export const sin = unaryOp('sin', (dy, _y, [x]) => [mul(dy, cos(x))]);
/** cosine */
export const cos = unaryOp('cos', (dy, _y, [x]) => [neg(mul(dy, sin(x)))]);
/** tangent */
export const tan = unaryOp('tan', (dy, y) => [mul(dy, add(1, square(y)))], 'output');
/** arctangent */
export const atan = unaryOp('atan', (dy, _y, [x]) => [div(dy, add(1, square(x)))]);
/** arcsine */
export const asin = unaryOp('asin', (dy, _y, [x]) => [div(dy, sqrt(sub(1, square(x))))]);
/** arccosine */
export const acos = unaryOp('acos', (dy, _y, [x]) => [neg(div(dy, sqrt(sub(1, square(x)))))]);
/** @internal 1 where x > 0 else 0 (the derivative of relu). */
export const stepKernel = unaryOp('step', null);
/** min(max(x, 0), 6) */
export const relu6 = unaryOp('relu6', (dy, _y, [x]) => [mul(dy, mask(logicalAnd(greater(x, 0), less(x, 6))))]);
/** log(1 + eˣ), stable */
export const softplus = unaryOp('softplus', (dy, _y, [x]) => [mul(dy, sigmoid(x))]);
/** Gauss error function */
export const erf = unaryOp('erf', (dy, _y, [x]) => [mul(dy, mul(2 / Math.sqrt(Math.PI), exp(neg(square(x)))))]);
/** x for x > 0, eˣ - 1 otherwise */
export const elu = unaryOp('elu', (dy, y, [x]) => {
  const m = mask(greater(x, 0));
  return [mul(dy, add(m, mul(sub(1, m), add(y, 1))))];
}, 'both');
const SELU_SCALE = 1.0507009873554805, SELU_ALPHA = 1.6732632423543772;
/** scale · (x for x > 0, α(eˣ - 1) otherwise) */
export const selu = unaryOp('selu', (dy, y, [x]) => {
  const m = mask(greater(x, 0));
  return [mul(dy, add(mul(m, SELU_SCALE), mul(sub(1, m), add(y, SELU_SCALE * SELU_ALPHA))))];
}, 'both');
/**
 * @internal Keras 3's hard_swish / hard_silu, x·relu6(x + 3)/6, in one kernel pass with the bits of that composite
 * (the layers' 'hard_swish' activation; not a tfjs op). Gradient: relu6(x + 3)/6 + x/6 on (-3, 3).
 */
export const hardSwish = unaryOp('hardSwish', (dy, _y, [x]) => {
  const inside = mask(logicalAnd(greater(x, -3), less(x, 3)));
  return [mul(dy, add(div(relu6(add(x, 3)), 6), mul(x, div(inside, 6))))];
});
/** x / (1 + |x|) */
export const softsign = unaryOp('softsign', (dy, _y, [x]) => [div(dy, square(add(1, abs(x))))]);

/**
 * 1 where x > 0, alpha elsewhere (tfjs step; NaN stays NaN). No gradient. int32 in, int32 out (unless alpha
 * is fractional).
 * @example tf.step(tf.tensor1d([-1, 0, 2]), 0.5)  // [0.5, 0.5, 1]
 */
export const step = composite('step', {
  inputs: [{ name: 'x', dtypes: ['float32', 'int32'] }],
  forward: (x: Tensor, alpha = 0): Tensor => {
    checkNumber('step', alpha, 'alpha');
    const s = stepKernel(x);
    const y = alpha === 0 ? s : add(mul(s, 1 - alpha), alpha);
    // int32 stays int32 with a whole alpha (tfjs); a fractional alpha gives float32, as `t.add(0.5)` does
    return x.dtype === 'int32' && Number.isInteger(alpha) ? castRaw(y, 'int32') : y;
  },
});

/** hyperbolic cosine */
export const cosh = unaryOp('cosh', (dy, _y, [x]) => [mul(dy, sinh(x))]);
/** hyperbolic sine */
export const sinh = unaryOp('sinh', (dy, _y, [x]) => [mul(dy, cosh(x))]);
/** inverse hyperbolic cosine (NaN below 1) */
export const acosh = unaryOp('acosh', (dy, _y, [x]) => [div(dy, sqrt(sub(mul(x, x), 1)))]);
/** inverse hyperbolic sine */
export const asinh = unaryOp('asinh', (dy, _y, [x]) => [div(dy, sqrt(add(mul(x, x), 1)))]);
/** inverse hyperbolic tangent (NaN outside [-1, 1]) */
export const atanh = unaryOp('atanh', (dy, _y, [x]) => [div(dy, sub(1, mul(x, x)))]);

/**
 * log(sigmoid(x)) = -softplus(-x), stable for large |x|; gradient dy · sigmoid(-x).
 * @example tf.logSigmoid(tf.tensor1d([0, 100]))  // [-0.693, 0]
 */
export const logSigmoid = composite('logSigmoid', {
  inputs: [{ name: 'x', dtypes: ['float32', 'int32'] }],
  forward: (x: Tensor): Tensor => neg(softplus(neg(x.dtype === 'int32' ? castRaw(x, 'float32') : x))),
});
