import { Module } from '@nestjs/common';
import { MetricsCollector } from './metrics.collector';
import { WorkerMetricsServer } from './worker-metrics.server';

/** The worker role's metrics: job timings and queue depths on WORKER_METRICS_PORT. */
@Module({ providers: [MetricsCollector, WorkerMetricsServer] })
export class WorkerMetricsModule {}
