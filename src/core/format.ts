// TensorFlow's str(tensor): `tf.Tensor(<numpy str>, shape=(2, 2), dtype=float32)`, with numpy's
// array formatting: shortest round-trip float32 digits, fractions padded to a common width, `1.` for
// integral floats, scientific notation for wide ranges, `...` summaries above 1000 elements, and rows
// wrapped at 75 columns.
import type { Tensor } from './tensor.js';

const LINE_WIDTH = 75;
const THRESHOLD = 1000;
const EDGE = 3;

/**
 * The shortest decimal that reads back as the same float32 (numpy's float32 repr), as a number: the
 * exact value rounded to 1, 2, … digits, ties to even as Dragon4 (toPrecision would round them up).
 */
function shortestNumber(v: number): number {
  for (let p = 1; p <= 9; p++) {
    const d = Number(v.toPrecision(p));
    if (Math.fround(d) !== v) continue;
    if (!maybeTie(v.toPrecision(p + 1))) return d;
    const r = exactRound(v, p);
    return Math.sign(v) * Number(`${r.digits[0]}.${r.digits.slice(1)}e${r.exp}`);
  }
  return v;
}
/** Whether a value printed with one digit more may be an exact tie (toPrecision/toExponential round those up). */
function maybeTie(s: string): boolean { return /5(e|$)/.test(s); }
function shortest(v: number, exp: boolean): string {
  if (Object.is(v, -0)) return exp ? '-0e+0' : '-0'; // numpy keeps the sign of -0
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

/** The exact decimal digits of a finite non-zero |v|: |v| = d₀.d₁d₂… × 10^exp (no trailing zeros). */
function exactDigits(v: number): { digits: string; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(v));
  const hi = view.getUint32(0), lo = view.getUint32(4);
  const e = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (e > 0) mant |= 1n << 52n;
  const e2 = (e > 0 ? e : 1) - 1075; // |v| = mant · 2^e2
  // as an integer D and a decimal scale k: |v| = D / 10^k
  const [D, k] = e2 >= 0 ? [mant << BigInt(e2), 0] : [mant * 5n ** BigInt(-e2), -e2];
  const str = D.toString();
  return { digits: str.replace(/0+$/, ''), exp: str.length - 1 - k };
}
/** The exact |v| rounded to n ≥ 1 significant digits, ties to even (Dragon4's rounding). */
function exactRound(v: number, n: number): { digits: string; exp: number } {
  const ex = exactDigits(v);
  return roundDigits(ex.digits, ex.exp, n);
}
/** `digits` rounded to n ≥ 1 digits, ties to even; a carry may add a digit (exp + 1). */
function roundDigits(digits: string, exp: number, n: number): { digits: string; exp: number } {
  if (digits.length <= n) return { digits: digits.padEnd(n, '0'), exp };
  const next = digits.charCodeAt(n) - 48;
  const rest = /[1-9]/.test(digits.slice(n + 1));
  const odd = (digits.charCodeAt(n - 1) - 48) % 2 === 1;
  let kept = digits.slice(0, n);
  if (next > 5 || (next === 5 && (rest || odd))) {
    const up = (BigInt(kept) + 1n).toString();
    if (up.length > n) return { digits: up.slice(0, n), exp: exp + 1 };
    kept = up;
  }
  return { digits: kept, exp };
}
/** Scientific mantissa and exponent of v with exactly `frac` fractional digits of its exact value. */
function sciDigits(v: number, frac: number): [string, number] {
  if (v === 0) return [`${Object.is(v, -0) ? '-' : ''}0${frac > 0 ? '.' + '0'.repeat(frac) : '.'}`, 0];
  if (!maybeTie(v.toExponential(frac + 1))) {
    const [m, e] = v.toExponential(frac).split('e');
    return [frac === 0 ? `${m}.` : m, Number(e)];
  }
  const r = exactRound(v, frac + 1);
  return [`${v < 0 ? '-' : ''}${r.digits[0]}.${r.digits.slice(1)}`, r.exp];
}

function fixedParts(v: number): [string, string] {
  const s = shortest(v, false);
  const [i, f = ''] = s.split('.');
  // numpy prints at most 8 fractional digits, rounding the exact value (ties to even)
  if (f.length > 8) {
    const r = exactRound(v, exactDigits(v).exp + 1 + 8);
    const all = r.exp >= 0 ? r.digits : '0'.repeat(-r.exp) + r.digits;
    const point = Math.max(r.exp, 0) + 1;
    return [`${v < 0 ? '-' : ''}${all.slice(0, point)}`, all.slice(point).replace(/0+$/, '')];
  }
  return [i, f.replace(/0+$/, '')];
}

function floatFormatter(values: number[]): (v: number) => string {
  const finite = values.filter((v) => Number.isFinite(v));
  const abs = finite.map(Math.abs).filter((v) => v !== 0);
  const max = abs.length ? Math.max(...abs) : 0, min = abs.length ? Math.min(...abs) : 0;
  // no non-zero finite value: positional (numpy); the ratio is a float32 division in numpy
  const sci = abs.length > 0 && (max >= 1e8 || min < 1e-4 || Math.fround(max / min) > 1e3);
  const special = (v: number) => (Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf');
  if (sci) {
    // Every mantissa gets as many digits as the longest shortest one needs; the extra digits are the
    // value's own (numpy's min_digits), e.g. float32 1e-5 next to 1.2345678 prints 9.9999997e-06.
    const fw = Math.max(0, ...finite.map((v) => (shortest(v, true).split('e')[0].split('.')[1] ?? '').length));
    return (v) => {
      if (!Number.isFinite(v)) return special(v);
      const [m, en] = sciDigits(v, fw);
      return `${m}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
    };
  }
  const fw = Math.max(0, ...finite.map((v) => fixedParts(v)[1].length));
  return (v) => {
    if (!Number.isFinite(v)) return special(v);
    const [i, f] = fixedParts(v);
    return `${i}.${f.padEnd(fw)}`;
  };
}

function formatter(t: Tensor, values: number[], raw: number[] = []): (v: number) => string {
  if (t.dtype === 'string') { // numpy's bytes: b'abc'
    const strs = raw as unknown as string[];
    return (k) => `b'${strs[k]}'`;
  }
  if (t.dtype === 'complex64') {
    // values are element indices into raw (re, im interleaved); numpy: `3.+4.j`, each part formatted as
    // floats of its own column
    const fr = floatFormatter(values.map((k) => raw[2 * k]));
    const fi = floatFormatter(values.map((k) => Math.abs(raw[2 * k + 1])));
    return (k) => {
      const im = raw[2 * k + 1];
      return `${fr(raw[2 * k])}${im < 0 || Object.is(im, -0) ? '-' : '+'}${fi(Math.abs(im)).trim()}j`;
    };
  }
  // numpy pads True to the width of False in arrays (not in scalars)
  if (t.dtype === 'bool') return (v) => (v ? (t.rank === 0 ? 'True' : ' True') : 'False');
  if (t.dtype === 'int32') return (v) => String(v);
  return floatFormatter(values);
}

/**
 * numpy's str(array) for the tensor's values; repr's layout with `sep` ', ' after a prefix of
 * `prefix` columns ('array(') and a suffix of `suffix` columns.
 */
export function formatValues(t: Tensor, sep = ' ', prefix = 0, suffix = 0): string {
  const raw = Array.from(t.dataSync() as ArrayLike<number>);
  // complex64 and string: the values walked are element indices; the formatter reads them from raw
  const data = t.dtype === 'complex64' || t.dtype === 'string' ? Array.from({ length: t.size }, (_, k) => k) : raw;
  const summarize = t.size > THRESHOLD;
  if (t.rank === 0 && t.dtype === 'complex64') {
    // Python's repr of a complex scalar: (3+4j)
    const part = (v: number) => (Number.isFinite(v) ? plain(shortestNumber(v)) : Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf');
    const im = raw[1];
    return `(${part(raw[0])}${im < 0 || Object.is(im, -0) ? '-' : '+'}${part(Math.abs(im))}j)`;
  }
  if (t.rank === 0) {
    if (t.dtype !== 'float32') return formatter(t, data, raw)(data[0]);
    const v = data[0];
    if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
    // Python's repr: positional for 1e-4 ≤ |v| < 1e16, else exponent with at least two digits.
    const sci = Math.abs(v) >= 1e16 || (v !== 0 && Math.abs(v) < 1e-4);
    const s = shortest(v, sci);
    return sci ? s.replace(/e([+-])(\d)$/, 'e$10$2') : s.includes('.') ? s : `${s}.0`;
  }
  if (t.size === 0) return '[]'; // numpy prints every empty array as []
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
  const fmt = formatter(t, visible, raw);
  const width = Math.max(...visible.map((v) => fmt(v).length));
  const word = (i: number, off: number) => (i < 0 ? '...' : fmt(data[off]).padStart(width));
  // numpy's _formatArray: each line starts with a hanging indent (the first one's is replaced by '['),
  // a row wraps before the word that would pass the width, and every nesting level costs one column.
  const rec = (d: number, off: number, hanging: string, lineWidth: number): string => {
    const next = hanging + ' ';
    let s: string;
    if (d === t.rank - 1) {
      const elemWidth = lineWidth - Math.max(sep.trimEnd().length, 1);
      let line = hanging;
      s = '';
      shown[d].forEach((i, k) => {
        const w = word(i, off + i * strides[d]);
        if (line.length + w.length > elemWidth && line.length > hanging.length) {
          s += line.trimEnd() + '\n';
          line = hanging;
        }
        line += w + (k < shown[d].length - 1 ? sep : '');
      });
      s += line;
    } else {
      const lineSep = sep.trimEnd() + '\n'.repeat(t.rank - d - 1);
      s = shown[d].map((i) => hanging + (i < 0 ? '...' : rec(d + 1, off + i * strides[d], next, lineWidth - 1))).join(lineSep);
    }
    return '[' + s.slice(hanging.length) + ']';
  };
  return rec(0, 0, ' '.repeat(prefix + 1), LINE_WIDTH - suffix);
}

/**
 * numpy's repr(array): `array([[1., 2.],\n       [3., 4.]], dtype=float32)`; the dtype moves to its own
 * line when it would pass 75 columns; bool is numpy's implied dtype and is not printed.
 */
export function formatRepr(t: Tensor): string {
  if (t.rank === 0) return formatValues(t);
  const shownDtype = t.dtype !== 'bool';
  const body = t.size === 0
    ? `array([]${t.rank > 1 ? `, shape=${formatShape(t.shape)}` : ''}`
    : `array(${formatValues(t, ', ', 'array('.length, shownDtype ? 1 : 0)}`;
  if (!shownDtype) return body + ')';
  const dtype = `dtype=${t.dtype})`;
  const lastLine = body.length - (body.lastIndexOf('\n') + 1);
  return body + ',' + (lastLine + 1 + dtype.length + 1 > LINE_WIDTH ? '\n      ' : ' ') + dtype;
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

/** TF2's repr of a variable: `<tf.Variable 'w:0' shape=(2,) dtype=float32, numpy=array([1., 2.], dtype=float32)>`. */
export function formatVariable(v: Tensor & { name: string }): string {
  let text = v.isDisposed ? '<disposed>' : formatRepr(v);
  if (text.includes('\n')) text = '\n' + text;
  return `<tf.Variable '${v.name}:0' shape=${formatShape(v.shape)} dtype=${v.dtype}, numpy=${text}>`;
}
