// Checks of the options objects that fit, fitDataset, evaluate, evaluateDataset and predict take: each
// bad value is an error naming the call, the option and the value (a NaN epoch count or a zero batch
// size used to train silently or hang).
import { isTensor } from '../core/engine.js';

type Opts = Record<string, unknown> | undefined | null;

function show(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : typeof v === 'object' && v !== null ? (Array.isArray(v) ? 'an array' : 'an object') : String(v);
}

/** An options argument: undefined/null (the defaults) or a plain object. */
export function options<T extends object>(op: string, args: unknown): T {
  if (args === undefined || args === null) return {} as T;
  if (typeof args !== 'object' || Array.isArray(args) || isTensor(args)) {
    throw new Error(`${op}: the options argument must be an object such as {batchSize: 32}, got ${show(args)}`);
  }
  return args as T;
}

function int(op: string, o: Opts, key: string, min: number): void {
  const v = o?.[key];
  if (v === undefined || v === null) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new Error(`${op}: ${key} must be ${min === 1 ? 'a positive' : 'a non-negative'} integer, got ${show(v)}`);
  }
}

function oneOf(op: string, o: Opts, key: string, allowed: unknown[]): void {
  const v = o?.[key];
  if (v !== undefined && !allowed.includes(v)) throw new Error(`${op}: ${key} must be one of ${allowed.map(show).join(', ')}, got ${show(v)}`);
}

/** TensorFlow.js options ascent does not have: an error rather than silently training differently. */
function unsupported(op: string, o: Opts, keys: string[]): void {
  for (const k of keys) {
    if (o?.[k] !== undefined && o[k] !== null) throw new Error(`${op}: the TensorFlow.js option ${k} is not supported by ascent`);
  }
}

/** fit / fitDataset options. */
export function checkFitArgs(op: 'fit' | 'fitDataset', o: Opts): void {
  unsupported(op, o, ['classWeight', 'sampleWeight', 'stepsPerEpoch', 'validationSteps']);
  int(op, o, 'epochs', 0);
  int(op, o, 'batchSize', 1);
  int(op, o, 'initialEpoch', 0);
  int(op, o, 'batchesPerEpoch', 1);
  int(op, o, 'validationBatches', 1);
  int(op, o, 'validationBatchSize', 1);
  oneOf(op, o, 'verbose', [0, 1, 2]);
  oneOf(op, o, 'shuffle', [true, false, 'batch']);
  const split = o?.validationSplit;
  if (split !== undefined && (typeof split !== 'number' || !(split >= 0 && split < 1))) {
    throw new Error(`${op}: validationSplit must be a number in [0, 1), got ${show(split)}`);
  }
  const seed = o?.seed;
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isFinite(seed))) throw new Error(`${op}: seed must be a finite number, got ${show(seed)}`);
  const freq = o?.validationFreq;
  if (freq !== undefined && !(typeof freq === 'number' && Number.isInteger(freq) && freq >= 1) &&
      !(Array.isArray(freq) && freq.every((e) => Number.isInteger(e) && e >= 1))) {
    throw new Error(`${op}: validationFreq must be a positive integer or a list of epochs (1-based), got ${show(freq)}`);
  }
  const epochs = (o?.epochs as number | undefined) ?? 1, initial = (o?.initialEpoch as number | undefined) ?? 0;
  if (initial > epochs) throw new Error(`${op}: initialEpoch ${initial} is after the last epoch (epochs ${epochs})`);
}

/** evaluate / predict options. */
export function checkBatchArgs(op: 'evaluate' | 'predict' | 'evaluateDataset', o: Opts): void {
  unsupported(op, o, ['sampleWeight', 'steps']);
  int(op, o, 'batchSize', 1);
  int(op, o, 'batches', 1);
  // tfjs's predict takes verbose: boolean (ModelPredictConfig)
  oneOf(op, o, 'verbose', op === 'predict' ? [0, 1, 2, true, false, undefined] : [0, 1, 2, undefined]);
}

/** x (and y) given to fit/evaluate/predict: a tensor or a non-empty list of tensors (checked before any work). */
export function checkData(op: string, arg: string, v: unknown, allowObject = false): void {
  if (isTensor(v)) {
    if (v.isDisposed) throw new Error(`${op}: ${arg} is disposed (shape [${v.shape}])`);
    return;
  }
  if (Array.isArray(v) && v.length > 0) { v.forEach((t, i) => checkData(op, `${arg}[${i}]`, t)); return; }
  if (allowObject && typeof v === 'object' && v !== null && !Array.isArray(v)) {
    for (const [k, t] of Object.entries(v)) checkData(op, `${arg}.${k}`, t);
    return;
  }
  throw new Error(`${op}: ${arg} must be a Tensor or a list of Tensors${allowObject ? ' (or an object keyed by output name)' : ''}, got ${v === undefined ? 'undefined' : show(v)}`);
}

/** y given to fit/evaluate/trainOnBatch: present (its structure is checked against the outputs later). */
export function checkTargets(op: string, y: unknown): void {
  if (y === undefined || y === null) {
    throw new Error(`${op}: y must be a Tensor, a list of Tensors or an object keyed by output name, got ${y === null ? 'null' : 'undefined'}`);
  }
}
