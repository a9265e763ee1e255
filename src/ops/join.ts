// Joining and splitting: concat (the one new primitive: inputs copied into regions of the output by the
// strided-copy kernel, gradient = slices of dy), and compositions that get their gradients for free:
// stack, unstack, split, tile (a broadcast), pad (a strided write), mirrorPad (reversed reads + concat),
// clipByValue (maximum/minimum), meshgrid (broadcasts).
import { fmtShape, opError } from '../core/convert.js';
import { BYTES } from '../core/dtype.js';
import { composite, op, type InputSpec, type Grads } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { maximum, minimum } from './binary.js';
import { broadcastTo, clone, expandDims, reshape } from './shape.js';
import { copyBox, stridedRead, stridedWrite } from './slice.js';
import { checkAxis, stridesOf } from './util.js';
import { indicesOf, pick, stringsOf } from './string_raw.js';

/** A non-empty list of tensors, upcast to the widest dtype (bool < int32 < float32). */
const TENSORS: InputSpec[] = [{ name: 'tensors', list: true, complex: true, string: true }];
function nonEmpty(op: string, ts: Tensor[]): void {
  if (ts.length === 0) throw opError(op, 'pass a non-empty array of tensors');
}

/**
 * Joins tensors along an existing axis; the other dimensions must match.
 * @example tf.concat([tf.tensor1d([1, 2]), tf.tensor1d([3])])  // [1, 2, 3]
 */
export const concat = op('concat', {
  inputs: TENSORS, promote: 'match', save: 'none',
  forward: (tensors: Tensor[], axis = 0): Tensor => {
    const op = 'concat';
    nonEmpty(op, tensors);
    const first = tensors[0], r = first.rank;
    if (r === 0) throw opError(op, 'tensors[0] is a scalar (shape []); scalars cannot be concatenated (use tf.stack)');
    const a = checkAxis(op, axis, r, `tensors[0] ${fmtShape(first.shape)}`);
    tensors.forEach((t, i) => {
      if (t.rank !== r || t.shape.some((d, k) => k !== a && d !== first.shape[k])) {
        throw opError(op, `tensors[${i}] has shape ${fmtShape(t.shape)}, which does not match tensors[0] ${fmtShape(first.shape)} ` +
          `outside axis ${a}`);
      }
    });
    if (tensors.length === 1) return first.view(first.shape.slice());
    if (tensors.some((t) => t.dtype === 'string')) { // on the element indices of the strings of all tensors, in order
      const i = tensors.findIndex((t) => t.dtype !== 'string');
      if (i >= 0) throw opError(op, `tensors[${i}] is ${tensors[i].dtype}; string tensors join only with string tensors`);
      let base = 0;
      const idx = tensors.map((t) => { const i = indicesOf(t, base); base += t.size; return i; });
      return pick(tensors.flatMap(stringsOf), concat(idx, a));
    }
    const outShape = first.shape.slice();
    outShape[a] = tensors.reduce((s, t) => s + t.shape[a], 0);
    const y = new Tensor(outShape, first.dtype);
    const ys = stridesOf(outShape), bytes = BYTES[first.dtype];
    let off = 0;
    for (const t of tensors) {
      copyBox(t.dtype, t.ptr, stridesOf(t.shape), y.ptr + off * ys[a] * bytes, ys, t.shape);
      off += t.shape[a];
    }
    return y;
  },
  grad: (dy, _y, [ts, axis = 0]): Grads => {
    const a = checkAxis('concat', axis, dy.rank), ones = dy.shape.map(() => 1);
    let off = 0;
    return ts.map((t) => {
      const b = dy.shape.map(() => 0);
      b[a] = off;
      off += t.shape[a];
      return stridedRead(dy, b, ones, t.shape);
    });
  },
});

/**
 * Joins tensors of equal shape along a new axis.
 * @example tf.stack([a, b], 0)   // [2, ...a.shape]
 */
export const stack = composite('stack', {
  inputs: TENSORS, promote: 'match',
  forward: (tensors: Tensor[], axis = 0): Tensor => {
    const op = 'stack';
    nonEmpty(op, tensors);
    const s0 = tensors[0].shape;
    tensors.forEach((t, i) => {
      if (t.rank !== s0.length || t.shape.some((d, k) => d !== s0[k])) {
        throw opError(op, `tensors[${i}] has shape ${fmtShape(t.shape)} but tensors[0] has ${fmtShape(s0)}; stack needs equal shapes`);
      }
    });
    const a = checkAxis(op, axis, s0.length + 1, 'the result');
    return concat(tensors.map((t) => expandDims(t, a)), a);
  },
});

/**
 * Splits x along `axis` into its slices, dropping that axis.
 * @example tf.unstack(tf.tensor2d([[1, 2], [3, 4]]))  // [[1, 2], [3, 4]] as two tensors
 */
export const unstack = composite('unstack', {
  inputs: [{ name: 'x', complex: true, string: true }],
  forward: (x: Tensor, axis = 0): Tensor[] => {
    const op = 'unstack';
    if (x.rank === 0) throw opError(op, 'cannot unstack a scalar (x has shape [])');
    const a = checkAxis(op, axis, x.rank, `x ${fmtShape(x.shape)}`);
    const box = x.shape.slice(); box[a] = 1;
    const outShape = x.shape.filter((_, i) => i !== a);
    const ones = box.map(() => 1);
    const out: Tensor[] = [];
    for (let i = 0; i < x.shape[a]; i++) {
      const b = box.map(() => 0); b[a] = i;
      out.push(reshape(stridedRead(x, b, ones, box), outShape));
    }
    return out;
  },
});

/**
 * Splits x along `axis` into `n` equal parts, or into parts of the given sizes (one may be -1).
 * @example tf.split(x, 2, 1); tf.split(x, [4, 4, 2]); tf.split(x, [3, -1])
 */
export const split = composite('split', {
  inputs: [{ name: 'x', complex: true, string: true }],
  forward: (x: Tensor, numOrSizeSplits: number | number[], axis = 0): Tensor[] => {
    const op = 'split';
    if (x.rank === 0) throw opError(op, 'cannot split a scalar (x has shape [])');
    const a = checkAxis(op, axis, x.rank, `x ${fmtShape(x.shape)}`);
    const dim = x.shape[a];
    let sizes: number[];
    if (typeof numOrSizeSplits === 'number') {
      const n = numOrSizeSplits;
      if (!Number.isInteger(n) || n <= 0) throw opError(op, `the number of splits must be a positive integer, got ${n}`);
      if (dim % n !== 0) throw opError(op, `${n} splits do not evenly divide axis ${a} of size ${dim} (x ${fmtShape(x.shape)})`);
      sizes = new Array<number>(n).fill(dim / n);
    } else if (Array.isArray(numOrSizeSplits)) {
      sizes = numOrSizeSplits.slice();
      const bad = sizes.find((v) => !Number.isInteger(v) || v < -1);
      if (bad !== undefined || sizes.length === 0) {
        throw opError(op, `sizes ${fmtShape(sizes)} must be non-negative integers (and at most one -1)`);
      }
      const neg = sizes.filter((v) => v === -1).length;
      if (neg > 1) throw opError(op, `sizes ${fmtShape(sizes)} may hold only one -1`);
      const known = sizes.reduce((s, v) => (v === -1 ? s : s + v), 0);
      if (neg === 1) {
        if (known > dim) throw opError(op, `sizes ${fmtShape(sizes)} add up to more than axis ${a} of size ${dim} (x ${fmtShape(x.shape)})`);
        sizes[sizes.indexOf(-1)] = dim - known;
      } else if (known !== dim) {
        throw opError(op, `sizes ${fmtShape(sizes)} add up to ${known}, not to axis ${a} of size ${dim} (x ${fmtShape(x.shape)})`);
      }
    } else {
      throw opError(op, `numOrSizeSplits must be a number or an array of sizes, got ${String(numOrSizeSplits)}`);
    }
    const ones = x.shape.map(() => 1);
    let off = 0;
    return sizes.map((n) => {
      const b = x.shape.map(() => 0), s = x.shape.slice();
      b[a] = off; s[a] = n; off += n;
      return stridedRead(x, b, ones, s);
    });
  },
});

/**
 * Repeats x `reps[i]` times along axis i. A broadcast of x viewed as [1, d0, 1, d1, …] to
 * [r0, d0, r1, d1, …]; its gradient sums the copies.
 * @example tf.tile(tf.tensor2d([[1, 2], [3, 4]]), [2, 3])  // shape [4, 6]
 */
export const tile = composite('tile', {
  inputs: [{ name: 'x', string: true }],
  forward: (x: Tensor, reps: number[]): Tensor => {
    const op = 'tile';
    if (!Array.isArray(reps) || reps.length !== x.rank) {
      throw opError(op, `reps ${Array.isArray(reps) ? fmtShape(reps) : String(reps)} must have one entry per axis of x ${fmtShape(x.shape)} (rank ${x.rank})`);
    }
    reps.forEach((v, i) => {
      if (!Number.isInteger(v) || v < 0) throw opError(op, `reps[${i}] = ${v} must be a non-negative integer (reps ${fmtShape(reps)})`);
    });
    if (reps.every((v) => v === 1)) return clone(x);
    const view = x.shape.flatMap((d) => [1, d]);
    const big = x.shape.flatMap((d, i) => [reps[i], d]);
    return reshape(broadcastTo(reshape(x, view), big), x.shape.map((d, i) => d * reps[i]));
  },
});

type Paddings = Array<[number, number]> | number[][];

function checkPaddings(op: string, t: Tensor, paddings: Paddings): Array<[number, number]> {
  if (t.rank === 0) throw opError(op, 'cannot pad a scalar (x has shape [])');
  if (!Array.isArray(paddings) || paddings.length !== t.rank) {
    throw opError(op, `paddings must have one [before, after] pair per axis of x ${fmtShape(t.shape)} (rank ${t.rank}), ` +
      `got ${Array.isArray(paddings) ? paddings.length : String(paddings)}`);
  }
  return paddings.map((p, i) => {
    if (!Array.isArray(p) || p.length !== 2 || !p.every((v) => Number.isInteger(v) && v >= 0)) {
      throw opError(op, `paddings[${i}] must be a pair of non-negative integers [before, after], got ${Array.isArray(p) ? fmtShape(p) : String(p)}`);
    }
    return [p[0], p[1]] as [number, number];
  });
}

/**
 * Pads x with `constantValue` (tfjs; TF's `mode` string is also accepted: 'CONSTANT', 'REFLECT',
 * 'SYMMETRIC', the last two forwarding to mirrorPad).
 * @example tf.pad(x, [[0, 0], [2, 2], [2, 2], [0, 0]])   // a 2-pixel border of zeros
 */
export const pad = composite('pad', {
  inputs: ['x'],
  forward: (x: Tensor, paddings: Paddings, constantValue: number | string = 0): Tensor => {
    const op = 'pad';
    if (typeof constantValue === 'string') {
      const m = constantValue.toLowerCase();
      if (m === 'reflect' || m === 'symmetric') return mirrorPad(x, paddings, m);
      if (m !== 'constant') throw opError(op, `mode must be 'CONSTANT', 'REFLECT' or 'SYMMETRIC', got '${constantValue}'`);
      constantValue = 0;
    }
    if (typeof constantValue !== 'number') throw opError(op, `constantValue must be a number, got ${String(constantValue)}`);
    const p = checkPaddings(op, x, paddings);
    if (p.every(([a, b]) => a === 0 && b === 0)) return clone(x);
    const shape = x.shape.map((d, i) => d + p[i][0] + p[i][1]);
    return stridedWrite(x, shape, p.map((v) => v[0]), shape.map(() => 1), constantValue);
  },
});

/**
 * Pads x with its own mirror image: 'reflect' excludes the edge ([1,2,3] → [3,2,1,2,3]), 'symmetric'
 * repeats it ([1,2,3] → [2,1,1,2,3]).
 * @example tf.mirrorPad(tf.tensor1d([1, 2, 3]), [[2, 0]], 'reflect')   // [3, 2, 1, 2, 3]
 */
export const mirrorPad = composite('mirrorPad', {
  inputs: ['x'],
  forward: (x: Tensor, paddings: Paddings, mode: 'reflect' | 'symmetric'): Tensor => {
    const op = 'mirrorPad';
    if (mode !== 'reflect' && mode !== 'symmetric') throw opError(op, `mode must be 'reflect' or 'symmetric', got '${String(mode)}'`);
    const p = checkPaddings(op, x, paddings);
    const edge = mode === 'reflect' ? 1 : 0;
    p.forEach(([a, b], i) => {
      const lim = x.shape[i] - edge;
      if (a > lim || b > lim) {
        throw opError(op, `paddings[${i}] = [${a},${b}] is too large for axis ${i} of size ${x.shape[i]} in '${mode}' mode ` +
          `(at most ${lim}; x ${fmtShape(x.shape)})`);
      }
    });
    let cur = x;
    p.forEach(([a, b], i) => {
      if (a === 0 && b === 0) return;
      const n = cur.shape[i], ones = cur.shape.map(() => 1);
      const step = ones.slice(); step[i] = -1;
      const parts: Tensor[] = [];
      const box = (len: number) => { const s = cur.shape.slice(); s[i] = len; return s; };
      const at = (k: number) => { const s = cur.shape.map(() => 0); s[i] = k; return s; };
      // reflect: x[a], …, x[1] | x | x[n-2], …, x[n-1-b];  symmetric: x[a-1], …, x[0] | x | x[n-1], …, x[n-b]
      if (a > 0) parts.push(stridedRead(cur, at(a - 1 + edge), step, box(a)));
      parts.push(cur);
      if (b > 0) parts.push(stridedRead(cur, at(n - 1 - edge), step, box(b)));
      cur = concat(parts, i);
    });
    return cur === x ? clone(x) : cur;
  },
});

/**
 * Clamps every element to [clipValueMin, clipValueMax]. Gradient: dy where min ≤ x ≤ max, else 0.
 * @example tf.clipByValue(tf.range(0, 9, 1, 'int32'), 5, 7)   // [5 5 5 5 5 5 6 7 7]
 */
export const clipByValue = composite('clipByValue', {
  inputs: ['x'],
  forward: (x: Tensor, clipValueMin: number, clipValueMax: number): Tensor => {
    const op = 'clipByValue';
    if (typeof clipValueMin !== 'number' || typeof clipValueMax !== 'number' || Number.isNaN(clipValueMin) || Number.isNaN(clipValueMax)) {
      throw opError(op, `clipValueMin and clipValueMax must be numbers, got ${String(clipValueMin)} and ${String(clipValueMax)}`);
    }
    if (clipValueMin > clipValueMax) {
      throw opError(op, `clipValueMin (${clipValueMin}) must be <= clipValueMax (${clipValueMax}) (x ${fmtShape(x.shape)})`);
    }
    return minimum(maximum(x, clipValueMin), clipValueMax);
  },
});

/**
 * Coordinate grids from two vectors (inputs of any rank are flattened). 'xy' (default): both results
 * have shape [y.size, x.size]; 'ij': [x.size, y.size].
 * @example const [X, Y] = tf.meshgrid(tf.linspace(-8, 8, 100), tf.linspace(-8, 8, 50))  // [50, 100]
 */
export const meshgrid = composite('meshgrid', {
  inputs: [{ name: 'x', optional: true }, { name: 'y', optional: true }],
  forward: (x?: Tensor | null, y?: Tensor | null, options?: { indexing?: 'xy' | 'ij' } | null): Tensor[] => {
    const op = 'meshgrid';
    const indexing = options?.indexing ?? 'xy';
    if (indexing !== 'xy' && indexing !== 'ij') throw opError(op, `indexing must be 'xy' or 'ij', got '${String(indexing)}'`);
    if (!x) return [];
    if (!y) return [clone(x)];
    const w = x.size, h = y.size;
    if (indexing === 'xy') {
      return [broadcastTo(reshape(x, [1, w]), [h, w]), broadcastTo(reshape(y, [h, 1]), [h, w])];
    }
    return [broadcastTo(reshape(x, [w, 1]), [w, h]), broadcastTo(reshape(y, [1, h]), [w, h])];
  },
});
