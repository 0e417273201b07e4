export { QueueDashboard, QUEUE_DASHBOARD_PATH } from './queue-dashboard.service';
export { QueueDashboardModule } from './queue-dashboard.module';
