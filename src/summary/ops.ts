// tf.summary.scalar / histogram / image / text: each encodes its data the way TF2 does and writes it
// to the default writer. As in TF2, with no default writer they do nothing and return false.
import { isTensor } from '../core/engine.js';
import { slice } from '../ops/slice.js';
import { convert, fmtShape, type TensorLike } from '../core/convert.js';
import type { Tensor } from '../core/tensor.js';
import { DT_DOUBLE, DT_FLOAT, floatToUint8, histogramBuckets, numericTensor, stringTensor } from './events.js';
import { encodePng } from './png.js';
import { defaultWriter, resolveStep, type Step, type SummaryWriter } from './writer.js';

/** The default writer and the step to write at, or null when there is no default writer (nothing is written). */
function target(op: string, name: unknown, step: Step | undefined): [SummaryWriter, number] | null {
  if (typeof name !== 'string' || name === '') throw new Error(`${op}: name must be a non-empty string, got ${String(name)}`);
  const w = defaultWriter();
  return w ? [w, resolveStep(op, step)] : null;
}

function live(op: string, t: Tensor): Tensor {
  if (t.isDisposed) throw new Error(`${op}: argument 'data' is disposed (shape ${fmtShape(t.shape)}, ${t.dtype})`);
  return t;
}

/**
 * Writes a scalar (TF2: a float32 rank-0 tensor for the 'scalars' plugin).
 * @example tf.summary.scalar('loss', 0.25, step)
 */
export function scalar(name: string, data: number | Tensor, step?: Step, description?: string): boolean {
  const op = 'summary.scalar';
  const ws = target(op, name, step);
  if (!ws) return false;
  const [w, s] = ws;
  let v: number;
  if (isTensor(data)) {
    if (live(op, data).rank !== 0) throw new Error(`${op}: data must be a scalar, got a tensor of shape ${fmtShape(data.shape)}`);
    v = data.dataSync()[0];
  } else if (typeof data === 'number') v = data;
  else throw new Error(`${op}: data must be a number or a scalar tensor, got ${String(data)}`);
  w.write(op, name, 'scalars', numericTensor(DT_FLOAT, [], [v]), s, description);
  return true;
}

/**
 * Writes a histogram of all the elements of `data` (TF2: a float64 [k, 3] tensor of
 * [left edge, right edge, count] rows for the 'histograms' plugin; `buckets` defaults to 30).
 * @example tf.summary.histogram('weights', model.weights[0], step)
 */
export function histogram(name: string, data: Tensor | TensorLike, step?: Step, buckets = 30, description?: string): boolean {
  const op = 'summary.histogram';
  const ws = target(op, name, step);
  if (!ws) return false;
  const [w, s] = ws;
  if (!Number.isInteger(buckets) || buckets < 0) throw new Error(`${op}: buckets must be an integer ≥ 0, got ${String(buckets)}`);
  let values: ArrayLike<number>;
  if (isTensor(data)) values = live(op, data).dataSync();
  else if (Array.isArray(data)) values = (data as unknown[]).flat(Infinity as 1) as number[];
  else if (ArrayBuffer.isView(data)) values = data as unknown as ArrayLike<number>;
  else throw new Error(`${op}: data must be a tensor or an array of numbers, got ${String(data)}`);
  for (let i = 0; i < values.length; i++) {
    if (typeof values[i] !== 'number') throw new Error(`${op}: data must hold numbers; element ${i} is ${String(values[i])}`);
  }
  const rows = histogramBuckets(values, buckets);
  w.write(op, name, 'histograms', numericTensor(DT_DOUBLE, [rows.length, 3], rows.flat()), s, description);
  return true;
}

/**
 * Writes up to `maxOutputs` images of `data` [k, h, w, c] (c: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA) as
 * PNGs (TF2: a string tensor [width, height, png…] for the 'images' plugin). float32 values are in
 * [0, 1] (clipped, as TF's convert_image_dtype); int32 values are 0..255 (clipped), standing in for
 * TF's uint8, which ascent does not have.
 * @example tf.summary.image('digits', x.reshape([-1, 28, 28, 1]), step, 9)
 */
export function image(name: string, data: Tensor | TensorLike, step?: Step, maxOutputs = 3, description?: string): boolean {
  const op = 'summary.image';
  const ws = target(op, name, step);
  if (!ws) return false;
  const [w, s] = ws;
  if (!Number.isInteger(maxOutputs) || maxOutputs < 0) throw new Error(`${op}: maxOutputs must be an integer ≥ 0, got ${String(maxOutputs)}`);
  const t = isTensor(data) ? live(op, data) : convert(data, 'data', op);
  let first: Tensor | null = null;
  try {
    const [k, h, wd, c] = t.shape;
    if (t.rank !== 4 || c < 1 || c > 4) {
      throw new Error(`${op}: data must be [k, height, width, channels] with 1 to 4 channels, got shape ${fmtShape(t.shape)}`);
    }
    if (t.dtype === 'bool') throw new Error(`${op}: data must be float32 (0..1) or int32 (0..255), got bool`);
    const n = Math.min(k, maxOutputs);
    first = n < k ? slice(t, [0, 0, 0, 0], [n, h, wd, c]) : t;
    const vals = first.dataSync(), per = h * wd * c, pngs: Uint8Array[] = [];
    for (let i = 0; i < n; i++) {
      const px = new Uint8Array(per);
      for (let j = 0; j < per; j++) {
        const v = vals[i * per + j];
        px[j] = t.dtype === 'float32' ? floatToUint8(v) : Math.min(255, Math.max(0, v));
      }
      pngs.push(encodePng(px, wd, h, c));
    }
    w.write(op, name, 'images', stringTensor([n + 2], [String(wd), String(h), ...pngs]), s, description);
  } finally {
    if (first && first !== t) first.dispose();
    if (t !== data) t.dispose();
  }
  return true;
}

/**
 * Writes text (TF2: a string tensor for the 'text' plugin; Markdown is rendered, and 1-D / 2-D arrays
 * of strings show as tables).
 * @example tf.summary.text('notes', '**lr** = 0.001', 0)
 */
export function text(name: string, data: string | string[] | string[][], step?: Step, description?: string): boolean {
  const op = 'summary.text';
  const ws = target(op, name, step);
  if (!ws) return false;
  const [w, s] = ws;
  const shape: number[] = [];
  for (let d: unknown = data; Array.isArray(d); d = d[0]) shape.push(d.length);
  const rect = (d: unknown, depth: number): boolean => (depth === shape.length ? typeof d === 'string'
    : Array.isArray(d) && d.length === shape[depth] && d.every((e) => rect(e, depth + 1)));
  if (!rect(data, 0)) throw new Error(`${op}: data must be a string or a rectangular array of strings (shape ${fmtShape(shape)})`);
  const flat = shape.length === 0 ? [data as string] : (data as unknown[]).flat(shape.length) as string[];
  w.write(op, name, 'text', stringTensor(shape, flat), s, description);
  return true;
}
