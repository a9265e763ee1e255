// Moving blocks between space and depth or batch: depthToSpace, spaceToBatchND, batchToSpaceND. Each is a
// reshape, a transpose and a reshape (plus a pad or a slice), so they run on the transpose and strided-copy
// kernels and their gradients come from those ops: spaceToBatchND's is batchToSpaceND's and vice versa.
import { fmtShape, opError, sizeOf } from '../core/convert.js';
import { composite } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { pad } from './join.js';
import { reshape, transpose } from './shape.js';
import { slice } from './slice.js';

/**
 * Rearranges blocks of depth into space (TF's DepthToSpace, DCR order): x [b, h, w, c] → [b, h·s, w·s,
 * c / s²] (NHWC), or [b, c, h, w] → [b, c / s², h·s, w·s] (NCHW). float32 (tfjs).
 * @example tf.depthToSpace(tf.tensor4d([1, 2, 3, 4], [1, 1, 1, 4]), 2)  // [[[[1], [2]], [[3], [4]]]]
 */
export const depthToSpace = composite('depthToSpace', {
  inputs: [{ name: 'x', dtypes: ['float32'] }],
  forward: (x: Tensor, blockSize: number, dataFormat: 'NHWC' | 'NCHW' = 'NHWC'): Tensor => {
    const op = 'depthToSpace';
    if (x.rank !== 4) throw opError(op, `x must be rank 4, got shape ${fmtShape(x.shape)}`);
    if (typeof blockSize !== 'number' || !Number.isInteger(blockSize) || blockSize < 2) {
      throw opError(op, `blockSize must be an integer > 1, got ${String(blockSize)}`);
    }
    if (dataFormat !== 'NHWC' && dataFormat !== 'NCHW') throw opError(op, `dataFormat must be 'NHWC' or 'NCHW', got ${String(dataFormat)}`);
    const s = blockSize, nhwc = dataFormat === 'NHWC';
    const [b, h, w, c] = nhwc ? x.shape : [x.shape[0], x.shape[2], x.shape[3], x.shape[1]];
    if (c % (s * s) !== 0) throw opError(op, `the depth ${c} of x ${fmtShape(x.shape)} must be divisible by blockSize² = ${s * s}`);
    const d = c / (s * s);
    if (nhwc) return reshape(transpose(reshape(x, [b, h, w, s, s, d]), [0, 1, 3, 2, 4, 5]), [b, h * s, w * s, d]);
    return reshape(transpose(reshape(x, [b, s, s, d, h, w]), [0, 3, 4, 1, 5, 2]), [b, d, h * s, w * s]);
  },
});

function blockArgs(op: string, x: Tensor, blockShape: number[], pairs: number[][], what: string): void {
  if (!Array.isArray(blockShape) || blockShape.length === 0 || blockShape.some((v) => !Number.isInteger(v) || v < 1)) {
    throw opError(op, `blockShape must be a non-empty array of positive integers, got ${JSON.stringify(blockShape)}`);
  }
  const m = blockShape.length;
  if (x.rank < m + 1) throw opError(op, `x ${fmtShape(x.shape)} must have rank > blockShape.length = ${m}`);
  if (!Array.isArray(pairs) || pairs.length !== m ||
      pairs.some((p) => !Array.isArray(p) || p.length !== 2 || p.some((v) => !Number.isInteger(v) || v < 0))) {
    throw opError(op, `${what} must be ${m} pairs of non-negative integers (one per blockShape entry), got ${JSON.stringify(pairs)}`);
  }
}

/**
 * Zero-pads the m spatial axes after the batch axis and moves blocks of blockShape into the batch: x
 * [batch, s1 … sm, rest] → [batch·Πb, (s1 + p)/b1 … (sm + p)/bm, rest] (TF's SpaceToBatchND).
 * @example tf.spaceToBatchND(tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]), [2, 2], [[0, 0], [0, 0]])  // [4, 1, 1, 1]
 */
export const spaceToBatchND = composite('spaceToBatchND', {
  inputs: ['x'],
  forward: (x: Tensor, blockShape: number[], paddings: number[][]): Tensor => {
    const op = 'spaceToBatchND';
    blockArgs(op, x, blockShape, paddings, 'paddings');
    const m = blockShape.length, batch = x.shape[0], rest = x.shape.slice(m + 1);
    const padded = x.shape.slice(1, m + 1).map((d, i) => d + paddings[i][0] + paddings[i][1]);
    padded.forEach((d, i) => {
      if (d % blockShape[i] !== 0) {
        throw opError(op, `spatial axis ${i + 1} of x ${fmtShape(x.shape)} padded by ${fmtShape(paddings[i])} is ${d}, not divisible by blockShape[${i}] = ${blockShape[i]}`);
      }
    });
    const xp = pad(x, [[0, 0], ...paddings.map((p) => [p[0], p[1]]), ...rest.map(() => [0, 0])]);
    // [batch, o1, b1, …, om, bm, rest] → [b1 … bm, batch, o1 … om, rest]
    const split = [batch, ...padded.flatMap((d, i) => [d / blockShape[i], blockShape[i]]), ...rest];
    const perm = [...blockShape.map((_, i) => 2 + 2 * i), 0, ...blockShape.map((_, i) => 1 + 2 * i), ...rest.map((_, i) => 1 + 2 * m + i)];
    const out = [batch * sizeOf(blockShape), ...padded.map((d, i) => d / blockShape[i]), ...rest];
    return reshape(transpose(reshape(xp, split), perm), out);
  },
});

/**
 * The inverse of spaceToBatchND: moves blocks of the batch back into the m spatial axes and crops them:
 * x [batch, s1 … sm, rest] → [batch/Πb, s1·b1 − crops … , rest] (TF's BatchToSpaceND).
 * @example tf.batchToSpaceND(tf.tensor4d([1, 2, 3, 4], [4, 1, 1, 1]), [2, 2], [[0, 0], [0, 0]])  // [1, 2, 2, 1]
 */
export const batchToSpaceND = composite('batchToSpaceND', {
  inputs: ['x'],
  forward: (x: Tensor, blockShape: number[], crops: number[][]): Tensor => {
    const op = 'batchToSpaceND';
    blockArgs(op, x, blockShape, crops, 'crops');
    const m = blockShape.length, prod = sizeOf(blockShape), rest = x.shape.slice(m + 1);
    if (x.shape[0] % prod !== 0) throw opError(op, `the batch ${x.shape[0]} of x ${fmtShape(x.shape)} is not divisible by the product of blockShape ${fmtShape(blockShape)} = ${prod}`);
    const batch = x.shape[0] / prod, spatial = x.shape.slice(1, m + 1);
    spatial.forEach((d, i) => {
      if (crops[i][0] + crops[i][1] > d * blockShape[i]) {
        throw opError(op, `crops[${i}] = ${fmtShape(crops[i])} removes more than axis ${i + 1} of size ${d * blockShape[i]}`);
      }
    });
    // [b1 … bm, batch, s1 … sm, rest] → [batch, s1, b1, …, sm, bm, rest]
    const split = [...blockShape, batch, ...spatial, ...rest];
    const perm = [m, ...spatial.flatMap((_, i) => [m + 1 + i, i]), ...rest.map((_, i) => 2 * m + 1 + i)];
    const full = [batch, ...spatial.map((d, i) => d * blockShape[i]), ...rest];
    const y = reshape(transpose(reshape(x, split), perm), full);
    if (crops.every((c) => c[0] === 0 && c[1] === 0)) return y;
    const begin = [0, ...crops.map((c) => c[0]), ...rest.map(() => 0)];
    const size = [batch, ...full.slice(1, m + 1).map((d, i) => d - crops[i][0] - crops[i][1]), ...rest];
    return slice(y, begin, size);
  },
});
