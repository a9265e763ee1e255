// Two builds of the GEMM side by side in one process (issue 19): `old` (another branch's build/ascent.wasm, e.g.
// main's) and `new` (this tree's), each in its own instance and memory, called on the same operands through the
// raw export f32_gemm__wasmsimd_4x8 (the unpacked entry both have); rounds alternate the builds, so load changes hit
// both columns alike. Also, for the new build only, the inference entry with B pre-packed (f32_gemm_pack_b) and
// the fused bias + relu epilogue. Prints GFLOP/s (best of the rounds' medians, the better of wall and CPU time),
// the fraction of the roofline measured in the same process, and whether the two builds' outputs are the same bits.
// Run: npx tsx bench/gemm-ab.ts /work/main/build/ascent.wasm [build/ascent.wasm] [rounds]
import { alloc, fill, hash, load, type Build, type Fn } from './raw-build.js';
import * as os from 'node:os';
import { roofline } from './roofline.js';
import { measureClocks } from './util.js';


const [oldPath, newPath = 'build/ascent.wasm', roundsArg = '3', only = ''] = process.argv.slice(2);
if (!oldPath) throw new Error('usage: npx tsx bench/gemm-ab.ts <old ascent.wasm> [new ascent.wasm] [rounds] [square|skinny]');
const rounds = Number(roundsArg);
const builds = [load(oldPath), load(newPath)];
// [form, M, K, N]: the square sizes of the kernel table and the inference shapes (batch 1–8 × weight matrices)
const CASES: [string, number, number, number][] = [];
if (only !== 'skinny') for (const n of [64, 128, 256, 512, 1024]) for (const f of ['nn', 'tn', 'nt']) CASES.push([f, n, n, n]);
if (only !== 'square') {
  for (const [m, k, n] of [[1, 784, 128], [1, 512, 512], [1, 1024, 1024], [2, 784, 128], [4, 1024, 1024], [8, 784, 128], [8, 1024, 1024], [64, 784, 128]]) {
    CASES.push(['nn', m, k, n]);
  }
}

const best = (t: { wall: number; cpu: number }, lim: { wall: number; cpu: number }, flops: number) => {
  const gw = flops / (t.wall * 1e6), gc = flops / (t.cpu * 1e6);
  return gw / lim.wall >= gc / lim.cpu ? { g: gw, f: gw / lim.wall } : { g: gc, f: gc / lim.cpu };
};
const rows: string[][] = [];
const res = CASES.map(() => ({ old: { g: 0, f: 0 }, neu: { g: 0, f: 0 }, packed: { g: 0, f: 0 }, same: true }));
const loads: string[] = [];
let limit = { wall: 0, cpu: 0 };
for (let r = 0; r < rounds; r++) {
  loads.push(os.loadavg()[0].toFixed(2));
  limit = { wall: Math.max(limit.wall, roofline(false, 10).mulAdd), cpu: Math.max(limit.cpu, roofline(true, 10).mulAdd) };
  CASES.forEach(([form, M, Kd, N], ci) => {
    const flops = 2 * M * N * Kd, budgetMs = Math.min(400, Math.max(60, flops / 2e7));
    const [ars, acs] = form === 'tn' ? [1, M] : [Kd, 1];
    const [brs, bcs] = form === 'nt' ? [1, Kd] : [N, 1];
    const hashes: number[] = [];
    builds.forEach((b, bi) => {
      const save = b.next, a = alloc(b, M * Kd), bb = alloc(b, Kd * N), c = alloc(b, M * N);
      const pack = alloc(b, b.k.f32_gemm_scratch_floats());
      fill(b, a, M * Kd, 1 + ci); fill(b, bb, Kd * N, 2 + ci);
      const t = measureClocks(() => b.k.f32_gemm__wasmsimd_4x8(M, N, Kd, a, ars, acs, bb, brs, bcs, c, pack, 0), { budgetMs });
      hashes.push(hash(b, c, M * N));
      const x = best(t, limit, flops), slot = bi === 0 ? res[ci].old : res[ci].neu;
      if (x.f > slot.f) Object.assign(slot, x);
      if (bi === 1 && form === 'nn' && b.k.f32_gemm_pack_b) {
        const pb = alloc(b, b.k.f32_gemm_pack_b_floats(Kd, N)), bias = alloc(b, N);
        fill(b, bias, N, 3);
        b.k.f32_gemm_pack_b(Kd, N, bb, brs, bcs, pb);
        const tp = measureClocks(() => b.k.f32_gemm_ldc__wasmsimd_4x8(M, N, Kd, a, ars, acs, pb, 0, Kd, c, N, pack, 0, bias, 8), { budgetMs });
        const y = best(tp, limit, flops);
        if (y.f > res[ci].packed.f) Object.assign(res[ci].packed, y);
      }
      b.next = save;
    });
    if (hashes[0] !== hashes[1]) res[ci].same = false;
  });
}
CASES.forEach(([form, M, Kd, N], ci) => {
  const p = (x: { g: number; f: number }) => (x.g ? `${x.g.toFixed(1)} (${(100 * x.f).toFixed(0)} %)` : '');
  rows.push([form, M === Kd && Kd === N ? String(M) : `${M}, ${Kd}, ${N}`, p(res[ci].old), p(res[ci].neu), p(res[ci].packed), res[ci].same ? 'same' : 'DIFFER']);
});
console.log(`limit (mul+add) ${limit.wall.toFixed(1)} wall / ${limit.cpu.toFixed(1)} CPU GFLOP/s; ${rounds} rounds; load average at each round: ${loads.join(' ')}`);
console.log('| form | n or M, K, N | old | new | new, B pre-packed + bias + relu | bits old/new |\n|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
