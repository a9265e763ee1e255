// tf.string: ops on string tensors (their values are JS strings: see string_raw.ts).
import { fmtShape, opError } from '../core/convert.js';
import { tensor } from './create.js';
import { op } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import type { Tensor } from '../core/tensor.js';
import { stringTensor } from '../core/convert.js';
import { stringsOf } from './string_raw.js';

const NAME = 'string.staticRegexReplace';

/**
 * Replaces the matches of `pattern` (a regular expression) in every string of `input` by `rewrite`: all
 * of them, or with `replaceGlobal` false the first. As in TensorFlow, `\1` … `\9` in `rewrite` are the
 * pattern's groups (JS regular expressions stand in for RE2; their syntax differs in corners).
 * @example tf.string.staticRegexReplace(['a  b'], ' +', ' ')  // ['a b']
 */
export const staticRegexReplace = op(NAME, {
  inputs: [{ name: 'input', dtypes: ['string'], literal: 'string' }], grad: null,
  forward: (input: Tensor, pattern: string, rewrite: string, replaceGlobal = true): Tensor => {
    if (typeof pattern !== 'string') throw opError(NAME, `pattern must be a string, got ${typeof pattern}`);
    if (typeof rewrite !== 'string') throw opError(NAME, `rewrite must be a string, got ${typeof rewrite}`);
    if (typeof replaceGlobal !== 'boolean') throw opError(NAME, `replaceGlobal must be true or false, got ${String(replaceGlobal)}`);
    let re: RegExp;
    try { re = new RegExp(pattern, replaceGlobal ? 'gu' : 'u'); } catch (e) {
      throw opError(NAME, `pattern '${pattern}' is not a valid regular expression (${(e as Error).message})`);
    }
    // RE2's rewrite: \N is group N, \\ a backslash; in JS's replacement $N is the group and $ is $$
    const js = rewrite.replace(/\$/g, '$$$$').replace(/\\(\d|\\)/g, (_m, d: string) => (d === '\\' ? '\\' : `$${d}`));
    return stringTensor(input.shape.slice(), stringsOf(input).map((s) => s.replace(re, js)));
  },
});

const SPLIT = 'string.stringSplit';

/**
 * Splits every string of the vector `input` at the characters of `delimiter` (each character is a
 * delimiter; '' splits into characters), dropping empty tokens unless `skipEmpty` is false. Returns a sparse
 * result as TensorFlow's StringSplit: `indices` [n, 2] (row, position; int32), `values` (the tokens) and
 * `shape` ([rows, longest row]; int32).
 * @example tf.string.stringSplit(['a b', 'c'], ' ')  // values ['a', 'b', 'c'], indices [[0, 0], [0, 1], [1, 0]], shape [2, 2]
 */
export const stringSplit = op(SPLIT, {
  inputs: [{ name: 'input', dtypes: ['string'], literal: 'string' }, { name: 'delimiter', dtypes: ['string'], literal: 'string' }], grad: null,
  forward: (input: Tensor, delimiter: Tensor, skipEmpty = true): { indices: Tensor; values: Tensor; shape: Tensor } => {
    if (input.rank !== 1) throw opError(SPLIT, `input must be a vector (rank 1), got shape ${fmtShape(input.shape)}`);
    if (delimiter.rank !== 0) throw opError(SPLIT, `delimiter must be a scalar, got shape ${fmtShape(delimiter.shape)}`);
    if (typeof skipEmpty !== 'boolean') throw opError(SPLIT, `skipEmpty must be true or false, got ${String(skipEmpty)}`);
    const delim = stringsOf(delimiter)[0], set = new Set(delim);
    const idx: number[] = [], vals: string[] = [];
    let longest = 0;
    stringsOf(input).forEach((s, row) => {
      let tokens: string[];
      if (delim === '' || s === '') tokens = Array.from(s); // an empty string has no tokens (TF)
      else {
        tokens = [];
        let cur = '';
        for (const ch of s) {
          if (set.has(ch)) { tokens.push(cur); cur = ''; } else cur += ch;
        }
        tokens.push(cur);
        if (skipEmpty) tokens = tokens.filter((t) => t !== '');
      }
      tokens.forEach((t, j) => { idx.push(row, j); vals.push(t); });
      longest = Math.max(longest, tokens.length);
    });
    return {
      indices: tensor(idx, [vals.length, 2], 'int32'),
      values: stringTensor([vals.length], vals),
      shape: tensor([input.size, longest], [2], 'int32'),
    };
  },
});

const NGRAMS = 'string.stringNGrams';

/**
 * The n-grams of the ragged batch of string sequences `data` (a vector) split at `dataSplits` (int32 row
 * boundaries, from 0 to data's size): for each width of `nGramWidths`, the tokens of each window joined by
 * `separator`, each sequence padded with `padWidth` (−1: width − 1) copies of `leftPad` and `rightPad`. With
 * `preserveShortSequences`, a sequence too short for any n-gram gives one n-gram of all its tokens (and
 * padding). Returns `nGrams` (strings) and `nGramsSplits` (int32 row boundaries), as TensorFlow's StringNGrams.
 * @example tf.string.stringNGrams(['a', 'b', 'c'], [0, 3], '|', [2], '', '', 0, false)  // nGrams ['a|b', 'b|c'], nGramsSplits [0, 2]
 */
export const stringNGrams = op(NGRAMS, {
  inputs: [{ name: 'data', dtypes: ['string'], literal: 'string' }, { name: 'dataSplits', dtypes: ['int32'], literal: 'int32' }], grad: null,
  forward: (data: Tensor, dataSplits: Tensor, separator: string, nGramWidths: number[], leftPad: string, rightPad: string,
    padWidth: number, preserveShortSequences: boolean): { nGrams: Tensor; nGramsSplits: Tensor } => {
    if (data.rank !== 1) throw opError(NGRAMS, `data must be a vector (rank 1), got shape ${fmtShape(data.shape)}`);
    if (dataSplits.rank !== 1) throw opError(NGRAMS, `dataSplits must be a vector (rank 1), got shape ${fmtShape(dataSplits.shape)}`);
    for (const [v, n] of [[separator, 'separator'], [leftPad, 'leftPad'], [rightPad, 'rightPad']] as const) {
      if (typeof v !== 'string') throw opError(NGRAMS, `${n} must be a string, got ${typeof v}`);
    }
    if (!Array.isArray(nGramWidths) || nGramWidths.some((w) => typeof w !== 'number' || !Number.isInteger(w) || w < 1)) {
      throw opError(NGRAMS, `nGramWidths must be an array of positive integers, got ${JSON.stringify(nGramWidths)}`);
    }
    if (typeof padWidth !== 'number' || !Number.isInteger(padWidth) || padWidth < -1) {
      throw opError(NGRAMS, `padWidth must be an integer ≥ −1, got ${String(padWidth)}`);
    }
    if (typeof preserveShortSequences !== 'boolean') {
      throw opError(NGRAMS, `preserveShortSequences must be true or false, got ${String(preserveShortSequences)}`);
    }
    const tokens = stringsOf(data), size = tokens.length;
    const splits = Array.from(dataSplits.dataSync<'int32'>());
    if (splits.length > 0) {
      if (splits[0] !== 0) throw opError(NGRAMS, `First split value must be 0, got ${splits[0]}`);
      for (let i = 1; i < splits.length; i++) {
        if (splits[i] < splits[i - 1] || splits[i] > size) {
          throw opError(NGRAMS, `Invalid split value ${splits[i]} at dataSplits[${i}], must be in [${splits[i - 1]}, ${size}]`);
        }
      }
      if (splits[splits.length - 1] !== size) {
        throw opError(NGRAMS, `Last split value must be data size. Expected ${size}, got ${splits[splits.length - 1]}`);
      }
    }
    const padOf = (w: number) => Math.min(padWidth < 0 ? w - 1 : padWidth, w - 1);
    const out: string[] = [], outSplits = splits.length > 0 ? [0] : [];
    // the n-grams of width w over tokens[start, start + len), `count` of them
    const make = (start: number, len: number, count: number, w: number) => {
      const pad = padOf(w);
      for (let g = 0; g < count; g++) {
        const left = Math.max(0, pad - g), right = Math.max(0, pad - (count - (g + 1)));
        const n = Math.max(0, w - (left + right)), from = left > 0 ? 0 : g - pad;
        const parts: string[] = [];
        for (let k = 0; k < left; k++) parts.push(leftPad);
        for (let k = 0; k < n && from + k < len; k++) parts.push(tokens[start + from + k]);
        for (let k = 0; k < right; k++) parts.push(rightPad);
        out.push(parts.join(separator));
      }
    };
    for (let b = 0; b + 1 < splits.length; b++) {
      const start = splits[b], len = splits[b + 1] - start, before = out.length;
      for (const w of nGramWidths) make(start, len, Math.max(0, len + 2 * padOf(w) - w + 1), w);
      if (preserveShortSequences && len > 0 && out.length === before) {
        make(start, len, 1, len + 2 * Math.max(padWidth, 0));
      }
      outSplits.push(out.length);
    }
    return { nGrams: stringTensor([out.length], out), nGramsSplits: tensor(outSplits, [outSplits.length], 'int32') };
  },
});
