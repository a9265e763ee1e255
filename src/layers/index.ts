// The layer classes (tf.layers' factories are in factories.ts).

export { Layer, resetLayerNames, type CallArgs, type CallHook, type InputSpec, type LayerArgs, type LayerNode, type Shape } from './layer.js';
export { Activation, Dense, Dropout, Flatten, Reshape, type ActivationArgs, type DenseArgs, type DropoutArgs, type FlattenArgs,
  type ReshapeArgs } from './core.js';
export { Conv2D, type Conv2DArgs } from './conv.js';
export { AveragePooling2D, GlobalAveragePooling2D, MaxPooling2D, type GlobalPooling2DArgs, type Pooling2DArgs } from './pooling.js';
export { BatchNormalization, type BatchNormalizationArgs } from './normalization.js';
export { ELU, LeakyReLU, ReLU, Softmax, type ELUArgs, type LeakyReLUArgs, type ReLUArgs, type SoftmaxArgs } from './advanced_activations.js';
export { Embedding, type EmbeddingArgs } from './embedding.js';
export { InputLayer, type InputLayerArgs } from './input_layer.js';
export { Identity, Masking, Permute, PReLU, RepeatVector, ThresholdedReLU, type MaskingArgs, type PermuteArgs, type PReLUArgs,
  type RepeatVectorArgs, type ThresholdedReLUArgs } from './misc.js';
export { AlphaDropout, GaussianDropout, GaussianNoise, SpatialDropout1D, SpatialDropout2D, SpatialDropout3D, type AlphaDropoutArgs,
  type GaussianDropoutArgs, type GaussianNoiseArgs, type SpatialDropout2DArgs, type SpatialDropoutArgs } from './noise.js';
export { CategoryEncoding, CenterCrop, RandomWidth, Rescaling, Resizing, type CategoryEncodingArgs, type CategoryOutputMode,
  type CenterCropArgs, type RandomWidthArgs, type RescalingArgs, type ResizingArgs } from './preprocessing.js';
export { Conv1D, Conv2DTranspose, Conv3D, Conv3DTranspose, DepthwiseConv2D, SeparableConv2D, type BaseConvArgs, type Conv1DArgs,
  type ConvLayerArgs, type ConvTransposeArgs, type DepthwiseConv2DArgs, type SeparableConv2DArgs } from './conv_more.js';
export { AveragePooling1D, AveragePooling3D, Cropping1D, Cropping2D, GlobalAveragePooling1D, GlobalMaxPooling1D, GlobalMaxPooling2D,
  MaxPooling1D, MaxPooling3D, UpSampling1D, UpSampling2D, ZeroPadding1D, ZeroPadding2D, type Cropping1DArgs, type Cropping2DArgs,
  type GlobalPoolingArgs, type PoolingArgs, type Pooling1DArgs, type Pooling3DArgs, type UpSampling1DArgs, type UpSampling2DArgs,
  type ZeroPadding1DArgs, type ZeroPadding2DArgs } from './spatial.js';
export { Add, Average, Concatenate, Dot, Maximum, Merge, Minimum, Multiply, Subtract, type ConcatenateArgs, type DotArgs } from './merge.js';
export { LayerNormalization, type LayerNormalizationArgs } from './layer_normalization.js';
export { MultiHeadAttention, type MultiHeadAttentionArgs, type MultiHeadAttentionCallArgs } from './attention.js';
export { ConvLSTM2D, ConvLSTM2DCell, GRU, GRUCell, LSTM, LSTMCell, RNN, RNNCell, SimpleRNN, SimpleRNNCell, StackedRNNCells, type GRUCellArgs, type GRULayerArgs,
  type LSTMCellArgs, type LSTMLayerArgs, type RNNLayerArgs, type SimpleRNNCellArgs, type SimpleRNNLayerArgs,
  type StackedRNNCellsArgs, type ConvLSTM2DArgs, type ConvLSTM2DCellArgs } from './recurrent.js';
export { Bidirectional, TimeDistributed, type BidirectionalLayerArgs, type BidirectionalMergeMode, type WrapperLayerArgs } from './wrappers.js';
export { getActivation, type ActivationFn, type ActivationIdentifier, type ActivationArg } from './activations.js';
