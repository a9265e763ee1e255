// Models built in ascent that tests save as .keras files (save.test.ts reads them back in ascent;
// save.node.test.ts has Keras 3 load them and predict): one per family of layers Keras users build with.
import * as tf from '../../src/index.js';

export interface Built { name: string; make: () => tf.LayersModel; inputShapes: number[][]; ints?: number }

/** Deterministic inputs (integers in [0, ints) for embeddings). */
export function inputsFor(b: Built, batch = 2): tf.Tensor[] {
  return b.inputShapes.map((s, k) => {
    const shape = [batch, ...s];
    const n = shape.reduce((p, d) => p * d, 1);
    const v = Array.from({ length: n }, (_, i) => (b.ints ? (i * 7 + k) % b.ints : Math.sin(i * 1.3 + k) * 1.5));
    return tf.tensor(v, shape);
  });
}

const L = tf.layers;
export const built: Built[] = [
  { name: 'cnn', inputShapes: [[8, 8, 3]], make: () => tf.sequential({ name: 'cnn', layers: [
    L.conv2d({ inputShape: [8, 8, 3], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }),
    L.batchNormalization(), L.maxPooling2d({ poolSize: 2 }), L.dropout({ rate: 0.3 }),
    L.depthwiseConv2d({ kernelSize: 2, depthMultiplier: 2 }), L.separableConv2d({ filters: 3, kernelSize: 2, padding: 'same' }),
    L.flatten(), L.dense({ units: 3, activation: 'softmax' })] }) },
  { name: 'conv_more', inputShapes: [[6, 6, 2]], make: () => tf.sequential({ layers: [
    L.zeroPadding2d({ inputShape: [6, 6, 2], padding: 1 }), L.conv2dTranspose({ filters: 3, kernelSize: 2, strides: 2 }),
    L.averagePooling2d({ poolSize: 2 }), L.upSampling2d({ size: 2 }), L.cropping2D({ cropping: 1 }),
    L.globalMaxPooling2d(), L.dense({ units: 2 })] }) },
  { name: 'sequence', inputShapes: [[5]], ints: 12, make: () => tf.sequential({ layers: [
    L.embedding({ inputDim: 12, outputDim: 6, inputLength: 5 }),
    L.bidirectional({ layer: L.lstm({ units: 4, returnSequences: true, recurrentActivation: 'sigmoid' }) as tf.RNN, mergeMode: 'concat' }),
    L.gru({ units: 3, returnSequences: true, recurrentActivation: 'sigmoid' }), L.simpleRNN({ units: 3 }), L.dense({ units: 2 })] }) },
  { name: 'rnn_cells', inputShapes: [[4, 3]], make: () => tf.sequential({ layers: [
    L.rnn({ inputShape: [4, 3], returnSequences: true, cell: [L.lstmCell({ units: 3, recurrentActivation: 'sigmoid' }), L.gruCell({ units: 2, recurrentActivation: 'sigmoid' })] }),
    L.rnn({ cell: L.simpleRNNCell({ units: 2 }) }), L.dense({ units: 1 })] }) },
  { name: 'conv_lstm', inputShapes: [[3, 5, 5, 2]], make: () => tf.sequential({ layers: [
    L.convLstm2d({ inputShape: [3, 5, 5, 2], filters: 2, kernelSize: 3, padding: 'same', recurrentActivation: 'sigmoid' }), L.flatten(), L.dense({ units: 2 })] }) },
  { name: 'conv1d', inputShapes: [[10, 3]], make: () => tf.sequential({ layers: [
    L.conv1d({ inputShape: [10, 3], filters: 4, kernelSize: 3, activation: 'tanh' }), L.maxPooling1d({ poolSize: 2 }),
    L.timeDistributed({ layer: L.dense({ units: 2 }) }), L.globalAveragePooling1d(), L.dense({ units: 1 })] }) },
  { name: 'transformer', inputShapes: [[6, 8]], make: () => {
    const x = tf.input({ shape: [6, 8] });
    const a = L.multiHeadAttention({ numHeads: 2, keyDim: 4 }).apply([x, x]) as tf.SymbolicTensor;
    const h = L.layerNormalization().apply(L.add().apply([x, a])) as tf.SymbolicTensor;
    const f = L.dense({ units: 8 }).apply(L.dense({ units: 16, activation: 'gelu' }).apply(h)) as tf.SymbolicTensor;
    const y = L.dense({ units: 2 }).apply(L.globalAveragePooling1d().apply(L.layerNormalization().apply(L.add().apply([h, f])))) as tf.SymbolicTensor;
    return tf.model({ inputs: x, outputs: y, name: 'transformer' });
  } },
  { name: 'merge', inputShapes: [[4], [4]], make: () => {
    const a = tf.input({ shape: [4], name: 'a' }), b = tf.input({ shape: [4], name: 'b' });
    const da = L.dense({ units: 3, activation: 'elu' }).apply(a) as tf.SymbolicTensor, db = L.dense({ units: 3 }).apply(b) as tf.SymbolicTensor;
    const parts = [L.multiply().apply([da, db]), L.average().apply([da, db]), L.subtract().apply([da, db]),
      L.maximum().apply([da, db]), L.dot({ axes: 1 }).apply([da, db])] as tf.SymbolicTensor[];
    const y = L.dense({ units: 2 }).apply(L.concatenate().apply(parts)) as tf.SymbolicTensor;
    return tf.model({ inputs: [a, b], outputs: y });
  } },
  { name: 'nested', inputShapes: [[5]], make: () => {
    const inner = tf.sequential({ name: 'inner', layers: [L.dense({ inputShape: [5], units: 4, activation: 'relu' }), L.dense({ units: 4 })] });
    const x = tf.input({ shape: [5] });
    const h = inner.apply(x) as tf.SymbolicTensor;
    const y = L.dense({ units: 2 }).apply(L.concatenate().apply([h, L.reshape({ targetShape: [5] }).apply(x) as tf.SymbolicTensor])) as tf.SymbolicTensor;
    return tf.model({ inputs: x, outputs: y });
  } },
  { name: 'misc', inputShapes: [[6]], make: () => tf.sequential({ layers: [
    L.dense({ inputShape: [6], units: 6, kernelRegularizer: tf.regularizers.l2({ l2: 0.01 }), kernelConstraint: tf.constraints.maxNorm({ maxValue: 2 }) }),
    L.leakyReLU({ alpha: 0.2 }), L.reshape({ targetShape: [3, 2] }), L.permute({ dims: [2, 1] }), L.flatten(),
    L.repeatVector({ n: 2 }), L.flatten(), L.activation({ activation: 'softplus' }), L.dense({ units: 2, useBias: false })] }) },
];
