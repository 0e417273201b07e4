import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { ServiceEventEntity, ServiceEventRepository } from '../../service-events';
import type { NotificationDeliveryService } from '../delivery/notification-delivery.service';
import type { MatchedRecipient, NotificationRepository } from '../notification.repository';
import { NotificationSettingsService } from '../quiet-hours/notification-settings.service';
import { NotificationFanOutService } from './notification-fan-out.service';
import type { NotificationRetractionService } from './notification-retraction.service';
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
  subjectChangedRevision: null,
  updatedAt: new Date('2026-06-01T11:00:00Z'),
} as unknown as ServiceEventEntity;

// 15:00 in Moscow: outside the default quiet hours; 23:30 there: inside.
const DAY = new Date('2026-06-01T12:00:00Z');
const NIGHT = new Date('2026-06-01T20:30:00Z');

function recipient(n: number, subscribed = true): MatchedRecipient {
  return {
    userId: `u${String(n).padStart(3, '0')}`,
    channels: subscribed ? 'IN_APP' : null,
    phone: '+79160000000',
    email: null,
    quietHours: null,
  };
}

describe(NotificationFanOutService.name, () => {
  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  function setup(pages: MatchedRecipient[][], event = EVENT, now = DAY) {
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
    const retractMadeBefore = jest.fn().mockResolvedValue(0);
    const settings = new NotificationSettingsService({} as never, {} as never, {
      fanOutChunk: 3,
      quietHoursDefault: '22:00-08:00',
    });
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
      strict<NotificationRetractionService>({ retractMadeBefore }),
      settings,
      { now: () => now },
      { fanOutChunk: 3, quietHoursDefault: '22:00-08:00' },
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
      retractMadeBefore,
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
    const due = new Date(DAY.getTime() + 5 * 60_000);
    expect(insertForUsers.mock.calls[0][3]).toEqual(
      new Map([
        ['u001', due],
        ['u002', due],
      ]),
    );
    const { quietHours: _quiet, ...mailCopy } = mail;
    expect(sendCopies).toHaveBeenCalledWith(
      [{ ...mailCopy, notificationId: 'n-u002' }],
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

  it('should hold copies in quiet hours until their end, and deliver in-app at once', async () => {
    const sms = { ...recipient(1), channels: 'IN_APP,SMS' };
    const optedOut = {
      ...recipient(2),
      channels: 'IN_APP,SMS',
      quietHours: { quietHoursEnabled: false, quietFromMinute: 1320, quietToMinute: 480 },
    };
    const { service, insertForUsers, publish, sendCopies, markCopiesQueued } = setup(
      [[sms, optedOut], []],
      EVENT,
      NIGHT,
    );
    await service.fanOut('e1', 2);
    // 08:00 Moscow time the next morning.
    expect(insertForUsers.mock.calls[0][3]).toEqual(
      new Map([
        ['u001', new Date('2026-06-02T05:00:00Z')],
        ['u002', new Date(NIGHT.getTime() + 5 * 60_000)],
      ]),
    );
    expect(publish.mock.calls[0][0]).toHaveLength(2);
    expect(sendCopies).toHaveBeenCalledWith(
      [
        {
          userId: 'u002',
          channels: 'IN_APP,SMS',
          phone: '+79160000000',
          email: null,
          notificationId: 'n-u002',
        },
      ],
      EVENT.title,
      null,
    );
    expect(markCopiesQueued).toHaveBeenCalledWith({}, ['n-u002']);
  });

  it('should send copies of an urgent category at once, even in quiet hours', async () => {
    const sms = { ...recipient(1), channels: 'IN_APP,SMS' };
    const urgent = { ...EVENT, category: 'UTILITY_EMERGENCY' };
    const { service, sendCopies } = setup([[sms], []], urgent, NIGHT);
    await service.fanOut('e1', 2);
    expect(sendCopies.mock.calls[0][0]).toHaveLength(1);
  });

  it('should retract the old subject notifications when the subject changed since the last fan-out', async () => {
    const moved = { ...EVENT, subjectChangedRevision: 2 } as ServiceEventEntity;
    const { service, retractMadeBefore } = setup([[]], moved);
    await service.fanOut('e1', 2);
    expect(retractMadeBefore).toHaveBeenCalledWith('e1', EVENT.updatedAt);
    const same = setup([[]], { ...EVENT, subjectChangedRevision: 1 });
    await same.service.fanOut('e1', 2);
    expect(same.retractMadeBefore).not.toHaveBeenCalled();
  });
});
