/// <reference path="./jsfive.d.ts" />
// `ascent/keras`: models saved by Keras itself, loaded without tensorflowjs_converter (issue 16); saving .keras
// files is save.ts, registered here too.
//   - Keras 3 `.keras`: a zip of config.json (the model's config), metadata.json and model.weights.h5 (HDF5:
//     `layers/<key>/vars/<i>`, where <key> is the snake_cased class name made unique in the model's layer order,
//     as keras/src/saving/saving_lib.py _save_container_state names it; nested for sub-layers and sub-models).
//   - legacy `.h5` (Keras 2, and Keras 3's model.save('x.h5')): one HDF5 file, the config in the `model_config`
//     attribute, the weights in `model_weights/<layer>/` listed in order by its `weight_names` attribute.
// Recognised by content (zip vs HDF5 magic). The Keras 3 config is translated, key by key, to the Keras 2 form
// ascent's deserialisation reads (models/config.ts); what ascent lacks is refused by name. HDF5 is read with
// jsfive (pure JS, 26 KB gzipped; README "Keras files" for the comparison with h5wasm), zip with fflate.
// This module is a subpath entry: the core bundle never imports it.
//
// A file is hostile until checked: the zip's entries are bounded before they are inflated; every weight's shape
// and dtype are checked against the layer's own weight before its values are read; the topology may allocate at
// most what the weights hold (plus a little room); nothing is assigned until every weight has been checked.
import { unzipSync } from 'fflate';
import * as hdf5 from 'jsfive';
import type { Layer } from '../layers/layer.js';
import type { Tensor, Variable } from '../core/tensor.js';
import { tensor } from '../ops/create.js';
import { withAllocationBudget } from '../core/memory.js';
import { brief, isObj, type Config } from '../models/config.js';
import { Model, Sequential } from '../models/model.js';
import { modelFromTopology, provideKerasLoader } from '../models/serialization.js';
import { saveKerasModel } from './save.js';
import { compileArgsOf, modelArtifactsOf, provideKerasSaver } from '../models/saving.js';
import { provideKerasArtifacts } from '../io/handlers/keras.js';
import type { TrainingConfig } from '../io/types.js';
import { scalar } from '../ops/create.js';
import { isNode, nodeImport } from '../backend/node.js';
import { ready } from '../backend/wasm.js';
import { keras3Difference, kerasLayerKeys, weightGroupsOf } from './keras_paths.js';
import { crc32 } from '../summary/checksums.js';

const OP = 'fromKeras';
/** Memory the topology may take beyond twice its weights (initializers' temporaries). */
const TOPOLOGY_ROOM = 4 * 2 ** 20;
/** The largest config.json / metadata.json we inflate. */
const MAX_JSON = 64 * 2 ** 20;
/** The largest model.weights.h5 we inflate (a wasm32 memory cannot hold more anyway). */
const MAX_WEIGHTS = 2 ** 31;

type Format = 'keras' | 'h5';

/** Which Keras file the bytes are, by their first bytes. */
export function kerasFormatOf(bytes: Uint8Array): Format | null {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'keras';
  const sig = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && sig.every((b, i) => bytes[i] === b)) return 'h5';
  return null;
}

function asBytes(data: Uint8Array | ArrayBuffer, op: string): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw new Error(`${op}: expected the file's bytes (a Uint8Array or ArrayBuffer), got ${brief(data)}`);
}

function parseJSON(text: string, what: string, op: string): unknown {
  try { return JSON.parse(text); } catch (e) { throw new Error(`${op}: ${what} is not valid JSON (${(e as Error).message})`); }
}

/**
 * The end-of-file address an HDF5 superblock declares (HDF5 File Format Specification, II.A: versions 0–3), or
 * null when the superblock is unreadable. A file shorter than it is truncated: jsfive would read what is left
 * and miss the rest, so this is checked before anything is read.
 */
export function hdf5DeclaredLength(bytes: Uint8Array): number | null {
  if (bytes.length < 12) return null;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[8];
  let size: number, at: number;
  if (version === 0 || version === 1) { size = bytes[13]; at = 24 + (version === 1 ? 4 : 0) + 2 * size; }
  else if (version === 2 || version === 3) { size = bytes[9]; at = 12 + 2 * size; }
  else return null;
  if ((size !== 4 && size !== 8) || at + size > bytes.length) return null;
  if (size === 4) return dv.getUint32(at, true);
  const v = dv.getBigUint64(at, true);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(v);
}

function openH5(bytes: Uint8Array, what: string, op: string): hdf5.File {
  const declared = hdf5DeclaredLength(bytes);
  if (declared === null) throw new Error(`${op}: ${what} has an unreadable HDF5 superblock; truncated or corrupt?`);
  if (bytes.length < declared) throw new Error(`${op}: ${what} is truncated: it has ${bytes.length} bytes, its superblock declares ${declared}`);
  const buf = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer as ArrayBuffer
    : bytes.slice().buffer as ArrayBuffer;
  try { return new hdf5.File(buf, what); } catch (e) {
    throw new Error(`${op}: ${what} is not a readable HDF5 file (${(e as Error).message ?? String(e)}); truncated or corrupt?`);
  }
}

// ---- Keras 3 config → the Keras 2 form ascent reads ---------------------------------------------------------

/** Keras 3-only config keys that ascent may drop when they hold their default (anything else is refused). */
const KERAS3_DEFAULTS: Record<string, unknown[]> = {
  quantization_config: [null], optional: [false], input_axes: [null], output_axes: [null], sparse: [false], ragged: [false],
  use_gate: [false], sliding_window: [null], lora_rank: [null], lora_alpha: [null], use_cudnn: ['auto'], synchronized: [false],
  // tensor-free call kwargs Keras 3 records
  training: [null, false], mask: [null],
};

function isKerasTensor(x: unknown): x is Config {
  return isObj(x) && x.class_name === '__keras_tensor__' && isObj(x.config) && Array.isArray(x.config.keras_history);
}

/** A nested Keras 3 object {module, class_name, config, registered_name} → {class_name, config}; DTypePolicy → its name. */
function stripObject(v: unknown, where: string, op: string, depth = 0): unknown {
  if (depth > 100) throw new Error(`${op}: the model config is nested more than 100 levels deep; a corrupt or hostile file?`);
  if (Array.isArray(v)) return v.map((x) => stripObject(x, where, op, depth + 1));
  if (!isObj(v)) return v;
  if (typeof v.class_name === 'string' && 'config' in v) {
    if (v.class_name === 'DTypePolicy' || v.class_name === 'FloatDTypePolicy') {
      const name = isObj(v.config) ? v.config.name : undefined;
      if (name !== 'float32') throw new Error(`${op}: ${where} has the dtype policy ${brief(name)}; ascent computes in float32`);
      return name;
    }
    if (/DTypePolicy$/.test(v.class_name)) throw new Error(`${op}: ${where} has a ${v.class_name} (quantized); ascent computes in float32`);
    if (typeof v.registered_name === 'string' && v.registered_name !== v.class_name && v.module !== 'keras' && !String(v.module ?? '').startsWith('keras.')) {
      throw new Error(`${op}: ${where} uses the custom object '${v.registered_name}', which ascent does not have`);
    }
    return { class_name: v.class_name, config: stripObject(v.config, where, op, depth + 1) };
  }
  const out: Config = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'shared_object_id' || k === 'module' || k === 'registered_name') continue;
    if (k in KERAS3_DEFAULTS) {
      if (KERAS3_DEFAULTS[k].some((d) => d === x)) continue;
      throw new Error(`${op}: ${where} sets ${k} = ${brief(x)}, which ascent does not support`);
    }
    Object.defineProperty(out, k, { value: stripObject(x, where, op, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const historyRef = (t: Config, where: string, op: string): unknown[] => {
  const h = (t.config as Config).keras_history as unknown[];
  if (typeof h[0] !== 'string' || !Number.isSafeInteger(h[1]) || !Number.isSafeInteger(h[2])) {
    throw new Error(`${op}: ${where}: a keras_history must be [layer, node, tensor], got ${brief(h)}`);
  }
  return [h[0], h[1], h[2]];
};

/** Keras 3 inbound nodes [{args, kwargs}] → Keras 2's [[[layer, node, tensor, kwargs], …], …]. */
function translateNodes(nodes: unknown, layer: string, cls: string, op: string): unknown {
  if (!Array.isArray(nodes)) return nodes;
  return nodes.map((node) => {
    if (Array.isArray(node)) return node; // already Keras 2 form
    const where = `layer '${layer}' (${cls})`;
    if (!isObj(node) || !Array.isArray(node.args)) throw new Error(`${op}: ${where}: an inbound node must be {args, kwargs}, got ${brief(node)}`);
    const tensors: unknown[] = [];
    for (const a of node.args) {
      if (Array.isArray(a)) {
        for (const t of a) {
          if (!isKerasTensor(t)) throw new Error(`${op}: ${where}: an input list holds ${brief(t)}, not a tensor`);
          tensors.push(historyRef(t, where, op));
        }
      } else if (isKerasTensor(a)) tensors.push(historyRef(a, where, op));
      else if (a !== null) throw new Error(`${op}: ${where}: a call argument ${brief(a)} is not a tensor; ascent cannot replay it`);
    }
    const kwargs: Config = {};
    const tensorKw: Record<string, unknown[]> = {};
    for (const [k, v] of Object.entries(isObj(node.kwargs) ? node.kwargs : {})) {
      if (isKerasTensor(v)) { tensorKw[k] = historyRef(v, where, op); continue; }
      if (k in KERAS3_DEFAULTS && KERAS3_DEFAULTS[k].some((d) => d === v)) continue;
      if (isObj(v) || Array.isArray(v)) throw new Error(`${op}: ${where}: the call argument ${k} = ${brief(v)} is not supported`);
      kwargs[k] = v;
    }
    if (Object.keys(tensorKw).length > 0) {
      // tensors passed by keyword: only attention's query/value/key are known, in that order
      const order = cls === 'MultiHeadAttention' ? ['query', 'value', 'key'] : [];
      for (const k of Object.keys(tensorKw)) if (!order.includes(k)) throw new Error(`${op}: ${where} takes the tensor argument '${k}', which ascent cannot replay`);
      for (const k of order) if (tensorKw[k]) tensors.push(tensorKw[k]);
    }
    if (tensors.length === 0) throw new Error(`${op}: ${where}: an inbound node has no input tensor`);
    return tensors.map((r) => [...(r as unknown[]), kwargs]);
  });
}

/** [layer, node, tensor] or a list of them → a list of them (Keras 3 writes a single one unwrapped). */
const refList = (v: unknown): unknown => (Array.isArray(v) && typeof v[0] === 'string' ? [v] : v);

/** A Keras 3 (or Keras 2) model/layer entry → the Keras 2 form. */
export function translateConfig(entry: unknown, op = OP): Config {
  if (!isObj(entry) || typeof entry.class_name !== 'string') throw new Error(`${op}: a layer must be {class_name, config}, got ${brief(entry)}`);
  const cls = entry.class_name;
  const name = isObj(entry.config) && typeof entry.config.name === 'string' ? entry.config.name : String(entry.name ?? '?');
  if (cls === 'Functional' || cls === 'Sequential' || cls === 'Model') {
    const c = entry.config;
    if (!isObj(c) || !Array.isArray(c.layers)) throw new Error(`${op}: the ${cls} model '${name}' has no layers list`);
    const layers = c.layers.map((l) => {
      const t = translateConfig(l, op);
      if (cls !== 'Sequential') {
        const lc = isObj(l) && isObj(l.config) ? l.config : {};
        const ln = isObj(l) && typeof l.name === 'string' ? l.name : lc.name;
        t.name = ln;
        t.inbound_nodes = translateNodes(isObj(l) ? l.inbound_nodes : [], String(ln), String(isObj(l) ? l.class_name : '?'), op);
      }
      return t;
    });
    // Keras 3 writes a Sequential's input as a leading InputLayer; ascent (as tfjs and Keras 2) keeps its shape on
    // the first layer, and model.layers has no InputLayer
    const head = layers[0];
    if (cls === 'Sequential' && head?.class_name === 'InputLayer' && layers.length > 1 && isObj(head.config) && isObj(layers[1].config)) {
      const { batch_shape: shape, batch_input_shape: legacy, dtype } = head.config;
      layers.shift();
      layers[0].config = { ...(layers[0].config as Config), batch_input_shape: shape ?? legacy, ...(dtype != null ? { dtype } : {}) };
    }
    const out: Config = { name: c.name, layers };
    if (cls !== 'Sequential') { out.input_layers = refList(c.input_layers); out.output_layers = refList(c.output_layers); }
    if (isObj(entry.build_config) && Array.isArray(entry.build_config.input_shape) && cls === 'Sequential') out.build_input_shape = entry.build_config.input_shape;
    if (c.trainable === false) out.trainable = false;
    return { class_name: cls === 'Functional' ? 'Model' : cls, config: out };
  }
  const where = `layer '${name}' (${cls})`;
  if (typeof entry.registered_name === 'string' && entry.registered_name !== cls && !String(entry.module ?? '').startsWith('keras')) {
    throw new Error(`${op}: ${where} is the custom class '${entry.registered_name}', which ascent does not have`);
  }
  return { class_name: cls, config: stripObject(entry.config, where, op) as Config };
}

// ---- weights ------------------------------------------------------------------------------------------------

interface Found { ds: hdf5.Dataset; path: string }

function child(g: hdf5.Group, key: string): hdf5.Group | hdf5.Dataset | null {
  if (!g.keys.includes(key)) return null;
  return g.get(key);
}

/** The datasets `vars/0 … vars/n-1` of a Keras 3 saveable's group, in order. */
function varsOf(g: hdf5.Group, path: string, op: string): Found[] {
  const v = child(g, 'vars');
  if (v === null) return [];
  if (!(v instanceof hdf5.Group)) throw new Error(`${op}: model.weights.h5: ${path}/vars is not a group`);
  const n = v.keys.length;
  const out: Found[] = [];
  for (let i = 0; i < n; i++) {
    const d = child(v, String(i));
    if (!(d instanceof hdf5.Dataset)) throw new Error(`${op}: model.weights.h5: ${path}/vars holds ${brief(v.keys)}, not 0..${n - 1}`);
    out.push({ ds: d, path: `${path}/vars/${i}` });
  }
  return out;
}

function groupAt(g: hdf5.Group, path: string): hdf5.Group | null {
  let cur: hdf5.Group | hdf5.Dataset | null = g;
  for (const seg of path.split('/').filter((x) => x !== '')) {
    if (!(cur instanceof hdf5.Group)) return null;
    cur = child(cur, seg);
  }
  return cur instanceof hdf5.Group ? cur : null;
}

/** The datasets of one Keras 3 layer (or nested model), in the layer's weights order. */
function keras3LayerWeights(g: hdf5.Group, path: string, layer: Layer, entry: Config, op: string): Found[] {
  const cls = String(entry.class_name);
  if (cls === 'Functional' || cls === 'Sequential') {
    return keras3ModelWeights(g, `${path}/`, layer as Model, entry, op);
  }
  const out: Found[] = [];
  for (const sub of weightGroupsOf(entry)) {
    const sg = sub === '' ? g : groupAt(g, sub);
    if (sg !== null) out.push(...varsOf(sg, sub === '' ? path : `${path}/${sub}`, op));
  }
  return out;
}

function hasDatasets(x: hdf5.Group | hdf5.Dataset | null): boolean {
  if (x instanceof hdf5.Dataset) return true;
  if (x instanceof hdf5.Group) return x.keys.some((k) => hasDatasets(x.get(k)));
  return false;
}

/** The datasets of a Keras 3 model's layers, `layers/<snake_case class name>[_i]/…`, in the model's weights order. */
function keras3ModelWeights(g: hdf5.Group, path: string, model: Model, entry: Config, op: string): Found[] {
  const layersG = child(g, 'layers');
  const byLayer = new Map<Layer, Found[]>();
  for (const { layer, key, entry: l } of kerasLayerKeys(model, entry)) {
    const lg = layersG instanceof hdf5.Group ? child(layersG, key) : null;
    const found = lg instanceof hdf5.Group ? keras3LayerWeights(lg, `${path}layers/${key}`, layer, l, op) : [];
    if (lg instanceof hdf5.Group && found.length !== countDatasets(lg)) {
      throw new Error(`${op}: layer '${layer.name}' (${String(l.class_name)}) keeps ${countDatasets(lg)} weights in ${path}layers/${key}, of which ascent maps ` +
        `${found.length}; a layer ascent reads differently from Keras?`);
    }
    byLayer.set(layer, found);
  }
  // the model's weights order is its layers' weights in model.layers order
  const out: Found[] = [];
  for (const layer of model.layers) out.push(...(byLayer.get(layer) ?? []));
  return out;
}

function countDatasets(x: hdf5.Group | hdf5.Dataset | null): number {
  if (x instanceof hdf5.Dataset) return 1;
  if (x instanceof hdf5.Group) return x.keys.reduce((n, k) => n + countDatasets(x.get(k)), 0);
  return 0;
}

/** Reads a dataset checked against the weight it is for: shape and dtype first, then the values. */
function readChecked(f: Found, v: Variable, op: string): Tensor {
  const shape = f.ds.shape ?? [];
  if (shape.length !== v.shape.length || shape.some((d, i) => d !== v.shape[i])) {
    throw new Error(`${op}: weight ${f.path} has shape [${shape.join(',')}], but '${v.name}' of the model is [${v.shape.join(',')}]`);
  }
  const dt = f.ds.dtype;
  if (dt !== '<f4' && dt !== '<f8' && dt !== '>f4' && dt !== '>f8') {
    throw new Error(`${op}: weight ${f.path} has dtype ${brief(dt)}; ascent reads float32/float64 weights`);
  }
  let values: ArrayLike<number>;
  try { values = f.ds.value as ArrayLike<number>; } catch (e) {
    throw new Error(`${op}: weight ${f.path} cannot be read (${(e as Error).message ?? String(e)}); truncated or corrupt?`);
  }
  const n = (v.shape as number[]).reduce((p, d) => p * d, 1);
  if (values == null || values.length !== n) throw new Error(`${op}: weight ${f.path} holds ${values?.length} values, expected ${n}`);
  const f32 = values instanceof Float32Array ? values : Float32Array.from(values);
  return tensor(f32, v.shape.slice(), 'float32');
}

// ---- the loader -------------------------------------------------------------------------------------------

function buildModel(topology: Config, weightBytes: number, op: string): Model {
  const tooBig = () => new Error(`${op}: the model's config needs more memory than its weights file holds ` +
    `(${(weightBytes / 2 ** 20).toFixed(1)} MiB); a corrupt or hostile file?`);
  return withAllocationBudget(2 * weightBytes + TOPOLOGY_ROOM, tooBig, () => modelFromTopology(topology, op));
}

export interface FromKerasOptions {
  /** Compile the model from the file's compile config and restore the optimizer state (default true). */
  compile?: boolean;
}

/** Keras 3 optimizer options ascent may drop when they hold their default (others go to ascent's optimizer). */
const OPTIMIZER_DEFAULTS: Record<string, unknown[]> = {
  use_ema: [false], ema_momentum: [0.99], ema_overwrite_frequency: [null], loss_scale_factor: [null],
  gradient_accumulation_steps: [null], weight_decay: [null], clipnorm: [null], global_clipnorm: [null], clipvalue: [null],
};

/** Keras 3's compile_config (or Keras 2's training_config) → the training config ascent compiles from. */
function trainingConfigOf(cc: unknown, op: string): TrainingConfig | null {
  if (!isObj(cc) || Object.keys(cc).length === 0) return null;
  const opt = cc.optimizer ?? cc.optimizer_config;
  if (opt == null) return null;
  if (!isObj(opt) || typeof opt.class_name !== 'string' || !isObj(opt.config)) {
    throw new Error(`${op}: the compile config's optimizer must be {class_name, config}, got ${brief(opt)}`);
  }
  const config: Config = {};
  for (const [k, v] of Object.entries(opt.config)) {
    if (k === 'name') continue;
    if (k in OPTIMIZER_DEFAULTS && OPTIMIZER_DEFAULTS[k].some((d) => d === v)) continue;
    if (isObj(v)) throw new Error(`${op}: the optimizer's ${k} is ${brief(v)} (a schedule or object), which ascent cannot load yet; load with {compile: false}`);
    config[k] = v;
  }
  for (const k of ['run_eagerly', 'jit_compile']) if (cc[k] === true) { /* execution options: nothing to do in ascent */ }
  if (cc.steps_per_execution != null && cc.steps_per_execution !== 1) {
    throw new Error(`${op}: steps_per_execution = ${brief(cc.steps_per_execution)} is not supported; load with {compile: false}`);
  }
  const loss = isObj(cc.loss) ? stripObject(cc.loss, 'the loss', op) : cc.loss;
  return { optimizer_config: { class_name: opt.class_name, config }, loss, metrics: cc.metrics ?? null,
    loss_weights: cc.loss_weights ?? null, weighted_metrics: cc.weighted_metrics ?? null } as unknown as TrainingConfig;
}

/** Keras 3's per-variable optimizer slots, in its variable order, and ascent's names for them. */
const OPTIMIZER_SLOTS: Record<string, (c: Config) => string[] | null> = {
  Adam: (c) => (c.amsgrad === true ? null : ['m', 'v']),
  SGD: (c) => (typeof c.momentum === 'number' && c.momentum > 0 ? ['momentum'] : []),
};

/**
 * The optimizer state in Keras's layout (`iterations`, `learning_rate`, then for each trainable variable its slots,
 * interleaved: m0, v0, m1, v1 …) → ascent's setWeights list ('iter', then all `<var>/m`, then all `<var>/v`).
 * Shapes are checked against the model's trainable weights before anything is read.
 */
function optimizerState(model: Model, tc: TrainingConfig, found: Found[], op: string): { name: string; tensor: Tensor }[] {
  const oc = tc.optimizer_config as unknown as { class_name: string; config: Config };
  const slotsOf = OPTIMIZER_SLOTS[oc.class_name];
  const slots = slotsOf?.(oc.config);
  if (!slots) throw new Error(`${op}: ascent cannot restore the state of the ${oc.class_name} optimizer${oc.config.amsgrad ? ' with amsgrad' : ''} yet; load with {compile: false}`);
  const tw = model.trainableWeights;
  if (found.length !== 2 + slots.length * tw.length) {
    throw new Error(`${op}: the ${oc.class_name} optimizer state has ${found.length} variables; for the model's ${tw.length} trainable ` +
      `weights it should have ${2 + slots.length * tw.length} (iterations, learning_rate, ${slots.join(', ')} per weight)`);
  }
  const [itF] = found;
  if ((itF.ds.shape ?? []).length !== 0 || !/^[<>][iu][48]$/.test(String(itF.ds.dtype))) {
    throw new Error(`${op}: ${itF.path} should be the iteration count (an integer scalar), got shape [${itF.ds.shape}] dtype ${brief(itF.ds.dtype)}`);
  }
  const iv = itF.ds.value as ArrayLike<number | bigint>;
  const iters = Number(iv[0]);
  if (!Number.isSafeInteger(iters) || iters < 0 || iters > 2 ** 31 - 1) throw new Error(`${op}: ${itF.path} holds ${brief(String(iv[0]))}, not an iteration count`);
  const out: { name: string; tensor: Tensor }[] = [];
  try {
    out.push({ name: 'iter', tensor: scalar(iters, 'int32') });
    for (let k = 0; k < slots.length; k++) {
      for (let i = 0; i < tw.length; i++) {
        out.push({ name: `${tw[i].name}/${slots[k]}`, tensor: readChecked(found[2 + i * slots.length + k], tw[i], op) });
      }
    }
    return out;
  } catch (e) {
    for (const t of out) t.tensor.dispose();
    throw e;
  }
}

/**
 * Checks and reads every weight (and, when compiling, the optimizer state); compiles; then assigns them all (or,
 * on any error, nothing: the caller disposes the model).
 */
function finish(model: Model, found: Found[], tc: TrainingConfig | null, optFound: Found[] | null, options: FromKerasOptions, op: string): void {
  const vars = model.weights;
  if (found.length !== vars.length) {
    throw new Error(`${op}: the file has ${found.length} weights for the model's layers, the model has ${vars.length}`);
  }
  const ts: Tensor[] = [];
  let state: { name: string; tensor: Tensor }[] = [];
  try {
    for (let i = 0; i < vars.length; i++) ts.push(readChecked(found[i], vars[i], op));
    if (tc !== null && options.compile !== false) {
      try { model.compile(compileArgsOf(tc, op)); } catch (e) {
        const msg = (e as Error).message;
        throw new Error(`${op}: the compile config cannot be compiled (load with {compile: false} to skip it): ${msg}`, { cause: e });
      }
      if (optFound !== null && optFound.length > 0) {
        state = optimizerState(model, tc, optFound, op);
        const opt = model.trainer!.optimizer;
        opt.setWeights(state);
        opt.checkRestoredState(model.trainableWeights, true);
      }
    }
    for (let i = 0; i < vars.length; i++) vars[i].assign(ts[i]);
  } finally {
    for (const t of ts) t.dispose();
    for (const s of state) s.tensor.dispose();
  }
}

/** name → CRC-32 from the zip's central directory (APPNOTE 4.3.12, 4.3.16), or null when it cannot be found. */
function zipCrcs(bytes: Uint8Array): Map<string, number> | null {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return null;
  const count = dv.getUint16(eocd + 10, true);
  let at = dv.getUint32(eocd + 16, true);
  const out = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || dv.getUint32(at, true) !== 0x02014b50) return null;
    const n = dv.getUint16(at + 28, true), extra = dv.getUint16(at + 30, true), comment = dv.getUint16(at + 32, true);
    if (at + 46 + n > bytes.length) return null;
    out.set(new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + n)), dv.getUint32(at + 16, true));
    at += 46 + n + extra + comment;
  }
  return out;
}

function fromKerasZip(bytes: Uint8Array, options: FromKerasOptions, op: string): Model {
  let files: Record<string, Uint8Array>;
  const wanted: Record<string, number> = { 'config.json': MAX_JSON, 'metadata.json': MAX_JSON, 'model.weights.h5': MAX_WEIGHTS };
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        const max = wanted[f.name];
        if (max === undefined) return false;
        if (!(f.originalSize >= 0 && f.originalSize <= max)) throw new Error(`${f.name} declares ${f.originalSize} bytes (at most ${max})`);
        return true;
      },
    });
  } catch (e) {
    throw new Error(`${op}: the .keras file is not a readable zip (${(e as Error).message ?? String(e)}); truncated or corrupt?`);
  }
  for (const n of ['config.json', 'model.weights.h5']) {
    if (!files[n]) throw new Error(`${op}: the .keras file has no ${n} (it holds ${brief(Object.keys(files))}); not a Keras 3 model file?`);
  }
  const crcs = zipCrcs(bytes);
  if (crcs === null) throw new Error(`${op}: the .keras file's zip directory is unreadable; truncated or corrupt?`);
  for (const [n, b] of Object.entries(files)) {
    if (crcs.get(n) !== crc32(b)) throw new Error(`${op}: ${n} in the .keras file fails its CRC-32 check; the file is corrupt`);
  }
  const config = parseJSON(new TextDecoder().decode(files['config.json']), 'config.json', op);
  if (!isObj(config)) throw new Error(`${op}: config.json must be {class_name, config}, got ${brief(config)}`);
  const differs = keras3Difference(config);
  if (differs) throw new Error(`${op}: ${differs}; ascent would predict differently from Keras, so it refuses the file`);
  const weights = files['model.weights.h5'];
  const h5 = openH5(weights, 'model.weights.h5', op);
  const model = buildModel(translateConfig(config, op), weights.byteLength, op);
  try {
    const found = model instanceof Sequential || model.isGraphNetwork() ? keras3ModelWeights(h5, '', model, config, op) : [];
    const inFile = countDatasets(child(h5, 'layers')) + countDatasets(child(h5, 'vars'));
    if (inFile !== found.length) {
      throw new Error(`${op}: model.weights.h5 holds ${inFile} weights for the model, of which ascent maps ${found.length} to its layers; ` +
        'a layer ascent reads differently from Keras?');
    }
    const tc = trainingConfigOf(config.compile_config, op);
    const og = child(h5, 'optimizer');
    const optFound = og instanceof hdf5.Group ? varsOf(og, 'optimizer', op) : null;
    finish(model, found, tc, optFound, options, op);
    return model;
  } catch (e) {
    model.dispose();
    throw e;
  }
}

function attrString(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'string') return v[0];
  return null;
}
function attrStrings(v: unknown): string[] | null {
  // a fixed-length string array (what Keras 2 wrote with numpy) comes back from jsfive padded with NULs
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v.map((s: string) => s.replace(/\0+$/, ''));
  if (typeof v === 'string') return [v];
  return null;
}

function fromH5(bytes: Uint8Array, options: FromKerasOptions, op: string): Model {
  const h5 = openH5(bytes, 'the .h5 file', op);
  const text = attrString(h5.attrs.model_config);
  if (text === null) {
    throw new Error(`${op}: the .h5 file has no model_config attribute (${h5.attrs.model_config === undefined ? 'weights only, as save_weights writes?' : brief(h5.attrs.model_config)})`);
  }
  const config = parseJSON(text, 'model_config', op);
  const differs = String(attrString(h5.attrs.keras_version) ?? '').startsWith('3') ? keras3Difference(config) : null;
  if (differs) throw new Error(`${op}: ${differs} (the file was written by Keras 3); ascent would predict differently from Keras, so it refuses the file`);
  const model = buildModel(translateConfig(config, op), bytes.byteLength, op);
  try {
    const mw = child(h5, 'model_weights') ?? h5;
    if (!(mw instanceof hdf5.Group)) throw new Error(`${op}: model_weights is not a group`);
    const found: Found[] = [];
    const used = new Set<string>();
    for (const layer of model.layers) {
      if (layer.weights.length === 0) continue;
      const g = child(mw, layer.name);
      if (!(g instanceof hdf5.Group)) throw new Error(`${op}: the .h5 file has no weights for layer '${layer.name}' (model_weights/${layer.name})`);
      const names = attrStrings(g.attrs.weight_names);
      if (names === null) throw new Error(`${op}: model_weights/${layer.name} has no weight_names attribute`);
      used.add(layer.name);
      for (const wn of names) {
        const d = g.get(wn);
        if (!(d instanceof hdf5.Dataset)) throw new Error(`${op}: model_weights/${layer.name} lists weight '${wn}', which it does not hold`);
        found.push({ ds: d, path: `model_weights/${layer.name}/${wn}` });
      }
    }
    const names = attrStrings(mw.attrs.layer_names);
    for (const n of names ?? []) {
      const g = child(mw, n);
      if (!used.has(n) && g instanceof hdf5.Group && (attrStrings(g.attrs.weight_names) ?? []).length > 0) {
        throw new Error(`${op}: the .h5 file has weights for layer '${n}', which the model ${model.layers.some((l) => l.name === n) ? 'gives no weights' : 'does not have'}`);
      }
    }
    const tcText = attrString(h5.attrs.training_config);
    const tc = tcText === null ? null : trainingConfigOf(parseJSON(tcText, 'training_config', op), op);
    let optFound: Found[] | null = null;
    const ow = child(h5, 'optimizer_weights');
    if (ow instanceof hdf5.Group) {
      const wn = attrStrings(ow.attrs.weight_names);
      if (wn === null) throw new Error(`${op}: optimizer_weights has no weight_names attribute`);
      optFound = wn.map((n) => {
        const d = ow.get(n);
        if (!(d instanceof hdf5.Dataset)) throw new Error(`${op}: optimizer_weights lists '${n}', which it does not hold`);
        return { ds: d, path: `optimizer_weights/${n}` };
      });
    }
    finish(model, found, tc, optFound, options, op);
    return model;
  } catch (e) {
    model.dispose();
    throw e;
  }
}

/**
 * A model from the bytes of a Keras file: Keras 3 `.keras` (zip) or legacy `.h5` (HDF5), recognised by content.
 * @example const model = fromKeras(fs.readFileSync('model.keras'));
 */
export function fromKeras(data: Uint8Array | ArrayBuffer, options: FromKerasOptions = {}): Model {
  return readKeras(data, options, OP);
}

function readKeras(data: Uint8Array | ArrayBuffer, options: FromKerasOptions, op: string): Model {
  try { return fromKerasBytes(data, options, op); } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // jsfive parses lazily: a truncated or corrupt HDF5 file fails while its groups are walked
    throw msg.startsWith(`${op}:`) ? e : new Error(`${op}: the file is truncated or corrupt (${msg})`, { cause: e });
  }
}

function fromKerasBytes(data: Uint8Array | ArrayBuffer, options: FromKerasOptions, op: string): Model {
  const bytes = asBytes(data, op);
  const fmt = kerasFormatOf(bytes);
  if (fmt === null) {
    throw new Error(`${op}: the bytes are neither a Keras 3 .keras file (a zip, 'PK') nor a Keras 2 .h5 file (HDF5); ` +
      `they start ${brief(Array.from(bytes.subarray(0, 8)))}`);
  }
  return fmt === 'keras' ? fromKerasZip(bytes, options, op) : fromH5(bytes, options, op);
}

/**
 * Loads a Keras file from a path or `file://` URL (Node) or a URL (fetch), then as fromKeras.
 * @example const model = await loadKerasModel('file://./model.keras');
 */
export async function loadKerasModel(source: string, options: FromKerasOptions = {}, op = 'loadKerasModel'): Promise<Model> {
  if (typeof source !== 'string' || source === '') throw new Error(`${op}: expected a path or URL, got ${brief(source)}`);
  // cold start: the kernels compile while the file is read (a no-op once tf.ready() has resolved)
  const kernels = ready();
  kernels.catch(() => {}); // (awaited below, after the read's own errors)
  let bytes: Uint8Array;
  if (isNode() && !/^https?:\/\//i.test(source)) {
    const fs = await nodeImport<typeof import('node:fs/promises')>('node:fs/promises');
    // 'file://./x.keras' and 'file://x.keras' are relative paths (tfjs' convention); 'file:///abs' is absolute
    const path = source.startsWith('file://') ? source.slice('file://'.length) : source;
    try { bytes = new Uint8Array(await fs.readFile(path)); } catch (e) {
      throw new Error(`${op}: cannot read ${source}: ${(e as Error).message}`, { cause: e });
    }
  } else {
    let r: Response;
    try { r = await fetch(source); } catch (e) { throw new Error(`${op}: cannot fetch ${source}: ${(e as Error).message}`, { cause: e }); }
    if (!r.ok) throw new Error(`${op}: cannot fetch ${source}: HTTP ${r.status}`);
    bytes = new Uint8Array(await r.arrayBuffer());
  }
  await kernels;
  return readKeras(bytes, options, op);
}

// Importing ascent/keras makes tf.loadLayersModel('…/model.keras' | '…/model.h5') use this loader (package.json
// lists this module under sideEffects, so bundlers keep the registration).
provideKerasLoader(loadKerasModel);
provideKerasSaver((m, url, config, op) => saveKerasModel(m as Model, url, config, op));
provideKerasArtifacts((bytes, op) => {
  const m = readKeras(bytes, {}, op);
  try { return modelArtifactsOf(m, { includeOptimizer: true }, op); } finally { m.dispose(); }
});
export { toKeras, saveKerasModel, type ToKerasOptions } from './save.js';
