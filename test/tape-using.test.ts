// Tape lifetime: `using` (explicit resource management) ends a tape at block exit, exceptions included;
// stop() and dispose() do it by hand. In a file of its own: tapes left active by other tests would
// record these ops too.
import { describe, expect, it } from 'vitest';
import { tf } from './helpers.js';

describe('tape lifetime', () => {
  it('`using` ends the tape at block exit, also when the block throws, and frees what it saved', () => {
    const w = tf.variable([1, 2, 3]);
    const m0 = tf.memory().numTensors;
    {
      using tape = new tf.GradientTape();
      expect(tape.recording).toBe(true);
      tf.mul(w, 2).dispose();
    }
    expect(tf.memory().numTensors).toBe(m0);
    let outside: tf.GradientTape | null = null;
    expect(() => {
      using tape = new tf.GradientTape();
      outside = tape;
      tf.mul(w, 2).dispose();
      throw new Error('the step failed');
    }).toThrow('the step failed');
    expect(outside!.recording).toBe(false);
    expect(tf.memory().numTensors).toBe(m0);
    // later ops are not recorded by the ended tapes
    tf.mul(w, 2).dispose();
    expect(tf.memory().numTensors).toBe(m0);
  });

  it('stop() and dispose() end a tape without `using`; seed-style gradient() still works', () => {
    const w = tf.variable([1, 2, 3]);
    const tape = new tf.GradientTape();
    const y = tf.sum(tf.square(w));
    tape.stop();
    expect(tape.recording).toBe(false);
    tf.mul(w, 2).dispose(); // not recorded
    expect(tape.gradient(y, w)!.arraySync()).toEqual([2, 4, 6]);
    const t2 = new tf.GradientTape({ persistent: true });
    tf.mul(w, 2);
    t2.dispose();
    expect(t2.recording).toBe(false);
  });
});
