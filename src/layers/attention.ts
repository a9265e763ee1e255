// MultiHeadAttention (Keras 3 layers/attention/multi_head_attention.py; tfjs-layers has none). Query, key
// and value are projected per head by Keras 3's EinsumDense layout (kernels [dim, heads, keyDim|valueDim],
// biases [heads, keyDim|valueDim]), scores = softmax(q·kᵀ/√keyDim) over the key axis with masked positions
// set to −1e9 before and 0 after the softmax (Keras' Softmax with a mask), dropout on the scores in
// training, the heads combined by the output projection (kernel [heads, valueDim, outDim], bias [outDim]).
// Inputs of rank > 3 ([batch, …positions, features]) attend over all their position axes jointly (Keras'
// default attention axes), computed on the positions flattened. Every step is an op (einsum, softmax, where),
// so gradients come from the ops.
import type { Tensor, Variable } from '../core/tensor.js';
import { getInitializer, type Initializer, type InitializerArg } from '../initializers.js';
import { getRegularizer, type Regularizer, type RegularizerArg } from '../regularizers.js';
import { getConstraint, type Constraint, type ConstraintArg } from '../constraints.js';
import { add, mul } from '../ops/binary.js';
import { greater, logicalAnd, where } from '../ops/compare.js';
import { tensor } from '../ops/create.js';
import { einsum } from '../ops/einsum.js';
import { dropout } from '../ops/nn.js';
import { softmax } from '../ops/softmax.js';
import { cast, expandDims, reshape } from '../ops/shape.js';
import { describeArg, isSymbolic, Layer, type CallArgs, type LayerArgs, type Shape, type SymbolicTensor } from './layer.js';
import { fmt, positiveInt, serialize } from './utils.js';

export interface MultiHeadAttentionArgs extends LayerArgs {
  /** Number of attention heads. */
  numHeads: number;
  /** Size of each head's query and key projections. */
  keyDim: number;
  /** Size of each head's value projection (default keyDim). */
  valueDim?: number | null;
  /** Dropout rate on the attention scores in training (default 0). */
  dropout?: number;
  /** Biases on the four projections (default true). */
  useBias?: boolean;
  /** Size of the output's last axis (default the query's last axis). */
  outputShape?: number | [number] | null;
  /**
   * The axes attention runs over. Only Keras' default is supported: every axis but the batch and the features
   * ([1] for rank-3 inputs, [1, 2] for rank 4: positions on several axes attend to each other jointly).
   */
  attentionAxes?: number | number[] | null;
  kernelInitializer?: InitializerArg;
  biasInitializer?: InitializerArg;
  kernelRegularizer?: RegularizerArg;
  biasRegularizer?: RegularizerArg;
  kernelConstraint?: ConstraintArg;
  biasConstraint?: ConstraintArg;
  /** Seed of the score dropout. */
  seed?: number | null;
}

/** Keras 3's call arguments of MultiHeadAttention (besides training). */
export interface MultiHeadAttentionCallArgs extends CallArgs {
  /** Bool or 0/1 tensor [batch, T, S]: which key positions each query position may attend to. */
  attentionMask?: Tensor | null;
  /** Let query position t attend to key positions ≤ t only (decoders). */
  useCausalMask?: boolean;
  /** Also return the scores [batch, heads, T, S] (a second output). */
  returnAttentionScores?: boolean;
}

/**
 * Multi-head (scaled dot-product) attention of Keras 3. Inputs are a list: [query, value],
 * [query, value, key], or [query, value, key, attentionMask] (the mask as a 4th input lets a functional
 * model take it as a graph input; pass value again as key when there is no separate key).
 * @example
 * const mha = tf.layers.multiHeadAttention({numHeads: 2, keyDim: 4});
 * const y = mha.apply([x, x]);                                  // self-attention, y like x
 * const [y2, scores] = mha.apply([q, v], {returnAttentionScores: true}) as tf.Tensor[];
 */
export class MultiHeadAttention extends Layer {
  static className = 'MultiHeadAttention';
  static multiInput = true;
  supportsMasking = true;
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly dropout: number;
  readonly useBias: boolean;
  /** The output size (Keras output_shape; null: the query's last axis). */
  readonly outputSize: number | null;
  readonly attentionAxes: number[] | null;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  readonly seed: number | null;
  private calls = 0;
  /** Call arguments of the symbolic call that placed the layer in a graph, used when the graph runs. */
  private graphArgs: { useCausalMask?: boolean; returnAttentionScores?: boolean } = {};
  private kernels: Record<'query' | 'key' | 'value' | 'attention_output', { kernel: Variable; bias: Variable | null }> | null = null;

  constructor(args: MultiHeadAttentionArgs) {
    super(args);
    if (args === undefined || args === null) throw new Error(`${this.name}: numHeads and keyDim are required`);
    this.numHeads = positiveInt(this.name, 'numHeads', args.numHeads);
    this.keyDim = positiveInt(this.name, 'keyDim', args.keyDim);
    this.valueDim = args.valueDim === undefined || args.valueDim === null ? this.keyDim : positiveInt(this.name, 'valueDim', args.valueDim);
    this.dropout = args.dropout ?? 0;
    if (typeof this.dropout !== 'number' || !(this.dropout >= 0 && this.dropout < 1)) {
      throw new Error(`${this.name}: dropout must be a number in [0, 1), got ${describeArg(args.dropout)}`);
    }
    this.useBias = args.useBias ?? true;
    if (typeof this.useBias !== 'boolean') throw new Error(`${this.name}: useBias must be true or false, got ${describeArg(args.useBias)}`);
    const os = args.outputShape;
    if (os === undefined || os === null) this.outputSize = null;
    else if (Array.isArray(os)) {
      if (os.length !== 1) throw new Error(`${this.name}: outputShape with several axes (${describeArg(os)}) is not supported; give one size`);
      this.outputSize = positiveInt(this.name, 'outputShape', os[0]);
    } else this.outputSize = positiveInt(this.name, 'outputShape', os);
    const ax = args.attentionAxes;
    this.attentionAxes = ax === undefined || ax === null ? null : Array.isArray(ax) ? ax.slice() : [ax];
    if (this.attentionAxes !== null && !this.attentionAxes.every((a) => Number.isInteger(a))) {
      throw new Error(`${this.name}: attentionAxes must be integers, got ${describeArg(ax)}`);
    }
    // Keras 3 options ascent does not have (configs from Keras 3 files may carry them)
    const extra = args as { useGate?: unknown; slidingWindow?: unknown };
    if (extra.useGate === true) throw new Error(`${this.name}: useGate (Keras 3's gated attention) is not supported`);
    if (extra.slidingWindow !== undefined && extra.slidingWindow !== null) throw new Error(`${this.name}: slidingWindow is not supported`);
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotUniform');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    this.biasRegularizer = getRegularizer(args.biasRegularizer);
    this.kernelConstraint = getConstraint(args.kernelConstraint);
    this.biasConstraint = getConstraint(args.biasConstraint);
    if (args.seed !== undefined && args.seed !== null && !Number.isFinite(args.seed)) throw new Error(`${this.name}: seed must be a number, got ${describeArg(args.seed)}`);
    this.seed = args.seed ?? null;
  }

  /** [query, value, key] shapes from the input shapes (key defaults to value), checked. */
  private shapes(inputShape: Shape | Shape[]): { q: Shape; v: Shape; k: Shape; m: Shape | null } {
    if (!(Array.isArray(inputShape) && inputShape.length > 0 && Array.isArray(inputShape[0]))) {
      throw new Error(`${this.name}: expects a list of inputs [query, value], [query, value, key] or [query, value, key, attentionMask], ` +
        `got one input of shape ${fmt(inputShape as Shape)} (for self-attention pass [x, x])`);
    }
    const list = inputShape as Shape[];
    if (list.length < 2 || list.length > 4) throw new Error(`${this.name}: expects 2 to 4 inputs [query, value, key?, attentionMask?], got ${list.length}`);
    const [q, v] = list, k = list[2] ?? v, m = list[3] ?? null;
    const r = q.length;
    for (const [n, s] of [['query', q], ['value', v], ['key', k]] as const) {
      if (s.length < 3) throw new Error(`${this.name}: ${n} must have rank ≥ 3 [batch, …positions, features], got ${fmt(s)}`);
      if (s.length !== r) throw new Error(`${this.name}: query, value and key must have the same rank, got query ${fmt(q)} and ${n} ${fmt(s)}`);
      if (s[r - 1] === null) throw new Error(`${this.name}: the feature axis of ${n} must be known, got ${fmt(s)}`);
    }
    for (let i = 1; i < r - 1; i++) {
      if (v[i] !== null && k[i] !== null && v[i] !== k[i]) throw new Error(`${this.name}: key and value must have the same positions, got key ${fmt(k)} and value ${fmt(v)}`);
    }
    if (this.attentionAxes !== null) {
      // only Keras' default: attention over every axis but the batch and the features
      const axes = this.attentionAxes.map((a) => (a < 0 ? a + r : a)).sort((a, b) => a - b);
      if (axes.length !== r - 2 || axes.some((a, i) => a !== i + 1)) {
        throw new Error(`${this.name}: attentionAxes ${describeArg(this.attentionAxes)} is not supported for rank-${r} inputs; ` +
          `only the default (every axis but the batch and the features: [${[...Array(r - 2).keys()].map((i) => i + 1)}])`);
      }
    }
    if (m !== null && m.length !== 2 * r - 3) throw new Error(`${this.name}: the attention mask must be [batch, …query positions, …key positions] (rank ${2 * r - 3}), got ${fmt(m)}`);
    return { q, v, k, m };
  }

  build(inputShape: Shape | Shape[]): void {
    // a single shape (a caller that passes the first input's only): the weights are made by the first call
    if (!(Array.isArray(inputShape) && Array.isArray(inputShape[0]))) { this.built = true; return; }
    const { q, v, k } = this.shapes(inputShape);
    const H = this.numHeads, last = (x: Shape) => x[x.length - 1] as number, out = this.outputSize ?? last(q);
    const w = (name: string, kshape: number[], bshape: number[]) => ({
      kernel: this.addWeight(`${name}/kernel`, kshape, this.kernelInitializer, { regularizer: this.kernelRegularizer, constraint: this.kernelConstraint }),
      bias: this.useBias ? this.addWeight(`${name}/bias`, bshape, this.biasInitializer, { regularizer: this.biasRegularizer, constraint: this.biasConstraint }) : null,
    });
    // Keras' weight order: query, key, value, attention_output
    const query = w('query', [last(q), H, this.keyDim], [H, this.keyDim]);
    const key = w('key', [last(k), H, this.keyDim], [H, this.keyDim]);
    const value = w('value', [last(v), H, this.valueDim], [H, this.valueDim]);
    const output = w('attention_output', [H, this.valueDim, out], [out]);
    this.kernels = { query, key, value, attention_output: output };
    this.built = true;
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const { q, v } = this.shapes(inputShape);
    const r = q.length, y: Shape = [...q.slice(0, r - 1), this.outputSize ?? q[r - 1]];
    if (!this.graphArgs.returnAttentionScores) return y;
    // two outputs: the result and the scores [batch, heads, …query positions, …key positions]
    return [y, [q[0], this.numHeads, ...q.slice(1, r - 1), ...v.slice(1, r - 1)]] as unknown as Shape;
  }

  /** Symbolic calls remember useCausalMask / returnAttentionScores for the graph's later calls. */
  apply(inputs: Tensor | Tensor[], args?: MultiHeadAttentionCallArgs): Tensor | Tensor[];
  apply(inputs: SymbolicTensor | SymbolicTensor[], args?: MultiHeadAttentionCallArgs): SymbolicTensor;
  apply(inputs: Tensor | Tensor[] | SymbolicTensor | SymbolicTensor[], args: MultiHeadAttentionCallArgs = {}): Tensor | Tensor[] | SymbolicTensor {
    if (isSymbolic(inputs)) {
      if (args.attentionMask) throw new Error(`${this.name}: in a functional model, pass the attention mask as the 4th input [query, value, key, mask]`);
      this.graphArgs = { useCausalMask: args.useCausalMask, returnAttentionScores: args.returnAttentionScores };
      return super.apply(inputs as SymbolicTensor[], args);
    }
    return super.apply(inputs as Tensor[], args);
  }

  call(inputs: Tensor | Tensor[], args: MultiHeadAttentionCallArgs): Tensor | Tensor[] {
    if (!Array.isArray(inputs)) this.shapes(inputs.shape); // (throws: a single tensor)
    const list = inputs as Tensor[];
    this.shapes(list.map((t) => t.shape));
    if (this.kernels === null) this.build(list.map((t) => t.shape));
    // inputs of rank > 3 attend over all their positions: flattened to [B, T, D], the results unflattened
    const r = list[0].rank, B = list[0].shape[0];
    const posQ = list[0].shape.slice(1, r - 1), posS = list[1].shape.slice(1, r - 1);
    const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
    const flat = (x: Tensor) => (r === 3 ? x : reshape(x, [B, size(x.shape.slice(1, r - 1)), x.shape[r - 1]]));
    const [query, value] = list.slice(0, 2).map(flat), key = list[2] ? flat(list[2]) : value;
    const useCausal = args.useCausalMask ?? this.graphArgs.useCausalMask ?? false;
    const returnScores = args.returnAttentionScores ?? this.graphArgs.returnAttentionScores ?? false;
    const W = this.kernels!;
    const f = (x: Tensor) => (x.dtype === 'float32' ? x : cast(x, 'float32'));
    const proj = (x: Tensor, eq: string, w: { kernel: Variable; bias: Variable | null }) => {
      const y = einsum(eq, f(x), w.kernel);
      return w.bias ? add(y, w.bias) : y;
    };
    // [B, T, H, K], [B, S, H, K], [B, S, H, V]
    const q = mul(proj(query, 'btd,dhk->bthk', W.query), 1 / Math.sqrt(this.keyDim));
    const k = proj(key, 'bsd,dhk->bshk', W.key);
    const v = proj(value, 'bsd,dhk->bshk', W.value);
    const logits = einsum('bshk,bthk->bhts', k, q);

    if (useCausal && r > 3) throw new Error(`${this.name}: useCausalMask is not supported for inputs of rank ${r} (only rank 3)`);
    const mask = this.attentionMask([query, value], list, args, useCausal, posQ, posS);
    let scores: Tensor;
    if (mask === null) scores = softmax(logits, -1);
    else {
      const m = expandDims(mask, 1); // [B, 1, T, S] over the heads
      scores = where(m, softmax(where(m, logits, -1e9), -1), 0);
    }
    let probs = scores;
    if (args.training && this.dropout > 0) {
      const seed = this.seed === null ? undefined : (Math.floor(this.seed) ^ Math.imul(this.calls++, 0x9e3779b9)) >>> 0;
      probs = dropout(scores, this.dropout, null, seed);
    }
    const o = einsum('bhts,bshk->bthk', probs, v);
    const y0 = proj(o, 'bthk,hko->bto', W.attention_output);
    const y = r === 3 ? y0 : reshape(y0, [B, ...posQ, y0.shape[2]]);
    if (!returnScores) return y;
    return [y, r === 3 ? scores : reshape(scores, [B, this.numHeads, ...posQ, ...posS])];
  }

  /**
   * The bool [B, T, S] mask: the attention mask AND the inputs' masks AND the causal mask (Keras), or null.
   * `flat` holds the inputs as [B, T, D] (positions flattened), `orig` as given; masks over several position
   * axes are flattened the same way.
   */
  private attentionMask(flat: Tensor[], orig: Tensor[], args: MultiHeadAttentionCallArgs, useCausal: boolean,
                        posQ: number[], posS: number[]): Tensor | null {
    const [query, value] = flat, B = query.shape[0], T = query.shape[1], S = value.shape[1];
    const bool = (t: Tensor) => (t.dtype === 'bool' ? t : greater(t, 0.5));
    const posMask = (t: Tensor, pos: number[], n: number, what: string) => {
      if (t.rank !== 1 + pos.length || t.shape.slice(1).some((d, i) => d !== pos[i])) {
        throw new Error(`${this.name}: the ${what} mask must have shape [${B}, ${pos.join(', ')}], got [${t.shape}]`);
      }
      return bool(pos.length === 1 ? t : reshape(t, [t.shape[0], n]));
    };
    let m: Tensor | null = null;
    const and = (t: Tensor) => { m = m === null ? t : logicalAnd(m, t); };
    const given = orig[3] ?? args.attentionMask ?? null;
    if (orig[3] && args.attentionMask) throw new Error(`${this.name}: the attention mask was given twice (4th input and attentionMask)`);
    // the Keras masks of the inputs (query [B, T] → [B, T, 1], value and key [B, S] → [B, 1, S])
    const masks = Array.isArray(args.mask) ? args.mask as (Tensor | null | undefined)[] : [];
    if (masks[0]) and(expandDims(posMask(masks[0], posQ, T, 'query'), -1));
    if (masks[1]) and(expandDims(posMask(masks[1], posS, S, 'value'), -2));
    if (masks[2] && orig[2] && orig[2] !== orig[1]) and(expandDims(posMask(masks[2], posS, S, 'key'), -2));
    if (useCausal) {
      // query position t attends to key positions s ≤ t (Keras: lower triangle of a [T, S] matrix of ones)
      const tri = new Array<number>(T * S);
      for (let t = 0; t < T; t++) for (let s = 0; s < S; s++) tri[t * S + s] = s <= t ? 1 : 0;
      and(greater(tensor(tri, [1, T, S]), 0.5));
    }
    if (given !== null) {
      const g = given as Tensor, want = [...posQ, ...posS];
      if (g.rank !== 1 + want.length || g.shape.slice(1).some((d, i) => d !== want[i]) || (g.shape[0] !== B && g.shape[0] !== 1)) {
        throw new Error(`${this.name}: the attention mask must have shape [${[B, ...want].join(', ')}] ([batch, T, S]), got [${g.shape}]`);
      }
      and(bool(want.length === 2 ? g : reshape(g, [g.shape[0], T, S])));
    }
    return m;
  }

  /** The output's mask is the query's (Keras). */
  computeMask(_inputs: Tensor | Tensor[], mask?: Tensor | Tensor[] | null): Tensor | null {
    return Array.isArray(mask) ? mask[0] ?? null : null;
  }

  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), numHeads: this.numHeads, keyDim: this.keyDim, valueDim: this.valueDim, dropout: this.dropout,
      useBias: this.useBias, outputShape: this.outputSize, attentionAxes: this.attentionAxes,
      kernelInitializer: serialize(this.kernelInitializer), biasInitializer: serialize(this.biasInitializer),
      kernelRegularizer: serialize(this.kernelRegularizer), biasRegularizer: serialize(this.biasRegularizer),
      kernelConstraint: serialize(this.kernelConstraint), biasConstraint: serialize(this.biasConstraint), seed: this.seed };
  }
}
