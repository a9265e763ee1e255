// The optimizer base: argument forms, learning rate and schedules, gradient clipping, per-variable slot
// state in wasm memory, getWeights/setWeights and minimize. Subclasses supply the slot names and one
// fused kernel call per variable (assembly/optim/update.ts); nothing is recorded on tapes and a step
// allocates no tensors (slots are created once, on a variable's first update).
//
// Semantics (TF2 Keras unless noted):
//  - applyGradients([[g, v], …]) is TF's apply_gradients(zip(grads, vars)); a null gradient is skipped
//    (its variable is not touched, no slot is created); all-null raises, as TF2 does. tfjs's forms work too:
//    a record {variableName: grad} (names looked up in varList, then among the variables this optimizer
//    has updated, then among all live variables, as tfjs's engine registry) and tfjs's [{name, tensor}] list.
//  - The learning rate is a number, a LearningRateSchedule (its call(step)) or a function of the step,
//    read once per step with step = iterations before the increment (Keras).
//  - Clipping as Keras: clipNorm per gradient g·c/max(‖g‖, c); globalClipnorm over all gradients of the
//    step; clipValue clamps to ±c. At most one of the three. Then decoupled weight decay x ← x - lr·wd·x
//    (Keras 3: any optimizer's weightDecay, AdamW's default 0.004), then the update.
//  - Hyperparameters are float32 in the kernels (TF casts them to the variable dtype); per-step scalars
//    (bias corrections, the schedule) are computed in float64 and rounded once.
import { H, K } from '../backend/wasm.js';
import { COUNT, par, SPLIT_MIN_ELEMENTS, type SplitKernel } from '../backend/parallel.js';
import { isTensor, tidy, untaped } from '../core/engine.js';
import { Tensor, Variable, variablesNamed } from '../core/tensor.js';
import { fill, scalar } from '../ops/create.js';
import { GradientTape, variableGrads } from '../core/tape.js';
import { LearningRateSchedule, scheduleFromConfig } from './schedules.js';

export type LearningRate = number | LearningRateSchedule | ((step: number) => number);
/** tfjs's NamedTensor. */
export interface NamedTensor { name: string; tensor: Tensor }
export type GradientPair = [Tensor | null | undefined, Variable];
export type GradientsArg =
  | Iterable<GradientPair>
  | Record<string, Tensor | null | undefined>
  | NamedTensor[]
  | (Tensor | null | undefined)[];

/** Options every Keras-style optimizer accepts. */
export interface OptimizerOptions {
  learningRate?: LearningRate;
  /** Clip each gradient to this L2 norm (Keras clipnorm). */
  clipNorm?: number;
  /** Clip gradient elements to [-clipValue, clipValue] (Keras clipvalue). */
  clipValue?: number;
  /** Clip all gradients of a step together to this global L2 norm (Keras global_clipnorm). */
  globalClipnorm?: number;
  /** Decoupled weight decay: x ← x - lr·weightDecay·x before each update (Keras 3). */
  weightDecay?: number;
  name?: string;
}

export type ConfigDict = Record<string, unknown>;

/** An option's accepted spellings: camelCase first, then Keras' snake_case and legacy aliases. */
export type OptionSpec = Record<string, string[]>;
const COMMON: OptionSpec = {
  learningRate: ['learningRate', 'learning_rate', 'lr'],
  clipNorm: ['clipNorm', 'clipnorm'],
  clipValue: ['clipValue', 'clipvalue'],
  globalClipnorm: ['globalClipnorm', 'globalClipNorm', 'global_clipnorm'],
  weightDecay: ['weightDecay', 'weight_decay'],
  name: ['name'],
};

/**
 * Reads an options object: every key must be a known spelling (a typo is an error, not a silent default).
 * @internal
 */
export function readOptions(cls: string, options: unknown, spec: OptionSpec): Record<string, unknown> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options) || isTensor(options)) {
    throw new Error(`${cls}: the argument must be an options object such as {learningRate: 0.001}, got ${describe(options)}`);
  }
  const all: OptionSpec = { ...COMMON, ...spec };
  const alias = new Map<string, string>();
  for (const [k, names] of Object.entries(all)) for (const n of names) alias.set(n, k);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options as Record<string, unknown>)) {
    if (value === undefined) continue;
    const k = alias.get(key);
    if (k === undefined) {
      const hint = key === 'decay' ? ' (the legacy time-based `decay` is a schedule now: learningRate: new ' +
        'tf.optimizers.schedules.InverseTimeDecay({initialLearningRate, decaySteps: 1, decayRate}))' : '';
      throw new Error(`${cls}: unknown option '${key}'${hint}; known options: ${Object.keys(all).join(', ')}`);
    }
    out[k] = value;
  }
  return out;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (isTensor(x)) return `a Tensor of shape [${x.shape}]`;
  return typeof x === 'number' || typeof x === 'boolean' ? String(x) : typeof x === 'string' ? `'${x}'` : typeof x;
}

/** @internal A number option in [lo, hi] (hiOpen: < hi). */
export function checkNumber(cls: string, arg: string, x: unknown, lo: number, hi = Infinity, hiOpen = false, loOpen = false): number {
  const ok = typeof x === 'number' && Number.isFinite(x) && (loOpen ? x > lo : x >= lo) && (hiOpen ? x < hi : x <= hi);
  if (!ok) {
    const range = hi === Infinity ? (loOpen ? `> ${lo}` : `≥ ${lo}`) : `in ${loOpen ? '(' : '['}${lo}, ${hi}${hiOpen ? ')' : ']'}`;
    throw new Error(`${cls}: ${arg} must be a finite number ${range}, got ${describe(x)}`);
  }
  return x as number;
}

/** @internal */
export function checkBool(cls: string, arg: string, x: unknown): boolean {
  if (typeof x !== 'boolean') throw new Error(`${cls}: ${arg} must be true or false, got ${describe(x)}`);
  return x;
}

function checkLearningRate(cls: string, lr: unknown): LearningRate {
  if (typeof lr === 'number') {
    if (!Number.isFinite(lr) || lr < 0) throw new Error(`${cls}: learningRate must be a finite number ≥ 0, got ${lr}`);
    return lr;
  }
  if (lr instanceof LearningRateSchedule || typeof lr === 'function') return lr as LearningRate;
  if (typeof lr === 'object' && lr !== null && typeof (lr as { call?: unknown }).call === 'function') return lr as LearningRateSchedule;
  throw new Error(`${cls}: learningRate must be a number, a LearningRateSchedule (e.g. new ` +
    `tf.optimizers.schedules.ExponentialDecay({…})) or a function of the step, got ${describe(lr)}`);
}

/** Float32 rounding, as the kernels see their scalar arguments. */
export const f32 = Math.fround;

/**
 * (x)ⁿ for an integer n ≥ 0 in float64 by repeated squaring: exact IEEE operations, so identical on every
 * engine (JS Math.pow is not guaranteed to be).
 */
export function powInt(x: number, n: number): number {
  let r = 1, b = x, e = n;
  while (e > 0) {
    if (e & 1) r *= b;
    b *= b;
    e = Math.floor(e / 2);
  }
  return r;
}

/** A new tensor holding a copy of t's values (never sharing its block). */
function copyOf(t: Tensor): Tensor {
  const c = new Tensor(t.shape.slice(), t.dtype);
  H().u8.copyWithin(c.ptr, t.ptr, t.ptr + Math.min(t.block!.bytes, c.block!.bytes));
  return c;
}

const isPair = (e: unknown) => Array.isArray(e) && e.length === 2;
const isNamed = (e: unknown) => typeof e === 'object' && e !== null && !Array.isArray(e) && !isTensor(e) &&
  typeof (e as NamedTensor).name === 'string' && 'tensor' in (e as object);
const isGrad = (e: unknown) => e === null || e === undefined || isTensor(e);

interface PendingGroup { varName: string | null; slots: Variable[]; claimed: boolean }

/** The scalars a kernel needs besides the per-step coefficients: gradient scale, clip value, lr·weightDecay. */
/** Per-step values for update(): the learning rate, the gradient scale (global clipnorm), clipValue, lr·weightDecay. */
export interface StepArgs { lr: number; gs: number; clip: number; wd: number }

/**
 * Base class of every optimizer (tfjs's tf.Optimizer and Keras' optimizer API in one).
 * @example
 * const opt = new tf.optimizers.Adam({learningRate: 1e-3});
 * const tape = new tf.GradientTape();
 * const loss = lossFn();
 * const grads = tape.gradient(loss, [w, b]);
 * opt.applyGradients(grads.map((g, i) => [g, [w, b][i]]));   // or opt.applyGradients(grads, [w, b])
 */
export abstract class Optimizer {
  /**
   * tfjs's `Optimizer.fromConfig(cls, config)`: a `cls` made from a `getConfig()` result. The tf.train.*
   * classes take their positional arguments from the config's keys (their `configArgs`), the Keras-style
   * classes the config itself.
   * @example tf.AdamOptimizer.fromConfig(tf.AdamOptimizer, tf.train.adam(0.01).getConfig())
   */
  static fromConfig<T extends Optimizer>(cls: new (...args: never[]) => T, config: ConfigDict): T {
    if (typeof cls !== 'function' || !(cls.prototype instanceof Optimizer)) throw new Error('Optimizer.fromConfig: cls must be an optimizer class');
    if (config === null || typeof config !== 'object') throw new Error(`Optimizer.fromConfig: config must be an object, got ${config === null ? 'null' : typeof config}`);
    const keys = (cls as unknown as { configArgs?: readonly string[] }).configArgs;
    const make = cls as unknown as new (...args: unknown[]) => T;
    return keys === undefined ? new make(config) : new make(...keys.map((k) => config[k] ?? undefined));
  }

  /** Keras' optimizer name (used in saved configs). */
  name: string;
  clipNorm: number | null = null;
  clipValue: number | null = null;
  globalClipnorm: number | null = null;
  weightDecay = 0;
  protected lr: LearningRate;
  private iters = 0;
  private readonly state = new Map<Variable, Variable[]>();
  private pending: PendingGroup[] = [];
  private disposed = false;
  // reused per step (no per-step arrays)
  private readonly gBuf: (Tensor | null)[] = [];
  private readonly vBuf: Variable[] = [];
  private readonly sBuf: Variable[][] = [];
  private readonly args: StepArgs = { lr: 0, gs: 1, clip: Infinity, wd: 0 };

  /** @internal Subclasses pass their already-read options. */
  constructor(cls: string, lr: unknown, o: Record<string, unknown> = {}) {
    this.lr = checkLearningRate(cls, lr);
    this.name = typeof o.name === 'string' ? o.name : cls.toLowerCase();
    if (o.clipNorm !== undefined && o.clipNorm !== null) this.clipNorm = checkNumber(cls, 'clipNorm', o.clipNorm, 0, Infinity, false, true);
    if (o.clipValue !== undefined && o.clipValue !== null) this.clipValue = checkNumber(cls, 'clipValue', o.clipValue, 0, Infinity, false, true);
    if (o.globalClipnorm !== undefined && o.globalClipnorm !== null) {
      this.globalClipnorm = checkNumber(cls, 'globalClipnorm', o.globalClipnorm, 0, Infinity, false, true);
    }
    const set = [this.clipNorm, this.clipValue, this.globalClipnorm].filter((c) => c !== null).length;
    if (set > 1) throw new Error(`${cls}: set at most one of clipNorm, clipValue and globalClipnorm (Keras allows one)`);
    if (o.weightDecay !== undefined && o.weightDecay !== null) this.weightDecay = checkNumber(cls, 'weightDecay', o.weightDecay, 0);
  }

  /** The class name used in configs ('Adam', 'SGD', …; tfjs's names for the tf.train.* classes). */
  abstract getClassName(): string;
  /** Names of the per-variable slots, in getWeights order (tfjs's names: 'm', 'v', 'momentum', …). */
  protected abstract slotNames(): string[];
  /** Initial value of slot k (Adagrad's accumulator starts at initialAccumulatorValue). */
  protected slotInit(_k: number): number { return 0; }
  /** Per-step coefficients, once per applyGradients (lr: the learning rate of this step, t: iterations + 1). */
  protected prepare(_lr: number, _t: number): void {}
  /** One fused kernel call: x and g are byte offsets, slots the variable's slot Variables. */
  protected abstract update(x: number, g: number, slots: Variable[], n: number, a: StepArgs): void;
  /** Called after setWeights changed the iteration count (tfjs optimizers keep β powers). */
  protected onIterationsSet(): void {}

  /** Steps applied so far (TF's optimizer.iterations, tfjs's optimizer.iterations). */
  get iterations(): number { return this.iters; }

  /** The learning rate: a number, or the schedule/function it was given. */
  get learningRate(): LearningRate { return this.lr; }
  set learningRate(lr: LearningRate) { this.lr = checkLearningRate(this.getClassName(), lr); }
  /** tfjs's SGDOptimizer.setLearningRate. */
  setLearningRate(lr: LearningRate): void { this.learningRate = lr; }

  /** The learning rate the next step will use (a schedule evaluated at the current iterations). */
  currentLearningRate(): number {
    const lr = this.lr;
    const v = typeof lr === 'number' ? lr : typeof lr === 'function' ? lr(this.iters) : lr.call(this.iters);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new Error(`${this.getClassName()}: the learning-rate schedule returned ${describe(v)} at step ${this.iters}; ` +
        'it must return a finite number ≥ 0');
    }
    return v;
  }

  /**
   * Applies one step. Accepts TF's pairs `[[grad, variable], …]` (zip(grads, vars)), gradients and
   * variables as two lists `applyGradients(grads, vars)`, or tfjs's record `{variableName: grad}`
   * (optionally with the variables as varList) and `[{name, tensor}]` list. Null gradients are skipped.
   */
  applyGradients(gradsAndVars: GradientsArg, varList?: Variable[]): void {
    const cls = this.getClassName();
    if (this.disposed) throw new Error(`${cls}.applyGradients: the optimizer is disposed`);
    const gs = this.gBuf, vs = this.vBuf;
    gs.length = 0; vs.length = 0;
    try {
      this.collect(cls, gradsAndVars, varList, gs, vs);
      this.step(cls, gs, vs);
      vs.forEach((v, i) => { if (gs[i] !== null && v.constraint) constrain(v, v.constraint); });
    } finally {
      gs.length = 0; vs.length = 0; this.sBuf.length = 0;
    }
  }

  private collect(cls: string, arg: GradientsArg, varList: Variable[] | undefined, gs: (Tensor | null)[], vs: Variable[]): void {
    const op = `${cls}.applyGradients`;
    if (varList !== undefined && varList !== null && !Array.isArray(varList)) {
      throw new Error(`${op}: varList must be an array of Variables, got ${describe(varList)}`);
    }
    if (arg === null || typeof arg !== 'object' || isTensor(arg)) {
      throw new Error(`${op}: expected [[gradient, variable], …] pairs or a {variableName: gradient} record, got ${describe(arg)}`);
    }
    let list: unknown[] | null = null;
    if (Array.isArray(arg)) list = arg;
    else if (typeof (arg as Iterable<unknown>)[Symbol.iterator] === 'function' && Object.getPrototypeOf(arg) !== Object.prototype) {
      list = Array.from(arg as Iterable<unknown>);
    }
    if (list !== null) {
      if (list.length > 0 && list.every(isPair)) {
        list.forEach((e, i) => {
          const [g, v] = e as [unknown, unknown];
          if (!(v instanceof Variable)) {
            const swapped = v !== null && v !== undefined && isTensor(v) && g instanceof Variable;
            throw new Error(`${op}: pair ${i} must be [gradient, variable] (TF's zip(grads, vars))` +
              (swapped ? '; it is [variable, gradient]' : `, its second element is ${describe(v)}`));
          }
          gs.push(this.checkGrad(op, g, v, `pair ${i}`));
          vs.push(v);
        });
      } else if (list.length > 0 && list.every(isNamed)) {
        for (const e of list as NamedTensor[]) {
          const v = this.lookup(op, e.name, varList);
          gs.push(this.checkGrad(op, e.tensor, v, `'${e.name}'`));
          vs.push(v);
        }
      } else if (varList && list.every(isGrad)) {
        if (list.length !== varList.length) {
          throw new Error(`${op}: ${list.length} gradients for ${varList.length} variables`);
        }
        list.forEach((g, i) => {
          const v = varList[i];
          if (!(v instanceof Variable)) throw new Error(`${op}: varList[${i}] is ${describe(v)}, not a Variable`);
          gs.push(this.checkGrad(op, g, v, `gradient ${i}`));
          vs.push(v);
        });
      } else if (list.length === 0) {
        throw new Error(`${op}: no gradients were given (an empty list)`);
      } else {
        throw new Error(`${op}: expected [[gradient, variable], …] pairs (TF's zip(grads, vars)), gradients with ` +
          'their variables as a second argument, or a {variableName: gradient} record');
      }
    } else {
      const rec = arg as Record<string, unknown>;
      const names = Object.keys(rec);
      if (names.length === 0) throw new Error(`${op}: no gradients were given (an empty record)`);
      for (const name of names) {
        const v = this.lookup(op, name, varList);
        gs.push(this.checkGrad(op, rec[name], v, `'${name}'`));
        vs.push(v);
      }
    }
    if (gs.every((g) => g === null)) {
      throw new Error(`${op}: no gradients provided for any variable (all ${gs.length} are null): ` +
        `[${vs.map((v) => v.name).join(', ')}]. Does the loss depend on them (and are they trainable)?`);
    }
  }

  private lookup(op: string, name: string, varList: Variable[] | undefined): Variable {
    const hits: Variable[] = [];
    for (const v of varList ?? []) if (v instanceof Variable && v.name === name && !hits.includes(v)) hits.push(v);
    if (hits.length === 0) for (const v of this.state.keys()) if (v.name === name) hits.push(v);
    if (hits.length === 0) hits.push(...variablesNamed(name));
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) throw new Error(`${op}: ${hits.length} variables are named '${name}'; use [gradient, variable] pairs`);
    throw new Error(`${op}: no variable named '${name}' exists; pass the variables as ` +
      `applyGradients(grads, varList) or use [gradient, variable] pairs`);
  }

  private checkGrad(op: string, g: unknown, v: Variable, what: string): Tensor | null {
    if (v.isDisposed) throw new Error(`${op}: variable '${v.name}' is disposed`);
    if (v.dtype !== 'float32') throw new Error(`${op}: variable '${v.name}' is ${v.dtype}; optimizers update float32 variables`);
    if (g === null || g === undefined) return null;
    if (!isTensor(g)) throw new Error(`${op}: the gradient for variable '${v.name}' (${what}) is ${describe(g)}, not a Tensor`);
    if (g.isDisposed) throw new Error(`${op}: the gradient for variable '${v.name}' is disposed`);
    if (g.dtype !== 'float32') throw new Error(`${op}: the gradient for variable '${v.name}' is ${g.dtype}, expected float32`);
    if (g.rank !== v.rank || g.shape.some((d, i) => d !== v.shape[i])) {
      throw new Error(`${op}: the gradient for variable '${v.name}' is [${g.shape}], the variable is [${v.shape}]`);
    }
    return g;
  }

  private step(cls: string, gs: (Tensor | null)[], vs: Variable[]): void {
    const lr = this.currentLearningRate();
    // Slots first (every check done before any variable changes).
    const slots = this.sBuf;
    for (let i = 0; i < vs.length; i++) slots.push(gs[i] === null ? [] : this.slotsOf(cls, vs[i]));
    const k = K();
    let globalScale = 1;
    if (this.globalClipnorm !== null) {
      let s = 0;
      for (const g of gs) if (g !== null) s += k.f32_sumsq__wasmsimd(g.ptr, g.size);
      const norm = Math.sqrt(s), c = this.globalClipnorm;
      // Keras: clip · min(1/norm, 1/clip) + (norm - norm): NaN when the norm is not finite.
      globalScale = Number.isFinite(norm) ? c * Math.min(1 / norm, 1 / c) : NaN;
    }
    this.prepare(lr, this.iters + 1);
    const a = this.args;
    a.lr = lr; a.gs = globalScale; a.clip = this.clipValue ?? Infinity; a.wd = lr * this.weightDecay;
    for (let i = 0; i < vs.length; i++) {
      const g = gs[i];
      if (g === null) continue;
      const v = vs[i];
      if (this.clipNorm !== null) {
        const norm = Math.sqrt(k.f32_sumsq__wasmsimd(g.ptr, g.size));
        // Keras: g·c / max(‖g‖, c) (a NaN norm gives NaN, as there)
        a.gs = norm > this.clipNorm ? this.clipNorm / norm : Number.isNaN(norm) ? NaN : 1;
      }
      v.ownBlock(); // a shared block (a tape snapshot, a reshape) keeps the old values
      const sl = slots[i];
      for (const s of sl) s.ownBlock();
      this.update(v.ptr, g.ptr, sl, v.size, a);
      v.version++; // written in place: caches derived from v (and its slots) are stale
      for (const s of sl) s.version++;
    }
    this.iters++;
  }

  private slotsOf(cls: string, v: Variable): Variable[] {
    let s = this.state.get(v);
    if (s !== undefined) return s;
    const names = this.slotNames();
    const p = this.claim(v);
    if (p !== null) {
      p.slots.forEach((t, k) => {
        if (t.shape.length !== v.shape.length || t.shape.some((d, i) => d !== v.shape[i])) {
          throw new Error(`${cls}: the saved slot '${p.varName ?? '?'}/${names[k]}' (setWeights) is [${t.shape}], ` +
            `variable '${v.name}' is [${v.shape}]`);
        }
        t.name = `${v.name}/${names[k]}`;
      });
      p.claimed = true;
      if (this.pending.every((q) => q.claimed)) this.pending = [];
      s = p.slots;
    } else {
      s = names.map((n, k) => {
        const init = fill(v.shape, this.slotInit(k), 'float32');
        const sv = new Variable(init, false, `${v.name}/${n}`);
        init.dispose();
        return sv;
      });
    }
    this.state.set(v, s);
    return s;
  }

  /** A slot group restored by setWeights for v: the one saved under v's name, else the next in order. */
  private claim(v: Variable): PendingGroup | null {
    if (this.pending.length === 0) return null;
    const p = this.pending.find((q) => !q.claimed && q.varName === v.name) ?? this.pending.find((q) => !q.claimed);
    return p ?? null;
  }

  /**
   * tfjs's minimize(f, returnCost, varList): gradients of f() (a scalar) with respect to varList (default:
   * the trainable variables f used), applied in one step. Returns the cost when returnCost is true.
   * Keras' order minimize(f, varList) works too.
   */
  minimize(f: () => Tensor, returnCost: boolean | Variable[] = false, varList?: Variable[]): Tensor | null {
    const cls = this.getClassName();
    if (typeof f !== 'function') throw new Error(`${cls}.minimize: f must be a function returning the loss`);
    if (Array.isArray(returnCost)) { varList = returnCost; returnCost = false; }
    if (this.disposed) throw new Error(`${cls}.minimize: the optimizer is disposed`);
    const cost = tidy(() => {
      const tape = new GradientTape();
      let value: Tensor;
      try { value = f(); } catch (e) { tape.dispose(); throw e; }
      if (!isTensor(value) || value.rank !== 0) {
        tape.dispose();
        throw new Error(`${cls}.minimize: f must return a scalar Tensor` + (isTensor(value) ? `, got shape [${value.shape}]` : ''));
      }
      const vars = (varList ?? tape.watchedVariables()).filter((v) => v.trainable);
      if (vars.length === 0) {
        tape.dispose();
        throw new Error(`${cls}.minimize: ` + (varList ? `none of the ${varList.length} variables in varList is trainable`
          : 'f() used no trainable variable'));
      }
      const grads = tape.gradient(value, vars) as (Tensor | null)[];
      this.applyGradients(grads, vars);
      return value;
    });
    if (returnCost) return cost;
    cost.dispose();
    return null;
  }

  /** tfjs's computeGradients: the value of f and the gradients of the variables, keyed by name. */
  computeGradients(f: () => Tensor, varList?: Variable[]): { value: Tensor; grads: Record<string, Tensor> } {
    return variableGrads(f, varList);
  }

  /**
   * The optimizer state as named tensors (copies, owned by the caller): {name: 'iter'} first (int32), then
   * for each slot kind, for each variable in first-update order, `<variableName>/<slot>` (tfjs's order).
   */
  getWeights(): NamedTensor[] {
    const out: NamedTensor[] = [{ name: 'iter', tensor: scalar(this.iters, 'int32') }];
    const names = this.slotNames();
    const groups: { varName: string | null; slots: Variable[] }[] = [];
    for (const [v, s] of this.state) groups.push({ varName: v.name, slots: s });
    for (const p of this.pending) if (!p.claimed) groups.push(p);
    names.forEach((n, k) => {
      for (const gr of groups) out.push({ name: `${gr.varName ?? 'unknown'}/${n}`, tensor: copyOf(gr.slots[k]) });
    });
    return out;
  }

  /** The iteration count as tfjs saves it, the first entry of getWeights(): {name: 'iter', tensor: an int32 scalar}. */
  async saveIterations(): Promise<NamedTensor> { return { name: 'iter', tensor: scalar(this.iters, 'int32') }; }

  /**
   * Restores a state from getWeights (named tensors, or plain tensors in the same order). Values are copied.
   * Each variable takes the slots saved under its name on its next update, else the next group in order.
   */
  setWeights(weights: (NamedTensor | Tensor)[]): void {
    const cls = this.getClassName();
    const op = `${cls}.setWeights`;
    if (this.disposed) throw new Error(`${op}: the optimizer is disposed`);
    if (!Array.isArray(weights) || weights.length === 0) {
      throw new Error(`${op}: expected the list from getWeights() (the iteration count first), got ${describe(weights)}`);
    }
    const list: NamedTensor[] = weights.map((w, i) => {
      const nt = isTensor(w) ? { name: '', tensor: w } : w;
      if (!nt || !isTensor(nt.tensor)) throw new Error(`${op}: element ${i} is not a Tensor or a {name, tensor} pair`);
      if (nt.tensor.isDisposed) throw new Error(`${op}: element ${i} ('${nt.name}') is disposed`);
      return nt;
    });
    const it = list[0].tensor;
    const iters = it.size === 1 ? it.dataSync()[0] : NaN;
    if (!Number.isInteger(iters) || iters < 0) {
      throw new Error(`${op}: the first tensor must be the iteration count (a scalar integer ≥ 0), got shape [${it.shape}]` +
        (it.size === 1 ? ` value ${iters}` : ''));
    }
    const names = this.slotNames(), k = names.length, rest = list.length - 1;
    if (k === 0 ? rest !== 0 : rest % k !== 0) {
      throw new Error(`${op}: ${cls} keeps ${k === 0 ? 'no slots' : `${k} slot${k > 1 ? 's' : ''} per variable (${names.join(', ')})`}, ` +
        `so it expects 1 + ${k}·(number of variables) tensors, got ${list.length}`);
    }
    const count = k === 0 ? 0 : rest / k;
    const groupOf = (i: number) => names.map((_, j) => list[1 + j * count + i]);
    // every check before the first copy: an error leaves nothing allocated
    for (let i = 0; i < count; i++) {
      const ts = groupOf(i);
      ts.forEach((nt, j) => {
        if (nt.tensor.dtype !== 'float32') throw new Error(`${op}: '${nt.name}' is ${nt.tensor.dtype}, expected float32`);
        if (nt.tensor.shape.join() !== ts[0].tensor.shape.join()) {
          throw new Error(`${op}: '${nt.name}' is [${nt.tensor.shape}] but '${ts[0].name}' is [${ts[0].tensor.shape}] (slots ${names[j]} and ${names[0]} of one variable)`);
        }
      });
    }
    const groups: PendingGroup[] = [];
    try {
      for (let i = 0; i < count; i++) {
        const ts = groupOf(i);
        const suffix = `/${names[0]}`, n0 = ts[0].name;
        const varName = n0.endsWith(suffix) && n0.length > suffix.length ? n0.slice(0, -suffix.length) : null;
        const group: PendingGroup = { varName, claimed: false, slots: [] };
        groups.push(group);
        ts.forEach((nt, j) => {
          const c = copyOf(nt.tensor);
          try { group.slots.push(new Variable(c, false, `${varName ?? `slot_${i}`}/${names[j]}`)); } finally { c.dispose(); }
        });
      }
    } catch (e) {
      // out of memory part way: free the copies made so far
      for (const g of groups) for (const t of g.slots) t.dispose();
      throw e;
    }
    this.disposeSlots();
    this.pending = groups;
    this.iters = iters;
    this.onIterationsSet();
  }

  /**
   * @internal Checks that the state restored by setWeights fits the variables this optimizer will update
   * (`vars`, in update order), as their first update will claim it: each variable takes the slots saved under
   * its name, else the next unclaimed group, whose shape must be the variable's. With `strict`, groups that
   * no variable takes are an error too. Errors name the slots and the variable.
   */
  checkRestoredState(vars: Variable[], strict = true): void {
    const cls = this.getClassName(), names = this.slotNames();
    const left = this.pending.filter((p) => !p.claimed);
    for (const v of vars) {
      if (this.state.has(v) || left.length === 0) continue;
      let k = left.findIndex((p) => p.varName === v.name);
      if (k < 0) k = 0;
      const p = left[k], t = p.slots[0];
      if (t.shape.length !== v.shape.length || t.shape.some((d, i) => d !== v.shape[i])) {
        throw new Error(`${cls}: the saved slots '${p.varName ?? `#${this.pending.indexOf(p)}`}/${names.join(', ')}' are [${t.shape}] ` +
          `but the variable that takes them, '${v.name}', is [${v.shape}]`);
      }
      left.splice(k, 1);
    }
    if (strict && left.length > 0) {
      throw new Error(`${cls}: the saved state has slots for ${left.length} variable(s) the model does not train: ` +
        `${left.slice(0, 5).map((p) => `'${p.varName ?? '?'}'`).join(', ')}${left.length > 5 ? ' …' : ''}`);
    }
  }

  /** The configuration to rebuild this optimizer (with getClassName(): Keras' serialize). */
  getConfig(): ConfigDict {
    const lr = this.lr;
    const c: ConfigDict = {
      name: this.name,
      learningRate: typeof lr === 'number' ? lr : lr instanceof LearningRateSchedule
        ? { className: lr.getClassName(), config: lr.getConfig() } : lr,
    };
    if (this.clipNorm !== null) c.clipNorm = this.clipNorm;
    if (this.clipValue !== null) c.clipValue = this.clipValue;
    if (this.globalClipnorm !== null) c.globalClipnorm = this.globalClipnorm;
    if (this.weightDecay !== 0) c.weightDecay = this.weightDecay;
    return c;
  }

  /** Frees the slot variables; the optimizer cannot be used afterwards. */
  dispose(): void {
    this.disposeSlots();
    this.disposed = true;
  }

  private disposeSlots(): void {
    for (const s of this.state.values()) for (const t of s) t.dispose();
    for (const p of this.pending) if (!p.claimed) for (const t of p.slots) t.dispose();
    this.state.clear();
    this.pending = [];
  }
}

/** @internal A config's learningRate back to a number or schedule. */
export function learningRateFromConfig(lr: unknown): unknown {
  if (typeof lr === 'object' && lr !== null && 'className' in lr) return scheduleFromConfig(lr as { className: string; config: ConfigDict });
  return lr;
}

/** Keras' `var.assign(var.constraint(var))` after an update, unrecorded by any tape. */
function constrain(v: Variable, c: (w: Tensor) => Tensor): void {
  untaped(() => tidy(() => { v.assign(c(v)); }));
}

/**
 * @internal Runs a fused update kernel f(args): pointers (0: absent) in args[0 … ptrs-1], the element count in
 * args[ptrs]. With threads on and enough elements, split on element ranges of 64 (a multiple of the kernels'
 * 4-wide loops, so each element is updated by the same instructions as in one call).
 */
export function fused(f: (...a: number[]) => void, kernel: SplitKernel, args: number[], ptrs: number): void {
  if (par.split !== null && args[ptrs] >= SPLIT_MIN_ELEMENTS) {
    const per = args.map((a, i) => (i < ptrs ? (a === 0 ? 0 : 4) : i === ptrs ? COUNT : 0));
    if (par.split(kernel, args[ptrs], 64, args, per)) return;
  }
  f(...args);
}
