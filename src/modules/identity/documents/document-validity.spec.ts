import { addYears, driverLicenseValidity, passportValidity } from './document-validity';

describe('passportValidity', () => {
  it('should end a passport issued at 14 on the 20th birthday', () => {
    expect(passportValidity('2006-05-17', '2020-06-01')).toEqual({
      validUntil: '2026-05-17',
      age: 20,
    });
  });

  it('should end a passport issued between 20 and 45 on the 45th birthday', () => {
    expect(passportValidity('1981-03-02', '2001-03-10')).toEqual({
      validUntil: '2026-03-02',
      age: 45,
    });
  });

  it('should count a passport issued on the 20th birthday as the one of 20', () => {
    expect(passportValidity('1990-01-15', '2010-01-15')).toEqual({
      validUntil: '2035-01-15',
      age: 45,
    });
  });

  it('should keep a passport issued at 45 or later valid for life', () => {
    expect(passportValidity('1960-08-01', '2005-08-01')).toBeNull();
    expect(passportValidity('1960-08-01', '2010-09-01')).toBeNull();
  });

  it('should move 29 February to the 28th in a common year', () => {
    expect(addYears('2004-02-29', 20)).toBe('2024-02-29');
    expect(addYears('2004-02-29', 21)).toBe('2025-02-28');
    expect(passportValidity('2005-02-28', '2019-03-01')!.validUntil).toBe('2025-02-28');
  });
});

describe('driverLicenseValidity', () => {
  it('should end a driver licence 10 years after its issue, a printed expiry', () => {
    expect(driverLicenseValidity('2016-05-17')).toEqual({ validUntil: '2026-05-17', age: null });
  });

  it('should end a licence issued on 29 February on 28 February of a common year', () => {
    expect(driverLicenseValidity('2016-02-29').validUntil).toBe('2026-02-28');
    expect(driverLicenseValidity('2020-02-29').validUntil).toBe('2030-02-28');
  });
});
