// The functional API's graph: tf.input() makes a SymbolicTensor (a shape with a null batch axis);
// applying a layer to symbolic tensors builds the layer and records a node instead of computing.
// tf.model({inputs, outputs}) (src/models/model.ts) then runs the recorded nodes on real tensors.
import { uniqueName, type Layer, type Shape } from './layer.js';

let nextSymbolicId = 0;

export class SymbolicTensor {
  readonly id = nextSymbolicId++;
  readonly __symbolic = true;
  constructor(
    readonly shape: Shape,
    readonly name: string,
    /** The layer whose output this is (null for a model input). */
    readonly sourceLayer: Layer | null = null,
    readonly inputs: SymbolicTensor[] = [],
  ) {}
  get rank(): number { return this.shape.length; }
}

export function isSymbolic(x: unknown): x is SymbolicTensor | SymbolicTensor[] {
  const first = Array.isArray(x) ? x[0] : x;
  return typeof first === 'object' && first !== null && (first as { __symbolic?: boolean }).__symbolic === true;
}

/**
 * A symbolic model input (tfjs tf.input): shape without the batch axis, or batchShape with it.
 * @example const x = tf.input({shape: [784]}); const y = tf.layers.dense({units: 10}).apply(x);
 */
export function input(config: { shape?: Shape; batchShape?: Shape; name?: string }): SymbolicTensor {
  const shape = config.batchShape ?? (config.shape ? [null, ...config.shape] : undefined);
  if (!shape) throw new Error('input: give shape (without the batch axis) or batchShape');
  for (const d of shape) {
    if (d !== null && (!Number.isInteger(d) || d < 0)) throw new Error(`input: shape [${shape}] must hold non-negative integers or null`);
  }
  const name = config.name ?? uniqueName('input', false); // shares InputLayer's input_1, input_2 … counter
  return new SymbolicTensor(shape, name);
}

export function applySymbolic(layer: Layer, inputs: SymbolicTensor | SymbolicTensor[]): SymbolicTensor {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  const shape = list[0].shape;
  layer.assertInputCompatible(shape);
  if (!layer.built) {
    layer.build(shape);
    layer.built = true;
  }
  const out = layer.computeOutputShape(shape);
  return new SymbolicTensor(out, `${layer.name}/output`, layer, list);
}
