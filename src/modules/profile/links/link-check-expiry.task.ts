import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicTask, PeriodicWork } from '../../../queues/periodic/periodic-task';
import type { LinkKind } from '../registry/person-registry.port';
import { LinkCheckDeadlineRepository } from '../repositories/link-check-deadline.repository';
import { LinkCheckService } from './link-check.service';

// Deadlines handled per run; what is left waits for the next run.
const BATCH = 500;

/**
 * Link checks the registry never answered (down for longer than the retries, a lost job) do not
 * keep a link PENDING for ever: past its deadline (DOCUMENT_CHECK_EXPIRY_HOURS after it went
 * PENDING) the link becomes EXPIRED, says so, and is checked again when given again.
 */
@Injectable()
@PeriodicTask({ name: 'link-check-expiry', everyMs: 60_000 })
export class LinkCheckExpiryTask implements PeriodicWork {
  private readonly logger = new Logger(LinkCheckExpiryTask.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly deadlines: LinkCheckDeadlineRepository,
    private readonly checks: LinkCheckService,
  ) {}

  /** Expires the links whose deadline passed at `now`; returns how many expired. */
  async run(now: Date): Promise<number> {
    const due = await this.deadlines.findDue(this.dataSource.manager, now, BATCH);
    let expired = 0;
    for (const deadline of due) {
      if (await this.checks.expire(deadline.kind as LinkKind, deadline.linkId)) {
        expired += 1;
      }
    }
    if (expired > 0) {
      this.logger.log({ expired }, 'unanswered link checks expired');
    }
    return expired;
  }
}
