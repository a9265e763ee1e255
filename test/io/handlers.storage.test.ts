// Browser storage handlers: indexeddb://, localstorage://, downloads:// and model management. In Chromium
// they round-trip (and interoperate with TensorFlow.js' own handlers on the same storage); in Node they
// must fail with errors that say these schemes need a browser.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { oracle, tf } from '../helpers.js';
import { bytes, expectSameArtifacts, expectTfjsPredicts, tfjsModel } from './fixture.js';
import type { ModelArtifacts } from '../../src/io/types.js';

const inBrowser = typeof document !== 'undefined';
let model: { artifacts: ModelArtifacts; predictions: number[] };
beforeAll(async () => { model = await tfjsModel(); });

describe.runIf(inBrowser)('indexeddb:// (browser)', () => {
  afterEach(async () => {
    for (const url of Object.keys(await tf.io.listModels())) await tf.io.removeModel(url);
  });

  it('saves and loads through the URL; lists and removes', async () => {
    const res = await tf.io.resolveSaveHandler('indexeddb://io-test/a').save!(model.artifacts);
    expect(res.modelArtifactsInfo.weightDataBytes).toBe(104);
    const loaded = await tf.io.resolveLoadHandler('indexeddb://io-test/a').load!();
    expectSameArtifacts(loaded, model.artifacts);
    await expectTfjsPredicts(loaded, model.predictions);
    const list = await tf.io.listModels();
    expect(Object.keys(list)).toEqual(['indexeddb://io-test/a']);
    expect(list['indexeddb://io-test/a'].dateSaved).toBeInstanceOf(Date);
    expect(list['indexeddb://io-test/a'].weightDataBytes).toBe(104);
    expect((await tf.io.removeModel('indexeddb://io-test/a')).weightDataBytes).toBe(104);
    await expect(tf.io.browserIndexedDB('io-test/a').load()).rejects.toThrow("tf.io.browserIndexedDB: there is no model 'io-test/a' in IndexedDB");
    await expect(tf.io.removeModel('indexeddb://io-test/a')).rejects.toThrow("tf.io.removeModel: there is no model 'io-test/a' in IndexedDB");
  });

  it('model.save(url) then tf.loadLayersModel(url) predicts the same', async () => {
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2], activation: 'relu' }), tf.layers.dense({ units: 1 })] });
    const x = tf.tensor([[1, 2], [3, -1]]);
    const y = Array.from((m.predict(x) as tf.Tensor).dataSync());
    for (const url of ['indexeddb://io-test/ascent', 'localstorage://io-test/ascent']) {
      await m.save(url);
      expect(Array.from(((await tf.loadLayersModel(url)).predict(x) as tf.Tensor).dataSync())).toEqual(y);
      await tf.io.removeModel(url);
    }
  });

  it('joins weightData lists and leaves the caller\'s artifacts alone', async () => {
    const d = model.artifacts.weightData!;
    const parts = [d.slice(0, 9), d.slice(9)];
    const a = { ...model.artifacts, weightData: parts };
    await tf.io.browserIndexedDB('indexeddb://io-test/b').save(a);
    expect(a.weightData).toBe(parts);
    expect(bytes((await tf.io.browserIndexedDB('io-test/b').load()).weightData)).toEqual(bytes(d));
  });

  it('reads what TensorFlow.js saved, and TensorFlow.js reads ours', async () => {
    const tfc = await oracle();
    await tfc.io.getSaveHandlers('indexeddb://io-test/by-tfjs')[0].save!(model.artifacts as any);
    expectSameArtifacts(await tf.io.browserIndexedDB('io-test/by-tfjs').load(), model.artifacts);
    await tf.io.browserIndexedDB('io-test/by-ascent').save(model.artifacts);
    const theirs = await tfc.io.getLoadHandlers('indexeddb://io-test/by-ascent')[0].load!();
    expectSameArtifacts(theirs as ModelArtifacts, model.artifacts);
    expect(Object.keys(await tfc.io.listModels()).sort()).toEqual(['indexeddb://io-test/by-ascent', 'indexeddb://io-test/by-tfjs']);
  });
});

describe.runIf(inBrowser)('localstorage:// (browser)', () => {
  afterEach(() => localStorage.clear());

  it('saves and loads through the URL, with metadata; lists and removes', async () => {
    const a: ModelArtifacts = { ...model.artifacts, userDefinedMetadata: { labels: ['cat', 'dog'] },
      trainingConfig: { optimizer_config: { class_name: 'SGD', config: { learning_rate: 0.1 } }, loss: 'categorical_crossentropy' } };
    await tf.io.resolveSaveHandler('localstorage://io-test').save!(a);
    expect(localStorage.getItem('tensorflowjs_models/io-test/weight_data')).toBe(btoa(String.fromCharCode(...bytes(a.weightData))));
    const loaded = await tf.io.resolveLoadHandler('localstorage://io-test').load!();
    expectSameArtifacts(loaded, a);
    expect(loaded.userDefinedMetadata).toEqual(a.userDefinedMetadata);
    expect(loaded.trainingConfig).toEqual(a.trainingConfig);
    await expectTfjsPredicts(loaded, model.predictions);
    const list = await tf.io.listModels();
    expect(Object.keys(list)).toEqual(['localstorage://io-test']);
    expect(list['localstorage://io-test'].dateSaved).toBeInstanceOf(Date);
    await tf.io.removeModel('localstorage://io-test');
    expect(localStorage.length).toBe(0);
    await expect(tf.io.browserLocalStorage('io-test').load()).rejects.toThrow("tf.io.browserLocalStorage: there is no model 'io-test' in localStorage");
  });

  it('round-trips weights larger than one base64 chunk (32 KB)', async () => {
    const w = new Float32Array(25_000).map((_, i) => Math.sin(i) * 1e3);
    const a: ModelArtifacts = { modelTopology: { class_name: 'Sequential' }, weightSpecs: [{ name: 'w', shape: [25_000], dtype: 'float32' }], weightData: w.buffer };
    await tf.io.browserLocalStorage('large').save(a);
    expect(new Float32Array((await tf.io.browserLocalStorage('large').load()).weightData!)).toEqual(w);
  });

  it('interoperates with TensorFlow.js', async () => {
    const tfc = await oracle();
    await tfc.io.getSaveHandlers('localstorage://by-tfjs')[0].save!(model.artifacts as any);
    expectSameArtifacts(await tf.io.browserLocalStorage('by-tfjs').load(), model.artifacts);
    await tf.io.browserLocalStorage('by-ascent').save(model.artifacts);
    expectSameArtifacts(await tfc.io.getLoadHandlers('localstorage://by-ascent')[0].load!() as ModelArtifacts, model.artifacts);
  });

  it('corrupt entries and quota errors are explained', async () => {
    await tf.io.browserLocalStorage('bad').save(model.artifacts);
    localStorage.setItem('tensorflowjs_models/bad/weight_specs', '[{"name": ');
    await expect(tf.io.browserLocalStorage('bad').load()).rejects.toThrow(
      "tf.io.browserLocalStorage: the weight specs of model 'bad' (key 'tensorflowjs_models/bad/weight_specs') is not valid JSON");
    const big = { ...model.artifacts, weightData: new ArrayBuffer(12 << 20) }; // base64 16 MB: over Chromium's 5 MB quota
    await expect(tf.io.browserLocalStorage('big').save(big)).rejects.toThrow(/saving model 'big' failed, probably over the localStorage quota .*use indexeddb:\/\//);
    expect(Object.keys(localStorage).filter((k) => k.includes('/big/'))).toEqual([]);
  });
});

describe.runIf(inBrowser)('model management across stores (browser)', () => {
  afterEach(async () => {
    for (const url of Object.keys(await tf.io.listModels())) await tf.io.removeModel(url);
  });

  it('copyModel and moveModel between indexeddb:// and localstorage://', async () => {
    await tf.io.browserIndexedDB('m1').save(model.artifacts);
    await tf.io.copyModel('indexeddb://m1', 'localstorage://m1');
    expect(Object.keys(await tf.io.listModels()).sort()).toEqual(['indexeddb://m1', 'localstorage://m1']);
    expectSameArtifacts(await tf.io.browserLocalStorage('m1').load(), model.artifacts);
    await tf.io.moveModel('localstorage://m1', 'indexeddb://m2');
    expect(Object.keys(await tf.io.listModels()).sort()).toEqual(['indexeddb://m1', 'indexeddb://m2']);
    expectSameArtifacts(await tf.io.browserIndexedDB('m2').load(), model.artifacts);
    await expect(tf.io.moveModel('indexeddb://none', 'indexeddb://m3')).rejects.toThrow("there is no model 'none' in IndexedDB");
    expect(Object.keys(await tf.io.listModels()).sort()).toEqual(['indexeddb://m1', 'indexeddb://m2']);
  });
});

describe.runIf(inBrowser)('downloads:// (browser)', () => {
  afterEach(() => { vi.restoreAllMocks(); });

  it('downloads prefix.json and prefix.weights.bin that browserFiles loads back', async () => {
    const clicks: { download: string; href: string }[] = [];
    const create = document.createElement.bind(document);
    vi.spyOn(document, 'createElement').mockImplementation(((tag: string) => {
      const el = create(tag);
      if (tag === 'a') el.dispatchEvent = () => { clicks.push({ download: (el as HTMLAnchorElement).download, href: (el as HTMLAnchorElement).href }); return true; };
      return el;
    }) as typeof document.createElement);
    const res = await tf.io.resolveSaveHandler('downloads://my-model').save!(model.artifacts);
    expect(res.modelArtifactsInfo.weightDataBytes).toBe(104);
    expect(clicks.map((c) => c.download)).toEqual(['my-model.json', 'my-model.weights.bin']);
    const [json, bin] = await Promise.all(clicks.map(async (c) => (await fetch(c.href)).blob()));
    const parsed = JSON.parse(await json.text());
    expect(parsed.weightsManifest).toEqual([{ paths: ['./my-model.weights.bin'], weights: model.artifacts.weightSpecs }]);
    expect(bytes(await bin.arrayBuffer())).toEqual(bytes(model.artifacts.weightData));
    const loaded = await tf.io.browserFiles([new File([json], 'my-model.json'), new File([bin], 'my-model.weights.bin')]).load();
    expectSameArtifacts(loaded, model.artifacts);
    expect(tf.io.browserDownloads().modelJsonFileName).toBe('model.json');
  });
});

describe.runIf(!inBrowser)('browser schemes outside a browser (Node)', () => {
  it('say they need a browser', async () => {
    expect(() => tf.io.resolveSaveHandler('indexeddb://m', 'model.save')).toThrow('model.save: indexeddb:// works in browsers only');
    expect(() => tf.io.resolveLoadHandler('localstorage://m')).toThrow('loadLayersModel: localstorage:// works in browsers only');
    await expect(tf.io.browserIndexedDB('m').save(model.artifacts)).rejects.toThrow(
      'tf.io.browserIndexedDB: IndexedDB is not available in this environment (indexeddb:// needs a browser)');
    await expect(tf.io.browserLocalStorage('m').load()).rejects.toThrow('tf.io.browserLocalStorage: localStorage is not available');
    await expect(tf.io.browserDownloads('m').save(model.artifacts)).rejects.toThrow('tf.io.browserDownloads: downloads:// needs a browser page');
    await expect(tf.io.removeModel('indexeddb://m')).rejects.toThrow('tf.io.removeModel: indexeddb:// is not available in this environment');
    expect(await tf.io.listModels()).toEqual({});
  });
});
