import { registerEnumType } from '@nestjs/graphql';

export enum WidgetType {
  PAYMENTS = 'PAYMENTS',
  HEALTH = 'HEALTH',
  CHILD_AT_SCHOOL = 'CHILD_AT_SCHOOL',
  SPORTS_SCHOOLS = 'SPORTS_SCHOOLS',
  PENSION_FUND = 'PENSION_FUND',
  TRAFFIC_FINES = 'TRAFFIC_FINES',
  STATE_EXAMS = 'STATE_EXAMS',
  ACTIVE_CITIZEN = 'ACTIVE_CITIZEN',
  CROWDSOURCING = 'CROWDSOURCING',
  DOCUMENT_DEADLINES = 'DOCUMENT_DEADLINES',
}

registerEnumType(WidgetType, {
  name: 'WidgetType',
  description: 'A kind of dashboard widget (see widgetCatalog for what each needs).',
});
