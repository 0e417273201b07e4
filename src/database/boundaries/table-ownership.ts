import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** A table named in SQL by a file outside the module that owns it. */
export interface TableCrossing {
  file: string;
  table: string;
  owner: string;
}

// SQL keywords as the code writes them (upper case), or lower-case SQL phrases; a lone lower-case
// word ("nothing to select") is prose, not SQL.
const SQL_KEYWORD = /\b(SELECT|INSERT|UPDATE|DELETE|FROM|JOIN|INTO|TABLE|REPLACE)\b/;
const SQL_PHRASE =
  /\b(select\b[\s\S]*\bfrom|(insert|replace)\s+into|delete\s+from|update\s+\S+\s+set|join\s+\S+(\s+\S+)?\s+on|truncate\s+table)\b/i;

/** Whether a string literal reads as SQL. */
function isSql(text: string): boolean {
  return SQL_KEYWORD.test(text) || SQL_PHRASE.test(text);
}

/** Every table and its one owner, read from `src/modules/<name>/tables.ts`; throws on two owners. */
export function readTableOwners(root: string): Map<string, string> {
  const owners = new Map<string, string>();
  const modulesDir = join(root, 'src', 'modules');
  for (const name of readdirSync(modulesDir)) {
    let text: string;
    try {
      text = readFileSync(join(modulesDir, name, 'tables.ts'), 'utf8');
    } catch {
      continue;
    }
    const list = /=\s*\[([^\]]*)\]/.exec(text)?.[1] ?? '';
    for (const [, table] of list.matchAll(/'([a-z0-9_]+)'/g)) {
      const other = owners.get(table);
      if (other && other !== name) {
        throw new Error(`table ${table} has two owners: ${other} and ${name}`);
      }
      owners.set(table, name);
    }
  }
  return owners;
}

/** The string and template literals of a TypeScript source (comments skipped). */
export function stringLiterals(source: string): string[] {
  const out: string[] = [];
  const re =
    /\/\/[^\n]*|\/\*[\s\S]*?\*\/|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g;
  for (const [token] of source.matchAll(re)) {
    if (!token.startsWith('/')) {
      out.push(token.slice(1, -1));
    }
  }
  return out;
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...tsFiles(path));
    } else if (entry.name.endsWith('.ts')) {
      out.push(path);
    }
  }
  return out;
}

/**
 * Files under `src/modules` and `src/cli` that name another module's table in an SQL string
 * (a literal with an SQL keyword and the table as a whole word) or map it as an entity
 * (`@Entity('table')`). Migrations, the composition root and benchmarks are not scanned.
 */
export function findTableCrossings(root: string, owners: Map<string, string>): TableCrossing[] {
  const crossings: TableCrossing[] = [];
  const dirs = ['src/modules', 'src/cli'].map((d) => join(root, d));
  for (const file of dirs.flatMap((d) => tsFiles(d))) {
    const rel = relative(root, file).split(sep).join('/');
    const module = /^src\/modules\/([^/]+)\//.exec(rel)?.[1] ?? null;
    const source = readFileSync(file, 'utf8');
    const literals = stringLiterals(source);
    const entityNames = [...source.matchAll(/@Entity\(\s*'([a-z0-9_]+)'/g)].map((m) => m[1]);
    const seen = new Set<string>();
    for (const [table, owner] of owners) {
      if (owner === module || seen.has(table)) {
        continue;
      }
      const word = new RegExp(`(^|[^a-z0-9_])\`?${table}\`?([^a-z0-9_]|$)`);
      // A literal that is exactly a table name with an underscore is a table too (SQL put together
      // from parts); plain words (users, children) are also field names, so those need SQL around.
      const named =
        entityNames.includes(table) ||
        literals.some(
          (text) => (isSql(text) && word.test(text)) || (table.includes('_') && text === table),
        );
      if (named) {
        seen.add(table);
        crossings.push({ file: rel, table, owner });
      }
    }
  }
  return crossings.sort((a, b) => `${a.file} ${a.table}`.localeCompare(`${b.file} ${b.table}`));
}
