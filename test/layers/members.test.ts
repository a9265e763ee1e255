// tfjs Layer members beyond the forward pass (issue 15): the nodes of the functional API (input, output,
// outputShape, getInputAt/getOutputAt, inbound/outbound nodes), the call hook, added losses, getWeights
// (trainableOnly), stateful/resetStates, id; Optimizer.saveIterations; tf.CustomCallback. Checked against
// tfjs-layers on the same graphs and weights where there is a value.
import { describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import { expectClose, oracle, rand, tf } from '../helpers.js';

const L = tf.layers;
const vals = (t: { dataSync(): ArrayLike<number> }) => Array.from(t.dataSync());
const toO = (tfc: Awaited<ReturnType<typeof oracle>>, t: tf.Tensor) => tfc.tensor(vals(t), t.shape, t.dtype as 'float32');

class Sum extends tf.Layer {
  static className = 'SumForTest';
  call(x: tf.Tensor | tf.Tensor[]) { return Array.isArray(x) ? tf.addN(x) : x; }
}

describe('Layer nodes (functional API)', () => {
  it('input, output, outputShape, getInputAt/getOutputAt of a layer called once, as tfjs', async () => {
    await oracle();
    const x = tf.input({ shape: [4] }), d = L.dense({ units: 3 }), y = d.apply(x) as tf.SymbolicTensor;
    const xo = tfl.input({ shape: [4] }), dO = tfl.layers.dense({ units: 3 }), yo = dO.apply(xo) as tfl.SymbolicTensor;
    expect(d.input).toBe(x);
    expect(d.output).toBe(y);
    expect(d.getInputAt(0)).toBe(x);
    expect(d.getOutputAt(0)).toBe(y);
    expect(dO.input).toBe(xo);
    expect(d.outputShape).toEqual(dO.outputShape);
    expect(d.outputShape).toEqual([null, 3]);
    expect(d.inboundNodes.length).toBe(dO.inboundNodes.length);
    expect(d.inboundNodes[0].inputShapes).toEqual([null, 4]);
    expect(d.inboundNodes[0].outputShapes).toEqual([null, 3]);
    // a second layer on the output: an outbound node of d, whose inbound layer is d
    const e = L.dense({ units: 2 }), eO = tfl.layers.dense({ units: 2 });
    e.apply(y); eO.apply(yo);
    expect(d.outboundNodes.length).toBe(dO.outboundNodes.length);
    expect(d.outboundNodes[0].outboundLayer).toBe(e);
    expect(e.inboundNodes[0].inboundLayers).toEqual([d]);
    expect(d.inboundNodes[0].inboundLayers).toEqual([]); // a model input comes from no layer in ascent
  });

  it('a layer called twice: input/output are ill-defined, getInputAt(i) is not; outputShape when the shapes agree', () => {
    const d = L.dense({ units: 3 }), dO = tfl.layers.dense({ units: 3 });
    const a = tf.input({ shape: [4] }), b = tf.input({ shape: [4] });
    const ya = d.apply(a), yb = d.apply(b);
    dO.apply(tfl.input({ shape: [4] })); dO.apply(tfl.input({ shape: [4] }));
    expect(() => d.input).toThrow(/dense(_\d+)?: the layer has 2 inbound nodes, hence the notion of "layer input" is ill-defined; use getInputAt/);
    expect(() => dO.input).toThrow(/multiple inbound nodes/);
    expect(() => d.output).toThrow(/use getOutputAt/);
    expect(() => dO.output).toThrow(/multiple inbound nodes/);
    expect([d.getInputAt(1), d.getOutputAt(0), d.getOutputAt(1)]).toEqual([b, ya, yb]);
    expect(d.outputShape).toEqual(dO.outputShape);
    expect(() => d.getInputAt(2)).toThrow(/asked for the input at node 2, but the layer has only 2 inbound node\(s\)/);
    expect(() => dO.getInputAt(2)).toThrow(/only 2 inbound nodes/);
    // calls with different output shapes
    const f = L.dense({ units: 2 }), fO = tfl.layers.dense({ units: 2 });
    f.apply(tf.input({ shape: [4] })); f.apply(tf.input({ shape: [3, 4] }));
    fO.apply(tfl.input({ shape: [4] })); fO.apply(tfl.input({ shape: [3, 4] }));
    expect(() => f.outputShape).toThrow(/multiple inbound nodes with different output shapes/);
    expect(() => fO.outputShape).toThrow(/multiple inbound nodes with different output shapes/);
  });

  it('a layer never called symbolically (or only eagerly) has no input, output or outputShape, as in tfjs', async () => {
    const d = L.dense({ units: 2, name: 'lonely' }), dO = tfl.layers.dense({ units: 2 });
    tf.dispose(d.apply(tf.ones([1, 3])));
    const tfc = await oracle();
    dO.apply(tfc.ones([1, 3]));
    expect(() => dO.input).toThrow(/not connected/);
    expect(() => d.input).toThrow(/^lonely: the layer is not connected/);
    expect(() => d.output).toThrow(/^lonely: the layer is not connected/);
    expect(() => d.outputShape).toThrow(/^lonely: the layer has never been called and thus has no defined output shape/);
    expect(() => d.getInputAt(0)).toThrow(/never been called and thus has no defined input/);
    expect(() => tfl.layers.dense({ units: 2 }).outputShape).toThrow(/never been called/);
    d.dispose();
  });

  it('a layer of several inputs: getInputAt gives the list, inputShapes the list of shapes', () => {
    const a = tf.input({ shape: [3] }), b = tf.input({ shape: [3] });
    const pa = L.dense({ units: 3 }), pb = L.dense({ units: 3 });
    const s = new Sum({});
    const ya = pa.apply(a) as tf.SymbolicTensor, yb = pb.apply(b) as tf.SymbolicTensor;
    s.apply([ya, yb]);
    expect(s.input).toEqual([ya, yb]);
    expect(s.inboundNodes[0].inputShapes).toEqual([[null, 3], [null, 3]]);
    expect(s.inboundNodes[0].inboundLayers).toEqual([pa, pb]);
    expect(pa.outboundNodes[0].outboundLayer).toBe(s);
    expect(pb.outboundNodes[0]).toBe(pa.outboundNodes[0]);
  });

  it('a layer of several outputs: one node whose outputs are the list, outputShape the list of shapes', () => {
    class Split extends tf.Layer {
      static className = 'SplitForTest';
      computeOutputShape(s: tf.Shape | tf.Shape[]) { const x = s as tf.Shape; return [[x[0], 1], [x[0], x[1] === null ? null : x[1] - 1]]; }
      call(x: tf.Tensor | tf.Tensor[]) { const t = x as tf.Tensor; return tf.split(t, [1, t.shape[1] - 1], 1); }
    }
    const l = new Split({});
    const outs = l.apply(tf.input({ shape: [4] })) as unknown as tf.SymbolicTensor[];
    expect(l.inboundNodes.length).toBe(1);
    expect(l.output).toEqual(outs);
    expect(l.getOutputAt(0)).toEqual(outs);
    expect(l.outputShape).toEqual([[null, 1], [null, 3]]);
    const d = L.dense({ units: 2 });
    d.apply(outs[1]);
    expect(l.outboundNodes[0].outboundLayer).toBe(d);
  });

  it('ids are unique and increase', () => {
    const a = L.dense({ units: 1 }), b = L.flatten();
    expect(b.id).toBeGreaterThan(a.id);
  });
});

describe('call hook', () => {
  it('setCallHook sees the inputs and call arguments of every call on tensors (also in predict); clearCallHook stops it', () => {
    const d = L.dense({ units: 2, inputShape: [3] });
    const m = tf.sequential({ layers: [d] });
    const seen: [number[], boolean | undefined][] = [];
    d.setCallHook((inputs, args) => { seen.push([(inputs as tf.Tensor).shape, args.training]); });
    const x = rand([5, 3]);
    tf.dispose(d.apply(x, { training: true }));
    tf.dispose(m.predict(x));
    expect(seen).toEqual([[[5, 3], true], [[5, 3], false]]);
    d.clearCallHook();
    tf.dispose(d.apply(x));
    expect(seen.length).toBe(2);
    expect(() => d.setCallHook(3 as never)).toThrow(/setCallHook: expected a function, got 3/);
    m.dispose(); x.dispose();
  });
});

describe('losses', () => {
  it('a weight regularizer is in losses; calculateLosses gives the value tfjs gives on the same weights', async () => {
    const tfc = await oracle();
    const d = L.dense({ units: 3, kernelRegularizer: tf.regularizers.l2({ l2: 0.3 }), biasRegularizer: tf.regularizers.l1({ l1: 0.2 }) });
    const dO = tfl.layers.dense({ units: 3, kernelRegularizer: tfl.regularizers.l2({ l2: 0.3 }), biasRegularizer: tfl.regularizers.l1({ l1: 0.2 }) });
    const x = rand([2, 4]);
    tf.dispose(d.apply(x)); dO.apply(toO(tfc, x));
    d.weights.forEach((w, i) => w.assign(rand(w.shape, 20 + i)));
    dO.setWeights(d.getWeights().map((w) => toO(tfc, w)));
    expect(d.losses.length).toBe(dO.losses.length);
    const ours = d.calculateLosses(), theirs = dO.calculateLosses();
    ours.forEach((l, i) => expectClose(l, vals(theirs[i]), 1e-6, 1e-6));
    tf.dispose(ours);
    d.trainable = false;
    expect(d.losses.length).toBe(0); // a frozen layer's weights are not regularized (ascent, Keras)
    d.dispose(); x.dispose();
  });

  it('addLoss: training adds the loss, as tfjs does (one SGD step agrees)', async () => {
    const tfc = await oracle();
    const d = L.dense({ units: 2, inputShape: [3] });
    const m = tf.sequential({ layers: [d] });
    const dO = tfl.layers.dense({ units: 2, inputShape: [3] });
    const mO = tfl.sequential({ layers: [dO] });
    d.weights.forEach((w, i) => w.assign(rand(w.shape, 30 + i)));
    dO.setWeights(d.getWeights().map((w) => toO(tfc, w)));
    d.addLoss(() => tf.mul(0.5, tf.sum(tf.square(d.weights[0]))));
    dO.addLoss(() => tfc.mul(0.5, tfc.sum(tfc.square(dO.weights[0].read()))) as never);
    expect(d.losses.length).toBe(1);
    expect(m.losses.length).toBe(1); // a model's losses include its layers' (Keras)
    expectClose(m.calculateLosses()[0], vals(dO.calculateLosses()[0]), 1e-6, 1e-6);
    m.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    mO.compile({ optimizer: tfc.train.sgd(0.1), loss: 'meanSquaredError' });
    const x = rand([4, 3], 40), y = rand([4, 2], 41);
    const lossOurs = await m.trainOnBatch(x, y), lossTheirs = await mO.trainOnBatch(toO(tfc, x), toO(tfc, y));
    expectClose([lossOurs as number], [lossTheirs as number], 1e-5, 1e-6);
    mO.getWeights().forEach((w, i) => expectClose(m.getWeights()[i], vals(w), 1e-5, 1e-6));
    expect(() => d.addLoss(5 as never)).toThrow(/addLoss: expected functions returning a scalar, got 5/);
    m.dispose();
  });
});

describe('weights and states', () => {
  it('getWeights(trainableOnly) as tfjs (batchNormalization: gamma and beta)', async () => {
    const tfc = await oracle();
    const bn = L.batchNormalization(), bnO = tfl.layers.batchNormalization();
    const x = rand([2, 3]);
    tf.dispose(bn.apply(x)); bnO.apply(toO(tfc, x));
    expect(bn.getWeights(true).map((w) => w.shape)).toEqual(bnO.getWeights(true).map((w) => w.shape));
    expect(bn.getWeights(true).length).toBe(2);
    expect(bn.getWeights().length).toBe(4);
    bn.dispose(); x.dispose();
  });

  it('stateless layers: stateful is false and resetStates does nothing', () => {
    const d = L.dense({ units: 2 });
    expect(d.stateful).toBe(tfl.layers.dense({ units: 2 }).stateful);
    expect(d.stateful).toBe(false);
    expect(() => d.resetStates()).not.toThrow();
  });

  it('tf.layers.Layer is tf.Layer; tf.layers.input is tf.input', () => {
    expect(L.Layer).toBe(tf.Layer);
    expect(L.input({ shape: [3] }).shape).toEqual([null, 3]);
  });
});

describe('Optimizer.saveIterations and tf.CustomCallback', () => {
  it('saveIterations gives {name: iter, an int32 scalar} as tfjs does', async () => {
    const tfc = await oracle();
    const v = tf.variable(tf.scalar(1)), vO = tfc.variable(tfc.scalar(1));
    const o = tf.train.adam(0.1), oO = tfc.train.adam(0.1);
    for (let i = 0; i < 3; i++) {
      o.minimize(() => tf.square(v));
      oO.minimize(() => tfc.square(vO) as never);
    }
    const [ours, theirs] = [await o.saveIterations(), await oO.saveIterations()];
    expect(ours.name).toBe(theirs.name);
    expect(ours.tensor.dtype).toBe(theirs.tensor.dtype);
    expect(ours.tensor.shape).toEqual(theirs.tensor.shape);
    expect(vals(ours.tensor)).toEqual(vals(theirs.tensor));
    ours.tensor.dispose(); o.dispose(); v.dispose();
  });

  it('a CustomCallback\'s functions are called by fit (and awaited)', async () => {
    const m = tf.sequential({ layers: [L.dense({ units: 1, inputShape: [2] })] });
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const log: string[] = [];
    const cb = new tf.CustomCallback({
      onEpochEnd: async (epoch, logs) => { await Promise.resolve(); log.push(`epoch ${epoch} ${typeof logs.loss}`); },
      onTrainEnd: () => { log.push('end'); },
    });
    expect(cb).toBeInstanceOf(tf.Callback);
    await m.fit(tf.ones([4, 2]), tf.ones([4, 1]), { epochs: 2, callbacks: cb, verbose: 0 });
    expect(log).toEqual(['epoch 0 number', 'epoch 1 number', 'end']);
    expect(() => new tf.CustomCallback({ onEpochEnd: 3 as never })).toThrow(/CustomCallback: onEpochEnd must be a function, got number/);
    m.dispose();
  });
});
