import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationCategory } from '../../service-events';
import { NotificationDeliveryService } from '../delivery/notification-delivery.service';
import { NotificationEntity } from '../entities/notification.entity';
import { NotificationRepository } from '../notification.repository';

/** Categories other modules send notices in: always delivered, nobody subscribes to them. */
export type PersonalNoticeCategory =
  NotificationCategory.ORGANIZATIONS | NotificationCategory.DOCUMENTS;

/** A notice to one person about their own affairs (Russian texts). */
export interface PersonalNotice {
  userId: string;
  category: PersonalNoticeCategory;
  title: string;
  body: string | null;
}

/**
 * The notifications module's port for other modules (an organization's invitation…): the
 * notice goes to the person's inbox and live to their `notificationReceived`. Call it after the
 * caller's transaction commits; SMS copies are the caller's (through messaging).
 */
@Injectable()
export class PersonalNotices {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
    private readonly delivery: NotificationDeliveryService,
  ) {}

  async send(notice: PersonalNotice): Promise<void> {
    const notification = Object.assign(new NotificationEntity(), {
      id: randomUUID(),
      userId: notice.userId,
      eventId: null,
      category: notice.category,
      title: notice.title.slice(0, 300),
      body: notice.body?.slice(0, 2000) ?? null,
      createdAt: new Date(),
      readAt: null,
    });
    await this.notifications.insert(this.dataSource.manager, notification);
    await this.delivery.publish([
      { userId: notice.userId, notification: { ...notification, category: notice.category } },
    ]);
  }
}
