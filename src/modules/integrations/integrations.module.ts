import { BullModule } from '@nestjs/bull';
import { Module, OnModuleInit } from '@nestjs/common';
import { QueueName } from '../../queues/queue-names';
import { workerProviders } from '../../queues/worker-providers';
import { TokenVerifier } from '../../shared/auth';
import { RateLimitModule } from '../../core/rate-limit/index';
import { OrganizationsModule } from '../organizations';
import { ApiClientRegistry } from './api-clients/api-client.registry';
import { ApiClientResolver } from './api-clients/api-client.resolver';
import { ApiClientService } from './api-clients/api-client.service';
import { ApiClientsModule } from './api-clients/api-clients.module';
import { WebhookDeliveryProcessor } from './jobs/webhook-delivery.processor';
import { WebhookDeliveryQueue } from './jobs/webhook-delivery.queue';
import { WebhookDeliveryReconciler } from './jobs/webhook-delivery.reconciler';
import { WebhookDeliveryService } from './jobs/webhook-delivery.service';
import { WebhookSender } from './jobs/webhook-sender';
import { OAuthTokenController } from './oauth/oauth-token.controller';
import { OAuthTokenService } from './oauth/oauth-token.service';
import { WebhookDeliveryRepository } from './repositories/webhook-delivery.repository';
import { WebhookRepository } from './repositories/webhook.repository';
import { ReportStatusWebhooks } from './webhooks/report-status-webhooks.listener';
import { WebhookSecretCipher } from './webhooks/webhook-secret.cipher';
import { WebhookTargetPolicy } from './webhooks/webhook-target.policy';
import { WebhookDispatcher } from './webhooks/webhook.dispatcher';
import { WebhookResolver } from './webhooks/webhook.resolver';
import { WebhookService } from './webhooks/webhook.service';

/**
 * Integrators: OAuth clients (client credentials at POST /oauth/token) and webhooks (signed
 * deliveries through the `webhook-deliveries` queue, processed by workers).
 */
@Module({
  imports: [
    BullModule.registerQueue({ name: QueueName.WebhookDeliveries }),
    ApiClientsModule,
    OrganizationsModule,
    RateLimitModule,
  ],
  controllers: [OAuthTokenController],
  providers: [
    ApiClientService,
    ApiClientResolver,
    OAuthTokenService,
    WebhookRepository,
    WebhookDeliveryRepository,
    WebhookTargetPolicy,
    WebhookSecretCipher,
    WebhookService,
    WebhookResolver,
    WebhookDeliveryQueue,
    WebhookDispatcher,
    ReportStatusWebhooks,
    ...workerProviders(
      WebhookSender,
      WebhookDeliveryService,
      WebhookDeliveryProcessor,
      WebhookDeliveryReconciler,
    ),
  ],
  exports: [WebhookDispatcher],
})
export class IntegrationsModule implements OnModuleInit {
  constructor(
    private readonly tokens: TokenVerifier,
    private readonly clients: ApiClientRegistry,
  ) {}

  // Client tokens count only while their client is active: revocation takes effect at once.
  onModuleInit(): void {
    this.tokens.registerCheck((principal) => this.clients.isActive(principal));
  }
}
