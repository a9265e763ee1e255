// tfjs-core's small composite ops: outerProduct, diag, movingAverage and the LSTM cells (basicLSTMCell,
// multiRNNCell). Each is a function of other ops, so its gradient comes from them.
import { convert, fmtShape, opError, type TensorLike } from '../core/convert.js';
import { composite } from '../core/op.js';
import { isTensor } from '../core/engine.js';
import type { Tensor } from '../core/tensor.js';
import { add, div, mul, sub } from './binary.js';
import { where } from './compare.js';
import { eye } from './create.js';
import { concat } from './join.js';
import { matMul } from './matmul.js';
import { pow } from './pow.js';
import { reshape } from './shape.js';
import { slice } from './slice.js';
import { sigmoid, tanh } from './unary.js';

/**
 * The outer product of two vectors: [m] and [n] give [m, n] with element (i, j) = v1[i] · v2[j].
 * @example tf.outerProduct([1, 2], [3, 4, 5])  // [[3, 4, 5], [6, 8, 10]]
 */
export const outerProduct = composite('outerProduct', {
  inputs: [{ name: 'v1', dtypes: ['float32', 'int32'] }, { name: 'v2', dtypes: ['float32', 'int32'] }], promote: 'match',
  forward: (v1: Tensor, v2: Tensor): Tensor => {
    if (v1.rank !== 1 || v2.rank !== 1) throw opError('outerProduct', `v1 and v2 must be rank 1, got ${fmtShape(v1.shape)} and ${fmtShape(v2.shape)}`);
    // a broadcast product, exact (no sums) and int32 for int32 vectors
    return mul(reshape(v1, [v1.size, 1]), reshape(v2, [1, v2.size]));
  },
});

/**
 * A tensor of shape [...x.shape, ...x.shape] with x on its diagonal and zeros elsewhere (tf.diag, TF's
 * tf.linalg.tensor_diag): element (i…, i…) is x[i…]. The gradient takes the diagonal back.
 * @example tf.diag([1, 2])  // [[1, 0], [0, 2]]
 */
export const diag = composite('diag', {
  inputs: [{ name: 'x', dtypes: ['float32', 'int32', 'bool'] }],
  forward: (x: Tensor): Tensor => {
    const n = x.size;
    const onDiag = eye(n, n, undefined, 'bool');
    const zero = x.dtype === 'bool' ? false : 0;
    return reshape(where(onDiag, reshape(x, [1, n]), zero), [...x.shape, ...x.shape]);
  },
});

/**
 * The moving average of v towards x with `decay` (tfjs movingAverage): v + (x − v)(1 − decay), divided by
 * 1 − decay^step when zeroDebias (the default; `step` is then required).
 * @example tf.movingAverage(v, x, 0.9, 3)
 */
export const movingAverage = composite('movingAverage', {
  inputs: [
    { name: 'v', dtypes: ['float32', 'int32'], cast: { int32: 'float32' } }, { name: 'x', dtypes: ['float32', 'int32'], cast: { int32: 'float32' } },
    { name: 'decay', dtypes: ['float32', 'int32'], cast: { int32: 'float32' } },
    { name: 'step', dtypes: ['float32', 'int32'], cast: { int32: 'float32' }, optional: true },
  ],
  forward: (v: Tensor, x: Tensor, decay: Tensor, step?: Tensor | null, zeroDebias = true): Tensor => {
    const op = 'movingAverage';
    if (v.rank !== x.rank || v.shape.some((d, i) => d !== x.shape[i])) throw opError(op, `v ${fmtShape(v.shape)} and x ${fmtShape(x.shape)} must have the same shape`);
    let update = mul(sub(x, v), sub(1, decay));
    if (zeroDebias) {
      if (step === null || step === undefined) throw opError(op, 'step is required when zeroDebias is true');
      update = div(update, sub(1, pow(decay, step)));
    }
    return add(v, update);
  },
});

/**
 * One step of a basic LSTM cell (tfjs basicLSTMCell): [data, h] · lstmKernel + lstmBias split into the input
 * gate i, new input j, forget gate f and output gate o; c' = σ(i)·tanh(j) + c·σ(f + forgetBias),
 * h' = tanh(c')·σ(o). data is [batch, inputSize], c and h [batch, units], lstmKernel
 * [inputSize + units, 4·units], lstmBias [4·units]. Returns [c', h'].
 */
export const basicLSTMCell = composite('basicLSTMCell', {
  inputs: ['forgetBias', 'lstmKernel', 'lstmBias', 'data', 'c', 'h'].map((name) => ({ name, dtypes: ['float32', 'int32'] as const, cast: { int32: 'float32' as const } })),
  forward: (forgetBias: Tensor, lstmKernel: Tensor, lstmBias: Tensor, data: Tensor, c: Tensor, h: Tensor): [Tensor, Tensor] => {
    const op = 'basicLSTMCell';
    if (data.rank !== 2 || h.rank !== 2 || c.rank !== 2) {
      throw opError(op, `data, c and h must be rank 2 ([batch, size]), got ${fmtShape(data.shape)}, ${fmtShape(c.shape)} and ${fmtShape(h.shape)}`);
    }
    const [batch, inSize] = data.shape, units = h.shape[1];
    if (h.shape[0] !== batch || c.shape[0] !== batch || c.shape[1] !== units) {
      throw opError(op, `c ${fmtShape(c.shape)} and h ${fmtShape(h.shape)} must be [batch, units] with data's batch ${batch}`);
    }
    if (lstmKernel.rank !== 2 || lstmKernel.shape[0] !== inSize + units || lstmKernel.shape[1] !== 4 * units) {
      throw opError(op, `lstmKernel must be [${inSize + units}, ${4 * units}] (data's size + units, 4·units), got ${fmtShape(lstmKernel.shape)}`);
    }
    const res = add(matMul(concat([data, h], 1), lstmKernel), lstmBias);
    if (res.rank !== 2 || res.shape[0] !== batch || res.shape[1] !== 4 * units) {
      throw opError(op, `lstmBias ${fmtShape(lstmBias.shape)} must broadcast to [${batch}, ${4 * units}]`);
    }
    const gate = (k: number) => slice(res, [0, k * units], [batch, units]);
    const newC = add(mul(sigmoid(gate(0)), tanh(gate(1))), mul(c, sigmoid(add(forgetBias, gate(2)))));
    const newH = mul(tanh(newC), sigmoid(gate(3)));
    return [newC, newH];
  },
});

/** A cell of multiRNNCell: (input, c, h) → [c', h'] (e.g. a basicLSTMCell with its weights bound). */
export type LSTMCellFunc = (data: Tensor, c: Tensor, h: Tensor) => [Tensor, Tensor];

/**
 * Runs a stack of LSTM cells for one step (tfjs multiRNNCell): cell k takes the h' of cell k − 1 (data for
 * the first) with its state c[k], h[k]. Returns [[c'…], [h'…]].
 */
export const multiRNNCell = composite('multiRNNCell', {
  inputs: [],
  forward: (lstmCells: LSTMCellFunc[], data: TensorLike, c: TensorLike[], h: TensorLike[]): [Tensor[], Tensor[]] => {
    const op = 'multiRNNCell';
    if (!Array.isArray(lstmCells) || lstmCells.some((f) => typeof f !== 'function')) throw opError(op, 'lstmCells must be an array of functions');
    if (!Array.isArray(c) || !Array.isArray(h) || c.length !== lstmCells.length || h.length !== lstmCells.length) {
      throw opError(op, `c and h must be arrays of one state per cell (${lstmCells.length}), got ${Array.isArray(c) ? c.length : typeof c} and ${Array.isArray(h) ? h.length : typeof h}`);
    }
    let input = convert(data, 'data', op);
    const cs = c.map((t, i) => convert(t, `c[${i}]`, op)), hs = h.map((t, i) => convert(t, `h[${i}]`, op));
    const newC: Tensor[] = [], newH: Tensor[] = [];
    lstmCells.forEach((cell, i) => {
      const out = cell(input, cs[i], hs[i]);
      if (!Array.isArray(out) || out.length !== 2 || !isTensor(out[0]) || !isTensor(out[1])) throw opError(op, `lstmCells[${i}] must return [c, h] tensors`);
      newC.push(out[0]);
      newH.push(out[1]);
      input = out[1];
    });
    return [newC, newH];
  },
});
