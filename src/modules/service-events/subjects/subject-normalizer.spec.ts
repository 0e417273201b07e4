import { SubjectKind } from '../graphql/subject-kind.enum';
import { normalizeSubject } from './subject-normalizer';

describe('normalizeSubject', () => {
  it.each([
    [SubjectKind.SNILS, '112 233 445 95', '112-233-445 95'],
    [SubjectKind.CHILD_SNILS, '11223344595', '112-233-445 95'],
    [SubjectKind.PHONE, '8 (916) 123-45-67', '+79161234567'],
    [SubjectKind.VEHICLE_PLATE, 'a 123 bc 77', 'А123ВС77'],
    [SubjectKind.DRIVER_LICENSE, '77 ав 123456', '77АВ123456'],
    [SubjectKind.PAYER_CODE, ' 12345-67890 ', '1234567890'],
    [SubjectKind.ELECTRICITY_ACCOUNT, '00 123', '00123'],
    [SubjectKind.OMS_POLICY, '1234 5678 9012 3456', '1234567890123456'],
    [SubjectKind.ADDRESS, ' Москва,\u00a0ул.  Тверская, 1 ', 'Москва, ул. Тверская, 1'],
  ])('should normalise %s «%s» to the stored form', (kind, value, expected) => {
    expect(normalizeSubject(kind, value)).toEqual({ valid: true, value: expected });
  });

  it.each([
    [SubjectKind.SNILS, '112-233-445 96'],
    [SubjectKind.VEHICLE_PLATE, 'Ж123ВС77'],
    [SubjectKind.PAYER_CODE, '123'],
    [SubjectKind.OMS_POLICY, '12345678901234567'],
    [SubjectKind.DRIVER_LICENSE, '77-АВ'],
    [SubjectKind.ADDRESS, '   '],
    [SubjectKind.PHONE, '12'],
  ])('should refuse %s «%s» with a Russian message', (kind, value) => {
    const result = normalizeSubject(kind, value);
    expect(result.valid).toBe(false);
    expect(result.valid ? '' : result.message).toMatch(/[А-Яа-я]/);
  });
});
