// The seeds' first programs, ported: they must print (compute) what the seeds print.
import { describe, expect, it } from 'vitest';
import { expectClose, tf } from './helpers.js';

describe('seed programs', () => {
  it('seed 000: gradient of y = x @ w with respect to w is xᵀ', () => {
    const w = tf.variable(tf.reshape(tf.tensor([1, 2]), [2, 1]));
    const x = tf.variable(tf.reshape(tf.tensor([1, 2]), [1, 2]));
    const tape = new tf.GradientTape();
    const y = tf.matMul(x, w);
    expect(y.toString()).toBe('tf.Tensor([[5.]], shape=(1, 1), dtype=float32)');
    const g = tape.gradient(y, w)!;
    expect(g.toString()).toBe('tf.Tensor(\n[[1.]\n [2.]], shape=(2, 1), dtype=float32)');
  });

  it("seed 003: f(x) = x³ + 2x² + 1 has f'(4) = 64", () => {
    const f = (x: tf.Tensor) => x.pow(3).add(x.pow(2).mul(2)).add(1);
    const x = tf.scalar(4);
    const g = new tf.GradientTape();
    g.watch(x);
    const y = f(x);
    expect(g.gradient(y, x)!.numpy()).toBe(64);
  });

  it('seed 003: linear model gradients [[10],[20]] and 10', () => {
    const x = tf.tensor([[1, 2]]);
    const y = tf.tensor([[3], [4]]);
    const w = tf.variable([[1], [2]]);
    const b = tf.variable(1);
    const tape = new tf.GradientTape();
    const pred = tf.add(tf.matMul(x, w), b);
    const loss = tf.sum(tf.square(tf.sub(pred, y)));
    const [dw, db] = tape.gradient(loss, [w, b]);
    expect(dw!.arraySync()).toEqual([[10], [20]]);
    expect(db!.toString()).toBe('tf.Tensor(10.0, shape=(), dtype=float32)');
  });

  it('seed 001: chain rule dy2/dw1 = 2 (both ways)', () => {
    const x = tf.tensor(1.0);
    const w1 = tf.variable(2.0), b1 = tf.variable(1.0), w2 = tf.variable(2.0), b2 = tf.variable(1.0);
    const tape = new tf.GradientTape({ persistent: true });
    const y1 = x.mul(w1).add(b1);
    const y2 = y1.mul(w2).add(b2);
    const dy2dy1 = tape.gradient(y2, [y1])[0]!;
    const dy1dw1 = tape.gradient(y1, [w1])[0]!;
    const dy2dw1 = tape.gradient(y2, [w1])[0]!;
    expect(dy2dy1.mul(dy1dw1).item()).toBe(2);
    expect(dy2dw1.item()).toBe(2);
    tape.dispose();
  });

  it('seed 000: second-order gradient (二阶梯度) with nested tapes', () => {
    const x = tf.variable(3.0);
    const t2 = new tf.GradientTape();
    const t1 = new tf.GradientTape();
    const y = x.pow(3);
    const dy = t1.gradient(y, x)!;
    const d2y = t2.gradient(dy, x)!;
    expect(dy.item()).toBe(27);
    expect(d2y.item()).toBe(18);
  });

  it('seed 000: Himmelblau descent from [-4, 0] reaches the minimum (-3.7793, -3.2832)', () => {
    const himmelblau = (x: tf.Tensor, y: tf.Tensor) =>
      x.square().add(y).sub(11).square().add(x.add(y.square()).sub(7).square());
    const point = tf.variable([-4, 0]);
    let z = 0;
    for (let step = 0; step < 200; step++) {
      const tape = new tf.GradientTape();
      const [px, py] = [point.reshape([2]).matMul ? tf.sum(point.mul([1, 0])) : point, tf.sum(point.mul([0, 1]))];
      const zt = himmelblau(px, py);
      const grad = tape.gradient(zt, point)!;
      point.assignSub(grad.mul(0.01));
      z = zt.item();
    }
    expectClose(point, [-3.7793102, -3.2831860], 1e-5);
    expect(z).toBeLessThan(1e-6);
  });
});
