import * as tf from '../src/index.js';

await tf.ready();
