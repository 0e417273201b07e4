import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { dataExportConfig } from '../../../config/configuration';
import type { PersonalDataExporter, PersonalDataSection } from '../../../shared/personal-data';
import { FILE_STORAGE } from '../../files';
import type { FileStorage } from '../../files';
import { DataAccessLogExporter } from '../../audit';
import { SessionsDataExporter } from '../../auth';
import { IdentityDataExporter } from '../../identity';
import { NotificationsDataExporter } from '../../notifications';
import { MembershipsDataExporter } from '../../organizations';
import { ProfileDataExporter } from '../../profile';
import { WidgetsDataExporter } from '../../widgets';
import { DataExportClock } from '../data-export.clock';
import { DataExportStatus } from '../data-export.enums';
import { DataExportRepository } from '../data-export.repository';
import { archiveStream, buildWorkbook } from './data-export-archive';

/** The archive's order of kinds of data (each module's sections follow in its own order). */
const SECTION_ORDER = [
  'account',
  'profile',
  'documents',
  'applications',
  'vehicles',
  'children',
  'federated-identities',
  'sessions',
  'notifications',
  'subscriptions',
  'widgets',
  'memberships',
  'invitations',
  'data-access-log',
];

/**
 * Builds an export in the worker: every module's exporter reads in one REPEATABLE READ
 * transaction (one consistent picture), the ZIP streams into storage, then the row turns READY
 * with its 24 hours. Idempotent: an export no longer QUEUED/PROCESSING is left alone, and a
 * retried build writes the same key again.
 */
@Injectable()
export class DataExportBuilder {
  private readonly logger = new Logger(DataExportBuilder.name);
  private readonly exporters: PersonalDataExporter[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly exports: DataExportRepository,
    private readonly clock: DataExportClock,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(dataExportConfig.KEY) private readonly config: ConfigType<typeof dataExportConfig>,
    identity: IdentityDataExporter,
    profile: ProfileDataExporter,
    sessions: SessionsDataExporter,
    notifications: NotificationsDataExporter,
    widgets: WidgetsDataExporter,
    memberships: MembershipsDataExporter,
    accessLog: DataAccessLogExporter,
  ) {
    this.exporters = [identity, profile, sessions, notifications, widgets, memberships, accessLog];
  }

  async build(exportId: string): Promise<void> {
    const em = this.dataSource.manager;
    const row = await this.exports.findById(em, exportId);
    if (
      !row ||
      (row.status !== DataExportStatus.QUEUED && row.status !== DataExportStatus.PROCESSING)
    ) {
      return;
    }
    await this.exports.transition(em, row.id, [DataExportStatus.QUEUED], {
      status: DataExportStatus.PROCESSING,
      updatedAt: this.clock.now(),
    });
    const sections = await this.collect(row.userId);
    const generatedAt = this.clock.now();
    const workbook = await buildWorkbook(sections, generatedAt);
    const key = `data-exports/${row.userId}/${row.id}.zip`;
    const stored = await this.storage.putStream(key, archiveStream(sections, workbook));
    const readyAt = this.clock.now();
    const done = await this.exports.transition(
      em,
      row.id,
      [DataExportStatus.QUEUED, DataExportStatus.PROCESSING],
      {
        status: DataExportStatus.READY,
        readyAt,
        expiresAt: new Date(readyAt.getTime() + this.config.ttlMs),
        storageKey: key,
        sizeBytes: String(stored.size),
        sha256: stored.sha256,
        updatedAt: readyAt,
      },
    );
    if (!done) {
      // The account (and its export) went while the archive was written.
      await this.storage.delete(key);
      this.logger.log({ exportId }, 'export of a deleted account discarded');
    }
  }

  /** Marks an export whose build used up its attempts. */
  async fail(exportId: string): Promise<void> {
    await this.exports.transition(
      this.dataSource.manager,
      exportId,
      [DataExportStatus.QUEUED, DataExportStatus.PROCESSING],
      { status: DataExportStatus.FAILED, updatedAt: this.clock.now() },
    );
  }

  private async collect(userId: string): Promise<PersonalDataSection[]> {
    const sections = await this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const out: PersonalDataSection[] = [];
      // One after another: a transaction's connection runs one query at a time anyway.
      for (const exporter of this.exporters) {
        out.push(...(await exporter.exportFor(em, userId)));
      }
      return out;
    });
    const rank = (key: string) => {
      const i = SECTION_ORDER.indexOf(key);
      return i === -1 ? SECTION_ORDER.length : i;
    };
    return sections.sort((a, b) => rank(a.key) - rank(b.key));
  }
}
