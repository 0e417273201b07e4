import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { NotificationSubscriptionEntity } from './entities/notification-subscription.entity';

/** The only ORM user of `notification_subscriptions`. */
@Injectable()
export class NotificationSubscriptionRepository {
  findManyByUser(em: EntityManager, userId: string): Promise<NotificationSubscriptionEntity[]> {
    return em.findBy(NotificationSubscriptionEntity, { userId });
  }

  /** The subscriptions of those users to one category (absent: not subscribed). */
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
