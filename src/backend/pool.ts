// Threads' machinery, loaded only when threads start (tf.ready() where shared memory is possible, or
// tf.setThreads: both import this module dynamically, so an app that cannot use threads never downloads it).
// A pool of workers (Node worker_threads, browser Web Workers: one seam, spawn() below) that run
// kernels on the engine's own memory, shared. The main thread allocates everything; a worker only runs a kernel
// on the range it is given, with its own scratch (allocated for it by the main thread), and owns nothing.
//
// Dispatch is synchronous, as every ascent op is: the calling thread writes each worker's job (a kernel index
// and its arguments) into a small SharedArrayBuffer of control words, wakes the workers (Atomics.notify), runs
// its own share, then waits for theirs: Atomics.wait where the thread may block (Node, workers), a spin on
// Atomics.load on a browser's main thread, which may not. Workers sleep in Atomics.wait between jobs.
//
// Determinism: work is split on output elements only — rows or columns in whole micro-kernel tiles, whole images,
// ranges of 64 elements or whole rows of elementwise work, columns of a reduction — never along a reduction, and
// where to cut depends on the shapes and the thread count only: every output element is computed by the same
// instructions in the same order whatever the thread count, so the results are the same bits at 1, 2, … n threads
// and the same as the default build's.
import { isNode, nodeImport } from './node.js';
import { COUNT, DIMS, GEOM, par, type ImageKernel, type SplitKernel } from './parallel.js';
import { scratch } from './scratch.js';
import { autoThreadsOn, envThreads, H, K, toSharedMemory } from './wasm.js';

/**
 * The kernels workers may run, by index (the worker looks them up by name in its own instance); 1 … 5 are
 * parallel.ts's ImageKernel, 6 … its SplitKernel.
 */
const KERNELS = ['f32_gemm_ldc__wasmsimd_4x8', 'f32_im2col', 'f32_col2im', 'f32_maxpool', 'f32_maxpool_backward', 'f32_avgpool',
  'f32_unary__wasmsimd', 'f32_binary__wasmsimd', 'f32_act__wasmsimd', 'f32_reduce__wasmsimd', 'f32_reduce_cols__wasmsimd',
  'f32_sgd__wasmsimd', 'f32_momentum__wasmsimd', 'f32_adam__wasmsimd', 'f32_adamax__wasmsimd', 'f32_rmsprop__wasmsimd',
  'f32_adagrad__wasmsimd', 'f32_adadelta__wasmsimd', 'f32_conv2d_direct', 'f32_conv2d_direct_filter'] as const;
const GEMM = 0;

// Control words: one slot of SLOT i32 per worker. SEQ: the job number the main thread posts (the worker waits on
// it); DONE: the job number the worker finished; FN: the kernel (-1: exit); NARGS; ERR: 1 when the kernel threw.
// The arguments are f64 (pointers up to 4 GiB and i32 values are exact) from i32 index ARGS on.
const SLOT = 48, SEQ = 0, DONE = 1, FN = 2, NARGS = 3, ERR = 4, ARGS = 8, MAX_ARGS = (SLOT - ARGS) / 2;

// The worker's whole program, as text: it is started from a string (Node: eval; browsers: a Blob URL), so no
// bundler has to find, copy or rewrite a worker file. Plain ES2017, no imports.
const WORKER = `
const SLOT = ${SLOT}, SEQ = ${SEQ}, DONE = ${DONE}, FN = ${FN}, NARGS = ${NARGS}, ERR = ${ERR}, ARGS = ${ARGS};
function start(msg, post) {
  let fns;
  try {
    const inst = new WebAssembly.Instance(msg.module, { env: { memory: msg.memory } });
    fns = msg.names.map((n) => inst.exports[n]);
  } catch (e) { post({ error: String(e && e.message || e) }); return; }
  const i32 = new Int32Array(msg.control), f64 = new Float64Array(msg.control);
  const b = msg.slot * SLOT, a = (b + ARGS) >> 1;
  // job numbers start at 1 in a new control buffer: a job posted before this thread reaches its loop is not missed
  let seq = 0;
  post({ ready: true });
  for (;;) {
    while (Atomics.load(i32, b + SEQ) === seq) Atomics.wait(i32, b + SEQ, seq);
    seq = Atomics.load(i32, b + SEQ);
    const fn = i32[b + FN];
    if (fn < 0) break;
    try {
      fns[fn].apply(null, Array.from(f64.subarray(a, a + i32[b + NARGS])));
      i32[b + ERR] = 0;
    } catch (e) { i32[b + ERR] = 1; }
    Atomics.store(i32, b + DONE, seq);
    Atomics.notify(i32, b + DONE);
  }
  post({ exited: true });
}
if (typeof self === 'undefined' || typeof self.postMessage !== 'function' || typeof require === 'function') {
  const port = require('node:worker_threads').parentPort;
  port.once('message', (m) => start(m, (r) => port.postMessage(r)));
} else {
  self.onmessage = (e) => { self.onmessage = null; start(e.data, (r) => self.postMessage(r)); };
}
`;

/** What the pool needs of a worker, in Node or a browser. */
interface Thread {
  post(msg: unknown): void;
  /** Resolves with the worker's first message, rejects when it fails or exits first. */
  first: Promise<{ ready?: boolean; error?: string }>;
  /** Resolves when the worker has left its loop (after an exit job) or ended. */
  exited: Promise<void>;
  /** Lets the process exit while the worker sleeps (Node). */
  unref(): void;
  terminate(): void;
}

let live = 0;
/** @internal Node workers started and not yet exited (the tests check that setThreads(1) leaves none). */
export function liveWorkers(): number { return live; }

/** Starts a worker running WORKER: the environment seam. */
async function spawn(): Promise<Thread> {
  if (isNode()) {
    const { Worker } = await nodeImport<typeof import('node:worker_threads')>('node:worker_threads');
    const w = new Worker(WORKER, { eval: true });
    live++;
    const exited = new Promise<void>((resolve) => w.once('exit', () => { live--; resolve(); }));
    const first = new Promise<{ ready?: boolean; error?: string }>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
      w.once('exit', (code) => reject(new Error(`the worker exited (code ${code})`)));
    });
    return { post: (m) => w.postMessage(m), first, exited, unref: () => w.unref(), terminate: () => { void w.terminate(); } };
  }
  if (typeof Worker !== 'function') throw new Error('this environment has no Worker');
  const url = URL.createObjectURL(new Blob([WORKER], { type: 'text/javascript' }));
  const w = new Worker(url);
  URL.revokeObjectURL(url);
  let exit = (): void => {};
  const exited = new Promise<void>((resolve) => { exit = resolve; });
  const first = new Promise<{ ready?: boolean; error?: string }>((resolve, reject) => {
    w.onmessage = (e: MessageEvent) => {
      const m = e.data as { ready?: boolean; error?: string; exited?: boolean };
      if (m.exited) exit(); else resolve(m);
    };
    w.onerror = (e: ErrorEvent) => { e.preventDefault(); reject(new Error(e.message || 'the worker failed to start (is a Content-Security-Policy blocking blob: workers?)')); };
  });
  return { post: (m) => w.postMessage(m), first, exited, unref: () => {}, terminate: () => w.terminate() };
}

/** True where this thread may block in Atomics.wait (Node, workers); a browser's main thread may not. */
function canWait(): boolean {
  try { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0); return true; } catch { return false; }
}

class Pool {
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  private seq = 0;
  /** Per worker: its GEMM packing buffer and a small area for a kernel's geometry (allocated by the main thread). */
  readonly panels: number[];
  readonly geoms: number[];
  private readonly wait = canWait();

  constructor(readonly threads: Thread[], control: SharedArrayBuffer) {
    this.i32 = new Int32Array(control);
    this.f64 = new Float64Array(control);
    const bytes = K().f32_gemm_scratch_floats() * 4;
    this.panels = threads.map(() => H().alloc(bytes));
    this.geoms = threads.map(() => H().alloc(GEOM_BYTES));
  }

  /** Posts job `fn(args)` to worker w (0-based) without waiting. */
  post(w: number, fn: number, args: readonly number[]): void {
    const b = w * SLOT, i32 = this.i32;
    if (args.length > MAX_ARGS) throw new Error(`ascent: ${args.length} kernel arguments for a worker (at most ${MAX_ARGS}; a bug in ascent)`);
    i32[b + FN] = fn;
    i32[b + NARGS] = args.length;
    this.f64.set(args, (b + ARGS) >> 1);
    Atomics.store(i32, b + SEQ, this.seq);
    Atomics.notify(i32, b + SEQ);
  }

  /** A new job number (posts of one dispatch share it). */
  next(): void { this.seq = (this.seq + 1) | 0; }

  /** Waits until workers 0 … n-1 have finished the current job; throws if one of them failed. */
  join(n: number, what: string): void {
    const i32 = this.i32, seq = this.seq;
    let failed = false;
    for (let w = 0; w < n; w++) {
      const d = w * SLOT + DONE;
      if (this.wait) {
        for (let spin = 0; spin < 2000 && Atomics.load(i32, d) !== seq; spin++);
        for (let v; (v = Atomics.load(i32, d)) !== seq;) Atomics.wait(i32, d, v, 1000);
      } else {
        while (Atomics.load(i32, d) !== seq);
      }
      if (i32[w * SLOT + ERR] !== 0) failed = true;
    }
    if (failed) throw new Error(`ascent: ${what} failed in a worker thread (a bug in ascent: please report it)`);
  }

  /**
   * Ends the workers: each is sent an exit job, leaves its loop and ends by itself; terminate() follows (a
   * browser's worker does not end by itself), at the latest after 2 s.
   */
  stop(): void {
    this.next();
    for (let w = 0; w < this.threads.length; w++) this.post(w, -1, []);
    for (const t of this.threads) {
      const timer = setTimeout(() => t.terminate(), 2000) as unknown as { unref?: () => void };
      timer.unref?.();
      void t.exited.then(() => { clearTimeout(timer as unknown as number); t.terminate(); });
    }
    for (const p of this.panels) H().free(p, K().f32_gemm_scratch_floats() * 4);
    for (const p of this.geoms) H().free(p, GEOM_BYTES);
  }
}

// ---- splitting -------------------------------------------------------------------------------------------

/** The micro-kernel's tile (assembly/f32-gemm: MR×NR = 4×8). */
const MR = 4, NR = 8;
/**
 * Below this many multiply-adds (M·N·K) a product stays on the calling thread: a dispatch round trip costs
 * 10–100 µs. Measured here at 1 → 2 threads (square products, in a quiet moment of this shared machine): 64³ 0.53×,
 * 102³ (≈ 2^20) 1.14×, 128³ 1.41×, 200³ 1.77×, 400³ 1.91×. Under load the crossover moves up (a woken worker waits
 * for a core), which no fixed threshold can follow.
 */
export const GEMM_MIN_WORK = 1 << 20;

const parts: number[] = [];
/**
 * Cuts `tiles` tiles of `size` (the last may be shorter: total `n`) into `t` parts of whole tiles, as even as
 * possible; fills `parts` with the t + 1 boundaries (in elements). Depends on the numbers only.
 */
function cut(n: number, size: number, t: number): void {
  const tiles = Math.ceil(n / size);
  parts.length = 0;
  for (let i = 0; i <= t; i++) parts.push(Math.min(n, Math.floor((tiles * i) / t) * size));
}


function gemmSplit(pool: Pool, M: number, N: number, Kd: number, a: number, ars: number, acs: number,
                   b: number, brs: number, bcs: number, c: number, acc: number): boolean {
  if (M * N * Kd < GEMM_MIN_WORK) return false;
  const threads = pool.threads.length + 1;
  // rows or columns: whichever gives the smallest largest part (rows on a tie: each part's C rows are contiguous)
  const rowTiles = Math.ceil(M / MR), colTiles = Math.ceil(N / NR);
  const byRows = Math.ceil(rowTiles / threads) * MR * N <= Math.ceil(colTiles / threads) * NR * M;
  const t = Math.min(threads, byRows ? rowTiles : colTiles);
  if (t < 2) return false;
  cut(byRows ? M : N, byRows ? MR : NR, t);
  const p = parts.slice();
  splitCounts.gemm++;
  pool.next();
  // parts 1 … t-1 to the workers, part 0 here
  for (let w = 1; w < t; w++) {
    const lo = p[w], hi = p[w + 1];
    pool.post(w - 1, GEMM, byRows
      ? [hi - lo, N, Kd, a + 4 * lo * ars, ars, acs, b, brs, bcs, c + 4 * lo * N, N, pool.panels[w - 1], acc]
      : [M, hi - lo, Kd, a, ars, acs, b + 4 * lo * bcs, brs, bcs, c + 4 * lo, N, pool.panels[w - 1], acc]);
  }
  // rows [0, p1) or columns [0, p1) here, while the workers run theirs
  if (byRows) K().f32_gemm_ldc__wasmsimd_4x8(p[1], N, Kd, a, ars, acs, b, brs, bcs, c, N, scratch.gemmPanel(), acc);
  else K().f32_gemm_ldc__wasmsimd_4x8(M, p[1], Kd, a, ars, acs, b, brs, bcs, c, N, scratch.gemmPanel(), acc);
  pool.join(t - 1, 'matMul');
  return true;
}

/**
 * Below this many bytes in one image-batched call (im2col, col2im, pooling), it stays on the calling thread.
 * Measured at 1 → 2 threads with 3×3 pooling; elementwise kernels: see SPLIT_MIN_BYTES.
 */
export const IMAGES_MIN_BYTES = 1 << 20;
/**
 * Below this many bytes touched (read + written; weighted ×16 for the ops without a SIMD form, such as exp) an
 * elementwise, reduction or optimizer kernel stays on the calling thread. A split costs ~15–20 µs of dispatch, so it
 * pays off only from a few MB of streaming work. Measured with `npm run bench:threads -- --split` on a quiet machine
 * (load 1.2), 1 → 2 threads: add (12 B/element) 0.73× at 2^17 elements, 1.06× at 2^18, 1.63× at 2^20; exp (8 B,
 * ×16 = 128 B) 1.20× at 2^14, 1.49× at 2^15; Adam (20 B) 0.95× at 2^16, 1.30× at 2^17, 1.59× at 2^18. 3 MiB sits at
 * each kernel's crossover: add from 262K elements, Adam from 157K, exp from 24.5K.
 */
export const SPLIT_MIN_BYTES = 3 << 20; // (parallel.ts's SPLIT_MIN_ELEMENTS follows from it: keep them in step)
let splitMin = SPLIT_MIN_BYTES;
/** @internal bench/threads.ts --split: another threshold (none: the default). */
export function setSplitMinBytes(bytes = SPLIT_MIN_BYTES): void { splitMin = bytes; }
const GEOM_BYTES = 256;

/** @internal Counts of split calls (the tests check that work was really split); `kernels`: by kernel name. */
export const splitCounts = { gemm: 0, images: 0, kernels: {} as Record<string, number> };

/**
 * kernel(args) over n independent items, in parts of whole tiles: argument i of a part is args[i] + lo·per[i]
 * for a pointer (per[i] ≥ 0: bytes per item), the part's count (COUNT), or the part's copy of `dims` with
 * dims[0] = its count (DIMS: the calling thread's copy goes to its scratch, each worker's to its own area).
 * Every item is computed by the same instructions as in the whole call, so the results do not depend on t.
 */
function rangeSplit(pool: Pool, kernel: number, n: number, tile: number, args: number[], per: number[],
                    dims: number[] | undefined, bytes: number, min: number): boolean {
  if (bytes * n < min || (dims !== undefined && dims.length * 4 > GEOM_BYTES)) return false;
  const t = Math.min(pool.threads.length + 1, Math.ceil(n / tile));
  if (t < 2) return false;
  cut(n, tile, t);
  const p = parts.slice();
  const name = KERNELS[kernel];
  splitCounts.kernels[name] = (splitCounts.kernels[name] ?? 0) + 1;
  pool.next();
  const h = H();
  const d0 = dims?.[0] ?? 0;
  const part = (lo: number, hi: number, dimsPtr: number): number[] => {
    if (dims !== undefined) { dims[0] = hi - lo; h.i32.set(dims, dimsPtr >>> 2); }
    return args.map((a, i) => (per[i] === COUNT ? hi - lo : per[i] === DIMS ? dimsPtr : a + lo * per[i]));
  };
  for (let w = 1; w < t; w++) pool.post(w - 1, kernel, part(p[w], p[w + 1], pool.geoms[w - 1]));
  const mine = part(0, p[1], scratch.ptr());
  if (dims !== undefined) dims[0] = d0;
  const k = K() as unknown as Record<string, (...a: number[]) => void>;
  k[name](...mine);
  pool.join(t - 1, name);
  return true;
}

/** Sums of the pointer strides: the bytes one item moves. */
function moved(per: number[]): number {
  let b = 0;
  for (const x of per) if (x > 0) b += x;
  return b;
}

/** par.images: on whole images, each part with a copy of the geometry with its own N (geom[0]). */
function imagesSplit(pool: Pool, kernel: ImageKernel, geom: number[], args: number[], perImage: number[]): boolean {
  const per = args.map((a, i) => (a === GEOM && perImage[i] === 0 ? DIMS : perImage[i]));
  const ok = rangeSplit(pool, kernel, geom[0], 1, args, per, geom, moved(perImage), IMAGES_MIN_BYTES);
  if (ok) splitCounts.images++;
  return ok;
}

// ---- starting and stopping (threads.ts decides when) ---------------------------------------------------

let pool: Pool | null = null;

/** Stops the workers, if any: the kernels run on the calling thread. */
export function stop(): void {
  if (!pool) return;
  par.gemm = null; par.images = null; par.split = null; par.threads = 1;
  pool.stop();
  pool = null;
}

/**
 * Runs the kernels on n > 1 threads (the engine moved onto shared memory first): the number of threads, or why
 * they could not start (a message; the kernels then run on the calling thread).
 */
export async function start(n: number): Promise<number | string> {
  if (pool && n === pool.threads.length + 1) return n;
  stop();
  let shared: { module: WebAssembly.Module; memory: WebAssembly.Memory };
  try { shared = await toSharedMemory(); } catch (e) { return (e as Error).message; }
  const threads: Thread[] = [];
  try {
    for (let i = 1; i < n; i++) threads.push(await spawn());
    const control = new SharedArrayBuffer(SLOT * 4 * threads.length);
    threads.forEach((t, slot) => t.post({ module: shared.module, memory: shared.memory, control, slot, names: KERNELS }));
    const answers = await Promise.all(threads.map((t) => t.first));
    const bad = answers.find((r) => !r.ready);
    if (bad) throw new Error(bad.error ?? 'no answer');
    for (const t of threads) t.unref();
    pool = new Pool(threads, control);
  } catch (e) {
    for (const t of threads) t.terminate();
    return `a worker thread failed to start: ${(e as Error).message}`;
  }
  const p = pool;
  par.gemm = (M, N, Kd, a, ars, acs, b, brs, bcs, c, acc) => gemmSplit(p, M, N, Kd, a, ars, acs, b, brs, bcs, c, acc);
  par.images = (kernel, geom, args, perImage) => imagesSplit(p, kernel, geom, args, perImage);
  par.split = (kernel: SplitKernel, n, tile, args, per, dims, bytes) =>
    rangeSplit(p, kernel, n, tile, args, per, dims, bytes ?? moved(per), splitMin);
  par.threads = n;
  return n;
}

let queue: Promise<unknown> = Promise.resolve();
/**
 * Changes the thread count, one change at a time in call order (setThreads and the start by default may
 * overlap): the count in use, or why threads could not start. `auto`: the start by default, skipped when
 * tf.setThreads has been called meanwhile.
 */
export function request(n: number, auto = false): Promise<number | string> {
  const run = queue.then(async () => {
    if (auto && !autoThreadsOn()) return par.threads;
    if (n === 1) { stop(); return 1; }
    return start(n);
  });
  queue = run.catch(() => undefined);
  return run;
}

/** The number of cores (os.availableParallelism() in Node, navigator.hardwareConcurrency in browsers), 1 … 64. */
export async function cores(): Promise<number> {
  let n: number;
  if (isNode()) {
    const os = await nodeImport<typeof import('node:os')>('node:os');
    n = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  } else {
    n = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
  }
  return Math.max(1, Math.min(64, n));
}

/**
 * @internal The start by default: ready() (wasm.ts) loaded the threaded build and calls this in the background
 * where shared memory is possible. ASCENT_THREADS=n in Node's environment sets the count, else the cores.
 * Resolves with why threads did not start (null: they did, or tf.setThreads decided meanwhile).
 */
export async function autoStart(): Promise<string | null> {
  const count = envThreads() ?? await cores();
  if (count === 1) return 'this machine has one core';
  const r = await request(count, true);
  return typeof r === 'string' ? r : null;
}
