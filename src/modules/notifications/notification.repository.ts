import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { applyKeyset } from '../../shared/database/keyset';
import { matchedUsersPageSql } from '../service-events';
import type { SubjectKind } from '../service-events';
import { NotificationEntity } from './entities/notification.entity';

/** An account an event matched, with its subscription to the event's category (if any). */
export interface MatchedRecipient {
  userId: string;
  /** Stored channels; null when not subscribed to the category. */
  channels: string | null;
  phone: string;
  email: string | null;
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
  title: string;
  body: string | null;
  /** Channels as now subscribed (null: unsubscribed since, nothing is sent). */
  recipient: MatchedRecipient;
}

/** The only ORM user of `notifications`. */
@Injectable()
export class NotificationRepository {
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
   * subscription to the category and its contacts.
   */
  async findMatchedPage(
    em: EntityManager,
    subject: { kind: SubjectKind; value: string },
    category: string,
    afterUserId: string,
    limit: number,
  ): Promise<MatchedRecipient[]> {
    const rows = await em.query<
      { user_id: string; channels: string | null; phone: string; email: string | null }[]
    >(
      `SELECT m.user_id, s.channels, u.phone, u.email
         FROM (${matchedUsersPageSql(subject.kind)}) m
         JOIN users u ON u.id = m.user_id
         LEFT JOIN notification_subscriptions s ON s.user_id = m.user_id AND s.category = ?
        ORDER BY m.user_id`,
      [subject.value, afterUserId, limit, category],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      channels: r.channels,
      phone: r.phone,
      email: r.email,
    }));
  }

  /**
   * Creates the event's notification for each of the accounts in one INSERT … SELECT; an account
   * that already has it (a repeated job, a new revision) keeps it, with the new title and body.
   * The rows of `copyUserIds` (who chose SMS or e-mail) are created with `copies_due_at` set in
   * the same statement: the outbox mark that survives a worker dying before the enqueue. An
   * existing row keeps its mark (copies are sent for the first revision only).
   */
  async insertForUsers(
    em: EntityManager,
    notification: FanOutNotification,
    userIds: readonly string[],
    copyUserIds: readonly string[] = [],
  ): Promise<void> {
    const copies =
      copyUserIds.length > 0 ? `u.id IN (${copyUserIds.map(() => '?').join(', ')})` : 'FALSE';
    await em.query(
      `INSERT INTO notifications
              (id, user_id, event_id, category, title, body, created_at, read_at, copies_due_at)
       SELECT UUID(), u.id, ?, ?, ?, ?, ?, NULL, IF(${copies}, ?, NULL) FROM users u
        WHERE u.id IN (${userIds.map(() => '?').join(', ')})
       ON DUPLICATE KEY UPDATE title = VALUES(title), body = VALUES(body)`,
      [
        notification.eventId,
        notification.category,
        notification.title,
        notification.body,
        notification.createdAt,
        ...copyUserIds,
        notification.createdAt,
        ...userIds,
      ],
    );
  }

  /**
   * Notifications whose copies are still due since before `before` (oldest first), with their
   * owner's current subscription channels and contacts: what the copy sweeper queues again.
   */
  async findCopiesDue(em: EntityManager, before: Date, limit: number): Promise<DueCopy[]> {
    const rows = await em.query<
      {
        id: string;
        user_id: string;
        title: string;
        body: string | null;
        channels: string | null;
        phone: string;
        email: string | null;
      }[]
    >(
      `SELECT n.id, n.user_id, n.title, n.body, s.channels, u.phone, u.email
         FROM notifications n
         JOIN users u ON u.id = n.user_id
         LEFT JOIN notification_subscriptions s ON s.user_id = n.user_id AND s.category = n.category
        WHERE n.copies_due_at IS NOT NULL AND n.copies_due_at < ?
        ORDER BY n.copies_due_at, n.id
        LIMIT ?`,
      [before, limit],
    );
    return rows.map((r) => ({
      notificationId: r.id,
      title: r.title,
      body: r.body,
      recipient: { userId: r.user_id, channels: r.channels, phone: r.phone, email: r.email },
    }));
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
