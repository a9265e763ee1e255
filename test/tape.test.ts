// GradientTape semantics (TF2) and tfjs's functional gradient API.
import { describe, expect, it } from 'vitest';
import { checkGrad, expectClose, rand, tf } from './helpers.js';
import { engine, type Recorder } from '../src/core/engine.js';

describe('GradientTape', () => {
  it('watches trainable variables automatically, constants only after watch()', () => {
    const v = tf.variable(3), c = tf.scalar(2), frozen = tf.variable(5, false);
    const tape = new tf.GradientTape({ persistent: true });
    const y = v.mul(c).mul(frozen);
    const [dv, dc, df] = tape.gradient(y, [v, c, frozen]);
    expect(dv!.item()).toBe(10);
    expect(dc).toBeNull();
    expect(df).toBeNull();
    tape.watch(c);
    const y2 = v.mul(c);
    expect(tape.gradient(y2, c)!.item()).toBe(3);
    expect(tape.watchedVariables()).toEqual([v]);
    tape.dispose();
  });

  it('sources as a record give a record of gradients; unconnected → null or zeros', () => {
    const a = tf.variable([1, 2]), b = tf.variable([3, 4]);
    const tape = new tf.GradientTape({ persistent: true });
    const y = a.square().sum();
    const g = tape.gradient(y, { a, b });
    expect(g.a!.arraySync()).toEqual([2, 4]);
    expect(g.b).toBeNull();
    expect((tape.gradient(y, [b], null, 'zero')[0] as tf.Tensor).arraySync()).toEqual([0, 0]);
  });

  it('a non-scalar target is summed; outputGradients weight it', () => {
    const x = tf.variable([1, 2, 3]);
    const tape = new tf.GradientTape({ persistent: true });
    const y = x.square();
    expect(tape.gradient(y, x)!.arraySync()).toEqual([2, 4, 6]);
    expect(tape.gradient(y, x, tf.tensor([1, 0, 2]))!.arraySync()).toEqual([2, 0, 12]);
  });

  it('a non-persistent tape can be used once', () => {
    const x = tf.variable(2);
    const tape = new tf.GradientTape();
    const y = x.square();
    tape.gradient(y, x);
    expect(() => tape.gradient(y, x)).toThrow(/only once/);
  });

  it('stops recording after gradient(); stopRecording() pauses it', () => {
    const x = tf.variable(2);
    const tape = new tf.GradientTape({ persistent: true });
    const y = tape.stopRecording(() => x.square());
    expect(tape.gradient(y, x)).toBeNull();
    const t2 = new tf.GradientTape();
    const z = x.mul(3);
    t2.gradient(z, x);
    const after = x.mul(4); // not recorded by anyone: t2 stopped
    expect(after.item()).toBe(8);
  });

  it('watchAccessedVariables: false records only what is watched', () => {
    const v = tf.variable(3);
    const tape = new tf.GradientTape({ watchAccessedVariables: false });
    const y = v.square();
    expect(tape.gradient(y, v)).toBeNull();
  });

  it('gradients accumulate over several uses of a source, through broadcasting', () => {
    const w = tf.variable([[1, 2, 3]]);
    const tape = new tf.GradientTape();
    const y = tf.add(w.mul(w), tf.matMul(tf.ones([2, 1]), w)).sum();
    // w² is broadcast over the two rows of the matMul: d/dw = 2·2w + 2
    expect(tape.gradient(y, w)!.arraySync()).toEqual([[6, 10, 14]]);
  });

  it('third-order gradients with three nested tapes', () => {
    const x = tf.variable(2);
    const t3 = new tf.GradientTape(), t2 = new tf.GradientTape(), t1 = new tf.GradientTape();
    const y = x.pow(4);
    const d1 = t1.gradient(y, x)!; // 4x³ = 32
    const d2 = t2.gradient(d1, x)!; // 12x² = 48
    const d3 = t3.gradient(d2, x)!; // 24x = 48
    expect([d1.item(), d2.item(), d3.item()]).toEqual([32, 48, 48]);
  });

  it('second-order gradients of a small network match finite differences of the first-order ones', () => {
    // (TensorFlow.js gets this one wrong: its tanh/sigmoid gradients treat the saved output as a
    // constant, so it is not usable as the oracle for higher orders.)
    const xv = [0.5, -1.2, 0.3, 0.8];
    const w = tf.tensor([[0.1, 0.7], [-0.4, 0.2]]);
    const f = (x: tf.Tensor) => tf.sum(tf.tanh(tf.matMul(x, w)).mul(tf.sigmoid(x)));
    const firstSum = (vals: number[]) => {
      const x = tf.tensor(vals, [2, 2]);
      const t = new tf.GradientTape();
      t.watch(x);
      return t.gradient(f(x), x)!.sum().item();
    };
    const fd = xv.map((_, i) => {
      const e = 1e-3, p = xv.slice(), m = xv.slice();
      p[i] += e; m[i] -= e;
      return (firstSum(p) - firstSum(m)) / (2 * e);
    });
    const x = tf.tensor(xv, [2, 2]);
    const outer = new tf.GradientTape(); outer.watch(x);
    const inner = new tf.GradientTape(); inner.watch(x);
    const g1 = inner.gradient(f(x), x)!;
    expectClose(outer.gradient(g1.sum(), x)!, fd, 2e-3, 2e-4);
  });
});

describe('functional gradients', () => {
  it('grad, grads, valueAndGrad, valueAndGrads', () => {
    const f = (x: tf.Tensor) => x.square().sum();
    expect(tf.grad(f)(tf.tensor([1, 2]))!.arraySync()).toEqual([2, 4]);
    const [ga, gb] = tf.grads((a: tf.Tensor, b: tf.Tensor) => a.mul(b).sum())([tf.tensor([2, 3]), tf.tensor([5, 7])]);
    expect(ga.arraySync()).toEqual([5, 7]);
    expect(gb.arraySync()).toEqual([2, 3]);
    const { value, grad } = tf.valueAndGrad(f)(tf.tensor([3]));
    expect([value.item(), grad.item()]).toEqual([9, 6]);
    const r = tf.valueAndGrads((a: tf.Tensor) => a.exp().sum())([tf.tensor([0])]);
    expect([r.value.item(), r.grads[0].item()]).toEqual([1, 1]);
  });

  it('variableGrads keys gradients by variable name', () => {
    const a = tf.variable(2, true, 'alpha'), b = tf.variable(3, true, 'beta');
    const { value, grads } = tf.variableGrads(() => a.mul(b));
    expect(value.item()).toBe(6);
    expect(grads.alpha.item()).toBe(3);
    expect(grads.beta.item()).toBe(2);
    expect(() => tf.variableGrads(() => tf.tensor([1, 2]).mul(a))).toThrow(/scalar/);
  });

  it('customGrad replaces the gradient', () => {
    const clipGrad = tf.customGrad((x: tf.Tensor, save: (t: tf.Tensor[]) => void) => {
      save([x]);
      return { value: x.square(), gradFunc: (dy: tf.Tensor, [sx]: tf.Tensor[]) => [dy.mul(sx).mul(100)] };
    });
    const x = tf.tensor([1, 2]);
    expect(tf.grad((t) => clipGrad(t).sum())(x).arraySync()).toEqual([100, 200]);
  });

  it('finite differences agree for a composite function', () => {
    checkGrad((a, b) => tf.matMul(tf.sigmoid(a), tf.tanh(b)).div(tf.add(b.sum(), 3)), [rand([3, 4], 1), rand([4, 2], 2)]);
  });
});

describe('gradients not asked for are not computed', () => {
  /** The ops that run while fn runs (a hook on the engine, as a tape sees them). */
  function opsDuring(fn: () => void): string[] {
    const names: string[] = [];
    const spy: Recorder = { watches: () => true, push: (name, _i, _o, saved) => { names.push(name); saved.release(); } };
    const ref = engine.addTape(spy);
    try { fn(); } finally { engine.removeTape(ref); }
    return names;
  }
  it('a first layer skips the input gradient (conv2d: no conv2dBackpropInput; matMul: one product)', () => {
    const x = rand([2, 6, 6, 1], 1), w = tf.variable(rand([3, 3, 1, 4], 2));
    const convOps = opsDuring(() => tf.tidy(() => {
      const tape = new tf.GradientTape();
      const loss = tf.conv2d(x, w, 1, 'valid').square().sum();
      tape.gradient(loss, w);
    }));
    expect(convOps).toContain('conv2dBackpropFilter');
    expect(convOps).not.toContain('conv2dBackpropInput');
    const a = rand([4, 3], 3), b = tf.variable(rand([3, 5], 4));
    const mm = opsDuring(() => tf.tidy(() => {
      const tape = new tf.GradientTape();
      const loss = tf.matMul(a, b).sum();
      tape.gradient(loss, b);
    }));
    expect(mm.filter((n) => n === 'matMul')).toHaveLength(2); // forward + db only
    // both wanted: both computed, and they still match finite differences
    checkGrad((p, q) => tf.conv2d(p, q, 1, 'valid').square().sum(), [rand([1, 5, 5, 2], 5), rand([3, 3, 2, 2], 6)]);
  });
});

describe("tfjs's functional gradients (grad, grads, valueAndGrad(s))", () => {
  it('free the intermediates of f: only the gradient (and value) is left', () => {
    const x = tf.tensor1d([0.1, 0.2]);
    const before = tf.memory().numTensors;
    const g2 = tf.grad(tf.grad((t) => t.mul(t).mul(t)))(x); // 6x
    expect(tf.memory().numTensors).toBe(before + 1);
    expectClose(g2, [0.6, 1.2], 1e-6);
    const y = tf.tensor1d([1, 2]);
    const { value, grads } = tf.valueAndGrads((a, b) => a.mul(b).sum())([x, y]);
    expect(tf.memory().numTensors).toBe(before + 5);
    expectClose(value, [0.5], 1e-6);
    tf.dispose([g2, value, grads, y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('take JS values for xs and dy', () => {
    const [da, db] = tf.grads((a, b) => a.mul(b))([[5, 2], [3, 4]], [1, 10]);
    expect(da.arraySync()).toEqual([3, 40]);
    expect(db.arraySync()).toEqual([5, 20]);
    expect(tf.grad((t) => t.square())(3).arraySync()).toBe(6);
  });

  it('give int32 inputs float32 gradients (tfjs), where GradientTape gives none (TF)', () => {
    const a = tf.tensor1d([1, 2, 3], 'int32'), b = tf.tensor1d([2, 4, 8], 'int32');
    const [da, db] = tf.grads((x, y) => x.div(y))([a, b]);
    expect([da.dtype, db.dtype]).toEqual(['float32', 'float32']);
    expectClose(da, [1 / 2, 1 / 4, 1 / 8], 1e-6);
    expectClose(db, [-1 / 4, -2 / 16, -3 / 64], 1e-6);
    const dx = tf.grad((x) => x.toFloat().square().sum())(a);
    expect(dx.dtype).toBe('float32');
    expect(dx.arraySync()).toEqual([2, 4, 6]);
    // through the casts the ops make (int32 → float32 here, bool → int32 in sum)
    const [g1, g2] = tf.grads((x, y) => tf.pow(x, y))([tf.scalar(5), tf.scalar(2, 'int32')]);
    expectClose(g1, [10], 1e-6);
    expectClose(g2, [25 * Math.log(5)], 1e-6);
    const [gi, gj] = tf.grads((x, y) => tf.div(x.toInt(), y))([tf.tensor1d([true, false, true], 'bool'), tf.tensor1d([1, 2, 3], 'int32')], [1, 19, 20]);
    expectClose(gi, [1, 19 / 2, 20 / 3], 1e-6);
    expectClose(gj, [-1, 0, -20 / 9], 1e-6);
    const gb = tf.grad((x) => x.sum())(tf.tensor1d([true, false], 'bool'));
    expect([gb.dtype, gb.arraySync()]).toEqual(['float32', [1, 1]]);
    // an input the result does not depend on gets float32 zeros (as tfjs does through floor, sign …)
    const unused = tf.grad(() => tf.scalar(1))(a);
    expect([unused.dtype, unused.arraySync()]).toEqual(['float32', [0, 0, 0]]);
    const tape = new tf.GradientTape();
    tape.watch(a);
    expect(tape.gradient(a.mul(a).sum(), a)).toBeNull();
  });
});
