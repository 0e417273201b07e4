import { driverLicenseValidity, passportValidity } from '../../identity';
import type { PassportFacts } from '../../identity';
import type { DriverLicenseFact } from '../../profile';
import { WidgetContent } from '../graphql/widget-content.type';
import { WidgetItem } from '../graphql/widget-item.type';

/** Days ahead from which a deadline counts as due (the first reminder goes then). */
export const DUE_WITHIN_DAYS = 60;

/** The documents the widget lists: passports in force and the profile's driver licence. */
export interface DeadlineDocuments {
  passports: readonly PassportFacts[];
  driverLicense: DriverLicenseFact | null;
}

/** One document's end, worded for the widget. */
interface Deadline {
  date: string;
  /** True when `date` is still a valid day (a printed expiry), false when it is the first invalid one. */
  validOnDate: boolean;
  title: string;
  overdueTitle: string;
  subtitle: string;
}

function russianDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

function daysUntil(today: string, date: string): number {
  return Math.round(
    (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
}

function deadlinesOf(documents: DeadlineDocuments): Deadline[] {
  const deadlines: Deadline[] = [];
  for (const p of documents.passports) {
    const v = passportValidity(p.birthDate, p.issuedAt);
    if (v) {
      deadlines.push({
        date: v.validUntil,
        validOnDate: false,
        title: `Замените паспорт до ${russianDate(v.validUntil)}`,
        overdueTitle: `Паспорт просрочен: заменить нужно было до ${russianDate(v.validUntil)}`,
        subtitle: `В ${v.age} лет паспорт гражданина России нужно заменить`,
      });
    }
  }
  if (documents.driverLicense) {
    const { validUntil } = driverLicenseValidity(documents.driverLicense.issuedAt);
    deadlines.push({
      date: validUntil,
      validOnDate: true,
      title: `Водительское удостоверение действует до ${russianDate(validUntil)}`,
      overdueTitle: `Водительское удостоверение просрочено: действовало до ${russianDate(validUntil)}`,
      subtitle: 'Водительское удостоверение действует 10 лет со дня выдачи',
    });
  }
  return deadlines.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * DOCUMENT_DEADLINES: the person's documents with an end, soonest first. `status` is OVERDUE
 * (the document is no longer valid), DUE (within 60 days, counted in the badge) or UPCOMING;
 * `date` is the passport's replacement day or the licence's printed expiry (its last valid day).
 * A passport issued at 45 or later never ends and is not listed.
 */
export function documentDeadlinesContent(
  documents: DeadlineDocuments,
  today: string,
  limit: number,
): WidgetContent {
  const items = deadlinesOf(documents).map((d) => {
    const days = daysUntil(today, d.date);
    const overdue = d.validOnDate ? days < 0 : days <= 0;
    const status = overdue ? 'OVERDUE' : days <= DUE_WITHIN_DAYS ? 'DUE' : 'UPCOMING';
    return Object.assign(new WidgetItem(), {
      title: overdue ? d.overdueTitle : d.title,
      subtitle: d.subtitle,
      amount: null,
      status,
      date: new Date(`${d.date}T00:00:00.000Z`),
    });
  });
  const due = items.filter((i) => i.status !== 'UPCOMING').length;
  return Object.assign(new WidgetContent(), {
    summary: items[0]?.title ?? 'Документов, которые скоро нужно заменить, нет',
    badge: due > 0 ? due : null,
    items: items.slice(0, limit),
  });
}
