// Threads' public API (tf.setThreads, tf.getThreads, tf.env): the user's choice and why threads are off. The
// machinery (the worker pool, how work is split, the start by default) is in pool.ts, which only wasm.ts's ready()
// (where shared memory is possible) and setThreads import, dynamically: an app that cannot use threads never
// downloads it, and this module stays small for the apps that name these functions.
import { par } from './parallel.js';
import { autoBlock, autoThreadsNote, loaded, noAutoThreads } from './wasm.js';

/** Why threads are off after the user's choice (null: on, or see currentReason). */
let reason: string | null = null;

/** autoBlock's codes, in words. */
const BLOCKED = ['', 'this JavaScript engine has no SharedArrayBuffer/Atomics',
  'the page is not cross-origin isolated (crossOriginIsolated is not true), so it has no shared memory: serve it with ' +
    "the headers 'Cross-Origin-Opener-Policy: same-origin' and 'Cross-Origin-Embedder-Policy: require-corp' (README, Threads)",
  'ASCENT_THREADS=1 is set in the environment', "the 'relaxed-simd' build has no threaded variant (threads use the 'simd' build)",
  'the threaded build (ascent-mt.wasm) is not embedded in ascent/inline; call tf.setWasmPath(url of ascent.wasm) with ascent-mt.wasm next to it'];

/** Why threads cannot run here (null: they can; the build is checked when they start). */
function unavailable(): string | null {
  const b = autoBlock();
  return b === 1 || b === 2 ? BLOCKED[b] : null;
}

function checkCount(n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 64) {
    const shown = typeof n === 'string' ? `'${n}'` : typeof n === 'number' ? String(n) : n === null ? 'null' : typeof n;
    throw new Error(`setThreads: argument 'n' must be an integer from 1 to 64 (the number of threads), got ${shown}`);
  }
  return n;
}

/**
 * Runs the kernels on `n` threads: the calling thread and n - 1 workers (Node worker_threads, Web Workers in
 * browsers) over one shared memory. Threads are on by default where shared memory is possible (Node; a
 * cross-origin isolated page or worker): tf.ready() starts one per core in the background. Call this to choose
 * the count, to wait for the workers, or, with 1 before tf.ready(), to keep ascent on one thread and its
 * default build (ASCENT_THREADS=1 in Node's environment does the same). Large work (matrix products and
 * convolutions, pooling, elementwise ops, reductions, optimizer updates) is split between the threads on output
 * elements, never along a sum, so results are the same bits at any thread count. Without an argument: the
 * number of cores. Resolves with the number of threads in use: 1, with the reason in
 * `tf.env().threadsUnavailableReason` (and one console warning), when shared memory is unavailable — in
 * browsers the page must be cross-origin isolated (README, Threads). `setThreads(1)` stops the workers. The
 * workers are reused and do not keep a Node process alive.
 * @example await tf.setThreads(4); // before or after tf.ready(), tensors may exist
 */
export async function setThreads(n?: number): Promise<number> {
  if (n !== undefined) checkCount(n);
  noAutoThreads(); // the user's choice replaces the default, from now on
  // before the kernels load there is nothing to stop: ready() then loads the default build
  if (n === 1 && !loaded()) { reason = 'tf.setThreads(1) was called'; return 1; }
  const why = n === 1 ? null : unavailable();
  if (why !== null) return off(why);
  const pool = await import('./pool.js');
  const r = await pool.request(n ?? await pool.cores());
  if (typeof r === 'string') return off(r);
  reason = r === 1 ? 'tf.setThreads(1) was called' : null;
  return r;
}

let warned = false;
function off(why: string): number {
  reason = why.replace(/^ascent: /, '');
  if (!warned) { warned = true; console.warn(`ascent: threads are off, running on one thread: ${reason}`); }
  return 1;
}

/** The number of threads the kernels run on (1 until the workers are up, or where threads are unavailable). */
export function getThreads(): number { return par.threads; }

/** The environment ascent runs in (a small counterpart of tfjs's tf.env()). */
export interface Env {
  /** Why the kernels run on one thread (null while threads are on): no shared memory, tf.setThreads(1), the workers still starting … */
  readonly threadsUnavailableReason: string | null;
  /** tf.getThreads(). */
  readonly threads: number;
}

/** Why threads are off now (null while they are on). */
function currentReason(): string | null {
  if (par.threads > 1) return null;
  if (reason !== null) return reason;
  const note = autoThreadsNote();
  if (note !== null) return typeof note === 'number' ? BLOCKED[note] : note;
  if (loaded()) return 'the worker threads are starting (tf.ready() starts them in the background; await tf.setThreads() waits for them)';
  return 'tf.ready() has not run yet (it starts the threads where shared memory is possible)';
}

const ENV: Env = {
  get threadsUnavailableReason() { return currentReason(); },
  get threads() { return getThreads(); },
};

/** The environment: `tf.env().threadsUnavailableReason` says why threads are off. */
export function env(): Env { return ENV; }
