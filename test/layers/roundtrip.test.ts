// The Layers-format round trip of every layer: for each case of test/layers/roundtrip/*.ts, a functional model of
// the one layer with seeded random weights is saved (tf.io.withSaveHandler), loaded back in ascent (identical
// predictions, same layer config), loaded in tfjs-layers 4.22 when it has the layer (predictions within
// 1e-5·(1 + |y|)), and tfjs's save of that model loads in ascent again (the reverse direction). A last test fails
// when a layer class of the registry or a tf.layers factory has no case (aliases such as maxPool2d count as covered
// by their twin). Runs in Node and Chromium.
import { describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import { expectClose, oracle, tf } from '../helpers.js';
import type { ModelArtifacts } from '../../src/io/types.js';
import { registeredClassNames } from '../../src/models/config.js';
import { inputsFor, randomizeWeights, type RoundTripCase } from './roundtrip/case.js';

const FILES = import.meta.glob('./roundtrip/*.ts', { eager: true }) as Record<string, { cases?: RoundTripCase[] }>;
/** Not layers one saves alone: the model input and the models themselves. */
// not layers of their own in a model: the base classes, the functional API's input, models, and the recurrent cells
// (saved inside the config of the rnn / stackedRNNCells / bidirectional layer that holds them: their cases cover them)
const NOT_CASES = new Set(['Layer', 'input', 'inputLayer', 'InputLayer', 'Sequential', 'Model', 'Functional', 'RNN', 'RNNCell',
  'simpleRNNCell', 'lstmCell', 'gruCell', 'stackedRNNCells', 'convLstm2dCell',
  'SimpleRNNCell', 'LSTMCell', 'GRUCell', 'StackedRNNCells', 'ConvLSTM2DCell']);

const info = { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' as const } };
type O = Awaited<ReturnType<typeof oracle>>;
const list = <T,>(y: T | T[]): T[] => (Array.isArray(y) ? y : [y]);
const vals = (t: { dataSync(): ArrayLike<number> }) => Array.from(t.dataSync());

/** The artifacts as a file would hold them: JSON topology, a copy of the weight bytes. */
function detach(a: ModelArtifacts): ModelArtifacts {
  const data = a.weightData as ArrayBuffer | ArrayBuffer[] | undefined;
  const copy = data === undefined ? undefined : Array.isArray(data) ? data.map((b) => b.slice(0)) : data.slice(0);
  return { ...a, modelTopology: JSON.parse(JSON.stringify(a.modelTopology)), weightData: copy } as ModelArtifacts;
}

async function saveAscent(m: tf.LayersModel): Promise<ModelArtifacts> {
  let art: ModelArtifacts | undefined;
  await m.save(tf.io.withSaveHandler(async (a) => { art = a; return info; }));
  return detach(art!);
}

async function roundTrip(c: RoundTripCase, tfc: O): Promise<void> {
  const inputs = c.inputShapes.map((s) => tf.input({ shape: s }));
  const layer = c.make();
  const out = layer.apply(inputs.length === 1 ? inputs[0] : inputs) as tf.SymbolicTensor | tf.SymbolicTensor[];
  const model = tf.model({ inputs, outputs: out });
  randomizeWeights(model);
  const xs = inputsFor(c, 7);
  const feed = <T,>(x: T[]): T | T[] => (x.length === 1 ? x[0] : x);
  const ys = list(model.predict(feed(xs)) as tf.Tensor | tf.Tensor[]);
  for (const y of ys) expect(vals(y).every(Number.isFinite), `${c.name}: finite predictions`).toBe(true);
  const art = await saveAscent(model);

  // ascent → ascent: identical predictions, the same layer config
  const back = await tf.loadLayersModel(tf.io.fromMemory(art));
  const again = list(back.predict(feed(xs)) as tf.Tensor | tf.Tensor[]);
  expect(again.length).toBe(ys.length);
  again.forEach((y, i) => { expect(y.shape).toEqual(ys[i].shape); expectClose(y, vals(ys[i]), 0, 0); });
  const twin = back.layers.find((l) => l.name === layer.name);
  expect(twin, `${c.name}: the loaded model has layer ${layer.name}`).toBeDefined();
  expect(twin!.getClassName()).toBe(layer.getClassName());
  expect(twin!.getConfig()).toEqual(layer.getConfig());

  if (c.tfjs) {
    // ascent → tfjs: tfjs-layers loads the artifacts and predicts the same
    const theirs = await tfl.loadLayersModel(tfc.io.fromMemory(detach(art) as never));
    const xo = xs.map((x) => tfc.tensor(vals(x), x.shape, x.dtype as 'float32'));
    const yo = list(theirs.predict(feed(xo)) as tfl.SymbolicTensor as unknown as { shape: number[]; dataSync(): ArrayLike<number> });
    expect(yo.length).toBe(ys.length);
    yo.forEach((y, i) => { expect(y.shape).toEqual(ys[i].shape); expectClose(ys[i], vals(y), 1e-5, 1e-5); });
    // tfjs → ascent: tfjs's save of that model loads in ascent and predicts the same
    let tart: ModelArtifacts | undefined;
    await theirs.save(tfc.io.withSaveHandler(async (a) => { tart = a as ModelArtifacts; return info; }));
    const fromTfjs = await tf.loadLayersModel(tf.io.fromMemory(detach(tart!)));
    list(fromTfjs.predict(feed(xs)) as tf.Tensor | tf.Tensor[]).forEach((y, i) => expectClose(y, vals(ys[i]), 1e-5, 1e-5));
    fromTfjs.dispose();
    theirs.dispose();
    tfc.dispose(xo);
  }
  back.dispose();
  model.dispose();
  tf.dispose([...xs, ...ys, ...again]);
}

const allCases: { file: string; c: RoundTripCase }[] = [];
for (const [file, mod] of Object.entries(FILES)) for (const c of mod.cases ?? []) allCases.push({ file: file.replace(/^.*\//, ''), c });

describe('Layers-format round trip', () => {
  it('found the case files and their cases have unique names (in each file)', () => {
    expect(allCases.length).toBeGreaterThan(10);
    const names = allCases.map(({ file, c }) => `${file}: ${c.name}`);
    expect(names.filter((n, i) => names.indexOf(n) !== i), 'case names used twice').toEqual([]);
  });

  for (const { file, c } of allCases) {
    it(`${file}: ${c.name}`, async () => { await roundTrip(c, await oracle()); });
  }

  it('every layer class of the registry and every tf.layers factory has a case', () => {
    const L = tf.layers as unknown as Record<string, unknown>;
    const factories = Object.keys(L).filter((k) => typeof L[k] === 'function' && !NOT_CASES.has(k));
    // the classes the cases make; a factory is covered when the class it constructs has a case (aliases too)
    const classes = new Set<string>();
    for (const { c } of allCases) { const l = c.make(); classes.add(l.getClassName()); l.dispose(); }
    // the class a factory constructs: from its source (`(args) => new Dense(args)`), or by calling it without arguments
    const classOf = (f: string) => {
      const named = /new (?:[\w$]+\.)?(\w+)\(/.exec(String(L[f]))?.[1];
      if (named) return named;
      try { const l = (L[f] as () => tf.Layer)(); const n = l.getClassName(); l.dispose(); return n; } catch { return undefined; }
    };
    const used = new Set(factories.filter((f) => classes.has(classOf(f) ?? '')));
    const missing = [
      ...factories.filter((f) => !used.has(f)).map((f) => `tf.layers.${f}`),
      ...registeredClassNames().filter((n) => !NOT_CASES.has(n) && !classes.has(n)),
    ];
    const report = [
      missing.length ? `no round-trip case: add one to test/layers/roundtrip/<family>.ts for\n  ${missing.join('\n  ')}` : '',
    ].filter((s) => s !== '').join('\n');
    expect(report, report).toBe('');
  });
});
