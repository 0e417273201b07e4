import { Module } from '@nestjs/common';
import { workerProviders } from '../../queues/worker-providers';
import { IdentityModule } from '../identity';
import { MessagingModule } from '../messaging';
import { ProfileModule } from '../profile';
import { ServiceEventsModule } from '../service-events';
import { NotificationCopySweeper } from './copies/notification-copy.sweeper';
import { NotificationDeliveryService } from './delivery/notification-delivery.service';
import { DocumentStatusNotifier } from './documents/document-status.notifier';
import { NotificationsDataExporter } from './export/notifications-data.exporter';
import { FanOutServiceEventProcessor } from './fan-out/fan-out-service-event.processor';
import { NotificationFanOutService } from './fan-out/notification-fan-out.service';
import { PersonalNotices } from './notices/personal-notices.service';
import { NotificationInboxService } from './inbox/notification-inbox.service';
import { NotificationResolver } from './inbox/notification.resolver';
import { NotificationSubscriptionRepository } from './notification-subscription.repository';
import { NotificationRepository } from './notification.repository';
import { NotificationSubscriptionResolver } from './subscriptions/notification-subscription.resolver';
import { NotificationSubscriptionService } from './subscriptions/notification-subscription.service';

/**
 * Subscriptions to notification categories, the inbox, live `notificationReceived`, SMS / e-mail
 * copies, the fan-out of service events (worker side) and document-status notices.
 */
@Module({
  imports: [ServiceEventsModule, MessagingModule, ProfileModule, IdentityModule],
  providers: [
    NotificationRepository,
    NotificationSubscriptionRepository,
    NotificationDeliveryService,
    NotificationSubscriptionService,
    NotificationInboxService,
    NotificationSubscriptionResolver,
    NotificationResolver,
    DocumentStatusNotifier,
    PersonalNotices,
    NotificationsDataExporter,
    ...workerProviders(
      NotificationFanOutService,
      FanOutServiceEventProcessor,
      NotificationCopySweeper,
    ),
  ],
  exports: [PersonalNotices, NotificationSubscriptionService, NotificationsDataExporter],
})
export class NotificationsModule {}
