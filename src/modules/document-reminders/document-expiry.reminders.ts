import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '../../queues/periodic/periodic-task';
import type { PeriodicWork } from '../../queues/periodic/periodic-task';
import { DocumentDeadlineFacts, passportValidity } from '../identity';
import { PersonalNotices } from '../notifications';
import { NotificationCategory } from '../service-events';
import { DocumentExpiryReminderRepository } from './document-expiry-reminder.repository';
import { addDays, daysBetween, moscowDate, passportReminderText } from './document-reminder-texts';
import { DocumentExpiryReminderEntity } from './entities/document-expiry-reminder.entity';

/** Days before a document's end when its owner is reminded, largest first. */
export const REMINDER_DAYS = [60, 30, 7] as const;

const PAGE = 500;

/** The nearest threshold the days left have reached (7 when 5 are left), or null past 60. */
export function reminderThreshold(daysLeft: number): number | null {
  const reached = REMINDER_DAYS.filter((days) => daysLeft <= days);
  return reached.length > 0 ? Math.min(...reached) : null;
}

/**
 * Reminds residents of documents that end soon (a passport at 20 and 45): one DOCUMENTS notice
 * 60, 30 and 7 days before, each once. A person who enters their birth date 20 days ahead gets
 * the 30-day notice only (never a stale 60 after it). Days are Moscow days.
 */
@PeriodicTask({ name: 'document-expiry-reminders', everyMs: 3600_000 })
@Injectable()
export class DocumentExpiryReminders implements PeriodicWork {
  private readonly logger = new Logger(DocumentExpiryReminders.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly facts: DocumentDeadlineFacts,
    private readonly reminders: DocumentExpiryReminderRepository,
    private readonly notices: PersonalNotices,
  ) {}

  async run(now: Date): Promise<{ claimed: number; sent: number }> {
    const em = this.dataSource.manager;
    const today = moscowDate(now);
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
        const threshold = validity
          ? reminderThreshold(daysBetween(today, validity.validUntil))
          : null;
        if (!validity || threshold === null || validity.validUntil <= today) {
          continue;
        }
        const row = Object.assign(new DocumentExpiryReminderEntity(), {
          documentId: passport.documentId,
          validUntil: validity.validUntil,
          daysBefore: threshold,
          userId: passport.userId,
          age: validity.age,
          createdAt: now,
          notifiedAt: null,
        });
        claimed += (await this.reminders.claim(em, row)) ? 1 : 0;
      }
      if (page.length < PAGE) {
        break;
      }
      after = page[page.length - 1].documentId;
    }
    const sent = await this.sendClaimed(now, today);
    if (claimed + sent > 0) {
      this.logger.log({ claimed, sent }, 'document expiry reminders');
    }
    return { claimed, sent };
  }

  // Claimed rows without a notice: this run's, and any an earlier run claimed but did not send.
  private async sendClaimed(now: Date, today: string): Promise<number> {
    const em = this.dataSource.manager;
    let sent = 0;
    for (;;) {
      const unsent = await this.reminders.findUnsent(em, PAGE);
      for (const row of unsent) {
        const daysLeft = daysBetween(today, row.validUntil);
        if (daysLeft > 0 && row.age !== null) {
          await this.notices.send({
            userId: row.userId,
            category: NotificationCategory.DOCUMENTS,
            ...passportReminderText(row.validUntil, row.age, daysLeft),
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
