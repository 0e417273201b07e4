import { fairShare, mustDefer } from './report-slot-fairness';

describe('report slot fairness', () => {
  it('gives an organization half of all slots, at least one', () => {
    expect(fairShare(1)).toBe(1);
    expect(fairShare(2)).toBe(1);
    expect(fairShare(3)).toBe(1);
    expect(fairShare(4)).toBe(2);
    expect(fairShare(9)).toBe(4);
  });

  it('defers a job past the share while another organization waits', () => {
    expect(mustDefer(2, 1, true)).toBe(true);
    expect(mustDefer(5, 2, true)).toBe(true);
  });

  it('lets a job within the share run while others wait', () => {
    expect(mustDefer(1, 1, true)).toBe(false);
    expect(mustDefer(2, 2, true)).toBe(false);
  });

  it('lets a lone organization use every slot', () => {
    expect(mustDefer(2, 1, false)).toBe(false);
    expect(mustDefer(32, 1, false)).toBe(false);
  });
});
