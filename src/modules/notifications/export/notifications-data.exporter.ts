import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { exportedTime } from '../../../shared/personal-data';
import type { PersonalDataExporter, PersonalDataSection } from '../../../shared/personal-data';
import { NotificationSubscriptionEntity } from '../entities/notification-subscription.entity';
import { NotificationEntity } from '../entities/notification.entity';

/** The inbox and the subscriptions with their channels. */
@Injectable()
export class NotificationsDataExporter implements PersonalDataExporter {
  async exportFor(em: EntityManager, userId: string): Promise<PersonalDataSection[]> {
    const [notifications, subscriptions] = await Promise.all([
      em.find(NotificationEntity, { where: { userId }, order: { createdAt: 'ASC' } }),
      em.find(NotificationSubscriptionEntity, { where: { userId }, order: { createdAt: 'ASC' } }),
    ]);
    return [
      {
        key: 'notifications',
        title: 'Уведомления',
        records: notifications.map((n) => ({
          id: n.id,
          category: n.category,
          title: n.title,
          body: n.body,
          createdAt: exportedTime(n.createdAt),
          readAt: exportedTime(n.readAt),
        })),
      },
      {
        key: 'subscriptions',
        title: 'Подписки',
        records: subscriptions.map((s) => ({
          category: s.category,
          channels: s.channels.split(',').filter((c) => c.length > 0),
          createdAt: exportedTime(s.createdAt),
          updatedAt: exportedTime(s.updatedAt),
        })),
      },
    ];
  }
}
