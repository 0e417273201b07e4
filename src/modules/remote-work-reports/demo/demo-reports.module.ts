import { Module } from '@nestjs/common';
import { StorageModule } from '../../files';
import { RemoteWorkReportRepository } from '../repositories/remote-work-report.repository';
import { DemoReportSeeder } from './demo-report.seeder';

/** The module's demo data for `seed:demo`: imported by the CLI only, never by the app. */
@Module({
  imports: [StorageModule],
  providers: [RemoteWorkReportRepository, DemoReportSeeder],
  exports: [DemoReportSeeder],
})
export class DemoReportsModule {}
