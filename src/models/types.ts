// The types of the training API (compile, fit, evaluate, predict, callbacks), with TensorFlow.js's names
// (ModelCompileArgs, ModelFitArgs, Logs …), shared by model.ts, training.ts, heads.ts and serialization.ts
// without any of them importing another for them.
import type { Scalar, Tensor, Variable } from '../core/tensor.js';
import type { Dataset } from '../data/dataset.js';
import type { Loss, LossIdentifier } from '../losses.js';
import type { Metric, MetricIdentifier } from '../metrics.js';
import type { Optimizer, OptimizerIdentifier } from '../optimizers/index.js';

/** A loss or metric function of (yTrue, yPred): per-example values or a scalar (tfjs's LossOrMetricFn). */
export type LossOrMetricFn = (yTrue: Tensor, yPred: Tensor) => Tensor;
/** A loss: a name ('meanSquaredError', 'mse', 'categorical_crossentropy' …), a function (yTrue, yPred) => Tensor or a Loss object. */
export type LossId = LossIdentifier | LossOrMetricFn | Loss;
/** A metric: a name ('accuracy', 'mse' …), a function (yTrue, yPred) => Tensor or a Metric object. */
export type MetricId = MetricIdentifier | LossOrMetricFn | Metric;

/** Targets: one tensor (one output), a list (one per output, in model.outputs order) or an object keyed by output name. */
export type Targets = Tensor | Tensor[] | { [outputName: string]: Tensor };

/** model.compile's argument (tfjs's ModelCompileArgs). */
export interface ModelCompileArgs {
  /** An Optimizer, or a name: the tf.train.* factory with tfjs-layers' defaults ('adam' is tf.train.adam(0.001)). */
  optimizer: OptimizerIdentifier | Optimizer;
  /**
   * One loss (applied to every output, as Keras), a list with one per output in `model.outputs` order,
   * or an object keyed by output name (`model.outputNames`: the output layers' names).
   */
  loss: LossId | LossId[] | { [outputName: string]: LossId };
  /**
   * Keras' loss_weights: the total loss is Σ weight · loss of each output (default 1 each); a list (one
   * per output) or an object keyed by output name (missing outputs weigh 1).
   */
  lossWeights?: number[] | { [outputName: string]: number };
  /**
   * Metrics: one, a list (every output gets each), a list of lists (one list per output) or an object
   * keyed by output name (a metric or a list each; missing outputs get none).
   */
  metrics?: MetricId | MetricId[] | MetricId[][] | { [outputName: string]: MetricId | MetricId[] };
}
/** The earlier name of ModelCompileArgs. */
export type CompileArgs = ModelCompileArgs;

/** The values fit() reports, by name ('loss', 'accuracy', 'val_loss' …) (tfjs's Logs). */
export type Logs = { [key: string]: number };
/** tfjs's logs before their scalars are read; ascent's callbacks always get numbers (Logs). */
export type UnresolvedLogs = { [key: string]: number | Scalar };

/**
 * A callback as an object of functions (tfjs's CustomCallbackArgs): each is awaited when it returns a
 * promise. The logs are always given (tfjs types them optional; both forms compile).
 * @example model.fit(x, y, {callbacks: {onEpochEnd: (epoch, logs) => console.log(epoch, logs.loss)}})
 */
export interface CustomCallbackArgs {
  onTrainBegin?: (logs: Logs) => void | Promise<void>;
  onTrainEnd?: (logs: Logs) => void | Promise<void>;
  onEpochBegin?: (epoch: number, logs: Logs) => void | Promise<void>;
  /** The epoch's mean loss and metrics, and the validation ones (`val_` keys) when validated. */
  onEpochEnd?: (epoch: number, logs: Logs) => void | Promise<void>;
  /** `{batch, size}`: the batch's index and number of samples. */
  onBatchBegin?: (batch: number, logs: Logs) => void | Promise<void>;
  /** The batch's loss and metrics. */
  onBatchEnd?: (batch: number, logs: Logs) => void | Promise<void>;
}

/**
 * fit's and fitDataset's callbacks, one or a list: objects of functions (CustomCallbackArgs) or tf.Callback
 * instances (tf.callbacks.earlyStopping(), subclasses of tf.Callback), which have the same hooks as methods.
 */
export type CallbacksArg = CustomCallbackArgs | CustomCallbackArgs[];

/** model.fit's options (tfjs's ModelFitArgs, without classWeight, sampleWeight, stepsPerEpoch and validationSteps). */
export interface ModelFitArgs {
  /** Default 1. */
  epochs?: number;
  /** Default 32. */
  batchSize?: number;
  /** Shuffle the samples before each epoch (default true); seeded by `seed` or tf.setSeed's sequence. */
  shuffle?: boolean;
  /** [x, y] to validate on after each epoch (y as fit takes it). */
  validationData?: [Tensor | Tensor[], Targets];
  /** The fraction of the samples, taken from the end before shuffling, to validate on. */
  validationSplit?: number;
  /** Validate every n epochs (or on the listed epochs, 1-based). */
  validationFreq?: number | number[];
  callbacks?: CallbacksArg;
  /** 0: silent; 1 (default): Keras' progress bar; 2: one line per epoch. */
  verbose?: 0 | 1 | 2;
  initialEpoch?: number;
  /** Seed for the per-epoch shuffle (default: from tf.setSeed's sequence). */
  seed?: number;
  /**
   * Accepted for tfjs code and ignored: ascent lets the event loop run at least every 50 ms of training
   * and after every epoch.
   */
  yieldEvery?: 'auto' | 'batch' | 'epoch' | 'never' | number;
}
/** The earlier name of ModelFitArgs. */
export type FitArgs = ModelFitArgs;

/** model.fitDataset's options (tfjs's ModelFitDatasetArgs, without classWeight). */
export interface ModelFitDatasetArgs {
  /** Default 1. */
  epochs?: number;
  /** Batches per epoch, from one running iterator (default: a fresh pass over the dataset each epoch). */
  batchesPerEpoch?: number;
  /** [x, y] tensors, or a dataset of {xs, ys} (or [x, y]) batches. */
  validationData?: [Tensor | Tensor[], Targets] | Dataset<unknown>;
  /** With tensors as validationData: the batch size to evaluate them in (default 32). */
  validationBatchSize?: number;
  /** With a dataset as validationData: how many of its batches to validate on (default: all). */
  validationBatches?: number;
  /** Validate every n epochs (or on the listed epochs, 1-based). */
  validationFreq?: number | number[];
  callbacks?: CallbacksArg;
  /** 0: silent; 1 (default): Keras' progress bar; 2: one line per epoch. */
  verbose?: 0 | 1 | 2;
  initialEpoch?: number;
  /** Accepted for tfjs code and ignored (see ModelFitArgs.yieldEvery). */
  yieldEvery?: 'auto' | 'batch' | 'epoch' | 'never' | number;
}

/** model.evaluate's options (tfjs's ModelEvaluateArgs, without sampleWeight and steps). */
export interface ModelEvaluateArgs {
  /** Default 32. */
  batchSize?: number;
  verbose?: 0 | 1 | 2;
}

/** model.evaluateDataset's options (tfjs's ModelEvaluateDatasetArgs). */
export interface ModelEvaluateDatasetArgs {
  /** How many batches to evaluate (default: all). */
  batches?: number;
  verbose?: 0 | 1 | 2;
}

/** model.predict's options (tfjs's ModelPredictConfig). */
export interface ModelPredictConfig {
  /** Default 32. */
  batchSize?: number;
  /** Accepted as in tfjs; predict prints nothing. */
  verbose?: boolean;
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
