// npm test: the whole suite in Node and in headless Chromium. Without a Chromium the browser project
// cannot run: say so loudly (CI installs it, see .ci/run) and run Node alone.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const bar = '!'.repeat(78);
  console.warn(`${bar}\n!! No Chromium at ${chromium}: the BROWSER test project is SKIPPED.\n` +
    `!! Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.\n${bar}`);
}
if (!existsSync(new URL('../build/ascent.wasm', import.meta.url))) {
  console.log('build/ascent.wasm is missing: building it');
  const b = spawnSync('npm', ['run', 'asbuild'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
// The library, the examples, the scripts and the demo must typecheck (vitest strips types unchecked), and the
// library must not use the chaining methods 'ascent/base' lacks (tsconfig.base.json: base.ts without chain.ts).
for (const project of ['tsconfig.json', 'tsconfig.base.json', 'demo']) {
  const tc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], { stdio: 'inherit' });
  if (tc.status !== 0) { console.error(`typecheck failed: tsc -p ${project}`); process.exit(tc.status ?? 1); }
}
// Imports run one way with no cycles (.dependency-cruiser.cjs), and the public API is the reviewed one
// (api/ascent.api.md; `npm run api` updates it).
const deps = spawnSync(process.execPath, ['node_modules/dependency-cruiser/bin/dependency-cruise.mjs', 'src', '--config', '.dependency-cruiser.cjs'], { stdio: 'inherit' });
if (deps.status !== 0) { console.error('dependency check failed (see .dependency-cruiser.cjs)'); process.exit(deps.status ?? 1); }
const api = spawnSync(process.execPath, ['scripts/api-report.mjs'], { stdio: 'inherit' });
if (api.status !== 0) process.exit(api.status ?? 1);
const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
