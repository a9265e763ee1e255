// tfjs's rank-typed forwards: concat1d…4d, pad1d…4d, slice1d…4d, reverse1d…4d. Each checks what its
// name promises (tfjs: the rank of x for slice and reverse, the number of padding pairs for pad; concatNd
// checks nothing more than concat) and forwards to the general op, whose gradient it shares.
import { fmtShape, opError } from '../core/convert.js';
import { composite, type InputSpec } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { concat, pad } from './join.js';
import { reverse, slice } from './slice.js';

const TENSORS: InputSpec[] = [{ name: 'tensors', list: true }];
/** concat(tensors, 0) for 1-D tensors (tfjs's concat1d). @example tf.concat1d([[1, 2], [3]])  // [1, 2, 3] */
export const concat1d = composite('concat1d', { inputs: TENSORS, promote: 'match', forward: (tensors: Tensor[]): Tensor => concat(tensors, 0) });
/** concat for 2-D tensors (tfjs's concat2d(tensors, axis)). */
export const concat2d = composite('concat2d', { inputs: TENSORS, promote: 'match', forward: (tensors: Tensor[], axis: number): Tensor => concat(tensors, axis) });
/** concat for 3-D tensors (tfjs's concat3d(tensors, axis)). */
export const concat3d = composite('concat3d', { inputs: [{ name: 'tensors', list: true, string: true }], promote: 'match', forward: (tensors: Tensor[], axis: number): Tensor => concat(tensors, axis) });
/** concat for 4-D tensors (tfjs's concat4d(tensors, axis)). */
export const concat4d = composite('concat4d', { inputs: TENSORS, promote: 'match', forward: (tensors: Tensor[], axis: number): Tensor => concat(tensors, axis) });

function pairs(name: string, p: unknown, n: number): void {
  const ok = Array.isArray(p) && p.length === n && p.every((q) => Array.isArray(q) && q.length === 2);
  if (!ok) throw opError(name, `paddings must be ${n} pairs [before, after], got ${JSON.stringify(p)}`);
}
function checkRank(name: string, x: Tensor, r: number): void {
  if (x.rank !== r) throw opError(name, `x must be rank ${r}, got shape ${fmtShape(x.shape)} (rank ${x.rank})`);
}

/** pad for a 1-D tensor: paddings is one pair [before, after]. */
export const pad1d = composite('pad1d', {
  inputs: ['x'],
  forward: (x: Tensor, paddings: [number, number], constantValue = 0): Tensor => {
    if (!Array.isArray(paddings) || paddings.length !== 2) throw opError('pad1d', `paddings must be one pair [before, after], got ${JSON.stringify(paddings)}`);
    return pad(x, [paddings], constantValue);
  },
});
/** pad for a 2-D tensor: two pairs. */
export const pad2d = composite('pad2d', {
  inputs: ['x'],
  forward: (x: Tensor, paddings: [[number, number], [number, number]], constantValue = 0): Tensor => {
    pairs('pad2d', paddings, 2);
    return pad(x, paddings, constantValue);
  },
});
/** pad for a 3-D tensor: three pairs. */
export const pad3d = composite('pad3d', {
  inputs: ['x'],
  forward: (x: Tensor, paddings: [[number, number], [number, number], [number, number]], constantValue = 0): Tensor => {
    pairs('pad3d', paddings, 3);
    return pad(x, paddings, constantValue);
  },
});
/** pad for a 4-D tensor: four pairs. */
export const pad4d = composite('pad4d', {
  inputs: ['x'],
  forward: (x: Tensor, paddings: [[number, number], [number, number], [number, number], [number, number]], constantValue = 0): Tensor => {
    pairs('pad4d', paddings, 4);
    return pad(x, paddings, constantValue);
  },
});

/** slice of a 1-D tensor: begin and size are numbers. */
export const slice1d = composite('slice1d', {
  inputs: ['x'],
  forward: (x: Tensor, begin: number, size: number): Tensor => { checkRank('slice1d', x, 1); return slice(x, [begin], [size]); },
});
/** slice of a 2-D tensor. */
export const slice2d = composite('slice2d', {
  inputs: ['x'],
  forward: (x: Tensor, begin: [number, number], size: [number, number]): Tensor => { checkRank('slice2d', x, 2); return slice(x, begin, size); },
});
/** slice of a 3-D tensor. */
export const slice3d = composite('slice3d', {
  inputs: ['x'],
  forward: (x: Tensor, begin: [number, number, number], size: [number, number, number]): Tensor => { checkRank('slice3d', x, 3); return slice(x, begin, size); },
});
/** slice of a 4-D tensor. */
export const slice4d = composite('slice4d', {
  inputs: ['x'],
  forward: (x: Tensor, begin: [number, number, number, number], size: [number, number, number, number]): Tensor => {
    checkRank('slice4d', x, 4);
    return slice(x, begin, size);
  },
});

/** reverse of a 1-D tensor. */
export const reverse1d = composite('reverse1d', {
  inputs: ['x'],
  forward: (x: Tensor): Tensor => { checkRank('reverse1d', x, 1); return reverse(x, 0); },
});
/** reverse of a 2-D tensor along `axis` (default: both). */
export const reverse2d = composite('reverse2d', {
  inputs: ['x'],
  forward: (x: Tensor, axis?: number | number[]): Tensor => { checkRank('reverse2d', x, 2); return reverse(x, axis); },
});
/** reverse of a 3-D tensor along `axis` (default: all). */
export const reverse3d = composite('reverse3d', {
  inputs: ['x'],
  forward: (x: Tensor, axis?: number | number[]): Tensor => { checkRank('reverse3d', x, 3); return reverse(x, axis); },
});
/** reverse of a 4-D tensor along `axis` (default: all). */
export const reverse4d = composite('reverse4d', {
  inputs: ['x'],
  forward: (x: Tensor, axis?: number | number[]): Tensor => { checkRank('reverse4d', x, 4); return reverse(x, axis); },
});
