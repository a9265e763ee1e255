// Op codes of the kernel families, in the order of the enums in assembly/ (the kernel tests walk these
// lists, so a new op is one line here and one case there).
export const UNARY = [
  'neg', 'abs', 'square', 'sqrt', 'exp', 'log', 'sigmoid', 'tanh', 'relu', 'sign',
  'floor', 'ceil', 'round', 'reciprocal', 'rsqrt', 'log1p', 'expm1', 'sin', 'cos', 'step',
  'relu6', 'softplus', 'erf', 'elu', 'selu', 'softsign', 'tan', 'atan', 'asin', 'acos',
] as const;
export type UnaryName = (typeof UNARY)[number];
export const U = Object.fromEntries(UNARY.map((n, i) => [n, i])) as Record<UnaryName, number>;

export const BINARY = ['add', 'sub', 'mul', 'div', 'maximum', 'minimum', 'pow', 'floorDiv', 'mod', 'squaredDifference', 'atan2', 'reluGrad'] as const;
export type BinaryName = (typeof BINARY)[number];
export const B = Object.fromEntries(BINARY.map((n, i) => [n, i])) as Record<BinaryName, number>;

export const COMPARE = ['equal', 'notEqual', 'greater', 'greaterEqual', 'less', 'lessEqual', 'logicalAnd', 'logicalOr', 'logicalXor'] as const;
export type CompareName = (typeof COMPARE)[number];
export const C = Object.fromEntries(COMPARE.map((n, i) => [n, i])) as Record<CompareName, number>;

export const REDUCE = ['sum', 'max', 'min', 'prod'] as const;
export type ReduceName = (typeof REDUCE)[number];
export const R = Object.fromEntries(REDUCE.map((n, i) => [n, i])) as Record<ReduceName, number>;
