// Where Keras 3 keeps a model's weights in model.weights.h5, derived from the model's config: shared by the
// loader (index.ts) and the writer (save.ts), so a file ascent writes is read the way Keras's are.
import type { Layer } from '../layers/layer.js';
import { isObj, type Config } from '../models/config.js';
import type { Model } from '../models/model.js';

/** keras/src/utils/naming.py to_snake_case. */
export function kerasSnake(name: string): string {
  return name.replace(/\W+/g, '').replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

const RNNS = new Set(['LSTM', 'GRU', 'SimpleRNN', 'ConvLSTM2D']);
/**
 * Where a layer keeps its weights in a .keras file, relative to its group, in the layer's weights order: '' is its
 * own `vars`; recurrent layers keep theirs in `cell`, attention in its four projections (Keras's weight order, not
 * the alphabetical order HDF5 lists them in), wrappers in the layer(s) they wrap (keras/src/layers/…).
 */
export function weightGroupsOf(entry: Config, depth = 0): string[] {
  const cls = String(entry.class_name);
  const inner = isObj(entry.config) && isObj(entry.config.layer) ? entry.config.layer : null;
  if (RNNS.has(cls)) return ['', 'cell'];
  if (cls === 'RNN') {
    // RNN(cell): the cell's weights in `cell`; RNN(StackedRNNCells) in `cell/cells/<snake_case cell class>[_i]`
    const cell = isObj(entry.config) && isObj(entry.config.cell) ? entry.config.cell : null;
    const cells = cell?.class_name === 'StackedRNNCells' && isObj(cell.config) && Array.isArray(cell.config.cells) ? cell.config.cells : null;
    return cells ? ['', 'cell', ...uniqueKeys(cells.map((c) => (isObj(c) ? String(c.class_name) : '?'))).map((k) => `cell/cells/${k}`)] : ['', 'cell'];
  }
  if (cls === 'MultiHeadAttention') return ['', 'query_dense', 'key_dense', 'value_dense', 'output_dense'];
  if ((cls === 'Bidirectional' || cls === 'TimeDistributed') && inner !== null && depth < 8) {
    const sub = weightGroupsOf(inner, depth + 1).map((p) => (p === '' ? '' : `/${p}`));
    if (cls === 'TimeDistributed') return ['', ...sub.map((p) => `layer${p}`)];
    const back = isObj(entry.config) && isObj(entry.config.backward_layer) ? weightGroupsOf(entry.config.backward_layer, depth + 1).map((p) => (p === '' ? '' : `/${p}`)) : sub;
    return ['', ...sub.map((p) => `forward_layer${p}`), ...back.map((p) => `backward_layer${p}`)];
  }
  return [''];
}

/** Keras's keys for a list of objects: snake_case class names made unique (`dense`, `dense_1`, …). */
function uniqueKeys(classes: string[]): string[] {
  const used = new Map<string, number>();
  return classes.map((cls) => {
    const key = kerasSnake(cls === 'Model' ? 'Functional' : cls);
    const seen = used.get(key);
    used.set(key, seen === undefined ? 0 : seen + 1);
    return seen === undefined ? key : `${key}_${seen + 1}`;
  });
}

/**
 * The model's layers with their keys under `layers/`: Keras's to_snake_case(class name) made unique (`dense`,
 * `dense_1`, …) in the config's layer order, as keras/src/saving/saving_lib.py _save_container_state names them.
 * A Sequential's InputLayer is left out (Keras 3's Sequential.layers does not list it); a functional model's counts.
 */
export function kerasLayerKeys(model: Model, entry: Config): { layer: Layer; key: string; entry: Config }[] {
  const cfg = isObj(entry.config) ? entry.config : {};
  // Keras 3's Sequential.layers leaves out the InputLayer; a functional model's lists it (and it takes a key)
  const list = (Array.isArray(cfg.layers) ? cfg.layers : []).filter((l): l is Config => isObj(l) && !(entry.class_name === 'Sequential' && l.class_name === 'InputLayer'));
  const keys = uniqueKeys(list.map((l) => String(l.class_name)));
  const out: { layer: Layer; key: string; entry: Config }[] = [];
  list.forEach((l, i) => {
    if (l.class_name === 'InputLayer') return;
    const name = String(isObj(l.config) && typeof l.config.name === 'string' ? l.config.name : l.name);
    out.push({ layer: model.getLayer(name), key: keys[i], entry: l });
  });
  return out;
}

/**
 * Where a config means something else in Keras 3 than in ascent (which follows tfjs and Keras 2): the first such
 * place as a sentence, or null. Loading a Keras 3 file and writing a .keras file both refuse these rather than
 * give a model that predicts differently.
 *   - hard_sigmoid: Keras 3's is relu6(x + 3) / 6; tfjs's and Keras 2's (ascent's) is clip(0.2·x + 0.5, 0, 1).
 *   - UpSampling2D 'bilinear': Keras 3 samples at half-pixel centres; tfjs (ascent) at the corners.
 */
export function keras3Difference(v: unknown, where = 'the model', depth = 0): string | null {
  if (depth > 100 || v === null || typeof v !== 'object') return null;
  if (Array.isArray(v)) {
    for (const x of v) { const d = keras3Difference(x, where, depth + 1); if (d) return d; }
    return null;
  }
  const o = v as Config;
  let here = where;
  if (typeof o.class_name === 'string' && isObj(o.config)) {
    const c = o.config;
    here = `layer '${String(c.name ?? o.name ?? '?')}' (${o.class_name})`;
    if (o.class_name === 'UpSampling2D' && c.interpolation === 'bilinear') {
      return `${here} upsamples 'bilinear', which Keras 3 computes at half-pixel centres and ascent (as tfjs) at the corners`;
    }
  }
  for (const [k, x] of Object.entries(o)) {
    if (x === 'hard_sigmoid' || x === 'hardSigmoid') {
      return `${here} uses ${k} 'hard_sigmoid', which is relu6(x + 3) / 6 in Keras 3 but clip(0.2·x + 0.5, 0, 1) in ascent (as tfjs and Keras 2)`;
    }
    const d = keras3Difference(x, here, depth + 1);
    if (d) return d;
  }
  return null;
}
