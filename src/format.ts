// TensorFlow's str(tensor): `tf.Tensor(<numpy str>, shape=(2, 2), dtype=float32)`, with numpy's
// array formatting: shortest round-trip float32 digits, fractions padded to a common width, `1.` for
// integral floats, scientific notation for wide ranges, `...` summaries above 1000 elements, and rows
// wrapped at 75 columns.
import type { Tensor } from './tensor.js';

const LINE_WIDTH = 75;
const THRESHOLD = 1000;
const EDGE = 3;

/** The shortest decimal that reads back as the same float32 (numpy's float32 repr), as a number. */
function shortestNumber(v: number): number {
  for (let p = 1; p <= 9; p++) {
    const d = Number(v.toPrecision(p));
    if (Math.fround(d) === v) return d;
  }
  return v;
}
function shortest(v: number, exp: boolean): string {
  const d = shortestNumber(v);
  return exp ? d.toExponential() : plain(d);
}
/** A number in positional notation (no exponent). */
function plain(d: number): string {
  const s = String(d);
  if (!s.includes('e')) return s;
  const digits = Math.max(0, -Math.floor(Math.log10(Math.abs(d))) + 9);
  return d.toFixed(Math.min(100, digits)).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

function fixedParts(v: number): [string, string] {
  const s = shortest(v, false);
  const [i, f = ''] = s.split('.');
  // numpy prints at most 8 fractional digits
  if (f.length > 8) {
    const r = v.toFixed(8).replace(/0+$/, '');
    const [i2, f2 = ''] = r.split('.');
    return [i2, f2];
  }
  return [i, f.replace(/0+$/, '')];
}

function floatFormatter(values: number[]): (v: number) => string {
  const finite = values.filter((v) => Number.isFinite(v));
  const abs = finite.map(Math.abs).filter((v) => v !== 0);
  const max = abs.length ? Math.max(...abs) : 0, min = abs.length ? Math.min(...abs) : 0;
  const sci = max >= 1e8 || min < 1e-4 || (min > 0 && max / min > 1e3);
  const special = (v: number) => (Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf');
  if (sci) {
    const parts = finite.map((v) => {
      const [m, e] = shortest(v, true).split('e');
      const [mi, mf = ''] = m.split('.');
      return { mi, mf, e };
    });
    const fw = Math.max(0, ...parts.map((p) => p.mf.length));
    return (v) => {
      if (!Number.isFinite(v)) return special(v);
      const [m, e] = shortest(v, true).split('e');
      const [mi, mf = ''] = m.split('.');
      const en = Number(e);
      return `${mi}.${mf.padEnd(fw, "0")}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
    };
  }
  const fw = Math.max(0, ...finite.map((v) => fixedParts(v)[1].length));
  return (v) => {
    if (!Number.isFinite(v)) return special(v);
    const [i, f] = fixedParts(v);
    return `${i}.${f.padEnd(fw)}`;
  };
}

function formatter(t: Tensor, values: number[]): (v: number) => string {
  if (t.dtype === 'bool') return (v) => (v ? 'True' : 'False');
  if (t.dtype === 'int32') return (v) => String(v);
  return floatFormatter(values);
}

/** numpy's str(array) for the tensor's values. */
export function formatValues(t: Tensor): string {
  const data = Array.from(t.dataSync());
  const summarize = t.size > THRESHOLD;
  if (t.rank === 0) {
    if (t.dtype !== 'float32') return formatter(t, data)(data[0]);
    const v = data[0];
    if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
    // Python's repr: positional for 1e-4 ≤ |v| < 1e16, else exponent with at least two digits.
    const sci = Math.abs(v) >= 1e16 || (v !== 0 && Math.abs(v) < 1e-4);
    const s = shortest(v, sci);
    return sci ? s.replace(/e([+-])(\d)$/, 'e$10$2') : s.includes('.') ? s : `${s}.0`;
  }
  const strides: number[] = [];
  let s = 1;
  for (let d = t.rank - 1; d >= 0; d--) { strides[d] = s; s *= t.shape[d]; }
  // Which indices are shown along each axis.
  const shown = t.shape.map((n) => (summarize && n > 2 * EDGE
    ? [...Array(EDGE).keys(), -1, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)]
    : [...Array(n).keys()]));
  const visible: number[] = [];
  const visit = (d: number, off: number) => {
    if (d === t.rank) { visible.push(data[off]); return; }
    for (const i of shown[d]) if (i >= 0) visit(d + 1, off + i * strides[d]);
  };
  visit(0, 0);
  const fmt = formatter(t, visible);
  const width = Math.max(...visible.map((v) => fmt(v).length));
  const word = (v: number) => fmt(v).padStart(width);
  const rec = (d: number, off: number, indent: string): string => {
    if (d === t.rank - 1) {
      const words = shown[d].map((i) => (i < 0 ? '...' : word(data[off + i * strides[d]])));
      let line = indent + '[';
      const lines: string[] = [];
      words.forEach((w, k) => {
        const sep = k === 0 ? '' : ' ';
        const closing = k === words.length - 1 ? 1 + (t.rank - 1 - d) : 0;
        if (line.length + sep.length + w.length + closing > LINE_WIDTH && k > 0) {
          lines.push(line);
          line = indent + ' ' + w;
        } else line += sep + w;
      });
      lines.push(line + ']');
      return lines.join('\n').slice(indent.length);
    }
    const blank = '\n'.repeat(Math.max(1, t.rank - d - 1));
    const parts = shown[d].map((i) => (i < 0 ? `${indent} ...` .slice(indent.length) : rec(d + 1, off + i * strides[d], indent + ' ')));
    return '[' + parts.join(blank + indent + ' ') + ']';
  };
  return rec(0, 0, '');
}

export function formatShape(shape: number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

export function formatTensor(t: Tensor): string {
  if (t.isDisposed) return `tf.Tensor(<disposed>, shape=${formatShape(t.shape)}, dtype=${t.dtype})`;
  let text = formatValues(t);
  if (text.includes('\n')) text = '\n' + text;
  return `tf.Tensor(${text}, shape=${formatShape(t.shape)}, dtype=${t.dtype})`;
}
