import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { WebhookDeliveryEntity } from '../entities/webhook-delivery.entity';
import type { WebhookEntity } from '../entities/webhook.entity';
import { WebhookEvent } from '../graphql/webhook-event.enum';
import type { WebhookDeliveryRepository } from '../repositories/webhook-delivery.repository';
import type { WebhookRepository } from '../repositories/webhook.repository';
import { WebhookDeliveryStatus } from '../webhooks/webhook-delivery-status';
import { WebhookSecretCipher } from '../webhooks/webhook-secret.cipher';
import { verifyWebhookSignature } from '../webhooks/webhook-signature';
import { WebhookAttemptFailedError, WebhookDeliveryService } from './webhook-delivery.service';
import type { WebhookSender } from './webhook-sender';
import { strictFn as strict } from '../../../../test/support/unit';

const cipher = new WebhookSecretCipher({
  masterKey: 'm'.repeat(40),
  previousMasterKey: null,
  jwtSecret: 'k'.repeat(40),
});
const WEBHOOK_ID = '3d0c1b8e-7e7a-4b1f-9f5e-6a2c9d8b7e10';

function webhook(values: Partial<WebhookEntity> = {}): WebhookEntity {
  return {
    id: WEBHOOK_ID,
    organizationId: 'org',
    url: 'https://hooks.example.ru/k',
    events: [WebhookEvent.REMOTE_WORK_REPORT_STATUS_CHANGED],
    secretEncrypted: cipher.seal('whsec_s', WEBHOOK_ID),
    createdByUserId: null,
    createdAt: new Date(),
    deletedAt: null,
    ...values,
  };
}

function delivery(values: Partial<WebhookDeliveryEntity> = {}): WebhookDeliveryEntity {
  return {
    id: 'd1',
    webhookId: WEBHOOK_ID,
    event: WebhookEvent.REMOTE_WORK_REPORT_STATUS_CHANGED,
    payload: {
      event: WebhookEvent.REMOTE_WORK_REPORT_STATUS_CHANGED,
      deliveryId: 'd1',
      occurredAt: '2026-01-05T10:00:00.000Z',
      data: { reportId: 'r1', status: 'ACCEPTED' },
    },
    status: WebhookDeliveryStatus.PENDING,
    attempts: 0,
    responseStatus: null,
    lastError: null,
    createdAt: new Date(),
    lastAttemptAt: null,
    deliveredAt: null,
    ...values,
  };
}

describe(WebhookDeliveryService.name, () => {
  let deliveries: { findById: jest.Mock; recordAttempt: jest.Mock; fail: jest.Mock };
  let webhooks: { findById: jest.Mock };
  let sender: { post: jest.Mock };
  let service: WebhookDeliveryService;

  beforeEach(() => {
    deliveries = { findById: strict(), recordAttempt: strict(), fail: strict() };
    webhooks = { findById: strict() };
    sender = { post: strict() };
    service = new WebhookDeliveryService(
      { manager: {} } as DataSource,
      deliveries as unknown as WebhookDeliveryRepository,
      webhooks as unknown as WebhookRepository,
      cipher,
      sender as unknown as WebhookSender,
    );
  });

  it('should POST the stored payload signed with the secret and record DELIVERED', async () => {
    deliveries.findById.mockResolvedValue(delivery());
    webhooks.findById.mockResolvedValue(webhook());
    sender.post.mockResolvedValue({ delivered: true, responseStatus: 204, error: null });
    deliveries.recordAttempt.mockResolvedValue(true);

    await service.attempt('d1', false);

    const [url, body, headers] = sender.post.mock.calls[0] as [
      string,
      string,
      Record<string, string>,
    ];
    expect(url).toBe('https://hooks.example.ru/k');
    expect(JSON.parse(body)).toEqual(delivery().payload);
    expect(headers).toMatchObject({
      'Content-Type': 'application/json',
      'X-Kabinet-Delivery': 'd1',
      'X-Kabinet-Event': 'REMOTE_WORK_REPORT_STATUS_CHANGED',
    });
    expect(verifyWebhookSignature(body, 'whsec_s', headers['X-Kabinet-Signature'])).toBe(true);
    expect(deliveries.recordAttempt).toHaveBeenCalledWith(
      {},
      'd1',
      expect.objectContaining({
        status: WebhookDeliveryStatus.DELIVERED,
        responseStatus: 204,
        lastError: null,
      }),
    );
  });

  it('should record a failed attempt, keep it PENDING and throw for a retry', async () => {
    deliveries.findById.mockResolvedValue(delivery());
    webhooks.findById.mockResolvedValue(webhook());
    sender.post.mockResolvedValue({
      delivered: false,
      responseStatus: 500,
      error: 'Получатель ответил HTTP 500',
    });
    deliveries.recordAttempt.mockResolvedValue(true);

    await expect(service.attempt('d1', false)).rejects.toBeInstanceOf(WebhookAttemptFailedError);
    expect(deliveries.recordAttempt).toHaveBeenCalledWith(
      {},
      'd1',
      expect.objectContaining({
        status: WebhookDeliveryStatus.PENDING,
        responseStatus: 500,
      }),
    );
  });

  it('should make the delivery FAILED when the last attempt fails', async () => {
    deliveries.findById.mockResolvedValue(delivery({ attempts: 7 }));
    webhooks.findById.mockResolvedValue(webhook());
    sender.post.mockResolvedValue({ delivered: false, responseStatus: null, error: 'timeout' });
    deliveries.recordAttempt.mockResolvedValue(true);

    await expect(service.attempt('d1', true)).rejects.toBeInstanceOf(WebhookAttemptFailedError);
    expect(deliveries.recordAttempt).toHaveBeenCalledWith(
      {},
      'd1',
      expect.objectContaining({
        status: WebhookDeliveryStatus.FAILED,
      }),
    );
  });

  it('should send nothing for a delivery no longer PENDING or of a deleted webhook', async () => {
    deliveries.findById.mockResolvedValueOnce(
      delivery({ status: WebhookDeliveryStatus.DELIVERED }),
    );
    await service.attempt('d1', false);

    deliveries.findById.mockResolvedValueOnce(delivery());
    webhooks.findById.mockResolvedValueOnce(webhook({ deletedAt: new Date() }));
    deliveries.fail.mockResolvedValue(undefined);
    await service.attempt('d1', false);

    expect(deliveries.fail).toHaveBeenCalledWith({}, 'd1', expect.stringContaining('удалён'));
    expect(sender.post).not.toHaveBeenCalled();
  });

  it('should end the delivery when the secret does not open rather than retry', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    deliveries.findById.mockResolvedValue(delivery());
    webhooks.findById.mockResolvedValue(webhook({ secretEncrypted: 'v1.a.b.c' }));
    deliveries.fail.mockResolvedValue(undefined);
    await service.attempt('d1', false);
    expect(deliveries.fail).toHaveBeenCalled();
    expect(sender.post).not.toHaveBeenCalled();
  });
});
