import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { appConfig } from '../../../config/configuration';
import { PeriodicTask, PeriodicWork } from '../../../queues/periodic/periodic-task';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { ACCESS_REQUEST_PATH } from '../access-requests/access-notices';
import { DecisionNotifier } from '../access-requests/decision-notifier';
import { moscowDay } from '../access-requests/moscow-day';
import type { InterAgencyNoticeEntity } from '../entities/inter-agency-notice.entity';
import { NoticeRepository } from '../repositories/notice.repository';

// Digests per run (each its own transaction); the rest waits for the next run.
const DIGESTS_PER_RUN = 200;
// Notices written out in one e-mail; the rest are counted (the portal lists them all).
const ITEMS_PER_DIGEST = 50;

/**
 * The daily digest of access notices that were not sent at once (every TEST one, PROD ones over
 * the pair's rate limit): one e-mail (SMS without e-mail) per recipient organization and Moscow
 * day, once the day is over. Idempotent per organization and day: the `inter_agency_digests`
 * primary key is claimed in the transaction that marks the notices, and the messages are queued
 * inside it with job ids naming organization, day and person, so neither a second run nor a
 * second instance sends a day twice.
 */
@Injectable()
@PeriodicTask({ name: 'inter-agency-daily-digest', everyMs: 15 * 60_000 })
export class InterAgencyDigestTask implements PeriodicWork {
  private readonly logger = new Logger(InterAgencyDigestTask.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly notices: NoticeRepository,
    private readonly notifier: DecisionNotifier,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  /** Sends the digests of days before `now`'s Moscow day; answers how many went out. */
  async run(now: Date): Promise<number> {
    const today = moscowDay(now);
    const due = await this.notices.findDueDigests(this.dataSource.manager, today, DIGESTS_PER_RUN);
    let sent = 0;
    for (const { organizationId, day } of due) {
      try {
        if (await this.sendDigest(organizationId, day, today, now)) {
          sent += 1;
        }
      } catch (error) {
        this.logger.error({ err: error, organizationId, day }, 'inter-agency digest not sent');
      }
    }
    return sent;
  }

  private sendDigest(organizationId: string, day: string, today: string, now: Date) {
    return this.tx.run(async (em) => {
      const items = await this.notices.findWaitingForUpdate(em, organizationId, day);
      if (items.length === 0) {
        return false;
      }
      const ids = items.map((n) => n.id);
      const claimed = await this.notices.claimDigest(em, {
        organizationId,
        day,
        notices: items.length,
        sentAt: now,
      });
      if (!claimed) {
        // Written after the day's digest went out (a commit racing midnight): tomorrow's carries them.
        await this.notices.moveToDay(em, ids, today);
        return false;
      }
      await this.notices.markDigested(em, ids, now);
      // Queued before the commit: a failure rolls the claim back and the next run tries again;
      // the job ids keep a retried day from being queued twice.
      await this.notifier.send(
        organizationId,
        `Сводка по заявкам на доступ за ${day}`,
        this.text(day, items),
        {
          sms: `Кабинет: сводка по заявкам на доступ к видам сведений за ${day}, уведомлений: ${items.length}. Подробности: ${this.app.publicUrl}${ACCESS_REQUEST_PATH}`,
          jobIdPrefix: `inter-agency-digest:${organizationId}:${day}`,
        },
      );
      return true;
    });
  }

  private text(day: string, items: InterAgencyNoticeEntity[]): string {
    const lines = items.slice(0, ITEMS_PER_DIGEST).map((n) => `— ${n.subject}. ${n.text}`);
    const more =
      items.length > ITEMS_PER_DIGEST
        ? [`…и ещё ${items.length - ITEMS_PER_DIGEST}: все заявки в личном кабинете.`]
        : [];
    return [
      `Уведомления по заявкам на доступ к видам сведений за ${day} (${items.length}):`,
      '',
      ...lines,
      ...more,
      '',
      `Заявки: ${this.app.publicUrl}${ACCESS_REQUEST_PATH}`,
    ].join('\n');
  }
}
