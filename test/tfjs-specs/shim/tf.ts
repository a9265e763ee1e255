// What tfjs's specs get for `import * as tf from '../index'`: each public name of tfjs-core, taken from
// ascent. Three honest outcomes per name, nothing faked:
//   - ascent has it: ascent's function, class or namespace;
//   - a tfjs internal the specs may touch but ascent has no counterpart of (the engine, env flags,
//     kernel registry, tfjs-only utilities): a stand-in that throws NotApplicable when used, so the test
//     is counted as not applicable;
//   - an op ascent lacks: a stand-in that throws MissingOp when used, so the test is counted in the
//     "missing op" category (and passes by itself once ascent has the op).
// Namespaces (tf.image, tf.linalg …) are proxies applying the same rule member by member.
// The one adapter: `tf.backend()` answers floatPrecision() (ascent computes in float32) and nothing else.
import * as ascent from '../../../src/index.js';

/** A test reached a function ascent lacks. */
export class MissingOp extends Error {
  constructor(readonly op: string) { super(`ascent lacks ${op}`); this.name = 'MissingOp'; }
}
/** A test reached a tfjs internal (not part of the API ascent implements). */
export class NotApplicable extends Error {
  constructor(readonly what: string) { super(`not applicable: uses tfjs's ${what}`); this.name = 'NotApplicable'; }
}

/** tfjs internals and tfjs-only utilities: using one makes a test not applicable. */
export const INTERNALS = new Set([
  'engine', 'env', 'ENV', 'Environment', 'KernelBackend', 'DataStorage', 'registerKernel', 'unregisterKernel', 'getKernel',
  'getKernelsForBackend', 'registerGradient', 'unregisterGradient', 'getGradient', 'registerBackend', 'removeBackend',
  'findBackend', 'findBackendFactory', 'copyRegisteredKernels', 'setPlatform', 'enableDebugMode', 'enableProdMode',
  'deprecationWarn', 'disableDeprecationWarnings', 'kernel_impls', 'backend_util', 'broadcast_util', 'device_util',
  'gather_util', 'scatter_util', 'slice_util', 'tensor_util', 'test_util', 'util', 'version_core', 'profile',
  'OP_SCOPE_SUFFIX', 'op', 'setBackend', 'removeBackend', 'engine',
]);

const na = (what: string) => function notApplicable(): never { throw new NotApplicable(what); };
const missing = (name: string) => function missingOp(): never { throw new MissingOp(name); };

const TFJS_KERNEL_NAME = /^[A-Z][A-Za-z0-9]*$/;
const A = ascent as unknown as Record<string, unknown>;

/** tf.backend(): ascent's precision; anything else about backends is a tfjs internal. */
function backend(): object {
  return new Proxy({ floatPrecision: () => 32 }, {
    get(t, k) {
      if (k in t) return (t as Record<PropertyKey, unknown>)[k];
      if (typeof k === 'symbol' || k === 'then') return undefined;
      throw new NotApplicable(`backend().${k}`);
    },
  });
}

function namespace(name: string, target: Record<string, unknown> | undefined, internal: boolean): object {
  return new Proxy(target ?? {}, {
    get(t, k) {
      if (typeof k === 'symbol' || k === 'then') return (t as Record<PropertyKey, unknown>)[k];
      if (k in t) return t[k];
      return internal ? na(`${name}.${k}`) : missing(`${name}.${k}`);
    },
  });
}

// tfjs's namespaces (plain objects in tfjs-core); tf.train, tf.io … are ascent's where it has them
const NAMESPACES = new Set(['browser', 'fused', 'image', 'io', 'linalg', 'losses', 'math', 'serialization', 'signal',
  'sparse', 'spectral', 'string', 'train']);

export function pick(name: string): unknown {
  if (name === 'backend') return backend;
  if (INTERNALS.has(name)) return name.endsWith('util') ? namespace(name, undefined, true) : na(name);
  // tfjs's kernel names (Abs, Add, … as string constants: registry keys) are internals too
  if (TFJS_KERNEL_NAME.test(name) && !(name in A) && name !== 'TensorBuffer') return na(`kernel name ${name}`);
  const v = A[name];
  if (NAMESPACES.has(name)) return namespace(name, v as Record<string, unknown> | undefined, false);
  if (v !== undefined) return v;
  return missing(name);
}
