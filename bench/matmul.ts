// Square float32 matmul, A·B (nn), Aᵀ·B (tn), A·Bᵀ (nt): ascent against tfjs-wasm (SIMD, one thread)
// and tfjs cpu (n ≤ 256), all in this process. Inputs are created once per library and size; a timed
// run is the op plus dataSync of its result. Each case runs tfjs then ascent back to back.
import * as tf from '../src/index.js';
import { fmt, measure, printTable, randomData, setupTfjs, status, tfc, useTfjs, type TargetResult } from './util.js';

const SIZES = [64, 128, 256, 512, 1024];
const MODES = [['nn', false, false], ['tn', true, false], ['nt', false, true]] as const;
type Mode = (typeof MODES)[number][0];
/** BASELINE.md targets (ascent ÷ tfjs-wasm, same process), checked at n ≥ TARGET_MIN_N. */
const GOALS: Record<Mode, number> = { nn: 1.5, tn: 15, nt: 15 };
const TARGET_MIN_N = 256;
const CPU_MAX_N = 256;
const LABEL: Record<Mode, string> = { nn: 'A·B', tn: 'Aᵀ·B', nt: 'A·Bᵀ' };

/** Median ms of op + dataSync of its result; also returns the last result for the correctness check. */
function timeOp(op: () => { dataSync(): unknown; dispose(): void }): [number, Float32Array] {
  let out: Float32Array = new Float32Array(0);
  const ms = measure(() => {
    const c = op();
    out = c.dataSync() as Float32Array;
    c.dispose();
  });
  return [ms, out];
}

function maxRelErr(x: Float32Array, ref: Float32Array): number {
  let err = 0, scale = 0;
  for (let i = 0; i < ref.length; i++) { err = Math.max(err, Math.abs(x[i] - ref[i])); scale = Math.max(scale, Math.abs(ref[i])); }
  return x.length === ref.length ? err / (scale || 1) : Infinity;
}

export async function run(): Promise<TargetResult[]> {
  await tf.ready();
  await setupTfjs();
  const rows: { mode: Mode; n: number; ascent: number; wasm: number; cpu?: number; err: number; target?: TargetResult }[] = [];
  for (const n of SIZES) {
    const A = randomData(n * n, 1), B = randomData(n * n, 2);
    const gflops = (ms: number) => (2 * n ** 3) / (ms * 1e6);
    const a = tf.tensor2d(A, [n, n]), b = tf.tensor2d(B, [n, n]);
    await useTfjs('wasm');
    const wa = tfc.tensor2d(A, [n, n]), wb = tfc.tensor2d(B, [n, n]);
    await useTfjs('cpu');
    const [ca, cb] = n <= CPU_MAX_N ? [tfc.tensor2d(A, [n, n]), tfc.tensor2d(B, [n, n])] : [];
    for (const [mode, ta, tb] of MODES) {
      let cpu: number | undefined;
      if (ca && cb) {
        await useTfjs('cpu');
        cpu = gflops(timeOp(() => tfc.matMul(ca, cb, ta, tb))[0]);
      }
      await useTfjs('wasm');
      const [wms, ref] = timeOp(() => tfc.matMul(wa, wb, ta, tb));
      const [ams, got] = timeOp(() => tf.matMul(a, b, ta, tb));
      const ratio = wms / ams;
      const target = n >= TARGET_MIN_N
        ? { bench: 'matmul', name: `${LABEL[mode]} n=${n}`, ratio, goal: GOALS[mode], met: ratio >= GOALS[mode] }
        : undefined;
      rows.push({ mode, n, ascent: gflops(ams), wasm: gflops(wms), cpu, err: maxRelErr(got, ref), target });
    }
    for (const t of [a, b, wa, wb, ca, cb]) t?.dispose();
  }
  rows.sort((x, y) => MODES.findIndex(m => m[0] === x.mode) - MODES.findIndex(m => m[0] === y.mode) || x.n - y.n);
  printTable('matmul, square float32, GFLOP/s = 2n³/median time (op + dataSync); ratio = ascent ÷ tfjs-wasm',
    ['case', 'n', 'ascent', 'tfjs-wasm', 'tfjs-cpu', 'ratio', 'target', 'status', 'max rel err'],
    rows.map(r => [LABEL[r.mode], String(r.n), fmt(r.ascent), fmt(r.wasm), fmt(r.cpu), `${fmt(r.ascent / r.wasm)}×`,
      r.target ? `≥ ${r.target.goal}×` : '—', status(r.target), r.err.toExponential(1)]));
  const bad = rows.filter(r => !(r.err < 1e-4));
  if (bad.length) console.log(`WARNING: ascent differs from tfjs-wasm in ${bad.map(r => `${r.mode} n=${r.n}`).join(', ')}`);
  return rows.flatMap(r => (r.target ? [r.target] : []));
}
