import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');

// The rules of .dependency-cruiser.cjs (the ones `npm run lint` applies), without its tsconfig.
const FIXTURE_CONFIG = `const base = require(${JSON.stringify(join(ROOT, '.dependency-cruiser.cjs'))});
module.exports = { forbidden: base.forbidden, options: { doNotFollow: { path: 'node_modules' } } };
`;

function cruise(cwd: string, config: string): { status: number | null; output: string } {
  const run = spawnSync(DEPCRUISE, ['src', '--config', config, '--output-type', 'err'], {
    cwd,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('module boundaries (dependency-cruiser)', () => {
  it('should report a module importing another module’s internals, and shared importing a module', () => {
    const root = mkdtempSync(join(tmpdir(), 'kabinet-cruise-'));
    const files: Record<string, string> = {
      'src/modules/a/index.ts': "export { A } from './a.service';\n",
      'src/modules/a/a.service.ts': 'export class A {}\n',
      'src/modules/a/a.repository.ts': 'export class ARepository {}\n',
      'src/modules/b/b.service.ts': [
        "import { A } from '../a';",
        "import { ARepository } from '../a/a.repository';",
        'export const b = [A, ARepository];',
      ].join('\n'),
      'src/shared/util.ts': "import { A } from '../modules/a';\nexport const u = A;\n",
      'src/core/shell.ts': 'export const shell = 1;\n',
      'src/shared/pure.ts': "import { shell } from '../core/shell';\nexport const p = shell;\n",
      '.dependency-cruiser.cjs': FIXTURE_CONFIG,
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    try {
      const { status, output } = cruise(root, '.dependency-cruiser.cjs');
      expect(status).not.toBe(0);
      expect(output).toContain(
        'module-internals: src/modules/b/b.service.ts → src/modules/a/a.repository.ts',
      );
      expect(output).toContain(
        'shared-imports-no-module: src/shared/util.ts → src/modules/a/index.ts',
      );
      expect(output).toContain('shared-imports-no-core: src/shared/pure.ts → src/core/shell.ts');
      // Through the index is allowed.
      expect(output).not.toContain('src/modules/b/b.service.ts → src/modules/a/index.ts');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);

  it('should find the real tree clean', () => {
    const { status, output } = cruise(ROOT, '.dependency-cruiser.cjs');
    expect(output).not.toMatch(/error /);
    expect(status).toBe(0);
  }, 180_000);
});
