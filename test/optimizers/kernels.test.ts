// The fused update kernels (assembly/optim/update.ts) against their scalar twins, for sizes 0 … 3×4+1 and
// every specialisation (weight decay, clipping, nesterov, amsgrad, centered, momentum slot, Adadelta's
// flavour): bit-identical, since both run the same float32 operations in the same order.
import { describe, expect, it } from 'vitest';
import { H, K } from '../../src/backend/wasm.js';
import { values } from './util.js';

type Run = (simd: boolean, p: number[], n: number) => void;
interface KCase { name: string; slots: number; variants: { label: string; run: Run }[] }

const k = () => K();
const clip = [Infinity, 0.4];
function combos(): { gs: number; clip: number; wd: number; label: string }[] {
  const out = [];
  for (const gs of [1, 0.7]) for (const c of clip) for (const wd of [0, 0.003]) out.push({ gs, clip: c, wd, label: `gs ${gs} clip ${c} wd ${wd}` });
  return out;
}

const cases: KCase[] = [
  {
    name: 'f32_sgd', slots: 0,
    variants: combos().map((o) => ({ label: o.label, run: (simd, [x, g], n) => (simd ? k().f32_sgd__wasmsimd : k().f32_sgd__scalar)(x, g, n, 0.1, o.gs, o.clip, o.wd) })),
  },
  {
    name: 'f32_momentum', slots: 1,
    variants: combos().flatMap((o) => [0, 1].flatMap((nest) => [[1, -0.1], [-0.1, 1]].map(([s, c]) => ({
      label: `${o.label} nesterov ${nest} s ${s}`,
      run: ((simd, [x, g, m], n) => (simd ? k().f32_momentum__wasmsimd : k().f32_momentum__scalar)(x, g, m, n, 0.9, s, c, nest, o.gs, o.clip, o.wd)) as Run,
    })))),
  },
  {
    name: 'f32_adam', slots: 3,
    variants: combos().flatMap((o) => [false, true].map((ams) => ({
      label: `${o.label} amsgrad ${ams}`,
      run: ((simd, [x, g, m, v, vh], n) => (simd ? k().f32_adam__wasmsimd : k().f32_adam__scalar)(x, g, m, v, ams ? vh : 0, n, 0.9, 0.1, 0.999, 0.001, 0.003, 1e-7, o.gs, o.clip, o.wd)) as Run,
    }))),
  },
  {
    name: 'f32_adamax', slots: 2,
    variants: combos().map((o) => ({ label: o.label, run: (simd, [x, g, m, u], n) => (simd ? k().f32_adamax__wasmsimd : k().f32_adamax__scalar)(x, g, m, u, n, 0.9, 0.1, 0.999, 0.02, 1e-7, o.gs, o.clip, o.wd) })),
  },
  {
    name: 'f32_rmsprop', slots: 3,
    variants: combos().flatMap((o) => [false, true].flatMap((mom) => [false, true].map((cen) => ({
      label: `${o.label} momentum ${mom} centered ${cen}`,
      run: ((simd, [x, g, ms, mo, mg], n) => (simd ? k().f32_rmsprop__wasmsimd : k().f32_rmsprop__scalar)(x, g, ms, mom ? mo : 0, cen ? mg : 0, n, 0.9, 0.1, 0.5, 0.01, 0, 1e-7, o.gs, o.clip, o.wd)) as Run,
    })))),
  },
  {
    name: 'f32_adagrad', slots: 1,
    variants: combos().map((o) => ({ label: o.label, run: (simd, [x, g, a], n) => (simd ? k().f32_adagrad__wasmsimd : k().f32_adagrad__scalar)(x, g, a, n, 0.1, 1e-7, o.gs, o.clip, o.wd) })),
  },
  {
    name: 'f32_adadelta', slots: 2,
    variants: combos().flatMap((o) => [0, 1].map((useNew) => ({
      label: `${o.label} useNew ${useNew}`,
      run: ((simd, [x, g, a, d], n) => (simd ? k().f32_adadelta__wasmsimd : k().f32_adadelta__scalar)(x, g, a, d, n, 0.95, 0.05, 1, 1e-7, useNew, o.gs, o.clip, o.wd)) as Run,
    }))),
  },
];

function alloc(v: number[]): number {
  const p = H().alloc(Math.max(4, v.length * 4));
  H().f32.set(v, p >> 2);
  return p;
}
const read = (p: number, n: number) => Array.from(H().f32.slice(p >> 2, (p >> 2) + n));

describe('fused optimizer kernels vs scalar twins', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    for (const variant of c.variants) {
      for (let n = 0; n <= 13; n++) {
        // x, g (with a NaN-free mix of signs and magnitudes), then slots (non-negative: second moments)
        const init = [values(n, 1), values(n, 2, -2, 2), ...Array.from({ length: c.slots }, (_, s) => values(n, 3 + s, 0, 0.5))];
        const a = init.map(alloc), b = init.map(alloc);
        for (let step = 0; step < 3; step++) {
          variant.run(true, a, n);
          variant.run(false, b, n);
        }
        a.forEach((p, i) => expect(read(p, n), `${c.name} ${variant.label} n=${n} buffer ${i}`).toEqual(read(b[i], n)));
        [...a, ...b].forEach((p) => H().free(p, Math.max(4, n * 4)));
      }
    }
  });

  it('clipping keeps NaN gradients NaN and clamps infinities, in both twins', () => {
    const g = [NaN, Infinity, -Infinity, 0.25, -3, NaN, 2, -0.1, Infinity];
    for (const simd of [true, false]) {
      const x = alloc(new Array(g.length).fill(0)), gp = alloc(g);
      (simd ? K().f32_sgd__wasmsimd : K().f32_sgd__scalar)(x, gp, g.length, 1, 1, 0.5, 0);
      expect(read(x, g.length)).toEqual([NaN, -0.5, 0.5, -0.25, 0.5, NaN, -0.5, 0.1, -0.5].map(Math.fround));
      H().free(x, g.length * 4); H().free(gp, g.length * 4);
    }
  });

  it('f32_sumsq: twins agree, exact for small integers, float64 accumulation', () => {
    for (let n = 0; n <= 41; n++) {
      const v = values(n, 7, -3, 3), p = alloc(v);
      const s1 = K().f32_sumsq__wasmsimd(p, n), s2 = K().f32_sumsq__scalar(p, n);
      expect(s1).toBe(s2);
      expect(Math.abs(s1 - v.reduce((s, x) => s + x * x, 0))).toBeLessThanOrEqual(1e-12 * Math.max(1, s1));
      H().free(p, Math.max(4, n * 4));
    }
    const p = alloc([1, 2, 3, 4, 5, 6, 7]);
    expect(K().f32_sumsq__wasmsimd(p, 7)).toBe(140);
    H().free(p, 28);
  });
});
