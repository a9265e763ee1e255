// The base of every layer (Keras semantics, tfjs-layers names): weights are created lazily by build()
// from the first input shape, owned as Variables named `<layer>/<weight>` (Keras' 'dense/kernel'),
// and `trainable = false` freezes them. call(inputs, {training}) is the forward pass; apply() builds on
// first use then calls.
import type { DType } from '../core/dtype.js';
import { keep, tidy, untaped } from '../core/engine.js';
import { getInitializer, type Initializer, type InitializerArg } from '../initializers.js';
import { getRegularizer, type Regularizer, type RegularizerArg } from '../regularizers.js';
import type { Constraint } from '../constraints.js';
import { Tensor, Variable } from '../core/tensor.js';
import { add, div } from '../ops/binary.js';
import { clone } from '../ops/shape.js';

export type Shape = (number | null)[];

let nextSymbolicId = 0;

/**
 * The functional API's graph (tfjs SymbolicTensor, Keras KerasTensor): a shape with a null batch axis and
 * the layer call that makes it. tf.input() (symbolic.ts) makes the graph's inputs; applying a layer to
 * symbolic tensors builds the layer and records a node instead of computing; tf.model({inputs, outputs})
 * runs the recorded nodes on real tensors. Defined with Layer, which makes and consumes them.
 */
export class SymbolicTensor {
  readonly id = nextSymbolicId++;
  readonly __symbolic = true;
  /**
   * All outputs of the layer call that made this tensor (itself included, in output order): a layer with
   * several outputs (an RNN with returnState, attention with its scores) makes them in one call.
   */
  siblings: SymbolicTensor[] = [this];
  /**
   * The call's arguments other than training and mask ({useCausalMask: true} …): a functional model passes them
   * again when it runs the node, and saves them as the node's kwargs (Keras).
   */
  callArgs: Record<string, unknown> = {};
  constructor(
    readonly shape: Shape,
    readonly name: string,
    /** The layer whose output this is (null for a model input). */
    readonly sourceLayer: Layer | null = null,
    readonly inputs: SymbolicTensor[] = [],
    /** Which output of the layer call this is (Keras' tensor_index). */
    readonly outputIndex = 0,
  ) {}
  get rank(): number { return this.shape.length; }
}

/** The end of assertInputCompatible's messages. */
function gotShape(shape: Shape): string { return `got input of shape [${shape.map((d) => d ?? 'None')}]`; }

/** Whether a computeOutputShape result is a list of shapes (several outputs) rather than one shape. */
export function isShapeList(s: Shape | Shape[]): s is Shape[] { return s.length > 0 && Array.isArray(s[0]); }

export function isSymbolic(x: unknown): x is SymbolicTensor | SymbolicTensor[] {
  const first = Array.isArray(x) ? x[0] : x;
  return typeof first === 'object' && first !== null && (first as { __symbolic?: boolean }).__symbolic === true;
}

export interface LayerArgs {
  name?: string;
  trainable?: boolean;
  /** Shape of one example (without the batch axis), as Keras' input_shape. */
  inputShape?: Shape;
  batchInputShape?: Shape;
  batchSize?: number;
  dtype?: DType;
  /** Keras' activity_regularizer: a penalty on the layer's output, per example, added to the loss. */
  activityRegularizer?: RegularizerArg;
}

export interface CallArgs {
  training?: boolean;
  /** The mask the inputs carry (Keras' mask argument): bool [batch, time], one per input for several inputs. */
  mask?: Tensor | (Tensor | null)[] | null;
  /** A recurrent layer's initial state (Keras' initial_state) for eager calls. */
  initialState?: Tensor[];
}

/**
 * What a layer accepts (Keras InputSpec): a rank (ndim, or a minimum/maximum) and fixed sizes on some axes
 * (negative axes count from the end). Checked by apply() before build and on every call.
 */
export interface InputSpec { ndim?: number; minNdim?: number; maxNdim?: number; axes?: Record<number, number> }

// Keras-style unique names per class: dense, dense_1, dense_2 … (zeroBased = false: input_1, input_2 …,
// as Keras names InputLayers). Names given explicitly (a loaded model's) are skipped, so a new layer
// never takes the name of a loaded one.
const nameCounts = new Map<string, number>();
const givenNames = new Set<string>();
export function uniqueName(base: string, zeroBased = true): string {
  for (;;) {
    const n = nameCounts.get(base) ?? 0;
    nameCounts.set(base, n + 1);
    const name = !zeroBased ? `${base}_${n + 1}` : n === 0 ? base : `${base}_${n}`;
    if (!givenNames.has(name)) return name;
  }
}
/** Resets the per-class name counters (Keras' clear_session naming). */
export function resetLayerNames(): void { nameCounts.clear(); givenNames.clear(); }

/** Keras' to_snake_case, regex for regex: MaxPooling2D → max_pooling2d, ReLU → re_lu, LeakyReLU → leaky_re_lu. */
export function snake(name: string): string {
  const s = name.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return s.startsWith('_') ? `private${s}` : s;
}

/** A short description of an argument for error messages (never throws: cycles, BigInt, a bad toString). */
export function describeArg(v: unknown): string {
  try { return (JSON.stringify(v) ?? String(v)).slice(0, 80); } catch { return Array.isArray(v) ? 'an array' : typeof v; }
}

/** A class's Keras name: its own static className (survives minification), else the constructor's name. */
function classNameOf(ctor: Function): string {
  return Object.prototype.hasOwnProperty.call(ctor, 'className') ? (ctor as unknown as { className: string }).className : ctor.name;
}

interface WeightEntry { variable: Variable; regularizer: Regularizer | null }

export abstract class Layer {
  name: string;
  built = false;
  /** Shape of the input including the batch axis (null = any), when given or once built. */
  batchInputShape: Shape | null;
  readonly dtype: DType;
  /** Accepted inputs; layers set it in the constructor (rank) and in build (sizes). */
  inputSpec: InputSpec | null = null;
  protected readonly weightEntries: WeightEntry[] = [];
  private _trainable: boolean;
  readonly activityRegularizer: Regularizer | null;
  /** The activity penalty of the latest call (Keras' layer.losses): kept past the call's scopes, freed by the next call. */
  private activityLoss: Tensor | null = null;

  constructor(args: LayerArgs = {}) {
    const cls = classNameOf(this.constructor);
    if (args.name !== undefined && args.name !== null && typeof args.name !== 'string') {
      throw new Error(`${cls}: name must be a string, got ${describeArg(args.name)}`);
    }
    if (args.name != null) givenNames.add(args.name);
    this.name = args.name ?? uniqueName(snake(cls));
    if (args.trainable != null && typeof args.trainable !== 'boolean') throw new Error(`${this.name}: trainable must be true or false, got ${describeArg(args.trainable)}`);
    this._trainable = args.trainable ?? true;
    this.dtype = args.dtype ?? 'float32';
    // shapes come from configs (model.json): sizes are non-negative integers or null (unknown)
    const shape = (arg: string, v: unknown): Shape | null => {
      if (v === undefined || v === null) return null;
      if (!Array.isArray(v) || !v.every((d) => d === null || (Number.isSafeInteger(d) && d >= 0))) {
        throw new Error(`${this.name}: ${arg} must be a list of non-negative integers or null, got ${describeArg(v)}`);
      }
      return v;
    };
    const batch = args.batchSize ?? null;
    if (batch !== null && !(Number.isSafeInteger(batch) && batch >= 0)) throw new Error(`${this.name}: batchSize must be a non-negative integer, got ${describeArg(batch)}`);
    const given = shape('inputShape', args.inputShape);
    this.batchInputShape = shape('batchInputShape', args.batchInputShape) ?? (given ? [batch, ...given] : null);
    this.activityRegularizer = getRegularizer(args.activityRegularizer);
  }

  /** Keras class name, e.g. 'Dense'. */
  getClassName(): string { return classNameOf(this.constructor); }

  /**
   * Whether the layer passes masks on (Keras' supports_masking): the default computeMask then returns the
   * input mask unchanged; otherwise the mask stops here.
   */
  supportsMasking = false;
  /** Layers that take a list of inputs (merge, attention, RNN states) set it; the others take one tensor. */
  static multiInput = false;

  /**
   * Creates the weights for inputs of `inputShape` (batch axis included; a list of shapes when the layer is
   * applied to several tensors). Layers with weights override it.
   */
  build(_inputShape: Shape | Shape[]): void { this.built = true; }

  /** The forward pass on a built layer. */
  abstract call(inputs: Tensor | Tensor[], args: CallArgs): Tensor | Tensor[];

  /**
   * The mask of the outputs (Keras compute_mask), from the inputs and their mask: by default the input mask
   * when the layer supports masking, else none.
   */
  computeMask(_inputs: Tensor | Tensor[], mask?: Tensor | (Tensor | null)[] | null): Tensor | (Tensor | null)[] | null {
    return this.supportsMasking ? mask ?? null : null;
  }

  /** A call on symbolic inputs: builds the layer for their shapes and records the node. */
  private applySymbolic(inputs: SymbolicTensor | SymbolicTensor[], args: CallArgs): SymbolicTensor | SymbolicTensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const callArgs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(args)) {
      if (k === 'training' || k === 'mask' || v === undefined) continue;
      if (v !== null && typeof v === 'object') throw new Error(`${this.name}: on symbolic inputs the call argument ${k} must be a boolean, number or string (pass tensors as inputs), got ${describeArg(v)}`);
      callArgs[k] = v;
    }
    const shape = list.length === 1 ? list[0].shape : list.map((t) => t.shape);
    if (list.length === 1) this.assertInputCompatible(list[0].shape);
    if (!this.built) {
      this.build(shape);
      this.built = true;
    }
    const out = this.computeOutputShape(shape);
    if (!isShapeList(out)) {
      const one = new SymbolicTensor(out, `${this.name}/output`, this, list);
      one.callArgs = callArgs;
      this.addInboundNode(list, one);
      return one;
    }
    const outs = out.map((s, i) => new SymbolicTensor(s, `${this.name}/output_${i}`, this, list, i));
    for (const o of outs) { o.siblings = outs; o.callArgs = callArgs; }
    this.addInboundNode(list, outs);
    return outs;
  }

  /** Output shape for an input shape (batch axis included); a list of shapes for several outputs. */
  computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] { return inputShape; }

  /** Builds on first use, then calls (tfjs layer.apply; TF2 calls the layer: layer(x)). */
  apply(inputs: Tensor | Tensor[], args?: CallArgs): Tensor | Tensor[];
  /**
   * On symbolic inputs (the functional API) the result is one SymbolicTensor, or at run time a list of them
   * for a layer with several outputs (an RNN with returnState): `as unknown as tf.SymbolicTensor[]`.
   */
  apply(inputs: SymbolicTensor | SymbolicTensor[], args?: CallArgs): SymbolicTensor;
  apply(inputs: Tensor | Tensor[] | SymbolicTensor | SymbolicTensor[], args: CallArgs = {}): Tensor | Tensor[] | SymbolicTensor {
    // Functional API: on symbolic inputs, record the call in the graph instead of computing.
    if (isSymbolic(inputs)) return this.applySymbolic(inputs, args) as SymbolicTensor;
    const list = Array.isArray(inputs) ? inputs : [inputs];
    if (list.length === 0 || list.some((t) => !(t instanceof Tensor))) {
      throw new Error(`${this.name}: apply() takes a tensor, a list of tensors or symbolic tensors (tf.input), got ${describeArg(inputs)}`);
    }
    if (list.length === 1) this.assertInputCompatible(list[0].shape);
    if (!this.built) {
      this.build(list.length === 1 ? (list[0].shape as Shape) : list.map((t) => t.shape as Shape));
      this.built = true;
    }
    // tidy frees the temporaries of the forward pass at once (the tape keeps what gradients need)
    this.callHook?.(inputs as Tensor | Tensor[], args);
    const out = tidy(() => this.call(inputs as Tensor | Tensor[], args));
    const reg = this.activityRegularizer;
    if (reg) {
      // Keras: regularizer(output) / batch size, for every output, on every call
      this.activityLoss?.dispose();
      this.activityLoss = keep(tidy(() => (Array.isArray(out) ? out : [out])
        .map((o) => div(reg.apply(o), o.rank > 0 ? o.shape[0] : 1)).reduce((a, b) => add(a, b))));
    }
    return out;
  }

  /** Checks an input against the declared input shape (null axes match anything). */
  assertInputCompatible(shape: Shape): void {
    // (runs on every call: the last shape that passed is remembered with the spec it passed, and no string is
    // built unless there is an error)
    const ok = this.lastAccepted, r = shape.length;
    if (ok !== null && ok.spec === this.inputSpec && ok.batch === this.batchInputShape && ok.shape.length === r) {
      let same = true;
      for (let i = 0; same && i < r; i++) same = ok.shape[i] === shape[i];
      if (same) return;
    }
    this.checkInput(shape);
    this.lastAccepted = { shape: shape.slice(), spec: this.inputSpec, batch: this.batchInputShape };
  }
  private lastAccepted: { shape: Shape; spec: InputSpec | null; batch: Shape | null } | null = null;

  private checkInput(shape: Shape): void {
    const got = gotShape;
    const want = this.batchInputShape, r = shape.length;
    if (want) {
      let bad = want.length !== r;
      for (let i = 0; !bad && i < r; i++) bad = want[i] !== null && shape[i] !== null && want[i] !== shape[i];
      if (bad) throw new Error(`${this.name}: expected input of shape [${want.map((d) => d ?? 'None')}], ${got(shape)}`);
    }
    // the InputSpec (null sizes, from symbolic inputs, match anything)
    const spec = this.inputSpec;
    if (!spec) return;
    if (spec.ndim !== undefined && r !== spec.ndim) throw new Error(`${this.name}: expected input of rank ${spec.ndim}, ${got(shape)}`);
    if (spec.minNdim !== undefined && r < spec.minNdim) throw new Error(`${this.name}: expected input of rank ≥ ${spec.minNdim}, ${got(shape)}`);
    if (spec.maxNdim !== undefined && r > spec.maxNdim) throw new Error(`${this.name}: expected input of rank ≤ ${spec.maxNdim}, ${got(shape)}`);
    const axes = spec.axes;
    if (axes === undefined) return;
    for (const k in axes) {
      const a = Number(k), ax = a < 0 ? a + r : a, size = axes[a];
      if (ax < 0 || ax >= r || (shape[ax] !== null && shape[ax] !== size)) {
        const want = shape.map((_, i) => (i === ax ? size : 'None'));
        throw new Error(`${this.name}: expected input of shape [${want}] (axis ${a} of size ${size}, as built), ${got(shape)}`);
      }
    }
  }

  /** Creates, registers and returns a weight `<layer name>/<name>` (Keras add_weight). */
  addWeight(name: string, shape: number[], initializer: InitializerArg,
            options: { trainable?: boolean; regularizer?: Regularizer | null; constraint?: Constraint | null; dtype?: DType } = {}): Variable {
    const init = getInitializer(initializer);
    const value = untaped(() => init.apply(shape, options.dtype ?? this.dtype));
    let v: Variable;
    // (the variable's own copy may fail: out of memory, or over a loader's allocation budget)
    try { v = new Variable(value, (options.trainable ?? true) && this._trainable, `${this.name}/${name}`); } finally { value.dispose(); }
    const c = options.constraint;
    if (c) v.constraint = (w) => c.apply(w);
    keep(v);
    this.weightEntries.push({ variable: v, regularizer: getRegularizer(options.regularizer) });
    (v as Variable & { layerTrainable?: boolean }).layerTrainable = options.trainable ?? true;
    return v;
  }

  get trainable(): boolean { return this._trainable; }
  /** Freezes (false) or unfreezes the layer's weights (seed 002 §7.8). */
  set trainable(t: boolean) {
    this._trainable = t;
    for (const { variable } of this.weightEntries) {
      variable.trainable = t && ((variable as Variable & { layerTrainable?: boolean }).layerTrainable ?? true);
    }
  }

  get weights(): Variable[] { return this.weightEntries.map((e) => e.variable); }
  get trainableWeights(): Variable[] { return this.weights.filter((v) => v.trainable); }
  get nonTrainableWeights(): Variable[] { return this.weights.filter((v) => !v.trainable); }
  /** TF2 names. */
  get trainableVariables(): Variable[] { return this.trainableWeights; }
  get nonTrainableVariables(): Variable[] { return this.nonTrainableWeights; }
  get variables(): Variable[] { return this.weights; }

  /** Copies of the current weight values (tfjs: the trainable ones only with `trainableOnly`). */
  getWeights(trainableOnly = false): Tensor[] {
    return (trainableOnly ? this.trainableWeights : this.weights).map((v) => new Tensor(v.shape.slice(), v.dtype, v.block!));
  }

  /** Sets every weight from a list in getWeights() order; shapes must match. */
  setWeights(values: Tensor[]): void {
    const ws = this.weights;
    if (values.length !== ws.length) {
      throw new Error(`${this.name}.setWeights: expected ${ws.length} tensors, got ${values.length}`);
    }
    ws.forEach((w, i) => {
      if (values[i].shape.join() !== w.shape.join()) {
        throw new Error(`${this.name}.setWeights: weight ${w.name} is [${w.shape}], the value is [${values[i].shape}]`);
      }
    });
    ws.forEach((w, i) => w.assign(values[i]));
  }

  /** Number of scalars in the weights. */
  countParams(): number { return this.weights.reduce((n, v) => n + v.size, 0); }

  /** Sum of the weight regularization penalties (a scalar), or null when there are none. */
  regularizationLoss(): Tensor | null {
    let total: Tensor | null = this.activityLoss !== null && !this.activityLoss.isDisposed ? this.activityLoss : null;
    for (const { variable, regularizer } of this.weightEntries) {
      if (regularizer === null || !variable.trainable) continue;
      const r = regularizer.apply(variable);
      total = total === null ? r : add(total, r);
    }
    for (const f of this.addedLosses) { const r = f(); total = total === null ? r : add(total, r); }
    return total;
  }

  /** Keras layer config (snake_case keys live in the serialiser). */
  getConfig(): Record<string, unknown> {
    return { name: this.name, trainable: this.trainable, dtype: this.dtype,
      ...(this.batchInputShape ? { batchInputShape: this.batchInputShape } : {}) };
  }

  /**
   * A layer from its getConfig() (Keras from_config, tfjs' signature fromConfig(cls, config)): the
   * constructor takes the config as is. model.json configs arrive here (models/serialization.ts).
   */
  static fromConfig(cls: unknown, config: Record<string, unknown>): Layer {
    return new (cls as new (args: Record<string, unknown>) => Layer)(config);
  }

  /** Resets a stateful layer's state (recurrent layers with stateful: true); nothing for the others. */
  resetStates(): void { /* stateless */ }

  /** Frees the weights. */
  dispose(): void { for (const { variable } of this.weightEntries) variable.dispose(); }

  // ---- tfjs Layer members (issue 15): nodes, input/output, the call hook, added losses, states ----------------
  // (a block of its own, kept at the end of the class)

  /** A number unique to each layer (tfjs Layer.id). */
  readonly id: number = nextLayerId++;
  /**
   * Where the layer was applied to symbolic tensors, one node per call (Keras' inbound nodes): the inputs, the
   * outputs, their shapes and the layers that made the inputs. `input`, `output` and `outputShape` read them.
   */
  readonly inboundNodes: LayerNode[] = [];
  /** The nodes of the layers applied to this layer's outputs. */
  readonly outboundNodes: LayerNode[] = [];
  private callHook: CallHook | null = null;
  private readonly addedLosses: (() => Tensor)[] = [];

  /** @internal Records a call on symbolic inputs (applySymbolic, and a Sequential's stack). */
  addInboundNode(inputs: SymbolicTensor[], outputs: SymbolicTensor | SymbolicTensor[]): LayerNode {
    const outs = Array.isArray(outputs) ? outputs : [outputs];
    const shapes = (ts: SymbolicTensor[]): Shape | Shape[] => (ts.length === 1 ? ts[0].shape.slice() : ts.map((t) => t.shape.slice()));
    const inboundLayers = inputs.map((t) => t.sourceLayer).filter((l): l is Layer => l !== null);
    const node: LayerNode = { outboundLayer: this, inboundLayers, inputTensors: inputs.slice(), outputTensors: outs,
      inputShapes: shapes(inputs), outputShapes: shapes(outs) };
    this.inboundNodes.push(node);
    for (const l of new Set(inboundLayers)) l.outboundNodes.push(node);
    return node;
  }

  /** @internal Forgets a node addInboundNode made (a Sequential's stack changed). */
  removeInboundNode(node: LayerNode): void {
    const drop = (list: LayerNode[]) => { const i = list.indexOf(node); if (i >= 0) list.splice(i, 1); };
    drop(this.inboundNodes);
    for (const l of node.inboundLayers) drop(l.outboundNodes);
  }

  private nodeAt(i: number, what: string): LayerNode {
    if (this.inboundNodes.length === 0) throw new Error(`${this.name}: the layer has never been called and thus has no defined ${what}`);
    if (!Number.isInteger(i) || i < 0 || i >= this.inboundNodes.length) {
      throw new Error(`${this.name}: asked for the ${what} at node ${describeArg(i)}, but the layer has only ${this.inboundNodes.length} inbound node(s)`);
    }
    return this.inboundNodes[i];
  }

  /** The symbolic input(s) of the layer's `nodeIndex`-th call (a list when that call took several). */
  getInputAt(nodeIndex: number): SymbolicTensor | SymbolicTensor[] {
    const t = this.nodeAt(nodeIndex, 'input').inputTensors;
    return t.length === 1 ? t[0] : t;
  }
  /** The symbolic output(s) of the layer's `nodeIndex`-th call. */
  getOutputAt(nodeIndex: number): SymbolicTensor | SymbolicTensor[] {
    const t = this.nodeAt(nodeIndex, 'output').outputTensors;
    return t.length === 1 ? t[0] : t;
  }
  private onlyNode(what: string): void {
    if (this.inboundNodes.length > 1) {
      throw new Error(`${this.name}: the layer has ${this.inboundNodes.length} inbound nodes, hence the notion of "layer ${what}" is ` +
        `ill-defined; use get${what === 'input' ? 'Input' : 'Output'}At(nodeIndex)`);
    }
    if (this.inboundNodes.length === 0) throw new Error(`${this.name}: the layer is not connected (never applied to symbolic tensors), no ${what} to return`);
  }
  /** The symbolic input(s) of the layer's only call (functional API); an error when it was called 0 or several times. */
  get input(): SymbolicTensor | SymbolicTensor[] { this.onlyNode('input'); return this.getInputAt(0); }
  /** The symbolic output(s) of the layer's only call. */
  get output(): SymbolicTensor | SymbolicTensor[] { this.onlyNode('output'); return this.getOutputAt(0); }
  /** The output shape (batch axis included, null = any) of its calls; an error if never called or calls differ. */
  get outputShape(): Shape | Shape[] {
    if (this.inboundNodes.length === 0) throw new Error(`${this.name}: the layer has never been called and thus has no defined output shape`);
    const distinct = new Set(this.inboundNodes.map((n) => JSON.stringify(n.outputShapes)));
    if (distinct.size > 1) {
      throw new Error(`${this.name}: the layer has multiple inbound nodes with different output shapes, hence the notion of ` +
        '"output shape" is ill-defined for the layer');
    }
    const s = this.inboundNodes[0].outputShapes;
    return Array.isArray(s[0]) ? (s as Shape[]).map((x) => x.slice()) : (s as Shape).slice();
  }

  /**
   * A function called with the inputs and call arguments on every call on real tensors, before call() (tfjs
   * setCallHook: for debugging, and for tfjs-vis). clearCallHook() removes it.
   */
  setCallHook(callHook: CallHook): void {
    if (typeof callHook !== 'function') throw new Error(`${this.name}.setCallHook: expected a function, got ${describeArg(callHook)}`);
    this.callHook = callHook;
  }
  clearCallHook(): void { this.callHook = null; }
  /** @internal A call hook is set: lean inference (models/infer.ts) then runs the layer's own apply. */
  get hooked(): boolean { return this.callHook !== null; }

  /**
   * Adds losses (functions returning a scalar, tfjs RegularizerFn) that training adds to the loss, as weight
   * regularizers are (Keras add_loss with a callable).
   */
  addLoss(losses: (() => Tensor) | (() => Tensor)[]): void {
    const list = Array.isArray(losses) ? losses : [losses];
    for (const f of list) if (typeof f !== 'function') throw new Error(`${this.name}.addLoss: expected functions returning a scalar, got ${describeArg(f)}`);
    this.addedLosses.push(...list);
  }
  /**
   * The layer's losses as functions (tfjs): the weight regularizers of its trainable weights, the activity
   * regularizer of the latest call, and those added with addLoss; a model's include its layers'.
   */
  get losses(): (() => Tensor)[] {
    const out: (() => Tensor)[] = [];
    for (const { variable, regularizer } of this.weightEntries) {
      if (regularizer !== null && variable.trainable) out.push(() => regularizer.apply(variable));
    }
    const act = this.activityLoss;
    if (act !== null && !act.isDisposed) out.push(() => clone(act));
    out.push(...this.addedLosses);
    // a model (tf.Model: its `layers`) also has the losses of its layers
    const sub = (this as unknown as { layers?: unknown }).layers;
    if (Array.isArray(sub)) for (const l of sub) if (l instanceof Layer && l !== this) out.push(...l.losses);
    return out;
  }
  /** The values of `losses` (new scalars the caller owns). */
  calculateLosses(): Tensor[] { return this.losses.map((f) => f()); }

  /**
   * Whether the layer keeps state between calls (stateful RNNs, which set it from their options); resetStates()
   * clears the state. (A field, not a getter, so that layers can declare it as theirs.)
   */
  readonly stateful: boolean = false;
}

let nextLayerId = 0;

/** A function setCallHook() calls with a layer's inputs and call arguments. */
export type CallHook = (inputs: Tensor | Tensor[], args: CallArgs) => void;

/** One call of a layer on symbolic tensors (Keras' Node; tfjs' names). */
export interface LayerNode {
  /** The layer called. */
  outboundLayer: Layer;
  /** The layers whose outputs it took (none for a model input). */
  inboundLayers: Layer[];
  inputTensors: SymbolicTensor[];
  outputTensors: SymbolicTensor[];
  /** A shape, or a list of shapes when the call took (gave) several tensors. */
  inputShapes: Shape | Shape[];
  outputShapes: Shape | Shape[];
}

