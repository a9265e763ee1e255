// The dtypes ascent stores, their sizes, and the checks every creator and cast applies to a dtype name.

export type DType = 'float32' | 'int32' | 'bool' | 'complex64' | 'string';

/**
 * The dtypes ascent supports. complex64 and string are accepted only by the ops that say so (complex64: complex,
 * real, imag, the spectral ops, cast, add/sub/mul, abs, reshape, slicing and joining …; string: creation,
 * reshape, slicing, joining, gather, tile, equal/notEqual …); every other op refuses them with an error
 * naming the op and the argument.
 */
export const DTYPES: readonly DType[] = ['float32', 'int32', 'bool', 'complex64', 'string'];

/**
 * Bytes per element in wasm memory: a complex64 element is two float32 (re, im), interleaved in one block;
 * string values live in JS (core/memory.ts's StringBlock), none in wasm memory.
 */
export const BYTES: Record<DType, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, string: 0 };

/** Promotion order for mixed operands (tfjs: bool < int32 < float32 < complex64); string mixes with nothing. */
export const DTYPE_RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, complex64: 3, string: 4 };

/** The wider of two dtypes. */
export function upcast(a: DType, b: DType): DType { return DTYPE_RANK[a] >= DTYPE_RANK[b] ? a : b; }

/**
 * Checks a dtype argument; an unsupported one is an error naming the op, the argument and the choices.
 * complex64 passes only with `complex` (the creators that make complex tensors: zeros, ones, cast …).
 */
export function checkDtypeName(op: string, dtype: unknown, arg = 'dtype', complex = false, string = false): DType {
  if (dtype === 'float32' || dtype === 'int32' || dtype === 'bool') return dtype;
  if (dtype === 'string') {
    if (string) return dtype;
    throw new Error(`${op}: ${arg} 'string' is not supported by ${op}; it supports float32, int32, bool`);
  }
  if (dtype === 'complex64') {
    if (complex) return dtype;
    throw new Error(`${op}: ${arg} 'complex64' is not supported by ${op}; it supports float32, int32, bool` +
      ' (make complex tensors with tf.complex(real, imag))');
  }
  throw new Error(`${op}: ${arg} '${String(dtype)}' is not supported; ascent supports ${DTYPES.join(', ')}`);
}
