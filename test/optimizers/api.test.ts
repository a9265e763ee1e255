// The optimizer API: argument forms of applyGradients, null gradients, minimize, iterations, clipping,
// getWeights/setWeights, getConfig/getOptimizer, memory behaviour, and errors.
import { describe, expect, it } from 'vitest';
import { tf } from '../helpers.js';
import { values } from './util.js';

const O = tf.optimizers;
type Opt = InstanceType<typeof O.Optimizer>;

function pair(g: number[], v: tf.Variable): [tf.Tensor, tf.Variable] { return [tf.tensor(g, v.shape), v]; }

describe('applyGradients', () => {
  it('accepts [grad, variable] pairs, (grads, vars), a record with or without varList, and tfjs [{name, tensor}]', () => {
    const run = (apply: (opt: Opt, w: tf.Variable, b: tf.Variable) => void) => {
      const w = tf.variable(tf.tensor([1, 2, 3])), b = tf.variable(tf.scalar(5));
      const opt = tf.train.sgd(0.5);
      apply(opt, w, b);
      return [...w.dataSync(), b.item()];
    };
    const want = [0.5, 1.5, 2.5, 4];
    const gw = () => tf.tensor([1, 1, 1]), gb = () => tf.scalar(2);
    expect(run((o, w, b) => o.applyGradients([[gw(), w], [gb(), b]]))).toEqual(want);
    expect(run((o, w, b) => o.applyGradients([gw(), gb()], [w, b]))).toEqual(want);
    expect(run((o, w, b) => o.applyGradients({ [w.name]: gw(), [b.name]: gb() }, [w, b]))).toEqual(want);
    expect(run((o, w, b) => o.applyGradients([{ name: w.name, tensor: gw() }, { name: b.name, tensor: gb() }], [w, b]))).toEqual(want);
    // an iterable of pairs (a zip generator)
    expect(run((o, w, b) => o.applyGradients((function* () { yield [gw(), w] as [tf.Tensor, tf.Variable]; yield [gb(), b] as [tf.Tensor, tf.Variable]; })()))).toEqual(want);
    // a record without varList: names of variables this optimizer has updated before
    expect(run((o, w, b) => {
      o.applyGradients([[tf.zerosLike(w), w], [tf.zerosLike(b), b]]);
      o.applyGradients({ [w.name]: gw(), [b.name]: gb() });
    })).toEqual(want);
    // tfjs' idiom: a fresh optimizer finds the variables of tf.variableGrads' record by name
    expect(run((o, w, b) => o.applyGradients(tf.variableGrads(() => w.sum().add(b.mul(2))).grads))).toEqual(want);
    // a disposed variable is no longer found
    const gone = tf.variable(tf.scalar(1), true, 'api-test/gone');
    gone.dispose();
    expect(() => tf.train.sgd(0.1).applyGradients({ 'api-test/gone': tf.scalar(1) })).toThrow(/no variable named 'api-test\/gone' exists/);
  });

  it('skips null gradients (no update, no slot), counts the step; all-null is an error', () => {
    const w = tf.variable(tf.tensor([1, 2])), b = tf.variable(tf.tensor([3]));
    const opt = new O.Adam({ learningRate: 0.1 });
    opt.applyGradients([[null, w], [tf.tensor([1]), b]]);
    expect(Array.from(w.dataSync())).toEqual([1, 2]);
    expect(b.item()).toBeCloseTo(2.9, 5);
    expect(opt.iterations).toBe(1);
    expect(opt.getWeights().map((x) => x.name)).toEqual(['iter', `${b.name}/m`, `${b.name}/v`]);
    opt.applyGradients({ [w.name]: null, [b.name]: tf.tensor([1]) } as never, [w, b]);
    expect(opt.iterations).toBe(2);
    expect(() => opt.applyGradients([[null, w], [undefined, b]])).toThrow(/no gradients provided for any variable.*\[.*\]/);
    expect(opt.iterations).toBe(2);
  });

  it('updates run untaped and leave tape snapshots and clones of the old value intact', () => {
    const w = tf.variable(tf.tensor([1, 2]));
    const tape = new tf.GradientTape({ persistent: true });
    try {
      const y = tf.sum(tf.mul(w, w)); // the tape saved w
      const alias = tf.clone(w); // shares w's block
      const recorded = (tape as unknown as { entries: unknown[] }).entries.length;
      for (const opt of [tf.train.sgd(1), new O.Adam()]) opt.applyGradients([[tf.tensor([10, 10]), w]]);
      expect((tape as unknown as { entries: unknown[] }).entries.length).toBe(recorded); // nothing recorded
      expect(w.dataSync()[0]).toBeCloseTo(-9.001, 5);
      expect(Array.from(alias.dataSync())).toEqual([1, 2]);
      expect(Array.from(tape.gradient(y, w)!.dataSync())).toEqual([2, 4]); // from the saved old value
    } finally {
      tape.dispose();
    }
  });

  it('a step allocates no tensors: memory is flat after the first step', () => {
    const w = tf.variable(tf.randomNormal([64, 33], 0, 1, 'float32', 1)), b = tf.variable(tf.zeros([33]));
    const x = tf.randomNormal([16, 64], 0, 1, 'float32', 2);
    for (const opt of [new O.Adam(), new O.RMSprop({ momentum: 0.9, centered: true }), tf.train.momentum(0.1, 0.9), new O.AdamW({ clipNorm: 1 })]) {
      const loss = () => tf.mean(tf.square(tf.add(tf.matMul(x, w), b)));
      opt.minimize(loss);
      const before = tf.memory();
      for (let i = 0; i < 5; i++) opt.minimize(loss);
      const after = tf.memory();
      expect(after.numTensors).toBe(before.numTensors);
      expect(after.numBytes).toBe(before.numBytes);
      // and applyGradients itself allocates nothing
      const g = [tf.onesLike(w), tf.onesLike(b)];
      const m0 = tf.memory();
      opt.applyGradients(g, [w, b]);
      expect(tf.memory().numTensors).toBe(m0.numTensors);
      tf.dispose(g);
      opt.dispose();
    }
  });
});

describe('minimize', () => {
  it('returns the cost when asked, before the update; uses the trainable variables f touched', () => {
    const w = tf.variable(tf.tensor([3])), frozen = tf.variable(tf.tensor([2]), false);
    const opt = tf.train.sgd(0.1);
    const f = () => tf.sum(tf.mul(tf.square(w), frozen)); // 2w², d/dw = 4w
    const cost = opt.minimize(f, true)!;
    expect(cost.item()).toBe(18);
    expect(w.item()).toBeCloseTo(3 - 0.1 * 12, 6);
    expect(frozen.item()).toBe(2);
    expect(opt.minimize(f)).toBeNull();
    expect(opt.iterations).toBe(2);
  });

  it('varList restricts the update; Keras\' minimize(f, varList) order works too', () => {
    const a = tf.variable(tf.scalar(1)), b = tf.variable(tf.scalar(1));
    const f = () => tf.add(tf.square(a), tf.square(b));
    tf.train.sgd(0.25).minimize(f, false, [a]);
    expect([a.item(), b.item()]).toEqual([0.5, 1]);
    new O.SGD({ learningRate: 0.25 }).minimize(f, [b]);
    expect([a.item(), b.item()]).toEqual([0.5, 0.5]);
  });

  it('errors: non-scalar cost, no trainable variable', () => {
    const w = tf.variable(tf.tensor([1, 2]));
    expect(() => tf.train.sgd(0.1).minimize(() => tf.square(w))).toThrow(/must return a scalar Tensor, got shape \[2\]/);
    expect(() => tf.train.sgd(0.1).minimize(() => tf.scalar(1))).toThrow(/used no trainable variable/);
  });
});

describe('seed 004: the manual assign_sub loop equals the optimizer', () => {
  it('w.assignSub(grad · lr) is bit for bit tf.train.sgd(lr), Keras SGD() (lr 0.01) and optimizer.minimize', () => {
    const x = tf.randomUniform([32, 20], 0, 1, 'float32', 1);
    const y = tf.oneHot(tf.tensor1d(values(32, 4, 0, 10).map(Math.floor), 'int32'), 10);
    const init = [tf.truncatedNormal([20, 16], 0, 0.1, 'float32', 2), tf.zeros([16]), tf.truncatedNormal([16, 10], 0, 0.1, 'float32', 3), tf.zeros([10])];
    const make = () => init.map((t) => tf.variable(t));
    const lossOf = (p: tf.Variable[]) => {
      const h1 = tf.relu(tf.add(tf.matMul(x, p[0]), p[1]));
      const out = tf.add(tf.matMul(h1, p[2]), p[3]);
      return tf.mean(tf.square(tf.sub(y, out)));
    };
    const lr = 0.01;
    const manual = make(), viaTrain = make(), viaKeras = make(), viaMinimize = make();
    const sgd = tf.train.sgd(lr), keras = new O.SGD(), mini = tf.train.sgd(lr);
    const losses: number[] = [];
    for (let step = 0; step < 20; step++) {
      tf.tidy(() => {
        const tape = new tf.GradientTape();
        const loss = lossOf(manual);
        const grads = tape.gradient(loss, manual) as tf.Tensor[];
        manual.forEach((v, i) => v.assignSub(grads[i].mul(lr)));
        losses.push(loss.item());
        for (const [opt, vars] of [[sgd, viaTrain], [keras, viaKeras]] as const) {
          const t2 = new tf.GradientTape();
          const l2 = lossOf(vars);
          const g2 = t2.gradient(l2, vars) as tf.Tensor[];
          opt.applyGradients(g2.map((g, i) => [g, vars[i]] as [tf.Tensor, tf.Variable]));
        }
        mini.minimize(() => lossOf(viaMinimize));
      });
      for (const other of [viaTrain, viaKeras, viaMinimize]) {
        manual.forEach((v, i) => expect(Array.from(other[i].dataSync())).toEqual(Array.from(v.dataSync())));
      }
    }
    expect(losses[19]).toBeLessThan(losses[0]);
  });
});

describe('clipping', () => {
  it('clipNorm scales each gradient to norm ≤ c; globalClipnorm all together; clipValue clamps', () => {
    const a = tf.variable(tf.tensor([0, 0])), b = tf.variable(tf.tensor([0]));
    new O.SGD({ learningRate: 1, clipNorm: 1 }).applyGradients([[tf.tensor([3, 4]), a], [tf.tensor([0.5]), b]]);
    expect(Array.from(a.dataSync()).map((v) => +v.toFixed(6))).toEqual([-0.6, -0.8]);
    expect(b.item()).toBe(-0.5); // under the norm: unchanged
    const c = tf.variable(tf.tensor([0, 0])), d = tf.variable(tf.tensor([0]));
    new O.SGD({ learningRate: 1, globalClipnorm: 6.5 }).applyGradients([[tf.tensor([3, 4]), c], [tf.tensor([12]), d]]); // global norm 13
    expect(Array.from(c.dataSync()).map((v) => +v.toFixed(6))).toEqual([-1.5, -2]);
    expect(d.item()).toBeCloseTo(-6, 6);
    const e = tf.variable(tf.tensor([0, 0, 0]));
    new O.SGD({ learningRate: 1, clipValue: 0.5 }).applyGradients([[tf.tensor([-3, 0.25, 9]), e]]);
    expect(Array.from(e.dataSync())).toEqual([0.5, -0.25, -0.5]);
  });
  it('accepts Keras\' spellings; more than one clip option is an error', () => {
    expect(new O.Adam({ clipnorm: 1 } as never).clipNorm).toBe(1);
    expect(new O.Adam({ global_clipnorm: 2 } as never).globalClipnorm).toBe(2);
    expect(() => new O.Adam({ clipNorm: 1, clipValue: 1 })).toThrow(/at most one of clipNorm, clipValue and globalClipnorm/);
    expect(() => new O.SGD({ clipNorm: -1 })).toThrow(/clipNorm must be a finite number > 0/);
  });
});

describe('getWeights / setWeights', () => {
  const makers: [string, () => Opt][] = [
    ['Adam', () => new O.Adam({ learningRate: 0.01 })],
    ['Adam amsgrad', () => new O.Adam({ learningRate: 0.01, amsgrad: true })],
    ['AdamW', () => new O.AdamW({ learningRate: 0.01, weightDecay: 0.1 })],
    ['tf.train.adam', () => tf.train.adam(0.01)],
    ['Adamax', () => new O.Adamax()],
    ['tf.train.adamax', () => tf.train.adamax(0.01, 0.9, 0.999, null, 0.1)],
    ['SGD momentum', () => new O.SGD({ momentum: 0.9, nesterov: true })],
    ['SGD', () => new O.SGD({ learningRate: 0.1 })],
    ['tf.train.momentum', () => tf.train.momentum(0.1, 0.9)],
    ['RMSprop centered', () => new O.RMSprop({ momentum: 0.5, centered: true })],
    ['tf.train.rmsprop', () => tf.train.rmsprop(0.01)],
    ['Adagrad', () => new O.Adagrad()],
    ['Adadelta', () => new O.Adadelta({ learningRate: 1 })],
    ['tf.train.adadelta', () => tf.train.adadelta(1)],
    ['Adam + schedule', () => new O.Adam({ learningRate: new O.schedules.ExponentialDecay({ initialLearningRate: 0.01, decaySteps: 2, decayRate: 0.5 }) })],
  ];
  it.each(makers)('%s: 3 steps, state copied into a fresh optimizer, 3 more = 6 uninterrupted steps', (_label, make) => {
    const shapes = [[5], [2, 3], [1]];
    const grads = (step: number) => shapes.map((s, i) => tf.tensor(values(s.reduce((a, b) => a * b, 1), 10 * step + i), s));
    const vars = () => shapes.map((s, i) => tf.variable(tf.tensor(values(s.reduce((a, b) => a * b, 1), 90 + i), s)));
    const ref = vars(), refOpt = make();
    for (let s = 0; s < 6; s++) refOpt.applyGradients(grads(s), ref);
    const v1 = vars(), o1 = make();
    for (let s = 0; s < 3; s++) o1.applyGradients(grads(s), v1);
    const saved = o1.getWeights();
    expect(saved[0].name).toBe('iter');
    expect(saved[0].tensor.item()).toBe(3);
    // continue on copies of the variables (other names: slots are taken in order) and on the same ones (by name)
    const v2 = v1.map((v) => tf.variable(v));
    const o2 = make();
    o2.setWeights(saved);
    o1.dispose();
    tf.dispose(saved.map((w) => w.tensor)); // setWeights copied them
    expect(o2.iterations).toBe(3);
    for (let s = 3; s < 6; s++) o2.applyGradients(grads(s), v2);
    v2.forEach((v, i) => expect(Array.from(v.dataSync())).toEqual(Array.from(ref[i].dataSync())));
    // the restored slots now carry the new variables' names: <name>/<slot>, slot kind by slot kind
    const names = o2.getWeights().map((w) => w.name);
    expect(names.length).toBe(refOpt.getWeights().length);
    names.slice(1).forEach((n, j) => expect(n.startsWith(`${v2[j % 3].name}/`), n).toBe(true));
  });

  it('slots are matched by variable name before order; plain tensors work; wrong counts are errors', () => {
    const a = tf.variable(tf.tensor([1, 2]), true, 'sw_a'), b = tf.variable(tf.tensor([3]), true, 'sw_b');
    const opt = new O.Adam({ learningRate: 0.1 });
    opt.applyGradients([[tf.tensor([1, 1]), a], [tf.tensor([1]), b]]);
    const w = opt.getWeights();
    expect(w.map((x) => x.name)).toEqual(['iter', 'sw_a/m', 'sw_b/m', 'sw_a/v', 'sw_b/v']);
    const o2 = new O.Adam({ learningRate: 0.1 });
    o2.setWeights(w);
    o2.applyGradients([[tf.tensor([1]), b], [tf.tensor([1, 1]), a]]); // other order: matched by name
    expect(o2.getWeights().map((x) => x.name)).toEqual(['iter', 'sw_b/m', 'sw_a/m', 'sw_b/v', 'sw_a/v']);
    const o3 = new O.Adam();
    o3.setWeights(w.map((x) => x.tensor));
    expect(o3.iterations).toBe(1);
    expect(() => o3.setWeights(w.slice(0, 4))).toThrow(/Adam keeps 2 slots per variable \(m, v\), so it expects 1 \+ 2·\(number of variables\) tensors, got 4/);
    expect(() => o3.setWeights([{ name: 'iter', tensor: tf.tensor([1, 2]) }])).toThrow(/iteration count/);
    const o4 = new O.Adam();
    o4.setWeights(w);
    const c = tf.variable(tf.tensor([1, 2, 3]));
    expect(() => o4.applyGradients([[tf.tensor([1, 1, 1]), c]])).toThrow(/saved slot 'sw_a\/m' \(setWeights\) is \[2\], variable '.*' is \[3\]/);
    expect(new O.SGD().getWeights().map((x) => x.name)).toEqual(['iter']);
    expect(() => new O.SGD().setWeights(w)).toThrow(/SGD keeps no slots/);
  });
});

describe('configs, getOptimizer, exports', () => {
  it('getOptimizer: compile strings in any case, instances, {className, config}; unknown names list the known ones', () => {
    for (const [s, cls] of [['sgd', 'SGD'], ['Adam', 'Adam'], ['ADAMW', 'AdamW'], ['adamax', 'Adamax'], ['RMSProp', 'RMSProp'],
      ['rmsprop', 'RMSProp'], ['adagrad', 'Adagrad'], ['Adadelta', 'Adadelta']] as const) {
      expect(O.get(s).getClassName()).toBe(cls);
    }
    // tfjs-layers' defaults for the strings
    expect(O.get('adam').learningRate).toBe(0.001);
    expect(O.get('sgd').learningRate).toBe(0.01);
    expect(O.get('adagrad').learningRate).toBe(0.01);
    expect(O.get('adadelta').learningRate).toBe(1);
    expect(O.get('adamax').learningRate).toBe(0.002);
    const mine = new O.Adam();
    expect(O.get(mine)).toBe(mine);
    expect(() => O.get('adamm')).toThrow(/unknown optimizer 'adamm'; known: sgd, adam, adamw, adamax, rmsprop, adagrad, adadelta/);
    expect(() => O.get({ className: 'Nadam', config: {} })).toThrow(/unknown optimizer class 'Nadam'/);
  });

  it('getConfig → getOptimizer rebuilds the same optimizer (Keras and tfjs flavours)', () => {
    const all: Opt[] = [
      new O.Adam({ learningRate: 0.002, beta1: 0.8, amsgrad: true, clipNorm: 2 }),
      new O.AdamW({ weightDecay: 0.01 }),
      new O.SGD({ learningRate: new O.schedules.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 5, decayRate: 0.9 }), momentum: 0.9 }),
      new O.RMSprop({ centered: true, momentum: 0.1 }), new O.Adagrad({ initialAccumulatorValue: 0.2 }), new O.Adadelta({ rho: 0.9 }), new O.Adamax(),
      tf.train.sgd(0.3), tf.train.momentum(0.1, 0.9, true), tf.train.adam(0.01, 0.8, 0.9, 1e-4), tf.train.adamax(0.01, 0.9, 0.9, 1e-6, 0.1),
      tf.train.rmsprop(0.01, 0.8, 0.2, 1e-6, true), tf.train.adagrad(0.1, 0.3), tf.train.adadelta(1, 0.9, 1e-6),
    ];
    for (const o of all) {
      const r = O.get({ className: o.getClassName(), config: JSON.parse(JSON.stringify(o.getConfig())) });
      expect(r.constructor).toBe(o.constructor);
      expect(r.getConfig()).toEqual(o.getConfig());
      // and it trains identically
      const [v1, v2] = [tf.variable(tf.tensor([1, -2, 3])), tf.variable(tf.tensor([1, -2, 3]))];
      for (let s = 0; s < 3; s++) { o.applyGradients([[tf.tensor([0.5, 1, -2]), v1]]); r.applyGradients([[tf.tensor([0.5, 1, -2]), v2]]); }
      expect(Array.from(v2.dataSync())).toEqual(Array.from(v1.dataSync()));
    }
    expect(tf.train.adam(0.01).getConfig()).toEqual({ learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
    expect(new O.AdamW().getConfig()).toMatchObject({ name: 'adamw', learningRate: 0.001, weightDecay: 0.004, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false });
  });

  it('tf.train, tf.optimizers, tf.optimizers.schedules and tf.Optimizer are exported; instanceof works across flavours', () => {
    expect(tf.train.adam()).toBeInstanceOf(tf.Optimizer);
    expect(tf.train.adam()).toBeInstanceOf(O.Adam);
    expect(new O.Adam({ learningRate: 1e-3 })).toBeInstanceOf(tf.Optimizer);
    expect(tf.train.momentum(0.1, 0.9)).toBeInstanceOf(O.SGD);
    expect(new O.schedules.ExponentialDecay({ initialLearningRate: 1, decaySteps: 1, decayRate: 0.5 }).call(1)).toBe(0.5);
    // seed 002's legacy lr= spelling
    expect(new O.Adam({ lr: 0.01 } as never).learningRate).toBe(0.01);
  });
});

describe('errors', () => {
  it('bad learning rates and options', () => {
    expect(() => new O.Adam({ learningRate: -1 })).toThrow(/Adam: learningRate must be a finite number ≥ 0, got -1/);
    expect(() => new O.Adam({ learningRate: NaN })).toThrow(/learningRate must be a finite number/);
    expect(() => new O.SGD({ learningRate: '0.1' as never })).toThrow(/learningRate must be a number, a LearningRateSchedule.*got '0.1'/);
    expect(() => tf.train.sgd(undefined as never)).toThrow(/sgd: learningRate is required/);
    expect(() => tf.train.adam(Infinity)).toThrow(/learningRate must be a finite number/);
    expect(() => new O.Adam({ learnRate: 0.1 } as never)).toThrow(/Adam: unknown option 'learnRate'; known options: learningRate/);
    expect(() => new O.SGD({ decay: 0.1 } as never)).toThrow(/unknown option 'decay'.*InverseTimeDecay/);
    expect(() => new O.Adam({ beta1: 1 })).toThrow(/beta1 must be a finite number in \[0, 1\)/);
    expect(() => new O.SGD({ momentum: 2 })).toThrow(/momentum must be a finite number in \[0, 1\]/);
    expect(() => new O.Adam(0.1 as never)).toThrow(/the argument must be an options object such as \{learningRate: 0.001\}, got 0.1/);
    const opt = new O.SGD({ learningRate: () => NaN });
    expect(() => opt.applyGradients([[tf.scalar(1), tf.variable(tf.scalar(1))]])).toThrow(/schedule returned NaN at step 0/);
    const o2 = new O.SGD();
    expect(() => { o2.learningRate = -3; }).toThrow(/learningRate must be a finite number ≥ 0/);
  });

  it('gradient problems name the variable; nothing is updated when any pair is bad', () => {
    const w = tf.variable(tf.zeros([2, 3]), true, 'dense/kernel'), b = tf.variable(tf.zeros([3]), true, 'dense/bias');
    const opt = new O.Adam();
    expect(() => opt.applyGradients([[tf.ones([3]), b], [tf.ones([3, 2]), w]]))
      .toThrow(/Adam.applyGradients: the gradient for variable 'dense\/kernel' is \[3,2\], the variable is \[2,3\]/);
    expect(Array.from(b.dataSync())).toEqual([0, 0, 0]);
    expect(opt.iterations).toBe(0);
    expect(() => opt.applyGradients([[tf.ones([3], 'int32'), b]])).toThrow(/gradient for variable 'dense\/bias' is int32, expected float32/);
    expect(() => opt.applyGradients([[b, tf.ones([3])]] as never)).toThrow(/pair 0 must be \[gradient, variable\].*it is \[variable, gradient\]/);
    expect(() => opt.applyGradients([[[1, 2, 3], b]] as never)).toThrow(/gradient for variable 'dense\/bias' \(pair 0\) is an array, not a Tensor/);
    expect(() => opt.applyGradients({ 'dense/nope': tf.ones([3]) })).toThrow(/no variable named 'dense\/nope' exists/);
    expect(() => opt.applyGradients([tf.ones([3])], [b, w])).toThrow(/1 gradients for 2 variables/);
    expect(() => opt.applyGradients([])).toThrow(/no gradients were given/);
    const iv = tf.variable(tf.tensor([1, 2], undefined, 'int32'));
    expect(() => opt.applyGradients([[tf.ones([2]), iv]])).toThrow(/is int32; optimizers update float32 variables/);
    const g = tf.ones([3]);
    g.dispose();
    expect(() => opt.applyGradients([[g, b]])).toThrow(/gradient for variable 'dense\/bias' is disposed/);
    opt.dispose();
    expect(() => opt.applyGradients([[tf.ones([3]), b]])).toThrow(/Adam.applyGradients: the optimizer is disposed/);
  });
});
