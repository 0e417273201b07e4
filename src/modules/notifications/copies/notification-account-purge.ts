import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotificationDeliveryService } from '../delivery/notification-delivery.service';
import { NotificationRepository } from '../notification.repository';

// Messaging retries a copy for about 17 minutes (10 attempts, exponential from 1 s), and a held
// copy is queued at most a night after its notification: a day covers every copy still queued.
const QUEUED_COPY_HORIZON_MS = 24 * 3600 * 1000;

/**
 * What `deleteAccount` does here: drops the person's SMS / e-mail copies still in the messaging
 * queue (their phone, e-mail and texts sit in the job data), then deletes the notifications
 * (with their outbox marks). Subscriptions and settings go by foreign key with the account.
 */
@Injectable()
export class NotificationAccountPurge {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly delivery: NotificationDeliveryService,
  ) {}

  async purge(em: EntityManager, userId: string, now = new Date()): Promise<void> {
    const recent = await this.notifications.findRecentOfUser(
      em,
      userId,
      new Date(now.getTime() - QUEUED_COPY_HORIZON_MS),
    );
    await this.delivery.cancelCopies(recent);
    await this.notifications.deleteByUser(em, userId);
  }
}
