// Per-op cost: add of two 16-element tensors (call overhead, result disposed) and 1e6-element add / exp
// (memory bandwidth), ascent against tfjs-wasm and tfjs cpu. All three run their kernels synchronously
// inside the call, so returning from it is completion; no dataSync here (it would time a copy-out).
import * as tf from '../src/index.js';
import { fmt, measure, printTable, randomData, setupTfjs, tfc, useTfjs, type TargetResult } from './util.js';

const SMALL = 16, SMALL_OPS = 500; // ops per timed run of the small case
const BIG = 1_000_000;

interface Lib {
  tensor1d(v: Float32Array): { dispose(): void };
  add(a: never, b: never): { dispose(): void };
  exp(a: never): { dispose(): void };
}
interface Case { name: string; size: number; bytes?: number; run: (lib: Lib, a: never, b: never) => void; perRun: number }

const CASES: Case[] = [
  { name: 'add, 16 elements', size: SMALL, perRun: SMALL_OPS,
    run: (lib, a, b) => { for (let i = 0; i < SMALL_OPS; i++) lib.add(a, b).dispose(); } },
  { name: 'add, 1e6 elements', size: BIG, bytes: 12 * BIG, perRun: 1, run: (lib, a, b) => lib.add(a, b).dispose() },
  { name: 'exp, 1e6 elements', size: BIG, bytes: 8 * BIG, perRun: 1, run: (lib, a) => lib.exp(a).dispose() },
];

/** µs per op of `c` with `lib` (inputs created here, outside the timing). */
function time(lib: Lib, c: Case): number {
  const a = lib.tensor1d(randomData(c.size, 1)), b = lib.tensor1d(randomData(c.size, 2));
  const ms = measure(() => c.run(lib, a as never, b as never), { budgetMs: 300 });
  a.dispose(); b.dispose();
  return (ms * 1000) / c.perRun;
}

export async function run(): Promise<TargetResult[]> {
  await tf.ready();
  await setupTfjs();
  const rows: string[][] = [];
  for (const c of CASES) {
    await useTfjs('cpu');
    const cpu = time(tfc, c);
    await useTfjs('wasm');
    const wasm = time(tfc, c);
    const ascent = time(tf, c);
    const gbs = (us: number) => (c.bytes ? fmt(c.bytes / (us * 1e3)) : '—');
    rows.push([c.name, fmt(ascent), fmt(wasm), fmt(cpu), `${fmt(wasm / ascent)}×`, `${fmt(cpu / ascent)}×`,
      `${gbs(ascent)} / ${gbs(wasm)} / ${gbs(cpu)}`]);
  }
  printTable('small-op overhead and bandwidth, µs per op (median), results disposed; ratio = ascent speed ÷ tfjs speed (no BASELINE target)',
    ['case', 'ascent µs', 'tfjs-wasm µs', 'tfjs-cpu µs', 'vs wasm', 'vs cpu', 'GB/s ascent / wasm / cpu'], rows);
  return [];
}
