import { registerEnumType } from '@nestjs/graphql';

/** Roles on the platform itself (not in an organization), given only by the CLI. */
export enum PlatformRole {
  INTER_AGENCY_OPERATOR = 'INTER_AGENCY_OPERATOR',
  PLATFORM_ADMIN = 'PLATFORM_ADMIN',
}

registerEnumType(PlatformRole, {
  name: 'PlatformRole',
  description: 'A role on the platform itself, given by the operations team through the CLI.',
});
