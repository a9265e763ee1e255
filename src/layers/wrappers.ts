// Wrappers (tfjs-layers wrappers.ts, Keras rnn/time_distributed.py and bidirectional.py): a layer applied
// to every timestep, and an RNN run both ways with the two outputs merged.
import type { Tensor } from '../core/tensor.js';
import { add, mul } from '../ops/binary.js';
import { concat } from '../ops/join.js';
import { reverse } from '../ops/slice.js';
import { reshape } from '../ops/shape.js';
import { describeArg, Layer, type CallArgs, type LayerArgs, type Shape } from './layer.js';
import { adoptWeights, buildAs, deserializeNested, RNN } from './recurrent.js';
import { fmt } from './utils.js';

const first = (s: Shape | Shape[]): Shape => (Array.isArray(s[0]) ? (s as Shape[])[0] : (s as Shape));

export interface WrapperLayerArgs extends LayerArgs { layer: Layer }

function wrapped(name: string, l: unknown): Layer {
  if (!(l instanceof Layer)) throw new Error(`${name}: layer must be a layer, got ${describeArg(l)}`);
  return l;
}

/**
 * Applies a layer to every timestep of [batch, time, ...] (the layer sees [batch·time, ...]).
 * @example tf.layers.timeDistributed({layer: tf.layers.dense({units: 8}), inputShape: [10, 16]})
 */
export class TimeDistributed extends Layer {
  static className = 'TimeDistributed';
  supportsMasking = true;
  readonly layer: Layer;
  constructor(args: WrapperLayerArgs) {
    super(args);
    this.layer = wrapped(this.name, args?.layer);
    this.inputSpec = { minNdim: 3 };
  }

  build(inputShape: Shape | Shape[]): void {
    const s = first(inputShape);
    if (s.length < 3) throw new Error(`${this.name}: expects input of rank ≥ 3 [batch, time, ...], got ${fmt(s)}`);
    if (!this.layer.built) buildAs(this.layer, this.name, [s[0], ...s.slice(2)]); // tfjs: time_distributed/kernel
    adoptWeights(this, this.layer);
    this.built = true;
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = first(inputShape);
    const inner = this.layer.computeOutputShape([s[0], ...s.slice(2)]) as Shape;
    return [inner[0], s[1], ...inner.slice(1)];
  }

  call(inputs: Tensor | Tensor[], args: CallArgs = {}): Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const [B, T] = x.shape;
    const y = this.layer.call(reshape(x, [B * T, ...x.shape.slice(2)]), { training: args.training });
    const t = Array.isArray(y) ? y[0] : y;
    return reshape(t, [B, T, ...t.shape.slice(1)]);
  }

  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), layer: { className: this.layer.getClassName(), config: this.layer.getConfig() } };
  }
  static fromConfig(cls: unknown, config: Record<string, unknown>): Layer {
    return new (cls as typeof TimeDistributed)({ ...config, layer: deserializeNested(config.layer) });
  }
}

export type BidirectionalMergeMode = 'sum' | 'mul' | 'concat' | 'ave' | null;
export interface BidirectionalLayerArgs extends LayerArgs {
  layer: RNN;
  /** How the two directions' outputs combine (default concat); null returns both. */
  mergeMode?: BidirectionalMergeMode;
}

/**
 * An RNN over the sequence forwards and a copy of it backwards (goBackwards flipped), outputs merged.
 * Weights: the forward layer's, then the backward layer's.
 * @example tf.layers.bidirectional({layer: tf.layers.lstm({units: 16, returnSequences: true}), inputShape: [20, 8]})
 */
export class Bidirectional extends Layer {
  static className = 'Bidirectional';
  static multiInput = true;
  supportsMasking = true;
  readonly layer: RNN;
  readonly forwardLayer: RNN;
  readonly backwardLayer: RNN;
  readonly mergeMode: BidirectionalMergeMode;

  constructor(args: BidirectionalLayerArgs) {
    super(args);
    const l = wrapped(this.name, args?.layer);
    if (!(l instanceof RNN)) throw new Error(`${this.name}: layer must be a recurrent layer (lstm, gru, simpleRNN, rnn), got ${l.getClassName()}`);
    this.layer = l;
    const mode = args.mergeMode === undefined ? 'concat' : args.mergeMode;
    if (!['sum', 'mul', 'concat', 'ave', null].includes(mode)) {
      throw new Error(`${this.name}: mergeMode must be 'sum', 'mul', 'concat', 'ave' or null, got ${describeArg(mode)}`);
    }
    this.mergeMode = mode;
    // copies from the config (tfjs): the wrapped layer itself stays unbuilt, its config is what is saved
    const cfg = l.getConfig();
    const cls = l.constructor as unknown as { fromConfig(c: unknown, config: Record<string, unknown>): Layer };
    this.forwardLayer = cls.fromConfig(l.constructor, { ...cfg, name: `forward_${l.name}` }) as RNN;
    this.backwardLayer = cls.fromConfig(l.constructor, { ...cfg, name: `backward_${l.name}`, goBackwards: !l.goBackwards }) as RNN;
    this.inputSpec = { ndim: 3 };
  }

  get returnSequences(): boolean { return this.layer.returnSequences; }
  get returnState(): boolean { return this.layer.returnState; }

  build(inputShape: Shape | Shape[]): void {
    const s = first(inputShape);
    for (const l of [this.forwardLayer, this.backwardLayer]) {
      if (!l.built) buildAs(l, `${this.name}/${l.name}`, s); // tfjs: bidirectional/forward_lstm/kernel
      adoptWeights(this, l);
    }
    this.built = true;
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const o = this.forwardLayer.computeOutputShape(inputShape);
    const out = (this.returnState ? (o as Shape[])[0] : o) as Shape;
    const states = this.returnState ? (o as Shape[]).slice(1) : [];
    const last = out[out.length - 1];
    const merged: Shape[] = this.mergeMode === null ? [out, out]
      : [this.mergeMode === 'concat' ? [...out.slice(0, -1), last === null ? null : 2 * last] : out];
    return merged.length === 1 && !this.returnState ? merged[0] : [...merged, ...states, ...states];
  }

  computeMask(_inputs: Tensor | Tensor[], mask?: Tensor | (Tensor | null)[] | null): Tensor | (Tensor | null)[] | null {
    const m = (Array.isArray(mask) ? mask[0] : mask) ?? null;
    const om = this.returnSequences ? m : null;
    const outs = this.mergeMode === null ? [om, om] : [om];
    const states = this.returnState ? this.forwardLayer.cell.stateSize.map(() => null) : [];
    const all = [...outs, ...states, ...states] as Tensor[];
    return all.length === 1 ? all[0] : all;
  }

  call(inputs: Tensor | Tensor[], args: CallArgs = {}): Tensor | Tensor[] {
    let x = inputs, init = args.initialState ?? null;
    if (Array.isArray(inputs)) {
      x = inputs[0];
      if (inputs.length > 1) init = inputs.slice(1);
    }
    if (init !== null && init.length % 2 !== 0) throw new Error(`${this.name}: initial states come in two equal halves (forward, backward), got ${init.length}`);
    const half = init === null ? 0 : init.length / 2;
    const run = (l: RNN, states: Tensor[] | null) => {
      const r = l.call(x as Tensor, { ...args, ...(states ? { initialState: states } : {}) } as CallArgs);
      return Array.isArray(r) ? r : [r];
    };
    const f = run(this.forwardLayer, init && init.slice(0, half));
    const b = run(this.backwardLayer, init && init.slice(half));
    let yf = f[0], yb = b[0];
    if (this.returnSequences) yb = reverse(yb, 1);
    const merged: Tensor[] = this.mergeMode === 'concat' ? [concat([yf, yb], -1)]
      : this.mergeMode === 'sum' ? [add(yf, yb)]
        : this.mergeMode === 'ave' ? [mul(add(yf, yb), 0.5)]
          : this.mergeMode === 'mul' ? [mul(yf, yb)] : [yf, yb];
    yf = merged[0];
    if (!this.returnState) return merged.length === 1 ? yf : merged;
    return [...merged, ...f.slice(1), ...b.slice(1)];
  }

  resetStates(): void { this.forwardLayer.resetStates(); this.backwardLayer.resetStates(); }

  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), layer: { className: this.layer.getClassName(), config: this.layer.getConfig() }, mergeMode: this.mergeMode };
  }
  static fromConfig(cls: unknown, config: Record<string, unknown>): Layer {
    return new (cls as typeof Bidirectional)({ ...config, layer: deserializeNested(config.layer) as RNN });
  }

  dispose(): void { this.forwardLayer.dispose(); this.backwardLayer.dispose(); }
}

