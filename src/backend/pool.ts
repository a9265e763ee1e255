// Threads' machinery, loaded only when threads start (tf.ready() where shared memory is possible, or
// tf.setThreads: both import this module dynamically, so an app that cannot use threads never downloads it).
// A pool of workers (Node worker_threads, browser Web Workers: one seam, spawn() below) that run
// kernels on the engine's own memory, shared. The main thread allocates everything; a worker only runs a kernel
// on the range it is given, with its own scratch (allocated for it by the main thread), and owns nothing.
//
// Dispatch is synchronous, as every ascent op is: the calling thread writes each worker's job (a kernel index
// and its arguments) into a small SharedArrayBuffer of control words, wakes the workers that sleep (Atomics.notify;
// a worker spins for up to SPIN_MS after each job, so back-to-back ops find it awake), runs its own share, runs
// the jobs no worker has claimed yet itself, then waits for the others: a spin, then Atomics.wait where the thread
// may block (Node, workers), a spin on Atomics.load on a browser's main thread, which may not.
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
  'f32_adagrad__wasmsimd', 'f32_adadelta__wasmsimd', 'f32_conv2d_direct', 'f32_conv2d_direct_filter',
  'f32_conv2d_winograd', 'f32_conv2d_winograd_filter', 'f32_gemm_batched'] as const;
const GEMM = 0, GEMM_BATCHED = KERNELS.indexOf('f32_gemm_batched');

// Control words: one slot of SLOT i32 per worker. SEQ: the number of the job the main thread last posted to this
// slot (consecutive per slot, so a new one always differs from the last); TAKEN: the number
// of the job last claimed, by the worker or the main thread (Atomics.exchange: whoever swaps it in first runs the
// job); DONE: the job number the worker finished; FN: the kernel (-1: exit); NARGS; ERR: 1 when the kernel threw;
// SLEEPING: 1 while the worker is (about to be) blocked in Atomics.wait (on BELL), WAITING: 1 while the main thread is
// (about to be) blocked on DONE, so each side calls Atomics.notify only when the other really sleeps (a spinning
// side sees the store by itself). Each flag is stored before its thread's wait re-checks the word it waits for
// (SEQ, DONE) and read by the other thread after it stored that word, all sequentially consistent: either the flag is seen (and
// the sleeper notified) or the store is seen (and the wait returns at once).
// BELL: what a sleeping worker waits on: set to 1 (then notified) by post() for a job and by warm() for none (the
// worker then spins again: a split is due); the worker resets it when it wakes. Waiting on this word, not SEQ,
// closes the gap between the worker's last check and its wait: a ring before the wait makes the wait return.
// IDLE: 1 while the worker sleeps with its spin at 0 (it was descheduled: other processes want the cores), when
// waking it with no job would only take CPU time from the calling thread (warm() then leaves it asleep).
// The arguments are f64 (pointers up to 4 GiB and i32 values are exact) from i32 index ARGS (even) on.
// CHUNKS: 0 for a plain job; n > 0 for a job in n chunks shared by every thread (chunked(), the GEMM): the arguments
// are the whole range's, PER (f64 from i32 index PER on) how each changes per item (bytes for a pointer, COUNT for
// the item count), CSIZE the items per chunk and CTOTAL the items in all; each thread claims chunk after chunk from
// the shared word COUNTER (in the slot after the workers') until none is left.
const SLOT = 98, SEQ = 0, DONE = 1, FN = 2, NARGS = 3, ERR = 4, SLEEPING = 5, WAITING = 6, TAKEN = 7, BELL = 8, IDLE = 9,
  CHUNKS = 10, CSIZE = 11, CTOTAL = 12, ARGS = 14, MAX_ARGS = 21, PER = ARGS + 2 * MAX_ARGS, COUNTER = 0;
/**
 * How long a worker spins on SEQ after a job before it blocks in Atomics.wait, and the main thread on DONE before
 * it blocks (ms). Waking a blocked thread costs ~15–20 µs per dispatch here; a spinning worker takes a job in ~1 µs
 * (bench:threads --dispatch). The gaps between dispatches (the JavaScript and unsplit kernels between them, wall
 * time at 2 threads, load ~6) are p25/p50/p75/p90 23/58/163/305 µs in the MLP b256 Adam step (24 dispatches) and
 * 120/170/490/570 µs in a 784-128-10 fit step at batch 128 (3 dispatches; the long gaps are mostly between steps,
 * which warm() now covers: a step wakes the workers when it begins); 0.2 ms keeps the worker awake through ~80 % of
 * the MLP's gaps and half the fit's. (0.5 ms measured worse than 0.2 at load 7–8, `--only epoch --spin 0.2,0.5`,
 * two runs: 1.33× vs 1.48×, 1.07× vs 1.45×; noise-level, a quiet rerun decides.) When other processes hold the cores a spinning thread competes with
 * the calling thread (`bench:threads -- --only "adam step" --spin 0,0.05,0.1,0.2,0.5` at load 6, before the
 * worker's adaptive spin below: 1.11×, 1.07×, 1.00×, 0.94×, 0.80×, 1 → 2 threads; later runs swung ±50 %, so the
 * choice within 0.1–0.5 awaits a quiet machine), hence the worker drops its spin when it finds it was descheduled.
 * Bounded, so an idle process stops burning CPU 0.2 ms after its last split.
 */
const SPIN_MS = 0.2;
let spinMs = SPIN_MS;
/** @internal bench/threads.ts --spin: another spin time for the pools started from now on (none: the default). */
export function setSpin(ms = SPIN_MS): void { spinMs = ms; }

// The worker calls a kernel with its arguments read straight from the control words, one case per count (no
// array per job): `case 3: f(g[a + 0], g[a + 1], g[a + 2]); break;` …
const CALLS = Array.from({ length: MAX_ARGS + 1 }, (_, n) =>
  `case ${n}: f(${Array.from({ length: n }, (_, i) => `g[a + ${i}]`).join(', ')}); break;`).join('\n      ');
// … and for a chunk, from the chunk's arguments x
const CHUNK_CALLS = Array.from({ length: MAX_ARGS + 1 }, (_, n) =>
  `case ${n}: f(${Array.from({ length: n }, (_, i) => `x[${i}]`).join(', ')}); break;`).join('\n        ');

// The worker's whole program, as text: it is started from a string (Node: eval; browsers: a Blob URL), so no
// bundler has to find, copy or rewrite a worker file. Plain ES2017, no imports.
const WORKER = `
const SLOT = ${SLOT}, SEQ = ${SEQ}, DONE = ${DONE}, FN = ${FN}, NARGS = ${NARGS}, ERR = ${ERR}, SLEEPING = ${SLEEPING}, WAITING = ${WAITING}, TAKEN = ${TAKEN}, BELL = ${BELL}, IDLE = ${IDLE}, ARGS = ${ARGS};
const CHUNKS = ${CHUNKS}, CSIZE = ${CSIZE}, CTOTAL = ${CTOTAL}, PER = ${PER}, COUNTER = ${COUNTER}, COUNT = ${COUNT};
function start(msg, post) {
  let fns;
  try {
    const inst = new WebAssembly.Instance(msg.module, { env: { memory: msg.memory } });
    fns = msg.names.map((n) => inst.exports[n]);
  } catch (e) { post({ error: String(e && e.message || e) }); return; }
  const i32 = new Int32Array(msg.control), g = new Float64Array(msg.control);
  const b = msg.slot * SLOT, a = (b + ARGS) >> 1, pr = (b + PER) >> 1, now = () => performance.now();
  // the shared words after the workers' slots, and one chunk's arguments (reused)
  const ctr = msg.workers * SLOT + COUNTER, x = [];
  // job numbers start at 1 in a new control buffer: a job posted before this thread reaches its loop is not missed
  let seq = 0;
  // The spin time in use. Where other processes want the cores, a spinning thread only takes CPU time from the
  // main thread (and the scheduler deschedules it mid-job more often), so the spin drops to 0 when this thread sees
  // it was descheduled: a hole of over 50 µs in its spin loop (128 loads take < 1 µs); it halves when the main
  // thread took a job over while this thread was spinning (that also happens on an idle machine when the job is
  // tiny or follows a long unsplit stretch: dropping to 0 there left later, larger jobs of a run such as a fit
  // epoch to the caller alone, 0.94× at 2 threads in a full bench:threads run vs 1.12× with halving); it grows back
  // by 1/256 with each job this thread takes.
  let spin = msg.spin;
  post({ ready: true });
  for (;;) {
    // spin a while (the next job often comes within µs), then sleep until notified: by a job, or by warm() (a
    // split is due soon: spin again, so that it finds this thread awake)
    let slept = false;
    while (Atomics.load(i32, b + SEQ) === seq) {
      slept = false;
      let last = now();
      const end = last + spin;
      for (let k = 1; Atomics.load(i32, b + SEQ) === seq; k++) {
        if ((k & 127) !== 0) continue;
        const t = now();
        if (t - last > 0.05) spin = 0;
        last = t;
        if (t > end || spin === 0) {
          Atomics.store(i32, b + IDLE, spin === 0 ? 1 : 0);
          Atomics.store(i32, b + SLEEPING, 1);
          while (Atomics.load(i32, b + SEQ) === seq && Atomics.load(i32, b + BELL) === 0) Atomics.wait(i32, b + BELL, 0);
          Atomics.store(i32, b + SLEEPING, 0);
          Atomics.store(i32, b + BELL, 0);
          slept = true;
          break;
        }
      }
    }
    seq = Atomics.load(i32, b + SEQ);
    // the main thread runs a job itself when this thread is late to claim it (it was asleep or descheduled)
    if (Atomics.exchange(i32, b + TAKEN, seq) === seq) {
      if (!slept) spin = Math.floor(spin * 8) / 16;
      continue;
    }
    spin = Math.min(msg.spin, spin + msg.spin / 256);
    const fn = i32[b + FN];
    if (fn < 0) break;
    try {
      const f = fns[fn], n = i32[b + NARGS], chunks = i32[b + CHUNKS];
      if (chunks === 0) {
        switch (n) {
        ${CALLS}
        }
      } else {
        // chunks of the whole range, claimed from the shared counter: which thread runs a chunk depends on timing,
        // what the chunk computes does not (its items, its arguments)
        const size = i32[b + CSIZE], total = i32[b + CTOTAL];
        x.length = n;
        for (let k; (k = Atomics.add(i32, ctr, 1)) < chunks;) {
          const lo = k * size, hi = Math.min(total, lo + size);
          for (let i = 0; i < n; i++) { const p = g[pr + i]; x[i] = p === COUNT ? hi - lo : g[a + i] + lo * p; }
          switch (n) {
          ${CHUNK_CALLS}
          }
        }
      }
      i32[b + ERR] = 0;
    } catch (e) { i32[b + ERR] = 1; }
    Atomics.store(i32, b + DONE, seq);
    if (Atomics.load(i32, b + WAITING) !== 0) Atomics.notify(i32, b + DONE);
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

let takeover: 'auto' | 'always' | 'never' = 'auto';
let warming = true;
/** @internal bench/threads.ts --no-warm: whether Pool.warm() wakes workers (default: yes). */
export function setWarm(on = true): void { warming = on; }
/**
 * @internal Whether join() runs the jobs their workers have not claimed yet ('auto'), all of them ('always': the
 * tests check that the results do not change) or none (waits for every worker: bench:threads --dispatch; a split
 * product's chunks then all run on the workers, which the tests check).
 */
export function setTakeover(mode: 'auto' | 'always' | 'never' = 'auto'): void { takeover = mode; }

class Pool {
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  /** Per worker: the number of its last job (SEQ). */
  private readonly jobs: number[];
  /** Per worker: its GEMM packing buffer and a small area for a kernel's geometry (allocated by the main thread). */
  readonly panels: number[];
  readonly geoms: number[];
  private readonly wait = canWait();
  private readonly spin = spinMs;
  /** The arguments of a job the main thread takes over (reused). */
  private readonly taken: number[] = [];
  /** Per worker, in join: whether the calling thread ran its job (reused). */
  private readonly mine: boolean[] = [];

  constructor(readonly threads: Thread[], control: SharedArrayBuffer) {
    this.i32 = new Int32Array(control);
    this.f64 = new Float64Array(control);
    this.jobs = threads.map(() => 0);
    const bytes = K().f32_gemm_scratch_floats() * 4;
    this.panels = threads.map(() => H().alloc(bytes));
    this.geoms = threads.map(() => H().alloc(GEOM_BYTES));
  }

  /** Jobs posted so far, and the count at the last warm() (warm() does nothing when no split came between). */
  private posted = 0;
  private warmedAt = 0;

  /**
   * Wakes the sleeping workers with no job, so that they spin for their spin time: called where a split is
   * likely soon (a training step begins), it moves the ~15–50 µs wake-up of a worker that fell asleep in the gap
   * between two steps off the step's first split. Only when the pool split something since the last call (a
   * model too small to split never wakes a worker), and not a worker whose spin is 0 (IDLE). No effect on results: only on when a worker looks for work.
   */
  warm(): void {
    if (this.posted === this.warmedAt || !warming) return;
    this.warmedAt = this.posted;
    const i32 = this.i32;
    for (let w = 0; w < this.threads.length; w++) {
      const b = w * SLOT;
      if (Atomics.load(i32, b + SLEEPING) !== 0 && Atomics.load(i32, b + IDLE) === 0) {
        Atomics.store(i32, b + BELL, 1);
        Atomics.notify(i32, b + BELL);
        splitCounts.warmed++;
      }
    }
  }

  /** Posts job `fn(args)` to worker w (0-based) without waiting; wakes it only if it sleeps. `chunks`: see postChunked. */
  post(w: number, fn: number, args: readonly number[], chunks = 0): void {
    const b = w * SLOT, i32 = this.i32, f64 = this.f64, n = args.length;
    if (n > MAX_ARGS) throw new Error(`ascent: ${n} kernel arguments for a worker (at most ${MAX_ARGS}; a bug in ascent)`);
    i32[b + FN] = fn;
    i32[b + NARGS] = n;
    i32[b + CHUNKS] = chunks;
    for (let i = 0, a = (b + ARGS) >> 1; i < n; i++) f64[a + i] = args[i];
    this.jobs[w] = (this.jobs[w] + 1) | 0;
    this.posted++;
    // claimed before the worker can see it (not the exit job: the worker must take that one)
    if (takeover === 'always' && fn >= 0) Atomics.store(i32, b + TAKEN, this.jobs[w]);
    Atomics.store(i32, b + SEQ, this.jobs[w]);
    if (Atomics.load(i32, b + SLEEPING) !== 0) { Atomics.store(i32, b + BELL, 1); Atomics.notify(i32, b + BELL); }
  }

  /**
   * Posts to worker w a share in job `fn` over `total` items in `chunks` chunks of `size` (chunked()): `args` are
   * the whole range's arguments, `per` how each changes per item (see rangeSplit); the worker claims chunks from
   * the shared counter until none is left.
   */
  postChunked(w: number, fn: number, args: readonly number[], per: readonly number[], chunks: number, size: number, total: number): void {
    const b = w * SLOT, i32 = this.i32, f64 = this.f64;
    for (let i = 0, p = (b + PER) >> 1; i < per.length; i++) f64[p + i] = per[i];
    i32[b + CSIZE] = size;
    i32[b + CTOTAL] = total;
    this.post(w, fn, args, chunks);
  }

  /** The shared chunk counter's index in i32. */
  get counter(): number { return this.threads.length * SLOT + COUNTER; }

  /**
   * Completes a chunked job posted to workers 0 … n-1 once the calling thread found no chunk left: a worker that
   * has not claimed its share is let off (the chunks are all done), the others are waited for (each finishes at
   * most the chunk it is running). Throws if a chunk failed.
   */
  joinChunked(n: number, what: string): void {
    const i32 = this.i32;
    let failed = false;
    for (let w = 0; w < n; w++) {
      const b = w * SLOT, seq = this.jobs[w];
      // 'always': post() claimed it for this thread; 'never': the worker runs it (finding no chunk left)
      if (takeover === 'always' || (takeover === 'auto' && Atomics.exchange(i32, b + TAKEN, seq) !== seq)) { splitCounts.taken++; continue; }
      this.waitDone(w);
      if (i32[b + ERR] !== 0) failed = true;
    }
    if (failed) throw new Error(`ascent: ${what} failed in a worker thread (a bug in ascent: please report it)`);
  }

  /** Waits until worker w has finished its last job: a spin, then Atomics.wait where this thread may block. */
  private waitDone(w: number): void {
    const i32 = this.i32, b = w * SLOT, d = b + DONE, seq = this.jobs[w];
    if (!this.wait) {
      while (Atomics.load(i32, d) !== seq);
    } else if (Atomics.load(i32, d) !== seq) {
      // spin as the workers do (a worker's part is as long as ours), then sleep until its notify
      const end = performance.now() + this.spin;
      for (let k = 1; Atomics.load(i32, d) !== seq; k++) {
        if ((k & 127) === 0 && performance.now() > end) {
          Atomics.store(i32, b + WAITING, 1);
          for (let v; (v = Atomics.load(i32, d)) !== seq;) Atomics.wait(i32, d, v, 1000);
          Atomics.store(i32, b + WAITING, 0);
          break;
        }
      }
    }
  }

  /**
   * Completes the jobs just posted to workers 0 … n-1: a job its worker has not claimed yet (asleep, still waking,
   * or descheduled by another process) the calling thread claims and runs itself (the same kernel on the same
   * range gives the same bits on any thread, so this depends on timing and the results do not); for the others,
   * waits until they are done. Throws if a job failed.
   */
  join(n: number, what: string): void {
    const i32 = this.i32;
    let failed = false;
    const mine = this.mine;
    for (let w = 0; w < n; w++) {
      const b = w * SLOT;
      // exchange returns the previous claim: this job's number when the worker claimed it first
      mine[w] = takeover === 'always' || (takeover === 'auto' && Atomics.exchange(i32, b + TAKEN, this.jobs[w]) !== this.jobs[w]);
      if (!mine[w]) continue;
      splitCounts.taken++;
      const args = this.taken, a = (b + ARGS) >> 1;
      args.length = i32[b + NARGS];
      for (let i = 0; i < args.length; i++) args[i] = this.f64[a + i];
      try { (K() as unknown as Record<string, (...a: number[]) => void>)[KERNELS[i32[b + FN]]](...args); } catch { failed = true; }
    }
    for (let w = 0; w < n; w++) {
      if (mine[w]) continue;
      this.waitDone(w);
      if (i32[w * SLOT + ERR] !== 0) failed = true;
    }
    if (failed) throw new Error(`ascent: ${what} failed in a worker thread (a bug in ascent: please report it)`);
  }

  /**
   * Ends the workers: each is sent an exit job, leaves its loop and ends by itself; terminate() follows (a
   * browser's worker does not end by itself), at the latest after 2 s.
   */
  stop(): void {
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
 * Below this many multiply-adds (M·N·K) a product stays on the calling thread. With a worker that sleeps between
 * jobs (a ~15–20 µs wake) the crossover was 2^20 (quiet machine, 1 → 2 threads: 64³ 0.53×, 102³ 1.14×, 128³ 1.41×);
 * with a spinning worker a dispatch costs ~1–2 µs (bench:threads --dispatch), and a late worker's part is run by the
 * caller (join), so a split below the crossover costs little. `bench:threads -- --gemm` (load ~6, no free core:
 * an upper bound on the crossover): 32³ (3.5 µs) 0.72–1.21×, 48³ 0.60–1.01×, 64³ (13.7 µs) 1.19–1.45×.
 */
export const GEMM_MIN_WORK = 1 << 18;

// The cut points and one job's arguments of the dispatch under way, reused (no allocation per dispatch: the
// kernels are synchronous, so one dispatch ends before the next begins).
const parts: number[] = [];
const job: number[] = [];
/**
 * Cuts `tiles` tiles of `size` (the last may be shorter: total `n`) into `t` parts of whole tiles, as even as
 * possible; fills `parts` with the t + 1 boundaries (in elements). Depends on the numbers only.
 */
function cut(n: number, size: number, t: number): void {
  const tiles = Math.ceil(n / size);
  parts.length = 0;
  for (let i = 0; i <= t; i++) parts.push(Math.min(n, Math.floor((tiles * i) / t) * size));
}


/**
 * Chunks per thread of a split product. The parts of a product are chunks of whole tiles that every thread claims
 * from a shared counter (the calling thread too, from the start), not one fixed part per thread: a worker that
 * starts late (asleep, still waking, descheduled) then leaves its chunks to the calling thread instead of making
 * it wait for a whole part (a fixed part's wait was most of what the MNIST epoch lost at 2 threads: the forward
 * product split 1.48× there against 1.85–1.97× alone, THREADS18-STATUS.md). Four per thread bound the end wait at
 * about one chunk (an eighth of the product at 2 threads); smaller chunks re-read B (packed once, below) more often.
 */
const CHUNKS_PER_THREAD = 4;
let chunksPerThread = CHUNKS_PER_THREAD;
/** @internal bench/threads.ts --chunks: another number of chunks per thread (1: one part per thread; none: the default). */
export function setChunks(n = CHUNKS_PER_THREAD): void { chunksPerThread = n; }
/**
 * …but a chunk keeps at least this many multiply-adds (~10 µs at 1 thread: its call, its share of A packing and the
 * claim stay a few %); a product near GEMM_MIN_WORK is one chunk per thread, fixed parts as before.
 */
const CHUNK_MIN_WORK = 1 << 18;
/**
 * …and a product with more than this many multiply-adds per thread (~0.3 ms at 1 thread) is one part per thread:
 * a late worker's wake (~20 µs) is small against such a part, while chunks cost their B packing and claims
 * (quiet A/B, 1 vs 4 chunks per thread: GEMM 1024 1.92× vs 1.79×, the MNIST epoch's 6.4M per thread 1.24× vs 1.35×).
 */
const CHUNK_MAX_WORK = 1 << 23;
/** How many chunks a product (or a batch of products) of `work` multiply-adds is cut into at `threads` threads (the bounds above). */
function productChunks(work: number, threads: number): number {
  return work > threads * CHUNK_MAX_WORK ? threads
    : Math.max(threads, Math.min(threads * chunksPerThread, Math.floor(work / CHUNK_MIN_WORK)));
}
/** The same for an elementwise chunk (rangeSplit), in bytes touched: ~4 µs at 1 thread. */
const CHUNK_MIN_BYTES = 128 << 10;
const PACK_ONCE_ROWS = 32, PACK_ONCE_FLOATS = 1 << 15;
// One chunk's arguments on the calling thread, and the per-item strides (reused).
const chunkArgs: number[] = [];
const chunkPer: number[] = [];

/**
 * kernel(args) over `total` items in `chunks` chunks of `size` items (the last may be shorter), every thread
 * claiming chunks from the shared counter: the calling thread from the start, each worker from when it wakes.
 * Argument i of a chunk of items [lo, hi) is args[i] + lo·per[i], or hi − lo where per[i] is COUNT (rangeSplit's
 * rule). `panelArg`: the index of the GEMM's packing-buffer argument, which each thread gets its own of (-1: none).
 * Which thread runs a chunk depends on timing; what the chunk computes does not.
 */
function chunked(pool: Pool, kernel: number, args: number[], per: readonly number[], chunks: number, size: number,
                 total: number, panelArg = -1): void {
  const t = Math.min(pool.threads.length + 1, chunks), name = KERNELS[kernel];
  const i32 = pool.i32, ctr = pool.counter;
  Atomics.store(i32, ctr, 0);
  for (let w = 1; w < t; w++) {
    if (panelArg >= 0) args[panelArg] = pool.panels[w - 1];
    pool.postChunked(w - 1, kernel, args, per, chunks, size, total);
  }
  if (panelArg >= 0) args[panelArg] = scratch.gemmPanel();
  const f = (K() as unknown as Record<string, (...a: number[]) => void>)[name], x = chunkArgs, n = args.length;
  x.length = n;
  const run = () => {
    for (let ch; (ch = Atomics.add(i32, ctr, 1)) < chunks;) {
      const lo = ch * size, hi = Math.min(total, lo + size);
      for (let i = 0; i < n; i++) x[i] = per[i] === COUNT ? hi - lo : args[i] + lo * per[i];
      f(...x);
    }
  };
  // 'never' (the tests): this thread runs chunks only after the workers ran every one, so that a chunk computed on
  // a worker is checked. A chunk failing here leaves no chunk to the workers, which are waited for all the same
  // (none may still claim chunks of this call, with its arguments, once the next one resets the counter).
  let failed: unknown = null;
  if (takeover !== 'never') {
    try { run(); } catch (e) { failed = e; Atomics.store(i32, ctr, chunks); }
  }
  pool.joinChunked(t - 1, name);
  if (failed !== null) throw failed;
  if (takeover === 'never') run();
}

function gemmSplit(pool: Pool, M: number, N: number, Kd: number, a: number, ars: number, acs: number,
                   b: number, brs: number, bcs: number, c: number, acc: number, bias: number, act: number): boolean {
  if (M * N * Kd < gemmMin) return false;
  const threads = pool.threads.length + 1;
  // rows or columns: whichever gives the smallest largest part (rows on a tie: each part's C rows are contiguous)
  const rowTiles = Math.ceil(M / MR), colTiles = Math.ceil(N / NR);
  const byRows = Math.ceil(rowTiles / threads) * MR * N <= Math.ceil(colTiles / threads) * NR * M;
  const tiles = byRows ? rowTiles : colTiles, total = byRows ? M : N;
  // chunks of whole tiles; where a chunk starts depends on the shapes and the thread count only
  const work = M * N * Kd;
  const want = productChunks(work, threads);
  const size = Math.ceil(tiles / Math.min(tiles, want)) * (byRows ? MR : NR);
  const chunks = Math.ceil(total / size);
  const t = Math.min(threads, chunks);
  if (t < 2) return false;
  splitCounts.gemm++;
  // B packed once for all row chunks when they are short or B is small: each would otherwise pack all of B again,
  // for as few as PACK_ONCE_ROWS rows of work (784×128 B: 8 µs of packing for 64 µs of a 16-row chunk); a small B
  // (the epoch's weight gradient: 128×128) packs in ~1 µs here instead of once per chunk. Longer row chunks of a
  // large B pack their own (in parallel, a small share of their work; GEMM 1024: no 4 MB serial pack), column
  // chunks only their own columns. A packed B is read in place by the kernel, the same arithmetic: the same bits.
  // Already packed (inference): as it is.
  let packed = 0, packedBytes = 0;
  if (brs !== 0 && byRows && (size <= PACK_ONCE_ROWS || Kd * N <= PACK_ONCE_FLOATS)) {
    const k = K();
    packedBytes = k.f32_gemm_pack_b_floats(Kd, N) * 4;
    packed = H().alloc(packedBytes);
    k.f32_gemm_pack_b(Kd, N, b, brs, bcs, packed);
    b = packed; brs = 0; bcs = Kd;
  }
  try {
    // the whole product's arguments, and how each changes per row (or column) of the chunk
    job.length = 15;
    job[0] = M; job[1] = N; job[2] = Kd; job[3] = a; job[4] = ars; job[5] = acs; job[6] = b; job[7] = brs; job[8] = bcs;
    job[9] = c; job[10] = N; job[11] = 0; job[12] = acc; job[13] = bias; job[14] = act;
    const per = chunkPer;
    per.length = 15;
    per.fill(0);
    if (byRows) { per[0] = COUNT; per[3] = 4 * ars; per[9] = 4 * N; }
    else { per[1] = COUNT; per[6] = 4 * bcs; per[9] = 4; per[13] = bias === 0 ? 0 : 4; } // a column chunk's bias starts at lo
    chunked(pool, GEMM, job, per, chunks, size, total, 11);
  } finally {
    if (packed !== 0) H().free(packed, packedBytes);
  }
  return true;
}

/**
 * A batch of products (f32_gemm_batched's arguments from n1 on, without `pack`), split on whole products: chunks of
 * consecutive products claimed by every thread, as gemmSplit's chunks (each product is computed as on one thread).
 * False: too little work, or fewer products than threads (the caller then splits each product: gemmRaw).
 */
function batchedSplit(pool: Pool, count: number, args: number[]): boolean {
  const work = count * args[1] * args[2] * args[3], threads = pool.threads.length + 1;
  if (work < gemmMin || count < threads) return false;
  const want = productChunks(work, threads);
  const size = Math.ceil(count / Math.min(count, want)), chunks = Math.ceil(count / size);
  splitCounts.gemm++;
  splitCounts.kernels.f32_gemm_batched = (splitCounts.kernels.f32_gemm_batched ?? 0) + 1;
  job.length = 21;
  job[0] = 0; job[1] = count;
  for (let i = 0; i < 18; i++) job[2 + i] = args[i];
  job[20] = 0;
  const per = chunkPer;
  per.length = 21;
  per.fill(0);
  per[0] = 1; per[1] = COUNT;
  chunked(pool, GEMM_BATCHED, job, per, chunks, size, count, 20);
  return true;
}

/**
 * Below this many bytes in one image-batched call (im2col, col2im, pooling), it stays on the calling thread: from
 * ~25 µs of work (maxPool 2×2 moves ~5 B per input element at ~1 ns per element, bench:threads --split), ten times
 * a spinning worker's dispatch. Elementwise kernels: see SPLIT_MIN_BYTES.
 */
export const IMAGES_MIN_BYTES = 128 << 10;
/**
 * Below this many bytes touched (read + written; weighted ×16 for the ops without a SIMD form, such as exp) an
 * elementwise, reduction or optimizer kernel stays on the calling thread. With workers sleeping between jobs (a
 * ~15–20 µs wake) it was 3 MiB (quiet machine, load 1.2, 1 → 2 threads: add 1.06× at 2^18 elements, Adam 1.30× at
 * 2^17, exp 1.20× at 2^14). With spinning workers a dispatch costs ~1–2 µs and a late worker's part is run by the
 * caller, so the threshold is set at ~5 µs of work at 1 thread (bench:threads --split: add 12 B/element 2^15 in
 * 6 µs, Adam 20 B 2^14 in 9.6 µs, exp 8 B (×16 = 128 B) 2^11 in 7.6 µs): 256 KiB, add from 22K elements, Adam from
 * 13K, exp from 2K.
 */
export const SPLIT_MIN_BYTES = 256 << 10; // (parallel.ts's SPLIT_MIN_ELEMENTS follows from it: keep them in step)
let splitMin = SPLIT_MIN_BYTES, gemmMin = GEMM_MIN_WORK, imagesMin = IMAGES_MIN_BYTES;
/** @internal bench/threads.ts --split, --gemm: other thresholds (0: split everything; none: the defaults). */
export function setThresholds(t: { split?: number; gemm?: number; images?: number } = {}): void {
  splitMin = t.split ?? SPLIT_MIN_BYTES;
  gemmMin = t.gemm ?? GEMM_MIN_WORK;
  imagesMin = t.images ?? IMAGES_MIN_BYTES;
}
const GEOM_BYTES = 256;

/**
 * @internal Counts of split calls (the tests check that work was really split); `kernels`: by kernel name;
 * `taken`: parts the calling thread took over; `warmed`: sleeping workers woken by warm().
 */
export const splitCounts = { gemm: 0, images: 0, kernels: {} as Record<string, number>, taken: 0, warmed: 0 };

/**
 * kernel(args) over n independent items, in parts of whole tiles: argument i of a part is args[i] + lo·per[i]
 * for a pointer (per[i] ≥ 0: bytes per item), the part's count (COUNT), or the part's copy of `dims` with
 * dims[0] = its count (DIMS: the calling thread's copy goes to its scratch, each worker's to its own area).
 * Every item is computed by the same instructions as in the whole call, so the results do not depend on t.
 */
function rangeSplit(pool: Pool, kernel: number, n: number, tile: number, args: number[], per: number[],
                    dims: number[] | undefined, bytes: number, min: number): boolean {
  if (bytes * n < min || (dims !== undefined && dims.length * 4 > GEOM_BYTES)) return false;
  const threads = pool.threads.length + 1;
  if (dims === undefined) {
    // no per-part geometry (the optimizer updates): chunks claimed by every thread, as a product's (gemmSplit)
    const tiles = Math.ceil(n / tile);
    const want = Math.max(threads, Math.min(threads * chunksPerThread, Math.floor((bytes * n) / CHUNK_MIN_BYTES)));
    const size = Math.ceil(tiles / Math.min(tiles, want)) * tile, chunks = Math.ceil(n / size);
    if (Math.min(threads, chunks) < 2) return false;
    const name = KERNELS[kernel];
    splitCounts.kernels[name] = (splitCounts.kernels[name] ?? 0) + 1;
    chunked(pool, kernel, args, per, chunks, size, n);
    return true;
  }
  const t = Math.min(threads, Math.ceil(n / tile));
  if (t < 2) return false;
  cut(n, tile, t);
  const p = parts;
  const name = KERNELS[kernel];
  splitCounts.kernels[name] = (splitCounts.kernels[name] ?? 0) + 1;
  for (let w = 1; w < t; w++) {
    part(args, per, dims, p[w], p[w + 1], pool.geoms[w - 1]);
    pool.post(w - 1, kernel, job);
  }
  const d0 = dims?.[0] ?? 0;
  part(args, per, dims, 0, p[1], scratch.ptr());
  if (dims !== undefined) dims[0] = d0;
  const k = K() as unknown as Record<string, (...a: number[]) => void>;
  k[name](...job);
  pool.join(t - 1, name);
  return true;
}

/** Fills `job` with the arguments of items [lo, hi) (see rangeSplit), writing the part's dims at dimsPtr. */
function part(args: number[], per: number[], dims: number[] | undefined, lo: number, hi: number, dimsPtr: number): void {
  if (dims !== undefined) { dims[0] = hi - lo; H().i32.set(dims, dimsPtr >>> 2); }
  job.length = args.length;
  for (let i = 0; i < args.length; i++) job[i] = per[i] === COUNT ? hi - lo : per[i] === DIMS ? dimsPtr : args[i] + lo * per[i];
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
  const ok = rangeSplit(pool, kernel, geom[0], 1, args, per, geom, moved(perImage), imagesMin);
  if (ok) splitCounts.images++;
  return ok;
}

// ---- starting and stopping (threads.ts decides when) ---------------------------------------------------

let pool: Pool | null = null;

/** @internal How many workers are blocked in Atomics.wait (the tests check that they stop spinning when idle). */
export function sleepingWorkers(): number {
  let n = 0;
  // asleep and not rung (a worker rung by warm() is about to spin)
  if (pool) for (let w = 0; w < pool.threads.length; w++) n += Atomics.load(pool.i32, w * SLOT + SLEEPING) & (Atomics.load(pool.i32, w * SLOT + BELL) ^ 1);
  return n;
}

/** @internal How many workers warm() would wake now (asleep, not rung, spin not 0): the tests compare. */
export function warmableWorkers(): number {
  let n = 0;
  if (pool) {
    for (let w = 0, i32 = pool.i32; w < pool.threads.length; w++) {
      const b = w * SLOT;
      if (Atomics.load(i32, b + SLEEPING) === 1 && Atomics.load(i32, b + BELL) === 0 && Atomics.load(i32, b + IDLE) === 0) n++;
    }
  }
  return n;
}

/** Stops the workers, if any: the kernels run on the calling thread. */
export function stop(): void {
  if (!pool) return;
  par.gemm = null; par.batched = null; par.images = null; par.split = null; par.warm = null; par.threads = 1;
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
    // a slot per worker, and one for the shared words (the chunk counter)
    const control = new SharedArrayBuffer(SLOT * 4 * (threads.length + 1));
    threads.forEach((t, slot) => t.post({ module: shared.module, memory: shared.memory, control, slot, workers: threads.length, names: KERNELS, spin: spinMs }));
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
  par.gemm = (M, N, Kd, a, ars, acs, b, brs, bcs, c, acc, bias, act) => gemmSplit(p, M, N, Kd, a, ars, acs, b, brs, bcs, c, acc, bias, act);
  par.batched = (count, args) => batchedSplit(p, count, args);
  par.images = (kernel, geom, args, perImage) => imagesSplit(p, kernel, geom, args, perImage);
  par.split = (kernel: SplitKernel, n, tile, args, per, dims, bytes) =>
    rangeSplit(p, kernel, n, tile, args, per, dims, bytes ?? moved(per), splitMin);
  par.warm = () => p.warm();
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
