// README's list of the ONNX ops ascent/onnx runs is the interpreter's op table (onnxOps()), so the docs cannot
// drift from the code: a new op must be listed, a listed op must exist.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { onnxOps } from '../../src/onnx/index.js';

test("README's ONNX op list is onnxOps()", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const line = /^- Ops \(\d+, default domain\): (.*)$/m.exec(readme);
  expect(line, "README.md: a line '- Ops (N, default domain): A, B, …' in the ONNX section").not.toBeNull();
  const listed = line![1].replace(/\.$/, '').split(', ').map((s) => s.replace(/`/g, ''));
  expect(listed).toEqual(onnxOps());
  expect(line![0]).toContain(`(${onnxOps().length}, default domain)`);
});
