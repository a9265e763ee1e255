// The public API report (api/ascent.api.md, made by API Extractor from the declarations with internals
// stripped). `node scripts/api-report.mjs` checks that it is current and that no public signature uses
// `any`; `--update` rewrites it (then review the diff and commit it with the change).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const update = process.argv.includes('--update');
const root = new URL('..', import.meta.url);
rmSync(new URL('dist/.api-dts', root), { recursive: true, force: true });
const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--emitDeclarationOnly',
  '--outDir', 'dist/.api-dts'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const config = ExtractorConfig.loadFileAndPrepare(new URL('api/api-extractor.json', root).pathname);
const result = Extractor.invoke(config, { localBuild: update, showVerboseMessages: false, messageCallback: (m) => { m.handled = true; } });
const report = readFileSync(new URL('api/ascent.api.md', root), 'utf8');
// (tf.any, the op, is named any: its declaration is not a use of the type)
const anys = report.split('\n').filter((l) => /\bany\b/.test(l.replace(/^export const any:/, '')) && !l.startsWith('//'));
if (anys.length > 0) {
  console.error(`api: ${anys.length} public signature(s) use 'any':\n  ${anys.join('\n  ')}`);
  process.exit(1);
}
if (!result.succeeded || (!update && result.apiReportChanged)) {
  console.error(update ? 'api: API Extractor failed' :
    'api: the public API changed; run `npm run api` to update api/ascent.api.md and commit it with the change (review the diff)');
  process.exit(1);
}
console.log(update ? 'api: api/ascent.api.md updated' : 'api: the API report is current');
