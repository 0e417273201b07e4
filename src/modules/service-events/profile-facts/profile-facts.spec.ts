import { LinkVerification } from '../../identity';
import { SubjectKind } from '../graphql/subject-kind.enum';
import type { ProfileFacts } from './profile-facts';
import { subjectsOf, unprovenLinksOf } from './profile-facts';

const VERIFIED_AT = new Date('2026-05-01T10:00:00Z');
const PHONE_SINCE = new Date('2026-04-01T08:00:00Z');
const SNILS_VERIFIED_AT = new Date('2026-04-15T09:00:00Z');

const FACTS: ProfileFacts = {
  userId: 'u1',
  childId: null,
  phone: '+79161234567',
  phoneSince: PHONE_SINCE,
  email: null,
  birthDate: null,
  address: 'Москва, ул. Тверская, 1',
  driverLicense: null,
  payerCode: '1234567890',
  electricityAccount: null,
  omsPolicy: null,
  snils: '112-233-445 95',
  snilsVerifiedAt: SNILS_VERIFIED_AT,
  vehicles: ['А123ВС77', 'В456ОР99'],
  children: [
    {
      id: 'c1',
      snils: '112-233-445 95',
      verification: LinkVerification.PENDING,
      verifiedAt: null,
    },
  ],
  links: [
    {
      kind: 'VEHICLE_PLATE',
      value: 'А123ВС77',
      verification: LinkVerification.VERIFIED,
      verifiedAt: VERIFIED_AT,
    },
    {
      kind: 'VEHICLE_PLATE',
      value: 'В456ОР99',
      verification: LinkVerification.REJECTED,
      verifiedAt: null,
    },
    {
      kind: 'PAYER_CODE',
      value: '1234567890',
      verification: LinkVerification.UNVERIFIED,
      verifiedAt: null,
    },
  ],
};

describe('subjectsOf', () => {
  it("should give personal events only to verified links, from their verifiedAt on, and the phone and SNILS from when they became the account's", () => {
    expect(subjectsOf(FACTS)).toEqual([
      { kind: SubjectKind.PHONE, value: '+79161234567', personalSince: PHONE_SINCE },
      { kind: SubjectKind.SNILS, value: '112-233-445 95', personalSince: SNILS_VERIFIED_AT },
      { kind: SubjectKind.ADDRESS, value: 'Москва, ул. Тверская, 1', personalSince: null },
      { kind: SubjectKind.VEHICLE_PLATE, value: 'А123ВС77', personalSince: VERIFIED_AT },
      { kind: SubjectKind.VEHICLE_PLATE, value: 'В456ОР99', personalSince: null },
      { kind: SubjectKind.PAYER_CODE, value: '1234567890', personalSince: null },
      { kind: SubjectKind.CHILD_SNILS, value: '112-233-445 95', personalSince: null },
    ]);
  });

  it('should list the links waiting for proof with a Russian reason', () => {
    const waiting = unprovenLinksOf(FACTS);
    expect(waiting.map((l) => [l.field, l.value, l.verification])).toEqual([
      ['vehicles', 'В456ОР99', LinkVerification.REJECTED],
      ['payerCode', '1234567890', LinkVerification.UNVERIFIED],
      ['children', '112-233-445 95', LinkVerification.PENDING],
    ]);
    waiting.forEach((l) => expect(l.reason).toMatch(/[А-Яа-я]/));
  });
});
