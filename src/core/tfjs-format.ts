// TensorFlow.js's text form of a tensor, for tf.print (ascent's own toString()/print() follow TensorFlow 2):
//   Tensor
//       [[1  , 22],
//        [333, 4 ]]
// Values: float32 rounded to 7 decimals (a scalar in full), int32 as is, bool as true/false; each padded to
// the widest value of its column (its position along the last axis). An axis longer than 20 shows its first
// and last 3 entries around '...'. Sub-tensors of rank r are separated by r − 1 blank lines.
import type { Tensor } from './tensor.js';

const LIMIT = 20, EDGE = 3;

function valueText(v: number, dtype: string, scalar: boolean): string {
  if (dtype === 'bool') return v ? 'true' : 'false';
  if (dtype === 'float32' && !scalar) return String(parseFloat(v.toFixed(7)));
  return String(v);
}

/** The lines of the sub-tensor at `offset` of `shape` (no outer indentation). */
function lines(text: string[], shape: number[], offset: number, widths: number[], last: boolean): string[] {
  const n = shape[0];
  const stride = shape.slice(1).reduce((a, b) => a * b, 1);
  const picks: (number | null)[] = n > LIMIT
    ? [...Array.from({ length: EDGE }, (_, i) => i), null, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)]
    : Array.from({ length: n }, (_, i) => i);
  const end = last ? ']' : '],';
  if (shape.length === 1) {
    const items = picks.map((i) => (i === null ? '...' : text[offset + i].padEnd(widths[i])));
    return [`[${items.join(', ')}${end}`];
  }
  const out: string[] = [];
  picks.forEach((i, k) => {
    const isLast = k === picks.length - 1;
    // (tfjs's '...' ends with a comma in a matrix only, and no blank lines follow it)
    const sub = i === null ? [shape.length === 2 ? '...,' : '...'] : lines(text, shape.slice(1), offset + i * stride, widths, isLast);
    sub.forEach((l, j) => out.push((k === 0 && j === 0 ? '[' : l === '' ? '' : ' ') + l));
    if (!isLast && i !== null) for (let b = 0; b < shape.length - 2; b++) out.push('');
  });
  out[out.length - 1] += last ? ']' : '],';
  return out;
}

/** tfjs's Tensor.toString(verbose). */
export function formatTfjs(t: Tensor, verbose = false): string {
  const vals = t.dataSync();
  const scalar = t.rank === 0;
  const text = Array.from(vals, (v) => valueText(v, t.dtype, scalar));
  let body: string[];
  if (scalar) body = [text[0]];
  else if (t.size === 0 && t.rank === 1) body = ['[]'];
  else {
    const cols = t.shape[t.rank - 1];
    const widths = new Array<number>(cols).fill(0);
    text.forEach((s, i) => { const c = i % cols; if (s.length > widths[c]) widths[c] = s.length; });
    body = lines(text, t.shape, 0, widths, true);
  }
  const head = verbose ? ['Tensor', `  dtype: ${t.dtype}`, `  rank: ${t.rank}`, `  shape: [${t.shape.join(',')}]`, '  values:'] : ['Tensor'];
  return [...head, ...body.map((l) => (l === '' ? '' : `    ${l}`))].join('\n');
}
