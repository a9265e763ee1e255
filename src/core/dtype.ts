// The dtypes ascent stores, their sizes, and the checks every creator and cast applies to a dtype name.

export type DType = 'float32' | 'int32' | 'bool';

/** The dtypes ascent supports (TensorFlow.js also has 'string' and 'complex64'; ascent does not). */
export const DTYPES: readonly DType[] = ['float32', 'int32', 'bool'];

export const BYTES: Record<DType, number> = { float32: 4, int32: 4, bool: 1 };

/** Promotion order for mixed operands (tfjs: bool < int32 < float32). */
export const DTYPE_RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2 };

/** The wider of two dtypes. */
export function upcast(a: DType, b: DType): DType { return DTYPE_RANK[a] >= DTYPE_RANK[b] ? a : b; }

/** Checks a dtype argument; an unsupported one is an error naming the op, the argument and the choices. */
export function checkDtypeName(op: string, dtype: unknown, arg = 'dtype'): DType {
  if (dtype === 'float32' || dtype === 'int32' || dtype === 'bool') return dtype;
  throw new Error(`${op}: ${arg} '${String(dtype)}' is not supported; ascent supports ${DTYPES.join(', ')}`);
}
