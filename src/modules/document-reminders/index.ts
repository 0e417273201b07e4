// The document-reminders module's public surface: the only path other modules import from.
export { DocumentRemindersModule } from './document-reminders.module';
export { DOCUMENT_REMINDER_ENTITIES } from './entities';
