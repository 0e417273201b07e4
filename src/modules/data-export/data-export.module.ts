import { BullModule } from '@nestjs/bull';
import { Module, OnModuleInit } from '@nestjs/common';
import { QueueName } from '../../queues/queue-names';
import { workerProviders } from '../../queues/worker-providers';
import { StorageModule } from '../files';
import { AuditModule } from '../audit';
import { AuthModule } from '../auth';
import { AccountDeletionRegistry, IdentityModule } from '../identity';
import { NotificationsModule } from '../notifications';
import { OrganizationsModule } from '../organizations';
import { ProfileModule } from '../profile';
import { WidgetsModule } from '../widgets';
import { DataExportClock } from './data-export.clock';
import { DataExportRepository } from './data-export.repository';
import { DataExportResolver } from './data-export.resolver';
import { DataExportService } from './data-export.service';
import { DataExportFilesController } from './files/data-export-files.controller';
import { DataExportLinks } from './files/data-export-links';
import { BuildDataExportProcessor } from './jobs/build-data-export.processor';
import { DataExportBuilder } from './jobs/data-export-builder.service';
import { DataExportQueue } from './jobs/data-export.queue';
import { DataExportSweeper } from './jobs/data-export.sweeper';

/**
 * «What do you hold about me» (152-FZ art. 14): `requestMyDataExport`, the build in the worker
 * from every module's exporter, and the owner-only download of the archive.
 */
@Module({
  imports: [
    BullModule.registerQueue({ name: QueueName.DataExports }),
    StorageModule,
    IdentityModule,
    AuditModule,
    AuthModule,
    ProfileModule,
    NotificationsModule,
    WidgetsModule,
    OrganizationsModule,
  ],
  controllers: [DataExportFilesController],
  providers: [
    DataExportClock,
    DataExportRepository,
    DataExportLinks,
    DataExportQueue,
    DataExportService,
    DataExportResolver,
    ...workerProviders(DataExportBuilder, BuildDataExportProcessor, DataExportSweeper),
  ],
})
export class DataExportModule implements OnModuleInit {
  constructor(
    private readonly deletion: AccountDeletionRegistry,
    private readonly exports: DataExportService,
  ) {}

  // A deleted account's exports go with it: rows and archives.
  onModuleInit(): void {
    this.deletion.register({ purge: (em, userId) => this.exports.purge(em, userId) });
  }
}
