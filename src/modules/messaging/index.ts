export { MessagingModule } from './messaging.module';
export { MessagingService } from './messaging.service';
