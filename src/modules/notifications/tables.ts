// The tables this module owns: only its files name them in SQL (README "Adding a module").
export const NOTIFICATIONS_TABLES = [
  'notification_subscriptions',
  'notifications',
  'notification_settings',
] as const;
