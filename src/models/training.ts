// compile / fit / evaluate / predict / trainOnBatch / fitDataset. The training step is the TF2 one:
// tape → loss (+ regularization) → gradient → optimizer.applyGradients, all inside one tidy, so memory
// is exactly flat across steps. fit() yields to the event loop every ~50 ms (UI, other tasks).
import { dispose, tidy, yieldToEventLoop } from '../core/engine.js';
import { Dataset } from '../data/dataset.js';
import { describe } from '../data/structure.js';
import { getLossFn } from '../losses.js';
import { getMetricFn, Metric, type MetricFnResult } from '../metrics.js';
import { getOptimizer, type Optimizer } from '../optimizers/index.js';
import { concat } from '../ops/join.js';
import { gather } from '../ops/gather.js';
import { slice } from '../ops/slice.js';
import { scalar, tensor } from '../ops/create.js';
import { add } from '../ops/binary.js';
import { GradientTape } from '../core/tape.js';
import { Tensor, type Variable } from '../core/tensor.js';
import type { Model } from './model.js';
import { CallbackList, type CallbackLike, type Logs, ProgressBar } from './callbacks.js';

type LossId = Parameters<typeof getLossFn>[0];
type MetricId = Parameters<typeof getMetricFn>[0];

export interface CompileArgs {
  optimizer: string | Optimizer;
  loss: LossId;
  metrics?: MetricId[] | MetricId;
}

export interface FitArgs {
  epochs?: number;
  batchSize?: number;
  shuffle?: boolean;
  validationData?: [Tensor | Tensor[], Tensor | Tensor[]] | unknown;
  validationSplit?: number;
  /** Validate every n epochs (or on the listed epochs, 1-based). */
  validationFreq?: number | number[];
  callbacks?: CallbackLike | CallbackLike[];
  verbose?: 0 | 1 | 2;
  initialEpoch?: number;
  /** Seed for the per-epoch shuffle (default: from tf.setSeed's sequence). */
  seed?: number;
}

/** What fit() returns (Keras History). */
export interface History {
  epoch: number[];
  history: Record<string, number[]>;
  params: Record<string, unknown>;
}

const asList = (x: Tensor | Tensor[]) => (Array.isArray(x) ? x : [x]);
const single = (x: Tensor[]) => (x.length === 1 ? x[0] : x);

/** Rows [start, start+n) of every tensor in xs. */
function rows(xs: Tensor[], start: number, n: number): Tensor[] {
  return xs.map((t) => slice(t, [start, ...t.shape.slice(1).map(() => 0)], [n, ...t.shape.slice(1)]));
}

// Deterministic shuffles: a 32-bit xorshift stream per fit() call, Fisher–Yates per epoch.
function permutation(n: number, state: { s: number }): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    let s = state.s;
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
    state.s = s >>> 0;
    const j = state.s % (i + 1);
    const t = p[i]; p[i] = p[j]; p[j] = t;
  }
  return p;
}

let fitCount = 0;

type DataIterator = { next(): Promise<IteratorResult<unknown>>; return?(): unknown };

/** An iterator over a tf.data Dataset (tfjs: `iterator()`) or any (async) iterable. */
async function openDataset(op: string, ds: unknown): Promise<DataIterator> {
  const d = (ds ?? {}) as { iterator?: () => Promise<unknown>; [Symbol.asyncIterator]?: () => unknown; [Symbol.iterator]?: () => unknown };
  if (typeof d.iterator === 'function') return (await d.iterator()) as DataIterator;
  if (typeof d[Symbol.asyncIterator] === 'function') return d[Symbol.asyncIterator]!() as DataIterator;
  if (typeof d[Symbol.iterator] === 'function') {
    const it = d[Symbol.iterator]!() as Iterator<unknown>;
    return { next: async () => it.next(), return: () => it.return?.() };
  }
  throw new Error(`${op}: the dataset must be a tf.data Dataset or an (async) iterable of {xs, ys} / [x, y]`);
}

/** A batch {xs, ys} (tfjs) or [x, y] (TF2) as lists of tensors. */
function unpackBatch(op: string, e: unknown): [Tensor[], Tensor[]] {
  if (Array.isArray(e) && e.length === 2) return [asList(e[0] as Tensor), asList(e[1] as Tensor)];
  const o = e as { xs?: Tensor | Tensor[]; ys?: Tensor | Tensor[] };
  if (o && o.xs !== undefined && o.ys !== undefined) return [asList(o.xs), asList(o.ys)];
  throw new Error(`${op}: each element must be {xs, ys} or [x, y]`);
}

/** tfjs: a batch count, when given, is a positive integer. */
function checkBatches(op: string, arg: string, n: unknown): void {
  if (n !== undefined && !(Number.isInteger(n) && (n as number) > 0)) throw new Error(`${op}: ${arg} must be a positive integer, got ${String(n)}`);
}

export class Trainer {
  readonly optimizer: Optimizer;
  private readonly loss: { name: string; fn: (yTrue: Tensor, yPred: Tensor) => Tensor };
  private readonly metrics: MetricFnResult[];
  /** Per metric, the Metric that keeps its state over an epoch (or an evaluation), or null for means. */
  private readonly states: (Metric | null)[];

  /** @param args kept as given: model.save({includeOptimizer}) writes them as trainingConfig */
  constructor(private readonly model: Model, readonly args: CompileArgs) {
    if (!args || args.optimizer === undefined || args.loss === undefined) {
      throw new Error('compile: give {optimizer, loss} (strings such as \'adam\' and \'sparseCategoricalCrossentropy\', or objects)');
    }
    this.optimizer = getOptimizer(args.optimizer);
    this.loss = getLossFn(args.loss);
    const ms = args.metrics === undefined ? [] : Array.isArray(args.metrics) ? args.metrics : [args.metrics];
    this.metrics = ms.map((m) => getMetricFn(m, this.loss.name));
    this.states = this.metrics.map((m) => (m.stateful ? m.make() : null));
  }

  /** A fresh aggregate of [loss, ...metrics] (an epoch, an evaluation); resets the stateful metrics. */
  private aggregate(): Aggregate {
    for (const s of this.states) s?.resetState();
    return new Aggregate([false, ...this.states.map((s) => s !== null)]);
  }

  /** The metrics of one batch: its value, or for stateful metrics the running result after updating. */
  private metricValues(y: Tensor, pred: Tensor): Tensor[] {
    return this.metrics.map((m, i) => {
      const s = this.states[i];
      if (s === null) return m.fn(y, pred);
      s.updateState(y, pred);
      return s.result();
    });
  }

  get metricsNames(): string[] { return ['loss', ...this.metrics.map((m) => m.name)]; }

  private checkData(op: string, xs: Tensor[], ys: Tensor[]): number {
    const n = xs[0].shape[0];
    for (const [i, t] of [...xs, ...ys].entries()) {
      if (!(t instanceof Tensor)) throw new Error(`${op}: x and y must be Tensors (or arrays of Tensors)`);
      if (t.rank === 0 || t.shape[0] !== n) {
        throw new Error(`${op}: all inputs and targets need the same number of samples: ${i < xs.length ? 'x' : 'y'}` +
          ` [${t.shape}] vs x [${xs[0].shape}]`);
      }
    }
    return n;
  }

  /** One optimisation step; returns [loss, ...metrics] for the batch. */
  step(x: Tensor[], y: Tensor[]): number[] {
    return tidy(() => {
      const tape = new GradientTape();
      let loss: Tensor, pred: Tensor[];
      try {
        pred = asList(this.model.apply(single(x), { training: true }) as Tensor | Tensor[]);
        loss = this.loss.fn(y[0], pred[0]);
        const reg = this.model.regularizationLoss();
        if (reg) loss = add(loss, reg);
      } catch (e) { tape.dispose(); throw e; }
      const vars: Variable[] = this.model.trainableWeights;
      const grads = tape.gradient(loss, vars);
      // metrics after the tape stopped: nothing of theirs is recorded
      const values = [loss, ...this.metricValues(y[0], pred[0])];
      this.optimizer.applyGradients(vars.map((v, i) => [grads[i], v] as [Tensor | null, Variable]));
      return values.map((v) => v.dataSync()[0]);
    });
  }

  /** [loss, ...metrics] of one batch in inference mode. */
  private batchNumbers(x: Tensor[], y: Tensor[]): number[] {
    return tidy(() => {
      const pred = asList(this.model.apply(single(x), { training: false }) as Tensor | Tensor[]);
      let loss = this.loss.fn(y[0], pred[0]);
      const reg = this.model.regularizationLoss();
      if (reg) loss = add(loss, reg);
      return [loss, ...this.metricValues(y[0], pred[0])].map((v) => v.dataSync()[0]);
    });
  }

  /** [loss, ...metrics] over x, y in batches (inference mode), sample-weighted means. */
  private evaluateNumbers(xs: Tensor[], ys: Tensor[], batchSize: number): number[] {
    const n = this.checkData('evaluate', xs, ys);
    const agg = this.aggregate();
    for (let start = 0; start < n; start += batchSize) {
      const b = Math.min(batchSize, n - start);
      agg.add(tidy(() => this.batchNumbers(rows(xs, start, b), rows(ys, start, b))), b);
    }
    return agg.values();
  }

  /** evaluateNumbers over the batches of a dataset (all of them, or the first `batches`). */
  private async evaluateDatasetNumbers(dataset: unknown, batches?: number): Promise<number[]> {
    const it = await openDataset('evaluateDataset', dataset);
    const agg = this.aggregate();
    try {
      for (let k = 0; batches === undefined || k < batches; k++) {
        const r = await it.next();
        if (r.done) break;
        const [x, y] = unpackBatch('evaluateDataset', r.value);
        const b = x[0].shape[0];
        try { agg.add(this.batchNumbers(x, y), b); } finally { if (dataset instanceof Dataset) dispose([x, y]); }
      }
    } finally { await it.return?.(); }
    return agg.values();
  }

  async evaluateDataset(dataset: unknown, args: { batches?: number; verbose?: number }): Promise<Tensor | Tensor[]> {
    checkBatches('evaluateDataset', 'batches', args.batches);
    const out = (await this.evaluateDatasetNumbers(dataset, args.batches)).map((v) => scalar(v));
    return out.length === 1 ? out[0] : out;
  }

  evaluate(x: Tensor | Tensor[], y: Tensor | Tensor[], args: { batchSize?: number; verbose?: number }): Tensor | Tensor[] {
    const vals = this.evaluateNumbers(asList(x), asList(y), args.batchSize ?? 32);
    const out = vals.map((v) => scalar(v));
    return out.length === 1 ? out[0] : out;
  }

  async trainOnBatch(x: Tensor | Tensor[], y: Tensor | Tensor[]): Promise<number | number[]> {
    this.checkData('trainOnBatch', asList(x), asList(y));
    const v = this.step(asList(x), asList(y));
    return v.length === 1 ? v[0] : v;
  }

  static predict(model: Model, x: Tensor | Tensor[], batchSize: number): Tensor | Tensor[] {
    const xs = asList(x);
    const n = xs[0].shape[0];
    if (!(batchSize > 0)) throw new Error(`predict: batchSize must be positive, got ${batchSize}`);
    return tidy(() => {
      const parts: Tensor[][] = [];
      for (let start = 0; start < n; start += batchSize) {
        const b = Math.min(batchSize, n - start);
        parts.push(asList(model.apply(single(rows(xs, start, b)), { training: false }) as Tensor | Tensor[]));
      }
      const outs = parts[0].map((_, k) => (parts.length === 1 ? parts[0][k] : concat(parts.map((p) => p[k]), 0)));
      return single(outs);
    });
  }

  async fit(x: Tensor | Tensor[], y: Tensor | Tensor[], args: FitArgs): Promise<History> {
    let xs = asList(x), ys = asList(y);
    const n0 = this.checkData('fit', xs, ys);
    const batchSize = args.batchSize ?? 32;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`fit: batchSize must be a positive integer, got ${batchSize}`);
    let val: [Tensor[], Tensor[]] | null = null;
    const split = args.validationSplit ?? 0;
    if (split > 0) {
      if (!(split < 1)) throw new Error(`fit: validationSplit must be in [0, 1), got ${split}`);
      // Keras takes the last fraction of the samples, before shuffling.
      const nTrain = Math.floor(n0 * (1 - split));
      val = [rows(xs, nTrain, n0 - nTrain), rows(ys, nTrain, n0 - nTrain)];
      xs = rows(xs, 0, nTrain); ys = rows(ys, 0, nTrain);
    } else if (args.validationData) {
      const [vx, vy] = args.validationData as [Tensor | Tensor[], Tensor | Tensor[]];
      val = [asList(vx), asList(vy)];
    }
    const n = xs[0].shape[0];
    const steps = Math.ceil(n / batchSize);
    const state = { s: ((args.seed ?? 0x9e3779b9 + fitCount++ * 7919) >>> 0) || 1 };
    const epochs = args.epochs ?? 1;
    try {
      return await this.loop({
        epochs, initialEpoch: args.initialEpoch ?? 0, steps, verbose: args.verbose ?? 1, callbacks: args.callbacks,
        validationFreq: args.validationFreq ?? 1,
        params: { epochs, steps, samples: n, batchSize, metrics: this.metricsNames },
        batches: (epoch) => {
          const perm = args.shuffle === false ? null : permutation(n, state);
          void epoch;
          return (function* () {
            for (let start = 0; start < n; start += batchSize) {
              const b = Math.min(batchSize, n - start);
              if (perm === null) yield [rows(xs, start, b), rows(ys, start, b)] as [Tensor[], Tensor[]];
              else {
                const idx = tensor(perm.subarray(start, start + b), [b], 'int32');
                const batch = [xs.map((t) => gather(t, idx)), ys.map((t) => gather(t, idx))] as [Tensor[], Tensor[]];
                idx.dispose();
                yield batch;
              }
            }
          })();
        },
        validate: val ? () => this.evaluateNumbers(val![0], val![1], batchSize) : null,
        ownsBatches: true,
      });
    } finally {
      if (split > 0) { for (const t of [...xs, ...ys, ...(val ? [...val[0], ...val[1]] : [])]) t.dispose(); }
    }
  }

  /**
   * Trains on the batches of a dataset (tfjs fitDataset): elements {xs, ys} or [x, y]. Each epoch is
   * a fresh pass, or with `batchesPerEpoch` the next that many batches of one running iterator
   * (tfjs; Keras' steps_per_epoch). Batches of a tf.data Dataset are freed after their step (tfjs);
   * other iterables may reuse their tensors, so theirs are left alone. `validationData` is [x, y]
   * tensors or a dataset (its first `validationBatches` batches, or all).
   */
  async fitDataset(dataset: unknown, args: FitArgs & { batchesPerEpoch?: number; validationBatches?: number }): Promise<History> {
    const epochs = args.epochs ?? 1;
    const per = args.batchesPerEpoch;
    if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`fitDataset: epochs must be a positive integer, got ${epochs}`);
    if (per !== undefined && !(Number.isInteger(per) && per > 0)) throw new Error(`fitDataset: batchesPerEpoch must be a positive integer, got ${per}`);
    if (args.validationSplit) throw new Error('fitDataset: validationSplit is not supported; pass validationData (tensors or a dataset)');
    let valFn: (() => number[] | Promise<number[]>) | null = null;
    checkBatches('fitDataset', 'validationBatches', args.validationBatches);
    const vd = args.validationData as { iterator?: unknown } | undefined;
    if (vd != null && !Array.isArray(vd) && typeof vd.iterator !== 'function') {
      throw new Error(`fitDataset: validationData must be [x, y] tensors or a tf.data Dataset, got ${describe(vd)}`);
    }
    if (vd && typeof vd.iterator === 'function') {
      valFn = () => this.evaluateDatasetNumbers(vd, args.validationBatches);
    } else if (Array.isArray(vd)) {
      const [vx, vy] = vd as [Tensor | Tensor[], Tensor | Tensor[]];
      valFn = () => this.evaluateNumbers(asList(vx), asList(vy), args.batchSize ?? 32);
    }
    const size = (dataset as { size?: unknown } | null)?.size;
    const steps = per ?? (typeof size === 'number' && Number.isFinite(size) ? size : null);
    const model = this.model;
    let it: DataIterator | null = null;
    try {
      return await this.loop({
        epochs, initialEpoch: args.initialEpoch ?? 0, steps, verbose: args.verbose ?? 1,
        callbacks: args.callbacks, validationFreq: args.validationFreq ?? 1,
        params: { epochs, steps, metrics: this.metricsNames },
        batches: async function* (this: void, epoch: number) {
          if (it === null || per === undefined) { await it?.return?.(); it = await openDataset('fitDataset', dataset); }
          for (let b = 0; per === undefined || b < per; b++) {
            const r = await it.next();
            if (r.done) {
              if (per !== undefined) {
                console.warn(`fitDataset: the dataset ran out of data after ${b} batches of epoch ${epoch + 1} ` +
                  `(batchesPerEpoch ${per}); training stopped. Use repeat() so it yields batchesPerEpoch × epochs batches.`);
                model.stopTraining = true;
              }
              return;
            }
            yield unpackBatch('fitDataset', r.value);
          }
        },
        validate: valFn,
        ownsBatches: dataset instanceof Dataset,
      });
    } finally { await (it as DataIterator | null)?.return?.(); }
  }

  private async loop(o: {
    epochs: number; initialEpoch: number; steps: number | null; verbose: number; callbacks?: CallbackLike | CallbackLike[];
    validationFreq: number | number[]; params: Record<string, unknown>;
    batches: (epoch: number) => Iterable<[Tensor[], Tensor[]]> | AsyncIterable<[Tensor[], Tensor[]]>;
    validate: (() => number[] | Promise<number[]>) | null;
    /** Whether the loop frees each batch after its step (fit's own slices, tf.data batches). */
    ownsBatches: boolean;
  }): Promise<History> {
    const model = this.model;
    const names = this.metricsNames;
    const history: History = { epoch: [], history: {}, params: o.params };
    const cbs = new CallbackList(o.callbacks, model, o.params);
    model.stopTraining = false;
    await cbs.call('onTrainBegin', {});
    let lastYield = performance.now();
    for (let epoch = o.initialEpoch; epoch < o.epochs && !model.stopTraining; epoch++) {
      await cbs.call('onEpochBegin', epoch, {});
      const bar = o.verbose > 0 ? new ProgressBar(epoch, o.epochs, o.steps, o.verbose) : null;
      const agg = this.aggregate();
      let batch = 0;
      for await (const [x, y] of o.batches(epoch) as AsyncIterable<[Tensor[], Tensor[]]>) {
        await cbs.call('onBatchBegin', batch, { batch, size: x[0].shape[0] });
        const b = x[0].shape[0];
        let vals: number[];
        try { vals = this.step(x, y); } finally { if (o.ownsBatches) for (const t of [...x, ...y]) t.dispose(); }
        agg.add(vals, b);
        const logs: Logs = {};
        names.forEach((nm, i) => { logs[nm] = vals[i]; });
        await cbs.call('onBatchEnd', batch, logs);
        batch++;
        const running = agg.values(), avg: Logs = {};
        names.forEach((nm, i) => { avg[nm] = running[i]; });
        bar?.update(batch, avg);
        if (!Number.isFinite(vals[0])) {
          // Keras' TerminateOnNaN, always on: NaN weights would make every later step garbage.
          console.warn(`fit: batch ${batch} of epoch ${epoch + 1}: loss is ${vals[0]}; training stopped`);
          model.stopTraining = true;
        }
        if (model.stopTraining) break;
        if (performance.now() - lastYield > 50) { await yieldToEventLoop(); lastYield = performance.now(); }
      }
      const epochValues = agg.values(), logs: Logs = {};
      names.forEach((nm, i) => { logs[nm] = epochValues[i]; });
      const freq = o.validationFreq;
      const doVal = o.validate && (Array.isArray(freq) ? freq.includes(epoch + 1) : (epoch + 1) % freq === 0);
      if (doVal) {
        const v = await o.validate!();
        names.forEach((nm, i) => { logs[`val_${nm}`] = v[i]; });
      }
      bar?.finish(logs);
      history.epoch.push(epoch);
      for (const [k, v] of Object.entries(logs)) (history.history[k] ??= []).push(v);
      await cbs.call('onEpochEnd', epoch, logs);
      await yieldToEventLoop();
      lastYield = performance.now();
    }
    await cbs.call('onTrainEnd', {});
    return history;
  }
}


/**
 * [loss, ...metrics] over batches: sample-weighted means of the batch values, except for stateful
 * metrics, whose last running result is the value (Keras: Precision over an epoch is not a mean of
 * per-batch precisions).
 */
class Aggregate {
  private readonly sums: number[];
  private last: number[] = [];
  private seen = 0;
  constructor(private readonly stateful: boolean[]) { this.sums = new Array<number>(stateful.length).fill(0); }
  add(vals: number[], batchSize: number): void {
    vals.forEach((v, i) => { this.sums[i] += v * batchSize; });
    this.last = vals;
    this.seen += batchSize;
  }
  values(): number[] {
    return this.sums.map((s, i) => (this.stateful[i] ? this.last[i] ?? 0 : s / Math.max(this.seen, 1)));
  }
}
