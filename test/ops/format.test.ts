// toString: TensorFlow 2's str(tensor), i.e. `tf.Tensor(<numpy str(ndarray)>, shape=…, dtype=…)`. Every
// expected string below was produced by numpy 2.4 (str of the same float32/int32/bool values; for
// scalars with legacy='2.2', the float32 scalar rule of the numpy versions TensorFlow 2 pins: numpy 2.3
// prints float32 scalars from 1e6 up in exponent notation, so 1e6 ≤ |x| < 1e16 is left out here).
import { describe, expect, it } from 'vitest';
import { tf } from '../helpers.js';

const seq = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

type Case = [name: string, make: () => tf.Tensor, expected: string];

describe("TensorFlow 2 examples and dtypes", () => {
  const cases: Case[] = [
    ["seed [[5.]]", () => tf.tensor([[5]]),
      "tf.Tensor([[5.]], shape=(1, 1), dtype=float32)"],
    ["2x2 padded fractions", () => tf.tensor([[1.5, 2.25], [3, 4]]),
      "tf.Tensor(\n[[1.5  2.25]\n [3.   4.  ]], shape=(2, 2), dtype=float32)"],
    ["int32 vector", () => tf.tensor([1, 2, 3], undefined, 'int32'),
      "tf.Tensor([1 2 3], shape=(3,), dtype=int32)"],
    ["bool vector", () => tf.tensor([true, false]),
      "tf.Tensor([ True False], shape=(2,), dtype=bool)"],
    ["bool all true", () => tf.tensor([true, true]),
      "tf.Tensor([ True  True], shape=(2,), dtype=bool)"],
    ["bool 2-D", () => tf.tensor([[false, true], [true, true]]),
      "tf.Tensor(\n[[False  True]\n [ True  True]], shape=(2, 2), dtype=bool)"],
    ["negative ints", () => tf.tensor([-1, 10, -100], undefined, 'int32'),
      "tf.Tensor([  -1   10 -100], shape=(3,), dtype=int32)"],
  ];
  for (const [name, make, expected] of cases) {
    it(name, () => { expect(make().toString()).toBe(expected); });
  }
});

describe("positional floats: shortest float32 digits, common fraction width, at most 8 digits (ties to even)", () => {
  const cases: Case[] = [
    ["positional signs", () => tf.tensor([-1.5, 100.25]),
      "tf.Tensor([ -1.5  100.25], shape=(2,), dtype=float32)"],
    ["thirds", () => tf.tensor([1 / 3, 2 / 3, 1]),
      "tf.Tensor([0.33333334 0.6666667  1.        ], shape=(3,), dtype=float32)"],
    ["tenths", () => tf.tensor([0.1, 0.2, 0.3]),
      "tf.Tensor([0.1 0.2 0.3], shape=(3,), dtype=float32)"],
    ["half-even at 8 digits", () => tf.tensor([0.001953125, 1]),
      "tf.Tensor([0.00195312 1.        ], shape=(2,), dtype=float32)"],
    ["all zeros", () => tf.zeros([3]),
      "tf.Tensor([0. 0. 0.], shape=(3,), dtype=float32)"],
    ["negative zero", () => tf.tensor([-0, 1]),
      "tf.Tensor([-0.  1.], shape=(2,), dtype=float32)"],
  ];
  for (const [name, make, expected] of cases) {
    it(name, () => { expect(make().toString()).toBe(expected); });
  }
});

describe("nan and inf", () => {
  const cases: Case[] = [
    ["nan and inf", () => tf.tensor([NaN, 1, -Infinity]),
      "tf.Tensor([ nan   1. -inf], shape=(3,), dtype=float32)"],
    ["only non-finite", () => tf.tensor([NaN, Infinity]),
      "tf.Tensor([nan inf], shape=(2,), dtype=float32)"],
    ["integral with nan", () => tf.tensor([1, NaN]),
      "tf.Tensor([ 1. nan], shape=(2,), dtype=float32)"],
    ["sci with inf", () => tf.tensor([Infinity, 1e-7, -3]),
      "tf.Tensor([    inf  1.e-07 -3.e+00], shape=(3,), dtype=float32)"],
  ];
  for (const [name, make, expected] of cases) {
    it(name, () => { expect(make().toString()).toBe(expected); });
  }
});

describe("scientific notation (min < 1e-4, max >= 1e8 or max/min > 1000): common mantissa width from the exact value", () => {
  const cases: Case[] = [
    ["sci tiny", () => tf.tensor([1e-5, 1]),
      "tf.Tensor([1.e-05 1.e+00], shape=(2,), dtype=float32)"],
    ["sci min digits", () => tf.tensor([1e-5, 1.2345678]),
      "tf.Tensor([9.9999997e-06 1.2345678e+00], shape=(2,), dtype=float32)"],
    ["sci large", () => tf.tensor([1e8, 1]),
      "tf.Tensor([1.e+08 1.e+00], shape=(2,), dtype=float32)"],
    ["sci ratio", () => tf.tensor([0.001, 2]),
      "tf.Tensor([1.e-03 2.e+00], shape=(2,), dtype=float32)"],
    ["sci mixed", () => tf.tensor([[1.5, 1e9], [-2.5e-7, 0]]),
      "tf.Tensor(\n[[ 1.5e+00  1.0e+09]\n [-2.5e-07  0.0e+00]], shape=(2, 2), dtype=float32)"],
    ["sci ties to even", () => tf.tensor([0.0283203125, 100]),
      "tf.Tensor([2.8320312e-02 1.0000000e+02], shape=(2,), dtype=float32)"],
  ];
  for (const [name, make, expected] of cases) {
    it(name, () => { expect(make().toString()).toBe(expected); });
  }
});

describe("rank 3 and 4: blank lines between blocks", () => {
  const cases: Case[] = [
    ["rank 3", () => tf.reshape(tf.range(0, 24), [2, 3, 4]),
      "tf.Tensor(\n[[[ 0.  1.  2.  3.]\n  [ 4.  5.  6.  7.]\n  [ 8.  9. 10. 11.]]\n\n [[12. 13. 14. 15.]\n  [16. 17. 18. 19.]\n  [20. 21. 22. 23.]]], shape=(2, 3, 4), dtype=float32)"],
    ["rank 3 int", () => tf.reshape(tf.range(-5, 7, 1, 'int32'), [3, 2, 2]),
      "tf.Tensor(\n[[[-5 -4]\n  [-3 -2]]\n\n [[-1  0]\n  [ 1  2]]\n\n [[ 3  4]\n  [ 5  6]]], shape=(3, 2, 2), dtype=int32)"],
    ["rank 4", () => tf.reshape(tf.range(0, 16, 1, 'int32'), [2, 2, 2, 2]),
      "tf.Tensor(\n[[[[ 0  1]\n   [ 2  3]]\n\n  [[ 4  5]\n   [ 6  7]]]\n\n\n [[[ 8  9]\n   [10 11]]\n\n  [[12 13]\n   [14 15]]]], shape=(2, 2, 2, 2), dtype=int32)"],
  ];
  for (const [name, make, expected] of cases) {
    it(name, () => { expect(make().toString()).toBe(expected); });
  }
});

describe("75-column wrapping (a column per enclosing bracket stays free on every line)", () => {
  const cases: Case[] = [
    ["wrap int 100", () => tf.range(0, 100, 1, 'int32'),
      "tf.Tensor(\n[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47\n 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 69 70 71\n 72 73 74 75 76 77 78 79 80 81 82 83 84 85 86 87 88 89 90 91 92 93 94 95\n 96 97 98 99], shape=(100,), dtype=int32)"],
    ["wrap float 30", () => tf.range(0, 30),
      "tf.Tensor(\n[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n 18. 19. 20. 21. 22. 23. 24. 25. 26. 27. 28. 29.], shape=(30,), dtype=float32)"],
    ["wrap 2-D rows", () => tf.tensor(seq(60, (i) => i / 4), [2, 30]),
      "tf.Tensor(\n[[ 0.    0.25  0.5   0.75  1.    1.25  1.5   1.75  2.    2.25  2.5   2.75\n   3.    3.25  3.5   3.75  4.    4.25  4.5   4.75  5.    5.25  5.5   5.75\n   6.    6.25  6.5   6.75  7.    7.25]\n [ 7.5   7.75  8.    8.25  8.5   8.75  9.    9.25  9.5   9.75 10.   10.25\n  10.5  10.75 11.   11.25 11.5  11.75 12.   12.25 12.5  12.75 13.   13.25\n  13.5  13.75 14.   14.25 14.5  14.75]], shape=(2, 30), dtype=float32)"],
    ["wrap rank 3", () => tf.tensor(seq(52, (i) => i * 1.125 - 20), [2, 2, 13]),
      "tf.Tensor(\n[[[-20.    -18.875 -17.75  -16.625 -15.5   -14.375 -13.25  -12.125\n   -11.     -9.875  -8.75   -7.625  -6.5  ]\n  [ -5.375  -4.25   -3.125  -2.     -0.875   0.25    1.375   2.5\n     3.625   4.75    5.875   7.      8.125]]\n\n [[  9.25   10.375  11.5    12.625  13.75   14.875  16.     17.125\n    18.25   19.375  20.5    21.625  22.75 ]\n  [ 23.875  25.     26.125  27.25   28.375  29.5    30.625  31.75\n    32.875  34.     35.125  36.25   37.375]]], shape=(2, 2, 13), dtype=float32)"],
    ["wrap sci", () => tf.tensor(seq(12, (i) => (i + 1) ** 9 / 7)),
      "tf.Tensor(\n[1.4285715e-01 7.3142860e+01 2.8118572e+03 3.7449145e+04 2.7901784e+05\n 1.4396709e+06 5.7648010e+06 1.9173962e+07 5.5345784e+07 1.4285714e+08\n 3.3684966e+08 7.3711149e+08], shape=(12,), dtype=float32)"],
  ];
  for (const [name, make, expected] of cases) {
    it(name, () => { expect(make().toString()).toBe(expected); });
  }
});

describe("'...' summaries above 1000 elements (3 edge items per axis)", () => {
  const cases: Case[] = [
    ["summary int 2000", () => tf.range(0, 2000, 1, 'int32'),
      "tf.Tensor([   0    1    2 ... 1997 1998 1999], shape=(2000,), dtype=int32)"],
    ["summary 100x100 zeros", () => tf.zeros([100, 100]),
      "tf.Tensor(\n[[0. 0. 0. ... 0. 0. 0.]\n [0. 0. 0. ... 0. 0. 0.]\n [0. 0. 0. ... 0. 0. 0.]\n ...\n [0. 0. 0. ... 0. 0. 0.]\n [0. 0. 0. ... 0. 0. 0.]\n [0. 0. 0. ... 0. 0. 0.]], shape=(100, 100), dtype=float32)"],
    ["summary rank 3", () => tf.reshape(tf.range(0, 3000), [10, 10, 30]),
      "tf.Tensor(\n[[[0.000e+00 1.000e+00 2.000e+00 ... 2.700e+01 2.800e+01 2.900e+01]\n  [3.000e+01 3.100e+01 3.200e+01 ... 5.700e+01 5.800e+01 5.900e+01]\n  [6.000e+01 6.100e+01 6.200e+01 ... 8.700e+01 8.800e+01 8.900e+01]\n  ...\n  [2.100e+02 2.110e+02 2.120e+02 ... 2.370e+02 2.380e+02 2.390e+02]\n  [2.400e+02 2.410e+02 2.420e+02 ... 2.670e+02 2.680e+02 2.690e+02]\n  [2.700e+02 2.710e+02 2.720e+02 ... 2.970e+02 2.980e+02 2.990e+02]]\n\n [[3.000e+02 3.010e+02 3.020e+02 ... 3.270e+02 3.280e+02 3.290e+02]\n  [3.300e+02 3.310e+02 3.320e+02 ... 3.570e+02 3.580e+02 3.590e+02]\n  [3.600e+02 3.610e+02 3.620e+02 ... 3.870e+02 3.880e+02 3.890e+02]\n  ...\n  [5.100e+02 5.110e+02 5.120e+02 ... 5.370e+02 5.380e+02 5.390e+02]\n  [5.400e+02 5.410e+02 5.420e+02 ... 5.670e+02 5.680e+02 5.690e+02]\n  [5.700e+02 5.710e+02 5.720e+02 ... 5.970e+02 5.980e+02 5.990e+02]]\n\n [[6.000e+02 6.010e+02 6.020e+02 ... 6.270e+02 6.280e+02 6.290e+02]\n  [6.300e+02 6.310e+02 6.320e+02 ... 6.570e+02 6.580e+02 6.590e+02]\n  [6.600e+02 6.610e+02 6.620e+02 ... 6.870e+02 6.880e+02 6.890e+02]\n  ...\n  [8.100e+02 8.110e+02 8.120e+02 ... 8.370e+02 8.380e+02 8.390e+02]\n  [8.400e+02 8.410e+02 8.420e+02 ... 8.670e+02 8.680e+02 8.690e+02]\n  [8.700e+02 8.710e+02 8.720e+02 ... 8.970e+02 8.980e+02 8.990e+02]]\n\n ...\n\n [[2.100e+03 2.101e+03 2.102e+03 ... 2.127e+03 2.128e+03 2.129e+03]\n  [2.130e+03 2.131e+03 2.132e+03 ... 2.157e+03 2.158e+03 2.159e+03]\n  [2.160e+03 2.161e+03 2.162e+03 ... 2.187e+03 2.188e+03 2.189e+03]\n  ...\n  [2.310e+03 2.311e+03 2.312e+03 ... 2.337e+03 2.338e+03 2.339e+03]\n  [2.340e+03 2.341e+03 2.342e+03 ... 2.367e+03 2.368e+03 2.369e+03]\n  [2.370e+03 2.371e+03 2.372e+03 ... 2.397e+03 2.398e+03 2.399e+03]]\n\n [[2.400e+03 2.401e+03 2.402e+03 ... 2.427e+03 2.428e+03 2.429e+03]\n  [2.430e+03 2.431e+03 2.432e+03 ... 2.457e+03 2.458e+03 2.459e+03]\n  [2.460e+03 2.461e+03 2.462e+03 ... 2.487e+03 2.488e+03 2.489e+03]\n  ...\n  [2.610e+03 2.611e+03 2.612e+03 ... 2.637e+03 2.638e+03 2.639e+03]\n  [2.640e+03 2.641e+03 2.642e+03 ... 2.667e+03 2.668e+03 2.669e+03]\n  [2.670e+03 2.671e+03 2.672e+03 ... 2.697e+03 2.698e+03 2.699e+03]]\n\n [[2.700e+03 2.701e+03 2.702e+03 ... 2.727e+03 2.728e+03 2.729e+03]\n  [2.730e+03 2.731e+03 2.732e+03 ... 2.757e+03 2.758e+03 2.759e+03]\n  [2.760e+03 2.761e+03 2.762e+03 ... 2.787e+03 2.788e+03 2.789e+03]\n  ...\n  [2.910e+03 2.911e+03 2.912e+03 ... 2.937e+03 2.938e+03 2.939e+03]\n  [2.940e+03 2.941e+03 2.942e+03 ... 2.967e+03 2.968e+03 2.969e+03]\n  [2.970e+03 2.971e+03 2.972e+03 ... 2.997e+03 2.998e+03 2.999e+03]]], shape=(10, 10, 30), dtype=float32)"],
    ["summary wrap floats", () => tf.tensor(seq(1001, (i) => ((i * 37) % 1001) / 7 - 50)),
      "tf.Tensor([-50.       -44.714287 -39.42857  ...  77.14286   82.42857   87.71429 ], shape=(1001,), dtype=float32)"],
    ["summary 2-D narrow", () => tf.reshape(tf.range(0, 2002, 1, 'int32'), [1001, 2]),
      "tf.Tensor(\n[[   0    1]\n [   2    3]\n [   4    5]\n ...\n [1996 1997]\n [1998 1999]\n [2000 2001]], shape=(1001, 2), dtype=int32)"],
  ];
  for (const [name, make, expected] of cases) {
    it(name, () => { expect(make().toString()).toBe(expected); });
  }
});

describe("empty tensors print []", () => {
  const cases: Case[] = [
    ["empty 1-D", () => tf.zeros([0]),
      "tf.Tensor([], shape=(0,), dtype=float32)"],
    ["empty 2-D", () => tf.zeros([2, 0]),
      "tf.Tensor([], shape=(2, 0), dtype=float32)"],
    ["empty int", () => tf.zeros([0, 3], 'int32'),
      "tf.Tensor([], shape=(0, 3), dtype=int32)"],
  ];
  for (const [name, make, expected] of cases) {
    it(name, () => { expect(make().toString()).toBe(expected); });
  }
});

describe("scalars: Python's float repr (positional for 1e-4 <= |x| < 1e16), int and bool", () => {
  const cases: Case[] = [
    ["scalar 10", () => tf.scalar(10),
      "tf.Tensor(10.0, shape=(), dtype=float32)"],
    ["scalar 0.1", () => tf.scalar(0.1),
      "tf.Tensor(0.1, shape=(), dtype=float32)"],
    ["scalar third", () => tf.scalar(1 / 3),
      "tf.Tensor(0.33333334, shape=(), dtype=float32)"],
    ["scalar -2.5", () => tf.scalar(-2.5),
      "tf.Tensor(-2.5, shape=(), dtype=float32)"],
    ["scalar 0", () => tf.scalar(0),
      "tf.Tensor(0.0, shape=(), dtype=float32)"],
    ["scalar -0", () => tf.scalar(-0),
      "tf.Tensor(-0.0, shape=(), dtype=float32)"],
    ["scalar 1e-5", () => tf.scalar(1e-5),
      "tf.Tensor(1e-05, shape=(), dtype=float32)"],
    ["scalar 1e-4", () => tf.scalar(1e-4),
      "tf.Tensor(1e-04, shape=(), dtype=float32)"],
    ["scalar 0.00015", () => tf.scalar(0.00015),
      "tf.Tensor(0.00015, shape=(), dtype=float32)"],
    ["scalar 1e16", () => tf.scalar(1e16),
      "tf.Tensor(1e+16, shape=(), dtype=float32)"],
    ["scalar 3e20", () => tf.scalar(3e20),
      "tf.Tensor(3e+20, shape=(), dtype=float32)"],
    ["scalar 999999", () => tf.scalar(999999),
      "tf.Tensor(999999.0, shape=(), dtype=float32)"],
    ["scalar nan", () => tf.scalar(NaN),
      "tf.Tensor(nan, shape=(), dtype=float32)"],
    ["scalar -inf", () => tf.scalar(-Infinity),
      "tf.Tensor(-inf, shape=(), dtype=float32)"],
    ["scalar int", () => tf.scalar(7, 'int32'),
      "tf.Tensor(7, shape=(), dtype=int32)"],
    ["scalar bool", () => tf.scalar(true),
      "tf.Tensor(True, shape=(), dtype=bool)"],
    ["scalar tie", () => tf.scalar(0.0361328125),
      "tf.Tensor(0.036132812, shape=(), dtype=float32)"],
  ];
  for (const [name, make, expected] of cases) {
    it(name, () => { expect(make().toString()).toBe(expected); });
  }
});

describe('details', () => {
  it('lines are at most 75 columns and no line ends in a space', () => {
    for (const t of [tf.range(0, 100, 1, 'int32'), tf.tensor(seq(60, (i) => i / 4), [2, 30]), tf.tensor(seq(1001, (i) => ((i * 37) % 1001) / 7 - 50)),
      tf.reshape(tf.range(0, 3000), [10, 10, 30]), tf.tensor(seq(12, (i) => (i + 1) ** 9 / 7))]) {
      const body = t.toString().replace(/^tf\.Tensor\(\n?/, '').replace(/, shape=.*$/s, '');
      for (const line of body.split('\n')) {
        expect(line.length, line).toBeLessThanOrEqual(75);
        expect(line, 'trailing space').not.toMatch(/ $/);
      }
    }
  });

  it('shape and dtype suffixes; print() and numpy()', () => {
    expect(tf.zeros([2, 3, 1]).toString()).toMatch(/, shape=\(2, 3, 1\), dtype=float32\)$/);
    expect(tf.zeros([4], 'int32').toString()).toMatch(/, shape=\(4,\), dtype=int32\)$/);
    expect(tf.scalar(false).toString()).toBe('tf.Tensor(False, shape=(), dtype=bool)');
    expect(String(tf.tensor([1.5]))).toBe('tf.Tensor([1.5], shape=(1,), dtype=float32)');
    expect(tf.scalar(2.5).numpy()).toBe(2.5);
  });

  it('a disposed tensor still prints its shape and dtype', () => {
    const t = tf.ones([2]);
    t.dispose();
    expect(t.toString()).toBe('tf.Tensor(<disposed>, shape=(2,), dtype=float32)');
  });

  it('values change the format, views of the same data do not', () => {
    const x = tf.tensor([1, 2.5, 3]);
    expect(x.toString()).toBe('tf.Tensor([1.  2.5 3. ], shape=(3,), dtype=float32)');
    expect(tf.reshape(x, [3, 1]).toString()).toBe('tf.Tensor(\n[[1. ]\n [2.5]\n [3. ]], shape=(3, 1), dtype=float32)');
    expect(tf.mul(x, 1e-6).toString()).toBe('tf.Tensor([1.0e-06 2.5e-06 3.0e-06], shape=(3,), dtype=float32)');
  });

  it("variables print as TF2's repr, with numpy's array repr (expected strings from numpy 1.x/2.x)", () => {
    expect(tf.variable(tf.scalar(1), true, 'Variable').toString()).toBe("<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=1.0>");
    expect(tf.variable(tf.tensor([[1, 2], [3, 4]]), true, 'w').toString())
      .toBe("<tf.Variable 'w:0' shape=(2, 2) dtype=float32, numpy=\narray([[1., 2.],\n       [3., 4.]], dtype=float32)>");
    const seq = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
    const repr = (t: tf.Tensor) => tf.variable(t, true, 'v').toString().replace(/^<tf\.Variable 'v:0' shape=\([^)]*\) dtype=\w+, numpy=\n?/, '').slice(0, -1);
    expect(repr(tf.div(tf.range(0, 30), 7))).toBe(
      'array([0.        , 0.14285715, 0.2857143 , 0.42857143, 0.5714286 ,\n' +
      '       0.71428573, 0.85714287, 1.        , 1.1428572 , 1.2857143 ,\n' +
      '       1.4285715 , 1.5714285 , 1.7142857 , 1.8571428 , 2.        ,\n' +
      '       2.142857  , 2.2857144 , 2.4285715 , 2.5714285 , 2.7142856 ,\n' +
      '       2.857143  , 3.        , 3.142857  , 3.2857144 , 3.4285715 ,\n' +
      '       3.5714285 , 3.7142856 , 3.857143  , 4.        , 4.142857  ],\n' +
      '      dtype=float32)');
    expect(repr(tf.reshape(tf.range(0, 6, 1, 'int32'), [2, 3]))).toBe('array([[0, 1, 2],\n       [3, 4, 5]], dtype=int32)');
    expect(repr(tf.tensor([true, false]))).toBe('array([ True, False])');
    expect(repr(tf.zeros([2, 0]))).toBe('array([], shape=(2, 0), dtype=float32)');
    expect(repr(tf.zeros([0]))).toBe('array([], dtype=float32)');
    expect(repr(tf.tensor(seq(16, (i) => i * 1000.5)))).toBe(
      'array([    0. ,  1000.5,  2001. ,  3001.5,  4002. ,  5002.5,  6003. ,\n' +
      '        7003.5,  8004. ,  9004.5, 10005. , 11005.5, 12006. , 13006.5,\n' +
      '       14007. , 15007.5], dtype=float32)');
    expect(repr(tf.mul(tf.reshape(tf.sub(tf.range(0, 24), 12), [2, 3, 4]), 1e-5))).toBe(
      'array([[[-1.2000000e-04, -1.0999999e-04, -9.9999997e-05, -9.0000001e-05],\n' +
      '        [-7.9999998e-05, -6.9999995e-05, -5.9999998e-05, -4.9999999e-05],\n' +
      '        [-3.9999999e-05, -2.9999999e-05, -1.9999999e-05, -9.9999997e-06]],\n\n' +
      '       [[ 0.0000000e+00,  9.9999997e-06,  1.9999999e-05,  2.9999999e-05],\n' +
      '        [ 3.9999999e-05,  4.9999999e-05,  5.9999998e-05,  6.9999995e-05],\n' +
      '        [ 7.9999998e-05,  9.0000001e-05,  9.9999997e-05,  1.0999999e-04]]],\n' +
      '      dtype=float32)');
    // numpy 1.x's summary (numpy ≥ 2.2 also appends shape=…), as seed 004 prints the 784×128 gradient
    expect(repr(tf.reshape(tf.range(0, 2000), [40, 50])).split('\n').slice(0, 3).join('\n')).toBe(
      'array([[0.000e+00, 1.000e+00, 2.000e+00, ..., 4.700e+01, 4.800e+01,\n' +
      '        4.900e+01],\n' +
      '       [5.000e+01, 5.100e+01, 5.200e+01, ..., 9.700e+01, 9.800e+01,');
  });
});
