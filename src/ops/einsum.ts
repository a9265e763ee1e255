// einsum with tfjs's subset of numpy's notation: one or two operands, an explicit '->', no ellipsis, no
// label repeated within an operand. Two float32 operands contract as one batched matMul (the GEMM):
// labels are sorted into batch (both operands and the output), contracted (both, not the output) and
// free (one operand and the output); labels of one operand that appear nowhere else are summed first.
// A composite, so its gradient comes from transpose, reshape, sum and matMul.
import { fmtShape, opError, sizeOf, type TensorLike } from '../core/convert.js';
import { composite } from '../core/op.js';
import { Tensor } from '../core/tensor.js';
import { mul } from './binary.js';
import { matMul } from './matmul.js';
import { sum } from './reduce.js';
import { reshape, transpose } from './shape.js';

const NAME = 'einsum';

function parse(equation: string, n: number): { ins: string[]; out: string } {
  if (typeof equation !== 'string') throw opError(NAME, `equation must be a string, got ${String(equation)}`);
  const eq = equation.replace(/\s+/g, '');
  const arrows = eq.split('->').length - 1;
  if (arrows === 0) throw opError(NAME, `equations without an arrow ('->') are not supported: '${equation}'`);
  if (arrows > 1) throw opError(NAME, `the equation must contain exactly one arrow ('->'): '${equation}'`);
  if (eq.includes('.')) throw opError(NAME, `the ellipsis ('...') is not supported: '${equation}'`);
  const [lhs, out] = eq.split('->');
  const ins = lhs.split(',');
  if (ins.length !== n) throw opError(NAME, `the equation has ${ins.length} input terms, but ${n} tensors were given`);
  if (n > 2) throw opError(NAME, `more than 2 input tensors are not supported (got ${n})`);
  for (const term of [...ins, out]) {
    if (!/^[a-zA-Z]*$/.test(term)) throw opError(NAME, `subscripts must be letters, got '${term}' in '${equation}'`);
  }
  for (const term of ins) {
    if (new Set(term).size !== term.length) throw opError(NAME, `duplicate axes in input term '${term}' are not supported`);
  }
  if (new Set(out).size !== out.length) throw opError(NAME, `the output term '${out}' repeats a label`);
  for (const l of out) {
    if (!ins.some((t) => t.includes(l))) throw opError(NAME, `output subscript '${l}' does not appear in the input terms`);
  }
  return { ins, out };
}

/** Sums x (labels `term`) over the labels not in `keep`; returns the tensor and its remaining labels. */
function sumOut(x: Tensor, term: string, keep: string): [Tensor, string] {
  const axes = [...term].flatMap((l, i) => (keep.includes(l) ? [] : [i]));
  if (axes.length === 0) return [x, term];
  return [sum(x, axes), [...term].filter((l) => keep.includes(l)).join('')];
}

/** x (labels `term`) with its axes in the order of `to` (a permutation of term). */
function arrange(x: Tensor, term: string, to: string): Tensor {
  if (term === to) return x;
  return transpose(x, [...to].map((l) => term.indexOf(l)));
}

function einsumImpl(equation: string, xs: Tensor[]): Tensor {
  const { ins, out } = parse(equation, xs.length);
  const dims = new Map<string, number>();
  ins.forEach((term, k) => {
    const x = xs[k];
    if (x.rank !== term.length) throw opError(NAME, `input term '${term}' has ${term.length} labels but tensor ${k} has shape ${fmtShape(x.shape)}`);
    [...term].forEach((l, i) => {
      const d = dims.get(l);
      if (d !== undefined && d !== x.shape[i]) {
        throw opError(NAME, `label '${l}' is ${d} in one place and ${x.shape[i]} in another (shapes ${xs.map((t) => fmtShape(t.shape)).join(', ')})`);
      }
      dims.set(l, x.shape[i]);
    });
  });
  if (xs.length === 1) {
    const [y, t] = sumOut(xs[0], ins[0], out);
    return arrange(y, t, out);
  }
  // labels of one operand seen nowhere else are summed away first
  const [a0, ta] = sumOut(xs[0], ins[0], out + ins[1]);
  const [b0, tb] = sumOut(xs[1], ins[1], out + ins[0]);
  const batch = [...out].filter((l) => ta.includes(l) && tb.includes(l)).join('');
  const contr = [...ta].filter((l) => tb.includes(l) && !out.includes(l)).join('');
  const fa = [...ta].filter((l) => !tb.includes(l)).join('');
  const fb = [...tb].filter((l) => !ta.includes(l)).join('');
  const size = (ls: string) => sizeOf([...ls].map((l) => dims.get(l)!));
  const shapeOf = (ls: string) => [...ls].map((l) => dims.get(l)!);
  let y: Tensor;
  const prodLabels = batch + fa + fb;
  if (a0.dtype === 'float32' && b0.dtype === 'float32') {
    const a = reshape(arrange(a0, ta, batch + fa + contr), [size(batch), size(fa), size(contr)]);
    const b = reshape(arrange(b0, tb, batch + contr + fb), [size(batch), size(contr), size(fb)]);
    y = reshape(matMul(a, b), shapeOf(prodLabels));
  } else {
    // int32 (the GEMM is float32): broadcast product, then the sum over the contracted labels
    const all = batch + fa + fb + contr;
    const view = (x: Tensor, t: string) => reshape(arrange(x, t, [...all].filter((l) => t.includes(l)).join('')),
      [...all].map((l) => (t.includes(l) ? dims.get(l)! : 1)));
    y = mul(view(a0, ta), view(b0, tb));
    if (contr.length > 0) y = sum(y, [...contr].map((_, i) => prodLabels.length + i));
  }
  return arrange(y, prodLabels, out);
}

const einsumOp = composite(NAME, {
  inputs: [{ name: 'tensors', list: true, dtypes: ['float32', 'int32'] }], promote: 'match',
  forward: (tensors: Tensor[], equation: string): Tensor => einsumImpl(equation, tensors),
});

/**
 * Einstein summation over one or two tensors (tfjs's tf.einsum): 'ij,jk->ik' (matMul), 'i,i->' (dot),
 * 'bij,bjk->bik', 'ij->ji', 'ij->' … A contraction of two float32 tensors runs as one batched matMul.
 * @example tf.einsum('ij,jk->ik', a, b)
 */
export function einsum(equation: string, ...tensors: TensorLike[]): Tensor {
  return einsumOp(tensors, equation);
}
