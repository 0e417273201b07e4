import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp } from '../../support/test-app';

describe('schema.gql', () => {
  it('should be what the code generates (run `npm run schema:generate` and commit it)', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'kabinet-schema-')), 'schema.gql');
    process.env.GRAPHQL_SCHEMA_FILE = file;
    const t = await createTestApp();
    try {
      const generated = await readFile(file, 'utf8');
      const committed = await readFile(join(__dirname, '../../../schema.gql'), 'utf8');
      expect(generated).toBe(committed);
    } finally {
      delete process.env.GRAPHQL_SCHEMA_FILE;
      await t.close();
    }
  });
});
