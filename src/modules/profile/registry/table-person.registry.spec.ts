import { samePerson } from './table-person.registry';

describe(samePerson.name, () => {
  const registry = {
    lastName: 'Ёлкина',
    firstName: 'Анна',
    middleName: 'Петровна',
    birthDate: '1990-02-03',
  };

  it('should match ignoring case, ё/е and extra spaces', () => {
    expect(
      samePerson(registry, {
        lastName: ' елкина ',
        firstName: 'АННА',
        middleName: 'петровна',
        birthDate: '1990-02-03',
      }),
    ).toBe(true);
  });

  it('should not match another birth date or patronymic', () => {
    expect(samePerson(registry, { ...registry, birthDate: '1990-02-04' })).toBe(false);
    expect(samePerson(registry, { ...registry, middleName: null })).toBe(false);
  });
});
