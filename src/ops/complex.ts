// complex64 tensors: tf.complex(real, imag), tf.real, tf.imag. A complex64 tensor is one block of
// interleaved float32 pairs (re, im) (see complex_raw.ts and ARCHITECTURE.md); add/sub/mul, abs, cast,
// reshape, transpose, slicing and joining accept it too. No gradients flow through complex values
// (tfjs has none either): the ops here record nothing.
import { H } from '../backend/wasm.js';
import { fmtShape, opError } from '../core/convert.js';
import { op } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { zeros } from './create.js';
import { complexRaw, partRaw } from './complex_raw.js';

const REAL = { dtypes: ['float32', 'int32'], literal: 'float32', cast: { int32: 'float32' } } as const;

/**
 * A complex64 tensor from its real and imaginary parts (same shape).
 * @example tf.complex([1, 2], [3, 4])  // [1+3j, 2+4j]; data() is [1, 3, 2, 4]
 */
export const complex = op('complex', {
  inputs: [{ name: 'real', ...REAL }, { name: 'imag', ...REAL }], grad: null,
  forward: (real: Tensor, imag: Tensor): Tensor => {
    if (real.rank !== imag.rank || real.shape.some((d, i) => d !== imag.shape[i])) {
      throw opError('complex', `real and imag shapes, ${real.shape} and ${imag.shape}, must match in call to tf.complex() ` +
        `(real ${fmtShape(real.shape)}, imag ${fmtShape(imag.shape)})`);
    }
    return complexRaw(real, imag);
  },
});

const PART = [{ name: 'input', dtypes: ['complex64', 'float32', 'int32'] }] as const;

/** The real part of a complex64 tensor, as float32 (of a real tensor: the tensor, as TensorFlow). */
export const real = op('real', {
  inputs: PART, grad: null,
  forward: (input: Tensor): Tensor => (input.dtype === 'complex64' ? partRaw(input, 0) : input.view(input.shape.slice())),
});

/** The imaginary part of a complex64 tensor, as float32 (of a real tensor: zeros, as TensorFlow). */
export const imag = op('imag', {
  inputs: PART, grad: null,
  forward: (input: Tensor): Tensor => (input.dtype === 'complex64' ? partRaw(input, 1) : zeros(input.shape, input.dtype)),
});

/** @internal |x| of complex64 x as float32: hypot(re, im), without underflow or overflow (tfjs's ComplexAbs). */
export function complexAbs(x: Tensor): Tensor {
  const y = new Tensor(x.shape.slice(), 'float32');
  const f = H().f32, xo = x.ptr >>> 2, yo = y.ptr >>> 2;
  for (let k = 0; k < y.size; k++) f[yo + k] = Math.hypot(f[xo + 2 * k], f[xo + 2 * k + 1]);
  return y;
}
