// Activations with a parameter or a composite formula, one pass each: y[i] = op(x[i], alpha).
// Gradients are written with ops in src/ops/activations.ts. Every formula is evaluated in a form that
// neither overflows nor cancels at large |x| (checked at ±100 and ±1e30 in the tests).
// The op list is mirrored in src/ops/activations.ts (ACT).
import { erfcf } from "../util/erf";
import { at4, sigmoidf } from "../util/ptr";

export const enum Act { LeakyRelu = 0, HardSigmoid, Swish, Gelu, GeluTanh, Mish }


// tanh(softplus(x)) = n / (n + 2) with n = eˣ(eˣ + 2) (x < 0), = (1 + 2e)/(1 + 2e + 2e²) with e = e⁻ˣ
// (x ≥ 0): no log, no overflow.
@inline function tanhSoftplus(x: f32): f32 {
  if (x < 0) {
    const e = Mathf.exp(x), n = e * (e + <f32>2);
    return n / (n + <f32>2);
  }
  const e = Mathf.exp(-x), t = <f32>2 * e;
  return (<f32>1 + t) / (<f32>1 + t + t * e);
}

@inline function scalar(op: i32, x: f32, alpha: f32): f32 {
  switch (op) {
    case Act.LeakyRelu: return x > 0 ? x : alpha * x;
    // Keras (2.x) and tfjs-layers: clip(0.2·x + 0.5, 0, 1)
    case Act.HardSigmoid: return Mathf.min(Mathf.max(<f32>0.2 * x + <f32>0.5, 0), 1);
    case Act.Swish: return x * sigmoidf(x);
    case Act.Gelu: return <f32>0.5 * x * erfcf(x * <f32>-0.70710678118654752);
    // 0.5·x·(1 + tanh(u)) = x·σ(2u), u = √(2/π)·(x + 0.044715·x³)
    case Act.GeluTanh: return x * sigmoidf(<f32>1.5957691216057308 * (x + <f32>0.044715 * x * x * x));
    case Act.Mish: return x * tanhSoftplus(x);
    default: return x;
  }
}

@inline function hasVector(op: i32): bool { return op == Act.LeakyRelu || op == Act.HardSigmoid; }

@inline function vector(op: i32, x: v128, alpha: f32): v128 {
  if (op == Act.LeakyRelu) return v128.bitselect(x, f32x4.mul(x, f32x4.splat(alpha)), f32x4.gt(x, f32x4.splat(0)));
  return f32x4.min(f32x4.max(f32x4.add(f32x4.mul(x, f32x4.splat(0.2)), f32x4.splat(0.5)), f32x4.splat(0)), f32x4.splat(1));
}

@inline function loop(op: i32, x: usize, y: usize, n: i32, alpha: f32, simd: bool): void {
  let i = 0;
  if (simd && hasVector(op)) for (; i + 4 <= n; i += 4) v128.store(at4(y, i), vector(op, v128.load(at4(x, i)), alpha));
  for (; i < n; i++) store<f32>(at4(y, i), scalar(op, load<f32>(at4(x, i)), alpha));
}

@inline function dispatch(op: i32, x: usize, y: usize, n: i32, alpha: f32, simd: bool): void {
  switch (op) {
    case 0: loop(0, x, y, n, alpha, simd); break;
    case 1: loop(1, x, y, n, alpha, simd); break;
    case 2: loop(2, x, y, n, alpha, simd); break;
    case 3: loop(3, x, y, n, alpha, simd); break;
    case 4: loop(4, x, y, n, alpha, simd); break;
    case 5: loop(5, x, y, n, alpha, simd); break;
  }
}

/** y[i] = act(x[i]; alpha) for i < n, SIMD where the op has an f32x4 form (leakyRelu, hardSigmoid). */
export function f32_act__wasmsimd(op: i32, x: usize, y: usize, n: i32, alpha: f32): void { dispatch(op, x, y, n, alpha, true); }
/** Scalar twin of f32_act__wasmsimd. */
export function f32_act__scalar(op: i32, x: usize, y: usize, n: i32, alpha: f32): void { dispatch(op, x, y, n, alpha, false); }
