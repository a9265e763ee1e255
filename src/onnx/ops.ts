// The ONNX operators ascent runs (default domain, opsets 11–21; the fixtures test 13, 17 and 18), each written
// with ascent's public ops, so the op seam validates arguments and GradientTape differentiates through them
// (fine-tuning an imported model needs nothing more). Semantics follow the ONNX operator schemas
// (onnx/defs, docs/Operators.md); where two opsets differ both are handled (attribute vs input for axes, etc.).
// Layout: ONNX is NCHW; ascent's convolutions and pools are NHWC kernels, so Conv/Pool transpose at their
// boundaries (ascent's own dataFormat 'NCHW' does the same transposes).
import { Tensor } from '../core/tensor.js';
import { engine } from '../core/engine.js';
import { tensor, fill, ones } from '../ops/create.js';
import { reshape, transpose, cast, expandDims, broadcastTo } from '../ops/shape.js';
import { neg, abs, sqrt, exp, log, sigmoid, tanh, relu, floor, ceil, reciprocal, erf, sin, cos, softplus, elu, round, sign, tan, atan, asin, acos, sinh, cosh, selu, softsign } from '../ops/unary.js';
import { add, sub, mul, div, maximum, minimum, floorDiv, mod } from '../ops/binary.js';
import { pow } from '../ops/pow.js';
import { equal, greater, less, greaterEqual, lessEqual, logicalAnd, logicalOr, logicalNot, logicalXor, where, isNaN as isNaNOp, isInf } from '../ops/compare.js';
import { sum, mean, max, min, prod, argMax, argMin } from '../ops/reduce.js';
import { matMul, matMulStrided, packB, packedBFloats, type Strided } from '../ops/matmul.js';
import { softmax, logSoftmax } from '../ops/softmax.js';
import { conv2d, conv2dTranspose } from '../ops/conv.js';
import { resizeBilinear, resizeNearestNeighbor } from '../ops/image.js';
import { depthwiseConv2d } from '../ops/depthwise.js';
import { maxPool, avgPool } from '../ops/pool.js';
import { slice, stridedSlice, reverse } from '../ops/slice.js';
import { lstmSequence, gruSequence } from '../ops/rnn.js';
import { concat, split, tile, pad, mirrorPad, clipByValue, stack } from '../ops/join.js';
import { gather, gatherND } from '../ops/gather.js';
import { leakyRelu, gelu, mish } from '../ops/activations.js';
import { cumsum, topk } from '../ops/scan.js';
import { einsum } from '../ops/einsum.js';
import { linearAct, rowsOp, scaleShiftAct, type InPlaceActivation } from '../ops/infer.js';
import { H, K } from '../backend/wasm.js';
import { scratch } from '../backend/scratch.js';
import { Act, Binary, Reduce, Unary } from '../backend/abi.js';
import { op } from '../core/op.js';
import { broadcastKernel } from '../ops/binary.js';
import { unaryRaw } from '../ops/unary.js';
import { reduceRaw } from '../ops/reduce.js';
import type { AttributeProto } from './proto.js';
import { type Const, checkDims, dtypeOf, onnxTypeName, readTensor, MAX_ELEMENTS } from './tensors.js';

export type Value = Tensor | Const;
export const isConst = (v: Value | undefined): v is Const => v !== undefined && !(v instanceof Tensor);

/** What an op implementation sees of its node. */
export interface Ctx {
  readonly name: string;
  readonly opType: string;
  readonly opset: number;
  readonly numOutputs: number;
  attr(name: string): AttributeProto | undefined;
  /**
   * A tensor for a value (constants become tensors, cached for the model's own constants; a view — see `strided` —
   * its values copied, once per value). `asIs`: a view is returned as it is (the caller reads its shape, or its
   * memory through viewOf()).
   */
  t(v: Value | undefined, what?: string, asIs?: boolean): Tensor;
  /** How a view (made by `strided`) reads its memory; undefined for every other tensor (row-major from its ptr). */
  viewOf(t: Tensor): View | undefined;
  /**
   * A view of t's memory with `shape`, read through `s` (element strides and offset from t's ptr): what a Transpose
   * (…) makes in a run while no tape records, so that a MatMul reads it in place; other ops see its values copied
   * (`t`). Null where views are not made (a recording tape, FUSE off): the caller copies.
   */
  strided(t: Tensor, shape: number[], v: View): Tensor | null;
  /**
   * `make()` computed from `sources` only, cached by the model under `key` while no tape records and the sources
   * are the same tensors at the same Variable versions (a transposed filter, a folded BatchNorm scale).
   */
  derive(key: string, sources: Tensor[], make: () => Tensor): Tensor;
  /** Whether v is one of the model's weights or constants (a Variable or an initializer): worth a derive(). */
  fixed(v: Value | undefined): boolean;
  /** Whether v is a rank-4 tensor stored channels-last (NHWC) for an NCHW value (only LAYOUT_AWARE ops see these). */
  nhwc(v: Value | undefined): boolean;
  /** Marks a result as channels-last (its NCHW value is its transpose [0, 3, 1, 2]). */
  mark(t: Tensor): Tensor;
  /** The NCHW tensor of a channels-last value (made once per value); other values as they are. */
  nchw(v: Value | undefined): Value | undefined;
  /**
   * Set only on the executor's fused steps, run while no tape records (their ops have no gradient): Conv, Gemm and
   * BatchNormalization may run as one op with the bias added in place (ops/infer.ts), and `act` (the activation node
   * that followed, fused into this step) is applied to the result — in place where the op allows, else as its op.
   */
  readonly lean?: {
    act: InPlaceActivation | null;
    /**
     * MatMul only: the Add node after it was taken in — its other operand, a constant row of N, is the step's third
     * input, added first (`biasFirst`, bias + x·W as PyTorch's exporters write it) or second.
     */
    biasFirst?: boolean;
    /**
     * Conv and Gemm: a BatchNormalization node taken in, its scale, B, mean and var the step's inputs 3–6 (constant
     * weights). `fold`: it read the product itself — folded into the weights and bias (W·a, (bias − mean)·a + B with
     * a = scale/√(var + ε); equal within rounding, as ORT folds it); else it read the activation's output — applied
     * after it as its own op would (bit-identical), then `act` (its activation node, if taken).
     */
    bn?: { fold: boolean; eps: number; act: InPlaceActivation | null };
    /**
     * Div only: the exact GELU as PyTorch exports it taken in — Div(x, k0) → Erf → Add(k1), then Mul(x) [→ Mul(k2)]
     * or (`scaleFirst`) Mul(k2) → Mul(x); `scaled`: Mul(k2) is there (ops.ts geluChain).
     */
    gelu?: GeluChain;
    /**
     * MatMul only: its B was Transpose(k) swapping the last two axes — or, when true, Mul(Transpose(k), s) with s one
     * value —, the step's inputs [a, k(, s)]: the product reads k as Bᵀ.
     */
    transposedB?: boolean;
    /** MatMul only: the Transpose after it (its last axis kept last) taken in: the product is written permuted. */
    outPerm?: number[];
  };
}

/** The scalar constants k0, k1, k2 of a GELU subgraph and the order of its two last products (Ctx.lean.gelu). */
export interface GeluChain { k: number[]; scaleFirst: boolean; scaled: boolean }

type Impl = (c: Ctx, inputs: (Value | undefined)[]) => Value | Value[];

// ---- attributes and value helpers --------------------------------------------------------------------------
const fail = (c: Ctx, msg: string): never => { throw new Error(msg); };
function int(c: Ctx, name: string, dflt: number): number { const a = c.attr(name); return a ? a.i : dflt; }
function flt(c: Ctx, name: string, dflt: number): number { const a = c.attr(name); return a ? a.f : dflt; }
function ints(c: Ctx, name: string): number[] | undefined { const a = c.attr(name); return a ? a.ints.slice() : undefined; }
function str(c: Ctx, name: string, dflt: string): string {
  const a = c.attr(name);
  return a ? new TextDecoder().decode(a.s) : dflt;
}

/** Counts reads of numbers out of computed tensors: after one, shapes may depend on data (no shape memo). */
export const tensorReads = { count: 0 };

const constNumbers = new WeakMap<Const, number[]>();
/** A value's numbers (shape vectors, axes, pads): from a constant, or read from a small tensor. */
export function numbers(v: Value | undefined, c: Ctx, what: string): number[] {
  if (v === undefined) return fail(c, `input '${what}' is missing`);
  if (isConst(v)) {
    // a shape or axes constant is read on every run (Reshape, Unsqueeze …): converted once (a copy per read: callers
    // may change theirs)
    let a = constNumbers.get(v);
    if (a === undefined) { a = Array.from(v.data); constNumbers.set(v, a); }
    return a.slice();
  }
  tensorReads.count++;
  if (v.size > MAX_ELEMENTS) fail(c, `input '${what}' is too large to read as numbers`);
  return Array.from(v.dataSync() as ArrayLike<number>);
}
function scalarOf(v: Value | undefined, c: Ctx, what: string): number {
  const n = numbers(v, c, what);
  if (n.length !== 1) fail(c, `input '${what}' must hold one value, got ${n.length}`);
  return n[0];
}
const shapeOf = (v: Value): number[] => (isConst(v) ? v.shape : v.shape);

/**
 * x read with another shape (the same element count, checked by the caller): while no tape records a view made
 * directly (the reshape op's own body, without its op frame and argument checks — Reshape, Squeeze, Unsqueeze,
 * Flatten run on every call of a transformer), else the reshape op (the tape records it). A view (Ctx.strided) stays
 * one where its strides allow the new shape, else its values are copied first.
 */
function reshaped(x: Tensor, shape: number[], c?: Ctx): Tensor {
  const v = c?.viewOf(x);
  if (v !== undefined) {
    const d = regroup(v.dims, shape);
    const y = d === null ? null : c!.strided(x, shape, { dims: d, offset: v.offset });
    if (y !== null) return y;
    x = c!.t(x);
  }
  return engine.recording ? reshape(x, shape) : x.view(shape);
}

/**
 * How a view (Ctx.strided) reads its memory: per axis of its shape, the sub-axes it walks ([size, element stride],
 * outer first; none for an axis of size 1) — a reshape of a permuted tensor that merges axes that are not contiguous
 * (attention's [T, N, H·D] read as [T, N·H, D]) stays a view, split again by a later reshape —, from element `offset`.
 */
export interface View { dims: [number, number][][]; offset: number }

/** The sub-axes of `dims` regrouped for shape `to` (the same element count), splitting a sub-axis where needed; null where one cannot be split evenly. */
function regroup(dims: [number, number][][], to: number[]): [number, number][][] | null {
  if (to.some((d) => d === 0)) return null;
  const seq = dims.flat().map(([n, st]): [number, number] => [n, st]);
  const out: [number, number][][] = [];
  let i = 0;
  for (const d of to) {
    const g: [number, number][] = [];
    for (let need = d; need > 1;) {
      if (i >= seq.length) return null;
      const [n, st] = seq[i];
      if (n <= need) {
        if (need % n !== 0) return null;
        g.push([n, st]); need /= n; i++;
      } else {
        if (n % need !== 0) return null;
        g.push([need, st * (n / need)]); seq[i] = [n / need, st]; need = 1;
      }
    }
    // adjacent sub-axes contiguous with each other are one
    const m: [number, number][] = [];
    for (const [n, st] of g) { const l = m[m.length - 1]; if (l !== undefined && l[1] === n * st) m[m.length - 1] = [l[0] * n, st]; else m.push([n, st]); }
    out.push(m);
  }
  return i === seq.length ? out : null;
}

/** @internal Products that read views in place or wrote permuted, and views copied (the tests check both). */
export const viewCounts = { products: 0, copies: 0 };
/**
 * @internal A Transpose of fewer elements is copied, not made a view (tlayer at batch 1, 80–240 elements: the views'
 * bookkeeping measured 5–25 % slower than the copies; at batch 64, 5–15 K elements, views 20–25 % faster). The tests
 * set 0 to make views of small graphs. The same bits either way.
 */
export const VIEWS = { min: 1024 };

/** x's view: its own, else row-major from 0. */
const viewIn = (c: Ctx, x: Tensor): View => c.viewOf(x) ?? { dims: x.shape.map((d, i, sh) => (d === 1 ? [] : [[d, sh.slice(i + 1).reduce((p, e) => p * e, 1)]])), offset: 0 };
/** A view's plain strides (one per axis), or null where an axis walks several sub-axes. */
function plainStrides(v: View): Strided | null {
  if (v.dims.some((g) => g.length > 1)) return null;
  return { strides: v.dims.map((g) => (g.length === 0 ? 0 : g[0][1])), offset: v.offset };
}

/** A Const from a tensor's values (shape subgraphs stay on the JS side). */
export function toConst(t: Tensor): Const {
  const d = t.dataSync() as ArrayLike<number>;
  const data = t.dtype === 'float32' ? Float32Array.from(d) : t.dtype === 'bool' ? Uint8Array.from(d) : Int32Array.from(d);
  return { dtype: t.dtype as Const['dtype'], shape: t.shape.slice(), data };
}
/** A tensor from a Const; int64 values beyond int32 (sentinels) are clamped, as ascent's ints are int32. */
export function constTensor(v: Const): Tensor {
  if (v.dtype === 'int32' && !(v.data instanceof Int32Array)) {
    return tensor(Int32Array.from(v.data, (x) => Math.max(-2147483648, Math.min(2147483647, x))), v.shape, 'int32');
  }
  return tensor(v.data, v.shape, v.dtype);
}

const normAxis = (c: Ctx, a: number, rank: number): number => {
  if (!Number.isInteger(a) || a < -rank || a >= Math.max(rank, 1)) fail(c, `axis ${a} is out of range for rank ${rank}`);
  return a < 0 ? a + rank : a;
};

/** Axes from the `axes` input (newer opsets) or attribute (older ones). */
function axesOf(c: Ctx, inputs: (Value | undefined)[], at: number): number[] | undefined {
  const v = inputs[at];
  if (v !== undefined) return numbers(v, c, 'axes');
  return ints(c, 'axes');
}

function broadcastShape(c: Ctx, a: number[], b: number[]): number[] {
  const n = Math.max(a.length, b.length), out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1, y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) fail(c, `shapes [${a}] and [${b}] do not broadcast`);
    out.push(x === 1 ? y : x);
  }
  return out;
}

// ---- elementwise --------------------------------------------------------------------------------------------
const unary = (f: (x: Tensor) => Tensor): Impl => (c, [x]) => f(c.t(x, 'X'));
/** An elementwise op of one tensor (other inputs scalars): a channels-last input gives a channels-last result. */
const keepLayout = (f: Impl): Impl => (c, ins) => {
  if (!c.nhwc(ins[0])) return f(c, ins);
  return c.mark(f(c, ins) as Tensor);
};
/**
 * A broadcasting binary op on channels-last operands: both channels-last (same permutation: broadcasting
 * holds), or one with an operand that is per channel or a scalar ([1, C, 1, 1], [C, 1, 1], [1], []); else NCHW.
 */
const binaryLayout = (f: (a: Tensor, b: Tensor) => Tensor): Impl => {
  const plain = binary(f);
  const perChannel = (c: Ctx, v: Value | undefined): Tensor | null => {
    if (v === undefined) return null;
    const sh = shapeOf(v);
    if (sh.length > 4) return null;
    const p4 = [1, 1, 1, 1].slice(sh.length).concat(sh);
    if (p4[0] !== 1 || p4[2] !== 1 || p4[3] !== 1) return null;
    const t = c.t(v, 'B');
    return sh.length <= 1 && p4[1] === 1 ? t : reshape(t, [p4[1]]);
  };
  return (c, ins) => {
    const [a, b] = ins, la = c.nhwc(a), lb = c.nhwc(b);
    if (!la && !lb) return plain(c, ins);
    if (la && lb) return c.mark(f(c.t(a, 'A'), c.t(b, 'B')));
    if (la) { const o = perChannel(c, b); if (o) return c.mark(f(c.t(a, 'A'), o)); }
    else { const o = perChannel(c, a); if (o) return c.mark(f(o, c.t(b, 'B'))); }
    return plain(c, [c.nchw(a), c.nchw(b)]);
  };
};
const binary = (f: (a: Tensor, b: Tensor) => Tensor): Impl => (c, [a, b]) => f(c.t(a, 'A'), c.t(b, 'B'));
/**
 * a + b, then the activation in place on the fresh sum (float32 operands): the Add node and the Relu (…) node after
 * it as one op — the kernels the two ops run, so bit-identical. The executor's lean steps only (no gradient).
 */
const addAct = op('onnxAdd', {
  inputs: [{ name: 'A', dtypes: ['float32'] }, { name: 'B', dtypes: ['float32'] }],
  grad: null,
  forward: (a: Tensor, b: Tensor, act: InPlaceActivation | null): Tensor => {
    const y = broadcastKernel('add', Binary.add, a, b, false);
    if (act !== null && y.size > 0) K().f32_unary__wasmsimd(Unary[act], y.ptr, y.ptr, y.size);
    return y;
  },
});
const ADD = binaryLayout(add);
const DIV_PLAIN = binaryLayout(divide);
/** Add on a lean step, per fused activation ('none': without one); other dtypes take add's own path. */
const ADD_ACT = Object.fromEntries((['none', 'relu', 'relu6', 'sigmoid', 'tanh', 'elu'] as const).map((k) => {
  const act = k === 'none' ? null : k;
  return [k, binaryLayout((a, b) => (a.dtype === 'float32' && b.dtype === 'float32' ? addAct(a, b, act) : act === null ? add(a, b) : ACTS[act](add(a, b))))];
})) as Record<InPlaceActivation | 'none', Impl>;
/** The ops of the activation nodes the executor fuses (what Relu, Clip(0, 6), Sigmoid and Tanh run unfused). */
const ACTS: Record<InPlaceActivation, (x: Tensor) => Tensor> = { relu, relu6: (x) => clipByValue(x, 0, 6), sigmoid, tanh, elu };
/** A fused step's activation applied by its op, where the producing op could not apply it in place. */
const activate = (c: Ctx, y: Tensor): Tensor => (c.lean?.act ? ACTS[c.lean.act](y) : y);
/**
 * Which activation an activation node is, when the executor may fuse it into the node before it (unary, no layout
 * change, bit-identical in place): Relu, Sigmoid, Tanh, and Clip with constant min 0 and max 6 (ReLU6).
 * `constant(i)`: the node's i-th input when it is a constant scalar, else undefined.
 */
export function fusibleActivation(opType: string, opset: number, attrs: Map<string, AttributeProto>,
                                  constant: (i: number) => number | undefined): InPlaceActivation | null {
  if (opType === 'Relu') return 'relu';
  if (opType === 'Sigmoid') return 'sigmoid';
  if (opType === 'Tanh') return 'tanh';
  if (opType !== 'Clip') return null;
  const lo = opset < 11 ? attrs.get('min')?.f : constant(1), hi = opset < 11 ? attrs.get('max')?.f : constant(2);
  return Object.is(lo, 0) && hi === 6 ? 'relu6' : null; // (−0 would keep −0 where ReLU6 gives +0)
}
const variadic = (f: (a: Tensor, b: Tensor) => Tensor): Impl => (c, xs) => {
  let y = c.t(xs[0], 'data_0');
  for (let i = 1; i < xs.length; i++) y = f(y, c.t(xs[i], `data_${i}`));
  return y;
};
function divide(a: Tensor, b: Tensor): Tensor {
  if (a.dtype === 'int32' && b.dtype === 'int32') {
    // ONNX integer Div truncates toward zero
    const q = floorDiv(a, b);
    return where(logicalAnd(less(mul(a, b), 0), logicalNot(equal(mod(a, b), 0))), add(q, 1), q);
  }
  return div(a, b);
}
const hardSigmoidOf = (x: Tensor, alpha: number, beta: number) => clipByValue(add(mul(x, alpha), beta), 0, 1);

function clip(c: Ctx, [x, lo, hi]: (Value | undefined)[]): Tensor {
  let y = c.t(x, 'input');
  // opset < 11: min/max attributes; later: optional inputs
  const a = c.opset < 11 ? flt(c, 'min', -Infinity) : lo === undefined ? -Infinity : isConst(lo) ? scalarOf(lo, c, 'min') : lo;
  const b = c.opset < 11 ? flt(c, 'max', Infinity) : hi === undefined ? Infinity : isConst(hi) ? scalarOf(hi, c, 'max') : hi;
  if (typeof a === 'number' && typeof b === 'number') return clipByValue(y, a, b);
  if (a instanceof Tensor) y = maximum(y, a); else if (a !== -Infinity) y = maximum(y, a);
  if (b instanceof Tensor) y = minimum(y, b); else if (b !== Infinity) y = minimum(y, b);
  return y;
}

// ---- linear algebra -----------------------------------------------------------------------------------------
/**
 * A fused step's weight w — a [K, N] matrix, or a filter [kh, kw, c, N] as the kh·kw·c × N matrix the convolution
 * reads — packed for the GEMM (packB), cached by the model like the other derived weights (remade when a source
 * Variable changes): the product then packs nothing per call, and computes the same bits (it packs the same way).
 * `sources`: what w is computed from (the node's weight input); 0 (pack per call) when w is not a fixed weight.
 */
function packed(c: Ctx, fixed: boolean, w: Tensor, sources: Tensor[]): number {
  if (!fixed || w.size === 0 || w.dtype !== 'float32') return 0;
  const N = w.shape[w.rank - 1], Kd = w.size / N;
  return c.derive('packed', sources, () => {
    const t = new Tensor([packedBFloats(Kd, N)], 'float32');
    packB(Kd, N, w.ptr, N, 1, t.ptr);
    return t;
  }).ptr;
}

function matmul(c: Ctx, [a0, b0, bias0]: (Value | undefined)[]): Tensor {
  const tb = c.lean?.transposedB, perm = c.lean?.outPerm ?? null;
  if (tb !== undefined) {
    // a · (k [· s])ᵀ over the last two axes: scaled elementwise first (the same products, in k's order), then the
    // GEMM reading B transposed (it packs B either way: the same sums in the same order) — bit-identical, no copy
    const a = c.t(a0, 'A', true), k = c.t(b0, 'B', true), sc = tb ? c.t(bias0, 'B') : null;
    if (a.rank >= 2 && k.rank >= 2 && (sc === null || (sc.size === 1 && sc.rank <= k.rank))) return product(c, a, sc === null ? k : scaled(c, k, sc, false), true, perm);
    const kt = transpose(c.t(k), k.shape.map((_, i) => (i === k.rank - 2 ? k.rank - 1 : i === k.rank - 1 ? k.rank - 2 : i)));
    return permuted(matmul({ ...c, lean: undefined }, [c.t(a), sc === null ? kt : mul(kt, sc)]), perm);
  }
  const fused = c.lean?.biasFirst;
  if (fused !== undefined) {
    // fused step MatMul + Add(bias): x·W and the bias added in place, one op (the same kernels; a + b = b + a exactly)
    const a = c.t(a0, 'A'), b = c.t(b0, 'B'), bias = c.t(bias0, 'bias');
    if (a.rank >= 2 && b.rank === 2 && a.dtype === 'float32' && b.dtype === 'float32' && bias.dtype === 'float32' &&
        a.shape[a.rank - 1] === b.shape[0] && bias.rank === 1 && bias.size === b.shape[1]) {
      return linearAct(a, b, bias, null, null, null, packed(c, c.fixed(b0), b, [b]));
    }
    const y = matmul({ ...c, lean: undefined }, [a, b]);
    return fused ? add(bias, y) : add(y, bias);
  }
  let a = c.t(a0, 'A', true), b = c.t(b0, 'B', true);
  // numpy semantics for 1-D operands: a vector is promoted to a matrix, and the added axis removed after
  const va = a.rank === 1, vb = b.rank === 1;
  if (!va && !vb) return product(c, a, b, false, perm);
  if (va) a = reshape(c.t(a), [1, a.shape[0]]);
  if (vb) b = reshape(c.t(b), [b.shape[0], 1]);
  let y = matMul(c.t(a), c.t(b));
  if (va || vb) {
    const s = y.shape.slice();
    if (vb) s.splice(s.length - 1, 1);
    if (va) s.splice(s.length - (vb ? 1 : 2), 1);
    y = reshape(y, s);
  }
  return permuted(y, perm);
}

/** y, or its transpose by the step's taken-in Transpose (Ctx.lean.outPerm). */
const permuted = (y: Tensor, perm: number[] | null): Tensor => (perm === null ? y : transpose(y, perm));

/**
 * a · b (bᵀ when `tB`) over the last two axes (ranks ≥ 2), written permuted by `perm` (when not null): matMul, or
 * where an operand is a view (Ctx.strided) or the result is permuted, the strided product reading them in place —
 * each product computed as matMul computes it, the same bits.
 */
function product(c: Ctx, a: Tensor, b: Tensor, tB: boolean, perm: number[] | null): Tensor {
  if (c.viewOf(a) === undefined && c.viewOf(b) === undefined && perm === null) return matMul(a, b, false, tB);
  const r = b.rank, sa = plainStrides(viewIn(c, a)), sb = plainStrides(viewIn(c, b));
  const swap = <T>(v: T[]) => v.map((x, i) => (i === r - 2 ? v[r - 1] : i === r - 1 ? v[r - 2] : x));
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || sa === null || sb === null || (perm !== null && perm[perm.length - 1] !== perm.length - 1)) {
    return permuted(matMul(c.t(a), c.t(b), false, tB), perm);
  }
  viewCounts.products++;
  // bᵀ: b's memory read with its last two axes swapped
  const bt = tB ? new Tensor(swap(b.shape), b.dtype, b.block) : b;
  try {
    return matMulStrided(a, bt, sa, tB ? { strides: swap(sb.strides), offset: sb.offset } : sb, perm);
  } finally { if (bt !== b) bt.dispose(); }
}

/** Whether a view reads all of a block of its size from its start (a permuted row-major tensor). */
function wholeBlock(v: View): boolean {
  const ax = v.dims.flat().sort((p, q) => q[1] - p[1]);
  let e = 1;
  for (let k = ax.length - 1; k >= 0; k--) { if (ax[k][1] !== e) return false; e *= ax[k][0]; }
  return v.offset === 0;
}

/**
 * x · s (s: one float32 value, rank ≤ x's; s · x when `sFirst`): for a view that reads all of its block from its
 * start (a permuted tensor), the memory multiplied as it lies and read with the same strides — the same products,
 * no copy.
 */
function scaled(c: Ctx, x: Tensor, s: Tensor, sFirst: boolean): Tensor {
  const v = c.viewOf(x);
  if (v !== undefined && x.dtype === 'float32' && s.dtype === 'float32' && wholeBlock(v)) {
    const y = c.strided(sFirst ? mul(s, x) : mul(x, s), x.shape, v);
    if (y !== null) return y;
  }
  const t = c.t(x);
  return sFirst ? mul(s, t) : mul(t, s);
}
const MUL = binaryLayout(mul);
/** Mul: a view times one value stays a view (scaled), else the broadcasting op. */
function mulOp(c: Ctx, ins: (Value | undefined)[]): Value | Value[] {
  for (const i of [0, 1]) {
    const x = ins[i], o = ins[1 - i];
    if (x instanceof Tensor && c.viewOf(x) !== undefined && o !== undefined && shapeOf(o).length <= x.rank && shapeOf(o).reduce((p, d) => p * d, 1) === 1) {
      return scaled(c, x, c.t(o, 'B'), i === 1);
    }
  }
  return MUL(c, ins);
}

/** Gemm, and on a fused step the BatchNormalization taken in after its activation (Ctx.lean.bn). */
function gemm(c: Ctx, ins: (Value | undefined)[]): Tensor {
  return bnAfter(c, gemmNode(c, ins), ins.slice(3));
}

function gemmNode(c: Ctx, [a, b, bias, ...bn]: (Value | undefined)[]): Tensor {
  const A = c.t(a, 'A'), B0 = c.t(b, 'B');
  if (A.rank !== 2 || B0.rank !== 2) fail(c, `Gemm takes matrices, got A [${A.shape}] and B [${B0.shape}]`);
  const alpha = flt(c, 'alpha', 1);
  let beta = flt(c, 'beta', 1);
  const tA = int(c, 'transA', 0) === 1, tB = int(c, 'transB', 0) === 1;
  // a fused step's BatchNormalization of the product (alpha 1, and beta 1 or no C: the executor checks): folded into
  // B's output columns and the bias
  const fold = c.lean?.bn?.fold ? foldBN(c, B0, bias === undefined ? null : c.t(bias, 'C'), bn, c.lean!.bn!.eps, tB ? 0 : 1) : null;
  const B = fold ? fold[0] : B0;
  if (fold) { bias = fold[1]; beta = 1; }
  // a weight B [out, in] (PyTorch's Linear) as [in, out], cached: matMul with transposeB is slower on small matrices
  const Bt = tB && c.fixed(b) ? c.derive('B', [B], () => transpose(B, [1, 0])) : null;
  if (c.lean && !tA && alpha === 1 && (Bt !== null || !tB) && A.dtype === 'float32' && B.dtype === 'float32' && A.shape[1] === (Bt ?? B).shape[0]) {
    // fused step: the product, the bias (a row of N) and the activation in one op, in place — the same kernels
    const N = (Bt ?? B).shape[1], C = bias === undefined || beta === 0 ? null : c.t(bias, 'C');
    if (C === null || (beta === 1 && C.dtype === 'float32' && C.size === N && C.shape[C.rank - 1] === N)) {
      return linearAct(A, Bt ?? B, C, null, null, c.lean.act, packed(c, c.fixed(b), Bt ?? B, [B]));
    }
  }
  let y = Bt !== null ? matMul(A, Bt, tA, false) : matMul(A, B, tA, tB);
  if (alpha !== 1) y = mul(y, alpha);
  if (bias !== undefined && beta !== 0) y = add(y, beta === 1 ? c.t(bias, 'C') : mul(c.t(bias, 'C'), beta));
  return activate(c, y);
}

// ---- convolution and pooling (NCHW at the boundary, NHWC inside) -------------------------------------------
interface Window { k: number[]; s: number[]; d: number[]; pads: number[] /* [begin..., end...] */ }

/** Kernel, strides, dilations and explicit pads of a Conv/Pool node over spatial dims `sp`. */
function windowOf(c: Ctx, sp: number[], kernel: number[] | undefined): Window {
  const n = sp.length;
  const k = kernel ?? ints(c, 'kernel_shape') ?? fail(c, 'kernel_shape is required');
  if (k.length !== n) fail(c, `kernel_shape [${k}] does not match ${n} spatial dims`);
  const s = ints(c, 'strides') ?? new Array(n).fill(1), d = ints(c, 'dilations') ?? new Array(n).fill(1);
  if (s.length !== n || d.length !== n || s.some((v) => v < 1) || d.some((v) => v < 1)) fail(c, `strides [${s}] / dilations [${d}] must be ${n} positive integers`);
  let pads = ints(c, 'pads') ?? new Array(2 * n).fill(0);
  if (pads.length !== 2 * n || pads.some((p) => p < 0)) fail(c, `pads [${pads}] must be ${2 * n} non-negative integers`);
  const auto = str(c, 'auto_pad', 'NOTSET');
  if (auto === 'VALID') pads = new Array(2 * n).fill(0);
  else if (auto === 'SAME_UPPER' || auto === 'SAME_LOWER') {
    pads = new Array(2 * n).fill(0);
    for (let i = 0; i < n; i++) {
      const out = Math.ceil(sp[i] / s[i]);
      const total = Math.max(0, (out - 1) * s[i] + (k[i] - 1) * d[i] + 1 - sp[i]);
      const small = Math.floor(total / 2);
      pads[i] = auto === 'SAME_UPPER' ? small : total - small;
      pads[i + n] = total - pads[i];
    }
  } else if (auto !== 'NOTSET') fail(c, `auto_pad '${auto}' is not an ONNX value`);
  return { k, s, d, pads };
}

/** Rank-3 (1-D spatial) inputs run as 2-D with a height of 1. */
function as2d(x: Tensor): Tensor { return x.rank === 3 ? expandDims(x, 2) : x; }
function w2d(w: Window): Window {
  if (w.k.length === 2) return w;
  return { k: [1, w.k[0]], s: [1, w.s[0]], d: [1, w.d[0]], pads: [0, w.pads[0], 0, w.pads[1]] };
}

/** The NCHW shape of a channels-last tensor. */
const nchwShape = (s: number[]): number[] => [s[0], s[3], s[1], s[2]];
/** NCHW → NHWC: a reshape when one channel or one pixel (the same order in memory), else a transpose. */
export function toNHWC(x: Tensor): Tensor {
  const [N, C, H, W] = x.shape;
  return C === 1 || H * W === 1 ? reshape(x, [N, H, W, C]) : transpose(x, [0, 2, 3, 1]);
}
/** NHWC → NCHW, likewise. */
export function toNCHW(x: Tensor): Tensor {
  const [N, H, W, C] = x.shape;
  return C === 1 || H * W === 1 ? reshape(x, [N, C, H, W]) : transpose(x, [0, 3, 1, 2]);
}
/** Where an NCHW axis sits in a channels-last tensor. */
const PHYSICAL = [0, 3, 1, 2];

/** Conv, and on a fused step the BatchNormalization taken in after its activation (Ctx.lean.bn). */
function conv(c: Ctx, ins: (Value | undefined)[]): Tensor {
  return bnAfter(c, convNode(c, ins), ins.slice(3));
}

function convNode(c: Ctx, [x0, w0, b0, ...bn]: (Value | undefined)[]): Tensor {
  const cl = c.nhwc(x0);
  const x = c.t(x0, 'X'), W0 = c.t(w0, 'W');
  const xs = cl ? nchwShape(x.shape) : x.shape;
  if ((x.rank !== 4 && x.rank !== 3) || W0.rank !== x.rank) fail(c, `Conv supports 1-D and 2-D inputs: X [${xs}], W [${W0.shape}]`);
  const group = int(c, 'group', 1), C = xs[1], M = W0.shape[0];
  if (C !== W0.shape[1] * group || M % group !== 0) fail(c, `X has ${C} channels, W [${W0.shape}] with group ${group} expects ${W0.shape[1] * group}`);
  const win = w2d(windowOf(c, xs.slice(2), W0.shape.slice(2)));
  // a fused step's BatchNormalization of the product: folded into W and the bias (every path below then runs as is)
  const fold = c.lean?.bn?.fold ? foldBN(c, W0, b0 === undefined ? null : c.t(b0, 'B'), bn, c.lean!.bn!.eps, 0) : null;
  const W = fold ? fold[0] : W0;
  if (fold) b0 = fold[1];
  const bias = () => c.t(b0, 'B');
  if (group === 1 && win.k[0] === 1 && win.k[1] === 1 && win.s[0] === 1 && win.s[1] === 1 && win.pads.every((p) => p === 0)) {
    if (cl) {
      // pointwise on channels-last: x[N·H·W, C] · W[M, C]ᵀ
      const [N, H, Wd] = x.shape;
      // W as [C, M], cached (matMul with transposeB is slower on small matrices)
      const Wt = c.derive('pointwise', [W], () => transpose(reshape(W, [M, C]), [1, 0]));
      if (c.lean) return c.mark(linearAct(x, Wt, b0 === undefined ? null : bias(), null, null, c.lean.act, packed(c, c.fixed(w0), Wt, [W]))); // the same product
      let y = matMul(reshape(x, [N * H * Wd, C]), Wt);
      if (b0 !== undefined) y = add(y, bias());
      return c.mark(reshape(y, [N, H, Wd, M]));
    }
    // pointwise (1×1, stride 1, no pads; most of a MobileNet's work): W[M, C] · x[n][C, H·W] for each n, in NCHW as
    // it is — no transposes
    const x4 = as2d(x), [N, , H, Wd] = x4.shape;
    let y = matMul(reshape(as2d(W), [M, C]), reshape(x4, [N, C, H * Wd]));
    if (b0 !== undefined) y = add(y, reshape(bias(), [M, 1]));
    return activate(c, reshape(y, x.rank === 3 ? [N, M, Wd] : [N, M, H, Wd]));
  }
  // ascent's convolutions are NHWC: the result stays channels-last (2-D) for the next layout-aware node
  const xh = cl ? x : toNHWC(as2d(x));
  const padding = [[0, 0], [win.pads[0], win.pads[2]], [win.pads[1], win.pads[3]], [0, 0]];
  const strides = win.s as [number, number], dil = win.d as [number, number];
  let y: Tensor;
  if (group === 1 || (group === C && W.shape[1] === 1)) {
    const depthwise = group !== 1;
    // the filter as [kh, kw, C, M] (depthwise: output channel c·mult + m uses input channel c, as ascent's depthwise
    // filter [kh, kw, C, mult]), cached while the weight is unchanged and no tape records
    const f = depthwise
      ? c.derive('filter', [W], () => { const W4 = as2d(W); return transpose(reshape(W4, [C, M / C, W4.shape[2], W4.shape[3]]), [2, 3, 0, 1]); })
      : c.derive('filter', [W], () => transpose(as2d(W), [2, 3, 1, 0]));
    if (c.lean && x.rank === 4) {
      // fused step: the convolution (the same kernel conv2d / depthwiseConv2d run), bias and activation in one op
      const settings = { depthwise, separable: false, strides, padding, dilations: dil };
      return c.mark(linearAct(xh, f, b0 === undefined ? null : bias(), null, settings, c.lean.act, depthwise ? 0 : packed(c, c.fixed(w0), f, [W])));
    }
    y = depthwise ? depthwiseConv2d(xh, f, strides, padding, 'NHWC', dil) : conv2d(xh, f, strides, padding, 'NHWC', dil);
  } else {
    const xg = split(xh, group, 3), ws = split(as2d(W), group, 0);
    y = concat(xg.map((g, k) => conv2d(g, transpose(ws[k], [2, 3, 1, 0]), strides, padding, 'NHWC', dil)), 3);
  }
  if (b0 !== undefined) y = add(y, bias());
  y = activate(c, y);
  if (x.rank === 4) return c.mark(y);
  const out = transpose(y, [0, 3, 1, 2]);
  return reshape(out, [out.shape[0], out.shape[1], out.shape[3]]);
}

/**
 * ConvTranspose (2-D, group 1, no dilation): ascent's conv2dTranspose (the gradient of a 'valid' conv2d) onto the
 * full output s·(H−1) + k + output_padding, then the pads cropped off (ONNX's output size formula).
 */
function convTranspose(c: Ctx, [x0, w0, b0]: (Value | undefined)[]): Tensor {
  const cl = c.nhwc(x0), xp = c.t(x0, 'X');
  const x = cl ? { shape: nchwShape(xp.shape), rank: 4 } : xp, W = c.t(w0, 'W');
  if (x.rank !== 4 || W.rank !== 4) fail(c, `ConvTranspose supports 2-D inputs: X [${x.shape}], W [${W.shape}]`);
  if (int(c, 'group', 1) !== 1) fail(c, 'ConvTranspose with group > 1 is not supported');
  if ((ints(c, 'dilations') ?? [1, 1]).some((d) => d !== 1)) fail(c, 'ConvTranspose with dilations is not supported');
  if (c.attr('output_shape')) fail(c, 'ConvTranspose with output_shape is not supported (give pads)');
  const auto = str(c, 'auto_pad', 'NOTSET');
  if (auto !== 'NOTSET' && auto !== 'VALID') fail(c, `ConvTranspose auto_pad '${auto}' is not supported`);
  const [N, C, H, Wd] = x.shape, [Cw, M, kh, kw] = W.shape;
  if (C !== Cw) fail(c, `X has ${C} channels, W [${W.shape}] expects ${Cw}`);
  const [sh, sw] = ints(c, 'strides') ?? [1, 1];
  const [opH, opW] = ints(c, 'output_padding') ?? [0, 0];
  const [pt, pl, pb, pr] = auto === 'VALID' ? [0, 0, 0, 0] : ints(c, 'pads') ?? [0, 0, 0, 0];
  const FH = sh * (H - 1) + kh + opH, FW = sw * (Wd - 1) + kw + opW;
  if (opH >= sh || opW >= sw || [pt, pl, pb, pr].some((p) => p < 0) || pt + pb >= FH || pl + pr >= FW) {
    fail(c, `output_padding [${opH},${opW}] / pads [${pt},${pl},${pb},${pr}] do not fit strides [${sh},${sw}] and the output ${FH}×${FW}`);
  }
  let y = conv2dTranspose(cl ? xp : toNHWC(xp), c.derive('filter', [W], () => transpose(W, [2, 3, 1, 0])), [N, FH, FW, M], [sh, sw], 'valid');
  if (pt + pb + pl + pr > 0) y = slice(y, [0, pt, pl, 0], [N, FH - pt - pb, FW - pl - pr, M]);
  if (b0 !== undefined) y = add(y, c.t(b0, 'B'));
  return c.mark(y);
}

/**
 * Resize of 4-D NCHW images over H and W, in the modes PyTorch's exporters write: nearest with 'asymmetric' +
 * 'floor' (nn.Upsample nearest), linear with 'half_pixel' / 'pytorch_half_pixel', 'align_corners' or
 * 'asymmetric' — ascent's resizeNearestNeighbor / resizeBilinear (TF's conventions) are exactly these. Output
 * sizes from `sizes`, or from `scales` when they give whole sizes.
 */
function resize(c: Ctx, [x0, , scales, sizes]: (Value | undefined)[]): Tensor {
  const cl = c.nhwc(x0), xp = c.t(x0, 'X');
  const x = cl ? { shape: nchwShape(xp.shape), rank: 4 } : xp;
  if (x.rank !== 4) fail(c, `Resize supports 4-D NCHW inputs, got X [${x.shape}]`);
  const [N, C, H, Wd] = x.shape;
  const mode = str(c, 'mode', 'nearest'), ctm = str(c, 'coordinate_transformation_mode', 'half_pixel');
  if (int(c, 'antialias', 0) !== 0 || c.attr('axes') || str(c, 'keep_aspect_ratio_policy', 'stretch') !== 'stretch') {
    fail(c, 'Resize with antialias, axes or keep_aspect_ratio_policy is not supported');
  }
  const hasSizes = sizes !== undefined && shapeOf(sizes).reduce((p, d) => p * d, 1) > 0;
  let OH: number, OW: number;
  if (hasSizes) {
    const sz = numbers(sizes, c, 'sizes');
    if (sz.length !== 4 || sz[0] !== N || sz[1] !== C) fail(c, `sizes [${sz}] must keep batch and channels of [${x.shape}]`);
    [OH, OW] = [sz[2], sz[3]];
  } else {
    const sc = numbers(scales, c, 'scales');
    if (sc.length !== 4 || sc[0] !== 1 || sc[1] !== 1) fail(c, `scales [${sc}] must be 1 for batch and channels`);
    [OH, OW] = [Math.floor(H * sc[2]), Math.floor(Wd * sc[3])];
    // ONNX maps coordinates with the given scale, ascent with OH/H: the same only when the sizes come out whole
    if (OH !== H * sc[2] || OW !== Wd * sc[3]) fail(c, `scales [${sc}] give fractional sizes from [${x.shape}]; not supported (use sizes)`);
  }
  checkDims([N, C, OH, OW], `Resize '${c.name}'`);
  const xh = cl ? xp : toNHWC(xp);
  let y: Tensor;
  if (mode === 'nearest') {
    const nm = str(c, 'nearest_mode', 'round_prefer_floor');
    if (ctm !== 'asymmetric' || nm !== 'floor') fail(c, `nearest Resize with coordinate_transformation_mode '${ctm}' and nearest_mode '${nm}' is not supported (asymmetric + floor is)`);
    y = resizeNearestNeighbor(xh, [OH, OW], false, false);
  } else if (mode === 'linear') {
    // pytorch_half_pixel differs from half_pixel only for an output size of 1
    if (ctm === 'half_pixel' || (ctm === 'pytorch_half_pixel' && OH > 1 && OW > 1)) y = resizeBilinear(xh, [OH, OW], false, true);
    else if (ctm === 'align_corners') y = resizeBilinear(xh, [OH, OW], true, false);
    else if (ctm === 'asymmetric') y = resizeBilinear(xh, [OH, OW], false, false);
    else return fail(c, `linear Resize with coordinate_transformation_mode '${ctm}' is not supported`);
  } else return fail(c, `Resize mode '${mode}' is not supported (nearest, linear)`);
  return c.mark(y);
}

function pool(kind: 'max' | 'avg'): Impl {
  return (c, [x0]) => {
    const cl = c.nhwc(x0);
    const x = c.t(x0, 'X'), xs = cl ? nchwShape(x.shape) : x.shape;
    if (x.rank !== 4 && x.rank !== 3) fail(c, `${c.opType} supports 1-D and 2-D inputs, got X [${xs}]`);
    if (c.numOutputs > 1) fail(c, 'the Indices output of MaxPool is not supported');
    const win = w2d(windowOf(c, xs.slice(2), undefined));
    if (win.d.some((v) => v !== 1)) fail(c, `dilations [${win.d}] are not supported in pooling`);
    const x4 = cl ? x : as2d(x), H = cl ? x.shape[1] : x4.shape[2], Wd = cl ? x.shape[2] : x4.shape[3];
    const [kh, kw] = win.k, [sh, sw] = win.s;
    const [pt, pl, pb, pr] = win.pads;
    // output size (ONNX / PyTorch): floor, or ceil where the last window must still start inside the input
    const outDim = (n: number, k: number, s: number, p0: number, p1: number) => {
      let o = Math.floor((n + p0 + p1 - k) / s) + 1;
      if (int(c, 'ceil_mode', 0) === 1) {
        o = Math.ceil((n + p0 + p1 - k) / s) + 1;
        if ((o - 1) * s >= n + p0) o--;
      }
      if (o < 1) fail(c, `the window ${k} with pads ${p0},${p1} does not fit an input of ${n}`);
      return o;
    };
    const OH = outDim(H, kh, sh, pt, pb), OW = outDim(Wd, kw, sw, pl, pr);
    const eb = Math.max(0, (OH - 1) * sh + kh - (H + pt + pb)), er = Math.max(0, (OW - 1) * sw + kw - (Wd + pl + pr));
    let xh = cl ? x4 : toNHWC(x4);
    const padded = pt + pb + pl + pr + eb + er > 0;
    const p = [[0, 0], [pt, pb + eb], [pl, pr + er], [0, 0]];
    const inc = kind === 'avg' && int(c, 'count_include_pad', 0) === 1;
    let y: Tensor;
    if (kind === 'max' || (padded && !inc)) {
      // the pads (and the ceil overhang) as the kernel's own padding: its windows skip the taps outside x, one op
      // instead of pad + pool (+ a divide). Max: the same bits as pooling x padded with −∞ (max is exact and
      // order-free). Average: each window's sum times 1/(taps inside x) — count_include_pad = 0's divisor, as ORT
      // computes it (pad + pool + divide by a pooled mask of ones rounded twice)
      y = (kind === 'max' ? maxPool : avgPool)(xh, [kh, kw], [sh, sw], padded ? p : 'valid');
    } else {
      // count_include_pad = 1: the explicit pads count (as zeros), the ceil overhang does not: pad with zeros, pool,
      // divide by the taps inside the input and the explicit pads (a window average over a mask of ones)
      if (padded) xh = pad(xh, p, 0);
      y = avgPool(xh, [kh, kw], [sh, sw], 'valid');
      if (padded) {
        const divisor = c.derive(`divisor ${H}×${Wd}`, [], () => {
          const m = pad(pad(ones([1, H, Wd, 1]), [[0, 0], [pt, pb], [pl, pr], [0, 0]], 1), [[0, 0], [0, eb], [0, er], [0, 0]], 0);
          return avgPool(m, [kh, kw], [sh, sw], 'valid');
        });
        y = div(y, divisor);
      }
    }
    if (x.rank === 4) return c.mark(y);
    const out = transpose(y, [0, 3, 1, 2]);
    return reshape(out, [out.shape[0], out.shape[1], out.shape[3]]);
  };
}

// ---- normalization ------------------------------------------------------------------------------------------
function batchNormalization(c: Ctx, [x0, s0, b0, m0, v0]: (Value | undefined)[]): Tensor {
  if (int(c, 'training_mode', 0) === 1 || c.numOutputs > 1) fail(c, 'BatchNormalization in training mode is not supported (export the model in eval mode)');
  return batchNorm(c, x0, [s0, b0, m0, v0], flt(c, 'epsilon', 1e-5), c.lean ? c.lean.act : undefined);
}

/**
 * BatchNormalization's inference form on x0: y = x·a + (B − mean·a), a = scale / √(var + ε), a and the shift cached
 * while the statistics are unchanged. `act`: a fused step's activation (applied in place; null: none); undefined:
 * the plain node (its own ops).
 */
function batchNorm(c: Ctx, x0: Value | undefined, [s0, b0, m0, v0]: (Value | undefined)[], eps: number, act: InPlaceActivation | null | undefined): Tensor {
  const cl = c.nhwc(x0);
  const x = c.t(x0, 'X'), xs = cl ? nchwShape(x.shape) : x.shape;
  if (x.rank < 2) fail(c, `X must have rank ≥ 2, got [${xs}]`);
  const C = xs[1];
  const scale = bnParam(c, s0, 'scale', C), B = bnParam(c, b0, 'B', C), mu = bnParam(c, m0, 'input_mean', C), v = bnParam(c, v0, 'input_var', C);
  const stat = cl ? [C] : [C, ...new Array(x.rank - 2).fill(1)];
  const a = c.derive(`a ${stat}`, [scale, v], () => reshape(bnFactor(scale, v, C, eps), stat));
  const shift = c.derive(`shift ${stat}`, [scale, v, mu, B], () => reshape(sub(reshape(B, [C]), mul(reshape(mu, [C]), bnFactor(scale, v, C, eps))), stat));
  // fused step, the statistics over the last axis: x·a + shift and the activation in one op (the same kernels)
  if (act !== undefined && stat.length === 1 && x.dtype === 'float32') { const z = scaleShiftAct(x, a, shift, act); return cl ? c.mark(z) : z; }
  let y = add(mul(x, a), shift);
  if (act) y = ACTS[act](y);
  return cl ? c.mark(y) : y;
}
/** A BatchNormalization statistic or weight: C values. */
function bnParam(c: Ctx, v: Value | undefined, what: string, C: number): Tensor {
  const t = c.t(v, what);
  if (t.size !== C) fail(c, `${what} has shape [${t.shape}], X has ${C} channels`);
  return t;
}
/** a = scale / √(var + ε) as [C]. */
const bnFactor = (scale: Tensor, v: Tensor, C: number, eps: number): Tensor => mul(reshape(scale, [C]), reciprocal(sqrt(add(reshape(v, [C]), eps))));

/**
 * A fused step's BatchNormalization folded into the weight w (output channels on `axis`: a Conv's W [M, …] axis 0,
 * a Gemm's B [K, N] axis 1 or Bᵀ [N, K] axis 0) and the bias b (null: none): w·a and (b − mean)·a + B, cached while
 * the sources are unchanged.
 */
function foldBN(c: Ctx, w: Tensor, b: Tensor | null, [s0, b0, m0, v0]: (Value | undefined)[], eps: number, axis: number): [Tensor, Tensor] {
  const M = w.shape[axis];
  const scale = bnParam(c, s0, 'scale', M), B = bnParam(c, b0, 'B', M), mu = bnParam(c, m0, 'input_mean', M), v = bnParam(c, v0, 'input_var', M);
  const shape = w.shape.map((d, i) => (i === axis ? M : 1));
  const wf = c.derive('folded W', [w, scale, v], () => mul(w, reshape(bnFactor(scale, v, M, eps), shape)));
  const bf = c.derive('folded bias', b === null ? [scale, v, mu, B] : [b, scale, v, mu, B], () => {
    const d = b === null ? neg(reshape(mu, [M])) : sub(reshape(b, [M]), reshape(mu, [M]));
    return add(mul(d, bnFactor(scale, v, M, eps)), reshape(B, [M]));
  });
  return [wf, bf];
}
/** A fused step's BatchNormalization that read its activation's output (not folded), applied to the step's result. */
function bnAfter(c: Ctx, y: Tensor, params: (Value | undefined)[]): Tensor {
  const bn = c.lean?.bn;
  return bn && !bn.fold ? batchNorm(c, y, params, bn.eps, bn.act) : y;
}

/** A float32 scalar tensor holding v (as a JS number operand of an op becomes). */
function f32Scalar(v: number): Tensor {
  const t = new Tensor([], 'float32');
  H().f32[t.ptr >>> 2] = v;
  return t;
}

/**
 * LayerNormalization's forward (one output) in one op: the kernels layerNormalization's ops run, in the same
 * order on the same operands — bit-identical, without an op frame, argument checks and a Tensor per step. For the
 * executor's lean steps (no gradient: no tape records).
 */
const layerNormLean = op('onnxLayerNormalization', {
  inputs: [{ name: 'X', dtypes: ['float32'] }, { name: 'Scale', dtypes: ['float32'] }, { name: 'B', dtypes: ['float32'], optional: true }],
  grad: null,
  forward: (x: Tensor, scale: Tensor, b: Tensor | null, axes: number[], eps: number): Tensor => {
    // Scale and B over exactly the normalized (trailing, contiguous) axes: one kernel (f32_layer_norm) runs the
    // same float32 operations in the same order as the sequence below, the sums in f32_reduce's row order.
    const n = axes.reduce((p, a) => p * x.shape[a], 1);
    const fits = (t: Tensor) => t.size === n && t.rank <= x.rank && t.shape.every((d, i) => d === x.shape[x.rank - t.rank + i]);
    if (n > 0 && fits(scale) && (b === null || fits(b))) {
      const y = new Tensor(x.shape.slice(), 'float32');
      if (y.size > 0) K().f32_layer_norm(x.ptr, y.ptr, x.size / n, n, scale.ptr, b === null ? 0 : b.ptr, eps);
      return y;
    }
    return layerNormSteps(x, scale, b, axes, eps);
  },
});

/**
 * The exact GELU subgraph PyTorch exports — Div(x, k0) → Erf → Add(·, k1), then Mul(x, ·) [→ Mul(·, k2)] or
 * Mul(·, k2) → Mul(x, ·) — as one op. With the exact GELU's constants (√2, 1, ½) it is tf.gelu's one-pass vector
 * kernel (not the graph's bits: the last bits differ, as onnxruntime's Gelu fusion does); with other constants the
 * same elementwise float32 operations on the same operands in the same order (a + b = b + a and a·b = b·a
 * exactly), in place on one fresh result — bit-identical, one op frame and tensor instead of five. The executor's
 * lean steps only (no gradient).
 */
const geluChain = op('onnxGelu', {
  inputs: [{ name: 'X', dtypes: ['float32'] }],
  grad: null,
  forward: (x: Tensor, g: GeluChain): Tensor => {
    const d = new Tensor(x.shape.slice(), 'float32');
    if (d.size === 0) return d;
    if (isExactGelu(g)) {
      // x·½·(1 + erf(x/√2)) itself: tf.gelu's vector kernel (one pass, within 1.5 ulp of float64 for x ≥ 0, where
      // the five float32 operations are ~2 ulp), as onnxruntime fuses this subgraph into its Gelu kernel
      K().f32_act__wasmsimd(Act.gelu, x.ptr, d.ptr, d.size, 0);
      return d;
    }
    scalarOp(Binary.div, x, g.k[0], d);
    const y = unaryRaw('erf', d); // (d and the scalars are freed with the op's frame)
    scalarOp(Binary.add, y, g.k[1], y);
    if (g.scaleFirst) scalarOp(Binary.mul, y, g.k[2], y);
    rowsOp(Binary.mul, y, x, y); // (b = x: one row of all the elements)
    if (g.scaled && !g.scaleFirst) scalarOp(Binary.mul, y, g.k[2], y);
    return y;
  },
});

/** Whether a GELU subgraph's constants are the exact GELU's: Div by √2 (float32), Add 1, Mul ½. */
function isExactGelu(g: GeluChain): boolean {
  return g.scaled && g.k[0] === Math.fround(Math.SQRT2) && g.k[1] === 1 && g.k[2] === 0.5;
}

/** out = a op k (k a float32 scalar; out may be a): the binary kernel over a as one row, k's stride 0. */
function scalarOp(code: number, a: Tensor, k: number, out: Tensor): void {
  const b = f32Scalar(k), p = scratch.ptr(), v = H().i32, o = p >>> 2;
  v[o] = a.size; v[o + 1] = 1; v[o + 2] = 0; // dims: shape [n], a's stride 1, b's 0
  K().f32_binary__wasmsimd(code, a.ptr, b.ptr, out.ptr, 1, p);
}

/** A lean step's GELU subgraph (Ctx.lean.gelu) on x0: geluChain, or for other dtypes the nodes' ops. */
function gelu5(c: Ctx, x0: Value | undefined, g: GeluChain): Tensor {
  const x = c.t(x0, 'A');
  let y: Tensor;
  if (x.dtype === 'float32') y = geluChain(x, g);
  else {
    y = add(erf(divide(x, fill([], g.k[0], x.dtype))), g.k[1]);
    if (g.scaleFirst) y = mul(y, g.k[2]);
    y = mul(x, y);
    if (g.scaled && !g.scaleFirst) y = mul(y, g.k[2]);
  }
  return c.nhwc(x0) ? c.mark(y) : y;
}

/** layerNormLean's operations as separate kernel calls (any broadcastable Scale and B). */
function layerNormSteps(x: Tensor, scale: Tensor, b: Tensor | null, axes: number[], eps: number): Tensor {
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const k = (code: number, p: Tensor, q: Tensor) => broadcastKernel('onnxLayerNormalization', code, p, q, false);
  const n = f32Scalar(axes.reduce((p, a) => p * x.shape[a], 1));
  const meanOf = (t: Tensor) => k(Binary.div, reduceRaw('sum', t, axes, Reduce.sum, false).view(kept), n);
  const d = k(Binary.sub, x, meanOf(x));
  const inv = unaryRaw('reciprocal', unaryRaw('sqrt', k(Binary.add, meanOf(k(Binary.mul, d, d)), f32Scalar(eps))));
  const y = k(Binary.mul, k(Binary.mul, d, inv), scale);
  return b === null ? y : k(Binary.add, y, b);
}

function layerNormalization(c: Ctx, [x0, s0, b0]: (Value | undefined)[]): Value[] {
  const x = c.t(x0, 'X');
  const axis = normAxis(c, int(c, 'axis', -1), x.rank), eps = flt(c, 'epsilon', 1e-5);
  const axes = Array.from({ length: x.rank - axis }, (_, i) => axis + i);
  if (c.lean && c.numOutputs === 1 && x.dtype === 'float32') {
    const s = c.t(s0, 'Scale'), b = b0 === undefined ? null : c.t(b0, 'B');
    if (s.dtype === 'float32' && (b === null || b.dtype === 'float32')) return [layerNormLean(x, s, b, axes, eps)];
  }
  const mu = mean(x, axes, true), d = sub(x, mu);
  const inv = reciprocal(sqrt(add(mean(mul(d, d), axes, true), eps)));
  let y = mul(mul(d, inv), c.t(s0, 'Scale'));
  if (b0 !== undefined) y = add(y, c.t(b0, 'B'));
  return [y, mu, inv];
}

// ---- reductions ---------------------------------------------------------------------------------------------
function reduce(f: (x: Tensor, axes: number[], keep: boolean) => Tensor, inputSince: number): Impl {
  return (c, inputs) => {
    const x = c.t(inputs[0], 'data');
    const keep = int(c, 'keepdims', 1) === 1;
    let axes = c.opset >= inputSince ? (inputs[1] !== undefined ? numbers(inputs[1], c, 'axes') : undefined) : ints(c, 'axes');
    if (axes === undefined || axes.length === 0) {
      if (int(c, 'noop_with_empty_axes', 0) === 1) return x;
      axes = Array.from({ length: x.rank }, (_, i) => i);
    }
    const ax = axes.map((a) => normAxis(c, a, x.rank));
    if (c.nhwc(inputs[0])) {
      // channels-last: kept dims stay channels-last; dropped ones leave the NCHW order when C or both H and W go
      const pa = ax.map((a) => PHYSICAL[a]);
      if (keep) return c.mark(f(x, pa, true));
      if (ax.includes(1) || (ax.includes(2) && ax.includes(3))) return f(x, pa, false);
      return f(c.t(c.nchw(inputs[0])), ax, false);
    }
    return f(x, ax, keep);
  };
}

// ---- shapes -------------------------------------------------------------------------------------------------
function reshapeOp(c: Ctx, [x0, s0]: (Value | undefined)[]): Value {
  const x = c.t(x0, 'data', true);
  const want = numbers(s0, c, 'shape');
  const allowZero = int(c, 'allowzero', 0) === 1;
  const shape = want.map((d, i) => (d === 0 && !allowZero ? (i < x.rank ? x.shape[i] : fail(c, `shape [${want}] copies dim ${i} of [${x.shape}]`)) : d));
  if (shape.filter((d) => d === -1).length > 1 || shape.some((d) => d < -1)) fail(c, `invalid shape [${want}]`);
  const known = shape.reduce((p, d) => (d === -1 ? p : p * d), 1);
  const full = shape.map((d) => (d === -1 ? (known === 0 ? 0 : x.size / known) : d));
  if (!full.every(Number.isInteger) || full.reduce((p, d) => p * d, 1) !== x.size) fail(c, `cannot reshape [${x.shape}] (${x.size} elements) to [${want}]`);
  return reshaped(x, full, c);
}

function transposeOp(c: Ctx, [x]: (Value | undefined)[]): Tensor {
  const t = c.t(x, 'data', true), perm = ints(c, 'perm') ?? t.shape.map((_, i) => t.rank - 1 - i);
  if (perm.length === t.rank && perm.every((a) => Number.isInteger(a) && a >= 0 && a < t.rank) && new Set(perm).size === t.rank) {
    // moving only axes of size 1 keeps the memory order: a reshape (a view, no copy; its gradient is the same too)
    let last = -1, view = true;
    for (const a of perm) { if (t.shape[a] === 1) continue; if (a < last) { view = false; break; } last = a; }
    if (view) return reshaped(t, perm.map((a) => t.shape[a]), c);
    // while no tape records: the same memory read with the strides permuted (a MatMul reads it in place); below
    // VIEWS.min elements the view's bookkeeping costs more than the copy it may save
    if (t.size >= VIEWS.min || c.viewOf(t) !== undefined) {
      const v = viewIn(c, t);
      const y = c.strided(t, perm.map((a) => t.shape[a]), { dims: perm.map((a) => v.dims[a]), offset: v.offset });
      if (y !== null) return y;
    }
  }
  return transpose(c.t(t), perm);
}

function unsqueeze(c: Ctx, inputs: (Value | undefined)[]): Tensor {
  const x = c.t(inputs[0], 'data', true);
  const axes = axesOf(c, inputs, 1) ?? fail(c, 'axes are required');
  const r = x.rank + axes.length, ax = axes.map((a) => normAxis(c, a, r)).sort((a, b) => a - b);
  const shape = x.shape.slice();
  for (const a of ax) shape.splice(a, 0, 1);
  return reshaped(x, shape, c);
}

function squeeze(c: Ctx, inputs: (Value | undefined)[]): Tensor {
  const x = c.t(inputs[0], 'data', true);
  const axes = axesOf(c, inputs, 1);
  const drop = new Set(axes ? axes.map((a) => normAxis(c, a, x.rank)) : x.shape.flatMap((d, i) => (d === 1 ? [i] : [])));
  for (const a of drop) if (x.shape[a] !== 1) fail(c, `cannot squeeze axis ${a} of [${x.shape}]`);
  return reshaped(x, x.shape.filter((_, i) => !drop.has(i)), c);
}

/** Global pools: channels-last [N, H, W, C] → [N, 1, 1, C], which is [N, C, 1, 1] by a reshape. */
function globalPool(f: (x: Tensor, axes: number[], keep: boolean) => Tensor): Impl {
  return (c, [x]) => {
    const t = c.t(x, 'X');
    if (c.nhwc(x)) return reshape(f(t, [1, 2], false), [t.shape[0], t.shape[3], 1, 1]);
    return f(t, t.shape.slice(2).map((_, i) => i + 2), true);
  };
}

function flatten(c: Ctx, [x0]: (Value | undefined)[]): Tensor {
  if (c.nhwc(x0)) {
    const t = x0 as Tensor;
    // [N, 1, 1, C] is [N, C, 1, 1] in memory
    if (t.shape[1] === 1 && t.shape[2] === 1 && (int(c, 'axis', 1) === 1 || int(c, 'axis', 1) === -3)) return reshaped(t, [t.shape[0], t.shape[3]]);
    x0 = c.nchw(x0);
  }
  const x = c.t(x0, 'input', true);
  const a = int(c, 'axis', 1), axis = a < 0 ? a + x.rank : a;
  if (axis < 0 || axis > x.rank) fail(c, `axis ${a} is out of range for rank ${x.rank}`);
  const outer = x.shape.slice(0, axis).reduce((p, d) => p * d, 1);
  return reshaped(x, [outer, outer === 0 ? 0 : x.size / outer], c);
}

function sliceOp(c: Ctx, inputs: (Value | undefined)[]): Tensor {
  const x = c.t(inputs[0], 'data');
  const starts = c.opset >= 10 ? numbers(inputs[1], c, 'starts') : ints(c, 'starts') ?? [];
  const ends = c.opset >= 10 ? numbers(inputs[2], c, 'ends') : ints(c, 'ends') ?? [];
  const axes = (c.opset >= 10 ? (inputs[3] !== undefined ? numbers(inputs[3], c, 'axes') : undefined) : ints(c, 'axes'))
    ?? starts.map((_, i) => i);
  const steps = c.opset >= 10 && inputs[4] !== undefined ? numbers(inputs[4], c, 'steps') : axes.map(() => 1);
  if (ends.length !== starts.length || axes.length !== starts.length || steps.length !== starts.length) fail(c, 'starts, ends, axes and steps differ in length');
  const begin = x.shape.map(() => 0), end = x.shape.slice(), stride = x.shape.map(() => 1);
  let endMask = 0;
  axes.forEach((a0, i) => {
    const a = normAxis(c, a0, x.rank), dim = x.shape[a], st = steps[i];
    if (st === 0 || !Number.isInteger(st)) fail(c, `step ${st} on axis ${a}`);
    let b = starts[i] < 0 ? starts[i] + dim : starts[i], e = ends[i] < 0 ? ends[i] + dim : ends[i];
    if (st > 0) { b = Math.min(Math.max(b, 0), dim); e = Math.min(Math.max(e, 0), dim); }
    else { b = Math.min(Math.max(b, -1), dim - 1); e = Math.min(Math.max(e, -1), dim - 1); }
    begin[a] = b; end[a] = e; stride[a] = st;
    if (st < 0 && e === -1) endMask |= 1 << a; // "before index 0": stridedSlice would read -1 as the last index
  });
  if (stride.every((s) => s === 1)) return slice(x, begin, end.map((e, i) => Math.max(0, e - begin[i])));
  return stridedSlice(x, begin, end, stride, 0, endMask);
}

function gatherOp(c: Ctx, [x0, i0]: (Value | undefined)[]): Tensor {
  let x = c.t(x0, 'data', true);
  const axis = normAxis(c, int(c, 'axis', 0), x.rank), dim = x.shape[axis];
  let idx: Tensor;
  if (isConst(i0)) {
    const v = numbers(i0, c, 'indices').map((k) => (k < 0 ? k + dim : k));
    if (v.some((k) => k < 0 || k >= dim || !Number.isInteger(k))) fail(c, `indices out of range for axis ${axis} of [${x.shape}]`);
    if (i0!.shape.length === 0) {
      // one constant index (attention's q / k / v) of a view: the view of that slice (its strides less the axis)
      const s = c.viewOf(x), shape = x.shape.filter((_, i) => i !== axis);
      let off = s?.offset ?? 0;
      // the index's digits over the axis's sub-axes (inner first)
      if (s !== undefined) for (let g = s.dims[axis], k = g.length - 1, rem = v[0]; k >= 0; k--) { off += (rem % g[k][0]) * g[k][1]; rem = Math.floor(rem / g[k][0]); }
      const y = s === undefined ? null : c.strided(x, shape, { dims: s.dims.filter((_, i) => i !== axis), offset: off });
      if (y !== null) return y;
      x = c.t(x);
      // else the slice of x at it, without the axis — a copy of the same elements as gather's, one op instead of four
      const begin = x.shape.map((_, i) => (i === axis ? v[0] : 0)), size = x.shape.map((d, i) => (i === axis ? 1 : d));
      return reshaped(slice(x, begin, size), x.shape.filter((_, i) => i !== axis));
    }
    idx = tensor(Int32Array.from(v), i0!.shape, 'int32');
  } else {
    const t = c.t(i0, 'indices');
    idx = t.dtype === 'int32' ? t : cast(t, 'int32');
    idx = where(less(idx, 0), add(idx, dim), idx);
  }
  x = c.t(x);
  if (idx.rank === 0) {
    const y = gather(x, reshape(idx, [1]), axis);
    return reshape(y, x.shape.filter((_, i) => i !== axis));
  }
  return gather(x, idx, axis);
}

/**
 * GatherElements (torch.gather): out[i…] = data[i… with `axis` replaced by indices[i…]], as a gatherND over full
 * coordinates (the other axes' coordinates are iotas of the indices' shape).
 */
function gatherElements(c: Ctx, [x0, i0]: (Value | undefined)[]): Tensor {
  const x = c.t(x0, 'data');
  const axis = normAxis(c, int(c, 'axis', 0), x.rank);
  let idx = c.t(i0, 'indices');
  if (idx.rank !== x.rank) fail(c, `indices [${idx.shape}] must have the rank of data [${x.shape}]`);
  if (idx.shape.some((d, i) => i !== axis && d > x.shape[i])) fail(c, `indices [${idx.shape}] exceed data [${x.shape}] off axis ${axis}`);
  if (idx.dtype !== 'int32') idx = cast(idx, 'int32');
  idx = where(less(idx, 0), add(idx, x.shape[axis]), idx);
  const n = idx.size, shape = idx.shape;
  const coords = shape.map((_, d) => {
    if (d === axis) return idx;
    const stride = shape.slice(d + 1).reduce((p, v) => p * v, 1);
    return tensor(Int32Array.from({ length: n }, (_, k) => Math.floor(k / stride) % shape[d]), shape, 'int32');
  });
  return gatherND(x, stack(coords, x.rank));
}

// ---- recurrent: LSTM, GRU (ascent's fused sequence ops) and RNN ---------------------------------------------
// PyTorch's nn.LSTM / nn.GRU / nn.RNN export (one node per layer, forward or bidirectional), and ascent's toOnnx.
// ONNX holds W [D, G·H, I], R [D, G·H, H], B [D, 2·G·H] (input then recurrent biases) per direction; the fused
// kernels take the input projection x·Wᵀ + b of all steps, R transposed [H, G·H], and the gates in Keras's order:
// LSTM i,f,c,o (ONNX i,o,f,c), GRU z,r,h (ONNX's too). GRU linear_before_reset=1 (PyTorch) is the kernels'
// resetAfter with R's bias as their recurrent bias; 0 adds both biases to the projection, the kernels'
// reset-before form. RNN (no fused kernel) is one matMul + add + activation per step. The reordered, transposed
// weights are derived once per weight version (c.derive). The fused kernels take gates Sigmoid or HardSigmoid(0.2,
// 0.5) and Tanh elsewhere; other combinations of Tanh, Relu, Sigmoid, HardSigmoid (toOnnx writes GRU(relu) …) run
// step by step from the same ops. Refused by name: other activations, clip, input_forget, peepholes, sequence_lens
// that differ from the sequence length.
type RnnKind = 'LSTM' | 'GRU' | 'RNN';
const RNN_ACTS: Record<string, (x: Tensor, alpha: number, beta: number) => Tensor> = {
  Tanh: (x) => tanh(x), Relu: (x) => relu(x), Sigmoid: (x) => sigmoid(x),
  HardSigmoid: (x, a, b) => clipByValue(add(mul(x, a), b), 0, 1),
};
const TAKES_ALPHA = new Set(['HardSigmoid']); // of the activations above: alphas and betas are consumed in order by these

/** Per direction: the activations (name, alpha, beta), checked against what `kind` supports. */
function rnnActivations(c: Ctx, kind: RnnKind, D: number): { name: string; alpha: number; beta: number }[][] {
  const n = kind === 'LSTM' ? 3 : kind === 'GRU' ? 2 : 1;
  const dflt = kind === 'RNN' ? ['Tanh'] : kind === 'LSTM' ? ['Sigmoid', 'Tanh', 'Tanh'] : ['Sigmoid', 'Tanh'];
  const names = c.attr('activations')?.strings.map((b) => new TextDecoder().decode(b)) ?? Array.from({ length: D }, () => dflt).flat();
  if (names.length !== n * D) fail(c, `${names.length} activations [${names}] for ${D} direction(s); expected ${n * D}`);
  const alphas = c.attr('activation_alpha')?.floats ?? [], betas = c.attr('activation_beta')?.floats ?? [];
  let k = 0;
  const all = names.map((name) => {
    if (!(name in RNN_ACTS)) fail(c, `activation '${name}' is not supported (${Object.keys(RNN_ACTS).join(', ')})`);
    // HardSigmoid's defaults are 0.2 and 0.5
    const [alpha, beta] = TAKES_ALPHA.has(name) ? [alphas[k] ?? 0.2, betas[k++] ?? 0.5] : [1, 0];
    return { name, alpha, beta };
  });
  return Array.from({ length: D }, (_, d) => all.slice(d * n, d * n + n));
}
type Act = ReturnType<typeof rnnActivations>[number][number];
const applyAct = (a: Act, x: Tensor): Tensor => RNN_ACTS[a.name](x, a.alpha, a.beta);
/** The fused kernels' recurrent activation (0 sigmoid, 1 hard sigmoid 0.2/0.5) when a direction's activations fit them, else null. */
function fusedAct([f, ...gh]: Act[]): number | null {
  if (gh.some((a) => a.name !== 'Tanh')) return null;
  if (f.name === 'Sigmoid') return 0;
  return f.name === 'HardSigmoid' && Math.abs(f.alpha - 0.2) < 1e-6 && Math.abs(f.beta - 0.5) < 1e-6 ? 1 : null;
}

function recurrent(kind: RnnKind): Impl {
  const G = kind === 'LSTM' ? 4 : kind === 'GRU' ? 3 : 1;
  const order = kind === 'LSTM' ? [0, 2, 3, 1] : kind === 'GRU' ? [0, 1, 2] : [0];
  return (c, ins) => {
    const [x0, w0, r0, b0, lens, h00, c00, p0] = ins;
    const dirName = str(c, 'direction', 'forward');
    if (!['forward', 'reverse', 'bidirectional'].includes(dirName)) fail(c, `direction '${dirName}' is not one of forward, reverse, bidirectional`);
    const D = dirName === 'bidirectional' ? 2 : 1;
    const acts = rnnActivations(c, kind, D);
    if (c.attr('clip')) fail(c, 'the clip attribute is not supported');
    if (int(c, 'input_forget', 0) !== 0) fail(c, 'input_forget = 1 is not supported');
    if (kind === 'LSTM' && p0 !== undefined) fail(c, 'peephole weights (input P) are not supported');
    const layout = int(c, 'layout', 0), lbr = int(c, 'linear_before_reset', 0) === 1;
    const X = c.t(x0, 'X'), W = c.t(w0, 'W'), R = c.t(r0, 'R');
    if (X.rank !== 3 || X.dtype !== 'float32') fail(c, `X must be a float32 [seq, batch, input] tensor, got ${X.dtype} [${X.shape}]`);
    const [T, B] = layout === 0 ? [X.shape[0], X.shape[1]] : [X.shape[1], X.shape[0]], I = X.shape[2];
    const H = int(c, 'hidden_size', R.shape[2] ?? 0);
    if (W.shape.join() !== `${D},${G * H},${I}` || R.shape.join() !== `${D},${G * H},${H}`) {
      fail(c, `W [${W.shape}] and R [${R.shape}] must be [${D}, ${G * H}, ${I}] and [${D}, ${G * H}, ${H}] (hidden_size ${H})`);
    }
    const Bi = b0 === undefined ? null : c.t(b0, 'B');
    if (Bi && Bi.shape.join() !== `${D},${2 * G * H}`) fail(c, `B [${Bi.shape}] must be [${D}, ${2 * G * H}]`);
    if (lens !== undefined && numbers(lens, c, 'sequence_lens').some((n) => n !== T)) fail(c, 'sequence_lens other than the full sequence length are not supported');
    if (T === 0) fail(c, 'an empty sequence is not supported');
    const state = (v: Value | undefined, what: string, d: number): Tensor => {
      if (v === undefined) return fill([B, H], 0, 'float32');
      const t = c.t(v, what);
      if (t.shape.join() !== (layout === 0 ? `${D},${B},${H}` : `${B},${D},${H}`)) fail(c, `${what} [${t.shape}] must be [${layout === 0 ? [D, B, H] : [B, D, H]}]`);
      return reshape(layout === 0 ? slice(t, [d, 0, 0], [1, B, H]) : slice(t, [0, d, 0], [B, 1, H]), [B, H]);
    };
    // a weight-derived tensor, cached across runs when its source is one of the model's weights
    const derived = (key: string, v: Value | undefined, t: Tensor, make: () => Tensor) => (c.fixed(v) ? c.derive(key, [t], make) : make());
    const gates = (m: Tensor) => { if (G === 1) return m; const parts = split(m, G, 0); return concat(order.map((k) => parts[k]), 0); };
    const xb = reshape(layout === 0 ? transpose(X, [1, 0, 2]) : X, [B * T, I]);
    const hs: Tensor[] = [], hT: Tensor[] = [], cT: Tensor[] = [];
    for (let d = 0; d < D; d++) {
      const back = dirName === 'reverse' || d === 1;
      const Wk = derived(`W${d}`, w0, W, () => transpose(gates(reshape(slice(W, [d, 0, 0], [1, G * H, I]), [G * H, I])), [1, 0]));
      const Rk = derived(`R${d}`, r0, R, () => transpose(gates(reshape(slice(R, [d, 0, 0], [1, G * H, H]), [G * H, H])), [1, 0]));
      // projection bias (and GRU's recurrent bias for linear_before_reset), gates reordered
      const half = (k: number) => reshape(slice(Bi!, [d, k * G * H], [1, G * H]), [G * H]);
      const xBias = Bi && derived(`b${d}`, b0, Bi, () => gates(kind === 'GRU' && lbr ? half(0) : add(half(0), half(1))));
      const recBias = Bi && kind === 'GRU' && lbr ? derived(`rb${d}`, b0, Bi, () => half(1)) : null;
      let xp = matMul(xb, Wk);
      if (xBias) xp = add(xp, xBias);
      xp = reshape(xp, [B, T, G * H]);
      let h = state(h00, 'initial_h', d);
      const recAct = kind === 'RNN' ? null : fusedAct(acts[d]);
      if (recAct === null) {
        // step by step (gates in the kernels' order: LSTM i,f,c,o; GRU z,r,h)
        const [f, g, hAct] = acts[d], steps: Tensor[] = new Array(T);
        let cell = kind === 'LSTM' ? state(c00, 'initial_c', d) : null;
        const part = (m: Tensor, k: number) => slice(m, [0, k * H], [B, H]);
        for (let s = 0; s < T; s++) {
          const t = back ? T - 1 - s : s;
          const xt = reshape(slice(xp, [0, t, 0], [B, 1, G * H]), [B, G * H]);
          if (kind === 'RNN') h = applyAct(f, add(xt, matMul(h, Rk)));
          else if (kind === 'LSTM') {
            const z = add(xt, matMul(h, Rk));
            cell = add(mul(applyAct(f, part(z, 1)), cell!), mul(applyAct(f, part(z, 0)), applyAct(g, part(z, 2))));
            h = mul(applyAct(f, part(z, 3)), applyAct(hAct, cell));
          } else {
            let hr = matMul(h, Rk);
            if (recBias) hr = add(hr, recBias);
            const z = applyAct(f, add(part(xt, 0), part(hr, 0))), r = applyAct(f, add(part(xt, 1), part(hr, 1)));
            // linear_before_reset: r · (h·R_h + Rb_h); else (r · h)·R_h
            const rh = lbr ? mul(r, part(hr, 2)) : matMul(mul(r, h), slice(Rk, [0, 2 * H], [H, H]));
            const hh = applyAct(g, add(part(xt, 2), rh));
            h = add(mul(sub(1, z), hh), mul(z, h));
          }
          steps[t] = h;
        }
        hs.push(stack(steps, 1));
        hT.push(h);
        if (cell) cT.push(cell);
        continue;
      }
      const K = kind === 'LSTM' ? 6 : 5, hAt = K - 1; // the sequence buffer's slots per step; h is the last, c before it
      const seq = kind === 'LSTM'
        ? lstmSequence(xp, h, state(c00, 'initial_c', d), Rk, null, back, recAct)
        : gruSequence(xp, h, Rk, recBias ?? (lbr ? fill([G * H], 0, 'float32') : null), null, back, recAct, lbr);
      const y = slice(seq, [0, 0, hAt * H], [B, T, H]); // in processing order: reversed in time when going back
      hs.push(back ? reverse(y, 1) : y);
      hT.push(reshape(slice(seq, [0, T - 1, hAt * H], [B, 1, H]), [B, H]));
      if (kind === 'LSTM') cT.push(reshape(slice(seq, [0, T - 1, 4 * H], [B, 1, H]), [B, H]));
    }
    // Y [T, D, B, H] (layout 0) or [B, T, D, H]; Y_h, Y_c [D, B, H] or [B, D, H]
    const Y = layout === 0 ? transpose(stack(hs, 2), [1, 2, 0, 3]) : stack(hs, 2);
    const last = (ts: Tensor[]) => stack(ts, layout === 0 ? 0 : 1);
    return kind === 'LSTM' ? [Y, last(hT), last(cT)] : [Y, last(hT)];
  };
}

function splitOp(c: Ctx, inputs: (Value | undefined)[]): Tensor[] {
  const x = c.t(inputs[0], 'input');
  const axis = normAxis(c, int(c, 'axis', 0), x.rank), n = c.numOutputs;
  let sizes = c.opset >= 13 ? (inputs[1] !== undefined ? numbers(inputs[1], c, 'split') : undefined) : ints(c, 'split');
  if (!sizes) {
    const dim = x.shape[axis], k = Math.ceil(dim / n);
    sizes = Array.from({ length: n }, (_, i) => Math.max(0, Math.min(k, dim - i * k)));
  }
  if (sizes.length !== n || sizes.reduce((p, s) => p + s, 0) !== x.shape[axis]) fail(c, `split sizes [${sizes}] do not cover axis ${axis} of [${x.shape}] in ${n} outputs`);
  return split(x, sizes, axis);
}

function padOp(c: Ctx, inputs: (Value | undefined)[]): Tensor {
  const cl = c.nhwc(inputs[0]), xp = c.t(inputs[0], 'data');
  const x = cl ? { shape: nchwShape(xp.shape), rank: 4 } : xp;
  const mode = str(c, 'mode', 'constant');
  const p = c.opset >= 11 ? numbers(inputs[1], c, 'pads') : ints(c, 'pads') ?? [];
  const value = c.opset >= 11 ? (inputs[2] !== undefined ? scalarOf(inputs[2], c, 'constant_value') : 0) : flt(c, 'value', 0);
  const axes = inputs[3] !== undefined ? numbers(inputs[3], c, 'axes').map((a) => normAxis(c, a, x.rank)) : x.shape.map((_, i) => i);
  if (p.length !== 2 * axes.length) fail(c, `pads [${p}] must have ${2 * axes.length} entries`);
  const pp = x.shape.map(() => [0, 0]);
  axes.forEach((a, i) => { pp[a] = [p[i], p[i + axes.length]]; });
  if (cl) { const q = pp.slice(); for (let a = 0; a < 4; a++) pp[PHYSICAL[a]] = q[a]; }
  const y0 = padded(c, xp, pp, mode, value);
  return cl ? c.mark(y0) : y0;
}

/** Pad on the tensor as it is stored: pp per stored axis (negative: crop). */
function padded(c: Ctx, x: Tensor, pp: number[][], mode: string, value: number): Tensor {
  // negative pads crop
  let y = x;
  if (pp.some(([a, b]) => a < 0 || b < 0)) {
    const begin = pp.map(([a]) => Math.max(0, -a)), size = x.shape.map((d, i) => d - begin[i] - Math.max(0, -pp[i][1]));
    y = slice(y, begin, size);
  }
  const pos = pp.map(([a, b]) => [Math.max(0, a), Math.max(0, b)]);
  if (mode === 'constant') return pad(y, pos, value);
  if (mode === 'reflect') return mirrorPad(y, pos, 'reflect');
  if (mode === 'edge') {
    // edge: repeat the border slices
    for (let a = 0; a < y.rank; a++) {
      const [lo, hi] = pos[a];
      if (lo === 0 && hi === 0) continue;
      const n = y.shape[a], parts: Tensor[] = [];
      const at = (i: number) => { const b = y.shape.map(() => 0), s = y.shape.slice(); b[a] = i; s[a] = 1; return slice(y, b, s); };
      if (lo) { const r = y.shape.map(() => 1); r[a] = lo; parts.push(tile(at(0), r)); }
      parts.push(y);
      if (hi) { const r = y.shape.map(() => 1); r[a] = hi; parts.push(tile(at(n - 1), r)); }
      y = concat(parts, a);
    }
    return y;
  }
  return fail(c, `Pad mode '${mode}' is not supported`);
}

function castTo(c: Ctx, x: Tensor, code: number): Tensor {
  const dt = dtypeOf(code) ?? fail(c, `Cast to ${onnxTypeName(code)} is not supported`);
  if (x.dtype === dt) return x;
  // float → int truncates toward zero (ONNX, C casts)
  return cast(x, dt);
}

function constantOfShape(c: Ctx, [s0]: (Value | undefined)[]): Tensor {
  const shape = numbers(s0, c, 'input');
  checkDims(shape, `ConstantOfShape '${c.name}'`);
  const a = c.attr('value');
  const v = a?.t ? readTensor(a.t, `the value of node '${c.name}'`) : { dtype: 'float32' as const, shape: [1], data: new Float32Array(1) };
  return fill(shape, v.dtype === 'bool' ? Boolean(v.data[0]) : v.data[0], v.dtype);
}

function constant(c: Ctx): Value {
  const a = (n: string) => c.attr(n);
  const t = a('value');
  if (t?.t) return readTensor(t.t, `the value of Constant '${c.name}'`);
  if (a('value_float')) return { dtype: 'float32', shape: [], data: Float32Array.of(a('value_float')!.f) };
  if (a('value_floats')) return { dtype: 'float32', shape: [a('value_floats')!.floats.length], data: Float32Array.from(a('value_floats')!.floats) };
  if (a('value_int')) return { dtype: 'int32', shape: [], data: Float64Array.of(a('value_int')!.i) };
  if (a('value_ints')) return { dtype: 'int32', shape: [a('value_ints')!.ints.length], data: Float64Array.from(a('value_ints')!.ints) };
  return fail(c, 'Constant needs a value, value_float(s) or value_int(s) attribute (sparse and string values are not supported)');
}

function softmaxOp(f: (x: Tensor, axis: number) => Tensor): Impl {
  return (c, [x0]) => {
    const x = c.t(x0, 'input');
    if (c.opset >= 13) return f(x, normAxis(c, int(c, 'axis', -1), x.rank));
    // opsets < 13: the input is coerced to 2-D at `axis` (default 1) and normalized over the inner part
    const a = normAxis(c, int(c, 'axis', 1), x.rank);
    const outer = x.shape.slice(0, a).reduce((p, d) => p * d, 1);
    return reshape(f(reshape(x, [outer, x.size / Math.max(outer, 1)]), 1), x.shape);
  };
}

function range(c: Ctx, [a, b, d]: (Value | undefined)[]): Tensor {
  const start = scalarOf(a, c, 'start'), limit = scalarOf(b, c, 'limit'), delta = scalarOf(d, c, 'delta');
  if (delta === 0) fail(c, 'delta is 0');
  const n = Math.max(Math.ceil((limit - start) / delta), 0);
  checkDims([n], `Range '${c.name}'`);
  const dt = isConst(a) ? a.dtype : (a as Tensor).dtype;
  const data = Float64Array.from({ length: n }, (_, i) => start + i * delta);
  return dt === 'float32' ? tensor(Float32Array.from(data), [n], 'float32') : tensor(Int32Array.from(data), [n], 'int32');
}

/**
 * The ops that take channels-last values (Ctx.nhwc) as they are; every other op gets NCHW tensors (the interpreter
 * transposes). Each either handles the layout or asks for NCHW (Ctx.nchw).
 */
export const LAYOUT_AWARE: ReadonlySet<string> = new Set(['Conv', 'MaxPool', 'AveragePool', 'BatchNormalization', 'GlobalAveragePool',
  'GlobalMaxPool', 'Flatten', 'Shape',
  'ReduceMean', 'ReduceSum', 'ReduceMax', 'ReduceMin', 'Pad', 'Concat', 'Resize', 'ConvTranspose', 'Add', 'Sub', 'Mul', 'Div', 'Relu', 'Sigmoid', 'Tanh', 'LeakyRelu', 'HardSigmoid', 'HardSwish', 'Clip']);

/** @internal Tests: channels-last values off (every layout-aware result transposed back to NCHW at once). */
export const LAYOUT = { on: true };
/**
 * @internal Off: execute runs every node as its own ops even while no tape records (tests compare the two).
 * On: Conv, Gemm, BatchNormalization and Add run as one op each (with their bias), taking the Relu / Clip(0, 6) /
 * Sigmoid / Tanh node that alone reads their output; MatMul takes the Add of a constant bias row after it;
 * LayerNormalization runs as one op (index.ts fuse()).
 */
export const FUSE = { on: true };
/** @internal Off: every run walks all steps (benchmarks compare; see Replay). */
export const REPLAY = { on: true };

/** The operator table: ONNX op type → implementation. */
export const OPS: Record<string, Impl> = {
  Identity: (c, [x]) => x!,
  Dropout: (c, [x]) => (c.numOutputs > 1 ? [x!, fill(shapeOf(x!), true, 'bool')] : x!), // inference: identity
  Constant: (c) => constant(c),
  Shape: (c, [x]) => {
    const s = c.nhwc(x) ? nchwShape(shapeOf(x!)) : shapeOf(x!), r = s.length;
    const clampAxis = (v: number) => Math.min(Math.max(v < 0 ? v + r : v, 0), r);
    const b = clampAxis(int(c, 'start', 0)), e = clampAxis(c.attr('end') ? int(c, 'end', r) : r);
    const out = s.slice(b, Math.max(b, e));
    return { dtype: 'int32', shape: [out.length], data: Float64Array.from(out) };
  },
  Size: (c, [x]) => ({ dtype: 'int32', shape: [], data: Float64Array.of(shapeOf(x!).reduce((p, d) => p * d, 1)) }),
  ConstantOfShape: constantOfShape,
  Cast: (c, [x]) => castTo(c, c.t(x, 'input'), int(c, 'to', 1)),
  CastLike: (c, [x, y]) => { const t = c.t(x, 'input'), dt = c.t(y, 'target_type').dtype; return t.dtype === dt ? t : cast(t, dt); },
  Reshape: reshapeOp,
  Flatten: flatten,
  Transpose: transposeOp,
  Unsqueeze: unsqueeze,
  Squeeze: squeeze,
  Concat: (c, xs) => {
    if (xs.some((v) => c.nhwc(v)) && xs.every((v) => v instanceof Tensor && v.rank === 4)) {
      // channels-last when any input is: the others brought to it
      const ts = xs.map((v, i) => (c.nhwc(v) ? (v as Tensor) : toNHWC(c.t(v, `inputs[${i}]`))));
      return c.mark(concat(ts, PHYSICAL[normAxis(c, int(c, 'axis', 0), 4)]));
    }
    const ts = xs.map((v, i) => c.t(c.nchw(v), `inputs[${i}]`));
    return concat(ts, normAxis(c, int(c, 'axis', 0), ts[0].rank));
  },
  Slice: sliceOp,
  Gather: gatherOp,
  GatherElements: gatherElements,
  Split: splitOp,
  Expand: (c, [x, s]) => { const t = c.t(x, 'input'); return broadcastTo(t, broadcastShape(c, t.shape, numbers(s, c, 'shape'))); },
  Tile: (c, [x, r]) => tile(c.t(x, 'input'), numbers(r, c, 'repeats')),
  Pad: padOp,
  Range: range,
  Where: (c, [k, a, b]) => { const t = c.t(k, 'condition'); return where(t.dtype === 'bool' ? t : cast(t, 'bool'), c.t(a, 'X'), c.t(b, 'Y')); },
  Add: (c, ins) => (c.lean ? ADD_ACT[c.lean.act ?? 'none'] : ADD)(c, ins), Sub: binaryLayout(sub), Mul: mulOp, Div: (c, ins) => (c.lean?.gelu ? gelu5(c, ins[0], c.lean.gelu) : DIV_PLAIN(c, ins)), Pow: binary(pow),
  Mod: (c, [a, b]) => { if (int(c, 'fmod', 0) === 1) fail(c, 'Mod with fmod=1 is not supported'); return mod(c.t(a, 'A'), c.t(b, 'B')); },
  Equal: binary(equal), Less: binary(less), Greater: binary(greater), LessOrEqual: binary(lessEqual), GreaterOrEqual: binary(greaterEqual),
  And: binary(logicalAnd), Or: binary(logicalOr), Xor: binary(logicalXor), Not: unary(logicalNot),
  Max: variadic(maximum), Min: variadic(minimum), Sum: variadic(add),
  Mean: (c, xs) => div(variadic(add)(c, xs) as Tensor, xs.length),
  Neg: unary(neg), Abs: unary(abs), Sqrt: unary(sqrt), Exp: unary(exp), Log: unary(log), Reciprocal: unary(reciprocal),
  Floor: unary(floor), Ceil: unary(ceil), Round: unary(round), Sign: unary(sign), Sin: unary(sin), Cos: unary(cos), Erf: unary(erf),
  Relu: keepLayout(unary(relu)), Sigmoid: keepLayout(unary(sigmoid)), Tanh: keepLayout(unary(tanh)), Softplus: unary(softplus),
  Elu: (c, [x]) => { const a = flt(c, 'alpha', 1); const t = c.t(x, 'X'); return a === 1 ? elu(t) : where(greater(t, 0), t, mul(sub(exp(t), 1), a)); },
  LeakyRelu: keepLayout((c, [x]) => leakyRelu(c.t(x, 'X'), flt(c, 'alpha', 0.01))),
  PRelu: (c, [x, s]) => { const t = c.t(x, 'X'); return add(relu(t), mul(c.t(s, 'slope'), minimum(t, 0))); },
  HardSigmoid: keepLayout((c, [x]) => hardSigmoidOf(c.t(x, 'X'), flt(c, 'alpha', 0.2), flt(c, 'beta', 0.5))),
  HardSwish: keepLayout((c, [x]) => { const t = c.t(x, 'X'); return mul(t, hardSigmoidOf(t, 1 / 6, 0.5)); }),
  Gelu: (c, [x]) => gelu(c.t(x, 'X'), str(c, 'approximate', 'none') === 'tanh'),
  Clip: keepLayout(clip),
  Softmax: softmaxOp((x, a) => softmax(x, a)),
  LogSoftmax: softmaxOp((x, a) => logSoftmax(x, a)),
  MatMul: matmul,
  Gemm: gemm,
  Conv: conv,
  ConvTranspose: convTranspose,
  Resize: resize,
  MaxPool: pool('max'),
  AveragePool: pool('avg'),
  GlobalAveragePool: globalPool(mean),
  GlobalMaxPool: globalPool(max),
  BatchNormalization: batchNormalization,
  LayerNormalization: layerNormalization,
  ReduceMean: reduce(mean, 18), ReduceSum: reduce(sum, 13), ReduceMax: reduce(max, 18), ReduceMin: reduce(min, 18),
  ReduceProd: reduce(prod, 18),
  ReduceSumSquare: reduce((x, a, k) => sum(mul(x, x), a, k), 18),
  ReduceL2: reduce((x, a, k) => sqrt(sum(mul(x, x), a, k)), 18),
  ArgMax: (c, [x]) => argReduce(c, x, argMax), ArgMin: (c, [x]) => argReduce(c, x, argMin),
  TopK: topK,
  Trilu: trilu,
  InstanceNormalization: instanceNormalization,
  LSTM: recurrent('LSTM'),
  GRU: recurrent('GRU'),
  RNN: recurrent('RNN'),
  Einsum: (c, xs) => einsum(str(c, 'equation', ''), ...xs.map((v, i) => c.t(v, `Inputs[${i}]`))),
  Tan: unary(tan), Atan: unary(atan), Asin: unary(asin), Acos: unary(acos), Sinh: unary(sinh), Cosh: unary(cosh),
  Softsign: unary(softsign), Mish: unary(mish),
  Selu: (c, [x]) => {
    const t = c.t(x, 'X'), a = flt(c, 'alpha', 1.67326319217681884765625), g = flt(c, 'gamma', 1.05070102214813232421875);
    if (Math.abs(a - 1.6732632) < 1e-6 && Math.abs(g - 1.050701) < 1e-6) return selu(t);
    return mul(where(greater(t, 0), t, mul(sub(exp(t), 1), a)), g);
  },
  IsNaN: unary(isNaNOp),
  IsInf: (c, [x]) => {
    const t = c.t(x, 'X'), pos = int(c, 'detect_positive', 1) === 1, ng = int(c, 'detect_negative', 1) === 1;
    if (pos && ng) return isInf(t);
    return logicalAnd(isInf(t), pos ? greater(t, 0) : ng ? less(t, 0) : fill(t.shape, false, 'bool'));
  },
  CumSum: (c, [x, a]) => cumsum(c.t(x, 'x'), scalarOf(a, c, 'axis'), int(c, 'exclusive', 0) === 1, int(c, 'reverse', 0) === 1),
};

/** TopK along any axis, largest or smallest: ascent's topk works on the last axis, largest first. */
function topK(c: Ctx, [x0, k0]: (Value | undefined)[]): Tensor[] {
  const x = c.t(x0, 'X');
  const axis = normAxis(c, int(c, 'axis', -1), x.rank), k = scalarOf(k0, c, 'K');
  if (int(c, 'sorted', 1) !== 1) fail(c, 'TopK with sorted=0 is not supported');
  if (!Number.isInteger(k) || k < 0 || k > x.shape[axis]) fail(c, `K ${k} is out of range for axis ${axis} of [${x.shape}]`);
  const last = x.rank - 1, perm = x.shape.map((_, i) => (i === axis ? last : i === last ? axis : i));
  const xt = axis === last ? x : transpose(x, perm);
  const largest = int(c, 'largest', 1) === 1;
  const r = topk(largest ? xt : neg(xt), k);
  const values = largest ? r.values : neg(r.values);
  return axis === last ? [values, r.indices] : [transpose(values, perm), transpose(r.indices, perm)];
}

/** Trilu: the upper (or lower) triangle of the last two axes from diagonal k, the rest zeros. */
function trilu(c: Ctx, [x0, k0]: (Value | undefined)[]): Tensor {
  const x = c.t(x0, 'input');
  if (x.rank < 2) fail(c, `input must have rank ≥ 2, got [${x.shape}]`);
  const k = k0 === undefined ? 0 : scalarOf(k0, c, 'k'), upper = int(c, 'upper', 1) === 1;
  const [M, N] = x.shape.slice(-2);
  const mask = new Uint8Array(M * N);
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) mask[i * N + j] = (upper ? j - i >= k : j - i <= k) ? 1 : 0;
  return where(tensor(mask, [M, N], 'bool'), x, fill([1], 0, x.dtype));
}

function instanceNormalization(c: Ctx, [x0, s0, b0]: (Value | undefined)[]): Tensor {
  const x = c.t(x0, 'input');
  if (x.rank < 3) fail(c, `input must have rank ≥ 3 [N, C, …], got [${x.shape}]`);
  const axes = x.shape.slice(2).map((_, i) => i + 2), stat = [x.shape[1], ...axes.map(() => 1)];
  const mu = mean(x, axes, true), d = sub(x, mu);
  const inv = reciprocal(sqrt(add(mean(mul(d, d), axes, true), flt(c, 'epsilon', 1e-5))));
  return add(mul(mul(d, inv), reshape(c.t(s0, 'scale'), stat)), reshape(c.t(b0, 'B'), stat));
}

function argReduce(c: Ctx, x0: Value | undefined, f: (x: Tensor, axis: number) => Tensor): Tensor {
  if (int(c, 'select_last_index', 0) === 1) fail(c, 'select_last_index=1 is not supported');
  const x = c.t(x0, 'data'), axis = normAxis(c, int(c, 'axis', 0), x.rank);
  const y = f(x, axis);
  return int(c, 'keepdims', 1) === 1 ? expandDims(y, axis) : y;
}
