// The vector activations (assembly/util/vmath.ts): accuracy against float64 over a sweep of float32, special
// values, and the same bits for an element whatever its position (vector lanes, the tail, a call of its own).
// The full sweep with the table is bench/act-accuracy.ts; this one is 64× sparser.
import { describe, expect, it } from 'vitest';
import { H, K } from '../src/backend/wasm.js';
import { Act, Unary } from '../src/backend/abi.js';
import { REF, ulpOf } from '../bench/act-ref.js';

function run(kernel: 'unary' | 'act', code: number, xs: Float32Array): Float32Array {
  const n = xs.length, bytes = Math.max(4, n * 4), x = H().alloc(bytes), y = H().alloc(bytes);
  H().f32.set(xs, x >> 2);
  if (kernel === 'unary') K().f32_unary__wasmsimd(code, x, y, n);
  else K().f32_act__wasmsimd(code, x, y, n, 0.1);
  const out = H().f32.slice(y >> 2, (y >> 2) + n);
  H().free(x, bytes); H().free(y, bytes);
  return out;
}

// every 2^13-th bit pattern of the finite floats, both signs, and 2^16 points on [-20, 20]
function sweep(): Float32Array {
  const u: number[] = [];
  for (let b = 0; b < 0x7f800000; b += 2 ** 13) u.push(b, (b | 0x80000000) >>> 0);
  const f = new Float32Array(new Uint32Array(u).buffer);
  const g = Float32Array.from({ length: 2 ** 16 }, (_, i) => -20 + (40 * i) / 2 ** 16);
  const all = new Float32Array(f.length + g.length);
  all.set(f); all.set(g, f.length);
  return all;
}

describe('vector activations', () => {
  const xs = sweep();
  // bounds: the measured maxima of the full sweep (PERF19-GEMM.md), rounded up; a wrong coefficient, a lost
  // Cody–Waite term or a cancelling formula exceeds them by orders of magnitude
  const cases: [string, 'unary' | 'act', number, (x: number) => number, number][] = [
    ['exp', 'unary', Unary.exp, REF.exp, 1.5],
    ['tanh', 'unary', Unary.tanh, REF.tanh, 3],
    ['sigmoid', 'unary', Unary.sigmoid, REF.sigmoid, 3],
    ['elu', 'unary', Unary.elu, REF.elu, 1.5],
    ['selu', 'unary', Unary.selu, REF.selu, 3],
    ['swish', 'act', Act.swish, REF.swish, 4],
    ['mish', 'act', Act.mish, REF.mish, 6],
    // the exact gelu: 0.5·x·erfc(−x/√2) rounds its argument to float32, and erfc's tail multiplies that rounding by
    // ~x² (75 ulp at x = −9, 199 at −13: musl's scalar erfcf measured the same); for x ≥ 0, 1.51 measured
    ['gelu', 'act', Act.gelu, REF.gelu, 200],
    ['gelu (x ≥ 0)', 'act', Act.gelu, (x) => (x >= 0 ? REF.gelu(x) : NaN), 2],
  ];
  it.each(cases)('%s is within its ulp bound of float64 over the sweep (normal results)', (_n, kernel, code, ref, bound) => {
    const ys = run(kernel, code, xs);
    let worst = 0, at = 0;
    for (let i = 0; i < xs.length; i++) {
      const r = ref(xs[i]);
      if (Number.isNaN(r)) { if (!(xs[i] < 0 && _n.endsWith('≥ 0)'))) expect(ys[i]).toBeNaN(); continue; }
      if (!Number.isFinite(Math.fround(r))) { expect(Math.abs(ys[i])).toBeGreaterThan(3.4e38); continue; } // selu's overflow
      // (where σ(x) or tanh(softplus(x)) is below the normal range, x < -87, it is rounded to a subnormal before
      // the product: swish and mish lose relative accuracy there in any float32 evaluation, musl's too)
      if (Math.abs(r / xs[i]) < 2 ** -126 && kernel === 'act') continue;
      const u = Math.abs(ys[i] - r) / ulpOf(r);
      if (u > worst) { worst = u; at = xs[i]; }
    }
    expect(worst, `worst at x = ${at}`).toBeLessThanOrEqual(bound);
    expect(worst).toBeGreaterThan(0); // (the comparison ran on rounded results)
  });

  it('special values', () => {
    const sp = Float32Array.from([0, -0, Infinity, -Infinity, NaN, 9.1, -9.1, 100, -100, -104, -200, 1e-40, -1e-40, 88, -88]);
    const t = run('unary', Unary.tanh, sp), s = run('unary', Unary.sigmoid, sp), e = run('unary', Unary.elu, sp);
    expect(Object.is(t[0], 0) && Object.is(t[1], -0)).toBe(true);
    expect([t[2], t[3], t[5], t[6], t[7], t[8]]).toEqual([1, -1, 1, -1, 1, -1]);
    expect(t[4]).toBeNaN();
    expect(t[11]).toBe(Math.fround(1e-40)); expect(t[12]).toBe(Math.fround(-1e-40));
    expect([s[0], s[1], s[2], s[3], s[7]]).toEqual([0.5, 0.5, 1, 0, 1]);
    expect(s[4]).toBeNaN();
    // subnormal results: e^-100 = 3.72e-44 is 26.6 × 2^-149, rounded once; e^-104 and below round to 0 (or 2^-149)
    expect(s[8] / 2 ** -149).toBeCloseTo(27, 5);
    expect(s[10]).toBe(0);
    expect(s[14]).toBeCloseTo(Math.exp(-88), 44);
    expect([e[2], e[3], e[8], e[10]]).toEqual([Infinity, -1, -1, -1]);
    expect(Object.is(e[0], 0) && Object.is(e[1], -0)).toBe(true);
    expect(e[4]).toBeNaN();
    expect(e[12]).toBe(Math.fround(-1e-40));
    // exp: +Inf above ln(FLT_MAX) = 88.7228…, 0 below −104 (ties of the subnormal range rounded once), NaN kept
    const x = run('unary', Unary.exp, sp), big = run('unary', Unary.exp, Float32Array.from([88.72283, 88.7229, -103.2789, 1]));
    expect([x[0], x[1], x[2], x[3], x[7], x[10]]).toEqual([1, 1, Infinity, 0, Infinity, 0]);
    expect(x[4]).toBeNaN();
    expect(x[8] / 2 ** -149).toBeCloseTo(27, 5);
    expect(big[0]).toBeGreaterThan(3.4e38); expect(big[0]).toBeLessThan(Infinity);
    expect(big[1]).toBe(Infinity);
    expect(big[2]).toBe(2 ** -149); // e^−103.2789 ≈ 1.00003 · 2^−149
    expect(big[3]).toBe(Math.fround(Math.E));
    const se = run('unary', Unary.selu, Float32Array.from([-0, -Infinity]));
    expect(Object.is(se[0], -0)).toBe(true);
    expect(se[1]).toBe(Math.fround(Math.fround(Math.fround(-1) * Math.fround(1.6732632423543772)) * Math.fround(1.0507009873554805)));
  });

  // every element computed by the same operations: in a vector of four, in the tail, or alone
  const VECTOR: ['unary' | 'act', number][] = [['unary', Unary.tanh], ['unary', Unary.sigmoid], ['unary', Unary.elu],
    ['unary', Unary.selu], ['unary', Unary.hardSwish], ['unary', Unary.gelu], ['act', Act.swish], ['act', Act.gelu], ['act', Act.geluTanh], ['act', Act.mish],
    ['act', Act.leakyRelu], ['act', Act.hardSigmoid]];
  it.each([...VECTOR, ['unary', Unary.exp] as ['unary', number]])('%s %i: the same bits in a vector lane, in the tail and alone', (kernel, code) => {
    const x = Float32Array.from({ length: 23 }, (_, i) => Math.sin(i * 7.3) * (i % 5 === 0 ? 60 : 4));
    const bits = (f: Float32Array) => Array.from(new Uint32Array(f.buffer.slice(f.byteOffset, f.byteOffset + f.byteLength)));
    const whole = bits(run(kernel, code, x));
    for (let s = 1; s < 4; s++) expect(bits(run(kernel, code, x.subarray(s))), `shifted by ${s}`).toEqual(whole.slice(s));
    expect(x.reduce((acc: number[], v) => acc.concat(bits(run(kernel, code, Float32Array.of(v)))), [])).toEqual(whole);
  });

  it('the unary kernel\'s gelu (the epilogue\'s code) has the bits of f32_act\'s', () => {
    const x = Float32Array.from({ length: 2001 }, (_, i) => -12 + i / 80);
    expect(Array.from(run('unary', Unary.gelu, x))).toEqual(Array.from(run('act', Act.gelu, x)));
  });

  // Node and Chromium run this file: the same digest in both (computed once in Node 20)
  it('the same bits in every runtime (digest of every vector activation over the sweep)', () => {
    let h = 0x811c9dc5;
    for (const [kernel, code] of VECTOR) {
      const y = run(kernel, code, xs), u = new Uint32Array(y.buffer);
      for (let i = 0; i < u.length; i++) h = Math.imul(h ^ (Number.isNaN(y[i]) ? 0x7fc00000 : u[i]), 0x01000193) >>> 0;
    }
    expect(h.toString(16).padStart(8, '0')).toBe('b064f65c');
  });

  it('hardSwish has the bits of its composite x·(relu6(x + 3)/6) in float32', () => {
    const x = Float32Array.from({ length: 4001 }, (_, i) => -5 + i / 400);
    const y = run('unary', Unary.hardSwish, x), f = Math.fround;
    for (let i = 0; i < x.length; i++) expect(y[i]).toBe(f(x[i] * f(Math.min(Math.max(f(x[i] + 3), 0), 6) / 6)));
  });
});
