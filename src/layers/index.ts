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

export { Layer, resetLayerNames, type CallArgs, type InputSpec, type LayerArgs, type Shape } from './layer.js';
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
  repeatVector: (args: RepeatVectorArgs) => new RepeatVector(args),
  permute: (args: PermuteArgs) => new Permute(args),
  masking: (args?: MaskingArgs) => new Masking(args),
  prelu: (args?: PReLUArgs) => new PReLU(args),
  thresholdedReLU: (args?: ThresholdedReLUArgs) => new ThresholdedReLU(args),
  identity: (args?: LayerArgs) => new Identity(args),
  gaussianNoise: (args: GaussianNoiseArgs) => new GaussianNoise(args),
  gaussianDropout: (args: GaussianDropoutArgs) => new GaussianDropout(args),
  alphaDropout: (args: AlphaDropoutArgs) => new AlphaDropout(args),
  spatialDropout1d: (args: SpatialDropoutArgs) => new SpatialDropout1D(args),
  spatialDropout2d: (args: SpatialDropout2DArgs) => new SpatialDropout2D(args),
  spatialDropout3d: (args: SpatialDropout2DArgs) => new SpatialDropout3D(args),
  rescaling: (args: RescalingArgs) => new Rescaling(args),
  resizing: (args: ResizingArgs) => new Resizing(args),
  centerCrop: (args: CenterCropArgs) => new CenterCrop(args),
  categoryEncoding: (args: CategoryEncodingArgs) => new CategoryEncoding(args),
  randomWidth: (args: RandomWidthArgs) => new RandomWidth(args),
  conv1d: (args: Conv1DArgs) => new Conv1D(args),
  conv3d: (args: ConvLayerArgs) => new Conv3D(args),
  conv2dTranspose: (args: ConvTransposeArgs) => new Conv2DTranspose(args),
  conv3dTranspose: (args: ConvTransposeArgs) => new Conv3DTranspose(args),
  depthwiseConv2d: (args: DepthwiseConv2DArgs) => new DepthwiseConv2D(args),
  separableConv2d: (args: SeparableConv2DArgs) => new SeparableConv2D(args),
  avgPooling2d: (args?: Pooling2DArgs) => new AveragePooling2D(args),
  maxPooling1d: (args?: PoolingArgs) => new MaxPooling1D(args),
  maxPool1d: (args?: PoolingArgs) => new MaxPooling1D(args),
  averagePooling1d: (args?: PoolingArgs) => new AveragePooling1D(args),
  avgPool1d: (args?: PoolingArgs) => new AveragePooling1D(args),
  avgPooling1d: (args?: PoolingArgs) => new AveragePooling1D(args),
  maxPooling3d: (args?: PoolingArgs) => new MaxPooling3D(args),
  averagePooling3d: (args?: PoolingArgs) => new AveragePooling3D(args),
  avgPool3d: (args?: PoolingArgs) => new AveragePooling3D(args),
  avgPooling3d: (args?: PoolingArgs) => new AveragePooling3D(args),
  globalAveragePooling1d: (args?: GlobalPoolingArgs) => new GlobalAveragePooling1D(args),
  globalMaxPooling1d: (args?: GlobalPoolingArgs) => new GlobalMaxPooling1D(args),
  globalMaxPool1d: (args?: GlobalPoolingArgs) => new GlobalMaxPooling1D(args),
  globalMaxPooling2d: (args?: GlobalPoolingArgs) => new GlobalMaxPooling2D(args),
  globalMaxPool2d: (args?: GlobalPoolingArgs) => new GlobalMaxPooling2D(args),
  upSampling2d: (args?: UpSampling2DArgs) => new UpSampling2D(args),
  zeroPadding2d: (args?: ZeroPadding2DArgs) => new ZeroPadding2D(args),
  cropping2D: (args: Cropping2DArgs) => new Cropping2D(args),
  upSampling1d: (args?: UpSampling1DArgs) => new UpSampling1D(args),
  zeroPadding1d: (args?: ZeroPadding1DArgs) => new ZeroPadding1D(args),
  cropping1D: (args?: Cropping1DArgs) => new Cropping1D(args),
};
