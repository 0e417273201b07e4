import {
  addDays,
  daysBetween,
  driverLicenseReminderText,
  moscowDate,
  passportReminderText,
  russianDays,
} from './document-reminder-texts';

describe('document reminder texts', () => {
  it('should take the Moscow day of an instant', () => {
    expect(moscowDate(new Date('2026-03-01T20:59:59Z'))).toBe('2026-03-01');
    expect(moscowDate(new Date('2026-03-01T21:00:00Z'))).toBe('2026-03-02');
  });

  it('should count days across months and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(daysBetween('2026-03-01', '2026-04-30')).toBe(60);
  });

  it('should decline days in Russian', () => {
    expect([1, 2, 5, 7, 11, 21, 22, 30, 60, 112].map(russianDays)).toEqual([
      '1 день',
      '2 дня',
      '5 дней',
      '7 дней',
      '11 дней',
      '21 день',
      '22 дня',
      '30 дней',
      '60 дней',
      '112 дней',
    ]);
  });

  it('should name the date, the age and the days left', () => {
    expect(passportReminderText('2026-05-17', 20, 30)).toEqual({
      title: 'Замените паспорт до 17.05.2026',
      body: expect.stringContaining(
        'В 20 лет паспорт гражданина России нужно заменить. Срок — 17.05.2026, осталось 30 дней.',
      ),
    });
  });

  it('should name the printed expiry of a driver licence and the days left', () => {
    expect(driverLicenseReminderText('2030-05-17', 7)).toEqual({
      title: 'Водительское удостоверение действует до 17.05.2030',
      body: expect.stringContaining('ваше действует до 17.05.2030, осталось 7 дней.'),
    });
  });
});
