// The op seam: every public op is made here, in one of three forms.
//
//   op(name, {inputs, forward, grad})        a primitive: forward runs untaped (a kernel, or ops whose
//                                            own recording is not wanted) and the op is recorded as one
//                                            tape node whose gradient `grad` is written with ops, so it
//                                            is differentiable again.
//   op(name, {inputs, forward, grad: null})  a no-gradient op (comparisons, argMax, random, floor …).
//   composite(name, {inputs, forward})       a function of other ops: they record themselves, so its
//                                            gradient comes free.
//
// For every call the seam converts and checks the tensor arguments (JS values → tensors, disposed
// tensors, dtypes, dtype promotion), runs the body in a scope that keeps only what it returns (every
// temporary and intermediate is freed, also when it throws), records on a tape only when a tape watches
// an input (nothing is allocated for tapes otherwise), sums broadcast gradients back to the input shapes,
// and names the op in every error that escapes, a kernel trap included.
import { checkDtype, convert, fmtShape, opError, type TensorLike } from './convert.js';
import { DTYPE_RANK, type DType } from './dtype.js';
import { collectTensors, engine, isTensor, type SavedOp } from './engine.js';
import { Tensor } from './tensor.js';

/** A tensor argument: its name (for errors), and what the seam does with it. */
export interface InputSpec {
  name: string;
  /** Allowed dtypes (after conversion and promotion); others are an error naming the op and argument. */
  dtypes?: readonly DType[];
  /** The dtype JS values are converted to (default: inferred; numbers are float32). */
  literal?: DType;
  /** Casts applied after the check, e.g. {bool: 'int32'} for arithmetic kernels. */
  cast?: Partial<Record<DType, DType>>;
  /** null or undefined is allowed (passed on as null). */
  optional?: boolean;
  /** An array of tensors (concat, stack …). */
  list?: boolean;
  /** With the op's `promote`: false keeps this argument out of dtype promotion (where's condition). */
  promote?: boolean;
  /**
   * complex64 tensors are accepted (also when `dtypes` lists 'complex64'). Without it the seam refuses them
   * with an error naming the op and the argument, so an op never sees a dtype it was not written for.
   */
  complex?: boolean;
  /** string tensors are accepted (also when `dtypes` lists 'string'); without it the seam refuses them. */
  string?: boolean;
}

type Fn = (...args: never[]) => unknown;
type Conv<T> = [T] extends [Tensor] ? TensorLike
  : [T] extends [readonly Tensor[]] ? TensorLike[]
  : [T] extends [Tensor | null | undefined] ? Exclude<T, Tensor> | TensorLike
  : T;
/** The public parameters of an op whose body takes `A`: tensors may be given as JS values. */
export type PublicArgs<A extends unknown[]> = { [K in keyof A]: Conv<A[K]> };
/** The function an op definition makes (op() and composite() spell it out, so declarations show the parameters). */
export type OpFn<F extends Fn> = (...args: PublicArgs<Parameters<F>>) => ReturnType<F>;

/**
 * A primitive's gradient: `dy` the gradient of the output `y`, `args` the arguments of forward (its
 * tensors as saved), `needed[i]` whether input i's gradient is wanted. Returns one gradient (or null)
 * per tensor input, in order (list inputs flattened); broadcast gradients may keep the output's shape,
 * the seam sums them to the input's.
 */
export type GradFn<F extends Fn> = (dy: Tensor, y: Tensor, args: Parameters<F>, needed: boolean[]) => Grads;
/** One gradient (or null: none) per tensor input. */
export type Grads = (Tensor | null)[];

interface BaseDef<F extends Fn> {
  /** The leading arguments of forward that are tensors. */
  inputs: readonly (string | InputSpec)[];
  /**
   * The tensor inputs share one dtype: tensors of different dtypes are upcast (bool < int32 < float32)
   * and a JS number takes the tensors' dtype ('match', TensorFlow's rule for literals) or is float32.
   */
  promote?: 'match' | 'float32';
  forward: F;
}
export interface PrimitiveDef<F extends Fn> extends BaseDef<F> {
  grad: GradFn<F> | null;
  /**
   * What the gradient reads, kept alive while a tape holds the op: 'inputs' (default), 'output', both,
   * none. A tensor not saved reaches the gradient with its shape and dtype only.
   */
  save?: 'inputs' | 'output' | 'both' | 'none';
}

interface Spec { name: string; dtypes?: readonly DType[]; literal?: DType; cast?: Partial<Record<DType, DType>>; optional: boolean; list: boolean; promote: boolean; complex: boolean; string: boolean }

interface Compiled {
  name: string;
  specs: Spec[];
  promote: 'match' | 'float32' | null;
  forward: (...a: unknown[]) => unknown;
  grad: GradFn<Fn> | null | undefined; // undefined: composite
  saveInputs: boolean;
  saveOutput: boolean;
}

function compile(name: string, def: BaseDef<Fn> & { grad?: GradFn<Fn> | null; save?: string }): Compiled {
  const save = def.save ?? 'inputs';
  return {
    name,
    specs: def.inputs.map((s) => typeof s === 'string'
      ? { name: s, optional: false, list: false, promote: true, complex: false, string: false }
      : { ...s, optional: !!s.optional, list: !!s.list, promote: s.promote ?? true, complex: !!s.complex || !!s.dtypes?.includes('complex64'),
          string: !!s.string || !!s.dtypes?.includes('string') }),
    promote: def.promote ?? null,
    forward: def.forward as (...a: unknown[]) => unknown,
    grad: def.grad,
    saveInputs: save === 'inputs' || save === 'both',
    saveOutput: save === 'output' || save === 'both',
  };
}

/** A primitive (with `grad`) or a no-gradient op (`grad: null`); see the top of this file. */
export function op<F extends Fn>(name: string, def: PrimitiveDef<F>): (...args: PublicArgs<Parameters<F>>) => ReturnType<F> {
  const c = compile(name, def as unknown as PrimitiveDef<Fn>);
  return withName(name, (...args: unknown[]) => apply(c, args)) as (...args: PublicArgs<Parameters<F>>) => ReturnType<F>;
}

/** A composite: a function of other ops; its intermediates are freed and its gradient comes from them. */
export function composite<F extends Fn>(name: string, def: BaseDef<F>): (...args: PublicArgs<Parameters<F>>) => ReturnType<F> {
  const c = compile(name, def as unknown as BaseDef<Fn>);
  return withName(name, (...args: unknown[]) => apply(c, args)) as (...args: PublicArgs<Parameters<F>>) => ReturnType<F>;
}

/**
 * The op function carries the op's name (fn.name), as a declared function would: getLossFn and
 * getMetricFn name a function given to compile() by it.
 */
function withName<T extends Fn>(name: string, f: T): T {
  return Object.defineProperty(f, 'name', { value: name });
}

/** Op calls in progress (errors are named by the outermost). */
let opDepth = 0;

function apply(c: Compiled, args: unknown[]): never {
  opDepth++;
  engine.openFrame();
  let out: unknown;
  try {
    const n = convertInputs(c, args);
    if (c.grad === undefined) {
      out = c.forward(...args);
    } else {
      engine.paused++;
      try { out = c.forward(...args); } finally { engine.paused--; }
      if (c.grad !== null && engine.recording && isTensor(out)) record(c, args, n, out);
    }
  } catch (e) {
    engine.closeFrame(null, null);
    opDepth--;
    throw opDepth === 0 ? named(c.name, e) : e;
  }
  if (isTensor(out)) engine.closeFrame(out, null);
  else {
    const kept = new Set<Tensor>();
    collectTensors(out, kept);
    engine.closeFrame(null, kept);
  }
  opDepth--;
  return out as never;
}

/** An error that names the op: messages already naming it pass unchanged, kernel traps are reported as bugs. */
function named(name: string, e: unknown): Error {
  if (e instanceof Error && e.message.startsWith(`${name}:`)) return e;
  if (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError) {
    return new Error(`${name}: a kernel failed (${e.message}); this is a bug in ascent, please report it with the inputs' shapes`, { cause: e });
  }
  if (e instanceof Error) return new Error(`${name}: ${e.message}`, { cause: e });
  return new Error(`${name}: ${String(e)}`);
}

// ---- arguments ------------------------------------------------------------------------------------

/** Converts the tensor arguments in place; returns how many there are. */
function convertInputs(c: Compiled, args: unknown[]): number {
  const specs = c.specs, n = specs.length;
  if (c.promote !== null) promoteInputs(c, args);
  for (let i = 0; i < n; i++) {
    const s = specs[i];
    const v = args[i];
    if (s.list) {
      if (!Array.isArray(v)) throw opError(c.name, `argument '${s.name}' must be an array of tensors, got ${describe(v)}`);
      const ts = new Array<Tensor>(v.length);
      for (let k = 0; k < v.length; k++) ts[k] = check(c.name, s, `${s.name}[${k}]`, convert(v[k] as TensorLike, `${s.name}[${k}]`, c.name, s.literal));
      args[i] = ts;
    } else if (v === null || v === undefined) {
      if (!s.optional) throw opError(c.name, `argument '${s.name}' is ${v}; expected a Tensor or values`);
      args[i] = null;
    } else {
      args[i] = check(c.name, s, s.name, convert(v as TensorLike, s.name, c.name, s.literal));
    }
  }
  return n;
}

function check(op: string, s: Spec, arg: string, t: Tensor): Tensor {
  const d = t.dtype;
  if (d === 'complex64' || d === 'string') {
    if (!(d === 'string' ? s.string : s.complex)) {
      if (s.dtypes !== undefined) checkDtype(op, arg, t, s.dtypes); // "must be float32, got complex64"
      throw opError(op, `argument '${arg}' is ${d} (shape ${fmtShape(t.shape)}); ${op} does not support ${d} tensors`);
    }
  } else if (s.dtypes !== undefined) checkDtype(op, arg, t, s.dtypes);
  const to = s.cast?.[t.dtype];
  return to !== undefined && to !== t.dtype ? castInput(t, to) : t;
}

/**
 * An input cast to the dtype the op computes in. Recorded as an identity for tapes that watch the
 * original: only tfjs's functional gradients watch int32 and bool tensors (TF's tape watches floats only).
 */
function castInput(t: Tensor, to: DType): Tensor {
  const c = castTo(t, to);
  if (engine.recording) recordCustom('cast', [t], c, [], (dy) => [dy]);
  return c;
}

function describe(v: unknown): string {
  return v === null ? 'null' : isTensor(v) ? `a tensor of shape ${fmtShape(v.shape)}` : typeof v;
}

/**
 * Dtype promotion over the inputs that take part: JS numbers take the tensors' dtype (TF: `x + 1` keeps
 * x's dtype; a fraction with an integer tensor gives float32), then narrower tensors are cast up.
 */
function promoteInputs(c: Compiled, args: unknown[]): void {
  const specs = c.specs;
  // The common case: every argument taking part is a tensor, all of one dtype. Nothing to do.
  let first: DType | null = null, uniform = true;
  for (let i = 0; i < specs.length && uniform; i++) {
    if (!specs[i].promote) continue;
    const v = args[i];
    if (specs[i].list || !isTensor(v) || (first !== null && v.dtype !== first)) uniform = false;
    else first = v.dtype;
  }
  if (uniform) return;
  let widest: DType | null = null;
  for (let i = 0; i < specs.length; i++) {
    if (!specs[i].promote) continue;
    const v = args[i];
    // a list argument that is not an array is left to convertInputs, which rejects it by name
    const vs = specs[i].list ? (Array.isArray(v) ? v : []) : [v];
    for (const t of vs) {
      if (!isTensor(t)) continue;
      if (t.isDisposed) {
        const arg = specs[i].list ? `${specs[i].name}[${vs.indexOf(t)}]` : specs[i].name;
        throw opError(c.name, `argument '${arg}' is disposed (shape ${fmtShape(t.shape)}, ${t.dtype})`);
      }
      if (widest === null || DTYPE_RANK[t.dtype] > DTYPE_RANK[widest]) widest = t.dtype;
    }
  }
  const converted: Tensor[] = [];
  for (let i = 0; i < specs.length; i++) {
    const s = specs[i];
    if (!s.promote) continue;
    const v = args[i];
    if (s.list) {
      if (!Array.isArray(v)) continue;
      args[i] = v.map((e, k) => {
        const t = convert(e as TensorLike, `${s.name}[${k}]`, c.name, s.literal ?? literalDtype(c.promote, widest, e));
        converted.push(t);
        return t;
      });
    } else if (v !== null && v !== undefined) {
      const t = convert(v as TensorLike, s.name, c.name, s.literal ?? literalDtype(c.promote, widest, v));
      converted.push(t);
      args[i] = t;
    }
  }
  let to: DType | null = null;
  for (const t of converted) if (to === null || DTYPE_RANK[t.dtype] > DTYPE_RANK[to]) to = t.dtype;
  if (to === null || to === 'string') return; // nothing casts to string: the op's own check names the mix
  for (let i = 0; i < specs.length; i++) {
    const s = specs[i];
    if (!s.promote) continue;
    const v = args[i];
    if (s.list && Array.isArray(v)) args[i] = v.map((t: Tensor) => (t.dtype === to ? t : castInput(t, to!)));
    else if (isTensor(v) && v.dtype !== to) args[i] = castInput(v, to);
  }
}

/**
 * The dtype a JS value takes beside tensors of dtype `widest` (undefined: inferred from the value). A whole
 * number outside the int32 range (1e30) is float32, as a fraction: it has no int32 value.
 */
function literalDtype(promote: 'match' | 'float32' | null, widest: DType | null, v: unknown): DType | undefined {
  if (promote === 'float32' || widest === null || widest === 'float32' || widest === 'complex64' || widest === 'string' ||
      typeof v !== 'number') return undefined;
  return Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31 ? (widest === 'bool' ? 'int32' : widest) : 'float32';
}

// dtype casts without recording (cast, the op, adds the gradient); set by ops/create.ts.
let castTo: (t: Tensor, dtype: DType) => Tensor = () => { throw new Error('ascent: the ops are not loaded'); };
// Sums a broadcast gradient back to an input's shape; set by ops/reduce.ts.
let sumTo: (g: Tensor, shape: readonly number[]) => Tensor = () => { throw new Error('ascent: the ops are not loaded'); };

/** @internal Called once by the ops modules: the two ops the seam itself uses. */
export function provideSeamOps(ops: { castRaw?: typeof castTo; sumTo?: typeof sumTo }): void {
  if (ops.castRaw) castTo = ops.castRaw;
  if (ops.sumTo) sumTo = ops.sumTo;
}

// ---- recording ------------------------------------------------------------------------------------

/** The tensor inputs of a call, flattened (list arguments expanded; optional ones that are null skipped). */
function flatInputs(specs: Spec[], args: unknown[]): Tensor[] {
  const out: Tensor[] = [];
  for (let i = 0; i < specs.length; i++) {
    const v = args[i];
    if (specs[i].list) out.push(...(v as Tensor[]));
    else if (v !== null) out.push(v as Tensor);
  }
  return out;
}

/** @internal Whether a recording tape watches one of `inputs` (what the seam records an op for). */
export function watched(inputs: readonly Tensor[]): boolean {
  return engine.recording && engine.tapes.some((r) => r.deref()?.watches(inputs) === true);
}

function record(c: Compiled, args: unknown[], n: number, y: Tensor): void {
  let inputs: Tensor[] | null = null;
  const tapes = engine.tapes;
  for (let i = 0; i < tapes.length; i++) {
    const tape = tapes[i].deref();
    if (tape === undefined) { tapes.splice(i--, 1); continue; }
    inputs ??= flatInputs(c.specs, args);
    if (inputs.includes(y)) return; // the op returned an input unchanged: nothing to record
    if (!tape.watches(inputs)) continue;
    tape.push(c.name, inputs, y, captureGrad(c, args, n, inputs, y));
  }
}

function captureGrad(c: Compiled, args: unknown[], n: number, inputs: Tensor[], y: Tensor): SavedOp {
  const saved: Tensor[] = [];
  const snap = (t: Tensor) => { const s = t.snapshot(); saved.push(s); return s; };
  const a = args.slice();
  const keep = c.saveInputs ? snap : shapeOnly;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (c.specs[i].list) a[i] = (v as Tensor[]).map(keep);
    else if (v !== null) a[i] = keep(v as Tensor);
  }
  const ys = c.saveOutput ? snap(y) : shapeOnly(y);
  const shapes = inputs.map((t) => t.shape);
  const grad = c.grad!;
  return {
    run(dy, needed) {
      const gs = grad(dy, ys, a as never, needed);
      if (gs.length !== shapes.length) {
        throw new Error(`${c.name}: the gradient gave ${gs.length} results for ${shapes.length} inputs (a bug in the op)`);
      }
      const out = new Array<Tensor | null>(gs.length);
      for (let i = 0; i < gs.length; i++) {
        const g = gs[i];
        out[i] = g === null || g === undefined || !needed[i] ? null : sameShape(g.shape, shapes[i]) ? g : sumTo(g, shapes[i]);
      }
      return out;
    },
    release() { for (const t of saved) t.dispose(); },
  };
}

/**
 * What a gradient sees of a tensor the op did not save: its shape and dtype only (reading its values
 * is an error, so a wrong `save` shows in the op's gradient test).
 */
function shapeOnly(t: Tensor): Tensor {
  return new Unsaved(t) as unknown as Tensor;
}
class Unsaved {
  readonly shape: number[]; readonly dtype: Tensor['dtype']; readonly size: number; readonly id: number;
  readonly isDisposed = true; readonly block = null; readonly __tensor = true;
  constructor(t: Tensor) { this.shape = t.shape; this.dtype = t.dtype; this.size = t.size; this.id = t.id; }
  get rank(): number { return this.shape.length; }
  get ptr(): number { throw new Error(`ascent: a gradient read an input the op did not save (shape ${fmtShape(this.shape)})`); }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * @internal Records a user-defined gradient (customGrad) on every tape that watches one of `inputs`:
 * `grad(dy, saved)` gets snapshots of `saved`.
 */
export function recordCustom(name: string, inputs: Tensor[], y: Tensor, saved: Tensor[],
                             grad: (dy: Tensor, saved: Tensor[]) => (Tensor | null)[]): void {
  if (!engine.recording) return;
  const tapes = engine.tapes;
  for (let i = 0; i < tapes.length; i++) {
    const tape = tapes[i].deref();
    if (tape === undefined) { tapes.splice(i--, 1); continue; }
    if (!tape.watches(inputs)) continue;
    const snaps = saved.map((t) => t.snapshot());
    const shapes = inputs.map((t) => t.shape);
    tape.push(name, inputs, y, {
      run(dy, needed) {
        const gs = grad(dy, snaps);
        return gs.map((g, k) => (g === null || g === undefined || !needed[k] ? null : sameShape(g.shape, shapes[k]) ? g : sumTo(g, shapes[k])));
      },
      release() { for (const t of snaps) t.dispose(); },
    });
  }
}
