// Models of each layer family for the ONNX export tests (export.node.test.ts against onnxruntime-node,
// export.test.ts against ascent's own importer). Weights are seeded random values (BatchNormalization's variances
// positive), so every weight matters in the comparison.
import * as tf from '../../src/index.js';

const L = tf.layers;

/** Sets every weight of the model to seeded random values (variances in [0.5, 1.5]). */
export function randomize(m: tf.LayersModel | tf.Sequential, seed = 1): void {
  let s = seed;
  for (const w of m.weights) {
    const v = /moving_variance/.test(w.name)
      ? tf.randomUniform(w.shape, 0.5, 1.5, 'float32', s++)
      : tf.randomNormal(w.shape, 0, 0.5, 'float32', s++);
    w.assign(v);
    v.dispose();
  }
}

export interface Case { name: string; model: tf.LayersModel; inputs: { shape: number[]; ints?: number }[] }

const seq = (name: string, inputShape: number[], layers: tf.layers.Layer[]): Case => {
  const model = tf.sequential({ name, layers: [L.inputLayer({ inputShape }), ...layers] });
  return { name, model, inputs: [{ shape: inputShape }] };
};

export const ACTIVATIONS = ['linear', 'relu', 'relu6', 'sigmoid', 'tanh', 'softmax', 'logSoftmax', 'elu', 'selu', 'softplus', 'softsign',
  'swish', 'silu', 'gelu', 'geluNew', 'hardSigmoid', 'hardSwish', 'leakyRelu', 'mish', 'exponential'] as const;

/** One model per family; built fresh (each call makes new layers). */
export function cases(): Case[] {
  const out: Case[] = [];
  for (const a of ACTIVATIONS) out.push(seq(`dense_${a}`, [7], [L.dense({ units: 6, activation: a }), L.dense({ units: 3, useBias: false })]));
  out.push(seq('cnn2d', [12, 12, 3], [
    L.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }),
    L.batchNormalization({}),
    L.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }),
    L.conv2d({ filters: 5, kernelSize: [2, 3], strides: [1, 2], dilationRate: 1 }),
    L.averagePooling2d({ poolSize: 2, padding: 'same' }),
    L.conv2d({ filters: 4, kernelSize: 2, dilationRate: 2, padding: 'same', activation: 'tanh' }),
    L.flatten(),
    L.dense({ units: 4, activation: 'softmax' }),
  ]));
  out.push(seq('conv1d', [11, 3], [
    L.conv1d({ filters: 4, kernelSize: 3, padding: 'causal', dilationRate: 2, activation: 'elu' }),
    L.conv1d({ filters: 4, kernelSize: 2, padding: 'same' }),
    L.maxPooling1d({ poolSize: 2 }),
    L.zeroPadding1d({ padding: [1, 2] }),
    L.conv1d({ filters: 3, kernelSize: 2, strides: 2 }),
    L.cropping1D({ cropping: [1, 0] }),
    L.averagePooling1d({ poolSize: 2, strides: 1, padding: 'same' }),
    L.globalAveragePooling1d({}),
    L.dense({ units: 2 }),
  ]));
  out.push(seq('depthwise', [10, 10, 4], [
    L.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', activation: 'relu6' }),
    L.separableConv2d({ filters: 6, kernelSize: 3, strides: 2, depthMultiplier: 2, activation: 'swish' }),
    L.conv2d({ filters: 4, kernelSize: 1 }),
    L.depthwiseConv2d({ kernelSize: 2, useBias: false }),
    L.globalMaxPooling2d({}),
  ]));
  out.push(seq('transpose', [5, 6, 3], [
    L.conv2dTranspose({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
    L.conv2dTranspose({ filters: 3, kernelSize: 2, strides: 1, padding: 'valid' }),
    L.conv2dTranspose({ filters: 2, kernelSize: 1, strides: 2, padding: 'same' }),
    L.conv2dTranspose({ filters: 2, kernelSize: 4, strides: 3, padding: 'valid' }),
    L.globalAveragePooling2d({}),
  ]));
  out.push(seq('spatial', [6, 7, 3], [
    L.zeroPadding2d({ padding: [[1, 2], [0, 1]] }),
    L.conv2d({ filters: 3, kernelSize: 2 }),
    L.cropping2D({ cropping: [[1, 0], [2, 1]] }),
    L.upSampling2d({ size: [2, 3] }),
    L.batchNormalization({ center: false }),
    L.zeroPadding2d({ padding: 1 }),
    L.cropping2D({ cropping: 1 }),
    L.flatten(),
  ]));
  out.push(seq('nhwc_ops', [4, 5, 3], [
    L.batchNormalization({ epsilon: 0.01 }),
    L.upSampling2d({ size: 2 }),
    L.cropping2D({ cropping: [[0, 1], [1, 0]] }),
    L.globalAveragePooling2d({ keepdims: true }),
    L.flatten(),
  ]));
  out.push(seq('bilinear', [4, 5, 2], [L.upSampling2d({ size: [2, 3], interpolation: 'bilinear' }), L.conv2d({ filters: 2, kernelSize: 2 }), L.upSampling2d({ size: 2, interpolation: 'bilinear' })]));
  out.push(seq('time_distributed', [5, 4], [L.timeDistributed({ layer: L.dense({ units: 3, activation: 'relu' }) }), L.timeDistributed({ layer: L.dense({ units: 2 }) })]));
  out.push(seq('shapes', [4, 6], [
    L.layerNormalization({}),
    L.dropout({ rate: 0.5 }),
    L.gaussianNoise({ stddev: 1 }),
    L.permute({ dims: [2, 1] }),
    L.reshape({ targetShape: [3, 8] }),
    L.dense({ units: 5, activation: 'gelu' }),
    L.rescaling({ scale: 0.5, offset: -0.25 }),
    L.leakyReLU({ alpha: 0.1 }),
    L.flatten(),
    L.elu({ alpha: 0.7 }),
    L.reLU({ maxValue: 1.5 }),
    L.repeatVector({ n: 3 }),
    L.prelu({}),
    L.thresholdedReLU({ theta: 0.1 }),
    L.activation({ activation: 'hardSigmoid' }),
    L.layerNormalization({ axis: [1, 2], scale: false }),
    L.softmax({}),
  ]));
  out.push({ ...seq('embedding', [5], [L.embedding({ inputDim: 9, outputDim: 4 }), L.flatten(), L.batchNormalization({}), L.dense({ units: 2 })]), inputs: [{ shape: [5], ints: 9 }] });
  out.push(seq('lstm', [6, 4], [L.lstm({ units: 5, returnSequences: true }), L.lstm({ units: 3, recurrentActivation: 'sigmoid', goBackwards: true })]));
  out.push(seq('gru', [6, 4], [L.gru({ units: 5, returnSequences: true, resetAfter: true, recurrentActivation: 'sigmoid' }), L.gru({ units: 3, activation: 'relu' })]));
  out.push(seq('simple_rnn', [6, 4], [L.simpleRNN({ units: 5, returnSequences: true }), L.simpleRNN({ units: 3, activation: 'relu', useBias: false })]));
  // a sequence of any length (a second symbolic dim): SAME_UPPER padding, the RNN over whatever length comes
  out.push({ ...seq('variable_length', [null as unknown as number, 4], [
    L.conv1d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' }),
    L.maxPooling1d({ poolSize: 2, padding: 'same' }),
    L.gru({ units: 3, resetAfter: true, recurrentActivation: 'sigmoid' }),
  ]), inputs: [{ shape: [7, 4] }] });
  out.push(seq('bidirectional', [6, 4], [
    L.bidirectional({ layer: L.lstm({ units: 3, returnSequences: true }) as never }),
    L.bidirectional({ layer: L.gru({ units: 2, returnSequences: true, resetAfter: true }) as never, mergeMode: 'sum' }),
    L.bidirectional({ layer: L.simpleRNN({ units: 2 }) as never, mergeMode: 'ave' }),
  ]));
  out.push(seq('bidirectional_mul', [5, 3], [L.bidirectional({ layer: L.lstm({ units: 3, recurrentActivation: 'sigmoid' }) as never, mergeMode: 'mul' })]));
  {
    const x = tf.input({ shape: [5, 3] });
    const [y, h, c] = L.lstm({ units: 4, returnState: true }).apply(x) as tf.SymbolicTensor[];
    const [y2, h2] = L.gru({ units: 4, returnState: true }).apply(x) as tf.SymbolicTensor[];
    out.push({ name: 'rnn_states', model: tf.model({ inputs: x, outputs: [y, h, c, y2, h2], name: 'rnn_states' }), inputs: [{ shape: [5, 3] }] });
  }
  {
    // functional: two inputs, merges, a nested Sequential, two outputs
    const a = tf.input({ shape: [6, 6, 2], name: 'image' });
    const b = tf.input({ shape: [4], name: 'vector' });
    const c1 = L.conv2d({ filters: 3, kernelSize: 3, padding: 'same' }).apply(a) as tf.SymbolicTensor;
    const c2 = L.conv2d({ filters: 3, kernelSize: 1, activation: 'sigmoid' }).apply(a) as tf.SymbolicTensor;
    const sum = L.add().apply([c1, c2]) as tf.SymbolicTensor;
    const diff = L.subtract().apply([c1, c2]) as tf.SymbolicTensor;
    const prod = L.multiply().apply([sum, diff, c1]) as tf.SymbolicTensor;
    const cat = L.concatenate({ axis: -1 }).apply([prod, L.maximum().apply([c1, c2]) as tf.SymbolicTensor, L.minimum().apply([c1, c2]) as tf.SymbolicTensor]) as tf.SymbolicTensor;
    const pooled = L.globalAveragePooling2d({}).apply(L.maxPooling2d({}).apply(cat) as tf.SymbolicTensor) as tf.SymbolicTensor;
    const inner = tf.sequential({ layers: [L.dense({ inputShape: [4], units: 9, activation: 'tanh' }), L.dense({ units: 9 })] });
    const vb = inner.apply(b) as tf.SymbolicTensor;
    const avg = L.average().apply([pooled, vb]) as tf.SymbolicTensor;
    const dot = L.dot({ axes: 1, normalize: true }).apply([avg, vb]) as tf.SymbolicTensor;
    const cat2 = L.concatenate({ axis: 1 }).apply([c1, c2]) as tf.SymbolicTensor; // channels-first concat over H
    const out1 = L.dense({ units: 3, activation: 'softmax' }).apply(L.concatenate().apply([avg, dot]) as tf.SymbolicTensor) as tf.SymbolicTensor;
    const out2 = L.flatten().apply(cat2) as tf.SymbolicTensor;
    const model = tf.model({ inputs: [a, b], outputs: [out1, out2], name: 'functional' });
    out.push({ name: 'functional', model, inputs: [{ shape: [6, 6, 2] }, { shape: [4] }] });
  }
  {
    // nesting: a Sequential holding a functional model holding a Sequential; a layer applied twice (shared weights)
    const innerSeq = tf.sequential({ layers: [L.conv2d({ inputShape: [6, 6, 3], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }), L.maxPooling2d({})] });
    const shared = L.conv2d({ filters: 4, kernelSize: 1 });
    const fi = tf.input({ shape: [6, 6, 3] });
    const h = innerSeq.apply(fi) as tf.SymbolicTensor;
    const fo = L.add().apply([shared.apply(h) as tf.SymbolicTensor, shared.apply(shared.apply(h) as tf.SymbolicTensor) as tf.SymbolicTensor]) as tf.SymbolicTensor;
    const func = tf.model({ inputs: fi, outputs: fo, name: 'inner_functional' });
    const model = tf.sequential({ name: 'nested', layers: [L.inputLayer({ inputShape: [6, 6, 3] }), func, L.globalAveragePooling2d({}), L.dense({ units: 2 })] });
    out.push({ name: 'nested', model, inputs: [{ shape: [6, 6, 3] }] });
  }
  {
    // Dot on sequences (attention-like scores), both axis pairs
    const q = tf.input({ shape: [5, 4] }), k = tf.input({ shape: [6, 4] });
    const s1 = L.dot({ axes: [2, 2] }).apply([q, k]) as tf.SymbolicTensor;          // [5, 6]
    const s2 = L.dot({ axes: [1, 1] }).apply([s1, L.dense({ units: 3 }).apply(q) as tf.SymbolicTensor]) as tf.SymbolicTensor; // [6, 3]
    const model = tf.model({ inputs: [q, k], outputs: s2, name: 'dot3d' });
    out.push({ name: 'dot3d', model, inputs: [{ shape: [5, 4] }, { shape: [6, 4] }] });
  }
  return out;
}

/** Seeded inputs of a case at a batch size: normal floats, or integer ids (held as floats) in [0, ints). */
export function inputsOf(c: Case, batch: number, seed = 7): tf.Tensor[] {
  return c.inputs.map((inp, i) => tf.tidy(() => {
    const shape = [batch, ...inp.shape];
    if (inp.ints) return tf.floor(tf.randomUniform(shape, 0, inp.ints - 1e-3, 'float32', seed + i));
    return tf.randomNormal(shape, 0, 1, 'float32', seed + i);
  }));
}
