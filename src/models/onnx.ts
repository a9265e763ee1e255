// tf.loadOnnxModel(source, options): the ONNX loader is the subpath ascent/onnx (protobuf decoding and the graph
// interpreter, ~50 KB the core does not ship); importing it registers its loadOnnxModel here, so the core namespace
// offers the same function at the cost of a few dozen bytes. Without the import, the returned promise rejects with
// the import to add. The types are imported as types only: they vanish when compiled.
import type { LoadOnnxOptions, OnnxModel } from '../onnx/index.js';

type OnnxLoader = (source: string | URL | Uint8Array | ArrayBuffer, options?: LoadOnnxOptions) => Promise<OnnxModel>;
let loader: OnnxLoader | null = null;
/** @internal ascent/onnx registers its loader here when imported. */
export function provideOnnxLoader(fn: OnnxLoader): void { loader = fn; }

/**
 * Loads an ONNX model (after `import 'ascent/onnx'` once, which registers the loader): a `file://` URL or a path in
 * Node, an http(s) URL, or the file's bytes. The same function as ascent/onnx's loadOnnxModel.
 * @example import 'ascent/onnx'; const m = await tf.loadOnnxModel('file:///models/resnet.onnx'); m.predict(x);
 */
export function loadOnnxModel(source: string | URL | Uint8Array | ArrayBuffer, options?: LoadOnnxOptions): Promise<OnnxModel> {
  if (loader === null) {
    return Promise.reject(new Error("tf.loadOnnxModel: import 'ascent/onnx' once (it registers the ONNX loader, which the core does not ship)"));
  }
  return loader(source, options);
}
