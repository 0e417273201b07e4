import { Connection, Page } from '../../../shared/graphql/connection';
import { Notification } from './notification.type';

export const NotificationConnection = Connection(
  Notification,
  'Notification',
  'A page of my notifications, newest first.',
);
export type NotificationConnection = Page<Notification>;
