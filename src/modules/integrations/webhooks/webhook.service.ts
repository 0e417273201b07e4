import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { OrganizationAccess } from '../../organizations';
import type { WebhookEntity } from '../entities/webhook.entity';
import { DELIVERIES_DEFAULT } from '../graphql/webhook-deliveries.args';
import type { WebhookDelivery } from '../graphql/webhook-delivery.type';
import type { WebhookEvent } from '../graphql/webhook-event.enum';
import type { WebhookSecret } from '../graphql/webhook-secret.type';
import type { Webhook } from '../graphql/webhook.type';
import { toWebhook, toWebhookDelivery } from '../graphql/integrations.mapper';
import { IntegrationsException } from '../integrations.exception';
import { WebhookDeliveryRepository } from '../repositories/webhook-delivery.repository';
import { WebhookRepository } from '../repositories/webhook.repository';
import { WebhookSecretCipher } from './webhook-secret.cipher';
import { generateSigningSecret } from './webhook-signature';
import { WebhookTargetPolicy } from './webhook-target.policy';

/** Live webhooks an organization may have at once. */
export const WEBHOOKS_MAX = 10;

/** `createWebhook`, `webhooks`, `deleteWebhook`, `webhookDeliveries`: for HEAD and ADMIN. */
@Injectable()
export class WebhookService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrganizationAccess,
    private readonly webhooks: WebhookRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly targets: WebhookTargetPolicy,
    private readonly cipher: WebhookSecretCipher,
  ) {}

  async create(
    principal: AuthPrincipal,
    url: string,
    events: WebhookEvent[],
  ): Promise<WebhookSecret> {
    const manager = await this.access.requireManager(principal);
    const acceptedUrl = await this.targets.assertAcceptable(url.trim());
    // A soft limit: two webhooks created at the same instant may pass it together.
    const live = await this.webhooks.countActiveByOrganization(
      this.dataSource.manager,
      manager.organizationId,
    );
    if (live >= WEBHOOKS_MAX) {
      throw IntegrationsException.webhookLimitReached(WEBHOOKS_MAX);
    }
    const id = randomUUID();
    const secret = generateSigningSecret();
    const webhook: WebhookEntity = {
      id,
      organizationId: manager.organizationId,
      url: acceptedUrl,
      events: [...new Set(events)],
      secretEncrypted: this.cipher.seal(secret, id),
      createdByUserId: manager.userId,
      createdAt: new Date(),
      deletedAt: null,
    };
    await this.webhooks.insert(this.dataSource.manager, webhook);
    return { webhook: toWebhook(webhook), signingSecret: secret };
  }

  async list(principal: AuthPrincipal): Promise<Webhook[]> {
    const manager = await this.access.requireManager(principal);
    const webhooks = await this.webhooks.findManyActiveByOrganization(
      this.dataSource.manager,
      manager.organizationId,
    );
    return webhooks.map(toWebhook);
  }

  /** Deletes a webhook: nothing more is sent to it, its pending deliveries end as FAILED. */
  async delete(principal: AuthPrincipal, id: string): Promise<void> {
    const webhook = await this.findOwn(principal, id);
    await this.webhooks.softDelete(this.dataSource.manager, webhook.id, new Date());
  }

  /** The webhook's newest deliveries (the log integrators debug their receivers with). */
  async listDeliveries(
    principal: AuthPrincipal,
    webhookId: string,
    first = DELIVERIES_DEFAULT,
  ): Promise<WebhookDelivery[]> {
    const webhook = await this.findOwn(principal, webhookId);
    const deliveries = await this.deliveries.findLatestByWebhook(
      this.dataSource.manager,
      webhook.id,
      first,
    );
    return deliveries.map(toWebhookDelivery);
  }

  private async findOwn(principal: AuthPrincipal, id: string): Promise<WebhookEntity> {
    const manager = await this.access.requireManager(principal);
    const webhook = await this.webhooks.findActiveInOrganization(
      this.dataSource.manager,
      manager.organizationId,
      id,
    );
    if (!webhook) {
      throw IntegrationsException.webhookNotFound();
    }
    return webhook;
  }
}
