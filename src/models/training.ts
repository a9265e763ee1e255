// compile / fit / evaluate / predict / trainOnBatch / fitDataset. The training step is the TF2 one:
// tape → loss (+ regularization) → gradient → optimizer.applyGradients, all inside one tidy, so memory
// is exactly flat across steps. fit() yields to the event loop every ~50 ms (UI, other tasks).
// A model with several outputs trains all of them: the loss is Σ weight · loss of each output (heads.ts
// resolves compile's per-output losses, weights and metrics and names what is logged).
import { dispose, tidy, untaped, yieldToEventLoop } from '../core/engine.js';
import { Dataset } from '../data/dataset.js';
import { describe, isPlainObject } from '../data/structure.js';
import { getOptimizer, type Optimizer } from '../optimizers/index.js';
import { concat } from '../ops/join.js';
import { clone } from '../ops/shape.js';
import { gather } from '../ops/gather.js';
import { slice } from '../ops/slice.js';
import { keepingLogits } from '../ops/softmax.js';
import { scalar, tensor } from '../ops/create.js';
import { add, mul } from '../ops/binary.js';
import { GradientTape } from '../core/tape.js';
import { watched } from '../core/op.js';
import { nextSeed } from '../ops/random.js';
import { isNode } from '../backend/node.js';
import { Tensor, type Variable } from '../core/tensor.js';
import { CallbackList, type CallbackLike, type Logs } from './callback_list.js';
import { ProgressBar } from './progress.js';
import { dedupe, disposeHeads, resolveHeads, standardizeTargets, valueNames, type Head } from './heads.js';
import type { CallbacksArg, CompileArgs, FitArgs, ModelFitDatasetArgs, TrainableModel } from './types.js';
import { addAliases, History, recordEpoch, type LogAliases } from './history.js';
import { leanInference } from './infer.js';

export type { CompileArgs, FitArgs } from './types.js';

const asList = (x: Tensor | Tensor[]) => (Array.isArray(x) ? x : [x]);
const single = (x: Tensor[]) => (x.length === 1 ? x[0] : x);

/**
 * Rows [start, start+n) of every tensor in xs: views on their memory (no copy, as a reshape; the same values),
 * or a slice where a tape watches the tensor (a view is not connected to it) or it holds strings.
 */
function rows(xs: Tensor[], start: number, n: number): Tensor[] {
  return xs.map((t) => (t.dtype !== 'string' && t.rank > 0 && !watched([t]) ? t.rowsView(start, n)
    : slice(t, [start, ...t.shape.slice(1).map(() => 0)], [n, ...t.shape.slice(1)])));
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

/** A batch {xs, ys} (tfjs) or [x, y] (TF2): the inputs as a list, the targets as given (see targets()). */
function unpackBatch(op: string, e: unknown): [Tensor[], unknown] {
  if (Array.isArray(e) && e.length === 2) return [asList(e[0] as Tensor), e[1]];
  const o = e as { xs?: Tensor | Tensor[]; ys?: unknown };
  if (o && o.xs !== undefined && o.ys !== undefined) return [asList(o.xs), o.ys];
  throw new Error(`${op}: each element must be {xs, ys} or [x, y]`);
}

/** Whether compile's arguments are per output (a list or an object of losses, loss weights, per-output metrics). */
function perOutputArgs(a: CompileArgs): boolean {
  const perOutput = (v: unknown) => Array.isArray(v) || isPlainObject(v);
  const m = a.metrics;
  return perOutput(a.loss) || a.lossWeights != null || isPlainObject(m) || (Array.isArray(m) && m.some((e) => Array.isArray(e)));
}

/** tfjs: a batch count, when given, is a positive integer. */
function checkBatches(op: string, arg: string, n: unknown): void {
  if (n !== undefined && !(Number.isInteger(n) && (n as number) > 0)) throw new Error(`${op}: ${arg} must be a positive integer, got ${String(n)}`);
}

export class Trainer {
  readonly optimizer: Optimizer;
  /** The outputs trained: each one's loss, weight and metrics (heads.ts). */
  private heads: Head[];
  /**
   * A subclassed model's outputs are known only once it runs: until then the heads assume one output
   * (compiled with one loss) or none, and the first batch decides (probeHeads).
   */
  private probed: boolean;

  /** @param args kept as given: model.save({includeOptimizer}) writes them as trainingConfig */
  constructor(private readonly model: TrainableModel, readonly args: CompileArgs) {
    if (!args || args.optimizer === undefined || args.loss === undefined) {
      throw new Error('compile: give {optimizer, loss} (strings such as \'adam\' and \'sparseCategoricalCrossentropy\', or objects)');
    }
    const names = model.knownOutputNames();
    this.probed = names !== null;
    this.heads = names !== null ? resolveHeads(args, names) : perOutputArgs(args) ? [] : resolveHeads(args, ['output_1']);
    this.optimizer = getOptimizer(args.optimizer);
  }

  /** Frees the optimizer's state and the state of the metrics compile made (not Metric objects passed to it). */
  dispose(): void {
    this.optimizer.dispose();
    disposeHeads(this.heads);
  }

  /** The outputs' names (a subclassed model's: output_1, output_2 … once known). */
  get outputNames(): string[] { return this.heads.map((h) => h.name); }
  /** Each output's loss name (Keras' snake_case for the built-in ones). */
  get lossNames(): string[] { return this.heads.map((h) => h.loss.name); }

  /** A subclassed model: its outputs counted on one sample of x (inference mode), the heads resolved for them. */
  private probeHeads(x: Tensor[]): void {
    if (this.probed || !(x[0] instanceof Tensor) || x[0].rank === 0 || x[0].shape[0] === 0) return;
    const n = untaped(() => tidy(() => {
      const out = this.model.apply(single(rows(x, 0, 1)), { training: false }) as Tensor | Tensor[];
      return Array.isArray(out) ? out.length : 1;
    }));
    if (n !== this.heads.length) {
      const heads = resolveHeads(this.args, Array.from({ length: n }, (_, i) => `output_${i + 1}`));
      disposeHeads(this.heads);
      this.heads = heads;
    }
    this.probed = true;
  }

  /** The targets in outputs order, from y as fit takes it (one tensor, a list, an object keyed by output name). */
  private targets(op: string, arg: string, y: unknown, x: Tensor[]): Tensor[] {
    this.probeHeads(x);
    return standardizeTargets(op, arg, y, this.outputNames);
  }

  /** A fresh aggregate of the logged values (an epoch, an evaluation); resets the stateful metrics. */
  private aggregate(): Aggregate {
    const stateful: boolean[] = [false, ...(this.heads.length > 1 ? this.heads.map(() => false) : [])];
    for (const h of this.heads) {
      for (const s of h.states) s?.resetState();
      stateful.push(...h.states.map((s) => s !== null));
    }
    return new Aggregate(stateful);
  }

  /** The metrics of one batch, outputs in order: values, or for stateful metrics the running result after updating. */
  private metricValues(y: Tensor[], pred: Tensor[]): Tensor[] {
    return this.heads.flatMap((h, k) => h.metrics.map((m, i) => {
      const s = h.states[i];
      if (s === null) return m.fn(y[k], pred[k]);
      s.updateState(y[k], pred[k]);
      return s.result();
    }));
  }

  /** The names of the values reported, tfjs' metricsNames: 'loss', each output's loss (several outputs), the metrics. */
  get metricsNames(): string[] { return valueNames(this.heads); }

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

  /**
   * The model's outputs on x, the total loss (Σ weight · loss of each output, plus regularization) and,
   * with several outputs, each output's loss.
   */
  private losses(op: string, x: Tensor[], y: Tensor[], training: boolean): { pred: Tensor[]; total: Tensor; each: Tensor[] } {
    const pred = asList(this.model.apply(single(x), { training }) as Tensor | Tensor[]);
    const heads = this.heads;
    if (pred.length !== heads.length) {
      throw new Error(`${op}: ${this.model.name} gave ${pred.length} outputs but was compiled for ${heads.length} (${this.outputNames.join(', ')})`);
    }
    let total: Tensor | null = null;
    const each = heads.map((h, k) => {
      let l: Tensor;
      if (heads.length === 1) l = h.loss.fn(y[k], pred[k]);
      else {
        try { l = h.loss.fn(y[k], pred[k]); } catch (e) {
          throw new Error(`${op}: the targets of output '${h.name}' [${y[k].shape}] do not fit its predictions [${pred[k].shape}]: ${(e as Error).message}`);
        }
      }
      const w = h.weight === 1 ? l : mul(l, h.weight);
      total = total === null ? w : add(total, w);
      return l;
    });
    const reg = this.model.regularizationLoss();
    if (reg) total = add(total!, reg);
    return { pred, total: total!, each: heads.length > 1 ? each : [] };
  }

  /** One optimisation step; returns the batch's values (metricsNames). */
  step(x: Tensor[], y: Tensor[], op = 'fit'): number[] {
    return tidy(() => {
      const tape = new GradientTape();
      let r: ReturnType<Trainer['losses']>;
      try { r = this.losses(op, x, y, true); } catch (e) { tape.dispose(); throw e; }
      const vars: Variable[] = this.model.trainableWeights;
      const grads = tape.gradient(r.total, vars);
      // metrics after the tape stopped: nothing of theirs is recorded
      const values = [r.total, ...r.each, ...this.metricValues(y, r.pred)];
      this.optimizer.applyGradients(vars.map((v, i) => [grads[i], v] as [Tensor | null, Variable]));
      return values.map((v) => v.dataSync()[0]);
    });
  }

  /** The values of one batch in inference mode (the losses of a softmax output from its logits, as in fit). */
  private batchNumbers(op: string, x: Tensor[], y: Tensor[]): number[] {
    return keepingLogits(() => tidy(() => {
      const r = this.losses(op, x, y, false);
      return [r.total, ...r.each, ...this.metricValues(y, r.pred)].map((v) => v.dataSync()[0]);
    }));
  }

  /** The values over x, y in batches (inference mode), sample-weighted means. */
  private evaluateNumbers(xs: Tensor[], ys: Tensor[], batchSize: number): number[] {
    const n = this.checkData('evaluate', xs, ys);
    const agg = this.aggregate();
    for (let start = 0; start < n; start += batchSize) {
      const b = Math.min(batchSize, n - start);
      agg.add(tidy(() => this.batchNumbers('evaluate', rows(xs, start, b), rows(ys, start, b))), b);
    }
    return agg.values();
  }

  /** evaluateNumbers over the batches of a dataset (all of them, or the first `batches`). */
  private async evaluateDatasetNumbers(dataset: unknown, batches?: number): Promise<number[]> {
    const op = 'evaluateDataset';
    const it = await openDataset(op, dataset);
    let agg: Aggregate | null = null;
    try {
      for (let k = 0; batches === undefined || k < batches; k++) {
        const r = await it.next();
        if (r.done) break;
        const [x, yRaw] = unpackBatch(op, r.value);
        const b = x[0].shape[0];
        try {
          const y = this.targets(op, 'ys', yRaw, x);
          agg ??= this.aggregate();
          agg.add(this.batchNumbers(op, x, y), b);
        } finally { if (dataset instanceof Dataset) dispose([x, yRaw]); }
      }
    } finally { await it.return?.(); }
    return (agg ?? this.aggregate()).values();
  }

  async evaluateDataset(dataset: unknown, args: { batches?: number; verbose?: number }): Promise<Tensor | Tensor[]> {
    checkBatches('evaluateDataset', 'batches', args.batches);
    const out = (await this.evaluateDatasetNumbers(dataset, args.batches)).map((v) => scalar(v));
    return out.length === 1 ? out[0] : out;
  }

  evaluate(x: Tensor | Tensor[], y: unknown, args: { batchSize?: number; verbose?: number }): Tensor | Tensor[] {
    const xs = asList(x);
    const vals = this.evaluateNumbers(xs, this.targets('evaluate', 'y', y, xs), args.batchSize ?? 32);
    const out = vals.map((v) => scalar(v));
    return out.length === 1 ? out[0] : out;
  }

  async trainOnBatch(x: Tensor | Tensor[], y: unknown): Promise<number | number[]> {
    const xs = asList(x), ys = this.targets('trainOnBatch', 'y', y, xs);
    this.checkData('trainOnBatch', xs, ys);
    const v = this.step(xs, ys, 'trainOnBatch');
    return v.length === 1 ? v[0] : v;
  }

  static predict(model: TrainableModel, x: Tensor | Tensor[], batchSize: number): Tensor | Tensor[] {
    const xs = asList(x);
    const n = xs[0].rank === 0 ? 0 : xs[0].shape[0];
    if (xs[0].rank === 0) throw new Error(`predict: x must have a batch axis, got a scalar`);
    return leanInference(() => tidy(() => {
      const parts: Tensor[][] = [];
      if (n <= batchSize) {
        // one batch (0 rows in: 0 rows out): the inputs as they are; an output that is an input is returned as a clone
        parts.push(asList(model.apply(single(xs), { training: false }) as Tensor | Tensor[]).map((o) => (xs.includes(o) ? clone(o) : o)));
      } else for (let start = 0; start < n; start += batchSize) {
        const b = Math.min(batchSize, n - start);
        parts.push(asList(model.apply(single(rows(xs, start, b)), { training: false }) as Tensor | Tensor[]));
      }
      const outs = parts[0].map((_, k) => (parts.length === 1 ? parts[0][k] : concat(parts.map((p) => p[k]), 0)));
      return single(outs);
    }));
  }

  async fit(x: Tensor | Tensor[], y: unknown, args: FitArgs): Promise<History> {
    let xs = asList(x), ys = this.targets('fit', 'y', y, xs);
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
      const [vx, vy] = args.validationData as [Tensor | Tensor[], unknown];
      val = [asList(vx), this.targets('fit', 'validationData[1]', vy, asList(vx))];
    }
    const n = xs[0].shape[0];
    const steps = Math.ceil(n / batchSize);
    const state = { s: ((args.seed ?? nextSeed()) >>> 0) || 1 };
    const epochs = args.epochs ?? 1;
    try {
      return await this.loop({
        op: 'fit', epochs, initialEpoch: args.initialEpoch ?? 0, steps, verbose: args.verbose ?? defaultVerbose(), callbacks: args.callbacks,
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
  async fitDataset(dataset: unknown, args: ModelFitDatasetArgs): Promise<History> {
    const epochs = args.epochs ?? 1;
    const per = args.batchesPerEpoch;
    if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`fitDataset: epochs must be a positive integer, got ${epochs}`);
    if (per !== undefined && !(Number.isInteger(per) && per > 0)) throw new Error(`fitDataset: batchesPerEpoch must be a positive integer, got ${per}`);
    if ((args as { validationSplit?: number }).validationSplit) {
      throw new Error('fitDataset: validationSplit is not supported; pass validationData (tensors or a dataset)');
    }
    let valFn: (() => number[] | Promise<number[]>) | null = null;
    checkBatches('fitDataset', 'validationBatches', args.validationBatches);
    const vd = args.validationData as { iterator?: unknown } | undefined;
    if (vd != null && !Array.isArray(vd) && typeof vd.iterator !== 'function') {
      throw new Error(`fitDataset: validationData must be [x, y] tensors or a tf.data Dataset, got ${describe(vd)}`);
    }
    if (vd && typeof vd.iterator === 'function') {
      valFn = () => this.evaluateDatasetNumbers(vd, args.validationBatches);
    } else if (Array.isArray(vd)) {
      const [vx, vy] = vd as [Tensor | Tensor[], unknown];
      const vb = args.validationBatchSize ?? (args as { batchSize?: number }).batchSize ?? 32;
      valFn = () => this.evaluateNumbers(asList(vx), this.targets('fitDataset', 'validationData[1]', vy, asList(vx)), vb);
    }
    const size = (dataset as { size?: unknown } | null)?.size;
    const steps = per ?? (typeof size === 'number' && Number.isFinite(size) ? size : null);
    const model = this.model;
    const owns = dataset instanceof Dataset;
    const batch = (e: unknown): [Tensor[], Tensor[]] => {
      const [x, y] = unpackBatch('fitDataset', e);
      try { return [x, this.targets('fitDataset', 'ys', y, x)]; } catch (err) { if (owns) dispose([x, y]); throw err; }
    };
    let it: DataIterator | null = null;
    try {
      return await this.loop({
        op: 'fitDataset', epochs, initialEpoch: args.initialEpoch ?? 0, steps, verbose: args.verbose ?? defaultVerbose(),
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
            yield batch(r.value);
          }
        },
        validate: valFn,
        ownsBatches: owns,
      });
    } finally { await (it as DataIterator | null)?.return?.(); }
  }

  private async loop(o: {
    op: 'fit' | 'fitDataset';
    epochs: number; initialEpoch: number; steps: number | null; verbose: number; callbacks?: CallbacksArg;
    validationFreq: number | number[]; params: Record<string, unknown>;
    batches: (epoch: number) => Iterable<[Tensor[], Tensor[]]> | AsyncIterable<[Tensor[], Tensor[]]>;
    validate: (() => number[] | Promise<number[]>) | null;
    /** Whether the loop frees each batch after its step (fit's own slices, tf.data batches). */
    ownsBatches: boolean;
  }): Promise<History> {
    const model = this.model;
    const history = new History(o.params);
    const cbs = new CallbackList(o.callbacks as CallbackLike | CallbackLike[] | undefined, model, o.params);
    model.stopTraining = false;
    await cbs.call('onTrainBegin', {});
    let lastYield = performance.now();
    for (let epoch = o.initialEpoch; epoch < o.epochs && !model.stopTraining; epoch++) {
      await cbs.call('onEpochBegin', epoch, {});
      const bar = o.verbose > 0 ? new ProgressBar(epoch, o.epochs, o.steps, o.verbose) : null;
      // made at the first batch: a subclassed model's outputs (so the values logged) are known by then.
      // The log keys are tfjs' deduplicated metricsNames.
      // Keys tfjs names differently ('acc' for 'accuracy') are added as non-enumerable aliases (history.ts).
      let agg: Aggregate | null = null, names: string[] = [], aliases: LogAliases = [];
      const start = () => {
        agg = this.aggregate();
        names = dedupe(this.metricsNames);
        const tfjs = dedupe(valueNames(this.heads, true));
        aliases = names.flatMap((nm, i): LogAliases => (tfjs[i] === nm ? [] : [[nm, tfjs[i]], [`val_${nm}`, `val_${tfjs[i]}`]]));
        return agg;
      };
      let batch = 0;
      for await (const [x, y] of o.batches(epoch) as AsyncIterable<[Tensor[], Tensor[]]>) {
        agg ??= start();
        await cbs.call('onBatchBegin', batch, { batch, size: x[0].shape[0] });
        const b = x[0].shape[0];
        let vals: number[];
        try { vals = this.step(x, y, o.op); } finally { if (o.ownsBatches) for (const t of [...x, ...y]) t.dispose(); }
        agg.add(vals, b);
        const logs: Logs = {};
        names.forEach((nm, i) => { logs[nm] = vals[i]; });
        addAliases(logs, aliases);
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
      const epochValues = (agg ?? start()).values(), logs: Logs = {};
      names.forEach((nm, i) => { logs[nm] = epochValues[i]; });
      const freq = o.validationFreq;
      const doVal = o.validate && (Array.isArray(freq) ? freq.includes(epoch + 1) : (epoch + 1) % freq === 0);
      if (doVal) {
        const v = await o.validate!();
        names.forEach((nm, i) => { logs[`val_${nm}`] = v[i]; });
      }
      bar?.finish(logs);
      addAliases(logs, aliases);
      recordEpoch(history, epoch, logs, aliases);
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

/**
 * fit's default verbosity: Keras' progress bar in Node (a terminal), nothing in browsers and workers,
 * whose console is not a place for a progress bar (tfjs prints only from tfjs-node, too). verbose: 1
 * asks for it anywhere.
 */
function defaultVerbose(): 0 | 1 { return isNode() ? 1 : 0; }
