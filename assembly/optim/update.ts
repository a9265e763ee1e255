// Fused optimizer updates: one pass per variable reads the gradient and the slots once and writes the
// variable and its slots in place (TF's ResourceApplyAdam & co., fused). The TypeScript side
// (src/optimizers) computes the per-step scalars (bias corrections, the scheduled learning rate) and
// chooses the flavour (tfjs or Keras) through them, so each kernel serves both.
//
// Every kernel starts the same way (Keras' order: clip the gradient, decay the weights, then update):
//   g ← min(max(g · gs, -clip), clip)     gs: clipNorm / global-norm scale (1 = none); clip = +Inf: none
//   x ← x - x · wd                         decoupled weight decay, wd = lr · weightDecay (0 = none)
// Both are compile-time specialisations (the `F` flags below), so the plain update pays for neither.
// The SIMD loop and the scalar tail run the same f32 operations in the same order, so a __wasmsimd
// kernel and its __scalar twin give bit-identical results (plain SIMD128: no FMA contraction).
// Optional slots are passed as pointer 0 when absent.

// Clamps and maxima use pmin/pmax (one x86 instruction each; V8 spends ~8 on a NaN-exact f32x4.min/max),
// ordered so that a NaN gradient (or moment) wins and stays NaN; the scalar twin makes the same comparisons.
//   pmax(a, b) = a < b ? b : a;   pmin(a, b) = b < a ? b : a
@inline function pmaxS(a: f32, b: f32): f32 { return a < b ? b : a; }
@inline function pminS(a: f32, b: f32): f32 { return b < a ? b : a; }

@inline function clipS(g: f32, gs: f32, clip: f32, on: bool): f32 {
  return on ? pminS(pmaxS(g * gs, -clip), clip) : g;
}
@inline function clipV(g: v128, gs: v128, nclip: v128, clip: v128, on: bool): v128 {
  return on ? f32x4.pmin(f32x4.pmax(f32x4.mul(g, gs), nclip), clip) : g;
}

// Specialisation flags, combined into one small integer per call.
const DECAY = 1, CLIP = 2, X1 = 4, X2 = 8;
@inline function flags(gs: f32, clip: f32, wd: f32): i32 {
  return (wd != 0 ? DECAY : 0) | (gs != 1 || clip != Infinity ? CLIP : 0);
}

// ---- SGD: x ← x - lr·g ------------------------------------------------------------------------------

@inline function sgd(x: usize, g: usize, n: i32, lr: f32, gs: f32, clip: f32, wd: f32, simd: bool, f: i32): void {
  const decay = (f & DECAY) != 0, cl = (f & CLIP) != 0;
  let i = 0;
  if (simd) {
    const LR = f32x4.splat(lr), GS = f32x4.splat(gs), CL = f32x4.splat(clip), NCL = f32x4.splat(-clip), WD = f32x4.splat(wd);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const gi = clipV(v128.load(g + o), GS, NCL, CL, cl);
      let xi = v128.load(x + o);
      if (decay) xi = f32x4.sub(xi, f32x4.mul(xi, WD));
      v128.store(x + o, f32x4.sub(xi, f32x4.mul(LR, gi)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const gi = clipS(load<f32>(g + o), gs, clip, cl);
    let xi = load<f32>(x + o);
    if (decay) xi = xi - xi * wd;
    store<f32>(x + o, xi - lr * gi);
  }
}

@inline function sgdDispatch(x: usize, g: usize, n: i32, lr: f32, gs: f32, clip: f32, wd: f32, simd: bool): void {
  switch (flags(gs, clip, wd)) {
    case 0: sgd(x, g, n, lr, gs, clip, wd, simd, 0); break;
    case 1: sgd(x, g, n, lr, gs, clip, wd, simd, 1); break;
    case 2: sgd(x, g, n, lr, gs, clip, wd, simd, 2); break;
    default: sgd(x, g, n, lr, gs, clip, wd, simd, 3);
  }
}

/** x ← x - lr·g (tf.train.sgd, Keras SGD without momentum; bit-equal to x.assignSub(g.mul(lr))). */
export function f32_sgd__wasmsimd(x: usize, g: usize, n: i32, lr: f32, gs: f32, clip: f32, wd: f32): void {
  sgdDispatch(x, g, n, lr, gs, clip, wd, true);
}
/** Scalar twin of f32_sgd__wasmsimd. */
export function f32_sgd__scalar(x: usize, g: usize, n: i32, lr: f32, gs: f32, clip: f32, wd: f32): void {
  sgdDispatch(x, g, n, lr, gs, clip, wd, false);
}

// ---- momentum: m ← μ·m + s·g;  x ← x + c·(nesterov ? μ·m + s·g : m) -------------------------------
// tfjs (accumulation form): s = 1, c = -lr.  Keras (velocity form): s = -lr, c = 1. Equal for a constant
// learning rate; they differ when it changes (schedules).

@inline function momentum(x: usize, g: usize, m: usize, n: i32, mu: f32, s: f32, c: f32,
                          gs: f32, clip: f32, wd: f32, simd: bool, f: i32): void {
  const decay = (f & DECAY) != 0, cl = (f & CLIP) != 0, nesterov = (f & X1) != 0;
  let i = 0;
  if (simd) {
    const MU = f32x4.splat(mu), S = f32x4.splat(s), C = f32x4.splat(c);
    const GS = f32x4.splat(gs), CL = f32x4.splat(clip), NCL = f32x4.splat(-clip), WD = f32x4.splat(wd);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const gi = clipV(v128.load(g + o), GS, NCL, CL, cl);
      const sg = f32x4.mul(S, gi);
      const mi = f32x4.add(f32x4.mul(MU, v128.load(m + o)), sg);
      v128.store(m + o, mi);
      const u = nesterov ? f32x4.add(f32x4.mul(MU, mi), sg) : mi;
      let xi = v128.load(x + o);
      if (decay) xi = f32x4.sub(xi, f32x4.mul(xi, WD));
      v128.store(x + o, f32x4.add(xi, f32x4.mul(C, u)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const gi = clipS(load<f32>(g + o), gs, clip, cl);
    const sg = s * gi;
    const mi = mu * load<f32>(m + o) + sg;
    store<f32>(m + o, mi);
    const u = nesterov ? mu * mi + sg : mi;
    let xi = load<f32>(x + o);
    if (decay) xi = xi - xi * wd;
    store<f32>(x + o, xi + c * u);
  }
}

@inline function momentumDispatch(x: usize, g: usize, m: usize, n: i32, mu: f32, s: f32, c: f32, nesterov: i32,
                                  gs: f32, clip: f32, wd: f32, simd: bool): void {
  switch (flags(gs, clip, wd) | (nesterov != 0 ? X1 : 0)) {
    case 0: momentum(x, g, m, n, mu, s, c, gs, clip, wd, simd, 0); break;
    case 1: momentum(x, g, m, n, mu, s, c, gs, clip, wd, simd, 1); break;
    case 2: momentum(x, g, m, n, mu, s, c, gs, clip, wd, simd, 2); break;
    case 3: momentum(x, g, m, n, mu, s, c, gs, clip, wd, simd, 3); break;
    case 4: momentum(x, g, m, n, mu, s, c, gs, clip, wd, simd, 4); break;
    case 5: momentum(x, g, m, n, mu, s, c, gs, clip, wd, simd, 5); break;
    case 6: momentum(x, g, m, n, mu, s, c, gs, clip, wd, simd, 6); break;
    default: momentum(x, g, m, n, mu, s, c, gs, clip, wd, simd, 7);
  }
}

/** Momentum SGD (tf.train.momentum, Keras SGD(momentum, nesterov)); see the s/c forms above. */
export function f32_momentum__wasmsimd(x: usize, g: usize, m: usize, n: i32, mu: f32, s: f32, c: f32, nesterov: i32,
                                       gs: f32, clip: f32, wd: f32): void {
  momentumDispatch(x, g, m, n, mu, s, c, nesterov, gs, clip, wd, true);
}
/** Scalar twin of f32_momentum__wasmsimd. */
export function f32_momentum__scalar(x: usize, g: usize, m: usize, n: i32, mu: f32, s: f32, c: f32, nesterov: i32,
                                     gs: f32, clip: f32, wd: f32): void {
  momentumDispatch(x, g, m, n, mu, s, c, nesterov, gs, clip, wd, false);
}

// ---- Adam: m ← β1·m + (1-β1)·g;  v ← β2·v + (1-β2)·g²;  [v̂ ← max(v̂, v)];  x ← x - α·m / (√v + ε̂) ----
// α = lr·√(1-β2ᵗ)/(1-β1ᵗ). Keras: ε̂ = ε. tfjs (ε added to √(v/(1-β2ᵗ))): ε̂ = ε·√(1-β2ᵗ).

@inline function adam(x: usize, g: usize, m: usize, v: usize, vh: usize, n: i32, b1: f32, c1: f32, b2: f32, c2: f32,
                      alpha: f32, eps: f32, gs: f32, clip: f32, wd: f32, simd: bool, f: i32): void {
  const decay = (f & DECAY) != 0, cl = (f & CLIP) != 0, ams = (f & X1) != 0;
  let i = 0;
  if (simd) {
    const B1 = f32x4.splat(b1), C1 = f32x4.splat(c1), B2 = f32x4.splat(b2), C2 = f32x4.splat(c2);
    const A = f32x4.splat(alpha), E = f32x4.splat(eps);
    const GS = f32x4.splat(gs), CL = f32x4.splat(clip), NCL = f32x4.splat(-clip), WD = f32x4.splat(wd);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const gi = clipV(v128.load(g + o), GS, NCL, CL, cl);
      const mi = f32x4.add(f32x4.mul(B1, v128.load(m + o)), f32x4.mul(C1, gi));
      let vi = f32x4.add(f32x4.mul(B2, v128.load(v + o)), f32x4.mul(C2, f32x4.mul(gi, gi)));
      v128.store(m + o, mi);
      v128.store(v + o, vi);
      if (ams) {
        vi = f32x4.pmax(vi, v128.load(vh + o));
        v128.store(vh + o, vi);
      }
      let xi = v128.load(x + o);
      if (decay) xi = f32x4.sub(xi, f32x4.mul(xi, WD));
      v128.store(x + o, f32x4.sub(xi, f32x4.div(f32x4.mul(A, mi), f32x4.add(f32x4.sqrt(vi), E))));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const gi = clipS(load<f32>(g + o), gs, clip, cl);
    const mi = b1 * load<f32>(m + o) + c1 * gi;
    let vi = b2 * load<f32>(v + o) + c2 * (gi * gi);
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    if (ams) {
      vi = pmaxS(vi, load<f32>(vh + o));
      store<f32>(vh + o, vi);
    }
    let xi = load<f32>(x + o);
    if (decay) xi = xi - xi * wd;
    store<f32>(x + o, xi - (alpha * mi) / (Mathf.sqrt(vi) + eps));
  }
}

@inline function adamDispatch(x: usize, g: usize, m: usize, v: usize, vh: usize, n: i32, b1: f32, c1: f32, b2: f32, c2: f32,
                              alpha: f32, eps: f32, gs: f32, clip: f32, wd: f32, simd: bool): void {
  switch (flags(gs, clip, wd) | (vh != 0 ? X1 : 0)) {
    case 0: adam(x, g, m, v, vh, n, b1, c1, b2, c2, alpha, eps, gs, clip, wd, simd, 0); break;
    case 1: adam(x, g, m, v, vh, n, b1, c1, b2, c2, alpha, eps, gs, clip, wd, simd, 1); break;
    case 2: adam(x, g, m, v, vh, n, b1, c1, b2, c2, alpha, eps, gs, clip, wd, simd, 2); break;
    case 3: adam(x, g, m, v, vh, n, b1, c1, b2, c2, alpha, eps, gs, clip, wd, simd, 3); break;
    case 4: adam(x, g, m, v, vh, n, b1, c1, b2, c2, alpha, eps, gs, clip, wd, simd, 4); break;
    case 5: adam(x, g, m, v, vh, n, b1, c1, b2, c2, alpha, eps, gs, clip, wd, simd, 5); break;
    case 6: adam(x, g, m, v, vh, n, b1, c1, b2, c2, alpha, eps, gs, clip, wd, simd, 6); break;
    default: adam(x, g, m, v, vh, n, b1, c1, b2, c2, alpha, eps, gs, clip, wd, simd, 7);
  }
}

/** Adam / AdamW / AMSGrad (vh ≠ 0): c1 = 1-β1, c2 = 1-β2 as rounded from float64 (TF and tfjs do the same). */
export function f32_adam__wasmsimd(x: usize, g: usize, m: usize, v: usize, vh: usize, n: i32, b1: f32, c1: f32, b2: f32,
                                   c2: f32, alpha: f32, eps: f32, gs: f32, clip: f32, wd: f32): void {
  adamDispatch(x, g, m, v, vh, n, b1, c1, b2, c2, alpha, eps, gs, clip, wd, true);
}
/** Scalar twin of f32_adam__wasmsimd. */
export function f32_adam__scalar(x: usize, g: usize, m: usize, v: usize, vh: usize, n: i32, b1: f32, c1: f32, b2: f32,
                                 c2: f32, alpha: f32, eps: f32, gs: f32, clip: f32, wd: f32): void {
  adamDispatch(x, g, m, v, vh, n, b1, c1, b2, c2, alpha, eps, gs, clip, wd, false);
}

// ---- Adamax: m ← β1·m + (1-β1)·g;  u ← max(β2·u, |g|);  x ← x - α·m / (u + ε),  α = lr/(1-β1ᵗ) ---------

@inline function adamax(x: usize, g: usize, m: usize, u: usize, n: i32, b1: f32, c1: f32, b2: f32, alpha: f32, eps: f32,
                        gs: f32, clip: f32, wd: f32, simd: bool, f: i32): void {
  const decay = (f & DECAY) != 0, cl = (f & CLIP) != 0;
  let i = 0;
  if (simd) {
    const B1 = f32x4.splat(b1), C1 = f32x4.splat(c1), B2 = f32x4.splat(b2), A = f32x4.splat(alpha), E = f32x4.splat(eps);
    const GS = f32x4.splat(gs), CL = f32x4.splat(clip), NCL = f32x4.splat(-clip), WD = f32x4.splat(wd);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const gi = clipV(v128.load(g + o), GS, NCL, CL, cl);
      const mi = f32x4.add(f32x4.mul(B1, v128.load(m + o)), f32x4.mul(C1, gi));
      const ui = f32x4.pmax(f32x4.abs(gi), f32x4.mul(B2, v128.load(u + o)));
      v128.store(m + o, mi);
      v128.store(u + o, ui);
      let xi = v128.load(x + o);
      if (decay) xi = f32x4.sub(xi, f32x4.mul(xi, WD));
      v128.store(x + o, f32x4.sub(xi, f32x4.div(f32x4.mul(A, mi), f32x4.add(ui, E))));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const gi = clipS(load<f32>(g + o), gs, clip, cl);
    const mi = b1 * load<f32>(m + o) + c1 * gi;
    const ui = pmaxS(Mathf.abs(gi), b2 * load<f32>(u + o));
    store<f32>(m + o, mi);
    store<f32>(u + o, ui);
    let xi = load<f32>(x + o);
    if (decay) xi = xi - xi * wd;
    store<f32>(x + o, xi - (alpha * mi) / (ui + eps));
  }
}

@inline function adamaxDispatch(x: usize, g: usize, m: usize, u: usize, n: i32, b1: f32, c1: f32, b2: f32, alpha: f32, eps: f32,
                                gs: f32, clip: f32, wd: f32, simd: bool): void {
  switch (flags(gs, clip, wd)) {
    case 0: adamax(x, g, m, u, n, b1, c1, b2, alpha, eps, gs, clip, wd, simd, 0); break;
    case 1: adamax(x, g, m, u, n, b1, c1, b2, alpha, eps, gs, clip, wd, simd, 1); break;
    case 2: adamax(x, g, m, u, n, b1, c1, b2, alpha, eps, gs, clip, wd, simd, 2); break;
    default: adamax(x, g, m, u, n, b1, c1, b2, alpha, eps, gs, clip, wd, simd, 3);
  }
}

/** Adamax (tf.train.adamax, Keras Adamax). */
export function f32_adamax__wasmsimd(x: usize, g: usize, m: usize, u: usize, n: i32, b1: f32, c1: f32, b2: f32, alpha: f32,
                                     eps: f32, gs: f32, clip: f32, wd: f32): void {
  adamaxDispatch(x, g, m, u, n, b1, c1, b2, alpha, eps, gs, clip, wd, true);
}
/** Scalar twin of f32_adamax__wasmsimd. */
export function f32_adamax__scalar(x: usize, g: usize, m: usize, u: usize, n: i32, b1: f32, c1: f32, b2: f32, alpha: f32,
                                   eps: f32, gs: f32, clip: f32, wd: f32): void {
  adamaxDispatch(x, g, m, u, n, b1, c1, b2, alpha, eps, gs, clip, wd, false);
}

// ---- RMSprop: ms ← ρ·ms + (1-ρ)·g²;  [mg ← ρ·mg + (1-ρ)·g];  inc = g·lr / √den;
//      den = ms + ε, or centered (ms - (mg² + εin)) + εout;  [mom ← μ·mom + inc;  x ← x - mom] else x ← x - inc
// Keras centered: εin = 0, εout = ε (ms - mg² + ε). tfjs centered: εin = ε, εout = 0 (tfjs subtracts ε).

@inline function rmsprop(x: usize, g: usize, ms: usize, mom: usize, mg: usize, n: i32, rho: f32, c: f32, mu: f32, lr: f32,
                         epsIn: f32, epsOut: f32, gs: f32, clip: f32, wd: f32, simd: bool, f: i32): void {
  const decay = (f & DECAY) != 0, cl = (f & CLIP) != 0, hasMom = (f & X1) != 0, centered = (f & X2) != 0;
  let i = 0;
  if (simd) {
    const RHO = f32x4.splat(rho), C = f32x4.splat(c), MU = f32x4.splat(mu), LR = f32x4.splat(lr);
    const EI = f32x4.splat(epsIn), EO = f32x4.splat(epsOut);
    const GS = f32x4.splat(gs), CL = f32x4.splat(clip), NCL = f32x4.splat(-clip), WD = f32x4.splat(wd);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const gi = clipV(v128.load(g + o), GS, NCL, CL, cl);
      const si = f32x4.add(f32x4.mul(RHO, v128.load(ms + o)), f32x4.mul(C, f32x4.mul(gi, gi)));
      v128.store(ms + o, si);
      let den: v128;
      if (centered) {
        const ai = f32x4.add(f32x4.mul(RHO, v128.load(mg + o)), f32x4.mul(C, gi));
        v128.store(mg + o, ai);
        den = f32x4.add(f32x4.sub(si, f32x4.add(f32x4.mul(ai, ai), EI)), EO);
      } else {
        den = f32x4.add(si, EO);
      }
      let inc = f32x4.div(f32x4.mul(gi, LR), f32x4.sqrt(den));
      if (hasMom) {
        inc = f32x4.add(f32x4.mul(MU, v128.load(mom + o)), inc);
        v128.store(mom + o, inc);
      }
      let xi = v128.load(x + o);
      if (decay) xi = f32x4.sub(xi, f32x4.mul(xi, WD));
      v128.store(x + o, f32x4.sub(xi, inc));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const gi = clipS(load<f32>(g + o), gs, clip, cl);
    const si = rho * load<f32>(ms + o) + c * (gi * gi);
    store<f32>(ms + o, si);
    let den: f32;
    if (centered) {
      const ai = rho * load<f32>(mg + o) + c * gi;
      store<f32>(mg + o, ai);
      den = (si - (ai * ai + epsIn)) + epsOut;
    } else {
      den = si + epsOut;
    }
    let inc = (gi * lr) / Mathf.sqrt(den);
    if (hasMom) {
      inc = mu * load<f32>(mom + o) + inc;
      store<f32>(mom + o, inc);
    }
    let xi = load<f32>(x + o);
    if (decay) xi = xi - xi * wd;
    store<f32>(x + o, xi - inc);
  }
}

@inline function rmspropDispatch(x: usize, g: usize, ms: usize, mom: usize, mg: usize, n: i32, rho: f32, c: f32, mu: f32, lr: f32,
                                 epsIn: f32, epsOut: f32, gs: f32, clip: f32, wd: f32, simd: bool): void {
  switch (flags(gs, clip, wd) | (mom != 0 ? X1 : 0) | (mg != 0 ? X2 : 0)) {
    case 0: rmsprop(x, g, ms, mom, mg, n, rho, c, mu, lr, epsIn, epsOut, gs, clip, wd, simd, 0); break;
    case 1: rmsprop(x, g, ms, mom, mg, n, rho, c, mu, lr, epsIn, epsOut, gs, clip, wd, simd, 1); break;
    case 2: rmsprop(x, g, ms, mom, mg, n, rho, c, mu, lr, epsIn, epsOut, gs, clip, wd, simd, 2); break;
    case 3: rmsprop(x, g, ms, mom, mg, n, rho, c, mu, lr, epsIn, epsOut, gs, clip, wd, simd, 3); break;
    case 4: rmsprop(x, g, ms, mom, mg, n, rho, c, mu, lr, epsIn, epsOut, gs, clip, wd, simd, 4); break;
    case 5: rmsprop(x, g, ms, mom, mg, n, rho, c, mu, lr, epsIn, epsOut, gs, clip, wd, simd, 5); break;
    case 6: rmsprop(x, g, ms, mom, mg, n, rho, c, mu, lr, epsIn, epsOut, gs, clip, wd, simd, 6); break;
    case 7: rmsprop(x, g, ms, mom, mg, n, rho, c, mu, lr, epsIn, epsOut, gs, clip, wd, simd, 7); break;
    case 8: rmsprop(x, g, ms, mom, mg, n, rho, c, mu, lr, epsIn, epsOut, gs, clip, wd, simd, 8); break;
    case 9: rmsprop(x, g, ms, mom, mg, n, rho, c, mu, lr, epsIn, epsOut, gs, clip, wd, simd, 9); break;
    case 10: rmsprop(x, g, ms, mom, mg, n, rho, c, mu, lr, epsIn, epsOut, gs, clip, wd, simd, 10); break;
    case 11: rmsprop(x, g, ms, mom, mg, n, rho, c, mu, lr, epsIn, epsOut, gs, clip, wd, simd, 11); break;
    case 12: rmsprop(x, g, ms, mom, mg, n, rho, c, mu, lr, epsIn, epsOut, gs, clip, wd, simd, 12); break;
    case 13: rmsprop(x, g, ms, mom, mg, n, rho, c, mu, lr, epsIn, epsOut, gs, clip, wd, simd, 13); break;
    case 14: rmsprop(x, g, ms, mom, mg, n, rho, c, mu, lr, epsIn, epsOut, gs, clip, wd, simd, 14); break;
    default: rmsprop(x, g, ms, mom, mg, n, rho, c, mu, lr, epsIn, epsOut, gs, clip, wd, simd, 15);
  }
}

/** RMSprop (tf.train.rmsprop, Keras RMSprop); mom = 0: no momentum slot, mg = 0: not centered. */
export function f32_rmsprop__wasmsimd(x: usize, g: usize, ms: usize, mom: usize, mg: usize, n: i32, rho: f32, c: f32, mu: f32,
                                      lr: f32, epsIn: f32, epsOut: f32, gs: f32, clip: f32, wd: f32): void {
  rmspropDispatch(x, g, ms, mom, mg, n, rho, c, mu, lr, epsIn, epsOut, gs, clip, wd, true);
}
/** Scalar twin of f32_rmsprop__wasmsimd. */
export function f32_rmsprop__scalar(x: usize, g: usize, ms: usize, mom: usize, mg: usize, n: i32, rho: f32, c: f32, mu: f32,
                                    lr: f32, epsIn: f32, epsOut: f32, gs: f32, clip: f32, wd: f32): void {
  rmspropDispatch(x, g, ms, mom, mg, n, rho, c, mu, lr, epsIn, epsOut, gs, clip, wd, false);
}

// ---- Adagrad: acc ← acc + g²;  x ← x - lr·g / √(acc + ε) ---------------------------------------------

@inline function adagrad(x: usize, g: usize, acc: usize, n: i32, lr: f32, eps: f32, gs: f32, clip: f32, wd: f32,
                         simd: bool, f: i32): void {
  const decay = (f & DECAY) != 0, cl = (f & CLIP) != 0;
  let i = 0;
  if (simd) {
    const LR = f32x4.splat(lr), E = f32x4.splat(eps);
    const GS = f32x4.splat(gs), CL = f32x4.splat(clip), NCL = f32x4.splat(-clip), WD = f32x4.splat(wd);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const gi = clipV(v128.load(g + o), GS, NCL, CL, cl);
      const ai = f32x4.add(v128.load(acc + o), f32x4.mul(gi, gi));
      v128.store(acc + o, ai);
      let xi = v128.load(x + o);
      if (decay) xi = f32x4.sub(xi, f32x4.mul(xi, WD));
      v128.store(x + o, f32x4.sub(xi, f32x4.div(f32x4.mul(LR, gi), f32x4.sqrt(f32x4.add(ai, E)))));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const gi = clipS(load<f32>(g + o), gs, clip, cl);
    const ai = load<f32>(acc + o) + gi * gi;
    store<f32>(acc + o, ai);
    let xi = load<f32>(x + o);
    if (decay) xi = xi - xi * wd;
    store<f32>(x + o, xi - (lr * gi) / Mathf.sqrt(ai + eps));
  }
}

@inline function adagradDispatch(x: usize, g: usize, acc: usize, n: i32, lr: f32, eps: f32, gs: f32, clip: f32, wd: f32, simd: bool): void {
  switch (flags(gs, clip, wd)) {
    case 0: adagrad(x, g, acc, n, lr, eps, gs, clip, wd, simd, 0); break;
    case 1: adagrad(x, g, acc, n, lr, eps, gs, clip, wd, simd, 1); break;
    case 2: adagrad(x, g, acc, n, lr, eps, gs, clip, wd, simd, 2); break;
    default: adagrad(x, g, acc, n, lr, eps, gs, clip, wd, simd, 3);
  }
}

/** Adagrad (tf.train.adagrad, Keras Adagrad). */
export function f32_adagrad__wasmsimd(x: usize, g: usize, acc: usize, n: i32, lr: f32, eps: f32, gs: f32, clip: f32, wd: f32): void {
  adagradDispatch(x, g, acc, n, lr, eps, gs, clip, wd, true);
}
/** Scalar twin of f32_adagrad__wasmsimd. */
export function f32_adagrad__scalar(x: usize, g: usize, acc: usize, n: i32, lr: f32, eps: f32, gs: f32, clip: f32, wd: f32): void {
  adagradDispatch(x, g, acc, n, lr, eps, gs, clip, wd, false);
}

// ---- Adadelta: ag' ← ρ·ag + (1-ρ)·g²;  d = √(ad + ε) / √(A + ε) · g;  ad ← ρ·ad + (1-ρ)·d²;  x ← x - lr·d
// Keras: A = ag' (the new accumulator). tfjs: A = ag (the accumulator before this step).

@inline function adadelta(x: usize, g: usize, ag: usize, ad: usize, n: i32, rho: f32, c: f32, lr: f32, eps: f32,
                          gs: f32, clip: f32, wd: f32, simd: bool, f: i32): void {
  const decay = (f & DECAY) != 0, cl = (f & CLIP) != 0, useNew = (f & X1) != 0;
  let i = 0;
  if (simd) {
    const RHO = f32x4.splat(rho), C = f32x4.splat(c), LR = f32x4.splat(lr), E = f32x4.splat(eps);
    const GS = f32x4.splat(gs), CL = f32x4.splat(clip), NCL = f32x4.splat(-clip), WD = f32x4.splat(wd);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const gi = clipV(v128.load(g + o), GS, NCL, CL, cl);
      const a0 = v128.load(ag + o);
      const a1 = f32x4.add(f32x4.mul(RHO, a0), f32x4.mul(C, f32x4.mul(gi, gi)));
      v128.store(ag + o, a1);
      const d0 = v128.load(ad + o);
      const den = useNew ? a1 : a0;
      const di = f32x4.mul(f32x4.div(f32x4.sqrt(f32x4.add(d0, E)), f32x4.sqrt(f32x4.add(den, E))), gi);
      v128.store(ad + o, f32x4.add(f32x4.mul(RHO, d0), f32x4.mul(C, f32x4.mul(di, di))));
      let xi = v128.load(x + o);
      if (decay) xi = f32x4.sub(xi, f32x4.mul(xi, WD));
      v128.store(x + o, f32x4.sub(xi, f32x4.mul(LR, di)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const gi = clipS(load<f32>(g + o), gs, clip, cl);
    const a0 = load<f32>(ag + o);
    const a1 = rho * a0 + c * (gi * gi);
    store<f32>(ag + o, a1);
    const d0 = load<f32>(ad + o);
    const den = useNew ? a1 : a0;
    const di = (Mathf.sqrt(d0 + eps) / Mathf.sqrt(den + eps)) * gi;
    store<f32>(ad + o, rho * d0 + c * (di * di));
    let xi = load<f32>(x + o);
    if (decay) xi = xi - xi * wd;
    store<f32>(x + o, xi - lr * di);
  }
}

@inline function adadeltaDispatch(x: usize, g: usize, ag: usize, ad: usize, n: i32, rho: f32, c: f32, lr: f32, eps: f32,
                                  useNew: i32, gs: f32, clip: f32, wd: f32, simd: bool): void {
  switch (flags(gs, clip, wd) | (useNew != 0 ? X1 : 0)) {
    case 0: adadelta(x, g, ag, ad, n, rho, c, lr, eps, gs, clip, wd, simd, 0); break;
    case 1: adadelta(x, g, ag, ad, n, rho, c, lr, eps, gs, clip, wd, simd, 1); break;
    case 2: adadelta(x, g, ag, ad, n, rho, c, lr, eps, gs, clip, wd, simd, 2); break;
    case 3: adadelta(x, g, ag, ad, n, rho, c, lr, eps, gs, clip, wd, simd, 3); break;
    case 4: adadelta(x, g, ag, ad, n, rho, c, lr, eps, gs, clip, wd, simd, 4); break;
    case 5: adadelta(x, g, ag, ad, n, rho, c, lr, eps, gs, clip, wd, simd, 5); break;
    case 6: adadelta(x, g, ag, ad, n, rho, c, lr, eps, gs, clip, wd, simd, 6); break;
    default: adadelta(x, g, ag, ad, n, rho, c, lr, eps, gs, clip, wd, simd, 7);
  }
}

/** Adadelta (Keras: useNew = 1; tf.train.adadelta: useNew = 0). */
export function f32_adadelta__wasmsimd(x: usize, g: usize, ag: usize, ad: usize, n: i32, rho: f32, c: f32, lr: f32, eps: f32,
                                       useNew: i32, gs: f32, clip: f32, wd: f32): void {
  adadeltaDispatch(x, g, ag, ad, n, rho, c, lr, eps, useNew, gs, clip, wd, true);
}
/** Scalar twin of f32_adadelta__wasmsimd. */
export function f32_adadelta__scalar(x: usize, g: usize, ag: usize, ad: usize, n: i32, rho: f32, c: f32, lr: f32, eps: f32,
                                     useNew: i32, gs: f32, clip: f32, wd: f32): void {
  adadeltaDispatch(x, g, ag, ad, n, rho, c, lr, eps, useNew, gs, clip, wd, false);
}

// ---- gradient norms and schedule math ----------------------------------------------------------------

/**
 * Σ x[i]² in float64 (clipNorm, globalClipnorm). Squares of f32 are exact in f64; four lane sums in a fixed
 * order (lanes 0+2, 1+3), then the tail in order, so the SIMD kernel and its twin agree bit for bit.
 */
export function f32_sumsq__wasmsimd(x: usize, n: i32): f64 {
  let i = 0;
  let lo = f64x2.splat(0), hi = f64x2.splat(0);
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    const a = f64x2.promote_low_f32x4(v);
    const b = f64x2.promote_low_f32x4(i8x16.shuffle(v, v, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7));
    lo = f64x2.add(lo, f64x2.mul(a, a));
    hi = f64x2.add(hi, f64x2.mul(b, b));
  }
  const t = f64x2.add(lo, hi);
  let s = f64x2.extract_lane(t, 0) + f64x2.extract_lane(t, 1);
  for (; i < n; i++) {
    const v = <f64>load<f32>(x + (<usize>i << 2));
    s += v * v;
  }
  return s;
}
/** Scalar twin of f32_sumsq__wasmsimd (same lane order). */
export function f32_sumsq__scalar(x: usize, n: i32): f64 {
  let i = 0;
  let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;
  for (; i + 4 <= n; i += 4) {
    const p = x + (<usize>i << 2);
    const a = <f64>load<f32>(p), b = <f64>load<f32>(p, 4), c = <f64>load<f32>(p, 8), d = <f64>load<f32>(p, 12);
    s0 += a * a; s1 += b * b; s2 += c * c; s3 += d * d;
  }
  let s = (s0 + s2) + (s1 + s3);
  for (; i < n; i++) {
    const v = <f64>load<f32>(x + (<usize>i << 2));
    s += v * v;
  }
  return s;
}

/** xʸ in float64 (musl's pow, as AssemblyScript ports it): schedules, identical on every engine. */
export function f64_pow(x: f64, y: f64): f64 { return Math.pow(x, y); }
/** cos(x) in float64 (musl): CosineDecay, identical on every engine (JS Math.cos is not guaranteed to be). */
export function f64_cos(x: f64): f64 { return Math.cos(x); }
