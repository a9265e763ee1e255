// Models (Keras semantics, tfjs-layers names):
//  - Sequential: a stack of layers (tf.sequential({layers}), add(), build(inputShape)).
//  - Functional: tf.model({inputs, outputs}) over the graph recorded by tf.input() (layers/symbolic.ts).
//  - Subclassed: class M extends tf.Model { call(inputs, {training}) { … } } with layers as fields,
//    tracked automatically (TF2).
// A Model is a Layer, so models nest. Training (compile/fit/evaluate/predict) is in training.ts; saving
// in saving.ts, loading in serialization.ts; the Sequential and functional configs (get_config /
// from_config) are at the end of this file, and both classes join config.ts' class registry there.
// Nothing in models/ imports this file except serialization.ts and (for types) callbacks.ts.
import { tidy, untaped } from '../core/engine.js';
import { zeros } from '../ops/create.js';
import { add } from '../ops/binary.js';
import { Tensor, Variable } from '../core/tensor.js';
import { isShapeList, Layer, type CallArgs, type LayerArgs, type LayerNode, type Shape } from '../layers/layer.js';
import { input, SymbolicTensor } from '../layers/symbolic.js';
import { formatSummary } from './summary.js';
import { Trainer } from './training.js';
import { checkBatchArgs, checkData, checkFitArgs, checkTargets, options } from './args.js';
import type { Scalar } from '../core/tensor.js';
import type { ModelCompileArgs, ModelEvaluateArgs, ModelEvaluateDatasetArgs, ModelFitArgs, ModelFitDatasetArgs, ModelPredictConfig, Targets } from './types.js';
import type { History } from './history.js';
import { brief, currentOp, deserializeLayer, isObj, layerConfig, registerClass, registeredClass, takesOneInput, type Config } from './config.js';
import { compileArgsOf, loadModelWeights, modelToJSON, saveModel, saveModelWeights } from './saving.js';
import { InputLayer } from '../layers/input_layer.js';
import { disownPlan, leanInference, leanNow, ownPlan, planGraph, planStack, runGroup, type InferencePlan } from './infer.js';
import type { IOHandler, LoadOptions, SaveConfig, SaveResult, TrainingConfig } from '../io/types.js';

export class Model extends Layer {
  static className = 'Model';
  /** Set by a callback (or onEpochEnd) to end fit() after the current batch. */
  stopTraining = false;
  /** @internal The compiled training state (compile()). */
  trainer: Trainer | null = null;
  private isTraining = false;
  private isDisposedModel = false;
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
      if (r) total = total ? add(total, r) : r;
    }
    return total;
  }

  override apply(inputs: Tensor | Tensor[], args?: CallArgs): Tensor | Tensor[];
  override apply(inputs: SymbolicTensor | SymbolicTensor[], args?: CallArgs): SymbolicTensor;
  override apply(inputs: Tensor | Tensor[] | SymbolicTensor | SymbolicTensor[], args: CallArgs = {}): Tensor | Tensor[] | SymbolicTensor {
    this.live('apply');
    return super.apply(inputs as Tensor | Tensor[], args);
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
      if (!(t instanceof Tensor)) throw new Error(`${this.name}: input ${i} must be a tensor, got ${typeof t}`);
      if (t.rank !== s.rank || s.shape.some((d, j) => d !== null && d !== t.shape[j])) {
        throw new Error(`${this.name}: input ${i} should have shape [${s.shape.map((d) => d ?? 'None')}], got [${t.shape}]`);
      }
      values.set(s.id, t);
    });
    this.runGraph(values, args, undefined, leanNow(args.training) ? this.graphPlan(this.graph.outputs) : null);
    const outs = this.graph.outputs.map((o) => values.get(o.id)!);
    return outs.length === 1 ? outs[0] : outs;
  }

  /**
   * Runs the graph's nodes whose inputs are in `values` (symbolic id → tensor), adding their outputs, and
   * passing each layer the masks its inputs carry (Keras: a layer's computeMask makes its outputs' masks).
   */
  private runGraph(values: Map<number, Tensor>, args: CallArgs, stopAt?: Set<number>,
                   lean: { plan: InferencePlan; ends: Map<number, SymbolicTensor> } | null = null): void {
    const masks = new Map<number, Tensor | null>();
    for (const s of this.graph!.order) {
      if (values.has(s.id) || !s.sourceLayer) continue;
      if (s.inputs.some((p) => !values.has(p.id))) continue; // not computable from the given feeds
      const xs = s.inputs.map((p) => values.get(p.id)!);
      const inMasks = s.inputs.map((p) => masks.get(p.id) ?? null);
      const x = xs.length === 1 ? xs[0] : xs;
      const mask = xs.length === 1 ? inMasks[0] : inMasks.every((m) => m === null) ? null : inMasks;
      // lean inference: a group of layers as one op; its inner nodes get no value (nothing reads them)
      const group = lean === null || mask !== null ? undefined : lean.plan.groups.get(s.id);
      if (group !== undefined) {
        const y = runGroup(lean!.plan, group, x as Tensor);
        if (y !== null) {
          values.set(lean!.ends.get(s.id)!.id, y);
          if (stopAt && [...stopAt].every((id) => values.has(id))) return;
          continue;
        }
      }
      const layer = s.sourceLayer;
      const y = layer.apply(x, { ...s.callArgs, ...args, ...(mask === null ? {} : { mask }) });
      const ys = s.siblings.length > 1 ? (y as Tensor[]) : [y as Tensor];
      const outMask = layer.computeMask(x, mask);
      s.siblings.forEach((o, i) => {
        values.set(o.id, ys[i]);
        const m = Array.isArray(outMask) ? outMask[i] ?? null : outMask;
        if (m) masks.set(o.id, m);
      });
      if (stopAt && [...stopAt].every((id) => values.has(id))) return;
    }
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

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    if (this.graph) return this.graph.outputs.length === 1 ? this.graph.outputs[0].shape : this.graph.outputs.map((o) => o.shape);
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
    const summary = { name: this.name, layers: this.layers, weights: this.weights, outputShapes: this.layerOutputShapes() };
    for (const line of formatSummary(summary, lineLength, positions)) printFn(line);
  }

  /** Each layer's output shape where known (a functional model's graph; none for a subclassed model). */
  protected layerOutputShapes(): Map<Layer, Shape> {
    const shapes = new Map<Layer, Shape>();
    if (this.graph) for (const t of this.graph.order) if (t.sourceLayer) shapes.set(t.sourceLayer, t.shape);
    return shapes;
  }

  // ---- the graph's members (tfjs LayersModel / Container) ----------------------------------------

  /** @internal A Sequential's symbolic input and outputs, made from its input shape (tfjs builds them too). */
  protected symbolicGraph(): { inputs: SymbolicTensor[]; outputs: SymbolicTensor[] } | null { return this.graph; }

  private graphOrThrow(member: string): { inputs: SymbolicTensor[]; outputs: SymbolicTensor[] } {
    const g = this.symbolicGraph();
    if (!g) throw new Error(`${this.name}.${member}: the model has no known inputs yet (a subclassed model, or a Sequential without an input shape)`);
    return g;
  }
  /** The model's symbolic inputs (tfjs model.inputs). */
  get inputs(): SymbolicTensor[] { return this.graphOrThrow('inputs').inputs.slice(); }
  /** The model's symbolic outputs (tfjs model.outputs). */
  get outputs(): SymbolicTensor[] { return this.graphOrThrow('outputs').outputs.slice(); }
  /** The input: one SymbolicTensor, or the list of them (tfjs model.input). */
  get input(): SymbolicTensor | SymbolicTensor[] { const i = this.inputs; return i.length === 1 ? i[0] : i; }
  /** The output: one SymbolicTensor, or the list of them (tfjs model.output). */
  get output(): SymbolicTensor | SymbolicTensor[] { const o = this.outputs; return o.length === 1 ? o[0] : o; }
  /** The inputs' names, in order (tfjs inputNames); execute() and predict take maps keyed by them. */
  get inputNames(): string[] { return this.inputs.map((i) => i.name); }
  /** The output shape(s), batch axis null (tfjs outputShape). */
  get outputShape(): Shape | Shape[] { const o = this.outputs; return o.length === 1 ? o[0].shape.slice() : o.map((t) => t.shape.slice()); }

  /**
   * A layer by name, or by position in `layers` (tfjs getLayer(name) / getLayer(index) / getLayer(name, index),
   * the index winning when both are given).
   */
  getLayer(name: string): Layer;
  getLayer(index: number): Layer;
  getLayer(name: string | undefined, index: number): Layer;
  getLayer(nameOrIndex?: string | number, index?: number): Layer {
    const layers = this.layers;
    const i = typeof nameOrIndex === 'number' ? nameOrIndex : index;
    if (i !== undefined && i !== null) {
      if (!Number.isInteger(i) || i < 0 || i >= layers.length) {
        throw new Error(`${this.name}.getLayer: index ${brief(i)} is out of range: the model has ${layers.length} layers`);
      }
      return layers[i];
    }
    if (typeof nameOrIndex !== 'string') throw new Error(`${this.name}.getLayer: give a layer name or an index, got ${brief(nameOrIndex)}`);
    const l = layers.find((x) => x.name === nameOrIndex);
    if (!l) throw new Error(`${this.name}.getLayer: no layer named '${nameOrIndex}' (layers: ${layers.map((x) => x.name).join(', ')})`);
    return l;
  }

  /**
   * The values of the named symbolic tensors (layer outputs: a layer's name or its output's name) for the
   * given inputs (a tensor, a list, or a map keyed by input name), in inference mode (tfjs execute).
   */
  execute(inputs: Tensor | Tensor[] | Record<string, Tensor>, outputs: string | string[]): Tensor | Tensor[] {
    this.live('execute');
    const g = this.graphOrThrow('execute');
    const names = Array.isArray(outputs) ? outputs : [outputs];
    if (names.length === 0) throw new Error(`${this.name}.execute: outputs is an empty list`);
    const feeds = inputs instanceof Tensor ? [inputs] : Array.isArray(inputs) ? inputs : g.inputs.map((i) => {
      const t = (inputs as Record<string, Tensor>)[i.name];
      if (!(t instanceof Tensor)) throw new Error(`${this.name}.execute: no tensor for input '${i.name}' (inputs: ${g.inputs.map((x) => x.name).join(', ')})`);
      return t;
    });
    if (feeds.length !== g.inputs.length) throw new Error(`${this.name}.execute: the model has ${g.inputs.length} input(s), got ${feeds.length}`);
    const order = this.graph?.order ?? topoOrder(g.inputs, g.outputs);
    const wanted = names.map((n) => {
      const t = order.find((s) => s.name === n) ?? order.find((s) => s.sourceLayer?.name === n && s.outputIndex === 0);
      if (!t) throw new Error(`${this.name}.execute: no layer output named '${n}' (layers: ${this.layers.map((l) => l.name).join(', ')})`);
      return t;
    });
    const run = () => tidy(() => {
      if (this.graph) {
        const values = new Map<number, Tensor>();
        g.inputs.forEach((s, i) => values.set(s.id, feeds[i]));
        this.runGraph(values, { training: false }, new Set(wanted.map((w) => w.id)), this.graphPlan(wanted));
        return wanted.map((w) => values.get(w.id)!);
      }
      // a Sequential: run the stack, keeping the wanted layers' outputs
      return (this as unknown as Sequential).executeStack(feeds[0], wanted);
    });
    const out = leanInference(() => untaped(run));
    return Array.isArray(outputs) ? out : out[0];
  }

  /** The layer at an index of `layers` (tfjs findLayer). */
  findLayer(index: number): Layer { return this.getLayer(index); }

  private inputLayerCache: { inputs: SymbolicTensor[]; layers: InputLayer[] } | null = null;
  /** An InputLayer per model input, as tfjs and Keras list them (tfjs inputLayers). */
  get inputLayers(): Layer[] {
    const inputs = this.inputs;
    let cached = this.inputLayerCache;
    if (cached === null || cached.inputs.length !== inputs.length || cached.inputs.some((s, i) => s !== inputs[i])) {
      cached = this.inputLayerCache = { inputs, layers: inputs.map((s) => new InputLayer({ batchInputShape: s.shape.slice(), name: s.name })) };
    }
    return cached.layers.slice();
  }
  /** The layers that make the model's outputs, in outputs order (tfjs outputLayers). */
  get outputLayers(): Layer[] { return this.outputs.map((o) => o.sourceLayer ?? this.inputLayers[this.inputs.indexOf(o)]); }

  /** The History of the latest fit or fitDataset (tfjs model.history). */
  history: History | undefined;
  /** compile's loss argument (tfjs model.loss); undefined before compile. */
  get loss(): ModelCompileArgs['loss'] | undefined { return this.trainer?.args.loss; }
  /** compile's metrics argument (tfjs model.metrics); undefined before compile or without metrics. */
  get metrics(): ModelCompileArgs['metrics'] | undefined { return this.trainer?.args.metrics; }
  /** Compiles from a saved training config (model.json's trainingConfig, snake_case as Keras writes it; tfjs loadTrainingConfig). */
  loadTrainingConfig(trainingConfig: TrainingConfig): void { this.compile(compileArgsOf(trainingConfig, `${this.name}.loadTrainingConfig`)); }

  /** predict on one batch, without splitting it (tfjs predictOnBatch). */
  predictOnBatch(x: Tensor | Tensor[]): Tensor | Tensor[] {
    this.live('predictOnBatch');
    checkData('predictOnBatch', 'x', x);
    const first = Array.isArray(x) ? x[0] : x;
    return Trainer.predict(this, x, Math.max(1, first.shape[0] ?? 1));
  }

  /** Resets the state of every stateful layer (recurrent layers with stateful: true). */
  override resetStates(): void { for (const l of this.layers) l.resetStates(); }

  private userMetadata: Record<string, unknown> | undefined;
  /** Metadata saved with the model in model.json's userDefinedMetadata (a JSON-serialisable object; tfjs). */
  setUserDefinedMetadata(metadata: Record<string, unknown>): void {
    if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
      throw new Error(`${this.name}.setUserDefinedMetadata: expected a plain object, got ${brief(metadata)}`);
    }
    let text: string;
    try { text = JSON.stringify(metadata); } catch (e) { throw new Error(`${this.name}.setUserDefinedMetadata: the metadata is not JSON-serialisable: ${(e as Error).message}`); }
    this.userMetadata = JSON.parse(text) as Record<string, unknown>;
  }
  /** The metadata set with setUserDefinedMetadata or loaded with the model (undefined: none). */
  getUserDefinedMetadata(): Record<string, unknown> | undefined { return this.userMetadata; }

  // ---- training (training.ts) -----------------------------------------------------------------

  /** Configures training: optimizer, loss and metrics, as objects or Keras/tfjs strings. */
  compile(args: ModelCompileArgs): void {
    this.live('compile');
    if (args === null || typeof args !== 'object') throw new Error(`compile: pass an object such as {optimizer: 'adam', loss: 'meanSquaredError'}, got ${String(args)}`);
    this.trainer = new Trainer(this, args);
  }

  private compiled(op: string): Trainer {
    this.live(op);
    if (!this.trainer) throw new Error(`${op}: the model must be compiled first (model.compile({optimizer, loss}))`);
    return this.trainer;
  }

  /** fit and fitDataset run one at a time on a model (tfjs and Keras refuse a second one too). */
  private async training<T>(op: string, run: () => Promise<T>): Promise<T> {
    if (this.isTraining) {
      throw new Error(`${op}: model '${this.name}' is already training (a fit() or fitDataset() call has not finished); await it before starting another`);
    }
    this.isTraining = true;
    try { return await run(); } finally { this.isTraining = false; }
  }

  /** Trains for a number of epochs (tfjs: async, returns a History). */
  async fit(x: Tensor | Tensor[], y: Targets, args: ModelFitArgs = {}): Promise<History> {
    const t = this.compiled('fit');
    const o = options<ModelFitArgs>('fit', args);
    checkFitArgs('fit', o as Record<string, unknown>);
    checkData('fit', 'x', x);
    checkTargets('fit', y);
    return this.training('fit', async () => (this.history = await t.fit(x, y, o)));
  }
  /** Trains on batches from a tf.data-style dataset of {xs, ys} (or [x, y]) elements. */
  async fitDataset(dataset: unknown, args: ModelFitDatasetArgs = {}): Promise<History> {
    const t = this.compiled('fitDataset');
    const o = options<ModelFitDatasetArgs>('fitDataset', args);
    checkFitArgs('fitDataset', o as Record<string, unknown>);
    return this.training('fitDataset', async () => (this.history = await t.fitDataset(dataset, o)));
  }
  /** evaluate over the batches of a dataset of {xs, ys} (or [x, y]): all of them, or the first `batches`. */
  async evaluateDataset(dataset: unknown, args: ModelEvaluateDatasetArgs = {}): Promise<Scalar | Scalar[]> {
    const t = this.compiled('evaluateDataset');
    const o = options<ModelEvaluateDatasetArgs>('evaluateDataset', args);
    checkBatchArgs('evaluateDataset', o as Record<string, unknown>);
    return t.evaluateDataset(dataset, o);
  }
  /** Loss (and metrics) on data, in batches: a scalar or a list of scalars. */
  evaluate(x: Tensor | Tensor[], y: Targets, args: ModelEvaluateArgs = {}): Scalar | Scalar[] {
    const t = this.compiled('evaluate');
    const o = options<ModelEvaluateArgs>('evaluate', args);
    checkBatchArgs('evaluate', o as Record<string, unknown>);
    checkData('evaluate', 'x', x);
    checkTargets('evaluate', y);
    return t.evaluate(x, y, o);
  }
  /** One optimisation step on one batch; resolves to the loss (and metrics). */
  async trainOnBatch(x: Tensor | Tensor[], y: Targets): Promise<number | number[]> {
    const t = this.compiled('trainOnBatch');
    checkData('trainOnBatch', 'x', x);
    checkTargets('trainOnBatch', y);
    return t.trainOnBatch(x, y);
  }
  /** Outputs for x, in batches (inference mode). A batch of 0 samples gives outputs with 0 rows. */
  predict(x: Tensor | Tensor[], args: ModelPredictConfig = {}): Tensor | Tensor[] {
    this.live('predict');
    const o = options<ModelPredictConfig>('predict', args);
    checkBatchArgs('predict', o as Record<string, unknown>);
    checkData('predict', 'x', x);
    return Trainer.predict(this, x, o.batchSize ?? 32);
  }

  /** @internal Throws when the model was disposed. */
  live(op: string): void {
    if (this.isDisposedModel) throw new Error(`${op}: model '${this.name}' has been disposed; its weights are freed`);
  }

  /** Lean-inference plans (models/infer.ts), by the symbolic ids the caller wants; a few are kept. */
  private plans = new Map<string, { plan: InferencePlan; ends: Map<number, SymbolicTensor> }>();
  /** @internal The plan for a run that must produce `wanted` (a functional model's graph). */
  protected graphPlan(wanted: SymbolicTensor[]): { plan: InferencePlan; ends: Map<number, SymbolicTensor> } {
    const keep = new Set([...this.graph!.outputs, ...wanted].map((s) => s.id));
    const key = [...keep].sort((a, b) => a - b).join();
    let p = this.plans.get(key);
    if (p === undefined) {
      p = planGraph(this.graph!.order, keep);
      if (this.plans.size >= 8) this.dropPlans();
      this.plans.set(key, p);
      ownPlan(this, p.plan);
    }
    return p;
  }
  /** @internal Frees the lean-inference plans and their folded weights. */
  protected dropPlans(): void {
    for (const p of this.plans.values()) disownPlan(p.plan);
    this.plans.clear();
  }

  /**
   * Frees the weights of every layer and the optimizer's state (tfjs LayersModel.dispose). The model
   * cannot be used afterwards: every call is an error saying so.
   */
  override dispose(): { refCountAfterDispose: number; numDisposedVariables: number } {
    if (this.isDisposedModel) return { refCountAfterDispose: 0, numDisposedVariables: 0 };
    this.dropPlans();
    const vars = this.weights.filter((v) => !v.isDisposed);
    for (const l of this.layers) l.dispose();
    super.dispose();
    for (const v of vars) v.dispose();
    this.trainer?.dispose();
    this.trainer = null;
    this.isDisposedModel = true;
    return { refCountAfterDispose: 0, numDisposedVariables: vars.length };
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
    // Model itself (not a registered subclass) is a functional model: a config without its graph is an error there
    return 'inputLayers' in config || cls === Model ? functionalFromConfig(config) : super.fromConfig(cls, config);
  }
  /** @internal The config model.json's modelTopology holds (save, toJSON); errors name `op`. */
  topologyConfig(op: string): Config {
    if (this.graph) return this.getConfig();
    const className = this.getClassName();
    registerModelClasses();
    if (registeredClass(className) !== this.constructor) {
      throw new Error(`${op}: the topology of a subclassed model (${className}) cannot be serialised: its call() is code. ` +
        'Save its weights with model.saveWeights(url) and rebuild the model in code, or register the class with ' +
        'tf.serialization.registerClass(cls) (with getConfig() and, if needed, a static fromConfig)');
    }
    return layerConfig(this, op);
  }
  /** The model's topology as model.json holds it (tfjs toJSON): JSON text, or an object with returnString false. */
  toJSON(_unused?: unknown, returnString = true): string | Record<string, unknown> { return modelToJSON(this, returnString); }
  /**
   * Saves topology and weights (and with includeOptimizer the compile arguments and optimizer state) in
   * TensorFlow.js' format, to a URL ('file://dir', 'indexeddb://name', 'localstorage://name',
   * 'downloads://name', 'http(s)://…') or an IOHandler.
   * @example await model.save('file://./my-model', {includeOptimizer: true});
   */
  async save(handlerOrURL: string | IOHandler, config?: SaveConfig): Promise<SaveResult> { this.live('save'); return saveModel(this, handlerOrURL, config); }
  /** Saves the weights alone (Keras save_weights; works for subclassed models). */
  async saveWeights(handlerOrURL: string | IOHandler): Promise<SaveResult> { this.live('saveWeights'); return saveModelWeights(this, handlerOrURL); }
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
/** tf.sequential's argument (tfjs's SequentialArgs): the layers, in order, and the layer options (name …). */
export interface SequentialArgs extends LayerArgs { layers?: Layer[] }

export class Sequential extends Model {
  static override className = 'Sequential';
  private readonly stack: Layer[] = [];

  constructor(args: SequentialArgs = {}) {
    super({ ...args, name: args.name });
    for (const l of args.layers ?? []) this.add(l);
  }

  override get layers(): Layer[] { return this.stack.slice(); }

  private symbolic: { inputs: SymbolicTensor[]; outputs: SymbolicTensor[]; nodes: LayerNode[] } | null = null;
  /**
   * @internal The stack as a chain of symbolic tensors from the input shape (for inputs, outputs, execute), each
   * layer's step recorded as its inbound node (so `model.layers[0].outputShape` works, as in tfjs).
   */
  protected override symbolicGraph(): { inputs: SymbolicTensor[]; outputs: SymbolicTensor[] } | null {
    if (!this.batchInputShape || this.stack.length === 0) return null;
    if (this.symbolic === null) {
      const x = new SymbolicTensor([null, ...this.batchInputShape.slice(1)], `${this.stack[0].name}_input`);
      let y = x;
      const nodes: LayerNode[] = [];
      for (const l of this.stack) {
        const next = new SymbolicTensor(l.computeOutputShape(y.shape) as Shape, `${l.name}/output`, l, [y]);
        nodes.push(l.addInboundNode([y], next));
        y = next;
      }
      this.symbolic = { inputs: [x], outputs: [y], nodes };
    }
    return this.symbolic;
  }
  /** Forgets the symbolic chain (the stack changed): its nodes leave the layers. */
  private resetSymbolic(): void {
    this.symbolic?.nodes.forEach((n) => n.outboundLayer.removeInboundNode(n));
    this.symbolic = null;
  }

  override knownOutputNames(): string[] { return this.stack.length > 0 ? [this.stack[this.stack.length - 1].name] : ['output_1']; }

  /** Appends a layer; the model builds as soon as the input shape is known. */
  add(layer: Layer): void {
    if (!(layer instanceof Layer)) throw new Error(`${this.name}.add: expected a Layer, got ${String(layer)}`);
    if (this.stack.length === 0 && layer.batchInputShape) this.batchInputShape = layer.batchInputShape;
    this.stack.push(layer);
    this.resetSymbolic();
    this.built = false;
    if (this.batchInputShape) this.buildStack(this.batchInputShape);
  }

  /** Removes the last layer. */
  pop(): void {
    if (this.stack.length === 0) throw new Error(`${this.name}.pop: the model has no layers`);
    this.stack.pop();
    this.resetSymbolic();
  }

  private buildStack(inputShape: Shape): void {
    let shape = inputShape;
    for (const l of this.stack) {
      // as apply() does: a layer declared for other inputs (its input shape, rank, sizes) cannot join the stack
      l.assertInputCompatible(shape);
      if (!l.built) { l.build(shape); l.built = true; }
      const out = l.computeOutputShape(shape);
      if (isShapeList(out)) throw new Error(`${this.name}.add: layer '${l.name}' has ${out.length} outputs; a Sequential model's layers have one (use the functional API)`);
      shape = out;
    }
    this.batchInputShape = inputShape;
    this.built = true;
    this.resetSymbolic();
    this.symbolicGraph();
  }

  override build(inputShape?: Shape | Shape[]): void {
    if (inputShape && isShapeList(inputShape)) throw new Error(`${this.name}.build: a Sequential model has one input; give one shape, e.g. [null, 784]`);
    const shape = inputShape ?? this.batchInputShape;
    if (!shape) throw new Error(`${this.name}.build: give the input shape (batch axis included, e.g. [null, 784])`);
    this.buildStack(shape);
  }

  override call(inputs: Tensor | Tensor[], args: CallArgs = {}): Tensor | Tensor[] {
    if (this.stack.length === 0) throw new Error(`${this.name}: the model has no layers`);
    return this.runStack(inputs, args, leanNow(args.training) ? this.stackPlan(new Set()) : null, null);
  }

  /**
   * Runs the stack (masks flow down it: an embedding with maskZero → an LSTM skips the padding); with a plan,
   * its groups run as one op each. `got` collects each layer's output (execute).
   */
  private runStack(inputs: Tensor | Tensor[], args: CallArgs, plan: InferencePlan | null, got: Map<Layer, Tensor> | null): Tensor | Tensor[] {
    let x = inputs;
    let mask: CallArgs['mask'] = args.mask ?? null;
    const stack = this.stack;
    for (let i = 0; i < stack.length;) {
      const g = plan === null || mask !== null ? undefined : plan.groups.get(i);
      const y = g === undefined ? null : runGroup(plan!, g, x as Tensor);
      if (y !== null) {
        i += g!.size;
        got?.set(stack[i - 1], y);
        x = y;
        continue;
      }
      const l = stack[i++];
      const out = l.apply(x as Tensor, mask === null ? args : { ...args, mask });
      mask = l.computeMask(x, mask);
      x = out;
      got?.set(l, out as Tensor);
    }
    return x;
  }

  private stackPlans = new Map<string, { layers: Layer[]; plan: InferencePlan }>();
  /** The lean-inference plan of the current stack whose layers at `keep` must give their outputs. */
  private stackPlan(keep: Set<number>): InferencePlan {
    const key = [...keep].sort((a, b) => a - b).join();
    let p = this.stackPlans.get(key);
    if (p !== undefined && (p.layers.length !== this.stack.length || p.layers.some((l, i) => l !== this.stack[i]))) {
      this.dropPlans(); // the stack changed (add, pop)
      p = undefined;
    }
    if (p === undefined) {
      if (this.stackPlans.size >= 8) this.dropPlans();
      p = { layers: this.stack.slice(), plan: planStack(this.stack, keep) };
      this.stackPlans.set(key, p);
      ownPlan(this, p.plan);
    }
    return p.plan;
  }
  /** @internal */
  protected override dropPlans(): void {
    super.dropPlans();
    for (const p of this.stackPlans.values()) disownPlan(p.plan);
    this.stackPlans.clear();
  }

  /** @internal execute() on the stack: the wanted layers' outputs (inference, lean where allowed). */
  executeStack(x: Tensor, wanted: SymbolicTensor[]): Tensor[] {
    const keep = new Set<number>();
    for (const w of wanted) if (w.sourceLayer) keep.add(this.stack.indexOf(w.sourceLayer));
    const got = new Map<Layer, Tensor>();
    const args = { training: false };
    this.runStack(x, args, leanNow(false) ? this.stackPlan(keep) : null, got);
    return wanted.map((w) => (w.sourceLayer ? got.get(w.sourceLayer)! : x));
  }

  override getConfig(): Record<string, unknown> { return sequentialConfig(this); }
  static override fromConfig(_cls: unknown, config: Record<string, unknown>): Layer { return sequentialFromConfig(config); }
  override topologyConfig(op: string): Config { return sequentialConfig(this, op); }

  protected override layerOutputShapes(): Map<Layer, Shape> {
    const shapes = new Map<Layer, Shape>();
    let s = this.batchInputShape;
    if (s) for (const l of this.stack) { s = l.computeOutputShape(s) as Shape; shapes.set(l, s); }
    return shapes;
  }

  override apply(inputs: Tensor | Tensor[], args?: CallArgs): Tensor | Tensor[];
  override apply(inputs: SymbolicTensor | SymbolicTensor[], args?: CallArgs): SymbolicTensor;
  override apply(inputs: Tensor | Tensor[] | SymbolicTensor | SymbolicTensor[], args: CallArgs = {}): Tensor | Tensor[] | SymbolicTensor {
    if (!this.built && !(inputs as SymbolicTensor).__symbolic) {
      const first = Array.isArray(inputs) ? inputs[0] : inputs;
      this.buildStack([null, ...(first as Tensor).shape.slice(1)]);
    }
    return super.apply(inputs as Tensor | Tensor[], args);
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
export function sequential(args: SequentialArgs = {}): Sequential { return new Sequential(args); }
/** tfjs tf.model({inputs, outputs}). */
export function model(args: { inputs: SymbolicTensor | SymbolicTensor[]; outputs: SymbolicTensor | SymbolicTensor[]; name?: string }): Model {
  return new Model(args);
}

// ---- configs (Keras get_config / from_config) and the class registry ------------------------------------

/** {name, layers: [{className, config}]}; the model's input shape goes into the first layer's config. */
function sequentialConfig(m: Sequential, op = 'getConfig'): Config {
  const layers = m.layers.map((l, i) => {
    const config = layerConfig(l, op);
    if (i === 0 && config.batchInputShape === undefined && m.batchInputShape) config.batchInputShape = m.batchInputShape.slice();
    return { className: l.getClassName(), config };
  });
  return { name: m.name, layers };
}

function sequentialFromConfig(config: Config, op = currentOp()): Sequential {
  registerModelClasses(); // nested models are found by class name
  const list = Array.isArray(config) ? config : config.layers;
  if (!Array.isArray(list)) throw new Error(`${op}: a Sequential config needs a 'layers' list, got ${brief(config)}`);
  const layers: Layer[] = [];
  try {
    for (const e of list) layers.push(deserializeLayer(e, op));
    const m = new Sequential({ name: Array.isArray(config) ? undefined : config.name as string | undefined, layers });
    const build = Array.isArray(config) ? undefined : config.buildInputShape; // Keras 2 writes it when the layers lack a shape
    if (!m.built && Array.isArray(build)) m.build(build as (number | null)[]);
    return m;
  } catch (e) {
    // the layers built so far hold weights: a failed load leaves nothing behind
    for (const l of layers) l.dispose();
    throw e;
  }
}

type Graph = { inputs: SymbolicTensor[]; outputs: SymbolicTensor[]; order: SymbolicTensor[] };

/**
 * Keras' functional config: the layers with their inbound nodes [[layer, nodeIndex, tensorIndex, kwargs]]
 * (nodeIndex: the how-manieth call of that layer in this model), model inputs as InputLayers.
 */
function functionalConfig(m: Model, graph: Graph, op = 'getConfig'): Config {
  const byId = (a: SymbolicTensor, b: SymbolicTensor) => a.id - b.id;
  const calls = new Map<Layer, SymbolicTensor[]>();
  // one node per layer call: its first output stands for it
  for (const t of [...graph.order].sort(byId)) {
    const node = t.siblings[0];
    if (t.sourceLayer && !calls.get(t.sourceLayer)?.includes(node)) calls.set(t.sourceLayer, [...(calls.get(t.sourceLayer) ?? []), node]);
  }
  const ref = (t: SymbolicTensor): [string, number, number] =>
    (t.sourceLayer ? [t.sourceLayer.name, calls.get(t.sourceLayer)!.indexOf(t.siblings[0]), t.outputIndex] : [t.name, 0, 0]);
  const layers: Config[] = graph.inputs.map((s) => ({
    name: s.name, className: 'InputLayer',
    config: { batchInputShape: s.shape.slice(), dtype: 'float32', sparse: false, name: s.name }, inboundNodes: [],
  }));
  for (const l of m.layers) {
    layers.push({ name: l.name, className: l.getClassName(), config: layerConfig(l, op),
      inboundNodes: (calls.get(l) ?? []).map((t) => t.inputs.map((p) => [...ref(p), { ...t.callArgs }])) });
  }
  return { name: m.name, layers, inputLayers: graph.inputs.map(ref), outputLayers: graph.outputs.map(ref) };
}

function functionalFromConfig(config: Config, op = currentOp()): Model {
  registerModelClasses(); // nested models are found by class name
  const { layers } = config;
  // Keras writes a single input or output as one flat [name, node, tensor] triple
  const triples = (x: unknown) => (Array.isArray(x) && typeof x[0] === 'string' ? [x] : x);
  const inputLayers = triples(config.inputLayers), outputLayers = triples(config.outputLayers);
  if (!Array.isArray(layers) || !Array.isArray(inputLayers) || !Array.isArray(outputLayers)) {
    throw new Error(`${op}: a functional model config needs 'layers', 'input_layers' and 'output_layers' lists`);
  }
  const outputs = new Map<string, SymbolicTensor[][]>(); // layer name → its outputs per node, in call order
  const pending: { name: string; layer: Layer; nodes: unknown[]; next: number }[] = [];
  try {
    for (const e of layers as unknown[]) {
      if (!isObj(e)) throw new Error(`${op}: a layer of a functional model must be {class_name, config, name, inbound_nodes}, got ${brief(e)}`);
      const c = isObj(e.config) ? e.config : {};
      const n = e.name ?? c.name;
      if (typeof n !== 'string') throw new Error(`${op}: a layer of a functional model has no name (got ${brief(n)})`);
      if (outputs.has(n)) throw new Error(`${op}: two layers are named '${n}'`);
      if (e.className === 'InputLayer') {
        const shape = c.batchInputShape ?? c.batchShape;
        if (!Array.isArray(shape)) throw new Error(`${op}: input layer '${n}' has no batch_input_shape list (got ${brief(shape)})`);
        outputs.set(n, [[input({ batchShape: shape as (number | null)[], name: n })]]);
        continue;
      }
      const nodes = e.inboundNodes ?? [];
      if (!Array.isArray(nodes)) throw new Error(`${op}: the inbound_nodes of layer '${n}' must be a list, got ${brief(nodes)}`);
      pending.push({ name: n, layer: deserializeLayer(e, op), nodes, next: 0 });
      outputs.set(n, []);
    }
    const malformed = (r: unknown, what: string) => new Error(`${op}: ${what} must be [layerName, nodeIndex, tensorIndex], got ${brief(r)}` +
      (isObj(r) ? ' (Keras 3 .keras configs are not supported: export with tf.keras 2 / tensorflowjs_converter)' : ''));
    const index = (v: unknown) => v === undefined || (Number.isSafeInteger(v) && (v as number) >= 0);
    const tensorAt = (r: unknown, what: string): SymbolicTensor | null => {
      if (!Array.isArray(r) || typeof r[0] !== 'string' || !index(r[1]) || !index(r[2])) throw malformed(r, what);
      const [ln, ni = 0, ti = 0] = r as [string, number, number];
      if (!outputs.has(ln)) throw new Error(`${op}: ${what} refers to a layer '${ln}' the model does not have`);
      const node = outputs.get(ln)![ni];
      if (node === undefined) return null;
      if (ti >= node.length) throw new Error(`${op}: ${what} takes output ${ti} of layer '${ln}', which has ${node.length}`);
      return node[ti];
    };
    // Apply each layer to its inbound nodes as soon as their inputs exist (Keras' deserialisation loop).
    for (let progress = true; progress;) {
      progress = false;
      for (const p of pending) {
        while (p.next < p.nodes.length) {
          const node = p.nodes[p.next], what = `an inbound node of '${p.name}'`;
          if (!Array.isArray(node) || node.length === 0) throw malformed(node, what);
          const ins = node.map((r) => tensorAt(r, what));
          if (ins.some((t) => t === null)) break;
          if (ins.length > 1 && (takesOneInput(p.layer) || p.layer instanceof Sequential)) {
            throw new Error(`${op}: ${what} gives it ${ins.length} inputs; a ${p.layer.getClassName()} layer takes one`);
          }
          const kwargs = Array.isArray(node[0]) && isObj(node[0][3]) ? node[0][3] : {};
          const out = p.layer.apply((ins.length === 1 ? ins[0] : ins) as SymbolicTensor[], kwargs) as SymbolicTensor | SymbolicTensor[];
          outputs.get(p.name)!.push(Array.isArray(out) ? out : [out]);
          p.next++; progress = true;
        }
      }
    }
    const stuck = pending.find((p) => p.next < p.nodes.length);
    if (stuck) throw new Error(`${op}: the inputs of layer '${stuck.name}' (node ${stuck.next}) are never produced: the graph is broken`);
    const pick = (r: unknown, what: string) => {
      const t = tensorAt(r, what);
      if (t === null) throw new Error(`${op}: ${what} ${brief(r)} is not an output of the graph`);
      return t;
    };
    const ins = inputLayers.map((r) => pick(r, 'an input layer')), outs = outputLayers.map((r) => pick(r, 'an output layer'));
    if (ins.length === 0 || outs.length === 0) throw new Error(`${op}: a functional model needs at least one input and one output layer`);
    const m = new Model({ name: config.name as string | undefined, inputs: ins, outputs: outs });
    // layers that no output depends on are not part of the model (Keras drops them too): free their weights
    const used = new Set(m.layers);
    for (const p of pending) if (!used.has(p.layer)) p.layer.dispose();
    return m;
  } catch (e) {
    // the layers applied so far hold weights: a failed load leaves nothing behind
    for (const p of pending) p.layer.dispose();
    throw e;
  }
}

// saved topologies name these classes ('Functional': Keras ≥ 2.4's name for graph models)
/**
 * @internal Registers Sequential and Model (also as 'Functional') with the class registry, once, unless a class was
 * registered under those names first. Called by whatever reads the registry for models (saving and loading
 * topologies), not at import: an app that never serialises a model does not carry the registry.
 */
export function registerModelClasses(): void {
  if (modelClassesRegistered) return;
  modelClassesRegistered = true;
  for (const [cls, name] of [[Sequential, 'Sequential'], [Model, 'Model'], [Model, 'Functional']] as const) {
    if (registeredClass(name) === undefined) registerClass(cls, name);
  }
}
let modelClassesRegistered = false;
