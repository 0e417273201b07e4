import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { NotificationSubscriptionEntity } from './entities/notification-subscription.entity';

/**
 * `channels` of a row that turns a default-on category off (`defaultChannels` in the catalog):
 * an explicit opt-out, kept so the default does not come back.
 */
export const OPTED_OUT_CHANNELS = '';

/** Whether a stored row is an explicit opt-out rather than a subscription. */
export function isOptOut(subscription: { channels: string }): boolean {
  return subscription.channels === OPTED_OUT_CHANNELS;
}

/** The only ORM user of `notification_subscriptions`. */
@Injectable()
export class NotificationSubscriptionRepository {
  findManyByUser(em: EntityManager, userId: string): Promise<NotificationSubscriptionEntity[]> {
    return em.findBy(NotificationSubscriptionEntity, { userId });
  }

  /** The rows of those users for one category (absent: no choice made; see isOptOut). */
  findManyByUsersAndCategory(
    em: EntityManager,
    userIds: readonly string[],
    category: string,
  ): Promise<NotificationSubscriptionEntity[]> {
    if (userIds.length === 0) {
      return Promise.resolve([]);
    }
    return em.findBy(NotificationSubscriptionEntity, { userId: In([...userIds]), category });
  }

  async upsert(em: EntityManager, subscription: NotificationSubscriptionEntity): Promise<void> {
    await em.query(
      `INSERT INTO notification_subscriptions (user_id, category, channels, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE channels = VALUES(channels), updated_at = VALUES(updated_at)`,
      [
        subscription.userId,
        subscription.category,
        subscription.channels,
        subscription.createdAt,
        subscription.updatedAt,
      ],
    );
  }

  async delete(em: EntityManager, userId: string, category: string): Promise<void> {
    await em.delete(NotificationSubscriptionEntity, { userId, category });
  }
}
