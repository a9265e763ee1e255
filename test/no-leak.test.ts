// No op leaks, driven by the one list of public ops (src/ops/index.ts): every function it exports must
// have an entry in the table below (a new op cannot skip the test), and every entry must name an
// exported op. For each op, with all inputs made beforehand, tf.memory() (numTensors, numBytes) is the
// same before a call and after its results are disposed:
//   - at top level (no tidy: what is left is leaked until the garbage collector finds it),
//   - under a GradientTape, through gradient() (the tape frees what it saved),
//   - after the op throws on bad input (the error names the op; the op then works again),
//   - for composite ops, repeated at top level: only their results stay alive.
// Runs in Node and Chromium: no Node-only APIs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { PUBLIC_OPS, snap, tensorsIn } from './public-ops.js';

type T = tf.Tensor;

/** The test inputs, all made before the op is called (small shapes, seeded values). */
function makeGen() {
  const u = (shape: number[], lo: number, hi: number, seed: number) => tf.randomUniform(shape, lo, hi, 'float32', seed);
  const disposed = tf.zeros([2, 3]);
  disposed.dispose();
  return {
    a: u([2, 3], -1, 1, 1),
    b: u([2, 3], -1, 1, 2),
    /** positive: log, sqrt, pow's base, divisors */
    pos: u([2, 3], 0.5, 2, 3),
    /** inside (-1, 1): asin, acos */
    unit: u([2, 3], -0.9, 0.9, 4),
    /** across relu6's and hardSigmoid's bends */
    wide: u([2, 3], -8, 8, 18),
    /** labels in [0, 1] */
    probs: u([2, 3], 0, 1, 5),
    row: u([3], -1, 1, 6),
    row2: u([3], -1, 1, 7),
    posRow: u([3], 0.5, 2, 8),
    posRow2: u([3], 0.5, 1.5, 9),
    vec: u([2], -1, 1, 10),
    m: u([3, 4], -1, 1, 11),
    a3: u([2, 1, 3], -1, 1, 12),
    /** NHWC image, conv filter [2,2,2,3], depthwise filter [2,2,2,2], dy of the valid 2×2 conv [1,3,3,3] */
    img: u([1, 4, 4, 2], -1, 1, 13),
    filt: u([2, 2, 2, 3], -1, 1, 14),
    dfilt: u([2, 2, 2, 2], -1, 1, 15),
    dy: u([1, 3, 3, 3], -1, 1, 16),
    i: tf.randomUniform([2, 3], 0, 5, 'int32', 17),
    idx: tf.tensor1d([2, 0], 'int32'),
    ids: tf.tensor1d([1, 0], 'int32'),
    nd: tf.tensor2d([[0, 1], [1, 2]], [2, 2], 'int32'),
    sIdx: tf.tensor2d([[0], [2]], [2, 1], 'int32'),
    mask: tf.tensor2d([[true, false, true], [false, true, true]], [2, 3], 'bool'),
    mask2: tf.tensor2d([[true, true, false], [false, false, true]], [2, 3], 'bool'),
    rowMask: tf.tensor1d([true, false], 'bool'),
    /** conv1d x [1,5,2] and filter [2,2,3]; pointwise filter [1,1,4,3] after dfilt; biases [3], [4] */
    seq: u([1, 5, 2], -1, 1, 19),
    filt1: u([2, 2, 3], -1, 1, 20),
    pw: u([1, 1, 4, 3], -1, 1, 21),
    bias3: u([3], -1, 1, 22),
    bias4: u([4], -1, 1, 23),
    /** NDHWC volume [1,3,3,3,2], conv3d filter [2,2,2,2,3], dy of the valid conv3d [1,2,2,2,3], dilation filter [2,2,2] */
    vol: u([1, 3, 3, 3, 2], -1, 1, 24),
    vfilt: u([2, 2, 2, 2, 3], -1, 1, 25),
    vdy: u([1, 2, 2, 2, 3], -1, 1, 26),
    dil: u([2, 2, 2], -1, 1, 27),
    /** basicLSTMCell: kernel [3 + 2, 4·2], bias, state [2, 2] (data is a) */
    lstmK: u([5, 8], -1, 1, 19),
    lstmB: u([8], -1, 1, 20),
    st: u([2, 2], -1, 1, 21),
    /** a tensor that was disposed */
    disposed,
    /** tf.image: an RGB image [h, w, 3] with values 0..255, a grayscale one [h, w, 1], boxes and scores */
    rgb: u([2, 3, 3], 0, 255, 19),
    gray: u([2, 2, 1], -1, 1, 20),
    boxes: tf.tensor2d([[0, 0, 1, 1], [0.1, 0.1, 1.1, 1.1], [2, 2, 3, 3]]),
    scores: tf.tensor1d([0.9, 0.8, 0.3]),
    /** complex64 [2, 3] and [4] */
    c: tf.tidy(() => tf.complex(u([2, 3], -1, 1, 19), u([2, 3], -1, 1, 20))),
    c1: tf.tidy(() => tf.complex(u([4], -1, 1, 21), u([4], -1, 1, 22))),
  };
}
type Gen = ReturnType<typeof makeGen>;
type Input = keyof Gen;

interface Entry {
  /**
   * The good call on gen's tensors (it may call the op more than once, e.g. with a tensor it returns
   * unchanged and with values it converts). Returns a tensor, an array or object of tensors, a promise
   * of one, or nothing.
   */
  call: (g: Gen) => unknown;
  /** The inputs the tape case differentiates; [] for a no-gradient op (its gradients must be null). */
  grad: Input[];
  /** One call the op must reject with an Error naming it. */
  bad: (g: Gen) => unknown;
}

// `any` for the bad calls: they pass what the types forbid.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const bad = tf as any;

const OPS: Record<string, Entry> = {
  // ---- create
  tensor: { call: (g) => [tf.tensor([[1, 2], [3, 4]]), tf.tensor([1, 2, 3], [3], 'int32'), tf.tensor(g.a)], grad: [], bad: () => bad.tensor({}) },
  scalar: { call: () => [tf.scalar(3), tf.scalar(true)], grad: [], bad: () => bad.scalar({}) },
  tensor1d: { call: (g) => [tf.tensor1d([1, 2, 3]), tf.tensor1d(g.row)], grad: [], bad: () => tf.tensor1d([[1, 2]]) },
  tensor2d: { call: () => tf.tensor2d([1, 2, 3, 4], [2, 2]), grad: [], bad: () => tf.tensor2d([1, 2]) },
  tensor3d: { call: () => tf.tensor3d([[[1], [2]]]), grad: [], bad: () => tf.tensor3d([1, 2]) },
  tensor4d: { call: () => tf.tensor4d([[[[1, 2]]]]), grad: [], bad: () => tf.tensor4d([[1, 2]]) },
  fill: { call: () => [tf.fill([2, 3], 4), tf.fill([2], true)], grad: [], bad: () => bad.fill([2], 'x') },
  zeros: { call: () => tf.zeros([2, 3]), grad: [], bad: () => tf.zeros([-1]) },
  ones: { call: () => tf.ones([2, 3], 'int32'), grad: [], bad: () => tf.ones([2.5]) },
  zerosLike: { call: (g) => tf.zerosLike(g.a), grad: [], bad: (g) => tf.zerosLike(g.disposed) },
  onesLike: { call: (g) => tf.onesLike(g.i), grad: [], bad: (g) => tf.onesLike(g.disposed) },
  range: { call: () => [tf.range(0, 6), tf.range(5, 0, -2, 'int32')], grad: [], bad: () => tf.range(0, 5, 0) },
  linspace: { call: () => tf.linspace(0, 1, 5), grad: [], bad: () => tf.linspace(0, 1, -1) },
  oneHot: { call: (g) => [tf.oneHot(g.idx, 3), tf.oneHot([0, 1], 2, 1, 0, 'float32')], grad: [], bad: (g) => tf.oneHot(g.a, 3) },
  eye: { call: () => [tf.eye(3), tf.eye(2, 3, [2], 'int32')], grad: [], bad: () => tf.eye(-1) },
  // ---- shape
  reshape: { call: (g) => tf.reshape(g.a, [3, -1]), grad: ['a'], bad: (g) => tf.reshape(g.a, [4]) },
  transpose: { call: (g) => tf.transpose(g.a), grad: ['a'], bad: (g) => tf.transpose(g.a, [0, 0]) },
  cast: {
    call: (g) => [tf.cast(g.a, 'float32'), tf.cast(g.a, 'int32'), tf.cast(g.a, 'bool'), tf.cast(g.i, 'float32')],
    grad: ['a'], bad: (g) => bad.cast(g.a, 'string'),
  },
  clone: { call: (g) => tf.clone(g.a), grad: ['a'], bad: (g) => tf.clone(g.disposed) },
  stopGradient: { call: (g) => tf.stopGradient(g.a), grad: [], bad: (g) => tf.stopGradient(g.disposed) },
  expandDims: { call: (g) => tf.expandDims(g.a, 1), grad: ['a'], bad: (g) => tf.expandDims(g.a, 5) },
  squeeze: { call: (g) => tf.squeeze(g.a3), grad: ['a3'], bad: (g) => tf.squeeze(g.a, [0]) },
  broadcastTo: { call: (g) => tf.broadcastTo(g.row, [2, 3]), grad: ['row'], bad: (g) => tf.broadcastTo(g.a, [3, 3]) },
  // ---- unary
  neg: { call: (g) => [tf.neg(g.a), tf.neg(g.i)], grad: ['a'], bad: (g) => tf.neg(g.mask) },
  abs: { call: (g) => tf.abs(g.a), grad: ['a'], bad: (g) => tf.abs(g.disposed) },
  square: { call: (g) => tf.square(g.a), grad: ['a'], bad: (g) => tf.square(g.mask) },
  sqrt: { call: (g) => tf.sqrt(g.pos), grad: ['pos'], bad: (g) => tf.sqrt(g.disposed) },
  exp: { call: (g) => tf.exp(g.a), grad: ['a'], bad: (g) => tf.exp(g.mask) },
  log: { call: (g) => tf.log(g.pos), grad: ['pos'], bad: (g) => tf.log(g.disposed) },
  sigmoid: { call: (g) => tf.sigmoid(g.a), grad: ['a'], bad: (g) => tf.sigmoid(g.mask) },
  tanh: { call: (g) => tf.tanh(g.a), grad: ['a'], bad: (g) => tf.tanh(g.disposed) },
  relu: { call: (g) => tf.relu(g.a), grad: ['a'], bad: (g) => tf.relu(g.mask) },
  sign: { call: (g) => tf.sign(g.a), grad: [], bad: (g) => tf.sign(g.mask) },
  floor: { call: (g) => tf.floor(g.a), grad: [], bad: (g) => tf.floor(g.disposed) },
  ceil: { call: (g) => tf.ceil(g.a), grad: [], bad: (g) => tf.ceil(g.mask) },
  round: { call: (g) => tf.round(g.a), grad: [], bad: (g) => tf.round(g.disposed) },
  reciprocal: { call: (g) => tf.reciprocal(g.pos), grad: ['pos'], bad: (g) => tf.reciprocal(g.mask) },
  rsqrt: { call: (g) => tf.rsqrt(g.pos), grad: ['pos'], bad: (g) => tf.rsqrt(g.disposed) },
  log1p: { call: (g) => tf.log1p(g.pos), grad: ['pos'], bad: (g) => tf.log1p(g.mask) },
  expm1: { call: (g) => tf.expm1(g.a), grad: ['a'], bad: (g) => tf.expm1(g.disposed) },
  sin: { call: (g) => tf.sin(g.a), grad: ['a'], bad: (g) => tf.sin(g.mask) },
  cos: { call: (g) => tf.cos(g.a), grad: ['a'], bad: (g) => tf.cos(g.disposed) },
  tan: { call: (g) => tf.tan(g.a), grad: ['a'], bad: (g) => tf.tan(g.mask) },
  atan: { call: (g) => tf.atan(g.a), grad: ['a'], bad: (g) => tf.atan(g.disposed) },
  asin: { call: (g) => tf.asin(g.unit), grad: ['unit'], bad: (g) => tf.asin(g.mask) },
  acos: { call: (g) => tf.acos(g.unit), grad: ['unit'], bad: (g) => tf.acos(g.disposed) },
  relu6: { call: (g) => tf.relu6(g.wide), grad: ['wide'], bad: (g) => tf.relu6(g.mask) },
  softplus: { call: (g) => tf.softplus(g.a), grad: ['a'], bad: (g) => tf.softplus(g.disposed) },
  erf: { call: (g) => tf.erf(g.a), grad: ['a'], bad: (g) => tf.erf(g.mask) },
  elu: { call: (g) => tf.elu(g.a), grad: ['a'], bad: (g) => tf.elu(g.disposed) },
  selu: { call: (g) => tf.selu(g.a), grad: ['a'], bad: (g) => tf.selu(g.mask) },
  softsign: { call: (g) => tf.softsign(g.a), grad: ['a'], bad: (g) => tf.softsign(g.disposed) },
  step: { call: (g) => [tf.step(g.a), tf.step(g.a, 0.1)], grad: [], bad: (g) => tf.step(g.a, NaN) },
  // ---- binary (broadcasting, JS numbers)
  add: { call: (g) => [tf.add(g.a, g.row), tf.add(g.a, 1)], grad: ['a', 'row'], bad: (g) => tf.add(g.a, g.m) },
  sub: { call: (g) => [tf.sub(g.a, g.b), tf.sub(0.5, g.a)], grad: ['a', 'b'], bad: (g) => tf.sub(g.a, g.vec) },
  mul: { call: (g) => [tf.mul(g.a, g.row), tf.mul(g.i, 2)], grad: ['a', 'row'], bad: (g) => tf.mul(g.a, g.disposed) },
  div: { call: (g) => [tf.div(g.a, g.pos), tf.div(g.i, 2)], grad: ['a', 'pos'], bad: (g) => tf.div(g.m, g.a) },
  floorDiv: { call: (g) => tf.floorDiv(g.a, g.pos), grad: [], bad: (g) => tf.floorDiv(g.a, g.m) },
  mod: { call: (g) => tf.mod(g.a, g.pos), grad: ['a', 'pos'], bad: (g) => tf.mod(g.a, g.m) },
  maximum: { call: (g) => tf.maximum(g.a, g.b), grad: ['a', 'b'], bad: (g) => tf.maximum(g.a, g.m) },
  minimum: { call: (g) => tf.minimum(g.a, g.row), grad: ['a', 'row'], bad: (g) => tf.minimum(g.a, g.m) },
  squaredDifference: { call: (g) => tf.squaredDifference(g.a, g.b), grad: ['a', 'b'], bad: (g) => tf.squaredDifference(g.a, g.m) },
  atan2: { call: (g) => tf.atan2(g.a, g.pos), grad: ['a', 'pos'], bad: (g) => tf.atan2(g.a, g.m) },
  pow: { call: (g) => [tf.pow(g.pos, g.a), tf.pow(g.a, 2)], grad: ['pos', 'a'], bad: (g) => tf.pow(g.pos, g.m) },
  // ---- compare and logic
  equal: { call: (g) => [tf.equal(g.a, g.b), tf.equal(g.i, 2)], grad: [], bad: (g) => tf.equal(g.a, g.m) },
  notEqual: { call: (g) => tf.notEqual(g.a, g.row), grad: [], bad: (g) => tf.notEqual(g.a, g.m) },
  greater: { call: (g) => tf.greater(g.a, 0), grad: [], bad: (g) => tf.greater(g.a, g.m) },
  greaterEqual: { call: (g) => tf.greaterEqual(g.a, g.b), grad: [], bad: (g) => tf.greaterEqual(g.disposed, g.b) },
  less: { call: (g) => tf.less(g.i, g.a), grad: [], bad: (g) => tf.less(g.a, g.m) },
  lessEqual: { call: (g) => tf.lessEqual(g.a, g.b), grad: [], bad: (g) => tf.lessEqual(g.a, g.m) },
  logicalAnd: { call: (g) => tf.logicalAnd(g.mask, g.mask2), grad: [], bad: (g) => tf.logicalAnd(g.a, g.mask) },
  logicalOr: { call: (g) => tf.logicalOr(g.mask, true), grad: [], bad: (g) => tf.logicalOr(g.mask, g.i) },
  logicalXor: { call: (g) => tf.logicalXor(g.mask, g.mask2), grad: [], bad: (g) => tf.logicalXor(g.mask, g.rowMask) },
  logicalNot: { call: (g) => tf.logicalNot(g.mask), grad: [], bad: (g) => tf.logicalNot(g.a) },
  isNaN: { call: (g) => tf.isNaN(g.a), grad: [], bad: (g) => tf.isNaN(g.disposed) },
  where: { call: (g) => [tf.where(g.mask, g.a, g.b), tf.where(g.mask)], grad: ['a', 'b'], bad: (g) => tf.where(g.mask, g.a, g.m) },
  whereAsync: { call: (g) => tf.whereAsync(g.mask), grad: [], bad: (g) => tf.whereAsync(g.disposed) },
  // ---- reductions
  sum: { call: (g) => [tf.sum(g.a, 1), tf.sum(g.i)], grad: ['a'], bad: (g) => tf.sum(g.a, 2) },
  prod: { call: (g) => tf.prod(g.a, 0, true), grad: ['a'], bad: (g) => tf.prod(g.a, -3) },
  max: { call: (g) => tf.max(g.a, [0, 1]), grad: ['a'], bad: (g) => tf.max(g.a, 2) },
  min: { call: (g) => tf.min(g.a, -1), grad: ['a'], bad: (g) => tf.min(g.disposed) },
  mean: { call: (g) => [tf.mean(g.a, 0), tf.mean(g.i)], grad: ['a'], bad: (g) => tf.mean(g.a, 2) },
  argMax: { call: (g) => tf.argMax(g.a, 1), grad: [], bad: (g) => tf.argMax(g.a, 5) },
  argMin: { call: (g) => tf.argMin(g.a), grad: [], bad: (g) => tf.argMin(g.mask) },
  logSumExp: { call: (g) => [tf.logSumExp(g.a, 1), tf.logSumExp(g.a)], grad: ['a'], bad: (g) => tf.logSumExp(g.a, 3) },
  // ---- matmul
  matMul: { call: (g) => [tf.matMul(g.a, g.m), tf.matMul(g.a, g.b, false, true)], grad: ['a', 'm', 'b'], bad: (g) => tf.matMul(g.a, g.a) },
  dot: { call: (g) => [tf.dot(g.a, g.row), tf.dot(g.a, g.m)], grad: ['a', 'row', 'm'], bad: (g) => tf.dot(g.a, g.a) },
  // ---- softmax
  softmax: { call: (g) => tf.softmax(g.a), grad: ['a'], bad: (g) => tf.softmax(g.a, 5) },
  logSoftmax: { call: (g) => tf.logSoftmax(g.a, 0), grad: ['a'], bad: (g) => tf.logSoftmax(g.i) },
  // ---- random
  randomNormal: { call: () => [tf.randomNormal([2, 3], 0, 1, 'float32', 1), tf.randomNormal([2], 0, 1, 'int32', 1)], grad: [], bad: () => tf.randomNormal([2], 0, 1, 'bool') },
  randomUniform: { call: () => [tf.randomUniform([2, 3], -1, 1, 'float32', 2), tf.randomUniform([4], 0, 9, 'int32', 3)], grad: [], bad: () => tf.randomUniform([2], 1, 0) },
  truncatedNormal: { call: () => tf.truncatedNormal([2, 3], 0, 1, 'float32', 4), grad: [], bad: () => tf.truncatedNormal([-1]) },
  setSeed: { call: () => tf.setSeed(0x5eed), grad: [], bad: () => tf.setSeed(NaN) },
  // ---- convolution and pooling
  conv2d: { call: (g) => tf.conv2d(g.img, g.filt, 1, 'same'), grad: ['img', 'filt'], bad: (g) => tf.conv2d(g.img, g.dy) },
  conv2dTranspose: {
    call: (g) => tf.conv2dTranspose(g.dy, g.filt, [1, 4, 4, 2], 1, 'valid'), grad: ['dy', 'filt'],
    bad: (g) => tf.conv2dTranspose(g.dy, g.filt, [1, 5, 5, 2], 1, 'valid'),
  },
  conv2dBackpropFilter: {
    call: (g) => tf.conv2dBackpropFilter(g.img, g.dy, [2, 2, 2, 3], 1, 'valid'), grad: ['img', 'dy'],
    bad: (g) => tf.conv2dBackpropFilter(g.img, g.dy, [2, 2, 2, 4], 1, 'valid'),
  },
  depthwiseConv2d: { call: (g) => tf.depthwiseConv2d(g.img, g.dfilt, 1, 'same'), grad: ['img', 'dfilt'], bad: (g) => tf.depthwiseConv2d(g.a, g.dfilt) },
  maxPool: { call: (g) => tf.maxPool(g.img, 2, 2, 'valid'), grad: ['img'], bad: (g) => tf.maxPool(g.a, 2, 2, 'valid') },
  avgPool: { call: (g) => tf.avgPool(g.img, 2, 1, 'same'), grad: ['img'], bad: (g) => bad.avgPool(g.img, null) },
  globalAvgPool: { call: (g) => tf.globalAvgPool(g.img), grad: ['img'], bad: (g) => tf.globalAvgPool(g.a) },
  // ---- slicing
  slice: { call: (g) => tf.slice(g.a, [0, 1], [2, -1]), grad: ['a'], bad: (g) => tf.slice(g.a, [0, 4]) },
  stridedSlice: { call: (g) => tf.stridedSlice(g.a, [0, 2], [2, 0], [1, -1]), grad: ['a'], bad: (g) => tf.stridedSlice(g.a, [0], [1, 2]) },
  index: { call: (g) => [tf.index(g.a, ':, ::2'), tf.index(g.a, '-1')], grad: ['a'], bad: (g) => tf.index(g.a, '5') },
  reverse: { call: (g) => tf.reverse(g.a, 1), grad: ['a'], bad: (g) => tf.reverse(g.a, 3) },
  // ---- join and split
  concat: { call: (g) => [tf.concat([g.a, g.b], 1), tf.concat([g.a, g.i])], grad: ['a', 'b'], bad: (g) => tf.concat([g.a, g.m]) },
  stack: { call: (g) => tf.stack([g.a, g.b]), grad: ['a', 'b'], bad: (g) => tf.stack([g.a, g.row]) },
  unstack: { call: (g) => tf.unstack(g.a), grad: ['a'], bad: (g) => tf.unstack(g.a, 3) },
  split: { call: (g) => [tf.split(g.a, [1, 2], 1), tf.split(g.a, 2)], grad: ['a'], bad: (g) => tf.split(g.a, 4, 1) },
  tile: { call: (g) => tf.tile(g.a, [2, 1]), grad: ['a'], bad: (g) => tf.tile(g.a, [2]) },
  pad: { call: (g) => [tf.pad(g.a, [[1, 0], [0, 2]]), tf.pad(g.a, [[1, 1], [1, 1]], 'REFLECT')], grad: ['a'], bad: (g) => tf.pad(g.a, [[1, 1]]) },
  mirrorPad: { call: (g) => tf.mirrorPad(g.a, [[1, 1], [2, 2]], 'reflect'), grad: ['a'], bad: (g) => tf.mirrorPad(g.a, [[0, 0], [3, 3]], 'reflect') },
  clipByValue: { call: (g) => tf.clipByValue(g.a, -0.5, 0.5), grad: ['a'], bad: (g) => tf.clipByValue(g.a, 1, 0) },
  meshgrid: { call: (g) => [tf.meshgrid(g.row, g.vec), tf.meshgrid(g.row, g.vec, { indexing: 'ij' })], grad: ['row', 'vec'], bad: (g) => bad.meshgrid(g.row, g.vec, { indexing: 'zz' }) },
  // ---- indexing
  gather: { call: (g) => [tf.gather(g.a, g.idx, 1), tf.gather(g.a, [1, 1, 0])], grad: ['a'], bad: (g) => tf.gather(g.a, [5]) },
  gatherND: { call: (g) => tf.gatherND(g.a, g.nd), grad: ['a'], bad: (g) => tf.gatherND(g.a, [[5, 0]]) },
  unsortedSegmentSum: { call: (g) => tf.unsortedSegmentSum(g.a, g.ids, 3), grad: ['a'], bad: (g) => tf.unsortedSegmentSum(g.a, [0, 7], 3) },
  scatterND: { call: (g) => tf.scatterND(g.sIdx, g.a, [4, 3]), grad: ['a'], bad: (g) => tf.scatterND([[9], [0]], g.a, [4, 3]) },
  booleanMask: { call: (g) => tf.booleanMask(g.a, g.rowMask), grad: ['a'], bad: (g) => tf.booleanMask(g.a, [true]) },
  booleanMaskAsync: { call: (g) => tf.booleanMaskAsync(g.a, g.mask), grad: ['a'], bad: (g) => tf.booleanMaskAsync(g.a, [true]) },
  // ---- scans
  cumsum: { call: (g) => [tf.cumsum(g.a, 1), tf.cumsum(g.a, 0, true, true)], grad: ['a'], bad: (g) => tf.cumsum(g.a, 2) },
  topk: { call: (g) => tf.topk(g.a, 2), grad: ['a'], bad: (g) => tf.topk(g.a, 7) },
  // ---- norms and moments
  norm: {
    call: (g) => [tf.norm(g.a), tf.norm(g.a, 1, 1), tf.norm(g.a, 3, 0, true), tf.norm(g.a, 'fro', [0, 1]), tf.norm(g.a, Infinity, [1, 0])],
    grad: ['a'], bad: (g) => tf.norm(g.a, -3),
  },
  moments: { call: (g) => [tf.moments(g.a, 0), tf.moments(g.a, [0, 1], true)], grad: ['a'], bad: (g) => tf.moments(g.a, 4) },
  // ---- activations
  leakyRelu: { call: (g) => tf.leakyRelu(g.a), grad: ['a'], bad: (g) => bad.leakyRelu(g.a, 'x') },
  prelu: { call: (g) => tf.prelu(g.a, g.posRow), grad: ['a', 'posRow'], bad: (g) => tf.prelu(g.a, g.m) },
  gelu: { call: (g) => [tf.gelu(g.a), tf.gelu(g.a, true)], grad: ['a'], bad: (g) => tf.gelu(g.mask) },
  swish: { call: (g) => tf.swish(g.a), grad: ['a'], bad: (g) => tf.swish(g.mask) },
  silu: { call: (g) => tf.silu(g.a), grad: ['a'], bad: (g) => tf.silu(g.disposed) },
  hardSigmoid: { call: (g) => tf.hardSigmoid(g.wide), grad: ['wide'], bad: (g) => tf.hardSigmoid(g.disposed) },
  mish: { call: (g) => tf.mish(g.a), grad: ['a'], bad: (g) => tf.mish(g.mask) },
  // ---- nn
  batchNorm: {
    call: (g) => [tf.batchNorm(g.a, g.row, g.posRow, g.row2, g.posRow2), tf.batchNorm(g.a, g.row, g.posRow)],
    grad: ['a', 'row', 'posRow', 'row2', 'posRow2'], bad: (g) => tf.batchNorm(g.a, g.m, g.posRow),
  },
  dropout: { call: (g) => [tf.dropout(g.a, 0.5, null, 7), tf.dropout(g.a, 0)], grad: ['a'], bad: (g) => tf.dropout(g.a, 1.5) },
  softmaxCrossEntropyWithLogits: {
    call: (g) => [tf.softmaxCrossEntropyWithLogits(g.probs, g.a), tf.softmaxCrossEntropyWithLogits(g.probs, g.a, 0)],
    grad: ['probs', 'a'], bad: (g) => tf.softmaxCrossEntropyWithLogits(g.probs, g.m),
  },
  sigmoidCrossEntropyWithLogits: {
    call: (g) => tf.sigmoidCrossEntropyWithLogits(g.probs, g.a), grad: ['probs', 'a'],
    bad: (g) => tf.sigmoidCrossEntropyWithLogits(g.probs, g.m),
  },
  // ---- more convolutions and pooling (issue 14)
  conv1d: { call: (g) => tf.conv1d(g.seq, g.filt1, 1, 'same'), grad: ['seq', 'filt1'], bad: (g) => tf.conv1d(g.seq, g.filt) },
  separableConv2d: {
    call: (g) => tf.separableConv2d(g.img, g.dfilt, g.pw, 1, 'same'), grad: ['img', 'dfilt', 'pw'],
    bad: (g) => tf.separableConv2d(g.img, g.dfilt, g.filt, 1, 'same'),
  },
  localResponseNormalization: {
    call: (g) => tf.localResponseNormalization(g.img, 1, 1, 0.5, 0.75), grad: ['img'], bad: (g) => tf.localResponseNormalization(g.img, -1),
  },
  conv3d: { call: (g) => tf.conv3d(g.vol, g.vfilt, 1, 'same'), grad: ['vol', 'vfilt'], bad: (g) => tf.conv3d(g.vol, g.filt) },
  conv3dTranspose: {
    call: (g) => tf.conv3dTranspose(g.vdy, g.vfilt, [1, 3, 3, 3, 2], 1, 'valid'), grad: ['vdy', 'vfilt'],
    bad: (g) => tf.conv3dTranspose(g.vdy, g.vfilt, [1, 4, 4, 4, 2], 1, 'valid'),
  },
  maxPool3d: { call: (g) => tf.maxPool3d(g.vol, 2, 1, 'same'), grad: ['vol'], bad: (g) => tf.maxPool3d(g.a, 2, 1, 'same') },
  avgPool3d: { call: (g) => tf.avgPool3d(g.vol, 2, 1, 'same'), grad: ['vol'], bad: (g) => bad.avgPool3d(g.vol, null) },
  pool: { call: (g) => [tf.pool(g.img, 2, 'max', 'same', 2), tf.pool(g.img, 2, 'avg', 'valid', 1, 2)], grad: ['img'], bad: (g) => bad.pool(g.img, 2, 'min') },
  maxPoolWithArgmax: { call: (g) => tf.maxPoolWithArgmax(g.img, 2, 1, 'same', true), grad: ['img'], bad: (g) => tf.maxPoolWithArgmax(g.vol, 2) },
  dilation2d: { call: (g) => tf.dilation2d(g.img, g.dil, 1, 'same'), grad: ['img', 'dil'], bad: (g) => tf.dilation2d(g.img, g.filt1, 1, 'same') },
  'fused.conv2d': {
    call: (g) => [tf.fused.conv2d({ x: g.img, filter: g.filt, pad: 'same', bias: g.bias3, activation: 'relu' }),
      tf.fused.conv2d({ x: g.img, filter: g.filt, bias: g.bias3, activation: 'prelu', preluActivationWeights: g.row })],
    grad: ['img', 'filt', 'bias3'], bad: (g) => tf.fused.conv2d({ x: g.img, filter: g.dy }),
  },
  'fused.depthwiseConv2d': {
    call: (g) => tf.fused.depthwiseConv2d({ x: g.img, filter: g.dfilt, strides: 1, pad: 'same', bias: g.bias4, activation: 'leakyrelu' }),
    grad: ['img', 'dfilt', 'bias4'], bad: (g) => tf.fused.depthwiseConv2d({ x: g.img, filter: g.dfilt, activation: 'swish' as 'relu' }),
  },
  'fused.matMul': {
    call: (g) => tf.fused.matMul({ a: g.a, b: g.m, bias: g.bias4, activation: 'elu' }), grad: ['a', 'm', 'bias4'],
    bad: (g) => tf.fused.matMul({ a: g.a, b: g.a }),
  },
  // ---- math ops of issue 14
  cosh: { call: (g) => tf.cosh(g.a), grad: ['a'], bad: (g) => tf.cosh(g.mask) },
  sinh: { call: (g) => tf.sinh(g.a), grad: ['a'], bad: (g) => tf.sinh(g.disposed) },
  acosh: { call: (g) => tf.acosh(g.pos), grad: ['pos'], bad: (g) => tf.acosh(g.mask) },
  asinh: { call: (g) => tf.asinh(g.a), grad: ['a'], bad: (g) => tf.asinh(g.disposed) },
  atanh: { call: (g) => tf.atanh(g.unit), grad: ['unit'], bad: (g) => tf.atanh(g.mask) },
  logSigmoid: { call: (g) => [tf.logSigmoid(g.a), tf.logSigmoid(g.i)], grad: ['a'], bad: (g) => tf.logSigmoid(g.mask) },
  isFinite: { call: (g) => [tf.isFinite(g.a), tf.isFinite(g.i)], grad: [], bad: (g) => tf.isFinite(g.disposed) },
  isInf: { call: (g) => [tf.isInf(g.a), tf.isInf(g.mask)], grad: [], bad: (g) => tf.isInf(g.disposed) },
  divNoNan: { call: (g) => [tf.divNoNan(g.a, g.row), tf.divNoNan(g.i, 0)], grad: ['a', 'row'], bad: (g) => tf.divNoNan(g.a, g.m) },
  bitwiseAnd: { call: (g) => [tf.bitwiseAnd(g.i, g.i), tf.bitwiseAnd(g.idx, g.ids)], grad: [], bad: (g) => tf.bitwiseAnd(g.a, g.i) },
  addN: { call: (g) => [tf.addN([g.a, g.b, g.pos]), tf.addN([g.a])], grad: ['a', 'b', 'pos'], bad: (g) => tf.addN([g.a, g.row]) },
  all: { call: (g) => [tf.all(g.mask), tf.all(g.mask, 1, true)], grad: [], bad: (g) => tf.all(g.a) },
  any: { call: (g) => [tf.any(g.mask, 0), tf.any(g.mask2)], grad: [], bad: (g) => tf.any(g.mask, 2) },
  euclideanNorm: { call: (g) => [tf.euclideanNorm(g.a), tf.euclideanNorm(g.a, 1, true)], grad: ['a'], bad: (g) => tf.euclideanNorm(g.a, 3) },
  cumprod: { call: (g) => [tf.cumprod(g.pos, 1), tf.cumprod(g.pos, 0, true, true)], grad: ['pos'], bad: (g) => tf.cumprod(g.a, 2) },
  outerProduct: { call: (g) => tf.outerProduct(g.row, g.vec), grad: ['row', 'vec'], bad: (g) => tf.outerProduct(g.a, g.vec) },
  diag: { call: (g) => [tf.diag(g.row), tf.diag(g.mask)], grad: ['row'], bad: (g) => tf.diag(g.disposed) },
  movingAverage: { call: (g) => [tf.movingAverage(g.a, g.b, 0.9, 2), tf.movingAverage(g.a, g.b, 0.5, undefined, false)], grad: ['a', 'b'], bad: (g) => tf.movingAverage(g.a, g.b, 0.9) },
  batchNorm2d: { call: (g) => tf.batchNorm2d(g.a, g.row, g.posRow, g.row2, g.posRow2), grad: ['a', 'row', 'posRow'], bad: (g) => tf.batchNorm2d(g.a3, g.row, g.posRow) },
  batchNorm3d: { call: (g) => tf.batchNorm3d(g.a3, g.row, g.posRow), grad: ['a3', 'row', 'posRow'], bad: (g) => tf.batchNorm3d(g.a, g.row, g.posRow) },
  batchNorm4d: { call: (g) => tf.batchNorm4d(g.img, g.vec, g.vec), grad: ['img', 'vec'], bad: (g) => tf.batchNorm4d(g.img, g.a, g.vec) },
  basicLSTMCell: { call: (g) => tf.basicLSTMCell(1, g.lstmK, g.lstmB, g.a, g.st, g.st), grad: ['lstmK', 'lstmB', 'a', 'st'], bad: (g) => tf.basicLSTMCell(1, g.m, g.lstmB, g.a, g.st, g.st) },
  multiRNNCell: {
    call: (g) => tf.multiRNNCell([(d, c, h) => tf.basicLSTMCell(1, g.lstmK, g.lstmB, d, c, h)], g.a, [g.st], [g.st]), grad: ['lstmK', 'a'],
    bad: (g) => tf.multiRNNCell([(d, c, h) => tf.basicLSTMCell(1, g.lstmK, g.lstmB, d, c, h)], g.a, [g.st, g.st], [g.st]),
  },
  tensor5d: { call: () => tf.tensor5d([[[[[1, 2]]]]]), grad: [], bad: () => tf.tensor5d([1, 2]) },
  tensor6d: { call: () => tf.tensor6d([1, 2], [1, 1, 1, 1, 1, 2]), grad: [], bad: () => tf.tensor6d([[1]]) },
  randomStandardNormal: { call: () => tf.randomStandardNormal([2, 3], 'float32', 1), grad: [], bad: () => tf.randomStandardNormal([2], 'bool' as 'int32') },
  randomUniformInt: { call: () => tf.randomUniformInt([2, 3], 0, 10, 2), grad: [], bad: () => tf.randomUniformInt([2], 5, 1) },
  randomGamma: { call: () => [tf.randomGamma([2, 3], 2, 1, 'float32', 3), tf.randomGamma([3], 0.5, 2, 'int32')], grad: [], bad: () => tf.randomGamma([2], -1) },
  rand: { call: () => tf.rand([2, 2], () => 0.5), grad: [], bad: () => tf.rand([-1], () => 1) },
  multinomial: { call: (g) => [tf.multinomial(g.a, 4, 5), tf.multinomial(g.probs, 2, 6, true)], grad: [], bad: (g) => tf.multinomial(g.a3, 2) },
  'math.confusionMatrix': { call: (g) => tf.math.confusionMatrix(g.idx, g.ids, 3), grad: [], bad: (g) => tf.math.confusionMatrix(g.idx, g.ids, 2) },
  // ---- rank-typed forwards (src/ops/typed.ts)
  concat1d: { call: (g) => tf.concat1d([g.row, g.row2]), grad: ['row', 'row2'], bad: (g) => tf.concat1d([g.row, g.disposed]) },
  concat2d: { call: (g) => tf.concat2d([g.a, g.b], 1), grad: ['a', 'b'], bad: (g) => tf.concat2d([g.a, g.m], 0) },
  concat3d: { call: (g) => tf.concat3d([g.a3, g.a3], 1), grad: ['a3'], bad: (g) => tf.concat3d([g.a3, g.a], 0) },
  concat4d: { call: (g) => tf.concat4d([g.img, g.img], 3), grad: ['img'], bad: (g) => tf.concat4d([g.img, g.dy], 3) },
  pad1d: { call: (g) => tf.pad1d(g.row, [1, 2], 3), grad: ['row'], bad: (g) => bad.pad1d(g.row, [1]) },
  pad2d: { call: (g) => tf.pad2d(g.a, [[1, 0], [0, 2]]), grad: ['a'], bad: (g) => bad.pad2d(g.a, [[1, 0]]) },
  pad3d: { call: (g) => tf.pad3d(g.a3, [[1, 0], [0, 2], [1, 1]]), grad: ['a3'], bad: (g) => bad.pad3d(g.a3, [[1, 0]]) },
  pad4d: { call: (g) => tf.pad4d(g.img, [[0, 0], [1, 1], [1, 1], [0, 0]]), grad: ['img'], bad: (g) => bad.pad4d(g.img, [[1, 0]]) },
  slice1d: { call: (g) => tf.slice1d(g.row, 1, 2), grad: ['row'], bad: (g) => tf.slice1d(g.a, 1, 2) },
  slice2d: { call: (g) => tf.slice2d(g.a, [0, 1], [2, 2]), grad: ['a'], bad: (g) => tf.slice2d(g.a, [0, 2], [2, 2]) },
  slice3d: { call: (g) => tf.slice3d(g.a3, [1, 0, 1], [1, 1, 2]), grad: ['a3'], bad: (g) => tf.slice3d(g.a, [0, 0, 0], [1, 1, 1]) },
  slice4d: { call: (g) => tf.slice4d(g.img, [0, 1, 1, 0], [1, 2, 2, 2]), grad: ['img'], bad: (g) => tf.slice4d(g.a3, [0, 0, 0, 0], [1, 1, 1, 1]) },
  reverse1d: { call: (g) => tf.reverse1d(g.row), grad: ['row'], bad: (g) => tf.reverse1d(g.a) },
  reverse2d: { call: (g) => tf.reverse2d(g.a, 1), grad: ['a'], bad: (g) => tf.reverse2d(g.a, 2) },
  reverse3d: { call: (g) => tf.reverse3d(g.a3, [0, 2]), grad: ['a3'], bad: (g) => tf.reverse3d(g.a) },
  reverse4d: { call: (g) => tf.reverse4d(g.img), grad: ['img'], bad: (g) => tf.reverse4d(g.a) },
  // ---- space / batch / depth, scatters (src/ops/space.ts, src/ops/scatter.ts)
  depthToSpace: { call: (g) => tf.depthToSpace(g.img, 2, 'NCHW'), grad: ['img'], bad: (g) => tf.depthToSpace(g.img, 3) },
  spaceToBatchND: { call: (g) => tf.spaceToBatchND(g.img, [2, 2], [[0, 0], [1, 1]]), grad: ['img'], bad: (g) => tf.spaceToBatchND(g.img, [3, 3], [[0, 0], [0, 0]]) },
  batchToSpaceND: { call: (g) => tf.batchToSpaceND(g.dfilt, [2], [[1, 0]]), grad: ['dfilt'], bad: (g) => tf.batchToSpaceND(g.img, [2, 2], [[0, 0], [0, 0]]) },
  tensorScatterUpdate: { call: (g) => tf.tensorScatterUpdate(g.a, g.nd, g.vec), grad: ['a', 'vec'], bad: (g) => tf.tensorScatterUpdate(g.a, [[3]], [g.row]) },
  sparseToDense: { call: (g) => [tf.sparseToDense(g.nd, g.vec, [2, 3], 0.5), tf.sparseToDense(g.idx, g.ids, [4])], grad: ['vec'], bad: (g) => tf.sparseToDense(g.nd, g.vec, [1, 1]) },
  broadcastArgs: { call: () => tf.broadcastArgs([2, 1], [3]), grad: [], bad: () => tf.broadcastArgs([2], [3]) },
  // ---- search and count (src/ops/search.ts)
  unique: { call: (g) => [tf.unique(g.i, 1), tf.unique([1, 1, 2])], grad: [], bad: (g) => tf.unique(g.a, 2) },
  searchSorted: { call: (g) => [tf.searchSorted(g.a, g.b, 'right'), tf.searchSorted([1, 2], [1.5])], grad: [], bad: (g) => tf.searchSorted(g.m, g.row) },
  lowerBound: { call: (g) => tf.lowerBound(g.posRow, g.vec), grad: [], bad: (g) => tf.lowerBound(g.m, g.row) },
  upperBound: { call: (g) => tf.upperBound(g.posRow, g.vec), grad: [], bad: (g) => tf.upperBound(g.m, g.row) },
  bincount: { call: (g) => [tf.bincount(g.idx, [], 3), tf.bincount(g.idx, g.vec, 4)], grad: ['vec'], bad: (g) => tf.bincount(g.idx, g.row, 3) },
  denseBincount: { call: (g) => [tf.denseBincount(g.i, g.a, 4), tf.denseBincount(g.i, [], 6, true)], grad: ['a'], bad: (g) => tf.denseBincount(g.i, [], -1) },
  setdiff1dAsync: { call: (g) => tf.setdiff1dAsync(g.row, g.row2), grad: [], bad: (g) => tf.setdiff1dAsync(g.row, g.idx) },
  inTopKAsync: { call: (g) => tf.inTopKAsync(g.a, g.idx, 2), grad: [], bad: (g) => tf.inTopKAsync(g.a, g.idx, 4) },
  // ---- tf.sparse (src/ops/sparse.ts)
  'sparse.sparseFillEmptyRows': {
    call: (g) => [tf.sparse.sparseFillEmptyRows(g.nd, g.vec, [3, 3], 0.5), tf.sparse.sparseFillEmptyRows([[1, 0]], [2], [2, 1], -1)],
    grad: [], bad: (g) => tf.sparse.sparseFillEmptyRows(g.nd, g.vec, [1, 3], 0),
  },
  'sparse.sparseReshape': { call: (g) => tf.sparse.sparseReshape(g.nd, [2, 3], [3, -1]), grad: [], bad: (g) => tf.sparse.sparseReshape(g.nd, [2, 3], [4, -1]) },
  'sparse.sparseSegmentSum': { call: (g) => tf.sparse.sparseSegmentSum(g.m, g.idx, [0, 2]), grad: ['m'], bad: (g) => tf.sparse.sparseSegmentSum(g.m, g.idx, [1, 0]) },
  'sparse.sparseSegmentMean': { call: (g) => tf.sparse.sparseSegmentMean(g.m, [0, 1, 2], [0, 0, 1]), grad: ['m'], bad: (g) => tf.sparse.sparseSegmentMean(g.m, [0, 5], [0, 0]) },
  raggedRange: { call: (g) => [tf.raggedRange(g.idx, 5, 1), tf.raggedRange(g.row, 2, 0.5)], grad: [], bad: (g) => tf.raggedRange(g.a, 1, 1) },
  raggedGather: {
    call: (g) => [tf.raggedGather([[0, 1, 3]], g.row, g.ids, 1), tf.raggedGather([[0, 2, 2], [0, 1, 1]], [[1, 2]], [[1, 0]], 3)],
    grad: [], bad: (g) => tf.raggedGather([[0, 1, 3]], g.row, [2], 1),
  },
  raggedTensorToTensor: {
    call: (g) => [tf.raggedTensorToTensor([2, 2], g.row, 0, [[0, 2, 3]], ['ROW_SPLITS']), tf.raggedTensorToTensor([-1, -1], g.vec, 0.5, [2, [0, 1]], ['FIRST_DIM_SIZE', 'VALUE_ROWIDS'])],
    grad: [], bad: (g) => tf.raggedTensorToTensor([2, 2], g.row, 0, [[0, 2, 4]], ['ROW_SPLITS']),
  },
  ensureShape: { call: (g) => [tf.ensureShape(g.a, [2, null]), tf.ensureShape([1, 2], [2])], grad: ['a'], bad: (g) => tf.ensureShape(g.a, [3, 2]) },
  // ---- tf.image, tf.linalg, einsum, tf.signal
  'image.resizeBilinear': {
    call: (g) => [tf.image.resizeBilinear(g.img, [3, 5]), tf.image.resizeBilinear(g.img, [2, 2], false, true)], grad: ['img'],
    bad: (g) => tf.image.resizeBilinear(g.img, [2, 2], true, true),
  },
  'image.resizeNearestNeighbor': { call: (g) => tf.image.resizeNearestNeighbor(g.img, [5, 3], true), grad: ['img'], bad: (g) => tf.image.resizeNearestNeighbor(g.a, [2, 2]) },
  'image.cropAndResize': {
    call: (g) => [tf.image.cropAndResize(g.img, g.boxes, [0, 0, 0], [2, 3]), tf.image.cropAndResize(g.img, g.boxes, [0, 0, 0], [1, 1], 'nearest', 2)], grad: [],
    bad: (g) => tf.image.cropAndResize(g.img, g.boxes, [0, 1, 0], [2, 3]),
  },
  'image.flipLeftRight': { call: (g) => tf.image.flipLeftRight(g.img), grad: ['img'], bad: (g) => tf.image.flipLeftRight(g.a) },
  'image.rotateWithOffset': { call: (g) => tf.image.rotateWithOffset(g.img, 0.5, 1, [0.2, 0.7]), grad: [], bad: (g) => tf.image.rotateWithOffset(g.a, 1) },
  'image.transform': {
    call: (g) => tf.image.transform(g.img, [[1, 0.1, 0, 0, 1, 0.5, 0, 0]], 'bilinear', 'reflect', 0, [3, 5]), grad: [],
    bad: (g) => tf.image.transform(g.img, [[1, 0]]),
  },
  'image.grayscaleToRGB': { call: (g) => tf.image.grayscaleToRGB(g.gray), grad: ['gray'], bad: (g) => tf.image.grayscaleToRGB(g.a) },
  'image.rgbToGrayscale': { call: (g) => tf.image.rgbToGrayscale(g.rgb), grad: ['rgb'], bad: (g) => tf.image.rgbToGrayscale(g.m) },
  'image.threshold': { call: (g) => [tf.image.threshold(g.rgb), tf.image.threshold(g.rgb, 'otsu', true)], grad: [], bad: (g) => tf.image.threshold(g.img) },
  'image.nonMaxSuppression': { call: (g) => tf.image.nonMaxSuppression(g.boxes, g.scores, 2, 0.5), grad: [], bad: (g) => tf.image.nonMaxSuppression(g.boxes, g.vec, 2) },
  'image.nonMaxSuppressionAsync': { call: (g) => tf.image.nonMaxSuppressionAsync(g.boxes, g.scores, 2), grad: [], bad: (g) => tf.image.nonMaxSuppressionAsync(g.boxes, g.scores, -2) },
  'image.nonMaxSuppressionWithScore': {
    call: (g) => tf.image.nonMaxSuppressionWithScore(g.boxes, g.scores, 3, 0.3, 0, 0.5), grad: [],
    bad: (g) => tf.image.nonMaxSuppressionWithScore(g.boxes, g.scores, 3, 0.3, 0, 2),
  },
  'image.nonMaxSuppressionWithScoreAsync': {
    call: (g) => tf.image.nonMaxSuppressionWithScoreAsync(g.boxes, g.scores, 3, 0.5, 0, 0.2), grad: [],
    bad: (g) => tf.image.nonMaxSuppressionWithScoreAsync(g.a, g.scores, 3),
  },
  'image.nonMaxSuppressionPadded': {
    call: (g) => tf.image.nonMaxSuppressionPadded(g.boxes, g.scores, 5, 0.5, 0, true), grad: [],
    bad: (g) => tf.image.nonMaxSuppressionPadded(g.boxes, g.scores, 5, 1.5),
  },
  'image.nonMaxSuppressionPaddedAsync': {
    call: (g) => tf.image.nonMaxSuppressionPaddedAsync(g.boxes, g.scores, 2), grad: [],
    bad: (g) => tf.image.nonMaxSuppressionPaddedAsync(g.boxes, g.vec, 2),
  },
  'linalg.bandPart': { call: (g) => [tf.linalg.bandPart(g.m, 1, -1), tf.linalg.bandPart(g.m, 0, 0)], grad: ['m'], bad: (g) => tf.linalg.bandPart(g.row, 1, 1) },
  'linalg.gramSchmidt': { call: (g) => [tf.linalg.gramSchmidt(g.a), tf.linalg.gramSchmidt([g.row, g.row2])], grad: ['a', 'row', 'row2'], bad: (g) => tf.linalg.gramSchmidt(g.a3) },
  'linalg.qr': { call: (g) => [tf.linalg.qr(g.m), tf.linalg.qr(g.a, true)], grad: ['m', 'a'], bad: (g) => tf.linalg.qr(g.row) },
  einsum: {
    call: (g) => [tf.einsum('ij,jk->ik', g.a, g.m), tf.einsum('ij->j', g.a), tf.einsum('i,i->', g.row, g.row2)], grad: ['a', 'm', 'row', 'row2'],
    bad: (g) => tf.einsum('ij,jk->ik', g.a, g.a),
  },
  'signal.hannWindow': { call: () => tf.signal.hannWindow(5), grad: [], bad: () => tf.signal.hannWindow(-1) },
  'signal.hammingWindow': { call: () => tf.signal.hammingWindow(6), grad: [], bad: () => tf.signal.hammingWindow(2.5) },
  'signal.frame': { call: (g) => [tf.signal.frame(g.row, 2, 1), tf.signal.frame(g.row, 2, 2, true)], grad: ['row'], bad: (g) => tf.signal.frame(g.a, 2, 1) },
  // ---- complex and spectral
  complex: { call: (g) => [tf.complex(g.a, g.b), tf.complex([1, 2], [3, 4])], grad: [], bad: (g) => tf.complex(g.a, g.row) },
  real: { call: (g) => [tf.real(g.c), tf.real(g.a)], grad: [], bad: (g) => tf.real(g.mask) },
  imag: { call: (g) => [tf.imag(g.c), tf.imag(g.a)], grad: [], bad: (g) => tf.imag(g.mask) },
  fft: { call: (g) => [tf.fft(g.c), tf.fft(g.c1)], grad: [], bad: (g) => tf.fft(g.a) },
  ifft: { call: (g) => [tf.ifft(g.c), tf.ifft(g.c1)], grad: [], bad: (g) => tf.ifft(g.a) },
  rfft: { call: (g) => [tf.rfft(g.a), tf.rfft(g.a, 5), tf.rfft(g.a, 2)], grad: [], bad: (g) => tf.rfft(g.c) },
  irfft: { call: (g) => [tf.irfft(g.c), tf.irfft(g.c1)], grad: [], bad: (g) => tf.irfft(g.a) },
  'spectral.fft': { call: (g) => tf.spectral.fft(g.c), grad: [], bad: (g) => tf.spectral.fft(g.a) },
  'spectral.ifft': { call: (g) => tf.spectral.ifft(g.c), grad: [], bad: (g) => tf.spectral.ifft(g.a) },
  'spectral.rfft': { call: (g) => tf.spectral.rfft(g.a, 4), grad: [], bad: (g) => tf.spectral.rfft(g.c) },
  'spectral.irfft': { call: (g) => tf.spectral.irfft(g.c), grad: [], bad: (g) => tf.spectral.irfft(g.a) },
  'string.staticRegexReplace': {
    call: () => [tf.string.staticRegexReplace(['a  b', 'test test'], ' +', '-'), tf.string.staticRegexReplace(['ab'], '(a)(b)', '\\2\\1', false)],
    grad: [], bad: (g) => tf.string.staticRegexReplace(g.a, 'x', 'y'),
  },
  'string.stringSplit': {
    call: () => { const r = tf.string.stringSplit(['a b', '', 'c  d'], ' '); const e = tf.string.stringSplit(['ab'], '', false); return [r.indices, r.values, r.shape, e.indices, e.values, e.shape]; },
    grad: [], bad: (g) => tf.string.stringSplit(g.a, ' '),
  },
  'string.stringNGrams': {
    call: () => { const r = tf.string.stringNGrams(['a', 'b', 'c'], [0, 2, 3], '|', [2, 3], 'L', 'R', -1, true); return [r.nGrams, r.nGramsSplits]; },
    grad: [], bad: () => tf.string.stringNGrams(['a'], [1, 1], '|', [2], '', '', 0, false),
  },
  'signal.stft': {
    call: (g) => [tf.signal.stft(g.row, 2, 1), tf.signal.stft(g.row, 3, 1, 5, (n) => tf.ones([n]))], grad: [],
    bad: (g) => tf.signal.stft(g.a, 2, 1),
  },
};

/** Composites (or primitives whose forward composes ops): at top level only their results may stay. */
const COMPOSITES = [
  'softmax', 'logSoftmax', 'logSumExp', 'batchNorm', 'moments', 'norm', 'mean', 'dot', 'step', 'stack', 'unstack',
  'split', 'tile', 'pad', 'mirrorPad', 'clipByValue', 'meshgrid', 'gatherND', 'scatterND', 'booleanMask', 'topk',
  'prelu', 'gelu', 'leakyRelu', 'dropout', 'softmaxCrossEntropyWithLogits', 'conv2d', 'conv2dTranspose',
  'conv2dBackpropFilter', 'depthwiseConv2d', 'maxPool', 'avgPool', 'globalAvgPool', 'slice', 'stridedSlice', 'index',
  'reverse', 'expandDims', 'squeeze', 'where',
  'conv1d', 'separableConv2d', 'localResponseNormalization', 'conv3d', 'conv3dTranspose', 'maxPool3d', 'avgPool3d', 'pool',
  'maxPoolWithArgmax', 'dilation2d', 'fused.conv2d', 'fused.depthwiseConv2d', 'fused.matMul',
  'logSigmoid', 'euclideanNorm', 'outerProduct', 'diag', 'movingAverage', 'batchNorm2d', 'batchNorm3d', 'batchNorm4d', 'basicLSTMCell',
  'multiRNNCell', 'multinomial',
  'concat1d', 'concat2d', 'concat3d', 'concat4d', 'pad1d', 'pad2d', 'pad3d', 'pad4d', 'slice1d', 'slice2d', 'slice3d', 'slice4d',
  'reverse1d', 'reverse2d', 'reverse3d', 'reverse4d', 'depthToSpace', 'spaceToBatchND', 'batchToSpaceND', 'tensorScatterUpdate',
  'sparseToDense', 'bincount', 'denseBincount', 'sparse.sparseSegmentSum', 'sparse.sparseSegmentMean',
  'image.resizeBilinear', 'image.resizeNearestNeighbor', 'image.flipLeftRight', 'image.grayscaleToRGB', 'image.rgbToGrayscale',
  'linalg.bandPart', 'linalg.gramSchmidt', 'linalg.qr', 'einsum', 'signal.frame',
  'reverse', 'expandDims', 'squeeze', 'where', 'signal.stft',
];

// ---- helpers --------------------------------------------------------------------------------------

const EXPORTED = PUBLIC_OPS;

function entry(name: string): Entry {
  const e = OPS[name];
  if (e === undefined) throw new Error(`'${name}' is exported by src/ops/index.ts but has no entry in the no-leak table`);
  return e;
}

function isInput(t: T, g: Gen): boolean {
  return Object.values(g).includes(t);
}

/** The result's tensors the call made (not inputs returned unchanged); all must be live. */
function made(result: unknown, g: Gen): T[] {
  const ts = tensorsIn(result);
  for (const t of ts) expect(t.isDisposed, 'a result is disposed').toBe(false);
  return ts.filter((t) => !isInput(t, g));
}

async function run(name: string, g: Gen): Promise<unknown> {
  return await entry(name).call(g);
}

function disposeGen(g: Gen): void {
  tf.dispose(Object.values(g));
}

/** What the op threw on its bad call (fails when it did not throw). */
async function thrown(name: string, g: Gen): Promise<Error> {
  try {
    await entry(name).bad(g);
  } catch (e) {
    return e as Error;
  }
  throw new Error(`the bad call of the '${name}' table entry did not throw`);
}

// Kernel scratch areas (shape arrays, the GEMM's packing panel) are allocated once per process on first
// use and never freed: allocate them before anything is measured.
let base: ReturnType<typeof snap>;
beforeAll(() => {
  tf.tidy(() => { tf.matMul(tf.ones([1, 1]), tf.ones([1, 1])); tf.add(tf.ones([2, 1]), tf.ones([3])); });
  base = snap();
});
afterAll(() => {
  expect(snap(), 'the whole file leaves nothing behind').toEqual(base);
});

// ---- 1. the table covers exactly the exported ops -------------------------------------------------

describe('no-leak table', () => {
  it('lists every op exported by src/ops/index.ts', () => {
    expect(EXPORTED.length).toBeGreaterThan(100);
    expect(EXPORTED.filter((n) => !(n in OPS)), 'exported ops without a table entry').toEqual([]);
  });
  it('lists only exported ops', () => {
    expect(Object.keys(OPS).filter((n) => !EXPORTED.includes(n)), 'table entries that are not exported ops').toEqual([]);
    expect(COMPOSITES.filter((n) => !(n in OPS)), 'composites without a table entry').toEqual([]);
  });
  it('differentiates only inputs that exist', () => {
    const g = makeGen();
    try {
      for (const [name, e] of Object.entries(OPS)) {
        for (const k of e.grad) expect(g[k]?.dtype, `${name}: grad input '${k}'`).toBe('float32');
      }
    } finally { disposeGen(g); }
  });
});

// ---- 2. top level: call, dispose the results, memory as before ------------------------------------

describe.each(EXPORTED)('%s', (name) => {
  it('leaves nothing behind at top level', async () => {
    const g = makeGen();
    try {
      const before = snap();
      const out = await run(name, g);
      tf.dispose(made(out, g));
      expect(snap()).toEqual(before);
    } finally { disposeGen(g); }
  });

  // ---- 3. under a tape: op, gradient of the sum of its float results, dispose all ------------------
  it('leaves nothing behind under a GradientTape', async () => {
    const e = entry(name);
    const g = makeGen();
    const before = snap();
    const tape = new tf.GradientTape();
    try {
      // a no-gradient op: watch every float input, and every gradient must be null
      const xs = e.grad.length > 0 ? e.grad.map((k) => g[k])
        : Object.values(g).filter((t) => !t.isDisposed && t.dtype === 'float32');
      tape.watch(xs);
      const out = await run(name, g);
      const ys = made(out, g);
      const floats = tensorsIn(out).filter((t) => t.dtype === 'float32');
      if (floats.length === 0) {
        expect(e.grad, 'an op with no float result has no gradient').toEqual([]);
        tf.dispose(ys);
        expect(snap(), 'the tape kept nothing for a no-gradient op').toEqual(before);
        return;
      }
      const target = tf.tidy(() => floats.map((t) => tf.sum(t)).reduce((s, t) => tf.add(s, t)));
      const grads = tape.gradient(target, xs);
      if (e.grad.length > 0) {
        grads.forEach((d, k) => {
          expect(d, `gradient for '${e.grad[k]}'`).not.toBeNull();
          expect(d!.shape, `gradient for '${e.grad[k]}'`).toEqual(xs[k].shape);
          expect(d!.dtype).toBe('float32');
        });
      } else if (!tensorsIn(out).some((t) => isInput(t, g))) {
        expect(grads.filter((d) => d !== null), 'a no-gradient op gave gradients').toEqual([]);
      }
      tf.dispose([ys, target, grads]);
      expect(snap()).toEqual(before);
    } finally { tape.dispose(); disposeGen(g); }
  });

  // ---- 4. bad input: an Error naming the op, memory as before, the op works afterwards -------------
  it('throws an Error naming it on bad input, leaks nothing and works afterwards', async () => {
    const g = makeGen();
    try {
      const before = snap();
      const err = await thrown(name, g);
      expect(err).toBeInstanceOf(Error);
      expect(err.message.startsWith(`${name}: `), `message: ${err.message}`).toBe(true);
      expect(err.message, 'a kernel trap is not a validation').not.toMatch(/a kernel failed/);
      // the op checked its input itself: the error is not a wrapped JS exception
      const cause = (err as { cause?: unknown }).cause;
      expect(cause instanceof TypeError || cause instanceof RangeError, `cause: ${String(cause)}`).toBe(false);
      expect(snap(), 'after the error').toEqual(before);
      const out = await run(name, g);
      tf.dispose(made(out, g));
      expect(snap()).toEqual(before);
    } finally { disposeGen(g); }
  });
});

// ---- 5. composites at top level: repeated calls leave only their results --------------------------
// Before the op seam scoped every body, these leaked outside tidy: softmax +5 tensors a call,
// logSumExp +10, batchNorm +7 (and dot, mean, meshgrid, index, globalAvgPool, clipByValue …).

describe.each(COMPOSITES)('%s at top level (no tidy)', (name) => {
  it('keeps only its results alive', async () => {
    const g = makeGen();
    try {
      const before = snap();
      const kept: T[] = [];
      for (let i = 0; i < 3; i++) {
        kept.push(...made(await run(name, g), g));
        expect(tf.memory().numTensors - before.numTensors, `call ${i + 1}: live tensors beyond the results`).toBe(kept.length);
      }
      tf.dispose(kept);
      expect(snap()).toEqual(before);
    } finally { disposeGen(g); }
  });
});
