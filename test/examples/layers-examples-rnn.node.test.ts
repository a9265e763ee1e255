// Runs the recurrent family's example as a user would, `node --import tsx examples/char-lstm.ts --quick`,
// and checks what it prints: one loss line per epoch, the loss falling well below ln(vocabulary) (the loss
// of a uniform guess), and a sample that continues the seed text with characters of the vocabulary.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The example's stdout; fails with its stderr if it exits with an error. */
function run(file: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', `examples/${file}`, '--quick', ...args], { cwd: root, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => (err ? reject(new Error(`${file} failed: ${err.message}\n${stderr}`)) : resolve(stdout)));
  });
}

describe('recurrent layer examples', () => {
  it('char-lstm: the loss falls each epoch from about ln(vocabulary); the sample continues the seed', async () => {
    const out = await run('char-lstm.ts');
    const head = /vocabulary (\d+), (\d+) windows of (\d+); lstm\((\d+)\), (\d+) epochs/.exec(out);
    expect(head, out).not.toBeNull();
    const vocab = Number(head![1]), epochs = Number(head![5]);
    const losses = Array.from(out.matchAll(/^epoch (\d+) loss (\d+\.\d+)$/gm), (m) => Number(m[2]));
    expect(losses.length).toBe(epochs);
    expect(losses[0]).toBeLessThan(Math.log(vocab) + 0.2);
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1]);
    expect(losses[losses.length - 1]).toBeLessThan(0.8 * Math.log(vocab));
    const header = 'sample (seed "Alice was beginning ", temperature 0.5):\n';
    expect(out).toContain(header);
    // (the text's newlines are in the vocabulary: the sample may span lines)
    const sample = out.slice(out.indexOf(header) + header.length).replace(/\n$/, '');
    expect(sample.startsWith('Alice was beginning ')).toBe(true);
    expect(sample.length).toBe(20 + 80);
  }, 120_000);
});
