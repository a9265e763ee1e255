// ascent's whole API without tfjs' chaining methods (x.add(y) …): `import { tensor, matMul } from 'ascent/base'`.
// index.ts ('ascent') is this plus chain.ts. Add new public names here (ops go in ops/index.ts).
import { Tensor, Variable } from './core/tensor.js';
import { checkDtypeName, type DType } from './core/dtype.js';
import { makeTensor, opError } from './core/convert.js';
import { formatTfjs } from './core/tfjs-format.js';
import type { TensorLike } from './core/convert.js';

export { ready, setWasmPath, setWasmBuild, getWasmBuild, type WasmBuild } from './backend/wasm.js';
export { setThreads, getThreads, env, type Env } from './backend/threads.js';
export { tidy, keep, dispose, memory, nextFrame, time, type MemoryInfo, type TimingInfo } from './core/engine.js';
export type { DType } from './core/dtype.js';
export {
  Tensor, Variable, Rank, type TypedArray, type NestedArray, type ShapeMap, type DataTypeMap, type NumericDType,
  type Scalar, type Tensor1D, type Tensor2D, type Tensor3D, type Tensor4D, type Tensor5D, type Tensor6D,
} from './core/tensor.js';
export {
  GradientTape, grad, grads, valueAndGrad, valueAndGrads, variableGrads, customGrad,
  type GradientTapeOptions, type GradSaveFunc, type CustomGradientResult,
} from './core/tape.js';
export * from './ops/index.js';
export type { TensorLike, RecursiveArray } from './core/convert.js';
export type {
  DataType, DataValues, NumericDataType, ScalarLike, TensorContainer, TensorContainerObject, TensorContainerArray, NamedTensorMap,
} from './types.js';

/**
 * A trainable (by default) variable initialised from a tensor or values (tfjs: variable(initialValue,
 * trainable, name, dtype); TF2's Variable(initial, {trainable, name}) options form also works).
 */
export function variable(initialValue: TensorLike,
                         trainable: boolean | { trainable?: boolean; name?: string; dtype?: DType; constraint?: (w: Tensor) => Tensor } = true,
                         name?: string, dtype?: DType): Variable {
  const o: { trainable?: boolean; name?: string; dtype?: DType; constraint?: (w: Tensor) => Tensor } =
    typeof trainable === 'object' && trainable !== null ? trainable : { trainable, name, dtype };
  if (o.dtype !== undefined) checkDtypeName('variable', o.dtype);
  if (o.name !== undefined && typeof o.name !== 'string') throw opError('variable', `name must be a string, got ${typeof o.name}`);
  if (initialValue === null || initialValue === undefined) throw opError('variable', `argument 'initialValue' is ${initialValue}`);
  const init = initialValue instanceof Tensor ? initialValue : makeTensor(initialValue, undefined, o.dtype, 'variable', 'initialValue');
  if (init.isDisposed) throw new Error('variable: argument \'initialValue\' is disposed');
  if (init.dtype === 'complex64' || init.dtype === 'string') {
    throw opError('variable', `${init.dtype} variables are not supported (initialValue is ${init.dtype} [${init.shape}])`);
  }
  const v = new Variable(init, o.trainable ?? true, o.name, o.dtype);
  v.constraint = o.constraint ?? null;
  if (init !== initialValue) init.dispose();
  return v;
}

/** The backend's name (tfjs API); ascent has one backend. */
export function getBackend(): string { return 'wasm'; }
export async function setBackend(name: string): Promise<boolean> { return name === 'wasm' || name === 'ascent'; }
export { version } from './version.js';
export { TensorBuffer, buffer } from './core/buffer.js';
export { disposeVariables } from './core/tensor.js';

/**
 * Prints a tensor to the console in TensorFlow.js's format (`Tensor\n    [1, 2, 3]`; with `verbose`, its
 * dtype, rank and shape first). The tensor's own print() and toString() use TensorFlow 2's format.
 */
export function print(x: Tensor, verbose = false): void {
  if (!(x instanceof Tensor)) throw opError('print', `x must be a Tensor, got ${x === null ? 'null' : typeof x}`);
  if (x.isDisposed) throw opError('print', `x is disposed (shape [${x.shape}], ${x.dtype})`);
  console.log(formatTfjs(x, verbose));
}

/**
 * tfjs's production mode turns off its debug checks. ascent has no debug mode (its argument checks are
 * always on and cheap): a no-op, for programs that call it.
 */
export function enableProdMode(): void { /* nothing to turn off */ }
export * as losses from './losses.js';
export { Reduction } from './losses.js';
export * as layers from './layers/factories.js';
export { Layer } from './layers/layer.js';
export { RNN } from './layers/recurrent.js';
export * as metrics from './metrics.js';
export {
  train, optimizers, Optimizer, SGDOptimizer, MomentumOptimizer, AdamOptimizer, AdamaxOptimizer, RMSPropOptimizer, AdagradOptimizer,
  AdadeltaOptimizer,
} from './optimizers/index.js';
export { Model, Model as LayersModel, Sequential, sequential, model } from './models/model.js';
export { input, SymbolicTensor } from './layers/symbolic.js';
export { Callback, CustomCallback, EarlyStopping, callbacks, type EarlyStoppingCallbackArgs } from './models/callbacks.js';
export { History } from './models/history.js';
export type {
  ModelCompileArgs, ModelFitArgs, ModelFitDatasetArgs, ModelEvaluateArgs, ModelEvaluateDatasetArgs, ModelPredictConfig,
  Logs, UnresolvedLogs, CustomCallbackArgs, CallbacksArg, LossOrMetricFn, Targets, FitArgs, CompileArgs,
} from './models/types.js';
export type { SequentialArgs } from './models/model.js';
export type { Shape, InputSpec, LayerArgs, LayerNode, CallHook } from './layers/layer.js';
export type { ActivationIdentifier } from './layers/activations.js';
export type { InitializerIdentifier, Initializer } from './initializers.js';
export type { ConstraintIdentifier, Constraint } from './constraints.js';
export type { Regularizer, RegularizerIdentifier } from './regularizers.js';
export type { LossIdentifier } from './losses.js';
export type { MetricIdentifier } from './metrics.js';
export type { OptimizerIdentifier } from './optimizers/index.js';
export { initializers } from './initializers.js';
export { regularizers } from './regularizers.js';
export { constraints } from './constraints.js';
export * as data from './data/index.js';
export * as datasets from './datasets/index.js';
export * as io from './io/index.js';
export * as summary from './summary/index.js';
export { loadLayersModel, type LoadLayersModelOptions } from './models/serialization.js';
export { loadOnnxModel } from './models/onnx.js';
export type { OnnxModel, OnnxValueInfo, OnnxInput, LoadOnnxOptions } from './onnx/index.js';
/** tf.models.modelFromJSON and tf.serialization.registerClass (tfjs). */
export { models, serialization } from './models/serialization.js';
export * as browser from './browser.js';
