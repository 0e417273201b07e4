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

  /**
   * The ids of the organization's live webhooks subscribed to the event. Asked on every report
   * status change, so it reads two columns with a plain statement; there are few webhooks per
   * organization (WEBHOOKS_MAX), so the JSON list is filtered here.
   */
  async findSubscribedIds(
    em: EntityManager,
    organizationId: string,
    event: WebhookEvent,
  ): Promise<string[]> {
    const rows = await em.query<{ id: string; events: string | WebhookEvent[] }[]>(
      `SELECT id, events FROM webhooks WHERE organization_id = ? AND deleted_at IS NULL
       ORDER BY created_at, id`,
      [organizationId],
    );
    return rows
      .filter((row) => {
        const events: unknown =
          typeof row.events === 'string' ? JSON.parse(row.events) : row.events;
        return Array.isArray(events) && events.includes(event);
      })
      .map((row) => row.id);
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
