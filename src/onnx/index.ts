// `ascent/onnx`: run and fine-tune ONNX models (PyTorch's exporters: TorchScript opsets 13–17, dynamo opset 18)
// (issue 17). The protobuf is decoded by src/onnx/proto.ts, generated from onnx.proto by
// scripts/onnx17-proto.mjs over protobufjs/minimal (why: see that script and ONNX17-STATUS.md). The graph runs
// as an interpreter over ascent's public ops (src/onnx/ops.ts), so a GradientTape records it like any other
// code and the float initializers, held as ascent Variables, are fine-tuned with ascent's optimizers.
// This module is a subpath entry: the core bundle never imports it.
//
// A file is hostile until checked: the decoder checks every length against its enclosing message; every
// initializer's dims are checked and its data must be exactly as long as they say before anything is
// allocated; external data must be a relative path inside the model's folder (or URL prefix) and its
// offset/length inside that file; unknown ops are refused at load by op type and node name. Whatever fails,
// nothing is left allocated.
import { Tensor, Variable } from '../core/tensor.js';
import { tidy, keep, dispose, engine } from '../core/engine.js';
import { tensor } from '../ops/create.js';
import { clone } from '../ops/shape.js';
import { readStrided } from '../ops/slice.js';
import { isNode, nodeImport } from '../backend/node.js';
import { ready } from '../backend/wasm.js';
import { decodeModel, type GraphProto, type NodeProto, type ValueInfoProto, type AttributeProto } from './proto.js';
import { type Const, type ExternalRef, OP, checkLocation, dtypeOf, onnxTypeName, readTensor, externalRef } from './tensors.js';
import { provideOnnxLoader } from '../models/onnx.js';
import type { InPlaceActivation } from '../ops/infer.js';
import { OPS, LAYOUT, LAYOUT_AWARE, toNCHW as fromNHWC, type Ctx, type Value, isConst, toConst, constTensor, tensorReads, fusibleActivation, FUSE, REPLAY, viewCounts, type View } from './ops.js';

export type { Const } from './tensors.js';

/** The opsets of the default ONNX domain this interpreter implements. */
export const OPSET_RANGE = [11, 21] as const;
/** The nodes a fused step runs as one op (ops.ts, Ctx.lean). */
const LEAN_OPS = new Set(['Conv', 'Gemm', 'BatchNormalization', 'LayerNormalization', 'Add']);
/** Of those, the ones that take the activation node after them. */
const TAKES_ACT = new Set(['Conv', 'Gemm', 'BatchNormalization', 'Add']);
/** Results of nodes whose inputs are all constants stay on the JS side when at most this many elements. */
const SMALL = 4096;

/** A graph input or output: its name, shape and element type. */
export interface OnnxValueInfo {
  name: string;
  /** Dimensions: a number, the symbolic name (e.g. 'batch'), or null when unnamed or unknown. */
  shape: (number | string | null)[] | null;
  /** ascent's dtype for the ONNX element type ('float32', 'int32' for all ints incl. int64, 'bool'). */
  dtype: 'float32' | 'int32' | 'bool';
  /** The ONNX element type ('float', 'int64', …). */
  onnxType: string;
}

/** Options of loadOnnxModel. */
export interface LoadOnnxOptions {
  /**
   * Bytes of external-data files by location, for a model given as bytes (a path or URL source reads them
   * next to the model file). A function is called once per file.
   */
  externalData?: Record<string, Uint8Array | ArrayBuffer> | ((location: string) => Promise<Uint8Array | ArrayBuffer>);
  /** Float initializers become Variables (default true): false keeps them as constants (inference only). */
  trainable?: boolean;
  /** The fetch used for URLs (default globalThis.fetch). */
  fetch?: typeof fetch;
}

interface Step { node: NodeProto; name: string; attrs: Map<string, AttributeProto>; inputs: string[]; outputs: string[]; ctx?: Ctx }

/** What predict and execute take: one tensor, one per graph input in order, or tensors by input name. */
export type OnnxInput = Tensor | Tensor[] | Record<string, Tensor>;

function describe(v: ValueInfoProto): OnnxValueInfo {
  const tt = v.type?.tensorType;
  const code = tt?.elemType ?? 0;
  // a dim with neither a value nor a name is unknown (null); dim_value 0 is a real (empty) dimension only when set,
  // which proto3-style decoding cannot tell from unset: read as unknown
  const shape = tt?.shape ? tt.shape.dim.map((d) => (d.dimParam ? d.dimParam : d.dimValue > 0 ? d.dimValue : null)) : null;
  return { name: v.name, shape, dtype: dtypeOf(code) ?? 'float32', onnxType: onnxTypeName(code) };
}

/** A loaded ONNX model: run it with predict/execute, fine-tune its trainableWeights, dispose it. */
export class OnnxModel {
  /** The graph's inputs (initializers excluded), in order. */
  readonly inputs: OnnxValueInfo[];
  /** The graph's outputs, in order. */
  readonly outputs: OnnxValueInfo[];
  /** Float initializers, as Variables: the weights a GradientTape + optimizer update. */
  readonly trainableWeights: Variable[];
  /** Float initializers that are statistics, not weights (BatchNormalization's mean and variance). */
  readonly nonTrainableWeights: Variable[];
  /** The default-domain opset the file was exported with. */
  readonly opset: number;
  /** The file's producer_name ('pytorch', 'ascent' …). */
  readonly producer: string;
  private readonly values: Map<string, Value>;
  private readonly steps: Step[];
  private readonly cached = new Map<Const, Tensor>();
  private readonly cachedSet = new Set<Tensor>();
  /** Tensors derived from weights (transposed filters, folded BatchNorm scales) per step and key; see derive(). */
  private readonly derived = new Map<Step, Map<string, Derived>>();
  private readonly own: Set<Value>;
  /** Every value name: graph inputs, initializers, folded constants and node outputs. */
  private readonly names: Set<string>;
  private readonly plans = new Map<string, { plain: Plan; lean: Plan }>();
  /** The lean variant of a step, per step and the node taken into it (an activation, MatMul's Add; see fuse()). */
  private readonly leanSteps = new Map<Step, Map<Step | null, Step>>();
  /**
   * Per input-shape signature: the results of the steps that depend on shapes only, and per plan the steps left
   * to run once those are known (a replay: the known results seeded, the rest run).
   */
  private readonly shapeMemo = new Map<string, { known: Map<Step, Value[]>; replays: Map<Plan, Replay> }>();
  private shapeDependent = false;
  /**
   * Layout (this run): rank-4 tensors stored channels-last (NHWC) that stand for the NCHW values the graph names.
   * Conv, pools, BatchNormalization and elementwise ops (LAYOUT_AWARE) take and make them; any other op, and the
   * caller, get the NCHW tensor (one transpose, made once per value).
   */
  private layout = new Set<Tensor>();
  private toNCHW: (t: Tensor) => Tensor = fromNHWC;
  /**
   * Views (this run, made while no tape records: `viewing`; emptied after each run): tensors that read another's memory through strides
   * (Ctx.strided: a Transpose not copied); an op that does not read them in place gets their values copied (`dense`,
   * once per value).
   */
  private readonly views = new Map<Tensor, View>();
  private viewing = false;
  private dense: (t: Tensor) => Tensor = (t) => t;
  private disposed = false;

  /** @internal use loadOnnxModel / OnnxModel.fromBytes */
  constructor(graph: GraphProto, opset: number, producer: string, values: Map<string, Value>, steps: Step[],
              trainable: Variable[], nonTrainable: Variable[]) {
    this.opset = opset;
    this.producer = producer;
    this.values = values;
    this.steps = steps;
    this.own = new Set(values.values());
    this.names = new Set([...graph.input.map((v) => v.name), ...values.keys(), ...steps.flatMap((st) => st.outputs.filter(Boolean))]);
    for (const st of steps) st.ctx = this.ctx(st, opset);
    this.trainableWeights = trainable;
    this.nonTrainableWeights = nonTrainable;
    const inits = new Set(graph.initializer.map((t) => t.name));
    this.inputs = graph.input.filter((v) => !inits.has(v.name)).map(describe);
    this.outputs = graph.output.map(describe);
  }

  /** Runs the graph on input(s) given in the order of `inputs` (or by name); one output → a Tensor. */
  predict(input: OnnxInput): Tensor | Tensor[] {
    const outs = this.execute(input, this.outputs.map((o) => o.name));
    return outs.length === 1 ? outs[0] : outs;
  }

  /** Runs the graph and returns the named values (any node output, not only the graph's outputs). */
  execute(feeds: OnnxInput, outputNames?: string | string[]): Tensor[] {
    const name = 'OnnxModel.execute';
    if (this.disposed) throw new Error(`${name}: the model is disposed`);
    const wanted = outputNames === undefined ? this.outputs.map((o) => o.name) : typeof outputNames === 'string' ? [outputNames] : outputNames;
    const feedMap = this.feedMap(feeds, name);
    for (const w of wanted) {
      if (typeof w !== 'string' || !this.names.has(w)) throw new Error(`${name}: the graph has no value named ${JSON.stringify(w)}`);
    }
    // shape subgraphs depend on the inputs' shapes only (unless an op read numbers out of a computed tensor):
    // their results are kept per input-shape signature
    const sig = this.shapeDependent ? null : this.inputs.map((i) => feedMap.get(i.name)!.shape.join(',')).join(';');
    let memo = sig === null ? undefined : this.shapeMemo.get(sig);
    if (sig !== null && !memo) {
      if (this.shapeMemo.size >= 16) this.shapeMemo.delete(this.shapeMemo.keys().next().value!);
      memo = { known: new Map(), replays: new Map() };
      this.shapeMemo.set(sig, memo);
    }
    const reads = tensorReads.count;
    // fused steps have no gradient: a recording tape sees every node's own ops
    const plans = this.plan(wanted);
    const plan = FUSE.on && !engine.recording ? plans.lean : plans.plain;
    // after one run with these shapes, the shape-only steps are known: run the rest, their results seeded
    const replay = REPLAY.on ? memo?.replays.get(plan) : undefined;
    const { steps, lastUse } = replay ?? plan;
    const known = replay ? undefined : memo?.known;
    const out = tidy(() => {
      const env = new Map<string, Value>(feedMap);
      // (a replay's seeds are constants: read from its own map, never freed, not copied into env per run)
      const seeds = replay?.seedMap;
      const get = seeds ? (n: string) => env.get(n) ?? seeds.get(n) ?? this.values.get(n) : (n: string) => env.get(n) ?? this.values.get(n);
      // intermediates are freed after their last use (peak memory); a tensor reached under several names
      // (Identity, Dropout) only when the last of them is done; a tape keeps its own snapshots, so this is safe
      // while recording. The tidy around it all is the safety net for errors.
      const holders = new Map<Tensor, number>();
      const feedSet = new Set<Tensor>(feedMap.values());
      // the caller's feeds, Variables and the cached constants (made during this run too) are never freed here
      const kept = (v: Tensor) => v instanceof Variable || feedSet.has(v) || this.cachedSet.has(v);
      const drop = (v: Tensor) => {
        if (kept(v)) return;
        const k = (holders.get(v) ?? 1) - 1;
        if (k > 0) { holders.set(v, k); return; }
        holders.delete(v);
        const t = asNCHW.get(v);
        if (t !== undefined) { asNCHW.delete(v); drop(t); }
        v.dispose();
      };
      const release = (n: string) => {
        const v = env.get(n);
        if (v instanceof Tensor) drop(v);
      };
      // channels-last tensors and their NCHW transposes, views and their copies (one per value; freed with it)
      const layout = new Set<Tensor>(), asNCHW = new Map<Tensor, Tensor>();
      // (a run that failed left its views: they go now; clear() only when needed: it allocates a new table)
      const views = this.views;
      if (views.size > 0) views.clear();
      const dense = (v: Tensor): Tensor => {
        const s = views.size === 0 ? undefined : views.get(v);
        if (s === undefined) return v;
        let t = asNCHW.get(v);
        if (t === undefined) { const d = s.dims.flat(); t = readStrided(v, d.map((e) => e[0]), d.map((e) => e[1]), s.offset); asNCHW.set(v, t); viewCounts.copies++; }
        return t;
      };
      const toNCHW = (v: Tensor): Tensor => {
        let t = asNCHW.get(v);
        if (t === undefined) {
          t = fromNHWC(v); // (a new tensor: one holder, v's entry in asNCHW)
          asNCHW.set(v, t);
        }
        return t;
      };
      const prev = [this.layout, this.toNCHW] as const, prevViewing = this.viewing, prevDense = this.dense;
      this.layout = layout;
      this.toNCHW = toNCHW;
      this.viewing = plan === plans.lean;
      this.dense = dense;
      try {
        for (let at = 0; at < steps.length; at++) {
          const s = steps[at];
          const done = known?.get(s);
          let outs: Value[], ins: (Value | undefined)[] | null = null;
          if (done) outs = done;
          else {
            ins = s.inputs.map((n) => (n === '' ? undefined : get(n)));
            if (layout.size > 0 && !LAYOUT_AWARE.has(s.node.opType)) {
              for (let i = 0; i < ins.length; i++) { const v = ins[i]; if (v instanceof Tensor && layout.has(v)) ins![i] = toNCHW(v); }
            }
            outs = runNode(s, ins, s.ctx!, name);
            // shape arithmetic on runtime shapes (Shape → Gather → Concat → Reshape) stays on the JS side; Shape and
            // Size read only the shape, which the signature fixes (while no op reads a tensor's values)
            const shapeOnly = SHAPE_ONLY.has(s.node.opType);
            if (shapeOnly || ins!.every((v) => v === undefined || isConst(v))) {
              if (!shapeOnly) outs = outs.map((v) => (v instanceof Tensor && v.size <= SMALL ? toConst(dense(v)) : v));
              if (known && outs.every((v) => isConst(v))) known.set(s, outs);
            }
          }
          const so = s.outputs;
          for (let i = 0; i < so.length; i++) {
            const o = so[i], v = outs[i];
            if (!o) continue;
            env.set(o, v);
            // a fresh result has one name (no entry: 1); one the node passed through (Identity, Dropout: one of its
            // inputs) or gave twice gets one more — freed only when the last name is done
            if (v instanceof Tensor && (ins?.includes(v) || outs.indexOf(v) < i)) holders.set(v, (holders.get(v) ?? 1) + 1);
          }
          for (const n of lastUse[at]) release(n);
        }
      } finally {
        [this.layout, this.toNCHW] = prev;
        this.viewing = prevViewing;
        this.dense = prevDense;
      }
      // outputs are the caller's to dispose: never hand out a feed, a Variable or a cached constant itself
      const res = wanted.map((w) => {
        let v = get(w)!;
        if (v instanceof Tensor && layout.has(v)) v = toNCHW(v);
        if (views.size > 0 && v instanceof Tensor) v = dense(v);
        return isConst(v) ? constTensor(v) : kept(v) ? clone(v) : v;
      });
      if (views.size > 0) views.clear();
      return res;
    });
    if (tensorReads.count !== reads) { this.shapeDependent = true; this.shapeMemo.clear(); }
    else if (memo && !replay && this.shapeMemo.get(sig!) === memo) memo.replays.set(plan, replayOf(plan, memo.known));
    return out;
  }

  /** Disposes the Variables and every tensor the model holds. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    dispose([...this.trainableWeights, ...this.nonTrainableWeights, ...this.cached.values()]);
    for (const m of this.derived.values()) for (const d of m.values()) d.out.dispose();
    this.derived.clear();
    this.cached.clear();
    this.cachedSet.clear();
  }

  private feedMap(feeds: OnnxInput, op: string): Map<string, Tensor> {
    const m = new Map<string, Tensor>();
    if (feeds instanceof Tensor) {
      if (this.inputs.length !== 1) throw new Error(`${op}: the model has ${this.inputs.length} inputs (${this.inputs.map((i) => i.name).join(', ')}); pass an array or a {name: tensor} object`);
      m.set(this.inputs[0].name, feeds);
    } else if (Array.isArray(feeds)) {
      if (feeds.length !== this.inputs.length) throw new Error(`${op}: the model has ${this.inputs.length} inputs, got ${feeds.length} tensors`);
      feeds.forEach((t, i) => m.set(this.inputs[i].name, t));
    } else if (feeds !== null && typeof feeds === 'object') {
      for (const [k, t] of Object.entries(feeds)) {
        if (!this.inputs.some((i) => i.name === k)) throw new Error(`${op}: the model has no input named ${JSON.stringify(k)} (inputs: ${this.inputs.map((i) => i.name).join(', ')})`);
        m.set(k, t);
      }
      for (const i of this.inputs) if (!m.has(i.name)) throw new Error(`${op}: input '${i.name}' is not given`);
    } else throw new Error(`${op}: expected a Tensor, an array of Tensors or a {name: Tensor} object, got ${feeds === null ? 'null' : typeof feeds}`);
    for (const [k, t] of m) {
      const info = this.inputs.find((i) => i.name === k)!;
      if (!(t instanceof Tensor)) throw new Error(`${op}: input '${k}' must be a Tensor, got ${t === null ? 'null' : typeof t}`);
      if (t.isDisposed) throw new Error(`${op}: input '${k}' is disposed`);
      if (t.dtype !== info.dtype) throw new Error(`${op}: input '${k}' must be ${info.dtype} (ONNX ${info.onnxType}), got ${t.dtype}`);
      if (info.shape) {
        const bad = t.rank !== info.shape.length || info.shape.some((d, i) => typeof d === 'number' && d !== t.shape[i]);
        if (bad) throw new Error(`${op}: input '${k}' must have shape [${info.shape.map((d) => d ?? '?')}], got [${t.shape}]`);
      }
    }
    return m;
  }

  /**
   * The steps needed for `wanted`, in graph order, and per step the values produced by steps that are used for
   * the last time there (never the wanted ones); kept per list of wanted names.
   */
  private plan(wanted: string[]): { plain: Plan; lean: Plan } {
    const key = wanted.join('\0');
    let p = this.plans.get(key);
    if (p) return p;
    const need = new Set(wanted);
    const steps: Step[] = [];
    for (let i = this.steps.length - 1; i >= 0; i--) {
      const s = this.steps[i];
      if (!s.outputs.some((o) => need.has(o))) continue;
      steps.push(s);
      for (const x of s.inputs) if (x) need.add(x);
    }
    steps.reverse();
    const keep = new Set(wanted);
    p = { plain: lastUses(steps, keep), lean: lastUses(this.fuse(steps, keep), keep) };
    if (this.plans.size < 64) this.plans.set(key, p);
    return p;
  }

  /**
   * The steps run while no tape records: each Conv, Gemm, BatchNormalization and Add as a lean step (one op with its
   * bias: ops.ts Ctx.lean), taking with it the activation node (Relu, Clip(0, 6), Sigmoid, Tanh) that is the only
   * reader of its output when that output is not wanted — the pair then writes the activation's output; a MatMul
   * takes the Add of a constant bias row that alone reads it; LayerNormalization runs as one op. The same kernels in
   * the same order: bit-identical to the nodes run one by one.
   */
  private fuse(steps: Step[], keep: Set<string>): Step[] {
    const readers = new Map<string, Step[]>();
    for (const s of steps) for (const x of s.inputs) if (x) { const r = readers.get(x); if (r) { if (!r.includes(s)) r.push(s); } else readers.set(x, [s]); }
    const scalar = (n: string | undefined): number | undefined => {
      const v = n ? this.values.get(n) : undefined;
      return v !== undefined && isConst(v) && v.data.length === 1 ? Number(v.data[0]) : undefined;
    };
    const absorbed = new Set<Step>(), out: Step[] = [];
    // MatMul(a, Transpose(k) [· s]) with the Transpose swapping the last two axes and s one value (attention's q·kᵀ,
    // scaled): the product reads k as Bᵀ — no transposed copy —, the two nodes before it taken in (found first: they
    // come before the MatMul)
    const transposedB = new Map<Step, { inputs: string[]; scaled: boolean }>();
    const producer = new Map<string, Step>();
    for (const s of steps) for (const o of s.outputs) if (o) producer.set(o, s);
    const soleReader = (t: Step | undefined, by: Step): boolean => {
      const y = t?.outputs[0];
      return !!y && t!.outputs.length === 1 && !keep.has(y) && readers.get(y)?.length === 1 && readers.get(y)![0] === by;
    };
    const swapsLast = (t: Step | undefined): t is Step => {
      const p = t?.node.opType === 'Transpose' ? t.attrs.get('perm')?.ints : undefined;
      return p !== undefined && p.length >= 2 && p.every((a, i) => Number(a) === (i === p.length - 2 ? p.length - 1 : i === p.length - 1 ? p.length - 2 : i));
    };
    for (const s of steps) {
      if (s.node.opType !== 'MatMul' || s.inputs.length !== 2 || s.inputs[0] === s.inputs[1]) continue;
      const b = producer.get(s.inputs[1]);
      if (swapsLast(b) && soleReader(b, s)) {
        transposedB.set(s, { inputs: [s.inputs[0], b.inputs[0]], scaled: false });
        absorbed.add(b);
      } else if (b?.node.opType === 'Mul' && b.inputs.length === 2 && soleReader(b, s)) {
        const i = [0, 1].find((j) => swapsLast(producer.get(b.inputs[j])) && soleReader(producer.get(b.inputs[j]), b) && b.inputs[1 - j] !== b.inputs[j]);
        // (s: one value, checked by the op when it is computed; a weight or constant of more values never fuses)
        const sv = i === undefined ? undefined : this.values.get(b.inputs[1 - i]);
        if (i === undefined || (sv !== undefined && sv.shape.reduce((p, d) => p * d, 1) !== 1)) continue;
        const t = producer.get(b.inputs[i])!;
        transposedB.set(s, { inputs: [s.inputs[0], t.inputs[0], b.inputs[1 - i]], scaled: true });
        absorbed.add(b); absorbed.add(t);
      }
    }
    // MatMul → Transpose keeping the last axis last (attention's head merge), the Transpose the product's only
    // reader: the product written permuted (no copy)
    const outPerm = (s: Step): [Step, number[]] | null => {
      const y = s.outputs[0], r = y && s.outputs.length === 1 && !keep.has(y) ? readers.get(y) : undefined;
      const t = r?.length === 1 ? r[0] : undefined, p = t?.node.opType === 'Transpose' ? t.attrs.get('perm')?.ints.map(Number) : undefined;
      return p !== undefined && p.length >= 2 && p[p.length - 1] === p.length - 1 && t!.inputs[0] === y && t!.outputs.length === 1 ? [t!, p] : null;
    };
    for (const s of steps) {
      if (absorbed.has(s)) continue;
      const tb = transposedB.get(s), op = s.node.opType === 'MatMul' && !absorbed.has(s) ? outPerm(s) : null;
      if (op !== null) absorbed.add(op[0]);
      if (tb !== undefined) { out.push(this.leanStep(s, op?.[0] ?? null, null, { inputs: tb.inputs, lean: { transposedB: tb.scaled, outPerm: op?.[1] } })); continue; }
      if (op !== null) { out.push(this.leanStep(s, op[0], null, { inputs: s.inputs, lean: { outPerm: op[1] } })); continue; }
      if (s.node.opType === 'MatMul') {
        // MatMul(x, W) read only by an Add with a constant row of N (a Linear layer as PyTorch exports it): one step
        const y = s.outputs[0], r = y && s.outputs.length === 1 && !keep.has(y) ? readers.get(y) : undefined;
        const a = r?.length === 1 && r[0].node.opType === 'Add' && r[0].outputs.length === 1 ? r[0] : null;
        const at = a ? a.inputs.indexOf(y) : -1, other = a && at >= 0 && a.inputs.lastIndexOf(y) === at ? a.inputs[1 - at] : undefined;
        const b = other ? this.values.get(other) : undefined;
        if (a && b !== undefined && (b instanceof Variable || isConst(b)) && b.shape.length === 1) {
          absorbed.add(a);
          out.push(this.leanStep(s, a, null, { inputs: [...s.inputs.slice(0, 2), other!], lean: { biasFirst: at === 1 } }));
        } else out.push(s);
        continue;
      }
      if (s.node.opType === 'Div') {
        // the exact GELU as PyTorch exports it: five nodes, one op
        const g = this.geluAt(s, readers, keep);
        if (g === null) { out.push(s); continue; }
        for (const t of g.nodes) absorbed.add(t);
        out.push(this.leanStep(s, g.nodes[g.nodes.length - 1], null, { inputs: [s.inputs[0]], lean: { gelu: g.gelu } }));
        continue;
      }
      if (!LEAN_OPS.has(s.node.opType)) { out.push(s); continue; }
      const takes = TAKES_ACT.has(s.node.opType);
      // the node that alone reads step t's one output, as its first input (t's output not wanted)
      const only = (t: Step): Step | null => {
        const y = t.outputs[0], r = y && t.outputs.length === 1 && !keep.has(y) ? readers.get(y) : undefined;
        return r?.length === 1 && r[0].outputs.length === 1 && r[0].inputs[0] === y && r[0].inputs.lastIndexOf(y) === 0 ? r[0] : null;
      };
      const actOf = (t: Step | null): InPlaceActivation | null => (t === null ? null : fusibleActivation(t.node.opType, this.opset, t.attrs, (i) => scalar(t.inputs[i])));
      const linear = s.node.opType === 'Conv' || s.node.opType === 'Gemm';
      // Conv / Gemm → BatchNormalization (folded) → activation, or Conv / Gemm → activation → BatchNormalization
      // (applied after it) → activation; the others → activation
      let r = takes ? only(s) : null, bn: Step | null = null, fold = false;
      if (linear && r !== null && this.foldable(s, r)) { bn = r; fold = true; r = only(r); }
      const kind = actOf(r), act = kind === null ? null : r;
      let bnAct: InPlaceActivation | null = null, last = act ?? bn;
      if (linear && bn === null && act !== null) {
        const b = only(act);
        if (b !== null && this.bnParams(b)) {
          bn = b; last = b;
          const a2 = only(b), k2 = actOf(a2);
          if (k2 !== null) { bnAct = k2; last = a2; }
        }
      }
      for (const t of [bn, act, last]) if (t) absorbed.add(t);
      if (bn === null) { out.push(this.leanStep(s, act, kind)); continue; }
      const eps = bn.attrs.get('epsilon')?.f ?? 1e-5;
      out.push(this.leanStep(s, last, kind, {
        inputs: [s.inputs[0], s.inputs[1], s.inputs[2] ?? '', ...bn.inputs.slice(1, 5)],
        lean: { bn: { fold, eps, act: bnAct } },
      }));
    }
    return out;
  }

  /**
   * The exact GELU from Div s: Div(x, k0) → Erf → Add(·, k1), then Mul(x, ·) [→ Mul(·, k2)] (TorchScript's export) or
   * Mul(·, k2) → Mul(x, ·) (dynamo's), each node the only reader of the one before (operands of Add and Mul in either
   * order; k float32 scalar constants; no intermediate wanted): the nodes after s and the settings, else null.
   */
  private geluAt(s: Step, readers: Map<string, Step[]>, keep: Set<string>): { nodes: Step[]; gelu: NonNullable<NonNullable<Ctx['lean']>['gelu']> } | null {
    const sole = (t: Step): [Step, number] | null => {
      const y = t.outputs[0];
      if (!y || t.outputs.length !== 1 || keep.has(y)) return null;
      const r = readers.get(y);
      if (r?.length !== 1 || r[0].outputs.length !== 1 || r[0].inputs.length !== (r[0].node.opType === 'Erf' ? 1 : 2)) return null;
      const at = r[0].inputs.indexOf(y);
      return at >= 0 && r[0].inputs.lastIndexOf(y) === at ? [r[0], at] : null;
    };
    const k = (n: string | undefined): number | undefined => {
      const v = n ? this.values.get(n) : undefined;
      return v !== undefined && isConst(v) && v.dtype === 'float32' && v.shape.length === 0 ? v.data[0] : undefined;
    };
    const x = s.inputs[0], k0 = s.inputs.length === 2 ? k(s.inputs[1]) : undefined;
    const e = k0 === undefined ? null : sole(s);
    if (e === null || e[0].node.opType !== 'Erf') return null;
    const a = sole(e[0]), k1 = a?.[0].node.opType === 'Add' ? k(a[0].inputs[1 - a[1]]) : undefined;
    if (k1 === undefined) return null;
    const m = sole(a![0]);
    if (m === null || m[0].node.opType !== 'Mul') return null;
    const other = m[0].inputs[1 - m[1]];
    if (other === x) {
      const h = sole(m[0]), k2 = h?.[0].node.opType === 'Mul' ? k(h[0].inputs[1 - h[1]]) : undefined;
      return { nodes: [e[0], a![0], m[0], ...(k2 === undefined ? [] : [h![0]])], gelu: { k: [k0!, k1, k2 ?? 1], scaleFirst: false, scaled: k2 !== undefined } };
    }
    const k2 = k(other), h = k2 === undefined ? null : sole(m[0]);
    if (h === null || h[0].node.opType !== 'Mul' || h[0].inputs[1 - h[1]] !== x) return null;
    return { nodes: [e[0], a![0], m[0], h[0]], gelu: { k: [k0!, k1, k2!], scaleFirst: true, scaled: true } };
  }

  /** A BatchNormalization in inference mode whose scale, B, mean and var are the model's weights or constants. */
  private bnParams(b: Step): boolean {
    if (b.node.opType !== 'BatchNormalization' || b.outputs.length !== 1 || b.inputs.length < 5 || (b.attrs.get('training_mode')?.i ?? 0) !== 0) return false;
    return b.inputs.slice(1, 5).every((n) => this.fixedValue(n) !== null);
  }

  /**
   * Whether BatchNormalization b, the only reader of Conv / Gemm s, folds into s's weight and bias: b's parameters
   * and s's weight (and bias) are fixed; a Gemm has alpha 1, A as given, and no C or a C of N values with beta 1.
   */
  private foldable(s: Step, b: Step): boolean {
    if (!this.bnParams(b)) return false;
    const w = this.fixedValue(s.inputs[1]), bias = s.inputs[2] ? this.fixedValue(s.inputs[2]) : undefined;
    if (w === null || bias === null) return false;
    if (s.node.opType === 'Conv') return true;
    const f = (n: string, d: number) => s.attrs.get(n)?.f ?? d, i = (n: string) => s.attrs.get(n)?.i ?? 0;
    if (w.shape.length !== 2 || f('alpha', 1) !== 1 || i('transA') !== 0) return false;
    const N = i('transB') === 1 ? w.shape[0] : w.shape[1];
    return bias === undefined || (f('beta', 1) === 1 && bias.shape.reduce((p, d) => p * d, 1) === N);
  }

  /** The model's weight or constant of that name (a Variable or an initializer / folded constant), else null. */
  private fixedValue(n: string): { shape: number[] } | null {
    const v = n ? this.values.get(n) : undefined;
    return v instanceof Variable || (v !== undefined && isConst(v) && this.own.has(v)) ? v : null;
  }

  /**
   * Step s run lean, the nodes up to `last` taken in (null: none), `kind` the activation applied by s's op; `extra`:
   * the step's inputs and lean settings when they differ (MatMul's Add, a BatchNormalization). Made once per pair:
   * which nodes a step takes in is fixed by the graph and `last`.
   */
  private leanStep(s: Step, last: Step | null, kind: InPlaceActivation | null, extra?: { inputs: string[]; lean: Partial<NonNullable<Ctx['lean']>> }): Step {
    let m = this.leanSteps.get(s);
    if (!m) { m = new Map(); this.leanSteps.set(s, m); }
    let l = m.get(last);
    if (!l) {
      // the node's context (its derived weights are shared with the plain step), with the fused settings
      l = { ...s, inputs: extra?.inputs ?? s.inputs, outputs: last === null ? s.outputs : last.outputs,
            ctx: { ...s.ctx!, lean: { act: kind, ...extra?.lean } } };
      // a folded BatchNormalization changes the weights: their layouts are this step's own (not the plain step's)
      if (extra?.lean?.bn?.fold) { const own = l; own.ctx = { ...own.ctx!, derive: (key, sources, make) => this.derive(own, key, sources, make) }; }
      m.set(last, l);
    }
    return l;
  }

  /** @internal */
  ctx(s: Step, opset: number): Ctx {
    return {
      name: s.name, opType: s.node.opType, opset, numOutputs: s.outputs.length,
      attr: (n) => s.attrs.get(n),
      t: (v, what = 'input', asIs = false) => {
        if (v === undefined) throw new Error(`input '${what}' is missing`);
        if (!isConst(v)) return asIs || this.views.size === 0 ? v : this.dense(v);
        if (!this.own.has(v)) return constTensor(v);
        let t = this.cached.get(v);
        if (!t) { t = keep(constTensor(v)); this.cached.set(v, t); this.cachedSet.add(t); }
        return t;
      },
      derive: (key, sources, make) => this.derive(s, key, sources, make),
      fixed: (v) => v instanceof Variable || (v !== undefined && isConst(v) && this.own.has(v)),
      nhwc: (v) => v instanceof Tensor && this.layout.has(v),
      mark: (t) => { if (!LAYOUT.on) return fromNHWC(t); this.layout.add(t); return t; },
      nchw: (v) => (v instanceof Tensor && this.layout.has(v) ? this.toNCHW(v) : v),
      viewOf: (t) => (this.views.size === 0 ? undefined : this.views.get(t)),
      strided: (t, shape, st) => {
        if (!this.viewing || t.isDisposed) return null;
        const y = new Tensor(shape, t.dtype, t.block);
        this.views.set(y, st);
        return y;
      },
    };
  }

  /**
   * `make()`, a tensor computed from `sources` only (weights, constants): cached per step and key while no tape
   * records (a recording tape must see the ops from the Variables). Tensors are immutable except Variables, which
   * assign and the optimizers' in-place updates write: each bumps the Variable's version, so the cache holds the
   * sources (same objects, not disposed) and the versions of the Variables among them, and is remade when one
   * changed. O(sources) per use, whatever the weights' size.
   */
  private derive(s: Step, key: string, sources: Tensor[], make: () => Tensor): Tensor {
    if (engine.recording) return make();
    let m = this.derived.get(s);
    if (!m) { m = new Map(); this.derived.set(s, m); }
    const d = m.get(key);
    if (d && !d.out.isDisposed && sameSources(d, sources)) return d.out;
    const out = tidy(make);
    if (sources.includes(out)) return out;
    keep(out);
    if (d) { d.out.dispose(); this.cachedSet.delete(d.out); }
    this.cachedSet.add(out);
    m.set(key, { sources: sources.slice(), versions: sources.map(versionOf), out });
    return out;
  }

}

interface Derived { sources: Tensor[]; versions: number[]; out: Tensor }

/** Steps to run, and per step the values produced by steps that are used for the last time there. */
interface Plan { steps: Step[]; lastUse: string[][] }
/** A plan without the steps whose results an earlier run with the same input shapes made (`seeds`: name, value). */
interface Replay extends Plan { seeds: [string, Value][]; seedMap: Map<string, Value> }
/** The nodes whose results depend on their inputs' shapes only. */
const SHAPE_ONLY = new Set(['Shape', 'Size']);

/**
 * `plan` less the steps in `known` (their results, constants, become seeds). Those steps read only constants,
 * so no tensor's last use moves; the lastUse lists are recomputed over the steps left.
 */
function replayOf(plan: Plan, known: Map<Step, Value[]>): Replay {
  const seeds: [string, Value][] = [], left: Step[] = [];
  for (const s of plan.steps) {
    const outs = known.get(s);
    if (outs === undefined) { left.push(s); continue; }
    s.outputs.forEach((o, i) => { if (o) seeds.push([o, outs[i]]); });
  }
  const keep = new Set<string>();
  // a value the plan never frees (a wanted output) stays unfreed: those are the names lastUse never lists
  const freed = new Set(plan.lastUse.flat());
  for (const s of left) for (const o of s.outputs) if (o && !freed.has(o)) keep.add(o);
  return { ...lastUses(left, keep), seeds, seedMap: new Map(seeds) };
}

/** The plan of `steps`: per step, the values produced by steps that are read for the last time there (never `keep`'s). */
function lastUses(steps: Step[], keep: Set<string>): Plan {
  const produced = new Map<string, number>(), last = new Map<string, number>();
  steps.forEach((s, at) => {
    for (const x of s.inputs) if (produced.has(x)) last.set(x, at);
    for (const o of s.outputs) if (o) { produced.set(o, at); last.set(o, at); }
  });
  const lastUse: string[][] = steps.map(() => []);
  for (const [n, at] of last) if (!keep.has(n)) lastUse[at].push(n);
  return { steps, lastUse };
}

/** A Variable's write count; -1 for other tensors, whose values never change. */
const versionOf = (t: Tensor): number => (t instanceof Variable ? t.version : -1);

function sameSources(d: Derived, sources: Tensor[]): boolean {
  if (d.sources.length !== sources.length) return false;
  for (let k = 0; k < sources.length; k++) {
    const t = sources[k];
    if (t !== d.sources[k] || t.isDisposed || versionOf(t) !== d.versions[k]) return false;
  }
  return true;
}

function runNode(s: Step, ins: (Value | undefined)[], c: Ctx, op: string): Value[] {
  try {
    const r = OPS[s.node.opType](c, ins);
    const out = Array.isArray(r) ? r : [r];
    if (out.length < s.outputs.length && out.length < s.outputs.filter(Boolean).length) throw new Error(`produced ${out.length} outputs, the node names ${s.outputs.length}`);
    return out;
  } catch (e) {
    const shapes = ins.map((v) => (v === undefined ? '-' : `[${(isConst(v) ? v.shape : v.shape).join(',')}]`)).join(', ');
    throw new Error(`${op}: node '${s.name}' (${s.node.opType}, inputs ${shapes}): ${(e as Error).message}`);
  }
}

/** Which initializers feed a BatchNormalization's statistics (held as non-trainable Variables). */
function statisticsOf(graph: GraphProto): Set<string> {
  const s = new Set<string>();
  for (const n of graph.node) if (n.opType === 'BatchNormalization') for (const i of [3, 4]) if (n.input[i]) s.add(n.input[i]);
  return s;
}

/** Loads the external-data files an initializer list names (each once), confined to the model's folder. */
type Fetcher = (location: string) => Promise<Uint8Array>;

async function externalFiles(graph: GraphProto, get: Fetcher | null): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const t of graph.initializer) {
    const ref = externalRef(t, `initializer '${t.name}'`);
    if (!ref) continue;
    checkLocation(ref.location, `initializer '${t.name}'`);
    if (files.has(ref.location)) continue;
    if (!get) throw new Error(`${OP}: initializer '${t.name}' is stored in the external file '${ref.location}'; load the model from a path or URL, or pass options.externalData`);
    files.set(ref.location, await get(ref.location));
  }
  return files;
}

function externalReader(files: Map<string, Uint8Array>, name: string): (ref: ExternalRef) => Uint8Array {
  return (ref) => {
    const f = files.get(ref.location)!;
    const length = ref.length ?? f.length - ref.offset;
    if (ref.offset > f.length || length < 0 || ref.offset + length > f.length) {
      throw new Error(`${OP}: initializer '${name}': external data offset ${ref.offset} + length ${length} is outside '${ref.location}' (${f.length} bytes)`);
    }
    return f.subarray(ref.offset, ref.offset + length);
  };
}

const asBytes = (b: Uint8Array | ArrayBuffer): Uint8Array => (b instanceof Uint8Array ? b : new Uint8Array(b));

/** Builds the model: decode, check ops and graph order, read initializers, fold constant nodes. */
async function build(bytes: Uint8Array, get: Fetcher | null, options: LoadOnnxOptions, kernels: Promise<void>): Promise<OnnxModel> {
  let model;
  try {
    model = decodeModel(bytes);
  } catch (e) {
    throw new Error(`${OP}: the bytes are not a valid ONNX model; truncated or corrupt? (${(e as Error).message})`);
  }
  const graph = model.graph;
  if (!graph || graph.node.length === 0 || graph.output.length === 0) throw new Error(`${OP}: the bytes hold no ONNX graph (nodes and outputs); truncated, or not an .onnx file?`);
  const def = model.opsetImport.find((o) => o.domain === '' || o.domain === 'ai.onnx');
  const opset = def?.version ?? 0;
  if (opset < OPSET_RANGE[0] || opset > OPSET_RANGE[1]) {
    throw new Error(`${OP}: the model uses opset ${opset} of the default ONNX domain; ascent runs opsets ${OPSET_RANGE[0]}–${OPSET_RANGE[1]}`);
  }
  // every op is known and every input is defined before it is used (ONNX graphs are topologically sorted)
  const defined = new Set<string>([...graph.input.map((v) => v.name), ...graph.initializer.map((t) => t.name)]);
  graph.node.forEach((n, i) => {
    const name = n.name || `#${i}`;
    if ((n.domain !== '' && n.domain !== 'ai.onnx') || !Object.prototype.hasOwnProperty.call(OPS, n.opType)) {
      throw new Error(`${OP}: node '${name}' has op type '${n.opType}'${n.domain ? ` (domain '${n.domain}')` : ''}, which ascent does not support`);
    }
    for (const x of n.input) if (x !== '' && !defined.has(x)) throw new Error(`${OP}: node '${name}' (${n.opType}) reads '${x}', which no earlier node, input or initializer defines`);
    // single assignment (an ONNX rule): a name defined twice would make the graph mean two things
    for (const o of n.output) {
      if (!o) continue;
      if (defined.has(o)) throw new Error(`${OP}: node '${name}' (${n.opType}) writes '${o}', which is already defined by an input, an initializer or an earlier node`);
      defined.add(o);
    }
  });
  for (const o of graph.output) if (!defined.has(o.name)) throw new Error(`${OP}: the graph output '${o.name}' is not computed by any node`);

  const inits = new Set(graph.initializer.map((t) => t.name));
  for (const v of graph.input) {
    const code = v.type?.tensorType?.elemType;
    if (!inits.has(v.name) && (v.type?.tensorType === undefined || code === undefined || dtypeOf(code) === null)) {
      throw new Error(`${OP}: the graph input '${v.name}' is ${v.type?.tensorType ? `of element type ${onnxTypeName(code ?? 0)}` : 'not a tensor'}, which ascent does not support`);
    }
  }
  const files = await externalFiles(graph, get);
  await kernels;
  const values = new Map<string, Value>();
  const trainable: Variable[] = [], stats: Variable[] = [];
  const statNames = statisticsOf(graph);
  const made: Tensor[] = [];
  try {
    // read every initializer (checked) before making any tensor
    const consts = graph.initializer.map((t) => readTensor(t, `initializer '${t.name}'`, files.size ? externalReader(files, t.name) : undefined));
    graph.initializer.forEach((t, i) => {
      const c = consts[i];
      if (c.dtype === 'float32' && c.shape.length > 0 && options.trainable !== false) {
        const isStat = statNames.has(t.name);
        const v = tidy(() => new Variable(tensor(c.data, c.shape, 'float32'), !isStat, t.name));
        made.push(v);
        (isStat ? stats : trainable).push(v);
        values.set(t.name, v);
      } else values.set(t.name, c);
    });
    // fold nodes whose inputs are all constants (Constant, shape arithmetic on initializers)
    const steps: Step[] = [];
    const probe = new OnnxModel(graph, opset, model.producerName, values, [], [], []);
    graph.node.forEach((n, i) => {
      const s: Step = { node: n, name: n.name || `#${i}`, attrs: new Map(n.attribute.map((a) => [a.name, a])), inputs: n.input, outputs: n.output };
      const ins = n.input.map((x) => (x === '' ? undefined : values.get(x)));
      const foldable = n.input.every((x, k) => x === '' || isConst(ins[k])) && n.opType !== 'Dropout';
      if (!foldable) { steps.push(s); return; }
      const outs = tidy(() => {
        const r = runNode(s, ins, probe.ctx(s, opset), OP);
        return r.map((v) => (v instanceof Tensor ? toConst(v) : v));
      });
      n.output.forEach((o, k) => { if (o) values.set(o, outs[k] as Value); });
    });
    probe.dispose();
    return new OnnxModel(graph, opset, model.producerName, values, steps, trainable, stats);
  } catch (e) {
    dispose(made);
    throw e;
  }
}

/**
 * Loads an ONNX model: a `file://` URL or a path in Node, an http(s) URL (fetch), or the file's bytes.
 * External data files are read next to the model file (or from options.externalData for bytes).
 * @example const m = await loadOnnxModel('file:///models/mlp.onnx'); const y = m.predict(x);
 */
export async function loadOnnxModel(source: string | URL | Uint8Array | ArrayBuffer, options: LoadOnnxOptions = {}): Promise<OnnxModel> {
  // cold start: the kernels compile while the file is read and decoded (a no-op once tf.ready() has resolved)
  const kernels = ready();
  kernels.catch(() => {}); // (awaited in build before the first tensor; a read error is reported first)
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) {
    const ext = options.externalData;
    const get: Fetcher | null = ext === undefined ? null : async (loc) => {
      const b = typeof ext === 'function' ? await ext(loc) : ext[loc];
      if (!(b instanceof Uint8Array) && !(b instanceof ArrayBuffer)) throw new Error(`${OP}: options.externalData has no bytes for '${loc}'`);
      return asBytes(b);
    };
    return build(asBytes(source), get, options, kernels);
  }
  const src = source instanceof URL ? source.href : source;
  if (typeof src !== 'string') throw new Error(`${OP}: expected a path, a URL or the file's bytes (Uint8Array / ArrayBuffer), got ${source === null ? 'null' : typeof source}`);
  const isUrl = /^[a-z][a-z0-9+.-]*:/i.test(src) && !/^[a-z]:[\\/]/i.test(src);
  if (isNode() && (!isUrl || src.startsWith('file:'))) {
    const fs = await nodeImport<typeof import('node:fs/promises')>('node:fs/promises');
    const path = await nodeImport<typeof import('node:path')>('node:path');
    const url = await nodeImport<typeof import('node:url')>('node:url');
    const file = src.startsWith('file:') ? url.fileURLToPath(src) : src;
    const read = async (p: string, what: string) => {
      try { return new Uint8Array(await fs.readFile(p)); } catch (e) { throw new Error(`${OP}: cannot read ${what} '${p}' (${(e as Error).message})`); }
    };
    const dir = path.resolve(path.dirname(file));
    const get: Fetcher = async (loc) => {
      const p = path.resolve(dir, loc);
      if (!p.startsWith(dir + path.sep)) throw new Error(`${OP}: external data location '${loc}' leaves the model's folder`);
      const real = await fs.realpath(p).catch(() => p);
      const realDir = await fs.realpath(dir).catch(() => dir);
      if (!real.startsWith(realDir + path.sep)) throw new Error(`${OP}: external data location '${loc}' leaves the model's folder (through a link)`);
      return read(p, 'the external data file');
    };
    return build(await read(file, 'the model file'), get, options, kernels);
  }
  const f = options.fetch ?? globalThis.fetch;
  if (typeof f !== 'function') throw new Error(`${OP}: no fetch to load '${src}'`);
  const base = new URL(src, typeof location !== 'undefined' ? location.href : undefined);
  const prefix = base.href.slice(0, base.href.lastIndexOf('/') + 1);
  const load = async (u: string, what: string) => {
    let r: Response;
    try { r = await f(u); } catch (e) { throw new Error(`${OP}: cannot fetch ${what} '${u}' (${(e as Error).message})`); }
    if (!r.ok) throw new Error(`${OP}: cannot fetch ${what} '${u}': HTTP ${r.status}`);
    return new Uint8Array(await r.arrayBuffer());
  };
  const get: Fetcher = async (loc) => {
    const u = new URL(loc, base).href;
    if (!u.startsWith(prefix)) throw new Error(`${OP}: external data location '${loc}' leaves the model's URL prefix`);
    return load(u, 'the external data file');
  };
  return build(await load(base.href, 'the model'), get, options, kernels);
}

// tf.loadOnnxModel (the core namespace) delegates here once this module is imported.
provideOnnxLoader(loadOnnxModel);

/** The ONNX op types ascent runs (default domain). */
export const onnxOps = (): string[] => Object.keys(OPS).sort();

// Export (issue 17, second part): toOnnx(model) and model.save('…/model.onnx'), registered on import.
export { toOnnx, saveOnnxModel, onnxWithWeights, type ToOnnxOptions } from './export.js';
