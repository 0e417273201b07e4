import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { UserEntity } from '../../identity';
import { MessagingService } from '../../messaging';
import { MemberRole, MembershipEntity, MembershipStatus } from '../../organizations';

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

  async notifyManagers(organizationId: string, subject: string, text: string): Promise<void> {
    try {
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
      await Promise.all(
        users.map((user) =>
          user.email
            ? this.messaging.sendEmail(user.email, subject, text)
            : this.messaging.sendSms(user.phone, text),
        ),
      );
    } catch (error) {
      this.logger.error({ err: error, organizationId }, 'decision notification not queued');
    }
  }
}
