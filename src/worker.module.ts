import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { PeriodicTasksModule } from './queues/periodic/periodic-tasks.module';
import { AppExceptionFilter } from './shared/errors';
import { WorkerMetricsModule } from './core/metrics/worker-metrics.module';
import { DOMAIN_MODULES, infrastructureImports } from './root-imports';

/**
 * The worker process (`main.worker.ts`): every queue's processors, the periodic tasks and the
 * report parser children; no HTTP server (metrics and health on WORKER_METRICS_PORT when set).
 */
@Module({})
export class WorkerModule {
  static forRoot(extra: Type[] = []): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ...infrastructureImports(),
        WorkerMetricsModule,
        PeriodicTasksModule,
        ...DOMAIN_MODULES,
        ...extra,
      ],
      providers: [{ provide: APP_FILTER, useClass: AppExceptionFilter }],
    };
  }
}
