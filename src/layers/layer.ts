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
  private applySymbolic(inputs: SymbolicTensor | SymbolicTensor[]): SymbolicTensor | SymbolicTensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const shape = list.length === 1 ? list[0].shape : list.map((t) => t.shape);
    if (list.length === 1) this.assertInputCompatible(list[0].shape);
    if (!this.built) {
      this.build(shape);
      this.built = true;
    }
    const out = this.computeOutputShape(shape);
    if (!isShapeList(out)) return new SymbolicTensor(out, `${this.name}/output`, this, list);
    const outs = out.map((s, i) => new SymbolicTensor(s, `${this.name}/output_${i}`, this, list, i));
    for (const o of outs) o.siblings = outs;
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
    if (isSymbolic(inputs)) return this.applySymbolic(inputs) as SymbolicTensor;
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
    const want = this.batchInputShape, got = `got input of shape [${shape.map((d) => d ?? 'None')}]`;
    if (want && (want.length !== shape.length || want.some((d, i) => d !== null && shape[i] !== null && d !== shape[i]))) {
      throw new Error(`${this.name}: expected input of shape [${want.map((d) => d ?? 'None')}], ${got}`);
    }
    // the InputSpec (null sizes, from symbolic inputs, match anything)
    const spec = this.inputSpec, r = shape.length;
    if (!spec) return;
    if (spec.ndim !== undefined && r !== spec.ndim) throw new Error(`${this.name}: expected input of rank ${spec.ndim}, ${got}`);
    if (spec.minNdim !== undefined && r < spec.minNdim) throw new Error(`${this.name}: expected input of rank ≥ ${spec.minNdim}, ${got}`);
    if (spec.maxNdim !== undefined && r > spec.maxNdim) throw new Error(`${this.name}: expected input of rank ≤ ${spec.maxNdim}, ${got}`);
    for (const [k, size] of Object.entries(spec.axes ?? {})) {
      const a = Number(k), ax = a < 0 ? a + r : a;
      if (ax < 0 || ax >= r || (shape[ax] !== null && shape[ax] !== size)) {
        const want = shape.map((_, i) => (i === ax ? size : 'None'));
        throw new Error(`${this.name}: expected input of shape [${want}] (axis ${a} of size ${size}, as built), ${got}`);
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

  /** Copies of the current weight values. */
  getWeights(): Tensor[] { return this.weights.map((v) => new Tensor(v.shape.slice(), v.dtype, v.block!)); }

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
}

