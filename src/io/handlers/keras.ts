// tf.io.fromKeras(bytes): a Keras 3 `.keras` or legacy `.h5` file as an IOHandler (tf.loadLayersModel,
// tf.io.copyModel …). The reading itself is ascent/keras's (HDF5 and zip readers the core does not ship): importing
// it registers the conversion here; without it, load() says which import to add.
import type { IOHandler, ModelArtifacts } from '../types.js';

type KerasArtifacts = (bytes: Uint8Array, op: string) => ModelArtifacts;
let convert: KerasArtifacts | null = null;
/** @internal ascent/keras registers its reader when imported. */
export function provideKerasArtifacts(fn: KerasArtifacts): void { convert = fn; }

/**
 * A Keras file's bytes as a model source: `await tf.loadLayersModel(tf.io.fromKeras(bytes))` (after
 * `import 'ascent/keras'`). The model comes with its compile config and optimizer state when the file has them.
 * @example const model = await tf.loadLayersModel(tf.io.fromKeras(await file.arrayBuffer()));
 */
export function fromKeras(data: Uint8Array | ArrayBuffer): IOHandler {
  const op = 'tf.io.fromKeras';
  if (!(data instanceof Uint8Array) && !(data instanceof ArrayBuffer)) {
    throw new Error(`${op}: expected the file's bytes (a Uint8Array or ArrayBuffer), got ${data === null ? 'null' : typeof data}`);
  }
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  return {
    load: async () => {
      if (convert === null) throw new Error(`${op}: import 'ascent/keras' once (it registers the Keras reader, which the core does not ship)`);
      return convert(bytes, op);
    },
  };
}
