// Weight files: splitting the weights into shards when writing (the tensorflowjs converter's
// group1-shard1of2.bin … layout, 4 MB each so browsers can cache them) and, when reading, fetching a
// manifest's files and checking each group's bytes against what its weights need.
import { concatenateArrayBuffers, weightsByteLength } from './artifacts.js';
import type { WeightsManifestConfig, WeightsManifestEntry } from './types.js';

/** The converter's default shard size (tensorflowjs_converter --weight_shard_size_bytes). */
export const SHARD_SIZE_BYTES = 4 * 1024 * 1024;

/**
 * Splits `data` into shards of at most `shardSizeBytes`, named `group<g>-shard<i>of<n>.bin` (at least one
 * shard, possibly empty, so a manifest always names a file).
 */
export function shardWeights(data: ArrayBuffer, shardSizeBytes = SHARD_SIZE_BYTES, group = 1): { paths: string[]; shards: ArrayBuffer[] } {
  if (!(Number.isInteger(shardSizeBytes) && shardSizeBytes > 0)) {
    throw new Error(`shardWeights: shardSizeBytes must be a positive integer, got ${shardSizeBytes}`);
  }
  const n = Math.max(1, Math.ceil(data.byteLength / shardSizeBytes));
  const paths: string[] = [], shards: ArrayBuffer[] = [];
  for (let i = 0; i < n; i++) {
    paths.push(`group${group}-shard${i + 1}of${n}.bin`);
    shards.push(data.slice(i * shardSizeBytes, Math.min(data.byteLength, (i + 1) * shardSizeBytes)));
  }
  return { paths, shards };
}

/**
 * Reads every file of `manifest` with `read` (all at once), concatenates each group's files in order and
 * checks the group holds exactly the bytes its weights need, then returns [all specs, all bytes].
 * `fn` and `file` (the model.json) name the source in errors; `onProgress` gets the fraction of files read.
 */
export async function loadManifestWeights(manifest: WeightsManifestConfig, read: (path: string) => Promise<ArrayBuffer>,
  fn: string, file: string, onProgress?: (fraction: number) => void): Promise<[WeightsManifestEntry[], ArrayBuffer]> {
  const total = manifest.reduce((n, g) => n + g.paths.length, 0);
  let done = 0;
  const groups = await Promise.all(manifest.map((g) => Promise.all(g.paths.map(async (p) => {
    const b = await read(p);
    onProgress?.(++done / total);
    return b;
  }))));
  const specs: WeightsManifestEntry[] = [];
  const buffers: ArrayBuffer[] = [];
  manifest.forEach((g, i) => {
    const bytes = concatenateArrayBuffers(groups[i]);
    const need = weightsByteLength(g.weights, bytes, `${fn}: '${file}'`);
    if (need !== bytes.byteLength) {
      const sizes = g.paths.map((p, k) => `${p}: ${groups[i][k].byteLength} bytes`).join(', ');
      throw new Error(`${fn}: the weight files of '${file}' do not match its manifest: weightsManifest[${i}] ` +
        `(${g.weights.length} weights) needs ${need} bytes but its files hold ${bytes.byteLength} (${sizes}); ` +
        (need > bytes.byteLength ? 'truncated or wrong file?' : 'extra bytes: wrong or corrupt file?'));
    }
    specs.push(...g.weights);
    buffers.push(bytes);
  });
  return [specs, concatenateArrayBuffers(buffers)];
}
