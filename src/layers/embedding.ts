// Embedding (Keras core/embedding.py): rows of embeddings [inputDim, outputDim] picked by integer ids with
// gather, whose gradient (unsortedSegmentSum) trains them.
import { getInitializer, type Initializer } from '../initializers.js';
import { getRegularizer, type Regularizer, type RegularizerArg } from '../regularizers.js';
import { getConstraint, type Constraint, type ConstraintArg } from '../constraints.js';
import type { Tensor, Variable } from '../core/tensor.js';
import { notEqual } from '../ops/compare.js';
import { gather } from '../ops/gather.js';
import { cast } from '../ops/shape.js';
import type { InitializerArg } from '../initializers.js';
import { Layer, type LayerArgs, type Shape } from './layer.js';
import { positiveInt, serialize, single } from './utils.js';

export interface EmbeddingArgs extends LayerArgs {
  /** Vocabulary size: ids are 0 … inputDim − 1. */
  inputDim: number;
  outputDim: number;
  embeddingsInitializer?: InitializerArg;
  embeddingsRegularizer?: RegularizerArg;
  embeddingsConstraint?: ConstraintArg;
  /** Id 0 is padding (computeMask gives false there). */
  maskZero?: boolean;
  /** Keras 2's input_length: the same as inputShape: [inputLength]. */
  inputLength?: number | null;
}

/**
 * Integer ids [batch, …] → vectors [batch, …, outputDim].
 * @example tf.layers.embedding({inputDim: 1000, outputDim: 64}).apply(tf.tensor2d([[1, 2]], [1, 2], 'int32'))  // [1, 2, 64]
 */
export class Embedding extends Layer {
  static className = 'Embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly embeddingsInitializer: Initializer;
  readonly embeddingsRegularizer: Regularizer | null;
  readonly embeddingsConstraint: Constraint | null;
  readonly maskZero: boolean;
  readonly inputLength: number | null;
  embeddings: Variable | null = null;

  constructor(args: EmbeddingArgs) {
    super({ ...args, inputShape: args?.inputShape ?? (args?.inputLength != null ? [args.inputLength] : undefined) });
    this.inputDim = positiveInt(this.name, 'inputDim', args?.inputDim);
    this.outputDim = positiveInt(this.name, 'outputDim', args.outputDim);
    this.embeddingsInitializer = getInitializer(args.embeddingsInitializer ?? 'randomUniform');
    this.embeddingsRegularizer = getRegularizer(args.embeddingsRegularizer);
    this.embeddingsConstraint = getConstraint(args.embeddingsConstraint);
    this.maskZero = args.maskZero ?? false;
    this.inputLength = args.inputLength ?? null;
  }

  build(_inputShape: Shape): void {
    this.embeddings = this.addWeight('embeddings', [this.inputDim, this.outputDim], this.embeddingsInitializer,
      { regularizer: this.embeddingsRegularizer, constraint: this.embeddingsConstraint });
    this.built = true;
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    const ids = single(this.name, inputs);
    try {
      return gather(this.embeddings!, ids.dtype === 'int32' ? ids : cast(ids, 'int32'));
    } catch (e) {
      throw new Error(`${this.name}: ${(e as Error).message} (inputDim is ${this.inputDim})`);
    }
  }

  /** Where the ids are not padding (maskZero), else null. */
  computeMask(inputs: Tensor | Tensor[]): Tensor | null {
    return this.maskZero ? notEqual(single(this.name, inputs), 0) : null;
  }

  computeOutputShape(s: Shape): Shape { return [...s, this.outputDim]; }

  getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), inputDim: this.inputDim, outputDim: this.outputDim,
      embeddingsInitializer: serialize(this.embeddingsInitializer), embeddingsRegularizer: serialize(this.embeddingsRegularizer),
      activityRegularizer: serialize(this.activityRegularizer), embeddingsConstraint: serialize(this.embeddingsConstraint), maskZero: this.maskZero, inputLength: this.inputLength };
  }
}
