// Runs the convolution-layer examples as a user would, `node --import tsx examples/<file> --quick`, and
// checks that what they print shows the training worked: the conv1d sequence classifier's test accuracy
// rises from chance (4 classes) to ≥ 85 %, and the U-Net's test IoU from ≈ 0 to ≥ 0.7 with a falling loss.
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
/** The number after `label` in the line that starts with `prefix`. */
function value(out: string, prefix: string, label: string): number {
  const line = out.split('\n').find((l) => l.startsWith(prefix));
  expect(line, `a line starting '${prefix}'`).toBeDefined();
  const m = new RegExp(`${label} (\\d+\\.\\d{4})`).exec(line!);
  expect(m, `'${label} <number>' in '${line}'`).not.toBeNull();
  return Number(m![1]);
}

describe.concurrent('convolution layer examples', () => {
  it('conv1d-sequence: the 1-D conv classifier learns which pattern a noisy signal hides', async () => {
    const out = await run('conv1d-sequence.ts');
    expect(out).toContain('conv1d (Conv1D)');
    expect(out).toContain('global_max_pooling1d');
    const before = Number(/test accuracy before training: (\d\.\d{4})/.exec(out)![1]);
    const after = Number(/test accuracy after training: (\d\.\d{4})/.exec(out)![1]);
    expect(before).toBeLessThan(0.5); // chance is 0.25
    expect(after).toBeGreaterThan(0.85); // ≈ 0.95 after the quick run
    const losses = Array.from(out.matchAll(/^epoch \d+: loss (\d+\.\d{4})/gm), (m) => Number(m[1]));
    expect(losses.length).toBe(8);
    expect(losses.at(-1)!).toBeLessThan(losses[0]);
  }, 120_000);

  it('unet-segmenter: the U-Net segments the shapes (IoU rises from ≈ 0)', async () => {
    const out = await run('unet-segmenter.ts');
    expect(out).toContain('conv2d_transpose');
    expect(out).toContain('concatenate');
    const iou0 = value(out, 'before training:', 'IoU'), iou = value(out, 'after training:', 'IoU');
    const acc = value(out, 'after training:', 'pixel accuracy');
    expect(iou0).toBeLessThan(0.3);
    expect(iou).toBeGreaterThan(0.7); // ≈ 0.87 after the quick run
    expect(acc).toBeGreaterThan(0.95);
    const losses = Array.from(out.matchAll(/^epoch \d+: loss (\d+\.\d{4})/gm), (m) => Number(m[1]));
    expect(losses.length).toBe(3);
    expect(losses[2]).toBeLessThan(losses[0]);
  }, 120_000);
});
