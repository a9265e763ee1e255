// The per-core f32 SIMD limit of this machine, measured in the benchmark's own process: a hand-written wasm loop
// of independent f32x4 multiply + add chains held in registers (no memory traffic), and the same with relaxed
// SIMD's fused multiply-add where the engine has it. bench/matmul.ts divides GEMM GFLOP/s by it.
//
// Each chain is c ← c + c·m (mul+add) or c ← fma(c, m, c): every step depends on the chain's previous value, so
// nothing is loop-invariant for the compiler to hoist, and enough chains run side by side to cover the
// multiply/add latency. m is so small that c never changes (c·m is below half an ulp of c): no overflow, no
// denormals. More chains than x64's 15 allocatable xmm registers would spill; the best of a few counts is taken.
import binaryen from 'binaryen';
import { performance } from 'node:perf_hooks';
import { cpuMs } from './util.js';

type Kind = 'mul+add' | 'fma';

function wat(chains: number, kind: Kind): string {
  const c = (i: number) => `(local.get $c${i})`;
  const step = (i: number) => kind === 'fma'
    ? `(local.set $c${i} (f32x4.relaxed_madd ${c(i)} (local.get $m) ${c(i)}))`
    : `(local.set $c${i} (f32x4.add ${c(i)} (f32x4.mul ${c(i)} (local.get $m))))`;
  const ids = Array.from({ length: chains }, (_, i) => i);
  // the result reads every chain, so none is dead code
  const sum = ids.reduce((s, i) => `(f32.add ${s} (f32x4.extract_lane 0 ${c(i)}))`, '(f32.const 0)');
  return `(module
    (func (export "run") (param $n i32) (param $x f32) (result f32)
      (local $m v128) ${ids.map(i => `(local $c${i} v128)`).join(' ')}
      (local.set $m (f32x4.splat (local.get $x)))
      ${ids.map(i => `(local.set $c${i} (f32x4.splat (f32.const ${i + 1})))`).join('\n')}
      (loop $l
        ${ids.map(step).join('\n')}
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      ${sum}))`;
}

function compile(chains: number, kind: Kind): ((n: number, x: number) => number) | null {
  const mod = binaryen.parseText(wat(chains, kind));
  mod.setFeatures(binaryen.Features.SIMD128 | (kind === 'fma' ? binaryen.Features.RelaxedSIMD : 0));
  const bytes = mod.emitBinary();
  mod.dispose();
  if (!WebAssembly.validate(bytes)) return null; // no relaxed SIMD in this engine
  return new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.run as (n: number, x: number) => number;
}

const CHAINS = [8, 10, 12];

/**
 * GFLOP/s of one loop: the best of `runs` calls, after a warm-up long enough for the optimising tier. Timed by
 * CPU time when `cpu` (see bench/util.ts measureClocks), else by the wall clock.
 */
function gflops(run: (n: number, x: number) => number, chains: number, runs: number, cpu: boolean): number {
  // V8 starts a wasm function in its baseline compiler and swaps in optimised code only between calls
  const t0 = performance.now();
  while (performance.now() - t0 < 150) run(20_000, 1e-8);
  const n = 1_000_000;
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t = cpu ? cpuMs() : performance.now();
    run(n, 1e-8);
    best = Math.min(best, (cpu ? cpuMs() : performance.now()) - t);
  }
  return (8 * chains * n) / (best * 1e6); // 8 flops per f32x4 mul+add or fma
}

export interface Roofline { mulAdd: number; fma?: number }

const loops = new Map<string, (n: number, x: number) => number>();

/** The best GFLOP/s over the chain counts, for mul+add and (if the engine has relaxed SIMD) FMA. */
export function roofline(cpu = false, runs = 20): Roofline {
  const best = (kind: Kind): number | undefined => {
    let g: number | undefined;
    for (const chains of CHAINS) {
      const key = `${kind}${chains}`;
      if (!loops.has(key)) {
        const f = compile(chains, kind);
        if (!f) return undefined;
        loops.set(key, f);
      }
      g = Math.max(g ?? 0, gflops(loops.get(key)!, chains, runs, cpu));
    }
    return g;
  };
  return { mulAdd: best('mul+add')!, fma: best('fma') };
}
