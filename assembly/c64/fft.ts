// Discrete Fourier transforms of rows of complex64 values (interleaved f32 re, im), computed in f64:
// an iterative radix-2 FFT for power-of-two lengths, Bluestein's chirp-z transform (a convolution done
// with radix-2 FFTs of a power-of-two length m ≥ 2n − 1) for every other length. The inverse is
// conj(FFT(conj(x))) / n. A complex f64 is 16 bytes (re, im): one f64x2 lane pair in the SIMD twin.

// [-1, 1]: the signs of re and im in a complex product assembled from lane products
@inline function signs(): v128 { return f64x2(-1.0, 1.0); }

// *p = *p · *q (complex f64), also from two different operands: out = a · b
@inline function cmul(out: usize, a: usize, b: usize, simd: bool): void {
  if (simd) {
    const av = v128.load(a), bv = v128.load(b);
    const t1 = f64x2.mul(av, f64x2.splat(f64x2.extract_lane(bv, 0)));                 // [ar·br, ai·br]
    const t2 = f64x2.mul(v128.shuffle<f64>(av, av, 1, 0), f64x2.splat(f64x2.extract_lane(bv, 1))); // [ai·bi, ar·bi]
    v128.store(out, f64x2.add(t1, f64x2.mul(t2, signs())));
  } else {
    const ar = load<f64>(a), ai = load<f64>(a, 8), br = load<f64>(b), bi = load<f64>(b, 8);
    store<f64>(out, ar * br - ai * bi);
    store<f64>(out, ai * br + ar * bi, 8);
  }
}

// Reorders m complex f64 at w into bit-reversed index order.
@inline function bitReverse(w: usize, m: i32): void {
  let j = 0;
  for (let i = 0; i < m - 1; i++) {
    if (i < j) {
      const p = w + (<usize>i << 4), q = w + (<usize>j << 4);
      const r = load<f64>(p), im = load<f64>(p, 8);
      store<f64>(p, load<f64>(q)); store<f64>(p, load<f64>(q, 8), 8);
      store<f64>(q, r); store<f64>(q, im, 8);
    }
    let k = m >> 1;
    while (k <= j) { j -= k; k >>= 1; }
    j += k;
  }
}

// In-place forward FFT of m (a power of two) complex f64 at w, given in natural order; tw holds the
// m/2 twiddles e^(−2πik/m). Butterflies a ± w·b over stages of length 2, 4, … m.
@inline function radix2(w: usize, m: i32, tw: usize, tmp: usize, simd: bool): void {
  bitReverse(w, m);
  for (let len = 2; len <= m; len <<= 1) {
    const half = len >> 1, step = m / len;
    for (let i = 0; i < m; i += len) {
      for (let j = 0; j < half; j++) {
        const p = w + (<usize>(i + j) << 4), q = p + (<usize>half << 4);
        cmul(tmp, q, tw + (<usize>(j * step) << 4), simd);
        if (simd) {
          const a = v128.load(p), b = v128.load(tmp);
          v128.store(p, f64x2.add(a, b));
          v128.store(q, f64x2.sub(a, b));
        } else {
          const ar = load<f64>(p), ai = load<f64>(p, 8), br = load<f64>(tmp), bi = load<f64>(tmp, 8);
          store<f64>(p, ar + br); store<f64>(p, ai + bi, 8);
          store<f64>(q, ar - br); store<f64>(q, ai - bi, 8);
        }
      }
    }
  }
}

@inline function fft(x: usize, y: usize, batch: i32, n: i32, inverse: bool, m: i32, tw: usize, chirp: usize, work: usize, simd: bool): void {
  if (n == 0) return;
  const sgn: f64 = inverse ? -1.0 : 1.0;            // conj on the way in and out for the inverse
  const scale: f64 = inverse ? 1.0 / <f64>n : 1.0;
  const a = work;
  if (m == n) {
    // radix-2: work holds one row (16·m bytes) and tmp after it
    const t = work + (<usize>m << 4);
    for (let r = 0; r < batch; r++) {
      const xr = x + (<usize>r * <usize>n << 3);
      for (let j = 0; j < n; j++) {
        store<f64>(a + (<usize>j << 4), <f64>load<f32>(xr + (<usize>j << 3)));
        store<f64>(a + (<usize>j << 4), sgn * <f64>load<f32>(xr + (<usize>j << 3), 4), 8);
      }
      radix2(a, m, tw, t, simd);
      const yr = y + (<usize>r * <usize>n << 3);
      for (let k = 0; k < n; k++) {
        store<f32>(yr + (<usize>k << 3), <f32>(load<f64>(a + (<usize>k << 4)) * scale));
        store<f32>(yr + (<usize>k << 3), <f32>(sgn * load<f64>(a + (<usize>k << 4), 8) * scale), 4);
      }
    }
    return;
  }
  // Bluestein: X[k] = c[k] · Σ_j (x[j] c[j]) · conj(c[k − j]), c[k] = e^(−πik²/n): a cyclic convolution
  // of length m, by FFT(a)·FFT(b) and an inverse FFT (conj, FFT, conj, ÷m).
  const b = work + (<usize>m << 4), t = work + (<usize>m << 5);
  memory.fill(b, 0, <usize>m << 4);
  for (let l = 0; l < n; l++) {
    const re = load<f64>(chirp + (<usize>l << 4)), im = -load<f64>(chirp + (<usize>l << 4), 8);
    store<f64>(b + (<usize>l << 4), re); store<f64>(b + (<usize>l << 4), im, 8);
    if (l > 0) { store<f64>(b + (<usize>(m - l) << 4), re); store<f64>(b + (<usize>(m - l) << 4), im, 8); }
  }
  radix2(b, m, tw, t, simd);
  for (let r = 0; r < batch; r++) {
    const xr = x + (<usize>r * <usize>n << 3);
    memory.fill(a, 0, <usize>m << 4);
    for (let j = 0; j < n; j++) {
      const p = a + (<usize>j << 4);
      store<f64>(p, <f64>load<f32>(xr + (<usize>j << 3)));
      store<f64>(p, sgn * <f64>load<f32>(xr + (<usize>j << 3), 4), 8);
      cmul(p, p, chirp + (<usize>j << 4), simd);
    }
    radix2(a, m, tw, t, simd);
    for (let k = 0; k < m; k++) {
      const p = a + (<usize>k << 4);
      cmul(p, p, b + (<usize>k << 4), simd);
      store<f64>(p, -load<f64>(p, 8), 8); // conj, for the inverse FFT
    }
    radix2(a, m, tw, t, simd);
    const yr = y + (<usize>r * <usize>n << 3), inv: f64 = scale / <f64>m;
    for (let k = 0; k < n; k++) {
      const p = a + (<usize>k << 4);
      store<f64>(p, -load<f64>(p, 8), 8); // conj back
      cmul(p, p, chirp + (<usize>k << 4), simd);
      store<f32>(yr + (<usize>k << 3), <f32>(load<f64>(p) * inv));
      store<f32>(yr + (<usize>k << 3), <f32>(sgn * load<f64>(p, 8) * inv), 4);
    }
  }
}

/**
 * DFTs of `batch` rows of n complex64 values, x → y (interleaved f32 re, im; y may be x):
 * y[k] = Σ_j x[j]·e^(−2πijk/n), or with `inverse` e^(+2πijk/n)/n. Computed in f64. `m`: n when n is a
 * power of two (radix-2), else a power of two ≥ 2n − 1 (Bluestein). `tw`: the m/2 twiddles e^(−2πik/m),
 * f64 (re, im). `chirp`: n values e^(−πik²/n), f64 (re, im), Bluestein only. `work`: scratch of
 * 16·(m + 1) bytes (radix-2) or 16·(2m + 1) (Bluestein), overwritten.
 */
export function c64_fft__wasmsimd(x: usize, y: usize, batch: i32, n: i32, inverse: bool, m: i32, tw: usize, chirp: usize, work: usize): void {
  fft(x, y, batch, n, inverse, m, tw, chirp, work, true);
}
/** Scalar twin of c64_fft__wasmsimd (bit-identical: the same operations in the same order). */
export function c64_fft__scalar(x: usize, y: usize, batch: i32, n: i32, inverse: bool, m: i32, tw: usize, chirp: usize, work: usize): void {
  fft(x, y, batch, n, inverse, m, tw, chirp, work, false);
}
