import { Inject, Injectable, Logger } from '@nestjs/common';
import type { PubSubEngine } from 'graphql-subscriptions';
import { PUB_SUB } from '../../../core/pubsub/pubsub.module';
import { MessagingService } from '../../messaging';
import { Channel, parseChannels } from '../graphql/channel.enum';
import type { Notification } from '../graphql/notification.type';
import { emailCopy, smsText } from './notification-texts';

/** What goes through Redis to a person's `notificationReceived` subscriptions. */
export interface NotificationMessage {
  /** The owner: checked again by the subscription's filter. */
  userId: string;
  notificationReceived: Notification;
}

/** The pub/sub channel of one person: Redis routes a notice to that person's subscriptions only. */
export function notificationChannel(userId: string): string {
  return `notifications:${userId}`;
}

/** The pub/sub channel of one person's retractions (`notificationRetracted`). */
export function retractionChannel(userId: string): string {
  return `notifications-retracted:${userId}`;
}

/** What goes through Redis to a person's `notificationRetracted` subscriptions. */
export interface RetractionMessage {
  userId: string;
  notificationRetracted: string;
}

/** The messaging job ids of a notification's copies (one per channel). */
export function copyJobIds(notificationId: string): string[] {
  return [`notification-copy:${notificationId}:sms`, `notification-copy:${notificationId}:email`];
}

/** Where the copies of a notification go. */
export interface Recipient {
  userId: string;
  /** Stored channels (`IN_APP,SMS`). */
  channels: string;
  phone: string;
  email: string | null;
}

/** A recipient of the copies of one stored notification. */
export interface CopyRecipient extends Recipient {
  notificationId: string;
}

/** Whether the recipient gets an SMS or e-mail copy (what sendCopies would queue). */
export function wantsCopies(recipient: Recipient): boolean {
  const chosen = parseChannels(recipient.channels);
  return chosen.includes(Channel.SMS) || (chosen.includes(Channel.EMAIL) && !!recipient.email);
}

/**
 * Delivers stored notifications: live through `notificationReceived`, and as SMS / e-mail
 * copies through the messaging queue (which retries while a gateway is down).
 */
@Injectable()
export class NotificationDeliveryService {
  private readonly logger = new Logger(NotificationDeliveryService.name);

  constructor(
    @Inject(PUB_SUB) private readonly pubSub: PubSubEngine,
    private readonly messaging: MessagingService,
  ) {}

  /** Publishes notifications to their owners; a failure is logged (the inbox has them). */
  async publish(items: readonly { userId: string; notification: Notification }[]): Promise<void> {
    const results = await Promise.allSettled(
      items.map(({ userId, notification }) => {
        const message: NotificationMessage = { userId, notificationReceived: notification };
        return this.pubSub.publish(notificationChannel(userId), message);
      }),
    );
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed > 0) {
      this.logger.warn(`${failed} of ${items.length} notifications not published live`);
    }
  }

  /** Tells the owners' live clients that these notifications left their inbox. */
  async publishRetractions(items: readonly { userId: string; id: string }[]): Promise<void> {
    const results = await Promise.allSettled(
      items.map(({ userId, id }) => {
        const message: RetractionMessage = { userId, notificationRetracted: id };
        return this.pubSub.publish(retractionChannel(userId), message);
      }),
    );
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed > 0) {
      this.logger.warn(`${failed} of ${items.length} retractions not published live`);
    }
  }

  /** Drops the queued SMS / e-mail copies of these notifications (not yet sent). */
  cancelCopies(notificationIds: readonly string[]): Promise<number> {
    return this.messaging.cancel(notificationIds.flatMap(copyJobIds));
  }

  /**
   * Queues the SMS and e-mail copies the recipients chose, each under a job id derived from the
   * notification (`notification-copy:<id>:sms|email`), so queueing the same copies again (the
   * copy sweeper after a lost outbox clear) does not add a second job while the first is queued.
   */
  async sendCopies(
    recipients: readonly CopyRecipient[],
    title: string,
    body: string | null,
  ): Promise<void> {
    const sms = smsText(title, body);
    const email = emailCopy(title, body);
    const jobs: Promise<void>[] = [];
    for (const recipient of recipients) {
      const channels = parseChannels(recipient.channels);
      const jobId = `notification-copy:${recipient.notificationId}`;
      if (channels.includes(Channel.SMS)) {
        jobs.push(this.messaging.sendSms(recipient.phone, sms, `${jobId}:sms`));
      }
      if (channels.includes(Channel.EMAIL) && recipient.email) {
        jobs.push(
          this.messaging.sendEmail(recipient.email, email.subject, email.text, `${jobId}:email`),
        );
      }
    }
    // Rejections propagate: the fan-out job then fails and is retried.
    await Promise.all(jobs);
  }
}
