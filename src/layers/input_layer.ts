// InputLayer (Keras engine/input_layer.py): declares the input shape of a model; applying it is the identity.
import type { Tensor } from '../core/tensor.js';
import { Layer, uniqueName, type LayerArgs, type Shape } from './layer.js';
import { single } from './utils.js';

export interface InputLayerArgs extends LayerArgs { sparse?: boolean }

/**
 * The input of a model: inputShape (without the batch axis) or batchInputShape (with it). Named input_1,
 * input_2 … as Keras names them.
 * @example tf.layers.inputLayer({inputShape: [28, 28]})
 */
export class InputLayer extends Layer {
  static className = 'InputLayer';
  readonly sparse: boolean;
  constructor(args: InputLayerArgs = {}) {
    if (args.inputShape && args.batchInputShape) {
      throw new Error(`InputLayer: give inputShape or batchInputShape, not both (got [${args.inputShape}] and [${args.batchInputShape}])`);
    }
    if (!args.inputShape && !args.batchInputShape) throw new Error('InputLayer: give inputShape (without the batch axis) or batchInputShape');
    super({ ...args, name: args.name ?? uniqueName('input', false) });
    for (const d of this.batchInputShape!) {
      if (d !== null && (!Number.isInteger(d) || d < 0)) {
        throw new Error(`${this.name}: the input shape [${this.batchInputShape}] must hold non-negative integers or null`);
      }
    }
    this.sparse = args.sparse ?? false;
    this.built = true;
  }

  call(inputs: Tensor | Tensor[]): Tensor { return single(this.name, inputs); }

  computeOutputShape(_inputShape: Shape): Shape { return this.batchInputShape!.slice(); }

  getConfig(): Record<string, unknown> {
    return { batchInputShape: this.batchInputShape!.slice(), dtype: this.dtype, sparse: this.sparse, name: this.name };
  }
}
