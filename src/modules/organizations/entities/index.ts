import { AccessGrantEntity } from './access-grant.entity';
import { MembershipEntity } from './membership.entity';
import { OrganizationEntity } from './organization.entity';
import { SignatureChallengeEntity } from './signature-challenge.entity';
import { SignatureIdentityEntity } from './signature-identity.entity';

export const ORGANIZATION_ENTITIES = [
  OrganizationEntity,
  MembershipEntity,
  AccessGrantEntity,
  SignatureChallengeEntity,
  SignatureIdentityEntity,
];
