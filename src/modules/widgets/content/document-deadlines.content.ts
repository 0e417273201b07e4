import { passportValidity } from '../../identity';
import type { PassportFacts } from '../../identity';
import { WidgetContent } from '../graphql/widget-content.type';
import { WidgetItem } from '../graphql/widget-item.type';

/** Days ahead from which a deadline counts as due (the first reminder goes then). */
export const DUE_WITHIN_DAYS = 60;

function russianDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

function daysUntil(today: string, date: string): number {
  return Math.round(
    (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
}

/**
 * DOCUMENT_DEADLINES: the person's documents with an end, soonest first. `status` is OVERDUE
 * (the day passed), DUE (within 60 days, counted in the badge) or UPCOMING; `date` is the day it
 * must be replaced by. A passport issued at 45 or later never ends and is not listed.
 */
export function documentDeadlinesContent(
  passports: readonly PassportFacts[],
  today: string,
  limit: number,
): WidgetContent {
  const deadlines = passports
    .map((p) => passportValidity(p.birthDate, p.issuedAt))
    .filter((v): v is NonNullable<typeof v> => v !== null)
    .sort((a, b) => a.validUntil.localeCompare(b.validUntil));
  const items = deadlines.map((v) => {
    const days = daysUntil(today, v.validUntil);
    const status = days <= 0 ? 'OVERDUE' : days <= DUE_WITHIN_DAYS ? 'DUE' : 'UPCOMING';
    return Object.assign(new WidgetItem(), {
      title:
        status === 'OVERDUE'
          ? `Паспорт просрочен: заменить нужно было до ${russianDate(v.validUntil)}`
          : `Замените паспорт до ${russianDate(v.validUntil)}`,
      subtitle: `В ${v.age} лет паспорт гражданина России нужно заменить`,
      amount: null,
      status,
      date: new Date(`${v.validUntil}T00:00:00.000Z`),
    });
  });
  const due = items.filter((i) => i.status !== 'UPCOMING').length;
  return Object.assign(new WidgetContent(), {
    summary: items[0]?.title ?? 'Документов, которые скоро нужно заменить, нет',
    badge: due > 0 ? due : null,
    items: items.slice(0, limit),
  });
}
