// Recurrent benchmark (issue 15), ascent vs TensorFlow.js (tfjs-layers on the wasm backend) in one process:
// one Adam training step (model.trainOnBatch) of a character-level LSTM text model (and the same with a GRU),
// embedding(64 → 32) → lstm(128) → dense(64, softmax), batch 32, sequences of 40, sparse categorical
// cross-entropy. The embedding is frozen on both sides: tfjs-wasm has no UnsortedSegmentSum kernel, which
// its gather gradient needs. ascent runs the LSTM fused (one GEMM + one elementwise kernel per timestep, forward and
// backward); tfjs-layers steps its cell with a dozen ops per timestep.
import * as tfl from '@tensorflow/tfjs-layers';
import * as tf from '../src/index.js';
import { fmt, measure, printTable, setupTfjs, tfc, useTfjs, type TargetResult } from './util.js';

const VOCAB = 64, EMBED = 32, UNITS = 128, BATCH = 32, SEQ = 40;

function data(): { x: Int32Array; y: Int32Array } {
  let s = 12345;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) % VOCAB);
  return { x: Int32Array.from({ length: BATCH * SEQ }, next), y: Int32Array.from({ length: BATCH }, next) };
}

function ascentModel(kind: 'lstm' | 'gru' = 'lstm'): tf.Sequential {
  const m = tf.sequential({ layers: [
    tf.layers.embedding({ inputDim: VOCAB, outputDim: EMBED, inputShape: [SEQ], trainable: false }),
    tf.layers[kind]({ units: UNITS }),
    tf.layers.dense({ units: VOCAB, activation: 'softmax' }),
  ] });
  m.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
  return m;
}
function tfjsModel(kind: 'lstm' | 'gru' = 'lstm'): tfl.Sequential {
  const m = tfl.sequential({ layers: [
    tfl.layers.embedding({ inputDim: VOCAB, outputDim: EMBED, inputShape: [SEQ], trainable: false }),
    // (tfjs' orthogonal initializer is slow to build at 128 units and irrelevant to the step's time)
    tfl.layers[kind]({ units: UNITS, recurrentInitializer: 'glorotUniform' }),
    tfl.layers.dense({ units: VOCAB, activation: 'softmax' }),
  ] });
  m.compile({ optimizer: tfc.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
  return m;
}

export async function run(): Promise<TargetResult[]> {
  await tf.ready();
  await setupTfjs();
  await useTfjs('wasm');
  const { x, y } = data();
  const xa = tf.tensor(x, [BATCH, SEQ], 'int32'), ya = tf.tensor(y, [BATCH], 'int32');
  const xt = tfc.tensor2d(x, [BATCH, SEQ], 'int32'), yt = tfc.tensor1d(y, 'float32');
  const time = async (kind: 'lstm' | 'gru'): Promise<[number, number]> => {
    const a = ascentModel(kind);
    const ms = measure(() => { void a.trainOnBatch(xa, ya); }, { budgetMs: 2000 });
    const t = tfjsModel(kind);
    // tfjs-layers' trainOnBatch is async: time each awaited step.
    for (let i = 0; i < 2; i++) await t.trainOnBatch(xt, yt);
    const times: number[] = [];
    for (let i = 0; i < 7; i++) { const t0 = performance.now(); await t.trainOnBatch(xt, yt); times.push(performance.now() - t0); }
    times.sort((p, q) => p - q);
    return [ms, times[3]];
  };
  const [ms, msT] = await time('lstm');
  const [gms, gmsT] = await time('gru');
  const ratio = msT / ms;
  const model = (kind: string) => `embedding(${VOCAB},${EMBED}) → ${kind}(${UNITS}) → dense(${VOCAB}) Adam step, batch ${BATCH} × ${SEQ} steps`;
  printTable('recurrent text model training step, ms (median); ratio = tfjs-wasm time ÷ ascent time',
    ['case', 'ascent', 'tfjs-wasm', 'ratio'],
    [[model('lstm'), fmt(ms), fmt(msT), `${fmt(ratio)}×`], [model('gru'), fmt(gms), fmt(gmsT), `${fmt(gmsT / gms)}×`]]);
  console.log(`LSTM: ascent takes ${fmt(100 / ratio)} % of tfjs-wasm's time (goal ≤ 20 %)`);
  tf.dispose([xa, ya]); tfc.dispose([xt, yt]);
  return [{ bench: 'lstm', name: 'LSTM text model step', ratio, goal: 5, met: ratio >= 5 }];
}
