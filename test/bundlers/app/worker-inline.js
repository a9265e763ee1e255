// `ascent/inline` in a Web Worker: the kernels come with the script, nothing is fetched.
import * as tf from 'ascent/inline';
import { train } from './train.js';

train(tf).then((r) => postMessage({ ok: r }), (e) => postMessage({ error: String((e && e.stack) || e) }));
