// string tensors as the data-movement ops see them: their values stay in JS (a StringBlock), so an op that
// moves elements (slice, concat, gather, transpose, tile …) runs on the int32 tensor of element indices
// 0 … n−1 of the same shape, and the strings are picked by the indices it returns.
import { H } from '../backend/wasm.js';
import { stringTensor } from '../core/convert.js';
import type { StringBlock } from '../core/memory.js';
import { Tensor } from '../core/tensor.js';

/** @internal The int32 tensor of x's shape holding 0 … size−1 (offset by `base`). */
export function indicesOf(x: Tensor, base = 0): Tensor {
  const idx = new Tensor(x.shape.slice(), 'int32');
  const v = H().i32, o = idx.ptr >>> 2;
  for (let k = 0; k < idx.size; k++) v[o + k] = base + k;
  return idx;
}

/** @internal The values of a string tensor (not a copy). */
export function stringsOf(x: Tensor): string[] { return (x.block as StringBlock).values; }

/** @internal The string tensor f makes of x's element indices, with x's strings. */
export function viaIndices(x: Tensor, f: (indices: Tensor) => Tensor): Tensor {
  const y = f(indicesOf(x));
  return pick(stringsOf(x), y);
}

/** @internal The string tensor of y's shape whose element k is strings[y[k]] (y int32). */
export function pick(strings: readonly string[], y: Tensor): Tensor {
  const ii = y.dataSync<'int32'>();
  return stringTensor(y.shape.slice(), Array.from(ii, (k) => strings[k]));
}
