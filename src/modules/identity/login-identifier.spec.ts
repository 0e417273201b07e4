import { loginKey, parseLogin } from './login-identifier';

describe('parseLogin', () => {
  it.each(['8 (916) 123-45-67', '+7 916 123 45 67', '9161234567', '79161234567', '+79161234567'])(
    'should read %p as a phone in E.164',
    (raw) => {
      expect(parseLogin(raw)).toEqual({ kind: 'phone', phone: '+79161234567' });
    },
  );

  it('should read an e-mail, lowercased and trimmed', () => {
    expect(parseLogin('  Ivan.Petrov@Mail.RU ')).toEqual({
      kind: 'email',
      email: 'ivan.petrov@mail.ru',
    });
  });

  it('should read a SNILS written with separators even when its digits look like a phone', () => {
    expect(parseLogin('112-233-445 95')).toEqual({ kind: 'snils', snils: '112-233-445 95' });
  });

  it('should read bare SNILS digits that are not a mobile phone', () => {
    expect(parseLogin('11223344595')).toEqual({ kind: 'snils', snils: '112-233-445 95' });
  });

  it('should read an employee login <INN>/<personnel number>', () => {
    expect(parseLogin('7707083893 / ТН-0042')).toEqual({
      kind: 'employee',
      inn: '7707083893',
      personnelNumber: 'ТН-0042',
    });
  });

  it('should read a word starting with a Latin letter as a school login, lowercased', () => {
    expect(parseLogin(' Pupil.Ivanov-7 ')).toEqual({
      kind: 'school',
      schoolLogin: 'pupil.ivanov-7',
    });
  });

  it.each([
    '',
    'ab',
    'школьник',
    'a@b',
    '+1 202 555 0100',
    '8 (495) 123-45-67',
    '112-233-445 96',
    '7707083894/42',
    '7707083893/',
  ])('should refuse %p', (raw) => {
    expect(parseLogin(raw)).toBeNull();
  });
});

describe('loginKey', () => {
  it('should give every spelling of the same login the same key', () => {
    const a = parseLogin('8 (916) 123-45-67')!;
    const b = parseLogin('+79161234567')!;
    expect(loginKey(a)).toBe(loginKey(b));
    expect(loginKey(parseLogin('A@Example.ru')!)).toBe(loginKey(parseLogin('a@example.ru')!));
  });
});
