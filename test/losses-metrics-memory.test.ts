// Every exported function and class of tf.losses and tf.metrics, called outside any tidy: after the result is
// disposed, tf.memory() is where it was (no tensor left for the garbage collector), with tensor arguments and
// with the same arguments as JS arrays (converted inside). A bad call (mismatched shapes) throws an Error
// whose message starts with the function's name, and leaves memory where it was too. The tables must name
// every export: a new function without an entry fails here.
import { describe, expect, it } from 'vitest';
import { rand, tf } from './helpers.js';

type AnyFn = (...a: any[]) => any;
/** Tensor arguments as given (`T`) or as JS arrays (`js`), to cover conversion inside the functions. */
type V = <X>(t: X) => X;

interface FnCase {
  /** Argument lists, one call each (several to cover options). */
  calls: (v: V) => unknown[][];
  /** What is done with a result that is not tensors (getLossFn's {name, fn}): returns tensors to dispose. */
  use?: (result: any, v: V) => unknown;
  /**
   * Arguments with mismatched shapes (with `use`: [id, yTrue, yPred], the error of fn(yTrue, yPred) of the
   * resolved id); or why the function takes no tensors.
   */
  bad: ((v: V) => unknown[]) | { none: string };
  /** The name errors start with when it is not the export's key (an alias: mae is meanAbsoluteError). */
  name?: string;
}

interface ClassCase {
  /** A new instance (made before memory is measured). */
  make: () => any;
  /** Uses it (call / updateState and result); returns the tensors to dispose. */
  use: (obj: any, v: V) => unknown;
  /** A call with mismatched shapes. */
  bad: (obj: any) => unknown;
  /** The prefix of that call's error. */
  name: string;
}

const isClass = (f: unknown) => typeof f === 'function' && /^class\b/.test(Function.prototype.toString.call(f));

// ---- inputs: made once, alive throughout -------------------------------------------------------------

const t = rand([4, 3], 1, -2, 2), x = rand([4, 3], 2, -2, 2);
const probs = tf.softmax(rand([4, 3], 3)), onehot = tf.oneHot([0, 2, 1, 1], 3).toFloat();
const idx = tf.tensor1d([0, 2, 1, 1], 'int32');
const b01 = tf.cast(tf.greater(rand([4, 3], 4), 0), 'float32'), p01 = rand([4, 3], 5, 0.05, 0.95);
const hard = tf.cast(tf.greater(rand([4, 3], 6), 0), 'float32');
const pos = rand([4, 3], 7, 0.2, 2);
const w = tf.tensor2d([[1], [0], [2], [0.5]]), sw = tf.tensor1d([1, 0, 2, 0.5]);
const wrong = tf.zeros([4, 2]), wrongRows = tf.zeros([3, 3]), wrongInts = tf.zeros([3], 'int32');
const intsPred = tf.tensor1d([0, 1, 1, 1], 'int32'), ones3 = tf.ones([3]), sw41 = sw.reshape([4, 1]);
const R = tf.losses.Reduction;

/** JS arrays for tensors (int32 labels become float32 on conversion: still integers). */
const js: V = (a) => (a instanceof tf.Tensor ? (a.arraySync() as any) : a);
const T: V = (a) => a;

/** The reduced losses of tfjs: (labels, predictions, weights, ...) with every reduction. */
const reduced = (z: tf.Tensor, p: tf.Tensor, extra: (r: number) => unknown[] = (r) => [r]): FnCase => ({
  calls: (v) => [[v(z), v(p)], [v(z), v(p), v(w), ...extra(R.MEAN)], [v(z), v(p), null, ...extra(R.NONE)], [v(z), v(p), v(w), ...extra(R.SUM)]],
  bad: (v) => [v(z), v(wrong)],
});
/** The per-example (yTrue, yPred) functions. */
const pair = (z: tf.Tensor, p: tf.Tensor, name?: string, ...more: unknown[][]): FnCase => ({
  calls: (v) => [[v(z), v(p)], ...more.map((m) => [v(z), v(p), ...m])],
  bad: (v) => [v(z), v(wrong)],
  name,
});

const lossFns: Record<string, FnCase> = {
  computeWeightedLoss: {
    calls: (v) => [[v(t)], [v(t), v(w)], [v(t), v(w), R.MEAN], [v(t), null, R.NONE], [v(t), v(w), R.NONE], [v(t), v(sw41), R.SUM]],
    bad: (v) => [v(t), v(wrong)],
  },
  softmaxCrossEntropy: reduced(onehot, x, (r) => [0.1, r]),
  sigmoidCrossEntropy: reduced(b01, x, (r) => [0.1, r]),
  meanSquaredError: reduced(t, x),
  absoluteDifference: reduced(t, x),
  logLoss: reduced(b01, p01, (r) => [1e-7, r]),
  huberLoss: reduced(t, x, (r) => [0.5, r]),
  hingeLoss: reduced(b01, x),
  cosineDistance: {
    calls: (v) => [[v(t), v(x), 1], [v(t), v(x), 1, v(w), R.MEAN], [v(t), v(x), 0, null, R.NONE]],
    bad: (v) => [v(t), v(wrong), 1],
  },
  categoricalCrossentropy: pair(onehot, probs, undefined, [true], [false, 0.1], [{ fromLogits: true, labelSmoothing: 0.2, axis: 0 }]),
  sparseCategoricalCrossentropy: { calls: (v) => [[v(idx), v(probs)], [v(idx), v(x), true], [v(idx), v(x), { fromLogits: true }]], bad: (v) => [v(idx), v(wrongRows)] },
  binaryCrossentropy: pair(b01, p01, undefined, [true], [false, 0.2], [{ fromLogits: true, axis: 0 }]),
  meanAbsoluteError: pair(t, x),
  mse: pair(t, x),
  meanAbsolutePercentageError: pair(t, x),
  meanSquaredLogarithmicError: pair(pos, pos),
  kullbackLeiblerDivergence: pair(probs, probs),
  hinge: pair(b01, x),
  squaredHinge: pair(b01, x),
  categoricalHinge: pair(onehot, x),
  logcosh: pair(t, x),
  huber: pair(t, x, undefined, [0.5]),
  poisson: pair(pos, pos),
  cosineSimilarity: pair(t, x),
  mae: pair(t, x, 'meanAbsoluteError'),
  MAE: pair(t, x, 'meanAbsoluteError'),
  MSE: pair(t, x, 'mse'),
  mape: pair(t, x, 'meanAbsolutePercentageError'),
  MAPE: pair(t, x, 'meanAbsolutePercentageError'),
  msle: pair(pos, pos, 'meanSquaredLogarithmicError'),
  MSLE: pair(pos, pos, 'meanSquaredLogarithmicError'),
  kld: pair(probs, probs, 'kullbackLeiblerDivergence'),
  KLD: pair(probs, probs, 'kullbackLeiblerDivergence'),
  logCosh: pair(t, x, 'logcosh'),
  cosineProximity: pair(t, x, 'cosineSimilarity'),
  reduceWeightedLoss: {
    calls: (v) => [[v(sw)], [v(sw), v(sw)], [v(sw), v(w), 'sum'], [v(sw), null, 'none'], [v(sw), 2, 'none']],
    bad: (v) => [v(sw), v(ones3)],
  },
  lossKey: { calls: () => [['sparse_categorical_crossentropy']], bad: { none: 'maps a string to a string' } },
  getLossFn: {
    calls: () => [['mse'], ['sparse_categorical_crossentropy'], [new tf.losses.Huber()], [function myLoss(a: tf.Tensor, b: tf.Tensor) { return tf.sum(tf.abs(tf.sub(a, b)), -1); }]],
    use: (r, v) => r.fn(v(r.name === 'sparse_categorical_crossentropy' ? idx : t), v(probs)),
    bad: (v) => ['mse', v(t), v(wrong)],
    name: 'mse',
  },
};

const metricFns: Record<string, FnCase> = {
  binaryAccuracy: pair(b01, p01, undefined, [0.3]),
  categoricalAccuracy: pair(onehot, probs),
  sparseCategoricalAccuracy: { calls: (v) => [[v(idx), v(probs)], [v(idx.reshape([4, 1])), v(probs)]], bad: (v) => [v(t), v(probs)] },
  binaryCrossentropy: pair(b01, p01, undefined, [true]),
  categoricalCrossentropy: pair(onehot, probs, undefined, [true, 0.1]),
  sparseCategoricalCrossentropy: { calls: (v) => [[v(idx), v(probs)], [v(idx), v(x), true]], bad: (v) => [v(idx), v(wrongRows)] },
  meanSquaredError: pair(t, x),
  meanAbsoluteError: pair(t, x),
  meanAbsolutePercentageError: pair(t, x),
  cosineProximity: pair(t, x),
  mse: pair(t, x, 'meanSquaredError'),
  MSE: pair(t, x, 'meanSquaredError'),
  mae: pair(t, x, 'meanAbsoluteError'),
  MAE: pair(t, x, 'meanAbsoluteError'),
  mape: pair(t, x, 'meanAbsolutePercentageError'),
  MAPE: pair(t, x, 'meanAbsolutePercentageError'),
  cosine: pair(t, x, 'cosineProximity'),
  precision: pair(b01, hard),
  recall: pair(b01, hard),
  r2Score: pair(t, x),
  getMetricFn: {
    calls: () => [['accuracy'], ['mse'], ['precision'], ['auc'], [new tf.metrics.CategoricalAccuracy()], [tf.metrics.binaryAccuracy]],
    use: (r, v) => r.fn(v(onehot), v(probs)),
    bad: (v) => ['binaryAccuracy', v(t), v(wrong)],
    name: 'binaryAccuracy',
  },
};

// ---- classes: constructed first, then used -------------------------------------------------------------

/** A custom Keras loss whose perExample leaves intermediates (Loss.call's scope frees them). */
class CubeLoss extends tf.losses.Loss {
  constructor() { super('cube'); }
  perExample(a: tf.TensorLike, b: tf.TensorLike) { return tf.mean(tf.pow(tf.abs(tf.sub(b, a)), 3), -1); }
}
/** A custom stateful metric (the sum of yPred − yTrue) on Metric's helpers. */
class SumPred extends tf.metrics.Metric {
  private readonly total = this.addWeight('total');
  constructor() { super('sum_pred'); }
  updateState(yTrue: tf.TensorLike, yPred: tf.TensorLike) { this.untaped(() => this.accumulate(this.total, tf.sum(tf.sub(yPred, yTrue)))); }
  result() { return this.untaped(() => tf.add(this.total, 0)); }
}

const lossClass = (make: () => tf.losses.Loss, z: tf.Tensor, p: tf.Tensor, name: string): ClassCase => ({
  make,
  // perExample too: the built-in ones are the per-example functions (a custom one is the user's code)
  use: (o, v) => [o.call(v(z), v(p)), o.call(v(z), v(p), v(sw)), o instanceof CubeLoss ? [] : o.perExample(v(z), v(p))],
  bad: (o) => o.call(z, wrong),
  name: `${name}.call`,
});
const L = tf.losses;
const lossClasses: Record<string, ClassCase> = {
  Loss: lossClass(() => new CubeLoss(), t, x, 'CubeLoss'),
  LossFunctionWrapper: lossClass(() => new L.LossFunctionWrapper(L.mae, { reduction: 'sum' }), t, x, 'LossFunctionWrapper'),
  MeanSquaredError: lossClass(() => new L.MeanSquaredError(), t, x, 'MeanSquaredError'),
  MeanAbsoluteError: lossClass(() => new L.MeanAbsoluteError({ reduction: 'none' }), t, x, 'MeanAbsoluteError'),
  MeanAbsolutePercentageError: lossClass(() => new L.MeanAbsolutePercentageError(), t, x, 'MeanAbsolutePercentageError'),
  MeanSquaredLogarithmicError: lossClass(() => new L.MeanSquaredLogarithmicError(), pos, pos, 'MeanSquaredLogarithmicError'),
  CategoricalCrossentropy: lossClass(() => new L.CategoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.1 }), onehot, x, 'CategoricalCrossentropy'),
  SparseCategoricalCrossentropy: lossClass(() => new L.SparseCategoricalCrossentropy(), idx, probs, 'SparseCategoricalCrossentropy'),
  BinaryCrossentropy: lossClass(() => new L.BinaryCrossentropy(), b01, p01, 'BinaryCrossentropy'),
  Huber: lossClass(() => new L.Huber({ delta: 0.5 }), t, x, 'Huber'),
  KLDivergence: lossClass(() => new L.KLDivergence(), probs, probs, 'KLDivergence'),
  Hinge: lossClass(() => new L.Hinge({ reduction: 'sum' }), b01, x, 'Hinge'),
  SquaredHinge: lossClass(() => new L.SquaredHinge(), b01, x, 'SquaredHinge'),
  CategoricalHinge: lossClass(() => new L.CategoricalHinge(), onehot, x, 'CategoricalHinge'),
  LogCosh: lossClass(() => new L.LogCosh(), t, x, 'LogCosh'),
  Poisson: lossClass(() => new L.Poisson(), pos, pos, 'Poisson'),
  CosineSimilarity: lossClass(() => new L.CosineSimilarity(), t, x, 'CosineSimilarity'),
};
lossClasses.SparseCategoricalCrossentropy.bad = (o) => o.call(idx, wrongRows);

const metricClass = (make: () => tf.metrics.Metric, z: tf.Tensor, p: tf.Tensor, name: string): ClassCase => ({
  make,
  use: (o, v) => {
    o.updateState(v(z), v(p));
    o.updateState(v(z), v(p), v(sw));
    const r = [o.result(), o.call(v(z), v(p))];
    o.resetState();
    return r;
  },
  bad: (o) => o.updateState(z, wrong),
  name: `${name}.updateState`,
});
const M = tf.metrics;
const metricClasses: Record<string, ClassCase> = {
  Metric: { ...metricClass(() => new SumPred(), t, x, 'SumPred'), name: 'sub' }, // a custom metric: its own ops name its errors
  Mean: {
    make: () => new M.Mean(),
    use: (o, v) => { o.updateState(v(t)); o.updateState(v(t), v(w)); o.updateState(3); return [o.result(), o.call(v(x))]; },
    bad: (o) => o.updateState(t, wrong),
    name: 'Mean.updateState',
  },
  Sum: {
    make: () => new M.Sum(),
    use: (o, v) => { o.updateState(v(t), v(sw)); return o.result(); },
    bad: (o) => o.updateState(t, wrong),
    name: 'Sum.updateState',
  },
  MeanMetricWrapper: metricClass(() => new M.MeanMetricWrapper(M.mae), t, x, 'MeanMetricWrapper'),
  Accuracy: metricClass(() => new M.Accuracy(), idx, intsPred, 'Accuracy'),
  BinaryAccuracy: metricClass(() => new M.BinaryAccuracy({ threshold: 0.3 }), b01, p01, 'BinaryAccuracy'),
  CategoricalAccuracy: metricClass(() => new M.CategoricalAccuracy(), onehot, probs, 'CategoricalAccuracy'),
  SparseCategoricalAccuracy: metricClass(() => new M.SparseCategoricalAccuracy(), idx, probs, 'SparseCategoricalAccuracy'),
  MeanSquaredError: metricClass(() => new M.MeanSquaredError(), t, x, 'MeanSquaredError'),
  MeanAbsoluteError: metricClass(() => new M.MeanAbsoluteError(), t, x, 'MeanAbsoluteError'),
  BinaryCrossentropy: metricClass(() => new M.BinaryCrossentropy({ fromLogits: true }), b01, x, 'BinaryCrossentropy'),
  CategoricalCrossentropy: metricClass(() => new M.CategoricalCrossentropy(), onehot, probs, 'CategoricalCrossentropy'),
  SparseCategoricalCrossentropy: metricClass(() => new M.SparseCategoricalCrossentropy(), idx, probs, 'SparseCategoricalCrossentropy'),
  Precision: metricClass(() => new M.Precision({ classId: 1 }), b01, p01, 'Precision'),
  Recall: metricClass(() => new M.Recall(), b01, p01, 'Recall'),
  AUC: metricClass(() => new M.AUC({ numThresholds: 20 }), b01, p01, 'AUC'),
};
metricClasses.SparseCategoricalAccuracy.bad = (o) => o.updateState(t, probs);
metricClasses.SparseCategoricalCrossentropy.bad = (o) => o.updateState(idx, wrongRows);
metricClasses.Accuracy.bad = (o) => o.updateState(idx, wrongInts);
metricClasses.AUC.bad = (o) => o.updateState(t, wrong);
metricClasses.AUC.use = (o, v) => {
  o.updateState(v(b01), v(p01)); o.updateState(v(b01), v(p01), v(sw));
  const r = [o.result()];
  const pr = new M.AUC({ curve: 'PR', numThresholds: 20 });
  try { pr.updateState(v(b01), v(p01)); r.push(pr.result()); } finally { pr.dispose(); }
  return r;
};

// ---- the checks ---------------------------------------------------------------------------------------

/** Runs f and returns the change in live tensors and bytes once `dispose(f())` is done. */
function delta(f: () => unknown): { tensors: number; bytes: number } {
  const m0 = tf.memory();
  tf.dispose(f());
  const m1 = tf.memory();
  return { tensors: m1.numTensors - m0.numTensors, bytes: m1.numBytes - m0.numBytes };
}

/** Runs a call that must fail: the error (or null) and the memory change. */
function failing(f: () => unknown): { error: unknown; tensors: number; bytes: number } {
  let error: unknown = null;
  const d = delta(() => { try { return f(); } catch (e) { error = e; return null; } });
  return { error, ...d };
}

function checkModule(mod: string, exports: Record<string, unknown>, fns: Record<string, FnCase>, classes: Record<string, ClassCase>) {
  describe(`tf.${mod}`, () => {
    it('every exported function and class has an entry', () => {
      const missing = Object.keys(exports).filter((k) => typeof exports[k] === 'function' && !(k in (isClass(exports[k]) ? classes : fns)));
      expect(missing).toEqual([]);
      const stale = [...Object.keys(fns), ...Object.keys(classes)].filter((k) => typeof exports[k] !== 'function');
      expect(stale).toEqual([]);
    });

    for (const [key, c] of Object.entries(fns)) {
      it(`${key}: no tensors left behind, outside tidy, with tensors and JS arrays`, () => {
        const f = exports[key] as AnyFn;
        for (const v of [T, js]) {
          for (const args of c.calls(v)) {
            const d = delta(() => {
              const r = f(...args);
              if (args.includes(r)) throw new Error(`${key} returned its argument: disposing the result would dispose it`);
              return c.use ? [c.use(r, v)] : r;
            });
            expect(d, `${key}(${v === js ? 'JS arrays' : 'tensors'}, ${args.length} arguments)`).toEqual({ tensors: 0, bytes: 0 });
          }
        }
      });
      const bad = c.bad;
      if (typeof bad !== 'function') continue;
      it(`${key}: a shape mismatch is an Error naming it; nothing left behind`, () => {
        const f = exports[key] as AnyFn;
        const name = c.name ?? key;
        if (!c.use) expect(f.name, 'the function carries its name').toBe(name);
        for (const v of [T, js]) {
          const r = failing(() => {
            const args = bad(v);
            return c.use ? f(args[0]).fn(args[1], args[2]) : f(...args);
          });
          expect(r.error).toBeInstanceOf(Error);
          expect((r.error as Error).message.startsWith(`${name}: `), (r.error as Error).message).toBe(true);
          expect({ tensors: r.tensors, bytes: r.bytes }).toEqual({ tensors: 0, bytes: 0 });
        }
      });
    }

    for (const [key, c] of Object.entries(classes)) {
      it(`${key}: methods leave no tensors behind; a bad call is an Error naming the method`, () => {
        for (const v of [T, js]) {
          const obj = c.make();
          try {
            expect(delta(() => c.use(obj, v)), `${key} (${v === js ? 'JS arrays' : 'tensors'})`).toEqual({ tensors: 0, bytes: 0 });
            const r = failing(() => c.bad(obj));
            expect(r.error).toBeInstanceOf(Error);
            expect((r.error as Error).message.startsWith(`${c.name}: `), (r.error as Error).message).toBe(true);
            expect({ tensors: r.tensors, bytes: r.bytes }).toEqual({ tensors: 0, bytes: 0 });
          } finally {
            obj.dispose?.();
          }
        }
      });
    }
  });
}

checkModule('losses', tf.losses as unknown as Record<string, unknown>, lossFns, lossClasses);
checkModule('metrics', tf.metrics as unknown as Record<string, unknown>, metricFns, metricClasses);
