import { missingForNewAccount, readFederatedClaims } from './federated-claims';

describe('readFederatedClaims', () => {
  const full = {
    sub: 'esia-1001',
    family_name: ' Иванова ',
    given_name: 'Мария',
    middle_name: 'Ивановна',
    birthdate: '1990-02-28',
    phone_number: '+7 (916) 123-45-67',
    phone_number_verified: true,
    snils: '11223344595',
    trusted: true,
  };

  it('should normalise every claim API.md names', () => {
    expect(readFederatedClaims(full)).toEqual({
      subject: 'esia-1001',
      lastName: 'Иванова',
      firstName: 'Мария',
      middleName: 'Ивановна',
      birthDate: '1990-02-28',
      phone: '+79161234567',
      phoneVerified: true,
      snils: '112-233-445 95',
      trusted: true,
    });
  });

  it('should return null without a usable sub', () => {
    expect(readFederatedClaims({ ...full, sub: '' })).toBeNull();
    expect(readFederatedClaims({ ...full, sub: 42 })).toBeNull();
    expect(readFederatedClaims({ ...full, sub: 'x'.repeat(256) })).toBeNull();
  });

  it('should drop values of the wrong shape instead of trusting them', () => {
    const claims = readFederatedClaims({
      ...full,
      snils: '112-233-445 96',
      phone_number: '+7 495 123-45-67',
      birthdate: '1990-02-30',
      trusted: 'true',
      phone_number_verified: 'true',
      given_name: 7,
    });
    expect(claims).toMatchObject({
      snils: null,
      phone: null,
      birthDate: null,
      trusted: false,
      phoneVerified: false,
      firstName: null,
    });
  });

  it('should refuse birth dates in the future or in another format', () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    expect(readFederatedClaims({ ...full, birthdate: `${nextYear}-01-01` })?.birthDate).toBeNull();
    expect(readFederatedClaims({ ...full, birthdate: '28.02.1990' })?.birthDate).toBeNull();
  });

  it('should list what a new account lacks', () => {
    const claims = readFederatedClaims({ sub: 's', given_name: 'Мария' })!;
    expect(missingForNewAccount(claims)).toEqual(['lastName', 'phone']);
    expect(missingForNewAccount(readFederatedClaims(full)!)).toEqual([]);
  });
});
