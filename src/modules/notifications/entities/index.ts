import { NotificationSettingsEntity } from './notification-settings.entity';
import { NotificationSubscriptionEntity } from './notification-subscription.entity';
import { NotificationEntity } from './notification.entity';

export const NOTIFICATION_ENTITIES = [
  NotificationSubscriptionEntity,
  NotificationEntity,
  NotificationSettingsEntity,
];
