import { Module } from '@nestjs/common';
import { PlatformRolesModule } from '../platform-roles';
import { QueueDashboardAccessMiddleware } from './queue-dashboard.middleware';
import { QueueDashboard } from './queue-dashboard.service';

/** Bull Board at /admin/queues for platform administrators (mounted by the HTTP bootstrap). */
@Module({
  imports: [PlatformRolesModule],
  providers: [QueueDashboardAccessMiddleware, QueueDashboard],
  exports: [QueueDashboard],
})
export class QueueDashboardModule {}
