// The types of the training API (compile, fit, History), shared by model.ts, training.ts, heads.ts and
// serialization.ts without any of them importing another for them.
import type { Tensor, Variable } from '../core/tensor.js';
import type { Loss } from '../losses.js';
import type { Metric } from '../metrics.js';
import type { Optimizer } from '../optimizers/index.js';
import type { CallbackLike } from './callback_list.js';

/** A loss: a name ('meanSquaredError', 'mse', 'categorical_crossentropy' …), a function (yTrue, yPred) => Tensor or a Loss object. */
export type LossId = string | ((yTrue: Tensor, yPred: Tensor) => Tensor) | Loss;
/** A metric: a name ('accuracy', 'mse' …), a function (yTrue, yPred) => Tensor or a Metric object. */
export type MetricId = string | ((yTrue: Tensor, yPred: Tensor) => Tensor) | Metric;

/** Targets: one tensor (one output), a list (one per output, in model.outputs order) or an object keyed by output name. */
export type Targets = Tensor | Tensor[] | Record<string, Tensor>;

export interface CompileArgs {
  optimizer: string | Optimizer;
  /**
   * One loss (applied to every output, as Keras), a list with one per output in `model.outputs` order,
   * or an object keyed by output name (`model.outputNames`: the output layers' names).
   */
  loss: LossId | LossId[] | Record<string, LossId>;
  /**
   * Keras' loss_weights: the total loss is Σ weight · loss of each output (default 1 each); a list (one
   * per output) or an object keyed by output name (missing outputs weigh 1).
   */
  lossWeights?: number[] | Record<string, number>;
  /**
   * Metrics: one, a list (every output gets each), a list of lists (one list per output) or an object
   * keyed by output name (a metric or a list each; missing outputs get none).
   */
  metrics?: MetricId | MetricId[] | MetricId[][] | Record<string, MetricId | MetricId[]>;
}

export interface FitArgs {
  epochs?: number;
  batchSize?: number;
  shuffle?: boolean;
  /** [x, y] (y as fit takes it), or for fitDataset a dataset. */
  validationData?: [Tensor | Tensor[], Targets] | unknown;
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

/** What training needs of a model (model.ts's Model; an interface, so that training.ts does not import it). */
export interface TrainableModel {
  readonly name: string;
  /** Set (by a callback, or on a NaN loss) to end fit() after the current batch. */
  stopTraining: boolean;
  readonly trainableWeights: Variable[];
  /** The forward pass: one tensor or a list, per output. */
  apply(inputs: Tensor | Tensor[], args?: { training?: boolean }): Tensor | Tensor[];
  regularizationLoss(): Tensor | null;
  /** The outputs' names when the model has them by construction (null: a subclassed model's, known once it runs). */
  knownOutputNames(): string[] | null;
}
