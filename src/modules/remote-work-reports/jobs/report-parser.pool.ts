import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ParsedEmployeeRow, ParseOutcome } from '../parsing/remote-work-report.model';
import type { ChildMessage, ParentMessage, ParseRequest } from './report-parser.protocol';

// Loading exceljs and the checks takes well under a second; a child silent this long is stuck.
const START_TIMEOUT_MS = 60_000;

/** Injection token of the {@link ReportParserPoolOptions}. */
export const REPORT_PARSER_POOL_OPTIONS = Symbol('REPORT_PARSER_POOL_OPTIONS');

export interface ReportParserPoolOptions {
  /** The compiled child entry (plain node runs it: .js). */
  childPath: string;
  /** Children at most, one parse each. */
  size: number;
  maxHeapMb: number;
  timeoutMs: number;
}

/** The parser child died or was killed mid-file: the file may be hostile (or the machine starved). */
export class ParserCrashedError extends Error {
  constructor(reason: string) {
    super(`report parser stopped: ${reason}`);
    this.name = 'ParserCrashedError';
  }
}

/**
 * The compiled child entry. Under jest the sources are .ts, so the copy `nest build` leaves in
 * dist/ is used (STACK-NOTES 16; `test:e2e` builds first).
 */
export function reportParserChildPath(): string {
  const compiled = join(__dirname, 'report-parser.child.js');
  return existsSync(compiled)
    ? compiled
    : resolve(
        __dirname,
        '../../../../dist/src/modules/remote-work-reports/jobs/report-parser.child.js',
      );
}

function alive(child: ChildProcess): boolean {
  return !child.killed && child.exitCode === null && child.signalCode === null && child.connected;
}

/**
 * A pool of long-lived parser child processes, each with its own heap limit. A child is reused
 * across jobs (start-up costs more than parsing a typical 5-row report); one that dies or
 * overruns the time limit is dropped and replaced on the next parse.
 */
@Injectable()
export class ReportParserPool implements OnApplicationShutdown {
  private readonly idle: ChildProcess[] = [];
  private readonly children = new Set<ChildProcess>();
  private waiting: { resolve: (child: ChildProcess) => void; reject: (error: Error) => void }[] =
    [];
  private starting = 0;
  // Children forked but not ready yet: close() must stop them too, or one that becomes ready
  // after shutdown would keep the process (and a test runner) alive.
  private readonly pending = new Set<ChildProcess>();
  private closed = false;

  constructor(
    @Inject(REPORT_PARSER_POOL_OPTIONS) private readonly options: ReportParserPoolOptions,
  ) {}

  /** Parses in a child; each batch of rows goes to `onRows` before the child reads further. */
  async parse(
    request: Omit<ParseRequest, 'type'>,
    onRows: (rows: ParsedEmployeeRow[]) => Promise<void>,
  ): Promise<ParseOutcome> {
    const child = await this.acquire();
    try {
      return await this.run(child, { type: 'parse', ...request }, onRows);
    } finally {
      this.release(child);
    }
  }

  /**
   * Starts one child ahead of the first parse, so the first file does not pay the child's
   * start-up (loading exceljs and the checks). Does nothing when a child runs or starts already.
   * Never rejects: a child that cannot start now is started again by the first parse.
   */
  async warm(): Promise<void> {
    if (this.closed || this.starting + this.children.size > 0) {
      return;
    }
    try {
      this.release(await this.spawn());
    } catch {
      // Whoever waited for this slot would otherwise wait for a release that never comes.
      const next = this.waiting.shift();
      if (next) {
        this.acquire().then(next.resolve, next.reject);
      }
    }
  }

  onApplicationShutdown(): void {
    this.close();
  }

  /** Stops every child. */
  close(): void {
    this.closed = true;
    for (const child of [...this.children, ...this.pending]) {
      child.kill('SIGKILL');
    }
    this.children.clear();
    this.pending.clear();
    this.idle.length = 0;
  }

  /** Children currently running (for tests and metrics). */
  get processCount(): number {
    return this.children.size;
  }

  private run(
    child: ChildProcess,
    request: ParseRequest,
    onRows: (rows: ParsedEmployeeRow[]) => Promise<void>,
  ): Promise<ParseOutcome> {
    return new Promise<ParseOutcome>((resolvePromise, reject) => {
      let settled = false;
      let sinkError: Error | null = null;
      const finish = (settle: () => void) => {
        if (settled) {
          return;
        }
        settled = true;
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        settle();
      };
      const ack = (ok: boolean) => {
        if (!settled && alive(child)) {
          child.send({ type: 'ack', ok } satisfies ParentMessage);
        }
      };
      const onMessage = (message: ChildMessage) => {
        switch (message.type) {
          case 'ready':
            return;
          case 'rows':
            onRows(message.rows).then(
              () => ack(true),
              (error: unknown) => {
                sinkError = error instanceof Error ? error : new Error(String(error));
                ack(false);
              },
            );
            return;
          case 'done':
            finish(() => resolvePromise(message.outcome));
            return;
          case 'failed':
            // A storage failure in the worker travels back as the child's failure: report the cause.
            finish(() =>
              reject(sinkError ?? new Error(`report parser failed: ${message.message}`)),
            );
            return;
        }
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
        finish(() => reject(new ParserCrashedError(`exit code ${code}, signal ${signal}`)));
      const timer = setTimeout(() => {
        finish(() => reject(new ParserCrashedError(`no result in ${this.options.timeoutMs} ms`)));
        child.kill('SIGKILL');
      }, this.options.timeoutMs);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(request, (error) => {
        if (error) {
          finish(() => reject(new ParserCrashedError(error.message)));
        }
      });
    });
  }

  private acquire(): Promise<ChildProcess> {
    if (this.closed) {
      return Promise.reject(new Error('report parser pool is closed'));
    }
    while (this.idle.length > 0) {
      const child = this.idle.pop()!;
      if (alive(child)) {
        return Promise.resolve(child);
      }
    }
    if (this.starting + this.children.size < this.options.size) {
      return this.spawn();
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(child: ChildProcess): void {
    if (!alive(child)) {
      child.kill('SIGKILL');
      this.children.delete(child);
    } else {
      this.idle.push(child);
    }
    // Someone waits only while every slot is taken; a freed slot serves the first in line.
    const next = this.waiting.shift();
    if (next) {
      this.acquire().then(next.resolve, next.reject);
    }
  }

  // Resolves once the child has loaded. One that cannot start (a missing build, no memory) is an
  // infrastructure failure, not a verdict on any file: a plain Error, retried like any other.
  private spawn(): Promise<ChildProcess> {
    this.starting++;
    return new Promise<ChildProcess>((resolveChild, reject) => {
      const child = fork(this.options.childPath, [], {
        // Not the parent's flags (jest, inspectors): only the heap limit.
        execArgv: [`--max-old-space-size=${this.options.maxHeapMb}`],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        serialization: 'advanced',
      });
      // A failed spawn or a broken channel also ends in 'exit'; without a listener it would throw.
      child.on('error', () => child.kill('SIGKILL'));
      this.pending.add(child);
      child.once('exit', () => this.pending.delete(child));
      const started = (message: ChildMessage) => {
        if (message.type === 'ready') {
          child.off('message', started);
          child.off('exit', failed);
          this.starting--;
          this.pending.delete(child);
          if (this.closed) {
            child.kill('SIGKILL');
            reject(new Error('report parser pool is closed'));
            return;
          }
          this.children.add(child);
          child.once('exit', () => this.children.delete(child));
          resolveChild(child);
        }
      };
      const failed = (code: number | null) => {
        child.off('message', started);
        this.starting--;
        reject(new Error(`report parser child did not start (exit code ${code})`));
      };
      child.on('message', started);
      child.once('exit', failed);
      const startTimer = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
      child.once('exit', () => clearTimeout(startTimer));
      child.once('message', () => clearTimeout(startTimer));
    });
  }
}
