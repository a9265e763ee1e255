// Models ⇄ TensorFlow.js' "layers-model" format (model.json), the format tfjs-layers writes and
// tensorflowjs_converter makes from Keras: modelTopology is the Keras config with snake_case keys
// ({class_name, config: {name, layers, …}, keras_version, backend}), weights are named by their variables
// ('dense/kernel') and matched by name on load, and includeOptimizer adds trainingConfig plus the
// optimizer's state as weights of group 'optimizer' (tfjs' LayersModel.save / loadLayersModel). So files
// move both ways between ascent and TensorFlow.js, and training resumes exactly where it stopped.
//
// Loading checks everything (topology, every weight's name, shape, dtype and the byte count, the optimizer
// state) before assigning anything: a bad file leaves no model half-loaded.
import { snake, Layer } from '../layers/layer.js';
import { Activation, Dense, Dropout, Flatten, Reshape } from '../layers/core.js';
import { Conv2D } from '../layers/conv.js';
import { AveragePooling2D, GlobalAveragePooling2D, MaxPooling2D } from '../layers/pooling.js';
import { BatchNormalization } from '../layers/normalization.js';
import { ELU, LeakyReLU, ReLU, Softmax } from '../layers/advanced_activations.js';
import { Embedding } from '../layers/embedding.js';
import { InputLayer } from '../layers/input_layer.js';
import { getActivation } from '../layers/activations.js';
import { input, type SymbolicTensor } from '../layers/symbolic.js';
import * as losses from '../losses.js';
import { getMetricFn, Metric } from '../metrics.js';
import { getOptimizer, LearningRateSchedule, type Optimizer } from '../optimizers/index.js';
import type { Tensor, Variable } from '../core/tensor.js';
import { concatenateArrayBuffers } from '../io/artifacts.js';
import { resolveLoadHandler, resolveSaveHandler } from '../io/router.js';
import type { IOHandler, LoadOptions, ModelArtifacts, SaveConfig, SaveResult, TrainingConfig, WeightsManifestEntry } from '../io/types.js';
import { decodeWeights, encodeWeights, type NamedTensor, type NamedTensorMap } from '../io/weights.js';
import { version } from '../version.js';
import { Model, Sequential } from './model.js';
import type { CompileArgs, LossId } from './types.js';
import { isPlainObject } from '../data/structure.js';

type Config = Record<string, unknown>;
const isObj = (x: unknown): x is Config => typeof x === 'object' && x !== null && !Array.isArray(x);
const brief = (x: unknown) => (JSON.stringify(x) ?? String(x)).slice(0, 120);

// ---- snake_case ⇄ camelCase, tfjs' convertTsToPythonic / convertPythonicToTs rule for rule ----------

// Layer names are the first item of each entry under these keys and keep their spelling.
const NAME_LISTS = new Set(['inboundNodes', 'inputLayers', 'outputLayers']);

/** tfjs' toCamelCase: only strings with an underscore change. */
export function camel(s: string): string {
  return s.length <= 1 || !s.includes('_') ? s : s.replace(/[_]+(\w|$)/g, (_, c: string) => c.toUpperCase());
}

/** A TS config → its Python form: keys and string values snake_cased, except names and class names. */
export function toPythonic(v: unknown, key?: string): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return snake(v);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map((x, i) => (key !== undefined && NAME_LISTS.has(key) && i === 0 && typeof x === 'string' ? x : toPythonic(x, key)));
  const out: Config = {};
  for (const [k, x] of Object.entries(v as Config)) {
    out[snake(k)] = (k === 'name' || k === 'className') && typeof x === 'string' ? x : toPythonic(x, k);
  }
  return out;
}

/** A Python config → its TS form (the inverse of toPythonic). */
export function fromPythonic(v: unknown, key?: string): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return camel(v);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map((x, i) => (key !== undefined && NAME_LISTS.has(key) && i === 0 && typeof x === 'string' ? x : fromPythonic(x, key)));
  const out: Config = {};
  for (const [k, x] of Object.entries(v as Config)) {
    if (k === 'name' && typeof x === 'string') out[k] = x;
    else { const ck = camel(k); out[ck] = fromPythonic(x, ck); }
  }
  return out;
}

// ---- the class registry (className → class), Keras' get_registered_object --------------------------

// The operation being performed ('loadLayersModel', 'modelFromJSON' …): nested configs report errors under it.
let activeOp = 'fromConfig';

type LayerClass = (new (args: never) => Layer) & { className?: string; fromConfig?(cls: unknown, config: Config): Layer };
const registered = new Map<string, LayerClass>();

function classes(): Map<string, LayerClass> {
  // filled on first use: model.ts and this module import each other
  if (registered.size === 0) {
    for (const c of [Dense, Conv2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, Flatten, Reshape, Dropout, BatchNormalization,
      Activation, ReLU, LeakyReLU, Softmax, ELU, Embedding, InputLayer, Sequential, Model] as unknown as LayerClass[]) {
      registered.set(c.className!, c);
    }
    registered.set('Functional', Model as unknown as LayerClass); // Keras ≥ 2.4's name for graph models
  }
  return registered;
}

/**
 * Makes a custom Layer (or Model subclass) loadable: saved configs with its class name are rebuilt with
 * its static fromConfig(cls, config) (by default `new cls(config)`, from getConfig()'s output).
 * @example class Scale extends tf.Layer { static className = 'Scale'; … }  tf.serialization.registerClass(Scale);
 */
export function registerClass(cls: Function & { className?: string }, name?: string): void {
  if (typeof cls !== 'function' || !(cls.prototype instanceof Layer)) {
    throw new Error(`registerClass: expected a class extending tf.Layer or tf.Model, got ${typeof cls === 'function' ? cls.name : typeof cls}`);
  }
  const n = name ?? (Object.prototype.hasOwnProperty.call(cls, 'className') ? cls.className : cls.name);
  if (typeof n !== 'string' || n === '') throw new Error(`registerClass: the class has no name; give it a static className`);
  classes().set(n, cls as unknown as LayerClass);
}

/** A layer (or model) from {className, config} in TS form; unknown classes and bad entries name `op`. */
export function deserializeLayer(entry: unknown, op: string): Layer {
  if (!isObj(entry) || typeof entry.className !== 'string' || (!isObj(entry.config) && !Array.isArray(entry.config))) {
    throw new Error(`${op}: a layer must be {class_name, config}, got ${brief(entry)}`);
  }
  const cls = classes().get(entry.className);
  if (cls === undefined) {
    throw new Error(`${op}: unknown layer class '${entry.className}' (known: ${[...classes().keys()].join(', ')}); ` +
      'register custom classes with tf.serialization.registerClass(cls)');
  }
  const config = Array.isArray(entry.config) ? entry.config as unknown as Config : normalize({ ...entry.config }, entry.className, op);
  try {
    return (cls.fromConfig ?? Layer.fromConfig).call(cls, cls, config);
  } catch (e) {
    const msg = (e as Error).message;
    throw new Error(msg.startsWith(`${op}:`) ? msg : `${op}: cannot rebuild ${entry.className} '${String(config.name ?? '')}': ${msg}`);
  }
}

/** Keras spellings ascent's constructors do not take. */
function normalize(c: Config, cls: string, op: string): Config {
  if (isObj(c.dtype)) c.dtype = (c.dtype.config as Config | undefined)?.name ?? c.dtype.name; // Keras 3 DTypePolicy
  if (c.batchShape !== undefined && c.batchInputShape === undefined) { c.batchInputShape = c.batchShape; delete c.batchShape; }
  if (c.dtype !== undefined && c.dtype !== null && !['float32', 'int32', 'bool'].includes(c.dtype as string)) {
    throw new Error(`${op}: layer '${String(c.name)}' (${cls}) has dtype ${brief(c.dtype)}; ascent layers compute in float32 (int32/bool inputs)`);
  }
  return c;
}

// ---- topology: Sequential and functional configs ----------------------------------------------------

/** A layer's config in TS form, checked to hold only data (no functions, no custom activations). */
function layerConfig(l: Layer, op: string): Config {
  const c = l.getConfig();
  const check = (v: unknown, key: string): void => {
    if (typeof v === 'function') throw new Error(`${op}: layer '${l.name}' (${l.getClassName()}) has a function in its config (${key}); it cannot be saved`);
    if (Array.isArray(v)) v.forEach((x) => check(x, key));
    else if (isObj(v)) for (const [k, x] of Object.entries(v)) check(x, `${key}.${k}`);
  };
  for (const [k, v] of Object.entries(c)) check(v, k);
  if (typeof c.activation === 'string') {
    try { getActivation(c.activation); } catch {
      throw new Error(`${op}: layer '${l.name}' uses a custom activation function ('${c.activation}'), which cannot be saved; ` +
        'use a named activation, or a custom layer registered with tf.serialization.registerClass');
    }
  }
  return c;
}

/** {name, layers: [{className, config}]}; the model's input shape goes into the first layer's config. */
export function sequentialConfig(m: Sequential, op = 'getConfig'): Config {
  const layers = m.layers.map((l, i) => {
    const config = layerConfig(l, op);
    if (i === 0 && config.batchInputShape === undefined && m.batchInputShape) config.batchInputShape = m.batchInputShape.slice();
    return { className: l.getClassName(), config };
  });
  return { name: m.name, layers };
}

export function sequentialFromConfig(config: Config, op = activeOp): Sequential {
  const list = Array.isArray(config) ? config : config.layers;
  if (!Array.isArray(list)) throw new Error(`${op}: a Sequential config needs a 'layers' list, got ${brief(config)}`);
  const layers = list.map((e) => deserializeLayer(e, op));
  const m = new Sequential({ name: Array.isArray(config) ? undefined : config.name as string | undefined, layers });
  const build = Array.isArray(config) ? undefined : config.buildInputShape; // Keras 2 writes it when the layers lack a shape
  if (!m.built && Array.isArray(build)) m.build(build as (number | null)[]);
  return m;
}

type Graph = { inputs: SymbolicTensor[]; outputs: SymbolicTensor[]; order: SymbolicTensor[] };

/**
 * Keras' functional config: the layers with their inbound nodes [[layer, nodeIndex, tensorIndex, kwargs]]
 * (nodeIndex: the how-manieth call of that layer in this model), model inputs as InputLayers.
 */
export function functionalConfig(m: Model, graph: Graph, op = 'getConfig'): Config {
  const byId = (a: SymbolicTensor, b: SymbolicTensor) => a.id - b.id;
  const calls = new Map<Layer, SymbolicTensor[]>();
  for (const t of [...graph.order].sort(byId)) if (t.sourceLayer) calls.set(t.sourceLayer, [...(calls.get(t.sourceLayer) ?? []), t]);
  const ref = (t: SymbolicTensor): [string, number, number] =>
    (t.sourceLayer ? [t.sourceLayer.name, calls.get(t.sourceLayer)!.indexOf(t), 0] : [t.name, 0, 0]);
  const layers: Config[] = graph.inputs.map((s) => ({
    name: s.name, className: 'InputLayer',
    config: { batchInputShape: s.shape.slice(), dtype: 'float32', sparse: false, name: s.name }, inboundNodes: [],
  }));
  for (const l of m.layers) {
    layers.push({ name: l.name, className: l.getClassName(), config: layerConfig(l, op),
      inboundNodes: (calls.get(l) ?? []).map((t) => t.inputs.map((p) => [...ref(p), {}])) });
  }
  return { name: m.name, layers, inputLayers: graph.inputs.map(ref), outputLayers: graph.outputs.map(ref) };
}

export function functionalFromConfig(config: Config, op = activeOp): Model {
  const { layers } = config;
  // Keras writes a single input or output as one flat [name, node, tensor] triple
  const triples = (x: unknown) => (Array.isArray(x) && typeof x[0] === 'string' ? [x] : x);
  const inputLayers = triples(config.inputLayers), outputLayers = triples(config.outputLayers);
  if (!Array.isArray(layers) || !Array.isArray(inputLayers) || !Array.isArray(outputLayers)) {
    throw new Error(`${op}: a functional model config needs 'layers', 'input_layers' and 'output_layers' lists`);
  }
  const outputs = new Map<string, SymbolicTensor[]>(); // layer name → its output per node, in call order
  const pending: { name: string; layer: Layer; nodes: unknown[]; next: number }[] = [];
  for (const e of layers as Config[]) {
    const c = isObj(e) && isObj(e.config) ? e.config : {};
    const name = String(e?.name ?? c.name);
    if (outputs.has(name)) throw new Error(`${op}: two layers are named '${name}'`);
    if (e?.className === 'InputLayer') {
      outputs.set(name, [input({ batchShape: (c.batchInputShape ?? c.batchShape) as (number | null)[], name })]);
      continue;
    }
    pending.push({ name, layer: deserializeLayer(e, op), nodes: Array.isArray(e.inboundNodes) ? e.inboundNodes : [], next: 0 });
    outputs.set(name, []);
  }
  const malformed = (r: unknown, what: string) => new Error(`${op}: ${what} must be [layerName, nodeIndex, tensorIndex], got ${brief(r)}` +
    (isObj(r) ? ' (Keras 3 .keras configs are not supported: export with tf.keras 2 / tensorflowjs_converter)' : ''));
  const tensorAt = (r: unknown, what: string): SymbolicTensor | null => {
    if (!Array.isArray(r) || typeof r[0] !== 'string') throw malformed(r, what);
    const [ln, ni = 0, ti = 0] = r as [string, number, number];
    if (!outputs.has(ln)) throw new Error(`${op}: ${what} refers to a layer '${ln}' the model does not have`);
    if (ti !== 0) throw new Error(`${op}: ${what} takes output ${ti} of layer '${ln}'; ascent layers have one output`);
    return outputs.get(ln)![ni] ?? null;
  };
  // Apply each layer to its inbound nodes as soon as their inputs exist (Keras' deserialisation loop).
  for (let progress = true; progress;) {
    progress = false;
    for (const p of pending) {
      while (p.next < p.nodes.length) {
        const node = p.nodes[p.next], what = `an inbound node of '${p.name}'`;
        if (!Array.isArray(node)) throw malformed(node, what);
        const ins = node.map((r) => tensorAt(r, what));
        if (ins.some((t) => t === null)) break;
        outputs.get(p.name)!.push(p.layer.apply((ins.length === 1 ? ins[0] : ins) as SymbolicTensor) as SymbolicTensor);
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
  return new Model({ name: config.name as string | undefined, inputs: inputLayers.map((r) => pick(r, 'an input layer')),
    outputs: outputLayers.map((r) => pick(r, 'an output layer')) });
}

/** {class_name, config, keras_version, backend}: what model.json's modelTopology holds. */
export function modelTopology(m: Model, op = 'toJSON'): Config {
  const className = m.getClassName();
  if (!(m instanceof Sequential) && !m.isGraphNetwork() && classes().get(className) !== m.constructor) {
    throw new Error(`${op}: the topology of a subclassed model (${className}) cannot be serialised: its call() is code. ` +
      'Save its weights with model.saveWeights(url) and rebuild the model in code, or register the class with ' +
      'tf.serialization.registerClass(cls) (with getConfig() and, if needed, a static fromConfig)');
  }
  const config = m instanceof Sequential ? sequentialConfig(m, op) : m.isGraphNetwork() ? m.getConfig() : layerConfig(m, op);
  return { class_name: className, config: toPythonic(config), keras_version: `ascent ${version}`, backend: 'tensor_flow.js' };
}

/** The model from a modelTopology (Python form, an object or JSON text), with fresh weights. */
export function modelFromTopology(topology: unknown, op = 'modelFromJSON'): Model {
  let t = topology;
  if (typeof t === 'string') {
    try { t = JSON.parse(t); } catch (e) { throw new Error(`${op}: the model topology is not valid JSON (${(e as Error).message})`); }
  }
  if (t instanceof ArrayBuffer) throw new Error(`${op}: the model topology is a binary GraphDef (a graph model); ascent loads layers models`);
  if (isObj(t) && isObj(t.model_config)) t = t.model_config; // Keras' full model JSON
  if (!isObj(t) || typeof t.class_name !== 'string' || !(isObj(t.config) || Array.isArray(t.config))) {
    throw new Error(`${op}: the model topology must be {class_name, config, …}, got ${brief(t)}`);
  }
  const outer = activeOp;
  activeOp = op;
  let layer: Layer;
  try { layer = deserializeLayer(fromPythonic(t), op); } finally { activeOp = outer; }
  if (!(layer instanceof Model)) {
    layer.dispose();
    throw new Error(`${op}: the topology is a ${t.class_name} layer, not a model`);
  }
  return layer;
}

// ---- trainingConfig (compile arguments) ---------------------------------------------------------------

const sameConfig = (a: Config, b: Config) => JSON.stringify(a) === JSON.stringify(b);
const snakeKeys = (c: Config) => Object.fromEntries(Object.entries(c).map(([k, v]) => [snake(k), v ?? null]));

function lossToJSON(loss: LossId, op: string): TrainingConfig['loss'] | Config {
  const custom = (what: string) => new Error(`${op}: the loss is ${what}, which cannot be saved with includeOptimizer; ` +
    'save without it and compile the loaded model yourself');
  if (typeof loss === 'string') { losses.getLossFn(loss); return snake(loss); }
  if (loss instanceof losses.Loss) {
    const entry = Object.entries(losses).find(([k, v]) => v === loss.constructor && k !== 'LossFunctionWrapper');
    if (!entry) throw custom(`a custom Loss (${loss.constructor.name})`);
    let plain: losses.Loss | null = null;
    try { plain = new (entry[1] as new () => losses.Loss)(); } catch { /* needs arguments */ }
    // a loss with its default options is written as tfjs does (its name); otherwise as Keras: {class_name, config}
    if (plain && sameConfig(plain.getConfig(), loss.getConfig())) {
      try { losses.getLossFn(plain.name); return plain.name; } catch { /* not a string loss */ }
    }
    return { class_name: entry[0], config: snakeKeys(loss.getConfig()) };
  }
  const name = losses.getLossFn(loss).name;
  try { losses.getLossFn(name); } catch { throw custom(`a custom function ('${name}')`); }
  return name;
}

function lossFromJSON(loss: unknown, op: string): LossId {
  if (typeof loss === 'string') return loss;
  if (isObj(loss) && typeof loss.class_name === 'string') {
    const cls = (losses as Record<string, unknown>)[loss.class_name];
    if (typeof cls !== 'function' || !(cls.prototype instanceof losses.Loss)) throw new Error(`${op}: unknown loss class '${loss.class_name}'`);
    const config = Object.fromEntries(Object.entries(isObj(loss.config) ? loss.config : {}).map(([k, v]) => [camel(k), v]));
    return new (cls as new (c: Config) => losses.Loss)(config);
  }
  throw new Error(`${op}: trainingConfig.loss must be a loss name or {class_name, config} (or a list or object of them, one per output), got ${brief(loss)}`);
}

function metricToJSON(m: unknown, lossName: string, op: string): string {
  const id = m instanceof Metric ? m.name : typeof m === 'function' ? (m.name || 'metric') : m as string;
  try { getMetricFn(id, lossName); } catch {
    throw new Error(`${op}: the metric '${id}' is custom and cannot be saved with includeOptimizer; save without it`);
  }
  return typeof m === 'string' ? snake(m) : id;
}

/** Optimizer configs hold only data: schedules become {className, config}; functions cannot be saved. */
function plainConfig(v: unknown, op: string, key: string): unknown {
  if (v instanceof LearningRateSchedule) return { className: v.getClassName(), config: plainConfig(v.getConfig(), op, key) };
  if (typeof v === 'function') {
    throw new Error(`${op}: the optimizer's ${key} is a function, which cannot be saved; use a tf.optimizers.schedules LearningRateSchedule`);
  }
  if (Array.isArray(v)) return v.map((x) => plainConfig(x, op, key));
  if (isObj(v)) return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, plainConfig(x, op, k)]));
  return v;
}

/**
 * tfjs' getTrainingConfig: loss and metrics names (snake_case), the optimizer's class and config (as getConfig
 * gives it). A model with several outputs keeps compile's form: losses as a list or an object keyed by output
 * name, per-output metrics as a list of lists or an object, and loss_weights (Keras' trainingConfig keys).
 */
export function trainingConfigOf(m: Model, op: string): TrainingConfig {
  const t = m.trainer!, args = t.args;
  const names = t.outputNames, lossNames = t.lossNames;
  const L = args.loss, M = args.metrics;
  const loss = Array.isArray(L) ? L.map((l) => lossToJSON(l, op))
    : isPlainObject(L) ? Object.fromEntries(Object.entries(L).map(([k, l]) => [k, lossToJSON(l, op)]))
    : lossToJSON(L as LossId, op);
  const lossOf = (i: number) => lossNames[i] ?? lossNames[0] ?? '';
  let metrics: TrainingConfig['metrics'];
  if (M === undefined || M === null) metrics = [];
  else if (isPlainObject(M)) {
    metrics = Object.fromEntries(Object.entries(M).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map((x) => metricToJSON(x, lossOf(names.indexOf(k)), op))]));
  } else if (Array.isArray(M) && M.some((e) => Array.isArray(e))) {
    metrics = (M as unknown[][]).map((list, i) => list.map((x) => metricToJSON(x, lossOf(i), op)));
  } else metrics = (Array.isArray(M) ? M : [M]).map((x) => metricToJSON(x, lossOf(0), op));
  return {
    loss: loss as TrainingConfig['loss'],
    metrics,
    ...(args.lossWeights != null ? { loss_weights: args.lossWeights } : {}),
    optimizer_config: { class_name: t.optimizer.getClassName(), config: plainConfig(t.optimizer.getConfig(), op, 'config') as Config },
  };
}

function compileArgsOf(tc: TrainingConfig, op: string): CompileArgs {
  if (!isObj(tc) || !isObj(tc.optimizer_config)) throw new Error(`${op}: trainingConfig must have an optimizer_config {class_name, config}`);
  for (const k of ['weighted_metrics', 'sample_weight_mode'] as const) {
    if (tc[k] != null) throw new Error(`${op}: trainingConfig.${k} is not supported; load with {compile: false} and compile yourself`);
  }
  const optimizer = getOptimizer(fromPythonic(tc.optimizer_config) as { className: string; config: Config }) as Optimizer;
  // one loss, a list (one per output) or an object keyed by output name; a Keras loss object is {class_name, config}
  const l = tc.loss as unknown;
  const loss = Array.isArray(l) ? l.map((x) => lossFromJSON(x, op))
    : isObj(l) && typeof l.class_name !== 'string' ? Object.fromEntries(Object.entries(l).map(([k, x]) => [k, lossFromJSON(x, op)]))
    : lossFromJSON(l, op);
  // tfjs writes {} for a model compiled without metrics
  const ms = tc.metrics as unknown;
  const metrics = ms == null || (isObj(ms) && Object.keys(ms).length === 0) ? [] : ms;
  if (!Array.isArray(metrics) && !isObj(metrics)) throw new Error(`${op}: trainingConfig.metrics must be a list or an object keyed by output name, got ${brief(metrics)}`);
  const lw = tc.loss_weights;
  return { optimizer, loss, metrics: metrics as CompileArgs['metrics'], ...(lw != null ? { lossWeights: lw } : {}) };
}

// ---- weights ------------------------------------------------------------------------------------------

/** The weights to save, each name once (duplicate names would make the file ambiguous). */
function namedWeights(m: Model, op: string, trainableOnly = false): NamedTensor[] {
  const ws = trainableOnly ? m.trainableWeights : m.weights;
  const seen = new Set<string>();
  for (const w of ws) {
    if (seen.has(w.name)) {
      throw new Error(`${op}: two weights of the model are named '${w.name}'; give its layers distinct names (Keras requires unique layer names)`);
    }
    seen.add(w.name);
  }
  return ws.map((w) => ({ name: w.name, tensor: w as Tensor }));
}

const fmt = (t: { shape: number[]; dtype: string }) => `[${t.shape}] ${t.dtype}`;

/**
 * Pairs the model's variables with decoded weights, checking shapes and dtypes. By name (tfjs, strict:
 * every variable found and every weight used); with byOrder, a file whose names differ (another instance
 * of the same architecture) is matched by position when the counts agree, as Keras' load_weights does.
 */
function matchWeights(m: Model, specs: WeightsManifestEntry[], values: NamedTensorMap, strict: boolean, op: string,
                      byOrder = false): [Variable, Tensor][] {
  const vars = m.weights;
  const names = new Set<string>();
  for (const v of vars) {
    if (names.has(v.name)) throw new Error(`${op}: two weights of the model are named '${v.name}'; weights are matched by name`);
    names.add(v.name);
  }
  const missing = vars.filter((v) => !(v.name in values));
  let pairs: [Variable, Tensor][];
  let how = '';
  if (missing.length > 0 && byOrder && specs.length === vars.length) {
    pairs = vars.map((v, i) => [v, values[specs[i].name]]);
    how = ' (matched by position: the names differ)';
  } else {
    const extra = specs.filter((s) => !names.has(s.name));
    if (strict && missing.length > 0) {
      throw new Error(`${op}: ${missing.length} of the model's ${vars.length} weights are missing from the file: ` +
        `${missing.slice(0, 10).map((v) => `'${v.name}'`).join(', ')}${missing.length > 10 ? ' …' : ''}; ` +
        `the file has ${specs.slice(0, 10).map((s) => `'${s.name}'`).join(', ') || 'no weights'}${specs.length > 10 ? ' …' : ''}`);
    }
    if (strict && extra.length > 0) {
      throw new Error(`${op}: the file has ${extra.length} weight(s) the model does not: ` +
        `${extra.slice(0, 10).map((s) => `'${s.name}'`).join(', ')}${extra.length > 10 ? ' …' : ''} (load with {strict: false} to ignore them)`);
    }
    pairs = vars.filter((v) => v.name in values).map((v) => [v, values[v.name]]);
  }
  for (const [v, t] of pairs) {
    if (t.dtype !== v.dtype || t.shape.length !== v.shape.length || t.shape.some((d, i) => d !== v.shape[i])) {
      throw new Error(`${op}: weight '${v.name}' is ${fmt(v)} in the model but ${fmt(t)} in the file${how}`);
    }
  }
  return pairs;
}

function disposeAll(ts: Iterable<Tensor>): void { for (const t of ts) t.dispose(); }

/** Builds a model whose layers got no input shape from its config, so it has weights to load into. */
function ensureBuilt(m: Model, wanted: number, op: string): void {
  if (m.weights.length > 0 || wanted === 0) return;
  if (!m.batchInputShape) {
    throw new Error(`${op}: the model has no weights yet and its input shape is unknown, so the ${wanted} saved weights ` +
      'cannot be placed; give the first layer an inputShape (or build the model) before saving');
  }
  m.build(m.batchInputShape);
}

// ---- save and load --------------------------------------------------------------------------------------

/** model.save: topology, weights and, with includeOptimizer, the compile arguments and optimizer state. */
export async function saveModel(m: Model, target: string | IOHandler, config: SaveConfig = {}): Promise<SaveResult> {
  const op = `${m.name}.save`;
  const handler = resolveSaveHandler(target, op);
  const artifacts: ModelArtifacts = {
    modelTopology: modelTopology(m, op), format: 'layers-model', generatedBy: `ascent ${version}`, convertedBy: null,
  };
  const parts = [encodeWeights(namedWeights(m, op, config.trainableOnly))];
  if (config.includeOptimizer && m.trainer) {
    artifacts.trainingConfig = trainingConfigOf(m, op);
    const state = m.trainer.optimizer.getWeights();
    try { parts.push(encodeWeights(state, 'optimizer')); } finally { disposeAll(state.map((s) => s.tensor)); }
  }
  artifacts.weightSpecs = parts.flatMap((p) => p.specs);
  artifacts.weightData = concatenateArrayBuffers(parts.map((p) => p.data));
  return handler.save!(artifacts);
}

/** model.saveWeights (Keras save_weights): the weights alone, in the same model.json + shards layout. */
export async function saveModelWeights(m: Model, target: string | IOHandler): Promise<SaveResult> {
  const op = `${m.name}.saveWeights`;
  const handler = resolveSaveHandler(target, op);
  const { data, specs } = encodeWeights(namedWeights(m, op));
  return handler.save!({ format: 'layers-model', generatedBy: `ascent ${version}`, convertedBy: null, weightSpecs: specs, weightData: data });
}

/** Decoded weights split into the model's and the optimizer's, or an error when data and specs disagree. */
function decodeArtifacts(a: ModelArtifacts, op: string): { specs: WeightsManifestEntry[]; values: NamedTensorMap; optimizer: NamedTensor[] } {
  if ((a.weightData == null) !== (a.weightSpecs == null)) {
    throw new Error(`${op}: the artifacts have ${a.weightData == null ? 'weight specs but no weight data' : 'weight data but no weight specs'}`);
  }
  if (a.weightData == null) return { specs: [], values: {}, optimizer: [] };
  const values = decodeWeights(a.weightData, a.weightSpecs!, op);
  const specs = a.weightSpecs!.filter((s) => s.group !== 'optimizer');
  const optimizer = a.weightSpecs!.filter((s) => s.group === 'optimizer').map((s) => ({ name: s.name, tensor: values[s.name] }));
  return { specs, values, optimizer };
}

export interface LoadLayersModelOptions extends LoadOptions {
  /** Compile the model from the saved trainingConfig and restore the optimizer state (default true). */
  compile?: boolean;
}

/**
 * The model in saved artifacts: topology → layers, then every weight checked and assigned, then (when the
 * file has a trainingConfig) compiled with the saved optimizer and its state, ready to resume training.
 */
export function modelFromArtifacts(a: ModelArtifacts, options: LoadLayersModelOptions = {}, op = 'loadLayersModel'): Model {
  if (a === null || typeof a !== 'object') throw new Error(`${op}: the IOHandler's load() gave ${brief(a)}, not model artifacts`);
  if (a.format != null && a.format !== 'layers-model') {
    throw new Error(`${op}: the model's format is '${a.format}'; ascent loads 'layers-model' files (tf.LayersModel.save, tensorflowjs_converter --output_format tfjs_layers_model)`);
  }
  if (a.modelTopology == null) {
    throw new Error(`${op}: the artifacts have no modelTopology (weights only, as model.saveWeights writes?); load those with model.loadWeights(url)`);
  }
  const m = modelFromTopology(a.modelTopology, op);
  let decoded: ReturnType<typeof decodeArtifacts> | null = null;
  try {
    decoded = decodeArtifacts(a, op);
    ensureBuilt(m, decoded.specs.length, op);
    // a subclassed model names its layers anew in its constructor: its weights are matched by position
    const subclassed = !(m instanceof Sequential) && !m.isGraphNetwork();
    const pairs = matchWeights(m, decoded.specs, decoded.values, options.strict ?? true, op, subclassed);
    if (a.trainingConfig != null && options.compile !== false) {
      m.compile(compileArgsOf(a.trainingConfig, op));
      if (decoded.optimizer.length > 0) m.trainer!.optimizer.setWeights(decoded.optimizer);
    }
    for (const [v, t] of pairs) v.assign(t);
    return m;
  } catch (e) {
    disposeAll(m.weights);
    m.trainer?.optimizer.dispose();
    throw e;
  } finally {
    if (decoded) disposeAll(Object.values(decoded.values));
  }
}

/**
 * Loads a model saved by model.save() here or by TensorFlow.js (or converted from Keras): a URL
 * ('file://dir/model.json', 'indexeddb://name', 'localstorage://name', 'https://…/model.json') or an
 * IOHandler (tf.io.fromMemory, tf.io.browserFiles …). With {strict: false} missing or extra weights are
 * ignored; {compile: false} skips the saved trainingConfig.
 * @example const model = await tf.loadLayersModel('file://./my-model/model.json');
 */
export async function loadLayersModel(source: string | string[] | IOHandler, options: LoadLayersModelOptions = {}): Promise<Model> {
  const op = 'loadLayersModel';
  const handler = resolveLoadHandler(source, options, op);
  return modelFromArtifacts(await handler.load!(), options, op);
}

/** tfjs' tf.models.modelFromJSON: a model from its topology (model.toJSON() or model.json's modelTopology), fresh weights. */
export async function modelFromJSON(json: unknown): Promise<Model> {
  const t = isObj(json) && 'modelTopology' in json ? json.modelTopology : json;
  return modelFromTopology(t, 'modelFromJSON');
}

/**
 * model.loadWeights: from a URL or IOHandler (what saveWeights or save wrote), or tfjs' form, a
 * {name: tensor} map. Matched by name, or by position for a file of another instance of the same
 * architecture; everything is checked before any weight changes.
 */
export function loadModelWeights(m: Model, source: string | IOHandler | NamedTensorMap, options: LoadOptions | boolean = {}): Promise<void> | void {
  const op = `${m.name}.loadWeights`;
  const strict = typeof options === 'boolean' ? options : options.strict ?? true;
  const isMap = isObj(source) && typeof (source as IOHandler).load !== 'function' && typeof (source as IOHandler).save !== 'function';
  if (isMap) {
    const values = source as NamedTensorMap;
    for (const [name, t] of Object.entries(values)) {
      if (t === null || typeof t !== 'object' || !('dtype' in t)) throw new Error(`${op}: weight '${name}' of the map is not a Tensor`);
    }
    const specs = Object.entries(values).map(([name, t]) => ({ name, shape: t.shape, dtype: t.dtype }));
    for (const [v, t] of matchWeights(m, specs, values, strict, op)) v.assign(t);
    return;
  }
  const handler = resolveLoadHandler(source as string | IOHandler, typeof options === 'boolean' ? {} : options, op);
  return (async () => {
    const a = await handler.load!();
    if (a.weightData == null) throw new Error(`${op}: the file has no weights`);
    const d = decodeArtifacts(a, op);
    try {
      ensureBuilt(m, d.specs.length, op);
      for (const [v, t] of matchWeights(m, d.specs, d.values, strict, op, true)) v.assign(t);
    } finally {
      disposeAll(Object.values(d.values));
    }
  })();
}

/** model.toJSON (tfjs): the modelTopology as a JSON string, or as an object with returnString false. */
export function modelToJSON(m: Model, returnString = true): string | Config {
  const t = modelTopology(m, `${m.name}.toJSON`);
  return returnString ? JSON.stringify(t) : t;
}

/** tf.models (tfjs): modelFromJSON. */
export const models = { modelFromJSON };
/** tf.serialization (tfjs): registerClass for custom layers and models. */
export const serialization = { registerClass };
