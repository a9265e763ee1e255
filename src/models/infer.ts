// Lean inference for model.predict and model.execute (issue 19). While no tape records and the call is not
// training, Sequential and functional models run runs of layers as one op (ops/infer.ts linearAct):
//   Dense / Conv2D / DepthwiseConv2D (channels last): the product, the bias and an elementwise activation (relu,
//     relu6, sigmoid, tanh, elu, hard_swish, gelu, linear) in one op, in place — bit-identical to the layers (another activation,
//     softmax say, runs after it as the layer would);
//   such a layer with a linear activation, followed by the BatchNormalization of its output (on the channel
//     axis, when that output feeds nothing else), and optionally by an Activation layer with such an activation
//     on the BatchNorm's output (again feeding nothing else): BatchNorm folded into the kernel and bias —
//     equal to the unfused layers within float rounding;
//   a BatchNormalization on the channel axis that follows no such layer (first, after pooling or an add),
//     optionally with such an Activation: its scale and shift cached, applied in one op — bit-identical.
// Everything else, and any call under a tape or with training: true, takes the layers' own path.
//
// Folded weights are cached per group, keyed by the version counters of the six Variables they come from
// (Variable.version: assign, setWeights, loading and optimizer updates bump it), and recomputed when one
// changed. The cache is the model's, not the user's: its blocks are not tensors, so tf.memory().numTensors
// does not count them (a predict leaves numTensors as it was); their bytes are part of numBytes (as kernel
// scratch is) and they count in numDataBuffers, and model.dispose() — or the garbage collector, for a dropped
// model — frees them.
import { engine, tidy, untaped } from '../core/engine.js';
import { allocBlock, type DataBlock } from '../core/memory.js';
import { Tensor, type Variable } from '../core/tensor.js';
import { add, mul, sub } from '../ops/binary.js';
import { linearAct, scaleShiftAct, type ConvSettings, type FusedActivation } from '../ops/infer.js';
import { packB, packedBFloats } from '../ops/matmul.js';
import { useWinograd, winogradFilter, winogradFilterFloats } from '../ops/conv.js';
import { geometry } from '../ops/conv_geometry.js';
import { reshape } from '../ops/shape.js';
import { neg, rsqrt } from '../ops/unary.js';
import { inPlaceActivation } from '../layers/activations.js';
import { Conv2D } from '../layers/conv.js';
import { DepthwiseConv2D, SeparableConv2D } from '../layers/conv_more.js';
import { Activation, Dense } from '../layers/core.js';
import type { Layer } from '../layers/layer.js';
import { BatchNormalization } from '../layers/normalization.js';
import type { SymbolicTensor } from '../layers/symbolic.js';

let leanDepth = 0;
/** @internal Off: predict and execute take the layers' own path (benchmarks and tests compare the two). */
export const lean = { enabled: true };
/** Runs fn (the body of predict or execute) with lean inference allowed. */
export function leanInference<T>(fn: () => T): T {
  leanDepth++;
  try { return fn(); } finally { leanDepth--; }
}
/** Whether a model call may take the lean path: inside predict/execute, not training, no tape recording. */
export function leanNow(training: boolean | undefined): boolean {
  return leanDepth > 0 && lean.enabled && training !== true && !engine.recording;
}

type Producer = Dense | Conv2D | DepthwiseConv2D | SeparableConv2D;

/**
 * A run of layers computed as one op: the producer, an optional folded BatchNorm and Activation (linearAct); or a
 * BatchNorm on its own, with an optional Activation (producer null: scaleShiftAct).
 */
export interface Group {
  producer: Producer | null;
  bn: BatchNormalization | null;
  /** The layers covered, in order. */
  layers: Layer[];
  /** How many layers the group covers (1–3). */
  size: number;
  act: FusedActivation | null;
  /** The producer's activation when it is not one kernel (softmax, gelu, a function): applied after the op. */
  post: ((x: Tensor) => Tensor) | null;
  conv: ConvSettings | null;
  /**
   * BatchNorm folded into kernel and bias (without a producer: its scale and shift); valid while the sources'
   * versions are those in `versions`.
   */
  folded: { sources: Variable[]; versions: number[]; kernel: DataBlock; bias: DataBlock } | null;
  /**
   * A Dense kernel packed for the GEMM (packB), once per version of what it was packed from: the layer's kernel
   * Variable (with its `version`) or the folded kernel's block (a new block on each refold).
   */
  packed: { source: object; version: number; block: DataBlock } | null;
  /** A Conv2D kernel transformed for Winograd (ops/conv.ts winogradFilter), cached as `packed` is. */
  wino: { source: object; version: number; block: DataBlock } | null;
}

/** The groups of a model (keyed by the index of their first layer in a Sequential, or by symbolic id). */
export class InferencePlan {
  readonly groups = new Map<number, Group>();
  /** The blocks of the folded weights, shared with the safety net below (it must not hold the model). */
  readonly blocks: Set<DataBlock> = new Set();

  dispose(): void {
    for (const b of this.blocks) b.release();
    this.blocks.clear();
    for (const g of this.groups.values()) { g.folded = null; g.packed = null; g.wino = null; }
  }
}

// A model dropped without dispose() gives its folded weights back when it is collected.
const unclaimed = new FinalizationRegistry<Set<DataBlock>>((blocks) => { for (const b of blocks) b.release(); });
/** Ties a plan's blocks to its owner's life. */
export function ownPlan(owner: object, plan: InferencePlan): void { unclaimed.register(owner, plan.blocks, plan); }
export function disownPlan(plan: InferencePlan): void { unclaimed.unregister(plan); plan.dispose(); }

const plain = (l: Layer) => l.activityRegularizer === null && !l.hooked && l.built && l.dtype === 'float32';

/** The producer's conv settings (null: Dense) when the layer can run as linearAct; undefined when it cannot. */
function producerSettings(l: Layer): ConvSettings | null | undefined {
  if (!plain(l)) return undefined;
  const cls: unknown = l.constructor; // the classes themselves, not subclasses that may override call()
  if (cls === Dense) return null;
  if (cls === Conv2D || cls === DepthwiseConv2D || cls === SeparableConv2D) {
    const c = l as Conv2D | DepthwiseConv2D | SeparableConv2D;
    if (c.dataFormat !== 'channelsLast' || (c.padding !== 'valid' && c.padding !== 'same')) return undefined;
    return { depthwise: cls === DepthwiseConv2D, separable: cls === SeparableConv2D, strides: c.strides.slice(0, 2) as [number, number],
      padding: c.padding, dilations: c.dilationRate.slice(0, 2) as [number, number] };
  }
  return undefined;
}

/** A BatchNormalization on the last axis of its input (the producer's channels). */
function foldable(l: Layer): l is BatchNormalization {
  if ((l.constructor as unknown) !== BatchNormalization || !plain(l)) return false;
  const bn = l as BatchNormalization, r = bn.inputSpec?.ndim;
  return bn.axis === -1 || (r !== undefined && bn.axis === r - 1);
}

function activationOf(l: Layer): FusedActivation | null | undefined {
  return (l.constructor as unknown) === Activation && plain(l) ? inPlaceActivation((l as Activation).activation) : undefined;
}

/**
 * The group starting at `first`: `next(layer)` gives the layer its output feeds when that is its only use (and
 * the output is not wanted by the caller), else null.
 */
function groupAt(first: Layer, next: (l: Layer, depth: number) => Layer | null): Group | null {
  const conv = producerSettings(first);
  if (conv === undefined) {
    if (!foldable(first)) return null;
    // a BatchNorm that follows no such layer: its scale and shift cached, applied with the activation in one op
    const g: Group = { producer: null, bn: first, layers: [first], size: 1, act: null, post: null, conv: null, folded: null, packed: null, wino: null };
    const a = next(first, 1);
    const act = a === null ? undefined : activationOf(a);
    if (act !== undefined) { g.act = act; g.size = 2; g.layers.push(a!); }
    return g;
  }
  const p = first as Producer;
  const own = inPlaceActivation(p.activation);
  const g: Group = { producer: p, bn: null, layers: [p], size: 1, act: own ?? null, post: null, conv, folded: null, packed: null, wino: null };
  if (own === undefined) { g.post = (x) => p.activation.apply(x); return g; }
  if (own !== null) return g;
  const b = next(p, 1);
  if (b === null || !foldable(b)) return g;
  g.bn = b; g.size = 2; g.layers.push(b);
  const a = next(b, 2);
  const act = a === null ? undefined : activationOf(a);
  if (act !== undefined) { g.act = act; g.size = 3; g.layers.push(a!); }
  return g;
}

/** A Sequential's plan; `keep`: indices whose outputs the caller wants (they end a group). */
export function planStack(stack: Layer[], keep: Set<number>): InferencePlan {
  const plan = new InferencePlan();
  for (let i = 0; i < stack.length;) {
    const g = groupAt(stack[i], (_l, d) => (keep.has(i + d - 1) || i + d >= stack.length ? null : stack[i + d]));
    if (g === null) { i++; continue; }
    plan.groups.set(i, g);
    i += g.size;
  }
  return plan;
}

/**
 * A functional model's plan over its nodes in topological order; `keep`: symbolic ids the caller wants (the
 * outputs, execute's names). Groups are keyed by their first node's id; `ends` maps it to the last node's.
 */
export function planGraph(order: SymbolicTensor[], keep: Set<number>): { plan: InferencePlan; ends: Map<number, SymbolicTensor> } {
  const uses = new Map<number, SymbolicTensor[]>();
  for (const s of order) for (const p of s.inputs) { const u = uses.get(p.id); if (u) u.push(s); else uses.set(p.id, [s]); }
  const plan = new InferencePlan(), ends = new Map<number, SymbolicTensor>();
  const taken = new Set<number>();
  for (const s of order) {
    if (!s.sourceLayer || taken.has(s.id) || s.inputs.length !== 1 || s.siblings.length !== 1 || Object.keys(s.callArgs).length > 0) continue;
    const nodes = [s];
    const g = groupAt(s.sourceLayer, () => {
      const last = nodes[nodes.length - 1], u = uses.get(last.id);
      if (keep.has(last.id) || u === undefined || u.length !== 1) return null;
      const c = u[0];
      if (c.inputs.length !== 1 || c.siblings.length !== 1 || Object.keys(c.callArgs).length > 0 || !c.sourceLayer) return null;
      nodes.push(c);
      return c.sourceLayer;
    });
    if (g === null) continue;
    plan.groups.set(s.id, g);
    ends.set(s.id, nodes[g.size - 1]);
    for (const n of nodes.slice(0, g.size)) taken.add(n.id);
  }
  return { plan, ends };
}

/** The kernel whose output channels are the layer's (a folded BatchNorm scales it): SeparableConv2D's pointwise one. */
const kernelOf = (p: Producer): Variable =>
  (p instanceof SeparableConv2D ? p.pointwiseKernel : p instanceof DepthwiseConv2D ? p.depthwiseKernel : p.kernel)!;
/** SeparableConv2D's depthwise kernel (applied first, never folded); null for the others. */
const firstKernel = (p: Producer): Variable | null => (p instanceof SeparableConv2D ? p.depthwiseKernel : null);

/**
 * The layer's kernel and bias, the folded ones (with a BatchNorm) or the BatchNorm's scale and shift (without a
 * producer); what is folded is recomputed when a
 * source Variable changed: views on the cached blocks, in the caller's scope (disposing them leaves the blocks).
 */
function weights(plan: InferencePlan, g: Group): [Tensor, Tensor | null] {
  const p = g.producer, bn = g.bn;
  if (bn === null) return [kernelOf(p!), p!.bias]; // nothing folded: the layer's own
  const kernel = p === null ? null : kernelOf(p);
  const sources = [kernel, p?.bias ?? null, bn.gamma, bn.beta, bn.movingMean!, bn.movingVariance!].filter((v): v is Variable => v !== null);
  let f = g.folded;
  if (f === null || f.sources.some((v, i) => v !== sources[i] || v.version !== f!.versions[i] || v.isDisposed)) {
    if (f !== null) { for (const b of [f.kernel, f.bias]) { plan.blocks.delete(b); b.release(); } g.folded = null; }
    f = g.folded = fold(g, kernel, sources);
    plan.blocks.add(f.kernel); plan.blocks.add(f.bias);
  }
  const C = f.bias.bytes >> 2; // (blocks hold exactly the floats: 4·C bytes, a kernel's size; see allocBlock)
  return [new Tensor(kernel === null ? [C] : kernel.shape.slice(), 'float32', f.kernel), new Tensor([C], 'float32', f.bias)];
}

/**
 * BatchNorm after a linear layer, folded: with a = γ / √(σ² + ε) per output channel, kernel·a and
 * (bias − μ)·a + β (a depthwise kernel [kh, kw, c, m] scales output channel c·m + j by a[c·m + j]).
 */
function fold(g: Group, kernel: Variable | null, sources: Variable[]): NonNullable<Group['folded']> {
  const p = g.producer, bn = g.bn!;
  return untaped(() => tidy(() => {
    // a and the shift exactly as tf.batchNorm computes them (so a BatchNorm on its own stays bit-identical)
    let a = rsqrt(add(bn.movingVariance!, bn.epsilon));
    if (bn.gamma) a = mul(a, bn.gamma);
    let k: Tensor, b: Tensor;
    if (p === null || kernel === null) {
      k = a;
      b = neg(mul(bn.movingMean!, a));
    } else {
      k = mul(kernel, p instanceof DepthwiseConv2D ? reshape(a, kernel.shape.slice(2)) : a);
      b = mul(p.bias ? sub(p.bias, bn.movingMean!) : neg(bn.movingMean!), a);
    }
    if (bn.beta) b = add(b, bn.beta);
    // the cache takes a reference on each block; the tensors go with the tidy
    k.block!.refs++; b.block!.refs++;
    return { sources, versions: sources.map((v) => v.version), kernel: k.block!, bias: b.block! };
  }));
}

/**
 * The Dense or convolution kernel `k` packed for the GEMM, from the group's cache when `source` (the kernel Variable, or the
 * folded kernel's block) is the one it was packed from, at the same version; else packed now (the product would
 * otherwise pack all of it on every call: for a batch of one, that copy costs as much as the arithmetic).
 * 0 (no packing) for a disposed kernel: the op then reports it.
 */
function packedKernel(plan: InferencePlan, g: Group, k: Tensor, source: object, version: number): number {
  if (k.isDisposed || k.size === 0) return 0;
  let pk = g.packed;
  if (pk === null || pk.source !== source || pk.version !== version) {
    if (pk !== null) { plan.blocks.delete(pk.block); pk.block.release(); g.packed = null; }
    // Dense [in, units]; a convolution's [kh, kw, c, filters] as the kh·kw·c × filters matrix its GEMM and its
    // direct kernel read (ops/conv.ts conv2dRaw)
    const units = k.shape[k.rank - 1], inDim = k.size / units;
    const block = allocBlock(packedBFloats(inDim, units) * 4);
    packB(inDim, units, k.ptr, units, 1, block.ptr);
    pk = g.packed = { source, version, block };
    plan.blocks.add(block);
  }
  return pk.block.ptr;
}

/** Whether the group's kernel is packed once per version: Dense, Conv2D, SeparableConv2D's pointwise kernel (not depthwise). */
const packs = (g: Group): boolean => g.conv === null || !g.conv.depthwise;

/** Whether conv2d's rule runs the group's Conv2D on x by Winograd (its shapes only; false where linearAct will refuse x). */
function winogradOn(g: Group, x: Tensor, k: Tensor): boolean {
  const c = g.conv;
  if (c === null || c.depthwise || c.separable || x.rank !== 4 || k.rank !== 4 || x.shape[3] !== k.shape[2]) return false;
  try {
    return useWinograd(geometry('linearAct', x.shape, k.shape[0], k.shape[1], c.strides, c.padding, c.dilations), k.shape[3]);
  } catch { return false; } // (linearAct reports the geometry's error)
}

/** winogradFilter's form of the Conv2D kernel `k`, from the group's cache as packedKernel's (same keys). */
function winoKernel(plan: InferencePlan, g: Group, k: Tensor, source: object, version: number): number {
  if (k.isDisposed) return 0;
  let wk = g.wino;
  if (wk === null || wk.source !== source || wk.version !== version) {
    if (wk !== null) { plan.blocks.delete(wk.block); wk.block.release(); g.wino = null; }
    const block = allocBlock(winogradFilterFloats(k.shape[2], k.shape[3]) * 4);
    winogradFilter(k, block.ptr);
    wk = g.wino = { source, version, block };
    plan.blocks.add(block);
  }
  return wk.block.ptr;
}

/** The kernel's cached forms for x: [packB's (0: not needed), Winograd's (0: not used)]. */
function kernelForms(plan: InferencePlan, g: Group, x: Tensor, k: Tensor, source: object, version: number): [number, number] {
  if (!packs(g)) return [0, 0];
  if (winogradOn(g, x, k)) return [0, winoKernel(plan, g, k, source, version)];
  return [packedKernel(plan, g, k, source, version), 0];
}

/** Runs a group on x; null when the layers must run themselves (a non-float input, which they cast; a call hook). */
export function runGroup(plan: InferencePlan, g: Group, x: Tensor): Tensor | null {
  if (x.dtype !== 'float32') return null;
  for (const l of g.layers) if (l.hooked) return null; // a call hook set since the plan was made sees the layers run
  const p = g.producer;
  g.layers[0].assertInputCompatible(x.shape);
  if (p !== null && g.bn === null && g.post === null) { // the layer's own Variables: nothing to free (the op frees its temporaries)
    const k = kernelOf(p), [packed, wino] = kernelForms(plan, g, x, k, k, k.version);
    return linearAct(x, k, p.bias, firstKernel(p), g.conv, g.act, packed, wino);
  }
  return tidy(() => {
    const [k, b] = weights(plan, g);
    if (p === null) return scaleShiftAct(x, k, b!, g.act);
    const f = g.folded, v = kernelOf(p);
    const [packed, wino] = f === null ? kernelForms(plan, g, x, k, v, v.version) : kernelForms(plan, g, x, k, f.kernel, 0);
    const y = linearAct(x, k, b, firstKernel(p), g.conv, g.act, packed, wino);
    return g.post === null ? y : g.post(y);
  });
}
