// Activations with a parameter or a composite formula, one pass each: y[i] = op(x[i], alpha).
// Gradients are written with ops in src/ops/activations.ts. Every formula is evaluated in a form that
// neither overflows nor cancels at large |x| (checked at ±100 and ±1e30 in the tests).
// The op list is mirrored in src/ops/activations.ts (ACT).
import { at4, sigmoidf } from "../util/ptr";

export const enum Act { LeakyRelu = 0, HardSigmoid, Swish, Gelu, GeluTanh, Mish }

// erfc for f32, ported from musl src/math/erff.c (FreeBSD's s_erff.c), same coefficients; ULP error ≤ 2.
// Used for the exact GELU, Φ(x) = erfc(-x/√2)/2, which has no cancellation for negative x (the form
// 0.5·(1 + erf(x/√2)) loses all digits below x ≈ -5).
function erfcf(x: f32): f32 {
  const ax = Mathf.abs(x), neg = x < 0;
  if (x != x) return x;
  if (ax < 0.84375) {
    const z = x * x;
    const r: f32 = <f32>1.28379166e-01 + z * (<f32>-3.25042099e-01 + z * (<f32>-2.84817495e-02 + z * (<f32>-5.77027029e-03 + z * <f32>-2.37630175e-05)));
    const s: f32 = <f32>1.0 + z * (<f32>3.97917223e-01 + z * (<f32>6.50222525e-02 + z * (<f32>5.08130631e-03 + z * (<f32>1.32494737e-04 + z * <f32>-3.96022824e-06))));
    const y = r / s;
    if (neg || ax < 0.25) return <f32>1 - (x + x * y);
    return <f32>0.5 - (x - <f32>0.5 + x * y);
  }
  let e: f32;
  if (ax < 1.25) {
    const s = ax - <f32>1;
    const P: f32 = <f32>-2.36211856e-03 + s * (<f32>4.14856124e-01 + s * (<f32>-3.72207481e-01 + s * (<f32>3.18346635e-01 + s * (<f32>-1.10894695e-01 + s * (<f32>3.54783051e-02 + s * <f32>-2.16637552e-03)))));
    const Q: f32 = <f32>1.0 + s * (<f32>1.06420882e-01 + s * (<f32>5.40397942e-01 + s * (<f32>7.18286544e-02 + s * (<f32>1.26171216e-01 + s * (<f32>1.36370836e-02 + s * <f32>1.19844998e-02)))));
    e = <f32>1 - <f32>8.45062911e-01 - P / Q;
  } else if (ax < 28) {
    const s = <f32>1 / (ax * ax);
    let R: f32, S: f32;
    if (ax < <f32>1 / <f32>0.35) {
      R = <f32>-9.86494310e-03 + s * (<f32>-6.93858564e-01 + s * (<f32>-1.05586262e+01 + s * (<f32>-6.23753319e+01 + s * (<f32>-1.62396667e+02 + s * (<f32>-1.84605087e+02 + s * (<f32>-8.12874374e+01 + s * <f32>-9.81432934e+00))))));
      S = <f32>1.0 + s * (<f32>1.96512716e+01 + s * (<f32>1.37657754e+02 + s * (<f32>4.34565874e+02 + s * (<f32>6.45387271e+02 + s * (<f32>4.29008140e+02 + s * (<f32>1.08635007e+02 + s * (<f32>6.57024947e+00 + s * <f32>-6.04244141e-02)))))));
    } else {
      R = <f32>-9.86494310e-03 + s * (<f32>-7.99283257e-01 + s * (<f32>-1.77579546e+01 + s * (<f32>-1.60636383e+02 + s * (<f32>-6.37566467e+02 + s * (<f32>-1.02509521e+03 + s * <f32>-4.83519191e+02)))));
      S = <f32>1.0 + s * (<f32>3.03380585e+01 + s * (<f32>3.25792511e+02 + s * (<f32>1.53672958e+03 + s * (<f32>3.19985822e+03 + s * (<f32>2.55305054e+03 + s * (<f32>4.74528542e+02 + s * <f32>-2.24409524e+01))))));
    }
    const z = reinterpret<f32>(reinterpret<u32>(ax) & 0xffffe000);
    e = Mathf.exp(-z * z - <f32>0.5625) * Mathf.exp((z - ax) * (z + ax) + R / S) / ax;
  } else {
    e = 0;
  }
  return neg ? <f32>2 - e : e;
}

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
