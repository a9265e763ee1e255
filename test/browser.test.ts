// tf.browser.fromPixels / toPixels (tfjs), tf.nextFrame and tf.time. The {data, width, height} form runs
// everywhere; canvases and ImageData only in Chromium.
import { describe, expect, it } from 'vitest';
import { oracle, tf } from './helpers.js';

const inBrowser = typeof document !== 'undefined';
// a 2×3 RGBA image: pixel p has r = 10p, g = 10p + 1, b = 10p + 2, a = 200 + p
const W = 3, H = 2;
const bytes = Uint8Array.from({ length: W * H * 4 }, (_, i) => (i % 4 === 3 ? 200 + (i >> 2) : 10 * (i >> 2) + (i % 4)));

describe('tf.browser', () => {
  it('fromPixels({data, width, height}) gives int32 [h, w, c] for 1, 3 and 4 channels, as tfjs', async () => {
    const tfc = await oracle();
    for (const c of [1, 3, 4]) {
      const x = tf.browser.fromPixels({ data: bytes, width: W, height: H }, c);
      expect(x.shape).toEqual([H, W, c]);
      expect(x.dtype).toBe('int32');
      expect(Array.from(x.dataSync())).toEqual(Array.from(tfc.browser.fromPixels({ data: bytes, width: W, height: H }, c).dataSync()));
    }
    expect(Array.from(tf.browser.fromPixels({ data: bytes, width: W, height: H }).dataSync().slice(0, 6))).toEqual([0, 1, 2, 10, 11, 12]);
    expect((await tf.browser.fromPixelsAsync({ data: bytes, width: W, height: H }, 1)).shape).toEqual([2, 3, 1]);
  });

  it('toPixels: float32 in [0, 1] and int32 in [0, 255], grey / RGB / RGBA, as tfjs', async () => {
    const tfc = await oracle();
    const cases: [number[], number[], 'float32' | 'int32'][] = [
      [[0, 0.5, 1, 0.25, 0.75, 0.1], [2, 3], 'float32'],
      [[0, 0.2, 0.4, 0.6, 0.8, 1], [1, 2, 3], 'float32'],
      [[0, 64, 128, 255, 1, 2, 3, 4], [1, 2, 4], 'int32'],
      [[7, 9], [1, 2, 1], 'int32'],
    ];
    for (const [v, shape, dtype] of cases) {
      const ours = await tf.browser.toPixels(tf.tensor(v, shape, dtype));
      const theirs = await tfc.browser.toPixels(tfc.tensor(v, shape, dtype) as never);
      expect(Array.from(ours)).toEqual(Array.from(theirs));
    }
  });

  it('bad input is a clear error', async () => {
    expect(() => tf.browser.fromPixels({ data: bytes, width: 4, height: 2 })).toThrow(/fromPixels: pixels.data must hold width·height·4 RGBA bytes: width 4, height 2, data length 24/);
    expect(() => tf.browser.fromPixels({ data: bytes, width: W, height: H }, 2)).toThrow(/fromPixels: numChannels must be 1, 3 or 4, got 2/);
    await expect(tf.browser.toPixels(tf.tensor([2], [1, 1]))).rejects.toThrow(/toPixels: float32 values must be in \[0, 1\], got 2/);
    await expect(tf.browser.toPixels(tf.zeros([2, 2, 2]))).rejects.toThrow(/toPixels: img must have 1, 3 or 4 channels, got shape \[2,2,2\]/);
    await expect(tf.browser.toPixels(tf.zeros([4]))).rejects.toThrow(/toPixels: img must be rank 2 or 3/);
    await expect(tf.browser.toPixels([[300]])).rejects.toThrow(/toPixels: int32 values must be in \[0, 255\], got 300/);
  });

  it('fromPixels reads a canvas-like object through its 2d context (node-canvas, mocks), as tfjs', () => {
    const data = Uint8ClampedArray.from({ length: 16 }, (_, i) => i + 1);
    const canvasLike = { width: 2, height: 2, getContext: () => ({ getImageData: () => ({ data }) }) };
    const t = tf.browser.fromPixels(canvasLike as never);
    expect([t.dtype, t.shape]).toEqual(['int32', [2, 2, 3]]);
    expect(Array.from(t.dataSync())).toEqual([1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15]);
  });

  it('toPixels takes JS values as int32 pixel values (tfjs) and frees what it made', async () => {
    const n = tf.memory().numTensors;
    expect(Array.from(await tf.browser.toPixels([[10], [20]]))).toEqual([10, 10, 10, 255, 20, 20, 20, 255]);
    expect(tf.memory().numTensors).toBe(n);
  });

  it.runIf(inBrowser)('a canvas round trip: toPixels draws, fromPixels reads the canvas and ImageData back', async () => {
    const canvas = document.createElement('canvas');
    const img = tf.tensor(Array.from(bytes), [H, W, 4], 'int32');
    await tf.browser.toPixels(img, canvas);
    expect([canvas.width, canvas.height]).toEqual([W, H]);
    const back = tf.browser.fromPixels(canvas, 3);
    // the canvas stores premultiplied alpha: RGB comes back within a step or two of what was drawn
    const want = tf.browser.fromPixels({ data: bytes, width: W, height: H }, 3).dataSync();
    back.dataSync().forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThanOrEqual(2));
    const data = canvas.getContext('2d')!.getImageData(0, 0, W, H);
    expect(tf.browser.fromPixels(data, 4).shape).toEqual([H, W, 4]);
  });
});

describe('tf.nextFrame and tf.time', () => {
  it('nextFrame resolves; time reports the wall time of f', async () => {
    await tf.nextFrame();
    const a = tf.randomNormal([128, 128]);
    const t = await tf.time(() => { tf.tidy(() => tf.matMul(a, a)); });
    expect(t.wallMs).toBeGreaterThan(0);
    expect(t.kernelMs).toBe(t.wallMs);
  });
});
