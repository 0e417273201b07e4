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
