// The dtypes ascent stores, their sizes, and the checks every creator and cast applies to a dtype name.

export type DType = 'float32' | 'int32' | 'bool' | 'complex64';

/**
 * The dtypes ascent supports (TensorFlow.js also has 'string'; ascent does not). complex64 is accepted only
 * by the ops that say so (complex, real, imag, the spectral ops, cast, add/sub/mul, abs, reshape, slicing
 * and joining …); every other op refuses it with an error naming the op and the argument.
 */
export const DTYPES: readonly DType[] = ['float32', 'int32', 'bool', 'complex64'];

/** Bytes per element: a complex64 element is two float32 (re, im), interleaved in one block. */
export const BYTES: Record<DType, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };

/** Promotion order for mixed operands (tfjs: bool < int32 < float32 < complex64). */
export const DTYPE_RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, complex64: 3 };

/** The wider of two dtypes. */
export function upcast(a: DType, b: DType): DType { return DTYPE_RANK[a] >= DTYPE_RANK[b] ? a : b; }

/**
 * Checks a dtype argument; an unsupported one is an error naming the op, the argument and the choices.
 * complex64 passes only with `complex` (the creators that make complex tensors: zeros, ones, cast …).
 */
export function checkDtypeName(op: string, dtype: unknown, arg = 'dtype', complex = false): DType {
  if (dtype === 'float32' || dtype === 'int32' || dtype === 'bool') return dtype;
  if (dtype === 'complex64') {
    if (complex) return dtype;
    throw new Error(`${op}: ${arg} 'complex64' is not supported by ${op}; it supports float32, int32, bool` +
      ' (make complex tensors with tf.complex(real, imag))');
  }
  throw new Error(`${op}: ${arg} '${String(dtype)}' is not supported; ascent supports ${DTYPES.join(', ')}`);
}
