// tf.summary in Node and Chromium: checksums against published vectors, the PNG encoder against an
// independent decoder (pngjs), TF2's histogram buckets against hand-computed ones, and whole event
// streams (through an in-memory sink, and OPFS in the browser) decoded with protobufjs.
import { describe, expect, it } from 'vitest';
import { tf } from '../helpers.js';
import { adler32, crc32, crc32c, maskedCrc32c } from '../../src/summary/checksums.js';
import { floatToUint8, histogramBuckets, tfrecord } from '../../src/summary/events.js';
import { encodePng } from '../../src/summary/png.js';
import { decodePng, firstDiff, toRgba } from './png-decode.js';
import { readEvents, readRecords, shapeOf, tensorNumbers, type DecodedEvent } from './tensorboard-proto.js';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf8 = (b: Uint8Array) => new TextDecoder().decode(b);
function noise(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; out[i] = s >>> 24; }
  return out;
}

describe('checksums', () => {
  it('CRC-32C matches RFC 3720 B.4 and the "123456789" check value', () => {
    expect(crc32c(ascii('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i))).toBe(0x113fdb5c);
    expect(crc32c(new Uint8Array(0))).toBe(0);
    // continuing a checksum over a second part gives the checksum of the whole
    expect(crc32c(ascii('6789'), crc32c(ascii('12345')))).toBe(0xe3069283);
  });

  it('TFRecord masking rotates right by 15 and adds 0xa282ead8', () => {
    expect(maskedCrc32c(ascii('123456789'))).toBe(0xc78ab0e5);
    expect(maskedCrc32c(new Uint8Array(0))).toBe(0xa282ead8);
  });

  it('CRC-32 (PNG) and Adler-32 (zlib) match their check values', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32(ascii('IEND'))).toBe(0xae426082); // the CRC that ends every PNG
    expect(adler32(ascii('Wikipedia'))).toBe(0x11e60398);
    expect(adler32(new Uint8Array(0))).toBe(1);
    expect(adler32(new Uint8Array(100_000).fill(255))).toBe(0x149a302c);
  });

  it('a TFRecord is length, masked CRC of the length, data, masked CRC of the data', () => {
    const data = ascii('hello'), r = tfrecord(data), dv = new DataView(r.buffer);
    expect(r.length).toBe(5 + 16);
    expect(dv.getUint32(0, true)).toBe(5);
    expect(dv.getUint32(4, true)).toBe(0);
    expect(dv.getUint32(8, true)).toBe(maskedCrc32c(r.subarray(0, 8)));
    expect(utf8(r.subarray(12, 17))).toBe('hello');
    expect(dv.getUint32(17, true)).toBe(maskedCrc32c(data));
    expect(readRecords(r).map(utf8)).toEqual(['hello']);
    const bad = r.slice();
    bad[13] ^= 1;
    expect(() => readRecords(bad)).toThrow(/bad data CRC/);
  });
});

describe('PNG encoder', () => {
  it.each([1, 2, 3, 4])('decodes to the same pixels with %i channel(s)', (c) => {
    const w = 7, h = 5, px = noise(w * h * c, c);
    const d = decodePng(encodePng(px, w, h, c));
    expect([d.width, d.height]).toEqual([w, h]);
    expect(d.data).toEqual(toRgba(px, c));
  });

  it('compresses repetitive images and survives long matches, far distances and several stored blocks', () => {
    const w = 300, h = 300;
    const flat = new Uint8Array(w * h).fill(17);
    for (let i = 0; i < flat.length; i += 997) flat[i] = i & 255; // breaks runs: matches of every length
    const a = encodePng(flat, w, h, 1);
    expect(a.length).toBeLessThan(flat.length / 8);
    expect(firstDiff(decodePng(a).data, toRgba(flat, 1))).toBe(-1);
    // noise repeating every 30000 bytes: the matches reach 30000 bytes back (the largest distance code)
    const striped = new Uint8Array(w * h * 3), block = noise(30_000, 9);
    for (let i = 0; i < striped.length; i++) striped[i] = block[i % 30_000];
    const c = encodePng(striped, w, h, 3);
    expect(c.length).toBeLessThan(striped.length / 2);
    expect(firstDiff(decodePng(c).data, toRgba(striped, 3))).toBe(-1);
    // noise does not compress: stored blocks (raw > 65535 bytes → several of them)
    const rnd = noise(w * h * 4, 3), b = encodePng(rnd, w, h, 4);
    expect(b.length).toBeLessThan(rnd.length + h + 200);
    expect(firstDiff(decodePng(b).data, rnd)).toBe(-1);
  });

  it('rejects inconsistent sizes and channel counts', () => {
    expect(() => encodePng(new Uint8Array(5), 2, 2, 1)).toThrow(/5 bytes do not make a 2×2 image with 1 channels/);
    expect(() => encodePng(new Uint8Array(20), 2, 2, 5)).toThrow(/channels must be 1, 2, 3 or 4/);
  });
});

describe('histogram buckets (TF2 tb_summary._buckets)', () => {
  it('equal-width buckets from min to max, the last one closed', () => {
    expect(histogramBuckets([0, 1, 1, 2, 5], 5)).toEqual([[0, 1, 1], [1, 2, 2], [2, 3, 1], [3, 4, 0], [4, 5, 1]]);
    // width 1: -1 → 0, 0 and 0.5 → 1, 2 → floor(3) = 3 clamped to 2
    expect(histogramBuckets([-1, 0, 0.5, 2], 3)).toEqual([[-1, 0, 1], [0, 1, 2], [1, 2, 1]]);
  });

  it('30 buckets by default, edges min + i·width in float64 as tf.linspace', () => {
    const b = histogramBuckets([0, 3, 1.5]);
    expect(b.length).toBe(30);
    expect(b[3][0]).toBe(0.30000000000000004); // 3 · 0.1 in float64, not 0.3
    expect(b[29]).toEqual([2.9000000000000004, 3, 1]);
    expect(b[15]).toEqual([1.5, 1.6, 1]);
    expect(b.reduce((s, r) => s + r[2], 0)).toBe(3);
  });

  it('edge cases: one distinct value, no data, zero buckets', () => {
    expect(histogramBuckets([3, 3, 3], 4)).toEqual([[3, 3, 0], [3, 3, 0], [3, 3, 0], [3, 3, 3]]);
    expect(histogramBuckets([], 2)).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(histogramBuckets([1, 2], 0)).toEqual([]);
    expect(histogramBuckets([1, NaN, 2, Infinity], 1)).toEqual([[1, 2, 2]]);
  });
});

it('image values convert as tf.image.convert_image_dtype(x, uint8, saturate=True)', () => {
  expect([0, 1, 0.5, -0.2, 1.7, NaN, 1 / 255, 254.5 / 255.5].map(floatToUint8)).toEqual([0, 255, 127, 0, 255, 0, 1, 254]);
});

// ---- writers ----------------------------------------------------------------------------------

function only(files: Map<string, Uint8Array>): [string, DecodedEvent[]] {
  expect(files.size).toBe(1);
  const [[path, bytes]] = [...files];
  return [path, readEvents(bytes)];
}

describe('summary writer', () => {
  it('writes the file version first, then scalars, histograms, images and text as TF2 does', async () => {
    const sink = tf.summary.memorySink();
    const w = tf.summary.createFileWriter('logs/run', { sink });
    const t0 = Date.now() / 1000;
    const img = tf.tensor([[[[0], [0.5]], [[1], [0.25]]], [[[1], [1]], [[0], [0]]]]); // [2, 2, 2, 1]
    const results = w.asDefault(() => [
      tf.summary.scalar('loss', 0.25, 3),
      tf.summary.scalar('acc', tf.scalar(0.75), 4, 'accuracy on the batch'),
      tf.summary.histogram('h', [0, 1, 1, 2, 5], 5, 5),
      tf.summary.image('im', img, 6, 1),
      tf.summary.text('t', 'hello *world*', 7),
      tf.summary.text('table', [['a', 'b'], ['c', 'd'], ['e', 'f']], 8),
    ]);
    expect(results).toEqual([true, true, true, true, true, true]);
    await w.close();
    const [path, evs] = only(sink.files);
    expect(path).toMatch(/^logs\/run\/events\.out\.tfevents\.\d{10}\.[^.]+\.\d+\.\d+\.v2$/);
    expect(path).toBe(`logs/run/${w.fileName}`);
    expect(evs[0].file_version).toBe('brain.Event:2');
    expect(evs[0].source_metadata?.writer).toBe('ascent');
    expect(Math.abs(evs[0].wall_time - t0)).toBeLessThan(60);
    expect(Number.isInteger(evs[0].wall_time)).toBe(true);
    expect(evs.slice(1).map((e) => e.step)).toEqual([3, 4, 5, 6, 7, 8]);
    for (const e of evs.slice(1)) expect(Math.abs(e.wall_time - t0)).toBeLessThan(60);
    const v = evs.slice(1).map((e) => { expect(e.summary!.value.length).toBe(1); return e.summary!.value[0]; });
    expect(v.map((x) => x.tag)).toEqual(['loss', 'acc', 'h', 'im', 't', 'table']);
    expect(v.map((x) => x.metadata!.plugin_data!.plugin_name)).toEqual(['scalars', 'scalars', 'histograms', 'images', 'text', 'text']);
    expect(v[1].metadata!.summary_description).toBe('accuracy on the batch');
    // scalars: DT_FLOAT rank 0, raw float32
    for (const [i, x] of [[0, 0.25], [1, 0.75]] as const) {
      expect(v[i].tensor!.dtype).toBe(1);
      expect(shapeOf(v[i].tensor!)).toEqual([]);
      expect(tensorNumbers(v[i].tensor!)).toEqual([x]);
    }
    // histogram: DT_DOUBLE [5, 3]
    expect(v[2].tensor!.dtype).toBe(2);
    expect(shapeOf(v[2].tensor!)).toEqual([5, 3]);
    expect(tensorNumbers(v[2].tensor!)).toEqual([0, 1, 1, 1, 2, 2, 2, 3, 1, 3, 4, 0, 4, 5, 1]);
    // image: DT_STRING [2 + 1]: width, height, then the first image as PNG
    expect(v[3].tensor!.dtype).toBe(7);
    expect(shapeOf(v[3].tensor!)).toEqual([3]);
    const sv = v[3].tensor!.string_val!;
    expect([utf8(sv[0]), utf8(sv[1])]).toEqual(['2', '2']);
    const png = decodePng(sv[2]);
    expect([png.width, png.height]).toEqual([2, 2]);
    expect(png.data).toEqual(toRgba(Uint8Array.of(0, 127, 255, 63), 1));
    // text: DT_STRING scalar and [3, 2]
    expect(shapeOf(v[4].tensor!)).toEqual([]);
    expect(v[4].tensor!.string_val!.map(utf8)).toEqual(['hello *world*']);
    expect(shapeOf(v[5].tensor!)).toEqual([3, 2]);
    expect(v[5].tensor!.string_val!.map(utf8)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    img.dispose();
  });

  it('int32 images are 0..255 values; RGB and maxOutputs; the reported size is of the whole batch', async () => {
    const sink = tf.summary.memorySink();
    const w = tf.summary.createFileWriter('rgb', { sink });
    const px = Int32Array.from(noise(4 * 3 * 5 * 3, 5));
    px[0] = 300; px[1] = -4; // clipped
    const x = tf.tensor(px, [4, 3, 5, 3], 'int32');
    w.setAsDefault();
    try {
      expect(tf.summary.image('rgb', x, 1, 2)).toBe(true);
      expect(tf.summary.image('all', x, 2)).toBe(true); // maxOutputs 3
    } finally { await w.close(); }
    const [, evs] = only(sink.files);
    const [a, b] = evs.slice(1).map((e) => e.summary!.value[0].tensor!.string_val!);
    expect(a.length).toBe(4);
    expect(b.length).toBe(5);
    expect([utf8(a[0]), utf8(a[1])]).toEqual(['5', '3']);
    const clipped = Uint8Array.from(px, (v) => Math.min(255, Math.max(0, v)));
    for (let i = 0; i < 3; i++) {
      const d = decodePng(b[2 + i]);
      expect([d.width, d.height]).toEqual([5, 3]);
      expect(d.data).toEqual(toRgba(clipped.subarray(i * 45, (i + 1) * 45), 3));
    }
    expect(decodePng(a[3]).data).toEqual(decodePng(b[3]).data);
    x.dispose();
  });

  it('without a default writer summaries return false; asDefault nests and restores; setStep supplies steps', async () => {
    expect(tf.summary.scalar('x', 1, 0)).toBe(false);
    const sink = tf.summary.memorySink();
    const outer = tf.summary.createFileWriter('outer', { sink }), inner = tf.summary.createFileWriter('inner', { sink });
    outer.asDefault(() => {
      tf.summary.scalar('a', 1, 1);
      inner.asDefault(() => tf.summary.scalar('b', 2, 2));
      expect(() => inner.asDefault(() => { throw new Error('boom'); })).toThrow('boom');
      tf.summary.scalar('c', 3, 3);
      tf.summary.experimental.setStep(10);
      tf.summary.scalar('d', 4);
      outer.asDefault(() => tf.summary.scalar('e', 5), 20);
      expect(tf.summary.experimental.getStep()).toBe(10);
      tf.summary.experimental.setStep(null);
    });
    expect(tf.summary.scalar('x', 1, 0)).toBe(false);
    // an async block keeps its writer until it settles
    await inner.asDefault(async () => { await new Promise((r) => setTimeout(r, 1)); tf.summary.scalar('f', 6, 6); });
    expect(tf.summary.scalar('x', 1, 0)).toBe(false);
    await outer.close();
    await inner.close();
    const tags = (dir: string) => {
      const [, bytes] = [...sink.files].find(([k]) => k.startsWith(`${dir}/`))!;
      return readEvents(bytes).slice(1).map((e) => `${e.summary!.value[0].tag}@${e.step}`);
    };
    expect(tags('outer')).toEqual(['a@1', 'c@3', 'd@10', 'e@20']);
    expect(tags('inner')).toEqual(['b@2', 'f@6']);
  });

  it('queues up to maxQueue events, then writes them without a flush; two writers get two files', async () => {
    const sink = tf.summary.memorySink();
    const w = tf.summary.createFileWriter('q', { sink, maxQueue: 2 });
    await w.flush(); // the file-version record is written at once
    const size = () => [...sink.files.values()][0].length;
    const s0 = size();
    w.asDefault(() => { tf.summary.scalar('a', 1, 1); tf.summary.scalar('a', 2, 2); });
    await new Promise((r) => setTimeout(r, 0));
    expect(size()).toBe(s0);
    w.asDefault(() => tf.summary.scalar('a', 3, 3)); // third event: more than maxQueue queued
    await new Promise((r) => setTimeout(r, 0));
    expect(readEvents([...sink.files.values()][0]).length).toBe(4);
    const w2 = tf.summary.createFileWriter('q', { sink, filenameSuffix: 'custom' });
    await Promise.all([w.close(), w2.close()]);
    expect(sink.files.size).toBe(2);
    expect(w2.fileName).toMatch(/\.custom$/);
    expect(w2.fileName).not.toBe(w.fileName);
  });

  it('negative and large steps survive the int64 encoding', async () => {
    const sink = tf.summary.memorySink();
    const w = tf.summary.createFileWriter('steps', { sink });
    w.asDefault(() => { tf.summary.scalar('s', 1, -5); tf.summary.scalar('s', 1, 2 ** 40 + 3); tf.summary.scalar('s', 1, tf.scalar(7, 'int32')); });
    await w.close();
    expect(only(sink.files)[1].slice(1).map((e) => e.step)).toEqual([-5, 2 ** 40 + 3, 7]);
  });

  it('bad input throws errors naming the function and the argument; the writer stays usable', async () => {
    const sink = tf.summary.memorySink();
    const w = tf.summary.createFileWriter('errors', { sink });
    w.asDefault(() => {
      expect(() => tf.summary.scalar('s', 1)).toThrow(/summary\.scalar: no step/);
      expect(() => tf.summary.scalar('s', tf.tensor([1, 2]), 0)).toThrow(/summary\.scalar: data must be a scalar, got a tensor of shape \[2\]/);
      expect(() => tf.summary.scalar('', 1, 0)).toThrow(/summary\.scalar: name must be a non-empty string/);
      expect(() => tf.summary.scalar('s', 1, 1.5)).toThrow(/summary\.scalar: step must be an integer/);
      expect(() => tf.summary.histogram('h', [1, 'a'] as unknown as number[], 0)).toThrow(/summary\.histogram: data must hold numbers/);
      expect(() => tf.summary.histogram('h', [1, 2], 0, -1)).toThrow(/summary\.histogram: buckets must be an integer ≥ 0, got -1/);
      expect(() => tf.summary.image('i', tf.zeros([2, 2, 3]), 0)).toThrow(/summary\.image: data must be \[k, height, width, channels\].*\[2,2,3\]/);
      expect(() => tf.summary.image('i', tf.zeros([1, 2, 2, 5]), 0)).toThrow(/1 to 4 channels/);
      expect(() => tf.summary.image('i', tf.zeros([1, 2, 2, 1]), 0, -1)).toThrow(/maxOutputs must be an integer ≥ 0/);
      expect(() => tf.summary.text('t', [['a'], ['b', 'c']], 0)).toThrow(/summary\.text: data must be a string or a rectangular array/);
      const d = tf.scalar(1);
      d.dispose();
      expect(() => tf.summary.scalar('s', d, 0)).toThrow(/summary\.scalar: argument 'data' is disposed/);
      expect(tf.summary.scalar('ok', 1, 0)).toBe(true);
    });
    expect(() => tf.summary.createFileWriter('')).toThrow(/summary\.createFileWriter: logdir must be a non-empty string/);
    expect(() => tf.summary.createFileWriter('x', { sink, maxQueue: -1 })).toThrow(/maxQueue must be a number ≥ 0/);
    await w.close();
    expect(() => w.asDefault(() => tf.summary.scalar('late', 1, 0))).toThrow(/summary\.scalar: the summary writer for 'errors' is closed/);
    const [, evs] = only(new Map([...sink.files].filter(([k]) => k.startsWith('errors/'))));
    expect(evs.slice(1).map((e) => e.summary!.value[0].tag)).toEqual(['ok']);
  });

  it('a failing sink surfaces as a flush() rejection', async () => {
    const w = tf.summary.createFileWriter('broken', { sink: { append: async () => { throw new Error('disk full'); } } });
    await expect(w.flush()).rejects.toThrow(/summary: cannot write broken\/events\.out\.tfevents\..*: disk full/);
    await w.flush(); // the error is reported once
  });
});

describe.runIf(typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function')('browser', () => {
  it('the default sink writes the same event file into the Origin Private File System', async () => {
    const dir = `tb-test-${Date.now()}`;
    const w = tf.summary.createFileWriter(`${dir}/train`);
    w.asDefault(() => { tf.summary.scalar('loss', 0.5, 1); tf.summary.text('t', 'hi', 2); });
    await w.close();
    expect(w.fileName).toMatch(/^events\.out\.tfevents\.\d{10}\.ascent\.0\.\d+\.v2$/);
    const files = await tf.summary.readOpfsFiles(dir);
    expect([...files.keys()]).toEqual([`train/${w.fileName}`]);
    const evs = readEvents(files.get(`train/${w.fileName}`)!);
    expect(evs[0].file_version).toBe('brain.Event:2');
    expect(evs.slice(1).map((e) => [e.summary!.value[0].tag, e.step])).toEqual([['loss', 1], ['t', 2]]);
    expect(tensorNumbers(evs[1].summary!.value[0].tensor!)).toEqual([0.5]);
    await (await navigator.storage.getDirectory()).removeEntry(dir, { recursive: true });
  });
});
