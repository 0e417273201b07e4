import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from '../../../config/configuration';
import type { Job, Queue } from 'bull';
import { QueueName } from '../../../queues/queue-names';
import { CodeDeliveryService } from '../codes/code-delivery.service';
import { isIssueCodeJob, ISSUE_CODE_JOB, PURGE_EXPIRED_JOB } from '../codes/issue-code.job';
import { AuthMaintenanceService } from './auth-maintenance.service';

const HOUR_MS = 3600 * 1000;

/** The `auth` queue: sending login/reset codes, and the hourly purge (worker processes only). */
@Processor(QueueName.Auth)
export class AuthProcessor implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.Auth) private readonly queue: Queue,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    private readonly delivery: CodeDeliveryService,
    private readonly maintenance: AuthMaintenanceService,
  ) {}

  // A repeatable job is stored once in Redis whatever the number of workers (same repeat key).
  // Test runs (a database each) do not schedule it: it would outlive their database.
  async onApplicationBootstrap(): Promise<void> {
    if (this.app.env === 'test') {
      return;
    }
    await this.queue.add(
      PURGE_EXPIRED_JOB,
      {},
      { repeat: { every: HOUR_MS }, removeOnComplete: true, removeOnFail: true },
    );
  }

  @Process({ name: ISSUE_CODE_JOB, concurrency: 4 })
  async issueCode(job: Job<unknown>): Promise<void> {
    if (!isIssueCodeJob(job.data)) {
      await job.discard();
      throw new Error('malformed issue-code payload');
    }
    await this.delivery.deliver(job.data);
  }

  @Process(PURGE_EXPIRED_JOB)
  purgeExpired(): Promise<void> {
    return this.maintenance.purgeExpired();
  }
}
