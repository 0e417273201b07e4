import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import type { TransactionRunner } from '../../../core/database/transaction-runner';
import { NotificationCategory } from '../graphql/notification-category.enum';
import type { ServiceEventInput } from '../graphql/service-event.input';
import { SubjectKind } from '../graphql/subject-kind.enum';
import type { ServiceEventRepository } from '../service-event.repository';
import { ServiceEventIngestService } from './service-event-ingest.service';
import type { EventSourceRepository } from '../sources/event-source.repository';
import type { ServiceEventQueue } from './service-event.queue';
import { validateServiceEvent } from './service-event.validator';

const CLIENT: AuthPrincipal = {
  kind: 'client',
  subject: 'client-1',
  userId: null,
  sessionId: null,
  organizationId: null,
  actingChildId: null,
  developerRepresentative: false,
  scopes: ['events:write'],
};

function event(externalId: string, amount = 500): ServiceEventInput {
  return {
    source: 'gibdd',
    externalId,
    category: NotificationCategory.TRAFFIC_FINES,
    subject: { kind: SubjectKind.VEHICLE_PLATE, value: 'А123ВС77' },
    title: 'Штраф',
    amount,
    occurredAt: new Date('2026-01-01T00:00:00Z'),
  };
}

function hashOf(input: ServiceEventInput): string {
  const check = validateServiceEvent(input, 0, new Date());
  if (!check.ok) {
    throw new Error('invalid fixture');
  }
  return check.value.contentHash;
}

describe(ServiceEventIngestService.name, () => {
  const em = {} as EntityManager;
  const tx = { run: jest.fn((work: (e: EntityManager) => unknown) => work(em)) };
  let findByKeys: jest.Mock;
  let upsertMany: jest.Mock;
  let enqueue: jest.Mock;
  let findByClient: jest.Mock;
  let service: ServiceEventIngestService;

  beforeEach(() => {
    findByKeys = jest.fn();
    upsertMany = jest.fn().mockResolvedValue(undefined);
    enqueue = jest.fn().mockResolvedValue(undefined);
    findByClient = jest.fn().mockResolvedValue(['gibdd']);
    service = new ServiceEventIngestService(
      tx as unknown as TransactionRunner,
      { findByKeys, upsertMany } as unknown as ServiceEventRepository,
      { findByClient } as unknown as EventSourceRepository,
      { enqueue } as unknown as ServiceEventQueue,
    );
  });

  it('should refuse callers without events:write before reading anything', async () => {
    const user: AuthPrincipal = { ...CLIENT, kind: 'user', userId: 'u', scopes: [] };
    await expect(service.ingest(user, [event('1')])).rejects.toMatchObject({
      code: 'FORBIDDEN',
      subCode: 'EVENTS_SCOPE_REQUIRED',
    });
    await expect(
      service.ingest({ ...CLIENT, scopes: ['messages:write'] }, [event('1')]),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(findByKeys).not.toHaveBeenCalled();
  });

  it('should refuse an invalid batch without opening a transaction', async () => {
    tx.run.mockClear();
    await expect(
      service.ingest(CLIENT, [event('1'), { ...event('2'), title: '' }]),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      extras: { fields: [{ field: 'events[1].title', message: expect.any(String) }] },
    });
    expect(tx.run).not.toHaveBeenCalled();
  });

  it('should write new and changed events, skip unchanged ones and queue the new revisions', async () => {
    findByKeys.mockResolvedValue([
      {
        id: 'e-same',
        source: 'gibdd',
        externalId: 'same',
        contentHash: hashOf(event('same')),
        revision: 1,
        clientId: 'client-1',
        subjectKind: 'VEHICLE_PLATE',
        subjectValue: 'А123ВС77',
      },
      {
        id: 'e-changed',
        source: 'gibdd',
        externalId: 'changed',
        contentHash: 'old',
        revision: 4,
        clientId: null,
        subjectKind: 'VEHICLE_PLATE',
        subjectValue: 'А123ВС77',
      },
    ]);
    const result = await service.ingest(CLIENT, [
      event('same'),
      event('changed', 100),
      event('new'),
    ]);
    expect(result).toEqual({ accepted: 2, duplicates: 1 });
    const written = upsertMany.mock.calls[0][1] as {
      id: string;
      externalId: string;
      clientId: string;
    }[];
    expect(written.map((w) => [w.externalId, w.clientId])).toEqual([
      ['changed', 'client-1'],
      ['new', 'client-1'],
    ]);
    expect(written[0].id).toBe('e-changed');
    const jobs = enqueue.mock.calls[0][0] as { eventId: string; revision: number }[];
    expect(jobs).toEqual([
      { eventId: 'e-changed', revision: 5 },
      { eventId: written[1].id, revision: 1 },
    ]);
  });

  it('should answer even when queueing fails after the commit (the sweeper repairs it)', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    findByKeys.mockResolvedValue([]);
    enqueue.mockRejectedValue(new Error('redis down'));
    await expect(service.ingest(CLIENT, [event('x')])).resolves.toEqual({
      accepted: 1,
      duplicates: 0,
    });
  });

  it('should refuse the whole batch when one event names a source the client was not given', async () => {
    await expect(
      service.ingest(CLIENT, [event('1'), { ...event('2'), source: 'mosvodokanal' }]),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      subCode: 'EVENT_SOURCE_NOT_ALLOWED',
      extras: { fields: [{ field: 'events[1].source', message: expect.any(String) }] },
    });
    expect(findByClient).toHaveBeenCalledWith(em, 'client-1', true);
    expect(upsertMany).not.toHaveBeenCalled();
    expect(enqueue).not.toHaveBeenCalled();
  });

  it("should refuse the whole batch when an event is another client's", async () => {
    findByKeys.mockResolvedValue([
      {
        id: 'e-theirs',
        source: 'gibdd',
        externalId: 'theirs',
        contentHash: 'old',
        revision: 1,
        clientId: 'client-2',
        subjectKind: 'VEHICLE_PLATE',
        subjectValue: 'А123ВС77',
      },
    ]);
    await expect(service.ingest(CLIENT, [event('mine'), event('theirs')])).rejects.toMatchObject({
      code: 'FORBIDDEN',
      subCode: 'EVENT_OWNED_BY_ANOTHER_CLIENT',
      extras: { fields: [{ field: 'events[1].externalId', message: expect.any(String) }] },
    });
    expect(upsertMany).not.toHaveBeenCalled();
    expect(enqueue).not.toHaveBeenCalled();
  });

  it('should record the revision that changes the subject of a stored event', async () => {
    findByKeys.mockResolvedValue([
      {
        id: 'e-1',
        source: 'gibdd',
        externalId: 'moved',
        contentHash: 'old',
        revision: 2,
        clientId: 'client-1',
        subjectKind: 'VEHICLE_PLATE',
        subjectValue: 'В456ОР99',
      },
      {
        id: 'e-2',
        source: 'gibdd',
        externalId: 'kept',
        contentHash: 'old',
        revision: 2,
        clientId: 'client-1',
        subjectKind: 'VEHICLE_PLATE',
        subjectValue: 'А123ВС77',
      },
    ]);
    await service.ingest(CLIENT, [event('moved'), event('kept'), event('fresh')]);
    const written = upsertMany.mock.calls[0][1] as { subjectChangedRevision: number | null }[];
    expect(written.map((w) => w.subjectChangedRevision)).toEqual([3, null, null]);
  });
});
