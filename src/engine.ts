// Memory scopes and the tape hook: the one place that decides when a tensor's block is freed.
//  - dispose(): frees now.  - tidy(fn): frees what fn created and did not return.  - keep(t): exempt.
//  - A FinalizationRegistry frees the block of a tensor that was dropped without dispose, so a user who
//    never disposes still trains with flat memory (blocks come back when the garbage collector runs,
//    i.e. between tasks: an `await` in the training loop is enough).
// Tensors that share a block (reshape, tape snapshots) hold references on one DataBlock.
import { sizeClass } from './backend/heap.js';
import { H } from './backend/wasm.js';
import type { Tensor } from './tensor.js';

export type DType = 'float32' | 'int32' | 'bool';

export const BYTES: Record<DType, number> = { float32: 4, int32: 4, bool: 1 };

const PRESSURE_MIN_BYTES = 1 << 17;
let smallBytes = 0;
// Pressure buffers of disposed blocks, by size class, for reuse: a loop that disposes (tidy)
// allocates none, one that drops tensors keeps allocating and so keeps signalling the collector.
const pressurePool = new Map<number, ArrayBuffer[]>();

/** A block of wasm memory and the number of tensors that point at it. */
export class DataBlock {
  refs = 1;
  /**
   * V8 does not count wasm memory as garbage-collector pressure, so without help a loop that never
   * disposes would run thousands of steps between collections. Every 128 KiB of blocks, one block
   * carries an untouched ArrayBuffer of that size: large ArrayBuffers are lazily zeroed pages (no
   * resident memory), but V8 counts them as external memory and collects sooner, which frees the
   * dropped tensors' blocks.
   */
  private pressure: ArrayBuffer | null = null;
  constructor(public ptr: number, public readonly bytes: number) {
    smallBytes += bytes;
    if (smallBytes >= PRESSURE_MIN_BYTES) {
      const size = sizeClass(smallBytes);
      this.pressure = pressurePool.get(size)?.pop() ?? new ArrayBuffer(size);
      smallBytes = 0;
    }
  }
  /** Drops one reference; `collected`: the tensor was garbage-collected rather than disposed. */
  release(collected = false): void {
    if (--this.refs !== 0) return;
    H().free(this.ptr, this.bytes);
    this.ptr = -1;
    engine.numDataBlocks--;
    // Recycle the pressure buffer only after an explicit dispose; after a collection it must go, so
    // that V8 sees the external memory come and go with the garbage.
    if (this.pressure !== null && !collected) {
      const size = this.pressure.byteLength;
      let list = pressurePool.get(size);
      if (list === undefined) pressurePool.set(size, (list = []));
      if (list.length < 64) list.push(this.pressure);
      this.pressure = null;
    }
  }
}

export function allocBlock(bytes: number): DataBlock {
  engine.numDataBlocks++;
  return new DataBlock(H().alloc(Math.max(bytes, 1)), Math.max(bytes, 1));
}

/** What the tape module plugs in: called after every primitive op (see tape.ts). */
export interface TapeHook {
  record(name: string, inputs: Tensor[], output: Tensor, grad: GradFn, saved: Tensor[]): void;
}
/**
 * Gradient of one op: dy is the gradient of the output, saved what the op asked to keep, needed[i]
 * whether input i's gradient is wanted (expensive gradients skip the others: a first layer's input).
 */
export type GradFn = (dy: Tensor, saved: Tensor[], needed: boolean[]) => (Tensor | null)[];

class Engine {
  numTensors = 0;
  numDataBlocks = 0;
  private scopes: Set<Tensor>[] = [];
  tapes: TapeHook[] = [];
  paused = 0;
  readonly registry = new FinalizationRegistry<DataBlock>((block) => {
    this.numTensors--;
    block.release(true);
  });

  /** Called by the Tensor constructor. */
  track(t: Tensor, block: DataBlock, scoped: boolean): void {
    this.numTensors++;
    this.registry.register(t, block, t);
    if (scoped && this.scopes.length > 0) this.scopes[this.scopes.length - 1].add(t);
  }
  /** Called by Tensor.dispose. */
  untrack(t: Tensor, block: DataBlock): void {
    this.numTensors--;
    this.registry.unregister(t);
    block.release();
    if (this.scopes.length > 0) this.scopes[this.scopes.length - 1].delete(t);
  }
  keep(t: Tensor): void {
    for (const s of this.scopes) s.delete(t);
  }

  tidy<T>(fn: () => T): T {
    const scope = new Set<Tensor>();
    this.scopes.push(scope);
    let result: T;
    try {
      result = fn();
    } catch (e) {
      this.scopes.pop();
      for (const t of scope) t.dispose();
      throw e;
    }
    this.scopes.pop();
    if (result instanceof Promise) {
      throw new Error('tidy: the function must be synchronous; it returned a Promise');
    }
    const kept = new Set<Tensor>();
    collectTensors(result, kept);
    const parent = this.scopes.length > 0 ? this.scopes[this.scopes.length - 1] : null;
    for (const t of scope) {
      if (kept.has(t)) { if (parent) parent.add(t); } else t.dispose();
    }
    return result;
  }

  get recording(): boolean { return this.tapes.length > 0 && this.paused === 0; }
}

export const engine = new Engine();

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
export function tidy<T>(fn: (() => T) | string, fn2?: () => T): T {
  return engine.tidy(typeof fn === 'string' ? fn2! : fn);
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

/** Memory in use: live tensors, bytes in their blocks, wasm pages. */
export function memory(): { numTensors: number; numDataBuffers: number; numBytes: number; wasmPages: number; wasmBytes: number; unreliable: boolean } {
  const h = H();
  return {
    numTensors: engine.numTensors,
    numDataBuffers: engine.numDataBlocks,
    numBytes: h.usedBytes,
    wasmPages: h.pages,
    wasmBytes: h.pages * 65536,
    unreliable: false,
  };
}

/**
 * Lets the event loop run (a macrotask): the FinalizationRegistry frees collected tensors only between
 * tasks, so long loops that never leave the microtask queue (async generators, awaited promises) call
 * this every ~50 ms.
 */
export async function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => void };
  await new Promise<void>((r) => (g.setImmediate ? g.setImmediate(r) : setTimeout(r, 0)));
}

/**
 * Resolves on the next animation frame in a page, on the next event-loop turn elsewhere (workers, Node):
 * `await tf.nextFrame()` in a training loop keeps the page responsive (tfjs).
 */
export function nextFrame(): Promise<void> {
  if (typeof requestAnimationFrame === 'function') return new Promise((r) => requestAnimationFrame(() => r()));
  return yieldToEventLoop();
}

/**
 * How long f takes (tfjs' tf.time). Kernels run synchronously inside the ops, so kernelMs is f's wall time.
 * @example const {wallMs} = await tf.time(() => tf.matMul(a, b));
 */
export async function time(f: () => void): Promise<{ wallMs: number; kernelMs: number }> {
  const t0 = performance.now();
  f();
  const ms = performance.now() - t0;
  return { wallMs: ms, kernelMs: ms };
}
