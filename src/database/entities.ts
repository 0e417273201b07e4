import { DATA_EXPORT_ENTITIES } from '../modules/data-export/entities';
import { DOCUMENT_REMINDER_ENTITIES } from '../modules/document-reminders/entities';
import { DataAccessRecordEntity } from '../modules/audit/entities/data-access-record.entity';
import { AUTH_ENTITIES } from '../modules/auth/entities';
import { IDENTITY_ENTITIES } from '../modules/identity/entities';
import { INTEGRATION_ENTITIES } from '../modules/integrations/entities';
import { INTER_AGENCY_ENTITIES } from '../modules/inter-agency/entities';
import { ORGANIZATION_ENTITIES } from '../modules/organizations/entities';
import { PlatformRoleAssignmentEntity } from '../modules/platform-roles/entities/platform-role-assignment.entity';
import { PROFILE_ENTITIES } from '../modules/profile/entities';
import { REMOTE_WORK_REPORT_ENTITIES } from '../modules/remote-work-reports/entities';
import { NOTIFICATION_ENTITIES } from '../modules/notifications/entities';
import { ServiceEventEntity } from '../modules/service-events/entities/service-event.entity';
import { WIDGET_ENTITIES } from '../modules/widgets/entities';

// Every entity of every module, in one list: the app, the CLI and the tests load the same set.
export const ENTITIES: (abstract new (...args: never) => unknown)[] = [
  ...IDENTITY_ENTITIES,
  ...AUTH_ENTITIES,
  PlatformRoleAssignmentEntity,
  ...ORGANIZATION_ENTITIES,
  ...REMOTE_WORK_REPORT_ENTITIES,
  ...INTEGRATION_ENTITIES,
  ...PROFILE_ENTITIES,
  DataAccessRecordEntity,
  ...INTER_AGENCY_ENTITIES,
  ServiceEventEntity,
  ...NOTIFICATION_ENTITIES,
  ...WIDGET_ENTITIES,
  ...DATA_EXPORT_ENTITIES,
  ...DOCUMENT_REMINDER_ENTITIES,
];
