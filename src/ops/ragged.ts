// Ragged tensors as TensorFlow's (nested splits, dense values): raggedRange, raggedGather,
// raggedTensorToTensor. The bookkeeping is JS on the small split vectors (as tfjs's cpu kernels); dense
// values move with gather and the scatter of tensorScatterUpdate.
import { H } from '../backend/wasm.js';
import { fmtShape, opError } from '../core/convert.js';
import type { TensorLike } from '../core/convert.js';
import { op } from '../core/op.js';
import { Tensor } from '../core/tensor.js';
import { tensor } from './create.js';
import { gather } from './gather.js';
import { scatterRows } from './scatter.js';
import { broadcastTo, reshape } from './shape.js';
import { isTensor } from '../core/engine.js';

const INT32_MAX = 2147483647;
const NUM = ['float32', 'int32'] as const;

function nums(t: Tensor): number[] {
  if (t.size === 0) return [];
  const h = H(), o = t.ptr >>> 2;
  return Array.from(t.dtype === 'float32' ? h.f32.subarray(o, o + t.size) : h.i32.subarray(o, o + t.size));
}

/**
 * A ragged tensor of ranges: row i is range(starts[i], limits[i], deltas[i]) (each a scalar, broadcast, or
 * a vector; vectors of one length). {rtNestedSplits: int32 row splits [n + 1], rtDenseValues: the values}.
 * @example tf.raggedRange([0, 5], [3, 8], [1, 2])  // splits [0, 3, 5], values [0, 1, 2, 5, 7]
 */
export const raggedRange = op('raggedRange', {
  inputs: [{ name: 'starts', dtypes: NUM }, { name: 'limits', dtypes: NUM }, { name: 'deltas', dtypes: NUM }], promote: 'match', grad: null,
  forward: (starts: Tensor, limits: Tensor, deltas: Tensor): { rtNestedSplits: Tensor; rtDenseValues: Tensor } => {
    const op = 'raggedRange';
    const args = { starts, limits, deltas };
    let n = -1;
    for (const [name, t] of Object.entries(args)) {
      if (t.rank > 1) throw opError(op, `${name} must be a scalar or a vector, got shape ${fmtShape(t.shape)}`);
      if (t.rank === 1) {
        if (n !== -1 && t.shape[0] !== n) {
          throw opError(op, `starts ${fmtShape(starts.shape)}, limits ${fmtShape(limits.shape)} and deltas ${fmtShape(deltas.shape)} must have the same shape (or be scalars)`);
        }
        n = t.shape[0];
      }
    }
    if (n === -1) n = 1;
    const s = nums(starts), l = nums(limits), d = nums(deltas);
    const at = (v: number[], t: Tensor, i: number) => (t.rank === 0 ? v[0] : v[i]);
    const splits = [0], values: number[] = [];
    for (let i = 0; i < n; i++) {
      const start = at(s, starts, i), limit = at(l, limits, i), delta = at(d, deltas, i);
      if (delta === 0) throw opError(op, `deltas must be non-zero (row ${i})`);
      let size = 0;
      if ((delta > 0 && limit > start) || (delta < 0 && limit < start)) size = Math.ceil(Math.abs((limit - start) / delta));
      if (!(size <= INT32_MAX)) throw opError(op, `row ${i} has (limit - start) / delta = ${(limit - start) / delta}, more than ${INT32_MAX}`);
      if (values.length + size > INT32_MAX) throw opError(op, 'the ranges hold more than 2^31 - 1 values');
      for (let k = 0, v = start; k < size; k++, v += delta) values.push(v);
      splits.push(values.length);
    }
    return { rtNestedSplits: tensor(splits, [n + 1], 'int32'), rtDenseValues: tensor(values, [values.length], starts.dtype) };
  },
});

/** Checks one level of row splits against the size of the level below; returns its values. */
function checkSplits(op: string, t: Tensor, k: number, below: number): number[] {
  if (t.rank !== 1) throw opError(op, `paramsNestedSplits[${k}] must be a vector, got shape ${fmtShape(t.shape)}`);
  const v = nums(t);
  if (v.length === 0) throw opError(op, `paramsNestedSplits[${k}]: ragged splits may not be empty`);
  if (v[0] < 0) throw opError(op, `paramsNestedSplits[${k}]: ragged splits must be non-negative, got ${v[0]}`);
  for (let i = 1; i < v.length; i++) {
    if (v[i] < v[i - 1]) throw opError(op, `paramsNestedSplits[${k}]: ragged splits must be sorted in ascending order (${v[i - 1]} > ${v[i]})`);
  }
  if (v[v.length - 1] > below) throw opError(op, `paramsNestedSplits[${k}]: ragged splits must not point past values (${v[v.length - 1]} > ${below})`);
  return v;
}

/**
 * Gathers rows of a ragged tensor (paramsNestedSplits: its row splits, outermost first; paramsDenseValues:
 * its flat values) at `indices` (int32, any rank): the result's splits (indices.rank − 1 uniform levels for
 * the shape of indices, then the gathered rows' own) and values. outputRaggedRank must be
 * indices.rank + paramsNestedSplits.length − 1 (TensorFlow's RaggedGather).
 * @example tf.raggedGather([[0, 3, 3, 7, 9]], [.1, .2, .3, .4, .5, .6, .7, .8, .9], [2, 1, 0, 3], 1)
 *   // outputNestedSplits [[0, 4, 4, 7, 9]], outputDenseValues [.4, .5, .6, .7, .1, .2, .3, .8, .9]
 */
export const raggedGather = op('raggedGather', {
  inputs: [{ name: 'paramsNestedSplits', list: true, literal: 'int32', dtypes: ['int32'] }, 'paramsDenseValues',
    { name: 'indices', literal: 'int32', dtypes: ['int32'] }], grad: null,
  forward: (paramsNestedSplits: Tensor[], paramsDenseValues: Tensor, indices: Tensor, outputRaggedRank: number):
    { outputNestedSplits: Tensor[]; outputDenseValues: Tensor } => {
    const op = 'raggedGather', K = paramsNestedSplits.length;
    if (K === 0) throw opError(op, 'paramsNestedSplits must hold at least one level of row splits');
    if (paramsDenseValues.rank === 0) throw opError(op, 'paramsDenseValues must have rank ≥ 1 (params.rank must be nonzero)');
    if (outputRaggedRank !== indices.rank + K - 1) {
      throw opError(op, `outputRaggedRank must be indices.rank + paramsNestedSplits.length - 1 = ${indices.rank + K - 1}, got ${String(outputRaggedRank)}`);
    }
    const splits: number[][] = new Array(K);
    for (let k = K - 1; k >= 0; k--) splits[k] = checkSplits(op, paramsNestedSplits[k], k, k === K - 1 ? paramsDenseValues.shape[0] : paramsNestedSplits[k + 1].size - 1);
    const nrows = splits[0].length - 1, idx = nums(indices);
    idx.forEach((v, i) => { if (v < 0 || v >= nrows) throw opError(op, `indices[${i}] = ${v} is not in [0, ${nrows})`); });
    // level by level: the items (rows of the level) each gathered index expands to
    let items = idx;
    const out: number[][] = [];
    for (let k = 0; k < K; k++) {
      const sp = splits[k], level = [0], next: number[] = [];
      for (const p of items) {
        for (let q = sp[p]; q < sp[p + 1]; q++) next.push(q);
        level.push(next.length);
      }
      out.push(level);
      items = next;
    }
    // uniform splits for the leading axes of indices; a scalar index drops the outermost level
    const lead: number[][] = [];
    for (let j = 0; j + 1 < indices.rank; j++) {
      const rows = indices.shape.slice(0, j + 1).reduce((a, b) => a * b, 1), w = indices.shape[j + 1];
      lead.push(Array.from({ length: rows + 1 }, (_, i) => i * w));
    }
    const all = [...lead, ...(indices.rank === 0 ? out.slice(1) : out)];
    return {
      outputNestedSplits: all.map((v) => tensor(v, [v.length], 'int32')),
      outputDenseValues: gather(paramsDenseValues, tensor(items, [items.length], 'int32')),
    };
  },
});

type PartitionType = 'ROW_SPLITS' | 'VALUE_ROWIDS' | 'FIRST_DIM_SIZE';

const toTensor = op('raggedTensorToTensor', {
  inputs: [{ name: 'shape', literal: 'int32', dtypes: ['int32'] }, 'values', { name: 'rowPartitionTensors', list: true, literal: 'int32', dtypes: ['int32'] }],
  grad: null,
  forward: (shape: Tensor, values: Tensor, rowPartitionTensors: Tensor[], defaultValue: TensorLike, rowPartitionTypes: PartitionType[]): Tensor => {
    const op = 'raggedTensorToTensor';
    if (!Array.isArray(rowPartitionTypes) || rowPartitionTypes.length !== rowPartitionTensors.length ||
        rowPartitionTypes.some((t) => t !== 'ROW_SPLITS' && t !== 'VALUE_ROWIDS' && t !== 'FIRST_DIM_SIZE')) {
      throw opError(op, `rowPartitionTypes must name one of 'ROW_SPLITS', 'VALUE_ROWIDS', 'FIRST_DIM_SIZE' per row partition tensor, got ${JSON.stringify(rowPartitionTypes)}`);
    }
    const first = rowPartitionTypes[0] === 'FIRST_DIM_SIZE';
    const kinds = first ? rowPartitionTypes.slice(1) : rowPartitionTypes;
    if (kinds.length === 0 || kinds.some((k) => k !== kinds[0]) || (first ? kinds[0] !== 'VALUE_ROWIDS' : kinds[0] !== 'ROW_SPLITS')) {
      throw opError(op, `rowPartitionTypes must be ['ROW_SPLITS', …] or ['FIRST_DIM_SIZE', 'VALUE_ROWIDS', …], got ${JSON.stringify(rowPartitionTypes)}`);
    }
    if (values.rank === 0) throw opError(op, 'values must have rank ≥ 1');
    const parts = first ? rowPartitionTensors.slice(1) : rowPartitionTensors, K = parts.length, R = K + 1;
    let nrows: number;
    if (first) {
      const t = rowPartitionTensors[0];
      if (t.size !== 1) throw opError(op, `the FIRST_DIM_SIZE partition must be a scalar, got shape ${fmtShape(t.shape)}`);
      nrows = nums(t)[0];
      if (nrows < 0) throw opError(op, `the first dimension size must be ≥ 0, got ${nrows}`);
    } else {
      if (parts[0].rank !== 1 || parts[0].size === 0) throw opError(op, `row splits must be a non-empty vector, got shape ${fmtShape(parts[0].shape)}`);
      nrows = parts[0].size - 1;
    }
    // per level: the parent row and the position in it of every item of the level below
    const parent: number[][] = [], pos: number[][] = [];
    let above = nrows;
    parts.forEach((t, j) => {
      if (t.rank !== 1) throw opError(op, `rowPartitionTensors[${first ? j + 1 : j}] must be a vector, got shape ${fmtShape(t.shape)}`);
      const v = nums(t), par: number[] = [], ps: number[] = [];
      if (!first) {
        if (v.length !== above + 1 || v[0] !== 0) throw opError(op, `row splits ${j} must start at 0 and have ${above + 1} entries, got ${fmtShape(t.shape)} starting at ${v[0]}`);
        for (let r = 0; r < above; r++) {
          if (v[r + 1] < v[r]) throw opError(op, `row splits ${j} must be sorted in ascending order`);
          for (let i = v[r]; i < v[r + 1]; i++) { par.push(r); ps.push(i - v[r]); }
        }
      } else {
        let start = 0;
        v.forEach((r, i) => {
          if (r < 0 || r >= above) throw opError(op, `value row ids ${j}: ${r} is not in [0, ${above})`);
          if (i > 0 && r < v[i - 1]) throw opError(op, `value row ids ${j} must be sorted in ascending order`);
          if (i === 0 || r !== v[i - 1]) start = i;
          par.push(r); ps.push(i - start);
        });
      }
      parent.push(par); pos.push(ps);
      above = par.length;
    });
    if (values.shape[0] !== above) throw opError(op, `values ${fmtShape(values.shape)} must have ${above} rows, as the row partitions say`);
    const inner = values.shape.slice(1);
    const bounding = [nrows, ...pos.map((p) => p.reduce((m, x) => Math.max(m, x + 1), 0)), ...inner];
    const want = nums(shape);
    if (shape.rank !== 1 || want.length !== bounding.length) {
      throw opError(op, `shape ${fmtShape(want)} must have ${bounding.length} entries (${R} ragged axes and the ${inner.length} inner axes of values)`);
    }
    const out = want.map((d, i) => {
      if (d < -1) throw opError(op, `shape ${fmtShape(want)} may hold sizes ≥ 0 and -1`);
      if (i >= R && d !== -1 && d !== bounding[i]) throw opError(op, `shape ${fmtShape(want)} must keep the inner size ${bounding[i]} of values at axis ${i}`);
      return d === -1 ? bounding[i] : d;
    });
    let base: Tensor;
    if (isTensor(defaultValue)) {
      if (defaultValue.isDisposed) throw opError(op, "argument 'defaultValue' is disposed");
      if (defaultValue.dtype !== values.dtype) throw opError(op, `defaultValue (${defaultValue.dtype}) must have the dtype of values (${values.dtype})`);
      if (defaultValue.rank > inner.length) throw opError(op, `defaultValue ${fmtShape(defaultValue.shape)} must broadcast to the inner shape ${fmtShape(inner)} of values`);
      base = broadcastTo(defaultValue, out);
    } else if (typeof defaultValue === 'number' || typeof defaultValue === 'boolean') {
      base = broadcastTo(tensor([defaultValue as number], [], values.dtype), out);
    } else {
      throw opError(op, `defaultValue must be a number or a tensor, got ${String(defaultValue)}`);
    }
    // each value row's place in the output (rows beyond `shape` are dropped)
    const keep: number[] = [], lin: number[] = [];
    for (let v = 0; v < above; v++) {
      let p = v, ok = true, flat = 0, stride = 1;
      for (let j = K - 1; j >= 0 && ok; j--) {
        const c = pos[j][p];
        if (c >= out[j + 1]) ok = false;
        flat += c * stride; stride *= out[j + 1];
        p = parent[j][p];
      }
      if (!ok || p >= out[0]) continue;
      keep.push(v); lin.push(flat + p * stride);
    }
    const innerSize = inner.reduce((a, b) => a * b, 1);
    const rows = reshape(base, [out.slice(0, R).reduce((a, b) => a * b, 1), innerSize]);
    const upd = gather(reshape(values, [above, innerSize]), tensor(keep, [keep.length], 'int32'));
    return reshape(scatterRows(rows, tensor(lin, [lin.length], 'int32'), upd, innerSize), out);
  },
});

/**
 * A dense tensor of `shape` from a ragged tensor given by its flat `values` and row partitions (TensorFlow's
 * RaggedTensorToTensor): rowPartitionTypes is ['ROW_SPLITS', …] (one row-splits vector per ragged axis) or
 * ['FIRST_DIM_SIZE', 'VALUE_ROWIDS', …] (the number of rows, then one row-id vector per ragged axis).
 * Missing entries take defaultValue (broadcast to the inner shape of values); a -1 in shape takes the
 * bounding size of the ragged tensor; entries beyond `shape` are dropped.
 * @example tf.raggedTensorToTensor([4, 4], [.1, .2, .3, .4], 0, [[0, 3, 3, 4, 4]], ['ROW_SPLITS'])
 *   // [[.1, .2, .3, 0], [0, 0, 0, 0], [.4, 0, 0, 0], [0, 0, 0, 0]]
 */
export function raggedTensorToTensor(shape: TensorLike, values: TensorLike, defaultValue: TensorLike, rowPartitionTensors: TensorLike[],
                                     rowPartitionTypes: PartitionType[]): Tensor {
  return toTensor(shape, values, rowPartitionTensors, defaultValue, rowPartitionTypes);
}
