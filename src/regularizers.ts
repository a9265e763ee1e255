// Weight regularizers (Keras): a penalty added to the loss. l2(0.001) adds 0.001·Σw².
import type { Tensor } from './core/tensor.js';
import { abs, square } from './ops/unary.js';
import { add, mul } from './ops/binary.js';
import { sum } from './ops/reduce.js';
import { scalar } from './ops/create.js';

export interface Regularizer {
  /** The penalty for weights x, a scalar. */
  apply(x: Tensor): Tensor;
  readonly className: string;
  getConfig(): Record<string, number>;
}

class L1L2 implements Regularizer {
  className = 'L1L2';
  constructor(readonly l1 = 0, readonly l2 = 0) {
    if (!(l1 >= 0 && l2 >= 0)) throw new Error(`regularizer: l1 and l2 must be ≥ 0, got ${l1} and ${l2}`);
  }
  apply(x: Tensor): Tensor {
    let r = scalar(0);
    if (this.l1 > 0) r = add(r, mul(sum(abs(x)), this.l1));
    if (this.l2 > 0) r = add(r, mul(sum(square(x)), this.l2));
    return r;
  }
  getConfig() { return { l1: this.l1, l2: this.l2 }; }
}

/** tf.regularizers.* (tfjs names; Keras' positional factors also accepted: l2(0.001)). */
export const regularizers = {
  l1: (o: { l1?: number } | number = {}): Regularizer => new L1L2(typeof o === 'number' ? o : o.l1 ?? 0.01, 0),
  l2: (o: { l2?: number } | number = {}): Regularizer => new L1L2(0, typeof o === 'number' ? o : o.l2 ?? 0.01),
  l1l2: (o: { l1?: number; l2?: number } = {}): Regularizer => new L1L2(o.l1 ?? 0.01, o.l2 ?? 0.01),
};

/** The regularizer names a layer accepts (tfjs's RegularizerIdentifier): each with its default factor 0.01. */
export type RegularizerIdentifier = 'l1' | 'l2' | 'l1l2';
// Every name is a factory (checked when this file compiles).
const _knownRegularizers: Record<RegularizerIdentifier, unknown> = regularizers;
void _knownRegularizers;
/** A regularizer option of a layer: a name, a Regularizer, a saved {className, config}, or none. */
export type RegularizerArg = RegularizerIdentifier | Regularizer | { className: string; config?: Record<string, number> } | null;

/** A Regularizer from a name, a saved {className: 'L1L2' | 'L1' | 'L2', config}, or as is; null/undefined: none. */
export function getRegularizer(id: RegularizerArg | undefined): Regularizer | null {
  if (id === undefined || id === null) return null;
  if (typeof id === 'object' && typeof (id as Regularizer).apply !== 'function') {
    const c = (id as { config?: Record<string, number> }).config ?? {};
    if (!['L1L2', 'L1', 'L2'].includes(id.className)) throw new Error(`unknown regularizer class '${String(id.className)}'; known: L1L2, L1, L2`);
    if (typeof c !== 'object' || Array.isArray(c)) throw new Error(`regularizer ${id.className}: the config must be an object, got ${typeof c}`);
    for (const k of ['l1', 'l2'] as const) {
      if (c[k] != null && typeof c[k] !== 'number') throw new Error(`regularizer ${id.className}: ${k} must be a number, got ${typeof c[k]}`);
    }
    return new L1L2(c.l1 ?? 0, c.l2 ?? 0);
  }
  if (typeof id === 'object') return id as Regularizer;
  if (typeof id !== 'string') throw new Error(`regularizer: expected 'l1', 'l2', 'l1l2', {className, config} or a Regularizer, got ${typeof id} ${String(id)}`);
  const make = Object.hasOwn(regularizers, id) ? regularizers[id] : undefined;
  if (!make) throw new Error(`unknown regularizer '${id}'; known: l1, l2, l1l2`);
  return make();
}
