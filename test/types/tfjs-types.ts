// Type tests (compiled by readme.node.test.ts under `strict`, never run): tfjs's type names exist with
// tfjs's meaning, and the option types reject misspelt names. Each `@ts-expect-error` line must fail to
// compile (tsc reports an unused one).
import * as tf from '../../src/index.js';

declare const t: tf.Tensor;
declare const t1: tf.Tensor1D;
declare const t2: tf.Tensor2D;

// ---- ranks: a Tensor2D and a plain Tensor convert both ways; two static ranks do not --------------------
export const fromCreator: tf.Tensor2D = tf.tensor2d([[1, 2], [3, 4]]);
export const fromOp: tf.Tensor2D = tf.matMul(t2, t2);
export const fromChain: tf.Tensor1D = t2.sum(0);
export const back: tf.Tensor = t2;
export const scalar: tf.Scalar = tf.scalar(1);
export const ranked: tf.Tensor<tf.Rank.R3> = tf.zeros([1, 2, 3]);
export const all: [tf.Tensor3D, tf.Tensor4D, tf.Tensor5D, tf.Tensor6D] = [t, t, t, t];
export const variable: tf.Variable<tf.Rank.R2> = tf.variable(t2);
export const varAsTensor: tf.Tensor2D = variable;
// @ts-expect-error a Tensor1D is not a Tensor2D
export const wrongRank: tf.Tensor2D = t1;
// @ts-expect-error a Variable<R1> is not a Tensor2D
export const wrongVariable: tf.Tensor2D = tf.variable(t) as tf.Variable<tf.Rank.R1>;
export const shape: tf.ShapeMap['R2'] = [2, 3];
export const rankEnum: tf.Rank = tf.Rank.R2;
export const takesRanked = (x: tf.Tensor2D): tf.Scalar => tf.sum(x);
export const callsRanked: tf.Scalar = takesRanked(tf.ones([2, 2]));
export const gradOfRanked = tf.grad((x: tf.Tensor1D) => tf.sum(tf.square(x)));

// ---- values, dtypes, containers -------------------------------------------------------------------------
export const like: tf.TensorLike[] = [1, true, [1, 2], [[true]], new Float32Array(2), [new Float32Array(2), new Float32Array(2)], t];
export const dtype: tf.DataType = 'int32';
export const str: tf.DataType = 'string'; // string and complex64 tensors exist, as in tfjs
export const cplx: tf.DataType = 'complex64';
// @ts-expect-error ascent has no float16
export const noHalf: tf.DataType = 'float16';
export const typed: Float32Array = t.dataSync<'float32'>();
export const typedAsync: Promise<Int32Array> = t.data<'int32'>();
export const anyTyped: tf.TypedArray = t.dataSync();
export const container: tf.TensorContainer = { a: t, b: [t, 1, 'x'] };
export const kept: { a: tf.Tensor } = tf.tidy(() => ({ a: tf.ones([1]) }));
export const named: tf.NamedTensorMap = tf.variableGrads(() => tf.sum(t)).grads;
export const recursive: tf.RecursiveArray<number> = [[1], [2, [3]]];

// ---- layers: names compile, misspellings do not, functions and objects still do -------------------------
tf.layers.dense({ units: 1, activation: 'relu' });
tf.layers.dense({ units: 1, activation: 'hard_sigmoid', kernelInitializer: 'glorot_uniform', biasInitializer: 'zeros' });
tf.layers.dense({ units: 1, activation: (x: tf.Tensor) => tf.relu(x), kernelInitializer: tf.initializers.heNormal({ seed: 1 }) });
tf.layers.dense({ units: 1, activation: null, kernelConstraint: 'maxNorm', kernelRegularizer: 'l2' });
tf.layers.dense({ units: 1, kernelConstraint: tf.constraints.nonNeg(), kernelRegularizer: tf.regularizers.l1({ l1: 0.1 }) });
tf.layers.activation({ activation: 'softmax' });
// @ts-expect-error misspelt activation
tf.layers.dense({ units: 1, activation: 'rleu' });
// @ts-expect-error misspelt initializer
tf.layers.dense({ units: 1, kernelInitializer: 'glorotUnifrom' });
// @ts-expect-error misspelt constraint
tf.layers.dense({ units: 1, kernelConstraint: 'maxnorm2' });
// @ts-expect-error misspelt regularizer
tf.layers.dense({ units: 1, kernelRegularizer: 'l3' });
// @ts-expect-error misspelt activation of an Activation layer
tf.layers.activation({ activation: 'sigmod' });
export const act: tf.ActivationIdentifier = 'gelu_new';
export const init: tf.InitializerIdentifier = 'leCunNormal';

// ---- compile: loss, metric and optimizer names -------------------------------------------------------------
declare const model: tf.LayersModel;
model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
model.compile({ optimizer: 'RMSProp', loss: 'mean_squared_error', metrics: ['mse', 'MAE', 'binary_accuracy', 'auc'] });
model.compile({ optimizer: tf.train.sgd(0.1), loss: (yTrue, yPred) => tf.losses.meanSquaredError(yTrue, yPred), metrics: [tf.metrics.binaryAccuracy] });
model.compile({ optimizer: new tf.optimizers.Adam(), loss: new tf.losses.CategoricalCrossentropy({ fromLogits: true }), metrics: new tf.metrics.AUC() });
model.compile({ optimizer: 'sgd', loss: { out1: 'mse', out2: 'binaryCrossentropy' }, metrics: { out2: ['accuracy'] } });
// @ts-expect-error misspelt optimizer
model.compile({ optimizer: 'adma', loss: 'mse' });
// @ts-expect-error misspelt loss
model.compile({ optimizer: 'adam', loss: 'meanSquareError' });
// @ts-expect-error misspelt metric
model.compile({ optimizer: 'adam', loss: 'mse', metrics: ['acuracy'] });
export const lossName: tf.LossIdentifier = 'categorical_crossentropy';
export const metricName: tf.MetricIdentifier = 'acc';
export const optimizerName: tf.OptimizerIdentifier = 'adamax';
export const compileArgs: tf.ModelCompileArgs = { optimizer: 'sgd', loss: 'mse' };

// ---- fit, callbacks, logs, History ---------------------------------------------------------------------------
export async function training(x: tf.Tensor, y: tf.Tensor): Promise<number> {
  const fitArgs: tf.ModelFitArgs = {
    epochs: 2, batchSize: 4, validationSplit: 0.1, verbose: 0, yieldEvery: 'never',
    // the hooks' parameters are typed (no implicit any under strict), and logs are always given
    callbacks: { onEpochEnd: (epoch, logs) => { const n: number = epoch + logs.loss; void n; }, onBatchEnd: async (batch, logs) => { void [batch, logs.loss]; } },
  };
  const h: tf.History = await model.fit(x, y, fitArgs);
  // tfjs's optional form compiles too
  await model.fit(x, y, { callbacks: [{ onTrainEnd: (logs?: tf.Logs) => void logs?.loss }, tf.callbacks.earlyStopping({ patience: 2 })] });
  await model.fit(x, y, { callbacks: new (class extends tf.Callback { override async onEpochEnd(epoch: number, logs?: tf.Logs) { void [epoch, logs]; } })() });
  // @ts-expect-error not a callback hook
  await model.fit(x, y, { callbacks: { onEpochStop: () => {} } });
  // @ts-expect-error fit has no classWeight in ascent
  await model.fit(x, y, { classWeight: { 0: 1 } });
  await h.syncData();
  const evalArgs: tf.ModelEvaluateArgs = { batchSize: 8 };
  const [loss] = model.evaluate(x, y, evalArgs) as tf.Scalar[];
  const predictConfig: tf.ModelPredictConfig = { batchSize: 8, verbose: false };
  const p = model.predict(x, predictConfig) as tf.Tensor2D;
  const logs: tf.Logs = { loss: 1 };
  const unresolved: tf.UnresolvedLogs = { loss: tf.scalar(1), acc: 0.5 };
  const custom: tf.CustomCallbackArgs = { onEpochBegin: (epoch) => void epoch };
  void [p, logs, unresolved, custom];
  return loss.dataSync()[0] + h.history.loss[0] + h.epoch[0];
}

// ---- models, io ---------------------------------------------------------------------------------------------
export const seq: tf.Sequential = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
export const asLayersModel: tf.LayersModel = seq;
export const sym: tf.SymbolicTensor = tf.input({ shape: [2] });
export const opt: tf.Optimizer = tf.train.adam();
export const handler: tf.io.IOHandler = tf.io.withSaveHandler(async (a: tf.io.ModelArtifacts) => ({ modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) }));
export declare const modelJSON: tf.io.ModelJSON;
export declare const entry: tf.io.WeightsManifestEntry;
export const shapeArg: tf.Shape = [null, 2];
