import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicTask, PeriodicWork } from '../../../queues/periodic/periodic-task';
import {
  CopyRecipient,
  NotificationDeliveryService,
  wantsCopies,
} from '../delivery/notification-delivery.service';
import { isUrgentCategory } from '../categories/category-catalog';
import { NotificationRepository } from '../notification.repository';
import {
  effectiveWindow,
  NotificationSettingsService,
} from '../quiet-hours/notification-settings.service';
import { quietUntil } from '../quiet-hours/quiet-hours';

export { COPY_STALE_MS } from './copy-timing';

const INTERVAL_MS = 60_000;
const BATCH = 500;

/**
 * Worker-side outbox drain: queues the SMS / e-mail copies of notifications whose `copies_due_at`
 * has come (a fan-out that died before queueing them, or copies held by quiet hours), then clears
 * the mark; a copy that comes due inside its owner's quiet hours (a non-urgent category) is held
 * again until their end. Copies go under the notification's job ids, so a copy whose job is
 * still queued is not queued twice.
 */
@Injectable()
@PeriodicTask({ name: 'notification-copy-sweep', everyMs: INTERVAL_MS })
export class NotificationCopySweeper implements PeriodicWork {
  private readonly logger = new Logger(NotificationCopySweeper.name);
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
    private readonly delivery: NotificationDeliveryService,
    private readonly settings: NotificationSettingsService,
  ) {}

  run(now: Date): Promise<number> {
    return this.sweep(now);
  }

  /** Sends (or holds again) the copies due at `now`; returns how many notifications. */
  sweep(now = new Date()): Promise<number> {
    // One pass at a time per process.
    this.running ??= this.pass(now).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(now: Date): Promise<number> {
    const em = this.dataSource.manager;
    const due = await this.notifications.findCopiesDue(em, now, BATCH);
    // One notification at a time: each has its own text, and a failed enqueue leaves only its
    // own mark (and the ones after it) for the next pass.
    for (const row of due) {
      const { channels } = row.recipient;
      const until =
        channels === null || isUrgentCategory(row.category)
          ? null
          : quietUntil(now, effectiveWindow(this.settings.fromRow(row.recipient.quietHours)));
      if (until) {
        await this.notifications.holdCopies(em, row.notificationId, until);
        continue;
      }
      // Unsubscribed since (null channels) or no longer a copy channel: nothing to send.
      if (channels !== null) {
        const recipient: CopyRecipient = {
          userId: row.recipient.userId,
          phone: row.recipient.phone,
          email: row.recipient.email,
          channels,
          notificationId: row.notificationId,
        };
        if (wantsCopies(recipient)) {
          await this.delivery.sendCopies([recipient], row.title, row.body);
        }
      }
      await this.notifications.markCopiesQueued(em, [row.notificationId]);
    }
    if (due.length > 0) {
      this.logger.log({ count: due.length }, 'notification copies queued or held by the sweeper');
    }
    return due.length;
  }
}
