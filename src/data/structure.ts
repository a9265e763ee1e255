// Dataset elements are nested structures: tensors, numbers and numeric arrays at the leaves, tuples
// (arrays) and records (plain objects) around them. One rule decides what an array is, everywhere
// (fromTensorSlices, batch, the types): an array of numbers/booleans (nested, or typed) is *data* and
// becomes one tensor; any other array is a *tuple* whose items are elements of their own. tfjs's
// deepBatchConcat treats every array as data; TF2 treats Python tuples as structure: this rule gives
// both `tf.data.array([[1, 2], [3, 4]]).batch(2)` (one [2,2] tensor) and `[x, y]` tuples.
import { isTensor } from '../core/engine.js';
import { stack } from '../ops/join.js';
import { clone } from '../ops/shape.js';
import { makeTensor, opError } from '../core/convert.js';
import type { Tensor, TypedArray } from '../core/tensor.js';

/** Numbers, booleans and (nested or typed) arrays of them: values that make one tensor. */
export type Numeric = number | boolean | TypedArray | readonly Numeric[];

/**
 * T with every leaf (tensor, number, numeric array) as a Tensor: the element type after `batch`, and
 * of `fromTensorSlices` (which slices each leaf).
 */
export type AsTensors<T> = T extends Tensor ? Tensor
  : T extends Numeric ? Tensor
  : T extends readonly unknown[] ? { -readonly [K in keyof T]: AsTensors<T[K]> }
  : T extends object ? { -readonly [K in keyof T]: AsTensors<T[K]> }
  : T;

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object') return false;
  const p = Object.getPrototypeOf(x);
  return p === Object.prototype || p === null;
}

export function isNumeric(x: unknown): boolean {
  if (typeof x === 'number' || typeof x === 'boolean') return true;
  if (ArrayBuffer.isView(x)) return !(x instanceof DataView);
  return Array.isArray(x) && x.every(isNumeric);
}

/** A copy of the structure with f applied to each tensor (other leaves are kept as they are). */
export function mapTensors(x: unknown, f: (t: Tensor) => Tensor): unknown {
  if (isTensor(x)) return f(x);
  if (Array.isArray(x)) return x.map((v) => mapTensors(v, f));
  if (isPlainObject(x)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x)) out[k] = mapTensors(x[k], f);
    return out;
  }
  return x;
}

/** tfjs's deepClone: a fresh structure whose tensors the receiver owns (clones share the data). */
export function deepClone<T>(x: T): T {
  return mapTensors(x, (t) => clone(t)) as T;
}

/** The leaves of a structure of tensors, with their paths ('', '[1]', 'xs', 'a.b[0]'). */
export function leaves(x: unknown, path = ''): [string, Tensor][] {
  if (isTensor(x)) return [[path, x]];
  if (Array.isArray(x)) return x.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  if (isPlainObject(x)) return Object.keys(x).flatMap((k) => leaves(x[k], path ? `${path}.${k}` : k));
  return [];
}

export function describe(x: unknown): string {
  if (isTensor(x)) return `a tensor of shape [${x.shape}]`;
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (x === null) return 'null';
  if (isPlainObject(x)) return `an object with keys {${Object.keys(x).join(', ')}}`;
  if (typeof x === 'object') return `a ${(x as object).constructor?.name ?? 'object'}`;
  return `${typeof x} ${JSON.stringify(x)}`;
}

const at = (path: string) => (path ? ` at '${path}'` : '');

/**
 * Joins n elements of the same structure into one batch: tensors are stacked on a new axis 0,
 * numbers and numeric arrays become one tensor, tuples and records are batched item by item.
 * Called inside tidy: what it creates on the way is freed, also on error.
 */
export function batchElements(els: unknown[], path = ''): unknown {
  const op = 'Dataset.batch';
  const first = els[0];
  if (isTensor(first)) {
    try {
      return stack(els as Tensor[]);
    } catch (e) {
      throw opError(op, `cannot stack the elements${at(path)}: ${(e as Error).message}`);
    }
  }
  if (isNumeric(first)) {
    const bad = els.findIndex((e) => !isNumeric(e));
    if (bad >= 0) throw opError(op, `element ${bad} is ${describe(els[bad])}${at(path)}, element 0 is numeric`);
    return makeTensor(els, undefined, undefined, op, path || 'elements');
  }
  if (Array.isArray(first)) {
    els.forEach((e, i) => {
      if (!Array.isArray(e) || e.length !== first.length) {
        throw opError(op, `element ${i} is ${describe(e)}${at(path)}, element 0 is an array of length ${first.length}`);
      }
    });
    return first.map((_, k) => batchElements(els.map((e) => (e as unknown[])[k]), `${path}[${k}]`));
  }
  if (isPlainObject(first)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(first)) {
      const col = els.map((e, i) => {
        if (!isPlainObject(e) || !(k in e)) throw opError(op, `element ${i}${at(path)} has no key '${k}' (element 0 has it)`);
        return e[k];
      });
      out[k] = batchElements(col, path ? `${path}.${k}` : k);
    }
    return out;
  }
  throw opError(op, `cannot batch ${describe(first)}${at(path)}: elements must be tensors, numbers, numeric arrays, ` +
    'or arrays / objects of them');
}
