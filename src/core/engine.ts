// Scopes, tensor accounting and the active tapes: the one place that decides when a tensor is freed.
//  - dispose(): frees now.  - tidy(fn) and every op call: free what was made inside and not returned.
//  - keep(t): exempt from the enclosing scopes.
//  - A FinalizationRegistry frees the block of a tensor that was dropped without dispose (the safety net
//    for code outside any scope; blocks come back when the garbage collector runs). Registering costs
//    ~0.4 µs, more than a small op, so a tensor is registered only once it has outlived its scope and a
//    short grace period: temporaries inside ops and tidy, and results disposed soon, never are.
// Scopes are frames on one stack: a tensor made while a frame is open is listed in it. A frame's
// tensors sit at the end of one flat list, so opening and closing a frame is an index, not a Set.
import { H } from '../backend/wasm.js';
import { DataBlock, liveBlocks, stringBytes } from './memory.js';
import type { Tensor } from './tensor.js';

/** The tape side of recording (GradientTape implements it; the seam in op.ts calls it). */
export interface Recorder {
  /** Whether the tape watches one of `inputs` (trainable variables are watched on first use). */
  watches(inputs: readonly Tensor[]): boolean;
  push(name: string, inputs: readonly Tensor[], output: Tensor, saved: SavedOp): void;
}

/** What a tape keeps of one op: snapshots of what the gradient reads, and how to run the gradient. */
export interface SavedOp {
  /** Input gradients for the output gradient dy (null where none), summed to the inputs' shapes. */
  run(dy: Tensor, needed: boolean[]): (Tensor | null)[];
  /** Frees the snapshots. */
  release(): void;
}

class Engine {
  numTensors = 0;
  /** Tensors made inside the open frames, innermost last; null where one was kept. */
  private list: (Tensor | null)[] = [];
  /** Start index in `list` of each open frame. */
  private starts: number[] = [];
  /** When the innermost frame's part of `list` reaches this length it is compacted (long tidy loops). */
  private limit = 1024;
  /** Active tapes, weakly held: an abandoned tape stops recording once it is collected. */
  tapes: WeakRef<Recorder>[] = [];
  /** > 0 while recording is suspended (primitive forwards, optimizer updates, tape.stopRecording). */
  paused = 0;
  private readonly registry = new FinalizationRegistry<DataBlock>((block) => {
    this.numTensors--;
    block.release(true);
  });
  /** Tensors no scope owns that are not registered yet: registered in batches unless disposed first. */
  private young: Tensor[] = [];
  private flushQueued = false;

  /** Called by the Tensor constructor. */
  track(t: Tensor, scoped: boolean): void {
    this.numTensors++;
    if (scoped && this.starts.length > 0) {
      const list = this.list;
      list.push(t);
      if (list.length - this.starts[this.starts.length - 1] >= this.limit) this.compact();
    } else {
      this.adopt(t);
    }
  }

  /** Called by Tensor.dispose. */
  untrack(t: Tensor, block: DataBlock): void {
    this.numTensors--;
    if (t.registered) { this.registry.unregister(t); t.registered = false; }
    block.release();
  }

  /** A tensor that left every scope: it joins the safety net at the next flush (a microtask, or 1024 of them). */
  private adopt(t: Tensor): void {
    const young = this.young;
    young.push(t);
    if (young.length >= 1024) this.flush();
    else if (!this.flushQueued) { this.flushQueued = true; queueMicrotask(this.flush); }
  }

  private readonly flush = (): void => {
    this.flushQueued = false;
    const young = this.young;
    for (let i = 0; i < young.length; i++) {
      const t = young[i];
      if (t.block !== null && !t.registered) { this.registry.register(t, t.block, t); t.registered = true; }
    }
    young.length = 0;
  };

  /** A tensor's block was replaced (copy on write): the safety net must free the new one. */
  rebind(t: Tensor): void {
    if (!t.registered) return;
    this.registry.unregister(t);
    this.registry.register(t, t.block!, t);
  }

  /** Drops disposed tensors from the innermost frame (amortised: the limit doubles with the live count). */
  private compact(): void {
    const list = this.list, start = this.starts[this.starts.length - 1];
    let w = start;
    for (let i = start; i < list.length; i++) {
      const t = list[i];
      if (t !== null && !t.isDisposed) list[w++] = t;
    }
    list.length = w;
    this.limit = Math.max(1024, 2 * (w - start));
  }

  keep(t: Tensor): void {
    const list = this.list;
    let found = false;
    for (let i = list.length - 1; i >= 0; i--) if (list[i] === t) { list[i] = null; found = true; }
    if (found) this.adopt(t);
  }

  get depth(): number { return this.starts.length; }

  /** Opens a frame; pair with closeFrame. */
  openFrame(): number {
    this.starts.push(this.list.length);
    return this.list.length;
  }

  /**
   * Closes the innermost frame: disposes its tensors except `result` (a tensor) or those in `keepSet`,
   * which move to the enclosing frame. With neither (an exception), everything is disposed.
   */
  closeFrame(result: Tensor | null, keepSet: Set<Tensor> | null): void {
    const start = this.starts.pop()!;
    const list = this.list;
    let w = start;
    const outermost = this.starts.length === 0;
    for (let i = start; i < list.length; i++) {
      const t = list[i];
      if (t === null) continue;
      if (t === result || (keepSet !== null && keepSet.has(t))) {
        if (outermost) { if (t.block !== null) this.adopt(t); } else list[w++] = t;
      } else t.dispose();
    }
    const end = outermost ? start : w;
    if (end !== list.length) list.length = end;
  }

  tidy<T>(fn: () => T): T {
    this.openFrame();
    let result: T;
    try {
      result = fn();
    } catch (e) {
      this.closeFrame(null, null);
      throw e;
    }
    if (result instanceof Promise) {
      this.closeFrame(null, null);
      throw new Error('tidy: the function must be synchronous; it returned a Promise');
    }
    if (isTensor(result)) this.closeFrame(result, null);
    else {
      const kept = new Set<Tensor>();
      collectTensors(result, kept);
      this.closeFrame(null, kept);
    }
    return result;
  }

  get recording(): boolean { return this.tapes.length > 0 && this.paused === 0; }

  addTape(t: Recorder): WeakRef<Recorder> {
    const ref = new WeakRef(t);
    this.tapes.push(ref);
    return ref;
  }
  removeTape(ref: WeakRef<Recorder>): void {
    const i = this.tapes.indexOf(ref);
    if (i >= 0) this.tapes.splice(i, 1);
  }
}

export const engine = new Engine();

/** Runs fn with tape recording suspended (weight updates, initializers, metric updates). */
export function untaped<T>(fn: () => T): T {
  engine.paused++;
  try { return fn(); } finally { engine.paused--; }
}

/** Every tensor in a (nested) array, object, Map or single tensor. */
export function collectTensors(x: unknown, out: Set<Tensor>, depth = 0): void {
  if (x === null || typeof x !== 'object' || depth > 8) return;
  if (isTensor(x)) { out.add(x); return; }
  if (Array.isArray(x)) { for (const v of x) collectTensors(v, out, depth + 1); return; }
  if (x instanceof Map) { for (const v of x.values()) collectTensors(v, out, depth + 1); return; }
  if (Object.getPrototypeOf(x) === Object.prototype) for (const v of Object.values(x)) collectTensors(v, out, depth + 1);
}

export function isTensor(x: unknown): x is Tensor {
  return typeof x === 'object' && x !== null && (x as { __tensor?: true }).__tensor === true;
}

/**
 * Runs fn and disposes every tensor it created except those it returns (in an array/object) or kept.
 * @example const y = tf.tidy(() => x.square().sum());
 */
export function tidy<T>(nameOrFn: string | (() => T), fn?: () => T): T {
  if (fn !== undefined && typeof nameOrFn !== 'string') {
    throw new Error(`tidy: with two arguments the first is a name (a string), got ${typeof nameOrFn}`);
  }
  const f = typeof nameOrFn === 'function' ? nameOrFn : fn;
  if (typeof f !== 'function') throw new Error('tidy: pass a function (or a name and a function)');
  return engine.tidy(f);
}

/** Exempts a tensor from the enclosing tidy scopes. */
export function keep<T extends Tensor>(t: T): T {
  engine.keep(t);
  return t;
}

/** Disposes a tensor, or every tensor in an array/object. */
export function dispose(x: unknown): void {
  const s = new Set<Tensor>();
  collectTensors(x, s);
  for (const t of s) t.dispose();
}

export interface MemoryInfo {
  /** Live tensors (Variables and tape snapshots included). */
  numTensors: number;
  /** Live blocks of wasm memory (tensors that share a block count once). */
  numDataBuffers: number;
  /** Bytes in live blocks (by size class), and the UTF-8 bytes of string tensors' values (as tfjs). */
  numBytes: number;
  /** Pages of the wasm memory (64 KiB each) and their bytes. */
  wasmPages: number;
  wasmBytes: number;
  /** tfjs's flag: always false here (every block is counted). */
  unreliable: boolean;
}

/** Memory in use: live tensors, bytes in their blocks, wasm pages. */
export function memory(): MemoryInfo {
  const h = H();
  return {
    numTensors: engine.numTensors,
    numDataBuffers: liveBlocks,
    numBytes: h.usedBytes + stringBytes,
    wasmPages: h.pages,
    wasmBytes: h.pages * 65536,
    unreliable: false,
  };
}

/**
 * Lets the event loop run (a macrotask): the FinalizationRegistry frees collected tensors only between
 * tasks, so loops that only await promises (microtasks) would never get their dropped tensors back.
 * Node: setImmediate; browsers and workers: a MessageChannel message (setTimeout is clamped to 4 ms).
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => void };
  if (g.setImmediate) return new Promise((r) => g.setImmediate!(r));
  if (typeof MessageChannel === 'function') {
    return new Promise((r) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { ch.port1.close(); r(); };
      ch.port2.postMessage(null);
    });
  }
  return new Promise((r) => setTimeout(r, 0));
}

/**
 * Resolves on the next animation frame in a page, on the next event-loop turn elsewhere (workers, Node):
 * `await tf.nextFrame()` in a training loop keeps the page responsive (tfjs).
 */
export function nextFrame(): Promise<void> {
  if (typeof requestAnimationFrame === 'function') return new Promise((r) => requestAnimationFrame(() => r()));
  return yieldToEventLoop();
}

/** What tf.time measures (tfjs's TimingInfo), in milliseconds. */
export interface TimingInfo { wallMs: number; kernelMs: number }

/**
 * How long f takes (tfjs' tf.time). Kernels run synchronously inside the ops, so kernelMs is f's wall time.
 * @example const {wallMs} = await tf.time(() => tf.matMul(a, b));
 */
export async function time(f: () => void): Promise<TimingInfo> {
  const t0 = performance.now();
  f();
  const ms = performance.now() - t0;
  return { wallMs: ms, kernelMs: ms };
}
