import { Global, Module } from '@nestjs/common';
import { RemoteWorkReportEvents } from './report-status.events';

// Global and free of other modules' dependencies, so a consumer (webhooks) injects
// RemoteWorkReportEvents without importing the reports module, which imports organizations.
@Global()
@Module({ providers: [RemoteWorkReportEvents], exports: [RemoteWorkReportEvents] })
export class RemoteWorkReportEventsModule {}
