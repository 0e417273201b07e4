import { registerEnumType } from '@nestjs/graphql';

/** What an event or a notification is about. */
export enum NotificationCategory {
  ELECTRICITY_METER = 'ELECTRICITY_METER',
  TRAFFIC_FINES = 'TRAFFIC_FINES',
  VEHICLE_EVACUATION = 'VEHICLE_EVACUATION',
  EXAM_RESULTS = 'EXAM_RESULTS',
  HOT_WATER_SHUTOFF = 'HOT_WATER_SHUTOFF',
  /** Emergency shut-offs of water, heating, gas or electricity: urgent, never held by quiet hours. */
  UTILITY_EMERGENCY = 'UTILITY_EMERGENCY',
  CHILD_PERFORMANCE = 'CHILD_PERFORMANCE',
  OLYMPIAD_RESULTS = 'OLYMPIAD_RESULTS',
  VACCINATION = 'VACCINATION',
  PETS = 'PETS',
  /** Status changes of the person's own documents: always delivered, not subscribable. */
  DOCUMENTS = 'DOCUMENTS',
  /** Invitations to organizations: always delivered, not subscribable. */
  ORGANIZATIONS = 'ORGANIZATIONS',
  /** Reminders of an organization's remote-work report deadline (HEAD and ADMIN who subscribed). */
  REPORTS = 'REPORTS',
}

registerEnumType(NotificationCategory, {
  name: 'NotificationCategory',
  description: 'What a service event or a notification is about.',
  valuesMap: {
    UTILITY_EMERGENCY: {
      description:
        'Emergency shut-offs of water, heating, gas or electricity at an address: urgent, SMS and e-mail copies are sent at once, even in quiet hours.',
    },
    DOCUMENTS: {
      description:
        'Status changes of my SNILS or passport checks: always delivered in-app, not subscribable, not accepted from service events.',
    },
    REPORTS: {
      description:
        'Reminders to HEAD and ADMIN members on the Thursday and Friday before a remote-work report deadline their organization has not met yet: subscribable, not accepted from service events.',
    },
    ORGANIZATIONS: {
      description:
        'Invitations to join an organization: always delivered in-app, not subscribable, not accepted from service events.',
    },
  },
});
