// Runs examples/transformer-classifier.ts as a user would (`node --import tsx … --quick`): the functional
// transformer (multiHeadAttention, add, layerNormalization, a custom position-embedding layer) must learn
// "first token == last token" well above chance, and print its summary and the epoch lines.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function run(file: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', `examples/${file}`, '--quick', ...args], { cwd: root, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => (err ? reject(new Error(`${file} failed: ${err.message}\n${stderr}`)) : resolve(stdout)));
  });
}

describe('layers examples: attention', () => {
  it('transformer-classifier --quick learns "first token == last token" (test accuracy ≥ 90 %, chance 50 %)', async () => {
    const out = await run('transformer-classifier.ts');
    expect(out).toMatch(/multi_head_attention \(Multi/);
    expect(out).toMatch(/layer_normalization \(LayerN/);
    expect(out).toMatch(/position_embedding \(Positio/);
    const epochs = [...out.matchAll(/^epoch (\d+)\/(\d+) loss ([\d.]+) accuracy ([\d.]+)$/gm)];
    expect(epochs.length).toBe(12);
    expect(Number(epochs.at(-1)![3])).toBeLessThan(Number(epochs[0][3]));
    const acc = Number(/test accuracy ([\d.]+) %/.exec(out)![1]);
    expect(acc).toBeGreaterThanOrEqual(90);
  }, 120_000);
});
