import { AccessRequestEntity } from './access-request.entity';
import { DataKindEntity } from './data-kind.entity';
import { DeveloperRepresentativeEntity } from './developer-representative.entity';
import { InformationSystemEntity } from './information-system.entity';
import { InterAgencyHeldEventEntity } from './inter-agency-held-event.entity';
import { InterAgencyAuditRecordEntity } from './inter-agency-audit-record.entity';
import { InterAgencyMessageEventEntity } from './inter-agency-message-event.entity';
import { InterAgencyMessageEntity } from './inter-agency-message.entity';
import { InterAgencyDigestEntity } from './inter-agency-digest.entity';
import { InterAgencyNamespaceEntity } from './inter-agency-namespace.entity';
import { InterAgencyNoticeEntity } from './inter-agency-notice.entity';
import { SpecialQueueEntity } from './special-queue.entity';

export const INTER_AGENCY_ENTITIES = [
  InformationSystemEntity,
  DataKindEntity,
  AccessRequestEntity,
  SpecialQueueEntity,
  DeveloperRepresentativeEntity,
  InterAgencyAuditRecordEntity,
  InterAgencyMessageEntity,
  InterAgencyMessageEventEntity,
  InterAgencyHeldEventEntity,
  InterAgencyNamespaceEntity,
  InterAgencyNoticeEntity,
  InterAgencyDigestEntity,
];
