import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { WebhookDeliveryEntity, WebhookEventData } from '../entities/webhook-delivery.entity';
import type { WebhookEvent } from '../graphql/webhook-event.enum';
import { WebhookDeliveryQueue } from '../jobs/webhook-delivery.queue';
import { WebhookDeliveryRepository } from '../repositories/webhook-delivery.repository';
import { WebhookDeliveryStatus } from './webhook-delivery-status';
import { WebhookSubscriptions } from './webhook-subscriptions';

/**
 * Sends an event to the organization's webhooks: a delivery row per subscribed webhook (the
 * outbox), then a queue job per row. Call it after the change behind the event is committed.
 * If Redis is down the rows stay PENDING and the reconciler queues them later.
 */
@Injectable()
export class WebhookDispatcher {
  private readonly logger = new Logger(WebhookDispatcher.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: WebhookSubscriptions,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly queue: WebhookDeliveryQueue,
  ) {}

  /** Returns the ids of the deliveries made (none when no webhook subscribes to the event). */
  async dispatch(
    organizationId: string,
    event: WebhookEvent,
    data: WebhookEventData,
    occurredAt = new Date(),
  ): Promise<string[]> {
    const subscribed = await this.subscriptions.subscribedIds(organizationId, event);
    if (subscribed.length === 0) {
      return [];
    }
    const now = new Date();
    const deliveries = subscribed.map((webhookId): WebhookDeliveryEntity => {
      const id = randomUUID();
      return {
        id,
        webhookId,
        event,
        payload: { event, deliveryId: id, occurredAt: occurredAt.toISOString(), data },
        status: WebhookDeliveryStatus.PENDING,
        attempts: 0,
        responseStatus: null,
        lastError: null,
        createdAt: now,
        lastAttemptAt: null,
        deliveredAt: null,
      };
    });
    // One multi-row INSERT: all of the event's deliveries are recorded, or none.
    await this.deliveries.insertMany(this.dataSource.manager, deliveries);
    for (const delivery of deliveries) {
      try {
        await this.queue.enqueue(delivery.id);
      } catch (error) {
        this.logger.error(
          { err: error, deliveryId: delivery.id },
          'webhook delivery not queued; the reconciler will',
        );
      }
    }
    return deliveries.map((delivery) => delivery.id);
  }
}
