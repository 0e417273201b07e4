import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

// MySQL/MariaDB errors after which the whole transaction may simply be run again.
const RETRYABLE = new Set([1213 /* ER_LOCK_DEADLOCK */, 1205 /* ER_LOCK_WAIT_TIMEOUT */]);

function errno(error: unknown): number | undefined {
  const e = error as { errno?: number; driverError?: { errno?: number } };
  return e?.driverError?.errno ?? e?.errno;
}

/** Whether an error is a deadlock or lock-wait timeout. */
export function isRetryableTransactionError(error: unknown): boolean {
  const code = errno(error);
  return code !== undefined && RETRYABLE.has(code);
}

/**
 * Runs a unit of work in one transaction. Repositories take the `EntityManager` they are handed,
 * so nothing escapes the transaction. Deadlocks and lock-wait timeouts are retried with jittered
 * backoff: the work must therefore be idempotent (all its effects are inside the transaction;
 * enqueue jobs and publish events after it returns).
 */
@Injectable()
export class TransactionRunner {
  private readonly logger = new Logger(TransactionRunner.name);

  constructor(private readonly dataSource: DataSource) {}

  async run<T>(
    work: (em: EntityManager) => Promise<T>,
    options: { retries?: number } = {},
  ): Promise<T> {
    const retries = options.retries ?? 3;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        if (attempt >= retries || !isRetryableTransactionError(error)) {
          throw error;
        }
        const delay = 20 * 2 ** attempt + Math.floor(Math.random() * 20);
        this.logger.warn(
          `transaction retried after error ${errno(error)} (attempt ${attempt + 1})`,
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
