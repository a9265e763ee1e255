// Block ownership: the one module that decides when a block of wasm memory is freed. A DataBlock is a
// heap block and the number of tensors that point at it (reshape, clone and tape snapshots share one).
import { sizeClass } from '../backend/heap.js';
import { H } from '../backend/wasm.js';

/** Live blocks (tf.memory().numDataBuffers). */
export let liveBlocks = 0;

/** While set, the bytes that new blocks may still take (net of blocks freed meanwhile), and the error. */
let budget: { left: number; error: () => Error } | null = null;

/** The error of an allocation over a budget (passed on as it is, not as out-of-memory). */
export class OverBudget extends Error {
  constructor(readonly reason: Error) { super(reason.message); }
}

/**
 * Runs fn with at most `bytes` of new (net) memory: an allocation beyond it throws `error()` before
 * anything is allocated. Loaders use it so a file cannot make ascent allocate more than it holds.
 */
export function withAllocationBudget<T>(bytes: number, error: () => Error, fn: () => T): T {
  const outer = budget;
  budget = { left: bytes, error };
  try {
    return fn();
  } catch (e) {
    // the over-budget error, also when an op has wrapped it (its cause)
    for (let c: unknown = e; c instanceof Error; c = c.cause) if (c instanceof OverBudget) throw c.reason;
    throw e;
  } finally {
    budget = outer;
  }
}

const PRESSURE_MIN_BYTES = 1 << 17;
let smallBytes = 0;
// Pressure buffers of disposed blocks, by size class, for reuse: a loop that disposes (tidy)
// allocates none, one that drops tensors keeps allocating and so keeps signalling the collector.
const pressurePool = new Map<number, ArrayBuffer[]>();

export class DataBlock {
  refs = 1;
  /** @internal A block released with this one (a layer's softmax output keeps its logits: ops/softmax.ts). */
  kept: DataBlock | null = null;
  /**
   * V8 does not count wasm memory as garbage-collector pressure, so without help a loop that never
   * disposes would run thousands of steps between collections. Every 128 KiB of blocks, one block
   * carries an untouched ArrayBuffer of that size: large ArrayBuffers are lazily zeroed pages (no
   * resident memory), but V8 counts them as external memory and collects sooner, which frees the
   * dropped tensors' blocks.
   */
  private pressure: ArrayBuffer | null = null;
  /** `of`: a view on bytes [ptr, ptr + bytes) of that block (no memory of its own; keeps it alive: viewBlock). */
  constructor(public ptr: number, public readonly bytes: number, private readonly of: DataBlock | null = null) {
    liveBlocks++;
    if (of !== null) { of.refs++; this.kept = of; return; }
    smallBytes += bytes;
    if (smallBytes >= PRESSURE_MIN_BYTES) {
      const size = sizeClass(smallBytes);
      this.pressure = pressurePool.get(size)?.pop() ?? new ArrayBuffer(size);
      smallBytes = 0;
    }
  }

  /** Whether this block is a view on another's memory (viewBlock): writing it in place would write that one. */
  get view(): boolean { return this.of !== null; }

  /** Drops one reference and frees the block with the last; `collected`: a tensor was garbage-collected. */
  release(collected = false): void {
    if (--this.refs !== 0) return;
    if (this.of === null) {
      if (budget !== null) budget.left += this.bytes;
      H().free(this.ptr, this.bytes);
    }
    this.ptr = -1;
    liveBlocks--;
    if (this.kept !== null) { this.kept.release(collected); this.kept = null; }
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

/** A new block of at least one byte. Throws (changing nothing) when memory cannot grow. */
export function allocBlock(bytes: number): DataBlock {
  const n = Math.max(bytes, 1);
  if (budget !== null && n > budget.left) throw new OverBudget(budget.error());
  const ptr = H().alloc(n);
  if (budget !== null) budget.left -= n;
  return new DataBlock(ptr, n);
}

/**
 * A block on bytes [offset, offset + bytes) of `base`, without a copy (fit's batch rows: src/core/tensor.ts
 * rowsView). It keeps base alive and releases it with its last reference; its refs start at 0 (the tensor made
 * on it takes the first).
 */
export function viewBlock(base: DataBlock, offset: number, bytes: number): DataBlock {
  const b = new DataBlock(base.ptr + offset, bytes, base);
  b.refs = 0;
  return b;
}

/** A block of its own with the same bytes as `b` (copy on write for a shared block). */
export function copyBlock(b: DataBlock): DataBlock {
  const nb = allocBlock(b.bytes);
  H().u8.copyWithin(nb.ptr, b.ptr, b.ptr + b.bytes);
  return nb;
}

/** Bytes of the live string tensors' values (UTF-8, as tfjs counts them): part of tf.memory().numBytes. */
export let stringBytes = 0;
const utf8 = new TextEncoder();

/**
 * The values of a string tensor, kept in JS (not in wasm memory), shared and reference-counted as a
 * DataBlock is (reshape, clone, snapshots), and freed the same ways (dispose, tidy, the collector).
 */
export class StringBlock extends DataBlock {
  constructor(readonly values: string[]) {
    let bytes = 0;
    for (const v of values) bytes += utf8.encode(v).length;
    super(-1, bytes);
    this.refs = 0; // the tensor made on it takes the first reference
    stringBytes += bytes;
  }
  override release(): void {
    if (--this.refs !== 0) return;
    stringBytes -= this.bytes;
    liveBlocks--;
  }
}
