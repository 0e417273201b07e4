import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthPrincipal } from '../../shared/auth';
import { TransactionRunner } from '../../core/database/transaction-runner';
import { FILE_STORAGE, StoredObjectNotFoundError } from '../files';
import type { FileStorage } from '../files';
import { DataAccessAction, DataAccessLogService } from '../audit';
import { accountOwnerId, TrustedSnilsRepository } from '../identity';
import { DataExportClock } from './data-export.clock';
import { DataExportStatus } from './data-export.enums';
import { DataExportException } from './data-export.exception';
import { DataExportRepository } from './data-export.repository';
import { DataExportEntity } from './entities/data-export.entity';
import { DataExportLinks } from './files/data-export-links';
import { DataExport } from './graphql/data-export.type';
import { DataExportQueue } from './jobs/data-export.queue';

// One export per 24 hours (a build reads every table of the person): counted from the request.
export const EXPORT_PERIOD_MS = 24 * 3600 * 1000;

// What the access log names for an export: the kinds of data in the archive.
export const EXPORTED_KINDS = [
  'account',
  'profile',
  'documents',
  'applications',
  'vehicles',
  'children',
  'sessions',
  'notifications',
  'subscriptions',
  'widgets',
  'memberships',
  'invitations',
  'dataAccessLog',
];

const EXPORT_PURPOSE = 'Выгрузка всех данных по запросу владельца (152-ФЗ, ст. 14)';
const DOWNLOAD_PURPOSE = 'Скачивание выгрузки данных';

/** An export's archive, opened for its owner. */
export interface OpenedExport {
  stream: Readable;
  fileName: string;
  size: number | null;
}

/** Requests, reads, downloads and purges of personal-data exports (the build is in jobs/). */
@Injectable()
export class DataExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly exports: DataExportRepository,
    private readonly accounts: TrustedSnilsRepository,
    private readonly log: DataAccessLogService,
    private readonly queue: DataExportQueue,
    private readonly links: DataExportLinks,
    private readonly clock: DataExportClock,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  /**
   * The person's export in progress or still downloadable, or a new one. A new one is refused
   * within 24 hours of the previous request (a FAILED or early-expired one included).
   */
  async request(principal: AuthPrincipal, ip: string | null): Promise<DataExport> {
    const userId = accountOwnerId(principal);
    const now = this.clock.now();
    const { row, created } = await this.tx.run(async (em) => {
      // One request of a person at a time: two tabs asking at once get the same export.
      await this.accounts.lockAccount(em, userId);
      const latest = await this.exports.findLatest(em, userId);
      if (latest && isAvailable(latest, now)) {
        return { row: latest, created: false };
      }
      if (latest && latest.requestedAt.getTime() + EXPORT_PERIOD_MS > now.getTime()) {
        throw DataExportException.dailyLimit(
          new Date(latest.requestedAt.getTime() + EXPORT_PERIOD_MS),
          now,
        );
      }
      const fresh = Object.assign(new DataExportEntity(), {
        id: randomUUID(),
        userId,
        status: DataExportStatus.QUEUED,
        requestedAt: now,
        readyAt: null,
        expiresAt: null,
        storageKey: null,
        sizeBytes: null,
        sha256: null,
        updatedAt: now,
      });
      await this.exports.insert(em, fresh);
      await this.log.record(em, {
        ...DataAccessLogService.self(
          principal,
          userId,
          DataAccessAction.EXPORT,
          EXPORTED_KINDS,
          ip,
        ),
        purpose: EXPORT_PURPOSE,
      });
      return { row: fresh, created: true };
    });
    if (created) {
      // After commit; a lost enqueue is queued again by DataExportSweeper.
      await this.queue.ensureQueued(row.id);
    }
    return this.toView(row, now);
  }

  /** The person's latest export, if any. */
  async latest(principal: AuthPrincipal): Promise<DataExport | null> {
    const userId = accountOwnerId(principal);
    const row = await this.exports.findLatest(this.dataSource.manager, userId);
    return row ? this.toView(row, this.clock.now()) : null;
  }

  /**
   * The archive for its owner holding a valid link. Someone else's export is NOT_FOUND whatever
   * the link (its existence is not revealed); each download is logged.
   */
  async open(
    principal: AuthPrincipal,
    id: string,
    expires: unknown,
    signature: unknown,
    ip: string | null,
  ): Promise<OpenedExport> {
    const userId = accountOwnerId(principal);
    const now = this.clock.now();
    const row = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.exports.findOwned(this.dataSource.manager, id, userId)
      : null;
    if (!row) {
      throw DataExportException.notFound();
    }
    this.links.verify(row.id, userId, expires, signature, now);
    if (!isAvailable(row, now) || row.status !== DataExportStatus.READY || !row.storageKey) {
      throw DataExportException.linkExpired();
    }
    let stream: Readable;
    try {
      stream = await this.storage.openRead(row.storageKey);
    } catch (error) {
      if (error instanceof StoredObjectNotFoundError) {
        throw DataExportException.linkExpired();
      }
      throw error;
    }
    await this.log.record(this.dataSource.manager, {
      ...DataAccessLogService.self(principal, userId, DataAccessAction.READ, EXPORTED_KINDS, ip),
      purpose: DOWNLOAD_PURPOSE,
    });
    const day = row.requestedAt.toISOString().slice(0, 10);
    return {
      stream,
      fileName: `kabinet-data-${day}.zip`,
      size: row.sizeBytes === null ? null : Number(row.sizeBytes),
    };
  }

  /** Account deletion: the rows in its transaction, then the archives (keys read first). */
  async purge(em: EntityManager, userId: string): Promise<void> {
    const rows = await this.exports.findByUser(em, userId);
    await this.exports.deleteByUser(em, userId);
    for (const row of rows) {
      if (row.storageKey) {
        await this.storage.delete(row.storageKey);
      }
    }
  }

  toView(row: DataExportEntity, now: Date): DataExport {
    const ready = row.status === DataExportStatus.READY && isAvailable(row, now);
    const link =
      ready && row.expiresAt ? this.links.sign(row.id, row.userId, row.expiresAt, now) : null;
    return Object.assign(new DataExport(), {
      id: row.id,
      status:
        row.status === DataExportStatus.READY && !ready ? DataExportStatus.EXPIRED : row.status,
      requestedAt: row.requestedAt,
      readyAt: row.readyAt,
      downloadUrl: link?.url ?? null,
      expiresAt: ready ? row.expiresAt : null,
    });
  }
}

/** In progress, or ready and still within its download time. */
export function isAvailable(row: DataExportEntity, now: Date): boolean {
  switch (row.status) {
    case DataExportStatus.QUEUED:
    case DataExportStatus.PROCESSING:
      return true;
    case DataExportStatus.READY:
      return row.expiresAt !== null && row.expiresAt.getTime() > now.getTime();
    case DataExportStatus.FAILED:
    case DataExportStatus.EXPIRED:
      return false;
  }
}
