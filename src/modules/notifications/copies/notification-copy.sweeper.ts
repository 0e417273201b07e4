import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicTask, PeriodicWork } from '../../../queues/periodic/periodic-task';
import {
  CopyRecipient,
  NotificationDeliveryService,
  wantsCopies,
} from '../delivery/notification-delivery.service';
import { NotificationRepository } from '../notification.repository';

const INTERVAL_MS = 60_000;
// Still marked after this long: the fan-out that created the notification died between the
// insert and the enqueue (or between the enqueue and the clear). A live fan-out clears its
// marks within seconds of the insert.
export const COPY_STALE_MS = 5 * 60_000;
const BATCH = 500;

/**
 * Worker-side outbox drain: queues the SMS / e-mail copies of notifications whose `copies_due_at`
 * mark was never cleared, then clears it. Copies go under the notification's job ids, so a copy
 * whose job is still queued is not queued twice.
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
  ) {}

  run(now: Date): Promise<number> {
    return this.sweep(now);
  }

  /** Queues the copies due since before `now - COPY_STALE_MS`; returns how many notifications. */
  sweep(now = new Date()): Promise<number> {
    // One pass at a time per process.
    this.running ??= this.pass(new Date(now.getTime() - COPY_STALE_MS)).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(before: Date): Promise<number> {
    const em = this.dataSource.manager;
    const due = await this.notifications.findCopiesDue(em, before, BATCH);
    // One notification at a time: each has its own text, and a failed enqueue leaves only its
    // own mark (and the ones after it) for the next pass.
    for (const row of due) {
      const { channels } = row.recipient;
      // Unsubscribed since (null channels) or no longer a copy channel: nothing to send.
      if (channels !== null) {
        const recipient: CopyRecipient = {
          ...row.recipient,
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
      this.logger.warn({ count: due.length }, 'notification copies queued by the sweeper');
    }
    return due.length;
  }
}
