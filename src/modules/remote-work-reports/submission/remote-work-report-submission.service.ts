import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { posix } from 'node:path';
import type { FileUpload } from 'graphql-upload/Upload.mjs';
import { DataSource } from 'typeorm';
import { reportsConfig } from '../../../config/configuration';
import type { AuthPrincipal } from '../../../shared/auth';
import { FILE_STORAGE, StorageLimitExceededError } from '../../files';
import type { FileStorage, StoredObject } from '../../files';
import type { OrganizationActor } from '../../organizations';
import { RemoteWorkReportEntity } from '../entities/remote-work-report.entity';
import { RemoteWorkReportEvents } from '../events/report-status.events';
import { ReportStatusOutbox } from '../events/report-status.outbox';
import { reportFileKey } from '../files/report-file-key';
import type { RemoteWorkReport } from '../graphql/remote-work-report.type';
import { RemoteWorkReportQueue } from '../jobs/remote-work-report.queue';
import { RemoteWorkReportQueryService } from '../queries/remote-work-report-query.service';
import { ReportStatus } from '../remote-work-report.enums';
import { RemoteWorkReportException } from '../remote-work-report.exception';
import { RemoteWorkReportRepository } from '../repositories/remote-work-report.repository';
import { ReportAccess } from '../report-access.service';
import { defaultReportingWeek, isMonday } from '../reporting-week';
import { ReportInsertBatch } from './report-insert.batch';
import { isDuplicateKey } from '../../../shared/database/duplicate-key';

const DEFAULT_FILE_NAME = 'report.xlsx';
// Control and bidi-override characters have no place in a file name shown to people.
const UNSAFE_NAME_CHARACTERS = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** The name as shown and sent back in Content-Disposition: no path, no control characters. */
export function cleanFileName(name: string | undefined): string {
  const base = posix.basename((name ?? '').replace(/\\/g, '/'));
  const clean = base.replace(UNSAFE_NAME_CHARACTERS, '').trim();
  return clean ? Array.from(clean).slice(0, 200).join('') : DEFAULT_FILE_NAME;
}

/**
 * `submitRemoteWorkReport`: stores the upload (size-limited and hashed while streaming), records
 * the report as QUEUED with its receipt time and enqueues processing. Nothing is parsed here, so
 * the answer stays fast under a deadline-day burst.
 */
@Injectable()
export class RemoteWorkReportSubmissionService {
  private readonly logger = new Logger(RemoteWorkReportSubmissionService.name);

  constructor(
    private readonly access: ReportAccess,
    private readonly dataSource: DataSource,
    private readonly reports: RemoteWorkReportRepository,
    private readonly inserts: ReportInsertBatch,
    private readonly query: RemoteWorkReportQueryService,
    private readonly queue: RemoteWorkReportQueue,
    private readonly events: RemoteWorkReportEvents,
    private readonly outbox: ReportStatusOutbox,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(reportsConfig.KEY) private readonly config: ConfigType<typeof reportsConfig>,
  ) {}

  async submit(
    principal: AuthPrincipal,
    file: FileUpload,
    week: string | undefined,
  ): Promise<RemoteWorkReport> {
    const actor = await this.access.forWrite(principal);
    const reportingWeek = week ?? defaultReportingWeek(new Date());
    if (!isMonday(reportingWeek)) {
      throw RemoteWorkReportException.weekNotMonday(reportingWeek);
    }
    const id = randomUUID();
    const originalKey = reportFileKey(id, 'original');
    const stored = await this.store(originalKey, file);
    const submittedAt = new Date();

    const em = this.dataSource.manager;
    const report = this.newReport(actor, id, reportingWeek, file, stored, originalKey, submittedAt);
    // Inserted straight away: the unique (organization, week, sha256) key finds a byte-identical
    // upload (an earlier one, or a concurrent request's) for one round trip in the rare case
    // instead of a look-up on every upload.
    try {
      await this.inserts.insert(report);
    } catch (error) {
      await this.storage.delete(originalKey);
      const existing = isDuplicateKey(error)
        ? await this.reports.findBySha256(em, actor.organizationId, reportingWeek, stored.sha256)
        : null;
      if (!existing) {
        throw error;
      }
      return this.resubmitted(existing);
    }
    // The view is what was just inserted: no later report of the week can supersede one that
    // has only now been received.
    const view = this.query.toView({ entity: report, superseded: false });
    // Its id is new, so no job can exist under it yet: a plain add, without the look-up.
    await this.announceAndEnqueue(view, () => this.queue.enqueue(id));
    return view;
  }

  // A byte-identical file for the same week returns the report it already made. One that FAILED
  // on an internal fault is queued again: uploading it again is how the user retries.
  private async resubmitted(report: RemoteWorkReportEntity): Promise<RemoteWorkReport> {
    if (report.status !== ReportStatus.FAILED) {
      return this.query.findInOrganization(report.organizationId, report.id);
    }
    const now = new Date();
    const requeued = await this.dataSource.transaction(async (em) => {
      const moved = await this.reports.transition(
        em,
        report.id,
        [ReportStatus.FAILED],
        ReportStatus.QUEUED,
        {
          errorCode: null,
          // The PROCESSING_FAILED issue of the failed tries does not stand for the new ones.
          sheetIssues: null,
          processedAt: null,
          attempts: 0,
          updatedAt: now,
        },
      );
      if (moved) {
        await this.outbox.record(em, report.id, ReportStatus.QUEUED, now);
      }
      return moved;
    });
    const view = await this.query.findInOrganization(report.organizationId, report.id);
    if (requeued) {
      // A finished job may still sit under its id: ensureQueued replaces it.
      await this.announceAndEnqueue(view, () => this.queue.ensureQueued(report.id));
    }
    return view;
  }

  // QUEUED is announced before the job exists, so no subscriber sees PROCESSING before QUEUED.
  // If Redis is down the report stays QUEUED in MySQL and the reconciler enqueues it later.
  private async announceAndEnqueue(
    view: RemoteWorkReport,
    enqueue: () => Promise<unknown>,
  ): Promise<void> {
    await this.events.statusChanged(view);
    try {
      await enqueue();
    } catch (error) {
      this.logger.error(
        { err: error, reportId: view.id },
        'report not enqueued; the reconciler will',
      );
    }
  }

  private async store(key: string, file: FileUpload): Promise<StoredObject> {
    try {
      const upload = file.createReadStream();
      // The body may already be cut at the size limit (it arrives whole while the caller's right
      // to upload is checked): the reader is destroyed before storage reads it. Its error is kept
      // on the stream and reported by the read below; this listener only keeps it from being an
      // unhandled 'error' event in the meantime.
      upload.on('error', () => undefined);
      return await this.storage.putStream(key, upload, {
        maxBytes: this.config.maxBytes,
      });
    } catch (error) {
      // The upload middleware stops the stream with HTTP 413 past the same limit.
      if (
        error instanceof StorageLimitExceededError ||
        (error as { status?: unknown }).status === 413
      ) {
        throw RemoteWorkReportException.fileTooLarge(this.config.maxBytes);
      }
      throw error;
    }
  }

  private newReport(
    actor: OrganizationActor,
    id: string,
    reportingWeek: string,
    file: FileUpload,
    stored: StoredObject,
    originalKey: string,
    submittedAt: Date,
  ): RemoteWorkReportEntity {
    return Object.assign(new RemoteWorkReportEntity(), {
      id,
      organizationId: actor.organizationId,
      reportingWeek,
      status: ReportStatus.QUEUED,
      revision: 0,
      submittedAt,
      processedAt: null,
      fileName: cleanFileName(file.filename),
      fileSize: stored.size,
      sha256: stored.sha256,
      originalKey,
      resultKey: null,
      totalEmployees: null,
      remoteEmployees: null,
      rowsTotal: null,
      rowsAccepted: null,
      rowsRejected: null,
      sheetIssues: null,
      errorCode: null,
      attempts: 0,
      submittedByUserId: actor.membership?.userId ?? null,
      apiClientId: actor.apiClientId,
      createdAt: submittedAt,
      updatedAt: submittedAt,
    });
  }
}
