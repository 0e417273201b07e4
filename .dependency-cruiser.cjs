/**
 * Module boundaries, checked by `npm run lint` (README "Adding a module"):
 * - a module imports another module only through its `index.ts`;
 * - `shared/` (pure code any module may use) imports nothing from `core/` (the application
 *   shell) nor from a module; `core/` and the other layers use a module's index.ts only;
 * - the composition root (app.module.ts, database/entities.ts) is the exception: it assembles
 *   modules. The benchmarks live in bench/, outside src/, and drive module internals on purpose.
 */
module.exports = {
  forbidden: [
    {
      name: 'module-internals',
      comment: 'Import another module through its index.ts only.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/[^/]+/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'layers-import-no-module-internals',
      comment: 'Code outside the modules (cli, scripts, config, queues) uses their index.ts.',
      severity: 'error',
      from: { path: '^src/(cli|scripts|config|queues|types|core)/|^src/[^/]+\\.ts$' },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'shared-imports-no-module',
      comment: 'shared/ is below every module.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'shared-imports-no-core',
      comment: 'shared/ is pure code below the application shell (core/).',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/core/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
