import { validate } from 'class-validator';
import { IsAcceptablePassword, passwordProblem } from './password-policy';

class Holder {
  @IsAcceptablePassword()
  password!: unknown;
}

describe('passwordProblem', () => {
  it.each(['Пароль12', 'correct horse battery staple', 'abcdefgh', '1234567a', 'x'.repeat(128)])(
    'should accept %p',
    (password) => {
      expect(passwordProblem(password)).toBeNull();
    },
  );

  it('should refuse a password shorter than 8 characters', () => {
    expect(passwordProblem('Abc1234')).toMatch(/не менее 8/);
  });

  it('should count characters, not bytes or UTF-16 units', () => {
    expect(passwordProblem('пароль1я')).toBeNull();
    expect(passwordProblem('😀😀😀😀')).toMatch(/не менее 8/);
  });

  it('should refuse a password longer than 128 characters', () => {
    expect(passwordProblem('a'.repeat(129))).toMatch(/не более 128/);
  });

  it('should refuse digits only, whatever the length', () => {
    expect(passwordProblem('12345678')).toMatch(/только из цифр/);
    expect(passwordProblem('1'.repeat(40))).toMatch(/только из цифр/);
  });

  it('should refuse spaces only', () => {
    expect(passwordProblem('         ')).toMatch(/пробелов/);
  });
});

describe('IsAcceptablePassword', () => {
  it('should report the policy message for the field', async () => {
    const holder = Object.assign(new Holder(), { password: '1234567890' });
    const [error] = await validate(holder);
    expect(error.property).toBe('password');
    expect(Object.values(error.constraints ?? {})).toEqual([
      'Пароль не может состоять только из цифр',
    ]);
  });

  it('should refuse a value that is not a string', async () => {
    const holder = Object.assign(new Holder(), { password: 12345678 });
    expect(await validate(holder)).toHaveLength(1);
  });
});
