import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityDirectory } from '../../identity';
import { NotificationCategory } from '../../service-events';
import { NotificationDeliveryService } from '../delivery/notification-delivery.service';
import type { CopyRecipient } from '../delivery/notification-delivery.service';
import { NotificationEntity } from '../entities/notification.entity';
import { categoryDefinition } from '../categories/category-catalog';
import {
  isOptOut,
  NotificationSubscriptionRepository,
} from '../notification-subscription.repository';
import { NotificationRepository } from '../notification.repository';

/** Categories other modules send notices in: always delivered, nobody subscribes to them. */
export type PersonalNoticeCategory =
  NotificationCategory.ORGANIZATIONS | NotificationCategory.DOCUMENTS;

/** Subscribable categories other modules send notices in: only to those subscribed. */
export type SubscribedNoticeCategory = NotificationCategory.REPORTS;

/** One notice for several people, delivered to those subscribed to its category. */
export interface SubscribedNotice {
  userIds: readonly string[];
  category: SubscribedNoticeCategory;
  title: string;
  body: string | null;
}

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
    private readonly subscriptions: NotificationSubscriptionRepository,
    private readonly identity: IdentityDirectory,
  ) {}

  /**
   * Sends a notice of a subscribable category to those of `userIds` subscribed to it (for a
   * default-on category: everyone who did not turn it off, with its default channels), as each
   * chose: in-app (inbox and `notificationReceived`) always, SMS and e-mail copies through the
   * messaging queue under job ids derived from the notification. Returns the users it reached.
   * Call it after the caller's transaction commits.
   */
  async sendToSubscribers(notice: SubscribedNotice): Promise<string[]> {
    const em = this.dataSource.manager;
    const rows = new Map(
      (
        await this.subscriptions.findManyByUsersAndCategory(em, notice.userIds, notice.category)
      ).map((s) => [s.userId, s]),
    );
    // A row decides (subscribed, or opted out); without one, a default-on category's defaults.
    const defaults = categoryDefinition(notice.category)?.defaultChannels;
    const subscribed = [...new Set(notice.userIds)].flatMap((userId) => {
      const row = rows.get(userId);
      if (row) {
        return isOptOut(row) ? [] : [{ userId, channels: row.channels }];
      }
      return defaults ? [{ userId, channels: defaults.join(',') }] : [];
    });
    if (subscribed.length === 0) {
      return [];
    }
    const contacts = await this.identity.contacts(
      em,
      subscribed.map((s) => s.userId),
    );
    const title = notice.title.slice(0, 300);
    const body = notice.body?.slice(0, 2000) ?? null;
    const delivered: { userId: string; notification: NotificationEntity }[] = [];
    const copies: CopyRecipient[] = [];
    for (const subscription of subscribed) {
      const contact = contacts.get(subscription.userId);
      if (!contact) {
        continue;
      }
      const notification = Object.assign(new NotificationEntity(), {
        id: randomUUID(),
        userId: subscription.userId,
        eventId: null,
        category: notice.category,
        title,
        body,
        createdAt: new Date(),
        readAt: null,
      });
      await this.notifications.insert(em, notification);
      delivered.push({ userId: subscription.userId, notification });
      copies.push({
        notificationId: notification.id,
        userId: subscription.userId,
        channels: subscription.channels,
        phone: contact.phone,
        email: contact.email,
      });
    }
    await this.delivery.publish(
      delivered.map(({ userId, notification }) => ({
        userId,
        notification: { ...notification, category: notice.category },
      })),
    );
    await this.delivery.sendCopies(copies, title, body);
    return delivered.map((d) => d.userId);
  }

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
