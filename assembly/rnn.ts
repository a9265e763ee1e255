// The LSTM's elementwise step, forward and backward, one pass each (src/ops/rnn.ts drives them): per
// timestep the four gates' pre-activations come from one GEMM (h₍t−1₎ · recurrentKernel, in `pre`) plus
// the input projection of that step (x_t · kernel + bias, computed for all steps at once), and this
// kernel does the rest: gate activations, the cell update, the masked carry.
//
// The sequence buffer `y` holds, per (batch row, step), 6u floats: the gates i, f, g, o (after their
// activations), then c, then h — so the backward pass needs no recomputation. Gate order i, f, c, o as
// Keras and tfjs. recAct: 0 = sigmoid, 1 = hard sigmoid (clip(0.2·x + 0.5, 0, 1)); the cell activation is
// tanh. A masked row (mask value 0) keeps the previous c and h.
import { at4 } from "./util/ptr";
import { expm1Poly } from "./util/vmath";

// exp on f32x4: x = n·ln2 + r, |r| ≤ ln2/2, eʳ by a degree-6 polynomial (relative error ≈ 2e-7 over
// the range), 2ⁿ by building the exponent bits; x is clamped to [-87, 87] so 2ⁿ stays a normal number.
function expv(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(-87)), f32x4.splat(87));
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(1.44269504088896341)));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  // eʳ = 1 + (r + r²·P(r)): util/vmath.ts's polynomial, the same operations in the same order
  const p = f32x4.add(expm1Poly(r), f32x4.splat(1));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(p, scale);
}

/** σ(x) = 1 / (1 + e⁻ˣ) (e⁻ˣ clamped: no overflow). */
function sigmoidv(x: v128): v128 {
  return f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), expv(f32x4.neg(x))));
}

/** tanh(x) = sign(x)·(1 − e^(−2|x|)) / (1 + e^(−2|x|)); for |x| < 0.0625 the odd series to x⁷ (no cancellation). */
function tanhv(x: v128): v128 {
  const a = f32x4.abs(x);
  const e = expv(f32x4.mul(a, f32x4.splat(-2)));
  const big = f32x4.div(f32x4.sub(f32x4.splat(1), e), f32x4.add(f32x4.splat(1), e));
  const x2 = f32x4.mul(a, a);
  let s = f32x4.splat(-17.0 / 315.0);
  s = f32x4.add(f32x4.mul(s, x2), f32x4.splat(2.0 / 15.0));
  s = f32x4.add(f32x4.mul(s, x2), f32x4.splat(-1.0 / 3.0));
  s = f32x4.add(f32x4.mul(f32x4.mul(s, x2), a), a);
  const t = v128.bitselect(s, big, f32x4.lt(a, f32x4.splat(0.0625)));
  return v128.or(t, v128.and(x, i32x4.splat(0x80000000))); // copy the sign
}

@inline function hardSigmoidv(x: v128): v128 {
  return f32x4.min(f32x4.max(f32x4.add(f32x4.mul(x, f32x4.splat(0.2)), f32x4.splat(0.5)), f32x4.splat(0)), f32x4.splat(1));
}

function ract(x: v128, recAct: i32): v128 { return recAct == 1 ? hardSigmoidv(x) : sigmoidv(x); }

/** The derivative of the recurrent activation from its output s. */
@inline function ractGrad(s: v128, recAct: i32): v128 {
  if (recAct == 1) {
    const inside = v128.and(f32x4.gt(s, f32x4.splat(0)), f32x4.lt(s, f32x4.splat(1)));
    return v128.and(inside, f32x4.splat(0.2));
  }
  return f32x4.mul(s, f32x4.sub(f32x4.splat(1), s));
}

// Loads and stores of 4 lanes; within the last 3 of a row, of 1 (the loops then step by 1: a tail costs
// three passes of the vector body on one lane each, and no second copy of the body).
@inline function ld(p: usize, j: i32, rem: i32): v128 { return rem >= 4 ? v128.load(at4(p, j)) : f32x4.splat(load<f32>(at4(p, j))); }
@inline function st(p: usize, j: i32, rem: i32, v: v128): void {
  if (rem >= 4) v128.store(at4(p, j), v); else store<f32>(at4(p, j), f32x4.extract_lane(v, 0));
}

/**
 * One LSTM step forward for B rows of u units. pre: [B, 4u] contiguous (h₍t−1₎ · recurrentKernel); xp,
 * hPrev, cPrev, y, mask: the rows' first element, rows `*Stride` floats apart (mask = 0: no mask). Writes
 * the gates, c and h of the step into y.
 */
export function f32_lstm_fwd_step(B: i32, u: i32, pre: usize, xp: usize, xpStride: i32, hPrev: usize, hStride: i32,
                                  cPrev: usize, cStride: i32, y: usize, yStride: i32, mask: usize, maskStride: i32,
                                  recAct: i32): void {
  for (let b = 0; b < B; b++) {
    const pr = at4(pre, b * 4 * u), xr = at4(xp, b * xpStride), hr = at4(hPrev, b * hStride), cr = at4(cPrev, b * cStride);
    const yr = at4(y, b * yStride);
    const keep = mask == 0 || load<f32>(at4(mask, b * maskStride)) != 0;
    for (let j = 0; j < u; j += u - j >= 4 ? 4 : 1) {
      const rem = u - j;
      const i = ract(f32x4.add(ld(pr, j, rem), ld(xr, j, rem)), recAct);
      const f = ract(f32x4.add(ld(pr, u + j, rem), ld(xr, u + j, rem)), recAct);
      const g = tanhv(f32x4.add(ld(pr, 2 * u + j, rem), ld(xr, 2 * u + j, rem)));
      const o = ract(f32x4.add(ld(pr, 3 * u + j, rem), ld(xr, 3 * u + j, rem)), recAct);
      const cp = ld(cr, j, rem);
      st(yr, j, rem, i); st(yr, u + j, rem, f); st(yr, 2 * u + j, rem, g); st(yr, 3 * u + j, rem, o);
      if (keep) {
        const c = f32x4.add(f32x4.mul(f, cp), f32x4.mul(i, g));
        st(yr, 4 * u + j, rem, c);
        st(yr, 5 * u + j, rem, f32x4.mul(o, tanhv(c)));
      } else {
        st(yr, 4 * u + j, rem, cp);
        st(yr, 5 * u + j, rem, ld(hr, j, rem));
      }
    }
  }
}

/**
 * One LSTM step backward. y, dy: the step's rows of the sequence buffer and of its gradient (only the c
 * and h slots of dy are read); cPrev: c₍t−1₎ rows; dh, dc: [B, u] contiguous, the gradient carried from
 * step t+1 in, the part of the carry to t−1 that does not go through the recurrent GEMM out (a masked
 * row's whole gradient, else 0 for h and dc·f for c); dpre: the gates' pre-activation gradients out
 * (0 for a masked row).
 */
export function f32_lstm_bwd_step(B: i32, u: i32, y: usize, dy: usize, yStride: i32, cPrev: usize, cStride: i32,
                                  dh: usize, dc: usize, dpre: usize, dpreStride: i32, mask: usize, maskStride: i32,
                                  recAct: i32): void {
  const one = f32x4.splat(1), zero = f32x4.splat(0);
  for (let b = 0; b < B; b++) {
    const yr = at4(y, b * yStride), dyr = at4(dy, b * yStride), cr = at4(cPrev, b * cStride);
    const dhr = at4(dh, b * u), dcr = at4(dc, b * u), dpr = at4(dpre, b * dpreStride);
    const keep = mask == 0 || load<f32>(at4(mask, b * maskStride)) != 0;
    for (let j = 0; j < u; j += u - j >= 4 ? 4 : 1) {
      const rem = u - j;
      const dhv = f32x4.add(ld(dyr, 5 * u + j, rem), ld(dhr, j, rem));
      let dcv = f32x4.add(ld(dyr, 4 * u + j, rem), ld(dcr, j, rem));
      if (!keep) {
        st(dhr, j, rem, dhv); st(dcr, j, rem, dcv);
        st(dpr, j, rem, zero); st(dpr, u + j, rem, zero); st(dpr, 2 * u + j, rem, zero); st(dpr, 3 * u + j, rem, zero);
        continue;
      }
      const i = ld(yr, j, rem), f = ld(yr, u + j, rem), g = ld(yr, 2 * u + j, rem), o = ld(yr, 3 * u + j, rem);
      const tc = tanhv(ld(yr, 4 * u + j, rem));
      dcv = f32x4.add(dcv, f32x4.mul(f32x4.mul(dhv, o), f32x4.sub(one, f32x4.mul(tc, tc))));
      st(dpr, j, rem, f32x4.mul(f32x4.mul(dcv, g), ractGrad(i, recAct)));
      st(dpr, u + j, rem, f32x4.mul(f32x4.mul(dcv, ld(cr, j, rem)), ractGrad(f, recAct)));
      st(dpr, 2 * u + j, rem, f32x4.mul(f32x4.mul(dcv, i), f32x4.sub(one, f32x4.mul(g, g))));
      st(dpr, 3 * u + j, rem, f32x4.mul(f32x4.mul(dhv, tc), ractGrad(o, recAct)));
      st(dhr, j, rem, zero);
      st(dcr, j, rem, f32x4.mul(dcv, f));
    }
  }
}

/** p[0 … n) = 0. */
export function f32_rnn_zero(p: usize, n: i32): void { memory.fill(p, 0, <usize>n << 2); }

// ---- GRU ----------------------------------------------------------------------------------------------
// The sequence buffer holds, per (batch row, step), 5u floats: z, r, hh (the candidate), aux, h. aux is
// the recurrent projection of the candidate's gate (h₍t−1₎·U_h + b_h, resetAfter) or r·h₍t−1₎ (the
// candidate's GEMM operand, reset before). Gate order z, r, h as Keras and tfjs.

@inline function keepRow(mask: usize, b: i32, maskStride: i32): bool {
  return mask == 0 || load<f32>(at4(mask, b * maskStride)) != 0;
}

/**
 * One GRU step forward with the reset gate after the recurrent projection (Keras 3's reset_after):
 * pre [B, 3u] contiguous (h₍t−1₎·U), rb the recurrent bias [3u] (0: none).
 */
export function f32_gru_fwd_after(B: i32, u: i32, pre: usize, rb: usize, xp: usize, xpStride: i32, hPrev: usize, hStride: i32,
                                  y: usize, yStride: i32, mask: usize, maskStride: i32, recAct: i32): void {
  const one = f32x4.splat(1);
  for (let b = 0; b < B; b++) {
    const pr = at4(pre, b * 3 * u), xr = at4(xp, b * xpStride), hr = at4(hPrev, b * hStride), yr = at4(y, b * yStride);
    const keep = keepRow(mask, b, maskStride);
    for (let j = 0; j < u; j += u - j >= 4 ? 4 : 1) {
      const rem = u - j;
      let iz = ld(pr, j, rem), ir = ld(pr, u + j, rem), ih = ld(pr, 2 * u + j, rem);
      if (rb != 0) { iz = f32x4.add(iz, ld(rb, j, rem)); ir = f32x4.add(ir, ld(rb, u + j, rem)); ih = f32x4.add(ih, ld(rb, 2 * u + j, rem)); }
      const z = ract(f32x4.add(ld(xr, j, rem), iz), recAct);
      const r = ract(f32x4.add(ld(xr, u + j, rem), ir), recAct);
      const hh = tanhv(f32x4.add(ld(xr, 2 * u + j, rem), f32x4.mul(r, ih)));
      const hp = ld(hr, j, rem);
      st(yr, j, rem, z); st(yr, u + j, rem, r); st(yr, 2 * u + j, rem, hh); st(yr, 3 * u + j, rem, ih);
      st(yr, 4 * u + j, rem, keep ? f32x4.add(f32x4.mul(z, hp), f32x4.mul(f32x4.sub(one, z), hh)) : hp);
    }
  }
}

/** GRU (reset before) step forward, part 1: pre [B, 2u] contiguous (h₍t−1₎·U_zr) → z, r and aux = r·h₍t−1₎. */
export function f32_gru_fwd_gates(B: i32, u: i32, pre: usize, xp: usize, xpStride: i32, hPrev: usize, hStride: i32,
                                  y: usize, yStride: i32, recAct: i32): void {
  for (let b = 0; b < B; b++) {
    const pr = at4(pre, b * 2 * u), xr = at4(xp, b * xpStride), hr = at4(hPrev, b * hStride), yr = at4(y, b * yStride);
    for (let j = 0; j < u; j += u - j >= 4 ? 4 : 1) {
      const rem = u - j;
      const z = ract(f32x4.add(ld(xr, j, rem), ld(pr, j, rem)), recAct);
      const r = ract(f32x4.add(ld(xr, u + j, rem), ld(pr, u + j, rem)), recAct);
      st(yr, j, rem, z); st(yr, u + j, rem, r); st(yr, 3 * u + j, rem, f32x4.mul(r, ld(hr, j, rem)));
    }
  }
}

/** GRU (reset before) step forward, part 2: preh [B, u] contiguous ((r·h₍t−1₎)·U_h) → hh and h. */
export function f32_gru_fwd_out(B: i32, u: i32, preh: usize, xp: usize, xpStride: i32, hPrev: usize, hStride: i32,
                                y: usize, yStride: i32, mask: usize, maskStride: i32): void {
  const one = f32x4.splat(1);
  for (let b = 0; b < B; b++) {
    const pr = at4(preh, b * u), xr = at4(xp, b * xpStride), hr = at4(hPrev, b * hStride), yr = at4(y, b * yStride);
    const keep = keepRow(mask, b, maskStride);
    for (let j = 0; j < u; j += u - j >= 4 ? 4 : 1) {
      const rem = u - j;
      const hh = tanhv(f32x4.add(ld(xr, 2 * u + j, rem), ld(pr, j, rem)));
      const z = ld(yr, j, rem), hp = ld(hr, j, rem);
      st(yr, 2 * u + j, rem, hh);
      st(yr, 4 * u + j, rem, keep ? f32x4.add(f32x4.mul(z, hp), f32x4.mul(f32x4.sub(one, z), hh)) : hp);
    }
  }
}

/**
 * GRU (reset after) step backward: dh [B, u] the carry in and (its part not through the GEMM) out; dxp the
 * input projection's gradient rows (da_z, da_r, da_h); dinner [B, 3u] contiguous the recurrent projection's
 * (da_z, da_r, da_h·r); drb (0: none) accumulates the recurrent bias's gradient.
 */
export function f32_gru_bwd_after(B: i32, u: i32, y: usize, dy: usize, yStride: i32, hPrev: usize, hStride: i32, dh: usize,
                                  dxp: usize, dxpStride: i32, dinner: usize, drb: usize, mask: usize, maskStride: i32, recAct: i32): void {
  const one = f32x4.splat(1), zero = f32x4.splat(0);
  for (let b = 0; b < B; b++) {
    const yr = at4(y, b * yStride), dyr = at4(dy, b * yStride), hr = at4(hPrev, b * hStride), dhr = at4(dh, b * u);
    const dxr = at4(dxp, b * dxpStride), dir = at4(dinner, b * 3 * u);
    const keep = keepRow(mask, b, maskStride);
    for (let j = 0; j < u; j += u - j >= 4 ? 4 : 1) {
      const rem = u - j;
      const dhv = f32x4.add(ld(dyr, 4 * u + j, rem), ld(dhr, j, rem));
      if (!keep) {
        st(dhr, j, rem, dhv);
        for (let k = 0; k < 3; k++) { st(dxr, k * u + j, rem, zero); st(dir, k * u + j, rem, zero); }
        continue;
      }
      const z = ld(yr, j, rem), r = ld(yr, u + j, rem), hh = ld(yr, 2 * u + j, rem), ih = ld(yr, 3 * u + j, rem);
      const daz = f32x4.mul(f32x4.mul(dhv, f32x4.sub(ld(hr, j, rem), hh)), ractGrad(z, recAct));
      const dah = f32x4.mul(f32x4.mul(dhv, f32x4.sub(one, z)), f32x4.sub(one, f32x4.mul(hh, hh)));
      const dar = f32x4.mul(f32x4.mul(dah, ih), ractGrad(r, recAct));
      const dih = f32x4.mul(dah, r);
      st(dxr, j, rem, daz); st(dxr, u + j, rem, dar); st(dxr, 2 * u + j, rem, dah);
      st(dir, j, rem, daz); st(dir, u + j, rem, dar); st(dir, 2 * u + j, rem, dih);
      if (drb != 0) {
        st(drb, j, rem, f32x4.add(ld(drb, j, rem), daz));
        st(drb, u + j, rem, f32x4.add(ld(drb, u + j, rem), dar));
        st(drb, 2 * u + j, rem, f32x4.add(ld(drb, 2 * u + j, rem), dih));
      }
      st(dhr, j, rem, f32x4.mul(dhv, z));
    }
  }
}

/** GRU (reset before) step backward, part 1: da_z and da_h into dxp (da_r: part 2), dh = dh·z (masked: dh). */
export function f32_gru_bwd_out(B: i32, u: i32, y: usize, dy: usize, yStride: i32, hPrev: usize, hStride: i32, dh: usize,
                                dxp: usize, dxpStride: i32, mask: usize, maskStride: i32, recAct: i32): void {
  const one = f32x4.splat(1), zero = f32x4.splat(0);
  for (let b = 0; b < B; b++) {
    const yr = at4(y, b * yStride), dyr = at4(dy, b * yStride), hr = at4(hPrev, b * hStride), dhr = at4(dh, b * u);
    const dxr = at4(dxp, b * dxpStride);
    const keep = keepRow(mask, b, maskStride);
    for (let j = 0; j < u; j += u - j >= 4 ? 4 : 1) {
      const rem = u - j;
      const dhv = f32x4.add(ld(dyr, 4 * u + j, rem), ld(dhr, j, rem));
      if (!keep) {
        st(dhr, j, rem, dhv);
        st(dxr, j, rem, zero); st(dxr, u + j, rem, zero); st(dxr, 2 * u + j, rem, zero);
        continue;
      }
      const z = ld(yr, j, rem), hh = ld(yr, 2 * u + j, rem);
      st(dxr, j, rem, f32x4.mul(f32x4.mul(dhv, f32x4.sub(ld(hr, j, rem), hh)), ractGrad(z, recAct)));
      st(dxr, 2 * u + j, rem, f32x4.mul(f32x4.mul(dhv, f32x4.sub(one, z)), f32x4.sub(one, f32x4.mul(hh, hh))));
      st(dhr, j, rem, f32x4.mul(dhv, z));
    }
  }
}

/** GRU (reset before) step backward, part 2: dq [B, u] = da_h·U_hᵀ → da_r into dxp, dh += dq·r. */
export function f32_gru_bwd_gates(B: i32, u: i32, y: usize, yStride: i32, hPrev: usize, hStride: i32, dq: usize, dh: usize,
                                  dxp: usize, dxpStride: i32, mask: usize, maskStride: i32, recAct: i32): void {
  for (let b = 0; b < B; b++) {
    if (!keepRow(mask, b, maskStride)) continue; // (da_r stays 0 from part 1)
    const yr = at4(y, b * yStride), hr = at4(hPrev, b * hStride), dqr = at4(dq, b * u), dhr = at4(dh, b * u);
    const dxr = at4(dxp, b * dxpStride);
    for (let j = 0; j < u; j += u - j >= 4 ? 4 : 1) {
      const rem = u - j;
      const r = ld(yr, u + j, rem), dqv = ld(dqr, j, rem);
      st(dxr, u + j, rem, f32x4.mul(f32x4.mul(dqv, ld(hr, j, rem)), ractGrad(r, recAct)));
      st(dhr, j, rem, f32x4.add(ld(dhr, j, rem), f32x4.mul(dqv, r)));
    }
  }
}
