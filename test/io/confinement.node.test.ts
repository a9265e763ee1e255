// A model file is untrusted input: weight paths stay inside the model's folder (file://) or URL prefix
// (http://) unless the user allows otherwise; saves are atomic; fs failures say what and where.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf } from '../helpers.js';
import { bytes, tfjsModel } from './fixture.js';
import type { ModelArtifacts } from '../../src/io/types.js';

let root: string;
let model: { artifacts: ModelArtifacts };
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ascent-confine-'));
  model = await tfjsModel();
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** A model folder whose model.json lists `path` as its only weight file (with the right byte count). */
async function hostile(name: string, path: string): Promise<string> {
  const d = join(root, name);
  await mkdir(d, { recursive: true });
  await tf.io.fileSystem(d).save(model.artifacts);
  const json = JSON.parse(await readFile(join(d, 'model.json'), 'utf8'));
  json.weightsManifest[0].paths = [path];
  await writeFile(join(d, 'model.json'), JSON.stringify(json));
  return d;
}

describe('file:// weight paths stay inside the model folder', () => {
  it("'../secret.bin', an absolute path and a symlink out of the folder are refused, naming the path", async () => {
    const secret = join(root, 'secret.bin');
    await writeFile(secret, new Uint8Array(model.artifacts.weightData as ArrayBuffer));
    const up = await hostile('up', '../secret.bin');
    await expect(tf.loadLayersModel(`file://${up}/model.json`)).rejects.toThrow(/weight path '\.\.\/secret\.bin' in '.*model\.json' leads outside the model's folder/);
    const abs = await hostile('abs', secret);
    await expect(tf.loadLayersModel(`file://${abs}/model.json`)).rejects.toThrow(/leads outside the model's folder/);
    const link = await hostile('link', 'weights.bin');
    await rm(join(link, 'weights.bin'));
    await symlink(secret, join(link, 'weights.bin'));
    await expect(tf.loadLayersModel(`file://${link}/model.json`)).rejects.toThrow(/weight path 'weights\.bin' .*leads outside the model's folder .*\(to '.*secret\.bin'\)/);
    const before = tf.memory();
    await expect(tf.loadLayersModel(`file://${up}/model.json`)).rejects.toThrow();
    expect(tf.memory().numTensors).toBe(before.numTensors);
  });

  it('with {allowPathsOutsideModel: true} the user opts in', async () => {
    const up = join(root, 'up');
    const m = await tf.loadLayersModel(`file://${up}/model.json`, { allowPathsOutsideModel: true });
    expect(m.layers.length).toBeGreaterThan(0);
    m.dispose?.();
  });

  it('subfolders inside the model folder are fine', async () => {
    const d = await hostile('sub', 'parts/w.bin');
    await mkdir(join(d, 'parts'));
    await writeFile(join(d, 'parts', 'w.bin'), new Uint8Array(model.artifacts.weightData as ArrayBuffer));
    const m = await tf.loadLayersModel(`file://${d}/model.json`);
    expect(m.layers.length).toBeGreaterThan(0);
  });
});

describe('http(s):// weight URLs stay under the model URL prefix', () => {
  let server: Server, base: string;
  const files = new Map<string, Uint8Array | string>();
  beforeAll(async () => {
    server = createServer((req, res) => {
      const body = files.get(req.url!.split('?')[0]);
      if (body === undefined) { res.statusCode = 404; res.end(); return; }
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const json = { modelTopology: model.artifacts.modelTopology, format: 'layers-model',
      weightsManifest: [{ paths: ['../secret.bin'], weights: model.artifacts.weightSpecs }] };
    files.set('/m/model.json', JSON.stringify(json));
    files.set('/secret.bin', new Uint8Array(model.artifacts.weightData as ArrayBuffer));
    files.set('/m/other.json', JSON.stringify({ ...json, weightsManifest: [{ paths: [`${base}/secret.bin`], weights: model.artifacts.weightSpecs }] }));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("'../secret.bin' and an absolute URL elsewhere are refused; allowPathsOutsideModel opts in", async () => {
    await expect(tf.loadLayersModel(`${base}/m/model.json`)).rejects.toThrow(/weight path '\.\.\/secret\.bin' in model\.json leads outside the model's URL prefix/);
    await expect(tf.loadLayersModel(`${base}/m/other.json`)).rejects.toThrow(/leads outside the model's URL prefix/);
    const m = await tf.loadLayersModel(`${base}/m/model.json`, { allowPathsOutsideModel: true });
    expect(m.layers.length).toBeGreaterThan(0);
  });
});

describe('atomic saves', () => {
  it('a save that fails half way leaves the previous model loadable and unchanged, and no temporary files', async () => {
    const d = join(root, 'atomic');
    await tf.io.fileSystem(d).save(model.artifacts);
    const before = { json: await readFile(join(d, 'model.json'), 'utf8'), w: await readFile(join(d, 'weights.bin')) };
    // the next save writes its weights as weights.v1.bin (weights.bin is in use): make that fail
    await mkdir(join(d, 'weights.v1.bin'));
    await writeFile(join(d, 'weights.v1.bin', 'x'), 'occupied');
    await expect(tf.io.fileSystem(d).save(model.artifacts)).rejects.toThrow(/tf\.io\.fileSystem: cannot rename into place the weight file '.*weights\.v1\.bin'/);
    expect(await readFile(join(d, 'model.json'), 'utf8')).toBe(before.json);
    expect(bytes((await readFile(join(d, 'weights.bin'))).buffer)).toEqual(bytes(before.w.buffer));
    expect((await readdir(d)).sort()).toEqual(['model.json', 'weights.bin', 'weights.v1.bin']);
    const back = await tf.io.fileSystem(d).load();
    expect(back.weightSpecs).toEqual(model.artifacts.weightSpecs);
    // once the way is clear, a save replaces the model and removes the old weights
    await rm(join(d, 'weights.v1.bin'), { recursive: true });
    await tf.io.fileSystem(d).save(model.artifacts);
    expect((await readdir(d)).sort()).toEqual(['model.json', 'weights.v1.bin']);
    await tf.io.fileSystem(d).save(model.artifacts);
    expect((await readdir(d)).sort()).toEqual(['model.json', 'weights.bin']);
  });

  it('fs errors name what failed and where', async () => {
    const f = join(root, 'a-file');
    await writeFile(f, 'x');
    await expect(tf.io.fileSystem(join(f, 'sub')).save(model.artifacts)).rejects.toThrow(/tf\.io\.fileSystem: cannot create the folder '.*a-file\/sub': a part of the path is a file, not a folder \(ENOTDIR\)/);
  });
});
