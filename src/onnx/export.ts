// Exporting an ascent model as ONNX (issue 17, second part): `toOnnx(model)` → the bytes of a ModelProto
// (ir_version 8, opset 17, producer 'ascent'), which onnxruntime and ascent's own loadOnnxModel run.
//
// The model's layers are walked (a Sequential's stack; a functional model's graph in topological order; a nested
// model is walked in place) and each layer becomes a few ONNX nodes; weights become float initializers.
// Layout: ascent is channels-last (NHWC, NLC). ONNX's Conv, pooling, BatchNormalization and Resize are
// channels-first, so a value carries its layout and a Transpose is inserted only where a layer needs the other
// one: a run of conv/pool layers stays NCHW inside and goes back to NHWC before flatten, dense and the outputs. The
// exported graph takes exactly ascent's inputs and gives exactly its outputs (the batch dim symbolic: 'batch').
// A layer (or a setting of one) that has no faithful ONNX form is refused by name and class; no file is made.
// Semantics follow ONNX's operator documents (onnx.defs schemas), opset 17.
import type { Variable } from '../core/tensor.js';
import type { Layer, Shape } from '../layers/layer.js';
// type-only: the loader (loadOnnxModel alone) must not carry the models and layers code
import type { Model } from '../models/model.js';
import { getActivation } from '../layers/activations.js';
import { version } from '../version.js';
import { provideOnnxSaver } from '../models/saving.js';
import type { SaveResult } from '../io/types.js';
import { saveWholeFile } from '../io/handlers/whole_file.js';
import protobufMinimal from 'protobufjs/minimal.js';
import { decodeModel } from './proto.js';
import { AttributeType, DataType, FIELD, encodeModel, encodeTensor, type AttributeProtoOut, type NodeProtoOut, type TensorProtoOut, type ValueInfoProtoOut } from './encode.js';

export interface ToOnnxOptions {
  /** The graph's name (default: the model's name). */
  name?: string;
  /** A doc string stored in the model. */
  docString?: string;
}

export const EXPORT_OPSET = 17;
export const EXPORT_IR_VERSION = 8;

/** A value of the graph being built: its name, its shape in ascent's (channels-last) terms, and its layout. */
interface Val {
  name: string;
  shape: Shape;
  /** true when the value is stored channels-first (N, C, spatial…) while ascent's shape is channels-last. */
  cf: boolean;
}

type Attr = number | string | number[] | { floats: number[] };
type Cfg = Record<string, unknown>;

/** Channels-last → channels-first permutation for a rank (3: NLC → NCL, 4: NHWC → NCHW). */
const toCF = (r: number) => [0, r - 1, ...Array.from({ length: r - 2 }, (_, i) => i + 1)];
const toCL = (r: number) => [0, ...Array.from({ length: r - 2 }, (_, i) => i + 2), 1];
const INT64_MAX = 9223372036854775807n;

class Refusal extends Error {}

class GraphBuilder {
  nodes: NodeProtoOut[] = [];
  inits: TensorProtoOut[] = [];
  private used = new Set<string>();
  private cfCache = new Map<string, Val>();
  private clCache = new Map<string, Val>();
  private consts = new Map<string, string>();
  /** The layer being exported (errors and node names). */
  layer: Layer | null = null;

  unique(base: string): string {
    let n = base, k = 1;
    while (this.used.has(n)) n = `${base}_${k++}`;
    this.used.add(n);
    return n;
  }

  refuse(why: string): never {
    const l = this.layer;
    throw new Refusal(l ? `toOnnx: layer '${l.name}' (${l.getClassName()}) ${why}` : `toOnnx: ${why}`);
  }

  /** Adds a node; returns its output names. */
  node(op: string, inputs: string[], attrs: Record<string, Attr> = {}, nOut = 1): string[] {
    const base = this.layer ? `${this.layer.name}/${op}` : op;
    const name = this.unique(base);
    const outputs = Array.from({ length: nOut }, (_, i) => (nOut === 1 ? this.unique(`${base}_out`) : this.unique(`${base}_out${i}`)));
    const attribute: AttributeProtoOut[] = Object.entries(attrs).map(([k, v]) => {
      if (typeof v === 'string') return { name: k, type: AttributeType.STRING, s: new TextEncoder().encode(v) };
      if (typeof v === 'number') {
        return Number.isInteger(v) && !FLOAT_ATTRS.has(k) ? { name: k, type: AttributeType.INT, i: v } : { name: k, type: AttributeType.FLOAT, f: v };
      }
      if (Array.isArray(v) && v.every((e) => typeof e === 'string')) {
        return { name: k, type: AttributeType.STRINGS, strings: (v as unknown as string[]).map((e) => new TextEncoder().encode(e)) };
      }
      if (Array.isArray(v)) return { name: k, type: AttributeType.INTS, ints: v };
      return { name: k, type: AttributeType.FLOATS, floats: v.floats };
    });
    this.nodes.push({ name, opType: op, input: inputs, output: outputs, attribute });
    return outputs;
  }

  /** One-output node on Vals → a Val of the given shape and layout. */
  op(op: string, inputs: string[], shape: Shape, cf: boolean, attrs: Record<string, Attr> = {}): Val {
    return { name: this.node(op, inputs, attrs)[0], shape, cf };
  }

  /** A float initializer (little-endian raw_data). */
  floatInit(base: string, data: Float32Array | number[], dims: number[]): string {
    const name = this.unique(base);
    const f = data instanceof Float32Array ? data : Float32Array.from(data);
    const raw = new Uint8Array(f.length * 4);
    const dv = new DataView(raw.buffer);
    for (let i = 0; i < f.length; i++) dv.setFloat32(i * 4, f[i], true);
    this.inits.push({ name, dims, dataType: DataType.FLOAT, rawData: raw });
    return name;
  }

  /** An int64 initializer (shapes, axes, pads). */
  intsInit(values: (number | bigint)[]): string {
    const key = `i64:${values.join(',')}`;
    const hit = this.consts.get(key);
    if (hit) return hit;
    const name = this.unique(`const_i64_${this.consts.size}`);
    const raw = new Uint8Array(values.length * 8);
    const dv = new DataView(raw.buffer);
    values.forEach((v, i) => dv.setBigInt64(i * 8, BigInt(v), true));
    this.inits.push({ name, dims: [values.length], dataType: DataType.INT64, rawData: raw });
    this.consts.set(key, name);
    return name;
  }

  /** A float scalar constant (shared). */
  scalar(v: number): string {
    const key = `f32:${v}`;
    const hit = this.consts.get(key);
    if (hit) return hit;
    const name = this.floatInit(`const_f32_${this.consts.size}`, [v], []);
    this.consts.set(key, name);
    return name;
  }

  /** The value channels-first (a Transpose when it is channels-last and of rank 3 or 4). */
  cf(v: Val): Val {
    if (v.cf) return v;
    const r = v.shape.length;
    if (r !== 3 && r !== 4) this.refuse(`needs a channels-last input of rank 3 or 4, got shape [${v.shape.map((d) => d ?? 'None')}]`);
    const hit = this.cfCache.get(v.name);
    if (hit) return hit;
    const layer = this.layer;
    this.layer = null;
    const out = { name: this.node('Transpose', [v.name], { perm: toCF(r) })[0], shape: v.shape, cf: true };
    this.layer = layer;
    this.cfCache.set(v.name, out);
    this.clCache.set(out.name, v);
    return out;
  }

  /** The value channels-last, as ascent holds it. */
  cl(v: Val): Val {
    if (!v.cf) return v;
    const hit = this.clCache.get(v.name);
    if (hit) return hit;
    const layer = this.layer;
    this.layer = null;
    const out = { name: this.node('Transpose', [v.name], { perm: toCL(v.shape.length) })[0], shape: v.shape, cf: false };
    this.layer = layer;
    this.clCache.set(v.name, out);
    this.cfCache.set(out.name, v);
    return out;
  }
}

const FLOAT_ATTRS = new Set(['alpha', 'beta', 'gamma', 'epsilon', 'momentum']);

// ---- weights ----------------------------------------------------------------------------------------------

function weight(g: GraphBuilder, layer: Layer, suffix: string): Variable {
  const w = layer.weights.find((v) => v.name === `${layer.name}/${suffix}` || v.name.endsWith(`/${suffix}`));
  if (!w) g.refuse(`has no weight '${suffix}' (is it built?)`);
  if (w.dtype !== 'float32') g.refuse(`weight '${w.name}' is ${w.dtype}; only float32 weights are exported`);
  return w;
}
const hasWeight = (layer: Layer, suffix: string) => layer.weights.some((v) => v.name.endsWith(`/${suffix}`));

/** A weight's values, permuted (perm[i] = the source axis of output axis i). */
function permuted(w: Variable, perm: number[] | null): { data: Float32Array; dims: number[] } {
  const src = w.dataSync() as Float32Array;
  const shape = w.shape;
  if (!perm) return { data: Float32Array.from(src), dims: shape.slice() };
  const dims = perm.map((p) => shape[p]);
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const out = new Float32Array(src.length);
  const idx = new Array(dims.length).fill(0);
  for (let o = 0; o < out.length; o++) {
    let s = 0;
    for (let i = 0; i < dims.length; i++) s += idx[i] * strides[perm[i]];
    out[o] = src[s];
    for (let i = dims.length - 1; i >= 0; i--) { if (++idx[i] < dims[i]) break; idx[i] = 0; }
  }
  return { data: out, dims };
}

function init(g: GraphBuilder, w: Variable, perm: number[] | null = null, reshape?: number[]): string {
  const { data, dims } = permuted(w, perm);
  return g.floatInit(w.name, data, reshape ?? dims);
}

// ---- activations ------------------------------------------------------------------------------------------

const SNAKE: Record<string, string> = {
  hard_sigmoid: 'hardSigmoid', leaky_relu: 'leakyRelu', log_softmax: 'logSoftmax', gelu_new: 'geluNew', hard_silu: 'hardSilu', hard_swish: 'hardSwish',
};

/** An activation by its id ('relu', 'gelu', …) as ONNX ops on v. */
function activation(g: GraphBuilder, v: Val, id: unknown): Val {
  if (id === undefined || id === null || id === 'linear') return v;
  // the name must stand for the function the layer runs (a user function named 'relu' is not ONNX's Relu)
  const held = (g.layer as unknown as { activation?: { apply?: unknown } } | null)?.activation?.apply;
  let named: unknown;
  try { named = typeof id === 'string' ? getActivation(id).apply : undefined; } catch { named = undefined; }
  if (typeof id !== 'string' || named === undefined || (typeof held === 'function' && held !== named)) {
    g.refuse('has a custom activation function, which cannot be exported (use a named activation)');
  }
  const a = SNAKE[id] ?? id;
  const un = (op: string, attrs: Record<string, Attr> = {}, x = v) => g.op(op, [x.name], x.shape, x.cf, attrs);
  const mul = (x: Val, y: Val) => g.op('Mul', [x.name, y.name], v.shape, v.cf);
  switch (a) {
    case 'relu': return un('Relu');
    case 'relu6': return g.op('Clip', [v.name, g.scalar(0), g.scalar(6)], v.shape, v.cf);
    case 'sigmoid': return un('Sigmoid');
    case 'tanh': return un('Tanh');
    case 'elu': return un('Elu', { alpha: 1 });
    case 'selu': return un('Selu');
    case 'softplus': return un('Softplus');
    case 'softsign': return un('Softsign');
    case 'exponential': return un('Exp');
    case 'softmax': case 'logSoftmax': { const x = g.cl(v); return g.op(a === 'softmax' ? 'Softmax' : 'LogSoftmax', [x.name], x.shape, false, { axis: -1 }); }
    case 'swish': case 'silu': return mul(v, un('Sigmoid'));
    case 'mish': return mul(v, un('Tanh', {}, un('Softplus')));
    case 'hardSigmoid': return un('HardSigmoid', { alpha: 0.2, beta: 0.5 });
    case 'hardSwish': case 'hardSilu': return un('HardSwish');
    case 'leakyRelu': return un('LeakyRelu', { alpha: 0.2 });
    case 'gelu': {
      // x·Φ(x) = 0.5·x·(1 + erf(x/√2))
      const e = g.op('Erf', [g.op('Div', [v.name, g.scalar(Math.SQRT2)], v.shape, v.cf).name], v.shape, v.cf);
      const p = g.op('Add', [e.name, g.scalar(1)], v.shape, v.cf);
      return mul(g.op('Mul', [v.name, g.scalar(0.5)], v.shape, v.cf), p);
    }
    case 'geluNew': {
      // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
      const x3 = g.op('Mul', [mul(v, v).name, v.name], v.shape, v.cf);
      const inner = g.op('Add', [v.name, g.op('Mul', [x3.name, g.scalar(0.044715)], v.shape, v.cf).name], v.shape, v.cf);
      const t = un('Tanh', {}, g.op('Mul', [inner.name, g.scalar(Math.sqrt(2 / Math.PI))], v.shape, v.cf));
      const p = g.op('Add', [t.name, g.scalar(1)], v.shape, v.cf);
      return mul(g.op('Mul', [v.name, g.scalar(0.5)], v.shape, v.cf), p);
    }
    default: return g.refuse(`has activation '${id}', which has no ONNX export`);
  }
}

// ---- layers -----------------------------------------------------------------------------------------------

const pair = (v: unknown, n: number): number[] => (Array.isArray(v) ? (v as number[]) : Array(n).fill(v as number));

/** Conv / pool window attributes for Keras padding 'valid' | 'same' (| 'causal' for conv1d). */
function windowAttrs(g: GraphBuilder, c: Cfg, kernel: number[], n: number, x: Val, dilation?: number[]): Record<string, Attr> {
  const strides = pair(c.strides ?? kernel, n);
  const attrs: Record<string, Attr> = { kernel_shape: kernel, strides };
  if (dilation) attrs.dilations = dilation;
  if (c.padding === 'same') {
    // TF's SAME: out = ceil(in / s), the padding total split with the smaller half first. Explicit pads when the
    // spatial sizes are known (onnxruntime has no dilated auto_pad); SAME_UPPER is the same split otherwise.
    const sizes = x.shape.slice(1, 1 + n);
    if (sizes.every((d) => d !== null)) {
      const total = (sizes as number[]).map((d, i) => Math.max((Math.ceil(d / strides[i]) - 1) * strides[i] + (kernel[i] - 1) * (dilation?.[i] ?? 1) + 1 - d, 0));
      attrs.pads = [...total.map((t) => Math.floor(t / 2)), ...total.map((t) => t - Math.floor(t / 2))];
    } else if (dilation?.some((d) => d !== 1)) {
      g.refuse(`has 'same' padding with dilations on inputs of unknown spatial size [${x.shape.map((d) => d ?? 'None')}], which has no ONNX export`);
    } else {
      attrs.auto_pad = 'SAME_UPPER';
    }
  }
  else if (c.padding === 'causal') attrs.pads = [(kernel[0] - 1) * (dilation?.[0] ?? 1), 0];
  else if (c.padding !== 'valid' && c.padding !== undefined) g.refuse(`has padding '${String(c.padding)}', which has no ONNX export`);
  return attrs;
}

function checkChannelsLast(g: GraphBuilder, c: Cfg): void {
  if (c.dataFormat !== undefined && c.dataFormat !== 'channelsLast') g.refuse(`has dataFormat '${String(c.dataFormat)}'; only channelsLast layers are exported`);
}

/** Conv (1-D or 2-D; groups) on a channels-first value, then bias (in Conv) and activation. */
function conv(g: GraphBuilder, layer: Layer, c: Cfg, x: Val, out: Shape): Val {
  checkChannelsLast(g, c);
  const n = x.shape.length - 2;
  const k = weight(g, layer, 'kernel');
  const kernel = pair(c.kernelSize, n);
  // HWIO (2-D) / WIO (1-D) → OIHW / OIW
  const W = init(g, k, n === 2 ? [3, 2, 0, 1] : [2, 1, 0]);
  const ins = [g.cf(x).name, W];
  if (c.useBias !== false) ins.push(init(g, weight(g, layer, 'bias')));
  const attrs = windowAttrs(g, c, kernel, n, x, pair(c.dilationRate ?? 1, n));
  const groups = (c.groups as number | undefined) ?? 1;
  if (groups !== 1) attrs.group = groups;
  return activation(g, g.op('Conv', ins, out, true, attrs), c.activation);
}

function layerOps(g: GraphBuilder, layer: Layer, xs: Val[], outShapes: Shape[]): Val[] {
  const cls = layer.getClassName();
  const c = layer.getConfig() as Cfg;
  const x = xs[0];
  const out = outShapes[0];
  const one = (v: Val) => [v];
  const rank = x?.shape.length ?? 0;
  if (xs.length !== 1 && !MERGE.has(cls)) g.refuse(`has ${xs.length} inputs; it is exported with one`);
  switch (cls) {
    case 'InputLayer': return one(x);
    case 'Dense': {
      const v = g.cl(x);
      const W = init(g, weight(g, layer, 'kernel'));
      const hasB = c.useBias !== false;
      let y: Val;
      if (rank === 2) {
        y = g.op('Gemm', hasB ? [v.name, W, init(g, weight(g, layer, 'bias'))] : [v.name, W], out, false);
      } else {
        y = g.op('MatMul', [v.name, W], out, false);
        if (hasB) y = g.op('Add', [y.name, init(g, weight(g, layer, 'bias'))], out, false);
      }
      return one(activation(g, y, c.activation));
    }
    case 'Activation': return one(activation(g, x, c.activation));
    case 'ReLU': {
      const slope = c.negativeSlope as number, th = c.threshold as number, max = c.maxValue as number | null;
      if (th !== 0) g.refuse(`has threshold ${th}, which has no ONNX export`);
      let y = slope !== 0 ? g.op('LeakyRelu', [x.name], x.shape, x.cf, { alpha: slope }) : g.op('Relu', [x.name], x.shape, x.cf);
      if (max !== null && max !== undefined) y = g.op('Min', [y.name, g.scalar(max)], x.shape, x.cf);
      return one(y);
    }
    case 'LeakyReLU': return one(g.op('LeakyRelu', [x.name], x.shape, x.cf, { alpha: c.alpha as number }));
    case 'ELU': return one(g.op('Elu', [x.name], x.shape, x.cf, { alpha: c.alpha as number }));
    case 'ThresholdedReLU': {
      // x where x > θ, else 0 (ONNX's ThresholdedRelu, written as Where so that more runtimes have it)
      const gt = g.node('Greater', [x.name, g.scalar(c.theta as number)])[0];
      return one(g.op('Where', [gt, x.name, g.scalar(0)], x.shape, x.cf));
    }
    case 'Softmax': {
      const axis = c.axis as number | number[];
      if (Array.isArray(axis) ? axis.length !== 1 || axis[0] !== -1 && axis[0] !== rank - 1 : axis !== -1 && axis !== rank - 1) {
        g.refuse(`has axis ${JSON.stringify(axis)}; only the last axis is exported`);
      }
      const v = g.cl(x);
      return one(g.op('Softmax', [v.name], v.shape, false, { axis: -1 }));
    }
    case 'PReLU': {
      if (c.sharedAxes !== null && c.sharedAxes !== undefined) g.refuse('has sharedAxes, which is not exported');
      const v = g.cl(x);
      return one(g.op('PRelu', [v.name, init(g, weight(g, layer, 'alpha'))], v.shape, false));
    }
    case 'Dropout': case 'SpatialDropout1D': case 'SpatialDropout2D': case 'SpatialDropout3D': case 'GaussianNoise':
    case 'GaussianDropout': case 'AlphaDropout':
      return one(x); // identity at inference
    case 'Rescaling': {
      const scale = c.scale as number, offset = c.offset as number;
      if (typeof scale !== 'number' || typeof offset !== 'number') g.refuse('has a per-channel scale or offset, which is not exported');
      let y = g.op('Mul', [x.name, g.scalar(scale)], x.shape, x.cf);
      if (offset !== 0) y = g.op('Add', [y.name, g.scalar(offset)], x.shape, x.cf);
      return one(y);
    }
    case 'Conv1D': case 'Conv2D': return one(conv(g, layer, c, x, out));
    case 'DepthwiseConv2D': case 'SeparableConv2D': {
      checkChannelsLast(g, c);
      const dk = weight(g, layer, 'depthwise_kernel'); // [kh, kw, C, M]
      const [kh, kw, C, M] = dk.shape;
      // group conv, group = C: weight [C·M, 1, kh, kw] with output channel c·M + m (TF's order)
      const W = init(g, dk, [2, 3, 0, 1], [C * M, 1, kh, kw]);
      const attrs = windowAttrs(g, c, [kh, kw], 2, x, pair(c.dilationRate ?? 1, 2));
      attrs.group = C;
      const sep = cls === 'SeparableConv2D';
      const dOut: Shape = sep ? [out[0], out[1], out[2], C * M] : out;
      const ins = [g.cf(x).name, W];
      if (!sep && c.useBias !== false) ins.push(init(g, weight(g, layer, 'bias')));
      let y = g.op('Conv', ins, dOut, true, attrs);
      if (sep) {
        const pk = weight(g, layer, 'pointwise_kernel'); // [1, 1, C·M, F]
        const pins = [y.name, init(g, pk, [3, 2, 0, 1])];
        if (c.useBias !== false) pins.push(init(g, weight(g, layer, 'bias')));
        y = g.op('Conv', pins, out, true, { kernel_shape: [1, 1] });
      }
      return one(activation(g, y, c.activation));
    }
    case 'Conv2DTranspose': {
      checkChannelsLast(g, c);
      const k = weight(g, layer, 'kernel'); // [kh, kw, out, in] → ONNX [in, out, kh, kw]
      const kernel = [k.shape[0], k.shape[1]];
      const strides = pair(c.strides ?? 1, 2);
      const attrs: Record<string, Attr> = { kernel_shape: kernel, strides };
      if (c.dilationRate !== undefined && pair(c.dilationRate, 2).some((d) => d !== 1)) g.refuse('has dilations, which are not exported');
      if (c.padding === 'same') {
        // TF: the output is in·s; the full transposed conv ((in-1)·s + k) is cropped by max(k - s, 0), the
        // smaller half at the start; when k < s the missing tail is output_padding
        const total = kernel.map((kk, i) => Math.max(kk - strides[i], 0));
        attrs.pads = [...total.map((t) => Math.floor(t / 2)), ...total.map((t) => t - Math.floor(t / 2))];
        const op = kernel.map((kk, i) => Math.max(strides[i] - kk, 0));
        if (op.some((p) => p > 0)) attrs.output_padding = op;
      } else if (c.padding !== 'valid') g.refuse(`has padding '${String(c.padding)}', which has no ONNX export`);
      const ins = [g.cf(x).name, init(g, k, [3, 2, 0, 1])];
      if (c.useBias !== false) ins.push(init(g, weight(g, layer, 'bias')));
      return one(activation(g, g.op('ConvTranspose', ins, out, true, attrs), c.activation));
    }
    case 'MaxPooling1D': case 'MaxPooling2D': case 'AveragePooling1D': case 'AveragePooling2D': {
      checkChannelsLast(g, c);
      const n = rank - 2;
      const kernel = pair(c.poolSize, n);
      const attrs = windowAttrs(g, { ...c, strides: c.strides ?? kernel }, kernel, n, x);
      return one(g.op(cls.startsWith('Max') ? 'MaxPool' : 'AveragePool', [g.cf(x).name], out, true, attrs));
    }
    case 'GlobalAveragePooling1D': case 'GlobalAveragePooling2D': case 'GlobalMaxPooling1D': case 'GlobalMaxPooling2D': {
      checkChannelsLast(g, c);
      const axes = x.cf ? Array.from({ length: rank - 2 }, (_, i) => i + 2) : Array.from({ length: rank - 2 }, (_, i) => i + 1);
      const keep = c.keepdims === true;
      return one(g.op(cls.startsWith('GlobalMax') ? 'ReduceMax' : 'ReduceMean', [x.name], out, keep && x.cf, { axes, keepdims: keep ? 1 : 0 }));
    }
    case 'BatchNormalization': {
      const axis = c.axis as number;
      if (axis !== -1 && axis !== rank - 1) g.refuse(`has axis ${axis}; only the channels axis (-1) is exported`);
      const v = rank >= 3 ? g.cf(x) : x;
      if (rank > 4) g.refuse(`has a rank-${rank} input; ranks 2 to 4 are exported`);
      const C = x.shape[rank - 1] as number;
      const scale = c.scale !== false ? init(g, weight(g, layer, 'gamma')) : g.floatInit(`${layer.name}/gamma`, new Float32Array(C).fill(1), [C]);
      const bias = c.center !== false ? init(g, weight(g, layer, 'beta')) : g.floatInit(`${layer.name}/beta`, new Float32Array(C), [C]);
      const ins = [v.name, scale, bias, init(g, weight(g, layer, 'moving_mean')), init(g, weight(g, layer, 'moving_variance'))];
      return one(g.op('BatchNormalization', ins, out, v.cf, { epsilon: c.epsilon as number }));
    }
    case 'LayerNormalization': {
      const axes = (Array.isArray(c.axis) ? c.axis : [c.axis]).map((a) => ((a as number) < 0 ? (a as number) + rank : (a as number))).sort();
      if (axes.some((a, i) => a !== rank - axes.length + i)) g.refuse(`has axis ${JSON.stringify(c.axis)}; only trailing axes are exported`);
      const v = g.cl(x);
      const dims = v.shape.slice(rank - axes.length) as number[];
      const n = dims.reduce((a, b) => a * b, 1);
      const scale = c.scale !== false ? init(g, weight(g, layer, 'gamma'), null, dims) : g.floatInit(`${layer.name}/gamma`, new Float32Array(n).fill(1), dims);
      const bias = c.center !== false ? init(g, weight(g, layer, 'beta'), null, dims) : g.floatInit(`${layer.name}/beta`, new Float32Array(n), dims);
      return one(g.op('LayerNormalization', [v.name, scale, bias], out, false, { axis: -axes.length, epsilon: c.epsilon as number }));
    }
    case 'Flatten': {
      const v = g.cl(x);
      return one(g.op('Flatten', [v.name], out, false, { axis: 1 }));
    }
    case 'Reshape': {
      const v = g.cl(x);
      return one(g.op('Reshape', [v.name, g.intsInit([0, ...(c.targetShape as number[]).map((d) => d ?? -1)])], out, false));
    }
    case 'Permute': {
      const v = g.cl(x);
      return one(g.op('Transpose', [v.name], out, false, { perm: [0, ...(c.dims as number[])] }));
    }
    case 'RepeatVector': {
      const u = g.op('Unsqueeze', [x.name, g.intsInit([1])], [x.shape[0], 1, x.shape[1]], false);
      return one(g.op('Tile', [u.name, g.intsInit([1, c.n as number, 1])], out, false));
    }
    case 'ZeroPadding1D': case 'ZeroPadding2D': {
      checkChannelsLast(g, c);
      const p = c.padding as number[] | number[][];
      const sp: number[][] = cls === 'ZeroPadding1D' ? [p as number[]] : (p as number[][]);
      // pads: [begins…, ends…] over the stored layout's axes
      const begin = sp.map((s) => s[0]), end = sp.map((s) => s[1]);
      const pads = x.cf ? [0, 0, ...begin, 0, 0, ...end] : [0, ...begin, 0, 0, ...end, 0];
      return one(g.op('Pad', [x.name, g.intsInit(pads)], out, x.cf, { mode: 'constant' }));
    }
    case 'Cropping1D': case 'Cropping2D': {
      checkChannelsLast(g, c);
      const p = c.cropping as number[] | number[][];
      const sp: number[][] = cls === 'Cropping1D' ? [p as number[]] : (p as number[][]);
      const axes = sp.map((_, i) => (x.cf ? i + 2 : i + 1));
      const starts = sp.map((s) => s[0]), ends = sp.map((s) => (s[1] === 0 ? INT64_MAX : -s[1]));
      return one(g.op('Slice', [x.name, g.intsInit(starts), g.intsInit(ends), g.intsInit(axes)], out, x.cf));
    }
    case 'UpSampling2D': {
      checkChannelsLast(g, c);
      if (c.interpolation !== 'nearest' && c.interpolation !== 'bilinear') g.refuse(`has interpolation '${String(c.interpolation)}', which is not exported`);
      const [sh, sw] = pair(c.size, 2);
      const v = g.cf(x);
      const scales = g.floatInit(`${layer.name}/scales`, [1, 1, sh, sw], [4]);
      // ascent's resizeNearestNeighbor / resizeBilinear without alignCorners or half-pixel centers: ONNX's
      // 'asymmetric' coordinates (x_in = x_out / scale), nearest rounding down
      const attrs: Record<string, Attr> = c.interpolation === 'nearest'
        ? { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' }
        : { mode: 'linear', coordinate_transformation_mode: 'asymmetric' };
      return one(g.op('Resize', [v.name, '', scales], out, true, attrs));
    }
    case 'Embedding': {
      if (c.maskZero === true) g.refuse('has maskZero, whose mask cannot be exported');
      const ids = g.op('Cast', [g.cl(x).name], x.shape, false, { to: DataType.INT64 });
      return one(g.op('Gather', [init(g, weight(g, layer, 'embeddings')), ids.name], out, false, { axis: 0 }));
    }
    case 'TimeDistributed': {
      // a layer on the last axis applies to every step as it is (Dense on [N, T, F] is MatMul + Add)
      const inner = (layer as unknown as { layer: Layer }).layer;
      const ic = inner.getClassName();
      if (!['Dense', 'Activation', 'Dropout'].includes(ic)) g.refuse(`wraps a ${ic}; only Dense, Activation and Dropout are exported inside TimeDistributed`);
      return emitLayer(g, inner, [g.cl(x)]);
    }
    case 'LSTM': case 'GRU': case 'SimpleRNN': case 'Bidirectional': return recurrent(g, layer, cls, c, x, outShapes);
    default:
      if (MERGE.has(cls)) return one(merge(g, cls, c, xs, out));
      return g.refuse('has no ONNX export');
  }
}

/** An RNN cell's activation as ONNX's RNN activation name (+ alpha/beta), checked against the function it runs. */
function rnnActivation(g: GraphBuilder, id: unknown, held: unknown, what: string): { name: string; alpha?: number; beta?: number } {
  let named: unknown;
  try { named = typeof id === 'string' ? getActivation(id).apply : undefined; } catch { named = undefined; }
  if (named === undefined || (typeof held === 'function' && held !== named)) g.refuse(`has a custom ${what} function, which cannot be exported`);
  const a = SNAKE[id as string] ?? id;
  if (a === 'sigmoid') return { name: 'Sigmoid' };
  if (a === 'tanh') return { name: 'Tanh' };
  if (a === 'relu') return { name: 'Relu' };
  if (a === 'hardSigmoid') return { name: 'HardSigmoid', alpha: 0.2, beta: 0.5 };
  if (a === 'softsign') return { name: 'Softsign' };
  if (a === 'softplus') return { name: 'Softplus' };
  return g.refuse(`has ${what} '${String(id)}', which ONNX's recurrent ops do not have`);
}

/** Rows of a [in, G·H] Keras kernel regrouped by `order` (Keras gate index per ONNX gate) and transposed → [G·H, in]. */
function gates(w: Variable, order: number[], H: number): Float32Array {
  const src = w.dataSync() as Float32Array;
  const [rows, cols] = w.shape.length === 1 ? [1, w.shape[0]] : w.shape;
  const out = new Float32Array(src.length);
  order.forEach((k, gi) => {
    for (let h = 0; h < H; h++) for (let r = 0; r < rows; r++) out[(gi * H + h) * rows + r] = src[r * cols + k * H + h];
  });
  return out;
}

/** One direction's ONNX weights (W [G·H, In], R [G·H, H], B [2·G·H]) and activations, from a Keras RNN layer. */
function rnnParts(g: GraphBuilder, layer: Layer, cls: string, c: Cfg) {
  if (c.stateful === true) g.refuse('is stateful, which is not exported');
  const cell = (layer as unknown as { cell?: { activation?: { apply?: unknown }; recurrentActivation?: { apply?: unknown } } }).cell;
  const H = c.units as number;
  const G = cls === 'LSTM' ? 4 : cls === 'GRU' ? 3 : 1;
  // Keras gate index for each ONNX gate: LSTM ONNX i,o,f,c ← Keras i,f,c,o; GRU z,r,h in both
  const order = cls === 'LSTM' ? [0, 3, 1, 2] : cls === 'GRU' ? [0, 1, 2] : [0];
  const k = weight(g, layer, 'kernel'), rk = weight(g, layer, 'recurrent_kernel');
  const bias = new Float32Array(2 * G * H);
  if (c.useBias !== false) {
    // [G·H] → the input bias (the recurrent one stays 0); GRU resetAfter's [2, G·H]: input bias, recurrent bias
    const src = weight(g, layer, 'bias').dataSync() as Float32Array;
    for (let row = 0; row < src.length / (G * H); row++) {
      order.forEach((kk, gi) => { for (let h = 0; h < H; h++) bias[row * G * H + gi * H + h] = src[row * G * H + kk * H + h]; });
    }
  }
  const act = rnnActivation(g, c.activation, cell?.activation?.apply, 'activation');
  const acts = cls === 'SimpleRNN' ? [act] : [rnnActivation(g, c.recurrentActivation, cell?.recurrentActivation?.apply, 'recurrentActivation'), act, ...(cls === 'LSTM' ? [act] : [])];
  if (acts.some((a, i) => a.alpha !== undefined && i > 0)) g.refuse('has HardSigmoid as its (output) activation, which is not exported');
  return { H, G, In: k.shape[0], W: gates(k, order, H), R: gates(rk, order, H), B: bias, acts, resetAfter: cls === 'GRU' && c.resetAfter === true, name: layer.name };
}

/**
 * LSTM / GRU / SimpleRNN (and Bidirectional of one) as ONNX's LSTM / GRU / RNN, layout 0: the sequence is
 * transposed to [time, batch, features] and back. Gate order: ONNX LSTM i,o,f,c (Keras i,f,c,o); GRU z,r,h in
 * both, with linear_before_reset = resetAfter (the recurrent bias is then the bias's second row). A
 * Bidirectional is one op with direction 'bidirectional', its outputs joined as mergeMode says.
 */
function recurrent(g: GraphBuilder, layer: Layer, cls: string, c: Cfg, x0: Val, outShapes: Shape[]): Val[] {
  const bi = cls === 'Bidirectional';
  const inner = bi ? (layer as unknown as { forwardLayer: Layer; backwardLayer: Layer }) : null;
  const lcls = inner ? inner.forwardLayer.getClassName() : cls;
  if (!['LSTM', 'GRU', 'SimpleRNN'].includes(lcls)) g.refuse(`wraps a ${lcls}, which is not exported`);
  const lc = inner ? (inner.forwardLayer.getConfig() as Cfg) : c;
  if (lc.goBackwards === true && lc.returnSequences === true && !bi) g.refuse('has goBackwards with returnSequences, which is not exported');
  const mergeMode = bi ? (c.mergeMode as string | null) : null;
  if (bi && !['concat', 'sum', 'mul', 'ave'].includes(String(mergeMode))) g.refuse(`has mergeMode ${JSON.stringify(mergeMode)}, which is not exported`);
  if (bi && lc.returnState === true) g.refuse('returns states, which is not exported');
  const parts = inner
    ? [rnnParts(g, inner.forwardLayer, lcls, lc), rnnParts(g, inner.backwardLayer, lcls, inner.backwardLayer.getConfig() as Cfg)]
    : [rnnParts(g, layer, lcls, lc)];
  const { H, G, In } = parts[0];
  const D = parts.length;
  const cat = (f: (p: (typeof parts)[number]) => Float32Array) => {
    const a = parts.map(f), out = new Float32Array(a.reduce((n, x) => n + x.length, 0));
    a.reduce((o, x) => { out.set(x, o); return o + x.length; }, 0);
    return out;
  };
  const x = g.cl(x0);
  const W = g.floatInit(`${layer.name}/W`, cat((p) => p.W), [D, G * H, In]);
  const R = g.floatInit(`${layer.name}/R`, cat((p) => p.R), [D, G * H, H]);
  const B = g.floatInit(`${layer.name}/B`, cat((p) => p.B), [D, 2 * G * H]);
  const acts = parts.flatMap((p) => p.acts);
  const attrs: Record<string, Attr> = { hidden_size: H, activations: acts.map((a) => a.name) as unknown as number[] };
  // the alphas/betas follow the activations that take them (HardSigmoid only, and only as the gates' function)
  const withAlpha = acts.filter((a) => a.alpha !== undefined);
  if (withAlpha.length > 0) {
    attrs.activation_alpha = { floats: withAlpha.map((a) => a.alpha!) };
    attrs.activation_beta = { floats: withAlpha.map((a) => a.beta!) };
  }
  if (bi) attrs.direction = 'bidirectional';
  else if (lc.goBackwards === true) attrs.direction = 'reverse';
  if (parts[0].resetAfter) attrs.linear_before_reset = 1;
  const seq = g.node('Transpose', [x.name], { perm: [1, 0, 2] })[0];
  const op = lcls === 'SimpleRNN' ? 'RNN' : lcls;
  const outs = g.node(op, [seq, W, R, B], attrs, lcls === 'LSTM' ? 3 : 2);
  const [N, T] = [x.shape[0], x.shape[1]];
  if (bi) {
    // Y [T, 2, N, H] / Y_h [2, N, H]: the two directions (Keras aligns the backward sequence with time, as ONNX does)
    const seqOut = lc.returnSequences === true;
    const both = seqOut ? g.node('Transpose', [outs[0]], { perm: [2, 0, 1, 3] })[0] : g.node('Transpose', [outs[1]], { perm: [1, 0, 2] })[0];
    const out = outShapes[0];
    if (mergeMode === 'concat') return [g.op('Reshape', [both, g.intsInit(seqOut ? [0, 0, 2 * H] : [0, 2 * H])], out, false)];
    const dirAxis = seqOut ? 2 : 1;
    const [f, b] = g.node('Split', [both, g.intsInit([1, 1])], { axis: dirAxis }, 2);
    const sq = (n: string) => g.node('Squeeze', [n, g.intsInit([dirAxis])])[0];
    const opName = mergeMode === 'sum' ? 'Sum' : mergeMode === 'mul' ? 'Mul' : 'Mean';
    return [g.op(opName, [sq(f), sq(b)], out, false)];
  }
  const squeeze0 = (n: string): Val => g.op('Squeeze', [n, g.intsInit([0])], [N, H], false);
  const y = lc.returnSequences === true
    ? g.op('Transpose', [g.node('Squeeze', [outs[0], g.intsInit([1])])[0]], [N, T, H], false, { perm: [1, 0, 2] })
    : squeeze0(outs[1]);
  if (lc.returnState !== true) return [y];
  const states = lcls === 'LSTM' ? [squeeze0(outs[1]), squeeze0(outs[2])] : [squeeze0(outs[1])];
  if (states.length + 1 !== outShapes.length) g.refuse(`has ${outShapes.length} outputs; it is exported with ${states.length + 1}`);
  return [y, ...states];
}

const MERGE = new Set(['Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Concatenate', 'Dot']);

function merge(g: GraphBuilder, cls: string, c: Cfg, xs: Val[], out: Shape): Val {
  const sameRank = xs.every((v) => v.shape.length === xs[0].shape.length);
  // all channels-first (and of one rank): stay so, else everything channels-last
  const cf = sameRank && xs.every((v) => v.cf);
  const vs = cf ? xs : xs.map((v) => g.cl(v));
  const names = vs.map((v) => v.name);
  switch (cls) {
    case 'Add': return g.op('Sum', names, out, cf);
    case 'Average': return g.op('Mean', names, out, cf);
    case 'Maximum': return g.op('Max', names, out, cf);
    case 'Minimum': return g.op('Min', names, out, cf);
    case 'Subtract': return g.op('Sub', names, out, cf);
    case 'Multiply': return names.slice(1).reduce((acc, n) => g.op('Mul', [acc.name, n], out, cf), { name: names[0], shape: out, cf } as Val);
    case 'Concatenate': {
      const r = out.length;
      let axis = c.axis as number;
      if (axis < 0) axis += r;
      if (cf) axis = toCF(r).indexOf(axis);
      return g.op('Concat', names, out, cf, { axis });
    }
    case 'Dot': {
      const [a, b] = vs;
      const ra = a.shape.length, rb = b.shape.length;
      if (ra !== rb || (ra !== 2 && ra !== 3)) g.refuse(`has inputs of ranks ${ra} and ${rb}; Dot is exported for two rank-2 or two rank-3 inputs`);
      const ax = Array.isArray(c.axes) ? (c.axes as number[]) : [c.axes as number, c.axes as number];
      let [a1, a2] = [ax[0] < 0 ? ax[0] + ra : ax[0], ax[1] < 0 ? ax[1] + rb : ax[1]];
      let [an, bn] = [a.name, b.name];
      if (c.normalize === true) {
        const l2 = (v: Val, axis: number) => {
          const ss = g.node('ReduceSumSquare', [v.name], { axes: [axis], keepdims: 1 })[0];
          const n = g.node('Sqrt', [g.node('Max', [ss, g.scalar(1e-12)])[0]])[0];
          return g.node('Div', [v.name, n])[0];
        };
        an = l2(a, a1); bn = l2(b, a2);
      }
      if (ra === 2) {
        // [N, K]·[N, K] → [N, 1]
        const p = g.node('Mul', [an, bn])[0];
        return g.op('ReduceSum', [p, g.intsInit([1])], out, false, { keepdims: 1 });
      }
      // rank 3: a as [N, P, K] (contracted axis last), b as [N, K, Q] (contracted axis first) → MatMul
      if (a1 === 1) { an = g.node('Transpose', [an], { perm: [0, 2, 1] })[0]; a1 = 2; }
      if (a2 === 2) { bn = g.node('Transpose', [bn], { perm: [0, 2, 1] })[0]; a2 = 1; }
      return g.op('MatMul', [an, bn], out, false);
    }
  }
  return g.refuse('has no ONNX export');
}

// ---- models -----------------------------------------------------------------------------------------------

const shapeList = (s: Shape | Shape[]): Shape[] => (s.length > 0 && Array.isArray(s[0]) ? (s as Shape[]) : [s as Shape]);

function emitLayer(g: GraphBuilder, layer: Layer, xs: Val[]): Val[] {
  if (isModel(layer)) return emitModel(g, layer, xs);
  const prev = g.layer;
  g.layer = layer;
  try {
    const outShapes = shapeList(layer.computeOutputShape(xs.length === 1 ? xs[0].shape : xs.map((v) => v.shape)));
    return layerOps(g, layer, xs, outShapes);
  } finally {
    g.layer = prev;
  }
}

/** A model (Sequential, functional or subclassed), recognised by shape, not by class (see the imports). */
function isModel(l: unknown): l is Model {
  const m = l as Partial<Model> | null;
  return typeof m === 'object' && m !== null && typeof m.predict === 'function' && typeof m.compile === 'function' && Array.isArray(m.layers);
}

/** A model's graph (a Sequential's too: its stack as a chain of symbolic tensors) on the values xs. */
function emitModel(g: GraphBuilder, m: Model, xs: Val[]): Val[] {
  let inputs, outputs;
  try { ({ inputs, outputs } = { inputs: m.inputs, outputs: m.outputs }); } catch {
    return g.refuse(`model '${m.name}' (${m.getClassName()}) is subclassed (no graph of layers), which cannot be exported`);
  }
  if (inputs.length !== xs.length) g.refuse(`model '${m.name}' takes ${inputs.length} inputs, got ${xs.length}`);
  const vals = new Map<number, Val>();
  inputs.forEach((s, i) => vals.set(s.id, xs[i]));
  const visit = (s: (typeof outputs)[number]): Val => {
    const hit = vals.get(s.id);
    if (hit) return hit;
    if (!s.sourceLayer) return g.refuse(`model '${m.name}': '${s.name}' is not computed from its inputs`);
    const ins = s.inputs.map(visit);
    const ys = emitLayer(g, s.sourceLayer, ins);
    if (ys.length !== s.siblings.length) {
      g.layer = s.sourceLayer;
      g.refuse(`has ${s.siblings.length} outputs; it is exported with ${ys.length}`);
    }
    s.siblings.forEach((o, i) => vals.set(o.id, ys[i]));
    return vals.get(s.id)!;
  };
  return outputs.map(visit);
}

function valueInfo(name: string, shape: Shape): ValueInfoProtoOut {
  return {
    name,
    type: {
      tensorType: {
        elemType: DataType.FLOAT,
        // the batch dim is one symbol for all inputs and outputs; other unknown dims are each their own
        shape: { dim: shape.map((d, i) => (d === null ? { dimParam: i === 0 ? 'batch' : `${name}_dim${i}` } : { dimValue: d })) },
      },
    },
  };
}

/**
 * The bytes of an ONNX model (ir_version 8, opset 17) computing what `model.predict` does: the same inputs
 * (channels-last, as ascent's) and outputs, weights as initializers, the batch dim symbolic ('batch').
 * Sequential and functional models (several inputs and outputs, nested models). A layer with no ONNX form is
 * refused by name and class. No tensor is allocated (weights are read with dataSync).
 * @example fs.writeFileSync('model.onnx', toOnnx(model));
 */
export function toOnnx(model: Model, options: ToOnnxOptions = {}): Uint8Array {
  if (!isModel(model)) throw new Error('toOnnx: expected an ascent model (tf.sequential or tf.model)');
  if (!model.built) throw new Error(`toOnnx: model '${model.name}' is not built; give its first layer an inputShape or call model.build(shape) first`);
  const g = new GraphBuilder();
  let symIns, symOuts;
  try { symIns = model.inputs; symOuts = model.outputs; } catch {
    throw new Error(`toOnnx: model '${model.name}' (${model.getClassName()}) has no graph of layers (a subclassed model), which cannot be exported`);
  }
  const inputs: ValueInfoProtoOut[] = [];
  const xs = symIns.map((s) => {
    const name = g.unique(s.name);
    inputs.push(valueInfo(name, s.shape));
    return { name, shape: s.shape, cf: false } as Val;
  });
  const ys = emitModel(g, model, xs);
  const outNames = model.outputNames ?? symOuts.map((o) => o.name);
  const outputs: ValueInfoProtoOut[] = ys.map((y, i) => {
    const v = g.cl(y);
    const name = g.unique(outNames[i] ?? `output_${i}`);
    g.nodes.push({ name: g.unique(`${name}/Identity`), opType: 'Identity', input: [v.name], output: [name] });
    return valueInfo(name, symOuts[i]?.shape ?? y.shape);
  });
  return encodeModel({
    irVersion: EXPORT_IR_VERSION,
    opsetImport: [{ domain: '', version: EXPORT_OPSET }],
    producerName: 'ascent',
    producerVersion: version,
    graph: { name: options.name ?? model.name, node: g.nodes, initializer: g.inits, input: inputs, output: outputs, docString: options.docString },
  });
}

/**
 * model.save('file://…/model.onnx') (Node: written to a temporary name, then renamed into place, so a failed
 * save leaves the old file as it was) and model.save('downloads://model.onnx') (browsers).
 */
export async function saveOnnxModel(model: Model, url: string, op = 'saveOnnxModel'): Promise<SaveResult> {
  const bytes = toOnnx(model);
  await saveWholeFile(url, bytes, 'onnx', op);
  return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: bytes.byteLength } };
}

provideOnnxSaver((m, url, op) => saveOnnxModel(m as Model, url, op));

// ---- an imported ONNX file with new weights -----------------------------------------------------------------

const varint = (n: number): Uint8Array => protobufMinimal.Writer.create().uint32(n).finish();

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** A length-delimited field: tag, length, bytes. */
const field = (id: number, body: Uint8Array): Uint8Array[] => [varint((id << 3) | 2), varint(body.length), body];

/**
 * The ONNX file `bytes` with each float initializer named like one of `weights` holding that weight's current
 * values — for a model loaded with loadOnnxModel and fine-tuned: `onnxWithWeights(bytes, model)` takes its
 * trainable and non-trainable weights (named by their initializers). Everything else in the file (nodes, other
 * initializers, external-data references, metadata, functions) is copied byte for byte; a replaced initializer
 * is written inline (raw_data). Every weight must match a float initializer of the same dims.
 * @example fs.writeFileSync('tuned.onnx', onnxWithWeights(fs.readFileSync('model.onnx'), model));
 */
export function onnxWithWeights(bytes: Uint8Array | ArrayBuffer,
                                weights: Variable[] | { trainableWeights: Variable[]; nonTrainableWeights?: Variable[] }): Uint8Array {
  const src = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const ws = Array.isArray(weights) ? weights : [...weights.trainableWeights, ...(weights.nonTrainableWeights ?? [])];
  const graph = decodeModel(src).graph;
  if (!graph) throw new Error('onnxWithWeights: the file has no graph');
  const byName = new Map(ws.map((w) => [w.name, w]));
  const inits = new Map(graph.initializer.map((t) => [t.name, t]));
  for (const w of ws) {
    const t = inits.get(w.name);
    if (!t) throw new Error(`onnxWithWeights: the file has no initializer named '${w.name}'`);
    if (t.dataType !== DataType.FLOAT || w.dtype !== 'float32') throw new Error(`onnxWithWeights: initializer '${w.name}' is not float32`);
    if (t.dims.length !== w.shape.length || t.dims.some((d, i) => d !== w.shape[i])) {
      throw new Error(`onnxWithWeights: initializer '${w.name}' is [${t.dims}] in the file but the weight is [${w.shape}]`);
    }
  }
  const r = protobufMinimal.Reader.create(src);
  const parts: Uint8Array[] = [];
  while (r.pos < r.len) {
    const start = r.pos, tag = r.uint32();
    if (tag >>> 3 === FIELD['ModelProto.graph'] && (tag & 7) === 2) {
      const end = r.uint32() + r.pos;
      const gparts: Uint8Array[] = [];
      while (r.pos < end) {
        const s0 = r.pos, t0 = r.uint32();
        if (t0 >>> 3 === FIELD['GraphProto.initializer'] && (t0 & 7) === 2) {
          const e0 = r.uint32() + r.pos;
          let name = '';
          while (r.pos < e0) {
            const t1 = r.uint32();
            if (t1 >>> 3 === FIELD['TensorProto.name'] && (t1 & 7) === 2) name = r.string();
            else r.skipType(t1 & 7);
          }
          const w = byName.get(name);
          if (w) {
            const data = w.dataSync() as Float32Array;
            const raw = new Uint8Array(data.length * 4);
            const dv = new DataView(raw.buffer);
            for (let i = 0; i < data.length; i++) dv.setFloat32(i * 4, data[i], true);
            gparts.push(...field(FIELD['GraphProto.initializer'], encodeTensor({ dims: w.shape, dataType: DataType.FLOAT, name, rawData: raw })));
          } else gparts.push(src.subarray(s0, e0));
        } else {
          r.skipType(t0 & 7);
          gparts.push(src.subarray(s0, r.pos));
        }
      }
      parts.push(...field(FIELD['ModelProto.graph'], concatBytes(gparts)));
    } else {
      r.skipType(tag & 7);
      parts.push(src.subarray(start, r.pos));
    }
  }
  return concatBytes(parts);
}
