// 3-D max and average pooling (NDHWC), tfjs's generic 2-D pool (with dilations), and maxPoolWithArgmax,
// on one kernel (assembly/f32-pool/pool3d.ts; 2-D windows are 3-D ones of depth 1). The gradients are
// themselves differentiable, as for 2-D pooling:
//   max: dx = scatter(x, y, dy) to each window's first maximum; d(dy) of that = gather(x, y, gz), and back.
//   avg: dx = avgScatter(dy); its gradient is avg again.
import { Pool3d } from '../backend/abi.js';
import { K } from '../backend/wasm.js';
import { fmtShape, opError } from '../core/convert.js';
import { composite, op, type Grads } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { zeros } from './create.js';
import { geometry, pair, type Padding } from './conv_geometry.js';
import { as5d, geom3, geometry3, triple, type Geometry3, type Padding3 } from './conv3d.js';
import { pad as padOp } from './join.js';
import { avgPool, maxPool } from './pool.js';
import { reshape } from './shape.js';

const outShape = (g: Geometry3) => [g.N, g.OD, g.OH, g.OW, g.C];

function run(mode: number, x: number, y: number, src: number, dst: number, g: Geometry3, idx = 0, flag = 0): void {
  K().f32_pool3d(x, y, src, dst, idx, geom3(g), mode, flag);
}

const maxOp = op('maxPool3d', {
  inputs: ['x'], save: 'both',
  forward: (x: Tensor, g: Geometry3): Tensor => {
    const y = new Tensor(outShape(g), 'float32');
    if (y.size > 0) run(Pool3d.max, x.ptr, 0, 0, y.ptr, g);
    return y;
  },
  grad: (dy, y, [x, g]): Grads => [maxScatterOp(x, y, dy, g)],
});

const maxScatterOp = op('maxPool3dGrad', {
  inputs: ['x', 'y', 'dy'],
  forward: (x: Tensor, y: Tensor, dy: Tensor, g: Geometry3): Tensor => {
    const dx = zeros(x.shape);
    if (dy.size > 0) run(Pool3d.maxScatter, x.ptr, y.ptr, dy.ptr, dx.ptr, g);
    return dx;
  },
  grad: (gz, _dx, [x, y, , g]): Grads => [null, null, maxGatherOp(x, y, gz, g)],
});

const maxGatherOp = op('maxPool3dGradGrad', {
  inputs: ['x', 'y', 'gz'],
  forward: (x: Tensor, y: Tensor, gz: Tensor, g: Geometry3): Tensor => {
    const out = new Tensor(outShape(g), 'float32');
    if (out.size > 0) run(Pool3d.maxGather, x.ptr, y.ptr, gz.ptr, out.ptr, g);
    return out;
  },
  grad: (go, _out, [x, y, , g]): Grads => [null, null, maxScatterOp(x, y, go, g)],
});

const avgOp = op('avgPool3d', {
  inputs: ['x'], save: 'none',
  forward: (x: Tensor, g: Geometry3): Tensor => {
    const y = new Tensor(outShape(g), 'float32');
    if (y.size > 0) run(Pool3d.avg, x.ptr, 0, 0, y.ptr, g);
    return y;
  },
  grad: (dy, _y, [, g]): Grads => [avgScatterOp(dy, g)],
});

const avgScatterOp = op('avgPool3dGrad', {
  inputs: ['dy'], save: 'none',
  forward: (dy: Tensor, g: Geometry3): Tensor => {
    const dx = zeros([g.N, g.D, g.H, g.W, g.C]);
    if (dy.size > 0) run(Pool3d.avgScatter, 0, 0, dy.ptr, dx.ptr, g);
    return dx;
  },
  grad: (gz, _dx, [, g]): Grads => [avgOp(gz, g)],
});

const argmaxOp = op('maxPoolWithArgmax', {
  inputs: ['x'],
  forward: (x: Tensor, g: Geometry3, includeBatch: boolean): Tensor => {
    const idx = new Tensor([g.N, g.OH, g.OW, g.C], 'int32');
    if (idx.size > 0) {
      const y = new Tensor(outShape(g), 'float32');
      try { run(Pool3d.argmax, x.ptr, 0, 0, y.ptr, g, idx.ptr, includeBatch ? 1 : 0); } finally { y.dispose(); }
    }
    return idx;
  },
  grad: null,
});

function pool3d(name: 'maxPool3d' | 'avgPool3d') {
  return composite(name, {
    inputs: [{ name: 'x', dtypes: ['float32'] }],
    forward: (x: Tensor, filterSize: number | [number, number, number], strides?: number | [number, number, number],
              pad: Padding3 = 'valid', dimRoundingMode?: 'floor' | 'round' | 'ceil', dataFormat: 'NDHWC' = 'NDHWC'): Tensor => {
      if (dataFormat !== undefined && dataFormat !== 'NDHWC') throw opError(name, `only dataFormat 'NDHWC' is supported, got ${JSON.stringify(dataFormat)}`);
      const x5 = as5d(name, x);
      if (filterSize === undefined || filterSize === null) throw opError(name, `filterSize is required, got ${filterSize}`);
      const k = triple(name, 'filterSize', filterSize, 1);
      const g = geometry3(name, x5.shape, k, strides ?? k, pad, 1, dimRoundingMode);
      const y = name === 'maxPool3d' ? maxOp(x5, g) : avgOp(x5, g);
      return x.rank === 4 ? reshape(y, y.shape.slice(1)) : y;
    },
  });
}

/**
 * 3-D max pooling of x [batch, depth, height, width, channels] (or rank 4) over windows of filterSize
 * (tfjs maxPool3d; strides default to the window).
 */
export const maxPool3d = pool3d('maxPool3d');

/** 3-D average pooling; with 'same' padding the padded taps are not counted (TensorFlow). */
export const avgPool3d = pool3d('avgPool3d');

function as4d(op: string, x: Tensor): Tensor {
  if (x.rank === 4) return x;
  if (x.rank === 3) return reshape(x, [1, ...x.shape]);
  throw opError(op, `argument 'x' must be rank 4 [batch, height, width, channels] (or 3), got ${fmtShape(x.shape)}`);
}

/**
 * tfjs's generic 2-D pooling: max or average over windows of windowShape with dilations (atrous pooling).
 * With dilations > 1 (strides must then be 1) and 'same', the input is zero-padded by (window − 1)·dilation
 * and the zeros take part in the windows, as TensorFlow's tf.nn.pool (space-to-batch) does.
 */
export const pool = composite('pool', {
  inputs: [{ name: 'input', dtypes: ['float32'] }],
  forward: (input: Tensor, windowShape: number | [number, number], poolingType: 'avg' | 'max', pad: Padding = 'valid',
            dilations?: number | [number, number], strides?: number | [number, number],
            dimRoundingMode?: 'floor' | 'round' | 'ceil'): Tensor => {
    const op = 'pool';
    if (poolingType !== 'avg' && poolingType !== 'max') throw opError(op, `poolingType must be 'avg' or 'max', got ${JSON.stringify(poolingType)}`);
    if (windowShape === undefined || windowShape === null) throw opError(op, `windowShape is required, got ${windowShape}`);
    const k = pair(op, 'windowShape', windowShape, 1);
    const d = pair(op, 'dilations', dilations ?? 1, 1);
    const s = pair(op, 'strides', strides ?? 1, 1);
    const x4 = as4d(op, input);
    let y: Tensor;
    if (d[0] === 1 && d[1] === 1) {
      const p = pad === 0 ? 'valid' : pad;
      y = poolingType === 'max' ? maxPool(x4, k, s, p, dimRoundingMode) : avgPool(x4, k, s, p, dimRoundingMode);
    } else {
      if (s[0] > 1 || s[1] > 1) throw opError(op, `strides ${s} and dilations ${d} cannot both be > 1`);
      if (pad !== 'same' && pad !== 'valid' && pad !== 0) throw opError(op, `with dilations > 1, pad must be 'valid' or 'same', got ${JSON.stringify(pad)}`);
      let xp = x4;
      if (pad === 'same') {
        const before = k.map((kk, i) => Math.floor((kk - 1) * d[i] / 2));
        xp = padOp(x4, [[0, 0], [before[0], (k[0] - 1) * d[0] - before[0]], [before[1], (k[1] - 1) * d[1] - before[1]], [0, 0]]);
      }
      const [N, Hp, Wp, C] = xp.shape;
      const g = geometry3(op, [N, 1, Hp, Wp, C], [1, k[0], k[1]], 1, 'valid', [1, d[0], d[1]]);
      const x5 = reshape(xp, [N, 1, Hp, Wp, C]);
      const y5 = poolingType === 'max' ? maxOp(x5, g) : avgOp(x5, g);
      y = reshape(y5, [N, g.OH, g.OW, C]);
    }
    return input.rank === 3 ? reshape(y, y.shape.slice(1)) : y;
  },
});

/**
 * Max pooling that also returns where each maximum came from: `indexes` (int32) holds the flat index
 * (y·width + x)·channels + c of the input element, plus batch·height·width·channels with includeBatchInIndex
 * (tfjs maxPoolWithArgmax; ties go to the first element of the window).
 */
export const maxPoolWithArgmax = composite('maxPoolWithArgmax', {
  inputs: [{ name: 'x', dtypes: ['float32'] }],
  forward: (x: Tensor, filterSize: number | [number, number], strides?: number | [number, number], pad: Padding = 'valid',
            includeBatchInIndex = false): { result: Tensor; indexes: Tensor } => {
    const op = 'maxPoolWithArgmax';
    if (x.rank !== 4) throw opError(op, `argument 'x' must be rank 4 [batch, height, width, channels], got ${fmtShape(x.shape)}`);
    if (filterSize === undefined || filterSize === null) throw opError(op, `filterSize is required, got ${filterSize}`);
    if (typeof includeBatchInIndex !== 'boolean') throw opError(op, `includeBatchInIndex must be a boolean, got ${JSON.stringify(includeBatchInIndex)}`);
    const k = pair(op, 'filterSize', filterSize, 1);
    const g = geometry(op, x.shape, k[0], k[1], strides ?? k, pad, 1);
    const result = maxPool(x, k, strides ?? k, pad);
    const g3: Geometry3 = { N: g.N, D: 1, H: g.H, W: g.W, C: g.C, KD: 1, KH: g.KH, KW: g.KW, OD: 1, OH: g.OH, OW: g.OW,
      sd: 1, sh: g.sh, sw: g.sw, pf: 0, pt: g.pt, pl: g.pl, dd: 1, dh: 1, dw: 1 };
    return { result, indexes: argmaxOp(x, g3, includeBatchInIndex) };
  },
});

