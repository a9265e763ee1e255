// tf.string: ops on string tensors (their values are JS strings: see string_raw.ts).
import { opError } from '../core/convert.js';
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
