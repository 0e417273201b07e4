import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Loads `.env` from the working directory into `process.env` when the file exists. Variables
 * already set in the process environment win (Node's loader never overwrites them), and the
 * values then go through the same validation as any other. Test runs (NODE_ENV=test) skip it, so
 * a developer's `.env` cannot change what the suite sees.
 */
export function loadEnvFile(
  file = '.env',
  env: NodeJS.ProcessEnv = process.env,
  load: (path: string) => void = (path) => process.loadEnvFile(path),
): boolean {
  const path = resolve(file);
  if (env.NODE_ENV === 'test' || !existsSync(path)) {
    return false;
  }
  load(path);
  return true;
}
