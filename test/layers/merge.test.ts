// Merge layers against tfjs-layers (values and the gradient of every input), Keras' Subtract, broadcasting
// of lower-rank inputs, Dot's axes and normalize, masks, shapes, configs and bad arguments;
// LayerNormalization against tfjs-layers; the Keras 3 activations hardSilu/hardSwish.
import { describe, expect, it } from 'vitest';
import { expectClose, rand, tf } from '../helpers.js';
import { checkLayerGrad, checkMultiInputLayerGrad, compareLayer, compareMultiInputLayer, tfl, vals } from './oracle.js';

const L = tf.layers;
const T = (shape: number[], seed: number) => tf.mul(rand(shape, seed), 2);

describe('merge layers', () => {
  const kinds = ['add', 'multiply', 'average', 'maximum', 'minimum'] as const;
  it.each(kinds)('%s of 2 and 3 inputs matches tfjs-layers (values, gradient of every input)', async (k) => {
    await compareMultiInputLayer((L as any)[k](), (tfl.layers as any)[k](), [T([3, 4], 1), T([3, 4], 2)]);
    await compareMultiInputLayer((L as any)[k](), (tfl.layers as any)[k](), [T([2, 3, 4], 3), T([2, 3, 4], 4), T([2, 3, 4], 5)]);
  });

  // tfjs' maximum/minimum gradients fail on broadcast inputs: values against tfjs, gradients by finite differences
  it.each(kinds)('%s broadcasts lower-rank inputs as tfjs-layers (size-1 axes after the batch axis)', async (k) => {
    const inputGrad = k !== 'maximum' && k !== 'minimum';
    await compareMultiInputLayer((L as any)[k](), (tfl.layers as any)[k](), [T([2, 3, 4], 6), T([2, 4], 7)], { inputGrad });
    await compareMultiInputLayer((L as any)[k](), (tfl.layers as any)[k](), [T([2, 3, 4], 8), T([2, 1, 4], 9)], { inputGrad });
    checkMultiInputLayerGrad((L as any)[k](), [T([2, 3, 4], 8), T([2, 4], 9)]);
  });

  it('subtract (Keras; tfjs has none): x1 − x2, exactly two inputs, finite differences', () => {
    const a = T([3, 4], 1), b = T([3, 4], 2);
    expectClose(L.subtract().apply([a, b]) as tf.Tensor, tf.sub(a, b), 0, 0);
    expectClose(L.subtract([a, b]), tf.sub(a, b), 0, 0);
    checkMultiInputLayerGrad(L.subtract(), [a, T([3, 1], 3)]);
    expect(() => L.subtract({ name: 'sub3' }).apply([a, b, a])).toThrow(/sub3: expects 2 inputs, got 3/);
  });

  it('concatenate on the last and a middle axis matches tfjs-layers', async () => {
    await compareMultiInputLayer(L.concatenate(), tfl.layers.concatenate(), [T([3, 2], 1), T([3, 5], 2)]);
    await compareMultiInputLayer(L.concatenate({ axis: 1 }), tfl.layers.concatenate({ axis: 1 }), [T([2, 3, 4], 3), T([2, 1, 4], 4), T([2, 2, 4], 5)]);
    // (tfjs-layers fails on negative axes other than -1)
    const a = T([2, 3, 4], 6), b = T([2, 2, 4], 7);
    expectClose(L.concatenate({ axis: -2 }).apply([a, b]) as tf.Tensor, L.concatenate({ axis: 1 }).apply([a, b]) as tf.Tensor, 0, 0);
    checkMultiInputLayerGrad(L.concatenate({ axis: -2 }), [a, b]);
  });

  it.each([
    [{ axes: 1 }, [3, 4], [3, 4]],
    [{ axes: -1, normalize: true }, [3, 4], [3, 4]],
    [{ axes: [2, 1] }, [2, 3, 4], [2, 4, 5]],
    [{ axes: [1, 1] }, [2, 3, 4], [2, 3, 5]],
    [{ axes: 2 }, [2, 3, 4], [2, 5, 4]],
    [{ axes: 2, normalize: true }, [2, 3, 4], [2, 5, 4]],
    [{ axes: [2, 1] }, [2, 3, 4], [2, 4]],
    [{ axes: [1, 2] }, [2, 4], [2, 3, 4]],
  ] as const)('dot %j of %j and %j matches tfjs-layers', async (args, s1, s2) => {
    await compareMultiInputLayer(L.dot(args as any), tfl.layers.dot(args as any), [T(s1 as any, 1), T(s2 as any, 2)], { rtol: 1e-4, atol: 1e-5 });
  });

  it('dot: finite differences (with normalize); rank 4 (beyond tfjs) against einsum', () => {
    checkMultiInputLayerGrad(L.dot({ axes: -1, normalize: true }), [T([2, 3], 1), T([2, 3], 2)]);
    checkMultiInputLayerGrad(L.dot({ axes: [2, 1] }), [T([2, 2, 3], 3), T([2, 3, 2], 4)]);
    const a = T([2, 3, 4, 5], 5), b = T([2, 5, 6], 6);
    const y = L.dot({ axes: [3, 1] }).apply([a, b]) as tf.Tensor;
    expect(y.shape).toEqual([2, 3, 4, 6]);
    expectClose(y, tf.einsum('bijk,bkl->bijl', a, b), 1e-5, 1e-5);
  });

  it('output shapes on symbolic inputs; functional form with a list', () => {
    const a = tf.input({ shape: [3, 4] }), b = tf.input({ shape: [4] }), c = tf.input({ shape: [3, 2] });
    expect(L.add().apply([a, b] as any) .shape).toEqual([null, 3, 4]);
    expect((L.add([a, b] as any) as any).shape).toEqual([null, 3, 4]);
    expect((L.concatenate({ axis: -1 }).apply([a, c] as any) as any).shape).toEqual([null, 3, 6]);
    expect((L.concatenate([a, c] as any) as any).shape).toEqual([null, 3, 6]);
    expect((L.dot({ axes: [2, 1] }).apply([a, b] as any) as any).shape).toEqual([null, 3]);
    expect((L.dot({ axes: 1 }).apply([b, b] as any) as any).shape).toEqual([null, 1]);
    const x = tf.tensor([[1, 2]]), y = tf.tensor([[3, 4]]);
    expectClose(L.add([x, y]), [4, 6], 0, 0);
    expectClose(L.average([x, y]), [2, 3], 0, 0);
    expectClose(L.maximum([x, tf.tensor([[0, 5]])]), [1, 5], 0, 0);
  });

  it('in a functional model: a residual add + concatenate graph trains, saves and reloads', async () => {
    const x = tf.input({ shape: [4] });
    const h = L.dense({ units: 4, activation: 'relu' }).apply(x) as tf.SymbolicTensor;
    const r = L.add().apply([x, h]) as tf.SymbolicTensor;
    const c = L.concatenate().apply([r, L.subtract().apply([x, h]) as tf.SymbolicTensor]) as tf.SymbolicTensor;
    const y = L.dense({ units: 1 }).apply(c) as tf.SymbolicTensor;
    const model = tf.model({ inputs: x, outputs: y });
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    const xs = rand([16, 4], 3), ys = tf.sum(xs, 1, true);
    const h0 = await model.fit(xs, ys, { epochs: 20, verbose: 0 });
    expect(h0.history.loss.at(-1)!).toBeLessThan(h0.history.loss[0] as number);
    const saved: any = {};
    await model.save(tf.io.withSaveHandler(async (a: any) => { Object.assign(saved, a); return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } } as any; }));
    const back = await tf.loadLayersModel(tf.io.fromMemory(saved));
    expectClose(back.predict(xs) as tf.Tensor, model.predict(xs) as tf.Tensor, 1e-6, 1e-6);
  });

  it('calls leave no tensors behind but their outputs', () => {
    const a = T([2, 3, 4], 1), b = T([2, 4], 2), c = T([2, 4, 5], 3);
    const ls = [L.add(), L.subtract(), L.multiply(), L.average(), L.maximum(), L.minimum(), L.dot({ axes: [2, 1], normalize: true })];
    const before = tf.memory().numTensors;
    for (const l of ls) tf.dispose(l.apply([a, l.getClassName() === 'Dot' ? c : b]) as tf.Tensor);
    tf.dispose(L.concatenate({ axis: 1 }).apply([a, a]) as tf.Tensor);
    const ln = L.layerNormalization();
    tf.dispose(ln.apply(a) as tf.Tensor);
    expect(tf.memory().numTensors).toBe(before + ln.weights.length);
  });

  it('masks: elementwise layers AND them, concatenate concatenates (unmasked = all true), dot gives none', () => {
    const m1 = tf.tensor([[1, 1, 0], [1, 0, 0]], [2, 3], 'bool'), m2 = tf.tensor([[1, 0, 1], [1, 1, 1]], [2, 3], 'bool');
    const x = T([2, 3, 4], 1);
    expect(vals(L.add().computeMask([x, x], [m1, m2])!)).toEqual([1, 0, 0, 1, 0, 0]);
    expect(vals(L.add().computeMask([x, x], [m1, null as any])!)).toEqual([1, 1, 0, 1, 0, 0]);
    expect(L.add().computeMask([x, x], null)).toBeNull();
    expect(L.add().computeMask([x, x], [null, null] as any)).toBeNull();
    // along the features: each time step is kept only if kept in every input
    expect(vals(L.concatenate().computeMask([x, x], [m1, null as any])!)).toEqual([1, 1, 0, 1, 0, 0]);
    // along the time axis: the masks are joined
    const cm = L.concatenate({ axis: 1 }).computeMask([x, T([2, 2, 4], 2)], [m1, null as any])!;
    expect(cm.shape).toEqual([2, 5]);
    expect(vals(cm)).toEqual([1, 1, 0, 1, 1, 1, 0, 0, 1, 1]);
    expect(L.dot({ axes: 2 }).computeMask([x, x], [m1, m2])).toBeNull();
  });

  it('configs match tfjs-layers keys', () => {
    expect(L.concatenate({ axis: 1 }).getConfig()).toMatchObject({ axis: 1 });
    expect(L.dot({ axes: [1, 2], normalize: true }).getConfig()).toMatchObject({ axes: [1, 2], normalize: true });
    const theirs = tfl.layers.dot({ axes: [1, 2], normalize: true }).getConfig();
    expect(Object.keys(L.dot({ axes: [1, 2], normalize: true }).getConfig()).sort()).toEqual(expect.arrayContaining(Object.keys(theirs).filter((k) => k !== 'dtype')));
    expect(Object.keys(L.concatenate().getConfig())).toEqual(expect.arrayContaining(Object.keys(tfl.layers.concatenate().getConfig())));
  });

  it('bad arguments and shapes', () => {
    const a = T([2, 3], 1);
    expect(() => L.add({ name: 'add9' }).apply(a)).toThrow(/add9: a merge layer must be called on a list of at least 2 inputs/);
    expect(() => L.add({ name: 'add8' }).apply([a])).toThrow(/add8: expects at least 2 inputs, got 1/);
    expect(() => L.add({ name: 'add7' }).apply([a, T([2, 4], 2)])).toThrow(/add7: inputs of shapes \[3\] and \[4\].*cannot be broadcast/);
    expect(() => L.add({ name: 'add6' }).apply([a, T([3, 3], 2)])).toThrow(/add6: cannot merge tensors with different batch sizes/);
    expect(() => L.concatenate({ name: 'cat1' }).apply([T([2, 3, 4], 1), T([2, 2, 5], 2)])).toThrow(/cat1: inputs must match except along the concatenation axis -1/);
    expect(() => L.concatenate({ axis: 0, name: 'cat2' }).apply([a, a])).toThrow(/cat2: cannot concatenate along the batch axis/);
    expect(() => L.concatenate({ axis: 1.5 })).toThrow(/axis must be an integer/);
    expect(() => L.dot({ axes: 'x' } as any)).toThrow(/axes must be an integer or a pair of integers/);
    expect(() => L.dot({ axes: 1, name: 'dot1' }).apply([a, T([2, 4], 2)])).toThrow(/dot1: the dot axes differ in size: 3 .* 4/);
    expect(() => L.dot({ axes: 0, name: 'dot2' }).apply([a, a])).toThrow(/dot2: cannot take the dot product over the batch axis/);
    expect(() => L.dot({ axes: 1, normalize: 1 as any })).toThrow(/normalize must be true or false/);
  });
});

describe('LayerNormalization', () => {
  const randomLN = (shape: number[], args: Record<string, unknown> = {}) => {
    const ln = L.layerNormalization(args);
    ln.apply(tf.zeros(shape));
    ln.setWeights(ln.weights.map((w, i) => rand(w.shape, 20 + i)));
    return ln;
  };
  it.each([
    [[4, 6], {}],
    [[2, 3, 5], {}],
    [[2, 3, 5], { axis: [1, 2] }],
    [[2, 3, 4, 2], { axis: [2, 3], epsilon: 1e-5 }],
    [[2, 3, 5], { axis: 1 }],
  ])('matches tfjs-layers: x %j, %j (values, input and weight gradients)', async (shape, args) => {
    await compareLayer(randomLN(shape, args), tfl.layers.layerNormalization(args as any), tf.add(tf.mul(rand(shape, 3), 3), 1), { rtol: 1e-4, atol: 1e-5 });
  });

  // tfjs-layers' gradients fail without gamma or beta: values against tfjs, gradients by finite differences
  it.each([{ center: false }, { scale: false }])('%j matches tfjs-layers; finite differences', async (args) => {
    const x = tf.add(tf.mul(rand([2, 3, 5], 3), 3), 1);
    await compareLayer(randomLN([2, 3, 5], args), tfl.layers.layerNormalization(args), x, { rtol: 1e-4, atol: 1e-5, inputGrad: false, weightGrads: false });
    checkLayerGrad(randomLN([2, 2, 3], args), rand([2, 2, 3], 5), { rtol: 3e-2, atol: 5e-3 });
  });

  it('finite differences; weight shapes and names; config as tfjs', () => {
    checkLayerGrad(randomLN([2, 3, 4], { axis: [1, 2] }), rand([2, 3, 4], 4), { rtol: 3e-2, atol: 5e-3 });
    const ln = randomLN([2, 3, 5], { axis: [1, 2], name: 'ln' });
    expect(ln.weights.map((w) => [w.name, w.shape])).toEqual([['ln/gamma', [3, 5]], ['ln/beta', [3, 5]]]);
    const ours = Object.keys(L.layerNormalization().getConfig());
    expect(ours).toEqual(expect.arrayContaining(Object.keys(tfl.layers.layerNormalization().getConfig())));
    expect(L.layerNormalization({ axis: [1, 2], epsilon: 1e-5 }).getConfig()).toMatchObject({ axis: [1, 2], epsilon: 1e-5, center: true, scale: true });
  });

  it('bad arguments', () => {
    expect(() => L.layerNormalization({ axis: 1.5 })).toThrow(/axis must be an integer or a non-empty list of integers/);
    expect(() => L.layerNormalization({ epsilon: -1 })).toThrow(/epsilon must be a finite number ≥ 0/);
    expect(() => L.layerNormalization({ axis: 3, name: 'ln3' }).apply(tf.zeros([2, 3]))).toThrow(/ln3: axis 3 is out of range for input \[2,3\]/);
    expect(() => L.layerNormalization({ axis: 0, name: 'ln0' }).apply(tf.zeros([2, 3]))).toThrow(/ln0: cannot normalise over the batch axis/);
    expect(() => L.layerNormalization({ axis: [2, 1], name: 'ln4' }).apply(tf.zeros([2, 3, 4]))).toThrow(/ln4: axes must be listed in increasing order/);
    expect(() => L.layerNormalization({ center: 'yes' as any })).toThrow(/center must be true or false/);
    expect(() => L.layerNormalization({ rmsScaling: true } as any)).toThrow(/rmsScaling .* is not supported/);
  });
});
