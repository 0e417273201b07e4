import {
  createTestCa,
  issueQualifiedCertificate,
  type QualifiedCertificateOptions,
  type TestCa,
} from '../../../../test/support/pki/test-pki';
import { extractCertificateSubject } from './certificate-subject';

const SNILS = '11223344595';
const OGRN = '1027700132195';
const INN_LE = '7707083893';
const PERSON_INN = '770708389312';
const OGRNIP = '304500116000157';
const SOLE_PROPRIETOR_INN = '500100732259';

describe(extractCertificateSubject.name, () => {
  let ca: TestCa;

  beforeAll(async () => {
    ca = await createTestCa({ name: 'Test Qualified CA', keyAlgorithm: 'EC' });
  });

  const extract = async (options: Omit<QualifiedCertificateOptions, 'keyAlgorithm'>) =>
    extractCertificateSubject(
      (await issueQualifiedCertificate(ca, { keyAlgorithm: 'EC', ...options })).certificate,
    );

  it.each(['numeric', 'utf8', 'printable'] as const)(
    'should read a legal entity certificate when identifiers are written as %s strings',
    async (identifierEncoding) => {
      const result = await extract({
        snils: SNILS,
        ogrn: OGRN,
        innLe: INN_LE,
        inn: PERSON_INN,
        organizationName: 'ПАО «Ромашка»',
        surname: 'Иванов',
        givenName: 'Иван Иванович',
        commonName: 'ПАО «Ромашка»',
        identifierEncoding,
      });

      expect(result).toEqual({
        ok: true,
        subject: {
          snils: SNILS,
          ogrn: OGRN,
          inn: INN_LE,
          personInn: PERSON_INN,
          organizationName: 'ПАО «Ромашка»',
          surname: 'Иванов',
          givenName: 'Иван Иванович',
          commonName: 'ПАО «Ромашка»',
          organizationType: 'LEGAL_ENTITY',
        },
      });
    },
  );

  it('should mark a sole proprietor when the certificate carries OGRNIP', async () => {
    const result = await extract({
      snils: SNILS,
      ogrnip: OGRNIP,
      inn: SOLE_PROPRIETOR_INN,
      surname: 'Петрова',
      givenName: 'Анна Сергеевна',
      commonName: 'Петрова Анна Сергеевна',
    });

    expect(result).toEqual({
      ok: true,
      subject: {
        snils: SNILS,
        ogrnip: OGRNIP,
        inn: SOLE_PROPRIETOR_INN,
        personInn: SOLE_PROPRIETOR_INN,
        surname: 'Петрова',
        givenName: 'Анна Сергеевна',
        commonName: 'Петрова Анна Сергеевна',
        organizationType: 'SOLE_PROPRIETOR',
      },
    });
  });

  it('should strip the two leading zeros when an old certificate puts the 10-digit INN into INN', async () => {
    const result = await extract({ snils: SNILS, ogrn: OGRN, inn: `00${INN_LE}` });

    expect(result).toMatchObject({ ok: true, subject: { inn: INN_LE } });
    expect(result.ok && result.subject.personInn).toBeUndefined();
  });

  it('should accept a 10-digit INN in the INN attribute when ИНН ЮЛ is absent', async () => {
    const result = await extract({ snils: SNILS, ogrn: OGRN, inn: INN_LE });

    expect(result).toMatchObject({ ok: true, subject: { inn: INN_LE } });
  });

  it('should prefer ИНН ЮЛ over the INN attribute for a legal entity', async () => {
    const result = await extract({ snils: SNILS, ogrn: OGRN, innLe: INN_LE, inn: '007700000000' });

    expect(result).toMatchObject({ ok: true, subject: { inn: INN_LE } });
  });

  it('should normalise a SNILS written with separators', async () => {
    const result = await extract({
      snils: '112-233-445 95',
      ogrn: OGRN,
      innLe: INN_LE,
      identifierEncoding: 'utf8',
    });

    expect(result).toMatchObject({ ok: true, subject: { snils: SNILS } });
  });

  it.each<[string, Omit<QualifiedCertificateOptions, 'keyAlgorithm'>, string]>([
    ['SNILS is missing', { ogrn: OGRN, innLe: INN_LE }, 'SNILS'],
    ['SNILS is too short', { snils: '1122334459', ogrn: OGRN, innLe: INN_LE }, 'SNILS'],
    ['neither OGRN nor OGRNIP is present', { snils: SNILS, innLe: INN_LE }, 'OGRN'],
    [
      'both OGRN and OGRNIP are present',
      { snils: SNILS, ogrn: OGRN, ogrnip: OGRNIP, innLe: INN_LE },
      'exactly one',
    ],
    ['OGRN has the wrong length', { snils: SNILS, ogrn: '102770013219', innLe: INN_LE }, 'OGRN'],
    ['a legal entity has no INN', { snils: SNILS, ogrn: OGRN }, '10-digit INN'],
    [
      'a legal entity has only the signer’s personal INN',
      { snils: SNILS, ogrn: OGRN, inn: PERSON_INN },
      '10-digit INN',
    ],
    [
      'a sole proprietor has a 10-digit INN',
      { snils: SNILS, ogrnip: OGRNIP, inn: INN_LE },
      '12-digit INN',
    ],
  ])('should refuse the certificate when %s', async (_case, options, message) => {
    const result = await extract(options);

    expect(result).toEqual({ ok: false, message: expect.stringContaining(message) });
  });
});
