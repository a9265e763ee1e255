// tf.layers: the layer classes and tfjs' lowerCamel factories (tf.layers.dense({units: 10}) …).
import { Activation, Dense, Dropout, Flatten, Reshape, type ActivationArgs, type DenseArgs, type DropoutArgs,
  type FlattenArgs, type ReshapeArgs } from './core.js';
import { Conv2D, type Conv2DArgs } from './conv.js';
import { AveragePooling2D, GlobalAveragePooling2D, MaxPooling2D, type GlobalPooling2DArgs, type Pooling2DArgs } from './pooling.js';
import { BatchNormalization, type BatchNormalizationArgs } from './normalization.js';
import { ELU, LeakyReLU, ReLU, Softmax, type ELUArgs, type LeakyReLUArgs, type ReLUArgs, type SoftmaxArgs } from './advanced_activations.js';
import { Embedding, type EmbeddingArgs } from './embedding.js';
import { InputLayer, type InputLayerArgs } from './input_layer.js';
import { Layer, type LayerArgs } from './layer.js';
import { Add, Average, Concatenate, Dot, Maximum, Minimum, Multiply, Subtract, mergeFactory, type ConcatenateArgs, type DotArgs } from './merge.js';
import { LayerNormalization, type LayerNormalizationArgs } from './layer_normalization.js';
import { MultiHeadAttention, type MultiHeadAttentionArgs } from './attention.js';

export { Layer, resetLayerNames, type CallArgs, type InputSpec, type LayerArgs, type Shape } from './layer.js';
export { Activation, Dense, Dropout, Flatten, Reshape, type ActivationArgs, type DenseArgs, type DropoutArgs, type FlattenArgs,
  type ReshapeArgs } from './core.js';
export { Conv2D, type Conv2DArgs } from './conv.js';
export { AveragePooling2D, GlobalAveragePooling2D, MaxPooling2D, type GlobalPooling2DArgs, type Pooling2DArgs } from './pooling.js';
export { BatchNormalization, type BatchNormalizationArgs } from './normalization.js';
export { ELU, LeakyReLU, ReLU, Softmax, type ELUArgs, type LeakyReLUArgs, type ReLUArgs, type SoftmaxArgs } from './advanced_activations.js';
export { Embedding, type EmbeddingArgs } from './embedding.js';
export { InputLayer, type InputLayerArgs } from './input_layer.js';
export { Add, Average, Concatenate, Dot, Maximum, Merge, Minimum, Multiply, Subtract, type ConcatenateArgs, type DotArgs } from './merge.js';
export { LayerNormalization, type LayerNormalizationArgs } from './layer_normalization.js';
export { MultiHeadAttention, type MultiHeadAttentionArgs, type MultiHeadAttentionCallArgs } from './attention.js';
export { getActivation, type ActivationFn, type ActivationIdentifier, type ActivationArg } from './activations.js';

/** tf.layers.* (tfjs names). */
export const layers = {
  /** The base class of layers (tfjs tf.layers.Layer): extend it for custom layers. */
  Layer,
  dense: (args: DenseArgs) => new Dense(args),
  conv2d: (args: Conv2DArgs) => new Conv2D(args),
  maxPooling2d: (args?: Pooling2DArgs) => new MaxPooling2D(args),
  maxPool2d: (args?: Pooling2DArgs) => new MaxPooling2D(args),
  averagePooling2d: (args?: Pooling2DArgs) => new AveragePooling2D(args),
  avgPool2d: (args?: Pooling2DArgs) => new AveragePooling2D(args),
  globalAveragePooling2d: (args?: GlobalPooling2DArgs) => new GlobalAveragePooling2D(args),
  globalAvgPool2d: (args?: GlobalPooling2DArgs) => new GlobalAveragePooling2D(args),
  flatten: (args?: FlattenArgs) => new Flatten(args),
  reshape: (args: ReshapeArgs) => new Reshape(args),
  dropout: (args: DropoutArgs) => new Dropout(args),
  batchNormalization: (args?: BatchNormalizationArgs) => new BatchNormalization(args),
  activation: (args: ActivationArgs) => new Activation(args),
  reLU: (args?: ReLUArgs) => new ReLU(args),
  leakyReLU: (args?: LeakyReLUArgs) => new LeakyReLU(args),
  softmax: (args?: SoftmaxArgs) => new Softmax(args),
  elu: (args?: ELUArgs) => new ELU(args),
  embedding: (args: EmbeddingArgs) => new Embedding(args),
  inputLayer: (args: InputLayerArgs) => new InputLayer(args),
  add: mergeFactory((args?: LayerArgs) => new Add(args)),
  subtract: mergeFactory((args?: LayerArgs) => new Subtract(args)),
  multiply: mergeFactory((args?: LayerArgs) => new Multiply(args)),
  average: mergeFactory((args?: LayerArgs) => new Average(args)),
  maximum: mergeFactory((args?: LayerArgs) => new Maximum(args)),
  minimum: mergeFactory((args?: LayerArgs) => new Minimum(args)),
  concatenate: mergeFactory((args?: ConcatenateArgs) => new Concatenate(args)),
  dot: (args: DotArgs) => new Dot(args),
  layerNormalization: (args?: LayerNormalizationArgs) => new LayerNormalization(args),
  multiHeadAttention: (args: MultiHeadAttentionArgs) => new MultiHeadAttention(args),
};
