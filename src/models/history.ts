// fit()'s History (tfjs's and Keras' History): the epochs run and, per log key, each epoch's value; and
// the aliases that let tfjs code read the logs by tfjs's key names.
import type { Logs } from './types.js';

/**
 * What fit() and fitDataset() resolve to (tfjs's History). `history.history.loss[i]` is epoch i's loss.
 * ascent names the logs as Keras ('accuracy', 'val_accuracy' for a metric given as 'accuracy'); the
 * names tfjs gives the same values ('acc', 'val_acc'; 'ce' for 'crossentropy') are there too, as
 * non-enumerable aliases of the same arrays, so tfjs code reading `history.history.acc` works.
 */
export class History {
  /** The epochs run, 0-based (from initialEpoch). */
  epoch: number[] = [];
  /** Per log key ('loss', 'accuracy', 'val_loss' …), the value of each epoch (validation keys: each validated epoch). */
  history: { [key: string]: number[] } = {};
  /** fit's parameters: epochs, steps, samples, batchSize, metrics (the log keys). */
  params: Record<string, unknown>;
  constructor(params: Record<string, unknown> = {}) { this.params = params; }
  /** tfjs reads the logged scalars here; ascent's history holds numbers already, so it does nothing. */
  async syncData(): Promise<void> {}
}

/** Pairs [ascent's key, tfjs's key] of the log values tfjs names differently ('accuracy' → 'acc'). */
export type LogAliases = [string, string][];

/**
 * Gives `obj` the tfjs name of each value as a non-enumerable property (not seen by Object.keys, JSON or
 * spreading) holding the same value, unless the name is taken.
 */
export function addAliases(obj: Record<string, unknown>, aliases: LogAliases): void {
  for (const [name, alias] of aliases) {
    if (!Object.hasOwn(obj, name) || Object.hasOwn(obj, alias)) continue;
    Object.defineProperty(obj, alias, { value: obj[name], enumerable: false, writable: true, configurable: true });
  }
}

/** Appends an epoch's logs to the history (and aliases any key seen for the first time). */
export function recordEpoch(h: History, epoch: number, logs: Logs, aliases: LogAliases): void {
  h.epoch.push(epoch);
  for (const [k, v] of Object.entries(logs)) (h.history[k] ??= []).push(v);
  addAliases(h.history, aliases);
}
