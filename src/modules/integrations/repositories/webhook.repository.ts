import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { WebhookEntity } from '../entities/webhook.entity';
import type { WebhookEvent } from '../graphql/webhook-event.enum';

/** A live webhook as status changes need it. */
export interface LiveWebhook {
  id: string;
  organizationId: string;
  events: WebhookEvent[];
}

interface LiveWebhookRow {
  id: string;
  organizationId: string;
  events: string | WebhookEvent[];
}

// The JSON column arrives parsed or as text, depending on the server and driver.
function toLiveWebhook(row: LiveWebhookRow): LiveWebhook {
  const events: unknown = typeof row.events === 'string' ? JSON.parse(row.events) : row.events;
  return {
    id: row.id,
    organizationId: row.organizationId,
    events: Array.isArray(events) ? (events as WebhookEvent[]) : [],
  };
}

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

  /** The organization's live webhooks with their events, oldest first. */
  async findLiveByOrganization(em: EntityManager, organizationId: string): Promise<LiveWebhook[]> {
    const rows = await em.query<LiveWebhookRow[]>(
      `SELECT id, organization_id AS organizationId, events FROM webhooks
       WHERE organization_id = ? AND deleted_at IS NULL ORDER BY created_at, id`,
      [organizationId],
    );
    return rows.map(toLiveWebhook);
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
