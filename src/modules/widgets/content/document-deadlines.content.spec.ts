import { documentDeadlinesContent } from './document-deadlines.content';

const person = (birthDate: string, issuedAt: string) => ({
  documentId: 'd',
  userId: 'u',
  birthDate,
  issuedAt,
});
const passports = (...list: ReturnType<typeof person>[]) => ({
  passports: list,
  driverLicense: null,
});
const licence = (issuedAt: string) => ({ userId: 'u', issuedAt });

describe('documentDeadlinesContent', () => {
  const today = '2026-03-01';

  it('should mark overdue, due within 60 days and upcoming ends, soonest first', () => {
    const content = documentDeadlinesContent(
      passports(
        person('1990-06-01', '2010-07-01'), // 45 on 2035-06-01: upcoming
        person('2006-04-15', '2020-05-01'), // 20 on 2026-04-15: due in 45 days
        person('1981-01-10', '2001-02-01'), // 45 on 2026-01-10: overdue
      ),
      today,
      5,
    );
    expect(content.items.map((i) => [i.status, i.date?.toISOString().slice(0, 10)])).toEqual([
      ['OVERDUE', '2026-01-10'],
      ['DUE', '2026-04-15'],
      ['UPCOMING', '2035-06-01'],
    ]);
    expect(content.badge).toBe(2);
    expect(content.summary).toBe('Паспорт просрочен: заменить нужно было до 10.01.2026');
  });

  it('should list nothing for a passport issued at 45, and keep to the limit', () => {
    expect(
      documentDeadlinesContent(passports(person('1960-01-01', '2006-01-01')), today, 5),
    ).toEqual({
      summary: 'Документов, которые скоро нужно заменить, нет',
      badge: null,
      items: [],
    });
    const many = passports(person('2006-04-15', '2020-05-01'), person('1990-06-01', '2010-07-01'));
    expect(documentDeadlinesContent(many, today, 1).items).toHaveLength(1);
  });

  it('should list the driver licence beside the passport, by its printed expiry', () => {
    const content = documentDeadlinesContent(
      {
        passports: [person('2006-04-15', '2020-05-01')], // 20 on 2026-04-15: due
        driverLicense: licence('2016-03-20'), // valid through 2026-03-20: due in 19 days
      },
      today,
      5,
    );
    expect(content.items.map((i) => [i.status, i.date?.toISOString().slice(0, 10)])).toEqual([
      ['DUE', '2026-03-20'],
      ['DUE', '2026-04-15'],
    ]);
    expect(content.items[0]).toMatchObject({
      title: 'Водительское удостоверение действует до 20.03.2026',
      subtitle: 'Водительское удостоверение действует 10 лет со дня выдачи',
    });
    expect(content.badge).toBe(2);
  });

  it('should keep a licence valid on its printed day and overdue from the next', () => {
    const status = (issuedAt: string) =>
      documentDeadlinesContent({ passports: [], driverLicense: licence(issuedAt) }, today, 5)
        .items[0];
    expect(status('2016-03-01')).toMatchObject({ status: 'DUE' });
    expect(status('2016-02-29')).toMatchObject({
      status: 'OVERDUE',
      title: 'Водительское удостоверение просрочено: действовало до 28.02.2026',
    });
    expect(status('2016-04-30')).toMatchObject({ status: 'DUE' });
    expect(status('2016-05-01')).toMatchObject({ status: 'UPCOMING' });
  });
});
