// tf.image against TensorFlow.js (cpu): resizes (values and gradients), cropAndResize, transform,
// rotateWithOffset, flips, colour conversions, threshold and the non-max suppressions; finite
// differences for the resize gradients (also with halfPixelCenters, where tfjs's gradient ignores the
// flag) and errors naming the op.
import { describe, expect, it } from 'vitest';
import { checkGrad, expectClose, oracle, rand, tf } from '../helpers.js';

type TFC = Awaited<ReturnType<typeof oracle>>;
const toO = (tfc: TFC, t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype as 'float32');
const vals = (t: { dataSync(): ArrayLike<number> }) => Array.from(t.dataSync());

describe('image.resizeBilinear / resizeNearestNeighbor', () => {
  const cases: [number[], [number, number]][] = [
    [[1, 2, 2, 1], [4, 4]], [[2, 3, 5, 2], [5, 3]], [[1, 4, 4, 3], [2, 7]], [[1, 5, 1, 1], [1, 10]], [[2, 3, 3, 1], [3, 3]],
    [[1, 6, 4, 2], [1, 1]], [[1, 1, 1, 2], [3, 2]],
  ];
  it('match TensorFlow.js bit for bit (alignCorners, halfPixelCenters, rank 3, int32)', async () => {
    const tfc = await oracle();
    for (const [shape, size] of cases) {
      const x = rand(shape, shape.length + size[0]);
      for (const [a, h] of [[false, false], [true, false], [false, true]] as const) {
        for (const name of ['resizeBilinear', 'resizeNearestNeighbor'] as const) {
          const y = tf.image[name](x, size, a, h), yo = tfc.image[name](toO(tfc, x) as never, size, a, h);
          expect(y.shape).toEqual(yo.shape);
          expectClose(y, vals(yo), 0, 0);
        }
      }
    }
    const x3 = tf.tensor3d([1, 2, 3, 4, 5], [1, 5, 1], 'int32');
    const b = x3.resizeBilinear([1, 10]);
    expect(b.dtype).toBe('float32');
    expect(vals(b)).toEqual([1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5]);
    const n = tf.image.resizeNearestNeighbor(tf.tensor3d([[[2147483647], [-7]]], [1, 2, 1], 'int32'), [1, 4]);
    expect(n.dtype).toBe('int32');
    expect(vals(n)).toEqual([2147483647, 2147483647, -7, -7]);
    expect(tf.image.resizeBilinear([[[2], [2]], [[4], [4]]], [3, 3]).shape).toEqual([3, 3, 1]);
  });

  // square images only (tfjs swaps the gradient's height and width), larger than 1×1 (tfjs's nearest-neighbour
  // gradient loops forever for a 1-pixel axis with alignCorners)
  it('gradients match TensorFlow.js (alignCorners false and true)', async () => {
    const tfc = await oracle();
    for (const [shape, size] of cases.filter(([s]) => s[1] === s[2] && s[1] > 1)) {
      const x = rand(shape, 3), dy = rand([shape[0], ...size, shape[3]], 4);
      for (const a of [false, true]) {
        for (const name of ['resizeBilinear', 'resizeNearestNeighbor'] as const) {
          const g = tf.grad((i) => tf.image[name](i, size, a))(x, dy);
          const go = tfc.grad((i: never) => tfc.image[name](i, size, a))(toO(tfc, x) as never, toO(tfc, dy) as never);
          expect(g.shape).toEqual(x.shape);
          expectClose(g, vals(go), 1e-6, 1e-6);
        }
      }
    }
  });

  it('gradients agree with finite differences, halfPixelCenters included, and differentiate again', () => {
    for (const name of ['resizeBilinear', 'resizeNearestNeighbor'] as const) {
      for (const [a, h] of [[false, false], [true, false], [false, true]] as const) {
        checkGrad((x) => tf.image[name](x, [5, 3], a, h), [rand([1, 3, 4, 2], 5)]);
        checkGrad((x) => tf.image[name](x, [2, 2], a, h), [rand([2, 4, 3, 1], 6)]);
      }
    }
    // the gradient is linear in dy: its gradient with respect to dy is the forward resize
    const x = rand([1, 3, 3, 1], 7), r = rand([1, 3, 3, 1], 8);
    checkGrad((dy) => tf.mul(tf.grad((i) => tf.image.resizeBilinear(i, [5, 4], false, true))(x, dy), r), [rand([1, 5, 4, 1], 9)]);
  });

  it('rejects bad arguments by name', () => {
    const x = rand([1, 2, 2, 1], 1);
    expect(() => tf.image.resizeBilinear(x, [2, 2], true, true)).toThrow(/^image\.resizeBilinear: alignCorners and halfPixelCenters/);
    expect(() => tf.image.resizeNearestNeighbor(rand([2, 2], 1), [2, 2])).toThrow(/^image\.resizeNearestNeighbor: images must be rank 4/);
    expect(() => tf.image.resizeBilinear(x, [2] as never)).toThrow(/^image\.resizeBilinear: size must be \[height, width\]/);
    expect(() => tf.image.resizeBilinear(tf.zeros([1, 0, 2, 1]), [2, 2])).toThrow(/^image\.resizeBilinear: cannot resize an empty image/);
    expect(() => tf.image.resizeBilinear({} as never, [1, 1])).toThrow(/^image\.resizeBilinear: /);
  });
});

describe('image.cropAndResize', () => {
  it('matches TensorFlow.js (bilinear, nearest, extrapolation, flipped boxes, one-pixel crops)', async () => {
    const tfc = await oracle();
    const img = tf.randomUniform([2, 4, 5, 3], 0, 10, 'float32', 3);
    const boxes = [[0, 0, 1, 1], [0.2, -0.1, 0.8, 1.3], [0.5, 0.5, 0.5, 0.5], [1, 1, 0, 0], [-1, 0.3, 0.4, 2]];
    const ind = [1, 0, 1, 0, 1];
    for (const m of ['bilinear', 'nearest'] as const) {
      for (const size of [[3, 4], [1, 1], [1, 3], [6, 2]] as [number, number][]) {
        const c = tf.image.cropAndResize(img, boxes, ind, size, m, 7);
        const co = tfc.image.cropAndResize(toO(tfc, img) as never, boxes, ind, size, m, 7);
        expect(c.shape).toEqual(co.shape);
        expectClose(c, vals(co), 0, 0);
      }
    }
    expect(() => tf.image.cropAndResize(img, boxes, [0, 0, 2, 0, 0], [2, 2])).toThrow(/^image\.cropAndResize: boxInd\[2\] = 2 is out of range/);
    expect(() => tf.image.cropAndResize(img, [[0, 0, 1]], [0], [2, 2])).toThrow(/^image\.cropAndResize: boxes must be \[numBoxes, 4\]/);
    expect(() => tf.image.cropAndResize(img, boxes, ind, [0, 2])).toThrow(/^image\.cropAndResize: cropSize/);
    expect(() => tf.image.cropAndResize(img, boxes, ind, [2, 2], 'cubic' as never)).toThrow(/^image\.cropAndResize: method/);
    // NaN coordinates extrapolate
    expect(vals(tf.image.cropAndResize(img, [[NaN, 0, 1, 1]], [0], [1, 1], 'bilinear', -1))).toEqual([-1, -1, -1]);
  });
});

describe('image.transform and rotateWithOffset', () => {
  it('transform matches TensorFlow.js for every interpolation and fill mode', async () => {
    const tfc = await oracle();
    const img = tf.randomUniform([1, 4, 5, 3], 0, 10, 'float32', 3);
    const T = [[0.9, 0.3, -1.2, -0.2, 1.1, 0.7, 0.01, -0.02]];
    for (const interp of ['nearest', 'bilinear'] as const) {
      for (const fm of ['constant', 'reflect', 'wrap', 'nearest'] as const) {
        for (const out of [undefined, [6, 4]] as ([number, number] | undefined)[]) {
          const c = tf.image.transform(img, T, interp, fm, 3, out), co = tfc.image.transform(toO(tfc, img) as never, T as never, interp, fm, 3, out);
          expect(c.shape).toEqual(co.shape);
          expectClose(c, vals(co), 0, 0);
        }
      }
    }
  });

  it('transform computes every image of a batch (tfjs computes the first only)', () => {
    const img = tf.randomUniform([2, 3, 3, 1], 0, 10, 'float32', 4);
    const T = [[1, 0, 1, 0, 1, 0, 0, 0], [0, 1, 0, 1, 0, 0, 0, 0]];
    const y = tf.image.transform(img, T);
    const each = [0, 1].map((b) => tf.image.transform(tf.slice(img, [b], [1]), [T[b]]));
    expectClose(y, tf.concat(each), 0, 0);
    // a shift by one pixel: the last column is filled
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    expect(vals(tf.image.transform(x, [[1, 0, 1, 0, 1, 0, 0, 0]], 'nearest', 'constant', 9))).toEqual([2, 9, 4, 9]);
    expect(() => tf.image.transform(img, [[1, 0, 0, 0, 1, 0, 0]])).toThrow(/^image\.transform: transforms must be/);
    expect(() => tf.image.transform(img, T, 'cubic' as never)).toThrow(/^image\.transform: interpolation/);
  });

  it('rotateWithOffset matches TensorFlow.js (fill values, centres, four channels)', async () => {
    const tfc = await oracle();
    const img = tf.randomUniform([2, 5, 4, 3], 0, 10, 'float32', 5);
    for (const [rad, fill, center] of [[0.7, [1, 2, 3], [0.3, 0.6]], [Math.PI / 2, 0, 0.5], [-2, 5.5, 0], [0, 1, 0.5]] as const) {
      const r = tf.image.rotateWithOffset(img, rad, fill as never, center as never);
      const ro = tfc.image.rotateWithOffset(toO(tfc, img) as never, rad, fill as never, center as never);
      expectClose(r, vals(ro), 0, 0);
    }
    const i4 = tf.randomUniform([1, 3, 3, 4], 0, 255, 'float32', 6);
    const r4 = tf.image.rotateWithOffset(i4, 1, [10, 20, 30]), r4o = tfc.image.rotateWithOffset(toO(tfc, i4) as never, 1, [10, 20, 30]);
    expect(vals(r4)).toEqual(vals(r4o));
    expect(() => tf.image.rotateWithOffset(tf.zeros([1, 2, 2, 5]), 1, [1, 2, 3])).toThrow(/^image\.rotateWithOffset: fillValue/);
    expect(() => tf.image.rotateWithOffset(rand([3, 3, 1], 1), 1)).toThrow(/^image\.rotateWithOffset: image must be rank 4/);
  });
});

describe('image: flips, colour, threshold', () => {
  it('match TensorFlow.js', async () => {
    const tfc = await oracle();
    const img = tf.randomUniform([2, 3, 4, 3], 0, 255, 'float32', 7);
    expectClose(tf.image.flipLeftRight(img), vals(tfc.image.flipLeftRight(toO(tfc, img) as never)), 0, 0);
    const g = tf.randomUniform([2, 3, 1], 0, 255, 'int32', 8);
    const rgb = tf.image.grayscaleToRGB(g);
    expect(rgb.shape).toEqual([2, 3, 3]);
    expect(vals(rgb)).toEqual(vals(tfc.image.grayscaleToRGB(toO(tfc, g) as never)));
    for (const x of [img, tf.randomUniform([3, 3], 0, 255, 'int32', 9)]) {
      const y = tf.image.rgbToGrayscale(x), yo = tfc.image.rgbToGrayscale(toO(tfc, x) as never);
      expect(y.shape).toEqual(yo.shape);
      expect(y.dtype).toBe(yo.dtype);
      expectClose(y, vals(yo), 1e-6, 1e-4);
    }
    const im = tf.randomUniform([5, 6, 3], 0, 255, 'int32', 10), im1 = tf.randomUniform([4, 4, 1], 0, 255, 'float32', 11);
    for (const x of [im, im1]) {
      for (const [m, inv, t] of [['binary', false, 0.5], ['binary', true, 0.3], ['otsu', false, 0.5], ['otsu', true, 0.5]] as const) {
        const y = tf.image.threshold(x, m, inv, t), yo = tfc.image.threshold(toO(tfc, x) as never, m, inv, t);
        expect(y.shape).toEqual(yo.shape);
        expect(y.dtype).toBe('int32');
        expect(vals(y)).toEqual(vals(yo));
      }
    }
  });

  it('flipLeftRight and rgbToGrayscale have gradients', () => {
    checkGrad((x) => tf.image.flipLeftRight(x), [rand([1, 2, 3, 2], 1)]);
    checkGrad((x) => tf.image.rgbToGrayscale(x), [rand([2, 2, 3], 2)]);
    checkGrad((x) => tf.image.grayscaleToRGB(x), [rand([2, 2, 1], 3)]);
  });
});

describe('image.nonMaxSuppression family', () => {
  const boxes = [[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, -0.1, 1, 0.9], [0, 10, 1, 11], [0, 10.1, 1, 11.1], [0, 100, 1, 101]];
  const scores = [0.9, 0.75, 0.6, 0.95, 0.5, 0.3];

  it('match TensorFlow.js on random boxes (hard and soft NMS, thresholds)', async () => {
    const tfc = await oracle();
    for (let seed = 1; seed <= 12; seed++) {
      const n = 3 + seed;
      const c = tf.randomUniform([n, 2], 0, 1, 'float32', seed), s = tf.randomUniform([n, 2], 0.05, 0.5, 'float32', seed + 100);
      const b = tf.concat([c, tf.add(c, s)], 1);
      const sc = tf.randomUniform([n], 0, 1, 'float32', seed + 200);
      const bo = toO(tfc, b), so = toO(tfc, sc);
      for (const [max, iou, st, sigma] of [[n, 0.5, -Infinity, 0], [3, 0.3, 0.2, 0], [n, 0.6, 0.1, 0.5], [n, 1, 0, 0.2]] as const) {
        expect(vals(tf.image.nonMaxSuppression(b, sc, max, iou, st))).toEqual(vals(tfc.image.nonMaxSuppression(bo as never, so as never, max, iou, st)));
        const w = tf.image.nonMaxSuppressionWithScore(b, sc, max, iou, st, sigma);
        const wo = tfc.image.nonMaxSuppressionWithScore(bo as never, so as never, max, iou, st, sigma);
        expect(vals(w.selectedIndices)).toEqual(vals(wo.selectedIndices));
        expectClose(w.selectedScores, vals(wo.selectedScores), 1e-6, 1e-7);
        const p = tf.image.nonMaxSuppressionPadded(b, sc, max, iou, st, true);
        const po = tfc.image.nonMaxSuppressionPadded(bo as never, so as never, max, iou, st, true);
        expect(vals(p.selectedIndices)).toEqual(vals(po.selectedIndices));
        expect(vals(p.validOutputs)).toEqual(vals(po.validOutputs));
      }
    }
  });

  it('the async forms and padding to maxOutputSize (TensorFlow: beyond the number of boxes too)', async () => {
    expect(vals(await tf.image.nonMaxSuppressionAsync(boxes, scores, 3, 0.5, 0))).toEqual([3, 0, 5]);
    const w = await tf.image.nonMaxSuppressionWithScoreAsync(boxes, scores, 10, 0.5, 0, 0.5);
    expect(vals(w.selectedIndices)).toEqual([3, 0, 5]);
    const p = await tf.image.nonMaxSuppressionPaddedAsync(boxes, scores, 8, 0.5, 0, true);
    expect(vals(p.selectedIndices)).toEqual([3, 0, 5, 0, 0, 0, 0, 0]);
    expect(p.validOutputs.dtype).toBe('int32');
    expect(vals(p.validOutputs)).toEqual([3]);
    expect(() => tf.image.nonMaxSuppression(boxes, scores, 3, 1.5)).toThrow(/^image\.nonMaxSuppression: iouThreshold must be in \[0, 1\]/);
    expect(() => tf.image.nonMaxSuppression(boxes, [1, 2], 3)).toThrow(/^image\.nonMaxSuppression: scores must be \[6\]/);
    await expect(tf.image.nonMaxSuppressionAsync(boxes, scores, -1)).rejects.toThrow(/^image\.nonMaxSuppressionAsync: maxOutputSize/);
    expect(() => tf.image.nonMaxSuppressionWithScore(boxes, scores, 3, 0.5, 0, 2)).toThrow(/^image\.nonMaxSuppressionWithScore: softNmsSigma/);
  });
});
