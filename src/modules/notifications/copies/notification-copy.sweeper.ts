import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { appConfig } from '../../../config/configuration';
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
 * whose job is still queued is not queued twice. Not scheduled when NODE_ENV=test: tests call
 * {@link sweep}.
 */
@Injectable()
export class NotificationCopySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationCopySweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
    private readonly delivery: NotificationDeliveryService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  onApplicationBootstrap(): void {
    if (this.app.env === 'test') {
      return;
    }
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) =>
        this.logger.error({ err: error }, 'notification copy sweep failed'),
      );
    }, INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) {
      clearInterval(this.timer);
    }
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
