// `npm run bench:threads`: ascent at 1 and 2 threads in one process (issue 18). Cases: GEMM 1024³ in its three
// forms (A·B, Aᵀ·B, A·Bᵀ), one Adam step of the MLP 784-256-128-64-32-10 at batch 256 (trainOnBatch, as bench/mlp.ts),
// one training step of bench/cnn.ts's CNN ([64,28,28,1], two 3×3 convs, tape + Adam), inference of that MLP (batch
// 256) and of a Layers CNN of the same shape (batch 64), and one MNIST epoch of bench/mlp.ts's 784-128-10 with
// model.fit (batch 128). Rounds alternate 1 and 2 threads (the first 1-thread round runs on the default build:
// tf.setThreads(1) before tf.ready(); later ones on the threaded build's shared memory); each figure is the best of
// the rounds' medians, because this machine is shared with other work. Also checks that every case gives the same
// bytes at both counts. Then the same inference work with onnxruntime-web and tfjs-backend-wasm at 1 and 2 threads,
// each in child processes (bench/threads-other.run.ts), and the 8-core projection from each case's unsplit
// fraction. `-- --rounds 5` for more rounds, `-- --no-others` to skip the other libraries, `-- --no-warm` to turn
// pool.ts's warm() off (training steps then do not wake sleeping workers ahead of their splits).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '../src/index.js';
import { toOnnx } from '../src/onnx/export.js';
import { cnnStep } from './cnn-step.js';
import { fmt, measure, mnist, printTable, randomData } from './util.js';

const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;

interface Case { name: string; goal?: number; setup(): { step(): void; result(): Float32Array; dispose(): void } }

function gemm(ta: boolean, tb: boolean): Case {
  return {
    name: `GEMM 1024 ${ta ? 'Aᵀ·B' : tb ? 'A·Bᵀ' : 'A·B'}`, goal: 1.8,
    setup() {
      const a = tf.tensor(randomData(1024 * 1024, 1), [1024, 1024]), b = tf.tensor(randomData(1024 * 1024, 2), [1024, 1024]);
      let last: tf.Tensor | null = null;
      return {
        step() { last?.dispose(); last = tf.matMul(a, b, ta, tb); last.dataSync(); },
        result: () => last!.dataSync() as Float32Array,
        dispose() { tf.dispose([a, b]); last?.dispose(); },
      };
    },
  };
}

const mlp: Case = {
  name: 'MLP 784-256-128-64-32-10 Adam step, batch 256', goal: 1.5,
  setup() {
    tf.setSeed(1);
    const sizes = [784, 256, 128, 64, 32, 10];
    const m = tf.sequential({ layers: sizes.slice(1).map((u, i) => tf.layers.dense({ units: u, activation: i === sizes.length - 2 ? 'softmax' : 'relu', ...(i === 0 ? { inputShape: [784] } : {}) })) });
    m.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
    const x = tf.tensor(randomData(256 * 784, 1), [256, 784]), y = tf.tensor(Int32Array.from({ length: 256 }, (_, i) => i % 10), [256], 'int32');
    return {
      step() { void m.trainOnBatch(x, y); },
      result: () => Float32Array.from(m.getWeights().flatMap((w) => Array.from(w.dataSync() as Float32Array))),
      dispose() { tf.dispose([x, y]); m.dispose(); },
    };
  },
};

const cnn: Case = {
  name: 'CNN step [64,28,28,1] conv32-pool-conv64-pool-dense10, Adam', goal: 1.6,
  setup() {
    const s = cnnStep(tf);
    return { step() { s.step(); }, result: () => Float32Array.from(s.vars.flatMap((v) => Array.from(v.dataSync() as Float32Array))), dispose: s.dispose };
  },
};

function mlpModel(): tf.Sequential {
  tf.setSeed(3);
  const sizes = [784, 256, 128, 64, 32, 10];
  return tf.sequential({ layers: sizes.slice(1).map((u, i) => tf.layers.dense({ units: u, activation: i === sizes.length - 2 ? 'softmax' : 'relu', ...(i === 0 ? { inputShape: [784] } : {}) })) });
}
function cnnModel(): tf.Sequential {
  tf.setSeed(4);
  return tf.sequential({ layers: [
    tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }), tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }), tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.flatten(), tf.layers.dense({ units: 10, activation: 'softmax' })] });
}
function inference(name: string, model: () => tf.Sequential, shape: number[]): Case {
  return {
    name,
    setup() {
      const m = model(), x = tf.tensor(randomData(shape.reduce((a, b) => a * b, 1), 1), shape);
      let last: tf.Tensor | null = null;
      return {
        step() { last?.dispose(); last = m.predict(x) as tf.Tensor; last.dataSync(); },
        result: () => last!.dataSync() as Float32Array,
        dispose() { last?.dispose(); x.dispose(); m.dispose(); },
      };
    },
  };
}
const mlpInfer = inference('MLP 784-256-128-64-32-10 predict, batch 256', mlpModel, [256, 784]);
const cnnInfer = inference('CNN conv32-pool-conv64-pool-dense10 predict, batch 64', cnnModel, [64, 28, 28, 1]);

// `-- --only MLP,epoch`: only the cases whose names contain one of these words (case-insensitive)
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].toLowerCase().split(',') : null;
const chosen = (name: string) => ONLY === null || ONLY.some((w) => name.toLowerCase().includes(w));
const CASES = [gemm(false, false), gemm(true, false), gemm(false, true), mlp, cnn, mlpInfer, cnnInfer].filter((c) => chosen(c.name));

// One MNIST epoch with fit, as bench/mlp.ts (784-128-10, Adam 1e-3, batch 128): seconds, and the final weights.
const EPOCH = 'MNIST epoch 784-128-10 fit, batch 128 (s)';
const data = mnist();
async function epoch(): Promise<{ ms: number; bytes: Float32Array }> {
  tf.setSeed(5);
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 128, activation: 'relu', inputShape: [784] }), tf.layers.dense({ units: 10, activation: 'softmax' })] });
  m.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const x = tf.tensor(data.x, [60000, 784]), y = tf.tensor(data.y, [60000], 'int32');
  const t0 = performance.now();
  await m.fit(x, y, { epochs: 1, batchSize: 128, verbose: 0, shuffle: false });
  const ms = performance.now() - t0;
  const bytes = Float32Array.from(m.getWeights().flatMap((w) => Array.from(w.dataSync() as Float32Array)));
  tf.dispose([x, y]);
  m.dispose();
  return { ms: ms / 1000, bytes };
}

/** Median ms of one case's step, and its result after a fixed number of steps from a fresh setup. */
function time(c: Case): { ms: number; bytes: Float32Array } {
  const s = c.setup();
  for (let i = 0; i < 3; i++) s.step();
  const bytes = s.result().slice();
  const ms = measure(() => s.step(), { budgetMs: 1500, minRuns: 5, warmupMs: 200 });
  s.dispose();
  return { ms, bytes };
}

await tf.setThreads(1); // the first 1-thread round on the default build
await tf.ready();
// `-- --no-warm`: training steps do not wake sleeping workers ahead of their splits (pool.ts warm()), to compare
if (process.argv.includes('--no-warm')) (await import('../src/backend/pool.js')).setWarm(false);

// `-- --split`: the threshold of the elementwise, reduction and optimizer splits (SPLIT_MIN_BYTES in pool.ts): 1 → 2
// threads on add (12 B per element), exp (8 B) and an Adam update (20 B) from 2^13 to 2^20 elements, with the split
// forced on by a threshold of 0 (the ratio where it pays off is the threshold to choose), best of 5 medians.
if (process.argv.includes('--split')) {
  const pool = await import('../src/backend/pool.js');
  const sizes = (process.env.SIZES ?? '10,11,12,13,14,15,16,17,18,20').split(',').map((k) => 1 << Number(k));
  const rows: string[][] = [];
  for (const n of sizes) {
    const a = tf.tensor(randomData(n, 1), [n]), b = tf.tensor(randomData(n, 2), [n]);
    const v = tf.variable(tf.tensor(randomData(n, 3), [n])), opt = tf.train.adam(1e-3);
    const img = tf.reshape(a, [8, n / 512, 16, 4]) as tf.Tensor4D;
    const ops: [string, () => void][] = [
      ['add', () => tf.add(a, b).dispose()], ['exp', () => tf.exp(a).dispose()],
      ['adam', () => opt.applyGradients([{ name: v.name, tensor: b }])],
      ['maxPool', () => tf.maxPool(img, 2, 2, 'valid').dispose()],
    ];
    const t: number[][] = ops.map(() => [Infinity, Infinity]);
    for (let round = 0; round < 5; round++) {
      for (const threads of [1, 2]) {
        await tf.setThreads(threads);
        pool.setThresholds({ split: 0, images: 0 });
        ops.forEach(([, f], i) => { t[i][threads - 1] = Math.min(t[i][threads - 1], measure(f, { budgetMs: 150, minRuns: 20, warmupMs: 30 })); });
      }
    }
    pool.setThresholds();
    rows.push([String(n), ...t.map(([t1, t2]) => `${fmt(t1 * 1000)} / ${fmt(t2 * 1000)} µs = ${fmt(t1 / t2)}×`)]);
    tf.dispose([a, b, v, img]); opt.dispose();
  }
  printTable(`1 → 2 threads by size (µs at 1 / at 2 threads = ratio); load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    ['elements', 'add (12 B/elt)', 'exp (8 B/elt)', 'adam (20 B/elt)', 'maxPool 2×2 of [8,n/512,16,4] (5 B/elt)'], rows);
  await tf.setThreads(1);
  process.exit(0);
}
// `-- --gemm`: the threshold of the GEMM split (GEMM_MIN_WORK in pool.ts): 1 → 2 threads on square products 32³ …
// 128³ and the MLP's products (batch 256: 784→128, 128→64, 64→10) in the three forms (A·B forward, A·Bᵀ the input
// gradient, Aᵀ·B the weight gradient), with the split forced on; best of 5 medians. SHAPES=m×n×k,… for others.
if (process.argv.includes('--gemm')) {
  const pool = await import('../src/backend/pool.js');
  const shapes = (process.env.SHAPES ?? '32x32x32,48x48x48,64x64x64,80x80x80,96x96x96,128x128x128,256x128x784,256x64x128,256x10x64')
    .split(',').map((t) => t.split('x').map(Number));
  const rows: string[][] = [];
  for (const [m, n, k] of shapes) {
    for (const [form, ta, tb] of [['A·B', false, false], ['Aᵀ·B', true, false], ['A·Bᵀ', false, true]] as const) {
      const a = tf.tensor(randomData(m * k, 1), ta ? [k, m] : [m, k]), b = tf.tensor(randomData(k * n, 2), tb ? [n, k] : [k, n]);
      const t = [Infinity, Infinity];
      for (let round = 0; round < 5; round++) {
        for (const threads of [1, 2]) {
          await tf.setThreads(threads);
          pool.setThresholds({ gemm: 0 });
          t[threads - 1] = Math.min(t[threads - 1], measure(() => tf.matMul(a, b, ta, tb).dispose(), { budgetMs: 100, minRuns: 20, warmupMs: 20 }));
        }
      }
      pool.setThresholds();
      rows.push([`${m}×${n}×${k}`, form, String(m * n * k), `${fmt(t[0] * 1000)} µs`, `${fmt(t[1] * 1000)} µs`, `${fmt(t[0] / t[1])}×`]);
      tf.dispose([a, b]);
    }
  }
  printTable(`GEMM 1 → 2 threads, split forced (C is M×N, K the reduction); load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    ['M×N×K', 'form', 'M·N·K', '1 thread', '2 threads', 'ratio'], rows);
  await tf.setThreads(1);
  process.exit(0);
}

// `-- --dispatch`: the cost of one dispatch round trip (post to the worker, wake it, its part, the join): a
// 128-element relu split in two parts of 64 (par.split with the threshold at 0) against the same kernel call
// unsplit, back to back and with ~30 µs of calling-thread work between dispatches (as the per-op JavaScript
// between an MLP step's kernels), µs per call, best of 5 medians.
if (process.argv.includes('--dispatch')) {
  const pool = await import('../src/backend/pool.js');
  const { par, UNARY, COUNT } = await import('../src/backend/parallel.js');
  const { K } = await import('../src/backend/wasm.js');
  const { Unary } = await import('../src/backend/abi.js');
  await tf.setThreads(2);
  pool.setThresholds({ split: 0 });
  const x = tf.tensor(randomData(128, 1), [128]), y = tf.zeros([128]);
  const xp = (x as unknown as { ptr: number }).ptr, yp = (y as unknown as { ptr: number }).ptr;
  const CALLS = 200;
  let sink = 0;
  const gap = (us: number) => { const end = performance.now() + us / 1000; while (performance.now() < end) sink++; };
  const cases: [string, (g: number) => void][] = [
    ['unsplit', (g) => { for (let i = 0; i < CALLS; i++) { K().f32_unary__wasmsimd(Unary.relu, xp, yp, 128); if (g) gap(g); } }],
    ['split in 2', (g) => {
      for (let i = 0; i < CALLS; i++) {
        if (!par.split!(UNARY, 128, 64, [Unary.relu, xp, yp, 128], [0, 4, 4, COUNT], undefined, 8)) throw new Error('not split');
        if (g) gap(g);
      }
    }],
  ];
  const rows: string[][] = [];
  for (const mode of ['never', 'auto'] as const)
  for (const g of (process.env.GAPS ?? "0,30,100").split(",").map(Number)) {
    pool.setTakeover(mode);
    const taken0 = pool.splitCounts.taken, splits0 = pool.splitCounts.kernels.f32_unary__wasmsimd ?? 0;
    const t = cases.map(([, f]) => { let b = Infinity; for (let r = 0; r < 5; r++) b = Math.min(b, measure(() => f(g), { budgetMs: 200, minRuns: 5, warmupMs: 50 })); return (b * 1000) / CALLS; });
    const taken = (pool.splitCounts.taken - taken0) / ((pool.splitCounts.kernels.f32_unary__wasmsimd ?? 0) - splits0);
    rows.push([mode === 'never' ? 'waits for the worker' : 'takes late parts over', `${g} µs`, `${fmt(t[0])} µs`, `${fmt(t[1])} µs`, `${fmt(t[1] - t[0])} µs`, `${Math.round(taken * 100)} %`]);
  }
  printTable(`dispatch round trip at 2 threads, µs per call (best of 5 medians of ${CALLS} calls); load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    ['caller', 'gap between calls', 'relu 128 unsplit', 'relu 128 split in 2', 'round trip', 'parts the caller took over'], rows);
  if (sink < 0) console.log(sink);
  tf.dispose([x, y]);
  pool.setTakeover();
  pool.setThresholds();
  await tf.setThreads(1);
  process.exit(0);
}
// `-- --spin 0.02,0.1,0.5`: the cases (with --only) at 1 thread and at 2 threads with each spin time (ms: how long
// workers and the join spin before they sleep, pool.ts SPIN_MS), rounds interleaved; best of the rounds' medians.
// With `--warm-ab` each spin also runs with pool.ts's warm() off (training steps do not wake sleeping workers).
// `-- --chunks 1,4`: the same at the default spin with each number of chunks per thread of a split product or
// optimizer update (pool.ts CHUNKS_PER_THREAD; 1: one part per thread, claimed as the chunks are).
if (process.argv.includes('--spin') || process.argv.includes('--chunks')) {
  const pool = await import('../src/backend/pool.js');
  const arg = (flag: string) => (process.argv.includes(flag) ? process.argv[process.argv.indexOf(flag) + 1].split(',').map(Number) : null);
  const spins = arg('--spin') ?? [0.2];
  const chunkCounts = arg('--chunks') ?? [4];
  const warms = process.argv.includes('--warm-ab') ? [true, false] : [!process.argv.includes('--no-warm')];
  const configs: [number, number, boolean, number][] = [[1, 0, true, 4],
    ...spins.flatMap((s) => warms.flatMap((w) => chunkCounts.map((c) => [2, s, w, c] as [number, number, boolean, number])))];
  const names = [...CASES.map((c) => c.name), ...(chosen(EPOCH) ? [EPOCH] : [])];
  const t = names.map(() => configs.map(() => Infinity));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [ci, [n, spin, warm, chunks]] of configs.entries()) {
      pool.setSpin(spin);
      pool.setWarm(warm);
      pool.setChunks(chunks);
      await tf.setThreads(1);
      if (n > 1) await tf.setThreads(n);
      const cpu0 = process.cpuUsage(), wall0 = performance.now();
      for (const [i, name] of names.entries()) {
        const c = CASES.find((x) => x.name === name);
        t[i][ci] = Math.min(t[i][ci], (c ? time(c) : await epoch()).ms);
      }
      const cpu = process.cpuUsage(cpu0), busy = (cpu.user + cpu.system) / 1000 / (performance.now() - wall0);
      console.log(`round ${round + 1}, ${n} thread${n > 1 ? `s, spin ${spin} ms${warm ? '' : ', no warm'}, ${chunks} chunks/thread` : ''}: load ${os.loadavg()[0].toFixed(2)}, process CPU ÷ wall ${busy.toFixed(2)}`);
    }
  }
  pool.setSpin();
  pool.setWarm();
  pool.setChunks();
  printTable(`ms per call (the epoch: s), best of ${ROUNDS} medians, and the ratio to 1 thread; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    ['case', ...configs.map(([n, sp, w, c]) => (n === 1 ? '1 thread' : `2 thr, spin ${sp} ms${w ? '' : ', no warm'}, ${c} ch`))],
    names.map((name, i) => [name, ...t[i].map((x, ci) => (ci === 0 ? fmt(x) : `${fmt(x)} (${fmt(t[i][0] / x)}×)`))]));
  await tf.setThreads(1);
  process.exit(0);
}
console.log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} ` +
  `(the machine is shared: best of ${ROUNDS} rounds)`);
const best: Record<string, [number, number]> = {};
const same: Record<string, boolean> = {};
const first: Record<string, Float32Array> = {};
for (let round = 0; round < ROUNDS; round++) {
  for (const n of [1, 2]) {
    if (round > 0 || n > 1) await tf.setThreads(n);
    const cpu0 = process.cpuUsage(), wall0 = performance.now();
    for (const c of [...CASES, ...(chosen(EPOCH) ? [null] : [])]) {
      const name = c?.name ?? EPOCH;
      const { ms, bytes } = c ? time(c) : await epoch();
      const b = (best[name] ??= [Infinity, Infinity]);
      b[n - 1] = Math.min(b[n - 1], ms);
      first[name] ??= bytes;
      const f = first[name];
      same[name] = (same[name] ?? true) && f.length === bytes.length &&
        Buffer.compare(Buffer.from(f.buffer, f.byteOffset, f.byteLength), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) === 0;
    }
    // the process's CPU time over the round's wall time: near n when the threads had their cores, near 1 at 2
    // threads when another process held the second core (then the 2-thread figures say nothing about the split)
    const cpu = process.cpuUsage(cpu0), busy = (cpu.user + cpu.system) / 1000 / (performance.now() - wall0);
    console.log(`round ${round + 1}, ${n} thread${n > 1 ? 's' : ''}: done (load ${os.loadavg()[0].toFixed(2)}, process CPU ÷ wall ${busy.toFixed(2)})`);
  }
}
// Amdahl from the two counts: t(n) = t1·(s + (1 - s)/n), so the unsplit fraction s = 2·t2/t1 - 1 (clamped to
// [0, 1]: timing noise), and 8 cores would give t1/t(8). Optimistic where the split part itself stops scaling
// (memory bandwidth for elementwise work), pessimistic where the dispatch overhead (per split call) dominates s.
const project = (t1: number, t2: number) => {
  const s = Math.min(1, Math.max(0, 2 * t2 / t1 - 1));
  return { s, x8: 1 / (s + (1 - s) / 8) };
};
const GOALS: Record<string, number | undefined> = Object.fromEntries(CASES.map((c) => [c.name, c.goal]));
GOALS[EPOCH] = 1.4;
printTable(`ascent, 1 vs 2 threads: ms per call (best of ${ROUNDS} medians; the epoch: s, best of ${ROUNDS}); ratio = 1-thread time ÷ 2-thread time; ` +
  'unsplit = the fraction of the 1-thread time that did not scale (Amdahl, from the two counts), 8 cores = its projection',
  ['case', '1 thread', '2 threads', 'ratio', 'goal', 'unsplit', '8 cores', 'same bytes'],
  [...CASES.map((c) => c.name), ...(chosen(EPOCH) ? [EPOCH] : [])].map((name) => {
    const [t1, t2] = best[name];
    const { s, x8 } = project(t1, t2);
    const goal = GOALS[name];
    return [name, fmt(t1), fmt(t2), `${fmt(t1 / t2)}×`, goal ? `≥ ${goal}×` : '', `${Math.round(s * 100)} %`, `${fmt(x8)}×`, same[name] ? 'yes' : 'NO'];
  }));
await tf.setThreads(1);

// The other libraries on the same inference work, each at 1 and 2 threads in its own process.
if (!process.argv.includes('--no-others') && ONLY === null) {
  const dir = mkdtempSync(join(os.tmpdir(), 'ascent-threads-bench-'));
  try {
    const gemmModel = tf.sequential({ layers: [tf.layers.dense({ units: 1024, useBias: false, inputShape: [1024] })] });
    for (const [file, m] of [['gemm1024.onnx', gemmModel], ['mlp.onnx', mlpModel()], ['cnn.onnx', cnnModel()]] as const) {
      writeFileSync(join(dir, file), toOnnx(m));
      m.dispose();
    }
    const here = fileURLToPath(new URL('.', import.meta.url));
    const run = (lib: string, n: number): Record<string, number | string> => {
      try {
        const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, 'threads-other.run.ts'), lib, String(n), dir],
          { encoding: 'utf8', timeout: 180_000, stdio: ['ignore', 'pipe', 'pipe'] });
        return JSON.parse(out.trim().split('\n').pop()!);
      } catch (e) {
        return { error: String((e as Error).message).split('\n')[0].slice(0, 160) };
      }
    };
    const others = { ort1: run('ort', 1), ort2: run('ort', 2), tfjs1: run('tfjs', 1), tfjs2: run('tfjs', 2) };
    const cell = (r: Record<string, number | string>, k: string) => (typeof r[k] === 'number' ? fmt(r[k] as number) : '—');
    const ratio = (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? `${fmt(a / b)}×` : '—');
    const ours: Record<string, [number, number]> = { gemm: best['GEMM 1024 A·B'], mlp: best[mlpInfer.name], cnn: best[cnnInfer.name] };
    const tfjsSays = (r: Record<string, number | string>) => (r.error ? `failed: ${String(r.error)}` : `getThreadsCount() = ${String(r.threads)}`);
    printTable(`inference at 1 and 2 threads, ms per call (median; others in child processes); onnxruntime-web: ort.env.wasm.numThreads = 1, 2; ` +
      `tfjs-wasm: setThreadsCount(1): ${tfjsSays(others.tfjs1)}; setThreadsCount(2) with WASM_HAS_MULTITHREAD_SUPPORT forced on: ${tfjsSays(others.tfjs2)}`,
      ['case', 'ascent 1', 'ascent 2', 'ascent 1→2', 'ort 1', 'ort 2', 'ort 1→2', 'tfjs-wasm 1', 'tfjs-wasm 2', 'tfjs 1→2', 'ort 2 ÷ ascent 2', 'tfjs 2 ÷ ascent 2'],
      (['gemm', 'mlp', 'cnn'] as const).map((k) => [
        { gemm: 'GEMM 1024 (ort: one MatMul node)', mlp: mlpInfer.name, cnn: cnnInfer.name }[k], fmt(ours[k][0]), fmt(ours[k][1]), `${fmt(ours[k][0] / ours[k][1])}×`,
        cell(others.ort1, k), cell(others.ort2, k), ratio(others.ort1[k], others.ort2[k]),
        cell(others.tfjs1, k), cell(others.tfjs2, k), ratio(others.tfjs1[k], others.tfjs2[k]),
        ratio(others.ort2[k], ours[k][1]), ratio(others.tfjs2[k], ours[k][1])]));
    for (const [k, r] of Object.entries(others)) if (r.error) console.log(`  ${k}: ${String(r.error)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
