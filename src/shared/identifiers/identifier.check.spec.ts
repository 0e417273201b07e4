import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { checkIdentifier } from './identifier.check';
import { IdentifierCheckResult } from './identifier-check.result';
import { IdentifierKind } from './identifier-kind.enum';
import { checkInn } from './inn.check';
import { checkOgrn, checkOgrnip } from './ogrn.check';
import { checkMobilePhone, checkRussianPhone } from './phone.check';
import { checkSnils } from './snils.check';
import { checkStrelka, checkTroika } from './transport-card.check';
import { checkVehiclePlate } from './vehicle-plate.check';

function normalized(result: IdentifierCheckResult): string {
  if (!result.valid) {
    throw new Error(`expected valid, got: ${result.message}`);
  }
  return result.normalized;
}

function message(result: IdentifierCheckResult): string {
  if (result.valid) {
    throw new Error(`expected invalid, got: ${result.normalized}`);
  }
  return result.message;
}

describe('checkSnils', () => {
  it.each([
    ['112-233-445 95', '112-233-445 95'],
    ['11223344595', '112-233-445 95'],
    ['112 233 445 95', '112-233-445 95'],
    ['\u200b112\u00a0233\u2013445\u00a095\t', '112-233-445 95'],
    // Issued before check digits existed: any last two digits are accepted.
    ['001-001-998 00', '001-001-998 00'],
  ])('should accept %j when the checksum is valid or not required', (input, expected) => {
    expect(normalized(checkSnils(input))).toBe(expected);
  });

  it('should give 00 when the weighted sum is 100 or 101', () => {
    // 9·9 + 2·8 + 1·3 = 100; one more 1·1 = 101.
    expect(normalized(checkSnils('920 000 100 00'))).toBe('920-000-100 00');
    expect(normalized(checkSnils('920 000 101 00'))).toBe('920-000-101 00');
    expect(checkSnils('920 000 100 01').valid).toBe(false);
  });

  it('should take the sum modulo 101 when it is above 101', () => {
    // 9·(9+8+…+1) = 405; 405 mod 101 = 1.
    expect(normalized(checkSnils('999999999 01'))).toBe('999-999-999 01');
    // 9·9 + 9·8 + 6·7 + 1·6 = 201; 201 mod 101 = 100, which gives 00.
    expect(normalized(checkSnils('996100000 00'))).toBe('996-100-000 00');
  });

  it('should refuse a wrong checksum with a Russian message quoting the value', () => {
    expect(message(checkSnils('112-233-445 96'))).toBe(
      'СНИЛС «112-233-445 96»: неверная контрольная сумма',
    );
  });

  it.each(['', '1122334459', 'a12-233-445 95'])('should refuse %j when not 11 digits', (input) => {
    expect(message(checkSnils(input))).toMatch(/^СНИЛС .*ожидается 11 цифр/);
  });
});

describe('checkInn', () => {
  it.each(['7707083893', '7701234560', '500100732259', '773301234562', '7701\u00a0234-\u200b560'])(
    'should accept %j when the check digits are valid',
    (input) => {
      expect(normalized(checkInn(input))).toMatch(/^\d{10}(\d{2})?$/);
    },
  );

  it('should refuse 7707083894 with the message from the spec', () => {
    expect(message(checkInn('7707083894'))).toBe('ИНН 7707083894: неверная контрольная сумма');
  });

  it.each(['500100732258', '500100732269'])(
    'should refuse %j when a 12-digit check digit is wrong',
    (input) => {
      expect(message(checkInn(input))).toContain('неверная контрольная сумма');
    },
  );

  it('should say how many digits were found when the length is wrong', () => {
    expect(message(checkInn('77070838'))).toBe(
      'ИНН 77070838: 8 цифр, ожидается 10 цифр (организация) или 12 цифр (индивидуальный предприниматель, физическое лицо)',
    );
  });
});

describe('checkOgrn', () => {
  it.each(['1027700132195', '1027701234560'])(
    'should accept %s when the checksum is valid',
    (input) => {
      expect(normalized(checkOgrn(input))).toBe(input);
    },
  );

  it('should refuse a wrong checksum', () => {
    expect(message(checkOgrn('1027700132196'))).toBe(
      'ОГРН 1027700132196: неверная контрольная сумма',
    );
  });

  it('should refuse an OGRNIP length', () => {
    expect(message(checkOgrn('304500111000012'))).toContain('ожидается 13 цифр');
  });
});

describe('checkOgrnip', () => {
  it.each(['304500111000012', '318774600123452'])(
    'should accept %s when the checksum is valid',
    (input) => {
      expect(normalized(checkOgrnip(input))).toBe(input);
    },
  );

  it('should refuse a wrong checksum', () => {
    expect(message(checkOgrnip('304500111000013'))).toBe(
      'ОГРНИП 304500111000013: неверная контрольная сумма',
    );
  });
});

describe('checkMobilePhone', () => {
  it.each([
    '8 (916) 123-45-67',
    '+7 916 123 45 67',
    '9161234567',
    '79161234567',
    '89161234567',
    '8\u2013916\u2013123\u201345\u201367',
    '\u00a0+7\u00a0(916)\u00a0123\u201145\u201167\u200b',
  ])('should normalise %j to E.164', (input) => {
    expect(normalized(checkMobilePhone(input))).toBe('+79161234567');
  });

  it('should refuse a Moscow landline', () => {
    expect(message(checkMobilePhone('+7 495 123-45-67'))).toBe(
      'Телефон «+7 495 123-45-67»: это не мобильный номер; ожидается российский мобильный номер вида +7 9XX XXX-XX-XX',
    );
  });

  it('should refuse a Kazakhstan number although it shares +7', () => {
    expect(message(checkMobilePhone('+7 701 123 45 67'))).toContain('номер Казахстана');
  });

  it.each(['916123456', '8916123456', '+7916123456789', ''])(
    'should refuse %j when too short or long',
    (input) => {
      expect(message(checkMobilePhone(input))).toMatch(
        /^Телефон .*ожидается российский мобильный номер/,
      );
    },
  );

  it('should refuse another country and letters', () => {
    expect(message(checkMobilePhone('+380 44 123 4567'))).toContain('номер другой страны');
    expect(message(checkMobilePhone('8 916 123 45 67 доб. 1'))).toContain('допустимы только цифры');
  });

  it('should accept the landline as a Russian phone for contact fields', () => {
    expect(normalized(checkRussianPhone('8 (495) 123-45-67'))).toBe('+74951234567');
  });

  it('should agree with libphonenumber on the type of every 9XX prefix', () => {
    for (let prefix = 900; prefix < 1000; prefix++) {
      const e164 = `+7${prefix}1234567`;
      const mobile = parsePhoneNumberFromString(e164)?.getType() === 'MOBILE';
      expect(checkMobilePhone(e164).valid).toBe(mobile);
    }
  });
});

describe('checkVehiclePlate', () => {
  it.each([
    ['А123ВС77', 'А123ВС77'],
    ['A123BC77', 'А123ВС77'],
    ['a123bc77', 'А123ВС77'],
    ['в 456 ор 199', 'В456ОР199'],
    ['Х001ХХ777', 'Х001ХХ777'],
    ['\u00a0Y 777 KM\u00a0102 ', 'У777КМ102'],
  ])('should normalise %j to Cyrillic %s', (input, expected) => {
    expect(normalized(checkVehiclePlate(input))).toBe(expected);
  });

  it('should name the letter that is never used on plates', () => {
    expect(message(checkVehiclePlate('Б123ВС77'))).toBe(
      'Госномер Б123ВС77: ожидается формат А000АА00 или А000АА000 с буквами АВЕКМНОРСТУХ (символ «Б» в номерах не используется)',
    );
  });

  it('should refuse number 000', () => {
    expect(message(checkVehiclePlate('А000ВС77'))).toBe('Госномер А000ВС77: номер 000 не выдаётся');
  });

  it.each(['А123ВС7', 'А123ВС7777', '123ВС77', 'АА123В77', ''])(
    'should refuse %j when the shape is wrong',
    (input) => {
      expect(checkVehiclePlate(input).valid).toBe(false);
    },
  );
});

describe('checkTroika', () => {
  it('should accept 10 digits up to 4294967295', () => {
    expect(normalized(checkTroika('4294967295'))).toBe('4294967295');
    expect(normalized(checkTroika('0012 345 678'))).toBe('0012345678');
  });

  it('should refuse a value above 4294967295', () => {
    expect(message(checkTroika('4294967296'))).toBe(
      'Номер карты «Тройка» 4294967296: номер не может быть больше 4294967295',
    );
  });

  it('should refuse 9 digits', () => {
    expect(message(checkTroika('123456789'))).toBe(
      'Номер карты «Тройка» 123456789: 9 цифр, ожидается 10 цифр',
    );
  });
});

describe('checkStrelka', () => {
  it('should accept 11 digits and refuse 10', () => {
    expect(normalized(checkStrelka('123 456 789 01'))).toBe('12345678901');
    expect(message(checkStrelka('1234567890'))).toContain('ожидается 11 цифр');
  });
});

describe('checkIdentifier', () => {
  it.each([
    [IdentifierKind.SNILS, '11223344595', '112-233-445 95'],
    [IdentifierKind.INN, '7707083893', '7707083893'],
    [IdentifierKind.OGRN, '1027700132195', '1027700132195'],
    [IdentifierKind.OGRNIP, '304500111000012', '304500111000012'],
    [IdentifierKind.PHONE, '8 (916) 123-45-67', '+79161234567'],
    [IdentifierKind.VEHICLE_PLATE, 'a123bc77', 'А123ВС77'],
    [IdentifierKind.TROIKA, '1234567890', '1234567890'],
    [IdentifierKind.STRELKA, '12345678901', '12345678901'],
  ])('should dispatch %s', (kind, input, expected) => {
    expect(checkIdentifier(kind, input)).toEqual({ valid: true, normalized: expected });
  });

  it('should refuse a landline for PHONE', () => {
    expect(checkIdentifier(IdentifierKind.PHONE, '+7 495 123-45-67').valid).toBe(false);
  });
});
