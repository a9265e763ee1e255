// Saving a model as a Keras 3 `.keras` file (issue 16): the zip Keras 3's keras.saving.load_model reads —
//   config.json       the model's config: ascent's own (the Keras 2 form model.json holds), each nested
//                     {class_name, config} given the `module` and `registered_name` Keras 3's deserialiser looks
//                     up classes by; with includeOptimizer, Keras 3's compile_config.
//   metadata.json     {keras_version, date_saved}.
//   model.weights.h5  `layers/<key>/vars/<i>` (and `optimizer/vars/<i>`), keyed as Keras's saving_lib names them:
//                     the same structural walk the loader makes (index.ts kerasLayerKeys / weightGroupsOf).
// Written with fflate's zipSync and the small HDF5 writer in hdf5_write.ts.
import { zipSync, strToU8 } from 'fflate';
import type { Tensor, Variable } from '../core/tensor.js';
import { brief, isObj, type Config } from '../models/config.js';
import { Model, Sequential } from '../models/model.js';
import { modelTopology, trainingConfigOf } from '../models/saving.js';
import { LearningRateSchedule } from '../optimizers/schedules.js';
import type { SaveResult } from '../io/types.js';
import { saveWholeFile } from '../io/handlers/whole_file.js';
import { version } from '../version.js';
import { h5dataset, h5group, writeHdf5, type H5Group } from './hdf5_write.js';
import { keras3Difference, kerasLayerKeys, weightGroupsOf } from './keras_paths.js';

export interface ToKerasOptions {
  /** Also write the compile config and the optimizer's state, so Keras's fit resumes where ascent stopped (default false, as model.save). */
  includeOptimizer?: boolean;
}

/** The classes Keras 3 keeps outside keras.layers, by the config key that holds them. */
const MODULE_BY_KEY: [RegExp, string][] = [
  [/_initializer$/, 'keras.initializers'], [/_regularizer$/, 'keras.regularizers'], [/_constraint$/, 'keras.constraints'],
];

/**
 * A nested {class_name, config} of ascent's config → Keras 3's {module, class_name, config, registered_name}.
 * `key` is the config key it sits under (which module its class lives in).
 */
function annotate(v: unknown, key: string, depth = 0): unknown {
  if (depth > 100) throw new Error('toKeras: the model config is nested more than 100 levels deep');
  if (Array.isArray(v)) return v.map((x) => annotate(x, key, depth + 1));
  if (!isObj(v)) return v;
  const out: Config = {};
  for (const [k, x] of Object.entries(v)) out[k] = k === 'inbound_nodes' ? x : annotate(x, k === 'config' ? key : k, depth + 1);
  if (typeof v.class_name === 'string' && 'config' in v) {
    const cls = v.class_name;
    const module = cls === 'Sequential' ? 'keras' : cls === 'Model' || cls === 'Functional' ? 'keras.src.models.functional'
      : MODULE_BY_KEY.find(([re]) => re.test(key))?.[1] ?? 'keras.layers';
    if (cls === 'Model') out.class_name = 'Functional';
    return { module, ...out, registered_name: null };
  }
  return out;
}

/**
 * Keras 3 reads a Keras 2 inbound node ([[layer, node, tensor, kwargs], …]) as one positional input and passes its
 * kwargs as they are; MultiHeadAttention takes (query, value, key) as separate tensors, so its nodes are written in
 * Keras 3's own form: {args: [query, value, key?], kwargs} of `__keras_tensor__` references.
 */
function fixAttentionNodes(model: Model, layers: unknown[]): void {
  const ref = (r: unknown[]): Config => {
    const [name, node, tensor] = r as [string, number, number];
    const layer = [...model.layers, ...model.inputLayers].find((x) => x.name === name);
    const shape = layer?.inboundNodes[node]?.outputShapes[tensor] ?? layer?.batchInputShape ?? null;
    return { class_name: '__keras_tensor__', config: { shape, dtype: 'float32', keras_history: [name, node, tensor] } };
  };
  for (const l of layers) {
    if (!isObj(l) || l.class_name !== 'MultiHeadAttention' || !Array.isArray(l.inbound_nodes)) continue;
    l.inbound_nodes = l.inbound_nodes.map((node) => {
      if (!Array.isArray(node)) return node;
      const refs = node as unknown[][];
      return { args: refs.map(ref), kwargs: isObj(refs[0]?.[3]) ? refs[0][3] : {} };
    });
  }
}

/** Keras 3's layers reject batch_input_shape: a Sequential starts with an InputLayer of that shape instead. */
function sequentialInput(layers: unknown[]): void {
  const first = layers[0];
  if (!isObj(first) || !isObj(first.config) || first.class_name === 'InputLayer') return;
  const { batch_input_shape: shape, ...rest } = first.config;
  if (shape === undefined) return;
  first.config = rest;
  layers.unshift({ class_name: 'InputLayer', config: { batch_shape: shape, dtype: rest.dtype ?? 'float32', sparse: false, name: `${String(rest.name)}_input` } });
}

function walkModels(model: Model, entry: Config, op: string, depth = 0): void {
  const c = entry.config;
  if (depth > 50 || !isObj(c) || !Array.isArray(c.layers)) return;
  if (entry.class_name === 'Sequential') sequentialInput(c.layers);
  else fixAttentionNodes(model, c.layers);
  kerasKeys(c.layers, op);
  for (const l of c.layers) {
    if (!isObj(l) || !isObj(l.config)) continue;
    const name = String(l.config.name ?? l.name);
    const inner = model.layers.find((x) => x.name === name);
    if (inner instanceof Model) walkModels(inner, l, op, depth + 1);
  }
}

/** Layers Keras 3 does not have. */
const NOT_IN_KERAS3: Record<string, string> = {
  ThresholdedReLU: 'Keras 3 removed it', RandomWidth: 'Keras 3 removed it',
};

/** Keras 3's constructors reject some keys ascent (as tfjs) writes: dropped where they hold no information. */
function kerasKeys(layers: unknown[], op: string): void {
  for (const l of layers) {
    if (!isObj(l) || !isObj(l.config)) continue;
    const cls = String(l.class_name), c = l.config;
    if (cls in NOT_IN_KERAS3) throw new Error(`${op}: layer '${String(c.name)}' is a ${cls}, which Keras 3 does not have (${NOT_IN_KERAS3[cls]})`);
    if (/^SpatialDropout[123]D$/.test(cls)) {
      if (c.trainable !== false) delete c.trainable;
      if (c.noise_shape == null) delete c.noise_shape;
    }
    if (cls === 'ConvLSTM2D') delete c.implementation;
    if (cls === 'Embedding') delete c.input_length;
    if (isObj(c.layer)) kerasKeys([c.layer], op);
  }
}

/** The model's config in the form Keras 3 loads. */
export function kerasConfigOf(model: Model, op: string): Config {
  const t = modelTopology(model, op);
  const entry: Config = { class_name: t.class_name, config: t.config };
  const differs = keras3Difference(entry);
  if (differs) throw new Error(`${op}: ${differs}; Keras would predict differently from this model (use 'sigmoid' where it is hard_sigmoid)`);
  walkModels(model, entry, op);
  const out = annotate(entry, '') as Config;
  if (model instanceof Sequential && model.batchInputShape) out.build_config = { input_shape: model.batchInputShape };
  return out;
}

/** The weights of a model in Keras 3's `layers/<key>/…/vars/<i>` layout, as an HDF5 group tree. */
function weightsTree(model: Model, entry: Config, root: H5Group, op: string): void {
  for (const { layer, key, entry: le } of kerasLayerKeys(model, entry)) {
    const cls = String(le.class_name);
    const lg = h5group();
    if (cls === 'Functional' || cls === 'Sequential' || cls === 'Model') {
      weightsTree(layer as Model, le, lg, op);
    } else {
      const groups = weightGroupsOf(le);
      // weights sit in the innermost groups (an LSTM's `cell`, attention's four projections, a wrapper's layers), split evenly
      const leaves = groups.filter((g) => !groups.some((o) => o !== g && (g === '' || o.startsWith(`${g}/`))));
      const ws = layer.weights;
      if (ws.length % leaves.length !== 0) {
        throw new Error(`${op}: layer '${layer.name}' (${cls}) has ${ws.length} weights, which do not split over Keras's ${leaves.join(', ')}`);
      }
      const per = ws.length / leaves.length;
      leaves.forEach((g, i) => {
        if (per === 0) return;
        const vars = h5group({}, { name: g === '' ? layer.name : g.split('/').pop()! });
        ws.slice(i * per, (i + 1) * per).forEach((w, j) => vars.children.set(String(j), datasetOf(w)));
        groupAt(lg, g).children.set('vars', vars);
      });
    }
    if (lg.children.size > 0) layersOf(root).children.set(key, lg);
  }
}

function layersOf(g: H5Group): H5Group {
  let l = g.children.get('layers');
  if (l === undefined) { l = h5group(); g.children.set('layers', l); }
  return l as H5Group;
}

function groupAt(g: H5Group, path: string): H5Group {
  let cur = g;
  for (const seg of path.split('/').filter((s) => s !== '')) {
    let next = cur.children.get(seg);
    if (next === undefined) { next = h5group(); cur.children.set(seg, next); }
    cur = next as H5Group;
  }
  return cur;
}

function datasetOf(t: Tensor, scale = 1): ReturnType<typeof h5dataset> {
  if (t.dtype !== 'float32') throw new Error(`toKeras: a weight is ${t.dtype} [${t.shape}]; ascent writes float32 weights`);
  const v = t.dataSync() as Float32Array;
  const data = scale === 1 ? Float32Array.from(v) : v.map((x) => Math.fround(x * scale));
  return h5dataset(t.shape.slice(), data);
}

// ---- compile config and optimizer state ---------------------------------------------------------------------

/** Keras 3 optimizer config and slots (in Keras's variable order) for ascent's optimizers that Keras has. */
function kerasOptimizer(model: Model, op: string): { config: Config; slots: string[]; scale: number[] } {
  const opt = model.trainer!.optimizer;
  const cls = opt.getClassName();
  const c = opt.getConfig() as Config;
  if (opt.learningRate instanceof LearningRateSchedule || typeof c.learningRate !== 'number') {
    throw new Error(`${op}: the optimizer's learning rate is a schedule, which ascent does not write to .keras files yet; save with {includeOptimizer: false}`);
  }
  const lr = c.learningRate;
  const common: Config = {
    name: String(c.name ?? cls.toLowerCase()), learning_rate: lr, weight_decay: (c.weightDecay as number | undefined) ?? null,
    clipnorm: c.clipNorm ?? null, global_clipnorm: c.globalClipnorm ?? null, clipvalue: c.clipValue ?? null,
    use_ema: false, ema_momentum: 0.99, ema_overwrite_frequency: null, loss_scale_factor: null, gradient_accumulation_steps: null,
  };
  if (cls === 'Adam' || cls === 'AdamW') {
    const a = opt as unknown as { beta1: number; beta2: number; epsilon: number; amsgrad?: boolean };
    if (a.amsgrad) throw new Error(`${op}: ascent does not write Adam's amsgrad state to .keras files yet; save with {includeOptimizer: false}`);
    return { config: { class_name: cls, config: { ...common, beta_1: a.beta1, beta_2: a.beta2, epsilon: a.epsilon, amsgrad: false } }, slots: ['m', 'v'], scale: [1, 1] };
  }
  if (cls === 'SGD' || cls === 'Momentum') {
    const s = opt as unknown as { momentum: number; nesterov: boolean };
    // tfjs' momentum (tf.train.momentum) accumulates a (x ← x − lr·a); Keras's velocity is m = −lr·a (sgd.ts)
    const tfjs = cls === 'Momentum';
    return { config: { class_name: 'SGD', config: { ...common, name: tfjs ? 'sgd' : common.name, momentum: s.momentum, nesterov: s.nesterov } },
      slots: s.momentum > 0 ? ['momentum'] : [], scale: [tfjs ? -lr : 1] };
  }
  throw new Error(`${op}: ascent writes the state of Adam, AdamW and SGD optimizers to .keras files, not ${cls}; save with {includeOptimizer: false}`);
}

const withModule = (v: unknown, module: string): unknown =>
  isObj(v) && typeof v.class_name === 'string' ? { module, ...v, registered_name: null } : v;

function compileConfigOf(model: Model, optimizer: Config, op: string): Config {
  const tc = trainingConfigOf(model, op);
  const loss = tc.loss as unknown;
  const lossOut = Array.isArray(loss) ? loss.map((l) => withModule(l, 'keras.losses'))
    : isObj(loss) && typeof loss.class_name !== 'string' ? Object.fromEntries(Object.entries(loss).map(([k, l]) => [k, withModule(l, 'keras.losses')]))
    : withModule(loss, 'keras.losses');
  const metrics = tc.metrics as unknown;
  return {
    optimizer: { module: 'keras.optimizers', ...optimizer, registered_name: null },
    loss: lossOut, loss_weights: tc.loss_weights ?? null,
    metrics: Array.isArray(metrics) && metrics.length === 0 ? null : metrics, weighted_metrics: null,
    run_eagerly: false, steps_per_execution: 1, jit_compile: false,
  };
}

/** `optimizer/vars`: iterations, learning_rate, then each trainable weight's slots in turn (Keras 3's order). */
function optimizerTree(model: Model, slots: string[], scale: number[], lr: number): H5Group {
  const opt = model.trainer!.optimizer;
  const state = opt.getWeights();
  try {
    const byName = new Map(state.map((s) => [s.name, s.tensor]));
    const iter = byName.get('iter');
    const vars = h5group({}, { name: opt.getConfig().name as string ?? 'optimizer' });
    vars.children.set('0', h5dataset([], BigInt64Array.of(BigInt(iter ? Math.round(iter.dataSync()[0]) : 0))));
    vars.children.set('1', h5dataset([], Float32Array.of(lr)));
    let i = 2;
    for (const w of model.trainableWeights as Variable[]) {
      for (let k = 0; k < slots.length; k++) {
        const t = byName.get(`${w.name}/${slots[k]}`);
        // a weight not yet trained has no slots: Keras starts it at zeros
        vars.children.set(String(i++), t ? datasetOf(t, scale[k]) : h5dataset(w.shape.slice(), new Float32Array(w.size)));
      }
    }
    return h5group({ vars });
  } finally {
    for (const s of state) s.tensor.dispose();
  }
}

interface KerasFiles { config: Uint8Array; metadata: Uint8Array; weights: Uint8Array }

function kerasFiles(model: Model, options: ToKerasOptions, op: string): KerasFiles {
  if (!(model instanceof Model)) throw new Error(`${op}: expected an ascent model (tf.sequential / tf.model), got ${brief(model)}`);
  if (!model.built || model.layers.some((l) => !l.built)) {
    throw new Error(`${op}: the model '${model.name}' is not built (its weights do not exist yet); give its first layer an inputShape or call it once`);
  }
  const config = kerasConfigOf(model, op);
  const root = h5group();
  weightsTree(model, config, root, op);
  if (options.includeOptimizer && model.trainer) {
    const { config: oc, slots, scale } = kerasOptimizer(model, op);
    config.compile_config = compileConfigOf(model, oc, op);
    root.children.set('optimizer', optimizerTree(model, slots, scale, (oc.config as Config).learning_rate as number));
  }
  root.children.set('vars', h5group({}, { name: model.name }));
  const date = new Date().toISOString();
  // the .keras format version ascent follows (Keras 3's saving_lib); ascent's own version is generated_by
  const metadata = { keras_version: '3.0.0', date_saved: `${date.slice(0, 10)}@${date.slice(11, 19)}`, generated_by: `ascent ${version}` };
  return { config: strToU8(JSON.stringify(config)), metadata: strToU8(JSON.stringify(metadata)), weights: writeHdf5(root) };
}

const zipOf = (f: KerasFiles): Uint8Array =>
  zipSync({ 'metadata.json': f.metadata, 'config.json': f.config, 'model.weights.h5': f.weights }, { level: 0 });

/**
 * The bytes of a Keras 3 `.keras` file of the model (Sequential or functional, of layers Keras has), which
 * keras.saving.load_model loads. With includeOptimizer, the compile config and the optimizer's state too.
 * @example fs.writeFileSync('model.keras', toKeras(model));
 */
export function toKeras(model: Model, options: ToKerasOptions = {}): Uint8Array {
  return zipOf(kerasFiles(model, options, 'toKeras'));
}

/**
 * model.save('file://…/model.keras') (Node: written to a temporary name, then renamed into place, so a failed
 * save leaves the old file as it was) and model.save('downloads://model.keras') (browsers).
 */
export async function saveKerasModel(model: Model, url: string, config: ToKerasOptions = {}, op = 'saveKerasModel'): Promise<SaveResult> {
  const files = kerasFiles(model, config, op);
  await saveWholeFile(url, zipOf(files), 'keras', op);
  return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', modelTopologyBytes: files.config.byteLength, weightDataBytes: files.weights.byteLength } };
}
