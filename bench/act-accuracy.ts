// Accuracy of the activation kernels against float64 references, over a dense sweep of float32: every 2^STEP-th
// bit pattern of all finite floats (both signs) plus a uniform grid of 2^24 points on [-20, 20]. Prints, per
// function and build, the largest error in float32 ulps of the float64 reference (ulp at the reference's binade,
// 2^-149 below the normal range), the largest absolute error where |y| ≤ 1e-3 and the largest relative error
// where |y| ≥ 1e-30. Run: `npx tsx bench/act-accuracy.ts [build.wasm …] [--step 7]` (default: build/ascent.wasm;
// pass another checkout's build/ascent.wasm too to see the previous, scalar musl functions side by side; ACT_ONLY=gelu,tanh
// measures only those).
import { alloc, load, type Build } from './raw-build.js';
import { REF, ulpOf } from './act-ref.js';

const args = process.argv.slice(2);
const si = args.indexOf('--step');
const STEP = si >= 0 ? Number(args[si + 1]) : 7;
const builds = args.filter((a, i) => a.endsWith('.wasm') && args[i - 1] !== '--step');
if (builds.length === 0) builds.push('build/ascent.wasm');

type Fn = { name: string; kernel: 'unary' | 'act'; code: number; ref: (x: number) => number };
const ONLY = process.env.ACT_ONLY;
const FNS_ALL: Fn[] = [
  { name: 'exp', kernel: 'unary', code: 4, ref: REF.exp },
  { name: 'tanh', kernel: 'unary', code: 7, ref: REF.tanh },
  { name: 'sigmoid', kernel: 'unary', code: 6, ref: REF.sigmoid },
  { name: 'elu', kernel: 'unary', code: 23, ref: REF.elu },
  { name: 'selu', kernel: 'unary', code: 24, ref: REF.selu },
  { name: 'swish', kernel: 'act', code: 2, ref: REF.swish },
  { name: 'gelu', kernel: 'act', code: 3, ref: REF.gelu },
  { name: 'geluTanh', kernel: 'act', code: 4, ref: REF.geluTanh },
  { name: 'mish', kernel: 'act', code: 5, ref: REF.mish },
];
const FNS = ONLY ? FNS_ALL.filter((f) => ONLY.split(',').includes(f.name)) : FNS_ALL; // ACT_ONLY=gelu,tanh

function inputs(): Float32Array[] {
  const chunks: Float32Array[] = [];
  const step = 2 ** STEP, CH = 1 << 20;
  let buf = new Uint32Array(CH), k = 0;
  for (let b = 0; b < 0x7f800000; b += step) {
    buf[k++] = b; buf[k++] = (b | 0x80000000) >>> 0;
    if (k === CH) { chunks.push(new Float32Array(buf.buffer)); buf = new Uint32Array(CH); k = 0; }
  }
  if (k > 0) chunks.push(new Float32Array(buf.buffer, 0, k));
  for (let c = 0; c < 16; c++) {
    const f = new Float32Array(CH);
    for (let i = 0; i < CH; i++) f[i] = -20 + (40 * (c * CH + i)) / 2 ** 24;
    chunks.push(f);
  }
  return chunks;
}

interface Stat { ulp: number; ulpAt: number; abs: number; absAt: number; rel: number; relAt: number; bad: number }
function measure(b: Build, fn: Fn, chunks: Float32Array[]): Stat {
  const CH = 1 << 20, xp = alloc(b, CH), yp = alloc(b, CH);
  const s: Stat = { ulp: 0, ulpAt: 0, abs: 0, absAt: 0, rel: 0, relAt: 0, bad: 0 };
  for (const xs of chunks) {
    new Float32Array(b.mem.buffer, xp, xs.length).set(xs);
    if (fn.kernel === 'unary') b.k.f32_unary__wasmsimd(fn.code, xp, yp, xs.length);
    else b.k.f32_act__wasmsimd(fn.code, xp, yp, xs.length, 0);
    const ys = new Float32Array(b.mem.buffer, yp, xs.length);
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i], y = ys[i], r = fn.ref(x);
      if (Number.isNaN(r)) { if (!Number.isNaN(y)) s.bad++; continue; }
      if (!Number.isFinite(r) || Math.abs(r) > 3.4028234663852886e38) { if (y !== Math.fround(r)) s.bad++; continue; }
      const e = Math.abs(y - r), u = e / ulpOf(r);
      if (u > s.ulp) { s.ulp = u; s.ulpAt = x; }
      if (Math.abs(r) <= 1e-3 && e > s.abs) { s.abs = e; s.absAt = x; }
      if (Math.abs(r) >= 1e-30 && e / Math.abs(r) > s.rel) { s.rel = e / Math.abs(r); s.relAt = x; }
    }
  }
  return s;
}

const chunks = inputs();
const n = chunks.reduce((a, c) => a + c.length, 0);
console.log(`${n} inputs (every 2^${STEP}-th float32 of both signs + 2^24 on [-20, 20])`);
console.log('| function | build | max ulp (at x) | max abs err, |y| ≤ 1e-3 | max rel err, |y| ≥ 1e-30 | wrong specials |');
console.log('|---|---|---|---|---|---|');
for (const fn of FNS) {
  for (const path of builds) {
    const s = measure(load(path), fn, chunks);
    console.log(`| ${fn.name} | ${path} | ${s.ulp.toFixed(2)} (${s.ulpAt.toPrecision(6)}) | ${s.abs.toExponential(2)} | ${s.rel.toExponential(2)} (${s.relAt.toPrecision(6)}) | ${s.bad} |`);
  }
}
