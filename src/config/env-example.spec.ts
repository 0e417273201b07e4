import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { EnvVars, validateEnv } from './env.schema';

const EXAMPLE = join(__dirname, '../../.env.example');

// `NAME=value` lines, set (`NAME=value`) or shown commented out (`# NAME=value`).
function exampleEntries(): { name: string; value: string; commented: boolean }[] {
  return readFileSync(EXAMPLE, 'utf8')
    .split('\n')
    .map((line) => /^(#\s?)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[2], value: m[3], commented: m[1] !== undefined }));
}

function schemaNames(): string[] {
  return [
    ...new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(EnvVars, '', true, false)
        .map((m) => m.propertyName),
    ),
  ].sort();
}

describe('.env.example', () => {
  it('should name every variable of the env schema and no other', () => {
    const names = [...new Set(exampleEntries().map((e) => e.name))].sort();
    expect(names).toEqual(schemaNames());
  });

  it('should set each variable it sets to the schema default', () => {
    // An unset NODE_ENV counts as production, where the secrets have no defaults: compare on a
    // development machine, as the file describes one.
    const base = { NODE_ENV: 'development' };
    const defaults = validateEnv(base) as unknown as Record<string, unknown>;
    for (const entry of exampleEntries().filter((e) => !e.commented)) {
      const parsed = validateEnv({ ...base, [entry.name]: entry.value }) as unknown as Record<
        string,
        unknown
      >;
      expect({ name: entry.name, value: parsed[entry.name] }).toEqual({
        name: entry.name,
        value: defaults[entry.name],
      });
    }
  });

  it('should list a variable once as set', () => {
    const set = exampleEntries()
      .filter((e) => !e.commented)
      .map((e) => e.name);
    expect(set).toEqual([...new Set(set)]);
  });
});
