// Cold start: fresh `node` processes (bench/startup/*.mjs) that import the library, initialise it, run
// one 64×64 matmul and read the result; each prints performance.now() then, i.e. ms since its process
// started. ascent is loaded as users load it (`import 'ascent'` = the built dist/index.js, so run
// `npm run build` after changing src/). Bare `node -e` is the floor. Runs are interleaved, medians.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as os from 'node:os';
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
  await loadedModels();
  const ratio = wasm / ascent; // speed ratio as the other targets: ≥ 1/0.6 means ≤ 0.6× the time
  return [{ bench: 'startup', name: `cold start ${fmt(ascent)} ms (tfjs-wasm ${fmt(wasm)})`, ratio, goal: +fmt(1 / GOAL), met: ascent <= GOAL * wasm }];
}

// Cold start of a loaded model (issue 19): fresh processes from start to the first predict's values of a LeNet with
// BatchNorm saved as Layers JSON (model.json + weights.bin, file://) and of the MobileNetV2 ONNX fixture, with
// onnxruntime-web (wasm, 1 thread) on the same file; each child prints its phases (ms since process start) as JSON.
// 'no ready() first': the app awaits the loader alone, which compiles the kernels while it reads the file.
// ascent runs with its default threads (the workers start in the background). `npx tsx bench/startup.ts models`
// runs only this part.
const LENET = path.join(os.tmpdir(), 'ascent-startup-lenet');
const MBV2 = path.join(ROOT, 'test/fixtures/onnx17/mbv2-ts17.onnx');
const MODEL_RUNS: [string, string[]][] = [
  ['ascent, Layers JSON LeNet-BN', ['bench/startup/ascent-layers.mjs', path.join(LENET, 'model.json')]],
  ['ascent, Layers JSON LeNet-BN, no ready() first', ['bench/startup/ascent-layers.mjs', path.join(LENET, 'model.json'), 'overlap']],
  ['ascent, ONNX MobileNetV2', ['bench/startup/ascent-onnx.mjs', MBV2]],
  ['ascent, ONNX MobileNetV2, no ready() first', ['bench/startup/ascent-onnx.mjs', MBV2, 'overlap']],
  ['onnxruntime-web, ONNX MobileNetV2', ['bench/startup/ort-onnx.mjs', MBV2]],
];
const PHASES = ['import', 'ready', 'load', 'predict'] as const;

/** Saves the LeNet (BatchNorm statistics randomised, as after training) for the Layers child, with ascent's sources. */
async function saveLenet(): Promise<void> {
  const tf = await import('../src/index.js');
  await tf.ready();
  const L = tf.layers;
  const m = tf.sequential({ layers: [
    L.conv2d({ filters: 6, kernelSize: 5, padding: 'same', inputShape: [28, 28, 1] }), L.batchNormalization(), L.activation({ activation: 'relu' }),
    L.maxPooling2d({ poolSize: 2 }), L.conv2d({ filters: 16, kernelSize: 5 }), L.batchNormalization(), L.activation({ activation: 'relu' }),
    L.maxPooling2d({ poolSize: 2 }), L.flatten(), L.dense({ units: 120, activation: 'relu' }), L.dense({ units: 84, activation: 'relu' }),
    L.dense({ units: 10, activation: 'softmax' })] });
  await m.save(`file://${LENET}`);
  m.dispose();
}

function phases(args: string[]): Record<(typeof PHASES)[number], number> {
  const p = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const last = p.stdout.trim().split('\n').pop() ?? '';
  if (p.status !== 0 || !last.startsWith('{')) throw new Error(`startup: node ${args.join(' ')} failed (${p.status}):\n${p.stderr || p.stdout}`);
  return JSON.parse(last);
}

export async function loadedModels(): Promise<void> {
  checkBuild();
  await saveLenet();
  const load0 = os.loadavg()[0];
  for (const [, args] of MODEL_RUNS) phases(args); // warm the file cache
  const at = MODEL_RUNS.map(() => PHASES.map(() => [] as number[]));
  for (let i = 0; i < REPS; i++) {
    MODEL_RUNS.forEach(([, args], j) => { const r = phases(args); PHASES.forEach((ph, k) => at[j][k].push(r[ph])); });
  }
  printTable(`cold start of a loaded model: ms since process start at the end of each phase (median of ${REPS}, runs interleaved; import = the library imported, ready = kernels compiled and instantiated, load = model loaded, predict = first result read); load average ${load0.toFixed(2)} → ${os.loadavg()[0].toFixed(2)}`,
    ['run', ...PHASES, 'predict min…max', 'import → predict'],
    MODEL_RUNS.map(([name], j) => [name, ...PHASES.map((_, k) => fmt(median(at[j][k]))), `${fmt(Math.min(...at[j][3]))}…${fmt(Math.max(...at[j][3]))}`,
      fmt(median(at[j][3].map((p, i) => p - at[j][0][i])))]));
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === 'models') await loadedModels();
