import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicTask, PeriodicWork } from '../../../queues/periodic/periodic-task';
import { WebhookDeliveryRepository } from '../repositories/webhook-delivery.repository';
import { WebhookDeliveryQueue } from './webhook-delivery.queue';

const INTERVAL_MS = 60_000;
const PAGE = 200;
/** The delivery log is kept this long, then deleted. */
export const DELIVERY_RETENTION_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

/**
 * MySQL is the source of truth for deliveries; Redis only carries their jobs. Every minute a
 * worker queues again the PENDING deliveries without a job (an enqueue that failed after the
 * row was written, Redis flushed), ends as FAILED those whose job failed without saying so, and
 * deletes deliveries past the retention.
 */
@Injectable()
@PeriodicTask({ name: 'webhook-delivery-reconcile', everyMs: INTERVAL_MS })
export class WebhookDeliveryReconciler implements PeriodicWork {
  private readonly logger = new Logger(WebhookDeliveryReconciler.name);
  private running: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly queue: WebhookDeliveryQueue,
  ) {}

  run(): Promise<void> {
    return this.reconcile();
  }

  /** One pass at a time per process; deliveries younger than `minAgeMs` are being queued now. */
  reconcile(minAgeMs = INTERVAL_MS): Promise<void> {
    this.running ??= this.pass(new Date(Date.now() - minAgeMs)).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(createdBefore: Date): Promise<void> {
    const em = this.dataSource.manager;
    const pending = await this.deliveries.findPendingCreatedBefore(em, createdBefore, PAGE);
    for (const delivery of pending) {
      const state = await this.queue.outcome(delivery.id);
      if (state === 'missing') {
        await this.queue.enqueue(delivery.id);
        this.logger.warn({ deliveryId: delivery.id }, 'webhook delivery queued again');
      } else if (state === 'failed') {
        await this.deliveries.fail(em, delivery.id, 'Все попытки доставки не удались');
      }
    }
    await this.deliveries.deleteCreatedBefore(
      em,
      new Date(Date.now() - DELIVERY_RETENTION_DAYS * DAY_MS),
      1000,
    );
  }
}
