// Cold start: fresh `node` processes (bench/startup/*.mjs) that import the library, initialise it, run
// one 64×64 matmul and read the result; each prints performance.now() then, i.e. ms since its process
// started. ascent is loaded as users load it (`import 'ascent'` = the built dist/index.js, so run
// `npm run build` after changing src/). Bare `node -e` is the floor. Runs are interleaved, medians.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, printTable, type TargetResult } from './util.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPS = 9;
const GOAL = 0.6; // BASELINE.md: cold start ≤ 0.6× tfjs-wasm's time

const RUNS: [string, string[]][] = [
  ['ascent', ['bench/startup/ascent.mjs']],
  ['tfjs-wasm', ['bench/startup/tfjs-wasm.mjs']],
  ['tfjs-cpu', ['bench/startup/tfjs-cpu.mjs']],
  ['bare node', ['-e', 'console.log(performance.now())']],
];

/** One fresh process: [ms from its start to the result (its own clock), ms from spawn to exit (ours)]. */
function once(args: string[]): [number, number] {
  const t = performance.now();
  const p = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const wall = performance.now() - t;
  const last = p.stdout.trim().split('\n').pop() ?? '';
  if (p.status !== 0 || !Number.isFinite(Number(last))) {
    throw new Error(`startup: node ${args.join(' ')} failed (${p.status}):\n${p.stderr || p.stdout}`);
  }
  return [Number(last), wall];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Warns when a source file is newer than the build, since the ascent child loads dist/ and build/. */
function checkBuild(): void {
  const built = Math.min(...['dist/index.js', 'build/ascent.wasm'].map(f => fs.statSync(path.join(ROOT, f)).mtimeMs));
  const newer = (dir: string): boolean => fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).some(e =>
    e.isDirectory() ? newer(path.join(dir, e.name)) : fs.statSync(path.join(ROOT, dir, e.name)).mtimeMs > built);
  if (newer('src') || newer('assembly')) console.warn('WARNING: src/ or assembly/ is newer than dist/ or build/: run `npm run build`');
}

export async function run(): Promise<TargetResult[]> {
  checkBuild();
  for (const [, args] of RUNS) once(args); // warm the file cache
  const at = RUNS.map(() => [] as number[]), wall = RUNS.map(() => [] as number[]);
  for (let i = 0; i < REPS; i++) {
    RUNS.forEach(([, args], j) => { const [a, w] = once(args); at[j].push(a); wall[j].push(w); });
  }
  const ms = at.map(median), wallMs = wall.map(median);
  const [ascent, wasm] = ms;
  printTable(`cold start, fresh node process to the first 64×64 matmul result (median of ${REPS}); ratio = time ÷ tfjs-wasm's (target ascent ≤ ${GOAL}×)`,
    ['run', 'ms at result', 'ms spawn→exit', 'min…max at result', '÷ tfjs-wasm'],
    RUNS.map(([name], j) => [name, fmt(ms[j]), fmt(wallMs[j]), `${fmt(Math.min(...at[j]))}…${fmt(Math.max(...at[j]))}`,
      `${fmt(ms[j] / wasm)}×`]));
  const ratio = wasm / ascent; // speed ratio as the other targets: ≥ 1/0.6 means ≤ 0.6× the time
  return [{ bench: 'startup', name: `cold start ${fmt(ascent)} ms (tfjs-wasm ${fmt(wasm)})`, ratio, goal: +fmt(1 / GOAL), met: ascent <= GOAL * wasm }];
}
