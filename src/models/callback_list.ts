// How fit() calls its callbacks: tfjs' forms (objects with onEpochEnd(epoch, logs) etc., or tf.Callback
// instances, callbacks.ts) behind one list. Nothing here needs the model's class, so training.ts uses it
// without importing model.ts.

export type { Logs } from './types.js';

/** Marks tf.Callback instances (callbacks.ts), which learn the model and fit's parameters before training. */
export const IS_CALLBACK: unique symbol = Symbol('tf.Callback');
type Hook = 'onTrainBegin' | 'onTrainEnd' | 'onEpochBegin' | 'onEpochEnd' | 'onBatchBegin' | 'onBatchEnd';

/** How the list sees a callback: a tf.Callback (callbacks.ts), or any object with some of the hooks (types.ts types them). */
export type CallbackLike = Partial<Record<Hook, (...args: never[]) => unknown>> & {
  [IS_CALLBACK]?: true;
  setModel?(model: unknown): void;
  setParams?(params: Record<string, unknown>): void;
};

export class CallbackList {
  private readonly list: CallbackLike[];
  constructor(cbs: CallbackLike | CallbackLike[] | undefined, model: unknown, params: Record<string, unknown>) {
    this.list = cbs === undefined ? [] : Array.isArray(cbs) ? cbs : [cbs];
    for (const c of this.list) {
      if (typeof c !== 'object' || c === null) throw new Error('fit: callbacks must be objects with onEpochEnd(...) etc. or tf.Callback instances');
      if (c[IS_CALLBACK] === true) { c.setModel!(model); c.setParams!(params); }
    }
  }
  async call(hook: Hook, ...args: unknown[]): Promise<void> {
    for (const c of this.list) {
      const f = (c as Record<string, unknown>)[hook];
      if (typeof f === 'function') await f.apply(c, args);
    }
  }
}
