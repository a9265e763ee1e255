// tfjs's TensorBuffer: a mutable JS-side array with a shape, read and written by coordinates, made into a
// tensor with toTensor(). tf.buffer() makes one; tensor.bufferSync() copies a tensor into one.
import { checkDtypeName, type DType } from './dtype.js';
import { checkShape, fmtShape, opError, sizeOf, writeValues } from './convert.js';
import { Tensor, type DataTypeMap, type Rank } from './tensor.js';

/**
 * A mutable buffer of values with a shape and dtype (tfjs TensorBuffer): `set(value, ...coords)`,
 * `get(...coords)`, then `toTensor()`.
 */
/** The dtypes a TensorBuffer holds (string and complex64 tensors have no buffer in ascent yet). */
export type BufferDType = 'float32' | 'int32' | 'bool';

export class TensorBuffer<R extends Rank = Rank, D extends BufferDType = BufferDType> {
  /** The buffer's shape. */
  readonly shape: number[];
  /** The dtype of the values. */
  readonly dtype: D;
  /** The number of elements. */
  readonly size: number;
  /** Row-major strides of every axis but the last (tfjs). */
  readonly strides: number[];
  /** The values, row-major (Float32Array, Int32Array, or Uint8Array for bool). */
  values: DataTypeMap[D];

  constructor(shape: number[], dtype: D, values?: DataTypeMap[D]) {
    this.shape = checkShape('buffer', shape);
    this.dtype = checkDtypeName('buffer', dtype) as D;
    this.size = sizeOf(this.shape);
    this.strides = new Array<number>(Math.max(this.shape.length - 1, 0));
    let s = 1;
    for (let i = this.shape.length - 1; i > 0; i--) { s *= this.shape[i]; this.strides[i - 1] = s; }
    if (values !== undefined && values !== null) {
      if (!ArrayBuffer.isView(values) && !Array.isArray(values)) throw opError('buffer', `values must be a TypedArray, got ${typeof values}`);
      if (values.length !== this.size) {
        throw opError('buffer', `values has ${values.length} elements, the shape ${fmtShape(this.shape)} needs ${this.size}`);
      }
      this.values = values;
    } else {
      this.values = (this.dtype === 'float32' ? new Float32Array(this.size) : this.dtype === 'int32' ? new Int32Array(this.size) : new Uint8Array(this.size)) as DataTypeMap[D];
    }
  }

  /** The number of axes. */
  get rank(): number { return this.shape.length; }

  /** Writes `value` at the coordinates `locs` (one per axis; none for a scalar). */
  set(value: number | boolean, ...locs: number[]): void {
    if (locs.length === 0) locs = [0];
    this.values[this.locToIndex(this.check('set', locs))] = Number(value);
  }

  /** The value at the coordinates `locs` (one per axis; none for a scalar). */
  get(...locs: number[]): number {
    if (locs.length === 0) locs = [0];
    return this.values[this.locToIndex(this.check('get', locs))];
  }

  /** The flat (row-major) index of coordinates. */
  locToIndex(locs: number[]): number {
    if (this.rank === 0) return 0;
    let index = locs[locs.length - 1];
    for (let i = 0; i < locs.length - 1; i++) index += this.strides[i] * locs[i];
    return index;
  }

  /** The coordinates of a flat (row-major) index. */
  indexToLoc(index: number): number[] {
    if (this.rank === 0) return [];
    const locs = new Array<number>(this.rank);
    for (let i = 0; i < this.rank - 1; i++) {
      locs[i] = Math.floor(index / this.strides[i]);
      index -= locs[i] * this.strides[i];
    }
    locs[this.rank - 1] = index;
    return locs;
  }

  /** A tensor of the buffer's current values. */
  toTensor(): Tensor<R> {
    const t = new Tensor<R>(this.shape.slice(), this.dtype);
    writeValues(t, this.values);
    return t;
  }

  private check(what: 'get' | 'set', locs: number[]): number[] {
    const rank = Math.max(this.rank, 1);
    if (locs.length !== rank) throw opError(`buffer.${what}`, `${locs.length} coordinates given for a buffer of rank ${this.rank} (shape ${fmtShape(this.shape)})`);
    locs.forEach((l, i) => {
      const n = this.rank === 0 ? 1 : this.shape[i];
      if (typeof l !== 'number' || !Number.isInteger(l) || l < 0 || l >= n) {
        throw opError(`buffer.${what}`, `coordinates [${locs.join(',')}] are out of range for shape ${fmtShape(this.shape)}`);
      }
    });
    return locs;
  }
}

/**
 * A TensorBuffer of `shape` (zeros, or over the given `values`, which it then shares): set values by
 * coordinates, then toTensor().
 * @example const b = tf.buffer([2, 2]); b.set(3, 0, 1); b.toTensor()  // [[0, 3], [0, 0]]
 */
export function buffer<R extends Rank = Rank, D extends BufferDType = 'float32'>(shape: number[], dtype: D = 'float32' as D, values?: DataTypeMap[D]): TensorBuffer<R, D> {
  return new TensorBuffer<R, D>(shape, dtype, values);
}
