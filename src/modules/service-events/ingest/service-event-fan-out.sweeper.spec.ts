import type { DataSource } from 'typeorm';
import type { ServiceEventRepository } from '../service-event.repository';
import { ServiceEventFanOutSweeper } from './service-event-fan-out.sweeper';
import type { ServiceEventQueue } from './service-event.queue';

describe(ServiceEventFanOutSweeper.name, () => {
  it('should queue again the revisions left unfinished for five minutes', async () => {
    const findUnfannedOut = jest.fn().mockResolvedValue([
      { id: 'e1', revision: 1 },
      { id: 'e2', revision: 3 },
    ]);
    const requeue = jest.fn().mockResolvedValue(undefined);
    const sweeper = new ServiceEventFanOutSweeper(
      { manager: {} } as unknown as DataSource,
      { findUnfannedOut } as unknown as ServiceEventRepository,
      { requeue } as unknown as ServiceEventQueue,
    );
    const now = new Date('2026-05-01T12:00:00Z');
    expect(await sweeper.sweep(now)).toBe(2);
    expect(findUnfannedOut).toHaveBeenCalledWith({}, new Date('2026-05-01T11:55:00Z'), 500);
    expect(requeue).toHaveBeenCalledWith([
      { eventId: 'e1', revision: 1 },
      { eventId: 'e2', revision: 3 },
    ]);
  });
});
