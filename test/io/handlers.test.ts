// Handlers that run everywhere (Node and Chromium): memory, http with a fake fetch, browserFiles from File
// objects, shards, model.json helpers and the router.
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../helpers.js';
import { bytes, expectSameArtifacts, expectTfjsPredicts, tfjsModel } from './fixture.js';
import { parseModelJSON, weightsByteLength } from '../../src/io/artifacts.js';
import type { ModelArtifacts, WeightsManifestEntry } from '../../src/io/types.js';

let model: { artifacts: ModelArtifacts; predictions: number[] };
beforeAll(async () => { model = await tfjsModel(); });

/** model.json + shards as a URL → bytes map, served by a fake fetch that records its calls. */
function fakeServer(files: Record<string, string | ArrayBuffer>) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetchFunc = async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const body = files[url];
    return body == null ? new Response('not here', { status: 404, statusText: 'Not Found' }) : new Response(body);
  };
  return { calls, fetchFunc };
}

function served(a: ModelArtifacts, shardSizeBytes: number, folder: string, query = '') {
  const { paths, shards } = tf.io.shardWeights(a.weightData!, shardSizeBytes);
  const json = tf.io.getModelJSONForModelArtifacts(a, [{ paths, weights: a.weightSpecs! }]);
  const files: Record<string, string | ArrayBuffer> = { [`${folder}model.json${query}`]: JSON.stringify(json) };
  paths.forEach((p, i) => { files[folder + p + query] = shards[i]; });
  return { files, paths };
}

describe('tf.io.fromMemory / withSaveHandler', () => {
  it('round-trips artifacts captured from TensorFlow.js', async () => {
    let saved: ModelArtifacts | undefined;
    const saver = tf.io.withSaveHandler(async (a) => { saved = a; return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) }; });
    const res = await saver.save!(model.artifacts);
    expect(saved).toBe(model.artifacts);
    expect(res.modelArtifactsInfo.weightDataBytes).toBe(104);
    expect(res.modelArtifactsInfo.modelTopologyBytes).toBe(new TextEncoder().encode(JSON.stringify(model.artifacts.modelTopology)).length);
    const loaded = await tf.io.fromMemory(model.artifacts).load!();
    expectSameArtifacts(loaded, model.artifacts);
    await expectTfjsPredicts(loaded, model.predictions);
  });

  it('joins tfjs weightData given as a list, and takes the legacy positional form', async () => {
    const d = model.artifacts.weightData!;
    const split = await tf.io.fromMemory({ ...model.artifacts, weightData: [d.slice(0, 7), d.slice(7, 50), d.slice(50)] }).load!();
    expect(split.weightData).toBeInstanceOf(ArrayBuffer);
    expect(bytes(split.weightData)).toEqual(bytes(d));
    const legacy = await tf.io.fromMemory(model.artifacts.modelTopology as Record<string, unknown>, model.artifacts.weightSpecs, d).load!();
    expectSameArtifacts({ ...legacy, format: model.artifacts.format, generatedBy: model.artifacts.generatedBy, convertedBy: model.artifacts.convertedBy }, model.artifacts);
  });

  it('bad arguments are named', () => {
    expect(() => tf.io.withSaveHandler('x' as any)).toThrow('tf.io.withSaveHandler: expected a function');
    expect(() => tf.io.fromMemory(null as any)).toThrow('tf.io.fromMemory: expected ModelArtifacts');
  });
});

describe('tf.io.http with a fake fetch', () => {
  it('loads model.json, then every shard relative to it, with the query string and requestInit', async () => {
    const { files, paths } = served(model.artifacts, 32, 'https://h/models/m1/', '?v=2');
    expect(paths).toEqual(['group1-shard1of4.bin', 'group1-shard2of4.bin', 'group1-shard3of4.bin', 'group1-shard4of4.bin']);
    const { calls, fetchFunc } = fakeServer(files);
    const progress: number[] = [];
    const init = { headers: { authorization: 'Bearer t' } };
    const h = tf.io.resolveLoadHandler('https://h/models/m1/model.json?v=2', { fetchFunc, requestInit: init, onProgress: (f) => progress.push(f) });
    expectSameArtifacts(await h.load!(), model.artifacts);
    expect(calls.map((c) => c.url)).toEqual(['https://h/models/m1/model.json?v=2', ...paths.map((p) => `https://h/models/m1/${p}?v=2`)]);
    expect(calls.every((c) => c.init === init)).toBe(true);
    expect(progress).toEqual([0.25, 0.5, 0.75, 1]);
  });

  it('weightPathPrefix and weightUrlConverter choose where the weights come from', async () => {
    const { files } = served(model.artifacts, 1000, 'https://cdn/w/');
    files['https://h/model.json'] = files['https://cdn/w/model.json'];
    const a = fakeServer(files);
    expectSameArtifacts(await tf.io.http('https://h/model.json', { fetchFunc: a.fetchFunc, weightPathPrefix: 'https://cdn/w/' }).load(), model.artifacts);
    expect(a.calls[1].url).toBe('https://cdn/w/group1-shard1of1.bin');
    const b = fakeServer(files);
    const converted = await tf.io.http('https://h/model.json', { fetchFunc: b.fetchFunc, weightUrlConverter: async (p) => `https://cdn/w/${p}` }).load();
    expectSameArtifacts(converted, model.artifacts);
  });

  it('errors name the URL, the status and the sizes', async () => {
    const { files } = served(model.artifacts, 64, 'https://h/');
    const missing = fakeServer({ 'https://h/model.json': files['https://h/model.json'] });
    await expect(tf.io.http('https://h/model.json', { fetchFunc: missing.fetchFunc }).load()).rejects.toThrow(
      "tf.io.http: fetching weight file 'group1-shard1of2.bin' (https://h/group1-shard1of2.bin) of https://h/model.json failed: HTTP 404 Not Found");
    await expect(tf.io.http('https://h/other.json', { fetchFunc: missing.fetchFunc }).load()).rejects.toThrow(
      'tf.io.http: fetching https://h/other.json failed: HTTP 404 Not Found');
    const html = fakeServer({ 'https://h/model.json': '<!doctype html><p>index' });
    await expect(tf.io.http('https://h/model.json', { fetchFunc: html.fetchFunc }).load()).rejects.toThrow(
      "tf.io.http: 'https://h/model.json' is not valid JSON");
    const short = fakeServer({ ...files, 'https://h/group1-shard2of2.bin': (files['https://h/group1-shard2of2.bin'] as ArrayBuffer).slice(0, 20) });
    await expect(tf.io.http('https://h/model.json', { fetchFunc: short.fetchFunc }).load()).rejects.toThrow(
      "the weight files of 'https://h/model.json' do not match its manifest: weightsManifest[0] (4 weights) needs 104 bytes but its files hold 84 " +
      '(group1-shard1of2.bin: 64 bytes, group1-shard2of2.bin: 20 bytes); truncated or wrong file?');
    const down = async () => { throw new TypeError('network down'); };
    await expect(tf.io.http('https://h/model.json', { fetchFunc: down }).load()).rejects.toThrow('fetching https://h/model.json failed: network down');
  });

  it('saves as a multipart POST with model.json and model.weights.bin', async () => {
    let got: { url: string; init: RequestInit } | undefined;
    const fetchFunc = async (url: string, init?: RequestInit) => { got = { url, init: init! }; return new Response('saved'); };
    const res = await tf.io.http('https://h/upload', { fetchFunc, requestInit: { headers: { 'x-k': '1' } } }).save(model.artifacts);
    expect(got!.url).toBe('https://h/upload');
    expect(got!.init.method).toBe('POST');
    expect(got!.init.headers).toEqual({ 'x-k': '1' });
    const form = got!.init.body as FormData;
    const json = JSON.parse(await (form.get('model.json') as File).text());
    expect((form.get('model.json') as File).name).toBe('model.json');
    expect(json.weightsManifest).toEqual([{ paths: ['./model.weights.bin'], weights: model.artifacts.weightSpecs }]);
    expect(json.modelTopology).toEqual(model.artifacts.modelTopology);
    expect(bytes(await (form.get('model.weights.bin') as File).arrayBuffer())).toEqual(bytes(model.artifacts.weightData));
    expect(await res.responses![0].text()).toBe('saved');
    const put = await tf.io.http('https://h/upload', { fetchFunc, requestInit: { method: 'PUT' } }).save(model.artifacts);
    expect(got!.init.method).toBe('PUT');
    expect(put.modelArtifactsInfo.weightDataBytes).toBe(104);
  });

  it('bad options and failed saves are named', async () => {
    expect(() => tf.io.http('https://h/u', { requestInit: { body: 'x' } })).toThrow('tf.io.http: requestInit must have no body');
    expect(() => tf.io.http('')).toThrow('tf.io.http: path must be a non-empty URL string');
    const fetchFunc = async () => new Response('no', { status: 500, statusText: 'Server Error' });
    await expect(tf.io.http('https://h/u', { fetchFunc }).save(model.artifacts)).rejects.toThrow(
      'tf.io.http: saving to https://h/u failed: HTTP 500 Server Error');
  });
});

describe('tf.io.browserFiles', () => {
  const files = (a: ModelArtifacts, shardSizeBytes: number) => {
    const { paths, shards } = tf.io.shardWeights(a.weightData!, shardSizeBytes);
    const json = tf.io.getModelJSONForModelArtifacts(a, [{ paths: paths.map((p) => './' + p), weights: a.weightSpecs! }]);
    return { json: new File([JSON.stringify(json)], 'model.json'), bins: paths.map((p, i) => new File([shards[i]], p)) };
  };

  it('loads model.json and its weight files given in any order', async () => {
    const { json, bins } = files(model.artifacts, 48);
    expect(bins.length).toBe(3);
    const loaded = await tf.io.browserFiles([json, bins[2], bins[0], bins[1]]).load();
    expectSameArtifacts(loaded, model.artifacts);
    await expectTfjsPredicts(loaded, model.predictions);
    // model.json alone gives the topology alone (as tfjs)
    expect(await tf.io.browserFiles([json]).load()).toEqual({ modelTopology: model.artifacts.modelTopology });
  });

  it('missing, extra or corrupt files are named', async () => {
    const { json, bins } = files(model.artifacts, 48);
    await expect(tf.io.browserFiles([json, bins[0], bins[1]]).load()).rejects.toThrow(
      "tf.io.browserFiles: weight file 'group1-shard3of3.bin' listed in 'model.json' was not given (given: group1-shard1of3.bin, group1-shard2of3.bin)");
    await expect(tf.io.browserFiles([json, ...bins, new File(['x'], 'extra.bin')]).load()).rejects.toThrow(
      "'model.json' lists 3 weight files (group1-shard1of3.bin, group1-shard2of3.bin, group1-shard3of3.bin) but 4 were given");
    const cut = new File([(await bins[2].arrayBuffer()).slice(1)], bins[2].name);
    await expect(tf.io.browserFiles([json, bins[0], bins[1], cut]).load()).rejects.toThrow(
      /needs 104 bytes but its files hold 103 \(\.\/group1-shard1of3.bin: 48 bytes, \.\/group1-shard2of3.bin: 48 bytes, \.\/group1-shard3of3.bin: 7 bytes\)/);
    await expect(tf.io.browserFiles([new File(['{oops'], 'my.json')]).load()).rejects.toThrow("tf.io.browserFiles: 'my.json' is not valid JSON");
    expect(() => tf.io.browserFiles([])).toThrow('tf.io.browserFiles: expected [model.json, ...weight files]');
  });
});

describe('shards and model.json helpers', () => {
  it('shardWeights splits into named shards that join back', () => {
    const data = new Uint8Array(10).map((_, i) => i).buffer;
    const { paths, shards } = tf.io.shardWeights(data, 4);
    expect(paths).toEqual(['group1-shard1of3.bin', 'group1-shard2of3.bin', 'group1-shard3of3.bin']);
    expect(shards.map((s) => s.byteLength)).toEqual([4, 4, 2]);
    expect(bytes(tf.io.concatenateArrayBuffers(shards))).toEqual(bytes(data));
    expect(tf.io.shardWeights(new ArrayBuffer(0)).paths).toEqual(['group1-shard1of1.bin']);
    expect(tf.io.shardWeights(new ArrayBuffer(8 << 20)).paths).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin']);
    expect(() => tf.io.shardWeights(data, 0)).toThrow('shardWeights: shardSizeBytes must be a positive integer, got 0');
  });

  it('weightsByteLength follows dtypes, quantization and length-prefixed strings', () => {
    const specs: WeightsManifestEntry[] = [
      { name: 'a', shape: [2, 3], dtype: 'float32' },
      { name: 'b', shape: [5], dtype: 'bool' },
      { name: 'q', shape: [4], dtype: 'float32', quantization: { dtype: 'uint8', scale: 1, min: 0 } },
      { name: 's', shape: [2], dtype: 'string' },
    ];
    const strings = new Uint8Array([3, 0, 0, 0, 97, 98, 99, 1, 0, 0, 0, 100]);
    const data = new Uint8Array(24 + 5 + 4 + strings.length);
    data.set(strings, 33);
    expect(weightsByteLength(specs, data.buffer, 'w')).toBe(45);
    expect(weightsByteLength(specs, data.buffer.slice(0, 40), 'w')).toBeGreaterThan(40);
    expect(() => weightsByteLength([{ name: 'z', shape: [1], dtype: 'float64' as any }], data.buffer, 'w')).toThrow("w: weight 'z' has an unknown dtype 'float64'");
  });

  it('getModelJSONForModelArtifacts / getModelArtifactsForJSON keep the optional fields', async () => {
    const a: ModelArtifacts = { ...model.artifacts, userDefinedMetadata: { classes: ['x', 'y'] }, signature: { s: 1 },
      trainingConfig: { optimizer_config: { class_name: 'Adam', config: {} }, loss: 'mse' } };
    const json = tf.io.getModelJSONForModelArtifacts(a, [{ paths: ['weights.bin'], weights: a.weightSpecs! }]);
    expect(Object.keys(json).sort()).toEqual(['convertedBy', 'format', 'generatedBy', 'modelTopology', 'signature', 'trainingConfig', 'userDefinedMetadata', 'weightsManifest']);
    const back = await tf.io.getModelArtifactsForJSON(JSON.parse(JSON.stringify(json)), async (m) => [tf.io.getWeightSpecs(m), a.weightData!]);
    expect(back.userDefinedMetadata).toEqual(a.userDefinedMetadata);
    expect(back.trainingConfig).toEqual(a.trainingConfig);
    expect(back.signature).toEqual(a.signature);
    expectSameArtifacts(back, a);
    expect(() => parseModelJSON('[1]', 'm.json', 'f')).toThrow("f: 'm.json' holds an array, expected a model.json object");
  });
});

describe('router', () => {
  it('passes handlers through and checks they can do the job', () => {
    const h = tf.io.fromMemory(model.artifacts);
    expect(tf.io.resolveLoadHandler(h)).toBe(h);
    expect(() => tf.io.resolveSaveHandler(h, 'model.save')).toThrow('model.save: the IOHandler given has no save() method');
    expect(() => tf.io.resolveLoadHandler(42 as any)).toThrow('loadLayersModel: expected a URL string or an IOHandler, got number');
    expect(() => tf.io.resolveLoadHandler('downloads://m')).toThrow('downloads:// can only save; load the downloaded files with tf.io.browserFiles');
  });

  it('custom routers take their scheme; two matches are an error', async () => {
    const store = new Map<string, ModelArtifacts>();
    const router = (url: string | string[]) => typeof url === 'string' && url.startsWith('mem://')
      ? { save: async (a: ModelArtifacts) => { store.set(url, a); return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) }; },
          load: async () => store.get(url)! }
      : null;
    tf.io.registerSaveRouter(router);
    tf.io.registerLoadRouter(router);
    await tf.io.resolveSaveHandler('mem://one').save!(model.artifacts);
    expectSameArtifacts(await tf.io.resolveLoadHandler('mem://one').load!(), model.artifacts);
    await tf.io.copyModel('mem://one', 'mem://two');
    expect(store.get('mem://two')).toBe(model.artifacts);
    await expect(tf.io.copyModel('mem://one', 'mem://one')).rejects.toThrow("tf.io.copyModel: source and destination are the same URL 'mem://one'");
    tf.io.registerLoadRouter(router);
    expect(() => tf.io.resolveLoadHandler('mem://one')).toThrow('loadLayersModel: 2 load handlers match "mem://one"; pass one IOHandler');
  });

  it('http(s) URLs route to tf.io.http', () => {
    const [h] = tf.io.getLoadHandlers('https://h/model.json', { fetchFunc: async () => new Response('{}') });
    expect(h).toBeInstanceOf(tf.io.HTTPRequest);
    expect((h as InstanceType<typeof tf.io.HTTPRequest>).path).toBe('https://h/model.json');
    expect(tf.io.isHTTPScheme('http://a')).toBe(true);
    expect(tf.io.isHTTPScheme('file://a')).toBe(false);
  });
});
