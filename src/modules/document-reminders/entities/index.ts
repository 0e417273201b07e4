import { DocumentExpiryReminderEntity } from './document-expiry-reminder.entity';

export const DOCUMENT_REMINDER_ENTITIES = [DocumentExpiryReminderEntity];
