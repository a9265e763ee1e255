// The outputs ("heads") a compiled model trains (Keras compile for models with several outputs): each
// output's loss, loss weight and metrics, the names fit/evaluate log them under, and targets y given as
// one tensor, a list or an object keyed by output name, put in model.outputs order.
//
// Log names, as Keras names them: a single-output model logs 'loss' and each metric under its own
// name ('accuracy'); a model with several outputs logs 'loss' (the weighted total, regularization
// included), then '<output>_loss' per output (unweighted), then '<output>_<metric>' per output and
// metric ('dense_2_accuracy'), the output being its layer's name. (tfjs-layers 4.22 logs the same keys
// except that it shortens 'accuracy' to 'acc' and 'crossentropy' to 'ce': 'dense_2_acc'.) Repeated
// names get _0, _1 … as Keras and tfjs do.
import { describe, isPlainObject } from '../data/structure.js';
import { getLossFn, lossKey, type LossFn } from '../losses.js';
import { getMetricFn, Metric, type MetricFnResult } from '../metrics.js';
import { Tensor } from '../core/tensor.js';
import type { CompileArgs, LossId, MetricId } from './types.js';

export interface Head {
  /** The output's name: the name of the layer that makes it (tfjs outputNames). */
  name: string;
  loss: LossFn;
  /** Its weight in the total loss (Keras loss_weights). */
  weight: number;
  metrics: MetricFnResult[];
  /** Per metric, the Metric that keeps its state over an epoch (or an evaluation), or null for means. */
  states: (Metric | null)[];
  /** Per metric, the name it is logged under. */
  metricNames: string[];
  /** Per metric, whether its state (in `states`) was made here (from a name, or a copy), not passed in by the caller. */
  ownsState: boolean[];
  /** Per metric, the name tfjs-layers logs it under ('acc' for 'accuracy', 'ce' for 'crossentropy'). */
  tfjsMetricNames: string[];
}

/** Frees the state variables of the metrics the heads made themselves (not the Metric objects passed to compile). */
export function disposeHeads(heads: Head[]): void {
  for (const h of heads) h.states.forEach((s, i) => { if (s !== null && h.ownsState[i]) s.dispose(); });
}

const quoted = (names: string[]) => names.map((n) => `'${n}'`).join(', ');
const outputs = (names: string[]) => `${names.length} output${names.length === 1 ? '' : 's'} (${quoted(names)})`;

/** A per-output argument given as a list (outputs order) or an object keyed by output name, in outputs order. */
function perOutput<T>(arg: string, v: T[] | Record<string, T>, names: string[], missing: (name: string) => T): T[] {
  if (Array.isArray(v)) {
    if (v.length !== names.length) {
      throw new Error(`compile: ${arg} has ${v.length} entr${v.length === 1 ? 'y' : 'ies'} but the model has ${outputs(names)}; ` +
        'give one per output, in model.outputs order, or an object keyed by output name');
    }
    return v;
  }
  for (const k of Object.keys(v)) {
    if (!names.includes(k)) throw new Error(`compile: ${arg} has a key '${k}' that is not an output of the model; its outputs are ${quoted(names)}`);
  }
  return names.map((n) => (Object.prototype.hasOwnProperty.call(v, n) ? v[n] : missing(n)));
}

/** Each output's loss, weight and metrics from compile's arguments; `names` are the outputs' names in order. */
export function resolveHeads(args: CompileArgs, names: string[]): Head[] {
  const n = names.length, multi = n > 1;
  const { loss, lossWeights, metrics } = args;
  const lossIds: LossId[] = Array.isArray(loss) || isPlainObject(loss)
    ? perOutput('loss', loss as LossId[] | Record<string, LossId>, names, (name) => {
      throw new Error(`compile: loss has no entry for output '${name}'; give every output a loss (the outputs are ${quoted(names)})`);
    })
    : names.map(() => loss as LossId);

  let weights: number[];
  if (lossWeights === undefined || lossWeights === null) weights = names.map(() => 1);
  else if (typeof lossWeights === 'number' && n === 1) weights = [lossWeights];
  else if (Array.isArray(lossWeights) || isPlainObject(lossWeights)) weights = perOutput('lossWeights', lossWeights, names, () => 1);
  else throw new Error(`compile: lossWeights must be a list (one per output) or an object keyed by output name, got ${describe(lossWeights)}`);
  weights.forEach((w, i) => {
    if (typeof w !== 'number' || !Number.isFinite(w)) {
      throw new Error(`compile: the loss weight of output '${names[i]}' must be a finite number, got ${describe(w)}`);
    }
  });

  let metricIds: MetricId[][];
  if (metrics === undefined || metrics === null) metricIds = names.map(() => []);
  else if (Array.isArray(metrics)) {
    const lists = metrics.filter((m) => Array.isArray(m)).length;
    if (lists === 0) metricIds = names.map(() => metrics as MetricId[]);
    else if (lists === metrics.length) metricIds = perOutput('metrics', metrics as MetricId[][], names, () => []);
    else throw new Error('compile: metrics mixes metrics and lists of metrics; give a list (every output gets each) or a list of lists (one per output)');
  } else if (isPlainObject(metrics)) {
    metricIds = perOutput('metrics', metrics as Record<string, MetricId | MetricId[]>, names, () => []).map((m) => (Array.isArray(m) ? m : [m]));
  } else metricIds = names.map(() => [metrics as MetricId]);

  // a Metric object keeps state: each output after the first that lists it gets a fresh copy
  const used = new Set<Metric>();
  const own = (m: MetricId): MetricId => {
    if (!(m instanceof Metric)) return m;
    if (used.has(m)) return m.clone();
    used.add(m);
    return m;
  };
  const named = <T>(name: string, f: () => T): T => {
    if (!multi) return f();
    try { return f(); } catch (e) { throw new Error(`compile: output '${name}': ${(e as Error).message}`); }
  };
  return names.map((name, i) => {
    const lossFn = named(name, () => getLossFn(lossIds[i]));
    const ids = metricIds[i].map(own);
    const ms = ids.map((m) => named(name, () => getMetricFn(m, lossFn.name)));
    const prefix = (s: string) => (multi ? `${name}_${s}` : s);
    return {
      name, loss: lossFn, weight: weights[i], metrics: ms,
      states: ms.map((m) => (m.stateful ? m.make() : null)),
      metricNames: ms.map((m) => prefix(m.name)),
      tfjsMetricNames: ms.map((m, k) => prefix(tfjsMetricName(ids[k], m.name))),
      ownsState: ids.map((m, j) => !(m instanceof Metric) || m !== metricIds[i][j]),
    };
  });
}

/** tfjs-layers' name of a metric: 'acc' for 'accuracy'/'acc', 'ce' for 'crossentropy'/'ce', else as ascent names it. */
function tfjsMetricName(id: MetricId, name: string): string {
  if (typeof id !== 'string') return name;
  const k = lossKey(id);
  return k === 'accuracy' || k === 'acc' ? 'acc' : k === 'crossentropy' || k === 'ce' ? 'ce' : name;
}

/** What fit/evaluate report, in tfjs-layers' order: 'loss', each output's loss (several outputs), the metrics. */
export function valueNames(heads: Head[], tfjs = false): string[] {
  return ['loss', ...(heads.length > 1 ? heads.map((h) => `${h.name}_loss`) : []),
    ...heads.flatMap((h) => (tfjs ? h.tfjsMetricNames : h.metricNames))];
}

/** tfjs' getDedupedMetricsNames: a name that occurs more than once gets _0, _1 … (the keys of the logs). */
export function dedupe(names: string[]): string[] {
  return names.map((nm, i) => (names.filter((x) => x === nm).length > 1 ? `${nm}_${names.slice(0, i).filter((x) => x === nm).length}` : nm));
}

/**
 * Targets in outputs order from y given as one tensor (one output), a list (one per output) or an object
 * keyed by output name; `arg` names y in errors ('y', 'validationData[1]', 'ys').
 */
export function standardizeTargets(op: string, arg: string, y: unknown, names: string[]): Tensor[] {
  const n = names.length;
  let ys: unknown[];
  if (Array.isArray(y)) {
    if (y.length !== n) {
      throw new Error(`${op}: ${arg} has ${y.length} tensor${y.length === 1 ? '' : 's'} but the model has ${outputs(names)}; ` +
        'give one per output, in model.outputs order, or an object keyed by output name');
    }
    ys = y;
  } else if (isPlainObject(y)) {
    for (const k of Object.keys(y)) {
      if (!names.includes(k)) throw new Error(`${op}: ${arg} has a key '${k}' that is not an output of the model; its outputs are ${quoted(names)}`);
    }
    const missing = names.filter((nm) => !(nm in y));
    if (missing.length > 0) throw new Error(`${op}: ${arg} has no targets for output${missing.length === 1 ? '' : 's'} ${quoted(missing)}`);
    ys = names.map((nm) => y[nm]);
  } else if (n !== 1 && y instanceof Tensor) {
    throw new Error(`${op}: ${arg} is one tensor but the model has ${outputs(names)}; ` +
      'give a list of tensors (one per output, in model.outputs order) or an object keyed by output name');
  } else ys = [y];
  ys.forEach((t, i) => {
    if (!(t instanceof Tensor)) {
      throw new Error(n === 1 ? `${op}: x and y must be Tensors (or arrays of Tensors)`
        : `${op}: the targets of output '${names[i]}' in ${arg} must be a Tensor, got ${describe(t)}`);
    }
  });
  return ys as Tensor[];
}
