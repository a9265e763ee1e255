// Models (Keras semantics, tfjs-layers names):
//  - Sequential: a stack of layers (tf.sequential({layers}), add(), build(inputShape)).
//  - Functional: tf.model({inputs, outputs}) over the graph recorded by tf.input() (layers/symbolic.ts).
//  - Subclassed: class M extends tf.Model { call(inputs, {training}) { … } } with layers as fields,
//    tracked automatically (TF2).
// A Model is a Layer, so models nest. Training (compile/fit/evaluate/predict) is in training.ts.
import { tidy, untaped } from '../core/engine.js';
import { zeros } from '../ops/create.js';
import { Tensor, Variable } from '../core/tensor.js';
import { Layer, type CallArgs, type LayerArgs, type Shape } from '../layers/layer.js';
import { SymbolicTensor } from '../layers/symbolic.js';
import { formatSummary } from './summary.js';
import { Trainer } from './training.js';
import type { CompileArgs, FitArgs, History, Targets } from './types.js';
import { functionalConfig, functionalFromConfig, loadModelWeights, modelToJSON, saveModel, saveModelWeights,
  sequentialConfig, sequentialFromConfig } from './serialization.js';
import type { IOHandler, LoadOptions, SaveConfig, SaveResult } from '../io/types.js';

export class Model extends Layer {
  static className = 'Model';
  /** Set by a callback (or onEpochEnd) to end fit() after the current batch. */
  stopTraining = false;
  /** @internal The compiled training state (compile()). */
  trainer: Trainer | null = null;
  protected graph: { inputs: SymbolicTensor[]; outputs: SymbolicTensor[]; order: SymbolicTensor[] } | null = null;

  constructor(args: LayerArgs & { inputs?: SymbolicTensor | SymbolicTensor[]; outputs?: SymbolicTensor | SymbolicTensor[] } = {}) {
    super(args);
    if (args.inputs && args.outputs) {
      const inputs = Array.isArray(args.inputs) ? args.inputs : [args.inputs];
      const outputs = Array.isArray(args.outputs) ? args.outputs : [args.outputs];
      this.graph = { inputs, outputs, order: topoOrder(inputs, outputs) };
      this.batchInputShape = inputs[0].shape;
      this.built = true;
    }
  }

  /**
   * The layers, in order: a Sequential's stack, a functional model's graph, or the Layer-valued fields
   * of a subclassed model (arrays of layers included), as TF2 tracks them.
   */
  get layers(): Layer[] {
    if (this.graph) {
      const seen = new Set<Layer>();
      for (const t of this.graph.order) if (t.sourceLayer) seen.add(t.sourceLayer);
      return [...seen];
    }
    const found: Layer[] = [];
    for (const v of Object.values(this)) {
      if (v instanceof Layer && v !== this) found.push(v);
      else if (Array.isArray(v)) for (const e of v) if (e instanceof Layer) found.push(e);
    }
    return found;
  }

  /** Every weight of every layer (each once), in layer order. */
  override get weights(): Variable[] {
    const out: Variable[] = [...super.weights];
    for (const l of this.layers) for (const w of l.weights) if (!out.includes(w)) out.push(w);
    return out;
  }
  override get trainable(): boolean { return super.trainable; }
  override set trainable(t: boolean) {
    super.trainable = t;
    for (const l of this.layers) l.trainable = t;
  }

  override regularizationLoss(): Tensor | null {
    let total = super.regularizationLoss();
    for (const l of this.layers) {
      const r = l.regularizationLoss();
      if (r) total = total ? total.add(r) : r;
    }
    return total;
  }

  /** The forward pass. Subclassed models override it; functional models run their graph. */
  call(inputs: Tensor | Tensor[], args: CallArgs = {}): Tensor | Tensor[] {
    if (!this.graph) {
      throw new Error(`${this.name}: a subclassed model must implement call(inputs, {training}); ` +
        'or build it with tf.sequential / tf.model({inputs, outputs})');
    }
    const ins = Array.isArray(inputs) ? inputs : [inputs];
    if (ins.length !== this.graph.inputs.length) {
      throw new Error(`${this.name}: expected ${this.graph.inputs.length} input(s), got ${ins.length}`);
    }
    const values = new Map<number, Tensor>();
    this.graph.inputs.forEach((s, i) => {
      const t = ins[i];
      if (t.rank !== s.rank || s.shape.some((d, j) => d !== null && d !== t.shape[j])) {
        throw new Error(`${this.name}: input ${i} should have shape [${s.shape.map((d) => d ?? 'None')}], got [${t.shape}]`);
      }
      values.set(s.id, t);
    });
    for (const s of this.graph.order) {
      if (values.has(s.id) || !s.sourceLayer) continue;
      const args2 = s.inputs.map((p) => values.get(p.id)!);
      values.set(s.id, s.sourceLayer.apply(args2.length === 1 ? args2[0] : args2, args) as Tensor);
    }
    const outs = this.graph.outputs.map((o) => values.get(o.id)!);
    return outs.length === 1 ? outs[0] : outs;
  }

  /** Builds the weights for inputs of `inputShape` (batch axis included, null allowed) by a dry run. */
  override build(inputShape: Shape): void {
    if (this.built && this.weights.length > 0) return;
    const concrete = inputShape.map((d) => d ?? 1);
    untaped(() => tidy(() => { this.call(zeros(concrete), { training: false }); }));
    // any batch size: apply() builds with the first batch's concrete shape
    this.batchInputShape = inputShape.length > 0 ? [null, ...inputShape.slice(1)] : inputShape;
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    if (this.graph) return this.graph.outputs[0].shape;
    let shape = inputShape;
    for (const l of this.layers) shape = l.computeOutputShape(shape);
    return shape;
  }

  /** Prints the Keras summary table (or passes each line to printFn). */
  summary(lineLength?: number, positions?: number[], printFn: (line: string) => void = console.log): void {
    if (!this.built || (this.weights.length === 0 && this.layers.some((l) => !l.built))) {
      throw new Error(`${this.name}: this model has not yet been built. Build it with model.build(inputShape), ` +
        'give the first layer an inputShape, or call it on data first');
    }
    for (const line of formatSummary(this, lineLength, positions)) printFn(line);
  }

  // ---- training (training.ts) -----------------------------------------------------------------

  /** Configures training: optimizer, loss and metrics, as objects or Keras/tfjs strings. */
  compile(args: CompileArgs): void { this.trainer = new Trainer(this, args); }

  private compiled(op: string): Trainer {
    if (!this.trainer) throw new Error(`${op}: the model must be compiled first (model.compile({optimizer, loss}))`);
    return this.trainer;
  }

  /** Trains for a number of epochs (tfjs: async, returns a History). */
  async fit(x: Tensor | Tensor[], y: Targets, args: FitArgs = {}): Promise<History> {
    return this.compiled('fit').fit(x, y, args);
  }
  /** Trains on batches from a tf.data-style dataset of {xs, ys} (or [x, y]) elements. */
  async fitDataset(dataset: unknown, args: FitArgs & { batchesPerEpoch?: number; validationBatches?: number } = {}): Promise<History> {
    return this.compiled('fitDataset').fitDataset(dataset, args);
  }
  /** evaluate over the batches of a dataset of {xs, ys} (or [x, y]): all of them, or the first `batches`. */
  async evaluateDataset(dataset: unknown, args: { batches?: number; verbose?: number } = {}): Promise<Tensor | Tensor[]> {
    return this.compiled('evaluateDataset').evaluateDataset(dataset, args);
  }
  /** Loss (and metrics) on data, in batches: a scalar or a list of scalars. */
  evaluate(x: Tensor | Tensor[], y: Targets, args: { batchSize?: number; verbose?: number } = {}): Tensor | Tensor[] {
    return this.compiled('evaluate').evaluate(x, y, args);
  }
  /** One optimisation step on one batch; resolves to the loss (and metrics). */
  async trainOnBatch(x: Tensor | Tensor[], y: Targets): Promise<number | number[]> {
    return this.compiled('trainOnBatch').trainOnBatch(x, y);
  }
  /** Outputs for x, in batches (inference mode). */
  predict(x: Tensor | Tensor[], args: { batchSize?: number } = {}): Tensor | Tensor[] {
    return Trainer.predict(this, x, args.batchSize ?? 32);
  }
  /**
   * The names of the values evaluate() returns and fit() logs (tfjs metricsNames): 'loss', then with
   * several outputs each output's loss ('dense_1_loss' …), then the metrics.
   */
  get metricsNames(): string[] { return this.trainer ? this.trainer.metricsNames : []; }
  /**
   * The outputs' names, in outputs order (tfjs outputNames): the names of the layers that make them.
   * compile({loss}), lossWeights, metrics and fit's y take objects keyed by them. A subclassed model's
   * are output_1, output_2 … once it has been compiled and run.
   */
  get outputNames(): string[] { return this.knownOutputNames() ?? this.trainer?.outputNames ?? []; }
  /** @internal The output names a functional or Sequential model has by construction (null: subclassed). */
  knownOutputNames(): string[] | null {
    return this.graph ? this.graph.outputs.map((o) => o.sourceLayer?.name ?? o.name) : null;
  }
  get optimizer() { return this.trainer?.optimizer ?? null; }

  // ---- saving and loading (serialization.ts) --------------------------------------------------

  /** @internal Built with tf.model({inputs, outputs}) (its topology is a graph of layers). */
  isGraphNetwork(): boolean { return this.graph !== null; }
  /** Keras config: a functional model's layers and connections; a subclassed model's constructor arguments. */
  override getConfig(): Record<string, unknown> { return this.graph ? functionalConfig(this, this.graph) : super.getConfig(); }
  static override fromConfig(cls: unknown, config: Record<string, unknown>): Layer {
    return 'inputLayers' in config ? functionalFromConfig(config) : super.fromConfig(cls, config);
  }
  /** The model's topology as model.json holds it (tfjs toJSON): JSON text, or an object with returnString false. */
  toJSON(_unused?: unknown, returnString = true): string | Record<string, unknown> { return modelToJSON(this, returnString); }
  /**
   * Saves topology and weights (and with includeOptimizer the compile arguments and optimizer state) in
   * TensorFlow.js' format, to a URL ('file://dir', 'indexeddb://name', 'localstorage://name',
   * 'downloads://name', 'http(s)://…') or an IOHandler.
   * @example await model.save('file://./my-model', {includeOptimizer: true});
   */
  async save(handlerOrURL: string | IOHandler, config?: SaveConfig): Promise<SaveResult> { return saveModel(this, handlerOrURL, config); }
  /** Saves the weights alone (Keras save_weights; works for subclassed models). */
  async saveWeights(handlerOrURL: string | IOHandler): Promise<SaveResult> { return saveModelWeights(this, handlerOrURL); }
  /**
   * Loads weights saved by saveWeights or save (Keras load_weights), or sets them from tfjs' {name: tensor}
   * map (synchronously). Nothing changes unless every weight fits.
   */
  loadWeights(source: Record<string, Tensor>, strict?: boolean): void;
  loadWeights(source: string | IOHandler, options?: LoadOptions): Promise<void>;
  loadWeights(source: string | IOHandler | Record<string, Tensor>, options?: LoadOptions | boolean): Promise<void> | void {
    return loadModelWeights(this, source, options);
  }
}

/** A linear stack of layers. */
export class Sequential extends Model {
  static override className = 'Sequential';
  private readonly stack: Layer[] = [];

  constructor(args: LayerArgs & { layers?: Layer[] } = {}) {
    super({ ...args, name: args.name });
    for (const l of args.layers ?? []) this.add(l);
  }

  override get layers(): Layer[] { return this.stack.slice(); }
  override knownOutputNames(): string[] { return this.stack.length > 0 ? [this.stack[this.stack.length - 1].name] : ['output_1']; }

  /** Appends a layer; the model builds as soon as the input shape is known. */
  add(layer: Layer): void {
    if (!(layer instanceof Layer)) throw new Error(`${this.name}.add: expected a Layer, got ${String(layer)}`);
    if (this.stack.length === 0 && layer.batchInputShape) this.batchInputShape = layer.batchInputShape;
    this.stack.push(layer);
    this.built = false;
    if (this.batchInputShape) this.buildStack(this.batchInputShape);
  }

  /** Removes the last layer. */
  pop(): void {
    if (this.stack.length === 0) throw new Error(`${this.name}.pop: the model has no layers`);
    this.stack.pop();
  }

  private buildStack(inputShape: Shape): void {
    let shape = inputShape;
    for (const l of this.stack) {
      if (!l.built) { l.build(shape); l.built = true; }
      shape = l.computeOutputShape(shape);
    }
    this.batchInputShape = inputShape;
    this.built = true;
  }

  override build(inputShape?: Shape): void {
    const shape = inputShape ?? this.batchInputShape;
    if (!shape) throw new Error(`${this.name}.build: give the input shape (batch axis included, e.g. [null, 784])`);
    this.buildStack(shape);
  }

  override call(inputs: Tensor | Tensor[], args: CallArgs = {}): Tensor | Tensor[] {
    if (this.stack.length === 0) throw new Error(`${this.name}: the model has no layers`);
    let x = inputs;
    for (const l of this.stack) x = l.apply(x as Tensor, args);
    return x;
  }

  override getConfig(): Record<string, unknown> { return sequentialConfig(this); }
  static override fromConfig(_cls: unknown, config: Record<string, unknown>): Layer { return sequentialFromConfig(config); }

  override apply(inputs: any, args: CallArgs = {}): any {
    if (!this.built && !(inputs as SymbolicTensor).__symbolic) {
      const first = Array.isArray(inputs) ? inputs[0] : inputs;
      this.buildStack([null, ...(first as Tensor).shape.slice(1)]);
    }
    return super.apply(inputs, args);
  }
}

/** Kahn order of the graph between inputs and outputs. */
function topoOrder(inputs: SymbolicTensor[], outputs: SymbolicTensor[]): SymbolicTensor[] {
  const order: SymbolicTensor[] = [];
  const seen = new Set<number>();
  const inputIds = new Set(inputs.map((i) => i.id));
  const visit = (t: SymbolicTensor) => {
    if (seen.has(t.id)) return;
    seen.add(t.id);
    if (!t.sourceLayer && !inputIds.has(t.id)) {
      throw new Error(`model: output depends on ${t.name}, which is not among the model's inputs`);
    }
    for (const p of t.inputs) visit(p);
    order.push(t);
  };
  for (const o of outputs) visit(o);
  return order;
}

/** tfjs tf.sequential({layers}). */
export function sequential(args: LayerArgs & { layers?: Layer[] } = {}): Sequential { return new Sequential(args); }
/** tfjs tf.model({inputs, outputs}). */
export function model(args: { inputs: SymbolicTensor | SymbolicTensor[]; outputs: SymbolicTensor | SymbolicTensor[]; name?: string }): Model {
  return new Model(args);
}
