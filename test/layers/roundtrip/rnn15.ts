// Layers-format round trips of the recurrent layers and wrappers (src/layers/recurrent.ts, wrappers.ts).
// Recurrent kernels start glorotUniform here: tfjs-layers' orthogonal initializer needs tfjs' chained ops,
// which the test's tfjs (tfjs-core without the chain) lacks; the saved weights are what is compared anyway.
import type { RoundTripCase } from './case.js';
import { tf } from '../../helpers.js';

const L = tf.layers;
const g = { recurrentInitializer: 'glorotUniform' as const, biasInitializer: 'randomNormal' as const };

export const cases: RoundTripCase[] = [
  { name: 'simpleRNN', make: () => L.simpleRNN({ units: 4, ...g }), inputShapes: [[5, 3]], tfjs: true },
  { name: 'simpleRNN returnSequences relu', make: () => L.simpleRNN({ units: 3, activation: 'relu', returnSequences: true, ...g }), inputShapes: [[5, 3]], tfjs: true },
  { name: 'gru', make: () => L.gru({ units: 4, ...g }), inputShapes: [[6, 2]], tfjs: true },
  { name: 'gru goBackwards sigmoid', make: () => L.gru({ units: 3, goBackwards: true, recurrentActivation: 'sigmoid', ...g }), inputShapes: [[6, 2]], tfjs: true },
  // Keras 3's GRU (reset_after): tfjs-layers refuses resetAfter = true
  { name: 'gru resetAfter', make: () => L.gru({ units: 3, resetAfter: true, returnSequences: true, ...g }), inputShapes: [[6, 2]], tfjs: false },
  { name: 'lstm', make: () => L.lstm({ units: 4, ...g }), inputShapes: [[5, 3]], tfjs: true },
  { name: 'lstm returnSequences goBackwards unitForgetBias', make: () => L.lstm({ units: 5, returnSequences: true, goBackwards: true, unitForgetBias: true, recurrentInitializer: 'glorotUniform' }), inputShapes: [[4, 3]], tfjs: true },
  { name: 'lstm sigmoid', make: () => L.lstm({ units: 3, recurrentActivation: 'sigmoid', ...g }), inputShapes: [[4, 2]], tfjs: true },
  { name: 'rnn lstmCell', make: () => L.rnn({ cell: L.lstmCell({ units: 3, ...g }), returnSequences: true }), inputShapes: [[4, 2]], tfjs: true },
  { name: 'rnn simpleRNNCell', make: () => L.rnn({ cell: L.simpleRNNCell({ units: 3, ...g }) }), inputShapes: [[4, 2]], tfjs: true },
  { name: 'rnn stacked cells', make: () => L.rnn({ cell: [L.lstmCell({ units: 3, ...g }), L.gruCell({ units: 2, ...g })] }), inputShapes: [[4, 2]], tfjs: true },
  { name: 'rnn stackedRNNCells', make: () => L.rnn({ cell: L.stackedRNNCells({ cells: [L.simpleRNNCell({ units: 2, ...g }), L.lstmCell({ units: 3, ...g })] }), returnSequences: true }), inputShapes: [[4, 2]], tfjs: true },
  { name: 'bidirectional lstm concat', make: () => L.bidirectional({ layer: L.lstm({ units: 3, returnSequences: true, ...g }) }), inputShapes: [[4, 2]], tfjs: true },
  { name: 'bidirectional gru ave', make: () => L.bidirectional({ layer: L.gru({ units: 3, ...g }), mergeMode: 'ave' }), inputShapes: [[4, 2]], tfjs: true },
  { name: 'convLstm2d same', make: () => L.convLstm2d({ filters: 2, kernelSize: 3, padding: 'same', ...g }), inputShapes: [[3, 5, 5, 2]], tfjs: true },
  { name: 'convLstm2d returnSequences strides', make: () => L.convLstm2d({ filters: 3, kernelSize: 2, strides: 2, returnSequences: true, ...g }), inputShapes: [[3, 6, 6, 1]], tfjs: true },
  { name: 'timeDistributed dense', make: () => L.timeDistributed({ layer: L.dense({ units: 3, activation: 'relu' }) }), inputShapes: [[4, 2]], tfjs: true },
];
