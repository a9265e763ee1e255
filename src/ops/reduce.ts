// Reductions: sum, mean, max, min, prod, argMax, argMin, logSumExp. The axes are brought into the
// [outer, r, inner] form of assembly/f32-reduce (coalescing when the reduced axes are one block,
// transposing them to the end otherwise).
import { K } from '../backend/wasm.js';
import { COUNT, par, REDUCE, REDUCE_COLS, SPLIT_MIN_ELEMENTS } from '../backend/parallel.js';
import { Reduce, type ReduceName } from '../backend/abi.js';
import { fmtShape, opError, writeValues } from '../core/convert.js';
import { composite, op, provideSeamOps, type GradFn } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { add, div, mul, sub } from './binary.js';
import { equal, less, where } from './compare.js';
import { castRaw } from './create.js';
import { broadcastTo, reshape, stopGradient, transpose } from './shape.js';
import { abs, exp, log } from './unary.js';
import { checkAxis, parseAxes } from './util.js';

export type Axis = number | number[] | null | undefined;

function keptShape(shape: readonly number[], axes: number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

/** Splits into [outer, r, inner] if the reduced axes form one block once size-1 axes are ignored. */
function plan(shape: number[], axes: number[]): [number, number, number] | null {
  let outer = 1, r = 1, inner = 1, phase = 0;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === 1) continue;
    const red = axes.includes(i);
    if (phase === 0) { if (red) { phase = 1; r *= shape[i]; } else outer *= shape[i]; }
    else if (phase === 1) { if (red) r *= shape[i]; else { phase = 2; inner *= shape[i]; } }
    else { if (red) return null; inner *= shape[i]; }
  }
  return [outer, r, inner];
}

/**
 * f32_reduce__wasmsimd over the threads, on outputs only (each output's reduction stays in one thread, in its
 * order): on `outer` when there are enough, else (outer = 1) on groups of 4 columns of `inner`.
 */
function splitReduce(code: number, x: number, y: number, outer: number, r: number, inner: number): boolean {
  if (outer > 1) return par.split!(REDUCE, outer, 1, [code, x, y, outer, r, inner], [0, r * inner * 4, inner * 4, COUNT, 0, 0]);
  return inner >= 8 && par.split!(REDUCE_COLS, inner, 4, [code, x, y, r, inner, inner], [0, 4, 4, 0, COUNT, 0], undefined, 4 * r + 4);
}

/** @internal Runs a reduction kernel (op code from REDUCE, or 0/1 for argMax/argMin with `arg`). */
export function reduceRaw(op: string, x: Tensor, axes: number[], code: number, arg: boolean): Tensor {
  const outShape = x.shape.filter((_, i) => !axes.includes(i));
  let src = x;
  let p = plan(x.shape, axes);
  if (p === null) {
    src = transpose(x, [...x.shape.keys()].filter((i) => !axes.includes(i)).concat(axes));
    p = plan(src.shape, axes.map((_, j) => x.rank - axes.length + j));
  }
  const [outer, r, inner] = p!;
  const y = new Tensor(outShape, arg ? 'int32' : x.dtype);
  if (y.size === 0) return y;
  if (r === 0 && !arg) {
    // Reducing an empty axis gives the identity (sum 0, prod 1, max -inf, min +inf).
    const f = x.dtype === 'int32' ? [0, -(2 ** 31), 2 ** 31 - 1, 1][code] : [0, -Infinity, Infinity, 1][code];
    const view = new DataView(new ArrayBuffer(4));
    if (x.dtype === 'int32') view.setInt32(0, f, true); else view.setFloat32(0, f, true);
    K().x32_fill(y.ptr, y.size, view.getUint32(0, true));
  } else if (r === 0) {
    throw opError(op, `cannot take ${op} over an empty axis of x ${fmtShape(x.shape)}`);
  } else if (arg) {
    if (x.dtype === 'float32') K().f32_argreduce__scalar(code, src.ptr, y.ptr, outer, r, inner);
    else K().i32_argreduce__scalar(code, src.ptr, y.ptr, outer, r, inner);
  } else if (x.dtype === 'float32') {
    if (par.split === null || outer * r * inner < SPLIT_MIN_ELEMENTS || !splitReduce(code, src.ptr, y.ptr, outer, r, inner)) K().f32_reduce__wasmsimd(code, src.ptr, y.ptr, outer, r, inner);
  }
  else K().i32_reduce__scalar(code, src.ptr, y.ptr, outer, r, inner);
  return y;
}

type ReduceFn = (x: Tensor, axis?: Axis, keepDims?: boolean) => Tensor;

/**
 * A reduction primitive. `g(x, y, dy)` gets x, y with the reduced axes kept (size 1) and dy broadcast to
 * x's shape.
 */
function reduceOp(name: ReduceName, g: ((x: Tensor, y: Tensor, dy: Tensor) => Tensor), save: 'none' | 'both') {
  const grad: GradFn<ReduceFn> = (dy, y, [x, axis]) => {
    const kept = keptShape(x.shape, parseAxes(name, axis, x.rank));
    return [g(x, save === 'none' ? y : reshape(y, kept), broadcastTo(reshape(dy, kept), x.shape))];
  };
  return op(name, {
    inputs: [{ name: 'x', dtypes: ['float32', 'int32', 'bool'], cast: { bool: 'int32' } }], save, grad,
    forward: (x: Tensor, axis?: Axis, keepDims = false): Tensor => {
      const axes = parseAxes(name, axis, x.rank);
      const y = reduceRaw(name, x, axes, Reduce[name], false);
      return keepDims ? y.view(keptShape(x.shape, axes)) : y;
    },
  });
}

/**
 * Sum over `axis` (all axes when omitted).
 * @example tf.sum(tf.tensor2d([[1, 2], [3, 4]]), 0)  // [4, 6]
 */
export const sum = reduceOp('sum', (_x, _y, dy) => dy, 'none');
/** Product over `axis`. Gradient: the product of the other elements (also where x has zeros, as TensorFlow). */
export const prod = reduceOp('prod', (x, y, dy) => mul(dy, prodOthers(x, y)), 'both');
/** Maximum over `axis`; ties share the gradient equally (as TensorFlow). */
export const max = reduceOp('max', (x, y, dy) => minMaxGrad(x, y, dy), 'both');
/** Minimum over `axis`; ties share the gradient equally. */
export const min = reduceOp('min', (x, y, dy) => minMaxGrad(x, y, dy), 'both');

/** For each element, the product of the others in its reduction group (no division by zero). */
function prodOthers(x: Tensor, y: Tensor): Tensor {
  const axes = reducedAxes(x, y);
  const zero = castRaw(equal(x, 0), 'float32');
  const zeros = sum(zero, axes, true);
  const nonZero = add(mul(x, sub(1, zero)), zero); // zeros replaced by 1
  const p = prod(nonZero, axes, true); // product of the non-zero elements
  // no zero in the group: p/x; exactly one: p at the zero, 0 elsewhere; more: 0 everywhere
  const none = castRaw(equal(zeros, 0), 'float32'), one = castRaw(equal(zeros, 1), 'float32');
  return add(mul(mul(zero, one), p), mul(mul(sub(1, zero), none), div(p, nonZero)));
}
/** The axes a kept-dims result `y` was reduced over (size-1 axes of x do not matter). */
function reducedAxes(x: Tensor, y: Tensor): number[] {
  return x.shape.map((d, i) => (y.shape[i] === 1 && d !== 1 ? i : -1)).filter((i) => i >= 0);
}
function minMaxGrad(x: Tensor, y: Tensor, dy: Tensor): Tensor {
  const hit = castRaw(equal(x, y), 'float32');
  const count = sum(hit, reducedAxes(x, y), true);
  return mul(dy, div(hit, count));
}

/** Mean over `axis`. */
export const mean = composite('mean', {
  inputs: [{ name: 'x', dtypes: ['float32', 'int32'] }],
  forward: (x: Tensor, axis?: Axis, keepDims = false): Tensor => {
    const axes = parseAxes('mean', axis, x.rank);
    let n = 1;
    for (const a of axes) n *= x.shape[a];
    const s = sum(x, axes, keepDims);
    if (x.dtype === 'float32') return div(s, n);
    // int32: C++ integer division as TensorFlow (truncates toward zero; int32 div would floor)
    const q = new Tensor(s.shape.slice(), 'int32');
    writeValues(q, Int32Array.from(s.dataSync(), (v) => Math.trunc(v / n)));
    return q;
  },
});

function argOp(name: 'argMax' | 'argMin') {
  return op(name, {
    inputs: [{ name: 'x', dtypes: ['float32', 'int32'] }], grad: null,
    forward: (x: Tensor, axis: number | null = 0): Tensor => {
      if (x.rank === 0) throw opError(name, 'x must have rank ≥ 1, got a scalar');
      // one axis (TensorFlow's argmax; null is its default, 0)
      const ax = checkAxis(name, axis ?? 0, x.rank, `x ${fmtShape(x.shape)}`);
      if (x.shape[ax] === 0) throw opError(name, `axis ${axis} of x ${fmtShape(x.shape)} is empty`);
      return reduceRaw(name, x, [ax], name === 'argMax' ? 0 : 1, true);
    },
  });
}
/** Index of the largest value along `axis` (default 0, as tfjs), int32. */
export const argMax = argOp('argMax');
/** Index of the smallest value along `axis` (default 0), int32. */
export const argMin = argOp('argMin');

/** log(Σ exp(x)) over `axis`, computed stably by subtracting the max. */
export const logSumExp = composite('logSumExp', {
  inputs: [{ name: 'x', dtypes: ['float32', 'int32'], cast: { int32: 'float32' } }],
  forward: (x: Tensor, axis?: Axis, keepDims = false): Tensor => {
    const axes = parseAxes('logSumExp', axis, x.rank);
    // The max is subtracted for stability; a non-finite max is replaced by 0 (as TensorFlow), so an all
    // -inf group gives -inf and +inf gives +inf instead of NaN.
    const mx = max(x, axes, true);
    const m = stopGradient(where(less(abs(mx), Infinity), mx, 0));
    const s = add(log(sum(exp(sub(x, m)), axes, true)), m);
    return keepDims ? s : reshape(s, x.shape.filter((_, i) => !axes.includes(i)));
  },
});

/** Sums a broadcast gradient back to `shape`: the broadcast axes summed away, the leading ones dropped. */
function sumTo(dy: Tensor, shape: readonly number[]): Tensor {
  const lead = dy.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < dy.rank; i++) if (i < lead || (shape[i - lead] === 1 && dy.shape[i] !== 1)) axes.push(i);
  return reshape(sum(dy, axes, true), shape.slice());
}
provideSeamOps({ sumTo });

function boolReduce(name: 'all' | 'any') {
  return op(name, {
    inputs: [{ name: 'x', dtypes: ['bool'], literal: 'bool' }], grad: null,
    forward: (x: Tensor, axis?: Axis, keepDims = false): Tensor => {
      const axes = parseAxes(name, axis, x.rank);
      // all: the min of 0/1 (an empty group: int32's max, true); any: the sum (an empty group: 0, false)
      const y = castRaw(reduceRaw(name, castRaw(x, 'int32'), axes, name === 'all' ? Reduce.min : Reduce.sum, false), 'bool');
      return keepDims ? y.view(keptShape(x.shape, axes)) : y;
    },
  });
}
/** Logical AND over `axis` of a bool tensor (all axes when omitted); true over an empty axis. */
export const all = boolReduce('all');
/** Logical OR over `axis` of a bool tensor (all axes when omitted); false over an empty axis. */
export const any = boolReduce('any');
