// What every op shares: argument conversion and validation (errors name the op, the argument and the
// shapes), recording on active tapes, the kernels' scratch space, and shape arithmetic.
import { H, K } from '../backend/wasm.js';
import { engine, isTensor, type DType, type GradFn } from '../engine.js';
import { Tensor, type NestedArray, type TypedArray } from '../tensor.js';

export type TensorLike = Tensor | NestedArray | TypedArray;

/** Records a primitive op on every active tape. `saved`: tensors the gradient reads. */
export function record(name: string, inputs: Tensor[], output: Tensor, grad: GradFn, saved: Tensor[] = []): void {
  if (engine.tapes.length === 0 || engine.paused > 0) return;
  for (const t of engine.tapes) t.record(name, inputs, output, grad, saved);
}

export function fmtShape(s: readonly number[]): string { return `[${s.join(',')}]`; }

export function opError(op: string, msg: string): Error { return new Error(`${op}: ${msg}`); }

/** A Tensor from a Tensor or JS values; a live tensor is returned as is. */
export function convert(x: TensorLike, arg: string, op: string, dtype?: DType): Tensor {
  if (isTensor(x)) {
    if (x.isDisposed) throw opError(op, `argument '${arg}' is disposed (shape ${fmtShape(x.shape)}, ${x.dtype})`);
    return x;
  }
  if (x === null || x === undefined) throw opError(op, `argument '${arg}' is ${x}`);
  return makeTensor(x, undefined, dtype, op, arg);
}

export function checkDtype(op: string, arg: string, t: Tensor, allowed: DType[]): void {
  if (!allowed.includes(t.dtype)) {
    throw opError(op, `argument '${arg}' must be ${allowed.join(' or ')}, got ${t.dtype} (shape ${fmtShape(t.shape)})`);
  }
}

export function checkShape(op: string, shape: unknown, arg = 'shape'): number[] {
  if (!Array.isArray(shape)) throw opError(op, `${arg} must be an array of sizes, got ${String(shape)}`);
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw opError(op, `${arg} [${shape.join(',')}] must hold non-negative integers`);
    }
  }
  return shape as number[];
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
  return typeof e === 'boolean' ? 'bool' : 'float32';
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
  if (typeof v !== 'number') throw new Error(`value ${String(v)} is not a number`);
  out.push(v);
}

/** Builds a tensor from JS values (tf.tensor's core). */
export function makeTensor(values: unknown, shape: number[] | undefined, dtype: DType | undefined, op = 'tensor', arg = 'values'): Tensor {
  if (dtype !== undefined && dtype !== 'float32' && dtype !== 'int32' && dtype !== 'bool') {
    throw opError(op, `unsupported dtype '${String(dtype)}' (float32, int32 or bool)`);
  }
  const dt = dtype ?? inferDtype(values);
  let flat: ArrayLike<number>;
  let inferred: number[];
  if (typeof values === 'number' || typeof values === 'boolean') {
    flat = [typeof values === 'boolean' ? (values ? 1 : 0) : values];
    inferred = [];
  } else if (ArrayBuffer.isView(values) && !(values instanceof DataView)) {
    flat = values as unknown as ArrayLike<number>;
    inferred = [flat.length];
  } else if (Array.isArray(values)) {
    inferred = inferShape(values, op);
    const out: number[] = [];
    try { flatten(values, out); } catch (e) { throw opError(op, `argument '${arg}': ${(e as Error).message}`); }
    flat = out;
  } else {
    throw opError(op, `argument '${arg}' must be a Tensor, a number, a boolean, a (nested) array or a TypedArray, got ${typeof values}`);
  }
  let sh = inferred;
  if (shape !== undefined) {
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
    const v = h.u8, o = t.ptr;
    for (let i = 0; i < t.size; i++) v[o + i] = flat[i] ? 1 : 0;
  }
}

// ---- scratch -------------------------------------------------------------------------------------

let scratchPtr = -1;
const SCRATCH_BYTES = 4096;
/** 4 KiB the kernels use for shape/stride arrays and small temporaries (never freed). */
export function scratch(): number {
  if (scratchPtr < 0) scratchPtr = H().alloc(SCRATCH_BYTES);
  return scratchPtr;
}
/** Writes i32 values to the scratch area and returns its address. */
export function scratchI32(values: number[]): number {
  const p = scratch();
  H().i32.set(values, p >>> 2);
  return p;
}

let gemmPtr = -1;
export function gemmScratch(): number {
  if (gemmPtr < 0) gemmPtr = H().alloc(K().f32_gemm_scratch_floats() * 4);
  return gemmPtr;
}

// ---- shapes --------------------------------------------------------------------------------------

/** numpy broadcasting of two shapes. */
export function broadcastShapes(op: string, a: readonly number[], b: readonly number[], an = 'a', bn = 'b'): number[] {
  const r = Math.max(a.length, b.length);
  const out = new Array<number>(r);
  for (let i = 0; i < r; i++) {
    const da = a[a.length - r + i] ?? 1, db = b[b.length - r + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw opError(op, `shapes of ${an} ${fmtShape(a)} and ${bn} ${fmtShape(b)} cannot be broadcast together`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Element strides of `shape` read as `out` (0 on broadcast axes), right-aligned. */
export function broadcastStrides(shape: readonly number[], out: readonly number[]): number[] {
  const r = out.length, st = new Array<number>(r).fill(0);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const o = r - shape.length + i;
    st[o] = shape[i] === 1 && out[o] !== 1 ? 0 : s;
    s *= shape[i];
  }
  return st;
}

/**
 * Merges adjacent axes that every operand walks contiguously and drops size-1 axes, so the kernels
 * see the fewest loops (same-shape operands become one flat row).
 */
export function coalesce(out: readonly number[], strides: number[][]): { shape: number[]; strides: number[][] } {
  const shape: number[] = [];
  const st: number[][] = strides.map(() => []);
  for (let i = 0; i < out.length; i++) {
    if (out[i] === 1) continue;
    const k = shape.length - 1;
    if (k >= 0 && strides.every((s, j) => st[j][k] === s[i] * out[i])) {
      shape[k] *= out[i];
      strides.forEach((s, j) => { st[j][k] = s[i]; });
    } else {
      shape.push(out[i]);
      strides.forEach((s, j) => st[j].push(s[i]));
    }
  }
  if (shape.length === 0) { shape.push(1); st.forEach((s) => s.push(1)); }
  return { shape, strides: st };
}

/** Normalises an axis argument (negative allowed) to sorted unique axes; null/undefined = all. */
export function parseAxes(op: string, axis: number | number[] | null | undefined, rank: number): number[] {
  if (axis === null || axis === undefined) return [...Array(rank).keys()];
  const list = Array.isArray(axis) ? axis : [axis];
  const out = new Set<number>();
  for (const a of list) {
    const r = Math.max(rank, 1); // a scalar accepts axis 0 and -1, as TensorFlow
    if (!Number.isInteger(a) || a < -r || a >= r) {
      throw opError(op, `axis ${a} is out of range for a tensor of rank ${rank}`);
    }
    if (rank > 0) out.add(a < 0 ? a + rank : a);
  }
  return [...out].sort((x, y) => x - y);
}
