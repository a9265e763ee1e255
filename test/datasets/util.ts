// Checksums shared by the dataset tests.
import type { tf } from '../helpers.js';

export function sum(d: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < d.length; i++) s += d[i];
  return s;
}
/** How many labels of each class 0..9. */
export function counts(y: tf.Tensor): number[] {
  const c = new Array<number>(10).fill(0);
  for (const v of y.dataSync()) c[v]++;
  return c;
}
/** Pixel sum of image i of x's values. */
export const imageSum = (x: Float32Array | Int32Array | Uint8Array, i: number) => sum(x.subarray(i * 784, (i + 1) * 784));
