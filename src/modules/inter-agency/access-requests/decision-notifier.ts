import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { UserEntity } from '../../identity';
import { MessagingService } from '../../messaging';
import { MemberRole, MembershipEntity, MembershipStatus } from '../../organizations';

export interface NotifyOptions {
  /** The SMS text when it must differ from the e-mail (no free text of anyone in SMS). */
  sms?: string;
  /** Bull job ids `<prefix>:<user id>`, so a repeated send adds nothing while queued. */
  jobIdPrefix?: string;
}

/**
 * Tells an organization's HEAD and ADMINs about a decision: by e-mail when the account has one,
 * otherwise by SMS. Called after the decision is committed; a failure to enqueue is logged and
 * never undoes the decision (the messaging queue retries delivery itself).
 */
@Injectable()
export class DecisionNotifier {
  private readonly logger = new Logger(DecisionNotifier.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly messaging: MessagingService,
  ) {}

  async notifyManagers(
    organizationId: string,
    subject: string,
    text: string,
    options: NotifyOptions = {},
  ): Promise<void> {
    try {
      await this.send(organizationId, subject, text, options);
    } catch (error) {
      this.logger.error({ err: error, organizationId }, 'decision notification not queued');
    }
  }

  /**
   * As {@link notifyManagers}, but a failure to enqueue is thrown (the daily digest runs in a
   * transaction that must not commit a digest nobody was sent).
   */
  async send(
    organizationId: string,
    subject: string,
    text: string,
    options: NotifyOptions = {},
  ): Promise<void> {
    const managers = await this.dataSource.getRepository(MembershipEntity).find({
      select: { userId: true },
      where: {
        organizationId,
        role: In([MemberRole.HEAD, MemberRole.ADMIN]),
        status: MembershipStatus.ACTIVE,
      },
    });
    if (managers.length === 0) {
      return;
    }
    const users = await this.dataSource.getRepository(UserEntity).find({
      select: { id: true, phone: true, email: true },
      where: { id: In(managers.map((m) => m.userId)) },
    });
    const jobId = (userId: string) =>
      options.jobIdPrefix ? `${options.jobIdPrefix}:${userId}` : undefined;
    await Promise.all(
      users.map((user) =>
        user.email
          ? this.messaging.sendEmail(user.email, subject, text, jobId(user.id))
          : this.messaging.sendSms(user.phone, options.sms ?? text, jobId(user.id)),
      ),
    );
  }
}
