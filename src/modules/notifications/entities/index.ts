import { NotificationSubscriptionEntity } from './notification-subscription.entity';
import { NotificationEntity } from './notification.entity';

export const NOTIFICATION_ENTITIES = [NotificationSubscriptionEntity, NotificationEntity];
