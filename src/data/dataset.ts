// tf.data: lazy, re-iterable datasets (tfjs-data's Dataset, plus TF2's fromTensorSlices).
// A Dataset is a recipe: `open()` starts a fresh async generator over its elements, so every
// `for await` / `iterator()` is a new epoch, and each transformation wraps its upstream's generator.
// Generators close their upstream when the consumer stops early (`break`, take), and free the tensors
// they hold (shuffle and prefetch buffers, a partial batch) in `finally`.
//
// Ownership: every element handed out is the receiver's own (fresh tensors, or clones sharing the
// data), so disposing or tidying what you receive keeps memory flat over any number of epochs. Stages
// that consume elements free them: batch frees the rows it stacked, map the inputs it did not return,
// filter and skip the elements they drop, forEachAsync each element after the callback (as tfjs).
//
// Fast path: fromTensorSlices keeps its elements as row numbers into the source tensors as long as
// the chain is shuffle / take / skip / repeat / prefetch; batch then gathers each batch with one
// tf.gather per source tensor instead of slicing every row and stacking them. Any other stage (map,
// filter, zip, …) materialises the rows and continues on the general path.
import { dispose, isTensor, tidy, yieldToEventLoop } from '../core/engine.js';
import { tensor } from '../ops/create.js';
import { gather } from '../ops/gather.js';
import { randomUniform } from '../ops/random.js';
import { makeTensor, opError } from '../core/convert.js';
import type { Tensor } from '../core/tensor.js';
import { type AsTensors, batchElements, deepClone, describe, isNumeric, isPlainObject, leaves, mapTensors } from './structure.js';

export type { AsTensors } from './structure.js';
/** What `iterator()` gives: call `next()` until `done` (or use it in `for await`). */
export type DatasetIterator<T> = AsyncGenerator<T, void, undefined>;
type Open<T> = () => DatasetIterator<T>;

/**
 * The consumer's iterator: it yields to the event loop every ~50 ms so that tensors a hand-written
 * `for await` loop drops without dispose() are freed by the FinalizationRegistry (memory stays flat).
 */
async function* paced<T>(it: DatasetIterator<T>): DatasetIterator<T> {
  let last = performance.now();
  try {
    for (;;) {
      if (performance.now() - last > 50) { await yieldToEventLoop(); last = performance.now(); }
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  } finally {
    await it.return();
  }
}

/** The fast path's state: source tensors (a structure) and a stream of row numbers into them. */
interface Rows { source: unknown; indices: Open<number> }

const checkCount = (op: string, count: unknown, arg = 'count') => {
  if (count !== undefined && count !== null && (typeof count !== 'number' || !Number.isInteger(count))) {
    throw opError(op, `${arg} must be an integer (or undefined), got ${String(count)}`);
  }
};
const positiveInt = (op: string, n: unknown, arg: string) => {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw opError(op, `${arg} must be a positive integer, got ${String(n)}`);
};

/**
 * A lazy, re-iterable sequence of elements (tensors, numbers, arrays/objects of them), with
 * chainable transformations. Make one with `tf.data.array`, `tf.data.generator`, `tf.data.zip` or
 * `tf.data.fromTensorSlices`.
 * @example
 * const ds = tf.data.fromTensorSlices([x, y]).shuffle(10000).batch(128);
 * for await (const [xb, yb] of ds) { ...; tf.dispose([xb, yb]); }
 */
export class Dataset<T = unknown> implements AsyncIterable<T> {
  /** tfjs's suggested upper bound for shuffle buffers. */
  static readonly MAX_BUFFER_SIZE = 10000;
  /** TF2's `tf.data.Dataset.from_tensor_slices`. */
  static fromTensorSlices = fromTensorSlices;

  /**
   * @internal Use the constructors in tf.data. `size`: the number of elements, Infinity, or null
   * when unknown (tfjs).
   */
  constructor(private readonly open: Open<T>, readonly size: number | null, private readonly rows: Rows | null = null) {}

  /** A fresh iterator over the elements (a new epoch: a reshuffle, a regenerated stream). */
  async iterator(): Promise<DatasetIterator<T>> { return paced(this.open()); }

  [Symbol.asyncIterator](): DatasetIterator<T> { return paced(this.open()); }

  /**
   * Groups consecutive elements into batches: tensors are stacked on a new axis 0, numbers and
   * numeric arrays become tensors, tuples and records are batched item by item. The last, smaller
   * batch is kept unless `smallLastBatch` is false (tfjs) or `{dropRemainder: true}` (TF2).
   * @example tf.data.array([1, 2, 3, 4, 5]).batch(2)   // [1,2], [3,4], [5]
   */
  batch(batchSize: number, smallLastBatch: boolean | { dropRemainder?: boolean; smallLastBatch?: boolean } = true): Dataset<AsTensors<T>> {
    positiveInt('Dataset.batch', batchSize, 'batchSize');
    const o = typeof smallLastBatch === 'object' && smallLastBatch !== null ? smallLastBatch : { smallLastBatch };
    const small = o.dropRemainder !== undefined ? !o.dropRemainder : o.smallLastBatch !== false;
    const size = this.size === null || this.size === Infinity ? this.size
      : small ? Math.ceil(this.size / batchSize) : Math.floor(this.size / batchSize);
    if (this.rows) {
      const { source, indices } = this.rows;
      const gatherRows = (idx: number[]) => tidy(() => {
        const ix = tensor(Int32Array.from(idx), [idx.length], 'int32');
        return mapTensors(source, (t) => gather(t, ix));
      });
      return new Dataset(mapChunks(indices, batchSize, small, gatherRows), size) as Dataset<AsTensors<T>>;
    }
    const stackRows = (els: T[]) => {
      try { return tidy(() => batchElements(els)); } finally { dispose(els); }
    };
    return new Dataset(mapChunks(this.open, batchSize, small, stackRows), size) as Dataset<AsTensors<T>>;
  }

  /**
   * Applies `transform` to each element, inside tidy: tensors it creates and does not return are
   * freed, and so are the input's tensors it does not return.
   * @example ds.map(({xs, ys}) => ({xs: xs.div(255), ys}))
   */
  map<O>(transform: (value: T) => O): Dataset<O> {
    if (typeof transform !== 'function') throw opError('Dataset.map', `transform must be a function, got ${describe(transform)}`);
    const run = (x: T) => tidy(() => {
      const y = transform(x);
      if (y instanceof Promise) throw opError('Dataset.map', 'the transform returned a Promise; use mapAsync for async transforms');
      return y;
    });
    return new Dataset(mapped(this.open, run), this.size);
  }

  /** map with an async transform; the transform must tidy its own intermediate tensors (tfjs). */
  mapAsync<O>(transform: (value: T) => Promise<O>): Dataset<O> {
    if (typeof transform !== 'function') throw opError('Dataset.mapAsync', `transform must be a function, got ${describe(transform)}`);
    return new Dataset(mapped(this.open, transform), this.size);
  }

  /**
   * Keeps the elements for which `predicate` is true (a boolean, or a one-element tensor as in TF2);
   * the others are disposed.
   * @example tf.data.array([1, 2, 3, 4]).filter((x) => x % 2 === 0)   // 2, 4
   */
  filter(predicate: (value: T) => boolean | Tensor): Dataset<T> {
    const op = 'Dataset.filter';
    if (typeof predicate !== 'function') throw opError(op, `predicate must be a function, got ${describe(predicate)}`);
    const test = (x: T) => tidy(() => {
      const r = predicate(x);
      if (isTensor(r)) {
        if (r.size !== 1) throw opError(op, `the predicate returned a tensor of shape [${r.shape}]; it must have one element`);
        return r.dataSync()[0] !== 0;
      }
      if (typeof r !== 'boolean') throw opError(op, `the predicate must return a boolean (or a one-element tensor), got ${describe(r)}`);
      return r;
    });
    const open = this.open;
    return new Dataset(async function* () {
      for await (const x of open()) {
        let keep: boolean;
        try { keep = test(x); } catch (e) { dispose(x); throw e; }
        if (keep) yield x; else dispose(x);
      }
    }, this.size === Infinity ? Infinity : null);
  }

  /**
   * Randomly shuffles the elements with a buffer: the first `bufferSize` elements fill it, then
   * each output is a uniform pick from the buffer, replaced by the next element (tfjs and TF2). A
   * buffer as large as the dataset is a full shuffle. With a seed the order is the same in every JS
   * engine; without one the seed is drawn from tf.setSeed's sequence when shuffle() is called. Each
   * iteration reshuffles unless `reshuffleEachIteration` is false.
   * @example tf.data.fromTensorSlices([x, y]).shuffle(10000, 42).batch(32)
   */
  shuffle(bufferSize: number, seed?: number | string, reshuffleEachIteration = true): Dataset<T> {
    const op = 'Dataset.shuffle';
    if (bufferSize === undefined || bufferSize === null) {
      throw opError(op, `bufferSize is required${this.size !== null && Number.isFinite(this.size) ? ` (the dataset has ${this.size} elements; ` +
        'a buffer that large is a full shuffle)' : ''}`);
    }
    positiveInt(op, bufferSize, 'bufferSize');
    const base = seed === undefined || seed === null ? drawSeed() : seedWord(op, seed);
    let iteration = 0;
    const next = () => mix(base, reshuffleEachIteration ? iteration++ : 0);
    return this.through(this.size, <E>(open: Open<E>) => async function* () {
      const rng = new Rng(next());
      const buf: E[] = [];
      try {
        for await (const x of open()) {
          if (buf.length < bufferSize) { buf.push(x); continue; }
          const i = rng.below(bufferSize);
          const out = buf[i];
          buf[i] = x;
          yield out;
        }
        while (buf.length > 0) {
          const i = rng.below(buf.length);
          const out = buf[i];
          buf[i] = buf[buf.length - 1];
          buf.pop();
          yield out;
        }
      } finally { dispose(buf); }
    });
  }

  /**
   * The first `count` elements (all of them when count is undefined or negative, as tfjs).
   * @example tf.data.array([1, 2, 3]).take(2)   // 1, 2
   */
  take(count?: number): Dataset<T> {
    checkCount('Dataset.take', count);
    const n = count === undefined || count === null || count < 0 ? Infinity : count;
    const size = this.size === null ? null : Math.min(this.size, n);
    return this.through(size, (open) => async function* () {
      if (n === 0) return;
      let k = 0;
      for await (const x of open()) {
        yield x;
        if (++k >= n) return;
      }
    });
  }

  /**
   * Drops the first `count` elements (all of them when count is undefined or negative, as TF2 and
   * tfjs's documented size); the dropped elements are disposed.
   * @example tf.data.array([1, 2, 3]).skip(2)   // 3
   */
  skip(count?: number): Dataset<T> {
    checkCount('Dataset.skip', count);
    const n = count === undefined || count === null || count < 0 ? Infinity : count;
    const size = this.size === null ? null : n === Infinity ? 0 : Math.max(0, this.size - n);
    return this.through(size, (open) => async function* () {
      let k = 0;
      for await (const x of open()) {
        if (k < n) { k++; dispose(x); continue; }
        yield x;
      }
    });
  }

  /**
   * Repeats the dataset `count` times, forever when count is undefined or negative. Each repetition
   * is a new iteration of this dataset (so a shuffle before repeat reshuffles).
   * @example tf.data.array([1, 2]).repeat(2)   // 1, 2, 1, 2
   */
  repeat(count?: number): Dataset<T> {
    checkCount('Dataset.repeat', count);
    const n = count === undefined || count === null || count < 0 ? Infinity : count;
    const size = this.size === null ? (n === 0 ? 0 : null) : this.size === 0 || n === 0 ? 0 : this.size * n;
    return this.through(size, (open) => async function* () {
      for (let k = 0; k < n; k++) {
        let any = false;
        for await (const x of open()) { any = true; yield x; }
        if (!any) return; // an empty dataset repeated forever is empty, not a busy loop
      }
    });
  }

  /**
   * Keeps up to `bufferSize` elements computed ahead of the consumer (they are produced whenever
   * the consumer awaits). Before batch in a fromTensorSlices chain there is nothing to compute
   * ahead (the elements are row numbers), so it changes nothing there.
   */
  prefetch(bufferSize: number): Dataset<T> {
    positiveInt('Dataset.prefetch', bufferSize, 'bufferSize');
    if (this.rows) return this;
    const open = this.open;
    return new Dataset(async function* () {
      const it = open();
      const queue: Promise<IteratorResult<T, void>>[] = [];
      try {
        for (;;) {
          while (queue.length < bufferSize) queue.push(it.next());
          const r = await queue.shift()!;
          if (r.done) return;
          yield r.value;
        }
      } finally {
        for (const p of queue) {
          const r = await p.catch(() => null);
          if (r && !r.done) dispose(r.value);
        }
        await it.return();
      }
    }, this.size);
  }

  /**
   * This dataset's elements followed by `dataset`'s.
   * @example tf.data.array([1, 2]).concatenate(tf.data.array([3]))   // 1, 2, 3
   */
  concatenate(dataset: Dataset<T>): Dataset<T> {
    if (!(dataset instanceof Dataset)) throw opError('Dataset.concatenate', `dataset must be a tf.data Dataset, got ${describe(dataset)}`);
    const a = this.open, b = dataset.open;
    const size = this.size === Infinity || dataset.size === Infinity ? Infinity
      : this.size === null || dataset.size === null ? null : this.size + dataset.size;
    return new Dataset(async function* () { yield* a(); yield* b(); }, size);
  }

  /**
   * Calls f on every element, then disposes the element's tensors (tfjs); f may be async.
   * @example await ds.forEachAsync((e) => console.log(e))
   */
  async forEachAsync(f: (value: T) => unknown): Promise<void> {
    if (typeof f !== 'function') throw opError('Dataset.forEachAsync', `f must be a function, got ${describe(f)}`);
    for await (const x of this.open()) {
      try { await f(x); } finally { dispose(x); }
    }
  }

  /** Every element in an array (the caller owns their tensors). Infinite datasets are an error. */
  async toArray(): Promise<T[]> {
    if (this.size === Infinity) throw opError('Dataset.toArray', 'the dataset is infinite (size Infinity), e.g. repeat() without a count; use take(n) first');
    const out: T[] = [];
    try {
      for await (const x of this.open()) out.push(x);
    } catch (e) { dispose(out); throw e; }
    return out;
  }

  /**
   * Applies a transformation of the element stream that does not look at the elements (shuffle,
   * take, skip, repeat): on the fast path it runs on the row numbers.
   */
  private through(size: number | null, f: <E>(open: Open<E>) => Open<E>): Dataset<T> {
    if (this.rows) return rowDataset<T>(this.rows.source, f(this.rows.indices), size);
    return new Dataset(f(this.open), size);
  }
}

/** Groups the upstream into chunks of n and yields combine(chunk); a partial chunk left over is freed. */
function mapChunks<E, O>(open: Open<E>, n: number, small: boolean, combine: (chunk: E[]) => O): Open<O> {
  return async function* () {
    let chunk: E[] = [];
    try {
      for await (const x of open()) {
        chunk.push(x);
        if (chunk.length === n) { const c = chunk; chunk = []; yield combine(c); }
      }
      if (small && chunk.length > 0) { const c = chunk; chunk = []; yield combine(c); }
    } finally { dispose(chunk); }
  };
}

/** Runs f on each element and frees the input's tensors that f did not return (tfjs MapIterator). */
function mapped<I, O>(open: Open<I>, f: (x: I) => O | Promise<O>): Open<O> {
  return async function* () {
    for await (const x of open()) {
      let y: O;
      try { y = await f(x); } catch (e) { dispose(x); throw e; }
      const kept = new Set(leaves(y).map(([, t]) => t));
      for (const [, t] of leaves(x)) if (!kept.has(t)) t.dispose();
      yield y;
    }
  };
}

function rowDataset<T>(source: unknown, indices: Open<number>, size: number | null): Dataset<T> {
  const open = async function* () {
    for await (const i of indices()) yield mapTensors(source, (t) => gather(t, i)) as T;
  };
  return new Dataset<T>(open, size, { source, indices });
}

/**
 * Elements from an array (tfjs `tf.data.array`). Tensors in the items are cloned for each
 * iteration (the clones share the data), so the receiver may dispose what it gets.
 * @example tf.data.array([{x: 1, y: 2}, {x: 3, y: 4}]).batch(2)   // {x: [1, 3], y: [2, 4]}
 */
export function array<T>(items: T[]): Dataset<T> {
  if (!Array.isArray(items)) throw opError('data.array', `items must be an array, got ${describe(items)}`);
  return new Dataset(async function* () { for (const x of items) yield deepClone(x); }, items.length);
}

/**
 * Elements from a generator function, called anew for each iteration (tfjs `tf.data.generator`).
 * It may be a function* or an async function*, or return any (async) iterator. What it yields is
 * handed over: later stages (batch, map, …) dispose the tensors they consume, so yield fresh tensors
 * rather than ones you keep using (as in tfjs).
 * @example tf.data.generator(function* () { for (let i = 0; i < 3; i++) yield {xs: tf.scalar(i), ys: tf.scalar(2 * i)}; })
 */
export function generator<T>(generator: () => Iterator<T> | AsyncIterator<T> | Iterable<T> | AsyncIterable<T> | Promise<Iterator<T> | AsyncIterator<T>>): Dataset<T> {
  const op = 'data.generator';
  if (typeof generator !== 'function') {
    throw opError(op, `the argument must be a function that returns an iterator (e.g. a function*), got ${describe(generator)}` +
      (generator && typeof (generator as { next?: unknown }).next === 'function' ? ': pass the generator function itself, not gen(), so that each epoch restarts it' : ''));
  }
  return new Dataset(async function* () {
    type AnyIt = Partial<AsyncIterator<T> & AsyncIterable<T> & Iterable<T>>;
    let it = (await generator()) as AnyIt;
    if (it && typeof it.next !== 'function') {
      if (typeof it[Symbol.asyncIterator] === 'function') it = it[Symbol.asyncIterator]!() as AnyIt;
      else if (typeof it[Symbol.iterator] === 'function') it = it[Symbol.iterator]!() as unknown as AnyIt;
    }
    if (!it || typeof it.next !== 'function') throw opError(op, `the function must return an iterator (e.g. be a function*), it returned ${describe(it)}`);
    try {
      for (;;) {
        const r = await it.next!();
        if (r.done) return;
        yield r.value;
      }
    } finally { await it.return?.(); }
  }, null);
}

type Unzipped<D> = D extends Dataset<infer E> ? E
  : D extends readonly unknown[] ? { -readonly [K in keyof D]: Unzipped<D[K]> }
  : { -readonly [K in keyof D]: Unzipped<D[K]> };

/**
 * Elements that combine the elements of several datasets, in the structure of the argument (an
 * array or object of datasets, nested). It ends with the shortest dataset (tfjs `tf.data.zip`).
 * @example tf.data.zip({xs: images, ys: labels})   // {xs: …, ys: …}
 */
export function zip<const D>(datasets: D): Dataset<Unzipped<D>> {
  const op = 'data.zip';
  const found: Dataset[] = [];
  const walk = (d: unknown, path: string): void => {
    if (d instanceof Dataset) { found.push(d); return; }
    if (Array.isArray(d)) { d.forEach((v, i) => walk(v, `${path}[${i}]`)); return; }
    if (isPlainObject(d)) { for (const k of Object.keys(d)) walk(d[k], path ? `${path}.${k}` : k); return; }
    throw opError(op, `datasets${path ? ` at '${path}'` : ''} must be a Dataset or an array / object of Datasets, got ${describe(d)}`);
  };
  walk(datasets, '');
  if (found.length === 0) throw opError(op, 'pass a non-empty array or object of Datasets');
  const sizes = found.map((d) => d.size);
  const size = sizes.includes(null) ? (sizes.includes(0) ? 0 : null) : Math.min(...(sizes as number[]));
  const rebuild = (d: unknown, values: unknown[]): unknown => {
    if (d instanceof Dataset) return values.shift();
    if (Array.isArray(d)) return d.map((v) => rebuild(v, values));
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(d as object)) out[k] = rebuild((d as Record<string, unknown>)[k], values);
    return out;
  };
  return new Dataset(async function* () {
    const its = found.map((d) => d[Symbol.asyncIterator]());
    try {
      for (;;) {
        const rs = await Promise.allSettled(its.map((it) => it.next()));
        const ok = rs.flatMap((r) => (r.status === 'fulfilled' && !r.value.done ? [r.value.value] : []));
        const failed = rs.find((r) => r.status === 'rejected');
        if (ok.length < its.length) {
          dispose(ok);
          if (failed) throw (failed as PromiseRejectedResult).reason;
          return;
        }
        yield rebuild(datasets, ok) as Unzipped<D>;
      }
    } finally { await Promise.allSettled(its.map((it) => it.return())); }
  }, size);
}

/**
 * A dataset of the slices of tensors along their first axis (TF2's `from_tensor_slices`): a tensor
 * gives tensors, a tuple `[x, y]` gives arrays `[x[i], y[i]]`, a record `{a, b}` gives records.
 * Numbers and numeric arrays are made tensors first. The dataset keeps its own reference to the
 * data, so disposing the arguments later does not break it.
 * @example
 * const ds = tf.data.fromTensorSlices([xTrain, yTrain]).shuffle(10000).batch(128);
 * for await (const [x, y] of ds) { ... }
 */
export function fromTensorSlices<const S>(tensors: S): Dataset<AsTensors<S>> {
  const op = 'fromTensorSlices';
  const name = (p: string) => (p ? `tensors${p.startsWith('[') ? '' : '.'}${p}` : 'tensors');
  const made: Tensor[] = []; // the dataset's references, freed again if the arguments are rejected
  const own = (x: unknown, path: string): unknown => {
    const arg = name(path);
    if (isTensor(x)) {
      if (x.isDisposed) throw opError(op, `${arg} is disposed (shape [${x.shape}])`);
      if (x.rank === 0) throw opError(op, `${arg} is a scalar (shape []); slicing needs rank ≥ 1`);
      made.push(x.snapshot());
      return made[made.length - 1];
    }
    if (isNumeric(x) && typeof x !== 'number' && typeof x !== 'boolean') {
      const t = makeTensor(x, undefined, undefined, op, arg);
      made.push(t.snapshot());
      t.dispose();
      return made[made.length - 1];
    }
    if (Array.isArray(x) && x.length > 0) return x.map((v, i) => own(v, `${path}[${i}]`));
    if (isPlainObject(x) && Object.keys(x).length > 0) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(x)) out[k] = own(x[k], path ? `${path}.${k}` : k);
      return out;
    }
    throw opError(op, `${arg} must be a tensor (rank ≥ 1), a numeric array, or a non-empty array / object of them; got ${describe(x)}`);
  };
  let source: unknown, n: number;
  try {
    source = own(tensors, '');
    const ls = leaves(source);
    n = ls[0][1].shape[0];
    const bad = ls.find(([, t]) => t.shape[0] !== n);
    if (bad) {
      throw opError(op, `all tensors need the same first dimension: ${name(ls[0][0])} has shape [${ls[0][1].shape}] ` +
        `but ${name(bad[0])} has shape [${bad[1].shape}]`);
    }
  } catch (e) { dispose(made); throw e; }
  return rowDataset(source, async function* () { for (let i = 0; i < n; i++) yield i; }, n);
}

// Seeded shuffles: integer-only PRNG arithmetic (Math.imul, shifts), so every JS engine gives the
// same order; no Math.random.

/** mulberry32 (Tommy Ettinger, public domain): 32-bit state, full period 2^32. */
class Rng {
  constructor(private s: number) {}
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** Uniform in [0, n) by multiply-shift (exact: u·n < 2^53 for n < 2^21; bias ≤ n/2^32). */
  below(n: number): number { return Math.floor((this.next() * n) / 4294967296); }
}

/** murmur3's finaliser of (a, b): unrelated seeds for consecutive iterations. */
function mix(a: number, b: number): number {
  let z = (a ^ Math.imul(b + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A 32-bit seed from an integer (both 32-bit halves count) or a string (FNV-1a; tfjs seeds are strings). */
function seedWord(op: string, seed: number | string): number {
  if (typeof seed === 'string') {
    let h = 0x811c9dc5;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
    return h >>> 0;
  }
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw opError(op, `seed must be a finite number or a string, got ${String(seed)}`);
  const s = Math.floor(seed);
  return mix(s >>> 0, Math.floor(s / 2 ** 32) >>> 0);
}

/** A seed from the global sequence of random ops (tf.setSeed makes unseeded shuffles reproducible). */
function drawSeed(): number {
  const t = randomUniform([], 0, 0x7fffffff, 'int32');
  const s = t.dataSync()[0];
  t.dispose();
  return s >>> 0;
}

