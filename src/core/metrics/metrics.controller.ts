import { timingSafeEqual } from 'node:crypto';
import {
  Controller,
  Get,
  Header,
  Headers,
  Inject,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
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
import { Public, TokenVerifier } from '../../shared/auth/index';
import { MetricsCollector } from './metrics.collector';
import { metricsRegistry } from './metrics';

/** Whether a presented value equals the expected secret, in time independent of where they differ. */
export function sameSecret(presented: string | null, expected: string): boolean {
  if (presented === null) {
    return false;
  }
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Prometheus text (METRICS_ENABLED). With METRICS_TOKEN set, only `Authorization: Bearer
 * <METRICS_TOKEN>` gets it (401 otherwise); without it, the route must be kept inside the network.
 */
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
  async metrics(@Headers('authorization') authorization?: string): Promise<string> {
    if (!this.app.metricsEnabled) {
      throw new NotFoundException();
    }
    if (
      this.app.metricsToken !== null &&
      !sameSecret(TokenVerifier.bearer(authorization), this.app.metricsToken)
    ) {
      throw new UnauthorizedException();
    }
    await this.collector.collect();
    return metricsRegistry.metrics();
  }
}
