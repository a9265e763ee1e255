// file:// (Node): the files are tfjs-node's (model.json + weights.bin), TensorFlow.js reads them and
// writes through our handler, converter shards load, and broken files give errors naming path and sizes.
// Also http(s):// against a real local server (GET model.json + weights, POST multipart).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { oracle, tf } from '../helpers.js';
import { bytes, expectSameArtifacts, expectTfjsPredicts, tfjsModel } from './fixture.js';
import type { ModelArtifacts } from '../../src/io/types.js';

let root: string;
let model: { artifacts: ModelArtifacts; predictions: number[] };
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ascent-io-'));
  model = await tfjsModel();
});
afterAll(() => rm(root, { recursive: true, force: true }));
const dir = (name: string) => join(root, name);

describe('file:// save', () => {
  it('writes model.json + weights.bin in tfjs-node format', async () => {
    const [h] = tf.io.getSaveHandlers(`file://${dir('a')}`);
    const res = await h.save!(model.artifacts);
    expect((await readdir(dir('a'))).sort()).toEqual(['model.json', 'weights.bin']);
    const json = JSON.parse(await readFile(join(dir('a'), 'model.json'), 'utf8'));
    expect(json.weightsManifest).toEqual([{ paths: ['weights.bin'], weights: model.artifacts.weightSpecs }]);
    expect(json.modelTopology).toEqual(model.artifacts.modelTopology);
    expect(json.format).toBe('layers-model');
    expect(json.generatedBy).toBe(model.artifacts.generatedBy);
    expect(Array.from(await readFile(join(dir('a'), 'weights.bin')))).toEqual(bytes(model.artifacts.weightData));
    expect(res.modelArtifactsInfo.modelTopologyType).toBe('JSON');
    expect(res.modelArtifactsInfo.weightDataBytes).toBe(model.artifacts.weightData!.byteLength);
    expect(res.modelArtifactsInfo.dateSaved).toBeInstanceOf(Date);
  });

  it('TensorFlow.js reads the files with its own io functions', async () => {
    const tfc = await oracle();
    const json = JSON.parse(await readFile(join(dir('a'), 'model.json'), 'utf8'));
    const a = await tfc.io.getModelArtifactsForJSON(json, async (manifest) => {
      const buffers = await Promise.all(manifest[0].paths.map(async (p) => { const b = await readFile(join(dir('a'), p)); return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength); }));
      return [tfc.io.getWeightSpecs(manifest), tfc.io.concatenateArrayBuffers(buffers)];
    });
    const decoded = tfc.io.decodeWeights(a.weightData!, a.weightSpecs!);
    expect(Object.keys(decoded)).toEqual(model.artifacts.weightSpecs!.map((s) => s.name));
    await expectTfjsPredicts(a as ModelArtifacts, model.predictions);
    // and tfjs-layers loads straight through our handler object
    const m = await tfl.loadLayersModel(tf.io.fileSystem(join(dir('a'), 'model.json')) as any);
    expect(Array.from((m.predict(tfc.tensor([[0.5, -1, 2], [1.5, 0.25, -0.75]])) as any).dataSync())).toEqual(model.predictions);
  });

  it('TensorFlow.js saves through our handler; we load what it wrote', async () => {
    const tfc = await oracle();
    const m = await tfl.loadLayersModel(tfc.io.fromMemory(model.artifacts as any));
    await m.save(tf.io.fileSystem(dir('from-tfjs')) as any);
    const back = await tf.io.fileSystem(dir('from-tfjs')).load();
    expect(back.weightSpecs).toEqual(model.artifacts.weightSpecs);
    expect(bytes(back.weightData)).toEqual(bytes(model.artifacts.weightData));
    await expectTfjsPredicts(back, model.predictions);
  });

  it('writes converter-style shards when asked', async () => {
    await tf.io.fileSystem(dir('sharded'), { shardSizeBytes: 40 }).save(model.artifacts);
    const n = Math.ceil(model.artifacts.weightData!.byteLength / 40); // 26 floats = 104 bytes → 3 shards
    expect(n).toBe(3);
    const names = Array.from({ length: n }, (_, i) => `group1-shard${i + 1}of${n}.bin`);
    expect((await readdir(dir('sharded'))).sort()).toEqual(['model.json', ...names].sort());
    expect((await stat(join(dir('sharded'), names[2]))).size).toBe(104 - 80);
    const json = JSON.parse(await readFile(join(dir('sharded'), 'model.json'), 'utf8'));
    expect(json.weightsManifest[0].paths).toEqual(names);
    expectSameArtifacts(await tf.io.fileSystem(join(dir('sharded'), 'model.json')).load(), model.artifacts);
  });

  it('accepts tfjs weightData given as a list of buffers and creates nested folders', async () => {
    const d = model.artifacts.weightData!;
    await tf.io.fileSystem(join(dir('nested'), 'x', 'y')).save({ ...model.artifacts, weightData: [d.slice(0, 10), d.slice(10)] } as any);
    expect(Array.from(await readFile(join(dir('nested'), 'x', 'y', 'weights.bin')))).toEqual(bytes(d));
  });

  it('refuses to save into a file', async () => {
    await writeFile(dir('plain'), 'x');
    await expect(tf.io.fileSystem(dir('plain')).save(model.artifacts)).rejects.toThrow(/cannot save into '.*plain': it is a file/);
  });
});

describe('file:// load', () => {
  it('loads from model.json or its folder, by URL or handler', async () => {
    for (const url of [`file://${dir('a')}/model.json`, `file://${dir('a')}`]) {
      const handlers = tf.io.getLoadHandlers(url);
      expect(handlers.length).toBe(1);
      expectSameArtifacts(await handlers[0].load!(), model.artifacts);
    }
    expectSameArtifacts(await tf.io.resolveLoadHandler(`file://${dir('a')}`).load!(), model.artifacts);
  });

  it('a missing path or weight file names the path', async () => {
    await expect(tf.io.fileSystem(dir('nope')).load()).rejects.toThrow(`'${dir('nope')}' does not exist`);
    await tf.io.fileSystem(dir('noweights')).save(model.artifacts);
    await rm(join(dir('noweights'), 'weights.bin'));
    await expect(tf.io.fileSystem(dir('noweights')).load()).rejects.toThrow(
      `weight file '${join(dir('noweights'), 'weights.bin')}' (listed in '${join(dir('noweights'), 'model.json')}') does not exist`);
  });

  it('invalid JSON names the file', async () => {
    await tf.io.fileSystem(dir('badjson')).save(model.artifacts);
    const f = join(dir('badjson'), 'model.json');
    await writeFile(f, (await readFile(f, 'utf8')).slice(0, 50));
    await expect(tf.io.fileSystem(f).load()).rejects.toThrow(`tf.io.fileSystem: '${f}' is not valid JSON`);
    await writeFile(f, '{"hello": 1}');
    await expect(tf.io.fileSystem(f).load()).rejects.toThrow(/has neither 'modelTopology' nor 'weightsManifest'/);
    await writeFile(f, '{"modelTopology": {}, "weightsManifest": [{"paths": "weights.bin", "weights": []}]}');
    await expect(tf.io.fileSystem(f).load()).rejects.toThrow(/weightsManifest\[0\] must be \{paths: string\[\], weights/);
  });

  it('a truncated or overlong weights file names both sizes', async () => {
    await tf.io.fileSystem(dir('short')).save(model.artifacts);
    const w = join(dir('short'), 'weights.bin');
    const full = await readFile(w);
    await writeFile(w, full.subarray(0, 100));
    await expect(tf.io.fileSystem(dir('short')).load()).rejects.toThrow(
      /needs 104 bytes but its files hold 100 \(weights\.bin: 100 bytes\); truncated/);
    await writeFile(w, Buffer.concat([full, Buffer.alloc(8)]));
    await expect(tf.io.fileSystem(dir('short')).load()).rejects.toThrow(/needs 104 bytes but its files hold 112 .*extra bytes/);
  });

  it('a weight of an unknown dtype is named', async () => {
    const f = join(dir('a'), 'model.json');
    const json = JSON.parse(await readFile(f, 'utf8'));
    json.weightsManifest[0].weights[0].dtype = 'float64';
    await writeFile(join(dir('a'), 'odd.json'), JSON.stringify(json));
    await expect(tf.io.fileSystem(join(dir('a'), 'odd.json')).load()).rejects.toThrow(/weight 'dense_Dense\d+\/kernel' has an unknown dtype 'float64'/);
  });
});

describe('router and model management in Node', () => {
  it('unknown schemes list the known ones; browser schemes say where they work', () => {
    expect(() => tf.io.resolveSaveHandler('foo://bar', 'save')).toThrow(
      /save: no save handler for "foo:\/\/bar"; known URL schemes: file:\/\/ \(Node\), indexeddb:\/\/ .*localstorage:\/\/ .*downloads:\/\/ .*http:\/\/ .*https:\/\//);
    expect(() => tf.io.resolveLoadHandler('foo://bar')).toThrow(/loadLayersModel: no load handler for "foo:\/\/bar"/);
    expect(() => tf.io.resolveLoadHandler('my/model.json')).toThrow(/a file path\? write 'file:\/\/my\/model.json'/);
    expect(() => tf.io.resolveSaveHandler('indexeddb://m')).toThrow('save: indexeddb:// works in browsers only');
    expect(() => tf.io.resolveSaveHandler('downloads://m')).toThrow('downloads:// works in browsers only');
    expect(tf.io.getSaveHandlers('indexeddb://m')).toEqual([]);
  });

  it('copyModel between file URLs; moveModel needs a managed store', async () => {
    const info = await tf.io.copyModel(`file://${dir('a')}`, `file://${dir('copy')}`);
    expect(info.weightDataBytes).toBe(104);
    expectSameArtifacts(await tf.io.fileSystem(dir('copy')).load(), model.artifacts);
    await expect(tf.io.moveModel(`file://${dir('a')}`, `file://${dir('moved')}`)).rejects.toThrow(/tf.io.moveModel: cannot manage models at file:\/\//);
    await expect(tf.io.listModels()).resolves.toEqual({});
    await expect(tf.io.removeModel('localstorage://x')).rejects.toThrow(/localstorage:\/\/ is not available in this environment/);
  });
});

describe('http(s):// against a local server', () => {
  let server: Server;
  let base: string;
  const posted: { json?: any; weights?: number[]; contentType?: string; method?: string } = {};
  beforeAll(async () => {
    await tf.io.fileSystem(dir('served'), { shardSizeBytes: 64 }).save(model.artifacts);
    server = createServer(async (req, res) => {
      const url = new URL(req.url!, 'http://x');
      if (req.method === 'POST') {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        posted.method = req.method;
        posted.contentType = req.headers['content-type'];
        const form = await new Response(Buffer.concat(chunks), { headers: { 'content-type': req.headers['content-type']! } }).formData();
        posted.json = JSON.parse(await (form.get('model.json') as Blob).text());
        posted.weights = Array.from(new Uint8Array(await (form.get('model.weights.bin') as Blob).arrayBuffer()));
        res.end('ok');
        return;
      }
      if (url.searchParams.get('token') !== 'abc') { res.statusCode = 403; res.end(); return; }
      const body = await readFile(join(dir('served'), url.pathname.replace('/m/', ''))).catch(() => null);
      res.statusCode = body == null ? 404 : 200;
      res.end(body ?? '');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('loads model.json and its shards, keeping the query string', async () => {
    const progress: number[] = [];
    const [h] = tf.io.getLoadHandlers(`${base}/m/model.json?token=abc`, { onProgress: (f) => progress.push(f) });
    expectSameArtifacts(await h.load!(), model.artifacts);
    expect(progress).toEqual([1 / 2, 2 / 2]);
  });

  it('an HTTP error names the URL and status', async () => {
    await expect(tf.io.http(`${base}/m/model.json`).load()).rejects.toThrow(`tf.io.http: fetching ${base}/m/model.json failed: HTTP 403`);
    await expect(tf.io.http(`${base}/m/missing.json?token=abc`).load()).rejects.toThrow(/HTTP 404/);
  });

  it('saves by POSTing a multipart form like tfjs', async () => {
    const res = await tf.io.resolveSaveHandler(`${base}/upload`).save!(model.artifacts);
    expect(res.responses?.[0].ok).toBe(true);
    expect(posted.method).toBe('POST');
    expect(posted.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(posted.json.weightsManifest).toEqual([{ paths: ['./model.weights.bin'], weights: model.artifacts.weightSpecs }]);
    expect(posted.json.modelTopology).toEqual(model.artifacts.modelTopology);
    expect(posted.weights).toEqual(bytes(model.artifacts.weightData));
  });
});

describe('ascent models through file://', () => {
  it('model.save(url) then tf.loadLayersModel(url) predicts the same', async () => {
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2], activation: 'relu' }), tf.layers.dense({ units: 1 })] });
    const x = tf.tensor([[1, 2], [3, -1]]);
    const y = Array.from((m.predict(x) as tf.Tensor).dataSync());
    await m.save(`file://${dir('ascent')}`);
    expect((await readdir(dir('ascent'))).sort()).toEqual(['model.json', 'weights.bin']);
    const back = await tf.loadLayersModel(`file://${dir('ascent')}/model.json`);
    expect(Array.from((back.predict(x) as tf.Tensor).dataSync())).toEqual(y);
  });
});
