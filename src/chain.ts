// tfjs's chaining API: x.add(y).square().sum(). Each method forwards to the op of the same name.
import * as ops from './ops/index.js';
import { Tensor, Variable, type NumericDType, type Rank } from './core/tensor.js';
import { tidy, untaped } from './core/engine.js';
import { checkDtypeName, type DType } from './core/dtype.js';
import type { TensorLike } from './core/convert.js';
import { TensorBuffer, type BufferDType } from './core/buffer.js';

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

// Convolutions composed of the 2-D ones (src/ops/conv_more.ts).
declare module './core/tensor.js' {
  interface Tensor<R extends Rank = Rank> {
    conv1d(filter: TensorLike, stride?: number, pad?: ops.Padding, dataFormat?: 'NWC' | 'NCW', dilation?: number,
      dimRoundingMode?: 'floor' | 'round' | 'ceil'): Tensor;
    separableConv2d(depthwiseFilter: TensorLike, pointwiseFilter: TensorLike, strides?: number | [number, number],
      pad?: ops.Padding, dilation?: number | [number, number], dataFormat?: 'NHWC' | 'NCHW'): Tensor;
    localResponseNormalization(depthRadius?: number, bias?: number, alpha?: number, beta?: number): Tensor;
  }
}
chain(['conv1d', 'separableConv2d', 'localResponseNormalization']);

// 3-D convolution and pooling, generic pooling, dilation (src/ops/conv3d.ts, pool3d.ts, dilation.ts).
declare module './core/tensor.js' {
  interface Tensor<R extends Rank = Rank> {
    pool(windowShape: number | [number, number], poolingType: 'avg' | 'max', padding?: ops.Padding,
      dilationRate?: number | [number, number], strides?: number | [number, number], dimRoundingMode?: 'floor' | 'round' | 'ceil'): Tensor;
    dilation2d(filter: TensorLike, strides?: number | [number, number], pad?: 'valid' | 'same',
      dilations?: number | [number, number], dataFormat?: 'NHWC'): Tensor;
  }
}
chain(['pool', 'dilation2d']);
// Math ops of issue 14 (src/ops/unary.ts, compare.ts, binary.ts, reduce.ts, norm.ts, scan.ts).
declare module './core/tensor.js' {
  interface Tensor<R extends Rank = Rank> {
    cosh(): Tensor; sinh(): Tensor; acosh(): Tensor; asinh(): Tensor; atanh(): Tensor; logSigmoid(): Tensor;
    isFinite(): Tensor; isInf(): Tensor; divNoNan(b: TensorLike): Tensor;
    all(axis?: Axis, keepDims?: boolean): Tensor; any(axis?: Axis, keepDims?: boolean): Tensor;
    euclideanNorm(axis?: number | number[] | null, keepDims?: boolean): Tensor;
    cumprod(axis?: number, exclusive?: boolean, reverse?: boolean): Tensor;
  }
}
chain(['cosh', 'sinh', 'acosh', 'asinh', 'atanh', 'logSigmoid', 'isFinite', 'isInf', 'divNoNan', 'all', 'any', 'euclideanNorm', 'cumprod']);

// tfjs's TensorBuffer access and raw bytes (src/core/buffer.ts).
declare module './core/tensor.js' {
  interface Tensor<R extends Rank = Rank> {
    /** A TensorBuffer holding a copy of the values (tfjs). */
    bufferSync(): TensorBuffer<R>;
    /** bufferSync(), asynchronously (lets the event loop run once, as data()). */
    buffer(): Promise<TensorBuffer<R>>;
    /** The values' bytes, little-endian (tfjs bytes(): a Uint8Array; bool is one byte per element; UTF-8 per string). */
    bytes(): Promise<Uint8Array | Uint8Array[]>;
  }
}
Object.assign(P, {
  // (the constructor refuses string and complex64 tensors by name)
  bufferSync(this: Tensor) { return new TensorBuffer(this.shape.slice(), this.dtype as BufferDType, this.dataSync<BufferDType>()); },
  async buffer(this: Tensor) { const d = await this.data<BufferDType>(); return new TensorBuffer(this.shape.slice(), this.dtype as BufferDType, d); },
  async bytes(this: Tensor) {
    if (this.dtype === 'string') { const s = await this.data<'string'>(); return s.map((v) => new TextEncoder().encode(v)); }
    const d = await this.data<NumericDType>();
    return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
  },
});

// The rest of tfjs's chained methods (its register_all_chained_ops; test/chain.test.ts compares the lists).
/** The parameters of an op after its first (the tensor the method is called on). */
type Rest<F> = F extends (x: never, ...rest: infer R) => unknown ? R : never;
declare module './core/tensor.js' {
  interface Tensor<R extends Rank = Rank> {
    acos(): Tensor; asin(): Tensor; atan(): Tensor; tan(): Tensor; erf(): Tensor; isNaN(): Tensor;
    atan2(b: TensorLike): Tensor; logicalXor(b: TensorLike): Tensor; step(alpha?: number): Tensor;
    onesLike(): Tensor; zerosLike(): Tensor;
    avgPool(...args: Rest<typeof ops.avgPool>): Tensor; maxPool(...args: Rest<typeof ops.maxPool>): Tensor;
    conv2d(...args: Rest<typeof ops.conv2d>): Tensor; conv2dTranspose(...args: Rest<typeof ops.conv2dTranspose>): Tensor;
    as3D(rows: number, columns: number, depth: number): Tensor;
    as4D(rows: number, columns: number, depth: number, depth2: number): Tensor;
    as5D(rows: number, columns: number, depth: number, depth2: number, depth3: number): Tensor;
    /** The same values as `dtype` (tfjs: cast). */
    asType(dtype: DType): Tensor;
    /** Reshaped to the shape of x. */
    reshapeAs(x: Tensor): Tensor;
    depthToSpace(...args: Rest<typeof ops.depthToSpace>): Tensor;
    spaceToBatchND(...args: Rest<typeof ops.spaceToBatchND>): Tensor; batchToSpaceND(...args: Rest<typeof ops.batchToSpaceND>): Tensor;
    unique(axis?: number): { values: Tensor; indices: Tensor };
    /** A Variable initialised from this tensor (tfjs: variable(trainable = true, name?, dtype?)). */
    variable(trainable?: boolean, name?: string, dtype?: DType): Variable;
  }
}
chain(['acos', 'asin', 'atan', 'tan', 'erf', 'isNaN', 'atan2', 'logicalXor', 'step', 'onesLike', 'zerosLike',
  'avgPool', 'maxPool', 'conv2d', 'conv2dTranspose', 'depthToSpace', 'spaceToBatchND', 'batchToSpaceND', 'unique']);
Object.assign(P, {
  as3D(this: Tensor, r: number, c: number, d: number) { return ops.reshape(this, [r, c, d]); },
  as4D(this: Tensor, r: number, c: number, d: number, d2: number) { return ops.reshape(this, [r, c, d, d2]); },
  as5D(this: Tensor, r: number, c: number, d: number, d2: number, d3: number) { return ops.reshape(this, [r, c, d, d2, d3]); },
  asType(this: Tensor, dtype: DType) { return ops.cast(this, dtype); },
  reshapeAs(this: Tensor, x: Tensor) { return ops.reshape(this, x.shape); },
  variable(this: Tensor, trainable = true, name?: string, dtype?: DType) {
    if (this.isDisposed) throw new Error('variable: the tensor is disposed');
    if (dtype !== undefined) checkDtypeName('variable', dtype);
    const init = dtype !== undefined && dtype !== this.dtype ? ops.cast(this, dtype) : this;
    try { return new Variable(init, trainable, name); } finally { if (init !== this) init.dispose(); }
  },
});
// tf.image's resizes as tfjs chains them (src/ops/image.ts).
declare module './core/tensor.js' {
  interface Tensor<R extends Rank = Rank> {
    resizeBilinear(newShape2D: [number, number], alignCorners?: boolean, halfPixelCenters?: boolean): Tensor;
    resizeNearestNeighbor(newShape2D: [number, number], alignCorners?: boolean, halfPixelCenters?: boolean): Tensor;
  }
}
P.resizeBilinear = function (this: Tensor, size: [number, number], a?: boolean, h?: boolean) { return ops.image.resizeBilinear(this, size, a, h); };
P.resizeNearestNeighbor = function (this: Tensor, size: [number, number], a?: boolean, h?: boolean) { return ops.image.resizeNearestNeighbor(this, size, a, h); };
