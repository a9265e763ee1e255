// Saving models in TensorFlow.js' "layers-model" format (model.json), the format tfjs-layers writes and
// tensorflowjs_converter makes from Keras: modelTopology is the Keras config with snake_case keys
// ({class_name, config: {name, layers, …}, keras_version, backend}), weights are named by their variables
// ('dense/kernel') and matched by name on load, and includeOptimizer adds trainingConfig plus the
// optimizer's state as weights of group 'optimizer' (tfjs' LayersModel.save). Also model.loadWeights and the
// trainingConfig ⇄ compile arguments; loading whole models is serialization.ts.
//
// Loading checks everything (every weight's name, shape, dtype and the byte count, the optimizer state)
// before assigning anything: a bad file leaves no model half-loaded.
import { snake, type Shape } from '../layers/layer.js';
import * as losses from '../losses.js';
import { getMetricFn, Metric } from '../metrics.js';
import { getOptimizer, LearningRateSchedule, type Optimizer } from '../optimizers/index.js';
import type { Tensor, Variable } from '../core/tensor.js';
import { concatenateArrayBuffers } from '../io/artifacts.js';
import { resolveLoadHandler, resolveSaveHandler } from '../io/router.js';
import type { IOHandler, LoadOptions, ModelArtifacts, SaveConfig, SaveResult, TrainingConfig, WeightsManifestEntry } from '../io/types.js';
import { decodeWeights, encodeWeights, type NamedTensor, type NamedTensorMap } from '../io/weights.js';
import { isPlainObject } from '../data/structure.js';
import { version } from '../version.js';
import { brief, camel, fromPythonic, isObj, toPythonic, type Config } from './config.js';
import type { Trainer } from './training.js';
import type { CompileArgs, LossId } from './types.js';

/** What saving needs of a model (model.ts's Model; an interface, so that this module does not import it). */
export interface SavableModel {
  readonly name: string;
  readonly weights: Variable[];
  readonly trainableWeights: Variable[];
  batchInputShape: Shape | null;
  build(inputShape: Shape): void;
  readonly trainer: Trainer | null;
  getClassName(): string;
  /** The config modelTopology holds; errors name `op`. */
  topologyConfig(op: string): Config;
  getUserDefinedMetadata(): Record<string, unknown> | undefined;
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
  if (typeof loss === 'string') return loss as LossId; // checked when compiled
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
export function trainingConfigOf(m: SavableModel, op: string): TrainingConfig {
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

export function compileArgsOf(tc: TrainingConfig, op: string): CompileArgs {
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
function namedWeights(m: SavableModel, op: string, trainableOnly = false): NamedTensor[] {
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
export function matchWeights(m: SavableModel, specs: WeightsManifestEntry[], values: NamedTensorMap, strict: boolean, op: string,
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

export function disposeAll(ts: Iterable<Tensor>): void { for (const t of ts) t.dispose(); }

/** Builds a model whose layers got no input shape from its config, so it has weights to load into. */
export function ensureBuilt(m: SavableModel, wanted: number, op: string): void {
  if (m.weights.length > 0 || wanted === 0) return;
  if (!m.batchInputShape) {
    throw new Error(`${op}: the model has no weights yet and its input shape is unknown, so the ${wanted} saved weights ` +
      'cannot be placed; give the first layer an inputShape (or build the model) before saving');
  }
  m.build(m.batchInputShape);
}

// ---- save and load --------------------------------------------------------------------------------------

type FileSaver = (m: SavableModel, url: string, config: SaveConfig, op: string) => Promise<SaveResult>;
/** Whole-file formats model.save writes by extension, once the subpath that writes them is imported. */
const fileSavers: { keras: FileSaver | null; onnx: FileSaver | null } = { keras: null, onnx: null };
/** @internal ascent/keras registers its writer here when imported, so model.save('…/model.keras') writes a Keras 3 file. */
export function provideKerasSaver(fn: FileSaver): void { fileSavers.keras = fn; }
/** @internal ascent/onnx registers its writer here when imported, so model.save('…/model.onnx') writes an ONNX file. */
export function provideOnnxSaver(fn: (m: SavableModel, url: string, op: string) => Promise<SaveResult>): void {
  fileSavers.onnx = (m, url, _config, op) => fn(m, url, op);
}
const FILE_KINDS = {
  keras: "a Keras file; import 'ascent/keras' once (it registers the Keras writer and its HDF5 and zip code",
  onnx: "an ONNX file; import 'ascent/onnx' once (it registers the ONNX writer",
};

/** model.save: topology, weights and, with includeOptimizer, the compile arguments and optimizer state. */
export async function saveModel(m: SavableModel, target: string | IOHandler, config: SaveConfig = {}): Promise<SaveResult> {
  const op = `${m.name}.save`;
  // A Keras 3 or ONNX file ('file://…/model.keras', 'downloads://model.onnx' …): written by its subpath once imported.
  const kind = typeof target === 'string' ? /\.(keras|onnx)$/i.exec(target)?.[1].toLowerCase() as keyof typeof fileSavers | undefined : undefined;
  if (kind !== undefined) {
    const saver = fileSavers[kind];
    if (saver === null) throw new Error(`${op}: '${target}' is ${FILE_KINDS[kind]}, which the core does not ship)`);
    return saver(m, target as string, config, op);
  }
  const handler = resolveSaveHandler(target, op);
  return handler.save!(modelArtifactsOf(m, config, op));
}

/** What model.save hands its IOHandler: topology, weights and, with includeOptimizer, the training config and state. */
export function modelArtifactsOf(m: SavableModel, config: SaveConfig, op: string): ModelArtifacts {
  const artifacts: ModelArtifacts = {
    modelTopology: modelTopology(m, op), format: 'layers-model', generatedBy: `ascent ${version}`, convertedBy: null,
  };
  const metadata = m.getUserDefinedMetadata();
  if (metadata !== undefined) artifacts.userDefinedMetadata = metadata;
  const parts = [encodeWeights(namedWeights(m, op, config.trainableOnly))];
  if (config.includeOptimizer && m.trainer) {
    artifacts.trainingConfig = trainingConfigOf(m, op);
    const state = m.trainer.optimizer.getWeights();
    try { parts.push(encodeWeights(state, 'optimizer')); } finally { disposeAll(state.map((s) => s.tensor)); }
  }
  artifacts.weightSpecs = parts.flatMap((p) => p.specs);
  artifacts.weightData = concatenateArrayBuffers(parts.map((p) => p.data));
  return artifacts;
}

/** model.saveWeights (Keras save_weights): the weights alone, in the same model.json + shards layout. */
export async function saveModelWeights(m: SavableModel, target: string | IOHandler): Promise<SaveResult> {
  const op = `${m.name}.saveWeights`;
  const handler = resolveSaveHandler(target, op);
  const { data, specs } = encodeWeights(namedWeights(m, op));
  return handler.save!({ format: 'layers-model', generatedBy: `ascent ${version}`, convertedBy: null, weightSpecs: specs, weightData: data });
}

/** {class_name, config, keras_version, backend}: what model.json's modelTopology holds. */
export function modelTopology(m: SavableModel, op = 'toJSON'): Config {
  return { class_name: m.getClassName(), config: toPythonic(m.topologyConfig(op)), keras_version: `ascent ${version}`, backend: 'tensor_flow.js' };
}

/** Decoded weights split into the model's and the optimizer's, or an error when data and specs disagree. */
export function decodeArtifacts(a: ModelArtifacts, op: string): { specs: WeightsManifestEntry[]; values: NamedTensorMap; optimizer: NamedTensor[] } {
  if ((a.weightData == null) !== (a.weightSpecs == null)) {
    throw new Error(`${op}: the artifacts have ${a.weightData == null ? 'weight specs but no weight data' : 'weight data but no weight specs'}`);
  }
  if (a.weightData == null) return { specs: [], values: {}, optimizer: [] };
  const values = decodeWeights(a.weightData, a.weightSpecs!, op);
  const specs = a.weightSpecs!.filter((s) => s.group !== 'optimizer');
  const optimizer = a.weightSpecs!.filter((s) => s.group === 'optimizer').map((s) => ({ name: s.name, tensor: values[s.name] }));
  return { specs, values, optimizer };
}

/**
 * model.loadWeights: from a URL or IOHandler (what saveWeights or save wrote), or tfjs' form, a
 * {name: tensor} map. Matched by name, or by position for a file of another instance of the same
 * architecture; everything is checked before any weight changes.
 */
export function loadModelWeights(m: SavableModel, source: string | IOHandler | NamedTensorMap, options: LoadOptions | boolean = {}): Promise<void> | void {
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
export function modelToJSON(m: SavableModel, returnString = true): string | Config {
  const t = modelTopology(m, `${m.name}.toJSON`);
  return returnString ? JSON.stringify(t) : t;
}

