// Weight constraints (Keras, tfjs' tf.constraints): a projection applied to a variable after every
// optimizer update (Keras' `var.assign(var.constraint(var))` in apply_gradients). maxNorm caps the norm
// of each weight vector along `axis` (the inputs of a Dense unit for axis 0), unitNorm rescales it to 1,
// minMaxNorm keeps it in [minValue, maxValue] (moving a `rate` of the way), nonNeg zeroes negatives.
import type { Tensor } from './core/tensor.js';
import { camelCase } from './initializers.js';
import { add, div, mul } from './ops/binary.js';
import { greaterEqual } from './ops/compare.js';
import { cast } from './ops/shape.js';
import { clipByValue } from './ops/join.js';
import { sum } from './ops/reduce.js';
import { sqrt, square } from './ops/unary.js';

/** Keras' backend epsilon: keeps the rescaling finite for all-zero vectors. */
const EPSILON = 1e-7;

export interface Constraint {
  /** The constrained value of w (a new tensor). */
  apply(w: Tensor): Tensor;
  readonly className: string;
  getConfig(): Record<string, number>;
}

const norms = (w: Tensor, axis: number) => sqrt(sum(square(w), axis, true));

/** w · desired(‖w‖) / (ε + ‖w‖) per vector along axis. */
class NormConstraint implements Constraint {
  constructor(readonly className: string, private readonly axis: number, private readonly lo: number,
              private readonly hi: number, private readonly rate: number) {
    if (!Number.isInteger(axis)) throw new Error(`${className}: axis must be an integer, got ${axis}`);
    if (!(lo >= 0 && hi >= lo) || !(rate >= 0 && rate <= 1)) {
      throw new Error(`${className}: needs 0 ≤ minValue ≤ maxValue and 0 ≤ rate ≤ 1, got minValue ${lo}, maxValue ${hi}, rate ${rate}`);
    }
  }
  apply(w: Tensor): Tensor {
    const n = norms(w, this.axis);
    const clipped = clipByValue(n, this.lo, this.hi);
    const desired = this.rate === 1 ? clipped : add(mul(clipped, this.rate), mul(n, 1 - this.rate));
    return mul(w, div(desired, add(n, EPSILON)));
  }
  getConfig(): Record<string, number> {
    if (this.className === 'MaxNorm') return { maxValue: this.hi, axis: this.axis };
    return { minValue: this.lo, maxValue: this.hi, rate: this.rate, axis: this.axis };
  }
}

class UnitNorm implements Constraint {
  className = 'UnitNorm';
  constructor(private readonly axis: number) {
    if (!Number.isInteger(axis)) throw new Error(`UnitNorm: axis must be an integer, got ${axis}`);
  }
  apply(w: Tensor): Tensor { return div(w, add(norms(w, this.axis), EPSILON)); }
  getConfig(): Record<string, number> { return { axis: this.axis }; }
}

class NonNeg implements Constraint {
  className = 'NonNeg';
  apply(w: Tensor): Tensor { return mul(w, cast(greaterEqual(w, 0), w.dtype)); }
  getConfig(): Record<string, number> { return {}; }
}

/** tf.constraints.* (tfjs names and options). */
export const constraints = {
  maxNorm: (o: { maxValue?: number; axis?: number } = {}): Constraint => new NormConstraint('MaxNorm', o.axis ?? 0, 0, o.maxValue ?? 2, 1),
  minMaxNorm: (o: { minValue?: number; maxValue?: number; rate?: number; axis?: number } = {}): Constraint =>
    new NormConstraint('MinMaxNorm', o.axis ?? 0, o.minValue ?? 0, o.maxValue ?? 1, o.rate ?? 1),
  unitNorm: (o: { axis?: number } = {}): Constraint => new UnitNorm(o.axis ?? 0),
  nonNeg: (): Constraint => new NonNeg(),
};

/** The constraint names a layer accepts (tfjs's ConstraintIdentifier, with Keras' snake_case spellings). */
export type ConstraintIdentifier = 'maxNorm' | 'minMaxNorm' | 'nonNeg' | 'unitNorm' | 'max_norm' | 'min_max_norm' | 'non_neg' | 'unit_norm';
// Every camelCase name is a factory (checked when this file compiles).
const _knownConstraints: Record<Exclude<ConstraintIdentifier, `${string}_${string}`>, unknown> = constraints;
void _knownConstraints;

/** A constraint option of a layer: a name, a Constraint, a saved {className, config}, or none. */
export type ConstraintArg = ConstraintIdentifier | Constraint | { className: string; config?: Record<string, unknown> } | null;

/**
 * A Constraint from a name (tfjs camelCase or Keras snake_case: 'maxNorm', 'max_norm', 'nonNeg' …), a saved
 * {className, config} ('MaxNorm', 'MinMaxNorm', 'NonNeg', 'UnitNorm'), or as is; null/undefined: none.
 */
export function getConstraint(id: ConstraintArg | (string & {}) | undefined): Constraint | null {
  if (id === undefined || id === null) return null;
  const known = Object.keys(constraints).join(', ');
  if (typeof id === 'string') {
    const key = camelCase(id) as keyof typeof constraints;
    if (!Object.hasOwn(constraints, key)) throw new Error(`unknown constraint '${id}'; known: ${known}`);
    return constraints[key]();
  }
  if (typeof id !== 'object') throw new Error(`constraint: expected a name, {className, config} or a Constraint, got ${typeof id} ${String(id)}`);
  if (typeof (id as Constraint).apply === 'function') return id as Constraint;
  const { className, config = {} } = id as { className: unknown; config?: unknown };
  if (typeof className !== 'string') throw new Error(`constraint: expected a name, {className, config} or a Constraint, got an object without a className`);
  const key = (className.charAt(0).toLowerCase() + className.slice(1)) as keyof typeof constraints;
  if (!Object.hasOwn(constraints, key)) throw new Error(`unknown constraint class '${className}'; known: MaxNorm, MinMaxNorm, NonNeg, UnitNorm`);
  if (config === null || typeof config !== 'object' || Array.isArray(config)) throw new Error(`constraint ${className}: the config must be an object`);
  return (constraints[key] as (o: object) => Constraint)(config);
}
