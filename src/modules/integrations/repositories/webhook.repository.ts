import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { WebhookEntity } from '../entities/webhook.entity';
import type { WebhookEvent } from '../graphql/webhook-event.enum';

/** The only ORM user of `webhooks`. */
@Injectable()
export class WebhookRepository {
  async insert(em: EntityManager, webhook: WebhookEntity): Promise<void> {
    await em.insert(WebhookEntity, webhook);
  }

  /** Any webhook, deleted ones included (deliveries outlive their webhook). */
  findById(em: EntityManager, id: string): Promise<WebhookEntity | null> {
    return em.findOneBy(WebhookEntity, { id });
  }

  /** A live webhook of one organization; null for a deleted one or another organization's. */
  findActiveInOrganization(
    em: EntityManager,
    organizationId: string,
    id: string,
  ): Promise<WebhookEntity | null> {
    return em.findOneBy(WebhookEntity, { id, organizationId, deletedAt: IsNull() });
  }

  /** The organization's live webhooks, oldest first. */
  findManyActiveByOrganization(
    em: EntityManager,
    organizationId: string,
  ): Promise<WebhookEntity[]> {
    return em.find(WebhookEntity, {
      where: { organizationId, deletedAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The organization's live webhooks subscribed to the event. */
  async findManySubscribed(
    em: EntityManager,
    organizationId: string,
    event: WebhookEvent,
  ): Promise<WebhookEntity[]> {
    // Few webhooks per organization (WEBHOOKS_MAX): filtering the JSON list here is simpler
    // and as fast as JSON_CONTAINS in SQL.
    const all = await this.findManyActiveByOrganization(em, organizationId);
    return all.filter((webhook) => webhook.events.includes(event));
  }

  countActiveByOrganization(em: EntityManager, organizationId: string): Promise<number> {
    return em.countBy(WebhookEntity, { organizationId, deletedAt: IsNull() });
  }

  /** Stamps deleted_at once; false when it was already deleted. */
  async softDelete(em: EntityManager, id: string, at: Date): Promise<boolean> {
    const result = await em.update(WebhookEntity, { id, deletedAt: IsNull() }, { deletedAt: at });
    return (result.affected ?? 0) > 0;
  }
}
