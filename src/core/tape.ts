// GradientTape with TF2 semantics, and tfjs's functional gradient API built on it.
//  - A tape records from construction until gradient() (non-persistent), stop(), dispose() or the end
//    of a `using` block (exceptions included). The engine holds active tapes weakly: a tape that becomes
//    unreachable stops recording once it is collected, and its snapshots are freed with it.
//  - An op is recorded when one of its inputs is watched: trainable Variables are watched on use,
//    constants after tape.watch(x); outputs of recorded ops are watched in turn (see op.ts, the seam).
//  - A record keeps snapshots (same identity, shared block) of what the gradient needs, so tidy or
//    dispose on the originals cannot pull data from under the tape.
//  - Gradients are written with ops, so an outer tape records them: nested tapes give higher orders.
// The reference keeps `Symbol.dispose` (in the shipped declarations) compiling for users whose `lib` lacks it.
/// <reference lib="esnext.disposable" preserve="true" />
import { par } from '../backend/parallel.js';
import { collectTensors, engine, tidy, untaped, type Recorder, type SavedOp } from './engine.js';
import { convert, type TensorLike } from './convert.js';
import { recordCustom } from './op.js';
import { Tensor, Variable } from './tensor.js';

interface Entry {
  inputs: number[];
  inputDtypes: string[];
  output: number;
  saved: SavedOp;
}

type Sources = Tensor | Tensor[] | Record<string, Tensor>;
type Grads<S> = S extends Tensor ? Tensor | null : S extends Tensor[] ? (Tensor | null)[] : { [K in keyof S]: Tensor | null };

export interface GradientTapeOptions {
  persistent?: boolean;
  watchAccessedVariables?: boolean;
}

// The three ops backprop itself needs (set by the ops modules: core does not import ops).
let ops: { add(a: Tensor, b: Tensor): Tensor; onesLike(x: Tensor): Tensor; zerosLike(x: Tensor): Tensor; cast(x: Tensor, d: 'float32'): Tensor } | null = null;
/** @internal */
export function provideTapeOps(o: NonNullable<typeof ops>): void { ops = o; }

// GradientTape is a Recorder (engine.addTape checks it) without `implements Recorder`: the members it
// needs are internal, stripped from the shipped declarations, where the clause would fail (TS2420).
/**
 * Records operations for automatic differentiation (TF2's tf.GradientTape).
 * @example
 * using tape = new tf.GradientTape();   // or: const tape = …; recording ends at gradient()
 * const loss = tf.sum(tf.square(tf.sub(tf.matMul(x, w), y)));
 * const [dw] = tape.gradient(loss, [w]);
 */
export class GradientTape {
  readonly persistent: boolean;
  readonly watchAccessedVariables: boolean;
  private entries: Entry[] = [];
  private watched = new Set<number>();
  private variables: Variable[] = [];
  private used = false;
  private ref: WeakRef<Recorder> | null = null;
  private pausedHere = 0;
  /**
   * @internal tfjs's functional API (grad, grads, valueAndGrad(s)) also differentiates int32 and bool
   * inputs, with float32 gradients, where TF's tape gives none.
   */
  integers = false;

  constructor(options: GradientTapeOptions | boolean = {}) {
    const o = typeof options === 'boolean' ? { persistent: options } : options;
    this.persistent = o.persistent ?? false;
    this.watchAccessedVariables = o.watchAccessedVariables ?? true;
    // a training step begins: its splits should find the workers awake (threads on; see pool.ts warm())
    par.warm?.();
    this.start();
  }

  /** Watch constants (or Variables when watchAccessedVariables is false). */
  watch(x: Tensor | Tensor[] | Record<string, Tensor>): void {
    const s = new Set<Tensor>();
    collectTensors(x, s);
    for (const t of s) {
      if (t.dtype !== 'float32' && !this.integers) continue; // TF watches floating tensors only
      this.watched.add(t.id);
      if (t instanceof Variable && !this.variables.includes(t)) this.variables.push(t);
    }
  }

  /** Trainable variables this tape has seen, in first-use order (TF's watched_variables()). */
  watchedVariables(): Variable[] { return this.variables.slice(); }

  /** Runs fn without recording (TF's `with tape.stop_recording():`). */
  stopRecording<T>(fn: () => T): T {
    this.pausedHere++;
    try { return fn(); } finally { this.pausedHere--; }
  }

  /** Whether this tape is recording now. */
  get recording(): boolean { return this.ref !== null && this.pausedHere === 0; }

  /** @internal The seam asks: is one of these inputs watched? (Variables are watched on first use.) */
  watches(inputs: readonly Tensor[]): boolean {
    if (this.pausedHere > 0) return false;
    let hit = false;
    for (const t of inputs) {
      if (this.watched.has(t.id)) { hit = true; continue; }
      if (this.watchAccessedVariables && t instanceof Variable && t.trainable && t.dtype === 'float32') {
        this.watched.add(t.id);
        this.variables.push(t);
        hit = true;
      }
    }
    return hit;
  }

  /** @internal The seam records an op whose input this tape watches. */
  push(_name: string, inputs: readonly Tensor[], output: Tensor, saved: SavedOp): void {
    this.watched.add(output.id);
    const ids = new Array<number>(inputs.length), dtypes = new Array<string>(inputs.length);
    for (let i = 0; i < inputs.length; i++) { ids[i] = inputs[i].id; dtypes[i] = inputs[i].dtype; }
    this.entries.push({ inputs: ids, inputDtypes: dtypes, output: output.id, saved });
  }

  /**
   * d(target)/d(sources). A non-scalar target is summed (or weighted by outputGradients). A source the
   * target does not depend on gives null, or zeros with unconnectedGradients: 'zero'.
   */
  gradient<S extends Sources>(target: Tensor, sources: S, outputGradients?: Tensor | null,
                              unconnectedGradients: 'none' | 'zero' = 'none'): Grads<S> {
    if (this.used) {
      throw new Error('GradientTape.gradient: a non-persistent tape can compute gradients only once; ' +
        'use new tf.GradientTape({persistent: true}) to call gradient() several times');
    }
    if (!(target instanceof Tensor)) throw new Error('GradientTape.gradient: target must be a Tensor');
    if (target.isDisposed) throw new Error(`GradientTape.gradient: target is disposed (shape [${target.shape}])`);
    if (sources === null || sources === undefined || typeof sources !== 'object') {
      throw new Error('GradientTape.gradient: sources must be a Tensor, an array of tensors or a record of tensors');
    }
    const list: Tensor[] = sources instanceof Tensor ? [sources]
      : Array.isArray(sources) ? sources : Object.values(sources as Record<string, Tensor>);
    list.forEach((s, i) => {
      if (!(s instanceof Tensor)) throw new Error(`GradientTape.gradient: source ${i} is not a Tensor`);
    });
    if (outputGradients && outputGradients.shape.join() !== target.shape.join()) {
      throw new Error(`GradientTape.gradient: outputGradients is [${outputGradients.shape}], ` +
        `the target is [${target.shape}]`);
    }
    if (unconnectedGradients !== 'none' && unconnectedGradients !== 'zero') {
      throw new Error(`GradientTape.gradient: unconnectedGradients must be 'none' or 'zero', got '${String(unconnectedGradients)}'`);
    }
    if (!this.persistent) this.stop();
    this.pausedHere++;
    let result: (Tensor | null)[];
    try {
      result = tidy(() => this.backprop(target, list, outputGradients ?? null, unconnectedGradients));
    } finally {
      this.pausedHere--;
      if (!this.persistent) { this.used = true; this.release(); }
    }
    if (sources instanceof Tensor) return result[0] as Grads<S>;
    if (Array.isArray(sources)) return result as Grads<S>;
    const out: Record<string, Tensor | null> = {};
    Object.keys(sources).forEach((k, i) => { out[k] = result[i]; });
    return out as Grads<S>;
  }

  private backprop(target: Tensor, sources: Tensor[], dy: Tensor | null, unconnected: 'none' | 'zero'): (Tensor | null)[] {
    const o = ops!;
    // Which values depend on a source (forward sweep), so no gradient is computed for dead branches.
    // Only what this tape watched can have a gradient (TF: an unwatched constant source gives None).
    const live = new Set(sources.filter((s) => this.watched.has(s.id)).map((s) => s.id));
    const sourceIds = new Set(sources.map((s) => s.id));
    for (const e of this.entries) if (e.inputs.some((id) => live.has(id))) live.add(e.output);
    const grads = new Map<number, Tensor>();
    // Each id holds its own tensor object (an alias, same value and identity, when one gradient goes to
    // several inputs, as add's dy does), so a consumed gradient can be freed without touching another's.
    const held = new Set<Tensor>();
    const put = (id: number, t: Tensor) => {
      if (held.has(t)) t = t.alias();
      grads.set(id, t);
      held.add(t);
    };
    if (live.has(target.id)) {
      put(target.id, dy ?? o.onesLike(target.dtype === 'float32' ? target : o.cast(target, 'float32')));
    }
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i];
      const g = grads.get(e.output);
      if (g === undefined) continue;
      const needed = e.inputs.map((id, k) => live.has(id) && (e.inputDtypes[k] === 'float32' || this.integers));
      if (!needed.some(Boolean)) continue;
      const gs = tidy(() => e.saved.run(g, needed)); // the gradient's intermediates go at once
      e.inputs.forEach((id, k) => {
        const gk = gs[k];
        if (!needed[k] || gk === null || gk === undefined) return;
        const prev = grads.get(id);
        if (prev === undefined) { put(id, gk); return; }
        put(id, o.add(prev, gk));
        held.delete(prev);
        if (prev !== dy) prev.dispose();
      });
      // This output's gradient is consumed: free it now (lower peak memory) unless it is an answer.
      if (!sourceIds.has(e.output) && g !== dy) { grads.delete(e.output); held.delete(g); g.dispose(); }
    }
    return sources.map((s) => {
      const g = grads.get(s.id);
      if (g !== undefined) return g.dtype === 'float32' ? g : o.cast(g, 'float32');
      if (unconnected === 'none') return null;
      return o.zerosLike(s.dtype === 'float32' || !this.integers ? s : o.cast(s, 'float32'));
    });
  }

  /** Starts recording (the constructor does this). */
  start(): void {
    if (this.ref === null) this.ref = engine.addTape(this);
  }
  /** Stops recording; what was recorded stays usable for gradient(). */
  stop(): void {
    if (this.ref === null) return;
    engine.removeTape(this.ref);
    this.ref = null;
  }
  /** Forgets everything recorded (TF's tape.reset()). */
  reset(): void { this.release(); this.watched.clear(); this.variables = []; this.used = false; }
  /** Stops recording and frees the snapshots the tape kept. */
  dispose(): void { this.stop(); this.release(); }
  /** `using tape = new tf.GradientTape()` ends the tape at the end of the block. */
  [Symbol.dispose](): void { this.dispose(); }

  private release(): void {
    for (const e of this.entries) e.saved.release();
    this.entries = [];
  }
}

// ---- tfjs's functional API --------------------------------------------------------------------

function checkFn(name: string, f: unknown): void {
  if (typeof f !== 'function') throw new Error(`${name}: the argument must be a function`);
}

function scalarCheck(name: string, y: Tensor, dy?: Tensor): void {
  if (!(y instanceof Tensor)) throw new Error(`${name}: f must return a Tensor`);
  if (dy && dy.shape.join() !== y.shape.join()) {
    throw new Error(`${name}: dy is [${dy.shape}], f's output is [${y.shape}]`);
  }
}

/**
 * The gradient function of f: grad(f)(x, dy?) = d f(x)/dx (tfjs).
 * @example const dx = tf.grad((x) => x.square())(tf.tensor1d([1, 2, 3]));  // [2, 4, 6]
 */
export function grad(f: (x: Tensor) => Tensor): (x: TensorLike, dy?: TensorLike) => Tensor {
  checkFn('grad', f);
  return (x, dy) => {
    return differentiate('grad', (t: Tensor) => f(t), [x], dy, false).grads[0];
  };
}

/** grads(f)(xs, dy?) = the gradients of f with respect to each of xs. */
export function grads(f: (...xs: Tensor[]) => Tensor): (xs: TensorLike[], dy?: TensorLike) => Tensor[] {
  checkFn('grads', f);
  return (xs, dy) => differentiate('grads', f, xs, dy, false).grads;
}

/** valueAndGrad(f)(x, dy?) = {value: f(x), grad: df/dx}. */
export function valueAndGrad(f: (x: Tensor) => Tensor): (x: TensorLike, dy?: TensorLike) => { value: Tensor; grad: Tensor } {
  checkFn('valueAndGrad', f);
  return (x, dy) => {
    const { value, grads: g } = valueAndGrads((t: Tensor) => f(t))([x], dy);
    return { value, grad: g[0] };
  };
}

/**
 * valueAndGrads(f)(xs, dy?) = {value: f(...xs), grads}. As tfjs: xs and dy may be JS values, int32
 * inputs get float32 gradients, and f's intermediates are freed (only the value and gradients are kept).
 */
export function valueAndGrads(f: (...xs: Tensor[]) => Tensor): (xs: TensorLike[], dy?: TensorLike) => { value: Tensor; grads: Tensor[] } {
  checkFn('valueAndGrads', f);
  return (xs, dy) => differentiate('valueAndGrads', f, xs, dy, true) as { value: Tensor; grads: Tensor[] };
}

/** tfjs's functional gradients: f's value (when asked for) and its gradients with respect to xs. */
function differentiate(name: string, f: (...xs: Tensor[]) => Tensor, xs: TensorLike[], dy: TensorLike | undefined,
                       keepValue: boolean): { value: Tensor | null; grads: Tensor[] } {
  if (!Array.isArray(xs)) throw new Error(`${name}: the arguments must be passed as an array of tensors`);
  return tidy(() => {
    const ts = xs.map((x, i) => (x instanceof Tensor ? x : convert(x, `xs[${i}]`, name)));
    const dyT = dy === undefined || dy === null ? undefined : dy instanceof Tensor ? dy : convert(dy, 'dy', name);
    const tape = new GradientTape();
    tape.integers = true;
    tape.watch(ts);
    let value: Tensor;
    try {
      value = f(...ts);
      scalarCheck(name, value, dyT);
    } catch (e) { tape.dispose(); throw e; }
    // an input the result does not depend on (through differentiable ops) gets zeros (tfjs gives zeros for
    // ops with zero gradients, floor, sign …, and throws for ops without one, which ascent does not tell apart)
    const grads = tape.gradient(value, ts, dyT, 'zero') as Tensor[];
    return { value: keepValue ? value : null, grads };
  });
}

/**
 * Value of f() and the gradients of it with respect to varList (default: every trainable variable f
 * used), keyed by variable name.
 */
export function variableGrads(f: () => Tensor, varList?: Variable[]): { value: Tensor; grads: Record<string, Tensor> } {
  checkFn('variableGrads', f);
  const tape = new GradientTape();
  let value: Tensor;
  try { value = f(); } catch (e) { tape.dispose(); throw e; }
  if (!(value instanceof Tensor) || value.rank !== 0) {
    tape.dispose();
    throw new Error(`variableGrads: f must return a scalar Tensor${value instanceof Tensor ? `, got shape [${value.shape}]` : ''}`);
  }
  const vars = (varList ?? tape.watchedVariables()).filter((v) => v.trainable);
  const g = tape.gradient(value, vars, null, 'zero') as Tensor[];
  const out: Record<string, Tensor> = {};
  vars.forEach((v, i) => { out[v.name] = g[i]; });
  return { value, grads: out };
}

/** customGrad's `save`: keeps tensors for the gradient function. */
export type GradSaveFunc = (save: Tensor[]) => void;
/** What customGrad's function returns: the value and the function that gives the inputs' gradients. */
export interface CustomGradientResult {
  value: Tensor;
  gradFunc: (dy: Tensor, saved: Tensor[]) => Tensor | Tensor[];
}

/**
 * An op with a user-defined gradient (tfjs customGrad): f(...inputs, save) returns
 * {value, gradFunc(dy, saved)} and gradFunc returns one gradient per input.
 * @example const clip = tf.customGrad((x, save) => { save([x]); return {value: x.square(), gradFunc: (dy, [s]) => [dy.mul(s)]}; });
 */
export function customGrad<A extends (Tensor | GradSaveFunc)[]>(f: (...args: A) => CustomGradientResult): (...inputs: Tensor[]) => Tensor {
  checkFn('customGrad', f);
  return (...inputs) => {
    inputs.forEach((t, i) => {
      if (!(t instanceof Tensor) || t.isDisposed) throw new Error(`customGrad: input ${i} must be a live Tensor`);
    });
    let saved: Tensor[] = [];
    const save: GradSaveFunc = (ts) => { saved = ts; };
    const res = untaped(() => f(...([...inputs, save] as A)));
    if (!res || !(res.value instanceof Tensor) || typeof res.gradFunc !== 'function') {
      throw new Error('customGrad: f must return {value: Tensor, gradFunc: (dy, saved) => Tensor[]}');
    }
    const gf = res.gradFunc;
    recordCustom('customGrad', inputs, res.value, saved, (dy, sv) => {
      const g = gf(dy, sv);
      const arr = Array.isArray(g) ? g : [g];
      if (arr.length !== inputs.length) {
        throw new Error(`customGrad: gradFunc returned ${arr.length} gradients for ${inputs.length} inputs`);
      }
      return arr;
    });
    return res.value;
  };
}
