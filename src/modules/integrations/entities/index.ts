import { ApiClientEntity } from './api-client.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEntity } from './webhook.entity';

export const INTEGRATION_ENTITIES = [ApiClientEntity, WebhookEntity, WebhookDeliveryEntity];
