import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { registryConfig } from '../../../config/configuration';
import { PeriodicTask, PeriodicWork } from '../../../queues/periodic/periodic-task';
import { IdentityDocumentRepository } from '../../identity';
import { DocumentCheckQueue } from './document-check.queue';
import { DocumentCheckService } from './document-check.service';

const MAX_INTERVAL_MS = 30_000;
const MIN_INTERVAL_MS = 500;
const REQUEUE_BATCH = 200;

/** Every ~30 s (sooner when the expiry itself is shorter), so expiry is enforced within a minute. */
export function sweepIntervalMs(checkExpiryMs: number): number {
  return Math.max(MIN_INTERVAL_MS, Math.min(MAX_INTERVAL_MS, Math.floor(checkExpiryMs / 2)));
}

/**
 * Worker-side housekeeping of document checks: expires PENDING checks past
 * DOCUMENT_CHECK_EXPIRY_HOURS, and queues again pending checks that have no live job (Redis
 * flushed, an enqueue lost after commit, retries spent while the registry was down).
 */
@Injectable()
@PeriodicTask({ name: 'document-check-sweep', everyMs: MAX_INTERVAL_MS })
export class DocumentCheckSweeper implements PeriodicWork {
  private readonly logger = new Logger(DocumentCheckSweeper.name);
  private running: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly checks: DocumentCheckService,
    private readonly documents: IdentityDocumentRepository,
    private readonly queue: DocumentCheckQueue,
    @Inject(registryConfig.KEY) private readonly config: ConfigType<typeof registryConfig>,
  ) {}

  periodMs(): number {
    return sweepIntervalMs(this.config.checkExpiryMs);
  }

  run(): Promise<void> {
    return this.sweep();
  }

  /** One pass at a time per process. */
  sweep(): Promise<void> {
    this.running ??= this.pass()
      .catch((error: unknown) => this.logger.error({ err: error }, 'document sweep failed'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async pass(): Promise<void> {
    await this.checks.expireOverdue();
    const pending = await this.documents.findPending(this.dataSource.manager, REQUEUE_BATCH);
    for (const document of pending) {
      if (await this.queue.ensureQueued(document.id)) {
        this.logger.warn({ documentId: document.id }, 'document check queued again');
      }
    }
  }
}
