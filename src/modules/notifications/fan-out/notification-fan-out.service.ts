import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { notificationsConfig } from '../../../config/configuration';
import { ServiceEventRepository } from '../../service-events';
import type { NotificationCategory, SubjectKind } from '../../service-events';
import { isUrgentCategory } from '../categories/category-catalog';
import { COPY_STALE_MS } from '../copies/copy-timing';
import { eventNotificationBody } from '../delivery/notification-texts';
import {
  CopyRecipient,
  NotificationDeliveryService,
  Recipient,
  wantsCopies,
} from '../delivery/notification-delivery.service';
import { NotificationRepository } from '../notification.repository';
import type { MatchedRecipient } from '../notification.repository';
import { NotificationClock } from '../quiet-hours/notification-clock';
import {
  effectiveWindow,
  NotificationSettingsService,
} from '../quiet-hours/notification-settings.service';
import { quietUntil } from '../quiet-hours/quiet-hours';
import { NotificationRetractionService } from './notification-retraction.service';

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
    private readonly retraction: NotificationRetractionService,
    private readonly settings: NotificationSettingsService,
    private readonly clock: NotificationClock,
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
    // The subject changed since the last finished fan-out: the people of the old subject lose
    // what they got (made before this revision was stored); the new subject's people get theirs.
    if ((event.subjectChangedRevision ?? 0) > (event.fannedOutRevision ?? 0)) {
      await this.retraction.retractMadeBefore(eventId, event.updatedAt);
    }
    const body = eventNotificationBody(event);
    const shared = {
      eventId,
      category: event.category,
      title: event.title,
      body,
      // Millisecond precision like the column: rows of this run are found by it.
      createdAt: this.clock.now(),
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
        { category: event.category, occurredAt: event.occurredAt },
        after,
        chunk,
      );
      if (page.length === 0) {
        break;
      }
      matched += page.length;
      after = page[page.length - 1].userId;
      const recipients = page.filter((r): r is MatchedRecipient & Recipient => r.channels !== null);
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
    recipients: (MatchedRecipient & Recipient)[],
  ): Promise<number> {
    const em = this.dataSource.manager;
    const ids = recipients.map((r) => r.userId);
    // When each copy becomes due to the sweeper: the end of the owner's quiet hours (held), or
    // a grace period in which this run queues it itself.
    const urgent = isUrgentCategory(shared.category);
    const copiesDueAt = new Map<string, Date>();
    const held = new Set<string>();
    for (const recipient of recipients.filter(wantsCopies)) {
      const until = urgent
        ? null
        : quietUntil(
            shared.createdAt,
            effectiveWindow(this.settings.fromRow(recipient.quietHours)),
          );
      if (until) {
        held.add(recipient.userId);
      }
      copiesDueAt.set(
        recipient.userId,
        until ?? new Date(shared.createdAt.getTime() + COPY_STALE_MS),
      );
    }
    // One statement: the notifications and their outbox marks exist together or not at all.
    await this.notifications.insertForUsers(em, shared, ids, copiesDueAt);
    const rows = await this.notifications.findCreated(em, shared.eventId, ids, shared.createdAt);
    const createdFor = new Map(rows.map((r) => [r.userId, r.id]));
    // In-app and live delivery are never held.
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
    const copies: CopyRecipient[] = [];
    for (const recipient of recipients) {
      const notificationId = createdFor.get(recipient.userId);
      if (notificationId !== undefined && wantsCopies(recipient) && !held.has(recipient.userId)) {
        const { userId, channels, phone, email } = recipient;
        copies.push({ userId, channels, phone, email, notificationId });
      }
    }
    // Drain the outbox of this page: queue the copies, then clear their marks. A death in
    // between leaves the marks, and NotificationCopySweeper queues those copies later. Held
    // copies keep their mark until the end of the quiet hours, when the sweeper sends them.
    await this.delivery.sendCopies(copies, shared.title, shared.body);
    await this.notifications.markCopiesQueued(
      em,
      copies.map((c) => c.notificationId),
    );
    return rows.length;
  }
}
