import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { NotificationDeliveryService } from '../delivery/notification-delivery.service';
import type { DueCopy, NotificationRepository } from '../notification.repository';
import { COPY_STALE_MS, NotificationCopySweeper } from './notification-copy.sweeper';

function due(n: number, channels: string | null, email: string | null = null): DueCopy {
  return {
    notificationId: `n${n}`,
    title: `Уведомление ${n}`,
    body: null,
    recipient: { userId: `u${n}`, channels, phone: '+79160000000', email },
  };
}

describe(NotificationCopySweeper.name, () => {
  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  function setup(rows: DueCopy[]) {
    const findCopiesDue = jest.fn().mockResolvedValue(rows);
    const markCopiesQueued = jest.fn().mockResolvedValue(undefined);
    const sendCopies = jest.fn().mockResolvedValue(undefined);
    const sweeper = new NotificationCopySweeper(
      { manager: {} } as unknown as DataSource,
      { findCopiesDue, markCopiesQueued } as unknown as NotificationRepository,
      { sendCopies } as unknown as NotificationDeliveryService,
    );
    return { sweeper, findCopiesDue, markCopiesQueued, sendCopies };
  }

  it('should queue the copies of stale marked notifications under their ids, then clear each mark', async () => {
    const { sweeper, findCopiesDue, markCopiesQueued, sendCopies } = setup([
      due(1, 'IN_APP,SMS'),
      due(2, 'IN_APP,EMAIL', 'b@example.ru'),
    ]);
    const now = new Date('2026-06-01T12:00:00Z');
    expect(await sweeper.sweep(now)).toBe(2);
    expect(findCopiesDue).toHaveBeenCalledWith(
      {},
      new Date(now.getTime() - COPY_STALE_MS),
      expect.any(Number),
    );
    expect(sendCopies.mock.calls).toEqual([
      [[{ ...due(1, 'IN_APP,SMS').recipient, notificationId: 'n1' }], 'Уведомление 1', null],
      [
        [{ ...due(2, 'IN_APP,EMAIL', 'b@example.ru').recipient, notificationId: 'n2' }],
        'Уведомление 2',
        null,
      ],
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
    expect(await sweeper.sweep()).toBe(3);
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
    await expect(sweeper.sweep()).rejects.toThrow('redis down');
    expect(markCopiesQueued.mock.calls).toEqual([[{}, ['n1']]]);
  });

  it('should run one pass at a time in a process', async () => {
    const { sweeper, findCopiesDue } = setup([]);
    await Promise.all([sweeper.run(new Date()), sweeper.sweep()]);
    expect(findCopiesDue).toHaveBeenCalledTimes(1);
  });
});
