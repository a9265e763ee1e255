// Merge layers (Keras merging/, tfjs-layers merge.ts): Add, Subtract, Multiply, Average, Maximum, Minimum,
// Concatenate and Dot, each applied to a list of tensors. The elementwise ones broadcast as tfjs/Keras'
// _Merge: inputs of lower rank get axes of size 1 inserted after the batch axis until the ranks agree,
// then the op broadcasts. Masks (Keras): the elementwise layers AND their inputs' masks; Concatenate
// concatenates them (unmasked inputs count as all true); Dot gives none. Gradients come from the ops.
import type { Tensor } from '../core/tensor.js';
import { add, div, maximum, minimum, mul, sub } from '../ops/binary.js';
import { concat } from '../ops/join.js';
import { matMul } from '../ops/matmul.js';
import { all, sum } from '../ops/reduce.js';
import { broadcastTo, cast, expandDims, reshape, transpose } from '../ops/shape.js';
import { sqrt } from '../ops/unary.js';
import { logicalAnd } from '../ops/compare.js';
import { describeArg, isSymbolic, Layer, type LayerArgs, type Shape, type SymbolicTensor } from './layer.js';
import { fmt } from './utils.js';

const isShapeList = (s: Shape | Shape[]): s is Shape[] => Array.isArray(s) && s.length > 0 && Array.isArray(s[0]);

/** Broadcast of two shapes without batch axis, aligned on the right (tfjs computeElementwiseOpOutputShape). */
function broadcastShape(layer: string, a: Shape, b: Shape): Shape {
  if (a.length < b.length) return broadcastShape(layer, b, a);
  const out = a.slice(0, a.length - b.length);
  for (let k = 0; k < b.length; k++) {
    const i = a[a.length - b.length + k], j = b[k];
    if (i === null || j === null) out.push(i === 1 ? j : j === 1 ? i : null);
    else if (i === 1) out.push(j);
    else if (j === 1 || i === j) out.push(i);
    else throw new Error(`${layer}: inputs of shapes [${a}] and [${b}] (without the batch axis) cannot be broadcast together`);
  }
  return out;
}

/**
 * The base of the merge layers: takes a list of ≥ 2 tensors (a multi-input layer), checks the shapes when
 * built and brings lower-rank inputs to the highest rank before mergeFunction.
 */
export abstract class Merge extends Layer {
  static multiInput = true;
  supportsMasking = true;
  /** Exactly this many inputs (Subtract, Dot: 2), or null for ≥ 2. */
  protected readonly arity: number | null = null;

  constructor(args: LayerArgs = {}) { super(args ?? {}); }

  /** The elementwise merge of same-rank tensors. */
  protected abstract mergeFunction(inputs: Tensor[]): Tensor;

  /** The input shapes as a list, checked: a list of the right length, one batch size. */
  protected shapes(inputShape: Shape | Shape[]): Shape[] {
    if (!isShapeList(inputShape)) {
      throw new Error(`${this.name}: a merge layer must be called on a list of at least 2 inputs, got one input of shape ${fmt(inputShape as Shape)}`);
    }
    const n = inputShape.length;
    if (this.arity !== null ? n !== this.arity : n < 2) {
      throw new Error(`${this.name}: expects ${this.arity ?? 'at least 2'} inputs, got ${n}`);
    }
    const batches = new Set(inputShape.map((s) => s[0]).filter((d) => d !== null));
    if (batches.size > 1) throw new Error(`${this.name}: cannot merge tensors with different batch sizes, got shapes ${inputShape.map(fmt).join(', ')}`);
    return inputShape;
  }

  build(inputShape: Shape | Shape[]): void {
    // (a single shape: the first input's only, from a caller that passes no list; call() checks the tensors)
    if (isShapeList(inputShape)) this.computeOutputShape(inputShape);
    this.built = true;
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = this.shapes(inputShape);
    let out = shapes[0].slice(1);
    for (const s of shapes.slice(1)) out = broadcastShape(this.name, out, s.slice(1));
    const batch = shapes.map((s) => s[0]).find((d) => d !== null) ?? null;
    return [batch, ...out];
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    const xs = this.tensors(inputs);
    this.computeOutputShape(xs.map((x) => x.shape));
    const r = Math.max(...xs.map((x) => x.rank));
    // lower-rank inputs get size-1 axes after the batch axis (tfjs, Keras 2)
    return this.mergeFunction(xs.map((x) => (x.rank < r ? reshape(x, [x.shape[0], ...new Array<number>(r - x.rank).fill(1), ...x.shape.slice(1)]) : x)));
  }

  protected tensors(inputs: Tensor | Tensor[]): Tensor[] {
    if (!Array.isArray(inputs)) throw new Error(`${this.name}: a merge layer must be called on a list of at least 2 inputs, got one tensor of shape [${inputs.shape}]`);
    return inputs;
  }

  /** The AND of the inputs' masks (null where no input has one). */
  computeMask(inputs: Tensor | Tensor[], mask?: Tensor | Tensor[] | null): Tensor | null {
    if (mask === null || mask === undefined) return null;
    const ms = (Array.isArray(mask) ? mask : [mask]).filter((m): m is Tensor => m !== null && m !== undefined);
    if (ms.length === 0) return null;
    return ms.map((m) => (m.dtype === 'bool' ? m : cast(m, 'bool'))).reduce((a, b) => logicalAnd(a, b));
  }
}

/** Sum of the inputs (Keras Add). @example tf.layers.add().apply([a, b]) */
export class Add extends Merge {
  static className = 'Add';
  protected mergeFunction(xs: Tensor[]): Tensor { return xs.slice(1).reduce((a, b) => add(a, b), xs[0]); }
}

/** The first input minus the second (Keras Subtract; tfjs has none). @example tf.layers.subtract().apply([a, b]) */
export class Subtract extends Merge {
  static className = 'Subtract';
  protected readonly arity = 2;
  protected mergeFunction(xs: Tensor[]): Tensor { return sub(xs[0], xs[1]); }
}

/** Elementwise product of the inputs (Keras Multiply). */
export class Multiply extends Merge {
  static className = 'Multiply';
  protected mergeFunction(xs: Tensor[]): Tensor { return xs.slice(1).reduce((a, b) => mul(a, b), xs[0]); }
}

/** Mean of the inputs (Keras Average). */
export class Average extends Merge {
  static className = 'Average';
  protected mergeFunction(xs: Tensor[]): Tensor { return mul(xs.slice(1).reduce((a, b) => add(a, b), xs[0]), 1 / xs.length); }
}

/** Elementwise maximum of the inputs (Keras Maximum). */
export class Maximum extends Merge {
  static className = 'Maximum';
  protected mergeFunction(xs: Tensor[]): Tensor { return xs.slice(1).reduce((a, b) => maximum(a, b), xs[0]); }
}

/** Elementwise minimum of the inputs (Keras Minimum). */
export class Minimum extends Merge {
  static className = 'Minimum';
  protected mergeFunction(xs: Tensor[]): Tensor { return xs.slice(1).reduce((a, b) => minimum(a, b), xs[0]); }
}

export interface ConcatenateArgs extends LayerArgs {
  /** The axis to concatenate along (default -1); the other axes must agree. */
  axis?: number;
}

/**
 * Joins the inputs along an axis (Keras Concatenate).
 * @example tf.layers.concatenate({axis: -1}).apply([a, b])  // [b, 3] and [b, 4] → [b, 7]
 */
export class Concatenate extends Merge {
  static className = 'Concatenate';
  readonly axis: number;

  constructor(args: ConcatenateArgs = {}) {
    super(args);
    const axis = args?.axis ?? -1;
    if (!Number.isInteger(axis)) throw new Error(`${this.name}: axis must be an integer, got ${describeArg(args.axis)}`);
    this.axis = axis;
  }

  private resolve(rank: number): number {
    const ax = this.axis < 0 ? this.axis + rank : this.axis;
    if (ax < 0 || ax >= rank) throw new Error(`${this.name}: axis ${this.axis} is out of range for inputs of rank ${rank}`);
    if (ax === 0) throw new Error(`${this.name}: cannot concatenate along the batch axis (axis ${this.axis})`);
    return ax;
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = this.shapes(inputShape), r = shapes[0].length;
    if (shapes.some((s) => s.length !== r)) throw new Error(`${this.name}: inputs must have the same rank, got shapes ${shapes.map(fmt).join(', ')}`);
    const ax = this.resolve(r), out = shapes[0].slice();
    for (let i = 0; i < r; i++) {
      if (i === ax) continue;
      const known = shapes.map((s) => s[i]).filter((d) => d !== null);
      if (new Set(known).size > 1) {
        throw new Error(`${this.name}: inputs must match except along the concatenation axis ${this.axis}, got shapes ${shapes.map(fmt).join(', ')}`);
      }
      out[i] = known[0] ?? null;
    }
    out[ax] = shapes.some((s) => s[ax] === null) ? null : shapes.reduce((n, s) => n + (s[ax] as number), 0);
    return out;
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    const xs = this.tensors(inputs);
    this.computeOutputShape(xs.map((x) => x.shape));
    return this.mergeFunction(xs);
  }

  protected mergeFunction(xs: Tensor[]): Tensor { return concat(xs, this.resolve(xs[0].rank)); }

  /** The inputs' masks (all true for an unmasked input) concatenated, then ANDed over the last axis (tfjs). */
  computeMask(inputs: Tensor | Tensor[], mask?: Tensor | Tensor[] | null): Tensor | null {
    if (mask === null || mask === undefined) return null;
    const xs = this.tensors(inputs), ms = Array.isArray(mask) ? mask : [mask];
    if (ms.every((m) => m === null || m === undefined)) return null;
    if (ms.length !== xs.length) throw new Error(`${this.name}: got ${ms.length} masks for ${xs.length} inputs`);
    const full = xs.map((x, i) => {
      const m = ms[i];
      if (m === null || m === undefined) return broadcastTo(cast(1, 'bool'), x.shape);
      const b = m.dtype === 'bool' ? m : cast(m, 'bool');
      return b.rank < x.rank ? broadcastTo(expandDims(b, -1), x.shape) : b;
    });
    return all(concat(full, this.resolve(xs[0].rank)), -1);
  }

  getConfig(): Record<string, unknown> { return { ...super.getConfig(), axis: this.axis }; }
}

export interface DotArgs extends LayerArgs {
  /** The axis (the same in both inputs) or the pair of axes to contract; not the batch axis. */
  axes: number | [number, number];
  /** L2-normalise both inputs along the axes first: the output is then the cosine proximity. */
  normalize?: boolean;
}

/**
 * The dot product of two inputs per example along the given axes (Keras Dot, tfjs batchDot):
 * [b, m] · [b, m] → [b, 1] over axes 1; [b, n, k] · [b, k, m] → [b, n, m] over axes [2, 1].
 * @example tf.layers.dot({axes: -1, normalize: true}).apply([a, b])  // cosine similarity
 */
export class Dot extends Merge {
  static className = 'Dot';
  protected readonly arity = 2;
  readonly axes: number | [number, number];
  readonly normalize: boolean;

  constructor(args: DotArgs) {
    super(args);
    const axes = args?.axes;
    const ok = Number.isInteger(axes) || (Array.isArray(axes) && axes.length === 2 && axes.every((a) => Number.isInteger(a)));
    if (!ok) throw new Error(`${this.name}: axes must be an integer or a pair of integers, got ${describeArg(axes)}`);
    this.axes = Array.isArray(axes) ? [axes[0], axes[1]] : axes;
    this.normalize = args.normalize ?? false;
    if (typeof this.normalize !== 'boolean') throw new Error(`${this.name}: normalize must be true or false, got ${describeArg(args.normalize)}`);
  }

  private resolveAxes(r1: number, r2: number): [number, number] {
    const [a, b] = Array.isArray(this.axes) ? this.axes : [this.axes, this.axes];
    const res = (ax: number, r: number, which: string) => {
      const v = ax < 0 ? ax + r : ax;
      if (v < 0 || v >= r) throw new Error(`${this.name}: axis ${ax} is out of range for the ${which} input (rank ${r})`);
      if (v === 0) throw new Error(`${this.name}: cannot take the dot product over the batch axis (axes ${describeArg(this.axes)})`);
      return v;
    };
    return [res(a, r1, 'first'), res(b, r2, 'second')];
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [s1, s2] = this.shapes(inputShape);
    if (s1.length < 2 || s2.length < 2) throw new Error(`${this.name}: inputs must have rank ≥ 2, got shapes ${fmt(s1)} and ${fmt(s2)}`);
    const [a1, a2] = this.resolveAxes(s1.length, s2.length);
    if (s1[a1] !== null && s2[a2] !== null && s1[a1] !== s2[a2]) {
      throw new Error(`${this.name}: the dot axes differ in size: ${s1[a1]} (axis ${a1} of ${fmt(s1)}) ≠ ${s2[a2]} (axis ${a2} of ${fmt(s2)})`);
    }
    const out = [s1[0] ?? s2[0], ...s1.filter((_, i) => i !== 0 && i !== a1), ...s2.filter((_, i) => i !== 0 && i !== a2)];
    return out.length === 1 ? [out[0], 1] : out;
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    const xs = this.tensors(inputs);
    this.computeOutputShape(xs.map((x) => x.shape));
    return this.mergeFunction(xs);
  }

  protected mergeFunction([x0, y0]: Tensor[]): Tensor {
    const [a1, a2] = this.resolveAxes(x0.rank, y0.rank);
    const x = this.normalize ? l2Normalize(x0, a1) : x0, y = this.normalize ? l2Normalize(y0, a2) : y0;
    // x → [b, m, k] (contracted axis last), y → [b, k, n] (contracted axis after the batch), one batched matMul
    const B = x.shape[0], k = x.shape[a1];
    const xRest = x.shape.filter((_, i) => i !== 0 && i !== a1), yRest = y.shape.filter((_, i) => i !== 0 && i !== a2);
    const prod = (s: number[]) => s.reduce((p, d) => p * d, 1);
    const xt = reshape(transpose(x, [0, ...[...x.shape.keys()].filter((i) => i !== 0 && i !== a1), a1]), [B, prod(xRest), k]);
    const yt = reshape(transpose(y, [0, a2, ...[...y.shape.keys()].filter((i) => i !== 0 && i !== a2)]), [B, k, prod(yRest)]);
    const out = [...xRest, ...yRest];
    return reshape(matMul(xt, yt), [B, ...(out.length === 0 ? [1] : out)]);
  }

  computeMask(): Tensor | null { return null; }

  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axes: Array.isArray(this.axes) ? this.axes.slice() : this.axes, normalize: this.normalize };
  }
}

/** x / sqrt(max(Σx², 1e-7)) along an axis (tfjs' l2Normalize with its epsilon). */
function l2Normalize(x: Tensor, axis: number): Tensor {
  return div(x, sqrt(maximum(sum(mul(x, x), axis, true), 1e-7)));
}

type MergeInputs = Tensor[] | SymbolicTensor[];

/**
 * tfjs' merge factories: with a config (or nothing) they make the layer; with a list of tensors or symbolic
 * tensors they make a default layer and apply it at once.
 */
export function mergeFactory<A extends LayerArgs, L extends Merge>(make: (args?: A) => L) {
  function f(inputs: Tensor[]): Tensor;
  function f(inputs: SymbolicTensor[]): SymbolicTensor;
  function f(args?: A): L;
  function f(arg?: A | MergeInputs): L | Tensor | SymbolicTensor {
    if (Array.isArray(arg)) {
      const layer = make();
      return isSymbolic(arg) ? layer.apply(arg as SymbolicTensor[]) as SymbolicTensor : layer.apply(arg as Tensor[]) as Tensor;
    }
    return make(arg);
  }
  return f;
}
