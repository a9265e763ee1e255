// tf.layers: the layer classes and tfjs' lowerCamel factories (tf.layers.dense({units: 10}) …).
import { Activation, Dense, Dropout, Flatten, Reshape, type ActivationArgs, type DenseArgs, type DropoutArgs,
  type FlattenArgs, type ReshapeArgs } from './core.js';
import { Conv2D, type Conv2DArgs } from './conv.js';
import { AveragePooling2D, GlobalAveragePooling2D, MaxPooling2D, type GlobalPooling2DArgs, type Pooling2DArgs } from './pooling.js';
import { BatchNormalization, type BatchNormalizationArgs } from './normalization.js';
import { ELU, LeakyReLU, ReLU, Softmax, type ELUArgs, type LeakyReLUArgs, type ReLUArgs, type SoftmaxArgs } from './advanced_activations.js';
import { Embedding, type EmbeddingArgs } from './embedding.js';
import { InputLayer, type InputLayerArgs } from './input_layer.js';
import { ConvLSTM2D, ConvLSTM2DCell, GRU, GRUCell, LSTM, LSTMCell, RNN, SimpleRNN, SimpleRNNCell, StackedRNNCells, type GRUCellArgs, type GRULayerArgs,
  type LSTMCellArgs, type LSTMLayerArgs, type RNNLayerArgs, type SimpleRNNCellArgs, type SimpleRNNLayerArgs,
  type StackedRNNCellsArgs, type ConvLSTM2DArgs, type ConvLSTM2DCellArgs } from './recurrent.js';
import { Bidirectional, TimeDistributed, type BidirectionalLayerArgs, type WrapperLayerArgs } from './wrappers.js';
import { Layer } from './layer.js';

export { Layer, resetLayerNames, type CallArgs, type InputSpec, type LayerArgs, type Shape } from './layer.js';
export { Activation, Dense, Dropout, Flatten, Reshape, type ActivationArgs, type DenseArgs, type DropoutArgs, type FlattenArgs,
  type ReshapeArgs } from './core.js';
export { Conv2D, type Conv2DArgs } from './conv.js';
export { AveragePooling2D, GlobalAveragePooling2D, MaxPooling2D, type GlobalPooling2DArgs, type Pooling2DArgs } from './pooling.js';
export { BatchNormalization, type BatchNormalizationArgs } from './normalization.js';
export { ELU, LeakyReLU, ReLU, Softmax, type ELUArgs, type LeakyReLUArgs, type ReLUArgs, type SoftmaxArgs } from './advanced_activations.js';
export { Embedding, type EmbeddingArgs } from './embedding.js';
export { InputLayer, type InputLayerArgs } from './input_layer.js';
export { ConvLSTM2D, ConvLSTM2DCell, GRU, GRUCell, LSTM, LSTMCell, RNN, RNNCell, SimpleRNN, SimpleRNNCell, StackedRNNCells, type GRUCellArgs, type GRULayerArgs,
  type LSTMCellArgs, type LSTMLayerArgs, type RNNLayerArgs, type SimpleRNNCellArgs, type SimpleRNNLayerArgs,
  type StackedRNNCellsArgs, type ConvLSTM2DArgs, type ConvLSTM2DCellArgs } from './recurrent.js';
export { Bidirectional, TimeDistributed, type BidirectionalLayerArgs, type BidirectionalMergeMode, type WrapperLayerArgs } from './wrappers.js';
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
  rnn: (args: RNNLayerArgs) => new RNN(args),
  simpleRNN: (args: SimpleRNNLayerArgs) => new SimpleRNN(args),
  gru: (args: GRULayerArgs) => new GRU(args),
  lstm: (args: LSTMLayerArgs) => new LSTM(args),
  simpleRNNCell: (args: SimpleRNNCellArgs) => new SimpleRNNCell(args),
  gruCell: (args: GRUCellArgs) => new GRUCell(args),
  lstmCell: (args: LSTMCellArgs) => new LSTMCell(args),
  stackedRNNCells: (args: StackedRNNCellsArgs) => new StackedRNNCells(args),
  convLstm2d: (args: ConvLSTM2DArgs) => new ConvLSTM2D(args),
  convLstm2dCell: (args: ConvLSTM2DCellArgs) => new ConvLSTM2DCell(args),
  bidirectional: (args: BidirectionalLayerArgs) => new Bidirectional(args),
  timeDistributed: (args: WrapperLayerArgs) => new TimeDistributed(args),
};
