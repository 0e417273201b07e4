import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsCollector } from './metrics.collector';
import { MetricsController } from './metrics.controller';

/** GET /metrics and the HTTP timing middleware. */
@Module({ controllers: [MetricsController], providers: [MetricsCollector] })
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
