// Runs a script of examples/ as its reader would: `node examples/<name>`, from the repository
// root, with the environment it documents.
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const EXAMPLES_DIR = join(__dirname, '../../examples');

export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the script to its end (or kills it after `timeoutMs`). */
export function runExample(
  script: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ScriptResult> {
  const child = spawn(process.execPath, [join(EXAMPLES_DIR, script), ...args], {
    cwd: join(EXAMPLES_DIR, '..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => {
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A long-running example (a server): its output so far, and a way to stop it. */
export interface RunningExample {
  child: ChildProcess;
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

export function startExample(script: string, env: Record<string, string>): RunningExample {
  const child = spawn(process.execPath, [join(EXAMPLES_DIR, script)], {
    cwd: join(EXAMPLES_DIR, '..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    async waitForOutput(pattern, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(output);
        if (match) {
          return match;
        }
        if (child.exitCode !== null || Date.now() > deadline) {
          throw new Error(`no ${pattern} in the output of ${script}:\n${output}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
