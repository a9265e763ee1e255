// Counter-based random numbers: Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as
// 1, 2, 3", SC'11), the generator TensorFlow uses. Element i of a call is a pure function of
// (seed, i), so results do not depend on the platform, the thread count or the order of evaluation.
import { at4 } from "../util/ptr";

const M0: u64 = 0xD2511F53;
const M1: u64 = 0xCD9E8D57;
const W0: u32 = 0x9E3779B9;
const W1: u32 = 0xBB67AE85;

// The four 32-bit words of one Philox block live in these locals-by-value helpers; AssemblyScript has
// no tuples, so the block is written to a 16-byte scratch at `out`.
@inline function philox(c0: u32, c1: u32, c2: u32, c3: u32, k0: u32, k1: u32, out: usize): void {
  for (let r = 0; r < 10; r++) {
    const p0 = M0 * <u64>c0, p1 = M1 * <u64>c2;
    const n0 = <u32>(p1 >> 32) ^ c1 ^ k0;
    const n2 = <u32>(p0 >> 32) ^ c3 ^ k1;
    c1 = <u32>p1; c3 = <u32>p0; c0 = n0; c2 = n2;
    k0 += W0; k1 += W1;
  }
  store<u32>(out, c0); store<u32>(out, c1, 4); store<u32>(out, c2, 8); store<u32>(out, c3, 12);
}

// Uniform in [0, 1) with 24 random bits (every f32 in the grid k·2⁻²⁴ equally likely).
@inline function unit(u: u32): f32 { return <f32>(u >>> 8) * <f32>5.9604644775390625e-8; }
// Uniform in (0, 1]: safe for log.
@inline function unitOpen(u: u32): f32 { return <f32>((u >>> 8) + 1) * <f32>5.9604644775390625e-8; }

const TWO_PI: f32 = 6.2831853071795864;

// Box–Muller on a block: two normals from words (w0, w1).
@inline function boxMuller(u0: u32, u1: u32, second: bool): f32 {
  const rad = Mathf.sqrt(<f32>-2 * Mathf.log(unitOpen(u0)));
  const th = TWO_PI * unit(u1);
  return rad * (second ? Mathf.sin(th) : Mathf.cos(th));
}

/** y[i] = lo + (hi - lo) · U[0,1), block i>>2 of Philox(seed), word i&3. `tmp`: 16 bytes scratch. */
export function f32_random_uniform(y: usize, n: i32, seedLo: u32, seedHi: u32, lo: f32, hi: f32, tmp: usize): void {
  const scale = hi - lo;
  for (let i = 0; i < n; i += 4) {
    philox(<u32>(i >> 2), 0, 0, 0, seedLo, seedHi, tmp);
    const m = min(4, n - i);
    for (let j = 0; j < m; j++) store<f32>(at4(y, i + j), lo + scale * unit(load<u32>(at4(tmp, j))));
  }
}

/** Integers uniform in [lo, hi): y[i] = lo + floor(U · (hi - lo)), i32. */
export function i32_random_uniform(y: usize, n: i32, seedLo: u32, seedHi: u32, lo: i32, hi: i32, tmp: usize): void {
  const span = <u64><u32>(hi - lo); // the true span up to 2^32 - 1 (hi - lo may wrap as i32)
  for (let i = 0; i < n; i += 4) {
    philox(<u32>(i >> 2), 0, 0, 0, seedLo, seedHi, tmp);
    const m = min(4, n - i);
    for (let j = 0; j < m; j++) store<i32>(at4(y, i + j), lo + <i32>((<u64>load<u32>(at4(tmp, j)) * span) >> 32));
  }
}

/** y[i] = mean + std · N(0,1) by Box–Muller: element i uses block i>>1, the cos or sin half. */
export function f32_random_normal(y: usize, n: i32, seedLo: u32, seedHi: u32, mean: f32, std: f32, tmp: usize): void {
  for (let i = 0; i < n; i += 2) {
    philox(<u32>(i >> 1), 0, 0, 0, seedLo, seedHi, tmp);
    const u0 = load<u32>(tmp), u1 = load<u32>(tmp, 4);
    store<f32>(at4(y, i), mean + std * boxMuller(u0, u1, false));
    if (i + 1 < n) store<f32>(at4(y, i + 1), mean + std * boxMuller(u0, u1, true));
  }
}

/**
 * Truncated normal: N(0,1) resampled until |z| ≤ 2 (TensorFlow's definition), then mean + std·z.
 * Element i tries blocks (i, attempt) for attempt = 0, 1, …: each element is independent of the others.
 */
export function f32_truncated_normal(y: usize, n: i32, seedLo: u32, seedHi: u32, mean: f32, std: f32, tmp: usize): void {
  for (let i = 0; i < n; i++) {
    let z: f32 = 0;
    for (let attempt: u32 = 0; ; attempt++) {
      philox(<u32>i, attempt, 1, 0, seedLo, seedHi, tmp);
      z = boxMuller(load<u32>(tmp), load<u32>(tmp, 4), false);
      if (Mathf.abs(z) <= 2) break;
      z = boxMuller(load<u32>(tmp), load<u32>(tmp, 4), true);
      if (Mathf.abs(z) <= 2) break;
    }
    store<f32>(at4(y, i), mean + std * z);
  }
}

/** Dropout-style Bernoulli mask: y[i] = U < keep ? scale : 0. */
export function f32_random_bernoulli(y: usize, n: i32, seedLo: u32, seedHi: u32, keep: f32, scale: f32, tmp: usize): void {
  for (let i = 0; i < n; i += 4) {
    philox(<u32>(i >> 2), 0, 2, 0, seedLo, seedHi, tmp);
    const m = min(4, n - i);
    for (let j = 0; j < m; j++) store<f32>(at4(y, i + j), unit(load<u32>(at4(tmp, j))) < keep ? scale : 0);
  }
}

/**
 * Gamma(alpha) samples divided by the rate `beta` (TensorFlow's random_gamma), by Marsaglia and Tsang's
 * method: for alpha ≥ 1, d = alpha − 1/3, c = 1/√(9d); draw z ~ N(0,1) and u ~ U(0,1] until
 * v = (1 + cz)³ > 0 and log u < z²/2 + d − dv + d·log v, giving d·v; for alpha < 1 a Gamma(alpha + 1)
 * sample times u'^(1/alpha). Element i tries blocks (i, attempt, 3): independent of the other elements.
 */
export function f32_random_gamma(y: usize, n: i32, seedLo: u32, seedHi: u32, alpha: f32, beta: f32, tmp: usize): void {
  const boost = alpha < 1;
  const a = boost ? alpha + 1 : alpha;
  const d = a - <f32>1 / 3, c = <f32>1 / Mathf.sqrt(<f32>9 * d);
  for (let i = 0; i < n; i++) {
    let g: f32 = 0, b: f32 = 1;
    for (let attempt: u32 = 0; ; attempt++) {
      philox(<u32>i, attempt, 3, 0, seedLo, seedHi, tmp);
      if (attempt == 0 && boost) b = Mathf.pow(unitOpen(load<u32>(tmp, 12)), <f32>1 / alpha);
      const z = boxMuller(load<u32>(tmp), load<u32>(tmp, 4), false);
      const t = <f32>1 + c * z;
      if (t <= 0) continue;
      const v = t * t * t;
      const u = unitOpen(load<u32>(tmp, 8));
      if (Mathf.log(u) < <f32>0.5 * z * z + d - d * v + d * Mathf.log(v)) { g = d * v; break; }
    }
    store<f32>(at4(y, i), g * b / beta);
  }
}
