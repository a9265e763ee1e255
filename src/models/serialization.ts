// Loading models saved in TensorFlow.js' "layers-model" format (model.json; saving.ts writes it): the
// topology rebuilt through the class registry (config.ts), every weight checked and assigned, and with a
// trainingConfig the model compiled with the saved optimizer and its state, so training resumes exactly
// where it stopped. Files move both ways between ascent and TensorFlow.js (and Keras via the converter).
//
// Loading checks everything (topology, every weight's name, shape, dtype and the byte count, the optimizer
// state) before assigning anything: a bad file leaves no model half-loaded.
import type { Layer } from '../layers/layer.js';
import { resolveLoadHandler } from '../io/router.js';
import { ready } from '../backend/wasm.js';
import { withAllocationBudget } from '../core/memory.js';
import type { IOHandler, LoadOptions, ModelArtifacts } from '../io/types.js';
import { brief, deserializeLayer, fromPythonic, isObj, registerClass, withOp } from './config.js';
import { Model, Sequential, registerModelClasses } from './model.js';
import { compileArgsOf, decodeArtifacts, disposeAll, ensureBuilt, matchWeights } from './saving.js';

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
  registerModelClasses();
  const layer: Layer = withOp(op, () => deserializeLayer(fromPythonic(t), op));
  if (!(layer instanceof Model)) {
    layer.dispose();
    throw new Error(`${op}: the topology is a ${t.class_name} layer, not a model`);
  }
  return layer;
}

/** The bytes the manifest's weights take as tensors (4 per element; malformed specs count 0: decoding reports them). */
function declaredBytes(a: ModelArtifacts): number {
  let total = 0;
  for (const w of Array.isArray(a.weightSpecs) ? a.weightSpecs : []) {
    const n = Array.isArray(w?.shape) ? w.shape.reduce((p: number, d: unknown) => p * (typeof d === 'number' && d >= 0 ? d : NaN), 1) : NaN;
    if (Number.isFinite(n)) total += 4 * n;
  }
  return total;
}

/**
 * Memory a topology may take beyond twice its weights (the weights, their initializers' temporaries): small,
 * so that a model.json declaring layers larger than its weight files fails before taking the memory.
 */
const TOPOLOGY_ROOM = 4 * 2 ** 20;
/**
 * Memory a subclassed model's build may use beyond its weights (the activations of a dry run at batch 1), and
 * any topology loaded with {strict: false} (whose file may lack some of its weights).
 */
const BUILD_ROOM = 128 * 2 ** 20;

export interface LoadLayersModelOptions extends LoadOptions {
  /** Compile the model from the saved trainingConfig and restore the optimizer state (default true). */
  compile?: boolean;
}

/** Runs one stage of loading; its errors are the load's errors (`op: what: message`). */
function stage<T>(op: string, what: string, fn: () => T): T {
  try { return fn(); } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new Error(msg.startsWith(`${op}:`) ? msg : `${op}: ${what}: ${msg}`, { cause: e });
  }
}

/**
 * The model in saved artifacts: weights decoded and checked against the manifest, topology → layers, then
 * every weight checked and assigned, then (when the file has a trainingConfig) compiled with the saved
 * optimizer and its state, ready to resume training.
 */
export function modelFromArtifacts(a: ModelArtifacts, options: LoadLayersModelOptions = {}, op = 'loadLayersModel'): Model {
  if (a === null || typeof a !== 'object') throw new Error(`${op}: the IOHandler's load() gave ${brief(a)}, not model artifacts`);
  if (a.format != null && a.format !== 'layers-model') {
    throw new Error(`${op}: the model's format is '${typeof a.format === 'string' ? a.format : brief(a.format)}'; ascent loads 'layers-model' files (tf.LayersModel.save, tensorflowjs_converter --output_format tfjs_layers_model)`);
  }
  if (a.modelTopology == null) {
    throw new Error(`${op}: the artifacts have no modelTopology (weights only, as model.saveWeights writes?); load those with model.loadWeights(url)`);
  }
  // The weights first: the manifest is checked against the bytes (so its sizes are real) and decoding takes
  // only the memory the bytes hold. Then the topology may not allocate more than the weights need (plus a
  // little room): a model.json that declares huge layers fails before it takes the memory, not after.
  const decoded = decodeArtifacts(a, op);
  let m: Model | null = null;
  try {
    const declared = declaredBytes(a);
    const tooBig = () => new Error(`${op}: the model's topology needs more memory than its weights hold ` +
      `(${(declared / 2 ** 20).toFixed(1)} MiB of weights in the manifest); a corrupt or hostile model.json?`);
    // with {strict: false} the file may lack weights the model has (a trainableOnly save): more room
    const strict = options.strict ?? true;
    const room = strict ? TOPOLOGY_ROOM : BUILD_ROOM;
    m = withAllocationBudget(2 * declared + room, tooBig, () => modelFromTopology(a.modelTopology, op));
    const model = m;
    // a graph network is built by construction; a subclassed model's build is a dry run
    const subclassed = !(model instanceof Sequential) && !model.isGraphNetwork();
    if (!model.isGraphNetwork()) {
      withAllocationBudget(2 * declared + (subclassed ? BUILD_ROOM : room), tooBig, () => ensureBuilt(model, decoded.specs.length, op));
    }
    // a subclassed model names its layers anew in its constructor: its weights are matched by position
    const pairs = matchWeights(model, decoded.specs, decoded.values, strict, op, subclassed);
    if (a.trainingConfig != null && options.compile !== false) {
      stage(op, 'the trainingConfig cannot be compiled (load with {compile: false} to skip it)',
        () => model.compile(compileArgsOf(a.trainingConfig!, op)));
      if (decoded.optimizer.length > 0) {
        stage(op, 'the optimizer state does not fit the model (load with {compile: false} to skip it)', () => {
          const opt = model.trainer!.optimizer;
          opt.setWeights(decoded.optimizer);
          opt.checkRestoredState(model.trainableWeights, strict);
        });
      }
    }
    for (const [v, t] of pairs) v.assign(t);
    if (isObj(a.userDefinedMetadata)) stage(op, 'userDefinedMetadata', () => model.setUserDefinedMetadata(a.userDefinedMetadata!));
    return model;
  } catch (e) {
    m?.dispose();
    throw e;
  } finally {
    disposeAll(Object.values(decoded.values));
  }
}

type KerasLoader = (source: string, options: { compile?: boolean }, op: string) => Promise<Model>;
let kerasLoader: KerasLoader | null = null;
/** @internal ascent/keras registers its loader here when imported, so loadLayersModel reads .keras and .h5 files. */
export function provideKerasLoader(fn: KerasLoader): void { kerasLoader = fn; }

/**
 * Loads a model saved by model.save() here or by TensorFlow.js (or converted from Keras): a URL
 * ('file://dir/model.json', 'indexeddb://name', 'localstorage://name', 'https://…/model.json') or an
 * IOHandler (tf.io.fromMemory, tf.io.browserFiles …). With {strict: false} missing or extra weights are
 * ignored; {compile: false} skips the saved trainingConfig.
 * @example const model = await tf.loadLayersModel('file://./my-model/model.json');
 */
export async function loadLayersModel(source: string | string[] | IOHandler, options: LoadLayersModelOptions = {}): Promise<Model> {
  const op = 'loadLayersModel';
  // A Keras file ('…/model.keras', '…/model.h5'): read by the Keras loader, which `import 'ascent/keras'` registers.
  // (Not a dynamic import from here: bundlers would then hoist everything it shares with the core into a chunk
  // every app loads — measured: the tensor-ops app went from under 50 KB to 132 KB.)
  if (typeof source === 'string' && /\.(keras|h5|hdf5)$/i.test(source.replace(/[?#].*$/, ''))) {
    if (kerasLoader === null) {
      throw new Error(`${op}: '${source}' is a Keras file; import 'ascent/keras' once (it registers the Keras loader and its ` +
        'HDF5 and zip readers, which the core does not ship), or convert it with tensorflowjs_converter');
    }
    return kerasLoader(source, { compile: options.compile }, op);
  }
  const handler = resolveLoadHandler(source, options, op);
  // cold start: the kernels compile while the files are read (a no-op once tf.ready() has resolved)
  const kernels = ready();
  kernels.catch(() => {}); // (awaited below; a failure is reported there, after the read's own errors)
  let artifacts: ModelArtifacts;
  try { artifacts = await handler.load!(); } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new Error(msg.startsWith(`${op}:`) ? msg : `${op}: ${msg}`, { cause: e });
  }
  await kernels;
  return modelFromArtifacts(artifacts, options, op);
}

/** tfjs' tf.models.modelFromJSON: a model from its topology (model.toJSON() or model.json's modelTopology), fresh weights. */
export async function modelFromJSON(json: unknown): Promise<Model> {
  const t = isObj(json) && 'modelTopology' in json ? json.modelTopology : json;
  return modelFromTopology(t, 'modelFromJSON');
}

/** tf.models (tfjs): modelFromJSON. */
export const models = { modelFromJSON };
/** tf.serialization (tfjs): registerClass for custom layers and models. */
export const serialization = { registerClass };
