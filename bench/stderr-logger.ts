import { ConsoleLogger, LogLevel } from '@nestjs/common';

/**
 * Nest's console logger with every line on stderr: a benchmark's stdout is the markdown it
 * prints for docs/benchmarks.md, so a retried deadlock or a warning must not land inside it.
 */
export class StderrLogger extends ConsoleLogger {
  constructor(levels: LogLevel[]) {
    super({ logLevels: levels });
  }

  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    _writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
    params?: Record<string, unknown>,
  ): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack, params);
  }
}
