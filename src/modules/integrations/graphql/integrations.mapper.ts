import type { ApiClientEntity } from '../entities/api-client.entity';
import type { WebhookDeliveryEntity } from '../entities/webhook-delivery.entity';
import type { WebhookEntity } from '../entities/webhook.entity';
import type { ApiClient } from './api-client.type';
import type { WebhookDelivery } from './webhook-delivery.type';
import type { Webhook } from './webhook.type';

export function toApiClient(entity: ApiClientEntity): ApiClient {
  return {
    id: entity.id,
    name: entity.name,
    clientId: entity.clientId,
    scopes: entity.scopes,
    createdAt: entity.createdAt,
    lastUsedAt: entity.lastUsedAt,
    revokedAt: entity.revokedAt,
  };
}

export function toWebhook(entity: WebhookEntity): Webhook {
  return { id: entity.id, url: entity.url, events: entity.events, createdAt: entity.createdAt };
}

export function toWebhookDelivery(entity: WebhookDeliveryEntity): WebhookDelivery {
  return {
    id: entity.id,
    event: entity.event,
    status: entity.status,
    attempts: entity.attempts,
    responseStatus: entity.responseStatus,
    lastError: entity.lastError,
    createdAt: entity.createdAt,
    lastAttemptAt: entity.lastAttemptAt,
    deliveredAt: entity.deliveredAt,
  };
}
