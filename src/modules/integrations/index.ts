// The integrations module's public surface: the only path other modules import from.
export { ApiClientsModule } from './api-clients/api-clients.module';
export { ApiClientRegistry } from './api-clients/api-client.registry';
export type { NewApiClient } from './api-clients/api-client.registry';
export {
  ALL_SCOPES,
  checkClientScopes,
  ORGANIZATION_SCOPES,
  PLATFORM_SCOPES,
} from './api-clients/api-client-scopes';
export { INTEGRATION_ENTITIES } from './entities';
export type { WebhookEventData } from './entities/webhook-delivery.entity';
export { WebhookEvent } from './graphql/webhook-event.enum';
export { IntegrationsModule } from './integrations.module';
export { WebhookDispatcher } from './webhooks/webhook.dispatcher';
export { signWebhookBody, verifyWebhookSignature } from './webhooks/webhook-signature';
