// The activation kernels' cost per element, two builds side by side in one process (rounds alternate the builds):
// f32_unary tanh / sigmoid / elu / selu and f32_act swish / gelu / geluTanh / mish on 1024 and 2^18 floats of [-6, 6],
// one thread, ns per element (best of N medians). Run: `npx tsx bench/act-speed.ts <old.wasm> <new.wasm> [N]`,
// e.g. <another checkout>/build/ascent.wasm build/ascent.wasm 5.
import * as os from 'node:os';
import { alloc, fill, load, type Build } from './raw-build.js';

const [oldPath, newPath = 'build/ascent.wasm', nArg = '5'] = process.argv.slice(2);
if (!oldPath) throw new Error('usage: npx tsx bench/act-speed.ts <old.wasm> [new.wasm] [N]');
const N = +nArg;
const FNS: [string, 'unary' | 'act', number][] = [['tanh', 'unary', 7], ['sigmoid', 'unary', 6], ['elu', 'unary', 23],
  ['selu', 'unary', 24], ['swish', 'act', 2], ['gelu', 'act', 3], ['geluTanh', 'act', 4], ['mish', 'act', 5]];
const builds = [oldPath, newPath].map((p) => {
  const b = load(p), x = alloc(b, 1 << 18), y = alloc(b, 1 << 18);
  fill(b, x, 1 << 18, 3);
  const f = new Float32Array(b.mem.buffer, x, 1 << 18);
  for (let i = 0; i < f.length; i++) f[i] *= 6;
  return { b, x, y };
});
function run(b: Build, kind: 'unary' | 'act', code: number, x: number, y: number, n: number): void {
  if (kind === 'unary') b.k.f32_unary__wasmsimd(code, x, y, n);
  else b.k.f32_act__wasmsimd(code, x, y, n, 0);
}
function median(v: number[]): number { const s = v.slice().sort((a, c) => a - c); return s[s.length >> 1]; }
console.log(`ns per element, best of ${N} medians; load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`);
console.log('| function | n | old ns | new ns | old/new |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, kind, code] of FNS) {
  for (const n of [1024, 1 << 18]) {
    const best = [Infinity, Infinity];
    const reps = n === 1024 ? 2000 : 10;
    for (let r = 0; r < N; r++) {
      for (let k = 0; k < 2; k++) {
        const { b, x, y } = builds[k], times: number[] = [];
        for (let s = 0; s < 9; s++) {
          const t0 = process.hrtime.bigint();
          for (let i = 0; i < reps; i++) run(b, kind, code, x, y, n);
          times.push(Number(process.hrtime.bigint() - t0) / (reps * n));
        }
        best[k] = Math.min(best[k], median(times));
      }
    }
    console.log(`| ${name} | ${n} | ${best[0].toFixed(2)} | ${best[1].toFixed(2)} | ${(best[0] / best[1]).toFixed(2)}× |`);
  }
}
