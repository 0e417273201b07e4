import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig, interAgencyConfig } from '../../../config/configuration';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import type { AccessRequestEntity } from '../entities/access-request.entity';
import { NoticeDelivery } from '../entities/inter-agency-notice.entity';
import { Environment } from '../inter-agency.enums';
import { NoticeRepository } from '../repositories/notice.repository';
import { DecisionNotifier } from './decision-notifier';
import { moscowDay } from './moscow-day';

/** Where a person reads an access request in the portal (SMS carry this link, not the text). */
export const ACCESS_REQUEST_PATH = '/inter-agency/access-requests';

/**
 * Decision and withdrawal notices of access requests. TEST ones wait for the recipient
 * organization's daily digest; PROD ones go out at once, at most `INTER_AGENCY_NOTICE_LIMIT` per
 * requester/owner organization pair within the window, and the rest wait for the digest too, so
 * a request/withdraw loop cannot flood the other organization's managers. An SMS never carries
 * anybody's free text: only a fixed sentence and a link to the request in the portal.
 */
@Injectable()
export class AccessNotices {
  private readonly logger = new Logger(AccessNotices.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly notices: NoticeRepository,
    private readonly notifier: DecisionNotifier,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(interAgencyConfig.KEY) private readonly config: ConfigType<typeof interAgencyConfig>,
  ) {}

  /** Tells the recipient organization's HEAD and ADMINs about a change of the request. */
  async send(
    request: AccessRequestEntity,
    recipientOrganizationId: string,
    subject: string,
    text: string,
  ): Promise<void> {
    const now = new Date();
    let delivery: NoticeDelivery;
    try {
      delivery = await this.tx.run(async (em) => {
        let chosen = NoticeDelivery.DIGEST;
        if (request.environment === Environment.PROD) {
          const sent = await this.notices.countImmediate(
            em,
            request.organizationId,
            request.ownerOrganizationId,
            new Date(now.getTime() - this.config.noticeWindowMs),
          );
          if (sent < this.config.noticeLimit) {
            chosen = NoticeDelivery.IMMEDIATE;
          }
        }
        await this.notices.insert(em, {
          recipientOrganizationId,
          requesterOrganizationId: request.organizationId,
          ownerOrganizationId: request.ownerOrganizationId,
          accessRequestId: request.id,
          environment: request.environment,
          subject,
          text,
          delivery: chosen,
          digestDay: chosen === NoticeDelivery.DIGEST ? moscowDay(now) : null,
          digestedAt: null,
          createdAt: now,
        });
        return chosen;
      });
    } catch (error) {
      // The change itself is committed; a lost notice is logged, never undoes it.
      this.logger.error({ err: error, id: request.id }, 'access notice not recorded');
      return;
    }
    if (delivery === NoticeDelivery.IMMEDIATE) {
      await this.notifier.notifyManagers(recipientOrganizationId, subject, text, {
        sms: `Кабинет: изменения по заявке на доступ к виду сведений. Подробности: ${this.app.publicUrl}${ACCESS_REQUEST_PATH}/${request.id}`,
      });
    }
  }
}
