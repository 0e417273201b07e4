import { Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { FileUpload } from 'graphql-upload/Upload.mjs';
import type { DataSource } from 'typeorm';
import { strictFn as strict } from '../../../../test/support/unit';
import type { AuthPrincipal } from '../../../shared/auth';
import { StorageLimitExceededError } from '../../files';
import type { FileStorage } from '../../files';
import type { RemoteWorkReportEntity } from '../entities/remote-work-report.entity';
import type { RemoteWorkReportEvents } from '../events/report-status.events';
import type { ReportStatusOutbox } from '../events/report-status.outbox';
import type { RemoteWorkReport } from '../graphql/remote-work-report.type';
import type { RemoteWorkReportQueue } from '../jobs/remote-work-report.queue';
import type { RemoteWorkReportQueryService } from '../queries/remote-work-report-query.service';
import { ReportStatus } from '../remote-work-report.enums';
import type { RemoteWorkReportRepository } from '../repositories/remote-work-report.repository';
import type { ReportAccess } from '../report-access.service';
import {
  cleanFileName,
  RemoteWorkReportSubmissionService,
} from './remote-work-report-submission.service';
import type { ReportInsertBatch } from './report-insert.batch';

const TX = { tx: true };
const ORG = '6a1f0c57-3f5e-4a43-9d2e-0a5c1d7b9e21';
const USER = 'c7a4e2d1-0b9f-4c3e-8a7d-1e2f3a4b5c6d';
const SHA = 'a'.repeat(64);
const principal = { kind: 'user', userId: USER, organizationId: ORG } as AuthPrincipal;

function upload(name = 'Отчёт.xlsx'): FileUpload {
  return {
    filename: name,
    mimetype: 'application/octet-stream',
    encoding: '7bit',
    createReadStream: () => Readable.from([Buffer.from('xlsx')]),
  };
}

describe(RemoteWorkReportSubmissionService.name, () => {
  let access: { forWrite: jest.Mock };
  let reports: { findBySha256: jest.Mock; transition: jest.Mock };
  let inserts: { insert: jest.Mock };
  let query: { findInOrganization: jest.Mock; toView: jest.Mock };
  let queue: { ensureQueued: jest.Mock; enqueue: jest.Mock };
  let events: { statusChanged: jest.Mock };
  let outbox: { record: jest.Mock };
  let storage: { putStream: jest.Mock; delete: jest.Mock };
  let service: RemoteWorkReportSubmissionService;
  const view = { id: 'view' } as RemoteWorkReport;

  beforeEach(() => {
    jest.useFakeTimers({
      now: new Date('2026-11-24T10:00:00Z'),
      doNotFake: ['nextTick', 'setImmediate'],
    });
    access = { forWrite: strict() };
    reports = { findBySha256: strict(), transition: strict() };
    inserts = { insert: strict() };
    query = { findInOrganization: strict(), toView: strict() };
    queue = { ensureQueued: strict(), enqueue: strict() };
    events = { statusChanged: strict() };
    storage = { putStream: strict(), delete: strict() };
    outbox = { record: strict() };
    service = new RemoteWorkReportSubmissionService(
      access as unknown as ReportAccess,
      {
        manager: {},
        transaction: (work: (em: unknown) => Promise<unknown>) => work(TX),
      } as unknown as DataSource,
      reports as unknown as RemoteWorkReportRepository,
      inserts as unknown as ReportInsertBatch,
      query as unknown as RemoteWorkReportQueryService,
      queue as unknown as RemoteWorkReportQueue,
      events as unknown as RemoteWorkReportEvents,
      outbox as unknown as ReportStatusOutbox,
      storage as unknown as FileStorage,
      { maxBytes: 1000 } as never,
    );
    access.forWrite.mockResolvedValue({
      organizationId: ORG,
      membership: { userId: USER },
      apiClientId: null,
    });
  });

  afterEach(() => jest.useRealTimers());

  it('should store the file, record it QUEUED for the next Monday, announce it, then enqueue it', async () => {
    storage.putStream.mockResolvedValue({ size: 4, sha256: SHA });
    inserts.insert.mockResolvedValue(undefined);
    query.toView.mockReturnValue(view);
    const order: string[] = [];
    events.statusChanged.mockImplementation(() => order.push('announced'));
    queue.enqueue.mockImplementation(() => Promise.resolve(order.push('enqueued')));

    expect(await service.submit(principal, upload(), undefined)).toBe(view);

    const [key, , options] = storage.putStream.mock.calls[0] as [string, unknown, unknown];
    expect(key).toMatch(/^remote-work-reports\/([0-9a-f]{2})\/\1[0-9a-f-]{34}\.original\.xlsx$/);
    expect(options).toEqual({ maxBytes: 1000 });
    const [entity] = inserts.insert.mock.calls[0] as [RemoteWorkReportEntity];
    expect(entity).toMatchObject({
      organizationId: ORG,
      // Tuesday 13:00 Moscow time: the report is for the coming Monday.
      reportingWeek: '2026-11-30',
      status: ReportStatus.QUEUED,
      fileName: 'Отчёт.xlsx',
      fileSize: 4,
      sha256: SHA,
      originalKey: key,
      submittedByUserId: USER,
      apiClientId: null,
    });
    expect(entity.submittedAt).toEqual(new Date('2026-11-24T10:00:00Z'));
    expect(entity.createdAt).toEqual(entity.submittedAt);
    // The answer and the announcement come from the inserted row, without reading it back.
    expect(query.toView).toHaveBeenCalledWith({ entity, superseded: false });
    expect(events.statusChanged).toHaveBeenCalledWith(view);
    expect(queue.enqueue).toHaveBeenCalledWith(entity.id);
    expect(order).toEqual(['announced', 'enqueued']);
  });

  it('should refuse a week that is not a Monday before storing anything', async () => {
    await expect(service.submit(principal, upload(), '2026-11-24')).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'WEEK_NOT_MONDAY',
      extras: { fields: [expect.objectContaining({ field: 'week' })] },
    });
  });

  it('should answer PAYLOAD_TOO_LARGE when the storage limit or the upload limit is hit', async () => {
    storage.putStream.mockRejectedValueOnce(new StorageLimitExceededError(1000));
    await expect(service.submit(principal, upload(), '2026-11-23')).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
    storage.putStream.mockRejectedValueOnce(Object.assign(new Error('too big'), { status: 413 }));
    await expect(service.submit(principal, upload(), '2026-11-23')).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('should return the existing report for the same bytes and week, dropping the new copy', async () => {
    storage.putStream.mockResolvedValue({ size: 4, sha256: SHA });
    inserts.insert.mockRejectedValue(Object.assign(new Error('dup'), { errno: 1062 }));
    reports.findBySha256.mockResolvedValue({ id: 'r1', organizationId: ORG, status: 'ACCEPTED' });
    storage.delete.mockResolvedValue(undefined);
    query.findInOrganization.mockResolvedValue(view);

    expect(await service.submit(principal, upload(), '2026-11-23')).toBe(view);
    expect(storage.delete).toHaveBeenCalledWith(storage.putStream.mock.calls[0][0]);
    expect(query.findInOrganization).toHaveBeenCalledWith(ORG, 'r1');
    expect(reports.findBySha256).toHaveBeenCalledWith({}, ORG, '2026-11-23', SHA);
  });

  it('should drop the stored copy and fail when the report cannot be recorded', async () => {
    storage.putStream.mockResolvedValue({ size: 4, sha256: SHA });
    inserts.insert.mockRejectedValue(new Error('connection lost'));
    storage.delete.mockResolvedValue(undefined);

    await expect(service.submit(principal, upload(), '2026-11-23')).rejects.toThrow(
      'connection lost',
    );
    expect(storage.delete).toHaveBeenCalledWith(storage.putStream.mock.calls[0][0]);
  });

  it('should queue a FAILED report again when the same file is uploaded again', async () => {
    storage.putStream.mockResolvedValue({ size: 4, sha256: SHA });
    inserts.insert.mockRejectedValue(Object.assign(new Error('dup'), { errno: 1062 }));
    reports.findBySha256.mockResolvedValue({ id: 'r1', organizationId: ORG, status: 'FAILED' });
    storage.delete.mockResolvedValue(undefined);
    reports.transition.mockResolvedValue(true);
    outbox.record.mockResolvedValue(undefined);
    query.findInOrganization.mockResolvedValue(view);
    events.statusChanged.mockResolvedValue(undefined);
    queue.ensureQueued.mockResolvedValue(true);

    await service.submit(principal, upload(), '2026-11-23');
    // QUEUED again and its outbox row (webhooks) in one transaction.
    expect(outbox.record).toHaveBeenCalledWith(TX, 'r1', ReportStatus.QUEUED, expect.any(Date));
    expect(reports.transition).toHaveBeenCalledWith(
      TX,
      'r1',
      [ReportStatus.FAILED],
      ReportStatus.QUEUED,
      expect.objectContaining({ errorCode: null, sheetIssues: null, attempts: 0 }),
    );
    expect(queue.ensureQueued).toHaveBeenCalledWith('r1');
  });

  it('should return the winner when the same bytes were inserted by a concurrent request', async () => {
    storage.putStream.mockResolvedValue({ size: 4, sha256: SHA });
    reports.findBySha256.mockResolvedValue({ id: 'r2', organizationId: ORG, status: 'QUEUED' });
    inserts.insert.mockRejectedValue(Object.assign(new Error('dup'), { errno: 1062 }));
    storage.delete.mockResolvedValue(undefined);
    query.findInOrganization.mockResolvedValue(view);

    expect(await service.submit(principal, upload(), '2026-11-23')).toBe(view);
    expect(query.findInOrganization).toHaveBeenCalledWith(ORG, 'r2');
  });

  it('should still answer QUEUED when Redis is down (the reconciler enqueues later)', async () => {
    storage.putStream.mockResolvedValue({ size: 4, sha256: SHA });
    inserts.insert.mockResolvedValue(undefined);
    query.toView.mockReturnValue(view);
    events.statusChanged.mockResolvedValue(undefined);
    queue.enqueue.mockRejectedValue(new Error('ECONNREFUSED'));
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

    expect(await service.submit(principal, upload(), '2026-11-23')).toBe(view);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});

describe(cleanFileName.name, () => {
  it('should keep the name only, without control or bidi characters', () => {
    expect(cleanFileName('C:\\Users\\hr\\Отчёт.xlsx')).toBe('Отчёт.xlsx');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('evil\u202Excod.xlsx\u0000')).toBe('evilxcod.xlsx');
    expect(cleanFileName('   ')).toBe('report.xlsx');
    expect(cleanFileName(undefined)).toBe('report.xlsx');
  });
});
