// The exp family on f32x4, for exp, softmax, the softmax cross-entropy and the activations (tanh, sigmoid, elu,
// selu, swish, gelu-tanh, mish): one vector implementation used for every element. Kernels call these on four lanes at a time, and on a splat of one value
// for a tail or an edge (lane 0 taken): the same operations on the same value, so an element's bits never depend
// on its position, the kernel, a thread split or the engine (plain SIMD128 only: no relaxed FMA here, so the
// relaxed-SIMD build computes the same activations too). Branch-free: every special case is a clamp or a select.
//
// Method (Cody–Waite reduction, as Cephes' expf): z = n·ln2 + r with n = nearest(z·log2 e), |r| ≤ ln2/2,
// r = z − n·LN2_HI − n·LN2_LO (LN2_HI has 16 significant bits, so n·LN2_HI and the first subtraction are exact
// for |n| < 256); eʳ − 1 = r + r²·P(r), P of degree 5 with Cephes expf's coefficients (relative error of eʳ
// ≈ 1.7e-7 on the interval); 2ⁿ built in the exponent bits.
// Accuracy over a dense sweep of float32 against float64 (bench/act-accuracy.ts, PERF19-GEMM.md):
// tanh ≤ 2 ulp, sigmoid ≤ 2 ulp (measured maxima there; the sweep's table is the reference).

const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693145751953125;
const LN2_LO: f32 = 1.428606765330187e-6;
const SIGN = 0x80000000;

// r + r²·P(r) ≈ eʳ − 1 for |r| ≤ ln2/2 (never cancels: the r term is added last).
@inline export function expm1Poly(r: v128): v128 {
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  return f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r);
}

// r of z = n·ln2 + r (n as a float, exact integer)
@inline function reduce(z: v128, n: v128): v128 {
  return f32x4.sub(f32x4.sub(z, f32x4.mul(n, f32x4.splat(LN2_HI))), f32x4.mul(n, f32x4.splat(LN2_LO)));
}

// 2ⁿ for integer lanes -126 ≤ n ≤ 127
@inline function pow2(n: v128): v128 {
  return i32x4.shl(i32x4.add(n, i32x4.splat(127)), 23);
}

/**
 * eᶻ for any z: tf.exp, softmax, the softmax cross-entropy and the activations' e^(−|x|). Above ln(FLT_MAX) the
 * result is +Inf (z is clamped to 89, where e·2¹²⁸ overflows), below −104 it is 0, subnormal results are rounded
 * once (2ⁿ applied in two halves, each a normal number, −75 ≤ halves ≤ 64); NaN stays NaN. Measured ≤ 1 ulp of
 * float64 over a dense sweep (bench/act-accuracy.ts).
 */
@inline export function vexp(z: v128): v128 {
  z = f32x4.min(f32x4.max(z, f32x4.splat(-104)), f32x4.splat(89));
  const n = f32x4.nearest(f32x4.mul(z, f32x4.splat(LOG2E)));
  const e = f32x4.add(expm1Poly(reduce(z, n)), f32x4.splat(1));
  const ni = i32x4.trunc_sat_f32x4_s(n), n1 = i32x4.shr_s(ni, 1);
  return f32x4.mul(f32x4.mul(e, pow2(n1)), pow2(i32x4.sub(ni, n1)));
}

/**
 * eᶻ − 1 for z ≤ 0, accurate near 0: 2ⁿ·(eʳ − 1) + (2ⁿ − 1), both terms exact or rounded once. Below −18
 * the result is −1 (eᶻ is then below half an ulp of 1); NaN stays NaN.
 */
@inline export function vexpm1Neg(z: v128): v128 {
  z = f32x4.max(z, f32x4.splat(-18));
  const n = f32x4.nearest(f32x4.mul(z, f32x4.splat(LOG2E)));
  const t = pow2(i32x4.trunc_sat_f32x4_s(n));
  const m = f32x4.add(f32x4.sub(t, f32x4.splat(1)), f32x4.mul(t, expm1Poly(reduce(z, n))));
  return v128.or(m, v128.and(z, i32x4.splat(SIGN))); // m ≤ 0: only −0 changes (e^−0 − 1 = −0)
}

/** tanh(x) = sign(x)·(−m / (2 + m)), m = e^(−2|x|) − 1: no cancellation near 0, exactly ±1 beyond |x| ≈ 9. */
@inline export function vtanh(x: v128): v128 {
  const m = vexpm1Neg(f32x4.mul(f32x4.abs(x), f32x4.splat(-2)));
  const t = f32x4.div(f32x4.neg(m), f32x4.add(m, f32x4.splat(2)));
  return v128.or(f32x4.abs(t), v128.and(x, i32x4.splat(SIGN)));
}

/** σ(x) = 1 / (1 + e) for x ≥ 0, e / (1 + e) for x < 0, e = e^(−|x|): never exp of a positive number. */
@inline export function vsigmoid(x: v128): v128 {
  const e = vexp(f32x4.neg(f32x4.abs(x)));
  const num = v128.bitselect(e, f32x4.splat(1), f32x4.lt(x, f32x4.splat(0)));
  return f32x4.div(num, f32x4.add(e, f32x4.splat(1)));
}

/** eˣ − 1 for x ≤ 0, x for x ≥ 0 (±0 kept): elu and selu's negative side. NaN stays NaN. */
@inline export function vexpm1Elu(x: v128): v128 {
  return v128.bitselect(x, vexpm1Neg(f32x4.min(x, f32x4.splat(0))), f32x4.ge(x, f32x4.splat(0)));
}

/**
 * Keras 3's hard_swish / hard_silu, x·relu6(x + 3)/6, in that order of operations (so the layers' composite of
 * add, relu6, div and mul gives the same bits). Exact operations only: no approximation.
 */
@inline export function vhardSwish(x: v128): v128 {
  const r = f32x4.min(f32x4.max(f32x4.add(x, f32x4.splat(3)), f32x4.splat(0)), f32x4.splat(6));
  return f32x4.mul(x, f32x4.div(r, f32x4.splat(6)));
}

/** The function of one value through the vector form (lane 0 of a splat): what tails and edges use. */
@inline export function lane0(v: v128): f32 { return f32x4.extract_lane(v, 0); }
