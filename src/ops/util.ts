// Shape arithmetic the op families share: broadcasting, stride coalescing, axis arguments.
import { fmtShape, opError } from '../core/convert.js';

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

/** An argument as an error message shows it: strings quoted ('0' is not the axis 0), arrays bracketed. */
export function showArg(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : Array.isArray(v) ? `[${v.map(showArg).join(',')}]` : String(v);
}

/** Normalises an axis argument (negative allowed) to sorted unique axes; null/undefined = all. */
export function parseAxes(op: string, axis: number | number[] | null | undefined, rank: number): number[] {
  if (axis === null || axis === undefined) return [...Array(rank).keys()];
  const list = Array.isArray(axis) ? axis : [axis];
  const out = new Set<number>();
  for (const a of list) {
    const r = Math.max(rank, 1); // a scalar accepts axis 0 and -1, as TensorFlow
    if (typeof a !== 'number' || !Number.isInteger(a) || a < -r || a >= r) {
      throw opError(op, `axis ${showArg(a)} is out of range for a tensor of rank ${rank}`);
    }
    if (rank > 0) out.add(a < 0 ? a + rank : a);
  }
  return [...out].sort((x, y) => x - y);
}

/** One axis (negative counts from the end) of a tensor of rank `rank`. */
export function checkAxis(op: string, axis: unknown, rank: number, what = 'x'): number {
  if (typeof axis !== 'number' || !Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw opError(op, `axis ${showArg(axis)} is out of range for ${what} of rank ${rank}`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Row-major element strides of `shape`. */
export function stridesOf(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) { st[i] = s; s *= shape[i]; }
  return st;
}
