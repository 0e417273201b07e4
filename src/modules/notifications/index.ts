// The notifications module's public surface: the only path other modules import from.
export { NotificationsModule } from './notifications.module';
export { NOTIFICATION_ENTITIES } from './entities';
export { NotificationFanOutService } from './fan-out/notification-fan-out.service';
export type { FanOutResult } from './fan-out/notification-fan-out.service';
export { NotificationSubscriptionService } from './subscriptions/notification-subscription.service';
export { PersonalNotices } from './notices/personal-notices.service';
export type { PersonalNotice } from './notices/personal-notices.service';
export { NotificationsDataExporter } from './export/notifications-data.exporter';
