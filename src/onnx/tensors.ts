// ONNX TensorProto → values the interpreter holds on the JS side (Const): shapes and data checked against the
// bytes before anything is allocated. raw_data is viewed in place when its offset is aligned for the element
// type (the file's bytes stay alive as long as the view; the values are copied once, into wasm memory, when a
// tensor is made); misaligned raw_data is copied first. ONNX stores raw_data little-endian, as wasm and every
// platform JS runs on are.
import type { TensorProto } from './proto.js';

export const OP = 'loadOnnxModel';

/** A constant on the JS side: shape-computing values, int64 indices, scalars; floats as float32. */
export interface Const {
  dtype: 'float32' | 'int32' | 'bool';
  shape: number[];
  /** float32 → Float32Array; ints (int64 too: exact below 2^53) → Float64Array or Int32Array; bool → Uint8Array. */
  data: Float32Array | Float64Array | Int32Array | Uint8Array;
}

/** The largest tensor the loader makes (elements): a wasm32 memory holds at most 4 GiB. */
export const MAX_ELEMENTS = 2 ** 30;

/** ONNX TensorProto.DataType codes this loader reads, their element size in raw_data, and ascent's dtype. */
const TYPES: Record<number, { name: string; size: number; dtype: Const['dtype'] }> = {
  1: { name: 'float', size: 4, dtype: 'float32' }, 2: { name: 'uint8', size: 1, dtype: 'int32' },
  3: { name: 'int8', size: 1, dtype: 'int32' }, 4: { name: 'uint16', size: 2, dtype: 'int32' },
  5: { name: 'int16', size: 2, dtype: 'int32' }, 6: { name: 'int32', size: 4, dtype: 'int32' },
  7: { name: 'int64', size: 8, dtype: 'int32' }, 9: { name: 'bool', size: 1, dtype: 'bool' },
  10: { name: 'float16', size: 2, dtype: 'float32' }, 11: { name: 'double', size: 8, dtype: 'float32' },
  12: { name: 'uint32', size: 4, dtype: 'int32' }, 13: { name: 'uint64', size: 8, dtype: 'int32' },
  16: { name: 'bfloat16', size: 2, dtype: 'float32' },
};
const TYPE_NAMES: Record<number, string> = { 0: 'undefined', 8: 'string', 14: 'complex64', 15: 'complex128' };

export function onnxTypeName(code: number): string {
  return TYPES[code]?.name ?? TYPE_NAMES[code] ?? `type ${code}`;
}

/** ascent's dtype for an ONNX element type, or null when ascent has none. */
export function dtypeOf(code: number): Const['dtype'] | null {
  return TYPES[code]?.dtype ?? null;
}

export function sizeOfShape(shape: number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Checks dims (non-negative integers) and the element count; returns the count. */
export function checkDims(dims: number[], what: string): number {
  let n = 1;
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0) throw new Error(`${OP}: ${what} has an invalid dimension ${d} in [${dims}]`);
    n *= d;
  }
  if (n > MAX_ELEMENTS) throw new Error(`${OP}: ${what} [${dims}] has ${n} elements, more than ${MAX_ELEMENTS}`);
  return n;
}

function half(h: number): number {
  const s = h & 0x8000 ? -1 : 1, e = (h >> 10) & 0x1f, f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}
const bf16 = new Float32Array(1), bf16u = new Uint32Array(bf16.buffer);
function bfloat(h: number): number { bf16u[0] = h << 16; return bf16[0]; }

/** An int64 read from raw bytes, clamped to ±2^53 (int64 max is ONNX's "to the end" sentinel in Slice). */
function clamp64(v: bigint): number {
  const lim = BigInt(Number.MAX_SAFE_INTEGER);
  return Number(v > lim ? lim : v < -lim ? -lim : v);
}

/** Decodes raw little-endian bytes of n elements of ONNX type `code`. */
function fromRaw(code: number, raw: Uint8Array, n: number): Const['data'] {
  const aligned = (k: number) => raw.byteOffset % k === 0;
  const view = (k: number) => (aligned(k) ? raw : raw.slice()); // copy only when misaligned
  switch (code) {
    case 1: { const b = view(4); return new Float32Array(b.buffer, b.byteOffset, n); }
    case 6: { const b = view(4); return new Int32Array(b.buffer, b.byteOffset, n); }
    case 11: { const b = view(8); return Float32Array.from(new Float64Array(b.buffer, b.byteOffset, n)); }
    case 7: case 13: {
      const b = view(8), src = code === 7 ? new BigInt64Array(b.buffer, b.byteOffset, n) : new BigUint64Array(b.buffer, b.byteOffset, n);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = clamp64(src[i]);
      return out;
    }
    case 12: { const b = view(4); return Float64Array.from(new Uint32Array(b.buffer, b.byteOffset, n)); }
    case 2: return Int32Array.from(raw.subarray(0, n));
    case 3: return Int32Array.from(new Int8Array(raw.buffer, raw.byteOffset, n));
    case 9: return Uint8Array.from(raw.subarray(0, n), (v) => (v ? 1 : 0));
    case 4: case 5: case 10: case 16: {
      const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      if (code === 4) return Int32Array.from({ length: n }, (_, i) => dv.getUint16(2 * i, true));
      if (code === 5) return Int32Array.from({ length: n }, (_, i) => dv.getInt16(2 * i, true));
      const f = code === 10 ? half : bfloat;
      return Float32Array.from({ length: n }, (_, i) => f(dv.getUint16(2 * i, true)));
    }
  }
  throw new Error(`unreachable: type ${code}`);
}

/** The typed field of TensorProto that holds values of type `code` when raw_data is not used. */
function fromFields(t: TensorProto, code: number, n: number, what: string): Const['data'] {
  let src: number[];
  let field: string;
  switch (code) {
    case 1: src = t.floatData; field = 'float_data'; break;
    case 11: src = t.doubleData; field = 'double_data'; break;
    case 7: src = t.int64Data; field = 'int64_data'; break;
    case 12: case 13: src = t.uint64Data; field = 'uint64_data'; break;
    default: src = t.int32Data; field = 'int32_data'; // int32, int16, int8, uint16, uint8, bool, float16/bfloat16 bits
  }
  if (src.length !== n) throw new Error(`${OP}: ${what} declares ${n} elements but its ${field} holds ${src.length}`);
  if (code === 1 || code === 11) return Float32Array.from(src);
  if (code === 10) return Float32Array.from(src, half);
  if (code === 16) return Float32Array.from(src, bfloat);
  if (code === 9) return Uint8Array.from(src, (v) => (v ? 1 : 0));
  if (code === 7 || code === 12 || code === 13) return Float64Array.from(src);
  return Int32Array.from(src);
}

/** Where an initializer's bytes live outside the model file (TensorProto.external_data). */
export interface ExternalRef { location: string; offset: number; length: number | null }

export function externalRef(t: TensorProto, what: string): ExternalRef | null {
  if (t.dataLocation !== 1) return null;
  const kv = new Map(t.externalData.map((e) => [e.key, e.value]));
  const location = kv.get('location');
  if (!location) throw new Error(`${OP}: ${what} is stored externally but names no location`);
  const int = (k: string): number | null => {
    const v = kv.get(k);
    if (v === undefined) return null;
    if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new Error(`${OP}: ${what}: external data ${k} '${v}' is not a non-negative integer`);
    return Number(v);
  };
  return { location, offset: int('offset') ?? 0, length: int('length') };
}

/**
 * A TensorProto's values, checked: known type, valid dims, and exactly as many values as the dims say.
 * `external` gives the bytes of a file named by external_data (already confined to the model's folder).
 */
export function readTensor(t: TensorProto, what: string, external?: (ref: ExternalRef) => Uint8Array): Const {
  const code = t.dataType, type = TYPES[code];
  if (!type) throw new Error(`${OP}: ${what} has element type ${onnxTypeName(code)}, which ascent does not support`);
  const shape = t.dims.slice();
  const n = checkDims(shape, what);
  const ref = externalRef(t, what);
  let raw: Uint8Array | null = t.rawData.length > 0 ? t.rawData : null;
  if (ref) {
    if (!external) throw new Error(`${OP}: ${what} is stored in the external file '${ref.location}'; load the model from a path or URL, or pass options.externalData`);
    raw = external(ref);
  }
  if (raw !== null || (n > 0 && ref)) {
    const want = n * type.size;
    if (raw === null || raw.length !== want) throw new Error(`${OP}: ${what} [${shape}] ${type.name} needs ${want} bytes, its data has ${raw?.length ?? 0}`);
    return { dtype: type.dtype, shape, data: fromRaw(code, raw, n) };
  }
  return { dtype: type.dtype, shape, data: fromFields(t, code, n, what) };
}

/**
 * Whether an external-data location is a plain relative path inside the model's folder: no absolute path, no
 * drive or URL scheme, no `..` segment, no backslash, no NUL.
 */
export function checkLocation(location: string, what: string): string {
  const bad = location === '' || location.startsWith('/') || location.includes('\\') || location.includes(':') ||
    location.includes('\0') || location.split('/').some((s) => s === '..' || s === '.');
  if (bad) throw new Error(`${OP}: ${what}: external data location '${location}' must be a relative path inside the model's folder (no '..', no absolute path)`);
  return location;
}
