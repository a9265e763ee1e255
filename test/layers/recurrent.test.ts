// Recurrent layers against tfjs-layers on the same weights (values, input gradients, weight gradients):
// SimpleRNN, GRU, LSTM (the fused path and the stepped one), returnSequences, returnState, goBackwards,
// masks, initial states, stacked cells, Bidirectional, TimeDistributed; finite differences; stateful
// layers; dropout; configs.
import { describe, expect, it } from 'vitest';
import { expectClose, rand, tf } from '../helpers.js';
import { checkLayerGrad, compareLayer, tfl, toO, vals, type O } from './oracle.js';
import { oracle } from '../helpers.js';
import { gruSequence, lstmSequence } from '../../src/ops/rnn.js';
import { RNN } from '../../src/layers/recurrent.js';
import gruResetAfter from '../fixtures/keras/gru_reset_after.json';

const L = tf.layers;
// tfjs-layers' orthogonal initializer needs tfjs' chained ops, which the oracle does not load: their recurrent
// kernels start glorotUniform (our weights replace them anyway)
const RECURRENT = new Set(['simpleRNN', 'gru', 'lstm', 'simpleRNNCell', 'gruCell', 'lstmCell', 'convLstm2d', 'convLstm2dCell']);
const TL: any = Object.fromEntries(Object.entries(tfl.layers).map(([k, f]) =>
  [k, (a: any) => (f as any)(RECURRENT.has(k) ? { recurrentInitializer: 'glorotUniform', ...a } : a)]));
const rnd = { biasInitializer: 'randomNormal' as const };

/**
 * Both layers applied to x (with a mask / initial states), our weights copied into theirs; every output and
 * the gradients of Σ_k sum(out_k · dy_k) with respect to x, the initial states and the weights compared.
 */
async function compareMulti(ours: tf.Layer, theirs: any, x: tf.Tensor, o: { mask?: tf.Tensor; initialState?: tf.Tensor[]; rtol?: number; atol?: number } = {}) {
  const tfc: O = await oracle();
  const { rtol = 1e-4, atol = 1e-5 } = o;
  const xo = toO(tfc, x);
  const mo = o.mask ? toO(tfc, o.mask) : undefined;
  const so = o.initialState?.map((s) => toO(tfc, s));
  const args = (m: any, s: any) => ({ ...(m ? { mask: m } : {}), ...(s ? { initialState: s } : {}) });
  ours.apply(x, args(o.mask, o.initialState) as any);
  theirs.apply(xo, args(mo, so));
  expect(theirs.getWeights().map((w: any) => w.shape)).toEqual(ours.getWeights().map((w) => w.shape));
  theirs.setWeights(ours.getWeights().map((w) => toO(tfc, w)));
  const list = (y: any) => (Array.isArray(y) ? y : [y]);
  const ys = list(ours.apply(x, args(o.mask, o.initialState) as any)) as tf.Tensor[];
  const yos = list(theirs.apply(xo, args(mo, so)));
  expect(ys.length).toBe(yos.length);
  ys.forEach((y, i) => { expect(y.shape).toEqual(yos[i].shape); expectClose(y, vals(yos[i]), rtol, atol); });
  const dys = ys.map((y, i) => rand(y.shape, 50 + i));
  const dyos = dys.map((d) => toO(tfc, d));
  const states = o.initialState ?? [];
  const ws = ours.trainableWeights;
  const tape = new tf.GradientTape();
  tape.watch(x);
  states.forEach((s) => tape.watch(s));
  const loss = (list(ours.apply(x, args(o.mask, o.initialState) as any)) as tf.Tensor[]).map((y, i) => tf.sum(tf.mul(y, dys[i]))).reduce((a, b) => tf.add(a, b));
  const grads = tape.gradient(loss, [x, ...states, ...ws], null, 'zero') as tf.Tensor[];
  const theirLoss = (xx: any, ss: any) => list(theirs.apply(xx, args(mo, ss))).map((y: any, i: number) => tfc.sum(tfc.mul(y, dyos[i]))).reduce((a: any, b: any) => tfc.add(a, b));
  const gx = tfc.grads((xx: any, ...ss: any[]) => theirLoss(xx, so ? ss : undefined))([xo, ...(so ?? [])]);
  gx.forEach((g: any, i: number) => expectClose(grads[i], vals(g), rtol, atol));
  const vars = theirs.trainableWeights.map((w: any) => w.read());
  const { grads: gw } = tfc.variableGrads(() => theirLoss(xo, so), vars);
  ws.forEach((w, i) => expectClose(grads[1 + states.length + i], vals(gw[vars[i].name]), rtol, atol));
  return ys;
}

describe('SimpleRNN, GRU, LSTM match tfjs-layers', () => {
  const kinds = ['simpleRNN', 'gru', 'lstm'] as const;
  const opts = [
    {},
    { returnSequences: true },
    { goBackwards: true },
    { returnSequences: true, goBackwards: true },
    { recurrentActivation: 'sigmoid' },
    { useBias: false, returnSequences: true },
  ];
  for (const kind of kinds) {
    it.each(opts)(`${kind} %o`, async (opt) => {
      const args: any = { units: 5, ...opt };
      if (kind === 'simpleRNN') delete args.recurrentActivation;
      const ours = (L as any)[kind]({ ...args, ...rnd });
      const x = rand([3, 6, 4], 1);
      const y = await compareLayer(ours, TL[kind](args), x, { rtol: 1e-4, atol: 1e-5 });
      expect(y.shape).toEqual(args.returnSequences ? [3, 6, 5] : [3, 5]);
      expect(ours.computeOutputShape([null, 6, 4])).toEqual(args.returnSequences ? [null, 6, 5] : [null, 5]);
    });
  }

  it('LSTM with other activations steps the cell with ops (relu, sigmoid recurrent) and matches', async () => {
    const args = { units: 4, activation: 'relu' as const, recurrentActivation: 'sigmoid' as const, returnSequences: true };
    await compareLayer(L.lstm({ ...args, ...rnd }), TL.lstm(args), rand([2, 5, 3], 2), { rtol: 1e-4, atol: 1e-5 });
  });

  it('unitForgetBias starts the forget gate bias at 1 and matches', async () => {
    const ours = L.lstm({ units: 3, unitForgetBias: true });
    await compareLayer(ours, TL.lstm({ units: 3, unitForgetBias: true }), rand([2, 4, 2], 3), { rtol: 1e-4, atol: 1e-5 });
    expect(Array.from(ours.getWeights()[2].dataSync())).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('units that are not a multiple of 4 (the fused kernel\'s tail lanes), long sequences', async () => {
    for (const units of [1, 7]) {
      await compareLayer(L.lstm({ units, returnSequences: true, ...rnd }), TL.lstm({ units, returnSequences: true }),
        rand([2, 12, 3], units), { rtol: 2e-4, atol: 2e-5 });
    }
  });

  for (const kind of kinds) {
    it(`${kind}: returnState, masks and initial states (values, input/state/weight gradients)`, async () => {
      const units = 4;
      const x = rand([3, 5, 2], 4);
      const mask = tf.tensor2d([[1, 1, 1, 0, 0], [1, 0, 1, 1, 0], [0, 1, 1, 1, 1]], [3, 5], 'bool');
      const n = kind === 'lstm' ? 2 : 1;
      const initialState = Array.from({ length: n }, (_, i) => rand([3, units], 10 + i));
      for (const returnSequences of [false, true]) {
        for (const goBackwards of [false, true]) {
          const args = { units, returnState: true, returnSequences, goBackwards };
          const ys = await compareMulti((L as any)[kind]({ ...args, ...rnd }), TL[kind](args), x, { mask, initialState });
          expect(ys.length).toBe(1 + n);
        }
      }
      await compareMulti((L as any)[kind]({ units, ...rnd }), TL[kind]({ units }), x, { mask });
    });
  }

  it('states as extra inputs: apply([x, h, c]) is apply(x, {initialState: [h, c]})', () => {
    const layer = L.lstm({ units: 3, ...rnd });
    const x = rand([2, 4, 2], 5), h = rand([2, 3], 6), c = rand([2, 3], 7);
    const a = layer.apply([x, h, c]) as tf.Tensor;
    expectClose(a, layer.apply(x, { initialState: [h, c] } as any) as tf.Tensor, 1e-6, 1e-7);
    expect(() => layer.apply(x, { initialState: [h] } as any)).toThrow(/2 state\(s\) but was given 1/);
    expect(() => layer.apply(x, { initialState: [h, rand([2, 4], 1)] } as any)).toThrow(/initial state 1 must be \[2,3\]/);
  });
});

describe('GRU resetAfter (Keras 3; tfjs-layers has no such mode)', () => {
  // test/fixtures/keras/gru_reset_after.json, made by scripts/fixtures/gru_reset_after.py
  it.each(gruResetAfter.cases)('matches Keras values and gradients: returnSequences $returnSequences, goBackwards $goBackwards', (c: any) => {
    const layer = L.gru({ units: 3, resetAfter: true, recurrentActivation: 'sigmoid', returnSequences: c.returnSequences, goBackwards: c.goBackwards });
    const x = tf.tensor(c.x);
    layer.apply(x);
    expect(layer.getWeights().map((w) => w.shape)).toEqual([[2, 9], [3, 9], [2, 9]]);
    layer.setWeights(c.weights.map((w: any) => tf.tensor(w)));
    expectClose(layer.apply(x) as tf.Tensor, tf.tensor(c.y), 1e-5, 1e-6);
    const tape = new tf.GradientTape();
    tape.watch(x);
    const loss = tf.sum(tf.mul(layer.apply(x) as tf.Tensor, tf.tensor(c.dy)));
    const [dx, ...dw] = tape.gradient(loss, [x, ...layer.trainableWeights]) as tf.Tensor[];
    expectClose(dx, tf.tensor(c.dx), 1e-4, 1e-5);
    dw.forEach((g, i) => expectClose(g, tf.tensor(c.dweights[i]), 1e-4, 1e-5));
  });
});

describe('RNN with cells', () => {
  it('rnn({cell}) with each cell matches tfjs-layers', async () => {
    for (const kind of ['simpleRNNCell', 'gruCell', 'lstmCell'] as const) {
      const ours = L.rnn({ cell: (L as any)[kind]({ units: 3, ...rnd }), returnSequences: true });
      await compareLayer(ours, TL.rnn({ cell: TL[kind]({ units: 3 }), returnSequences: true }), rand([2, 4, 3], 8), { rtol: 1e-4, atol: 1e-5 });
    }
  });

  it('stacked cells (a list, or stackedRNNCells) match tfjs-layers, states in reverse stack order', async () => {
    const ours = L.rnn({ cell: [L.lstmCell({ units: 4, ...rnd }), L.gruCell({ units: 3, ...rnd })], returnState: true });
    const theirs = TL.rnn({ cell: [TL.lstmCell({ units: 4 }), TL.gruCell({ units: 3 })], returnState: true });
    const ys = await compareMulti(ours, theirs, rand([2, 5, 3], 9));
    expect(ys.map((y) => y.shape)).toEqual([[2, 3], [2, 3], [2, 4], [2, 4]]);
    expect(ours.computeOutputShape([null, 5, 3])).toEqual([[null, 3], [null, 3], [null, 4], [null, 4]]);
    const st = L.rnn({ cell: L.stackedRNNCells({ cells: [L.simpleRNNCell({ units: 2 }), L.simpleRNNCell({ units: 3 })] }), returnSequences: true });
    const tst = TL.rnn({ cell: TL.stackedRNNCells({ cells: [TL.simpleRNNCell({ units: 2 }), TL.simpleRNNCell({ units: 3 })] }), returnSequences: true });
    await compareLayer(st, tst, rand([2, 4, 2], 10), { rtol: 1e-4, atol: 1e-5 });
  });

  it('trainable: false freezes the cell\'s weights (layers and wrappers)', () => {
    const x = rand([2, 3, 2], 1);
    for (const l of [L.lstm({ units: 2, trainable: false }), L.bidirectional({ layer: L.gru({ units: 2 }), trainable: false }),
      L.timeDistributed({ layer: L.dense({ units: 2 }), trainable: false })]) {
      l.apply(x);
      expect(l.trainableWeights).toEqual([]);
      expect(l.nonTrainableWeights.length).toBeGreaterThan(0);
      l.trainable = true;
      expect(l.trainableWeights.length).toBe(l.weights.length);
    }
  });

  it('bad arguments name the layer and the argument', () => {
    expect(() => L.lstm({ units: 0 })).toThrow(/units must be a positive integer/);
    expect(() => L.gru({ units: 2, dropout: 2 })).toThrow(/dropout must be a number in \[0, 1\]/);
    expect(() => L.rnn({ cell: L.dense({ units: 2 }) as any })).toThrow(/cell must be an RNN cell/);
    expect(() => L.lstm({ units: 2, returnSequences: 'yes' as any })).toThrow(/returnSequences must be true or false/);
    expect(() => L.lstm({ units: 2 }).apply(rand([2, 3], 1))).toThrow(/rank 3/);
    expect(() => L.bidirectional({ layer: L.dense({ units: 2 }) as any })).toThrow(/must be a recurrent layer/);
    expect(() => L.bidirectional({ layer: L.lstm({ units: 2 }), mergeMode: 'max' as any })).toThrow(/mergeMode must be/);
  });
});

describe('Bidirectional and TimeDistributed', () => {
  for (const mergeMode of ['concat', 'sum', 'mul', 'ave', null] as const) {
    it(`bidirectional mergeMode ${mergeMode} matches tfjs-layers`, async () => {
      const ours = L.bidirectional({ layer: L.lstm({ units: 3, returnSequences: true, ...rnd }), mergeMode });
      const theirs = TL.bidirectional({ layer: TL.lstm({ units: 3, returnSequences: true }) as any, mergeMode: mergeMode as any });
      const ys = await compareMulti(ours, theirs, rand([2, 4, 3], 11));
      expect(ys[0].shape).toEqual(mergeMode === 'concat' ? [2, 4, 6] : [2, 4, 3]);
      expect(ours.weights.map((w) => w.name)).toEqual(['forward_', 'backward_'].flatMap((n) => ['kernel', 'recurrent_kernel', 'bias'].map((k) => `${ours.name}/${n}${ours.layer.name}/${k}`)));
    });
  }

  it('bidirectional GRU with returnState and a mask matches tfjs-layers', async () => {
    const ours = L.bidirectional({ layer: L.gru({ units: 3, returnState: true, ...rnd }) });
    const theirs = TL.bidirectional({ layer: TL.gru({ units: 3, returnState: true }) as any });
    const mask = tf.tensor2d([[1, 1, 0], [1, 1, 1]], [2, 3], 'bool');
    const ys = await compareMulti(ours, theirs, rand([2, 3, 2], 12), { mask });
    expect(ys.map((y) => y.shape)).toEqual([[2, 6], [2, 3], [2, 3]]);
  });

  it('timeDistributed(dense) matches tfjs-layers', async () => {
    const ours = L.timeDistributed({ layer: L.dense({ units: 4, activation: 'relu', ...rnd }) });
    const y = await compareLayer(ours, TL.timeDistributed({ layer: TL.dense({ units: 4, activation: 'relu' }) }), rand([2, 5, 3], 13));
    expect(y.shape).toEqual([2, 5, 4]);
    expect(ours.computeOutputShape([null, 5, 3])).toEqual([null, 5, 4]);
  });
});

describe('ConvLSTM2D', () => {
  const cases = [
    { filters: 2, kernelSize: 3, padding: 'same' },
    { filters: 3, kernelSize: [2, 3], returnSequences: true, goBackwards: true },
    { filters: 2, kernelSize: 2, strides: 2, padding: 'valid', recurrentActivation: 'sigmoid', returnSequences: true },
    { filters: 2, kernelSize: 2, padding: 'same', dataFormat: 'channelsFirst', returnSequences: true },
  ];
  it.each(cases)('matches tfjs-layers values and gradients: %o', async (c: any) => {
    const first = c.dataFormat === 'channelsFirst';
    const x = rand(first ? [2, 3, 2, 5, 5] : [2, 3, 5, 5, 2], 50);
    const ours = L.convLstm2d({ ...c, ...rnd });
    const y = await compareLayer(ours, TL.convLstm2d(c), x, { rtol: 1e-4, atol: 1e-5 });
    expect(ours.computeOutputShape(x.shape)).toEqual(y.shape);
  });

  it('dilationRate matches tfjs-layers forward (tfjs has no dilated conv gradients) and finite differences', async () => {
    const c = { filters: 2, kernelSize: 3, padding: 'same' as const, dilationRate: 2 };
    await compareLayer(L.convLstm2d({ ...c, ...rnd }), TL.convLstm2d(c), rand([2, 3, 5, 5, 2], 53), { rtol: 1e-4, atol: 1e-5, inputGrad: false, weightGrads: false });
    checkLayerGrad(L.convLstm2d({ filters: 1, kernelSize: 2, dilationRate: 2, padding: 'same', ...rnd }), rand([1, 2, 3, 3, 1], 54));
  });

  it('returnState, masks (tfjs-layers fails on masks here: a masked last step gives the states of the steps before), finite differences', async () => {
    const c = { filters: 2, kernelSize: 2, padding: 'same' as const, returnState: true };
    const ours = L.convLstm2d({ ...c, ...rnd });
    const x = rand([2, 3, 4, 4, 1], 51);
    const ys = await compareMulti(ours, TL.convLstm2d(c), x);
    expect(ys.map((y) => y.shape)).toEqual([[2, 4, 4, 2], [2, 4, 4, 2], [2, 4, 4, 2]]);
    const masked = ours.apply(x, { mask: tf.tensor2d([[1, 1, 0], [1, 1, 0]], [2, 3], 'bool') } as any) as tf.Tensor[];
    const two = ours.apply(tf.slice(x, [0, 0, 0, 0, 0], [2, 2, 4, 4, 1])) as tf.Tensor[];
    masked.forEach((t, i) => expectClose(t, two[i], 1e-6, 1e-7));
    checkLayerGrad(L.convLstm2d({ filters: 1, kernelSize: 2, recurrentActivation: 'sigmoid', ...rnd }), rand([1, 2, 3, 3, 1], 52));
    const cfg = L.convLstm2d({ filters: 2, kernelSize: 3, name: 'cl' }).getConfig() as any, tcfg = TL.convLstm2d({ filters: 2, kernelSize: 3, name: 'cl' }).getConfig();
    expect(Object.keys(tcfg).filter((k) => tcfg[k] !== undefined && !(k in cfg))).toEqual([]);
    for (const k of ['filters', 'kernelSize', 'strides', 'padding', 'dataFormat', 'dilationRate']) expect(cfg[k]).toEqual(tcfg[k]);
  });
});

describe('gradients by finite differences', () => {
  it('fused LSTM (sigmoid and hardSigmoid), GRU (both resetAfter), SimpleRNN', () => {
    checkLayerGrad(L.lstm({ units: 3, recurrentActivation: 'sigmoid', returnSequences: true, ...rnd }), rand([2, 4, 2], 14), { eps: 1e-2 });
    checkLayerGrad(L.lstm({ units: 2, goBackwards: true, ...rnd }), rand([2, 3, 2], 15, -0.5, 0.5), { eps: 1e-3 });
    checkLayerGrad(L.gru({ units: 3, recurrentActivation: 'sigmoid', ...rnd }), rand([2, 4, 2], 16));
    checkLayerGrad(L.gru({ units: 3, resetAfter: true, recurrentActivation: 'sigmoid', ...rnd }), rand([2, 4, 2], 17));
    checkLayerGrad(L.simpleRNN({ units: 3, returnSequences: true, ...rnd }), rand([2, 4, 2], 18));
  });

  it('gruSequence (both resetAfter modes) with a mask, against finite differences', () => {
    const B = 2, T = 3, u = 2;
    for (const resetAfter of [false, true]) {
      const xp = rand([B, T, 3 * u], 24), h0 = rand([B, u], 25), rk = rand([u, 3 * u], 26), rb = rand([3 * u], 27);
      const mask = tf.tensor2d([[1, 0, 1], [0, 1, 1]], [B, T]);
      const r = rand([B, T, u], 28);
      const args = resetAfter ? [xp, h0, rk, rb] : [xp, h0, rk];
      const f = (a: tf.Tensor[]) => tf.sum(tf.mul(tf.slice(gruSequence(a[0], a[1], a[2], resetAfter ? a[3] : null, mask, false, 0, resetAfter), [0, 0, 4 * u], [B, T, u]), r));
      const tape = new tf.GradientTape();
      args.forEach((a) => tape.watch(a));
      const grads = tape.gradient(f(args), args) as tf.Tensor[];
      args.forEach((a, k) => {
        const base = vals(a), num: number[] = [];
        for (let i = 0; i < base.length; i++) {
          const at = (d: number) => { const v = base.slice(); v[i] += d; const aa = args.slice(); aa[k] = tf.tensor(v, a.shape); return f(aa).dataSync()[0]; };
          num.push((at(1e-2) - at(-1e-2)) / 2e-2);
        }
        expectClose(grads[k], num, 2e-2, 2e-3);
      });
    }
  });

  it('lstmSequence with a mask, against differences of its h and c outputs', () => {
    const B = 2, T = 3, u = 2;
    const xp = rand([B, T, 4 * u], 19), h0 = rand([B, u], 20), c0 = rand([B, u], 21), rk = rand([u, 4 * u], 22);
    const mask = tf.tensor2d([[1, 0, 1], [0, 1, 1]], [B, T]);
    const r = rand([B, T, 2 * u], 23);
    const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => {
      const y = lstmSequence(a, b, c, d, mask, true, 0);
      return tf.sum(tf.mul(tf.slice(y, [0, 0, 4 * u], [B, T, 2 * u]), r));
    };
    const args = [xp, h0, c0, rk];
    const tape = new tf.GradientTape();
    args.forEach((a) => tape.watch(a));
    const grads = tape.gradient(f(xp, h0, c0, rk), args) as tf.Tensor[];
    const eps = 1e-2;
    args.forEach((a, k) => {
      const base = vals(a), num: number[] = [];
      for (let i = 0; i < base.length; i++) {
        const at = (d: number) => { const v = base.slice(); v[i] += d; const aa = args.slice(); aa[k] = tf.tensor(v, a.shape); return f(aa[0], aa[1], aa[2], aa[3]).dataSync()[0]; };
        num.push((at(eps) - at(-eps)) / (2 * eps));
      }
      expectClose(grads[k], num, 2e-2, 2e-3);
    });
  });
});

describe('fused and stepped paths agree', () => {
  // rnn({cell: [cell]}) (a one-cell stack) steps the cell with ops; lstm/gru run the fused sequence ops
  const cases = [
    ['lstm', { recurrentActivation: 'sigmoid' }], ['lstm', { goBackwards: true }],
    ['gru', {}], ['gru', { goBackwards: true, recurrentActivation: 'sigmoid' }],
    ['gru', { resetAfter: true }], ['gru', { resetAfter: true, goBackwards: true, useBias: false }],
  ] as const;
  it.each(cases)('%s %o: values and gradients with a mask and initial states', (kind, o) => {
    const fused = (L as any)[kind]({ units: 5, returnSequences: true, returnState: true, ...rnd, ...o });
    const { goBackwards, ...cellOptions } = o as any;
    const stepped = L.rnn({ cell: [(L as any)[`${kind}Cell`]({ units: 5, ...rnd, ...cellOptions })], returnSequences: true, returnState: true, goBackwards });
    const x = rand([3, 6, 4], 41), mask = tf.tensor2d([[1, 1, 1, 1, 0, 0], [1, 0, 1, 1, 0, 1], [0, 1, 1, 1, 1, 1]], [3, 6], 'bool');
    const init = (kind === 'lstm' ? [0, 1] : [0]).map((i) => rand([3, 5], 42 + i));
    fused.apply(x); stepped.apply(x);
    stepped.setWeights(fused.getWeights());
    const run = (l: tf.Layer) => {
      const tape = new tf.GradientTape();
      [x, ...init].forEach((t) => tape.watch(t));
      const ys = l.apply(x, { mask, initialState: init } as any) as tf.Tensor[];
      const loss = ys.map((y, i) => tf.sum(tf.mul(y, rand(y.shape, 60 + i)))).reduce((a, b) => tf.add(a, b));
      return [...ys, ...(tape.gradient(loss, [x, ...init, ...l.trainableWeights]) as tf.Tensor[])];
    };
    const a = run(fused), b = run(stepped);
    expect(a.length).toBe(b.length);
    a.forEach((t, i) => expectClose(t, b[i], 1e-4, 1e-5));
  });
});

describe('stateful, dropout, configs', () => {
  it('a stateful LSTM carries its states between calls; resetStates zeroes or sets them', () => {
    const layer = L.lstm({ units: 3, stateful: true, batchInputShape: [2, 4, 2], ...rnd });
    const ref = L.lstm({ units: 3, returnState: true, ...rnd });
    const x1 = rand([2, 4, 2], 24), x2 = rand([2, 4, 2], 25);
    const y1 = layer.apply(x1) as tf.Tensor;
    ref.apply(x1);
    ref.setWeights(layer.getWeights());
    const [r1, h, c] = ref.apply(x1) as tf.Tensor[];
    expectClose(y1, r1, 1e-6, 1e-7);
    expectClose(layer.states[0]!, h, 1e-6, 1e-7);
    const y2 = layer.apply(x2) as tf.Tensor;
    expectClose(y2, (ref.apply(x2, { initialState: [h, c] } as any) as tf.Tensor[])[0], 1e-6, 1e-7);
    layer.resetStates();
    expect(vals(layer.states[1]!)).toEqual(new Array(6).fill(0));
    expectClose(layer.apply(x1) as tf.Tensor, y1, 1e-6, 1e-7);
    layer.resetStates([h, c]);
    expectClose(layer.apply(x2) as tf.Tensor, y2, 1e-6, 1e-7);
    expect(() => layer.resetStates([h])).toThrow(/expects 2 state/);
    L.lstm({ units: 2 }).resetStates(); // not stateful: nothing (model.resetStates calls every layer)
    expect(() => L.lstm({ units: 2 }).resetStates([h, c])).toThrow(/stateful: true/);
    expect(() => L.lstm({ units: 2, stateful: true }).apply(tf.input({ shape: [3, 2] }) as any)).toThrow(/fixed batch size/);
  });

  it('dropout and recurrentDropout act in training only (one mask per call), and train', () => {
    for (const kind of ['lstm', 'gru', 'simpleRNN'] as const) {
      for (const o of [{ dropout: 0.5 }, { recurrentDropout: 0.5 }]) {
        const layer = (L as any)[kind]({ units: 4, ...o, ...rnd });
        const x = rand([3, 5, 4], 26);
        const a = layer.apply(x) as tf.Tensor, b = layer.apply(x) as tf.Tensor;
        expect(vals(a)).toEqual(vals(b));
        const t = layer.apply(x, { training: true }) as tf.Tensor;
        expect(vals(t)).not.toEqual(vals(a));
        const g = tf.grads((xx: tf.Tensor) => tf.sum(layer.apply(xx, { training: true }) as tf.Tensor))([x])[0];
        expect(vals(g).every(Number.isFinite)).toBe(true);
      }
    }
  });

  it('getConfig has tfjs-layers\' keys and values; fromConfig rebuilds', () => {
    const cases: [any, any][] = [
      [L.lstm({ units: 3, returnSequences: true, name: 'l1' }), TL.lstm({ units: 3, returnSequences: true, name: 'l1' })],
      [L.gru({ units: 3, goBackwards: true, name: 'g1' }), TL.gru({ units: 3, goBackwards: true, name: 'g1' })],
      [L.simpleRNN({ units: 2, name: 's1' }), TL.simpleRNN({ units: 2, name: 's1' })],
      [L.lstmCell({ units: 2, name: 'c1' }), TL.lstmCell({ units: 2, name: 'c1' })],
    ];
    for (const [ours, theirs] of cases) {
      const a = ours.getConfig(), b = theirs.getConfig();
      const theirKeys = Object.keys(b).filter((k) => b[k] !== undefined);
      expect(theirKeys.filter((k) => !(k in a))).toEqual([]);
      expect(Object.keys(a).filter((k) => !theirKeys.includes(k)).every((k) => ['dtype', 'implementation', 'unitForgetBias', 'resetAfter'].includes(k))).toBe(true);
      for (const k of ['units', 'returnSequences', 'goBackwards', 'activation', 'recurrentActivation', 'name', 'dropout']) expect(a[k]).toEqual(b[k]);
    }
    const r = L.rnn({ cell: [L.lstmCell({ units: 2 }), L.gruCell({ units: 3 })], name: 'r1' });
    const c = r.getConfig() as any;
    expect(c.cell.className).toBe('StackedRNNCells');
    const back = (RNN as any).fromConfig(RNN, JSON.parse(JSON.stringify(c)));
    expect((back.apply(rand([2, 3, 2], 1)) as tf.Tensor).shape).toEqual([2, 3]);
  });
});

describe('in models', () => {
  it('embedding(maskZero) → lstm in a Sequential: padded steps are skipped, as tfjs-layers', async () => {
    const tfc: O = await oracle();
    const make = (Ls: any, extra: any) => [Ls.embedding({ inputDim: 6, outputDim: 3, maskZero: true, inputShape: [5] }), Ls.lstm({ units: 4, ...extra })];
    const ours = tf.sequential({ layers: make(L, rnd) });
    const theirs = tfl.sequential({ layers: make(TL, {}) });
    theirs.setWeights(ours.getWeights().map((w) => toO(tfc, w)) as any);
    const ids = tf.tensor2d([[0, 0, 3, 1, 2], [4, 5, 1, 0, 0], [1, 2, 3, 4, 5]], [3, 5], 'int32');
    const y = ours.predict(ids) as tf.Tensor;
    expectClose(y, vals(theirs.predict(toO(tfc, ids) as any) as any), 1e-4, 1e-5);
    // leading padding changes nothing: [0, 0, 3, 1, 2] gives what [3, 1, 2] gives
    const short = tf.sequential({ layers: [L.embedding({ inputDim: 6, outputDim: 3, inputShape: [3] }), L.lstm({ units: 4 })] });
    short.setWeights(ours.getWeights());
    expectClose(tf.slice(y, [0, 0], [1, 4]), short.predict(tf.tensor2d([[3, 1, 2]], [1, 3], 'int32')) as tf.Tensor, 1e-5, 1e-6);
    // and it trains
    ours.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    const h = await ours.fit(ids, tf.zeros([3, 4]), { epochs: 3, verbose: 0 });
    expect(h.history.loss[2]).toBeLessThan(h.history.loss[0] as number);
  });

  it('functional: returnState gives three outputs; states feed a second LSTM as [x, h, c]', () => {
    const inp = tf.input({ shape: [5, 3] });
    const first = L.lstm({ units: 4, returnSequences: true, returnState: true, ...rnd });
    const [seq, h, c] = first.apply(inp) as unknown as tf.SymbolicTensor[];
    expect([seq.shape, h.shape, c.shape]).toEqual([[null, 5, 4], [null, 4], [null, 4]]);
    const second = L.lstm({ units: 4, ...rnd });
    const out = second.apply([seq, h, c] as any) as unknown as tf.SymbolicTensor;
    expect(out.shape).toEqual([null, 4]);
    const m = tf.model({ inputs: inp, outputs: [out, h] });
    const x = rand([2, 5, 3], 30);
    const [o, hh] = m.predict(x) as tf.Tensor[];
    const [s1, h1, c1] = first.apply(x) as tf.Tensor[];
    expectClose(hh, h1, 1e-6, 1e-7);
    expectClose(o, second.apply(s1, { initialState: [h1, c1] }) as tf.Tensor, 1e-6, 1e-7);
  });

  it('a stateful GRU in a Sequential carries state between predict calls; model.resetStates() clears it', () => {
    const m = tf.sequential({ layers: [L.gru({ units: 3, stateful: true, batchInputShape: [2, 4, 2], ...rnd }), L.dense({ units: 1 })] });
    const x = rand([2, 4, 2], 32);
    const a = vals(m.predict(x) as tf.Tensor), b = vals(m.predict(x) as tf.Tensor);
    expect(b).not.toEqual(a);
    m.resetStates();
    expectClose(m.predict(x) as tf.Tensor, a, 1e-6, 1e-7);
  });

  it('bidirectional(lstm) → timeDistributed(dense) trains in a Sequential', async () => {
    const m = tf.sequential({ layers: [
      L.bidirectional({ layer: L.lstm({ units: 4, returnSequences: true }), inputShape: [6, 2] }),
      L.timeDistributed({ layer: L.dense({ units: 1 }) }),
    ] });
    m.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
    const x = rand([8, 6, 2], 31);
    const y = tf.cumsum(tf.slice(x, [0, 0, 0], [8, 6, 1]), 1);
    const h = await m.fit(x, y, { epochs: 20, verbose: 0 });
    expect(h.history.loss[19]).toBeLessThan(0.5 * (h.history.loss[0] as number));
  });
});

describe('memory', () => {
  it('the fused and stepped paths leave no tensors behind (forward, gradients, stateful)', () => {
    const layers = [L.lstm({ units: 3, returnSequences: true }), L.gru({ units: 3, returnState: true }),
      L.bidirectional({ layer: L.lstm({ units: 2 }) }), L.lstm({ units: 2, stateful: true, batchInputShape: [2, 4, 2] })];
    const x = rand([2, 4, 2], 40), mask = tf.tensor2d([[1, 1, 0, 1], [1, 0, 1, 1]], [2, 4], 'bool');
    for (const l of layers) l.apply(x);
    const before = tf.memory().numTensors;
    for (const l of layers) {
      tf.tidy(() => {
        const tape = new tf.GradientTape();
        tape.watch(x);
        const y = l.apply(x, { mask, training: true } as any);
        const loss = (Array.isArray(y) ? y : [y]).map((t) => tf.sum(t)).reduce((a, b) => tf.add(a, b));
        tape.gradient(loss, [x, ...l.trainableWeights]);
      });
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
