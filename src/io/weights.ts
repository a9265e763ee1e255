// Weights ⇄ bytes in TensorFlow.js' layout (tfjs-core io_utils encodeWeights/decodeWeights): the values of
// each weight, little-endian, concatenated in manifest order; bool is one byte per value. Quantized weights
// (tensorflowjs_converter --quantize_uint8/uint16/float16) are dequantized on load exactly as tfjs does
// (v·scale + min in float64, rounded once to float32; int32 weights rounded to integers).
import type { DType } from '../core/dtype.js';
import { tensor } from '../ops/create.js';
import type { Tensor } from '../core/tensor.js';
import { concatBytes } from '../bytes.js';
import { concatenateArrayBuffers } from './artifacts.js';
import type { WeightData, WeightsManifestEntry } from './types.js';

export interface NamedTensor { name: string; tensor: Tensor }
export type NamedTensorMap = Record<string, Tensor>;

/** Bytes per stored value (a quantized weight is stored at its quantization's width). */
const WIDTH: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };
const LOADABLE: DType[] = ['float32', 'int32', 'bool'];

/**
 * The weights as one buffer plus their manifest entries (tfjs' io.encodeWeights, synchronous here; `await`
 * works on it as on tfjs'). `group` ('optimizer' for optimizer state) is written into each entry.
 * @example const {data, specs} = tf.io.encodeWeights({'dense/kernel': k, 'dense/bias': b});
 */
export function encodeWeights(tensors: NamedTensorMap | NamedTensor[], group?: 'model' | 'optimizer'): { data: ArrayBuffer; specs: WeightsManifestEntry[] } {
  const list: NamedTensor[] = Array.isArray(tensors) ? tensors : Object.entries(tensors).map(([name, t]) => ({ name, tensor: t }));
  const specs: WeightsManifestEntry[] = [];
  const parts: Uint8Array[] = [];
  for (const { name, tensor: t } of list) {
    if (t === null || typeof t !== 'object' || !('dtype' in t)) throw new Error(`encodeWeights: weight '${name}' is not a Tensor`);
    if (t.isDisposed) throw new Error(`encodeWeights: weight '${name}' is disposed`);
    const d = t.dataSync();
    parts.push(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
    specs.push({ name, shape: t.shape.slice(), dtype: t.dtype, ...(group ? { group } : {}) });
  }
  return { data: concatBytes(parts).buffer as ArrayBuffer, specs };
}

/** A value as (the start of) its JSON for an error message; never throws. */
function json(v: unknown): string {
  try { return (JSON.stringify(v) ?? String(v)).slice(0, 200); } catch { return Array.isArray(v) ? 'an array' : typeof v; }
}

/** Bytes one manifest entry occupies; errors name the weight and say why (caller's op in `op`). */
export function weightByteLength(spec: WeightsManifestEntry, op = 'decodeWeights'): number {
  if (spec === null || typeof spec !== 'object' || typeof spec.name !== 'string') {
    throw new Error(`${op}: a weight spec must be {name, shape, dtype}, got ${json(spec)}`);
  }
  if (!Array.isArray(spec.shape) || !spec.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new Error(`${op}: weight '${spec.name}' has an invalid shape ${json(spec.shape)}`);
  }
  const stored = spec.quantization ? spec.quantization.dtype : spec.dtype;
  if (!LOADABLE.includes(spec.dtype as DType) || WIDTH[stored] === undefined) {
    throw new Error(`${op}: weight '${spec.name}' has dtype '${spec.dtype}'` + (spec.quantization ? ` quantized as '${stored}'` : '') +
      `; ascent loads float32, int32 and bool weights (quantized as uint8, uint16 or float16)`);
  }
  return spec.shape.reduce((a, b) => a * b, 1) * WIDTH[stored];
}

/**
 * Tensors from one buffer (or tfjs' list of buffers) and its manifest entries (tfjs' io.decodeWeights),
 * keyed by weight name. The byte length must be exactly what the specs describe; on any error nothing is
 * left allocated. The caller owns the tensors.
 */
export function decodeWeights(data: WeightData | ArrayBufferView, specs: WeightsManifestEntry[], op = 'decodeWeights'): NamedTensorMap {
  if (!Array.isArray(specs)) throw new Error(`${op}: weightSpecs must be an array of {name, shape, dtype}, got ${typeof specs}`);
  const buf = ArrayBuffer.isView(data) ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer
    : data instanceof ArrayBuffer || (Array.isArray(data) && data.every((b) => b instanceof ArrayBuffer)) ? concatenateArrayBuffers(data) : null;
  if (buf === null) {
    throw new Error(`${op}: the weight data must be an ArrayBuffer (or a list of them), got ${data === null ? 'null' : Array.isArray(data) ? 'a list holding something else' : typeof data}`);
  }
  const sizes = specs.map((s) => weightByteLength(s, op));
  const need = sizes.reduce((a, b) => a + b, 0);
  if (buf.byteLength !== need) {
    let at = 0, cut = specs.length;
    for (let i = 0; i < specs.length; i++) { if (at + sizes[i] > buf.byteLength) { cut = i; break; } at += sizes[i]; }
    const where = cut < specs.length ? ` (weight '${specs[cut].name}' [${specs[cut].shape}] at byte ${at} is cut off)` : '';
    throw new Error(`${op}: the weight data holds ${buf.byteLength} bytes but the ${specs.length} weight specs need ${need}${where}`);
  }
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.name)) throw new Error(`${op}: two weights are named '${s.name}'`);
    seen.add(s.name);
  }
  // no prototype: a weight named '__proto__' or 'constructor' is an entry like any other
  const out: NamedTensorMap = Object.create(null) as NamedTensorMap;
  let at = 0;
  try {
    specs.forEach((s, i) => {
      out[s.name] = tensor(values(s, buf.slice(at, at + sizes[i]), op), s.shape, s.dtype as DType);
      at += sizes[i];
    });
  } catch (e) {
    for (const t of Object.values(out)) t.dispose();
    throw e;
  }
  return out;
}

function values(s: WeightsManifestEntry, bytes: ArrayBuffer, op: string): Float32Array | Int32Array | Uint8Array {
  const q = s.quantization;
  if (!q) return s.dtype === 'float32' ? new Float32Array(bytes) : s.dtype === 'int32' ? new Int32Array(bytes) : new Uint8Array(bytes);
  if (q.dtype === 'float16') {
    if (s.dtype !== 'float32') throw new Error(`${op}: weight '${s.name}' is quantized as float16, which only float32 weights can be (it is ${s.dtype})`);
    return halfToFloat(new Uint16Array(bytes));
  }
  if (typeof q.scale !== 'number' || typeof q.min !== 'number') {
    throw new Error(`${op}: weight '${s.name}' is quantized as ${q.dtype} but lacks its 'scale' and 'min'`);
  }
  if (s.dtype === 'bool') throw new Error(`${op}: weight '${s.name}' is bool; only float32 and int32 weights can be quantized`);
  const raw = q.dtype === 'uint8' ? new Uint8Array(bytes) : new Uint16Array(bytes);
  const out = s.dtype === 'float32' ? new Float32Array(raw.length) : new Int32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i] * q.scale + q.min;
    out[i] = s.dtype === 'int32' ? Math.round(v) : v;
  }
  return out;
}

/** IEEE half → single, bit for bit (every half is exact in float32). */
function halfToFloat(h: Uint16Array): Float32Array {
  const bits = new Uint32Array(h.length);
  for (let i = 0; i < h.length; i++) {
    const x = h[i], sign = (x & 0x8000) << 16, e = (x >> 10) & 0x1f;
    let m = x & 0x3ff;
    if (e === 0x1f) bits[i] = sign | 0x7f800000 | (m << 13);          // ±Inf, NaN
    else if (e !== 0) bits[i] = sign | ((e + 112) << 23) | (m << 13);  // normal: rebias 15 → 127
    else if (m === 0) bits[i] = sign;                                   // ±0
    else {                                                              // subnormal: normalise
      let k = 113;
      while ((m & 0x400) === 0) { m <<= 1; k--; }
      bits[i] = sign | (k << 23) | ((m & 0x3ff) << 13);
    }
  }
  return new Float32Array(bits.buffer);
}
