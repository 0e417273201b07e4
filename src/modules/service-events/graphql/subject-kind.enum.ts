import { registerEnumType } from '@nestjs/graphql';

/** The kind of identifier a service event is about; each matches one profile field. */
export enum SubjectKind {
  SNILS = 'SNILS',
  PHONE = 'PHONE',
  VEHICLE_PLATE = 'VEHICLE_PLATE',
  DRIVER_LICENSE = 'DRIVER_LICENSE',
  PAYER_CODE = 'PAYER_CODE',
  ELECTRICITY_ACCOUNT = 'ELECTRICITY_ACCOUNT',
  OMS_POLICY = 'OMS_POLICY',
  ADDRESS = 'ADDRESS',
  CHILD_SNILS = 'CHILD_SNILS',
}

registerEnumType(SubjectKind, {
  name: 'SubjectKind',
  description:
    'The identifier a service event names: SNILS (verified, in force), PHONE (account phone), VEHICLE_PLATE, DRIVER_LICENSE, PAYER_CODE, ELECTRICITY_ACCOUNT, OMS_POLICY, ADDRESS (as written in the profile, case ignored), CHILD_SNILS (a child of the person).',
});
