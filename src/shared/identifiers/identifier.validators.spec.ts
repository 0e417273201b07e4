import { validateSync } from 'class-validator';
import { IsInn, IsRuMobilePhone, IsSnils, IsVehiclePlate } from './identifier.validators';

class ProfileInput {
  @IsSnils()
  snils!: unknown;

  @IsInn()
  inn!: unknown;

  @IsRuMobilePhone()
  phone!: unknown;

  @IsVehiclePlate()
  plate!: unknown;
}

function input(values: Partial<ProfileInput>): ProfileInput {
  return Object.assign(new ProfileInput(), {
    snils: '112-233-445 95',
    inn: '7707083893',
    phone: '8 (916) 123-45-67',
    plate: 'A123BC77',
    ...values,
  });
}

describe('identifier validators', () => {
  it('should pass when every value is valid', () => {
    expect(validateSync(input({}))).toEqual([]);
  });

  it('should report the Russian message of the check when a value is invalid', () => {
    const errors = validateSync(input({ inn: '7707083894', phone: '+7 495 123-45-67' }));
    expect(errors.map((error) => [error.property, error.constraints])).toEqual([
      ['inn', { isInn: 'ИНН 7707083894: неверная контрольная сумма' }],
      [
        'phone',
        {
          isRuMobilePhone:
            'Телефон «+7 495 123-45-67»: это не мобильный номер; ожидается российский мобильный номер вида +7 9XX XXX-XX-XX',
        },
      ],
    ]);
  });

  it('should refuse a value that is not a string', () => {
    const errors = validateSync(input({ snils: 11223344595, plate: 'Б123ВС77' }));
    expect(errors.map((error) => error.property)).toEqual(['snils', 'plate']);
    expect(errors[0].constraints).toEqual({ isSnils: 'snils: ожидается строка' });
  });

  it('should let a custom message win', () => {
    class Custom {
      @IsSnils({ message: 'свой текст' })
      snils = '1';
    }
    expect(validateSync(new Custom())[0].constraints).toEqual({ isSnils: 'свой текст' });
  });
});
