// `tf.metrics`: tfjs-layers' metric functions (per example, or per batch for precision/recall/r2Score)
// and TF2's stateful metrics (tf.keras.metrics.Mean, Accuracy, Precision, AUC …) with updateState /
// result / resetState. The functions are composites of the op seam (src/core/op.ts): it converts and checks
// their tensor arguments, frees their intermediates and names them in errors. A stateful metric keeps its
// state in non-trainable Variables, updated in place without being recorded by any tape; its methods are
// composites too, so updating it every step allocates nothing that outlives the call.
import { tidy, untaped } from './core/engine.js';
import * as L from './losses.js';
import { add, argMax, cast, div, equal, greater, logicalAnd, log, maximum, mean, mul, notEqual,
  ones, reshape, scalar, slice, square, sub, sum, tensor1d, where, zeros } from './ops/index.js';
import { fmtShape, opError, type TensorLike } from './core/convert.js';
import { DTYPES } from './core/dtype.js';
import { composite, type InputSpec, type OpFn } from './core/op.js';
import { Tensor, Variable } from './core/tensor.js';

/** A tensor argument as given (the metric decides what its dtype means). */
function given(name: string): InputSpec { return { name, dtypes: DTYPES }; }
/** A tensor argument the metric computes on in float32: int32 and bool values are cast. */
function float(name: string, optional = false): InputSpec {
  return { name, dtypes: DTYPES, cast: { int32: 'float32', bool: 'float32' }, optional };
}
const SAMPLE_WEIGHT = float('sampleWeight', true);

const toFloat = (t: Tensor): Tensor => (t.dtype === 'float32' ? t : cast(t, 'float32'));

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** yTrue and yPred of one shape ([N] vs [N,1] accepted: yTrue takes yPred's shape), dtypes kept. */
function matchShapes(op: string, z: Tensor, p: Tensor): [Tensor, Tensor] {
  if (sameShape(z.shape, p.shape)) return [z, p];
  const [big, small] = z.rank > p.rank ? [z.shape, p.shape] : [p.shape, z.shape];
  if (big.length === small.length + 1 && big[big.length - 1] === 1 && sameShape(big.slice(0, -1), small)) return [reshape(z, p.shape), p];
  throw opError(op, `yTrue ${fmtShape(z.shape)} and yPred ${fmtShape(p.shape)} must have the same shape`);
}

/** a / b, 0 where b is 0 (tf.math.divide_no_nan). */
function divNoNan(a: Tensor, b: Tensor): Tensor {
  const zero = equal(b, 0);
  return where(zero, zeros(a.shape), div(a, where(zero, ones(b.shape), b)));
}

// ---- tfjs-layers' metric functions -------------------------------------------------------------------

/**
 * Per example: the fraction of entries where (yPred > threshold) equals yTrue, the mean over the last
 * axis (tfjs-layers / Keras binary_accuracy; threshold 0.5).
 */
export const binaryAccuracy = composite('binaryAccuracy', {
  inputs: [float('yTrue'), given('yPred')],
  forward: (yTrue: Tensor, yPred: Tensor, threshold = 0.5): Tensor => {
    const [z, p] = matchShapes('binaryAccuracy', yTrue, yPred);
    const hit = cast(equal(z, cast(greater(p, threshold), 'float32')), 'float32');
    return hit.rank === 0 ? hit : mean(hit, -1);
  },
});

/** Per example: 1 where argMax(yTrue) = argMax(yPred) along the last axis, else 0 (categorical_accuracy). */
export const categoricalAccuracy = composite('categoricalAccuracy', {
  inputs: [given('yTrue'), given('yPred')],
  forward: (yTrue: Tensor, yPred: Tensor): Tensor => {
    const [z, p] = matchShapes('categoricalAccuracy', yTrue, yPred);
    if (p.rank === 0) throw opError('categoricalAccuracy', 'yPred must have a class axis, got a scalar');
    return cast(equal(argMax(z, -1), argMax(p, -1)), 'float32');
  },
});

/**
 * Per example: 1 where the integer label (shape [N] or [N,1]) equals argMax(yPred) along the last axis
 * (sparse_categorical_accuracy).
 */
export const sparseCategoricalAccuracy = composite('sparseCategoricalAccuracy', {
  inputs: [float('yTrue'), given('yPred')],
  forward: (yTrue: Tensor, yPred: Tensor): Tensor => {
    const op = 'sparseCategoricalAccuracy';
    if (yPred.rank === 0) throw opError(op, 'yPred must have a class axis, got a scalar');
    const outer = yPred.shape.slice(0, -1);
    if (!sameShape(yTrue.shape, outer) && !sameShape(yTrue.shape, [...outer, 1])) {
      throw opError(op, `yTrue ${fmtShape(yTrue.shape)} must hold one class index per example: shape ${fmtShape(outer)} or ` +
        `${fmtShape([...outer, 1])} for yPred ${fmtShape(yPred.shape)}`);
    }
    return cast(equal(reshape(yTrue, outer), cast(argMax(yPred, -1), 'float32')), 'float32');
  },
});

/** Per-example binary cross-entropy (tf.metrics.binaryCrossentropy is the Keras loss function). */
export const binaryCrossentropy: (yTrue: TensorLike, yPred: TensorLike, fromLogits?: boolean | L.CrossentropyOptions,
                                  labelSmoothing?: number) => Tensor = L.binaryCrossentropy;
/** Per-example categorical cross-entropy (the Keras loss function). */
export const categoricalCrossentropy: (yTrue: TensorLike, yPred: TensorLike, fromLogits?: boolean | L.CrossentropyOptions,
                                       labelSmoothing?: number) => Tensor = L.categoricalCrossentropy;
/** Per-example sparse categorical cross-entropy (the Keras loss function). */
export const sparseCategoricalCrossentropy: (yTrue: TensorLike, yPred: TensorLike, fromLogits?: boolean) => Tensor =
  L.sparseCategoricalCrossentropy;

/** A metric named `name` that is the Keras loss function f (f runs on yTrue and yPred of one shape). */
function lossMetric(name: string, f: (yTrue: Tensor, yPred: Tensor) => Tensor) {
  return composite(name, {
    inputs: [float('yTrue'), float('yPred')],
    forward: (yTrue: Tensor, yPred: Tensor): Tensor => f(...matchShapes(name, yTrue, yPred)),
  });
}
/** Per-example mean squared error over the last axis. */
export const meanSquaredError = lossMetric('meanSquaredError', L.mse);
/** Per-example mean absolute error over the last axis. */
export const meanAbsoluteError = lossMetric('meanAbsoluteError', L.meanAbsoluteError);
/** Per-example mean absolute percentage error over the last axis. */
export const meanAbsolutePercentageError = lossMetric('meanAbsolutePercentageError', L.meanAbsolutePercentageError);
/** Per example −cos(yTrue, yPred) along the last axis (tfjs-layers cosineProximity). */
export const cosineProximity = lossMetric('cosineProximity', L.cosineSimilarity);
export { meanSquaredError as mse, meanSquaredError as MSE, meanAbsoluteError as mae, meanAbsoluteError as MAE,
  meanAbsolutePercentageError as mape, meanAbsolutePercentageError as MAPE, cosineProximity as cosine };

/** tfjs-layers' counts: yTrue == 1 / 0 against yPred == 1 / 0 exactly (no threshold), a float32 scalar. */
function countWhere(yTrue: Tensor, yPred: Tensor, t: number, p: number): Tensor {
  return sum(cast(logicalAnd(equal(yTrue, t), equal(yPred, p)), 'float32'));
}

/**
 * Precision of the batch, tp / (tp + fp), 0 when nothing is predicted positive. As tfjs-layers,
 * predictions must be 0/1 (a prediction counts as positive only where it equals 1); the stateful
 * tf.metrics.Precision thresholds probabilities instead.
 */
export const precision = composite('precision', {
  inputs: [given('yTrue'), given('yPred')],
  forward: (yTrue: Tensor, yPred: Tensor): Tensor => {
    const [z, p] = matchShapes('precision', yTrue, yPred);
    const tp = countWhere(z, p, 1, 1), fp = countWhere(z, p, 0, 1);
    return divNoNan(tp, add(tp, fp));
  },
});

/** Recall of the batch, tp / (tp + fn), 0 when there is no positive label (0/1 predictions, as tfjs-layers). */
export const recall = composite('recall', {
  inputs: [given('yTrue'), given('yPred')],
  forward: (yTrue: Tensor, yPred: Tensor): Tensor => {
    const [z, p] = matchShapes('recall', yTrue, yPred);
    const tp = countWhere(z, p, 1, 1), fn = countWhere(z, p, 1, 0);
    return divNoNan(tp, add(tp, fn));
  },
});

/** Coefficient of determination of the batch: 1 − Σ(yTrue − yPred)² / Σ(yTrue − mean(yTrue))² (tfjs-layers r2Score). */
export const r2Score = composite('r2Score', {
  inputs: [float('yTrue'), float('yPred')],
  forward: (yTrue: Tensor, yPred: Tensor): Tensor => {
    const [z, p] = matchShapes('r2Score', yTrue, yPred);
    return sub(1, div(sum(square(sub(z, p))), sum(square(sub(z, mean(z))))));
  },
});

// ---- stateful metrics (TF2 tf.keras.metrics) --------------------------------------------------------

/** Float32 weights for values of shape `shape`: a trailing axis squeezed (size 1) or added as Keras, then broadcast. */
function weightsFor(op: string, sampleWeight: Tensor, shape: number[]): Tensor {
  let w = sampleWeight;
  if (w.rank === shape.length + 1 && w.shape[w.rank - 1] === 1) w = reshape(w, w.shape.slice(0, -1));
  else if (w.rank === shape.length - 1) w = reshape(w, [...w.shape, 1]); // one weight per example of [N, k] values
  const ok = w.rank <= shape.length && w.shape.every((d, i) => d === 1 || d === shape[shape.length - w.rank + i]);
  if (!ok) throw opError(op, `sampleWeight ${fmtShape(w.shape)} does not broadcast to the values ${fmtShape(shape)}`);
  return mul(w, ones(shape));
}

type Fn = (...args: never[]) => unknown;

/**
 * Base of the stateful metrics: state in non-trainable variables, updateState accumulates a batch,
 * result() reads the value (a new scalar tensor), resetState() zeroes the state. Updates are never
 * recorded by a GradientTape and leave no tensors behind.
 * @example const m = new tf.metrics.Mean(); m.updateState(loss); m.result().print(); m.resetState();
 */
export abstract class Metric {
  readonly name: string;
  readonly dtype = 'float32';
  private readonly vars: Variable[] = [];
  private readonly reset = this.methodOp('resetState', [], (): void => { for (const v of this.vars) v.assign(zeros(v.shape)); });

  constructor(name: string) { this.name = name; }

  /** A state variable (non-trainable, zero-initialised). */
  protected addWeight(name: string, shape: number[] = []): Variable {
    const z = zeros(shape);
    const v = new Variable(z, false, `${this.name}/${name}`);
    z.dispose();
    this.vars.push(v);
    return v;
  }

  /** The name of a method's composite and of its errors: `Class.method` ('Precision.updateState'). */
  protected opName(method: string): string { return `${this.constructor.name}.${method}`; }

  /**
   * A method body as a composite named `Class.method`, run without tapes: the seam converts and checks
   * `inputs`, frees every temporary (a state variable is assigned, not returned) and names the errors.
   */
  protected methodOp<F extends Fn>(method: string, inputs: readonly (string | InputSpec)[], forward: F): OpFn<F> {
    const f = composite(this.opName(method), { inputs, forward }) as unknown as (...a: unknown[]) => unknown;
    return ((...args: unknown[]) => untaped(() => f(...args))) as unknown as OpFn<F>;
  }

  /** Runs fn without tapes and frees every temporary it makes (for custom metrics; the built-in ones use methodOp). */
  protected untaped<T>(fn: () => T): T {
    return untaped(() => tidy(fn));
  }

  /** v ← v + delta, in place. */
  protected accumulate(v: Variable, delta: Tensor): void { v.assign(add(v, delta)); }

  abstract updateState(...args: (TensorLike | null | undefined)[]): void;
  /** The metric's value now, a new scalar tensor (the caller owns it). */
  abstract result(): Tensor;

  /** Sets every state variable to zero. */
  resetState(): void { this.reset(); }
  /** TF2's name for resetState (tf.keras.metrics.Metric.reset_states). */
  resetStates(): void { this.resetState(); }

  /** updateState then result (Keras' metric(y_true, y_pred)). */
  call(...args: (TensorLike | null | undefined)[]): Tensor {
    this.updateState(...args);
    return this.result();
  }

  /** The state variables. */
  get variables(): Variable[] { return this.vars.slice(); }
  /** Frees the state variables; the metric cannot be used afterwards. */
  dispose(): void { for (const v of this.vars) v.dispose(); }
  getConfig(): Record<string, unknown> { return { name: this.name }; }
  /** A fresh metric of the same kind and options (zero state). */
  clone(): Metric {
    const C = this.constructor as new (o: Record<string, unknown>) => Metric;
    return new C(this.getConfig());
  }
}

/** Options of every metric class. */
export interface MetricOptions { name?: string }

abstract class Reduce extends Metric {
  protected readonly total: Variable;
  protected readonly count: Variable;
  private readonly update = this.methodOp('updateState', [float('values'), SAMPLE_WEIGHT],
    (values: Tensor, sampleWeight?: Tensor | null): void => this.addValues(this.opName('updateState'), values, sampleWeight ?? null));
  constructor(name: string, private readonly weighted: boolean) {
    super(name);
    this.total = this.addWeight('total');
    this.count = this.addWeight('count');
  }
  /** Adds values (any shape; weighted by sampleWeight broadcast to them). */
  updateState(values: TensorLike, sampleWeight?: TensorLike | null): void { this.update(values, sampleWeight); }
  /** The update on float32 values and weights (or null); errors name `op`. */
  protected addValues(op: string, v: Tensor, sampleWeight: Tensor | null): void {
    if (sampleWeight === null) {
      this.accumulate(this.total, sum(v));
      if (this.weighted) this.accumulate(this.count, scalar(v.size));
    } else {
      const w = weightsFor(op, sampleWeight, v.shape);
      this.accumulate(this.total, sum(mul(v, w)));
      if (this.weighted) this.accumulate(this.count, sum(w));
    }
  }
}

/** The (weighted) mean of every value seen (tf.keras.metrics.Mean): Σ w·v / Σ w, 0 before any update. */
export class Mean extends Reduce {
  private readonly value = this.methodOp('result', [], (): Tensor => divNoNan(this.total, this.count));
  constructor(o: MetricOptions = {}) { super(o.name ?? 'mean', true); }
  result(): Tensor { return this.value(); }
}

/** The (weighted) sum of every value seen (tf.keras.metrics.Sum). */
export class Sum extends Reduce {
  private readonly value = this.methodOp('result', [], (): Tensor => add(this.total, 0));
  constructor(o: MetricOptions = {}) { super(o.name ?? 'sum', false); }
  result(): Tensor { return this.value(); }
}

type MetricFn = (yTrue: TensorLike, yPred: TensorLike) => Tensor;

/**
 * The running (weighted) mean of a per-example function of (yTrue, yPred) (Keras MeanMetricWrapper):
 * the base of Accuracy, BinaryAccuracy, MeanSquaredError, … and a way to make any function a metric.
 * @example const m = new tf.metrics.MeanMetricWrapper(myFn, {name: 'my_metric'})
 */
export class MeanMetricWrapper extends Mean {
  // yTrue and yPred as given: fn decides what their dtypes mean
  private readonly updateWith = this.methodOp('updateState', [given('yTrue'), given('yPred'), SAMPLE_WEIGHT],
    (yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | null): void =>
      this.addValues(this.opName('updateState'), toFloat(this.fn(yTrue, yPred)), sampleWeight ?? null));
  constructor(readonly fn: MetricFn, o: MetricOptions = {}) { super({ name: o.name ?? (fn.name || 'mean_metric_wrapper') }); }
  updateState(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike | null): void { this.updateWith(yTrue, yPred, sampleWeight); }
  getConfig(): Record<string, unknown> { return { ...super.getConfig(), fn: this.fn }; }
  clone(): Metric {
    const C = this.constructor as new (...a: unknown[]) => Metric;
    return C === MeanMetricWrapper ? new MeanMetricWrapper(this.fn, { name: this.name }) : new C(this.getConfig());
  }
}

/** Elementwise yTrue == yPred as 0/1 (yPred cast to yTrue's dtype first, as Keras). */
const accuracy = composite('accuracy', {
  inputs: [given('yTrue'), given('yPred')],
  forward: (yTrue: Tensor, yPred: Tensor): Tensor => {
    const [z, p] = matchShapes('accuracy', yTrue, yPred);
    return cast(equal(z, p.dtype === z.dtype ? p : cast(p, z.dtype)), 'float32');
  },
});

/** How often yPred equals yTrue, over all elements (tf.keras.metrics.Accuracy: compares values, e.g. argMax results). */
export class Accuracy extends MeanMetricWrapper {
  constructor(o: MetricOptions = {}) { super(accuracy, { name: o.name ?? 'accuracy' }); }
}
/** How often (yPred > threshold) matches the 0/1 labels (tf.keras.metrics.BinaryAccuracy; threshold 0.5). */
export class BinaryAccuracy extends MeanMetricWrapper {
  readonly threshold: number;
  constructor(o: MetricOptions & { threshold?: number } = {}) {
    const threshold = o.threshold ?? 0.5;
    super((a, b) => binaryAccuracy(a, b, threshold), { name: o.name ?? 'binary_accuracy' });
    this.threshold = threshold;
  }
  getConfig() { return { name: this.name, threshold: this.threshold }; }
}
/** How often argMax(yPred) equals argMax(yTrue) (tf.keras.metrics.CategoricalAccuracy). */
export class CategoricalAccuracy extends MeanMetricWrapper {
  constructor(o: MetricOptions = {}) { super(categoricalAccuracy, { name: o.name ?? 'categorical_accuracy' }); }
  getConfig() { return { name: this.name }; }
}
/** How often argMax(yPred) equals the integer label (tf.keras.metrics.SparseCategoricalAccuracy). */
export class SparseCategoricalAccuracy extends MeanMetricWrapper {
  constructor(o: MetricOptions = {}) { super(sparseCategoricalAccuracy, { name: o.name ?? 'sparse_categorical_accuracy' }); }
  getConfig() { return { name: this.name }; }
}
/** Running mean squared error (tf.keras.metrics.MeanSquaredError). */
export class MeanSquaredError extends MeanMetricWrapper {
  constructor(o: MetricOptions = {}) { super(meanSquaredError, { name: o.name ?? 'mean_squared_error' }); }
  getConfig() { return { name: this.name }; }
}
/** Running mean absolute error (tf.keras.metrics.MeanAbsoluteError). */
export class MeanAbsoluteError extends MeanMetricWrapper {
  constructor(o: MetricOptions = {}) { super(meanAbsoluteError, { name: o.name ?? 'mean_absolute_error' }); }
  getConfig() { return { name: this.name }; }
}
/** Running binary cross-entropy (tf.keras.metrics.BinaryCrossentropy). */
export class BinaryCrossentropy extends MeanMetricWrapper {
  readonly fromLogits: boolean; readonly labelSmoothing: number;
  constructor(o: MetricOptions & { fromLogits?: boolean; labelSmoothing?: number } = {}) {
    const fromLogits = o.fromLogits ?? false, labelSmoothing = o.labelSmoothing ?? 0;
    super((a, b) => L.binaryCrossentropy(a, b, fromLogits, labelSmoothing), { name: o.name ?? 'binary_crossentropy' });
    this.fromLogits = fromLogits; this.labelSmoothing = labelSmoothing;
  }
  getConfig() { return { name: this.name, fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing }; }
}
/** Running categorical cross-entropy (tf.keras.metrics.CategoricalCrossentropy). */
export class CategoricalCrossentropy extends MeanMetricWrapper {
  readonly fromLogits: boolean; readonly labelSmoothing: number;
  constructor(o: MetricOptions & { fromLogits?: boolean; labelSmoothing?: number } = {}) {
    const fromLogits = o.fromLogits ?? false, labelSmoothing = o.labelSmoothing ?? 0;
    super((a, b) => L.categoricalCrossentropy(a, b, fromLogits, labelSmoothing), { name: o.name ?? 'categorical_crossentropy' });
    this.fromLogits = fromLogits; this.labelSmoothing = labelSmoothing;
  }
  getConfig() { return { name: this.name, fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing }; }
}
/** Running sparse categorical cross-entropy (tf.keras.metrics.SparseCategoricalCrossentropy). */
export class SparseCategoricalCrossentropy extends MeanMetricWrapper {
  readonly fromLogits: boolean;
  constructor(o: MetricOptions & { fromLogits?: boolean } = {}) {
    const fromLogits = o.fromLogits ?? false;
    super((a, b) => L.sparseCategoricalCrossentropy(a, b, fromLogits), { name: o.name ?? 'sparse_categorical_crossentropy' });
    this.fromLogits = fromLogits;
  }
  getConfig() { return { name: this.name, fromLogits: this.fromLogits }; }
}

/** Options of Precision and Recall. */
export interface ConfusionOptions extends MetricOptions {
  /** A prediction above it counts as positive (default 0.5). */
  thresholds?: number;
  /** Only this class (column of the last axis) is scored. */
  classId?: number;
}

/**
 * Labels (non-zero = positive) and predictions as float32 [n] for the confusion counts, optionally one
 * class column, with weights of the same shape.
 */
function confusionInputs(op: string, yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor | null | undefined,
                         classId?: number): [Tensor, Tensor, Tensor] {
  const [z0, p] = matchShapes(op, yTrue, yPred);
  let z = cast(notEqual(z0, 0), 'float32'), q = p;
  let w = sampleWeight === undefined || sampleWeight === null ? ones(p.shape) : weightsFor(op, sampleWeight, p.shape);
  if (classId !== undefined) {
    const c = p.shape[p.rank - 1];
    if (p.rank === 0 || !Number.isInteger(classId) || classId < 0 || classId >= c) {
      throw opError(op, `classId ${classId} is out of range for yPred ${fmtShape(p.shape)}`);
    }
    const pick = (t: Tensor) => slice(t, [...t.shape.slice(0, -1).map(() => 0), classId], [...t.shape.slice(0, -1), 1]);
    z = pick(z); q = pick(q); w = pick(w);
  }
  return [reshape(z, [z.size]), reshape(q, [q.size]), reshape(w, [w.size])];
}

/** The inputs of Precision, Recall and AUC's updateState: labels (non-zero = positive), predictions, weights. */
const CONFUSION_INPUTS = [float('yTrue'), float('yPred'), SAMPLE_WEIGHT];

abstract class Confusion extends Metric {
  readonly thresholds: number;
  readonly classId?: number;
  constructor(name: string, o: ConfusionOptions) {
    super(name);
    this.thresholds = o.thresholds ?? 0.5;
    this.classId = o.classId;
    if (typeof this.thresholds !== 'number' || !Number.isFinite(this.thresholds)) {
      throw new Error(`${this.constructor.name}: thresholds must be one number, got ${String(o.thresholds)}`);
    }
  }
  getConfig() { return { name: this.name, thresholds: this.thresholds, classId: this.classId }; }
}

/** tp / (tp + fp) over everything seen; predictions above `thresholds` (0.5) are positive (tf.keras.metrics.Precision). */
export class Precision extends Confusion {
  private readonly tp: Variable;
  private readonly fp: Variable;
  constructor(o: ConfusionOptions = {}) {
    super(o.name ?? 'precision', o);
    this.tp = this.addWeight('true_positives');
    this.fp = this.addWeight('false_positives');
  }
  private readonly update = this.methodOp('updateState', CONFUSION_INPUTS, (yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | null): void => {
    const [z, p, w] = confusionInputs(this.opName('updateState'), yTrue, yPred, sampleWeight, this.classId);
    const pos = mul(cast(greater(p, this.thresholds), 'float32'), w);
    this.accumulate(this.tp, sum(mul(pos, z)));
    this.accumulate(this.fp, sum(mul(pos, sub(1, z))));
  });
  private readonly value = this.methodOp('result', [], (): Tensor => divNoNan(this.tp, add(this.tp, this.fp)));
  updateState(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike | null): void { this.update(yTrue, yPred, sampleWeight); }
  result(): Tensor { return this.value(); }
}

/** tp / (tp + fn) over everything seen; predictions above `thresholds` (0.5) are positive (tf.keras.metrics.Recall). */
export class Recall extends Confusion {
  private readonly tp: Variable;
  private readonly fn: Variable;
  constructor(o: ConfusionOptions = {}) {
    super(o.name ?? 'recall', o);
    this.tp = this.addWeight('true_positives');
    this.fn = this.addWeight('false_negatives');
  }
  private readonly update = this.methodOp('updateState', CONFUSION_INPUTS, (yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | null): void => {
    const [z, p, w] = confusionInputs(this.opName('updateState'), yTrue, yPred, sampleWeight, this.classId);
    const pos = cast(greater(p, this.thresholds), 'float32');
    const zw = mul(z, w);
    this.accumulate(this.tp, sum(mul(pos, zw)));
    this.accumulate(this.fn, sum(mul(sub(1, pos), zw)));
  });
  private readonly value = this.methodOp('result', [], (): Tensor => divNoNan(this.tp, add(this.tp, this.fn)));
  updateState(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike | null): void { this.update(yTrue, yPred, sampleWeight); }
  result(): Tensor { return this.value(); }
}

/** Options of AUC. */
export interface AUCOptions extends MetricOptions {
  /** Number of thresholds (default 200) spread evenly over [0, 1], plus −ε and 1 + ε at the ends. */
  numThresholds?: number;
  /** 'ROC' (default) or 'PR'. */
  curve?: 'ROC' | 'PR';
}

/**
 * Area under the ROC (or precision-recall) curve from confusion counts at fixed thresholds, over
 * everything seen (tf.keras.metrics.AUC with summation_method 'interpolation'; labels and predictions
 * are flattened, multi_label = false). Predictions are probabilities in [0, 1].
 */
export class AUC extends Metric {
  readonly numThresholds: number;
  readonly curve: 'ROC' | 'PR';
  private readonly thresholds: Tensor;
  private readonly tp: Variable;
  private readonly fp: Variable;
  private readonly tn: Variable;
  private readonly fn: Variable;
  constructor(o: AUCOptions = {}) {
    super(o.name ?? 'auc');
    this.numThresholds = o.numThresholds ?? 200;
    this.curve = o.curve ?? 'ROC';
    const n = this.numThresholds;
    if (!Number.isInteger(n) || n < 2) throw new Error(`AUC: numThresholds must be an integer > 1, got ${String(o.numThresholds)}`);
    if (this.curve !== 'ROC' && this.curve !== 'PR') throw new Error(`AUC: curve must be 'ROC' or 'PR', got '${String(o.curve)}'`);
    // Keras: [0 − ε, 1/(n−1), …, (n−2)/(n−1), 1 + ε]
    const th = [-L.EPSILON];
    for (let i = 1; i < n - 1; i++) th.push(i / (n - 1));
    th.push(1 + L.EPSILON);
    const t = tensor1d(th);
    this.thresholds = new Variable(t, false, `${this.name}/thresholds`); // a Variable: no tidy scope frees it
    t.dispose();
    this.tp = this.addWeight('true_positives', [n]);
    this.fp = this.addWeight('false_positives', [n]);
    this.tn = this.addWeight('true_negatives', [n]);
    this.fn = this.addWeight('false_negatives', [n]);
  }
  private readonly update = this.methodOp('updateState', CONFUSION_INPUTS, (yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | null): void => {
    const [z, p, w] = confusionInputs(this.opName('updateState'), yTrue, yPred, sampleWeight);
    const n = p.size;
    // [n, T]: prediction above each threshold
    const pos = cast(greater(reshape(p, [n, 1]), reshape(this.thresholds, [1, this.numThresholds])), 'float32');
    const zw = reshape(mul(z, w), [n, 1]), nw = reshape(mul(sub(1, z), w), [n, 1]);
    this.accumulate(this.tp, sum(mul(pos, zw), 0));
    this.accumulate(this.fp, sum(mul(pos, nw), 0));
    this.accumulate(this.fn, sum(mul(sub(1, pos), zw), 0));
    this.accumulate(this.tn, sum(mul(sub(1, pos), nw), 0));
  });
  private readonly value = this.methodOp('result', [], (): Tensor => this.area());
  updateState(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike | null): void { this.update(yTrue, yPred, sampleWeight); }
  result(): Tensor { return this.value(); }
  /** The area under the curve from the counts (Keras' interpolation); runs in result's composite. */
  private area(): Tensor {
    const n = this.numThresholds;
    const head = (t: Tensor) => slice(t, [0], [n - 1]), tail = (t: Tensor) => slice(t, [1], [n - 1]);
    if (this.curve === 'PR') {
      // Davis & Goadrich interpolation, as Keras' interpolate_pr_auc
      const tp = this.tp, p = add(this.tp, this.fp);
      const dtp = sub(head(tp), tail(tp)), dp = sub(head(p), tail(p));
      const slope = divNoNan(dtp, maximum(dp, 0));
      const intercept = sub(tail(tp), mul(slope, tail(p)));
      const bothPos = logicalAnd(greater(head(p), 0), greater(tail(p), 0));
      const ratio = where(bothPos, divNoNan(head(p), maximum(tail(p), 0)), ones([n - 1]));
      return sum(divNoNan(mul(slope, add(dtp, mul(intercept, log(ratio)))), maximum(add(tail(tp), tail(this.fn)), 0)));
    }
    const tpr = divNoNan(this.tp, add(this.tp, this.fn)), fpr = divNoNan(this.fp, add(this.fp, this.tn));
    return sum(mul(sub(head(fpr), tail(fpr)), div(add(head(tpr), tail(tpr)), 2)));
  }
  dispose(): void { super.dispose(); this.thresholds.dispose(); }
  getConfig() { return { name: this.name, numThresholds: this.numThresholds, curve: this.curve }; }
}

// ---- compile({metrics}) ---------------------------------------------------------------------------

/**
 * A metric for fit/evaluate: fn gives one batch's value, make a stateful Metric; `stateful` metrics
 * (Precision, Recall, AUC, Metric objects) are not means of batch values, so fit keeps their state over
 * the epoch as Keras does.
 */
export interface MetricFnResult { name: string; fn: (yTrue: Tensor, yPred: Tensor) => Tensor; make: () => Metric; stateful?: boolean }

/** Keras' rule for 'accuracy' / 'crossentropy' when the loss does not decide it: from the shapes. */
function byShape(yTrue: Tensor, yPred: Tensor): 'binary' | 'sparse' | 'categorical' {
  const pLast = yPred.rank > 0 ? yPred.shape[yPred.rank - 1] : 1;
  const tLast = yTrue.rank > 0 ? yTrue.shape[yTrue.rank - 1] : 1;
  if (pLast === 1 || yPred.rank === 0) return 'binary';
  if (yTrue.rank < yPred.rank || (tLast === 1 && pLast > 1)) return 'sparse';
  return 'categorical';
}

function lossKind(lossName?: string): 'binary' | 'sparse' | 'categorical' | null {
  if (!lossName) return null;
  const k = L.lossKey(lossName);
  if (k === 'sparsecategoricalcrossentropy') return 'sparse';
  if (k === 'binarycrossentropy') return 'binary';
  if (k === 'categoricalcrossentropy') return 'categorical';
  return null;
}

// (called with yTrue and yPred only: the options keep their defaults)
const ACCURACY: Record<'binary' | 'sparse' | 'categorical', MetricFn> = {
  binary: binaryAccuracy, sparse: sparseCategoricalAccuracy, categorical: categoricalAccuracy,
};
const CROSSENTROPY: Record<'binary' | 'sparse' | 'categorical', MetricFn> = {
  binary: L.binaryCrossentropy, sparse: L.sparseCategoricalCrossentropy, categorical: L.categoricalCrossentropy,
};

/**
 * The batch value of a metric function f: the mean of what it returns, as a composite named `name` (f's
 * own name, so f's errors pass as they are) that frees f's per-example values.
 */
function batchMean(f: MetricFn, name = f.name || 'metric'): (yTrue: Tensor, yPred: Tensor) => Tensor {
  return composite(name, {
    inputs: ['yTrue', 'yPred'],
    forward: (yTrue: Tensor, yPred: Tensor): Tensor => {
      const v = f(yTrue, yPred);
      return v.rank === 0 && v !== yTrue && v !== yPred ? v : mean(v);
    },
  });
}
/** The batch value of a stateful metric: a fresh one (make()) updated once, read, then freed. */
const viaMetric = (make: () => Metric) => (yTrue: Tensor, yPred: Tensor): Tensor => {
  const m = make();
  try {
    m.updateState(yTrue, yPred);
    return m.result();
  } finally {
    m.dispose(); // its state variables: no scope owns a Variable
  }
};

const wrap = (f: MetricFn) => (name: string) => new MeanMetricWrapper(f, { name });
/**
 * The metric names compile() accepts (matched ignoring case and underscores at run time): 'accuracy' and
 * 'crossentropy' (which follow the loss, as Keras), tfjs' and Keras' function names and their aliases. A
 * misspelt name does not compile; pass a function (yTrue, yPred) => Tensor or a Metric object for anything
 * else. The logs name a metric by the string given ('accuracy' → `accuracy`, `val_accuracy`).
 */
export type MetricIdentifier = 'accuracy' | 'acc' | 'crossentropy' | 'ce' | 'precision' | 'recall' | 'auc' |
  'binaryAccuracy' | 'binary_accuracy' | 'categoricalAccuracy' | 'categorical_accuracy' |
  'sparseCategoricalAccuracy' | 'sparse_categorical_accuracy' | 'binaryCrossentropy' | 'binary_crossentropy' |
  'categoricalCrossentropy' | 'categorical_crossentropy' | 'sparseCategoricalCrossentropy' | 'sparse_categorical_crossentropy' |
  'mse' | 'MSE' | 'meanSquaredError' | 'mean_squared_error' | 'mae' | 'MAE' | 'meanAbsoluteError' | 'mean_absolute_error' |
  'mape' | 'MAPE' | 'meanAbsolutePercentageError' | 'mean_absolute_percentage_error' |
  'msle' | 'MSLE' | 'meanSquaredLogarithmicError' | 'mean_squared_logarithmic_error' |
  'cosineProximity' | 'cosine_proximity' | 'cosine' | 'cosineSimilarity' | 'cosine_similarity' |
  'kld' | 'KLD' | 'kullbackLeiblerDivergence' | 'kullback_leibler_divergence' | 'klDivergence' | 'kl_divergence' |
  'hinge' | 'squaredHinge' | 'squared_hinge' | 'logcosh' | 'poisson';

/** Metric names a string can use (case and underscores ignored): per-example function and stateful class. */
// A pure call: bundles that never look a metric up by name drop the table.
const METRICS = /* @__PURE__ */ (() => [
  [['binaryAccuracy'], binaryAccuracy, (name) => new BinaryAccuracy({ name })],
  [['categoricalAccuracy'], categoricalAccuracy, (name) => new CategoricalAccuracy({ name })],
  [['sparseCategoricalAccuracy'], sparseCategoricalAccuracy, (name) => new SparseCategoricalAccuracy({ name })],
  [['binaryCrossentropy'], CROSSENTROPY.binary, (name) => new BinaryCrossentropy({ name })],
  [['categoricalCrossentropy'], CROSSENTROPY.categorical, (name) => new CategoricalCrossentropy({ name })],
  [['sparseCategoricalCrossentropy'], CROSSENTROPY.sparse, (name) => new SparseCategoricalCrossentropy({ name })],
  [['mse', 'meanSquaredError'], meanSquaredError, (name) => new MeanSquaredError({ name })],
  [['mae', 'meanAbsoluteError'], meanAbsoluteError, (name) => new MeanAbsoluteError({ name })],
  [['mape', 'meanAbsolutePercentageError'], meanAbsolutePercentageError, wrap(meanAbsolutePercentageError)],
  [['msle', 'meanSquaredLogarithmicError'], L.meanSquaredLogarithmicError, wrap(L.meanSquaredLogarithmicError)],
  [['cosineProximity', 'cosine', 'cosineSimilarity'], cosineProximity, wrap(cosineProximity)],
  [['kld', 'kullbackLeiblerDivergence', 'klDivergence'], L.kullbackLeiblerDivergence, wrap(L.kullbackLeiblerDivergence)],
  [['hinge'], L.hinge, wrap(L.hinge)],
  [['squaredHinge'], L.squaredHinge, wrap(L.squaredHinge)],
  [['logcosh'], L.logcosh, wrap(L.logcosh)],
  [['poisson'], L.poisson, wrap(L.poisson)],
] as const satisfies readonly (readonly [readonly MetricIdentifier[], MetricFn, (name: string) => Metric])[])();
// Every name of MetricIdentifier resolves: a table name, its upper case or snake_case, or one of the
// special names (checked when this file compiles).
type Snake<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<T>}` : '';
type TableMetricName = (typeof METRICS)[number][0][number];
type SpecialMetricName = 'accuracy' | 'acc' | 'crossentropy' | 'ce' | 'precision' | 'recall' | 'auc';
const _knownMetrics: [Exclude<MetricIdentifier, TableMetricName | Uppercase<TableMetricName> | Snake<TableMetricName> | SpecialMetricName>] extends [never]
  ? true : never = true;
void _knownMetrics;
// Built on first use, not at import: a bundle that never resolves a metric by name drops the table.
let metricByKey: Map<string, [MetricFn, (name: string) => Metric]> | undefined;
function metricTable(): Map<string, [MetricFn, (name: string) => Metric]> {
  if (metricByKey === undefined) {
    metricByKey = new Map();
    for (const [names, f, make] of METRICS) for (const n of names) metricByKey.set(L.lossKey(n), [f, make]);
  }
  return metricByKey;
}
const knownMetrics = () => ['accuracy', 'acc', 'crossentropy', 'ce', ...METRICS.flatMap(([n]) => n), 'precision', 'recall', 'auc'].join(', ');

/**
 * Resolves what model.compile({metrics}) accepts: a name, a function of (yTrue, yPred) (per-example or
 * scalar) or a Metric object. 'accuracy'/'acc' (and 'crossentropy'/'ce') follow the loss as Keras:
 * sparse_categorical_crossentropy → sparse categorical accuracy, binary_crossentropy → binary accuracy,
 * another loss → decided by the shapes (yPred's last axis 1 → binary; integer labels → sparse; else
 * categorical). The reported name is the string as given ('accuracy'), as Keras prints it.
 * @example tf.metrics.getMetricFn('accuracy', 'sparse_categorical_crossentropy').fn(labels, probs)
 */
export function getMetricFn(id: MetricIdentifier | ((yTrue: Tensor, yPred: Tensor) => Tensor) | Metric | (string & {}), lossName?: string): MetricFnResult {
  if (id instanceof Metric) return { name: id.name, fn: viaMetric(() => id.clone()), make: () => id, stateful: true };
  if (typeof id === 'function') {
    const f = id as MetricFn;
    return { name: f.name || 'metric', fn: batchMean(f), make: () => new MeanMetricWrapper(f, { name: f.name || 'metric' }) };
  }
  if (typeof id !== 'string') {
    throw new Error(`getMetricFn: a metric must be a name, a function (yTrue, yPred) => Tensor or a Metric object, got ${id === null ? 'null' : typeof id}`);
  }
  const key = L.lossKey(id);
  if (key === 'accuracy' || key === 'acc' || key === 'crossentropy' || key === 'ce') {
    const table = key === 'accuracy' || key === 'acc' ? ACCURACY : CROSSENTROPY;
    const fixed = lossKind(lossName);
    // called by batchMean's and MeanMetricWrapper's composites, which convert yTrue and yPred
    const pick = (t: Tensor, p: Tensor): Tensor => table[fixed ?? byShape(t, p)](t, p);
    return { name: id, fn: batchMean(pick as MetricFn, id), make: () => new MeanMetricWrapper(pick as MetricFn, { name: id }) };
  }
  if (key === 'precision' || key === 'recall' || key === 'auc') {
    const make = () => (key === 'precision' ? new Precision({ name: id }) : key === 'recall' ? new Recall({ name: id }) : new AUC({ name: id }));
    return { name: id, fn: viaMetric(make), make, stateful: true };
  }
  const hit = metricTable().get(key);
  if (!hit) throw new Error(`unknown metric '${id}'; known metrics (camelCase or snake_case): ${knownMetrics()}`);
  const [f, make] = hit;
  return { name: id, fn: batchMean(f), make: () => make(id) };
}
