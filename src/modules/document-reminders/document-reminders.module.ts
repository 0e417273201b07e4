import { Module } from '@nestjs/common';
import { workerProviders } from '../../queues/worker-providers';
import { IdentityModule } from '../identity';
import { NotificationsModule } from '../notifications';
import { ProfileModule } from '../profile';
import { DocumentExpiryReminderRepository } from './document-expiry-reminder.repository';
import { DocumentExpiryReminders } from './document-expiry.reminders';

/** Notices 60, 30 and 7 days before a resident's document must be replaced (worker side). */
@Module({
  imports: [IdentityModule, NotificationsModule, ProfileModule],
  providers: [DocumentExpiryReminderRepository, ...workerProviders(DocumentExpiryReminders)],
})
export class DocumentRemindersModule {}
