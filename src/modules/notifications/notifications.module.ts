import { Module, OnModuleInit } from '@nestjs/common';
import { workerProviders } from '../../queues/worker-providers';
import { AccountDeletionRegistry, IdentityModule } from '../identity';
import { MessagingModule } from '../messaging';
import { ProfileModule } from '../profile';
import { ServiceEventsModule } from '../service-events';
import { NotificationAccountPurge } from './copies/notification-account-purge';
import { NotificationCopySweeper } from './copies/notification-copy.sweeper';
import { NotificationDeliveryService } from './delivery/notification-delivery.service';
import { DocumentStatusNotifier } from './documents/document-status.notifier';
import { NotificationsDataExporter } from './export/notifications-data.exporter';
import { FanOutServiceEventProcessor } from './fan-out/fan-out-service-event.processor';
import { NotificationFanOutService } from './fan-out/notification-fan-out.service';
import { NotificationRetractionService } from './fan-out/notification-retraction.service';
import { PersonalNotices } from './notices/personal-notices.service';
import { NotificationInboxService } from './inbox/notification-inbox.service';
import { NotificationResolver } from './inbox/notification.resolver';
import { NotificationSubscriptionRepository } from './notification-subscription.repository';
import { NotificationRepository } from './notification.repository';
import { NotificationSettingsRepository } from './notification-settings.repository';
import { NotificationClock } from './quiet-hours/notification-clock';
import { NotificationSettingsResolver } from './quiet-hours/notification-settings.resolver';
import { NotificationSettingsService } from './quiet-hours/notification-settings.service';
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
    NotificationClock,
    NotificationSettingsRepository,
    NotificationSettingsService,
    NotificationSettingsResolver,
    NotificationAccountPurge,
    NotificationsDataExporter,
    ...workerProviders(
      NotificationRetractionService,
      NotificationFanOutService,
      FanOutServiceEventProcessor,
      NotificationCopySweeper,
    ),
  ],
  exports: [PersonalNotices, NotificationSubscriptionService, NotificationsDataExporter],
})
export class NotificationsModule implements OnModuleInit {
  constructor(
    private readonly deletion: AccountDeletionRegistry,
    private readonly purge: NotificationAccountPurge,
  ) {}

  // A deleted account's notifications go, and so do its SMS / e-mail copies still queued.
  onModuleInit(): void {
    this.deletion.register({ purge: (em, userId) => this.purge.purge(em, userId) });
  }
}
