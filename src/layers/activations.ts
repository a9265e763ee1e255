// The activation registry: Keras / tfjs activation names → functions made of ops (so they have gradients
// and are differentiable again). `activation: 'relu'` in a layer config, or any (x) => Tensor function
// (seed 000 passes tf.nn.relu: here `activation: tf.relu`).
import type { Tensor } from '../core/tensor.js';
import { elu, exp, hardSwish as hardSwishKernel, relu, relu6, selu, sigmoid, softplus, softsign, tanh } from '../ops/unary.js';
import { gelu, hardSigmoid, leakyRelu, mish, swish } from '../ops/activations.js';
import { logSoftmax, softmaxRecordingLogits } from '../ops/softmax.js';
import type { FusedActivation } from '../ops/infer.js';

export type ActivationFn = (x: Tensor) => Tensor;

/** A resolved activation: its registry name (what getConfig writes) and the function. */
export interface Activation {
  readonly className: string;
  apply(x: Tensor): Tensor;
}

const linear: ActivationFn = (x) => x;
/** The exact gelu, Keras' 'gelu' (the in-place list names it). */
const geluExact: ActivationFn = (x) => gelu(x, false);
/** Keras 3's hard_silu / hard_swish: x·relu6(x + 3)/6 (MobileNetV3), one kernel (the bits of that composite). */
const hardSwish: ActivationFn = (x) => hardSwishKernel(x);

// camelCase ids as tfjs writes them; Keras' snake_case ids ('hard_sigmoid', 'leaky_relu') are converted.
const REGISTRY = {
  linear,
  relu,
  relu6,
  sigmoid,
  tanh,
  softmax: (x) => softmaxRecordingLogits(x), // (its logits kept for the fused loss head: ops/softmax.ts)
  logSoftmax: (x) => logSoftmax(x, -1),
  elu,
  selu,
  softplus,
  softsign,
  swish,
  silu: swish,
  gelu: geluExact,                   // exact x·Φ(x), Keras' default (approximate=False) and tfjs 'gelu'
  geluNew: (x) => gelu(x, true),     // tfjs 'gelu_new': the tanh approximation
  hardSigmoid,                       // clip(0.2·x + 0.5, 0, 1): Keras 2 and tfjs (Keras 3's is relu6(x + 3)/6)
  hardSilu: hardSwish,               // Keras 3 hard_silu: x·relu6(x + 3)/6
  hardSwish,                         // Keras 3 hard_swish, the same function
  leakyRelu: (x) => leakyRelu(x, 0.2), // tf.nn.leaky_relu's default slope (the LeakyReLU layer's is 0.3)
  mish,
  exponential: exp,
} satisfies Record<string, ActivationFn>;
const registry: Record<string, ActivationFn> = REGISTRY;

/**
 * The activation names a layer accepts (tfjs's ActivationIdentifier, plus Keras' snake_case spellings and
 * the extra activations ascent has). A misspelt name does not compile; pass a function (x) => Tensor for
 * anything else.
 */
export type ActivationIdentifier = 'linear' | 'relu' | 'relu6' | 'sigmoid' | 'tanh' | 'softmax' | 'logSoftmax' | 'elu' |
  'selu' | 'softplus' | 'softsign' | 'swish' | 'silu' | 'gelu' | 'geluNew' | 'hardSigmoid' | 'leakyRelu' | 'mish' |
  'exponential' | 'hardSilu' | 'hardSwish' | 'log_softmax' | 'gelu_new' | 'hard_sigmoid' | 'leaky_relu' | 'hard_silu' | 'hard_swish';
/** @deprecated The old name of ActivationIdentifier. */
export type ActivationId = ActivationIdentifier;

/** What a layer's `activation` option takes: a name, a function, a resolved activation, or none (linear). */
export type ActivationArg = ActivationIdentifier | ActivationFn | Activation | null | undefined;

// Every name of ActivationIdentifier is one the registry knows (checked when this file compiles).
type Camel<S extends string> = S extends `${infer H}_${infer C}${infer T}` ? Camel<`${H}${Uppercase<C>}${T}`> : S;
const _knownActivations: Record<Camel<ActivationIdentifier>, unknown> = REGISTRY;
void _knownActivations;

function canonical(id: string): string {
  const camel = id.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return camel.charAt(0).toLowerCase() + camel.slice(1);
}

/**
 * The activation for an id ('relu', 'hard_sigmoid', …), a function, or null/undefined (linear).
 * @example getActivation('relu').apply(x)
 */
export function getActivation(id: ActivationArg | (string & {})): Activation {
  if (id === null || id === undefined) return { className: 'linear', apply: linear };
  if (typeof id === 'function') {
    const known = Object.keys(registry).find((k) => registry[k] === id);
    return { className: known ?? (id.name || 'custom'), apply: id };
  }
  if (typeof id === 'object' && typeof id.apply === 'function') return id;
  if (typeof id !== 'string') throw new Error(`activation: expected a name or a function, got ${typeof id === 'object' ? 'an object' : String(id)}`);
  const key = canonical(id);
  const fn = Object.prototype.hasOwnProperty.call(registry, key) ? registry[key] : undefined;
  if (!fn) throw new Error(`unknown activation '${id}'; known: ${Object.keys(registry).join(', ')}`);
  return { className: key, apply: fn };
}

/** The name getConfig writes for an activation. */
export function serializeActivation(a: Activation): string { return a.className; }

/**
 * @internal The one elementwise kernel an activation is, for inference that applies it in place
 * (ops/infer.ts): null for linear, undefined for anything else (softmax, geluNew, a custom function).
 */
export function inPlaceActivation(a: Activation): FusedActivation | null | undefined {
  const f = a.apply;
  if (f === linear) return null;
  return f === relu ? 'relu' : f === relu6 ? 'relu6' : f === sigmoid ? 'sigmoid' : f === tanh ? 'tanh' : f === elu ? 'elu' :
    f === hardSwish ? 'hardSwish' : f === geluExact ? 'gelu' : undefined;
}
