// Elementwise functions of one tensor: forward in wasm (assembly/f32-unary), gradient with ops.
import { K } from '../backend/wasm.js';
import { U, type UnaryName } from '../backend/kernels.js';
import { Tensor } from '../tensor.js';
import type { GradFn } from '../engine.js';
import { add, div, freeTemps, mul, reluGrad, sub } from './binary.js';
import { greater, less, logicalAnd } from './compare.js';
import { castRaw, scalar } from './create.js';
import { checkDtype, convert, record, type TensorLike } from './util.js';

/** @internal Runs the unary kernel on a float32 view of x. */
export function unaryRaw(name: UnaryName, x: Tensor): Tensor {
  const y = new Tensor(x.shape.slice(), 'float32');
  K().f32_unary__wasmsimd(U[name], x.ptr, y.ptr, x.size);
  return y;
}

// Ops TensorFlow computes in int32 for int32 inputs (exact here while |x| < 2^24).
const INT_PRESERVING = new Set<UnaryName>(['neg', 'abs', 'square', 'sign', 'round', 'relu', 'relu6']);

function unary(name: UnaryName, xin: TensorLike, grad: ((x: Tensor, y: Tensor, dy: Tensor) => Tensor) | null,
               save: 'x' | 'y' | 'xy' = 'x'): Tensor {
  const x0 = convert(xin, 'x', name);
  try {
    return unaryOf(name, x0, grad, save);
  } finally {
    freeTemps([x0], xin); // a tensor made from JS values
  }
}

function unaryOf(name: UnaryName, x0: Tensor, grad: ((x: Tensor, y: Tensor, dy: Tensor) => Tensor) | null,
                 save: 'x' | 'y' | 'xy'): Tensor {
  checkDtype(name, 'x', x0, ['float32', 'int32']);
  if (x0.dtype === 'int32') {
    const xf = castRaw(x0, 'float32');
    const yf = unaryRaw(name, xf);
    xf.dispose();
    if (!INT_PRESERVING.has(name)) return yf;
    const yi = castRaw(yf, 'int32');
    yf.dispose();
    return yi;
  }
  const y = unaryRaw(name, x0);
  if (grad) {
    const g: GradFn = save === 'x' ? (dy, [x]) => [grad(x, y, dy)]
      : save === 'y' ? (dy, [yy]) => [grad(x0, yy, dy)]
      : (dy, [x, yy]) => [grad(x, yy, dy)];
    record(name, [x0], y, g, save === 'x' ? [x0] : save === 'y' ? [y] : [x0, y]);
  } else {
    record(name, [x0], y, () => [null]);
  }
  return y;
}

const c = (v: number) => scalar(v);
const mask = (b: Tensor) => castRaw(b, 'float32');

/** -x */
export function neg(x: TensorLike): Tensor { return unary('neg', x, (_x, _y, dy) => neg(dy)); }
/** |x| */
export function abs(x: TensorLike): Tensor { return unary('abs', x, (x, _y, dy) => mul(dy, sign(x))); }
/** x² */
export function square(x: TensorLike): Tensor { return unary('square', x, (x, _y, dy) => mul(dy, mul(x, c(2)))); }
/** √x */
export function sqrt(x: TensorLike): Tensor { return unary('sqrt', x, (_x, y, dy) => div(dy, mul(y, c(2))), 'y'); }
/** eˣ */
export function exp(x: TensorLike): Tensor { return unary('exp', x, (_x, y, dy) => mul(dy, y), 'y'); }
/** natural logarithm */
export function log(x: TensorLike): Tensor { return unary('log', x, (x, _y, dy) => div(dy, x)); }
/** 1 / (1 + e⁻ˣ), stable for large |x| */
export function sigmoid(x: TensorLike): Tensor { return unary('sigmoid', x, (_x, y, dy) => mul(dy, mul(y, sub(c(1), y))), 'y'); }
/** hyperbolic tangent */
export function tanh(x: TensorLike): Tensor { return unary('tanh', x, (_x, y, dy) => mul(dy, sub(c(1), square(y))), 'y'); }
/** max(x, 0) */
export function relu(x: TensorLike): Tensor { return unary('relu', x, (x, _y, dy) => reluGrad(dy, x)); }
/** -1, 0 or 1 (no gradient) */
export function sign(x: TensorLike): Tensor { return unary('sign', x, null); }
export function floor(x: TensorLike): Tensor { return unary('floor', x, null); }
export function ceil(x: TensorLike): Tensor { return unary('ceil', x, null); }
/** Rounds half to even, as TensorFlow. */
export function round(x: TensorLike): Tensor { return unary('round', x, null); }
/** 1 / x */
export function reciprocal(x: TensorLike): Tensor { return unary('reciprocal', x, (x, _y, dy) => neg(div(dy, square(x)))); }
/** 1 / √x */
export function rsqrt(x: TensorLike): Tensor {
  return unary('rsqrt', x, (x, y, dy) => mul(dy, mul(c(-0.5), div(y, x))), 'xy');
}
/** log(1 + x), accurate near 0 */
export function log1p(x: TensorLike): Tensor { return unary('log1p', x, (x, _y, dy) => div(dy, add(x, c(1)))); }
/** eˣ - 1, accurate near 0 */
export function expm1(x: TensorLike): Tensor { return unary('expm1', x, (_x, y, dy) => mul(dy, add(y, c(1))), 'y'); }
export function sin(x: TensorLike): Tensor { return unary('sin', x, (x, _y, dy) => mul(dy, cos(x))); }
export function cos(x: TensorLike): Tensor { return unary('cos', x, (x, _y, dy) => neg(mul(dy, sin(x)))); }
export function tan(x: TensorLike): Tensor { return unary('tan', x, (_x, y, dy) => mul(dy, add(c(1), square(y))), 'y'); }
export function atan(x: TensorLike): Tensor { return unary('atan', x, (x, _y, dy) => div(dy, add(c(1), square(x)))); }
export function asin(x: TensorLike): Tensor { return unary('asin', x, (x, _y, dy) => div(dy, sqrt(sub(c(1), square(x))))); }
export function acos(x: TensorLike): Tensor { return unary('acos', x, (x, _y, dy) => neg(div(dy, sqrt(sub(c(1), square(x)))))); }
/** @internal 1 where x > 0 else 0 (the derivative of relu). */
export function step(x: TensorLike): Tensor { return unary('step', x, null); }
/** min(max(x, 0), 6) */
export function relu6(x: TensorLike): Tensor {
  return unary('relu6', x, (x, _y, dy) => mul(dy, mask(logicalAnd(greater(x, 0), less(x, 6)))));
}
/** log(1 + eˣ), stable */
export function softplus(x: TensorLike): Tensor { return unary('softplus', x, (x, _y, dy) => mul(dy, sigmoid(x))); }
/** Gauss error function */
export function erf(x: TensorLike): Tensor {
  return unary('erf', x, (x, _y, dy) => mul(dy, mul(c(2 / Math.sqrt(Math.PI)), exp(neg(square(x))))));
}
/** x for x > 0, eˣ - 1 otherwise */
export function elu(x: TensorLike): Tensor {
  return unary('elu', x, (x, y, dy) => {
    const m = mask(greater(x, 0));
    return mul(dy, add(m, mul(sub(c(1), m), add(y, c(1)))));
  }, 'xy');
}
const SELU_SCALE = 1.0507009873554805, SELU_ALPHA = 1.6732632423543772;
/** scale · (x for x > 0, α(eˣ - 1) otherwise) */
export function selu(x: TensorLike): Tensor {
  return unary('selu', x, (x, y, dy) => {
    const m = mask(greater(x, 0));
    return mul(dy, add(mul(m, c(SELU_SCALE)), mul(sub(c(1), m), add(y, c(SELU_SCALE * SELU_ALPHA)))));
  }, 'xy');
}
/** x / (1 + |x|) */
export function softsign(x: TensorLike): Tensor { return unary('softsign', x, (x, _y, dy) => div(dy, square(add(c(1), abs(x))))); }
