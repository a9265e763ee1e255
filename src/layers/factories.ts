// tf.layers.*: tfjs' lowerCamel factories (tf.layers.dense({units: 10}) …), one export each, so that `tf.layers` is a
// module namespace (base.ts: export * as layers) and an app's bundler keeps only the factories it calls.
import { Activation, Dense, Dropout, Flatten, Reshape, type ActivationArgs, type DenseArgs, type DropoutArgs,
  type FlattenArgs, type ReshapeArgs } from './core.js';
import { Conv2D, type Conv2DArgs } from './conv.js';
import { AveragePooling2D, GlobalAveragePooling2D, MaxPooling2D, type GlobalPooling2DArgs, type Pooling2DArgs } from './pooling.js';
import { BatchNormalization, type BatchNormalizationArgs } from './normalization.js';
import { ELU, LeakyReLU, ReLU, Softmax, type ELUArgs, type LeakyReLUArgs, type ReLUArgs, type SoftmaxArgs } from './advanced_activations.js';
import { Embedding, type EmbeddingArgs } from './embedding.js';
import { InputLayer, type InputLayerArgs } from './input_layer.js';
import type { LayerArgs } from './layer.js';
import { Identity, Masking, Permute, PReLU, RepeatVector, ThresholdedReLU, type MaskingArgs, type PermuteArgs, type PReLUArgs,
  type RepeatVectorArgs, type ThresholdedReLUArgs } from './misc.js';
import { AlphaDropout, GaussianDropout, GaussianNoise, SpatialDropout1D, SpatialDropout2D, SpatialDropout3D, type AlphaDropoutArgs,
  type GaussianDropoutArgs, type GaussianNoiseArgs, type SpatialDropout2DArgs, type SpatialDropoutArgs } from './noise.js';
import { CategoryEncoding, CenterCrop, RandomWidth, Rescaling, Resizing, type CategoryEncodingArgs, type CenterCropArgs,
  type RandomWidthArgs, type RescalingArgs, type ResizingArgs } from './preprocessing.js';
import { Conv1D, Conv2DTranspose, Conv3D, Conv3DTranspose, DepthwiseConv2D, SeparableConv2D, type Conv1DArgs, type ConvLayerArgs,
  type ConvTransposeArgs, type DepthwiseConv2DArgs, type SeparableConv2DArgs } from './conv_more.js';
import { AveragePooling1D, AveragePooling3D, Cropping1D, Cropping2D, GlobalAveragePooling1D, GlobalMaxPooling1D, GlobalMaxPooling2D,
  MaxPooling1D, MaxPooling3D, UpSampling1D, UpSampling2D, ZeroPadding1D, ZeroPadding2D, type Cropping1DArgs, type Cropping2DArgs,
  type GlobalPoolingArgs, type PoolingArgs, type UpSampling1DArgs, type UpSampling2DArgs, type ZeroPadding1DArgs,
  type ZeroPadding2DArgs } from './spatial.js';
import { Add, Average, Concatenate, Dot, Maximum, Minimum, Multiply, Subtract, mergeFactory, type ConcatenateArgs, type DotArgs } from './merge.js';
import { LayerNormalization, type LayerNormalizationArgs } from './layer_normalization.js';
import { MultiHeadAttention, type MultiHeadAttentionArgs } from './attention.js';
import { ConvLSTM2D, ConvLSTM2DCell, GRU, GRUCell, LSTM, LSTMCell, RNN, SimpleRNN, SimpleRNNCell, StackedRNNCells, type GRUCellArgs,
  type GRULayerArgs, type LSTMCellArgs, type LSTMLayerArgs, type RNNLayerArgs, type SimpleRNNCellArgs, type SimpleRNNLayerArgs,
  type StackedRNNCellsArgs, type ConvLSTM2DArgs, type ConvLSTM2DCellArgs } from './recurrent.js';
import { Bidirectional, TimeDistributed, type BidirectionalLayerArgs, type WrapperLayerArgs } from './wrappers.js';

/** The base class of layers (tfjs tf.layers.Layer): extend it for custom layers. */
export { Layer } from './layer.js';
/** tf.input (tfjs has it in tf.layers too). */
export { input } from './symbolic.js';
/** The recurrent layer and cell base classes (tfjs tf.layers.RNN, tf.layers.RNNCell). */
export { RNN, RNNCell } from './recurrent.js';
export const dense = (args: DenseArgs) => new Dense(args);
export const conv2d = (args: Conv2DArgs) => new Conv2D(args);
export const maxPooling2d = (args?: Pooling2DArgs) => new MaxPooling2D(args);
export const maxPool2d = (args?: Pooling2DArgs) => new MaxPooling2D(args);
export const averagePooling2d = (args?: Pooling2DArgs) => new AveragePooling2D(args);
export const avgPool2d = (args?: Pooling2DArgs) => new AveragePooling2D(args);
export const globalAveragePooling2d = (args?: GlobalPooling2DArgs) => new GlobalAveragePooling2D(args);
export const globalAvgPool2d = (args?: GlobalPooling2DArgs) => new GlobalAveragePooling2D(args);
export const flatten = (args?: FlattenArgs) => new Flatten(args);
export const reshape = (args: ReshapeArgs) => new Reshape(args);
export const dropout = (args: DropoutArgs) => new Dropout(args);
export const batchNormalization = (args?: BatchNormalizationArgs) => new BatchNormalization(args);
export const activation = (args: ActivationArgs) => new Activation(args);
export const reLU = (args?: ReLUArgs) => new ReLU(args);
export const leakyReLU = (args?: LeakyReLUArgs) => new LeakyReLU(args);
export const softmax = (args?: SoftmaxArgs) => new Softmax(args);
export const elu = (args?: ELUArgs) => new ELU(args);
export const embedding = (args: EmbeddingArgs) => new Embedding(args);
export const inputLayer = (args: InputLayerArgs) => new InputLayer(args);
export const repeatVector = (args: RepeatVectorArgs) => new RepeatVector(args);
export const permute = (args: PermuteArgs) => new Permute(args);
export const masking = (args?: MaskingArgs) => new Masking(args);
export const prelu = (args?: PReLUArgs) => new PReLU(args);
export const thresholdedReLU = (args?: ThresholdedReLUArgs) => new ThresholdedReLU(args);
export const identity = (args?: LayerArgs) => new Identity(args);
export const gaussianNoise = (args: GaussianNoiseArgs) => new GaussianNoise(args);
export const gaussianDropout = (args: GaussianDropoutArgs) => new GaussianDropout(args);
export const alphaDropout = (args: AlphaDropoutArgs) => new AlphaDropout(args);
export const spatialDropout1d = (args: SpatialDropoutArgs) => new SpatialDropout1D(args);
export const spatialDropout2d = (args: SpatialDropout2DArgs) => new SpatialDropout2D(args);
export const spatialDropout3d = (args: SpatialDropout2DArgs) => new SpatialDropout3D(args);
export const rescaling = (args: RescalingArgs) => new Rescaling(args);
export const resizing = (args: ResizingArgs) => new Resizing(args);
export const centerCrop = (args: CenterCropArgs) => new CenterCrop(args);
export const categoryEncoding = (args: CategoryEncodingArgs) => new CategoryEncoding(args);
export const randomWidth = (args: RandomWidthArgs) => new RandomWidth(args);
export const conv1d = (args: Conv1DArgs) => new Conv1D(args);
export const conv3d = (args: ConvLayerArgs) => new Conv3D(args);
export const conv2dTranspose = (args: ConvTransposeArgs) => new Conv2DTranspose(args);
export const conv3dTranspose = (args: ConvTransposeArgs) => new Conv3DTranspose(args);
export const depthwiseConv2d = (args: DepthwiseConv2DArgs) => new DepthwiseConv2D(args);
export const separableConv2d = (args: SeparableConv2DArgs) => new SeparableConv2D(args);
export const avgPooling2d = (args?: Pooling2DArgs) => new AveragePooling2D(args);
export const maxPooling1d = (args?: PoolingArgs) => new MaxPooling1D(args);
export const maxPool1d = (args?: PoolingArgs) => new MaxPooling1D(args);
export const averagePooling1d = (args?: PoolingArgs) => new AveragePooling1D(args);
export const avgPool1d = (args?: PoolingArgs) => new AveragePooling1D(args);
export const avgPooling1d = (args?: PoolingArgs) => new AveragePooling1D(args);
export const maxPooling3d = (args?: PoolingArgs) => new MaxPooling3D(args);
export const averagePooling3d = (args?: PoolingArgs) => new AveragePooling3D(args);
export const avgPool3d = (args?: PoolingArgs) => new AveragePooling3D(args);
export const avgPooling3d = (args?: PoolingArgs) => new AveragePooling3D(args);
export const globalAveragePooling1d = (args?: GlobalPoolingArgs) => new GlobalAveragePooling1D(args);
export const globalMaxPooling1d = (args?: GlobalPoolingArgs) => new GlobalMaxPooling1D(args);
export const globalMaxPool1d = (args?: GlobalPoolingArgs) => new GlobalMaxPooling1D(args);
export const globalMaxPooling2d = (args?: GlobalPoolingArgs) => new GlobalMaxPooling2D(args);
export const globalMaxPool2d = (args?: GlobalPoolingArgs) => new GlobalMaxPooling2D(args);
export const upSampling2d = (args?: UpSampling2DArgs) => new UpSampling2D(args);
export const zeroPadding2d = (args?: ZeroPadding2DArgs) => new ZeroPadding2D(args);
export const cropping2D = (args: Cropping2DArgs) => new Cropping2D(args);
export const upSampling1d = (args?: UpSampling1DArgs) => new UpSampling1D(args);
export const zeroPadding1d = (args?: ZeroPadding1DArgs) => new ZeroPadding1D(args);
export const cropping1D = (args?: Cropping1DArgs) => new Cropping1D(args);
export const add = mergeFactory((args?: LayerArgs) => new Add(args));
export const subtract = mergeFactory((args?: LayerArgs) => new Subtract(args));
export const multiply = mergeFactory((args?: LayerArgs) => new Multiply(args));
export const average = mergeFactory((args?: LayerArgs) => new Average(args));
export const maximum = mergeFactory((args?: LayerArgs) => new Maximum(args));
export const minimum = mergeFactory((args?: LayerArgs) => new Minimum(args));
export const concatenate = mergeFactory((args?: ConcatenateArgs) => new Concatenate(args));
export const dot = (args: DotArgs) => new Dot(args);
export const layerNormalization = (args?: LayerNormalizationArgs) => new LayerNormalization(args);
export const multiHeadAttention = (args: MultiHeadAttentionArgs) => new MultiHeadAttention(args);
export const rnn = (args: RNNLayerArgs) => new RNN(args);
export const simpleRNN = (args: SimpleRNNLayerArgs) => new SimpleRNN(args);
export const gru = (args: GRULayerArgs) => new GRU(args);
export const lstm = (args: LSTMLayerArgs) => new LSTM(args);
export const simpleRNNCell = (args: SimpleRNNCellArgs) => new SimpleRNNCell(args);
export const gruCell = (args: GRUCellArgs) => new GRUCell(args);
export const lstmCell = (args: LSTMCellArgs) => new LSTMCell(args);
export const stackedRNNCells = (args: StackedRNNCellsArgs) => new StackedRNNCells(args);
export const convLstm2d = (args: ConvLSTM2DArgs) => new ConvLSTM2D(args);
export const convLstm2dCell = (args: ConvLSTM2DCellArgs) => new ConvLSTM2DCell(args);
export const bidirectional = (args: BidirectionalLayerArgs) => new Bidirectional(args);
export const timeDistributed = (args: WrapperLayerArgs) => new TimeDistributed(args);
