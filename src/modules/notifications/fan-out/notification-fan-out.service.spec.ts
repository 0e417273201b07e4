import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { ServiceEventEntity, ServiceEventRepository } from '../../service-events';
import type { NotificationDeliveryService } from '../delivery/notification-delivery.service';
import type { MatchedRecipient, NotificationRepository } from '../notification.repository';
import { NotificationFanOutService } from './notification-fan-out.service';
import { strictObject as strict } from '../../../../test/support/unit';

const EVENT = {
  id: 'e1',
  category: 'HOT_WATER_SHUTOFF',
  subjectKind: 'ADDRESS',
  subjectValue: 'Москва, ул. Общая, 1',
  title: 'Отключение горячей воды',
  body: null,
  amount: null,
  dueAt: null,
  revision: 2,
  fannedOutRevision: 1,
} as unknown as ServiceEventEntity;

function recipient(n: number, subscribed = true): MatchedRecipient {
  return {
    userId: `u${String(n).padStart(3, '0')}`,
    channels: subscribed ? 'IN_APP' : null,
    phone: '+79160000000',
    email: null,
  };
}

describe(NotificationFanOutService.name, () => {
  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  function setup(pages: MatchedRecipient[][], event = EVENT) {
    const findMatchedPage = jest.fn();
    pages.forEach((page) => findMatchedPage.mockResolvedValueOnce(page));
    const insertForUsers = jest.fn().mockResolvedValue(undefined);
    const findCreated = jest.fn((_em, _eventId: string, ids: string[]) =>
      Promise.resolve(ids.map((userId) => ({ id: `n-${userId}`, userId }))),
    );
    const publish = jest.fn().mockResolvedValue(undefined);
    const sendCopies = jest.fn().mockResolvedValue(undefined);
    const markFannedOut = jest.fn().mockResolvedValue(undefined);
    const markCopiesQueued = jest.fn().mockResolvedValue(undefined);
    const service = new NotificationFanOutService(
      { manager: {} } as unknown as DataSource,
      strict<ServiceEventRepository>({
        findById: jest.fn().mockResolvedValue(event),
        markFannedOut,
      }),
      strict<NotificationRepository>({
        findMatchedPage,
        insertForUsers,
        findCreated,
        markCopiesQueued,
      }),
      strict<NotificationDeliveryService>({ publish, sendCopies }),
      { fanOutChunk: 3 },
    );
    return {
      service,
      findMatchedPage,
      insertForUsers,
      findCreated,
      publish,
      sendCopies,
      markFannedOut,
      markCopiesQueued,
    };
  }

  it('should page matches by account id and insert each page of subscribers in one statement', async () => {
    const { service, findMatchedPage, insertForUsers, publish, markFannedOut } = setup([
      [recipient(1), recipient(2, false), recipient(3)],
      [recipient(4), recipient(5), recipient(6)],
      [recipient(7, false)],
    ]);
    const result = await service.fanOut('e1', 2);
    expect(result).toEqual({ matched: 7, created: 5 });
    expect(findMatchedPage.mock.calls.map((c: unknown[]) => c[3])).toEqual(['', 'u003', 'u006']);
    expect(insertForUsers).toHaveBeenCalledTimes(2);
    expect(insertForUsers.mock.calls.map((c: unknown[]) => c[2])).toEqual([
      ['u001', 'u003'],
      ['u004', 'u005', 'u006'],
    ]);
    expect(
      publish.mock.calls.flatMap((c: [{ userId: string }[]]) => c[0].map((p) => p.userId)),
    ).toEqual(['u001', 'u003', 'u004', 'u005', 'u006']);
    expect(markFannedOut).toHaveBeenCalledWith({}, 'e1', 2);
  });

  it('should do nothing for a revision that is superseded or already fanned out', async () => {
    const stale = setup([], { ...EVENT, revision: 3 });
    expect(await stale.service.fanOut('e1', 2)).toEqual({ matched: 0, created: 0 });
    expect(stale.findMatchedPage).not.toHaveBeenCalled();
    const done = setup([], { ...EVENT, fannedOutRevision: 2 });
    expect(await done.service.fanOut('e1', 2)).toEqual({ matched: 0, created: 0 });
    expect(done.markFannedOut).not.toHaveBeenCalled();
  });

  it('should stop after an empty page and still mark the revision done', async () => {
    const { service, insertForUsers, markFannedOut } = setup([
      [recipient(1), recipient(2), recipient(3)],
      [],
    ]);
    expect(await service.fanOut('e1', 2)).toEqual({ matched: 3, created: 3 });
    expect(insertForUsers).toHaveBeenCalledTimes(1);
    expect(markFannedOut).toHaveBeenCalledTimes(1);
  });

  it('should mark the copies due in the insert itself, then queue them and clear the marks', async () => {
    const sms = { ...recipient(1), channels: 'IN_APP,SMS' };
    const mail = { ...recipient(2), channels: 'IN_APP,EMAIL', email: 'a@example.ru' };
    const mailWithoutAddress = { ...recipient(3), channels: 'IN_APP,EMAIL' };
    const { service, insertForUsers, findCreated, sendCopies, markCopiesQueued } = setup([
      [sms, mail, mailWithoutAddress],
      [],
    ]);
    // u001's notification existed already (a retried job): not created by this run.
    findCreated.mockImplementationOnce((_em, _eventId: string, ids: string[]) =>
      Promise.resolve(
        ids.filter((id) => id !== 'u001').map((userId) => ({ id: `n-${userId}`, userId })),
      ),
    );
    await service.fanOut('e1', 2);
    expect(insertForUsers.mock.calls[0][3]).toEqual(['u001', 'u002']);
    expect(sendCopies).toHaveBeenCalledWith(
      [{ ...mail, notificationId: 'n-u002' }],
      EVENT.title,
      null,
    );
    expect(markCopiesQueued).toHaveBeenCalledWith({}, ['n-u002']);
    expect(sendCopies.mock.invocationCallOrder[0]).toBeLessThan(
      markCopiesQueued.mock.invocationCallOrder[0],
    );
  });

  it('should leave the marks set when queueing the copies fails', async () => {
    const sms = { ...recipient(1), channels: 'IN_APP,SMS' };
    const { service, sendCopies, markCopiesQueued, markFannedOut } = setup([[sms], []]);
    sendCopies.mockRejectedValueOnce(new Error('redis down'));
    await expect(service.fanOut('e1', 2)).rejects.toThrow('redis down');
    expect(markCopiesQueued).not.toHaveBeenCalled();
    expect(markFannedOut).not.toHaveBeenCalled();
  });
});
