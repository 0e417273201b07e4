import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from '../../../shared/graphql/date.scalar';
import { LinkProofFields } from './link-fields';

/** The single-valued identifiers of a profile that are proven through a registry. */
export enum ProfileLinkKind {
  DRIVER_LICENSE = 'DRIVER_LICENSE',
  PAYER_CODE = 'PAYER_CODE',
  ELECTRICITY_ACCOUNT = 'ELECTRICITY_ACCOUNT',
  OMS_POLICY = 'OMS_POLICY',
}

registerEnumType(ProfileLinkKind, {
  name: 'ProfileLinkKind',
  description:
    'A profile identifier proven through a registry: DRIVER_LICENSE (number + issue date + name), PAYER_CODE and ELECTRICITY_ACCOUNT (code + the check code on the bill), OMS_POLICY (number + verified name and birth date).',
});

@ObjectType({
  description:
    'A profile identifier with its proof state (vehicles and children carry the same fields).',
})
export class ProfileLink extends LinkProofFields {
  @Field(() => ProfileLinkKind, { description: 'Which identifier.' })
  kind!: ProfileLinkKind;

  @Field({ description: 'The identifier as stored.' })
  value!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'The last day the document is valid (DRIVER_LICENSE: 10 years from driverLicenseIssuedAt, the date printed in 4b); null for identifiers that do not expire or while the issue date is unknown.',
  })
  validUntil!: string | null;
}
