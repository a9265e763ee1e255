// TensorFlow.js's names for the types of values ascent's API takes and returns (tf.DataType,
// tf.TensorContainer …), so tfjs code that names them compiles. The tensor types (tf.Rank, tf.Tensor2D …)
// are in core/tensor.ts, the training ones (tf.ModelFitArgs, tf.Logs …) in models/types.ts.
import type { DType } from './core/dtype.js';
import type { DataTypeMap, Tensor } from './core/tensor.js';

/** A dtype (tfjs's DataType): ascent has 'float32', 'int32' and 'bool' (tfjs also 'string' and 'complex64'). */
export type DataType = DType;
/** A tensor's values as dataSync() gives them (tfjs's DataValues): Float32Array, Int32Array or Uint8Array. */
export type DataValues = DataTypeMap[DataType];
/** The dtypes with numeric values (tfjs's NumericDataType, without 'complex64'). */
export type NumericDataType = 'float32' | 'int32' | 'bool';
/** One value of a tensor (tfjs's ScalarLike, without strings). */
export type ScalarLike = number | boolean;
/** What tidy() may return and dispose() takes: tensors, nested in arrays and objects, or other values (tfjs). */
export type TensorContainer = void | Tensor | string | number | boolean | TensorContainerObject | TensorContainerArray |
  Float32Array | Int32Array | Uint8Array;
export interface TensorContainerObject { [x: string]: TensorContainer }
export interface TensorContainerArray extends Array<TensorContainer> {}
/** Tensors by name (tfjs's NamedTensorMap): what variableGrads' grads and io.decodeWeights give. */
export type { NamedTensorMap } from './io/weights.js';
