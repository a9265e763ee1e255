// One-file formats that model.save writes besides tfjs's model.json + shards (.keras from ascent/keras, .onnx from
// ascent/onnx): 'downloads://name.ext' starts a browser download; 'file://path' (or a plain path) in Node is
// written to a temporary name, then renamed into place, so a failed save leaves the previous file as it was.
import { isNode, nodeImport } from '../../backend/node.js';
import { download } from './browser_files.js';

export async function saveWholeFile(url: string, bytes: Uint8Array, ext: string, op: string): Promise<void> {
  if (url.startsWith('downloads://')) {
    if (typeof document === 'undefined') throw new Error(`${op}: downloads:// needs a browser page (document); in Node use file://`);
    await download(url.slice('downloads://'.length).split('/').pop()!, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
  } else if (url.startsWith('file://') || (isNode() && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url))) {
    if (!isNode()) throw new Error(`${op}: file:// needs Node's file system; in a browser save to 'downloads://model.${ext}'`);
    const fs = await nodeImport<typeof import('node:fs/promises')>('node:fs/promises');
    const file = url.replace(/^file:\/\//, '');
    const tmp = `${file}.tmp-${process.pid}-${Date.now().toString(36)}`;
    try {
      await fs.writeFile(tmp, bytes);
      await fs.rename(tmp, file);
    } catch (e) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw new Error(`${op}: cannot write ${file}: ${(e as Error).message}`, { cause: e });
    }
  } else {
    throw new Error(`${op}: a .${ext} file is saved to 'file://…/model.${ext}' (Node) or 'downloads://model.${ext}' (browsers), not '${url}'`);
  }
}
