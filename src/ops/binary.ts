// Elementwise arithmetic of two tensors with numpy broadcasting: forward in wasm
// (assembly/f32-binary), gradients with ops, summed back over broadcast axes.
import { H, K } from '../backend/wasm.js';
import { B, C, type BinaryName } from '../backend/kernels.js';
import type { DType } from '../engine.js';
import { Tensor } from '../tensor.js';
import { castRaw, zerosLike } from './create.js';
import { sumTo } from './shape.js';
import { log, neg } from './unary.js';
import { broadcastShapes, broadcastStrides, coalesce, convert, record, scratch, scratchI32, type TensorLike } from './util.js';
import { isTensor } from '../engine.js';

const RANK = { bool: 0, int32: 1, float32: 2 } as const;

/**
 * Converts both operands; a JS number takes the other operand's dtype (TF) unless `numbers` is
 * 'float32', two tensors of different dtypes are upcast (tfjs: bool < int32 < float32).
 */
export function binaryArgs(op: string, a: TensorLike, b: TensorLike, numbers: 'match' | 'float32' = 'match'): [Tensor, Tensor] {
  const ta = isTensor(a) ? convert(a, 'a', op) : null;
  const tb = isTensor(b) ? convert(b, 'b', op) : null;
  const x = ta ?? convert(a, 'a', op, numbers === 'match' ? literalDtype(a, tb) : undefined);
  let y: Tensor;
  try {
    y = tb ?? convert(b, 'b', op, numbers === 'match' ? literalDtype(b, x) : undefined);
  } catch (e) {
    freeTemps([x], a);
    throw e;
  }
  if (x.dtype === y.dtype) return [x, y];
  const up: DType = RANK[x.dtype] > RANK[y.dtype] ? x.dtype : y.dtype;
  const cast = (t: Tensor, arg: TensorLike) => {
    if (t.dtype === up) return t;
    const c = castRaw(t, up);
    freeTemps([t], arg);
    return c;
  };
  return [cast(x, a), cast(y, b)];
}

function literalDtype(v: TensorLike, other: Tensor | null): DType | undefined {
  if (other === null || other.dtype === 'float32') return undefined;
  if (typeof v === 'number') return Number.isInteger(v) ? other.dtype === 'bool' ? 'int32' : other.dtype : 'float32';
  return undefined;
}

/**
 * @internal Disposes the tensors an op made from its arguments (converted JS values, dtype casts),
 * never an argument itself. Tapes hold their own snapshots, so this is safe after record().
 */
export function freeTemps(temps: Tensor[], ...args: unknown[]): void {
  for (const t of temps) if (!args.includes(t)) t.dispose();
}

/** @internal Runs a broadcasting kernel: out dtype `outDtype`, operands of equal dtype. */
export function broadcastKernel(op: string, code: number, x: Tensor, y: Tensor, compare: boolean): Tensor {
  const sameShape = x.size === y.size && x.rank === y.rank && x.shape.every((d, i) => d === y.shape[i]);
  const shape = sameShape ? x.shape.slice() : broadcastShapes(op, x.shape, y.shape);
  const out = new Tensor(shape, compare ? 'bool' : x.dtype);
  if (out.size === 0) return out;
  let dims: number, rank: number;
  if (sameShape) {
    // the common case: one flat row, both operands contiguous
    dims = scratch();
    const v = H().i32, o = dims >>> 2;
    v[o] = out.size; v[o + 1] = 1; v[o + 2] = 1;
    rank = 1;
  } else {
    const { shape: cs, strides } = coalesce(shape, [broadcastStrides(x.shape, shape), broadcastStrides(y.shape, shape)]);
    dims = scratchI32([...cs, ...strides[0], ...strides[1]]);
    rank = cs.length;
  }
  const k = K();
  if (compare) {
    if (x.dtype === 'float32') k.f32_compare__scalar(code, x.ptr, y.ptr, out.ptr, rank, dims);
    else if (x.dtype === 'int32') k.i32_compare__scalar(code, x.ptr, y.ptr, out.ptr, rank, dims);
    else k.u8_compare__scalar(code, x.ptr, y.ptr, out.ptr, rank, dims);
  } else if (x.dtype === 'float32') k.f32_binary__wasmsimd(code, x.ptr, y.ptr, out.ptr, rank, dims);
  else k.i32_binary__scalar(code, x.ptr, y.ptr, out.ptr, rank, dims);
  return out;
}

type Grad2 = (a: Tensor, b: Tensor, dy: Tensor, y: Tensor) => [Tensor | null, Tensor | null];

function binary(name: BinaryName, a: TensorLike, b: TensorLike, grad: Grad2 | null, saveOut = false,
                numbers: 'match' | 'float32' = 'match'): Tensor {
  const [x0, y0] = binaryArgs(name, a, b, numbers);
  const x = x0.dtype === 'bool' ? castRaw(x0, 'int32') : x0, y = y0.dtype === 'bool' ? castRaw(y0, 'int32') : y0;
  try {
    const out = broadcastKernel(name, B[name], x, y, false);
    if (x.dtype === 'float32') {
      const sa = x.shape, sb = y.shape;
      record(name, [x, y], out, grad === null ? () => [null, null] : (dy, [xs, ys, o]) => {
        const [ga, gb] = grad(xs, ys, dy, o);
        return [ga && sumTo(ga, sa), gb && sumTo(gb, sb)];
      }, saveOut ? [x, y, out] : [x, y]);
    }
    return out;
  } finally {
    freeTemps([x0, y0, x, y], a, b);
  }
}

/** a + b (broadcasting). @example tf.add(tf.tensor1d([1, 2]), 10) */
export function add(a: TensorLike, b: TensorLike): Tensor { return binary('add', a, b, (_a, _b, dy) => [dy, dy]); }
/** a - b */
export function sub(a: TensorLike, b: TensorLike): Tensor { return binary('sub', a, b, (_a, _b, dy) => [dy, neg(dy)]); }
/** a · b elementwise */
export function mul(a: TensorLike, b: TensorLike): Tensor { return binary('mul', a, b, (a, b, dy) => [mul(dy, b), mul(dy, a)]); }
/** a / b (for two int32 tensors: floor division, as tfjs) */
export function div(a: TensorLike, b: TensorLike): Tensor {
  // A JS number is float32 here, as in tfjs (and TensorFlow's true division): intTensor / 2 = 3.5.
  return binary('div', a, b, (a, b, dy) => [div(dy, b), neg(div(mul(dy, a), mul(b, b)))], false, 'float32');
}
/** floor(a / b) */
export function floorDiv(a: TensorLike, b: TensorLike): Tensor { return binary('floorDiv', a, b, null); }
/** Floored remainder: the result has the sign of b (tf.mod, Python %). */
export function mod(a: TensorLike, b: TensorLike): Tensor {
  return binary('mod', a, b, (a, b, dy) => [dy, neg(mul(dy, floorDiv(a, b)))]);
}
/** aᵇ. Gradient for b uses log(a) where a > 0, 0 elsewhere (as TensorFlow). */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  return binary('pow', a, b, (a, b, dy, y) => {
    const da = mul(dy, mul(b, pow(a, sub(b, 1))));
    const pos = castRaw(broadcastKernel('pow', C.greater, a, zeroLike(a), true), 'float32');
    const safeLog = log(add(mul(a, pos), sub(1, pos)));
    return [da, mul(dy, mul(y, safeLog))];
  }, true);
}
/** Elementwise max; where a == b the gradient goes to a (tfjs). */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return binary('maximum', a, b, (a, b, dy) => {
    const m = castRaw(broadcastKernel('maximum', C.greaterEqual, a, b, true), 'float32');
    return [mul(dy, m), mul(dy, sub(1, m))];
  });
}
/** Elementwise min; where a == b the gradient goes to a (tfjs). */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return binary('minimum', a, b, (a, b, dy) => {
    const m = castRaw(broadcastKernel('minimum', C.lessEqual, a, b, true), 'float32');
    return [mul(dy, m), mul(dy, sub(1, m))];
  });
}
/** (a - b)² */
export function squaredDifference(a: TensorLike, b: TensorLike): Tensor {
  return binary('squaredDifference', a, b, (a, b, dy) => {
    const d = mul(dy, mul(sub(a, b), 2));
    return [d, neg(d)];
  });
}
/**
 * @internal relu's gradient in one pass: dy · (x > 0) (TensorFlow's ReluGrad). Its own gradient, as
 * TensorFlow's: reluGrad(ddy, x) for dy, zeros for x (piecewise constant).
 */
export function reluGrad(dy: Tensor, x: Tensor): Tensor {
  return binary('reluGrad', dy, x, (_dy, x, g) => [reluGrad(g, x), zerosLike(x)]);
}
/** atan(a / b) in the right quadrant */
export function atan2(a: TensorLike, b: TensorLike): Tensor {
  return binary('atan2', a, b, (a, b, dy) => {
    const d = add(mul(a, a), mul(b, b));
    return [mul(dy, div(b, d)), neg(mul(dy, div(a, d)))];
  });
}

function zeroLike(t: Tensor): Tensor { return convert(0, 'zero', 'pow', t.dtype); }

