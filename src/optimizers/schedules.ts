// Learning-rate schedules (tf.keras.optimizers.schedules): objects with call(step) → learning rate, given
// to an optimizer as its learningRate and read once per step with step = optimizer.iterations.
// Computed in float64; pow and cos run in wasm (musl ports) so every engine gives the same bits. TF
// computes them in float32, so values agree with TF to ~1e-7 relative.
import { K } from '../backend/wasm.js';

type Config = Record<string, unknown>;

function num(cls: string, arg: string, x: unknown, { min = -Infinity, positive = false, integer = false } = {}): number {
  const ok = typeof x === 'number' && Number.isFinite(x) && (positive ? x > 0 : x >= min) && (!integer || Number.isInteger(x));
  if (!ok) {
    const what = positive ? 'a finite number > 0' : min > -Infinity ? `a finite number ≥ ${min}` : 'a finite number';
    throw new Error(`${cls}: ${arg} must be ${integer ? what.replace('number', 'integer') : what}, got ${String(x)}`);
  }
  return x as number;
}

function checkStep(cls: string, step: number): number {
  if (typeof step !== 'number' || Number.isNaN(step)) throw new Error(`${cls}.call: step must be a number, got ${String(step)}`);
  return step;
}

function checkArgs(cls: string, args: unknown): Config {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new Error(`${cls}: expected an options object, got ${args === null ? 'null' : typeof args}`);
  }
  return args as Config;
}

function pick(cls: string, args: Config, keys: Record<string, string[]>): Config {
  const alias = new Map<string, string>();
  for (const [k, names] of Object.entries(keys)) for (const n of names) alias.set(n, k);
  const out: Config = {};
  for (const [k, v] of Object.entries(args)) {
    if (v === undefined) continue;
    const key = alias.get(k);
    if (key === undefined) throw new Error(`${cls}: unknown option '${k}'; known options: ${Object.keys(keys).join(', ')}`);
    out[key] = v;
  }
  return out;
}

/** Base class of the schedules: `call(step)` gives the learning rate at that step. */
export abstract class LearningRateSchedule {
  abstract call(step: number): number;
  abstract getConfig(): Config;
  getClassName(): string { return (this.constructor as { className?: string }).className ?? this.constructor.name; }
}

/**
 * initialLearningRate · decayRate^(step / decaySteps) (the exponent floored when staircase).
 * @example new tf.optimizers.schedules.ExponentialDecay({initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.96, staircase: true})
 */
export class ExponentialDecay extends LearningRateSchedule {
  static readonly className = 'ExponentialDecay';
  readonly initialLearningRate: number; readonly decaySteps: number; readonly decayRate: number; readonly staircase: boolean;
  name?: string;
  constructor(args: { initialLearningRate: number; decaySteps: number; decayRate: number; staircase?: boolean; name?: string }) {
    super();
    const a = pick('ExponentialDecay', checkArgs('ExponentialDecay', args), {
      initialLearningRate: ['initialLearningRate', 'initial_learning_rate'], decaySteps: ['decaySteps', 'decay_steps'],
      decayRate: ['decayRate', 'decay_rate'], staircase: ['staircase'], name: ['name'],
    });
    this.initialLearningRate = num('ExponentialDecay', 'initialLearningRate', a.initialLearningRate, { min: 0 });
    this.decaySteps = num('ExponentialDecay', 'decaySteps', a.decaySteps, { positive: true });
    this.decayRate = num('ExponentialDecay', 'decayRate', a.decayRate, { min: 0 });
    this.staircase = a.staircase === undefined ? false : Boolean(a.staircase);
    this.name = a.name as string | undefined;
  }
  call(step: number): number {
    let p = checkStep('ExponentialDecay', step) / this.decaySteps;
    if (this.staircase) p = Math.floor(p);
    return this.initialLearningRate * K().f64_pow(this.decayRate, p);
  }
  getConfig(): Config {
    return { initialLearningRate: this.initialLearningRate, decaySteps: this.decaySteps, decayRate: this.decayRate,
      staircase: this.staircase, name: this.name };
  }
}

/**
 * values[0] while step ≤ boundaries[0], values[i] while boundaries[i-1] < step ≤ boundaries[i], the last
 * value after the last boundary.
 * @example new tf.optimizers.schedules.PiecewiseConstantDecay({boundaries: [100, 200], values: [1, 0.5, 0.1]})
 */
export class PiecewiseConstantDecay extends LearningRateSchedule {
  static readonly className = 'PiecewiseConstantDecay';
  readonly boundaries: number[]; readonly values: number[];
  name?: string;
  constructor(args: { boundaries: number[]; values: number[]; name?: string }) {
    super();
    const cls = 'PiecewiseConstantDecay';
    const a = pick(cls, checkArgs(cls, args), { boundaries: ['boundaries'], values: ['values'], name: ['name'] });
    if (!Array.isArray(a.boundaries) || !Array.isArray(a.values)) throw new Error(`${cls}: boundaries and values must be arrays of numbers`);
    const b = a.boundaries as unknown[], v = a.values as unknown[];
    if (v.length !== b.length + 1) {
      throw new Error(`${cls}: values must have one more element than boundaries: ${b.length} boundaries, ${v.length} values`);
    }
    b.forEach((x, i) => {
      num(cls, `boundaries[${i}]`, x);
      if (i > 0 && (x as number) <= (b[i - 1] as number)) throw new Error(`${cls}: boundaries must increase: [${b.join(', ')}]`);
    });
    v.forEach((x, i) => num(cls, `values[${i}]`, x, { min: 0 }));
    this.boundaries = (b as number[]).slice();
    this.values = (v as number[]).slice();
    this.name = a.name as string | undefined;
  }
  call(step: number): number {
    checkStep('PiecewiseConstantDecay', step);
    for (let i = 0; i < this.boundaries.length; i++) if (step <= this.boundaries[i]) return this.values[i];
    return this.values[this.values.length - 1];
  }
  getConfig(): Config { return { boundaries: this.boundaries.slice(), values: this.values.slice(), name: this.name }; }
}

/**
 * Cosine decay (Loshchilov & Hutter's SGDR without restarts), optionally after a linear warmup (Keras 3):
 * during warmupSteps the rate goes linearly from initialLearningRate to warmupTarget, then
 * lr·((1-α)·½(1 + cos(π·min(s, decaySteps)/decaySteps)) + α), lr = warmupTarget ?? initialLearningRate.
 */
export class CosineDecay extends LearningRateSchedule {
  static readonly className = 'CosineDecay';
  readonly initialLearningRate: number; readonly decaySteps: number; readonly alpha: number;
  readonly warmupTarget: number | null; readonly warmupSteps: number;
  name?: string;
  constructor(args: { initialLearningRate: number; decaySteps: number; alpha?: number; warmupTarget?: number | null;
                      warmupSteps?: number; name?: string }) {
    super();
    const cls = 'CosineDecay';
    const a = pick(cls, checkArgs(cls, args), {
      initialLearningRate: ['initialLearningRate', 'initial_learning_rate'], decaySteps: ['decaySteps', 'decay_steps'],
      alpha: ['alpha'], warmupTarget: ['warmupTarget', 'warmup_target'], warmupSteps: ['warmupSteps', 'warmup_steps'], name: ['name'],
    });
    this.initialLearningRate = num(cls, 'initialLearningRate', a.initialLearningRate, { min: 0 });
    this.decaySteps = num(cls, 'decaySteps', a.decaySteps, { positive: true });
    this.alpha = a.alpha === undefined ? 0 : num(cls, 'alpha', a.alpha, { min: 0 });
    this.warmupTarget = a.warmupTarget === undefined || a.warmupTarget === null ? null : num(cls, 'warmupTarget', a.warmupTarget, { min: 0 });
    this.warmupSteps = a.warmupSteps === undefined ? 0 : num(cls, 'warmupSteps', a.warmupSteps, { min: 0 });
    this.name = a.name as string | undefined;
  }
  private decay(step: number, from: number): number {
    const cosine = 0.5 * (1 + K().f64_cos(Math.PI * (step / this.decaySteps)));
    return from * ((1 - this.alpha) * cosine + this.alpha);
  }
  call(step: number): number {
    checkStep('CosineDecay', step);
    if (this.warmupTarget === null) return this.decay(Math.min(step, this.decaySteps), this.initialLearningRate);
    const s = Math.min(step, this.decaySteps + this.warmupSteps);
    if (s < this.warmupSteps) {
      return (this.warmupTarget - this.initialLearningRate) * (s / this.warmupSteps) + this.initialLearningRate;
    }
    return this.decay(s - this.warmupSteps, this.warmupTarget);
  }
  getConfig(): Config {
    return { initialLearningRate: this.initialLearningRate, decaySteps: this.decaySteps, alpha: this.alpha,
      warmupTarget: this.warmupTarget, warmupSteps: this.warmupSteps, name: this.name };
  }
}

/** initialLearningRate / (1 + decayRate · step / decaySteps) (the ratio floored when staircase). */
export class InverseTimeDecay extends LearningRateSchedule {
  static readonly className = 'InverseTimeDecay';
  readonly initialLearningRate: number; readonly decaySteps: number; readonly decayRate: number; readonly staircase: boolean;
  name?: string;
  constructor(args: { initialLearningRate: number; decaySteps: number; decayRate: number; staircase?: boolean; name?: string }) {
    super();
    const cls = 'InverseTimeDecay';
    const a = pick(cls, checkArgs(cls, args), {
      initialLearningRate: ['initialLearningRate', 'initial_learning_rate'], decaySteps: ['decaySteps', 'decay_steps'],
      decayRate: ['decayRate', 'decay_rate'], staircase: ['staircase'], name: ['name'],
    });
    this.initialLearningRate = num(cls, 'initialLearningRate', a.initialLearningRate, { min: 0 });
    this.decaySteps = num(cls, 'decaySteps', a.decaySteps, { positive: true });
    this.decayRate = num(cls, 'decayRate', a.decayRate, { min: 0 });
    this.staircase = a.staircase === undefined ? false : Boolean(a.staircase);
    this.name = a.name as string | undefined;
  }
  call(step: number): number {
    let p = checkStep('InverseTimeDecay', step) / this.decaySteps;
    if (this.staircase) p = Math.floor(p);
    return this.initialLearningRate / (1 + this.decayRate * p);
  }
  getConfig(): Config {
    return { initialLearningRate: this.initialLearningRate, decaySteps: this.decaySteps, decayRate: this.decayRate,
      staircase: this.staircase, name: this.name };
  }
}

/**
 * (initial - end)·(1 - s/decaySteps)^power + end with s = min(step, decaySteps); with cycle the horizon
 * grows to the next multiple of decaySteps instead.
 */
export class PolynomialDecay extends LearningRateSchedule {
  static readonly className = 'PolynomialDecay';
  readonly initialLearningRate: number; readonly decaySteps: number; readonly endLearningRate: number;
  readonly power: number; readonly cycle: boolean;
  name?: string;
  constructor(args: { initialLearningRate: number; decaySteps: number; endLearningRate?: number; power?: number;
                      cycle?: boolean; name?: string }) {
    super();
    const cls = 'PolynomialDecay';
    const a = pick(cls, checkArgs(cls, args), {
      initialLearningRate: ['initialLearningRate', 'initial_learning_rate'], decaySteps: ['decaySteps', 'decay_steps'],
      endLearningRate: ['endLearningRate', 'end_learning_rate'], power: ['power'], cycle: ['cycle'], name: ['name'],
    });
    this.initialLearningRate = num(cls, 'initialLearningRate', a.initialLearningRate, { min: 0 });
    this.decaySteps = num(cls, 'decaySteps', a.decaySteps, { positive: true });
    this.endLearningRate = a.endLearningRate === undefined ? 0.0001 : num(cls, 'endLearningRate', a.endLearningRate, { min: 0 });
    this.power = a.power === undefined ? 1 : num(cls, 'power', a.power, { min: 0 });
    this.cycle = a.cycle === undefined ? false : Boolean(a.cycle);
    this.name = a.name as string | undefined;
  }
  call(step: number): number {
    let s = checkStep('PolynomialDecay', step), d = this.decaySteps;
    if (this.cycle) d = d * (s === 0 ? 1 : Math.ceil(s / d));
    else s = Math.min(s, d);
    return (this.initialLearningRate - this.endLearningRate) * K().f64_pow(1 - s / d, this.power) + this.endLearningRate;
  }
  getConfig(): Config {
    return { initialLearningRate: this.initialLearningRate, decaySteps: this.decaySteps, endLearningRate: this.endLearningRate,
      power: this.power, cycle: this.cycle, name: this.name };
  }
}

const SCHEDULES: Record<string, new (args: never) => LearningRateSchedule> = {
  ExponentialDecay, PiecewiseConstantDecay, CosineDecay, InverseTimeDecay, PolynomialDecay,
};

/** A schedule from {className, config} (Keras' schedules.deserialize). */
export function scheduleFromConfig(c: { className: string; config: Config }): LearningRateSchedule {
  const ctor = Object.hasOwn(SCHEDULES, c.className) ? SCHEDULES[c.className] : undefined;
  if (ctor === undefined) {
    throw new Error(`schedules: unknown schedule '${c.className}'; known: ${Object.keys(SCHEDULES).join(', ')}`);
  }
  return new ctor(c.config as never);
}
