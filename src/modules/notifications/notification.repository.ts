import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { applyKeyset } from '../../shared/database/keyset';
import { IdentityDirectory } from '../identity';
import { SubjectMatcher } from '../service-events';
import type { SubjectKind } from '../service-events';
import { NotificationEntity } from './entities/notification.entity';

/** An account an event matched, with its subscription to the event's category (if any). */
export interface MatchedRecipient {
  userId: string;
  /** Stored channels; null when not subscribed to the category. */
  channels: string | null;
  phone: string;
  email: string | null;
  /** The stored quiet-hours row; null: the deployment's default. */
  quietHours: QuietHoursRow | null;
}

/** A `notification_settings` row as read with a recipient. */
export interface QuietHoursRow {
  quietHoursEnabled: boolean;
  quietFromMinute: number;
  quietToMinute: number;
}

/** What every notification of one event's fan-out shares. */
export interface FanOutNotification {
  eventId: string;
  category: string;
  title: string;
  body: string | null;
  createdAt: Date;
}

/** A notification whose SMS / e-mail copies were never queued. */
export interface DueCopy {
  notificationId: string;
  category: string;
  title: string;
  body: string | null;
  /** Channels as now subscribed (null: unsubscribed since, nothing is sent). */
  recipient: MatchedRecipient;
}

/** The only ORM user of `notifications`. */
@Injectable()
export class NotificationRepository {
  constructor(
    private readonly matcher: SubjectMatcher,
    private readonly identity: IdentityDirectory,
  ) {}

  findPage(
    em: EntityManager,
    userId: string,
    unreadOnly: boolean,
    first: number,
    after?: string,
  ): Promise<NotificationEntity[]> {
    const qb = em
      .createQueryBuilder(NotificationEntity, 'n')
      .where('n.user_id = :userId', { userId });
    if (unreadOnly) {
      qb.andWhere('n.read_at IS NULL');
    }
    return applyKeyset(qb, 'n', first, after).getMany();
  }

  count(em: EntityManager, userId: string, unreadOnly: boolean): Promise<number> {
    return em.countBy(NotificationEntity, unreadOnly ? { userId, readAt: IsNull() } : { userId });
  }

  /** Marks unread notifications of the user read (all, or those ids); returns how many. */
  async markRead(
    em: EntityManager,
    userId: string,
    ids: readonly string[] | null,
    now: Date,
  ): Promise<number> {
    const where = {
      userId,
      readAt: IsNull(),
      ...(ids ? { id: In([...ids]) } : {}),
    };
    const result = await em.update(NotificationEntity, where, { readAt: now });
    return result.affected ?? 0;
  }

  async insert(em: EntityManager, notification: NotificationEntity): Promise<void> {
    await em.insert(NotificationEntity, notification);
  }

  /**
   * One page of the accounts a subject matches, after `afterUserId` in id order, each with its
   * subscription to the category and its contacts: the page from the matching ports, the contacts
   * from the identity port and the subscriptions in one query each (no per-account query).
   */
  async findMatchedPage(
    em: EntityManager,
    subject: { kind: SubjectKind; value: string },
    event: { category: string; occurredAt: Date },
    afterUserId: string,
    limit: number,
  ): Promise<MatchedRecipient[]> {
    // Personal categories reach only links proven by the time the event occurred.
    const userIds = await this.matcher.matchedUsersPage(em, subject, event, afterUserId, limit);
    const { category } = event;
    if (userIds.length === 0) {
      return [];
    }
    const contacts = await this.identity.contacts(em, userIds);
    const subscriptions = await em.query<{ user_id: string; channels: string }[]>(
      `SELECT user_id, channels FROM notification_subscriptions
        WHERE category = ? AND user_id IN (${userIds.map(() => '?').join(', ')})`,
      [category, ...userIds],
    );
    const channels = new Map(subscriptions.map((r) => [r.user_id, r.channels]));
    const quiet = await this.quietHoursOf(em, userIds);
    return userIds.flatMap((userId) => {
      const contact = contacts.get(userId);
      return contact
        ? [
            {
              userId,
              channels: channels.get(userId) ?? null,
              phone: contact.phone,
              email: contact.email,
              quietHours: quiet.get(userId) ?? null,
            },
          ]
        : [];
    });
  }

  /**
   * Creates the event's notification for each of the accounts that still exist (share-locked
   * through the identity port, in one transaction with the insert); an account that already has
   * it (a repeated job, a new revision) keeps it, with the new title and body.
   * The rows of accounts in `copiesDueAt` (who chose SMS or e-mail) are created with their
   * `copies_due_at` in the same statement: the outbox mark, the time from which the copy sweeper
   * sends them (a held copy: the end of the quiet hours). An existing row keeps its mark (copies
   * are sent for the first revision only).
   */
  async insertForUsers(
    em: EntityManager,
    notification: FanOutNotification,
    userIds: readonly string[],
    copiesDueAt: ReadonlyMap<string, Date> = new Map(),
  ): Promise<void> {
    await em.transaction(async (tx) => {
      const existing = await this.identity.shareLockExisting(tx, userIds);
      if (existing.length === 0) {
        return;
      }
      await tx.query(
        `INSERT INTO notifications
                (id, user_id, event_id, category, title, body, created_at, read_at, copies_due_at)
         SELECT UUID(), x.user_id, ?, ?, ?, ?, ?, NULL, x.copies_due_at
           FROM (${existing.map(() => 'SELECT ? AS user_id, CAST(? AS DATETIME(3)) AS copies_due_at').join(' UNION ALL ')}) x
         ON DUPLICATE KEY UPDATE title = VALUES(title), body = VALUES(body)`,
        [
          notification.eventId,
          notification.category,
          notification.title,
          notification.body,
          notification.createdAt,
          ...existing.flatMap((userId) => [userId, copiesDueAt.get(userId) ?? null]),
        ],
      );
    });
  }

  /** The stored quiet hours of these accounts (absent: the default applies). */
  async quietHoursOf(
    em: EntityManager,
    userIds: readonly string[],
  ): Promise<Map<string, QuietHoursRow>> {
    if (userIds.length === 0) {
      return new Map();
    }
    const rows = await em.query<
      {
        user_id: string;
        quiet_hours_enabled: number;
        quiet_from_minute: number;
        quiet_to_minute: number;
      }[]
    >(
      `SELECT user_id, quiet_hours_enabled, quiet_from_minute, quiet_to_minute
         FROM notification_settings WHERE user_id IN (${userIds.map(() => '?').join(', ')})`,
      [...userIds],
    );
    return new Map(
      rows.map((r) => [
        r.user_id,
        {
          quietHoursEnabled: Number(r.quiet_hours_enabled) === 1,
          quietFromMinute: Number(r.quiet_from_minute),
          quietToMinute: Number(r.quiet_to_minute),
        },
      ]),
    );
  }

  /**
   * Notifications whose copies are due at `now` (oldest first), with their owner's current
   * subscription channels, contacts and quiet hours: what the copy sweeper sends or holds.
   */
  async findCopiesDue(em: EntityManager, now: Date, limit: number): Promise<DueCopy[]> {
    const rows = await em.query<
      {
        id: string;
        user_id: string;
        category: string;
        title: string;
        body: string | null;
        channels: string | null;
      }[]
    >(
      `SELECT n.id, n.user_id, n.category, n.title, n.body, s.channels
         FROM notifications n
         LEFT JOIN notification_subscriptions s ON s.user_id = n.user_id AND s.category = n.category
        WHERE n.copies_due_at IS NOT NULL AND n.copies_due_at <= ?
        ORDER BY n.copies_due_at, n.id
        LIMIT ?`,
      [now, limit],
    );
    if (rows.length === 0) {
      return [];
    }
    // Contacts come from their owner, in one batch; an account gone since has none.
    const userIds = [...new Set(rows.map((r) => r.user_id))];
    const contacts = await this.identity.contacts(em, userIds);
    const quiet = await this.quietHoursOf(em, userIds);
    return rows.flatMap((r) => {
      const contact = contacts.get(r.user_id);
      return contact
        ? [
            {
              notificationId: r.id,
              category: r.category,
              title: r.title,
              body: r.body,
              recipient: {
                userId: r.user_id,
                channels: r.channels,
                phone: contact.phone,
                email: contact.email,
                quietHours: quiet.get(r.user_id) ?? null,
              },
            },
          ]
        : [];
    });
  }

  /** Moves a held copy's outbox mark to the end of its owner's quiet hours. */
  async holdCopies(em: EntityManager, id: string, until: Date): Promise<void> {
    await em.update(NotificationEntity, { id }, { copiesDueAt: until });
  }

  /**
   * Up to `limit` notifications of an event made before `before` (by an earlier revision): what
   * a subject change retracts.
   */
  async findMadeBefore(
    em: EntityManager,
    eventId: string,
    before: Date,
    limit: number,
  ): Promise<{ id: string; userId: string }[]> {
    const rows = await em.query<{ id: string; user_id: string }[]>(
      `SELECT id, user_id FROM notifications WHERE event_id = ? AND created_at < ?
        ORDER BY id LIMIT ?`,
      [eventId, before, limit],
    );
    return rows.map((r) => ({ id: r.id, userId: r.user_id }));
  }

  /** A person's notifications whose copies may still sit in the messaging queue. */
  async findRecentOfUser(em: EntityManager, userId: string, since: Date): Promise<string[]> {
    const rows = await em.query<{ id: string }[]>(
      `SELECT id FROM notifications
        WHERE user_id = ? AND (created_at >= ? OR copies_due_at IS NOT NULL)`,
      [userId, since],
    );
    return rows.map((r) => r.id);
  }

  async deleteByIds(em: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) {
      return;
    }
    await em.delete(NotificationEntity, { id: In([...ids]) });
  }

  async deleteByUser(em: EntityManager, userId: string): Promise<void> {
    await em.delete(NotificationEntity, { userId });
  }

  /** Clears the outbox mark of notifications whose copies are queued. */
  async markCopiesQueued(em: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) {
      return;
    }
    await em.update(NotificationEntity, { id: In([...ids]) }, { copiesDueAt: null });
  }

  /** The notifications of an event created at exactly `createdAt` (this run) for those accounts. */
  async findCreated(
    em: EntityManager,
    eventId: string,
    userIds: readonly string[],
    createdAt: Date,
  ): Promise<{ id: string; userId: string }[]> {
    const rows = await em.query<{ id: string; user_id: string }[]>(
      `SELECT id, user_id FROM notifications
        WHERE event_id = ? AND user_id IN (${userIds.map(() => '?').join(', ')}) AND created_at = ?`,
      [eventId, ...userIds, createdAt],
    );
    return rows.map((r) => ({ id: r.id, userId: r.user_id }));
  }
}
