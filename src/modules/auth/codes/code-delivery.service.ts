import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { JobOptions, Queue } from 'bull';
import { DataSource } from 'typeorm';
import { authConfig } from '../../../config/configuration';
import { QueueName } from '../../../queues/queue-names';
import { MessagingService } from '../../messaging';
import { OneTimeCodePurpose } from '../entities/one-time-code.entity';
import { RecoveryChannel } from '../graphql/recovery-channel.enum';
import { loginCodeSms, RESET_CODE_EMAIL_SUBJECT, resetCodeEmail, resetCodeSms } from '../messages';
import { UserRepository } from '../../identity';
import { ISSUE_CODE_JOB, IssueCodeJob } from './issue-code.job';
import { OneTimeCodeService } from './one-time-code.service';

const ISSUE_JOB_OPTIONS: JobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: true,
};

/**
 * Login and reset codes go out through the `auth` queue: the request only enqueues, the worker
 * looks the account up, stores the code and hands the message to messaging.
 */
@Injectable()
export class CodeDeliveryService {
  constructor(
    @InjectQueue(QueueName.Auth) private readonly queue: Queue,
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly codes: OneTimeCodeService,
    private readonly messaging: MessagingService,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  /** Request path: the same work whether or not the login exists. */
  async request(job: IssueCodeJob): Promise<void> {
    await this.queue.add(ISSUE_CODE_JOB, job, ISSUE_JOB_OPTIONS);
  }

  /** Worker: sends a code when the login names an account (and it has the chosen channel). */
  async deliver(job: IssueCodeJob): Promise<void> {
    const user = await this.users.findByLogin(this.dataSource.manager, job.login);
    if (!user) {
      return;
    }
    if (job.channel === RecoveryChannel.EMAIL) {
      // An account without e-mail gets nothing: the person picks SMS instead.
      if (user.email && user.emailConfirmedAt) {
        const code = await this.codes.issue(user.id, job.purpose, user.email);
        await this.messaging.sendEmail(
          user.email,
          RESET_CODE_EMAIL_SUBJECT,
          resetCodeEmail(code, this.config.otpTtlSeconds),
        );
      }
      return;
    }
    const code = await this.codes.issue(user.id, job.purpose, user.phone);
    const text = job.purpose === OneTimeCodePurpose.Login ? loginCodeSms(code) : resetCodeSms(code);
    await this.messaging.sendSms(user.phone, text);
  }
}
