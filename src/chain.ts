// tfjs's chaining API: x.add(y).square().sum(). Each method forwards to the op of the same name.
import * as ops from './ops/index.js';
import { Tensor, Variable, type Rank } from './core/tensor.js';
import { tidy, untaped } from './core/engine.js';
import type { DType } from './core/dtype.js';
import type { TensorLike } from './core/convert.js';

type Axis = number | number[] | null;

declare module './core/tensor.js' {
  interface Tensor<R extends Rank = Rank> {
    add(b: TensorLike): Tensor; sub(b: TensorLike): Tensor; mul(b: TensorLike): Tensor; div(b: TensorLike): Tensor;
    floorDiv(b: TensorLike): Tensor; mod(b: TensorLike): Tensor; pow(b: TensorLike): Tensor;
    maximum(b: TensorLike): Tensor; minimum(b: TensorLike): Tensor; squaredDifference(b: TensorLike): Tensor;
    equal(b: TensorLike): Tensor; notEqual(b: TensorLike): Tensor; greater(b: TensorLike): Tensor;
    greaterEqual(b: TensorLike): Tensor; less(b: TensorLike): Tensor; lessEqual(b: TensorLike): Tensor;
    logicalAnd(b: TensorLike): Tensor; logicalOr(b: TensorLike): Tensor; logicalNot(): Tensor;
    neg(): Tensor; abs(): Tensor; square(): Tensor; sqrt(): Tensor; exp(): Tensor; log(): Tensor;
    sigmoid(): Tensor; tanh(): Tensor; relu(): Tensor; sign(): Tensor; floor(): Tensor; ceil(): Tensor;
    round(): Tensor; reciprocal(): Tensor; rsqrt(): Tensor; log1p(): Tensor; expm1(): Tensor;
    sin(): Tensor; cos(): Tensor; elu(): Tensor; selu(): Tensor; relu6(): Tensor; softplus(): Tensor;
    sum(axis?: Axis, keepDims?: boolean): Tensor; mean(axis?: Axis, keepDims?: boolean): Tensor;
    max(axis?: Axis, keepDims?: boolean): Tensor; min(axis?: Axis, keepDims?: boolean): Tensor;
    prod(axis?: Axis, keepDims?: boolean): Tensor; logSumExp(axis?: Axis, keepDims?: boolean): Tensor;
    argMax(axis?: number): Tensor; argMin(axis?: number): Tensor;
    matMul(b: TensorLike, transposeA?: boolean, transposeB?: boolean): Tensor; dot(b: TensorLike): Tensor;
    reshape(shape: number[]): Tensor; transpose(perm?: number[], conjugate?: boolean): Tensor; cast(dtype: DType): Tensor;
    expandDims(axis?: number): Tensor; squeeze(axis?: number | number[]): Tensor;
    broadcastTo(shape: number[]): Tensor; clone(): Tensor; flatten(): Tensor; asScalar(): Tensor;
    as1D(): Tensor; as2D(r: number, c: number): Tensor; toFloat(): Tensor; toInt(): Tensor; toBool(): Tensor;
    softmax(dim?: number): Tensor; logSoftmax(axis?: number): Tensor;
    oneHot(depth: number, onValue?: number, offValue?: number): Tensor;
    where(condition: TensorLike, b: TensorLike): Tensor;
    /** TF's .numpy(): the values as nested arrays (a number for a scalar). */
    numpy(): unknown;
    fft(): Tensor; ifft(): Tensor; rfft(fftLength?: number): Tensor; irfft(): Tensor;
  }
  interface Variable<R extends Rank = Rank> {
    assignAdd(delta: TensorLike): this;
    assignSub(delta: TensorLike): this;
  }
}

const P = Tensor.prototype as unknown as Record<string, unknown>;
const chained = ['add', 'sub', 'mul', 'div', 'floorDiv', 'mod', 'pow', 'maximum', 'minimum', 'squaredDifference',
  'equal', 'notEqual', 'greater', 'greaterEqual', 'less', 'lessEqual', 'logicalAnd', 'logicalOr',
  'neg', 'abs', 'square', 'sqrt', 'exp', 'log', 'sigmoid', 'tanh', 'relu', 'sign', 'floor', 'ceil', 'round',
  'reciprocal', 'rsqrt', 'log1p', 'expm1', 'sin', 'cos', 'elu', 'selu', 'relu6', 'softplus', 'logicalNot',
  'sum', 'mean', 'max', 'min', 'prod', 'logSumExp', 'argMax', 'argMin', 'matMul', 'dot', 'reshape', 'transpose',
  'cast', 'expandDims', 'squeeze', 'broadcastTo', 'clone', 'softmax', 'logSoftmax', 'oneHot'] as const;
/** x.name(...args) forwards to tf.name(x, ...args). */
function chain(names: readonly string[]): void {
  for (const name of names) {
    const f = (ops as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
    P[name] = function (this: Tensor, ...args: unknown[]) { return f(this, ...args); };
  }
}
chain(chained);
chain(['fft', 'ifft', 'rfft', 'irfft']);
Object.assign(P, {
  flatten(this: Tensor) { return ops.reshape(this, [this.size]); },
  asScalar(this: Tensor) { return ops.reshape(this, []); },
  as1D(this: Tensor) { return ops.reshape(this, [this.size]); },
  as2D(this: Tensor, r: number, c: number) { return ops.reshape(this, [r, c]); },
  toFloat(this: Tensor) { return ops.cast(this, 'float32'); },
  toInt(this: Tensor) { return ops.cast(this, 'int32'); },
  toBool(this: Tensor) { return ops.cast(this, 'bool'); },
  where(this: Tensor, condition: TensorLike, b: TensorLike) { return ops.where(condition, this, b); },
  numpy(this: Tensor) { return this.arraySync(); },
});

const V = Variable.prototype as unknown as Record<string, unknown>;
// Updates are not recorded by tapes (TF's assign ops are not differentiable).
function update(v: Variable, f: () => Tensor): Variable {
  return untaped(() => tidy(() => {
    const t = f();
    v.assign(t.dtype === v.dtype ? t : ops.cast(t, v.dtype));
    return v;
  }));
}
V.assignAdd = function (this: Variable, delta: TensorLike) { return update(this, () => ops.add(this, delta)); };
V.assignSub = function (this: Variable, delta: TensorLike) { return update(this, () => ops.sub(this, delta)); };

// Slicing and joining (src/ops/slice.ts, src/ops/join.ts).
declare module './core/tensor.js' {
  interface Tensor<R extends Rank = Rank> {
    slice(begin: number | number[], size?: number | number[]): Tensor;
    stridedSlice(begin: number[], end: number[], strides?: number[], beginMask?: number, endMask?: number,
      ellipsisMask?: number, newAxisMask?: number, shrinkAxisMask?: number): Tensor;
    /** numpy-style indexing: `x.index(':, ::2, ::2, :')` is `x[:, ::2, ::2, :]`. */
    index(spec: string | number): Tensor;
    reverse(axis?: number | number[]): Tensor;
    concat(x: TensorLike | TensorLike[], axis?: number): Tensor; stack(x: TensorLike | TensorLike[], axis?: number): Tensor;
    split(numOrSizeSplits: number | number[], axis?: number): Tensor[]; unstack(axis?: number): Tensor[];
    tile(reps: number[]): Tensor; pad(paddings: number[][], constantValue?: number): Tensor;
    mirrorPad(paddings: number[][], mode: 'reflect' | 'symmetric'): Tensor; clipByValue(min: number, max: number): Tensor;
  }
}
chain(['slice', 'stridedSlice', 'index', 'reverse', 'split', 'unstack', 'tile', 'pad', 'mirrorPad', 'clipByValue']);
const joinArgs = (t: Tensor, x: TensorLike | TensorLike[]): TensorLike[] => (Array.isArray(x) && !(typeof x[0] === 'number') ? [t, ...(x as TensorLike[])] : [t, x as TensorLike]);
P.concat = function (this: Tensor, x: TensorLike | TensorLike[], axis?: number) { return ops.concat(joinArgs(this, x), axis); };
P.stack = function (this: Tensor, x: TensorLike | TensorLike[], axis?: number) { return ops.stack(joinArgs(this, x), axis); };

// Indexing, scans, norms, activations, nn ops (src/ops/gather.ts, scan.ts, norm.ts, activations.ts, nn.ts, depthwise.ts).
declare module './core/tensor.js' {
  interface Tensor<R extends Rank = Rank> {
    gather(indices: TensorLike, axis?: number, batchDims?: number): Tensor; gatherND(indices: TensorLike): Tensor;
    unsortedSegmentSum(segmentIds: TensorLike, numSegments: number): Tensor;
    cumsum(axis?: number, exclusive?: boolean, reverse?: boolean): Tensor;
    topk(k?: number, sorted?: boolean): { values: Tensor; indices: Tensor };
    norm(ord?: ops.NormOrd, axis?: number | number[] | null, keepDims?: boolean): Tensor;
    leakyRelu(alpha?: number): Tensor; prelu(alpha: TensorLike): Tensor;
    batchNorm(mean: TensorLike, variance: TensorLike, offset?: TensorLike, scale?: TensorLike, varianceEpsilon?: number): Tensor;
    depthwiseConv2d(filter: TensorLike, strides?: number | [number, number], pad?: 'valid' | 'same' | number,
      dataFormat?: 'NHWC', dilations?: number | [number, number]): Tensor;
  }
}
chain(['gather', 'gatherND', 'unsortedSegmentSum', 'cumsum', 'topk', 'norm', 'leakyRelu', 'prelu', 'batchNorm', 'depthwiseConv2d']);
