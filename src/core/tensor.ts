// Tensor and Variable: a shape, a dtype and a block of wasm memory (shared, reference-counted, by
// reshapes, clones and tape snapshots; see memory.ts).
import { H } from '../backend/wasm.js';
import { BYTES, type DType } from './dtype.js';
import { engine, yieldToEventLoop } from './engine.js';
import { allocBlock, copyBlock, OverBudget, StringBlock, viewBlock, type DataBlock } from './memory.js';
import { formatTensor, formatVariable } from './format.js';

export type TypedArray = Float32Array | Int32Array | Uint8Array;
/** Nested JS arrays of numbers or booleans. */
export type NestedArray = number | boolean | string | NestedArray[];

/**
 * A tensor's rank as a type (tfjs's Rank): `Tensor<Rank.R2>` is `Tensor2D`. It only types; the rank of a
 * tensor at run time is `t.rank`, a number.
 */
export enum Rank { R0 = 'R0', R1 = 'R1', R2 = 'R2', R3 = 'R3', R4 = 'R4', R5 = 'R5', R6 = 'R6' }

/** The shape type of each rank (tfjs's ShapeMap). */
export interface ShapeMap {
  R0: number[];
  R1: [number];
  R2: [number, number];
  R3: [number, number, number];
  R4: [number, number, number, number];
  R5: [number, number, number, number, number];
  R6: [number, number, number, number, number, number];
}

/** The dtypes whose values are numbers (tfjs's NumericDataType): data() and dataSync() give these by default. */
export type NumericDType = 'float32' | 'int32' | 'bool' | 'complex64';

/**
 * The typed array of each dtype's values (tfjs's DataTypeMap, for the dtypes ascent has): a complex64
 * tensor reads as a Float32Array of 2·size values, re and im interleaved, as in tfjs.
 */
export interface DataTypeMap { float32: Float32Array; int32: Int32Array; bool: Uint8Array; complex64: Float32Array; string: string[] }

// The static rank of Tensor<R> as a type-only member (see the interface below), never set.
declare const rankOf: unique symbol;

let nextId = 0;

/**
 * A tensor: a shape, a dtype and values in wasm memory. `R` is tfjs's static rank: `tf.Tensor2D` is
 * `Tensor<Rank.R2>`; a plain `Tensor` (any rank) and a `Tensor2D` convert both ways, tensors of two
 * different static ranks do not. Ops return plain `Tensor`s.
 */
export class Tensor<R extends Rank = Rank> {
  /** Identity of the value; a tape snapshot of a tensor shares it. */
  readonly id: number;
  readonly shape: number[];
  readonly dtype: DType;
  readonly size: number;
  /** @internal */ block: DataBlock | null;
  /** @internal */ readonly __tensor = true;
  /** @internal Known to the engine's FinalizationRegistry (see engine.ts). */ registered = false;

  /** @internal Use tf.tensor(...) and the ops to make tensors. */
  constructor(shape: number[], dtype: DType, block?: DataBlock | null, id?: number, scoped = true) {
    this.shape = shape;
    this.dtype = dtype;
    let size = 1;
    for (const d of shape) size *= d;
    this.size = size;
    if (block) block.refs++;
    else {
      const bytes = size * BYTES[dtype];
      try {
        block = allocBlock(bytes);
      } catch (e) {
        if (e instanceof OverBudget) throw e;
        throw new Error(`out of memory: a ${dtype} tensor of shape [${shape}] needs ${bytes} bytes, and ${(e as Error).message}`);
      }
    }
    this.block = block;
    this.id = id ?? nextId++;
    engine.track(this, scoped);
  }

  get rank(): number { return this.shape.length; }
  /** tfjs's strides: the elements between consecutive entries of each axis but the last (row-major). */
  get strides(): number[] {
    const st = new Array<number>(Math.max(this.rank - 1, 0));
    let s = 1;
    for (let i = this.rank - 1; i > 0; i--) { s *= this.shape[i]; st[i - 1] = s; }
    return st;
  }
  get isDisposed(): boolean { return this.block === null; }
  /** @internal Byte offset of the data in wasm memory (valid until the next allocation may move views). */
  get ptr(): number {
    if (this.block === null) throw new Error(`Tensor is disposed (shape [${this.shape}], ${this.dtype})`);
    return this.block.ptr;
  }

  /**
   * A copy of the values (Float32Array, Int32Array or, for bool, Uint8Array). As in tfjs the dtype can be
   * given as a type argument: `t.dataSync<'float32'>()` is a Float32Array (it is not checked).
   */
  dataSync<D extends DType = NumericDType>(): DataTypeMap[D] {
    if (this.dtype === 'string') {
      if (this.block === null) throw new Error(`Tensor is disposed (shape [${this.shape}], string)`);
      return (this.block as StringBlock).values.slice() as DataTypeMap[D];
    }
    const p = this.ptr, h = H();
    switch (this.dtype) {
      case 'float32': return h.f32.slice(p >>> 2, (p >>> 2) + this.size) as DataTypeMap[D];
      case 'int32': return h.i32.slice(p >>> 2, (p >>> 2) + this.size) as DataTypeMap[D];
      case 'complex64': return h.f32.slice(p >>> 2, (p >>> 2) + 2 * this.size) as DataTypeMap[D];
      default: return h.u8.slice(p, p + this.size) as DataTypeMap[D];
    }
  }
  /**
   * The values, asynchronously (tfjs). Besides reading them it lets the event loop run once, so a loop
   * that awaits data() gives the garbage collector's finalizers the turn they need to free dropped tensors.
   */
  async data<D extends DType = NumericDType>(): Promise<DataTypeMap[D]> {
    const d = this.dataSync<D>();
    await yieldToEventLoop();
    return d;
  }

  /**
   * The values as nested JS arrays (numbers; booleans for bool tensors, as TF's numpy(); tfjs gives 0 and 1).
   * complex64 as tfjs: the innermost arrays hold re, im interleaved (a complex scalar is [re, im]).
   */
  arraySync(): NestedArray {
    const d = this.dataSync() as ArrayLike<number | string>;
    const vals: (number | boolean | string)[] = this.dtype === 'bool' ? Array.from(d, (v) => v !== 0) : Array.from(d);
    if (this.dtype === 'complex64') {
      if (this.rank === 0) return vals;
      const s = this.shape.slice();
      s[s.length - 1] *= 2;
      return nest(vals, s, 0, 0)[0] as NestedArray;
    }
    if (this.rank === 0) return vals[0];
    return nest(vals, this.shape, 0, 0)[0] as NestedArray;
  }
  /** The values as nested arrays, asynchronously (lets the event loop run once, as data()). */
  async array(): Promise<NestedArray> {
    const a = this.arraySync();
    await yieldToEventLoop();
    return a;
  }

  /** The value of a one-element tensor as a number (TF's `.numpy()` on a scalar). */
  item(): number {
    if (this.size !== 1) throw new Error(`item: the tensor has ${this.size} elements (shape [${this.shape}]), not 1`);
    if (this.dtype === 'complex64') throw new Error('item: the tensor is complex64; read it with data() or tf.real / tf.imag');
    return (this.dataSync() as ArrayLike<number | string>)[0] as number; // (a string tensor's item is its string)
  }

  /** TensorFlow's repr: `tf.Tensor(\n[[1. 2.]\n [3. 4.]], shape=(2, 2), dtype=float32)`. */
  toString(): string { return formatTensor(this); }
  print(): void { console.log(this.toString()); }

  /** Frees the block now (when no other tensor shares it). Safe to call twice. */
  dispose(): void {
    if (this.block === null) return;
    const b = this.block;
    this.block = null;
    engine.untrack(this, b);
  }

  /** @internal Another handle on the same block and identity, owned by the caller (not by tidy). */
  snapshot(): Tensor {
    return new Tensor(this.shape, this.dtype, this.block!, this.id, false);
  }

  /** @internal Another handle on the same block and identity, in the current scope (tidy frees it). */
  alias(): Tensor {
    return new Tensor(this.shape, this.dtype, this.block!, this.id);
  }

  /** @internal A new tensor (new identity) on the same block, read with another shape: no copy. */
  view(shape: number[]): Tensor {
    return new Tensor(shape, this.dtype, this.block!);
  }

  /**
   * @internal Rows [start, start + n) of the first axis as a new tensor on this one's memory, in the current scope:
   * no copy; its block keeps this one's alive (memory.ts viewBlock). Not for strings; no tape connects it to this.
   */
  rowsView(start: number, n: number): Tensor {
    const rowBytes = (this.shape[0] === 0 ? 0 : this.size / this.shape[0]) * BYTES[this.dtype];
    return new Tensor([n, ...this.shape.slice(1)], this.dtype, viewBlock(this.block!, start * rowBytes, n * rowBytes));
  }

  /**
   * @internal Gives this tensor a block of its own before it is written in place (a Variable update):
   * others sharing the block (a tape snapshot, a reshape, the tensor a row view is on) keep the old values.
   */
  ownBlock(copy = true): void {
    const b = this.block!;
    if (b.refs === 1 && !b.view) return;
    this.block = copy ? copyBlock(b) : allocBlock(b.bytes);
    engine.rebind(this);
    b.release();
  }
}

export interface Tensor<R extends Rank = Rank> {
  /**
   * The static rank, for types only (never present). A method, so that its parameter compares both ways:
   * Tensor<Rank> and Tensor<Rank.R2> convert into each other, Tensor<Rank.R1> and Tensor<Rank.R2> do not.
   */
  [rankOf]?(rank: R): void;
}

/** A tensor of rank 0 (tfjs's Scalar). */
export type Scalar = Tensor<Rank.R0>;
export type Tensor1D = Tensor<Rank.R1>;
export type Tensor2D = Tensor<Rank.R2>;
export type Tensor3D = Tensor<Rank.R3>;
export type Tensor4D = Tensor<Rank.R4>;
export type Tensor5D = Tensor<Rank.R5>;
export type Tensor6D = Tensor<Rank.R6>;

function nest(vals: (number | boolean | string)[], shape: number[], dim: number, off: number): [unknown[], number] {
  const out: unknown[] = [];
  if (dim === shape.length - 1) {
    for (let i = 0; i < shape[dim]; i++) out.push(vals[off + i]);
    return [out, off + shape[dim]];
  }
  for (let i = 0; i < shape[dim]; i++) {
    const [sub, next] = nest(vals, shape, dim + 1, off);
    out.push(sub);
    off = next;
  }
  return [out, off];
}

let variableCount = 0;

/**
 * A mutable tensor: trainable variables are watched by GradientTape automatically.
 * @example const w = tf.variable(tf.randomNormal([2, 2])); w.assignSub(tf.scalar(0.1).mul(g));
 */
export class Variable<R extends Rank = Rank> extends Tensor<R> {
  name: string;
  trainable: boolean;
  /** TF2's constraint: a projection optimizers apply after each update of this variable (e.g. maxNorm). */
  constraint: ((w: Tensor) => Tensor) | null = null;
  /**
   * @internal Bumped by every write to the values (assign, and through it setWeights, weight loading,
   * BatchNorm statistics, metrics; optimizer updates in place): a cache of values derived from this
   * variable (a folded BatchNorm, a packed kernel) is valid while the version it was built at is current.
   */
  version = 0;

  constructor(initial: Tensor, trainable = true, name?: string, dtype?: DType) {
    if (initial.isDisposed) throw new Error('Variable: the initial value is disposed');
    const dt = dtype ?? initial.dtype;
    super(initial.shape.slice(), dt, undefined, undefined, false);
    copyInto(this, initial);
    this.trainable = trainable;
    this.name = name ?? (variableCount++ === 0 ? 'Variable' : `Variable_${variableCount - 1}`);
    liveVariables.add(new WeakRef(this));
    if (liveVariables.size > pruneAt) { variablesNamed(''); pruneAt = 2 * liveVariables.size + 1024; }
  }

  /** TF2 prints variables as their repr: `<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=1.0>`. */
  override toString(): string { return formatVariable(this); }

  /** Writes a new value (same shape and dtype); a tape that saved the old value keeps it. */
  assign(value: Tensor): this {
    if (value.isDisposed) throw new Error(`assign: the value for variable '${this.name}' is disposed`);
    if (value.dtype !== this.dtype || value.shape.length !== this.shape.length ||
        value.shape.some((d, i) => d !== this.shape[i])) {
      throw new Error(`assign: variable '${this.name}' is [${this.shape}] ${this.dtype}, ` +
        `the value is [${value.shape}] ${value.dtype}`);
    }
    if (value.block === this.block) return this;
    this.ownBlock(false); // copy on write: someone (a tape, a reshape) may still read the old value
    copyInto(this, value);
    this.version++;
    return this;
  }
}

// Every variable, weakly held (tfjs' engine registry, without keeping them alive): tfjs' record form
// `optimizer.applyGradients({name: grad})`, e.g. the grads of tf.variableGrads, finds variables by name.
const liveVariables = new Set<WeakRef<Variable>>();
let pruneAt = 1024;

/** @internal The live (not disposed, not collected) variables now named `name` (any: null); drops dead entries. */
export function variablesNamed(name: string | null): Variable[] {
  const out: Variable[] = [];
  for (const r of liveVariables) {
    const v = r.deref();
    if (v === undefined || v.isDisposed) liveVariables.delete(r);
    else if (name === null || v.name === name) out.push(v);
  }
  return out;
}

/** Copies the data of src into dst (same size), converting the dtype if they differ. */
function copyInto(dst: Tensor, src: Tensor): void {
  const h = H();
  if (dst.dtype === src.dtype) {
    const n = dst.size * BYTES[dst.dtype];
    h.u8.copyWithin(dst.ptr, src.ptr, src.ptr + n);
    return;
  }
  if (dst.dtype === 'complex64' || src.dtype === 'complex64' || dst.dtype === 'string' || src.dtype === 'string') {
    throw new Error(`Variable: cannot convert ${src.dtype} values to ${dst.dtype}`);
  }
  const vals: ArrayLike<number> = src.dataSync();
  const view = dst.dtype === 'float32' ? h.f32 : dst.dtype === 'int32' ? h.i32 : h.u8;
  const off = dst.dtype === 'bool' ? dst.ptr : dst.ptr >>> 2;
  for (let i = 0; i < dst.size; i++) view[off + i] = dst.dtype === 'int32' ? Math.trunc(vals[i]) : dst.dtype === 'bool' ? (vals[i] !== 0 ? 1 : 0) : vals[i];
}

/**
 * Disposes every live variable (tfjs disposeVariables): their memory is freed and any later use is an
 * error. Variables the garbage collector already took are skipped.
 */
export function disposeVariables(): void {
  for (const r of liveVariables) {
    const v = r.deref();
    if (v !== undefined) v.dispose();
    liveVariables.delete(r);
  }
}
