// The graph machinery layers build on: layers with several inputs (build and computeOutputShape get the list of
// shapes) and several outputs (one node, outputs by tensor index, in configs too), masks flowing through
// Sequential and functional models, and the tfjs LayersModel members (getLayer, inputs/outputs, inputNames,
// outputShape, execute, predictOnBatch, resetStates, userDefinedMetadata) checked against tfjs-layers.
import { describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import { expectClose, oracle, tf } from '../helpers.js';
import { MaskProbe } from '../layers/oracle.js';

type Shape = (number | null)[];

/** x·a + y with a learned scalar a: two inputs, one output. */
class ScaleAdd extends tf.layers.Layer {
  static className = 'TestScaleAdd';
  static multiInput = true;
  seen: Shape | Shape[] | null = null;
  a: tf.Variable | null = null;
  build(s: Shape | Shape[]) { this.seen = s; this.a = this.addWeight('a', [1], 'ones'); }
  computeOutputShape(s: Shape | Shape[]) { return (s as Shape[])[0]; }
  call(inputs: tf.Tensor | tf.Tensor[]) { const [x, y] = inputs as tf.Tensor[]; return tf.add(tf.mul(x, this.a!), y); }
}

/** [x + 1, x · 2]: one input, two outputs. */
class Split2 extends tf.layers.Layer {
  static className = 'TestSplit2';
  computeOutputShape(s: Shape | Shape[]) { return [s as Shape, s as Shape]; }
  call(inputs: tf.Tensor | tf.Tensor[]) { const x = inputs as tf.Tensor; return [tf.add(x, 1), tf.mul(x, 2)]; }
}

describe('layers with several inputs and outputs', () => {
  it('a multi-input layer gets the list of shapes (symbolic and eager) and trains', async () => {
    const a = tf.input({ shape: [3] }), b = tf.input({ shape: [3] });
    const layer = new ScaleAdd();
    const y = layer.apply([a, b]);
    expect(layer.seen).toEqual([[null, 3], [null, 3]]);
    expect(y.shape).toEqual([null, 3]);
    const m = tf.model({ inputs: [a, b], outputs: y });
    const out = m.predict([tf.ones([2, 3]), tf.fill([2, 3], 2)]) as tf.Tensor;
    expectClose(out, [3, 3, 3, 3, 3, 3]);
    const eager = new ScaleAdd();
    eager.apply([tf.ones([2, 3]), tf.ones([2, 3])]);
    expect(eager.seen).toEqual([[2, 3], [2, 3]]);
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const before = (await m.evaluate([tf.ones([4, 3]), tf.zeros([4, 3])], tf.zeros([4, 3])) as tf.Scalar).dataSync()[0];
    await m.fit([tf.ones([4, 3]), tf.zeros([4, 3])], tf.zeros([4, 3]), { epochs: 5, verbose: 0 });
    const after = (m.evaluate([tf.ones([4, 3]), tf.zeros([4, 3])], tf.zeros([4, 3])) as tf.Scalar).dataSync()[0];
    expect(after).toBeLessThan(before);
  });

  it('a multi-output layer makes one node; its outputs are addressed by tensor index and survive save/load', async () => {
    tf.serialization.registerClass(Split2);
    const x = tf.input({ shape: [2], name: 'x' });
    const split = new Split2({ name: 'split' });
    const [p, q] = split.apply(x) as unknown as tf.SymbolicTensor[];
    expect(p.shape).toEqual([null, 2]);
    const d = tf.layers.dense({ units: 2, kernelInitializer: 'ones', name: 'd' });
    const m = tf.model({ inputs: x, outputs: [d.apply(q), p] });
    const outs = m.predict(tf.tensor([[1, 2]])) as tf.Tensor[];
    expectClose(outs[0], [6, 6]);
    expectClose(outs[1], [2, 3]);
    const cfg = m.getConfig() as { layers: { name: string; inboundNodes: unknown[] }[]; outputLayers: unknown[] };
    expect(cfg.outputLayers).toEqual([['d', 0, 0], ['split', 0, 0]]);
    expect(cfg.layers.find((l) => l.name === 'd')!.inboundNodes).toEqual([[['split', 0, 1, {}]]]);
    let saved: tf.io.ModelArtifacts | undefined;
    await m.save(tf.io.withSaveHandler(async (a) => { saved = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }));
    const back = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    const outs2 = back.predict(tf.tensor([[1, 2]])) as tf.Tensor[];
    expectClose(outs2[0], [6, 6]);
    expectClose(outs2[1], [2, 3]);
  });

  it('a Sequential refuses a multi-output layer', () => {
    expect(() => tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [2] }), new Split2()] })).toThrow(/has 2 outputs/);
  });

  it('apply() refuses what is not a tensor', () => {
    expect(() => tf.layers.dense({ units: 2 }).apply([1, 2] as never)).toThrow(/apply\(\) takes a tensor/);
  });
});

describe('masks', () => {
  it('flow from embedding({maskZero}) down a Sequential and a functional model', () => {
    const probe = new MaskProbe(), probe2 = new MaskProbe();
    const m = tf.sequential({ layers: [tf.layers.embedding({ inputDim: 5, outputDim: 2, maskZero: true, inputShape: [4] }), probe, probe2] });
    m.predict(tf.tensor([[1, 2, 0, 0], [3, 0, 0, 0]], [2, 4], 'int32'));
    expect(probe.masks).toEqual([[1, 1, 0, 0, 1, 0, 0, 0]]);
    expect(probe2.masks).toEqual(probe.masks);
    // a layer that does not support masking stops it
    const stop = new MaskProbe(); stop.supportsMasking = false;
    const after = new MaskProbe();
    const x = tf.input({ shape: [3] });
    const e = tf.layers.embedding({ inputDim: 5, outputDim: 2, maskZero: true }).apply(x);
    const f = tf.model({ inputs: x, outputs: after.apply(stop.apply(e)) });
    f.predict(tf.tensor([[1, 0, 2]], [1, 3], 'int32'));
    expect(stop.masks).toEqual([[1, 0, 1]]);
    expect(after.masks).toEqual([]);
  });
});

describe('LayersModel members (tfjs-layers as the oracle)', () => {
  it('getLayer, inputs/outputs, inputNames/outputNames, outputShape, execute, predictOnBatch', async () => {
    const tfc = await oracle();
    const build = (lib: typeof tf | typeof tfl) => {
      const x = lib.input({ shape: [4], name: 'in' });
      const h = lib.layers.dense({ units: 3, name: 'hidden', activation: 'relu' }).apply(x);
      const o = lib.layers.dense({ units: 2, name: 'out' }).apply(h as never);
      return lib.model({ inputs: x as never, outputs: o as never });
    };
    const ours = build(tf) as tf.LayersModel, theirs = build(tfl) as tfl.LayersModel;
    theirs.setWeights(ours.getWeights().map((w) => tfc.tensor(Array.from(w.dataSync()), w.shape)));
    expect(ours.getLayer('hidden').name).toBe(theirs.getLayer('hidden').name);
    // tfjs's functional layers list starts with the InputLayer; ours holds the layers that compute (README migration table)
    expect(ours.getLayer(1).name).toBe(theirs.getLayer(undefined as never, 2).name);
    expect(() => ours.getLayer('nope')).toThrow(/no layer named 'nope'/);
    expect(() => ours.getLayer(7)).toThrow(/out of range/);
    expect(ours.inputNames).toEqual(['in']);
    expect(ours.outputNames).toEqual(theirs.outputNames);
    expect(ours.outputShape).toEqual(theirs.outputShape);
    expect(ours.inputs.map((i) => i.shape)).toEqual(theirs.inputs.map((i) => i.shape));
    expect((ours.output as tf.SymbolicTensor).shape).toEqual((theirs.output as tfl.SymbolicTensor).shape);
    const xs = [[1, -2, 3, 0.5], [0, 1, -1, 2]];
    const h = ours.execute(tf.tensor(xs), 'hidden') as tf.Tensor;
    const hTheirs = theirs.execute(tfc.tensor(xs), (theirs.getLayer('hidden').output as tfl.SymbolicTensor).name) as never as { dataSync(): Float32Array };
    expectClose(h, Array.from(hTheirs.dataSync()));
    const both = ours.execute({ in: tf.tensor(xs) }, ['out', 'hidden']) as tf.Tensor[];
    expect(both.map((t) => t.shape)).toEqual([[2, 2], [2, 3]]);
    expectClose(ours.predictOnBatch(tf.tensor(xs)) as tf.Tensor, Array.from((theirs.predictOnBatch(tfc.tensor(xs)) as never as { dataSync(): Float32Array }).dataSync()));
    const before = tf.memory().numTensors;
    expect(() => ours.execute(tf.tensor(xs), 'nope')).toThrow(/no layer output named 'nope'/);
    expect(tf.memory().numTensors).toBe(before + 1); // the input made in the call
  });

  it('a Sequential has inputs, outputs and execute too', () => {
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2], name: 's1' }), tf.layers.dense({ units: 1, name: 's2' })] });
    expect(m.inputs[0].shape).toEqual([null, 2]);
    expect(m.inputNames).toEqual(['s1_input']);
    expect(m.outputShape).toEqual([null, 1]);
    expect((m.execute(tf.ones([5, 2]), 's1') as tf.Tensor).shape).toEqual([5, 3]);
    expect(m.getLayer('s2')).toBe(m.layers[1]);
  });

  it('userDefinedMetadata is saved and loaded (and tfjs-layers reads it)', async () => {
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
    m.setUserDefinedMetadata({ labels: ['cat', 'dog'], v: 2 });
    expect(() => m.setUserDefinedMetadata('x' as never)).toThrow(/plain object/);
    let saved: tf.io.ModelArtifacts | undefined;
    await m.save(tf.io.withSaveHandler(async (a) => { saved = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }));
    expect(saved!.userDefinedMetadata).toEqual({ labels: ['cat', 'dog'], v: 2 });
    const back = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    expect(back.getUserDefinedMetadata()).toEqual({ labels: ['cat', 'dog'], v: 2 });
    const tfc = await oracle();
    const theirs = await tfl.loadLayersModel(tfc.io.fromMemory(saved as never));
    expect(theirs.getUserDefinedMetadata()).toEqual({ labels: ['cat', 'dog'], v: 2 });
    back.resetStates(); // no stateful layers: nothing happens
  });
});

describe('Sequential nodes', () => {
  it("model.layers[i].outputShape works as in tfjs, and pop/add keep one node per layer", () => {
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2] }), tf.layers.dense({ units: 4 })] });
    expect(m.layers[0].outputShape).toEqual([null, 3]);
    expect(m.layers[1].outputShape).toEqual([null, 4]);
    m.pop();
    m.add(tf.layers.dense({ units: 5 }));
    expect(m.layers[1].outputShape).toEqual([null, 5]);
    expect(m.layers[0].inboundNodes).toHaveLength(1);
    expect(m.layers[0].outboundNodes).toHaveLength(1);
    const lazy = tf.sequential({ layers: [tf.layers.dense({ units: 2 })] });
    lazy.predict(tf.ones([1, 6]));
    expect(lazy.layers[0].outputShape).toEqual([null, 2]);
  });
});

describe('call arguments of a node', () => {
  it('are passed again when the model runs and saved as the node kwargs (multiHeadAttention with scores, causal)', async () => {
    const q = tf.input({ shape: [3, 4] }), v = tf.input({ shape: [3, 4] });
    const mha = tf.layers.multiHeadAttention({ numHeads: 2, keyDim: 2 });
    const [y, scores] = mha.apply([q, v], { returnAttentionScores: true, useCausalMask: true } as never) as unknown as tf.SymbolicTensor[];
    const m = tf.model({ inputs: [q, v], outputs: [y, scores] });
    const xs = [tf.randomNormal([2, 3, 4], 0, 1, 'float32', 1), tf.randomNormal([2, 3, 4], 0, 1, 'float32', 2)];
    const [yv, sv] = m.predict(xs) as tf.Tensor[];
    expect(sv.shape).toEqual([2, 2, 3, 3]);
    expect(sv.arraySync()[0][0][0][1]).toBe(0); // causal: the first query sees only the first key
    const cfg = m.getConfig() as { layers: { className: string; inboundNodes: unknown[][][] }[] };
    expect(cfg.layers.find((l) => l.className === 'MultiHeadAttention')!.inboundNodes[0][0][3]).toEqual({ returnAttentionScores: true, useCausalMask: true });
    let saved: tf.io.ModelArtifacts | undefined;
    await m.save(tf.io.withSaveHandler(async (a) => { saved = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }));
    expect(JSON.stringify(saved!.modelTopology)).toContain('"use_causal_mask":true');
    const back = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    const [y2, s2] = back.predict(xs) as tf.Tensor[];
    expectClose(y2, Array.from(yv.dataSync()));
    expectClose(s2, Array.from(sv.dataSync()));
    expect(() => tf.layers.dense({ units: 1 }).apply(q, { extra: tf.ones([1]) } as never)).toThrow(/must be a boolean, number or string/);
  });
});

describe('more LayersModel members', () => {
  it('findLayer, inputLayers/outputLayers, history, loss, metrics, loadTrainingConfig (as tfjs-layers)', async () => {
    const tfc = await oracle();
    const build = (lib: typeof tf | typeof tfl) => {
      const x = lib.input({ shape: [3], name: 'features' });
      const y = lib.layers.dense({ units: 2, name: 'head', activation: 'softmax' }).apply(x);
      return lib.model({ inputs: x as never, outputs: y as never });
    };
    const ours = build(tf) as tf.LayersModel, theirs = build(tfl) as tfl.LayersModel;
    expect(ours.inputLayers.map((l) => [l.name, l.getClassName()])).toEqual(theirs.inputLayers.map((l) => [l.name, l.getClassName()]));
    expect(ours.inputLayers[0]).toBe(ours.inputLayers[0]);
    expect(ours.outputLayers.map((l) => l.name)).toEqual(theirs.outputLayers.map((l) => l.name));
    expect(ours.findLayer(0).name).toBe('head');
    expect(ours.loss).toBeUndefined();
    ours.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    theirs.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    expect(ours.loss).toEqual(theirs.loss);
    expect(ours.metrics).toEqual(theirs.metrics);
    const h = await ours.fit(tf.ones([4, 3]), tf.oneHot(tf.tensor([0, 1, 0, 1], [4], 'int32'), 2), { epochs: 2, verbose: 0 });
    expect(ours.history).toBe(h);
    await theirs.fit(tfc.ones([4, 3]), tfc.oneHot(tfc.tensor1d([0, 1, 0, 1], 'int32'), 2), { epochs: 2, verbose: 0 });
    // the same logs (ascent's key is Keras' 'accuracy', with tfjs's 'acc' as an alias: README migration table)
    for (const k of Object.keys(theirs.history.history)) expect(ours.history!.history[k]).toHaveLength(2);
    // a saved training config compiles another model
    let saved: tf.io.ModelArtifacts | undefined;
    await ours.save(tf.io.withSaveHandler(async (a) => { saved = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }), { includeOptimizer: true });
    const fresh = build(tf) as tf.LayersModel;
    fresh.loadTrainingConfig(saved!.trainingConfig!);
    expect(['categoricalCrossentropy', 'categorical_crossentropy']).toContain(fresh.loss);
    expect(fresh.optimizer!.getClassName()).toBe('SGD');
    expect(() => fresh.loadTrainingConfig({} as never)).toThrow(/loadTrainingConfig/);
  });
});
