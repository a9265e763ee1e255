// tf.summary: TensorBoard event files written by ascent itself, in Node and in browsers (TF2's
// tf.summary API). `tf.callbacks.tensorBoard(logdir)` logs fit() with it.
import { getStep, setStep } from './writer.js';

export { createFileWriter, SummaryWriter, flush, type FileWriterOptions, type Step } from './writer.js';
export { scalar, histogram, image, text } from './ops.js';
export { memorySink, opfsSink, downloadSink, nodeFileSink, readOpfsFiles, type SummarySink } from './sinks.js';

/** tf.summary.experimental: the default step of summary ops. */
export const experimental = { setStep, getStep };
