// From JS values to tensors, and the checks and messages every op shares. Errors name the op, the
// argument and the shapes/dtypes: `matMul: inner dimensions differ: a is [2,3], b is [4,5]`.
import { H } from '../backend/wasm.js';
import { checkDtypeName, type DType } from './dtype.js';
import { isTensor } from './engine.js';
import { StringBlock } from './memory.js';
import { Tensor, type NestedArray, type TypedArray } from './tensor.js';

/** Arrays nested to any depth (tfjs's RecursiveArray). */
export interface RecursiveArray<T> { [index: number]: T | RecursiveArray<T> }
/**
 * A tensor argument: a Tensor, or JS values: a number, a boolean, a TypedArray, or (nested) arrays of
 * numbers, booleans or TypedArrays. (tfjs's TensorLike is the same without Tensor and strings; tfjs ops
 * take `Tensor | TensorLike`.)
 */
export type TensorLike = Tensor | NestedArray | TypedArray | RecursiveArray<number | boolean | string | TypedArray>;

export function fmtShape(s: readonly number[]): string { return `[${s.join(',')}]`; }

export function opError(op: string, msg: string): Error { return new Error(`${op}: ${msg}`); }

/** A Tensor from a Tensor or JS values; a live tensor is returned as is. */
export function convert(x: TensorLike, arg: string, op: string, dtype?: DType): Tensor {
  if (isTensor(x)) {
    if (x.isDisposed) throw opError(op, `argument '${arg}' is disposed (shape ${fmtShape(x.shape)}, ${x.dtype})`);
    return x;
  }
  if (x === null || x === undefined) throw opError(op, `argument '${arg}' is ${x}; expected a Tensor or values`);
  return makeTensor(x, undefined, dtype, op, arg);
}

export function checkDtype(op: string, arg: string, t: Tensor, allowed: readonly DType[]): void {
  if (!allowed.includes(t.dtype)) {
    throw opError(op, `argument '${arg}' must be ${allowed.join(' or ')}, got ${t.dtype} (shape ${fmtShape(t.shape)})`);
  }
}

/** A shape argument: an array of non-negative integers (a copy). */
export function checkShape(op: string, shape: unknown, arg = 'shape'): number[] {
  if (!Array.isArray(shape)) throw opError(op, `${arg} must be an array of sizes, got ${String(shape)}`);
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw opError(op, `${arg} [${shape.join(',')}] must hold non-negative integers`);
    }
  }
  return shape.slice() as number[];
}

/** A size argument: a non-negative integer (or a positive one with `positive`). */
export function checkSize(op: string, v: unknown, arg: string, positive = false): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < (positive ? 1 : 0)) {
    throw opError(op, `${arg} must be a ${positive ? 'positive' : 'non-negative'} integer, got ${typeof v === 'string' ? `'${v}'` : String(v)}`);
  }
  return v;
}

/** A number argument (finite unless `finite` is false). */
export function checkNumber(op: string, v: unknown, arg: string, finite = true): number {
  if (typeof v !== 'number' || Number.isNaN(v) || (finite && !Number.isFinite(v))) {
    throw opError(op, `${arg} must be a ${finite ? 'finite ' : ''}number, got ${typeof v === 'string' ? `'${v}'` : String(v)}`);
  }
  return v;
}

export function sizeOf(shape: readonly number[]): number {
  let s = 1;
  for (const d of shape) s *= d;
  return s;
}

function inferDtype(v: unknown): DType {
  if (v instanceof Float32Array || v instanceof Float64Array) return 'float32';
  if (v instanceof Int32Array || v instanceof Uint8Array || v instanceof Uint8ClampedArray ||
      v instanceof Int16Array || v instanceof Uint16Array || v instanceof Int8Array) return 'int32';
  let e: unknown = v;
  while (Array.isArray(e)) e = e[0];
  if (ArrayBuffer.isView(e)) return inferDtype(e); // nested typed arrays: [Int32Array, Int32Array] is int32
  return typeof e === 'boolean' ? 'bool' : typeof e === 'string' ? 'string' : 'float32';
}

function inferShape(v: unknown, op: string): number[] {
  const shape: number[] = [];
  let e: unknown = v;
  while (Array.isArray(e) || ArrayBuffer.isView(e)) {
    shape.push((e as ArrayLike<unknown>).length);
    e = (e as ArrayLike<unknown>)[0];
    if (!Array.isArray(e) && !ArrayBuffer.isView(e)) break;
  }
  const check = (x: unknown, d: number, path: string) => {
    if (d === shape.length) {
      if (Array.isArray(x) || ArrayBuffer.isView(x)) throw opError(op, `ragged nested array: element ${path} is an array, expected a number`);
      return;
    }
    if (!Array.isArray(x) && !ArrayBuffer.isView(x)) throw opError(op, `ragged nested array: element ${path} is not an array of length ${shape[d]}`);
    const a = x as ArrayLike<unknown>;
    if (a.length !== shape[d]) throw opError(op, `ragged nested array: element ${path || '[]'} has length ${a.length}, expected ${shape[d]}`);
    // Recurse to the leaves too: an array where a number belongs (`[1, [2, 3]]`) is ragged.
    if (Array.isArray(a)) for (let i = 0; i < a.length; i++) check(a[i], d + 1, `${path}[${i}]`);
  };
  check(v, 0, '');
  return shape;
}

function flatten(v: unknown, out: number[]): void {
  if (Array.isArray(v)) { for (const e of v) flatten(e, out); return; }
  if (ArrayBuffer.isView(v)) { const a = v as unknown as ArrayLike<number>; for (let i = 0; i < a.length; i++) out.push(a[i]); return; }
  if (typeof v === 'boolean') { out.push(v ? 1 : 0); return; }
  if (typeof v !== 'number') throw new Error(`value ${typeof v === 'string' ? `'${v}'` : String(v)} is not a number`);
  out.push(v);
}

/** The strings of a string tensor's values, flattened; anything else is an error. */
function flattenStrings(v: unknown, out: string[]): void {
  if (Array.isArray(v)) { for (const e of v) flattenStrings(e, out); return; }
  if (typeof v !== 'string') throw new Error(`value ${String(v)} is not a string (a string tensor holds strings only)`);
  out.push(v);
}

/** A string tensor: the values kept in JS (a StringBlock), as tfjs keeps them. */
export function stringTensor(shape: number[], values: string[]): Tensor {
  return new Tensor(shape, 'string', new StringBlock(values));
}

/** Builds a tensor from JS values (tf.tensor's core). */
export function makeTensor(values: unknown, shape: number[] | undefined, dtype: DType | undefined, op = 'tensor', arg = 'values'): Tensor {
  if (dtype !== undefined) checkDtypeName(op, dtype, 'dtype', false, true);
  const dt = dtype ?? inferDtype(values);
  if (dt === 'string') {
    if (typeof values !== 'string' && !Array.isArray(values)) {
      throw opError(op, `argument '${arg}' of a string tensor must be a string or a (nested) array of strings, got ${values === null ? 'null' : typeof values}`);
    }
    const inferred = typeof values === 'string' ? [] : inferShape(values, op);
    const flat: string[] = [];
    try { flattenStrings(values, flat); } catch (e) { throw opError(op, `argument '${arg}': ${(e as Error).message}`); }
    let sh = inferred;
    if (shape !== undefined && shape !== null) {
      sh = checkShape(op, shape);
      if (flat.length !== sizeOf(sh)) throw opError(op, `shape ${fmtShape(sh)} needs ${sizeOf(sh)} values, got ${flat.length}`);
    }
    return stringTensor(sh.slice(), flat);
  }
  let flat: ArrayLike<number>;
  let inferred: number[];
  if (typeof values === 'number' || typeof values === 'boolean') {
    flat = [typeof values === 'boolean' ? (values ? 1 : 0) : values];
    inferred = [];
  } else if (ArrayBuffer.isView(values) && !(values instanceof DataView) && !(values instanceof BigInt64Array) &&
             !(values instanceof BigUint64Array)) {
    flat = values as unknown as ArrayLike<number>;
    inferred = [flat.length];
  } else if (Array.isArray(values)) {
    inferred = inferShape(values, op);
    const out: number[] = [];
    try { flatten(values, out); } catch (e) { throw opError(op, `argument '${arg}': ${(e as Error).message}`); }
    flat = out;
  } else {
    throw opError(op, `argument '${arg}' must be a Tensor, a number, a boolean, a (nested) array or a TypedArray, ` +
      `got ${values === null ? 'null' : typeof values === 'string' ? `the string '${values}'` : typeof values}`);
  }
  let sh = inferred;
  if (shape !== undefined && shape !== null) {
    sh = checkShape(op, shape);
    const n = sizeOf(sh);
    if (flat.length === 1 && n !== 1 && inferred.length === 0) {
      flat = new Array<number>(n).fill(flat[0]);
    }
    if (flat.length !== n) throw opError(op, `shape ${fmtShape(sh)} needs ${n} values, got ${flat.length}`);
  }
  const t = new Tensor(sh.slice(), dt);
  writeValues(t, flat);
  return t;
}

export function writeValues(t: Tensor, flat: ArrayLike<number>): void {
  const h = H();
  if (t.dtype === 'float32') h.f32.set(flat, t.ptr >>> 2);
  else if (t.dtype === 'int32') {
    const v = h.i32, o = t.ptr >>> 2;
    for (let i = 0; i < t.size; i++) v[o + i] = flat[i];
  } else {
    // nonzero is true, NaN included (TF's cast to bool; NaN is falsy in JS)
    const v = h.u8, o = t.ptr;
    for (let i = 0; i < t.size; i++) v[o + i] = flat[i] !== 0 ? 1 : 0;
  }
}
