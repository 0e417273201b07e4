import { Controller, Get, Header, NotFoundException } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { appConfig } from '../../config/configuration';
import { Public } from '../auth';
import { MetricsCollector } from './metrics.collector';
import { metricsRegistry } from './metrics';

/** Prometheus text, meant to be scraped from inside the network (METRICS_ENABLED). */
@ApiTags('operations')
@Controller('metrics')
@SkipThrottle()
export class MetricsController {
  constructor(
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    private readonly collector: MetricsCollector,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'HTTP and GraphQL latency, queue depths, job durations, DB pool. Meant to be scraped from ' +
      'inside the network; 404 when METRICS_ENABLED=false.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Prometheus text exposition format',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiNotFoundResponse({ description: 'Metrics are disabled' })
  @Header('Content-Type', metricsRegistry.contentType)
  async metrics(): Promise<string> {
    if (!this.app.metricsEnabled) {
      throw new NotFoundException();
    }
    await this.collector.collect();
    return metricsRegistry.metrics();
  }
}
