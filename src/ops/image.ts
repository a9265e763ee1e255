// tf.image: resizing (bilinear, nearest; forward and gradient), crop-and-resize, projective transforms,
// rotation, flips, colour conversions, thresholding and non-max suppression, with tfjs's names and
// arguments. The per-pixel work runs in wasm (assembly/image/image.ts); non-max suppression is a greedy
// loop over a few boxes, done in JS as TensorFlow does on the CPU.
import { H, K } from '../backend/wasm.js';
import { scratch } from '../backend/scratch.js';
import { checkNumber, fmtShape, opError, type TensorLike } from '../core/convert.js';
import { composite, op, type Grads } from '../core/op.js';
import { Tensor } from '../core/tensor.js';
import { add, mul } from './binary.js';
import { greater, lessEqual } from './compare.js';
import { castRaw, scalar, tensor1d, zeros } from './create.js';
import { sum } from './reduce.js';
import { cast, reshape } from './shape.js';
import { reverse } from './slice.js';
import { split, tile } from './join.js';

const RESIZE = { bilinear: 0, nearest: 1 } as const;
const FILL_MODE = { constant: 0, reflect: 1, wrap: 2, nearest: 3 } as const;

/** [height, width]: two non-negative integers. */
function size2(op: string, v: unknown, arg: string, min = 0): [number, number] {
  if (!Array.isArray(v) || v.length !== 2 || !v.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= min)) {
    throw opError(op, `${arg} must be [height, width] of integers ≥ ${min}, got ${Array.isArray(v) ? fmtShape(v) : String(v)}`);
  }
  return [v[0], v[1]];
}

function flag(op: string, v: unknown, arg: string): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw opError(op, `${arg} must be true or false, got ${String(v)}`);
  return v;
}

function oneOf<T extends string>(op: string, v: unknown, arg: string, choices: readonly T[], dflt: T): T {
  if (v === undefined || v === null) return dflt;
  if (!choices.includes(v as T)) throw opError(op, `${arg} must be ${choices.map((c) => `'${c}'`).join(' or ')}, got ${typeof v === 'string' ? `'${v}'` : String(v)}`);
  return v as T;
}

function rank4(op: string, t: Tensor, arg = 'image'): void {
  if (t.rank !== 4) throw opError(op, `${arg} must be rank 4 [batch, height, width, channels], got ${fmtShape(t.shape)}`);
}

// ---- resize -------------------------------------------------------------------------------------------

interface ResizeGeom { N: number; H: number; W: number; C: number; OH: number; OW: number; align: boolean; half: boolean; kind: 0 | 1 }
const geomArr = (g: ResizeGeom) => [g.N, g.H, g.W, g.C, g.OH, g.OW, g.align ? 1 : 0, g.half ? 1 : 0];

/** y = resize(x) on [N,H,W,C] (float32, or int32 for nearest: values are copied bit for bit). */
const resizeOp = op('resize', {
  inputs: ['x'], save: 'none',
  forward: (x: Tensor, g: ResizeGeom): Tensor => {
    const y = new Tensor([g.N, g.OH, g.OW, g.C], x.dtype);
    if (y.size > 0) K().f32_resize(g.kind, 0, x.ptr, y.ptr, scratch.i32(geomArr(g)));
    return y;
  },
  grad: (dy, _y, [, g]): Grads => [resizeAdjointOp(dy, g)],
});

/** The adjoint of resize: each output pixel's gradient spread over the input pixels it was read from. */
const resizeAdjointOp = op('resizeGrad', {
  inputs: ['dy'], save: 'none',
  forward: (dy: Tensor, g: ResizeGeom): Tensor => {
    const dx = zeros([g.N, g.H, g.W, g.C]);
    if (dy.size > 0 && dx.size > 0) K().f32_resize(g.kind, 1, dx.ptr, dy.ptr, scratch.i32(geomArr(g)));
    return dx;
  },
  grad: (gz, _dx, [, g]): Grads => [resizeOp(gz, g)],
});

function resizeFn(name: string, kind: 0 | 1) {
  return composite(name, {
    inputs: [{ name: 'images', dtypes: ['float32', 'int32'] }],
    forward: (images: Tensor, size: [number, number], alignCorners = false, halfPixelCenters = false): Tensor => {
      if (images.rank !== 3 && images.rank !== 4) {
        throw opError(name, `images must be rank 4 [batch, height, width, channels] or 3, got ${fmtShape(images.shape)}`);
      }
      const [OH, OW] = size2(name, size, 'size');
      const align = flag(name, alignCorners, 'alignCorners'), half = flag(name, halfPixelCenters, 'halfPixelCenters');
      if (align && half) throw opError(name, 'alignCorners and halfPixelCenters cannot both be true');
      const x4 = images.rank === 3 ? reshape(images, [1, ...images.shape]) : images;
      const [N, Hh, W, C] = x4.shape;
      if ((Hh === 0 || W === 0) && N * C * OH * OW > 0) {
        throw opError(name, `cannot resize an empty image ${fmtShape(images.shape)} to [${OH},${OW}]`);
      }
      const x = kind === 0 && x4.dtype !== 'float32' ? castRaw(x4, 'float32') : x4;
      const y = resizeOp(x, { N, H: Hh, W, C, OH, OW, align, half, kind });
      return images.rank === 3 ? reshape(y, y.shape.slice(1)) : y;
    },
  });
}

/**
 * Bilinear resize of [batch, height, width, channels] images (or one [height, width, channels]) to
 * `size` = [newHeight, newWidth]; float32 result. Gradient: the adjoint (also with halfPixelCenters).
 * @example tf.image.resizeBilinear(img, [224, 224])
 */
export const resizeBilinear = resizeFn('image.resizeBilinear', 0);

/** Nearest-neighbour resize (keeps float32 or int32). Gradient: each output's gradient added to its source pixel. */
export const resizeNearestNeighbor = resizeFn('image.resizeNearestNeighbor', 1);

// ---- crop and resize ----------------------------------------------------------------------------------

/**
 * Crops of `image` [batch, h, w, c] at the normalised `boxes` [numBoxes, 4] (y1, x1, y2, x2) of images
 * `boxInd` [numBoxes], each resized to `cropSize` [cropHeight, cropWidth] by bilinear or nearest sampling;
 * samples outside the image are `extrapolationValue`. float32 [numBoxes, cropHeight, cropWidth, c].
 */
export const cropAndResize = op('image.cropAndResize', {
  inputs: [{ name: 'image', dtypes: ['float32', 'int32'] }, { name: 'boxes', literal: 'float32', dtypes: ['float32'] },
    { name: 'boxInd', literal: 'int32', dtypes: ['int32'] }],
  grad: null,
  forward: (image: Tensor, boxes: Tensor, boxInd: Tensor, cropSize: [number, number], method: 'bilinear' | 'nearest' = 'bilinear',
            extrapolationValue = 0): Tensor => {
    const name = 'image.cropAndResize';
    rank4(name, image);
    if (boxes.rank !== 2 || boxes.shape[1] !== 4) throw opError(name, `boxes must be [numBoxes, 4], got ${fmtShape(boxes.shape)}`);
    const B = boxes.shape[0];
    if (boxInd.rank !== 1 || boxInd.shape[0] !== B) throw opError(name, `boxInd must be [${B}] (one per box), got ${fmtShape(boxInd.shape)}`);
    const [CH, CW] = size2(name, cropSize, 'cropSize', 1);
    const m = oneOf(name, method, 'method', ['bilinear', 'nearest'] as const, 'bilinear');
    const ext = extrapolationValue === undefined || extrapolationValue === null ? 0 : extrapolationValue;
    if (typeof ext !== 'number') throw opError(name, `extrapolationValue must be a number, got ${String(ext)}`);
    const [N, Hh, W, C] = image.shape;
    const ind = H().i32.subarray(boxInd.ptr >>> 2, (boxInd.ptr >>> 2) + B);
    for (let b = 0; b < B; b++) {
      if (ind[b] < 0 || ind[b] >= N) throw opError(name, `boxInd[${b}] = ${ind[b]} is out of range for a batch of ${N} images`);
    }
    if (B > 0 && (Hh === 0 || W === 0)) throw opError(name, `image ${fmtShape(image.shape)} is empty`);
    const x = image.dtype === 'float32' ? image : castRaw(image, 'float32');
    const y = new Tensor([B, CH, CW, C], 'float32');
    if (y.size > 0) K().f32_crop_and_resize(x.ptr, boxes.ptr, boxInd.ptr, y.ptr, scratch.i32([N, Hh, W, C, B, CH, CW, RESIZE[m]]), ext);
    return y;
  },
});

// ---- transforms ---------------------------------------------------------------------------------------

/** Flips [batch, h, w, c] images left to right (the width axis). */
export const flipLeftRight = composite('image.flipLeftRight', {
  inputs: [{ name: 'image', literal: 'float32', dtypes: ['float32'] }],
  forward: (image: Tensor): Tensor => {
    rank4('image.flipLeftRight', image);
    return reverse(image, 2);
  },
});

/**
 * Rotates [batch, h, w, c] images counter-clockwise by `radians` about `center` (fractions of the width
 * and height; a number for both), nearest neighbour; uncovered pixels get `fillValue` (a number, or
 * [r, g, b] with 255 for a fourth channel).
 */
export const rotateWithOffset = op('image.rotateWithOffset', {
  inputs: [{ name: 'image', literal: 'float32', dtypes: ['float32'] }], grad: null,
  forward: (image: Tensor, radians: number, fillValue: number | [number, number, number] = 0, center: number | [number, number] = 0.5): Tensor => {
    const name = 'image.rotateWithOffset';
    rank4(name, image);
    checkNumber(name, radians, 'radians');
    const [N, Hh, W, C] = image.shape;
    const fv = fillValue ?? 0, ct = center ?? 0.5;
    let fill: number[];
    if (typeof fv === 'number') fill = new Array<number>(C).fill(checkNumber(name, fv, 'fillValue', false));
    else if (Array.isArray(fv) && fv.length === 3 && fv.every((v) => typeof v === 'number') && C <= 4) fill = Array.from({ length: C }, (_, c) => (c === 3 ? 255 : fv[c]));
    else throw opError(name, `fillValue must be a number or [red, green, blue] (for at most 4 channels), got ${Array.isArray(fv) ? fmtShape(fv) : String(fv)} for ${C} channels`);
    let cx: number, cy: number;
    if (typeof ct === 'number' && Number.isFinite(ct)) [cx, cy] = [W * ct, Hh * ct];
    else if (Array.isArray(ct) && ct.length === 2 && ct.every((v) => typeof v === 'number' && Number.isFinite(v))) [cx, cy] = [W * ct[0], Hh * ct[1]];
    else throw opError(name, `center must be a number or [centerX, centerY], got ${Array.isArray(ct) ? fmtShape(ct) : String(ct)}`);
    const y = new Tensor(image.shape, 'float32');
    if (y.size > 0) {
      const g = scratch.i32([N, Hh, W, C]);
      const fp = g + 16;
      H().f32.set(fill, fp >>> 2);
      K().f32_rotate(image.ptr, y.ptr, g, Math.sin(radians), Math.cos(radians), cx, cy, fp);
    }
    return y;
  },
});

/**
 * Applies projective transforms to [batch, h, w, c] images: `transforms` [1 or batch, 8] rows
 * (a0, a1, a2, b0, b1, b2, c0, c1) map an output point (x, y) to the input point
 * ((a0·x + a1·y + a2) / k, (b0·x + b1·y + b2) / k) with k = c0·x + c1·y + 1.
 */
export const transform = op('image.transform', {
  inputs: [{ name: 'image', literal: 'float32', dtypes: ['float32'] }, { name: 'transforms', literal: 'float32', dtypes: ['float32'] }], grad: null,
  forward: (image: Tensor, transforms: Tensor, interpolation: 'nearest' | 'bilinear' = 'nearest',
            fillMode: 'constant' | 'reflect' | 'wrap' | 'nearest' = 'constant', fillValue = 0, outputShape?: [number, number]): Tensor => {
    const name = 'image.transform';
    rank4(name, image);
    const [N, Hh, W, C] = image.shape;
    if (transforms.rank !== 2 || transforms.shape[1] !== 8 || (transforms.shape[0] !== 1 && transforms.shape[0] !== N)) {
      throw opError(name, `transforms must be [1, 8] or [${N}, 8] (one row per image), got ${fmtShape(transforms.shape)}`);
    }
    const interp = oneOf(name, interpolation, 'interpolation', ['nearest', 'bilinear'] as const, 'nearest');
    const mode = oneOf(name, fillMode, 'fillMode', ['constant', 'reflect', 'wrap', 'nearest'] as const, 'constant');
    const fv = fillValue === undefined || fillValue === null ? 0 : checkNumber(name, fillValue, 'fillValue', false);
    const [OH, OW] = outputShape === undefined || outputShape === null ? [Hh, W] : size2(name, outputShape, 'outputShape');
    const y = new Tensor([N, OH, OW, C], 'float32');
    if (y.size > 0) {
      K().f32_transform(image.ptr, transforms.ptr, y.ptr, scratch.i32([N, Hh, W, C, OH, OW, transforms.shape[0], RESIZE[interp], FILL_MODE[mode]]), fv);
    }
    return y;
  },
});

// ---- colour ------------------------------------------------------------------------------------------

/** Grayscale [..., 1] to RGB [..., 3] (the channel repeated). */
export const grayscaleToRGB = composite('image.grayscaleToRGB', {
  inputs: ['image'],
  forward: (image: Tensor): Tensor => {
    if (image.rank < 2 || image.shape[image.rank - 1] !== 1) {
      throw opError('image.grayscaleToRGB', `image must have rank ≥ 2 and a last axis of size 1, got ${fmtShape(image.shape)}`);
    }
    return tile(image, image.shape.map((_, i) => (i === image.rank - 1 ? 3 : 1)));
  },
});

/** RGB [..., 3] to grayscale [..., 1] with the luma weights 0.2989, 0.5870, 0.1140 (keeps the dtype). */
export const rgbToGrayscale = composite('image.rgbToGrayscale', {
  inputs: [{ name: 'image', dtypes: ['float32', 'int32'] }],
  forward: (image: Tensor): Tensor => {
    if (image.rank < 2 || image.shape[image.rank - 1] !== 3) {
      throw opError('image.rgbToGrayscale', `image must have rank ≥ 2 and a last axis of size 3, got ${fmtShape(image.shape)}`);
    }
    const gray = sum(mul(cast(image, 'float32'), tensor1d([0.2989, 0.587, 0.114])), -1, true);
    return image.dtype === 'float32' ? gray : cast(gray, image.dtype);
  },
});

/** Otsu's threshold of a 256-bin histogram: the bin that maximises the between-class variance (-1: none). */
function otsu(hist: number[], total: number): number {
  let best = -1, bestVar = 0;
  for (let t = 0; t < hist.length - 1; t++) {
    let n0 = 0, s0 = 0, n1 = 0, s1 = 0;
    for (let i = 0; i <= t; i++) { n0 += hist[i]; s0 += i * hist[i]; }
    for (let i = t + 1; i < hist.length; i++) { n1 += hist[i]; s1 += i * hist[i]; }
    const d = s0 / n0 - s1 / n1;
    const v = Math.fround((n0 / total) * (n1 / total) * d * d);
    if (v > bestVar) { bestVar = v; best = t; }
  }
  return best;
}

/**
 * Binarises a [h, w, 1 or 3] image with values in [0, 255]: 255 where its grayscale is above the
 * threshold (below or equal with `inverted`), else 0; int32. 'binary' uses threshValue·255, 'otsu' the
 * threshold that best separates the histogram of the rounded grayscale values.
 */
export const threshold = op('image.threshold', {
  inputs: [{ name: 'image', dtypes: ['float32', 'int32'] }], grad: null,
  forward: (image: Tensor, method: 'binary' | 'otsu' = 'binary', inverted = false, threshValue = 0.5): Tensor => {
    const name = 'image.threshold';
    if (image.rank !== 3 || (image.shape[2] !== 1 && image.shape[2] !== 3)) {
      throw opError(name, `image must be [height, width, 1 or 3], got ${fmtShape(image.shape)}`);
    }
    const m = oneOf(name, method, 'method', ['binary', 'otsu'] as const, 'binary');
    const inv = flag(name, inverted, 'inverted');
    const tv = threshValue === undefined || threshValue === null ? 0.5 : checkNumber(name, threshValue, 'threshValue', false);
    let gray: Tensor = image;
    if (image.shape[2] === 3) {
      const [r, g, b] = split(image, 3, -1);
      gray = add(add(mul(r, 0.2989), mul(g, 0.587)), mul(b, 0.114));
    }
    let t: number;
    if (m === 'otsu') {
      const hist = new Array<number>(256).fill(0);
      for (const v of gray.dataSync()) {
        const f = Math.floor(v), d = v - f;
        const r = d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1; // tf.round: halves to even
        if (!(r >= 0)) throw opError(name, `otsu needs values ≥ 0, got ${v}`);
        if (r < 256) hist[r]++;
      }
      t = otsu(hist, image.shape[0] * image.shape[1]);
    } else t = Math.fround(tv * 255);
    const cond = inv ? lessEqual(gray, t) : greater(gray, t);
    return mul(cast(cond, 'int32'), 255);
  },
});

// ---- non-max suppression -------------------------------------------------------------------------------

interface NmsResult { indices: number[]; scores: number[] }

function iou(b: Float32Array, i: number, j: number): number {
  const ay0 = Math.min(b[4 * i], b[4 * i + 2]), ax0 = Math.min(b[4 * i + 1], b[4 * i + 3]);
  const ay1 = Math.max(b[4 * i], b[4 * i + 2]), ax1 = Math.max(b[4 * i + 1], b[4 * i + 3]);
  const by0 = Math.min(b[4 * j], b[4 * j + 2]), bx0 = Math.min(b[4 * j + 1], b[4 * j + 3]);
  const by1 = Math.max(b[4 * j], b[4 * j + 2]), bx1 = Math.max(b[4 * j + 1], b[4 * j + 3]);
  const areaA = (ay1 - ay0) * (ax1 - ax0), areaB = (by1 - by0) * (bx1 - bx0);
  if (areaA <= 0 || areaB <= 0) return 0;
  const inter = Math.max(Math.min(ay1, by1) - Math.max(ay0, by0), 0) * Math.max(Math.min(ax1, bx1) - Math.max(ax0, bx0), 0);
  return inter / (areaA + areaB - inter);
}

/**
 * TensorFlow's greedy (soft-)NMS: take the best remaining box (ties: the lower index); drop it if it
 * overlaps a box taken since it was last checked by IoU ≥ iouThreshold; with softNmsSigma > 0 its score
 * decays by exp(-iou²/(2σ)) per such box, and a decayed box goes back into the queue.
 */
function nms(boxes: Float32Array, scores: Float32Array, maxOut: number, iouThr: number, scoreThr: number, sigma: number): NmsResult {
  interface Cand { i: number; s: number; from: number }
  // ascending by score, then descending by index: the best candidate is at the end
  const before = (a: Cand, b: Cand) => a.s < b.s || (a.s === b.s && a.i > b.i);
  const queue: Cand[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i] > scoreThr) queue.push({ i, s: scores[i], from: 0 });
  queue.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  const decay = sigma > 0 ? -0.5 / sigma : 0;
  const out: NmsResult = { indices: [], scores: [] };
  while (out.indices.length < maxOut && queue.length > 0) {
    const c = queue.pop()!;
    const original = c.s;
    let dropped = false;
    for (let k = out.indices.length - 1; k >= c.from; k--) {
      const o = iou(boxes, c.i, out.indices[k]);
      if (o >= iouThr) { dropped = true; break; }
      c.s *= Math.exp(decay * o * o);
      if (c.s <= scoreThr) break;
    }
    c.from = out.indices.length;
    if (dropped) continue;
    if (c.s === original) { out.indices.push(c.i); out.scores.push(c.s); }
    else if (c.s > scoreThr) {
      let lo = 0, hi = queue.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (before(queue[mid], c)) lo = mid + 1; else hi = mid; }
      queue.splice(lo, 0, c);
    }
  }
  return out;
}

interface NmsArgs { boxes: Float32Array; scores: Float32Array; maxOut: number; iouThr: number; scoreThr: number; sigma: number }

function nmsArgs(name: string, boxes: Tensor, scores: Tensor, maxOutputSize: unknown, iouThreshold: unknown, scoreThreshold: unknown,
                 softNmsSigma: unknown): NmsArgs {
  if (boxes.rank !== 2 || boxes.shape[1] !== 4) throw opError(name, `boxes must be [numBoxes, 4], got ${fmtShape(boxes.shape)}`);
  const n = boxes.shape[0];
  if (scores.rank !== 1 || scores.shape[0] !== n) throw opError(name, `scores must be [${n}] (one per box), got ${fmtShape(scores.shape)}`);
  if (typeof maxOutputSize !== 'number' || !Number.isInteger(maxOutputSize) || maxOutputSize < 0) {
    throw opError(name, `maxOutputSize must be a non-negative integer, got ${String(maxOutputSize)}`);
  }
  const iouThr = iouThreshold === undefined || iouThreshold === null ? 0.5 : checkNumber(name, iouThreshold, 'iouThreshold');
  if (!(iouThr >= 0 && iouThr <= 1)) throw opError(name, `iouThreshold must be in [0, 1], got ${iouThr}`);
  const scoreThr = scoreThreshold === undefined || scoreThreshold === null ? -Infinity : checkNumber(name, scoreThreshold, 'scoreThreshold', false);
  const sigma = softNmsSigma === undefined || softNmsSigma === null ? 0 : checkNumber(name, softNmsSigma, 'softNmsSigma');
  if (!(sigma >= 0 && sigma <= 1)) throw opError(name, `softNmsSigma must be in [0, 1], got ${sigma}`);
  return { boxes: boxes.dataSync<'float32'>(), scores: scores.dataSync<'float32'>(), maxOut: maxOutputSize, iouThr, scoreThr, sigma };
}

const nmsInputs = [{ name: 'boxes', literal: 'float32', dtypes: ['float32'] }, { name: 'scores', literal: 'float32', dtypes: ['float32'] }] as const;

function nmsOp(name: string) {
  return op(name, {
    inputs: nmsInputs, grad: null,
    forward: (boxes: Tensor, scores: Tensor, maxOutputSize: number, iouThreshold = 0.5, scoreThreshold = -Infinity): Tensor => {
      const a = nmsArgs(name, boxes, scores, maxOutputSize, iouThreshold, scoreThreshold, 0);
      return tensor1d(nms(a.boxes, a.scores, a.maxOut, a.iouThr, a.scoreThr, 0).indices, 'int32');
    },
  });
}

function nmsWithScoreOp(name: string) {
  return op(name, {
    inputs: nmsInputs, grad: null,
    forward: (boxes: Tensor, scores: Tensor, maxOutputSize: number, iouThreshold = 0.5, scoreThreshold = -Infinity,
              softNmsSigma = 0): { selectedIndices: Tensor; selectedScores: Tensor } => {
      const a = nmsArgs(name, boxes, scores, maxOutputSize, iouThreshold, scoreThreshold, softNmsSigma);
      const r = nms(a.boxes, a.scores, a.maxOut, a.iouThr, a.scoreThr, a.sigma);
      return { selectedIndices: tensor1d(r.indices, 'int32'), selectedScores: tensor1d(r.scores, 'float32') };
    },
  });
}

function nmsPaddedOp(name: string) {
  return op(name, {
    inputs: nmsInputs, grad: null,
    forward: (boxes: Tensor, scores: Tensor, maxOutputSize: number, iouThreshold = 0.5, scoreThreshold = -Infinity,
              padToMaxOutputSize = false): { selectedIndices: Tensor; validOutputs: Tensor } => {
      const a = nmsArgs(name, boxes, scores, maxOutputSize, iouThreshold, scoreThreshold, 0);
      const pad = flag(name, padToMaxOutputSize, 'padToMaxOutputSize');
      const r = nms(a.boxes, a.scores, a.maxOut, a.iouThr, a.scoreThr, 0);
      const valid = r.indices.length;
      const idx = pad ? [...r.indices, ...new Array<number>(a.maxOut - valid).fill(0)] : r.indices;
      return { selectedIndices: tensor1d(idx, 'int32'), validOutputs: scalar(valid, 'int32') };
    },
  });
}

/**
 * Greedy non-max suppression: the indices (int32) of at most maxOutputSize boxes [numBoxes, 4]
 * (y1, x1, y2, x2), best score first, none overlapping a better one by IoU ≥ iouThreshold, all scoring
 * above scoreThreshold.
 */
export const nonMaxSuppression = nmsOp('image.nonMaxSuppression');
const nonMaxSuppressionSync = nmsOp('image.nonMaxSuppressionAsync');
/** nonMaxSuppression, as a promise (tfjs). */
export async function nonMaxSuppressionAsync(boxes: TensorLike, scores: TensorLike, maxOutputSize: number, iouThreshold = 0.5,
                                             scoreThreshold = -Infinity): Promise<Tensor> {
  return nonMaxSuppressionSync(boxes, scores, maxOutputSize, iouThreshold, scoreThreshold);
}

/** Soft-NMS (softNmsSigma > 0: overlapping boxes' scores decay instead of being dropped): indices and scores. */
export const nonMaxSuppressionWithScore = nmsWithScoreOp('image.nonMaxSuppressionWithScore');
const nonMaxSuppressionWithScoreSync = nmsWithScoreOp('image.nonMaxSuppressionWithScoreAsync');
/** nonMaxSuppressionWithScore, as a promise (tfjs). */
export async function nonMaxSuppressionWithScoreAsync(boxes: TensorLike, scores: TensorLike, maxOutputSize: number, iouThreshold = 0.5,
                                                      scoreThreshold = -Infinity, softNmsSigma = 0): Promise<{ selectedIndices: Tensor; selectedScores: Tensor }> {
  return nonMaxSuppressionWithScoreSync(boxes, scores, maxOutputSize, iouThreshold, scoreThreshold, softNmsSigma);
}

/** NMS whose indices are padded with zeros to maxOutputSize (padToMaxOutputSize), and the count of valid ones. */
export const nonMaxSuppressionPadded = nmsPaddedOp('image.nonMaxSuppressionPadded');
const nonMaxSuppressionPaddedSync = nmsPaddedOp('image.nonMaxSuppressionPaddedAsync');
/** nonMaxSuppressionPadded, as a promise (tfjs). */
export async function nonMaxSuppressionPaddedAsync(boxes: TensorLike, scores: TensorLike, maxOutputSize: number, iouThreshold = 0.5,
                                                   scoreThreshold = -Infinity, padToMaxOutputSize = false): Promise<{ selectedIndices: Tensor; validOutputs: Tensor }> {
  return nonMaxSuppressionPaddedSync(boxes, scores, maxOutputSize, iouThreshold, scoreThreshold, padToMaxOutputSize);
}
