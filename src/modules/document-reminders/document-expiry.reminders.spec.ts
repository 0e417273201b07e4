import { reminderThreshold } from './document-expiry.reminders';

describe('reminderThreshold', () => {
  it('should take the nearest threshold reached', () => {
    expect([61, 60, 31, 30, 8, 7, 1].map(reminderThreshold)).toEqual([null, 60, 60, 30, 30, 7, 7]);
  });
});
