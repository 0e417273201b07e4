import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { NotificationDeliveryService } from '../delivery/notification-delivery.service';
import type { DueCopy, NotificationRepository } from '../notification.repository';
import { NotificationSettingsService } from '../quiet-hours/notification-settings.service';
import { NotificationCopySweeper } from './notification-copy.sweeper';

function due(n: number, channels: string | null, email: string | null = null): DueCopy {
  return {
    notificationId: `n${n}`,
    category: 'HOT_WATER_SHUTOFF',
    title: `Уведомление ${n}`,
    body: null,
    recipient: { userId: `u${n}`, channels, phone: '+79160000000', email, quietHours: null },
  };
}

describe(NotificationCopySweeper.name, () => {
  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  function setup(rows: DueCopy[]) {
    const findCopiesDue = jest.fn().mockResolvedValue(rows);
    const markCopiesQueued = jest.fn().mockResolvedValue(undefined);
    const holdCopies = jest.fn().mockResolvedValue(undefined);
    const sendCopies = jest.fn().mockResolvedValue(undefined);
    const sweeper = new NotificationCopySweeper(
      { manager: {} } as unknown as DataSource,
      { findCopiesDue, markCopiesQueued, holdCopies } as unknown as NotificationRepository,
      { sendCopies } as unknown as NotificationDeliveryService,
      new NotificationSettingsService({} as never, {} as never, {
        fanOutChunk: 1000,
        quietHoursDefault: '22:00-08:00',
      }),
    );
    return { sweeper, findCopiesDue, markCopiesQueued, holdCopies, sendCopies };
  }

  it('should queue the copies of notifications due now under their ids, then clear each mark', async () => {
    const { sweeper, findCopiesDue, markCopiesQueued, sendCopies } = setup([
      due(1, 'IN_APP,SMS'),
      due(2, 'IN_APP,EMAIL', 'b@example.ru'),
    ]);
    const now = new Date('2026-06-01T12:00:00Z');
    expect(await sweeper.sweep(now)).toBe(2);
    expect(findCopiesDue).toHaveBeenCalledWith({}, now, expect.any(Number));
    const copy = (n: number, channels: string, email: string | null) => ({
      userId: `u${n}`,
      phone: '+79160000000',
      email,
      channels,
      notificationId: `n${n}`,
    });
    expect(sendCopies.mock.calls).toEqual([
      [[copy(1, 'IN_APP,SMS', null)], 'Уведомление 1', null],
      [[copy(2, 'IN_APP,EMAIL', 'b@example.ru')], 'Уведомление 2', null],
    ]);
    expect(markCopiesQueued.mock.calls).toEqual([
      [{}, ['n1']],
      [{}, ['n2']],
    ]);
    // Each mark is cleared after its own copies are queued.
    expect(sendCopies.mock.invocationCallOrder[0]).toBeLessThan(
      markCopiesQueued.mock.invocationCallOrder[0],
    );
  });

  it('should clear without sending when the owner unsubscribed or dropped the copy channels', async () => {
    const { sweeper, markCopiesQueued, sendCopies } = setup([
      due(1, null),
      due(2, 'IN_APP'),
      due(3, 'IN_APP,EMAIL'),
    ]);
    expect(await sweeper.sweep(new Date('2026-06-01T12:00:00Z'))).toBe(3);
    expect(sendCopies).not.toHaveBeenCalled();
    expect(markCopiesQueued.mock.calls.map((c: unknown[]) => c[1])).toEqual([
      ['n1'],
      ['n2'],
      ['n3'],
    ]);
  });

  it('should keep the mark of a notification whose copies could not be queued', async () => {
    const { sweeper, markCopiesQueued, sendCopies } = setup([
      due(1, 'IN_APP,SMS'),
      due(2, 'IN_APP,SMS'),
    ]);
    sendCopies.mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('redis down'));
    await expect(sweeper.sweep(new Date('2026-06-01T12:00:00Z'))).rejects.toThrow('redis down');
    expect(markCopiesQueued.mock.calls).toEqual([[{}, ['n1']]]);
  });

  it('should run one pass at a time in a process', async () => {
    const { sweeper, findCopiesDue } = setup([]);
    await Promise.all([sweeper.run(new Date()), sweeper.sweep()]);
    expect(findCopiesDue).toHaveBeenCalledTimes(1);
  });

  it('should hold a copy that comes due in quiet hours until their end, urgent ones excepted', async () => {
    const urgent = { ...due(2, 'IN_APP,SMS'), category: 'UTILITY_EMERGENCY' };
    const { sweeper, holdCopies, markCopiesQueued, sendCopies } = setup([
      due(1, 'IN_APP,SMS'),
      urgent,
    ]);
    // 23:30 in Moscow.
    await sweeper.sweep(new Date('2026-06-01T20:30:00Z'));
    expect(holdCopies).toHaveBeenCalledWith({}, 'n1', new Date('2026-06-02T05:00:00Z'));
    expect(sendCopies).toHaveBeenCalledTimes(1);
    expect(sendCopies.mock.calls[0][0][0].notificationId).toBe('n2');
    expect(markCopiesQueued.mock.calls).toEqual([[{}, ['n2']]]);
  });
});
