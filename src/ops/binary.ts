// Elementwise arithmetic of two tensors with numpy broadcasting: forward in wasm (assembly/f32-binary),
// gradients with ops (the seam sums them back over broadcast axes). pow lives in pow.ts (its gradient
// needs log).
import { H, K } from '../backend/wasm.js';
import { Binary, Compare, type BinaryName } from '../backend/abi.js';
import { scratch } from '../backend/scratch.js';
import { BINARY, DIMS, par, SPLIT_MIN_ELEMENTS } from '../backend/parallel.js';
import { op, type GradFn, type InputSpec } from '../core/op.js';
import { fmtShape, opError, type TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { zerosLike } from './create.js';
import { broadcastShapes, broadcastStrides, coalesce } from './util.js';
import { asPairs, complexRaw, fromPairs, partRaw } from './complex_raw.js';

/** @internal Runs a broadcasting kernel on two operands of one dtype; `compare`: a bool result. */
export function broadcastKernel(op: string, code: number, x: Tensor, y: Tensor, compare: boolean): Tensor {
  const sameShape = x.size === y.size && x.rank === y.rank && x.shape.every((d, i) => d === y.shape[i]);
  const shape = sameShape ? x.shape.slice() : broadcastShapes(op, x.shape, y.shape);
  const out = new Tensor(shape, compare ? 'bool' : x.dtype);
  if (out.size === 0) return out;
  let dims: number, rank: number;
  let split: number[] | undefined; // the dims as numbers, for threads (split on the outer dimension)
  if (sameShape) {
    // the common case: one flat row, both operands contiguous (rank 1: shape, the two strides, and one
    // counter word after them, which the scratch area always has; no array built for scratch.dims)
    dims = scratch.ptr();
    const v = H().i32, o = dims >>> 2;
    v[o] = out.size; v[o + 1] = 1; v[o + 2] = 1;
    rank = 1;
    if (par.split !== null && out.size >= SPLIT_MIN_ELEMENTS) split = [out.size, 1, 1, 0];
  } else {
    const { shape: cs, strides } = coalesce(shape, [broadcastStrides(x.shape, shape), broadcastStrides(y.shape, shape)]);
    dims = scratch.dims(cs, strides[0], strides[1]);
    rank = cs.length;
    if (par.split !== null && out.size >= SPLIT_MIN_ELEMENTS) split = [...cs, ...strides[0], ...strides[1], ...cs.map(() => 0)];
  }
  const k = K();
  if (compare) {
    if (x.dtype === 'float32') k.f32_compare__scalar(code, x.ptr, y.ptr, out.ptr, rank, dims);
    else if (x.dtype === 'int32') k.i32_compare__scalar(code, x.ptr, y.ptr, out.ptr, rank, dims);
    else k.u8_compare__scalar(code, x.ptr, y.ptr, out.ptr, rank, dims);
  } else if (x.dtype === 'float32') {
    // threads: on the outer dimension (whole rows; for one flat row, ranges of 64 elements, a multiple of the
    // kernel's 4-wide loop), each part with its own dims: every element is computed as in the whole call
    if (split === undefined || !splitBinary(code, x.ptr, y.ptr, out.ptr, rank, split)) k.f32_binary__wasmsimd(code, x.ptr, y.ptr, out.ptr, rank, dims);
  }
  else k.i32_binary__scalar(code, x.ptr, y.ptr, out.ptr, rank, dims);
  return out;
}

/** f32_binary__wasmsimd split over the threads on dims[0] (shape, a's strides, b's strides, counters). */
function splitBinary(code: number, a: number, b: number, y: number, rank: number, dims: number[]): boolean {
  let row = 1; // output elements per item of dims[0]
  for (let d = 1; d < rank; d++) row *= dims[d];
  const sa = dims[rank] * 4, sb = dims[2 * rank] * 4;
  // the bytes one item moves, for the threshold; pow and atan2 (no SIMD form) cost ~16× more per element
  const bytes = (dims[rank] === 0 ? 0 : 4 * row) + (dims[2 * rank] === 0 ? 0 : 4 * row) + 4 * row;
  return par.split!(BINARY, dims[0], rank === 1 ? 64 : 1, [code, a, b, y, rank, 0], [0, sa, sb, row * 4, 0, DIMS], dims,
    code === Binary.pow || code === Binary.atan2 ? 16 * bytes : bytes);
}

type BinaryFn = (a: Tensor, b: Tensor) => Tensor;
/** Arithmetic operands: bool is computed as int32 (tfjs). */
export const ARITH: readonly InputSpec[] = [{ name: 'a', cast: { bool: 'int32' } }, { name: 'b', cast: { bool: 'int32' } }];

/** add, sub and mul also take complex64 operands (a real operand is promoted to complex, as tfjs). */
const CARITH: readonly InputSpec[] = ARITH.map((s) => ({ ...s, complex: true }));

/**
 * @internal A broadcasting binary op of the kernel family (the same two inputs, promoted together);
 * `complex`: add, sub, mul of complex64 operands.
 */
export function binaryOp(name: BinaryName, grad: GradFn<BinaryFn> | null, save: 'inputs' | 'both' | 'none' = 'inputs',
                         numbers: 'match' | 'float32' = 'match', complex = false) {
  return op(name, {
    inputs: complex ? CARITH : ARITH, promote: numbers, save, grad,
    forward: (a: Tensor, b: Tensor): Tensor => (a.dtype === 'complex64' ? complexBinary(name, a, b) : broadcastKernel(name, Binary[name], a, b, false)),
  });
}

/** a ± b or a·b of complex64 operands (broadcasting): on the float32 pairs, or (a·b) by parts. */
function complexBinary(name: BinaryName, a: Tensor, b: Tensor): Tensor {
  broadcastShapes(name, a.shape, b.shape); // the error names the complex shapes
  if (name !== 'mul') return fromPairs(broadcastKernel(name, Binary[name], asPairs(a), asPairs(b), false));
  const ar = partRaw(a, 0), ai = partRaw(a, 1), br = partRaw(b, 0), bi = partRaw(b, 1);
  const k = (code: number, x: Tensor, y: Tensor) => broadcastKernel(name, code, x, y, false);
  const re = k(Binary.sub, k(Binary.mul, ar, br), k(Binary.mul, ai, bi));
  const im = k(Binary.add, k(Binary.mul, ar, bi), k(Binary.mul, ai, br));
  return complexRaw(re, im);
}

/** a + b (broadcasting). @example tf.add(tf.tensor1d([1, 2]), 10) */
export const add = binaryOp('add', (dy) => [dy, dy], 'none', 'match', true);
/** a - b */
export const sub = binaryOp('sub', (dy, _y, _a, [, nb]) => [dy, nb ? mul(dy, -1) : null], 'none', 'match', true);
/** a · b elementwise */
export const mul = binaryOp('mul', (dy, _y, [a, b], [na, nb]) => [na ? mul(dy, b) : null, nb ? mul(dy, a) : null], 'inputs', 'match', true);
/**
 * a / b (for two int32 tensors: floor division, as tfjs). A JS number is float32 here, as in tfjs (and
 * TensorFlow's true division): intTensor / 2 = 3.5.
 */
export const div = binaryOp('div', (dy, _y, [a, b], [na, nb]) => [na ? div(dy, b) : null, nb ? mul(div(mul(dy, a), mul(b, b)), -1) : null], 'inputs', 'float32');
/** floor(a / b) (no gradient) */
export const floorDiv = binaryOp('floorDiv', null);
/** Floored remainder: the result has the sign of b (tf.mod, Python %). */
export const mod = binaryOp('mod', (dy, _y, [a, b], [, nb]) => [dy, nb ? mul(mul(dy, floorDiv(a, b)), -1) : null]);
/** Elementwise max; where a == b the gradient goes to a (tfjs). */
export const maximum = binaryOp('maximum', (dy, _y, [a, b], [na, nb]) => {
  const m = selectMask('maximum', a, b, Compare.greaterEqual);
  return [na ? mul(dy, m) : null, nb ? mul(dy, sub(1, m)) : null];
});
/** Elementwise min; where a == b the gradient goes to a (tfjs). */
export const minimum = binaryOp('minimum', (dy, _y, [a, b], [na, nb]) => {
  const m = selectMask('minimum', a, b, Compare.lessEqual);
  return [na ? mul(dy, m) : null, nb ? mul(dy, sub(1, m)) : null];
});
/** (a - b)² */
export const squaredDifference = binaryOp('squaredDifference', (dy, _y, [a, b]) => {
  const d = mul(dy, mul(sub(a, b), 2));
  return [d, mul(d, -1)];
});
/** atan(a / b) in the right quadrant */
export const atan2 = binaryOp('atan2', (dy, _y, [a, b]) => {
  const d = add(mul(a, a), mul(b, b));
  return [mul(dy, div(b, d)), mul(mul(dy, div(a, d)), -1)];
});
/**
 * @internal relu's gradient in one pass: dy · (x > 0) (TensorFlow's ReluGrad). Its own gradient, as
 * TensorFlow's ReluGradGrad: reluGrad(ddy, x) for dy, zeros for x (piecewise constant).
 */
export const reluGrad = binaryOp('reluGrad', (g, _y, [, x]) => [reluGrad(g, x), zerosLike(x)]);

/** 1 where compare(a, b) (a compare-kernel code), else 0, as float32: the routing mask of max/min. */
function selectMask(name: string, a: Tensor, b: Tensor, code: number): Tensor {
  const m = broadcastKernel(name, code, a, b, true);
  const f = new Tensor(m.shape, 'float32');
  K().cast_u8_x32(m.ptr, f.ptr, m.size, 0x3f800000);
  m.dispose();
  return f;
}

/**
 * a / b, and 0 where b is 0 (also 0/0). Gradients as TensorFlow's DivNoNan: divNoNan(dy, b) for a and
 * dy · divNoNan(divNoNan(-a, b), b) for b (0 where b is 0; tfjs's composite gives NaN there).
 */
export const divNoNan = binaryOp('divNoNan', (dy, _y, [a, b], [na, nb]) => [na ? divNoNan(dy, b) : null, nb ? mul(dy, divNoNan(divNoNan(mul(a, -1), b), b)) : null], 'inputs', 'float32');

/** Bitwise AND of two int32 tensors (broadcasting, as TensorFlow's bitwise_and). No gradient. */
export const bitwiseAnd = op('bitwiseAnd', {
  inputs: [{ name: 'x', dtypes: ['int32'] }, { name: 'y', dtypes: ['int32'] }], grad: null,
  forward: (x: Tensor, y: Tensor): Tensor => broadcastKernel('bitwiseAnd', Binary.bitwiseAnd, x, y, false),
});

/**
 * The elementwise sum of a list of tensors of one shape and dtype (float32 or int32). The gradient of
 * each input is dy.
 * @example tf.addN([tf.tensor1d([1, 2]), tf.tensor1d([3, 4]), tf.tensor1d([5, 6])])  // [9, 12]
 */
export const addN = op('addN', {
  inputs: [{ name: 'tensors', list: true, dtypes: ['float32', 'int32'] }], save: 'none',
  forward: (tensors: Tensor[]): Tensor => {
    if (tensors.length === 0) throw opError('addN', 'tensors must hold at least one tensor, got []');
    const t0 = tensors[0];
    tensors.forEach((t, i) => {
      if (t.dtype !== t0.dtype) throw opError('addN', `all tensors must have one dtype: tensors[0] is ${t0.dtype}, tensors[${i}] is ${t.dtype}`);
      if (t.rank !== t0.rank || t.shape.some((d, k) => d !== t0.shape[k])) {
        throw opError('addN', `all tensors must have one shape: tensors[0] is ${fmtShape(t0.shape)}, tensors[${i}] is ${fmtShape(t.shape)}`);
      }
    });
    if (tensors.length === 1) return t0.view(t0.shape.slice());
    let s = broadcastKernel('addN', Binary.add, tensors[0], tensors[1], false);
    for (let i = 2; i < tensors.length; i++) s = broadcastKernel('addN', Binary.add, s, tensors[i], false);
    return s;
  },
  grad: (dy, _y, [tensors]) => tensors.map(() => dy),
});
