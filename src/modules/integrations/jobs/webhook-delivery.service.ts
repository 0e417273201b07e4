import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WebhookDeliveryRepository } from '../repositories/webhook-delivery.repository';
import { WebhookRepository } from '../repositories/webhook.repository';
import { WebhookDeliveryStatus } from '../webhooks/webhook-delivery-status';
import { WebhookSecretCipher } from '../webhooks/webhook-secret.cipher';
import { signWebhookBody } from '../webhooks/webhook-signature';
import { WebhookSender } from './webhook-sender';

/** Thrown after a failed attempt, so Bull schedules the next one. */
export class WebhookAttemptFailedError extends Error {
  constructor(deliveryId: string, reason: string | null) {
    super(`webhook delivery ${deliveryId} failed: ${reason ?? 'unknown'}`);
    this.name = 'WebhookAttemptFailedError';
  }
}

/** One attempt of one delivery, recorded on its row whatever the outcome. */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly webhooks: WebhookRepository,
    private readonly cipher: WebhookSecretCipher,
    private readonly sender: WebhookSender,
  ) {}

  /**
   * POSTs the delivery once. Only a PENDING delivery is sent (a repeated job is a no-op). A
   * failure is recorded and thrown for a retry; on the last attempt the delivery becomes FAILED.
   */
  async attempt(deliveryId: string, lastAttempt: boolean): Promise<void> {
    const em = this.dataSource.manager;
    const delivery = await this.deliveries.findById(em, deliveryId);
    if (!delivery || delivery.status !== WebhookDeliveryStatus.PENDING) {
      return;
    }
    const webhook = await this.webhooks.findById(em, delivery.webhookId);
    if (!webhook || webhook.deletedAt) {
      await this.deliveries.fail(em, delivery.id, 'Вебхук удалён: доставка отменена');
      return;
    }
    let secret: string;
    try {
      secret = this.cipher.open(webhook.secretEncrypted, webhook.id);
    } catch (error) {
      // Retrying cannot help: the key changed (JWT_SECRET rotated) or the row was altered.
      this.logger.error({ err: error, webhookId: webhook.id }, 'webhook secret does not open');
      await this.deliveries.fail(
        em,
        delivery.id,
        'Секрет подписи недоступен: удалите вебхук и создайте его заново',
      );
      return;
    }
    const body = JSON.stringify(delivery.payload);
    const outcome = await this.sender.post(webhook.url, body, {
      'Content-Type': 'application/json',
      'User-Agent': 'Kabinet-Webhooks/1.0',
      'X-Kabinet-Event': delivery.event,
      'X-Kabinet-Delivery': delivery.id,
      'X-Kabinet-Signature': signWebhookBody(body, secret),
    });
    const status = outcome.delivered
      ? WebhookDeliveryStatus.DELIVERED
      : lastAttempt
        ? WebhookDeliveryStatus.FAILED
        : WebhookDeliveryStatus.PENDING;
    await this.deliveries.recordAttempt(em, delivery.id, {
      status,
      responseStatus: outcome.responseStatus,
      lastError: outcome.error,
      at: new Date(),
    });
    if (!outcome.delivered) {
      throw new WebhookAttemptFailedError(delivery.id, outcome.error);
    }
  }
}
