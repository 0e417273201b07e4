import type { AccessGrantEntity } from '../entities/access-grant.entity';
import type { MembershipEntity } from '../entities/membership.entity';
import type { OrganizationEntity } from '../entities/organization.entity';
import type { MemberRole } from '../organization.enums';
import { AccessGrant } from './access-grant.type';
import { Membership } from './membership.type';
import { Organization } from './organization.type';

export function toOrganization(
  entity: OrganizationEntity,
  myRole: MemberRole | null,
): Organization {
  return Object.assign(new Organization(), {
    id: entity.id,
    type: entity.type,
    inn: entity.inn,
    ogrn: entity.ogrn,
    kpp: entity.kpp,
    fullName: entity.fullName,
    shortName: entity.shortName,
    myRole,
    createdAt: entity.createdAt,
  });
}

export function toMembership(entity: MembershipEntity): Membership {
  return Object.assign(new Membership(), {
    id: entity.id,
    role: entity.role,
    status: entity.status,
    invitedAs: entity.invitedAs ?? null,
    invitationExpiresAt: entity.invitationExpiresAt ?? null,
    personnelNumber: entity.personnelNumber,
    createdAt: entity.createdAt,
    userId: entity.userId,
    organizationId: entity.organizationId,
  });
}

export function toAccessGrant(entity: AccessGrantEntity): AccessGrant {
  return Object.assign(new AccessGrant(), {
    id: entity.id,
    system: entity.system,
    grantedAt: entity.grantedAt,
    expiresAt: entity.expiresAt,
  });
}
