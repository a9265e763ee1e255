// Where event-file bytes go. The writer only appends bytes to `<logdir>/<file>`; a sink decides what
// that means: a real file in Node (fs, imported lazily through backend/node.ts so browser bundles
// never touch it), the Origin Private File System in browsers, a download when a browser has no OPFS,
// or memory (tests, custom uploads).
import { isNode, nodeImport } from '../backend/node.js';
import { concatBytes } from '../bytes.js';

export interface SummarySink {
  /** Appends `bytes` to the file `name` in the folder `logdir` (both created when missing). */
  append(logdir: string, name: string, bytes: Uint8Array): Promise<void>;
  /** The writer of `logdir/name` closed (the download sink saves the file here). */
  close?(logdir: string, name: string): Promise<void>;
}

/** Where a writer runs: the host name and process id that go into the file name. */
export interface HostInfo { host: string; pid: number }

export async function hostInfo(): Promise<HostInfo> {
  if (!isNode()) return { host: 'ascent', pid: 0 };
  const os = await nodeImport<typeof import('node:os')>('node:os');
  return { host: os.hostname(), pid: (globalThis as unknown as { process: { pid: number } }).process.pid };
}

/** Node: `logdir` is a folder path (relative to the working directory) or a file:// URL. */
export function nodeFileSink(): SummarySink {
  const made = new Map<string, Promise<unknown>>();
  const dir = async (logdir: string) => {
    if (!logdir.startsWith('file://')) return logdir;
    return (await nodeImport<typeof import('node:url')>('node:url')).fileURLToPath(logdir);
  };
  return {
    async append(logdir, name, bytes) {
      const fs = await nodeImport<typeof import('node:fs/promises')>('node:fs/promises'), d = await dir(logdir);
      if (!made.has(d)) made.set(d, fs.mkdir(d, { recursive: true }));
      await made.get(d);
      await fs.appendFile(`${d.replace(/[\\/]+$/, '')}/${name}`, bytes);
    },
  };
}

const opfsRoot = (): (() => Promise<FileSystemDirectoryHandle>) | null => {
  const storage = (globalThis as { navigator?: Navigator }).navigator?.storage;
  return typeof storage?.getDirectory === 'function' ? () => storage.getDirectory() : null;
};

/** Folders of a logdir ('logs/run1/train' → ['logs', 'run1', 'train']). */
const segments = (logdir: string) => logdir.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');

async function opfsDir(op: string, logdir: string, create: boolean): Promise<FileSystemDirectoryHandle> {
  const root = opfsRoot();
  if (!root) throw new Error(`${op}: this environment has no Origin Private File System (navigator.storage.getDirectory)`);
  let d = await root();
  for (const s of segments(logdir)) d = await d.getDirectoryHandle(s, { create });
  return d;
}

/**
 * Browsers: the Origin Private File System (navigator.storage.getDirectory()), `logdir` a folder path
 * inside it. tf.summary.readOpfsFiles(logdir) reads the files back (to upload or save them).
 */
export function opfsSink(): SummarySink {
  return {
    async append(logdir, name, bytes) {
      const fh = await (await opfsDir('summary.opfsSink', logdir, true)).getFileHandle(name, { create: true });
      const w = await fh.createWritable({ keepExistingData: true });
      await w.seek((await fh.getFile()).size);
      await w.write(bytes as Uint8Array<ArrayBuffer>);
      await w.close();
    },
  };
}

/**
 * Every file under `logdir` in the Origin Private File System (recursively), keyed by its path
 * relative to `logdir`: what an OPFS-backed writer wrote, ready to upload or save.
 */
export async function readOpfsFiles(logdir: string): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  const walk = async (dir: FileSystemDirectoryHandle, prefix: string) => {
    for await (const [name, h] of (dir as unknown as AsyncIterable<[string, FileSystemHandle]>)) {
      if (h.kind === 'directory') await walk(h as FileSystemDirectoryHandle, `${prefix}${name}/`);
      else out.set(prefix + name, new Uint8Array(await (await (h as FileSystemFileHandle).getFile()).arrayBuffer()));
    }
  };
  await walk(await opfsDir('summary.readOpfsFiles', logdir, false), '');
  return out;
}

/**
 * Keeps every file in memory: `files` maps 'logdir/name' to its bytes so far. For tests, or to send
 * the bytes somewhere yourself.
 */
export function memorySink(): SummarySink & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    async append(logdir, name, bytes) {
      const key = `${logdir.replace(/[\\/]+$/, '')}/${name}`;
      files.set(key, concatBytes([files.get(key) ?? new Uint8Array(0), bytes]));
    },
  };
}

/** Browsers without OPFS: collects the bytes and offers the file as a download when the writer closes. */
export function downloadSink(): SummarySink {
  const mem = memorySink();
  return {
    append: mem.append,
    async close(logdir, name) {
      const key = `${logdir.replace(/[\\/]+$/, '')}/${name}`, bytes = mem.files.get(key);
      mem.files.delete(key);
      if (!bytes || typeof document === 'undefined') return;
      const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name; // save it into a folder named like `logdir` and point TensorBoard at that
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  };
}

/** Node → files; browsers → OPFS, or downloads where there is none. */
export function defaultSink(): SummarySink {
  if (isNode()) return nodeFileSink();
  return opfsRoot() ? opfsSink() : downloadSink();
}
