import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationDeliveryService } from '../delivery/notification-delivery.service';
import { NotificationRepository } from '../notification.repository';

const BATCH = 1000;

/**
 * Takes back the notifications an event gave under its previous subject (a wrong plate, a
 * corrected address): their SMS / e-mail copies still queued are dropped, the rows leave the
 * inbox, and the owners' live clients get `notificationRetracted`.
 */
@Injectable()
export class NotificationRetractionService {
  private readonly logger = new Logger(NotificationRetractionService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
    private readonly delivery: NotificationDeliveryService,
  ) {}

  /** Retracts the event's notifications made before `before`; returns how many. */
  async retractMadeBefore(eventId: string, before: Date): Promise<number> {
    const em = this.dataSource.manager;
    let retracted = 0;
    for (;;) {
      const rows = await this.notifications.findMadeBefore(em, eventId, before, BATCH);
      if (rows.length === 0) {
        break;
      }
      const ids = rows.map((r) => r.id);
      // Copies first: a death after this leaves the rows, and the retry retracts them again.
      await this.delivery.cancelCopies(ids);
      await this.notifications.deleteByIds(em, ids);
      await this.delivery.publishRetractions(rows);
      retracted += rows.length;
      if (rows.length < BATCH) {
        break;
      }
    }
    if (retracted > 0) {
      this.logger.log({ eventId, retracted }, 'notifications of the previous subject retracted');
    }
    return retracted;
  }
}
