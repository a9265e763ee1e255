// The layers of src/ and the rule that imports run one way (npm test runs `depcruise` with this):
//   backend ← core ← ops ← layers, optimizers, losses, metrics, initializers, regularizers, constraints,
//                          io, data, datasets, summary, browser ← models ← base (the `tf` namespace) ← index (+ chain)
// and no cycles anywhere (type-only imports excepted: they vanish when compiled).
const LIB = '^src/(layers|optimizers|losses|metrics|initializers|regularizers|constraints|io|data|datasets|summary|browser|chain|bytes|version)';
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'An import cycle (type-only imports do not count, nor dynamic import(): the module it loads runs after its importer has finished evaluating, e.g. wasm.ts loading the worker pool only where threads can run).',
      from: { path: '^src/' }, to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only', 'dynamic-import'] } } },
    { name: 'backend-is-the-bottom', severity: 'error', comment: 'backend/ (loading the wasm, the heap) imports nothing else of src.',
      from: { path: '^src/backend/' }, to: { path: '^src/', pathNot: '^src/backend/' } },
    { name: 'core-below-ops', severity: 'error', comment: 'core/ (engine, tensor, tape, the op seam) imports only backend/ and core/.',
      from: { path: '^src/core/' }, to: { path: '^src/', pathNot: '^src/(core|backend)/' }, },
    { name: 'ops-below-library', severity: 'error', comment: 'ops/ imports only backend/, core/ and ops/.',
      from: { path: '^src/ops/' }, to: { path: '^src/', pathNot: '^src/(core|backend|ops)/' } },
    { name: 'library-below-models', severity: 'error', comment: 'layers, optimizers, losses, io, data … do not import models/ or the tf namespace.',
      from: { path: LIB }, to: { path: '^src/(models/|index\\.ts|base\\.ts)' } },
    { name: 'nothing-imports-index', severity: 'error', comment: 'src/index.ts (base.ts + chaining) is the public namespace; modules import what they use directly (src/inline.ts, the other entry, re-exports it).',
      from: { path: '^src/', pathNot: '^src/(index|inline)\\.ts$' }, to: { path: '^src/(index|base)\\.ts$' } },
    { name: 'chaining-only-in-the-main-entry', severity: 'error', comment: "Only src/index.ts imports chain.ts: 'ascent/base' (base.ts) has no chaining methods, so the library must not use them (tsconfig.base.json checks that).",
      from: { path: '^src/', pathNot: '^src/index\\.ts$' }, to: { path: '^src/chain\\.ts$' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
