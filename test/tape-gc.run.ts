// Run by tape-lifetime.node.test.ts in a child process with --expose-gc: an abandoned tape (its step
// threw before gradient()) stops recording once the garbage collector has collected it.
import * as tf from '../src/index.js';
import { engine } from '../src/core/engine.js';

const gc = (globalThis as { gc?: () => void }).gc!;
const tick = () => new Promise((r) => setTimeout(r, 0));
await tf.ready();
const w = tf.variable(tf.ones([8, 8])), x = tf.ones([4, 8]);

function failingStep(): void {
  const tape = new tf.GradientTape(); // never used: the step throws first
  tf.matMul(x, w).dispose();
  void tape;
  throw new Error('step failed');
}
try { failingStep(); } catch { /* the training loop moves on */ }
const tapesAfterThrow = engine.tapes.length;
for (let i = 0; i < 3; i++) { await tick(); gc(); }
await tick();
const before = tf.memory().numTensors;
for (let i = 0; i < 200; i++) tf.matMul(x, w).dispose();
await tick();
console.log(JSON.stringify({ tapesAfterThrow, tapesAfterGc: engine.tapes.filter((r) => r.deref() !== undefined).length,
  heldBy200MatMuls: tf.memory().numTensors - before }));
