import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { notificationsConfig } from '../../../config/configuration';
import { ServiceEventRepository } from '../../service-events';
import type { NotificationCategory, SubjectKind } from '../../service-events';
import { eventNotificationBody } from '../delivery/notification-texts';
import { NotificationDeliveryService, Recipient } from '../delivery/notification-delivery.service';
import { NotificationRepository } from '../notification.repository';

/** How one fan-out went. */
export interface FanOutResult {
  matched: number;
  created: number;
}

/**
 * Matches a stored event revision to accounts by its subject and gives each account subscribed
 * to the event's category one notification. Set-based: pages of `NOTIFICATIONS_FANOUT_CHUNK`
 * matches in account-id order, one INSERT … SELECT per page, then live delivery and copies of
 * the notifications that page created. Idempotent: the (event, user) key keeps one notification
 * each, and only rows created by this run are delivered.
 */
@Injectable()
export class NotificationFanOutService {
  private readonly logger = new Logger(NotificationFanOutService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: ServiceEventRepository,
    private readonly notifications: NotificationRepository,
    private readonly delivery: NotificationDeliveryService,
    @Inject(notificationsConfig.KEY)
    private readonly config: ConfigType<typeof notificationsConfig>,
  ) {}

  async fanOut(eventId: string, revision: number): Promise<FanOutResult> {
    const em = this.dataSource.manager;
    const event = await this.events.findById(em, eventId);
    // Gone, superseded by a newer revision (its own job follows), or already done.
    if (!event || event.revision !== revision || (event.fannedOutRevision ?? 0) >= revision) {
      return { matched: 0, created: 0 };
    }
    const body = eventNotificationBody(event);
    const shared = {
      eventId,
      category: event.category,
      title: event.title,
      body,
      // Millisecond precision like the column: rows of this run are found by it.
      createdAt: new Date(),
    };
    const subject = { kind: event.subjectKind as SubjectKind, value: event.subjectValue };
    const chunk = this.config.fanOutChunk;
    let after = '';
    let matched = 0;
    let created = 0;
    for (;;) {
      const page = await this.notifications.findMatchedPage(
        em,
        subject,
        event.category,
        after,
        chunk,
      );
      if (page.length === 0) {
        break;
      }
      matched += page.length;
      after = page[page.length - 1].userId;
      const recipients = page.filter((r): r is Recipient => r.channels !== null);
      if (recipients.length > 0) {
        created += await this.createAndDeliver(shared, recipients);
      }
      if (page.length < chunk) {
        break;
      }
    }
    await this.events.markFannedOut(em, eventId, revision);
    this.logger.log({ eventId, revision, matched, created }, 'service event fanned out');
    return { matched, created };
  }

  private async createAndDeliver(
    shared: {
      eventId: string;
      category: string;
      title: string;
      body: string | null;
      createdAt: Date;
    },
    recipients: Recipient[],
  ): Promise<number> {
    const em = this.dataSource.manager;
    const ids = recipients.map((r) => r.userId);
    await this.notifications.insertForUsers(em, shared, ids);
    const rows = await this.notifications.findCreated(em, shared.eventId, ids, shared.createdAt);
    const createdFor = new Set(rows.map((r) => r.userId));
    await this.delivery.publish(
      rows.map((row) => ({
        userId: row.userId,
        notification: {
          id: row.id,
          category: shared.category as NotificationCategory,
          title: shared.title,
          body: shared.body,
          createdAt: shared.createdAt,
          readAt: null,
        },
      })),
    );
    await this.delivery.sendCopies(
      recipients.filter((r) => createdFor.has(r.userId)),
      shared.title,
      shared.body,
    );
    return rows.length;
  }
}
