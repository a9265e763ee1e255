// tfjs's engine, as a spec imports it (`import { ENGINE } from './engine'`): a tfjs internal, so any use
// makes the test not applicable.
import { NotApplicable } from './tf.js';

export const ENGINE = new Proxy({}, {
  get(_t, k) { if (typeof k === 'symbol' || k === 'then') return undefined; throw new NotApplicable(`ENGINE.${k}`); },
});
