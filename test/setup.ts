import { expect } from 'vitest';
import * as tf from '../src/index.js';

// Every suite runs as an app does: tf.ready() loads the threaded build and starts the workers in the background
// where shared memory is possible (Node; the Chromium test page is cross-origin isolated). The two threads
// suites start from the default (unthreaded) build instead: they compare results with it and count workers.
if (/[\\/]threads(\.node)?\.test\.ts$/.test(expect.getState().testPath ?? '')) await tf.setThreads(1);
await tf.ready();
