// Learning-rate schedules (tf.keras.optimizers.schedules): values against their formulas, argument
// errors, configs, and their use as an optimizer's learning rate (read at step = iterations).
import { describe, expect, it } from 'vitest';
import { tf } from '../helpers.js';

const S = tf.optimizers.schedules;
const close = (a: number, e: number) => expect(Math.abs(a - e)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(e)));

describe('learning-rate schedules', () => {
  it('ExponentialDecay: lr·rate^(step/steps), floored exponent with staircase', () => {
    const s = new S.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
    for (const step of [0, 1, 5, 10, 15, 37, 1000]) close(s.call(step), 0.1 * 0.5 ** (step / 10));
    const st = new S.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true });
    expect([0, 9, 10, 19, 20, 35].map((t) => st.call(t))).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.0125]);
    // seed 002: 1e-4 · 0.96^floor(step / 100000)
    const seed = new S.ExponentialDecay({ initialLearningRate: 1e-4, decaySteps: 100000, decayRate: 0.96, staircase: true });
    expect(seed.call(0)).toBe(1e-4);
    expect(seed.call(99999)).toBe(1e-4);
    close(seed.call(100000), 0.96e-4);
  });

  it('PiecewiseConstantDecay: boundaries are inclusive on the left piece', () => {
    const s = new S.PiecewiseConstantDecay({ boundaries: [100, 200], values: [1, 0.5, 0.1] });
    expect([0, 99, 100, 101, 200, 201, 1e6].map((t) => s.call(t))).toEqual([1, 1, 1, 0.5, 0.5, 0.1, 0.1]);
  });

  it('CosineDecay: ½(1 + cos(π·min(t, T)/T)) scaled into [α, 1], with an optional linear warmup', () => {
    const s = new S.CosineDecay({ initialLearningRate: 0.1, decaySteps: 100, alpha: 0.2 });
    for (const t of [0, 1, 25, 50, 99, 100, 150]) {
      close(s.call(t), 0.1 * (0.8 * 0.5 * (1 + Math.cos(Math.PI * Math.min(t, 100) / 100)) + 0.2));
    }
    close(s.call(0), 0.1); close(s.call(50), 0.1 * 0.6); close(s.call(1000), 0.1 * 0.2);
    const w = new S.CosineDecay({ initialLearningRate: 0, decaySteps: 10, warmupTarget: 0.1, warmupSteps: 5 });
    close(w.call(0), 0); close(w.call(2), 0.04); close(w.call(5), 0.1);
    close(w.call(10), 0.1 * 0.5 * (1 + Math.cos(Math.PI * 0.5)));
    close(w.call(100), 0);
  });

  it('InverseTimeDecay and PolynomialDecay', () => {
    const s = new S.InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 });
    [0, 1, 2, 7].forEach((t) => close(s.call(t), 0.1 / (1 + 0.5 * t)));
    const st = new S.InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 1, staircase: true });
    expect([0, 9, 10, 25].map((t) => st.call(t))).toEqual([0.1, 0.1, 0.05, 0.1 / 3]);
    const p = new S.PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, endLearningRate: 0.01, power: 2 });
    [0, 3, 10, 20].forEach((t) => close(p.call(t), 0.09 * (1 - Math.min(t, 10) / 10) ** 2 + 0.01));
    const c = new S.PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, cycle: true });
    close(c.call(15), (0.1 - 0.0001) * (1 - 15 / 20) + 0.0001);
  });

  it('configs round-trip through schedules.deserialize (also Keras\' snake_case options)', () => {
    const all = [
      new S.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true }),
      new S.PiecewiseConstantDecay({ boundaries: [1, 2], values: [3, 2, 1] }),
      new S.CosineDecay({ initialLearningRate: 0.1, decaySteps: 7, alpha: 0.1 }),
      new S.InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.3 }),
      new S.PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 9, power: 0.5 }),
    ];
    for (const s of all) {
      const r = S.deserialize({ className: s.getClassName(), config: s.getConfig() });
      expect(r.getClassName()).toBe(s.getClassName());
      for (const t of [0, 1, 3, 8, 20]) expect(r.call(t)).toBe(s.call(t));
    }
    const snake = new S.ExponentialDecay({ initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.5 } as never);
    expect(snake.call(10)).toBe(0.05);
  });

  it('bad arguments are clear errors', () => {
    expect(() => new S.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 })).toThrow(/decaySteps must be a finite number > 0/);
    expect(() => new S.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, decay: 1 } as never)).toThrow(/unknown option 'decay'/);
    expect(() => new S.PiecewiseConstantDecay({ boundaries: [1, 2], values: [1, 2] })).toThrow(/one more element/);
    expect(() => new S.PiecewiseConstantDecay({ boundaries: [2, 1], values: [1, 2, 3] })).toThrow(/must increase/);
    expect(() => new S.CosineDecay({ initialLearningRate: -1, decaySteps: 10 })).toThrow(/initialLearningRate/);
    expect(() => S.deserialize({ className: 'Nope', config: {} })).toThrow(/unknown schedule 'Nope'/);
  });

  it('an optimizer reads its schedule once per step at step = iterations', () => {
    const lrs: number[] = [];
    const sched = new S.PiecewiseConstantDecay({ boundaries: [0, 1], values: [1, 0.5, 0.25] });
    const opt = new tf.optimizers.SGD({ learningRate: sched });
    const w = tf.variable(tf.scalar(0));
    for (let i = 0; i < 4; i++) {
      lrs.push(opt.currentLearningRate());
      opt.applyGradients([[tf.scalar(-1), w]]);
    }
    expect(lrs).toEqual([1, 0.5, 0.25, 0.25]);
    expect(w.item()).toBe(2); // 1 + 0.5 + 0.25 + 0.25
    // a plain function of the step works too (Keras accepts callables)
    const o2 = new tf.optimizers.SGD({ learningRate: (step: number) => 1 / (step + 1) });
    const v = tf.variable(tf.scalar(0));
    for (let i = 0; i < 3; i++) o2.applyGradients([[tf.scalar(-6), v]]);
    expect(v.item()).toBe(11); // 6 + 3 + 2
  });

  it('seed 002: RMSprop with a staircase ExponentialDecay, optimizer rebuilt every step', () => {
    const w = tf.variable(tf.tensor([[0.5, -0.25], [0.125, 1]]));
    const g = tf.tensor([[0.1, -0.2], [0.3, 0.05]]);
    for (let step = 0; step < 3; step++) {
      const lr = new S.ExponentialDecay({ initialLearningRate: 1e-4, decaySteps: 100000, decayRate: 0.96, staircase: true });
      const opt = new tf.optimizers.RMSprop({ learningRate: lr });
      opt.applyGradients([[g, w]]);
    }
    // each fresh RMSprop's first step: ms = 0.1·g², x -= 1e-4·g/√(ms + ε) ≈ 1e-4·sign(g)/√0.1
    const expected = [[0.5, -0.25], [0.125, 1]].map((r, i) => r.map((x, j) => {
      const gij = [[0.1, -0.2], [0.3, 0.05]][i][j];
      return x - 3 * 1e-4 * gij / Math.sqrt(0.1 * gij * gij + 1e-7);
    }));
    const a = w.arraySync() as number[][];
    a.flat().forEach((v, i) => expect(Math.abs(v - expected.flat()[i])).toBeLessThan(1e-6));
  });
});
