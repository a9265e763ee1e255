// string tensors: values kept in JS, tfjs-core's spec cases (creation, dtype inference, data, reshape, cast,
// clone), the data-movement ops on element indices (against the same ops on numbers), equal/notEqual,
// memory accounting (UTF-8 bytes, as tfjs) and errors.
import { describe, expect, it } from 'vitest';
import { tf } from '../helpers.js';

const errorOf = (f: () => unknown): string => {
  try { f(); } catch (e) { return (e as Error).message; }
  throw new Error('expected an error');
};
const arr = (t: tf.Tensor) => t.arraySync();

describe('string tensors (tfjs specs)', () => {
  it('creation and dtype inference', async () => {
    const a = tf.tensor1d(['aa', 'bb', 'cc']);
    expect(a.dtype).toBe('string');
    expect(a.shape).toEqual([3]);
    expect(await a.data()).toEqual(['aa', 'bb', 'cc']);
    expect(tf.tensor2d([['aa', 'bb'], ['cc', 'dd']]).shape).toEqual([2, 2]);
    expect(tf.tensor(['a', 'b', 'c', 'd'], [2, 2], 'string').arraySync()).toEqual([['a', 'b'], ['c', 'd']]);
    expect(tf.scalar('héllo').dtype).toBe('string');
    expect(tf.scalar('').dataSync()).toEqual(['']);
    expect(tf.tensor('\u00e9').dataSync()).toEqual(['é']);
    expect(() => tf.tensor1d([['a'], ['b'], ['c']] as never)).toThrow();
    expect(() => tf.tensor2d(['a', 'b'])).toThrow(/^tensor2d: /);
    expect(errorOf(() => tf.tensor(['a', 'b'], [3]))).toMatch(/^tensor: shape \[3\] needs 3 values, got 2/);
    expect(errorOf(() => tf.tensor(['a', 1] as never))).toMatch(/^tensor: .*not a string/);
    expect(errorOf(() => tf.tensor([1, 2], [2], 'string'))).toMatch(/^tensor: /);
  });
  it('data(), dataSync(), arraySync(), print', () => {
    const a = tf.tensor(['a', 'b']);
    expect(a.dataSync()).toEqual(['a', 'b']);
    expect(a.arraySync()).toEqual(['a', 'b']);
    expect(tf.scalar('x').arraySync()).toBe('x');
    expect(a.toString()).toBe("tf.Tensor([b'a' b'b'], shape=(2,), dtype=string)");
  });
  it('reshape, clone, expandDims, squeeze, cast to string', () => {
    const a = tf.tensor(['a', 'b']);
    const b = a.reshape([2, 1, 1]);
    expect(b.dtype).toBe('string');
    expect(b.shape).toEqual([2, 1, 1]);
    expect(b.dataSync()).toEqual(['a', 'b']);
    expect(tf.clone(tf.tensor2d(['a', 'b', 'c', 'd'], [2, 2], 'string')).dataSync()).toEqual(['a', 'b', 'c', 'd']);
    expect(tf.squeeze(tf.expandDims(a, 1)).shape).toEqual([2]);
    expect(tf.cast(a, 'string').dataSync()).toEqual(['a', 'b']);
    expect(() => tf.cast(a, 'float32')).toThrow(/^cast: cannot cast a string tensor to float32/);
    expect(() => tf.cast(tf.tensor([1]), 'string')).toThrow(/^cast: cannot cast a float32 tensor to string/);
  });
});

describe('string tensors in the data-movement ops: the same elements as for numbers', () => {
  const S = tf.tensor([['a', 'b', 'c'], ['d', 'e', 'f']]);
  const N = tf.tensor([[0, 1, 2], [3, 4, 5]], [2, 3], 'int32');
  const letters = 'abcdef';
  const asLetters = (t: tf.Tensor) => Array.from(t.dataSync() as Int32Array, (i) => letters[i]);
  const cases: [string, (x: tf.Tensor) => tf.Tensor][] = [
    ['slice', (x) => tf.slice(x, [0, 1], [2, 2])],
    ['stridedSlice', (x) => tf.stridedSlice(x, [1, 2], [0, 0], [-1, -2])],
    ['reverse', (x) => tf.reverse(x, [0, 1])],
    ['transpose', (x) => tf.transpose(x)],
    ['concat', (x) => tf.concat([x, tf.reverse(x, 1)], 1)],
    ['stack', (x) => tf.stack([x, x], 1)],
    ['unstack', (x) => tf.unstack(x, 1)[2]],
    ['split', (x) => tf.split(x, [1, 2], 1)[1]],
    ['gather', (x) => tf.gather(x, [2, 0, 2], 1)],
    ['tile', (x) => tf.tile(x, [2, 2])],
    ['broadcastTo', (x) => tf.broadcastTo(tf.slice(x, [0, 0], [1, 3]), [3, 3])],
  ];
  it.each(cases)('%s', (_name, f) => {
    const s = f(S), n = f(N);
    expect(s.dtype).toBe('string');
    expect(s.shape).toEqual(n.shape);
    expect(s.dataSync()).toEqual(asLetters(n));
  });
  it('equal and notEqual, broadcasting', () => {
    expect(arr(tf.equal(S, 'b'))).toEqual([[false, true, false], [false, false, false]]);
    expect(arr(tf.notEqual(S, tf.tensor(['a', 'e', 'x'])))).toEqual([[false, true, true], [true, false, true]]);
    expect(errorOf(() => tf.equal(S, 1))).toMatch(/^equal: a string tensor compares only with strings, b is float32/);
  });
});

describe('string tensors: memory and errors', () => {
  it('tf.memory() counts their UTF-8 bytes and tensors; dispose and tidy free them', () => {
    const before = tf.memory();
    const a = tf.tensor(['ab', 'é']); // 2 + 2 bytes
    expect(tf.memory().numBytes - before.numBytes).toBe(4);
    expect(tf.memory().numTensors - before.numTensors).toBe(1);
    expect(tf.memory().numDataBuffers - before.numDataBuffers).toBe(1);
    const b = a.reshape([2, 1]);
    expect(tf.memory().numDataBuffers - before.numDataBuffers).toBe(1);
    a.dispose();
    expect(b.dataSync()).toEqual(['ab', 'é']);
    b.dispose();
    tf.tidy(() => { tf.concat([tf.tensor(['x']), tf.tensor(['y'])]).gather([0, 1, 0]); });
    expect(tf.memory().numBytes).toBe(before.numBytes);
    expect(tf.memory().numTensors).toBe(before.numTensors);
  });
  it('ops without string support refuse them by name and leave memory as it was', () => {
    const a = tf.tensor(['a', 'b']), f = tf.tensor([1, 2]);
    const before = tf.memory();
    for (const [g, name] of [[() => tf.add(a, 1), 'add'], [() => tf.exp(a), 'exp'], [() => tf.sum(a), 'sum'], [() => tf.where([true, false], a, a), 'where'],
      [() => tf.concat([a, f]), 'concat'], [() => tf.equal(f, a), 'equal'], [() => tf.matMul(a, a), 'matMul'], [() => tf.ones([2], 'string' as never), 'ones'],
      [() => tf.variable(a), 'variable'], [() => tf.fft(a), 'fft']] as const) {
      expect(errorOf(g)).toMatch(new RegExp(`^${name}: `));
    }
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
  });
});

describe('tf.string.staticRegexReplace (tfjs specs)', () => {
  it('replaces the first match, or all (the default), by regular expression', () => {
    expect(tf.string.staticRegexReplace(['this', 'is', 'a', 'test test'], 'test', 'result', false).dataSync()).toEqual(['this', 'is', 'a', 'result test']);
    expect(tf.string.staticRegexReplace(['this', 'is', 'a', 'test test'], 'test', 'result').dataSync()).toEqual(['this', 'is', 'a', 'result result']);
    expect(tf.string.staticRegexReplace(['This     will  have normal    whitespace'], ' +', ' ').dataSync()).toEqual(['This will have normal whitespace']);
  });
  it("takes RE2's \\1 groups in the rewrite; $ is literal; bad patterns name the op", () => {
    expect(tf.string.staticRegexReplace(tf.tensor([['ab $']]), '(a)(b)', '\\2\\1$').arraySync()).toEqual([['ba$ $']]);
    expect(errorOf(() => tf.string.staticRegexReplace(['a'], '(', 'x'))).toMatch(/^string\.staticRegexReplace: pattern '\(' is not a valid regular expression/);
    expect(errorOf(() => tf.string.staticRegexReplace([1, 2], 'a', 'b'))).toMatch(/^string\.staticRegexReplace: /);
  });
});

describe('tf.string.stringSplit and stringNGrams', () => {
  it('stringSplit: every delimiter character splits; empty tokens kept with skipEmpty false; an empty string has none', () => {
    const r = tf.string.stringSplit(['a,b;;c', '', 'd'], ',;', false);
    expect(arr(r.values)).toEqual(['a', 'b', '', 'c', 'd']);
    expect(arr(r.indices)).toEqual([[0, 0], [0, 1], [0, 2], [0, 3], [2, 0]]);
    expect(arr(r.shape)).toEqual([3, 4]);
    const s = tf.string.stringSplit(tf.tensor1d(['x y']), tf.scalar(' ', 'string'));
    expect(arr(s.values)).toEqual(['x', 'y']);
  });
  it('stringSplit: errors name the op and the argument', () => {
    expect(errorOf(() => tf.string.stringSplit([['a']], ' '))).toMatch(/string\.stringSplit: input must be a vector/);
    expect(errorOf(() => tf.string.stringSplit(['a'], ' ', 1 as unknown as boolean))).toMatch(/string\.stringSplit: skipEmpty must be true or false/);
    expect(errorOf(() => tf.string.stringSplit([1, 2], ' '))).toMatch(/string\.stringSplit.*input/);
  });
  it('stringNGrams: widths, padding, preserveShortSequences', () => {
    const r = tf.string.stringNGrams(['a', 'b', 'c', 'd'], tf.tensor1d([0, 3, 4], 'int32'), '-', [2], '<', '>', 1, false);
    expect(arr(r.nGrams)).toEqual(['<-a', 'a-b', 'b-c', 'c->', '<-d', 'd->']);
    expect(arr(r.nGramsSplits)).toEqual([0, 4, 6]);
    const p = tf.string.stringNGrams(['a', 'b'], [0, 2], ' ', [3], '', '', 0, true);
    expect(arr(p.nGrams)).toEqual(['a b']);
  });
  it('stringNGrams: bad splits and arguments are errors naming the op', () => {
    expect(errorOf(() => tf.string.stringNGrams(['a'], [0, 2], '|', [1], '', '', 0, false))).toMatch(/string\.stringNGrams: .*must be in \[0, 1\]/);
    expect(errorOf(() => tf.string.stringNGrams(['a'], [0, 1], '|', [0], '', '', 0, false))).toMatch(/string\.stringNGrams: nGramWidths must be/);
    expect(errorOf(() => tf.string.stringNGrams(['a'], [0, 1], 5 as unknown as string, [1], '', '', 0, false))).toMatch(/string\.stringNGrams: separator must be a string/);
  });
});

describe('string tensors in unique, comparisons, concat3d, sparseToDense', () => {
  it('compare lexicographically, unique by value, concat3d and sparseToDense move strings', () => {
    expect(arr(tf.less(['a', 'b', 'ab'], 'ab'))).toEqual([true, false, false]);
    expect(arr(tf.greaterEqual(['a', 'b', 'ab'], 'ab'))).toEqual([false, true, true]);
    const u = tf.unique(['b', 'a', 'b']);
    expect(arr(u.values)).toEqual(['b', 'a']);
    expect(arr(u.indices)).toEqual([0, 1, 0]);
    expect(arr(tf.concat3d([tf.tensor3d([[['a']]]), tf.tensor3d([[['b']]])], 2))).toEqual([[['a', 'b']]]);
    expect(arr(tf.sparseToDense([1, 3], ['x', 'y'], [4], 'z'))).toEqual(['z', 'x', 'z', 'y']);
    expect(arr(tf.sparseToDense([0], 'x', [2]))).toEqual(['x', '']);
    expect(errorOf(() => tf.less(['a'], [1]))).toMatch(/less: /);
  });
});
