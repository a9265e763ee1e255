// ascent/keras writes Keras 3 .keras files (issue 16). Here (Node and Chromium) ascent reads its own files back:
// a Keras fixture saved again has the same weight layout as the file Keras wrote (every dataset path and shape),
// models of each layer family predict bit-identically after the round trip, and the optimizer state goes with
// includeOptimizer so training resumes. save.node.test.ts has Keras itself load these files.
import { describe, expect, test, vi } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import * as hdf5 from 'jsfive';
import * as tf from '../../src/index.js';
import { fromKeras, toKeras } from '../../src/keras/index.js';
import { expectPredicts, fixture, flat, refs, mlp } from './fixtures.js';
import { built, inputsFor } from './models.js';

/** Every dataset of an HDF5 file: path → shape. */
function datasets(bytes: Uint8Array): Map<string, number[]> {
  const f = new hdf5.File(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 'w.h5');
  const out = new Map<string, number[]>();
  const walk = (g: hdf5.Group, path: string) => {
    for (const k of g.keys) {
      const x = g.get(k);
      if (x instanceof hdf5.Group) walk(x, `${path}${k}/`);
      else out.set(path + k, (x as hdf5.Dataset).shape ?? []);
    }
  };
  walk(f, '');
  return out;
}

describe('toKeras: a Keras file loaded and saved again keeps Keras\'s layout and predictions', () => {
  for (const name of Object.keys(refs)) {
    test(`${name}.keras`, async () => {
      const original = await fixture(`${name}.keras`);
      const m = fromKeras(original);
      const before = tf.memory().numTensors;
      const saved = toKeras(m, { includeOptimizer: true });
      expect(tf.memory().numTensors).toBe(before);
      const a = unzipSync(original), b = unzipSync(saved);
      expect(Object.keys(b).sort()).toEqual(['config.json', 'metadata.json', 'model.weights.h5']);
      expect([...datasets(b['model.weights.h5'])]).toEqual([...datasets(a['model.weights.h5'])]);
      expect(JSON.parse(strFromU8(b['config.json'])).class_name).toBe(JSON.parse(strFromU8(a['config.json'])).class_name);
      const again = fromKeras(saved);
      expectPredicts(again, refs[name]);
      m.dispose(); again.dispose();
    });
  }
});

describe('toKeras: models built in ascent come back bit-identical', () => {
  for (const b of built) {
    test(b.name, () => {
      const m = b.make();
      const xs = inputsFor(b);
      const y = m.predict(xs.length === 1 ? xs[0] : xs) as tf.Tensor;
      const before = tf.memory();
      const bytes = toKeras(m);
      expect(tf.memory().numTensors).toBe(before.numTensors);
      const back = fromKeras(bytes);
      expect(back.layers.map((l) => l.getClassName())).toEqual(m.layers.map((l) => l.getClassName()));
      const y2 = back.predict(xs.length === 1 ? xs[0] : xs) as tf.Tensor;
      expect(Array.from(y2.dataSync())).toEqual(Array.from(y.dataSync()));
      tf.dispose([...xs, y, y2]); m.dispose(); back.dispose();
    });
  }
});

describe('toKeras: includeOptimizer writes the compile config and the optimizer state', () => {
  test('mlp.keras: the Adam state survives ascent\'s save, and the next step still matches Keras\'s', async () => {
    const m = fromKeras(fromKerasSaved(await fixture('mlp.keras')));
    const ref = mlp as unknown as { trainX: number[][]; trainY: number[][]; stepLoss: number; weightsAfterStep: unknown[] };
    expect(m.trainer!.optimizer.iterations).toBe(2);
    const x = tf.tensor(flat(ref.trainX), [6, 4]), y = tf.tensor(flat(ref.trainY), [6, 3]);
    const loss = await m.trainOnBatch(x, y) as number;
    expect(Math.abs(loss - ref.stepLoss)).toBeLessThanOrEqual(1e-5 + 1e-4 * Math.abs(ref.stepLoss));
    m.getWeights().forEach((w, i) => {
      const want = flat(ref.weightsAfterStep[i]), got = w.dataSync();
      const tol = 1e-4 + 1e-3 * Math.max(...want.map(Math.abs));
      for (let j = 0; j < want.length; j++) expect(Math.abs(got[j] - want[j])).toBeLessThanOrEqual(tol);
    });
    tf.dispose([x, y]); m.dispose();
  });
  test('without includeOptimizer the file has no compile config; an optimizer Keras\'s state layout lacks is refused by name', async () => {
    const m = fromKeras(await fixture('mlp.keras'));
    expect(JSON.parse(strFromU8(unzipSync(toKeras(m))['config.json'])).compile_config).toBeUndefined();
    m.compile({ optimizer: tf.train.rmsprop(0.01), loss: 'meanSquaredError' });
    const before = tf.memory().numTensors;
    expect(() => toKeras(m, { includeOptimizer: true })).toThrow(/^toKeras: ascent writes the state of Adam, AdamW and SGD optimizers to \.keras files, not RMSProp; save with \{includeOptimizer: false\}/);
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });
});

/** fixture → ascent → .keras bytes with the optimizer. */
function fromKerasSaved(bytes: Uint8Array): Uint8Array {
  const m = fromKeras(bytes);
  try { return toKeras(m, { includeOptimizer: true }); } finally { m.dispose(); }
}

describe('model.save(\'….keras\')', () => {
  test('an unbuilt or subclassed model is refused by name', () => {
    const unbuilt = tf.sequential({ layers: [tf.layers.dense({ units: 2 })] });
    expect(() => toKeras(unbuilt)).toThrow(/^toKeras: /);
    unbuilt.dispose();
    expect(() => toKeras({} as tf.LayersModel)).toThrow(/^toKeras: expected an ascent model/);
  });
  test.runIf(typeof document === 'undefined')('file:// writes the file in place (no temporary left), and loadLayersModel reads it', async () => {
    const { mkdtemp, readdir, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'ascent-keras-'));
    try {
      const b = built[0], m = b.make();
      await m.save(`file://${join(dir, 'm.keras')}`);
      await m.save(`file://${join(dir, 'm.keras')}`); // over an existing file
      expect(await readdir(dir)).toEqual(['m.keras']);
      const back = await tf.loadLayersModel(`file://${join(dir, 'm.keras')}`);
      const xs = inputsFor(b);
      const y1 = m.predict(xs[0]) as tf.Tensor, y2 = back.predict(xs[0]) as tf.Tensor;
      expect(Array.from(y2.dataSync())).toEqual(Array.from(y1.dataSync()));
      await expect(m.save('downloads://m.keras')).rejects.toThrow(/downloads:\/\/ needs a browser page/);
      await expect(m.save(`file://${join(dir, 'missing', 'sub', 'm.keras')}`)).rejects.toThrow(/cannot write/);
      expect(await readdir(dir)).toEqual(['m.keras']);
      tf.dispose([...xs, y1, y2]); m.dispose(); back.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(typeof document !== 'undefined')("model.save('downloads://….keras') (browser)", () => {
  test('downloads one .keras file that fromKeras reads back', async () => {
    const clicks: { download: string; href: string }[] = [];
    const create = document.createElement.bind(document);
    const spy = vi.spyOn(document, 'createElement').mockImplementation(((tag: string) => {
      const el = create(tag);
      if (tag === 'a') el.dispatchEvent = () => { clicks.push({ download: (el as HTMLAnchorElement).download, href: (el as HTMLAnchorElement).href }); return true; };
      return el;
    }) as typeof document.createElement);
    try {
      const b = built[0], m = b.make();
      const res = await m.save('downloads://my-model.keras');
      expect(res.modelArtifactsInfo.weightDataBytes).toBeGreaterThan(0);
      expect(clicks.map((c) => c.download)).toEqual(['my-model.keras']);
      const back = fromKeras(new Uint8Array(await (await fetch(clicks[0].href)).arrayBuffer()));
      const xs = inputsFor(b);
      const y1 = m.predict(xs[0]) as tf.Tensor, y2 = back.predict(xs[0]) as tf.Tensor;
      expect(Array.from(y2.dataSync())).toEqual(Array.from(y1.dataSync()));
      tf.dispose([...xs, y1, y2]); m.dispose(); back.dispose();
    } finally {
      spy.mockRestore();
    }
  });
});

describe('tf.io.fromKeras(bytes)', () => {
  test('is an IOHandler: tf.loadLayersModel reads the file, with its optimizer state', async () => {
    const m = await tf.loadLayersModel(tf.io.fromKeras((await fixture('mlp.keras')).buffer as ArrayBuffer));
    expectPredicts(m, refs.mlp);
    expect(m.trainer!.optimizer.iterations).toBe(2);
    m.dispose();
    await expect(tf.loadLayersModel(tf.io.fromKeras(new Uint8Array([1, 2, 3])))).rejects.toThrow(/^loadLayersModel: tf\.io\.fromKeras: the bytes are neither/);
    expect(() => tf.io.fromKeras('m.keras' as unknown as Uint8Array)).toThrow(/^tf\.io\.fromKeras: expected the file's bytes/);
  });
});
