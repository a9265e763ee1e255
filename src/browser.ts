// tf.browser (tfjs): images in and out of tensors. fromPixels reads RGBA bytes (a canvas, an image, a video,
// ImageData, an ImageBitmap, or tfjs' {data, width, height} object, which also works in Node); toPixels
// writes a tensor back as RGBA bytes, and onto a canvas when given one.
import { tensor } from './ops/create.js';
import { convert, opError, type TensorLike } from './core/convert.js';
import { Tensor } from './core/tensor.js';

/** tfjs' PixelData: RGBA bytes, row-major. */
export interface PixelData { width: number; height: number; data: Uint8Array | Uint8ClampedArray }
type Drawable = HTMLImageElement | HTMLCanvasElement | HTMLVideoElement | ImageBitmap | OffscreenCanvas;
export type FromPixelsInput = PixelData | ImageData | Drawable;

function rgba(op: string, pixels: FromPixelsInput): PixelData {
  if (pixels === null || typeof pixels !== 'object') throw opError(op, `pixels must be an image, a canvas, ImageData or {data, width, height}, got ${String(pixels)}`);
  if ('data' in pixels && 'width' in pixels && 'height' in pixels) return pixels as PixelData;
  const video = typeof HTMLVideoElement !== 'undefined' && pixels instanceof HTMLVideoElement;
  const img = typeof HTMLImageElement !== 'undefined' && pixels instanceof HTMLImageElement;
  const width = video ? (pixels as HTMLVideoElement).videoWidth : img ? (pixels as HTMLImageElement).naturalWidth : (pixels as { width: number }).width;
  const height = video ? (pixels as HTMLVideoElement).videoHeight : img ? (pixels as HTMLImageElement).naturalHeight : (pixels as { height: number }).height;
  // a canvas (or a canvas-like object: node-canvas, a mock) with a 2d context is read directly
  const own = typeof (pixels as { getContext?: unknown }).getContext === 'function'
    ? (pixels as { getContext(t: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null }).getContext('2d')
    : null;
  if (own && typeof own.getImageData === 'function') return { width, height, data: own.getImageData(0, 0, width, height).data };
  if (typeof OffscreenCanvas === 'undefined') throw opError(op, 'reading an image element needs a browser (OffscreenCanvas); in Node pass {data, width, height} or a canvas-like object');
  const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!ctx) throw opError(op, 'cannot get a 2d context to read the pixels');
  ctx.drawImage(pixels as CanvasImageSource, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height);
}

/**
 * An int32 tensor [height, width, numChannels] of the image's bytes (0..255): 1 = red, 3 = RGB, 4 = RGBA.
 * @example const x = tf.browser.fromPixels(canvas).toFloat().div(255)
 */
export function fromPixels(pixels: FromPixelsInput, numChannels = 3): Tensor {
  const op = 'fromPixels';
  if (![1, 3, 4].includes(numChannels)) throw opError(op, `numChannels must be 1, 3 or 4, got ${numChannels}`);
  const { data, width, height } = rgba(op, pixels);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0 || data.length !== width * height * 4) {
    throw opError(op, `pixels.data must hold width·height·4 RGBA bytes: width ${width}, height ${height}, data length ${data.length}`);
  }
  const n = width * height, out = new Int32Array(n * numChannels);
  for (let p = 0; p < n; p++) for (let c = 0; c < numChannels; c++) out[p * numChannels + c] = data[p * 4 + c];
  return tensor(out, [height, width, numChannels], 'int32');
}

/**
 * RGBA bytes of a [h, w] or [h, w, 1|3|4] tensor (float32 in [0, 1] or int32 in [0, 255]; 1 channel is grey,
 * missing alpha is 255), drawn onto `canvas` when given. JS values are read as int32 pixel values.
 */
export async function toPixels(img: TensorLike, canvas?: HTMLCanvasElement | OffscreenCanvas): Promise<Uint8ClampedArray> {
  const op = 'toPixels';
  if (img instanceof Tensor) return pixels(img, canvas);
  // JS values are pixel values 0..255 (int32), as in tfjs
  const t = convert(img, 'img', op, 'int32');
  try { return pixels(t, canvas); } finally { t.dispose(); }
}

function pixels(img: Tensor, canvas?: HTMLCanvasElement | OffscreenCanvas): Uint8ClampedArray {
  const op = 'toPixels';
  if (img.isDisposed) throw opError(op, 'img is disposed');
  if (img.rank !== 2 && img.rank !== 3) throw opError(op, `img must be rank 2 or 3, got shape [${img.shape}]`);
  const [height, width] = img.shape, depth = img.rank === 2 ? 1 : img.shape[2];
  if (![1, 3, 4].includes(depth)) throw opError(op, `img must have 1, 3 or 4 channels, got shape [${img.shape}]`);
  if (img.dtype !== 'float32' && img.dtype !== 'int32') throw opError(op, `img must be float32 or int32, got ${img.dtype}`);
  const values = img.dataSync(), scale = img.dtype === 'float32' ? 255 : 1, max = img.dtype === 'float32' ? 1 : 255;
  const bytes = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < depth; c++) {
      const v = values[p * depth + c];
      if (!(v >= 0 && v <= max)) throw opError(op, `${img.dtype} values must be in [0, ${max}], got ${v} at pixel ${p}`);
    }
    const px = (c: number) => Math.round(values[p * depth + c] * scale);
    const [r, g, b] = depth < 3 ? [px(0), px(0), px(0)] : [px(0), px(1), px(2)];
    bytes.set([r, g, b, depth === 4 ? px(3) : 255], p * 4);
  }
  if (canvas) {
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
    if (!ctx) throw opError(op, 'cannot get a 2d context of the canvas');
    ctx.putImageData(new ImageData(bytes, width, height), 0, 0);
  }
  return bytes;
}

/** fromPixels as a promise (tfjs; the read is synchronous here). */
export async function fromPixelsAsync(pixels: FromPixelsInput, numChannels = 3): Promise<Tensor> {
  return fromPixels(pixels, numChannels);
}
