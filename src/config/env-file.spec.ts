import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvFile } from './env-file';

describe(loadEnvFile.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'kabinet-env-'));
  const file = join(dir, '.env');
  writeFileSync(file, 'PORT=4100\nLOG_LEVEL=debug\n');

  it('should load the file without overriding variables the process already has', () => {
    const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn' };
    const loaded = loadEnvFile(file, env, (path) => {
      // Node's loader: a variable already set keeps its value.
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        const [key, value] = line.split('=');
        if (key && env[key] === undefined) {
          env[key] = value;
        }
      }
    });
    expect(loaded).toBe(true);
    expect(env).toEqual({ LOG_LEVEL: 'warn', PORT: '4100' });
  });

  it('should not load a file that does not exist', () => {
    const load = jest.fn();
    expect(loadEnvFile(join(dir, 'missing.env'), {}, load)).toBe(false);
    expect(load).not.toHaveBeenCalled();
  });

  it('should not load the file in test runs', () => {
    const load = jest.fn();
    expect(loadEnvFile(file, { NODE_ENV: 'test' }, load)).toBe(false);
    expect(load).not.toHaveBeenCalled();
  });
});
