// tf.linalg (bandPart, gramSchmidt, qr), tf.einsum and tf.signal (hannWindow, hammingWindow, frame)
// against TensorFlow.js (cpu): values, gradients (tfjs's where it has them, finite differences) and
// errors naming the op.
import { describe, expect, it } from 'vitest';
import { checkGrad, expectClose, oracle, rand, tf } from '../helpers.js';

type TFC = Awaited<ReturnType<typeof oracle>>;
const toO = (tfc: TFC, t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype as 'float32');
const vals = (t: { dataSync(): ArrayLike<number> }) => Array.from(t.dataSync());

describe('linalg.bandPart', () => {
  it('matches TensorFlow.js, with tensor widths, and its gradient', async () => {
    const tfc = await oracle();
    const x = rand([2, 3, 4], 1);
    for (const [lo, up] of [[0, 0], [1, -1], [-1, 0], [2, 1], [3, 4], [-2, -3]]) {
      expectClose(tf.linalg.bandPart(x, lo, up), vals(tfc.linalg.bandPart(toO(tfc, x) as never, lo, up)), 0, 0);
      const g = tf.grad((a) => tf.linalg.bandPart(a, lo, up))(x), go = tfc.grad((a: never) => tfc.linalg.bandPart(a, lo, up))(toO(tfc, x) as never);
      expectClose(g, vals(go), 0, 0);
    }
    expect(tf.linalg.bandPart(tf.ones([3, 3]), tf.scalar(-1, 'int32'), tf.scalar(0, 'int32')).arraySync()).toEqual([[1, 0, 0], [1, 1, 0], [1, 1, 1]]);
    expect(tf.linalg.bandPart(tf.ones([2, 2], 'int32'), 0, 0).dtype).toBe('int32');
    expect(() => tf.linalg.bandPart(tf.ones([5]), 1, 2)).toThrow(/^linalg\.bandPart: a must have rank ≥ 2/);
    expect(() => tf.linalg.bandPart(tf.ones([2, 3]), 3, 0)).toThrow(/^linalg\.bandPart: numLower \(3\)/);
    expect(() => tf.linalg.bandPart(tf.ones([2, 3]), 0, 4)).toThrow(/^linalg\.bandPart: numUpper \(4\)/);
    expect(() => tf.linalg.bandPart(tf.ones([2, 3]), 0.5, 0)).toThrow(/^linalg\.bandPart: numLower must be an integer/);
  });
});

describe('linalg.gramSchmidt', () => {
  it('matches TensorFlow.js for matrices and lists, with gradients', async () => {
    const tfc = await oracle();
    const m = rand([3, 5], 2);
    expectClose(tf.linalg.gramSchmidt(m) as tf.Tensor, vals(tfc.linalg.gramSchmidt(toO(tfc, m) as never) as never), 1e-5, 1e-6);
    const list = [rand([3], 3), rand([3], 4)];
    const ys = tf.linalg.gramSchmidt(list) as tf.Tensor[], yo = tfc.linalg.gramSchmidt(list.map((t) => toO(tfc, t)) as never) as never as { dataSync(): Float32Array }[];
    expect(ys.length).toBe(2);
    ys.forEach((y, i) => expectClose(y, vals(yo[i]), 1e-5, 1e-6));
    const g = tf.grad((a) => tf.linalg.gramSchmidt(a) as tf.Tensor)(m), go = tfc.grad((a: never) => tfc.linalg.gramSchmidt(a) as never)(toO(tfc, m) as never);
    expectClose(g, vals(go), 1e-4, 1e-5);
    checkGrad((a) => tf.linalg.gramSchmidt(a) as tf.Tensor, [rand([2, 3], 5)]);
    expect(() => tf.linalg.gramSchmidt(rand([3, 2], 1))).toThrow(/^linalg\.gramSchmidt: 3 vectors exceed their dimension 2/);
    expect(() => tf.linalg.gramSchmidt([rand([2], 1), rand([3], 1)])).toThrow(/^linalg\.gramSchmidt: xs\[1\] must be a vector of length 2/);
    expect(() => tf.linalg.gramSchmidt([])).toThrow(/^linalg\.gramSchmidt: /);
  });
});

describe('linalg.qr', () => {
  it("matches TensorFlow.js's Q and R (square, tall, wide, fullMatrices, batched)", async () => {
    const tfc = await oracle();
    for (const [shape, full] of [[[1, 1], false], [[3, 3], false], [[4, 2], false], [[4, 2], true], [[2, 4], false], [[2, 4], true], [[5, 3], true]] as const) {
      const x = rand([...shape], shape[0] * 10 + shape[1]);
      const [q, r] = tf.linalg.qr(x, full), [qo, ro] = tfc.linalg.qr(toO(tfc, x) as never, full);
      expect(q.shape).toEqual(qo.shape);
      expect(r.shape).toEqual(ro.shape);
      expectClose(q, vals(qo), 1e-4, 1e-5);
      expectClose(r, vals(ro).map((v, i) => (Math.floor(i / r.shape[1]) > i % r.shape[1] ? 0 : v)), 1e-4, 1e-5);
    }
    // tfjs's own examples
    const [q1, r1] = tf.linalg.qr(tf.tensor2d([[10]]));
    expect([vals(q1), vals(r1)]).toEqual([[-1], [-10]]);
    const [q0, r0] = tf.linalg.qr(tf.tensor2d([[0, 2, 2], [1, 1, 1], [0, 1, 2]]));
    expectClose(q0, [0, -0.89442719, 0.4472136, 1, 0, 0, 0, -0.4472136, -0.89442719], 1e-5, 1e-6);
    expectClose(r0, [1, 1, 1, 0, -2.23606798, -2.68328157, 0, 0, -0.89442719], 1e-5, 1e-6);
    // batched, including a tall batch without fullMatrices (tfjs reshapes R to x's shape and fails there)
    const xb = rand([2, 3, 4, 2], 7);
    const [qb, rb] = tf.linalg.qr(xb);
    expect(qb.shape).toEqual([2, 3, 4, 2]);
    expect(rb.shape).toEqual([2, 3, 2, 2]);
    expectClose(tf.matMul(qb, rb), xb, 1e-4, 1e-5);
    expectClose(tf.matMul(qb, qb, true), tf.eye(2, 2, [2, 3]), 1e-5, 1e-5);
    // a zero column is left alone (tfjs divides by its zero norm)
    const [qz, rz] = tf.linalg.qr(tf.tensor2d([[0, 1], [0, 2]]));
    expect(vals(qz).every(Number.isFinite) && vals(rz).every(Number.isFinite)).toBe(true);
    expectClose(tf.matMul(qz, rz), [0, 1, 0, 2], 1e-6, 1e-6);
    expect(() => tf.linalg.qr(tf.tensor1d([12]))).toThrow(/^linalg\.qr: x must have rank >= 2, got rank 1/);
  });

  it("has a gradient (tfjs's fails: no gradient for its Greater), checked by finite differences", async () => {
    const tfc = await oracle();
    expect(() => tfc.grad((a: never) => tfc.linalg.qr(a)[0] as never)(tfc.tensor2d([[1, 2], [3, 4]]) as never)).toThrow(/gradient function not found/);
    for (const shape of [[3, 3], [4, 2], [2, 3]]) {
      const x = rand(shape, shape[0] + 5 * shape[1]);
      checkGrad((a) => tf.linalg.qr(a)[0], [x], { eps: 1e-3, rtol: 3e-2, atol: 3e-3 });
      checkGrad((a) => tf.linalg.qr(a)[1], [x], { eps: 1e-3, rtol: 3e-2, atol: 3e-3 });
    }
    checkGrad((a) => tf.linalg.qr(a, true)[0], [rand([3, 2], 9)], { eps: 1e-3, rtol: 3e-2, atol: 3e-3 });
  });
});

describe('einsum', () => {
  const eqs: [string, number[][]][] = [
    ['ij,jk->ik', [[2, 3], [3, 4]]], ['i,i->', [[5], [5]]], ['bi,bi->b', [[2, 3], [2, 3]]], ['i,j->ij', [[3], [4]]],
    ['ij->ji', [[2, 3]]], ['bij->bji', [[2, 3, 4]]], ['ij->', [[2, 3]]], ['ij->i', [[2, 3]]], ['ij->j', [[2, 3]]],
    ['bij,bjk->bik', [[2, 3, 4], [2, 4, 5]]], ['ij,kj->ik', [[2, 3], [4, 3]]], ['ijk,jkl->il', [[2, 3, 4], [3, 4, 5]]],
    ['abcd,cde->abe', [[2, 1, 3, 2], [3, 2, 4]]], ['ba,ca->bc', [[3, 2], [4, 2]]], [',->', [[], []]], ['i,->i', [[3], []]],
    ['ij,j->i', [[2, 3], [3]]], ['bij,bkj->bki', [[2, 2, 3], [2, 4, 3]]], ['abc,ac->b', [[2, 3, 4], [2, 4]]],
  ];
  it('matches TensorFlow.js on its equations (float32 by matMul, int32 by products)', async () => {
    const tfc = await oracle();
    eqs.forEach(([eq, shapes], k) => {
      const xs = shapes.map((s, i) => rand(s, k * 3 + i));
      const y = tf.einsum(eq, ...xs), yo = tfc.einsum(eq, ...xs.map((x) => toO(tfc, x)) as never[]);
      expect(y.shape, eq).toEqual(yo.shape);
      expectClose(y, vals(yo), 1e-5, 1e-6);
      const is = shapes.map((s, i) => tf.randomUniform(s, -5, 5, 'int32', k + i));
      const yi = tf.einsum(eq, ...is), yio = tfc.einsum(eq, ...is.map((x) => toO(tfc, x)) as never[]);
      expect(yi.dtype).toBe('int32');
      expect(vals(yi), eq).toEqual(vals(yio));
    });
  });

  it('has gradients (finite differences) and rejects what tfjs rejects', () => {
    for (const [eq, shapes] of eqs.filter(([e]) => e !== ',->')) {
      checkGrad((...xs) => tf.einsum(eq, ...xs), shapes.map((s, i) => rand(s, i + 11)));
    }
    expect(() => tf.einsum('ij,jk->ik', rand([2, 3], 1), rand([4, 4], 2))).toThrow(/^einsum: label 'j' is 3 in one place and 4 in another/);
    expect(() => tf.einsum('ii->', rand([2, 2], 1))).toThrow(/^einsum: duplicate axes/);
    expect(() => tf.einsum('ij,jk', rand([2, 2], 1), rand([2, 2], 1))).toThrow(/^einsum: equations without an arrow/);
    expect(() => tf.einsum('ij->i->j', rand([2, 2], 1))).toThrow(/^einsum: the equation must contain exactly one arrow/);
    expect(() => tf.einsum('ij,jk->ik', rand([2, 2], 1))).toThrow(/^einsum: the equation has 2 input terms, but 1 tensors/);
    expect(() => tf.einsum('i,j,k->ijk', rand([2], 1), rand([2], 1), rand([2], 1))).toThrow(/^einsum: more than 2 input tensors/);
    expect(() => tf.einsum('ij,jk->il', rand([2, 2], 1), rand([2, 2], 1))).toThrow(/^einsum: output subscript 'l'/);
    expect(() => tf.einsum('...ij->ij', rand([2, 2], 1))).toThrow(/^einsum: the ellipsis/);
  });
});

describe('signal', () => {
  it('windows and frames match TensorFlow.js', async () => {
    const tfc = await oracle();
    for (const n of [0, 2, 3, 6, 7, 20]) {
      expectClose(tf.signal.hannWindow(n), vals(tfc.signal.hannWindow(n)), 1e-6, 1e-7);
      expectClose(tf.signal.hammingWindow(n), vals(tfc.signal.hammingWindow(n)), 1e-6, 1e-7);
    }
    expect(vals(tf.signal.hannWindow(1))).toEqual([1]); // TF (tfjs: NaN)
    const x = rand([7], 1);
    for (const [len, step, padEnd, pv] of [[3, 1, false, 0], [3, 2, false, 0], [3, 5, false, 0], [8, 1, false, 0], [3, 3, true, 0], [4, 1, true, 42], [4, 2, true, 0], [7, 7, true, 0]] as const) {
      const y = tf.signal.frame(x, len, step, padEnd, pv), yo = tfc.signal.frame(toO(tfc, x) as never, len, step, padEnd, pv);
      expect(y.shape).toEqual(yo.shape);
      expectClose(y, vals(yo), 0, 0);
    }
    expect(tf.signal.frame([1, 2, 3, 4, 5], 6, 0).shape).toEqual([0, 6]);
    expect(vals(tf.signal.frame(tf.tensor1d([1, 2, 3], 'int32'), 2, 1))).toEqual([1, 2, 2, 3]);
    checkGrad((s) => tf.signal.frame(s, 3, 2, true, 5), [rand([6], 2)]);
    expect(() => tf.signal.frame(x, 2, 0)).toThrow(/^signal\.frame: frameStep must be a positive integer/);
    expect(() => tf.signal.frame(rand([2, 3], 1), 2, 1)).toThrow(/^signal\.frame: signal must be 1-D/);
    expect(() => tf.signal.hannWindow(-1)).toThrow(/^signal\.hannWindow: windowLength/);
  });
});
