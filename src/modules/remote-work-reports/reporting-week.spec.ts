import {
  defaultReportingWeek,
  isMonday,
  isOnTime,
  moscowDate,
  moscowDateTime,
  parseInstantWithOffset,
  regularDeadline,
  reminderWeek,
  weekLabel,
} from './reporting-week';

describe('reporting week', () => {
  describe(reminderWeek.name, () => {
    // 2026-11-26 is a Thursday, 2026-11-27 a Friday; the coming Monday is 2026-11-30.
    it('should be the coming Monday on Thursday and Friday from the hour on (Moscow)', () => {
      // 06:00 UTC is 09:00 in Moscow.
      expect(reminderWeek(new Date('2026-11-26T06:00:00Z'), 9)).toBe('2026-11-30');
      expect(reminderWeek(new Date('2026-11-27T20:59:59Z'), 9)).toBe('2026-11-30');
    });

    it('should be null before the hour, counted in Moscow time', () => {
      expect(reminderWeek(new Date('2026-11-26T05:59:59Z'), 9)).toBeNull();
      expect(reminderWeek(new Date('2026-11-26T05:59:59Z'), 8)).toBe('2026-11-30');
    });

    it('should follow the Moscow weekday, not the UTC one', () => {
      // Wednesday 21:00 UTC is Thursday 00:00 in Moscow; Friday 21:00 UTC is already Saturday.
      expect(reminderWeek(new Date('2026-11-25T21:00:00Z'), 0)).toBe('2026-11-30');
      expect(reminderWeek(new Date('2026-11-25T20:59:59Z'), 0)).toBeNull();
      expect(reminderWeek(new Date('2026-11-27T21:00:00Z'), 0)).toBeNull();
    });

    it('should be null on the other days of the week', () => {
      for (const day of ['23', '24', '25', '28', '29']) {
        expect(reminderWeek(new Date(`2026-11-${day}T12:00:00Z`), 9)).toBeNull();
      }
    });

    it('should cross a year end', () => {
      expect(reminderWeek(new Date('2026-12-31T12:00:00Z'), 9)).toBe('2027-01-04');
    });
  });

  describe(moscowDateTime.name, () => {
    it('should show the instant at UTC+3, day first, to the minute', () => {
      expect(moscowDateTime(regularDeadline('2026-11-30'))).toBe('30.11.2026 23:59');
      expect(moscowDateTime(new Date('2026-12-31T21:05:59.999Z'))).toBe('01.01.2027 00:05');
      expect(moscowDateTime(new Date('2026-03-01T00:00:00Z'))).toBe('01.03.2026 03:00');
    });
  });

  describe(moscowDate.name, () => {
    it('should move to the next day at 21:00 UTC (midnight in Moscow)', () => {
      expect(moscowDate(new Date('2026-11-22T20:59:59.999Z'))).toBe('2026-11-22');
      expect(moscowDate(new Date('2026-11-22T21:00:00.000Z'))).toBe('2026-11-23');
    });
  });

  describe(defaultReportingWeek.name, () => {
    it('should be today when it is Monday in Moscow', () => {
      // Sunday 21:00 UTC is already Monday 00:00 in Moscow.
      expect(defaultReportingWeek(new Date('2026-11-22T21:00:00Z'))).toBe('2026-11-23');
      expect(defaultReportingWeek(new Date('2026-11-23T20:59:59Z'))).toBe('2026-11-23');
    });

    it('should be next Monday from Tuesday 00:00 Moscow time on', () => {
      // Monday 21:00 UTC is Tuesday in Moscow although it is still Monday in UTC.
      expect(defaultReportingWeek(new Date('2026-11-23T21:00:00Z'))).toBe('2026-11-30');
      expect(defaultReportingWeek(new Date('2026-11-29T20:59:59Z'))).toBe('2026-11-30');
    });

    it('should be the coming Monday on Sunday and across a year end', () => {
      expect(defaultReportingWeek(new Date('2026-12-28T22:00:00Z'))).toBe('2027-01-04');
      expect(defaultReportingWeek(new Date('2027-01-03T12:00:00Z'))).toBe('2027-01-04');
    });
  });

  describe(isMonday.name, () => {
    it('should accept Mondays only, and only real dates', () => {
      expect(isMonday('2026-11-23')).toBe(true);
      expect(isMonday('2026-11-24')).toBe(false);
      expect(isMonday('2026-11-22')).toBe(false);
      expect(isMonday('2026-02-30')).toBe(false);
      expect(isMonday('23.11.2026')).toBe(false);
    });
  });

  describe(regularDeadline.name, () => {
    it('should be Monday 23:59:59 Moscow time (20:59:59 UTC)', () => {
      expect(regularDeadline('2026-11-23').toISOString()).toBe('2026-11-23T20:59:59.000Z');
    });
  });

  describe(isOnTime.name, () => {
    const deadline = regularDeadline('2026-11-23');

    it('should count the whole last second and nothing after it', () => {
      expect(isOnTime(new Date('2026-11-23T20:59:59.999Z'), deadline)).toBe(true);
      expect(isOnTime(new Date('2026-11-23T21:00:00.000Z'), deadline)).toBe(false);
    });

    it('should count an early receipt as on time', () => {
      expect(isOnTime(new Date('2026-11-16T10:00:00Z'), deadline)).toBe(true);
    });
  });

  describe(weekLabel.name, () => {
    it('should name Monday to Sunday', () => {
      expect(weekLabel('2026-12-28')).toBe('28.12.2026–03.01.2027');
    });
  });

  describe(parseInstantWithOffset.name, () => {
    it('should accept instants with an offset and refuse ones without', () => {
      expect(parseInstantWithOffset('2026-11-24T23:59:59+03:00')?.toISOString()).toBe(
        '2026-11-24T20:59:59.000Z',
      );
      expect(parseInstantWithOffset('2026-11-24T20:59:59.5Z')?.toISOString()).toBe(
        '2026-11-24T20:59:59.500Z',
      );
      expect(parseInstantWithOffset('2026-11-24T23:59:59')).toBeNull();
      expect(parseInstantWithOffset('2026-11-24')).toBeNull();
      expect(parseInstantWithOffset('2026-13-24T23:59:59Z')).toBeNull();
    });
  });
});
