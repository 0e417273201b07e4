import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '../../queues/periodic/periodic-task';
import type { PeriodicWork } from '../../queues/periodic/periodic-task';
import type { EntityManager } from 'typeorm';
import {
  addYears,
  DocumentDeadlineFacts,
  driverLicenseValidity,
  DRIVER_LICENSE_VALID_YEARS,
  passportValidity,
} from '../identity';
import type { DocumentValidity } from '../identity';
import { PersonalNotices } from '../notifications';
import { DriverLicenseFacts } from '../profile';
import { NotificationCategory } from '../service-events';
import { DocumentExpiryReminderRepository } from './document-expiry-reminder.repository';
import {
  addDays,
  daysBetween,
  driverLicenseReminderText,
  moscowDate,
  passportReminderText,
} from './document-reminder-texts';
import { DocumentExpiryReminderEntity } from './entities/document-expiry-reminder.entity';
import { ReminderDocumentKind } from './reminder-document-kind';

/** Days before a document's end when its owner is reminded, largest first. */
export const REMINDER_DAYS = [60, 30, 7] as const;

const PAGE = 500;

/** The nearest threshold the days left have reached (7 when 5 are left), or null past 60. */
export function reminderThreshold(daysLeft: number): number | null {
  const reached = REMINDER_DAYS.filter((days) => daysLeft <= days);
  return reached.length > 0 ? Math.min(...reached) : null;
}

/** A document of one person and its end. */
interface DueDocument {
  kind: ReminderDocumentKind;
  documentId: string;
  userId: string;
  validity: DocumentValidity;
}

/**
 * Reminds residents of documents that end soon (a passport at 20 and 45, a driver licence 10
 * years after its issue): one DOCUMENTS notice 60, 30 and 7 days before, each once. A person who enters their birth date 20 days ahead gets
 * the 30-day notice only (never a stale 60 after it). Days are Moscow days.
 */
@PeriodicTask({ name: 'document-expiry-reminders', everyMs: 3600_000 })
@Injectable()
export class DocumentExpiryReminders implements PeriodicWork {
  private readonly logger = new Logger(DocumentExpiryReminders.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly facts: DocumentDeadlineFacts,
    private readonly licences: DriverLicenseFacts,
    private readonly reminders: DocumentExpiryReminderRepository,
    private readonly notices: PersonalNotices,
  ) {}

  async run(now: Date): Promise<{ claimed: number; sent: number }> {
    const em = this.dataSource.manager;
    const today = moscowDate(now);
    const claimed =
      (await this.claimPassports(em, now, today)) + (await this.claimLicences(em, now, today));
    const sent = await this.sendClaimed(now, today);
    if (claimed + sent > 0) {
      this.logger.log({ claimed, sent }, 'document expiry reminders');
    }
    return { claimed, sent };
  }

  private async claimPassports(em: EntityManager, now: Date, today: string): Promise<number> {
    const horizon = addDays(today, REMINDER_DAYS[0]);
    let claimed = 0;
    let after = '';
    for (;;) {
      const page = await this.facts.passportsOfAgesBetween(
        em,
        addDays(today, 1),
        horizon,
        after,
        PAGE,
      );
      for (const passport of page) {
        const validity = passportValidity(passport.birthDate, passport.issuedAt);
        if (validity) {
          const document = { ...passport, kind: ReminderDocumentKind.PASSPORT, validity };
          claimed += (await this.claim(em, document, now, today)) ? 1 : 0;
        }
      }
      if (page.length < PAGE) {
        return claimed;
      }
      after = page[page.length - 1].documentId;
    }
  }

  // Licences ending in the next 60 days: issued 10 years before (a day more at the far end, for
  // a 29 February issue that ends on the 28th).
  private async claimLicences(em: EntityManager, now: Date, today: string): Promise<number> {
    const from = addYears(addDays(today, 1), -DRIVER_LICENSE_VALID_YEARS);
    const to = addYears(addDays(today, REMINDER_DAYS[0] + 1), -DRIVER_LICENSE_VALID_YEARS);
    let claimed = 0;
    let after = '';
    for (;;) {
      const page = await this.licences.issuedBetween(em, from, to, after, PAGE);
      for (const licence of page) {
        const document = {
          kind: ReminderDocumentKind.DRIVER_LICENSE,
          documentId: licence.userId,
          userId: licence.userId,
          validity: driverLicenseValidity(licence.issuedAt),
        };
        claimed += (await this.claim(em, document, now, today)) ? 1 : 0;
      }
      if (page.length < PAGE) {
        return claimed;
      }
      after = page[page.length - 1].userId;
    }
  }

  /** Claims the nearest threshold reached, if any; false when none or claimed before. */
  private async claim(
    em: EntityManager,
    document: DueDocument,
    now: Date,
    today: string,
  ): Promise<boolean> {
    const { validUntil, age } = document.validity;
    const threshold = reminderThreshold(daysBetween(today, validUntil));
    if (threshold === null || validUntil <= today) {
      return false;
    }
    const row = Object.assign(new DocumentExpiryReminderEntity(), {
      documentKind: document.kind,
      documentId: document.documentId,
      validUntil,
      daysBefore: threshold,
      userId: document.userId,
      age,
      createdAt: now,
      notifiedAt: null,
    });
    return this.reminders.claim(em, row);
  }

  // Claimed rows without a notice: this run's, and any an earlier run claimed but did not send.
  private async sendClaimed(now: Date, today: string): Promise<number> {
    const em = this.dataSource.manager;
    let sent = 0;
    for (;;) {
      const unsent = await this.reminders.findUnsent(em, PAGE);
      for (const row of unsent) {
        const daysLeft = daysBetween(today, row.validUntil);
        const text = reminderText(row, daysLeft);
        if (daysLeft > 0 && text) {
          await this.notices.send({
            userId: row.userId,
            category: NotificationCategory.DOCUMENTS,
            ...text,
          });
          sent++;
        }
        // A notice whose end passed meanwhile is dropped, not sent late.
        await this.reminders.markSent(em, row, now);
      }
      if (unsent.length < PAGE) {
        return sent;
      }
    }
  }
}

function reminderText(
  row: DocumentExpiryReminderEntity,
  daysLeft: number,
): { title: string; body: string } | null {
  switch (row.documentKind as ReminderDocumentKind) {
    case ReminderDocumentKind.PASSPORT:
      return row.age === null ? null : passportReminderText(row.validUntil, row.age, daysLeft);
    case ReminderDocumentKind.DRIVER_LICENSE:
      return driverLicenseReminderText(row.validUntil, daysLeft);
    default:
      return null;
  }
}
