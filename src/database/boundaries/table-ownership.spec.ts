import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findTableCrossings, readTableOwners, stringLiterals } from './table-ownership';

const ROOT = join(__dirname, '..', '..', '..');

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'kabinet-boundaries-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('table ownership', () => {
  it('should give every table created by a migration exactly one owning module', () => {
    const owners = readTableOwners(ROOT);
    const { readdirSync, readFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
    const dir = join(ROOT, 'src', 'database', 'migrations');
    const created = readdirSync(dir).flatMap((f) =>
      [
        ...readFileSync(join(dir, f), 'utf8').matchAll(
          /CREATE TABLE (?:IF NOT EXISTS )?\\?`?([a-z0-9_]+)/gi,
        ),
      ].map((m) => m[1]),
    );
    expect(created.length).toBeGreaterThan(30);
    expect(created.filter((table) => !owners.has(table))).toEqual([]);
  });

  it('should find no module naming another module’s table', () => {
    const found = findTableCrossings(ROOT, readTableOwners(ROOT)).map(
      (c) => `${c.file} ${c.table}`,
    );
    expect(found).toEqual([]);
  });

  it('should report a planted crossing: SQL, an entity and a table name put together', () => {
    const root = tree({
      'src/modules/a/tables.ts': "export const A_TABLES = ['a_rows', 'people'] as const;\n",
      'src/modules/b/tables.ts': "export const B_TABLES = ['b_rows'] as const;\n",
      'src/modules/a/a.repository.ts': "const q = 'SELECT id FROM a_rows JOIN people p';\n",
      'src/modules/b/b.repository.ts': [
        '// FROM people in a comment is no crossing',
        'const q = `SELECT b.id FROM b_rows b JOIN people p ON p.id = b.person_id`;',
        "const t = { table: 'a_rows' };",
        "const field = ['people'];",
      ].join('\n'),
      'src/modules/b/entities/x.entity.ts': "@Entity('a_rows') export class X {}\n",
      'src/modules/b/prose.ts': "const hint = 'no people to select; see the people list';\n",
      'src/modules/b/lower.ts': "const q = 'select p.id from people p';\n",
      'src/cli/cmd.ts': "const q = 'UPDATE b_rows SET x = 1';\n",
    });
    try {
      const found = findTableCrossings(root, readTableOwners(root));
      expect(found).toEqual([
        { file: 'src/cli/cmd.ts', table: 'b_rows', owner: 'b' },
        { file: 'src/modules/b/b.repository.ts', table: 'a_rows', owner: 'a' },
        { file: 'src/modules/b/b.repository.ts', table: 'people', owner: 'a' },
        { file: 'src/modules/b/entities/x.entity.ts', table: 'a_rows', owner: 'a' },
        { file: 'src/modules/b/lower.ts', table: 'people', owner: 'a' },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('should refuse a table declared by two modules', () => {
    const root = tree({
      'src/modules/a/tables.ts': "export const A_TABLES = ['shared_rows'] as const;\n",
      'src/modules/b/tables.ts': "export const B_TABLES = ['shared_rows'] as const;\n",
    });
    try {
      expect(() => readTableOwners(root)).toThrow('two owners');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('should read string and template literals, not comments', () => {
    expect(stringLiterals("// 'no'\nconst a = 'x'; /* `no` */ const b = `y ${1}`;")).toEqual([
      'x',
      'y ${1}',
    ]);
  });
});
