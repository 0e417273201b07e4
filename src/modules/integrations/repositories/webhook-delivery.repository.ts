import { Injectable } from '@nestjs/common';
import { EntityManager, LessThan } from 'typeorm';
import { WebhookDeliveryEntity } from '../entities/webhook-delivery.entity';
import { WebhookDeliveryStatus } from '../webhooks/webhook-delivery-status';

/** What one attempt changes on its delivery. */
export interface DeliveryAttemptRecord {
  status: WebhookDeliveryStatus;
  responseStatus: number | null;
  lastError: string | null;
  at: Date;
}

/** The only ORM user of `webhook_deliveries`. */
@Injectable()
export class WebhookDeliveryRepository {
  /** With `skipExisting`, rows whose id is already there are left as they are. */
  async insertMany(
    em: EntityManager,
    deliveries: WebhookDeliveryEntity[],
    options: { skipExisting?: boolean } = {},
  ): Promise<void> {
    if (deliveries.length === 0) {
      return;
    }
    const insert = em.createQueryBuilder().insert().into(WebhookDeliveryEntity).values(deliveries);
    // ON DUPLICATE KEY (not INSERT IGNORE, which would also turn other errors into warnings).
    await (options.skipExisting ? insert.orUpdate(['id'], ['id']) : insert).execute();
  }

  findById(em: EntityManager, id: string): Promise<WebhookDeliveryEntity | null> {
    return em.findOneBy(WebhookDeliveryEntity, { id });
  }

  /** The newest deliveries of a webhook. */
  findLatestByWebhook(
    em: EntityManager,
    webhookId: string,
    first: number,
  ): Promise<WebhookDeliveryEntity[]> {
    return em.find(WebhookDeliveryEntity, {
      where: { webhookId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: first,
    });
  }

  /** PENDING deliveries created before `createdBefore`, oldest first. */
  findPendingCreatedBefore(
    em: EntityManager,
    createdBefore: Date,
    limit: number,
  ): Promise<WebhookDeliveryEntity[]> {
    return em.find(WebhookDeliveryEntity, {
      where: { status: WebhookDeliveryStatus.PENDING, createdAt: LessThan(createdBefore) },
      order: { createdAt: 'ASC' },
      take: limit,
    });
  }

  /**
   * Counts one attempt of a PENDING delivery and sets its outcome; false when the delivery is
   * no longer PENDING (a duplicate run of its job).
   */
  async recordAttempt(
    em: EntityManager,
    id: string,
    attempt: DeliveryAttemptRecord,
  ): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(WebhookDeliveryEntity)
      .set({
        attempts: () => 'attempts + 1',
        status: attempt.status,
        responseStatus: attempt.responseStatus,
        lastError: attempt.lastError,
        lastAttemptAt: attempt.at,
        deliveredAt: attempt.status === WebhookDeliveryStatus.DELIVERED ? attempt.at : null,
      })
      .where('id = :id AND status = :pending', { id, pending: WebhookDeliveryStatus.PENDING })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Ends a PENDING delivery as FAILED without an attempt (its webhook is gone, its job lost). */
  async fail(em: EntityManager, id: string, reason: string): Promise<void> {
    await em.update(
      WebhookDeliveryEntity,
      { id, status: WebhookDeliveryStatus.PENDING },
      { status: WebhookDeliveryStatus.FAILED, lastError: reason },
    );
  }

  /** Deletes up to `limit` deliveries created before the date; returns how many. */
  async deleteCreatedBefore(em: EntityManager, before: Date, limit: number): Promise<number> {
    const result: unknown = await em.query(
      'DELETE FROM webhook_deliveries WHERE created_at < ? ORDER BY created_at LIMIT ?',
      [before, limit],
    );
    return (result as { affectedRows?: number }).affectedRows ?? 0;
  }
}
