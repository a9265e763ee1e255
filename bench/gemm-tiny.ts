// Tiny products (issue 19, the mlp 8-16-16-4 at batch 64): each phase of its predict timed on the raw exports of
// one or two builds, in one process, rounds alternating the builds; outputs hashed ("same" = every bit equal).
// Cases: the three Dense products with B pre-packed + bias (+ relu), unpacked (matMul's entry), and the tanh.
// Run: npx tsx bench/gemm-tiny.ts [old ascent.wasm] [new ascent.wasm] [rounds]
import { alloc, fill, hash, load, type Build, type Fn } from './raw-build.js';
import * as os from 'node:os';

/** ns per call: median over batches of calls of the time per call (calls batched to ~20 µs). */
function ns(fn: () => void, budgetMs = 60): number {
  let reps = 1;
  for (let t = performance.now(); performance.now() - t < 20;) fn();
  for (;;) { const t = performance.now(); for (let i = 0; i < reps; i++) fn(); if (performance.now() - t > 0.02) break; reps *= 2; }
  const s: number[] = [];
  for (const t0 = performance.now(); performance.now() - t0 < budgetMs;) {
    const t = performance.now();
    for (let i = 0; i < reps; i++) fn();
    s.push((performance.now() - t) / reps);
  }
  s.sort((a, b) => a - b);
  return s[s.length >> 1] * 1e6;
}

const args = process.argv.slice(2);
const paths = args.filter((a) => a.endsWith('.wasm'));
if (paths.length === 0) paths.push('build/ascent.wasm');
const rounds = Number(args.find((a) => /^\d+$/.test(a)) ?? 3);
const builds = paths.map(load);
const RELU = 8, TANH = 7, NO = -1;
// [label, M, K, N, form ('nn' | 'tn' | 'nt'), packed + bias, act]
const CASES: [string, number, number, number, string, boolean, number][] = [];
for (const M of [64, 1]) {
  CASES.push([`dense ${M}×8×16 +b relu`, M, 8, 16, 'nn', true, RELU], [`dense ${M}×16×16 +b`, M, 16, 16, 'nn', true, NO],
    [`dense ${M}×16×4 +b`, M, 16, 4, 'nn', true, NO], [`dense ${M}×32×32 +b relu`, M, 32, 32, 'nn', true, RELU],
    [`dense ${M}×64×24 +b`, M, 64, 24, 'nn', true, NO]);
}
for (const [M, Kd, N] of [[64, 8, 16], [64, 16, 16], [64, 16, 4], [64, 32, 8], [64, 64, 7], [64, 80, 8], [16, 16, 16], [64, 64, 64]]) {
  for (const f of ['nn', 'tn', 'nt']) CASES.push([`matMul ${f} ${M}×${Kd}×${N}`, M, Kd, N, f, false, NO]);
}
const res = CASES.map(() => builds.map(() => Infinity));
const same = CASES.map(() => true);
const tanh = builds.map(() => Infinity);
const loads: string[] = [];
for (let r = 0; r < rounds; r++) {
  loads.push(os.loadavg()[0].toFixed(2));
  CASES.forEach(([, M, Kd, N, form, packed, act], ci) => {
    const hs: number[] = [];
    builds.forEach((b, bi) => {
      const save = b.next, a = alloc(b, M * Kd), bb = alloc(b, Kd * N), c = alloc(b, M * N), bias = alloc(b, N);
      const pack = alloc(b, b.k.f32_gemm_scratch_floats()), pb = alloc(b, b.k.f32_gemm_pack_b_floats(Kd, N));
      fill(b, a, M * Kd, 1 + ci); fill(b, bb, Kd * N, 2 + ci); fill(b, bias, N, 3 + ci);
      const [ars, acs] = form === 'tn' ? [1, M] : [Kd, 1];
      const [brs, bcs] = form === 'nt' ? [1, Kd] : [N, 1];
      let fn: () => void;
      if (packed) {
        b.k.f32_gemm_pack_b(Kd, N, bb, brs, bcs, pb);
        fn = () => b.k.f32_gemm_ldc__wasmsimd_4x8(M, N, Kd, a, ars, acs, pb, 0, Kd, c, N, pack, 0, bias, act);
      } else {
        fn = () => b.k.f32_gemm_ldc__wasmsimd_4x8(M, N, Kd, a, ars, acs, bb, brs, bcs, c, N, pack, 0, 0, NO);
      }
      res[ci][bi] = Math.min(res[ci][bi], ns(fn));
      hs.push(hash(b, c, M * N));
      b.next = save;
    });
    if (hs.some((h) => h !== hs[0])) same[ci] = false;
  });
  builds.forEach((b, bi) => {
    const save = b.next, x = alloc(b, 1024);
    fill(b, x, 1024, 9);
    tanh[bi] = Math.min(tanh[bi], ns(() => b.k.f32_unary__wasmsimd(TANH, x, x + 4096 * 0, 1024)));
    b.next = save;
  });
}
console.log(`ns per call, best of ${rounds} medians; load average at each round: ${loads.join(' ')}; builds: ${paths.join(', ')}`);
console.log(`| case | ${paths.map((_, i) => `build ${i} ns`).join(' | ')} | ${paths.length > 1 ? 'ratio 1/0 | bits |' : ''}`);
console.log(`|---|${paths.map(() => '---:|').join('')}${paths.length > 1 ? '---:|---|' : ''}`);
CASES.forEach(([label], ci) => {
  const r = res[ci];
  console.log(`| ${label} | ${r.map((x) => x.toFixed(0)).join(' | ')} |${r.length > 1 ? ` ${(r[1] / r[0]).toFixed(2)}× | ${same[ci] ? 'same' : 'DIFFER'} |` : ''}`);
});
console.log(`| tanh 1024 (unary, in place) | ${tanh.map((x) => x.toFixed(0)).join(' | ')} |`);
