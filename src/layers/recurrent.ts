// Recurrent layers (tfjs-layers recurrent.ts, Keras rnn/): the cells SimpleRNNCell, GRUCell, LSTMCell and
// StackedRNNCells compute one timestep with ops; RNN runs a cell over the time axis (masks, goBackwards,
// initial and stateful states, dropout); SimpleRNN, GRU and LSTM are RNN with their cell.
//
// LSTM's and GRU's fast path: with the default activations (tanh, and sigmoid or hardSigmoid for the gates)
// and no recurrent dropout in training, an LSTM or GRU over the whole sequence is one matMul for the input
// projection of every timestep plus the fused lstmSequence/gruSequence op (src/ops/rnn.ts): per timestep one
// GEMM for the four LSTM gates and one elementwise kernel (GRU with resetAfter: one GEMM for its three gates;
// tfjs's GRU, reset before the projection: two GEMMs and two kernels), forward and backward. Everything else
// (SimpleRNN: matMul + add + activation per step, other activations, stacked cells) steps the cell with ops.
import type { Tensor, Variable } from '../core/tensor.js';
import { keep, untaped } from '../core/engine.js';
import { getInitializer, type Initializer, type InitializerArg } from '../initializers.js';
import { getRegularizer, type Regularizer, type RegularizerArg } from '../regularizers.js';
import { getConstraint, type Constraint, type ConstraintArg } from '../constraints.js';
import { add, mul, sub } from '../ops/binary.js';
import { concat, split, stack, unstack } from '../ops/join.js';
import { matMul } from '../ops/matmul.js';
import { dropout as dropoutOp } from '../ops/nn.js';
import { ones, onesLike, zeros } from '../ops/create.js';
import { slice } from '../ops/slice.js';
import { cast, clone, expandDims, reshape, transpose } from '../ops/shape.js';
import { conv2d } from '../ops/conv.js';
import { gruSequence, lstmSequence, LSTM_RECURRENT_ACTIVATIONS } from '../ops/rnn.js';
import { getActivation, serializeActivation, type Activation, type ActivationArg } from './activations.js';
import { describeArg, Layer, type CallArgs, type LayerArgs, type Shape } from './layer.js';
import { checkDataFormat, checkPadding, convOutputLength, fmt, positiveInt, serialize, tuple, type DataFormat, type PaddingMode } from './utils.js';

// Layers that hold other layers (RNN's cell, wrappers) rebuild them from {className, config} with the class
// registry of models/config.ts, which imports this module: it hands its deserializer over at load time.
type Deserialize = (entry: unknown, op: string) => Layer;
let deserializer: Deserialize | null = null;
/** @internal Called once by models/config.ts. */
export function provideLayerDeserializer(d: Deserialize): void { deserializer = d; }
/** @internal A layer from {className, config}. */
export function deserializeNested(entry: unknown): Layer {
  if (entry instanceof Layer) return entry;
  if (deserializer === null) throw new Error('ascent: the layer registry is not loaded');
  return deserializer(entry, 'fromConfig');
}

interface WeightEntry { variable: Variable; regularizer: Regularizer | null }
/**
 * @internal Builds `inner` with its weights named `<scope>/<weight>` (tfjs' name scopes: a wrapper's or an
 * RNN's inner layer has its weights under the outer layer's name); the layer keeps its own name.
 */
export function buildAs(inner: Layer, scope: string, shape: Shape | Shape[]): void {
  const own = inner.name;
  inner.name = scope;
  try { inner.build(shape); } finally { inner.name = own; }
  inner.built = true;
}

/** @internal The weights of `inner` counted as `outer`'s (an RNN's cell, a wrapper's layer). */
export function adoptWeights(outer: Layer, inner: Layer): void {
  const mine = (outer as unknown as { weightEntries: WeightEntry[] }).weightEntries;
  for (const e of (inner as unknown as { weightEntries: WeightEntry[] }).weightEntries) if (!mine.includes(e)) mine.push(e);
  outer.trainable = outer.trainable; // a frozen outer layer (trainable: false) freezes the adopted weights
}

const rank2 = (s: Shape | Shape[]): Shape => (Array.isArray(s[0]) ? (s as Shape[])[0] : (s as Shape));
const maskOf = (m: Tensor | (Tensor | null)[] | null | undefined): Tensor | null => (Array.isArray(m) ? m[0] ?? null : m ?? null);

function rate(layer: string, arg: string, v: unknown): number {
  if (v === undefined || v === null) return 0;
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Error(`${layer}: ${arg} must be a number in [0, 1], got ${describeArg(v)}`);
  return v;
}

// ---- cells ------------------------------------------------------------------------------------------

export interface BaseCellArgs extends LayerArgs {
  units: number;
  activation?: ActivationArg;
  useBias?: boolean;
  kernelInitializer?: InitializerArg;
  recurrentInitializer?: InitializerArg;
  biasInitializer?: InitializerArg;
  kernelRegularizer?: RegularizerArg;
  recurrentRegularizer?: RegularizerArg;
  biasRegularizer?: RegularizerArg;
  kernelConstraint?: ConstraintArg;
  recurrentConstraint?: ConstraintArg;
  biasConstraint?: ConstraintArg;
  /** Fraction of the inputs dropped in training (one mask per call, shared by the timesteps). */
  dropout?: number;
  /** Fraction of the recurrent state dropped in training. */
  recurrentDropout?: number;
}
export type SimpleRNNCellArgs = BaseCellArgs;
export interface GRUCellArgs extends BaseCellArgs {
  recurrentActivation?: ActivationArg;
  /** Accepted for configs; tfjs always computes as implementation 2. */
  implementation?: number;
  /** Keras 3's default (true): the reset gate multiplies the recurrent projection (bias [2, 3u]); tfjs: false. */
  resetAfter?: boolean;
}
export interface LSTMCellArgs extends BaseCellArgs {
  recurrentActivation?: ActivationArg;
  /** The forget gate's bias starts at 1 (Jozefowicz et al.). */
  unitForgetBias?: boolean;
  implementation?: number;
}

/** A cell: call([x_t, ...states]) → [output, ...newStates] for one timestep. */
export abstract class RNNCell extends Layer {
  /** The size of each state (the first is the output's). */
  abstract get stateSize(): number[];
  /** Input and recurrent dropout masks of the running RNN call (made on the first step, cleared after). */
  dropoutMask: Tensor | null = null;
  recurrentDropoutMask: Tensor | null = null;
  abstract call(inputs: Tensor | Tensor[], args: CallArgs): Tensor[];
  /** Forgets the dropout masks (an RNN calls it before and after running the sequence). */
  resetDropoutMasks(): void { this.dropoutMask = null; this.recurrentDropoutMask = null; }
}

/** The shared options of SimpleRNNCell, GRUCell and LSTMCell. */
abstract class KernelCell extends RNNCell {
  readonly units: number;
  readonly activation: Activation;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly recurrentInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly recurrentRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly recurrentConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  readonly dropout: number;
  readonly recurrentDropout: number;
  kernel: Variable | null = null;
  recurrentKernel: Variable | null = null;
  bias: Variable | null = null;

  constructor(args: BaseCellArgs) {
    super(args);
    this.units = positiveInt(this.name, 'units', args?.units);
    this.activation = getActivation(args.activation === undefined ? 'tanh' : args.activation);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotNormal');
    this.recurrentInitializer = getInitializer(args.recurrentInitializer ?? 'orthogonal');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    this.recurrentRegularizer = getRegularizer(args.recurrentRegularizer);
    this.biasRegularizer = getRegularizer(args.biasRegularizer);
    this.kernelConstraint = getConstraint(args.kernelConstraint);
    this.recurrentConstraint = getConstraint(args.recurrentConstraint);
    this.biasConstraint = getConstraint(args.biasConstraint);
    this.dropout = rate(this.name, 'dropout', args.dropout);
    this.recurrentDropout = rate(this.name, 'recurrentDropout', args.recurrentDropout);
  }

  /** Number of gate blocks in the kernels (1, 3, 4). */
  protected abstract get gates(): number;

  build(inputShape: Shape | Shape[]): void {
    const s = rank2(inputShape);
    const inputDim = s[s.length - 1];
    if (inputDim === null) throw new Error(`${this.name}: the last axis of the input must be known, got ${fmt(s)}`);
    const g = this.gates * this.units;
    this.kernel = this.addWeight('kernel', [inputDim, g], this.kernelInitializer,
      { regularizer: this.kernelRegularizer, constraint: this.kernelConstraint });
    this.recurrentKernel = this.addWeight('recurrent_kernel', [this.units, g], this.recurrentInitializer,
      { regularizer: this.recurrentRegularizer, constraint: this.recurrentConstraint });
    if (this.useBias) this.bias = this.addWeight('bias', this.biasShape(), this.biasInit(), { regularizer: this.biasRegularizer, constraint: this.biasConstraint });
    this.built = true;
  }
  protected biasShape(): number[] { return [this.gates * this.units]; }
  protected biasInit(): Initializer { return this.biasInitializer; }

  /** x_t and h₍t−1₎ with this call's dropout masks applied (training only). */
  protected dropped(x: Tensor, h: Tensor, training: boolean): [Tensor, Tensor] {
    if (training && this.dropout > 0 && this.dropout < 1) {
      this.dropoutMask ??= dropoutOp(onesLike(x), this.dropout);
      x = mul(x, this.dropoutMask);
    }
    if (training && this.recurrentDropout > 0 && this.recurrentDropout < 1) {
      this.recurrentDropoutMask ??= dropoutOp(onesLike(h), this.recurrentDropout);
      h = mul(h, this.recurrentDropoutMask);
    }
    return [x, h];
  }

  protected parts(inputs: Tensor | Tensor[], n: number): Tensor[] {
    if (!Array.isArray(inputs) || inputs.length !== n) {
      throw new Error(`${this.name}: expects ${n} input tensors (the input and ${n - 1} state${n > 2 ? 's' : ''}), got ${Array.isArray(inputs) ? inputs.length : 1}`);
    }
    const x = inputs[0];
    return [x.dtype === 'float32' ? x : cast(x, 'float32'), ...inputs.slice(1)];
  }

  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), units: this.units, activation: serializeActivation(this.activation), useBias: this.useBias,
      kernelInitializer: serialize(this.kernelInitializer), recurrentInitializer: serialize(this.recurrentInitializer),
      biasInitializer: serialize(this.biasInitializer), kernelRegularizer: serialize(this.kernelRegularizer),
      recurrentRegularizer: serialize(this.recurrentRegularizer), biasRegularizer: serialize(this.biasRegularizer),
      activityRegularizer: serialize(this.activityRegularizer), kernelConstraint: serialize(this.kernelConstraint),
      recurrentConstraint: serialize(this.recurrentConstraint), biasConstraint: serialize(this.biasConstraint),
      dropout: this.dropout, recurrentDropout: this.recurrentDropout };
  }
}

/**
 * h_t = activation(x_t·kernel + h₍t−1₎·recurrentKernel + bias) (Keras SimpleRNNCell).
 * @example tf.layers.rnn({cell: tf.layers.simpleRNNCell({units: 8})})
 */
export class SimpleRNNCell extends KernelCell {
  static className = 'SimpleRNNCell';
  constructor(args: SimpleRNNCellArgs) { super(args); }
  protected get gates(): number { return 1; }
  get stateSize(): number[] { return [this.units]; }

  call(inputs: Tensor | Tensor[], { training = false }: CallArgs = {}): Tensor[] {
    const [x0, h0] = this.parts(inputs, 2);
    const [x, h] = this.dropped(x0, h0, training);
    let z = matMul(x, this.kernel!);
    if (this.bias) z = add(z, this.bias);
    const out = this.activation.apply(add(z, matMul(h, this.recurrentKernel!)));
    return [out, out];
  }
}

/**
 * Gated recurrent unit (Cho et al. 2014; Keras GRUCell): gates z, r, h in that order in the kernels. tfjs
 * computes with the reset gate before the recurrent projection (resetAfter false, its only mode); Keras
 * 3's default resetAfter = true applies it after (and has a separate recurrent bias: bias [2, 3u]).
 */
export class GRUCell extends KernelCell {
  static className = 'GRUCell';
  readonly recurrentActivation: Activation;
  readonly implementation: number;
  readonly resetAfter: boolean;
  constructor(args: GRUCellArgs) {
    super(args);
    this.recurrentActivation = getActivation(args.recurrentActivation === undefined ? 'hardSigmoid' : args.recurrentActivation);
    this.implementation = args.implementation ?? 1;
    if (args.resetAfter != null && typeof args.resetAfter !== 'boolean') throw new Error(`${this.name}: resetAfter must be true or false, got ${describeArg(args.resetAfter)}`);
    this.resetAfter = args.resetAfter ?? false;
  }
  protected get gates(): number { return 3; }
  protected biasShape(): number[] { return this.resetAfter ? [2, 3 * this.units] : [3 * this.units]; }

  /** The fused kernel's code for the activations, or null (other activations step with ops). */
  fusedActivation(): number | null {
    if (this.activation.className !== 'tanh') return null;
    const r = this.recurrentActivation.className;
    return r === 'sigmoid' || r === 'hardSigmoid' ? LSTM_RECURRENT_ACTIVATIONS[r] : null;
  }
  get stateSize(): number[] { return [this.units]; }

  call(inputs: Tensor | Tensor[], { training = false }: CallArgs = {}): Tensor[] {
    const [x0, hPrev] = this.parts(inputs, 2);
    const [x, h] = this.dropped(x0, hPrev, training);
    const u = this.units, ra = this.recurrentActivation;
    let mx = matMul(x, this.kernel!);
    let inputBias: Tensor | null = null, recBias: Tensor | null = null;
    if (this.bias) {
      if (this.resetAfter) [inputBias, recBias] = unstack(this.bias, 0);
      else inputBias = this.bias;
    }
    if (inputBias) mx = add(mx, inputBias);
    const [xz, xr, xh] = split(mx, 3, -1);
    let hh: Tensor, z: Tensor;
    if (this.resetAfter) {
      let inner = matMul(h, this.recurrentKernel!);
      if (recBias) inner = add(inner, recBias);
      const [iz, ir, ih] = split(inner, 3, -1);
      z = ra.apply(add(xz, iz));
      const r = ra.apply(add(xr, ir));
      hh = this.activation.apply(add(xh, mul(r, ih)));
    } else {
      const [rk1, rk2] = split(this.recurrentKernel!, [2 * u, u], -1);
      const [iz, ir] = split(matMul(h, rk1), 2, -1);
      z = ra.apply(add(xz, iz));
      const r = ra.apply(add(xr, ir));
      hh = this.activation.apply(add(xh, matMul(mul(r, h), rk2)));
    }
    // h = z·h₍t−1₎ + (1 − z)·hh (the state before recurrent dropout, as Keras)
    const out = add(mul(z, hPrev), mul(sub(1, z), hh));
    return [out, out];
  }

  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), recurrentActivation: serializeActivation(this.recurrentActivation),
      implementation: this.implementation, resetAfter: this.resetAfter };
  }
}

/**
 * Long short-term memory (Hochreiter 1997; Keras LSTMCell): gates i, f, c, o in that order in the kernels;
 * states [h, c].
 */
export class LSTMCell extends KernelCell {
  static className = 'LSTMCell';
  readonly recurrentActivation: Activation;
  readonly unitForgetBias: boolean;
  readonly implementation: number;
  constructor(args: LSTMCellArgs) {
    super(args);
    this.recurrentActivation = getActivation(args.recurrentActivation === undefined ? 'hardSigmoid' : args.recurrentActivation);
    this.unitForgetBias = args.unitForgetBias ?? false;
    this.implementation = args.implementation ?? 1;
  }
  protected get gates(): number { return 4; }
  get stateSize(): number[] { return [this.units, this.units]; }

  protected biasInit(): Initializer {
    if (!this.unitForgetBias) return this.biasInitializer;
    const init = this.biasInitializer, u = this.units;
    return { className: init.className, getConfig: () => init.getConfig(),
      // the three parts are temporaries: freed here (they leaked 3 tensors per LSTM built with unitForgetBias)
      apply: () => {
        const parts = [init.apply([u]), ones([u]), init.apply([2 * u])];
        try { return concat(parts, 0); } finally { for (const p of parts) p.dispose(); }
      } };
  }

  /** The fused kernel's code for the activations, or null (other activations step with ops). */
  fusedActivation(): number | null {
    if (this.activation.className !== 'tanh') return null;
    const r = this.recurrentActivation.className;
    return r === 'sigmoid' || r === 'hardSigmoid' ? LSTM_RECURRENT_ACTIVATIONS[r] : null;
  }

  call(inputs: Tensor | Tensor[], { training = false }: CallArgs = {}): Tensor[] {
    const [x0, h0, cPrev] = this.parts(inputs, 3);
    const [x, h] = this.dropped(x0, h0, training);
    let z = add(matMul(x, this.kernel!), matMul(h, this.recurrentKernel!));
    if (this.bias) z = add(z, this.bias);
    const [zi, zf, zc, zo] = split(z, 4, -1);
    const ra = this.recurrentActivation;
    const i = ra.apply(zi), f = ra.apply(zf), o = ra.apply(zo);
    const c = add(mul(f, cPrev), mul(i, this.activation.apply(zc)));
    const out = mul(o, this.activation.apply(c));
    return [out, out, c];
  }

  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), recurrentActivation: serializeActivation(this.recurrentActivation),
      unitForgetBias: this.unitForgetBias, implementation: this.implementation };
  }
}

export interface StackedRNNCellsArgs extends LayerArgs { cells: RNNCell[] }

/**
 * Cells applied one after another at each timestep (a deep RNN in one RNN layer). The states are a flat
 * list in reverse order of the stack, as tfjs and Keras 2: [h2, c2, h1, c1] for two LSTM cells.
 */
export class StackedRNNCells extends RNNCell {
  static className = 'StackedRNNCells';
  readonly cells: RNNCell[];
  constructor(args: StackedRNNCellsArgs) {
    super(args);
    if (!Array.isArray(args?.cells) || args.cells.length === 0 || !args.cells.every((c) => c instanceof RNNCell)) {
      throw new Error(`${this.name}: cells must be a non-empty list of RNN cells, got ${describeArg(args?.cells)}`);
    }
    this.cells = args.cells.slice();
  }
  get stateSize(): number[] { return this.cells.slice().reverse().flatMap((c) => c.stateSize); }

  build(inputShape: Shape | Shape[]): void {
    let s = rank2(inputShape);
    for (const [i, cell] of this.cells.entries()) {
      if (!cell.built) buildAs(cell, `${this.name}/RNNCell_${i}`, s);
      adoptWeights(this, cell);
      s = [s[0], cell.stateSize[0]];
    }
    this.built = true;
  }

  call(inputs: Tensor | Tensor[], args: CallArgs = {}): Tensor[] {
    if (!Array.isArray(inputs)) throw new Error(`${this.name}: expects [input, ...states]`);
    const states = inputs.slice(1);
    const nested: Tensor[][] = [];
    for (const cell of this.cells.slice().reverse()) nested.push(states.splice(0, cell.stateSize.length));
    nested.reverse();
    let x = inputs[0];
    const newStates: Tensor[][] = [];
    this.cells.forEach((cell, i) => {
      const out = cell.call([x, ...nested[i]], args);
      x = out[0];
      newStates.push(out.slice(1));
    });
    return [x, ...newStates.reverse().flat()];
  }

  resetDropoutMasks(): void { for (const c of this.cells) c.resetDropoutMasks(); }

  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), cells: this.cells.map((c) => ({ className: c.getClassName(), config: c.getConfig() })) };
  }
  static fromConfig(cls: unknown, config: Record<string, unknown>): Layer {
    const cells = (config.cells as unknown[]).map((c) => deserializeNested(c));
    return new (cls as typeof StackedRNNCells)({ ...config, cells: cells as RNNCell[] });
  }
}

// ---- the RNN layer ----------------------------------------------------------------------------------

export interface BaseRNNLayerArgs extends LayerArgs {
  /** Return the output of every timestep [batch, time, units] (else the last [batch, units]). */
  returnSequences?: boolean;
  /** Also return the final states: [output, ...states]. */
  returnState?: boolean;
  /** Process the sequence backwards (the returned sequence is in processing order, as Keras). */
  goBackwards?: boolean;
  /** Carry the final states of a batch into the next call (fixed batch size; resetStates() clears them). */
  stateful?: boolean;
  /** Accepted for Keras/tfjs configs; the loop is always a loop. */
  unroll?: boolean;
  inputDim?: number;
  inputLength?: number;
}
export interface RNNLayerArgs extends BaseRNNLayerArgs { cell: RNNCell | RNNCell[] }

/**
 * Runs a cell over the time axis of [batch, time, features] (Keras RNN). Accepts [x, ...initialStates] as
 * a list of inputs or {initialState} in apply's options, and a mask [batch, time] (a masked step keeps the
 * previous output and states).
 * @example tf.layers.rnn({cell: [tf.layers.lstmCell({units: 8}), tf.layers.lstmCell({units: 4})]})
 */
export class RNN extends Layer {
  static className = 'RNN';
  static multiInput = true;
  supportsMasking = true;
  readonly cell: RNNCell;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  readonly stateful: boolean;
  readonly unroll: boolean;
  private states_: Tensor[] | null = null;
  private statefulBatch: number | null = null;
  /** The states' shapes without the batch axis, once built. */
  private builtStateShapes: number[][] | null = null;
  /** The input's rank: [batch, time, features] (ConvLSTM2D: [batch, time, rows, cols, channels]). */
  protected get inputRank(): number { return 3; }

  constructor(args: RNNLayerArgs) {
    const inputShape = args?.inputShape ?? (args?.inputDim != null ? [args.inputLength ?? null, args.inputDim] : undefined);
    super({ ...args, inputShape });
    const cell = args?.cell;
    if (Array.isArray(cell)) this.cell = new StackedRNNCells({ cells: cell });
    else if (cell instanceof RNNCell) this.cell = cell;
    else throw new Error(`${this.name}: cell must be an RNN cell (tf.layers.lstmCell …) or a list of them, got ${describeArg(cell)}`);
    const bool = (k: keyof BaseRNNLayerArgs): boolean => {
      const v = args[k];
      if (v != null && typeof v !== 'boolean') throw new Error(`${this.name}: ${k} must be true or false, got ${describeArg(v)}`);
      return (v as boolean | undefined) ?? false;
    };
    this.returnSequences = bool('returnSequences');
    this.returnState = bool('returnState');
    this.goBackwards = bool('goBackwards');
    this.stateful = bool('stateful');
    this.unroll = bool('unroll');
    this.inputSpec = { ndim: this.inputRank };
  }

  /** The shapes of the states without the batch axis for an input shape (batch axis included). */
  protected stateShapes(_inputShape: Shape): (number | null)[][] { return this.cell.stateSize.map((d) => [d]); }

  private rankError(shape: readonly (number | null)[]): Error {
    return new Error(`${this.name}: expected input of rank ${this.inputRank} [batch, time, ${this.inputRank === 3 ? 'features' : 'rows, cols, channels'}], got ${fmt(shape as Shape)}`);
  }

  /** The cell's weights are this layer's. */
  build(inputShape: Shape | Shape[]): void {
    const s = rank2(inputShape);
    if (s.length !== this.inputRank) throw this.rankError(s);
    // the cell's weights are named as tfjs names them: <rnn>/kernel, stacked cells <rnn>/RNNCell_<i>/kernel
    if (!this.cell.built) buildAs(this.cell, this.name, [s[0], ...s.slice(2)]);
    adoptWeights(this, this.cell);
    const shapes = this.stateShapes(s);
    if (shapes.every((sh) => sh.every((d) => d !== null))) this.builtStateShapes = shapes as number[][];
    if (this.stateful) {
      if (s[0] === null) {
        throw new Error(`${this.name}: a stateful RNN needs a fixed batch size: give the first layer batchInputShape (or batchSize), or the input a batch size`);
      }
      this.statefulBatch = s[0];
      this.resetStates();
    }
    this.built = true;
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const s = rank2(inputShape);
    const shapes = this.stateShapes(s);
    const out: Shape = this.returnSequences ? [s[0], s[1], ...shapes[0]] : [s[0], ...shapes[0]];
    return this.returnState ? [out, ...shapes.map((sh) => [s[0], ...sh])] : out;
  }

  computeMask(_inputs: Tensor | Tensor[], mask?: Tensor | (Tensor | null)[] | null): Tensor | (Tensor | null)[] | null {
    const m = this.returnSequences ? maskOf(mask) : null;
    return this.returnState ? [m as Tensor, ...this.cell.stateSize.map(() => null as unknown as Tensor)] : m;
  }

  /** The current states of a stateful layer (null entries before the first call). */
  get states(): (Tensor | null)[] { return this.states_ ?? this.cell.stateSize.map(() => null); }

  /**
   * Sets a stateful layer's states to zeros, or to `states` (tfjs resetStates). Without states, nothing for
   * a layer that is not stateful (model.resetStates() calls every layer).
   */
  resetStates(states?: Tensor | Tensor[]): void {
    if (!this.stateful) {
      if (states === undefined) return;
      throw new Error(`${this.name}: resetStates(states) is for stateful RNNs (stateful: true)`);
    }
    const batch = this.statefulBatch ?? this.batchInputShape?.[0] ?? null;
    if (batch === null) throw new Error(`${this.name}: a stateful RNN needs a fixed batch size (batchInputShape) before resetStates()`);
    const shapes = this.builtStateShapes;
    if (shapes === null) throw new Error(`${this.name}: resetStates() needs the layer built (call it on data first)`);
    const given = states === undefined ? null : Array.isArray(states) ? states : [states];
    if (given && given.length !== shapes.length) throw new Error(`${this.name}: expects ${shapes.length} state(s), got ${given.length}`);
    given?.forEach((t, i) => {
      if (t.shape.join() !== [batch, ...shapes[i]].join()) throw new Error(`${this.name}: state ${i} must be [${[batch, ...shapes[i]]}], got [${t.shape}]`);
    });
    const old = this.states_;
    this.states_ = untaped(() => shapes.map((sh, i) => keep(given ? clone(given[i]) : zeros([batch, ...sh]))));
    old?.forEach((t) => t.dispose());
  }

  call(inputs: Tensor | Tensor[], args: CallArgs = {}): Tensor | Tensor[] {
    let x: Tensor;
    let initial: Tensor[] | null = null;
    if (Array.isArray(inputs)) {
      x = inputs[0];
      if (inputs.length > 1) initial = inputs.slice(1);
    } else x = inputs;
    const extra = args.initialState as Tensor | Tensor[] | undefined;
    if (extra != null) {
      if (initial !== null) throw new Error(`${this.name}: initial states given both in the inputs list and as initialState`);
      initial = Array.isArray(extra) ? extra : [extra];
    }
    if (x.rank !== this.inputRank) throw this.rankError(x.shape);
    if (x.dtype !== 'float32') x = cast(x, 'float32');
    const [B] = x.shape;
    const shapes = this.stateShapes(x.shape) as number[][];
    if (initial === null && this.stateful && this.states_ !== null) initial = this.states_;
    if (initial === null) initial = shapes.map((sh) => zeros([B, ...sh]));
    if (initial.length !== shapes.length) throw new Error(`${this.name}: has ${shapes.length} state(s) but was given ${initial.length} initial state(s)`);
    initial.forEach((t, i) => {
      if (t.shape.join() !== [B, ...shapes[i]].join()) {
        throw new Error(`${this.name}: initial state ${i} must be [${[B, ...shapes[i]]}], got [${t.shape}]`);
      }
    });
    const m = maskOf(args.mask);
    if (m !== null && (m.rank !== 2 || m.shape[0] !== B || m.shape[1] !== x.shape[1])) {
      throw new Error(`${this.name}: the mask must be [batch, time] = [${x.shape.slice(0, 2)}], got [${m.shape}]`);
    }
    const training = args.training ?? false;
    this.cell.resetDropoutMasks();
    let res: { output: Tensor; states: Tensor[] };
    try {
      res = this.fused(x, initial, m, training) ?? this.stepped(x, initial, m, training);
    } finally { this.cell.resetDropoutMasks(); }
    if (this.stateful) this.resetStates(res.states);
    return this.returnState ? [res.output, ...res.states] : res.output;
  }

  /** The cell stepped with ops over time (any cell, any option). */
  private stepped(x: Tensor, initial: Tensor[], mask: Tensor | null, training: boolean): { output: Tensor; states: Tensor[] } {
    const steps = unstack(x, 1);
    // a step's mask [batch, 1, …] broadcasts over the states' axes
    const masks = mask === null ? null
      : unstack(reshape(cast(mask, 'float32'), [...mask.shape, ...new Array<number>(Math.max(1, initial[0].rank - 1)).fill(1)]), 1);
    if (this.goBackwards) { steps.reverse(); masks?.reverse(); }
    let states = initial;
    let last: Tensor | null = null;
    const outputs: Tensor[] = [];
    for (let t = 0; t < steps.length; t++) {
      const r = this.cell.call([steps[t], ...states], { training });
      let out = r[0], next = r.slice(1);
      if (masks) {
        const k = masks[t], drop = sub(1, k);
        out = add(mul(out, k), mul(states[0], drop));
        next = next.map((s, i) => add(mul(s, k), mul(states[i], drop)));
      }
      states = next;
      last = out;
      if (this.returnSequences) outputs.push(out);
    }
    if (last === null) throw new Error(`${this.name}: the input has no timesteps`);
    return { output: this.returnSequences ? stack(outputs, 1) : last, states };
  }

  /** LSTM's and GRU's fused path (see the top of this file), or null when it does not apply. */
  private fused(x: Tensor, initial: Tensor[], mask: Tensor | null, training: boolean): { output: Tensor; states: Tensor[] } | null {
    const cell = this.cell;
    if (!(cell instanceof LSTMCell || cell instanceof GRUCell) || cell instanceof ConvLSTM2DCell || x.shape[1] === 0) return null;
    const code = cell.fusedActivation();
    if (code === null || (training && cell.recurrentDropout > 0 && cell.recurrentDropout < 1)) return null;
    const [B, T, D] = x.shape, u = cell.units, lstm = cell instanceof LSTMCell;
    let xin = x;
    if (training && cell.dropout > 0 && cell.dropout < 1) {
      xin = mul(x, expandDims(dropoutOp(ones([B, D]), cell.dropout), 1));
    }
    // the input projection of every timestep: one matMul (+ the input bias)
    let xp = matMul(reshape(xin, [B * T, D]), cell.kernel!);
    let recBias: Tensor | null = null;
    if (cell.bias) {
      if (!lstm && cell.resetAfter) {
        const [bIn, bRec] = unstack(cell.bias, 0);
        xp = add(xp, bIn);
        recBias = bRec;
      } else xp = add(xp, cell.bias);
    }
    const m = mask === null ? null : cast(mask, 'float32');
    const G = (lstm ? 4 : 3) * u;
    const y = lstm
      ? lstmSequence(reshape(xp, [B, T, G]), initial[0], initial[1], cell.recurrentKernel!, m, this.goBackwards, code)
      : gruSequence(reshape(xp, [B, T, G]), initial[0], cell.recurrentKernel!, recBias, m, this.goBackwards, code, cell.resetAfter);
    const hAt = lstm ? 5 * u : 4 * u;
    const h = reshape(slice(y, [0, T - 1, hAt], [B, 1, u]), [B, u]);
    const states = lstm ? [h, reshape(slice(y, [0, T - 1, 4 * u], [B, 1, u]), [B, u])] : [h];
    return { output: this.returnSequences ? slice(y, [0, 0, hAt], [B, T, u]) : h, states };
  }

  getConfig(): Record<string, unknown> {
    const base = { ...super.getConfig() };
    const own = { returnSequences: this.returnSequences, returnState: this.returnState, goBackwards: this.goBackwards,
      stateful: this.stateful, unroll: this.unroll };
    if (this.constructor === RNN) return { ...base, ...own, cell: { className: this.cell.getClassName(), config: this.cell.getConfig() } };
    // SimpleRNN, GRU, LSTM: the cell's options flat, the layer's name and base options over them (tfjs)
    const cellConfig = { ...this.cell.getConfig() };
    return { ...cellConfig, ...base, ...own };
  }

  static fromConfig(cls: unknown, config: Record<string, unknown>): Layer {
    if (cls !== RNN) return new (cls as new (a: Record<string, unknown>) => Layer)(config);
    const c = config.cell;
    const cell = Array.isArray(c) ? c.map((e) => deserializeNested(e)) : deserializeNested(c);
    return new RNN({ ...(config as unknown as RNNLayerArgs), cell: cell as RNNCell | RNNCell[] });
  }

  dispose(): void {
    super.dispose();
    this.states_?.forEach((t) => t.dispose());
    this.states_ = null;
  }
}

export interface SimpleRNNLayerArgs extends BaseRNNLayerArgs, SimpleRNNCellArgs {}
export interface GRULayerArgs extends BaseRNNLayerArgs, GRUCellArgs {}
export interface LSTMLayerArgs extends BaseRNNLayerArgs, LSTMCellArgs {}

/** Drops the layer-only options from a layer's args before they make its cell. */
function cellArgs<T extends LayerArgs>(args: T): T {
  const { name: _n, inputShape: _i, batchInputShape: _b, batchSize: _s, activityRegularizer: _a, trainable: _t, ...rest } = args ?? ({} as T);
  return rest as T;
}

/**
 * A fully connected RNN (Keras SimpleRNN): h_t = tanh(x_t·W + h₍t−1₎·U + b).
 * @example tf.layers.simpleRNN({units: 16, returnSequences: true, inputShape: [10, 4]})
 */
export class SimpleRNN extends RNN {
  static className = 'SimpleRNN';
  declare readonly cell: SimpleRNNCell;
  constructor(args: SimpleRNNLayerArgs) { super({ ...args, cell: new SimpleRNNCell(cellArgs(args)) }); }
}

/**
 * Gated recurrent unit layer (Keras GRU, tfjs defaults: recurrentActivation hardSigmoid, resetAfter false).
 * @example tf.layers.gru({units: 32, inputShape: [20, 8]})
 */
export class GRU extends RNN {
  static className = 'GRU';
  declare readonly cell: GRUCell;
  constructor(args: GRULayerArgs) { super({ ...args, cell: new GRUCell(cellArgs(args)) }); }
}

/**
 * Long short-term memory layer (Keras LSTM; tfjs defaults: recurrentActivation hardSigmoid). With tanh
 * and sigmoid/hardSigmoid it runs fused: one GEMM and one elementwise kernel per timestep.
 * @example tf.layers.lstm({units: 128, returnSequences: true, inputShape: [40, 32]})
 */
export class LSTM extends RNN {
  static className = 'LSTM';
  declare readonly cell: LSTMCell;
  constructor(args: LSTMLayerArgs) { super({ ...args, cell: new LSTMCell(cellArgs(args)) }); }
}

// ---- ConvLSTM2D -------------------------------------------------------------------------------------

export interface ConvLSTM2DCellArgs extends Omit<LSTMCellArgs, 'units'> {
  filters: number;
  kernelSize: number | number[];
  strides?: number | number[];
  padding?: 'valid' | 'same';
  dataFormat?: DataFormat;
  dilationRate?: number | number[];
}
export interface ConvLSTM2DArgs extends BaseRNNLayerArgs, ConvLSTM2DCellArgs {}

/**
 * An LSTM cell whose input and recurrent transforms are convolutions (Shi et al. 2015; tfjs ConvLSTM2DCell):
 * kernel [kh, kw, channels, 4·filters], recurrentKernel [kh, kw, filters, 4·filters] ('same', stride 1),
 * gates i, f, c, o. States [h, c] are images [batch, rows, cols, filters] (channelsFirst: [batch, filters, …]).
 * In training, one dropout mask for the inputs and one for the state serve the four gates (Keras 3).
 */
export class ConvLSTM2DCell extends LSTMCell {
  static className = 'ConvLSTM2DCell';
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: PaddingMode;
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];
  constructor(args: ConvLSTM2DCellArgs) {
    super({ ...args, units: args?.filters } as LSTMCellArgs);
    const n = this.name;
    this.filters = this.units;
    this.kernelSize = tuple(n, 'kernelSize', args.kernelSize, 2);
    this.strides = tuple(n, 'strides', args.strides ?? 1, 2);
    this.padding = checkPadding(n, args.padding ?? 'valid');
    this.dataFormat = checkDataFormat(n, args.dataFormat);
    this.dilationRate = tuple(n, 'dilationRate', args.dilationRate ?? 1, 2);
  }

  build(inputShape: Shape | Shape[]): void {
    const s = rank2(inputShape);
    const ch = s[this.dataFormat === 'channelsFirst' ? 1 : s.length - 1];
    if (ch === null || ch === undefined) throw new Error(`${this.name}: the channel axis of the input must be known, got ${fmt(s)}`);
    const [kh, kw] = this.kernelSize, f = this.filters;
    this.kernel = this.addWeight('kernel', [kh, kw, ch, 4 * f], this.kernelInitializer,
      { regularizer: this.kernelRegularizer, constraint: this.kernelConstraint });
    this.recurrentKernel = this.addWeight('recurrent_kernel', [kh, kw, f, 4 * f], this.recurrentInitializer,
      { regularizer: this.recurrentRegularizer, constraint: this.recurrentConstraint });
    if (this.useBias) this.bias = this.addWeight('bias', [4 * f], this.biasInit(), { regularizer: this.biasRegularizer, constraint: this.biasConstraint });
    this.built = true;
  }

  /** The state's shape [rows, cols, filters] (channelsFirst [filters, rows, cols]) for a step input [batch, …]. */
  stateShape(stepShape: Shape): (number | null)[] {
    const first = this.dataFormat === 'channelsFirst';
    const [h, w] = first ? [stepShape[2], stepShape[3]] : [stepShape[1], stepShape[2]];
    const ho = convOutputLength(h, this.kernelSize[0], this.padding, this.strides[0], this.dilationRate[0]);
    const wo = convOutputLength(w, this.kernelSize[1], this.padding, this.strides[1], this.dilationRate[1]);
    return first ? [this.filters, ho, wo] : [ho, wo, this.filters];
  }

  call(inputs: Tensor | Tensor[], { training = false }: CallArgs = {}): Tensor[] {
    let [x0, h0, cPrev] = this.parts(inputs, 3);
    const first = this.dataFormat === 'channelsFirst';
    if (first) [x0, h0, cPrev] = [x0, h0, cPrev].map((t) => transpose(t, [0, 2, 3, 1]));
    const [x, h] = this.dropped(x0, h0, training);
    let z = add(conv2d(x, this.kernel!, this.strides as [number, number], this.padding, 'NHWC', this.dilationRate as [number, number]),
      conv2d(h, this.recurrentKernel!, 1, 'same'));
    if (this.bias) z = add(z, this.bias);
    const [zi, zf, zc, zo] = split(z, 4, -1);
    const ra = this.recurrentActivation;
    const c = add(mul(ra.apply(zf), cPrev), mul(ra.apply(zi), this.activation.apply(zc)));
    let out = mul(ra.apply(zo), this.activation.apply(c));
    let cOut = c;
    if (first) [out, cOut] = [out, c].map((t) => transpose(t, [0, 3, 1, 2]));
    return [out, out, cOut];
  }

  getConfig(): Record<string, unknown> {
    const { units: _u, ...rest } = super.getConfig();
    return { ...rest, filters: this.filters, kernelSize: this.kernelSize.slice(), padding: this.padding, dataFormat: this.dataFormat,
      dilationRate: this.dilationRate.slice(), strides: this.strides.slice() };
  }
}

/**
 * A convolutional LSTM over [batch, time, rows, cols, channels] (tfjs ConvLSTM2D): the sequence of images
 * in, images of `filters` channels out (every step's with returnSequences).
 * @example tf.layers.convLstm2d({filters: 8, kernelSize: 3, padding: 'same', inputShape: [10, 16, 16, 1]})
 */
export class ConvLSTM2D extends RNN {
  static className = 'ConvLSTM2D';
  declare readonly cell: ConvLSTM2DCell;
  constructor(args: ConvLSTM2DArgs) { super({ ...args, cell: new ConvLSTM2DCell(cellArgs(args)) }); }
  protected get inputRank(): number { return 5; }
  protected stateShapes(s: Shape): (number | null)[][] {
    const sh = this.cell.stateShape([s[0], ...s.slice(2)]);
    return [sh, sh];
  }
}

