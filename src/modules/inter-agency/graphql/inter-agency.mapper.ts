import type { AccessRequestEntity } from '../entities/access-request.entity';
import type { DataKindEntity } from '../entities/data-kind.entity';
import type { DeveloperRepresentativeEntity } from '../entities/developer-representative.entity';
import type { InformationSystemEntity } from '../entities/information-system.entity';
import type { InterAgencyMessageEntity } from '../entities/inter-agency-message.entity';
import type { SpecialQueueEntity } from '../entities/special-queue.entity';
import { AccessRequest } from './access-request.type';
import { DataKind } from './data-kind.type';
import { DeveloperRepresentative } from './developer-representative.type';
import { InformationSystem } from './information-system.type';
import { InterAgencyMessage } from './inter-agency-message.type';
import { SpecialQueue } from './special-queue.type';

export function toInformationSystem(e: InformationSystemEntity): InformationSystem {
  return Object.assign(new InformationSystem(), {
    id: e.id,
    mnemonic: e.mnemonic,
    name: e.name,
    environment: e.environment,
    status: e.status,
    createdAt: e.createdAt,
    reviewFlags: [],
    organizationId: e.organizationId,
  });
}

export function toDataKind(e: DataKindEntity): DataKind {
  return Object.assign(new DataKind(), {
    id: e.id,
    name: e.name,
    namespaceUri: e.namespaceUri,
    version: e.version,
    environment: e.environment,
    rootElement: e.rootElement,
    createdAt: e.createdAt,
    ownerSystemId: e.ownerSystemId,
  });
}

export function toAccessRequest(e: AccessRequestEntity): AccessRequest {
  return Object.assign(new AccessRequest(), {
    id: e.id,
    role: e.role,
    environment: e.environment,
    status: e.status,
    reason: e.reason,
    createdAt: e.createdAt,
    decidedAt: e.decidedAt,
    dataKindId: e.dataKindId,
    systemId: e.systemId,
  });
}

export function toSpecialQueue(e: SpecialQueueEntity): SpecialQueue {
  return Object.assign(new SpecialQueue(), { id: e.id, name: e.name, createdAt: e.createdAt });
}

export function toDeveloperRepresentative(
  e: DeveloperRepresentativeEntity,
): DeveloperRepresentative {
  return Object.assign(new DeveloperRepresentative(), {
    id: e.id,
    createdAt: e.createdAt,
    userId: e.userId,
    developerOrganizationId: e.developerOrganizationId,
  });
}

export function toInterAgencyMessage(e: InterAgencyMessageEntity): InterAgencyMessage {
  return Object.assign(new InterAgencyMessage(), {
    id: String(e.id),
    messageId: e.messageId,
    environment: e.environment,
    status: e.status,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    dataKindId: e.dataKindId,
    consumerSystemId: e.consumerSystemId,
    providerSystemId: e.providerSystemId,
    consumerOrganizationId: e.consumerOrganizationId,
    providerOrganizationId: e.providerOrganizationId,
  });
}
