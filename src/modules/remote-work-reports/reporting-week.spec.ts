import {
  defaultReportingWeek,
  isMonday,
  isOnTime,
  moscowDate,
  parseInstantWithOffset,
  regularDeadline,
  weekLabel,
} from './reporting-week';

describe('reporting week', () => {
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
