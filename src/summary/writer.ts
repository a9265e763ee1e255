// TF2's summary writer (tf.summary.create_file_writer): one event file per writer, events queued and
// appended to it in order; the default-writer stack behind `asDefault` / `setAsDefault`, and the
// global step of tf.summary.experimental.setStep.
import { fileVersionEvent, summaryEvent, summaryValue, tfrecord } from './events.js';
import { defaultSink, hostInfo, type SummarySink } from './sinks.js';
import type { Tensor } from '../core/tensor.js';
import { concatBytes } from '../bytes.js';

/** A step: an integer, or a scalar tensor holding one. */
export type Step = number | Tensor;

export interface FileWriterOptions {
  /** Events kept in memory before they are written (TF: 10). */
  maxQueue?: number;
  /** A write after this many ms since the last flush flushes the queue (TF: 120000). */
  flushMillis?: number;
  /** Ends the file name (TF: '.v2'). */
  filenameSuffix?: string;
  /** Where the bytes go; default: files in Node, OPFS in browsers (a download where there is none). */
  sink?: SummarySink;
}

let fileCounter = 0; // TF's per-process file_id_counter: two writers never share a file name
const stack: SummaryWriter[] = []; // asDefault blocks, innermost last
let base: SummaryWriter | null = null; // setAsDefault
let globalStep: number | null = null;
const open = new Set<SummaryWriter>();

/**
 * Writes TensorBoard event files into `logdir` (tf.summary.create_file_writer): the file is
 * `events.out.tfevents.<seconds>.<host>.<pid>.<n>.v2`, its first record file_version "brain.Event:2".
 * @example
 * const w = tf.summary.createFileWriter('logs/run1');
 * w.asDefault(() => { for (let s = 0; s < 3; s++) tf.summary.scalar('loss', 1 / (s + 1), s); });
 * await w.close();
 */
export class SummaryWriter {
  readonly logdir: string;
  private file = '';
  private readonly sink: SummarySink;
  private readonly maxQueue: number;
  private readonly flushMillis: number;
  private readonly name: Promise<string>;
  private queue: Uint8Array[] = [];
  private chain: Promise<void> = Promise.resolve(); // sink writes, one after another
  private error: unknown = null;
  private lastFlush = Date.now();
  private closed = false;

  constructor(logdir: string, o: FileWriterOptions = {}) {
    if (typeof logdir !== 'string' || logdir === '') {
      throw new Error(`summary.createFileWriter: logdir must be a non-empty string, got ${String(logdir)}`);
    }
    const count = (arg: string, v: number | undefined, dflt: number) => {
      if (v === undefined) return dflt;
      if (typeof v !== 'number' || !(v >= 0)) throw new Error(`summary.createFileWriter: ${arg} must be a number ≥ 0, got ${String(v)}`);
      return v;
    };
    this.logdir = logdir;
    this.maxQueue = count('maxQueue', o.maxQueue, 10);
    this.flushMillis = count('flushMillis', o.flushMillis, 120_000);
    this.sink = o.sink ?? defaultSink();
    const suffix = o.filenameSuffix ?? '.v2', id = fileCounter++;
    const secs = Math.floor(Date.now() / 1000);
    this.name = hostInfo().then(({ host, pid }) => {
      this.file = `events.out.tfevents.${String(secs).padStart(10, '0')}.${host}.${pid}.${id}` +
        `${suffix === '' || suffix.startsWith('.') ? '' : '.'}${suffix}`;
      return this.file;
    });
    open.add(this);
    installExitHook();
    // TF writes and flushes the first event when the writer is made, so the file exists at once.
    this.queue.push(tfrecord(fileVersionEvent(secs)));
    this.push();
  }

  /** The event file's name inside logdir ('' until the host name is known: await flush() first). */
  get fileName(): string { return this.file; }

  /** Runs `fn` with this writer as the default (TF's `with writer.as_default(step):`); returns fn's result. */
  asDefault<T>(fn: () => T, step?: Step): T {
    if (typeof fn !== 'function') throw new Error('SummaryWriter.asDefault: pass a function to run with this writer as the default');
    const prevStep = globalStep;
    if (step !== undefined) globalStep = checkStep('SummaryWriter.asDefault', step);
    stack.push(this);
    const done = () => {
      const i = stack.lastIndexOf(this);
      if (i >= 0) stack.splice(i, 1);
      if (step !== undefined) globalStep = prevStep;
    };
    let r: T;
    try { r = fn(); } catch (e) { done(); throw e; }
    // An async fn keeps the writer as the default until its promise settles.
    if (r instanceof Promise) return r.finally(done) as T;
    done();
    return r;
  }

  /** Makes this the default writer outside any asDefault block (TF's writer.set_as_default(step)). */
  setAsDefault(step?: Step): void {
    if (step !== undefined) globalStep = checkStep('SummaryWriter.setAsDefault', step);
    base = this;
  }

  /** @internal Whether events wait in the queue. */
  get pending(): boolean { return this.queue.length > 0; }

  /** @internal Queues one summary event; flushes when the queue is full or the last flush is old. */
  write(op: string, tag: string, plugin: string, tensor: Uint8Array, step: number, description?: string): void {
    if (this.closed) throw new Error(`${op}: the summary writer for '${this.logdir}' is closed`);
    const ev = summaryEvent(Date.now() / 1000, step, summaryValue(tag, plugin, tensor, description));
    this.queue.push(tfrecord(ev));
    if (this.queue.length > this.maxQueue || Date.now() - this.lastFlush > this.flushMillis) this.push();
  }

  /** Hands the queued records to the sink (in order, after earlier writes); errors wait for flush(). */
  private push(): void {
    this.lastFlush = Date.now();
    if (this.queue.length === 0) return;
    const bytes = concatBytes(this.queue);
    this.queue = [];
    this.chain = this.chain.then(async () => {
      try { await this.sink.append(this.logdir, await this.name, bytes); } catch (e) {
        this.error ??= new Error(`summary: cannot write ${this.logdir}/${this.file}: ${(e as Error)?.message ?? String(e)}`);
      }
    });
  }

  /** Writes every queued event to the file; rejects with the first write error since the last flush. */
  async flush(): Promise<void> {
    this.push();
    await this.chain;
    if (this.error) { const e = this.error; this.error = null; throw e; }
  }

  /** Flushes and closes the file; later writes through this writer throw. Closing twice is harmless. */
  async close(): Promise<void> {
    if (this.closed) return this.chain;
    this.closed = true;
    open.delete(this);
    if (base === this) base = null;
    await this.flush();
    await this.sink.close?.(this.logdir, await this.name);
  }
}

/** tf.summary.createFileWriter(logdir, {maxQueue, flushMillis, filenameSuffix, sink}). */
export function createFileWriter(logdir: string, options?: FileWriterOptions): SummaryWriter {
  return new SummaryWriter(logdir, options);
}

/** The writer summaries go to now: the innermost asDefault block's, else setAsDefault's, else null. */
export function defaultWriter(): SummaryWriter | null {
  return stack.length > 0 ? stack[stack.length - 1] : base;
}

function checkStep(op: string, step: unknown): number {
  const v = typeof step === 'object' && step !== null && 'dataSync' in step ? (step as { dataSync(): ArrayLike<number> }).dataSync()[0] : step;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    throw new Error(`${op}: step must be an integer (TF's int64 step), got ${String(v)}`);
  }
  return v;
}

/** The step a summary op uses: its own, else the one of experimental.setStep; an error when neither. */
export function resolveStep(op: string, step: Step | undefined | null): number {
  if (step !== undefined && step !== null) return checkStep(op, step);
  if (globalStep === null) {
    throw new Error(`${op}: no step: pass one (${op}(name, data, step)) or set it with tf.summary.experimental.setStep(step)`);
  }
  return globalStep;
}

/** tf.summary.experimental.setStep: the default step of summary ops (null clears it). */
export function setStep(step: Step | null): void {
  globalStep = step === null ? null : checkStep('summary.experimental.setStep', step);
}

/** tf.summary.experimental.getStep. */
export function getStep(): number | null { return globalStep; }

/** tf.summary.flush(writer?): flushes the given writer, or the default one. */
export async function flush(writer?: SummaryWriter): Promise<void> {
  await (writer ?? defaultWriter())?.flush();
}

// Node: write what is still queued when the program runs out of work (TF flushes when its writer
// resource is destroyed at exit). Browsers keep the queue until flush()/close().
// Installed with the first writer (not at import, so an app that never writes summaries pays nothing).
let exitHook = false;
function installExitHook(): void {
  if (exitHook) return;
  exitHook = true;
  const proc = (globalThis as { process?: { versions?: { node?: string }; on?(ev: string, f: () => void): void } }).process;
  if (proc?.versions?.node && typeof proc.on === 'function') {
    proc.on('beforeExit', () => {
      for (const w of open) {
        if (w.pending) void w.flush().catch((e) => console.warn(`summary: ${(e as Error).message}`));
      }
    });
  }
}
