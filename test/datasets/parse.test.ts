// The dataset file parsers on hand-made bytes, and loadData from in-memory files (Node and Chromium).
import { describe, expect, it } from 'vitest';
import { idxFile, tf } from '../helpers.js';
import { parseIdx, parseImagesJson } from '../../src/datasets/parse.js';

const idx = idxFile;
const images = (n: number, f: (img: number, px: number) => number) =>
  idx(2051, [n, 28, 28], Array.from({ length: n * 784 }, (_, i) => f(Math.floor(i / 784), i % 784)));
const bytes = (s: string) => new TextEncoder().encode(s);
const row = (f: (px: number) => number) => `[${Array.from({ length: 784 }, (_, i) => f(i)).join(',')}]`;

describe('parseIdx', () => {
  it('reads images and labels after their big-endian header', () => {
    const im = parseIdx(images(2, (k, p) => (k * 7 + p) % 256), 'images', 'f', 'op');
    expect(im.n).toBe(2);
    expect(im.data.length).toBe(2 * 784);
    expect(Array.from(im.data.subarray(784, 787))).toEqual([7, 8, 9]);
    const lab = parseIdx(idx(2049, [3], [5, 0, 9]), 'labels', 'f', 'op');
    expect(lab.n).toBe(3);
    expect(Array.from(lab.data)).toEqual([5, 0, 9]);
  });

  it('rejects wrong magic numbers, bad sizes, truncated files and labels above 9', () => {
    expect(() => parseIdx(idx(2049, [2], [1, 2]), 'images', 'x.idx', 'tf.datasets.mnist.loadData'))
      .toThrow("tf.datasets.mnist.loadData: x.idx is not an IDX images file: 10 bytes is shorter than its 16-byte header");
    expect(() => parseIdx(idx(2051, [1, 28, 28], new Array(784).fill(0)), 'labels', 'y', 'op')).toThrow('magic number 2051, expected 2049');
    expect(() => parseIdx(idx(2051, [1, 27, 28], new Array(756).fill(0)), 'images', 'y', 'op')).toThrow('images are 27×28, expected 28×28');
    expect(() => parseIdx(images(2, () => 0).subarray(0, 16 + 784 + 100), 'images', 'y', 'op'))
      .toThrow('op: y is not an IDX images file: the header announces [2,28,28] = 1568 values but the file holds 884 (truncated or corrupt)');
    expect(() => parseIdx(idx(2049, [3], [1, 12, 3]), 'labels', 'y', 'op')).toThrow('label 1 is 12, expected 0..9');
  });
});

describe('parseImagesJson', () => {
  it('reads {"data": [[784 ints], …]}, skipping empty entries and tolerating whitespace', () => {
    const text = `{"data":[${row((p) => p % 256)},[],${row(() => 255)}]}`;
    const r = parseImagesJson(bytes(text), '0.json', 'op');
    expect(r.n).toBe(2);
    expect(r.data.length).toBe(2 * 784);
    expect(r.data[300]).toBe(300 % 256);
    expect(r.data[784 + 5]).toBe(255);
    const spaced = ` {\n "data" : [ [ ${Array(784).fill(3).join(' , ')} ] ,\n[ ] ] }\n`;
    const s = parseImagesJson(bytes(spaced), 's.json', 'op');
    expect(s.n).toBe(1);
    expect(s.data.every((v) => v === 3)).toBe(true);
    expect(parseImagesJson(bytes('{"data": []}'), 'e', 'op').n).toBe(0);
  });

  it('names the file, the problem and the byte offset of malformed input', () => {
    const head = 'op: 3.json is not a {"data": [[784 integers 0..255], …]} file: ';
    const p = (s: string) => () => parseImagesJson(bytes(s), '3.json', 'op');
    expect(p('{"images":[]}')).toThrow(`${head}unexpected 'i' expected '"data"' at byte 2`);
    expect(p(`{"data":[${row(() => 1).replace('1,1,', '1,256,')}]}`)).toThrow(`${head}value 256 in image 0 is above 255 at byte 12`);
    expect(p(`{"data":[${row(() => 1).replace('[1,', '[')}]}`)).toThrow(`${head}image 0 has 783 values, expected 784`);
    expect(p(`{"data":[${row(() => 1).replace(']', ',1]')}]}`)).toThrow('image 0 has more than 784 values');
    expect(p(`{"data":[${row(() => 1).replace('[1,', '[1.5,')}]}`)).toThrow(`${head}unexpected '.' in image 0 at byte 11`);
    expect(p(`{"data":[${row(() => 1).replace('[1,', '[-1,')}]}`)).toThrow("unexpected '-' in image 0");
    expect(p(`{"data":[${row(() => 1)}]`)).toThrow(`${head}it ends early, expected '}'`);
    expect(p(`{"data":[${row(() => 1)}]}x`)).toThrow('trailing characters');
    expect(p(`{"data":[${row(() => 1)} ${row(() => 1)}]}`)).toThrow("unexpected '[' between images");
    expect(p(`{"data":[[1,2`)).toThrow('it ends early, in image 0');
  });
});

describe('loadData from opts.files', () => {
  const files = () => ({
    'train-images-idx3-ubyte': images(3, (k, p) => (k + p) % 256).buffer as ArrayBuffer,
    'train-labels-idx1-ubyte': idx(2049, [3], [5, 0, 4]).buffer as ArrayBuffer,
    't10k-images-idx3-ubyte': images(2, (k) => 200 + k).buffer as ArrayBuffer,
    't10k-labels-idx1-ubyte': idx(2049, [2], [7, 2]).buffer as ArrayBuffer,
  });

  it('mnist: float32 [n,28,28] pixels 0..255 and int32 labels; trainCount/testCount keep the first n', async () => {
    const [[x, y], [tx, ty]] = await tf.datasets.mnist.loadData({ files: files() });
    expect([x.shape, x.dtype, y.shape, y.dtype]).toEqual([[3, 28, 28], 'float32', [3], 'int32']);
    expect([tx.shape, ty.shape]).toEqual([[2, 28, 28], [2]]);
    expect(Array.from(y.dataSync())).toEqual([5, 0, 4]);
    expect(Array.from(ty.dataSync())).toEqual([7, 2]);
    expect(Array.from(x.dataSync().subarray(784, 787))).toEqual([1, 2, 3]);
    expect(x.dataSync()[2 * 784 + 254]).toBe(0); // (2 + 254) % 256
    expect(tx.dataSync()[784 + 9]).toBe(201);
    tf.dispose([x, y, tx, ty]);
    const before = tf.memory().numTensors;
    const [[x1, y1], [tx1, ty1]] = await tf.datasets.mnist.loadData({ files: files(), trainCount: 1, testCount: 0 });
    expect([x1.shape, y1.shape, tx1.shape, ty1.shape]).toEqual([[1, 28, 28], [1], [0, 28, 28], [0]]);
    expect(Array.from(y1.dataSync())).toEqual([5]);
    tf.dispose([x1, y1, tx1, ty1]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('errors name the function, the file or option, and leave no tensors behind', async () => {
    const before = tf.memory().numTensors;
    const f = files();
    const op = 'tf.datasets.mnist.loadData';
    const { 't10k-labels-idx1-ubyte': _, ...three } = f;
    await expect(tf.datasets.mnist.loadData({ files: three }))
      .rejects.toThrow(`${op}: opts.files['t10k-labels-idx1-ubyte'] is missing (given: train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte)`);
    await expect(tf.datasets.mnist.loadData({ files: { ...f, 't10k-labels-idx1-ubyte': idx(2049, [3], [1, 2, 3]).buffer as ArrayBuffer } }))
      .rejects.toThrow(`${op}: t10k-images-idx3-ubyte holds 2 images but t10k-labels-idx1-ubyte holds 3 labels`);
    await expect(tf.datasets.mnist.loadData({ files: { ...f, 'train-images-idx3-ubyte': new ArrayBuffer(10) } }))
      .rejects.toThrow(`${op}: train-images-idx3-ubyte is not an IDX images file: 10 bytes is shorter than its 16-byte header`);
    await expect(tf.datasets.mnist.loadData({ files: f, trainCount: 4 })).rejects.toThrow(`${op}: opts.trainCount must be an integer from 0 to 3, got 4`);
    await expect(tf.datasets.mnist.loadData({ files: f, testCount: 1.5 })).rejects.toThrow(`${op}: opts.testCount must be an integer from 0 to 2, got 1.5`);
    await expect(tf.datasets.mnist.loadData(7 as never)).rejects.toThrow(`${op}: the options must be an object, got 7`);
    await expect(tf.datasets.fashionMnist.loadData({ files: { '0.json': bytes('{"data":[]}') } }))
      .rejects.toThrow('tf.datasets.fashionMnist.loadData: 0.json holds 0 images, expected 7000 (6000 train + 1000 test)');
    await expect(tf.datasets.fashionMnist.loadData({ files: {} })).rejects.toThrow("opts.files['0.json'] is missing (given: none)");
    expect(tf.memory().numTensors).toBe(before);
    const [[x]] = await tf.datasets.mnist.loadData({ files: f, trainCount: 1, testCount: 1 });
    expect(x.shape).toEqual([1, 28, 28]);
  });
});
