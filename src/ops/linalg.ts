// tf.linalg: bandPart, gramSchmidt and qr (Householder), written with ops so their gradients come from
// the ops they are made of; the matrix products run on the GEMM kernel, batched over leading axes.
import { H } from '../backend/wasm.js';
import { convert, fmtShape, opError, sizeOf, type TensorLike } from '../core/convert.js';
import { isTensor } from '../core/engine.js';
import { composite } from '../core/op.js';
import { Tensor } from '../core/tensor.js';
import { add, div, mul, sub } from './binary.js';
import { equal, greater, where } from './compare.js';
import { eye, tensor, zerosLike } from './create.js';
import { matMul } from './matmul.js';
import { sum } from './reduce.js';
import { cast, reshape } from './shape.js';
import { slice } from './slice.js';
import { stack } from './join.js';
import { sqrt } from './unary.js';

/** A band width: an integer, or an int32 scalar tensor (negative: the whole triangle). */
function bandArg(name: string, v: unknown, arg: string, limit: number, what: string): number {
  let n: unknown = v;
  if (isTensor(v)) {
    if (v.isDisposed) throw opError(name, `${arg} is disposed`);
    if (v.dtype !== 'int32' || v.size !== 1) throw opError(name, `${arg} must be an integer or an int32 scalar, got a ${v.dtype} tensor of shape ${fmtShape(v.shape)}`);
    n = H().i32[v.ptr >>> 2];
    return (n as number) < 0 ? limit : Math.min(n as number, limit);
  }
  if (typeof n !== 'number' || !Number.isInteger(n)) throw opError(name, `${arg} must be an integer, got ${String(n)}`);
  if (n > limit) throw opError(name, `${arg} (${n}) must not be greater than the number of ${what} (${limit})`);
  return n < 0 ? limit : n;
}

/**
 * Keeps a band of each innermost matrix: element (m, n) stays where m − n ≤ numLower and n − m ≤ numUpper
 * (a negative width keeps the whole triangle); the rest is zero.
 * @example tf.linalg.bandPart(x, 0, -1)  // the upper triangle
 */
export const bandPart = composite('linalg.bandPart', {
  inputs: ['a'],
  forward: (a: Tensor, numLower: number | Tensor, numUpper: number | Tensor): Tensor => {
    const name = 'linalg.bandPart';
    if (a.rank < 2) throw opError(name, `a must have rank ≥ 2, got ${fmtShape(a.shape)}`);
    const [M, N] = a.shape.slice(-2);
    const lo = bandArg(name, numLower, 'numLower', M, 'rows'), up = bandArg(name, numUpper, 'numUpper', N, 'columns');
    const mask = new Array<boolean>(M * N);
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) mask[i * N + j] = i - j <= lo && j - i <= up;
    return where(tensor(mask, [M, N], 'bool'), a, zerosLike(a));
  },
});

/**
 * Gram–Schmidt orthonormalisation of the rows of a matrix [n, d] (n ≤ d), or of a list of vectors
 * [d]: each row minus its projections on the rows before it, normalised.
 */
export const gramSchmidt = composite('linalg.gramSchmidt', {
  inputs: [],
  forward: (xs: TensorLike | TensorLike[]): Tensor | Tensor[] => {
    const name = 'linalg.gramSchmidt';
    const asList = Array.isArray(xs) && xs.every((v) => isTensor(v));
    let rows: Tensor[];
    if (asList) {
      const list = xs as Tensor[];
      if (list.length === 0) throw opError(name, 'xs is an empty list of vectors');
      rows = list.map((v, i) => convert(v, `xs[${i}]`, name));
      rows.forEach((r, i) => {
        if (r.rank !== 1 || r.shape[0] !== rows[0].shape[0]) throw opError(name, `xs[${i}] must be a vector of length ${rows[0].shape[0]}, got ${fmtShape(r.shape)}`);
      });
    } else {
      const m = convert(xs as TensorLike, 'xs', name);
      if (m.rank !== 2) throw opError(name, `xs must be a matrix [n, d] or a list of vectors, got ${fmtShape(m.shape)}`);
      rows = Array.from({ length: m.shape[0] }, (_, i) => reshape(slice(m, [i, 0], [1, -1]), [m.shape[1]]));
      if (rows.length === 0) throw opError(name, `xs ${fmtShape(m.shape)} has no rows`);
    }
    rows.forEach((r, i) => { if (r.dtype !== 'float32') rows[i] = cast(r, 'float32'); });
    const d = rows[0].shape[0];
    if (rows.length > d) throw opError(name, `${rows.length} vectors exceed their dimension ${d}`);
    const ys: Tensor[] = [];
    for (const r of rows) {
      let x = r;
      for (const y of ys) x = sub(x, mul(sum(mul(y, x)), y));
      ys.push(div(x, sqrt(sum(mul(x, x)))));
    }
    return asList ? ys : stack(ys);
  },
});

/**
 * QR decomposition of the innermost matrices [..., M, N] by Householder reflections: [Q, R] with Q
 * orthogonal and R upper triangular, Q·R = x. fullMatrices = false (default) with M > N gives Q
 * [..., M, N] and R [..., N, N]; otherwise Q [..., M, M] and R [..., M, N]. Every column is reflected
 * (tfjs's sign convention: R's diagonal is −sign(pivot)·norm, the last one included). Differentiable.
 */
export const qr = composite('linalg.qr', {
  inputs: [{ name: 'x', dtypes: ['float32', 'int32'] }],
  forward: (x: Tensor, fullMatrices = false): [Tensor, Tensor] => {
    const name = 'linalg.qr';
    if (x.rank < 2) throw opError(name, `x must have rank >= 2, got rank ${x.rank} ${fmtShape(x.shape)}`);
    if (typeof fullMatrices !== 'boolean') throw opError(name, `fullMatrices must be true or false, got ${String(fullMatrices)}`);
    const [M, N] = x.shape.slice(-2), batch = x.shape.slice(0, -2), B = sizeOf(batch);
    let r = reshape(x.dtype === 'float32' ? x : cast(x, 'float32'), [B, M, N]);
    let q = eye(M, M, [B]);
    const steps = Math.min(M, N);
    for (let j = 0; j < steps; j++) {
      const below = new Array<number>(M).fill(0).map((_, i) => (i >= j ? 1 : 0));
      const strictly = below.map((v, i) => (i > j ? 1 : 0));
      const col = slice(r, [0, 0, j], [B, M, 1]);                       // [B, M, 1]
      const v = mul(col, tensor(below, [1, M, 1]));
      const norm = sqrt(sum(mul(v, v), 1, true));                       // [B, 1, 1]
      const pivot = slice(r, [0, j, j], [B, 1, 1]);
      const s = where(greater(pivot, 0), -1, 1);                        // the reflection sends v to s·norm·e_j
      const zero = equal(norm, 0);                                      // nothing to reflect: H = I
      const u1 = where(zero, 1, sub(pivot, mul(s, norm)));
      const w = add(div(mul(col, tensor(strictly, [1, M, 1])), u1), tensor(below.map((_, i) => (i === j ? 1 : 0)), [1, M, 1]));
      const tau = where(zero, 0, div(mul(mul(s, -1), u1), where(zero, 1, norm)));
      r = sub(r, mul(tau, matMul(w, matMul(w, r, true, false))));         // H·R
      q = sub(q, mul(tau, matMul(matMul(q, w), w, false, true)));         // Q·H
    }
    if (!fullMatrices && M > N) {
      q = slice(q, [0, 0, 0], [B, M, N]);
      r = slice(r, [0, 0, 0], [B, N, N]);
    }
    const [rm, rn] = r.shape.slice(1);
    const upper = new Array<number>(rm * rn);
    for (let i = 0; i < rm; i++) for (let k = 0; k < rn; k++) upper[i * rn + k] = k >= i ? 1 : 0;
    r = mul(r, tensor(upper, [1, rm, rn]));                               // exact zeros below the diagonal
    return [reshape(q, [...batch, ...q.shape.slice(1)]), reshape(r, [...batch, rm, rn])];
  },
});
