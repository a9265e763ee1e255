// Keras configs in TS: the snake_case ⇄ camelCase conversion of tfjs' model.json, the class registry
// (className → class, Keras' get_registered_object) that rebuilds layers and models from their configs, and
// a layer's config checked to hold only data. model.ts registers Sequential and Model here, so this module
// needs no model; saving.ts and serialization.ts build on it.
import { snake, Layer } from '../layers/layer.js';
import { Activation, Dense, Dropout, Flatten, Reshape } from '../layers/core.js';
import { Conv2D } from '../layers/conv.js';
import { AveragePooling2D, GlobalAveragePooling2D, MaxPooling2D } from '../layers/pooling.js';
import { BatchNormalization } from '../layers/normalization.js';
import { ELU, LeakyReLU, ReLU, Softmax } from '../layers/advanced_activations.js';
import { Embedding } from '../layers/embedding.js';
import { InputLayer } from '../layers/input_layer.js';
import { Identity, Masking, Permute, PReLU, RepeatVector, ThresholdedReLU } from '../layers/misc.js';
import { AlphaDropout, GaussianDropout, GaussianNoise, SpatialDropout1D, SpatialDropout2D, SpatialDropout3D } from '../layers/noise.js';
import { CategoryEncoding, CenterCrop, RandomWidth, Rescaling, Resizing } from '../layers/preprocessing.js';
import { Conv1D, Conv2DTranspose, Conv3D, Conv3DTranspose, DepthwiseConv2D, SeparableConv2D } from '../layers/conv_more.js';
import { AveragePooling1D, AveragePooling3D, Cropping1D, Cropping2D, GlobalAveragePooling1D, GlobalMaxPooling1D, GlobalMaxPooling2D,
  MaxPooling1D, MaxPooling3D, UpSampling1D, UpSampling2D, ZeroPadding1D, ZeroPadding2D } from '../layers/spatial.js';
import { Add, Average, Concatenate, Dot, Maximum, Minimum, Multiply, Subtract } from '../layers/merge.js';
import { LayerNormalization } from '../layers/layer_normalization.js';
import { MultiHeadAttention } from '../layers/attention.js';
import { ConvLSTM2D, ConvLSTM2DCell, GRU, GRUCell, LSTM, LSTMCell, provideLayerDeserializer, RNN, SimpleRNN, SimpleRNNCell, StackedRNNCells } from '../layers/recurrent.js';
import { Bidirectional, TimeDistributed } from '../layers/wrappers.js';
import { getActivation } from '../layers/activations.js';

export type Config = Record<string, unknown>;
export const isObj = (x: unknown): x is Config => typeof x === 'object' && x !== null && !Array.isArray(x);
/** A short description of a value for error messages; never throws (cycles, BigInt, a bad toString). */
export function brief(x: unknown): string {
  let s: string | undefined;
  try { s = JSON.stringify(x); } catch { /* a cycle, a BigInt, too deep */ }
  if (s === undefined) {
    s = x === null || (typeof x !== 'object' && typeof x !== 'function') ? String(x)
      : Array.isArray(x) ? `an array of ${x.length}` : 'an object (with a cycle or nested too deeply)';
  }
  return s.slice(0, 120);
}

/** How deep a Keras config may nest (a model's are ~10 levels, ~4 more per nested model). */
const MAX_DEPTH = 100;
const tooDeep = () => new Error(`${activeOp}: the model config is nested more than ${MAX_DEPTH} levels deep (or holds a cycle); ` +
  'a corrupt or hostile model.json?');

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
export function fromPythonic(v: unknown, key?: string, depth = 0): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return camel(v);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  // a file's JSON is a tree: bounded depth, which also stops at a cycle of an in-memory config
  if (depth >= MAX_DEPTH) throw tooDeep();
  if (Array.isArray(v)) {
    return v.map((x, i) => (key !== undefined && NAME_LISTS.has(key) && i === 0 && typeof x === 'string' ? x : fromPythonic(x, key, depth + 1)));
  }
  const out: Config = {};
  for (const [k, x] of Object.entries(v as Config)) {
    if (k === 'name' && typeof x === 'string') out[k] = x;
    // defineProperty: a key such as '__proto__' stays a plain key and never sets the prototype
    else { const ck = camel(k); Object.defineProperty(out, ck, { value: fromPythonic(x, ck, depth + 1), enumerable: true, writable: true, configurable: true }); }
  }
  return out;
}

// ---- the class registry (className → class), Keras' get_registered_object --------------------------

// The operation being performed ('loadLayersModel', 'modelFromJSON' …): nested configs report errors under it.
let activeOp = 'fromConfig';
/** The operation nested configs report errors under. */
export function currentOp(): string { return activeOp; }
/** Runs fn with `op` as the operation nested configs report errors under. */
export function withOp<T>(op: string, fn: () => T): T {
  const outer = activeOp;
  activeOp = op;
  try { return fn(); } finally { activeOp = outer; }
}

type LayerClass = (new (args: never) => Layer) & { className?: string; fromConfig?(cls: unknown, config: Config): Layer };
const BUILT_IN = [Dense, Conv2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, Flatten, Reshape, Dropout, BatchNormalization,
  Activation, ReLU, LeakyReLU, Softmax, ELU, Embedding, InputLayer,
  RepeatVector, Permute, Masking, PReLU, ThresholdedReLU, Identity,
  GaussianNoise, GaussianDropout, AlphaDropout, SpatialDropout1D, SpatialDropout2D, SpatialDropout3D,
  Rescaling, Resizing, CenterCrop, CategoryEncoding, RandomWidth,
  Conv1D, Conv3D, Conv2DTranspose, Conv3DTranspose, DepthwiseConv2D, SeparableConv2D,
  MaxPooling1D, AveragePooling1D, MaxPooling3D, AveragePooling3D, GlobalAveragePooling1D, GlobalMaxPooling1D, GlobalMaxPooling2D,
  UpSampling1D, UpSampling2D, ZeroPadding1D, ZeroPadding2D, Cropping1D, Cropping2D,
  Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot, LayerNormalization, MultiHeadAttention,

  RNN, SimpleRNN, GRU, LSTM, SimpleRNNCell, GRUCell, LSTMCell, StackedRNNCells, ConvLSTM2D, ConvLSTM2DCell, Bidirectional, TimeDistributed] as unknown as LayerClass[];
// Filled on first use, not at import: an app that never (de)serialises a model carries no layer it does not use.
let registry: Map<string, LayerClass> | undefined;
function registered(): Map<string, LayerClass> {
  return registry ??= new Map(BUILT_IN.map((c) => [c.className!, c]));
}

/** Whether `layer` is a built-in layer that takes exactly one input tensor (not a merge, attention or RNN layer). */
export function takesOneInput(layer: Layer): boolean {
  return (BUILT_IN as Function[]).includes(layer.constructor) && !(layer.constructor as typeof Layer).multiInput;
}

/** The class registered under a name (undefined: none). */
export function registeredClass(name: string): unknown { return registered().get(name); }

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
  registered().set(n, cls as unknown as LayerClass);
}

/** A layer (or model) from {className, config} in TS form; unknown classes and bad entries name `op`. */
export function deserializeLayer(entry: unknown, op: string): Layer {
  if (!isObj(entry) || typeof entry.className !== 'string' || (!isObj(entry.config) && !Array.isArray(entry.config))) {
    throw new Error(`${op}: a layer must be {class_name, config}, got ${brief(entry)}`);
  }
  const cls = registered().get(entry.className);
  if (cls === undefined) {
    throw new Error(`${op}: unknown layer class '${entry.className}' (known: ${[...registered().keys()].join(', ')}); ` +
      'register custom classes with tf.serialization.registerClass(cls)');
  }
  const config = Array.isArray(entry.config) ? entry.config as unknown as Config : normalize({ ...entry.config }, entry.className, op);
  try {
    return (cls.fromConfig ?? Layer.fromConfig).call(cls, cls, config);
  } catch (e) {
    const msg = (e as Error).message;
    const name = typeof config.name === 'string' ? config.name : brief(config.name ?? '');
    throw new Error(msg.startsWith(`${op}:`) ? msg : `${op}: cannot rebuild ${entry.className} '${name}': ${msg}`, { cause: e });
  }
}

provideLayerDeserializer(deserializeLayer);

/** Keras spellings ascent's constructors do not take. */
function normalize(c: Config, cls: string, op: string): Config {
  if (isObj(c.dtype)) c.dtype = (c.dtype.config as Config | undefined)?.name ?? c.dtype.name; // Keras 3 DTypePolicy
  if (c.batchShape !== undefined && c.batchInputShape === undefined) { c.batchInputShape = c.batchShape; delete c.batchShape; }
  if (c.dtype !== undefined && c.dtype !== null && !['float32', 'int32', 'bool'].includes(c.dtype as string)) {
    throw new Error(`${op}: layer '${String(c.name)}' (${cls}) has dtype ${brief(c.dtype)}; ascent layers compute in float32 (int32/bool inputs)`);
  }
  return c;
}

// ---- layer configs --------------------------------------------------------------------------------------

/** A layer's config in TS form, checked to hold only data (no functions, no custom activations). */
export function layerConfig(l: Layer, op: string): Config {
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


/** @internal The class names in the registry (built-in and registered), for tests that cover every class. */
export function registeredClassNames(): string[] { return [...registered().keys()]; }
