import { vexp } from "./vmath";

// erf and erfc for f32, ported from musl src/math/erff.c (FreeBSD's s_erff.c), same coefficients;
// ULP error ≤ 2. The polynomials are shared; erf and erfc differ only in how they combine them.
// erfc is the accurate one for the exact GELU, Φ(x) = erfc(-x/√2)/2, which has no cancellation for
// negative x (the form 0.5·(1 + erf(x/√2)) loses all digits below x ≈ -5).

// |x| < 0.84375: erf(x) = x + x·small(x²)
@inline function small(z: f32): f32 {
  const r: f32 = <f32>1.28379166e-01 + z * (<f32>-3.25042099e-01 + z * (<f32>-2.84817495e-02 + z * (<f32>-5.77027029e-03 + z * <f32>-2.37630175e-05)));
  const s: f32 = <f32>1.0 + z * (<f32>3.97917223e-01 + z * (<f32>6.50222525e-02 + z * (<f32>5.08130631e-03 + z * (<f32>1.32494737e-04 + z * <f32>-3.96022824e-06))));
  return r / s;
}

const ERX: f32 = 8.45062911e-01;

// 0.84375 ≤ |x| < 1.25: erf(|x|) = ERX + mid(|x| - 1)
@inline function mid(s: f32): f32 {
  const P: f32 = <f32>-2.36211856e-03 + s * (<f32>4.14856124e-01 + s * (<f32>-3.72207481e-01 + s * (<f32>3.18346635e-01 + s * (<f32>-1.10894695e-01 + s * (<f32>3.54783051e-02 + s * <f32>-2.16637552e-03)))));
  const Q: f32 = <f32>1.0 + s * (<f32>1.06420882e-01 + s * (<f32>5.40397942e-01 + s * (<f32>7.18286544e-02 + s * (<f32>1.26171216e-01 + s * (<f32>1.36370836e-02 + s * <f32>1.19844998e-02)))));
  return P / Q;
}

// 1.25 ≤ |x| < 28: erfc(|x|) = tail(|x|)
function tail(ax: f32): f32 {
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
  return Mathf.exp(-z * z - <f32>0.5625) * Mathf.exp((z - ax) * (z + ax) + R / S) / ax;
}

export function erff(x: f32): f32 {
  const ax = Mathf.abs(x);
  if (ax < 0.84375) {
    if (ax < 1.0e-4) return x + <f32>0.128379167 * x;
    return x + x * small(x * x);
  }
  let r: f32;
  if (ax < 1.25) r = ERX + mid(ax - <f32>1);
  else if (ax >= 4) r = 1;
  else r = <f32>1 - tail(ax);
  return x >= 0 ? r : -r;
}

export function erfcf(x: f32): f32 {
  const ax = Mathf.abs(x), neg = x < 0;
  if (x != x) return x;
  if (ax < 0.84375) {
    const y = small(x * x);
    if (neg || ax < 0.25) return <f32>1 - (x + x * y);
    return <f32>0.5 - (x - <f32>0.5 + x * y);
  }
  let e: f32;
  if (ax < 1.25) e = <f32>1 - ERX - mid(ax - <f32>1);
  else if (ax < 28) e = tail(ax);
  else e = 0;
  return neg ? <f32>2 - e : e;
}

// ---- erfc on f32x4 (the exact GELU's): erfcf's ranges, polynomials and operations, every range computed and the
// lane's own selected (branch-free); e^… by util/vmath.ts's vexp (both exponents are ≤ 0), not Mathf.exp, so
// the tail's last bits differ from erfcf's. Lane 0 of a splat is the scalar form: an element's bits never depend
// on where it is.

/** The exact GELU, 0.5·x·erfc(−x/√2) (erfc: no cancellation for negative x), as erfcf's scalar form computed it. */
@inline export function vgelu(x: v128): v128 {
  return f32x4.mul(f32x4.mul(f32x4.splat(0.5), x), verfc(f32x4.mul(x, f32x4.splat(-0.70710678118654752))));
}

// c + p·s (Horner's step, the order of erfcf's c + s·(…))
@inline function h(p: v128, s: v128, c: f32): v128 { return f32x4.add(f32x4.mul(p, s), f32x4.splat(c)); }

/** erfc(x) on four lanes (one copy of the code: verfcAll is not inlined). */
@inline export function verfc(x: v128): v128 { return verfcAll(x); }

function verfcAll(x: v128): v128 {
  const one = f32x4.splat(1), ax = f32x4.abs(x), neg = f32x4.lt(x, f32x4.splat(0));
  // Only the ranges some lane is in are computed (a lane's value is its own range's formula either way, so the
  // bits do not depend on its neighbours): GELU inputs are mostly small, where this is the small range alone.
  const sm = v128.or(f32x4.lt(ax, f32x4.splat(0.84375)), f32x4.ne(x, x)), z = f32x4.mul(x, x);
  let out = f32x4.splat(0);
  if (v128.any_true(sm)) {
    // |x| < 0.84375: 1 − (x + x·small(x²)), or 0.5 − (x − 0.5 + x·small) for 0.25 ≤ x (positive); NaN stays NaN
    const r = h(h(h(h(f32x4.splat(-2.37630175e-05), z, -5.77027029e-03), z, -2.84817495e-02), z, -3.25042099e-01), z, 1.28379166e-01);
    const q = h(h(h(h(h(f32x4.splat(-3.96022824e-06), z, 1.32494737e-04), z, 5.08130631e-03), z, 6.50222525e-02), z, 3.97917223e-01), z, 1.0);
    const xy = f32x4.mul(x, f32x4.div(r, q));
    const smallA = f32x4.sub(one, f32x4.add(x, xy));
    const smallB = f32x4.sub(f32x4.splat(0.5), f32x4.add(f32x4.sub(x, f32x4.splat(0.5)), xy));
    out = v128.bitselect(smallA, smallB, v128.or(neg, f32x4.lt(ax, f32x4.splat(0.25))));
  }
  if (i32x4.all_true(sm)) return out;
  const inMid = f32x4.lt(ax, f32x4.splat(1.25)), inTail = v128.andnot(f32x4.lt(ax, f32x4.splat(28)), inMid);
  let e = f32x4.splat(0); // |x| ≥ 28
  if (v128.any_true(v128.andnot(inMid, sm))) {
    // 0.84375 ≤ |x| < 1.25: 1 − ERX − mid(|x| − 1)
    const s1 = f32x4.sub(ax, one);
    const P = h(h(h(h(h(h(f32x4.splat(-2.16637552e-03), s1, 3.54783051e-02), s1, -1.10894695e-01), s1, 3.18346635e-01), s1, -3.72207481e-01), s1, 4.14856124e-01), s1, -2.36211856e-03);
    const Q = h(h(h(h(h(h(f32x4.splat(1.19844998e-02), s1, 1.36370836e-02), s1, 1.26171216e-01), s1, 7.18286544e-02), s1, 5.40397942e-01), s1, 1.06420882e-01), s1, 1.0);
    e = v128.bitselect(f32x4.sub(f32x4.sub(one, f32x4.splat(ERX)), f32x4.div(P, Q)), e, inMid);
  }
  if (v128.any_true(inTail)) {
    // 1.25 ≤ |x| < 28: tail(|x|), two coefficient sets split at 1/0.35
    const s = f32x4.div(one, z), lo = f32x4.lt(ax, f32x4.splat(<f32>1 / <f32>0.35));
    const Ra = h(h(h(h(h(h(h(f32x4.splat(-9.81432934e+00), s, -8.12874374e+01), s, -1.84605087e+02), s, -1.62396667e+02), s, -6.23753319e+01), s, -1.05586262e+01), s, -6.93858564e-01), s, -9.86494310e-03);
    const Sa = h(h(h(h(h(h(h(h(f32x4.splat(-6.04244141e-02), s, 6.57024947e+00), s, 1.08635007e+02), s, 4.29008140e+02), s, 6.45387271e+02), s, 4.34565874e+02), s, 1.37657754e+02), s, 1.96512716e+01), s, 1.0);
    const Rb = h(h(h(h(h(h(f32x4.splat(-4.83519191e+02), s, -1.02509521e+03), s, -6.37566467e+02), s, -1.60636383e+02), s, -1.77579546e+01), s, -7.99283257e-01), s, -9.86494310e-03);
    const Sb = h(h(h(h(h(h(h(f32x4.splat(-2.24409524e+01), s, 4.74528542e+02), s, 2.55305054e+03), s, 3.19985822e+03), s, 1.53672958e+03), s, 3.25792511e+02), s, 3.03380585e+01), s, 1.0);
    const RS = f32x4.div(v128.bitselect(Ra, Rb, lo), v128.bitselect(Sa, Sb, lo));
    const zt = v128.and(ax, i32x4.splat(0xffffe000));
    const e1 = vexp(f32x4.sub(f32x4.neg(f32x4.mul(zt, zt)), f32x4.splat(0.5625)));
    const e2 = vexp(f32x4.add(f32x4.mul(f32x4.sub(zt, ax), f32x4.add(zt, ax)), RS));
    e = v128.bitselect(f32x4.div(f32x4.mul(e1, e2), ax), e, inTail);
  }
  // 2 − e for negative x
  return v128.bitselect(out, v128.bitselect(f32x4.sub(f32x4.splat(2), e), e, neg), sm);
}
