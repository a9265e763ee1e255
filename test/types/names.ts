// Every name of the option unions, as an object whose keys TypeScript checks against the union (a name
// missing here or not in the union fails the type check in readme.node.test.ts); names.test.ts checks
// that each one resolves at run time.
import type * as tf from '../../src/index.js';

const all = <T extends string>(o: Record<T, true>): T[] => Object.keys(o) as T[];

export const activationNames = all<tf.ActivationIdentifier>({
  linear: true, relu: true, relu6: true, sigmoid: true, tanh: true, softmax: true, logSoftmax: true, elu: true, selu: true,
  softplus: true, softsign: true, swish: true, silu: true, gelu: true, geluNew: true, hardSigmoid: true, leakyRelu: true,
  mish: true, exponential: true, log_softmax: true, gelu_new: true, hard_sigmoid: true, leaky_relu: true, hardSilu: true,
  hardSwish: true, hard_silu: true, hard_swish: true,
});
export const initializerNames = all<tf.InitializerIdentifier>({
  zeros: true, ones: true, randomNormal: true, randomUniform: true, truncatedNormal: true, varianceScaling: true,
  glorotUniform: true, glorotNormal: true, heNormal: true, heUniform: true, leCunNormal: true, leCunUniform: true,
  orthogonal: true, identity: true, random_normal: true, random_uniform: true, truncated_normal: true,
  variance_scaling: true, glorot_uniform: true, glorot_normal: true, he_normal: true, he_uniform: true, lecun_normal: true,
  lecun_uniform: true,
});
export const constraintNames = all<tf.ConstraintIdentifier>({
  maxNorm: true, minMaxNorm: true, nonNeg: true, unitNorm: true, max_norm: true, min_max_norm: true, non_neg: true, unit_norm: true,
});
export const regularizerNames = all<tf.RegularizerIdentifier>({ l1: true, l2: true, l1l2: true });
export const lossNames = all<tf.LossIdentifier>({
  mean_squared_error: true, meanSquaredError: true, mse: true, MSE: true, mean_absolute_error: true, meanAbsoluteError: true,
  mae: true, MAE: true, mean_absolute_percentage_error: true, meanAbsolutePercentageError: true, mape: true, MAPE: true,
  mean_squared_logarithmic_error: true, meanSquaredLogarithmicError: true, msle: true, MSLE: true,
  categorical_crossentropy: true, categoricalCrossentropy: true, sparse_categorical_crossentropy: true,
  sparseCategoricalCrossentropy: true, binary_crossentropy: true, binaryCrossentropy: true, huber_loss: true, huberLoss: true,
  huber: true, kl_divergence: true, klDivergence: true, kullback_leibler_divergence: true, kullbackLeiblerDivergence: true,
  kld: true, KLD: true, hinge: true, squared_hinge: true, squaredHinge: true, categorical_hinge: true, categoricalHinge: true,
  log_cosh: true, logcosh: true, logCosh: true, poisson: true, cosine_similarity: true, cosineSimilarity: true,
  cosine_proximity: true, cosineProximity: true, cosine: true,
});
export const metricNames = all<tf.MetricIdentifier>({
  accuracy: true, acc: true, crossentropy: true, ce: true, precision: true, recall: true, auc: true, binaryAccuracy: true,
  binary_accuracy: true, categoricalAccuracy: true, categorical_accuracy: true, sparseCategoricalAccuracy: true,
  sparse_categorical_accuracy: true, binaryCrossentropy: true, binary_crossentropy: true, categoricalCrossentropy: true,
  categorical_crossentropy: true, sparseCategoricalCrossentropy: true, sparse_categorical_crossentropy: true, mse: true,
  MSE: true, meanSquaredError: true, mean_squared_error: true, mae: true, MAE: true, meanAbsoluteError: true,
  mean_absolute_error: true, mape: true, MAPE: true, meanAbsolutePercentageError: true, mean_absolute_percentage_error: true,
  msle: true, MSLE: true, meanSquaredLogarithmicError: true, mean_squared_logarithmic_error: true, cosineProximity: true,
  cosine_proximity: true, cosine: true, cosineSimilarity: true, cosine_similarity: true, kld: true, KLD: true,
  kullbackLeiblerDivergence: true, kullback_leibler_divergence: true, klDivergence: true, kl_divergence: true, hinge: true,
  squaredHinge: true, squared_hinge: true, logcosh: true, poisson: true,
});
export const optimizerNames = all<tf.OptimizerIdentifier>({
  sgd: true, adam: true, adamw: true, adamax: true, rmsprop: true, adagrad: true, adadelta: true, SGD: true, Adam: true,
  AdamW: true, Adamax: true, RMSprop: true, RMSProp: true, Adagrad: true, Adadelta: true,
});
