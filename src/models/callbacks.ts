// fit() callbacks: the Callback base class (tfjs tf.Callback), EarlyStopping (tf.callbacks.earlyStopping) and
// TensorBoard. fit calls them through callback_list.ts; the progress bar is progress.ts.
import type { Tensor } from '../core/tensor.js';
import { clone } from '../ops/shape.js';
import type { Model } from './model.js';
import { IS_CALLBACK, type Logs } from './callback_list.js';
import type { CustomCallbackArgs } from './types.js';
import { histogram, scalar } from '../summary/ops.js';
import { createFileWriter, type SummaryWriter } from '../summary/writer.js';

export type { CallbackLike, Logs } from './callback_list.js';

/** Base class for custom callbacks (tfjs tf.Callback / Keras keras.callbacks.Callback). */
export class Callback {
  readonly [IS_CALLBACK] = true as const;
  model: Model | null = null;
  params: Record<string, unknown> = {};
  setModel(model: Model): void { this.model = model; }
  setParams(params: Record<string, unknown>): void { this.params = params; }
  async onTrainBegin(_logs?: Logs): Promise<void> {}
  async onTrainEnd(_logs?: Logs): Promise<void> {}
  async onEpochBegin(_epoch: number, _logs?: Logs): Promise<void> {}
  async onEpochEnd(_epoch: number, _logs?: Logs): Promise<void> {}
  async onBatchBegin(_batch: number, _logs?: Logs): Promise<void> {}
  async onBatchEnd(_batch: number, _logs?: Logs): Promise<void> {}
}

/**
 * A callback made of functions (tfjs tf.CustomCallback): each hook given is called, and awaited when it returns
 * a promise. fit() also takes the object of functions itself.
 * @example model.fit(x, y, {callbacks: new tf.CustomCallback({onEpochEnd: (epoch, logs) => console.log(epoch, logs)})})
 */
export class CustomCallback extends Callback {
  constructor(args: CustomCallbackArgs) {
    super();
    if (typeof args !== 'object' || args === null) throw new Error(`CustomCallback: expected an object of functions (onEpochEnd …), got ${args === null ? 'null' : typeof args}`);
    for (const hook of HOOKS) {
      const f = args[hook] as ((...a: unknown[]) => unknown) | undefined;
      if (f === undefined || f === null) continue;
      if (typeof f !== 'function') throw new Error(`CustomCallback: ${hook} must be a function, got ${typeof f}`);
      (this as unknown as Record<string, unknown>)[hook] = async (...a: unknown[]) => { await f(...a); };
    }
  }
}
const HOOKS = ['onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onEpochEnd', 'onBatchBegin', 'onBatchEnd'] as const;

/** tf.callbacks.earlyStopping's options (tfjs's EarlyStoppingCallbackArgs; restoreBestWeights is Keras'). */
export interface EarlyStoppingCallbackArgs {
  /** The log value watched (default 'val_loss'). */
  monitor?: string;
  /** The smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /** Epochs without improvement before stopping (default 0). */
  patience?: number;
  /** 'min', 'max', or 'auto' (default): 'max' for accuracy-like names, else 'min'. */
  mode?: 'auto' | 'min' | 'max';
  /** Stop unless the value gets better than this. */
  baseline?: number;
  /** At the stop, put back the weights of the best epoch (Keras). */
  restoreBestWeights?: boolean;
  /** tfjs's verbosity option: accepted, prints nothing. */
  verbose?: number;
}

/**
 * Stops training when `monitor` stops improving (Keras EarlyStopping): after `patience` epochs without
 * an improvement larger than minDelta; restoreBestWeights puts back the best epoch's weights.
 */
export class EarlyStopping extends Callback {
  readonly monitor: string;
  private readonly minDelta: number;
  private readonly patience: number;
  private readonly mode: 'min' | 'max';
  private readonly baseline?: number;
  private readonly restoreBestWeights: boolean;
  private best = Infinity;
  private wait = 0;
  private bestWeights: Tensor[] | null = null;
  stoppedEpoch = 0;

  constructor(args: EarlyStoppingCallbackArgs = {}) {
    super();
    this.monitor = args.monitor ?? 'val_loss';
    this.minDelta = Math.abs(args.minDelta ?? 0);
    this.patience = args.patience ?? 0;
    const mode = args.mode ?? 'auto';
    this.mode = mode === 'auto' ? (/acc|auc|precision|recall/.test(this.monitor) ? 'max' : 'min') : mode;
    this.baseline = args.baseline;
    this.restoreBestWeights = args.restoreBestWeights ?? false;
  }
  private better(a: number, b: number): boolean {
    return this.mode === 'min' ? a < b - this.minDelta : a > b + this.minDelta;
  }
  override async onTrainBegin(): Promise<void> {
    this.wait = 0;
    this.best = this.baseline ?? (this.mode === 'min' ? Infinity : -Infinity);
    this.bestWeights = null;
  }
  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    const v = logs[this.monitor];
    if (v === undefined) {
      console.warn(`EarlyStopping: '${this.monitor}' is not among the logs (${Object.keys(logs).join(', ')})`);
      return;
    }
    if (this.better(v, this.best)) {
      this.best = v;
      this.wait = 0;
      if (this.restoreBestWeights && this.model) {
        for (const t of this.bestWeights ?? []) t.dispose();
        this.bestWeights = this.model.weights.map((w) => clone(w));
      }
      return;
    }
    // Keras: stop once `patience` epochs in a row brought no improvement.
    if (++this.wait >= this.patience && this.model) {
      this.stoppedEpoch = epoch;
      this.model.stopTraining = true;
      if (this.restoreBestWeights && this.bestWeights) this.model.setWeights(this.bestWeights);
    }
  }
}

/**
 * Logs fit() for TensorBoard (Keras' TensorBoard callback): per epoch `epoch_loss`, `epoch_<metric>`
 * and `epoch_learning_rate` under logdir/train and the val_ values under logdir/validation; with
 * updateFreq 'batch' or N, `batch_<metric>` every N batches (step: batches since fit began); with
 * histogramFreq N, histograms of the weights (`dense/kernel/histogram`) every N epochs.
 * @example await model.fit(x, y, {epochs: 5, callbacks: [tf.callbacks.tensorBoard('logs/run1')]});
 */
export class TensorBoard extends Callback {
  readonly logdir: string;
  private readonly updateFreq: number | 'epoch';
  private readonly histogramFreq: number;
  private writers: Partial<Record<'train' | 'validation', SummaryWriter>> = {};
  private globalBatch = 0;

  constructor(logdir = 'logs', args: { updateFreq?: 'epoch' | 'batch' | number; histogramFreq?: number } = {}) {
    super();
    if (typeof logdir !== 'string' || logdir === '') throw new Error(`tensorBoard: logdir must be a non-empty string, got ${String(logdir)}`);
    const u = args.updateFreq ?? 'epoch';
    if (u !== 'epoch' && u !== 'batch' && !(Number.isInteger(u) && (u as number) > 0)) {
      throw new Error(`tensorBoard: updateFreq must be 'epoch', 'batch' or a positive integer, got ${String(u)}`);
    }
    const h = args.histogramFreq ?? 0;
    if (!Number.isInteger(h) || h < 0) throw new Error(`tensorBoard: histogramFreq must be an integer ≥ 0, got ${String(h)}`);
    this.logdir = logdir.replace(/[\\/]+$/, '');
    this.updateFreq = u === 'batch' ? 1 : u;
    this.histogramFreq = h;
  }

  private writer(run: 'train' | 'validation'): SummaryWriter {
    return (this.writers[run] ??= createFileWriter(`${this.logdir}/${run}`));
  }

  override async onTrainBegin(): Promise<void> { this.globalBatch = 0; }

  override async onBatchEnd(_batch: number, logs: Logs = {}): Promise<void> {
    this.globalBatch++;
    if (this.updateFreq === 'epoch' || this.globalBatch % this.updateFreq !== 0) return;
    this.writer('train').asDefault(() => {
      for (const [k, v] of Object.entries(logs)) if (k !== 'batch' && k !== 'size') scalar(`batch_${k}`, v, this.globalBatch);
    });
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    const train = Object.entries(logs).filter(([k]) => !k.startsWith('val_'));
    const val = Object.entries(logs).filter(([k]) => k.startsWith('val_'));
    const opt = this.model?.optimizer;
    if (opt) train.push(['learning_rate', opt.currentLearningRate()]);
    this.writer('train').asDefault(() => {
      for (const [k, v] of train) scalar(`epoch_${k}`, v, epoch);
      if (this.histogramFreq > 0 && epoch % this.histogramFreq === 0 && this.model) {
        for (const w of this.model.weights) histogram(`${w.name.replace(/:/g, '_')}/histogram`, w, epoch);
      }
    });
    if (val.length > 0) this.writer('validation').asDefault(() => { for (const [k, v] of val) scalar(`epoch_${k.slice(4)}`, v, epoch); });
  }

  override async onTrainEnd(): Promise<void> {
    const ws = Object.values(this.writers);
    this.writers = {}; // a later fit() starts new event files, as Keras' new writers do
    await Promise.all(ws.map((w) => w.close()));
  }
}

/** tf.callbacks (tfjs names). */
export const callbacks = {
  earlyStopping: (args?: EarlyStoppingCallbackArgs) => new EarlyStopping(args),
  tensorBoard: (logdir?: string, args?: ConstructorParameters<typeof TensorBoard>[1]) => new TensorBoard(logdir, args),
};
