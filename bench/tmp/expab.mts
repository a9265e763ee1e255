// exp and softmax kernels, this build against another (main's), interleaved in one process at 1 thread:
// f32_unary exp over 100000 floats and f32_softmax over [128, 10] (the MNIST head), 10th percentile µs, best of 5.
// `npx tsx bench/tmp/expab.mts /work/main/build/ascent.wasm`
import { alloc, fill, load } from '../raw-build.js';
const builds = [['this', 'build/ascent.wasm'], ['other', process.argv[2]]].map(([n, p]) => [n, load(p)] as const);
const q10 = (f: () => void, reps: number) => {
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) { const t = performance.now(); f(); ts.push(performance.now() - t); }
  return ts.sort((a, b) => a - b)[Math.floor(reps / 10)] * 1000;
};
const best = new Map<string, number[]>();
for (let r = 0; r < 5; r++) {
  for (const [name, b] of builds) {
    const x = alloc(b, 100000), y = alloc(b, 100000);
    fill(b, x, 100000, 3);
    const e = q10(() => b.k.f32_unary__wasmsimd(4, x, y, 100000), 200), s = q10(() => b.k.f32_softmax(x, y, 128, 10), 5000);
    const o = best.get(name) ?? [Infinity, Infinity];
    best.set(name, [Math.min(o[0], e), Math.min(o[1], s)]);
  }
}
for (const [n, [e, s]] of best) console.log(`${n}: exp [100000] ${e.toFixed(1)} µs, softmax [128,10] ${s.toFixed(2)} µs`);
console.log(`load ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
