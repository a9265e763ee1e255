// Elementwise f32 → f32 kernels: y[i] = op(x[i]). One entry point, `op` selects the function; each case
// is a separate specialised loop (the @inline + constant op is folded by Binaryen).
// Transcendentals use AssemblyScript's Mathf (ports of musl: ULP error ≤ 1 for log/sin/cos, see
// std/assembly/util/math.ts), never JS Math, so Node and browsers give identical bits. exp and the activations
// tanh, sigmoid, elu, selu (and hardSwish) have one vector implementation (util/vmath.ts) that is also their scalar form
// (lane 0 of a splat): an element's bits never depend on whether it fell in a vector or in the tail.
// The op codes (enum Unary) reach TypeScript through src/backend/abi.ts (UNARY, Unary), generated from
// this enum by scripts/gen-abi.mjs; the kernel tests walk that list. A new op is a member here and its case.
import { erff, vgelu } from "../util/erf";
import { at4, loadTail, roundEven, storeTail } from "../util/ptr";
import { lane0, vexp, vexpm1Elu, vhardSwish, vsigmoid, vtanh } from "../util/vmath";

export const enum Unary {
  Neg = 0, Abs, Square, Sqrt, Exp, Log, Sigmoid, Tanh, Relu, Sign,
  Floor, Ceil, Round, Reciprocal, Rsqrt, Log1p, Expm1, Sin, Cos, Step,
  Relu6, Softplus, Erf, Elu, Selu, Softsign, Tan, Atan, Asin, Acos,
  Cosh, Sinh, Acosh, Asinh, Atanh, HardSwish, Gelu,
}

const SELU_SCALE: f32 = 1.0507009873554805, SELU_ALPHA: f32 = 1.6732632423543772;

@inline function scalar(op: i32, x: f32): f32 {
  switch (op) {
    case Unary.Neg: return -x;
    case Unary.Abs: return Mathf.abs(x);
    case Unary.Square: return x * x;
    case Unary.Sqrt: return Mathf.sqrt(x);
    case Unary.Exp: return lane0(vexp(f32x4.splat(x)));
    case Unary.Log: return Mathf.log(x);
    case Unary.Sigmoid: return lane0(vsigmoid(f32x4.splat(x)));
    case Unary.Tanh: return lane0(vtanh(f32x4.splat(x)));
    case Unary.Relu: return x > 0 ? x : (x != x ? x : <f32>0);
    case Unary.Sign: return x > 0 ? <f32>1 : x < 0 ? <f32>-1 : x == 0 ? <f32>0 : x;
    case Unary.Floor: return Mathf.floor(x);
    case Unary.Ceil: return Mathf.ceil(x);
    case Unary.Round: return roundEven(x);
    case Unary.Reciprocal: return <f32>1 / x;
    case Unary.Rsqrt: return <f32>1 / Mathf.sqrt(x);
    case Unary.Log1p: return Mathf.log1p(x);
    case Unary.Expm1: return Mathf.expm1(x);
    case Unary.Sin: return Mathf.sin(x);
    case Unary.Cos: return Mathf.cos(x);
    case Unary.Step: return x > 0 ? <f32>1 : (x != x ? x : <f32>0); // NaN stays NaN (tfjs)
    case Unary.Relu6: return Mathf.min(Mathf.max(x, 0), 6);
    // log(1 + e^x) = max(x, 0) + log1p(e^-|x|): no overflow at large |x|.
    case Unary.Softplus: return Mathf.max(x, 0) + Mathf.log1p(Mathf.exp(-Mathf.abs(x)));
    case Unary.Erf: return erff(x);
    case Unary.Elu: return lane0(vexpm1Elu(f32x4.splat(x)));
    case Unary.Selu: return lane0(vector(Unary.Selu, f32x4.splat(x)));
    case Unary.Softsign: return x / (<f32>1 + Mathf.abs(x));
    case Unary.Tan: return Mathf.tan(x);
    case Unary.Atan: return Mathf.atan(x);
    case Unary.Asin: return Mathf.asin(x);
    case Unary.Acos: return Mathf.acos(x);
    case Unary.Cosh: return Mathf.cosh(x);
    case Unary.Sinh: return Mathf.sinh(x);
    case Unary.Acosh: return Mathf.acosh(x);
    case Unary.Asinh: return Mathf.asinh(x);
    case Unary.Atanh: return Mathf.atanh(x);
    case Unary.HardSwish: return lane0(vhardSwish(f32x4.splat(x)));
    case Unary.Gelu: return lane0(vgelu(f32x4.splat(x)));
    default: return x;
  }
}

// Which ops have a native f32x4 form; the others run `scalar` lane by lane.
@inline function vector(op: i32, x: v128): v128 {
  switch (op) {
    case Unary.Neg: return f32x4.neg(x);
    case Unary.Abs: return f32x4.abs(x);
    case Unary.Square: return f32x4.mul(x, x);
    case Unary.Sqrt: return f32x4.sqrt(x);
    case Unary.Floor: return f32x4.floor(x);
    case Unary.Ceil: return f32x4.ceil(x);
    case Unary.Round: return f32x4.nearest(x);
    // max(x, 0) propagates NaN like the scalar form
    case Unary.Relu: return f32x4.max(x, f32x4.splat(0));
    case Unary.Step: return v128.bitselect(x, v128.and(f32x4.gt(x, f32x4.splat(0)), f32x4.splat(1)), f32x4.ne(x, x));
    case Unary.Relu6: return f32x4.min(f32x4.max(x, f32x4.splat(0)), f32x4.splat(6));
    case Unary.Exp: return vexp(x);
    case Unary.Sigmoid: return vsigmoid(x);
    case Unary.Tanh: return vtanh(x);
    case Unary.Elu: return vexpm1Elu(x);
    // scale·(x > 0 ? x : alpha·(eˣ − 1))
    case Unary.Selu: {
      const e = f32x4.mul(vexpm1Elu(x), f32x4.splat(SELU_ALPHA));
      return f32x4.mul(v128.bitselect(x, e, f32x4.gt(x, f32x4.splat(0))), f32x4.splat(SELU_SCALE));
    }
    case Unary.HardSwish: return vhardSwish(x);
    // the exact GELU (f32_act's, for the epilogue's code list: the layers' 'gelu' activation, fused)
    case Unary.Gelu: return vgelu(x);
    default: return x;
  }
}

@inline function hasVector(op: i32): bool {
  return op == Unary.Neg || op == Unary.Abs || op == Unary.Square || op == Unary.Sqrt || op == Unary.Exp ||
    op == Unary.Floor || op == Unary.Ceil || op == Unary.Round || op == Unary.Relu || op == Unary.Step ||
    op == Unary.Relu6 || op == Unary.Sigmoid || op == Unary.Tanh || op == Unary.Elu || op == Unary.Selu ||
    op == Unary.HardSwish || op == Unary.Gelu;
}

// exp and the exp-family activations: one copy of their vector code per kernel, the tail through it too (a partly
// filled vector: lanes are independent, so each element gets the bits it gets anywhere).
@inline function heavy(op: i32): bool {
  return op == Unary.Exp || op == Unary.Sigmoid || op == Unary.Tanh || op == Unary.Elu || op == Unary.Selu || op == Unary.Gelu;
}

@inline function loop(op: i32, x: usize, y: usize, n: i32, simd: bool): void {
  let i = 0;
  if (simd && heavy(op)) {
    for (; i < n; i += 4) storeTail(at4(y, i), vector(op, loadTail(at4(x, i), n - i)), n - i);
    return;
  }
  if (simd && hasVector(op)) {
    for (; i + 4 <= n; i += 4) v128.store(at4(y, i), vector(op, v128.load(at4(x, i))));
  }
  for (; i < n; i++) store<f32>(at4(y, i), scalar(op, load<f32>(at4(x, i))));
}


@inline function dispatch(op: i32, x: usize, y: usize, n: i32, simd: bool): void {
  switch (op) {
    case 0: loop(0, x, y, n, simd); break; case 1: loop(1, x, y, n, simd); break;
    case 2: loop(2, x, y, n, simd); break; case 3: loop(3, x, y, n, simd); break;
    case 4: loop(4, x, y, n, simd); break; case 5: loop(5, x, y, n, simd); break;
    case 6: loop(6, x, y, n, simd); break; case 7: loop(7, x, y, n, simd); break;
    case 8: loop(8, x, y, n, simd); break; case 9: loop(9, x, y, n, simd); break;
    case 10: loop(10, x, y, n, simd); break; case 11: loop(11, x, y, n, simd); break;
    case 12: loop(12, x, y, n, simd); break; case 13: loop(13, x, y, n, simd); break;
    case 14: loop(14, x, y, n, simd); break; case 15: loop(15, x, y, n, simd); break;
    case 16: loop(16, x, y, n, simd); break; case 17: loop(17, x, y, n, simd); break;
    case 18: loop(18, x, y, n, simd); break; case 19: loop(19, x, y, n, simd); break;
    case 20: loop(20, x, y, n, simd); break; case 21: loop(21, x, y, n, simd); break;
    case 22: loop(22, x, y, n, simd); break; case 23: loop(23, x, y, n, simd); break;
    case 24: loop(24, x, y, n, simd); break; case 25: loop(25, x, y, n, simd); break;
    case 26: loop(26, x, y, n, simd); break; case 27: loop(27, x, y, n, simd); break;
    case 28: loop(28, x, y, n, simd); break; case 29: loop(29, x, y, n, simd); break;
    case 30: loop(30, x, y, n, simd); break; case 31: loop(31, x, y, n, simd); break;
    case 32: loop(32, x, y, n, simd); break; case 33: loop(33, x, y, n, simd); break;
    case 34: loop(34, x, y, n, simd); break; case 35: loop(35, x, y, n, simd); break;
    case 36: loop(36, x, y, n, simd); break;
  }
}

/** y[i] = op(x[i]) for i < n, SIMD where the op has an f32x4 form. */
export function f32_unary__wasmsimd(op: i32, x: usize, y: usize, n: i32): void {
  dispatch(op, x, y, n, true);
}

/** Scalar twin of f32_unary__wasmsimd (the reference the kernel tests compare against). */
export function f32_unary__scalar(op: i32, x: usize, y: usize, n: i32): void {
  dispatch(op, x, y, n, false);
}
