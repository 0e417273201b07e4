import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { WebhookDeliveryEntity, WebhookEventData } from '../entities/webhook-delivery.entity';
import type { WebhookEvent } from '../graphql/webhook-event.enum';
import { WebhookDeliveryQueue } from '../jobs/webhook-delivery.queue';
import { WebhookDeliveryRepository } from '../repositories/webhook-delivery.repository';
import { WebhookDeliveryStatus } from './webhook-delivery-status';
import { WebhookRepository } from '../repositories/webhook.repository';

/**
 * The id of the delivery of source event `eventId` to `webhookId`: the same pair always gets the
 * same id, so an event handed over twice (an outbox drain that died before deleting it) makes no
 * second delivery. A UUID in form (version 8, RFC 9562 "custom"), from SHA-256 of the pair.
 */
export function deliveryIdOf(eventId: string, webhookId: string): string {
  const hex = createHash('sha256').update(`${eventId}:${webhookId}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Sends an event to the organization's webhooks: a delivery row per subscribed webhook, then a
 * queue job per row. Called by the worker, off the request path (report status changes come
 * from their outbox), after the change behind the event is committed. If Redis is down the rows
 * stay PENDING and the reconciler queues them later.
 */
@Injectable()
export class WebhookDispatcher {
  private readonly logger = new Logger(WebhookDispatcher.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: WebhookRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly queue: WebhookDeliveryQueue,
  ) {}

  /**
   * Returns the ids of the deliveries made (none when no webhook subscribes to the event). With
   * `eventId`, the ids derive from it ({@link deliveryIdOf}) and deliveries made for it before are
   * not made again.
   */
  async dispatch(
    organizationId: string,
    event: WebhookEvent,
    data: WebhookEventData,
    occurredAt = new Date(),
    eventId?: string,
  ): Promise<string[]> {
    const em = this.dataSource.manager;
    const live = await this.webhooks.findLiveByOrganization(em, organizationId);
    const subscribed = live.filter((w) => w.events.includes(event)).map((w) => w.id);
    if (subscribed.length === 0) {
      return [];
    }
    // A drained event's deliveries date from the event, so the log (newest first) keeps the
    // events' order even when one pass of the drain hands several over in the same millisecond.
    const createdAt = eventId === undefined ? new Date() : occurredAt;
    const deliveries = subscribed.map((webhookId): WebhookDeliveryEntity => {
      const id = eventId === undefined ? randomUUID() : deliveryIdOf(eventId, webhookId);
      return {
        id,
        webhookId,
        event,
        payload: { event, deliveryId: id, occurredAt: occurredAt.toISOString(), data },
        status: WebhookDeliveryStatus.PENDING,
        attempts: 0,
        responseStatus: null,
        lastError: null,
        createdAt,
        lastAttemptAt: null,
        deliveredAt: null,
      };
    });
    // One multi-row INSERT: all of the event's deliveries are recorded, or none; those recorded
    // by an earlier hand-over of the same event are kept as they are (and their jobs dedupe).
    await this.deliveries.insertMany(em, deliveries, { skipExisting: eventId !== undefined });
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
