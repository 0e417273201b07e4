import { registerEnumType } from '@nestjs/graphql';

export enum OrganizationType {
  LEGAL_ENTITY = 'LEGAL_ENTITY',
  SOLE_PROPRIETOR = 'SOLE_PROPRIETOR',
}

export enum MemberRole {
  HEAD = 'HEAD',
  ADMIN = 'ADMIN',
  EMPLOYEE = 'EMPLOYEE',
}

/** Where a membership stands: invited people reach nothing until they accept. */
export enum MembershipStatus {
  INVITED = 'INVITED',
  ACTIVE = 'ACTIVE',
  DECLINED = 'DECLINED',
}

/** Systems of the portal an employee reaches only through a grant («Доверенности и доступы»). */
export enum OrgSystem {
  REMOTE_WORK_REPORTS = 'REMOTE_WORK_REPORTS',
  INTER_AGENCY_PORTAL = 'INTER_AGENCY_PORTAL',
}

registerEnumType(OrganizationType, {
  name: 'OrganizationType',
  description: 'A legal entity (ЮЛ) or a sole proprietor (ИП).',
});
registerEnumType(MemberRole, {
  name: 'MemberRole',
  description: 'HEAD and ADMIN manage the organization; EMPLOYEE reaches systems through grants.',
});
registerEnumType(OrgSystem, {
  name: 'OrgSystem',
  description: 'A system of the portal that an organization’s employee reaches through a grant.',
});
registerEnumType(MembershipStatus, {
  name: 'MembershipStatus',
  description:
    'INVITED until the person accepts (names hidden, no sign-in, grants or reports), then ACTIVE; DECLINED when they refuse.',
});
