// A Dense layer's x·W + b (and relu) as one primitive: one GEMM with the bias and relu in its epilogue, and one tape
// node, where the layer's ops (matMul, add, relu) make three ops and three nodes per layer and training step. The
// same float32 operations in the same order as those ops, forward and backward, so training gives the same bits
// (test/models/fit-bits.test.ts): the epilogue adds the bias to the finished product and applies relu, as add and
// relu after matMul do; the gradient is relu's (reluGrad on the output: y > 0 exactly where x·W + b > 0), then
// matMul's two products and add's bias gradient (dz summed to the bias's shape by the seam).
import { Unary } from '../backend/abi.js';
import { fmtShape, opError } from '../core/convert.js';
import { op, type Grads } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { reluGrad } from './binary.js';
import { gemmRaw, matMul, NO_ACT } from './matmul.js';

/** @internal The activations dense() applies itself (others run after it, as ops). */
export type DenseActivation = 'relu' | 'linear';

/**
 * @internal act(x·kernel + bias) for x [batch, in], kernel [in, units], bias [units] or null: a Dense layer's step
 * as one op (layers/core.ts); act 'relu' or 'linear'.
 */
export const dense = op('dense', {
  inputs: [{ name: 'x', dtypes: ['float32'] }, { name: 'kernel', dtypes: ['float32'] }, { name: 'bias', dtypes: ['float32'], optional: true }],
  save: 'both',
  forward: (x: Tensor, kernel: Tensor, bias: Tensor | null, act: DenseActivation): Tensor => {
    const inDim = kernel.shape[0], units = kernel.shape[1];
    if (x.rank !== 2 || kernel.rank !== 2 || x.shape[1] !== inDim || (bias !== null && (bias.rank !== 1 || bias.size !== units))) {
      throw opError('dense', `x ${fmtShape(x.shape)}, kernel ${fmtShape(kernel.shape)} and bias ${bias === null ? 'null' : fmtShape(bias.shape)} ` +
        'do not fit: x [batch, in], kernel [in, units], bias [units]');
    }
    const y = new Tensor([x.shape[0], units], 'float32');
    if (y.size > 0) {
      gemmRaw(x.shape[0], units, inDim, x.ptr, inDim, 1, kernel.ptr, units, 1, y.ptr, false, bias === null ? 0 : bias.ptr,
        act === 'relu' ? Unary.relu : NO_ACT);
    }
    return y;
  },
  grad: (dy, y, [x, kernel, bias, act], [needX, needKernel, needBias]): Grads => {
    const dz = act === 'relu' ? reluGrad(dy, y) : dy;
    const g = [needX ? matMul(dz, kernel, false, true) : null, needKernel ? matMul(x, dz, true, false) : null];
    // one gradient per tensor input: a null bias is not one
    if (bias !== null) g.push(needBias ? dz : null);
    return g;
  },
});
